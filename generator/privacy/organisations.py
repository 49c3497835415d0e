"""Clubs, teams, employers, businesses, farms and congregations, by form and context.

No list knows the local football club or the bakery on the corner, but Dutch writes them in
a few recognisable ways:

- a club abbreviation or a kind word before a capitalised name: "VV Mirela Boys",
  "HC Oranje-Rood", "zwemclub De Dolfijn", "scoutinggroep Sint Joris", "Bakkerij Mulder";
- a team code with "van"/"bij": "JO9-3 van Mirela Boys", "D3 van HC Oranje";
- a verb of membership or work with "bij": "voetbalt bij Quick", "werkt bij Transport Dijkstra";
- a capitalised name before a kind word: "Dijkstra Transport", "Mulder Bouw B.V.".

A cue and a name together make an ``error``; a membership verb before a name that could
also be a public one (a chain or a national club) makes a ``check``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.privacy.countries import countries_and_languages, plain
from generator.privacy.entities import PLACE_ENDINGS, PLACE_HEAD, in_public_context, public_spans
from generator.privacy.finding import CHECK, Hit
from generator.privacy.lexicon import lexicon
from generator.privacy.tokens import FUNCTION_WORDS
from generator.privacy.words import famous_words, is_dutch

# A capitalised name of up to three words, optionally after an article: "De Dolfijn".
_CAP = r"[A-Z][\w'’&-]*"
# A surname's particles may stand inside: "Van der Plas", "Bakkerij Van den Berg & Zn.".
_NAME = (
    rf"(?:(?:De|Het|de|het|'t|St\.?|Sint)\s+)?{_CAP}"
    rf"(?:\s+(?:(?:van|der|den|de|ter|ten)\s+)*(?:{_CAP}|'\d\d|\d{{2,4}}))" + "{0,2}"
)

CLUB_ABBREVIATIONS = (
    r"(?:LMHC|HVV|SV|HC|MHC|KV|CKV|RKSV|RKVV|VVV|HV|ZV|ZPC|TC|LTC|GV|JC|AV|SC|FC|BC|VC|KNVB|"
    r"DTS|TTV|TV|KC|WSV|ZC|RSV|OSV|PSV|USV|ASV|HSV|DVS|GVV|TOP)"
)
CLUB_WORDS = (
    r"(?:[a-z]*club|[a-z]*vereniging|scouting(?:groep)?|scoutinggroep|dansschool|balletschool|"
    r"zwemschool|muziekschool|turnclub|judoschool|sportschool|manege|team|teams|elftal|"
    r"selectie|muziekvereniging|harmonie|fanfare|koor|kinderkoor|jeugdkoor|toneelvereniging)"
)
BUSINESS_WORDS = (
    r"(?:bakkerij|slagerij|kapsalon|kapper|garage|autobedrijf|[a-z]*bedrijf|bouwbedrijf|"
    r"transportbedrijf|schildersbedrijf|hoveniersbedrijf|installatiebedrijf|loonbedrijf|"
    r"restaurant|eetcafé|cafe|café|snackbar|cafetaria|pizzeria|lunchroom|supermarkt|winkel|"
    r"boerderij|zorgboerderij|melkveebedrijf|kwekerij|camping|hotel|pension|firma|fa\.|"
    r"tandartspraktijk|apotheek|drogisterij|bloemist|bloemenzaak|fietsenmaker|fietsenwinkel|"
    r"schoonmaakbedrijf|uitzendbureau|distributiecentrum|[a-z]*fabriek|werkplaats|"
    r"shoarma(?:zaak|bar)?|grillroom|döner|kebabzaak|toko|[a-z]*salon|nagelstudio|barbershop|"
    r"barbier|kapperszaak|[a-z]*verhuur|[a-z]*handel|kringloop(?:winkel)?|[a-z]*zaak|"
    r"groenteboer|viswinkel|bakker|slager|[a-z]*atelier|[a-z]*kwekerij|[a-z]*boerderij|"
    r"zorgcentrum|woonzorgcentrum|verpleeghuis|verzorgingshuis|dagbesteding|revalidatiecentrum|"
    r"kinderdagcentrum|gezinshuis|woongroep|stichting|vereniging|kerk|kerkgemeente|parochie|"
    r"gemeente|moskee|synagoge|tempel|gurdwara|pinkstergemeente|baptistengemeente)"
)
TRAILING_BUSINESS = (
    r"(?:B\.?V\.?|BV|V\.?O\.?F\.?|Transport|Bouw|Installatie|Installatietechniek|Logistiek|"
    r"Schilderwerken|Hoveniers|Groenvoorziening|Catering|Bakkerij|Slagerij|Autoschade|Zorg|"
    r"Kinderopvang|Administratie|Schoonmaak|Techniek|Holding|Groep)"
)

AFTER_CLUB_ABBREVIATION = re.compile(
    rf"\b(?:{CLUB_ABBREVIATIONS}|(?i:vv|sv|hc|mhc|lmhc|fc|rksv|rkvv|hvv|vvv))\s+{_NAME}"
)
AFTER_CLUB_WORD = re.compile(rf"\b(?i:{CLUB_WORDS})\s+{_NAME}")
TEAM_CODE = re.compile(
    rf"\b(?:(?:JO|MO|O)\d{{1,2}}(?:-\d{{1,2}})?|[A-F]\d{{1,2}}|[A-F]-(?:junioren|pupillen)|"
    rf"(?:mini|jongste|oudste)?\s?(?:pupillen|junioren|welpen|bevers|scouts|kabouters))"
    rf"\s+(?:van|bij)\s+{_NAME}"
)
AFTER_BUSINESS_WORD = re.compile(rf"\b(?i:{BUSINESS_WORDS}),?\s+{_NAME}")
BEFORE_BUSINESS = re.compile(rf"\b{_CAP}(?:\s+{_CAP})?\s+{TRAILING_BUSINESS}\b")
# Sports, hobbies and work followed by "bij" and a name: the club or employer.
MEMBERSHIP = re.compile(
    r"\b(?:voetbal(?:t|de|len)?|hockey(?:t|de|en)?|zwem(?:t|men)?|turn(?:t|en)?|dans(?:t|en)?|"
    r"korfbal(?:t|len)?|handbal(?:t|len)?|tennis(?:t|sen)?|judo(?:ot|ën)?|sport(?:t|en)?|"
    r"train(?:t|en)?|speelt|spelen|zit|zitten|is\s+lid|lid|werkt|werken|werkte|werkzaam|"
    r"in\s+dienst|stage|stageplek|vrijwilliger|vrijwilligerswerk|baan|bijbaan(?:tje)?|"
    r"kerkt|gaat\s+(?:elke\s+\w+\s+)?naar|(?:zwem|dans|muziek|gitaar|piano|judo|turn|paard|"
    r"rij|sport|voetbal|hockey|taal|teken)?(?:les|lessen|training|trainingen)|zwemdiploma|"
    r"hiphop|ballet|streetdance|(?:kick)?boks(?:t|en)?|karate|taekwondo|worstel(?:t|en)?|"
    r"schaak(?:t)?|schaken|roei(?:t|en)?|zeil(?:t|en)?|basketbal(?:t|len)?|volleybal(?:t|len)?|"
    r"honkbal(?:t|len)?|softbal(?:t|len)?|rugby(?:t|en)?|waterpolo(?:t|ën)?|atletiek|"
    r"hardlo(?:opt|pen)|turnles|gymt|fiets(?:t)?\s+wielrennen|wielren(?:t|nen))"
    r"\s+(?:(?:[\w'’]+\s+){0,5}?bij|(?:[\w'’]+\s+){0,2}?van)\s+"
    rf"({_NAME})"
)
# Work with up to six words before "bij": "werkt van 's middags tot middernacht bij ...".
WORK = re.compile(
    r"\b(?:werkt|werken|werkte|werkten|werkzaam|in\s+dienst|draait\s+diensten|bijbaan(?:tje)?|"
    r"loopt\s+stage|stage|vrijwilliger)\s+(?:[\w'’]+\s+){3,6}?bij\s+"
    rf"({_NAME})"
)
# Work "op" or "in" a named place that is no town: "werkt 's nachts op Schiphol", "werkt als
# schoonmaakster in het MST"; and a site "van" a company: "het sorteercentrum van PostNL".
WORK_AT = re.compile(
    r"\b(?:werkt|werken|werkte|werkten|werkzaam|draait\s+diensten)\s+(?:[\w'’]+\s+){0,4}?"
    r"(?:op|in)\s+(?:de\s+|het\s+|'t\s+)?([A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*)?)"
    r"|\b(?:sorteercentrum|distributiecentrum|magazijn|fabriek|hoofdkantoor|kantoor|vestiging|"
    r"filiaal|depot|productielocatie)\s+van\s+(?:de\s+|het\s+)?([A-Z][\w'’&-]*)"
)
# An activity as an outing, not a membership: the infinitive ("zwemmen bij de ...").
_OUTING = re.compile(
    r"(?i)(?:zwemmen|spelen|sporten|dansen|schaatsen|klimmen|wandelen|fietsen|picknicken)\b"
)
_COMPASS = re.compile(r"(?:Noord|Oost|Zuid|West|Midden|Centrum|Zorg|Nederland)\b")
# "de Bazuinkerk", "de Pinkstergemeente": a congregation names the family's circle.
PLACE_OF_WORSHIP = re.compile(
    r"\b[A-Z][\w'’-]+(?:kerk|moskee|parochie|synagoge|tempel|gemeente|kapel)\b(?<!Gemeente)"
)
WORKPLACE = "werkplek"  # Hit.detail of a public employer that scan.py must not drop
_CHURCH_ADJECTIVE = re.compile(
    r"(?i)(?:hervormde|gereformeerde|evangelische|christelijke|baptisten|pinkster|vrije|"
    r"protestantse|orthodoxe|katholieke|doopsgezinde|apostolische)\s+$"
)
_GENERIC = frozenset(
    [
        "De",
        "Het",
        "Een",
        "Hij",
        "Zij",
        "Ze",
        "Wij",
        "We",
        "Dit",
        "Dat",
        "Daar",
        "Er",
        "Ook",
        "En",
        "Maar",
        "Nederland",
        "Nederlands",
    ]
)


def _named(words: list[str]) -> list[str]:
    return [w for w in words if w[:1].isupper() and w not in ("De", "Het", "'t", "St", "St.")]


def organisations(
    text: str, ignore: frozenset[str] = frozenset(), public: list[tuple[int, int]] | None = None
) -> Iterator[Hit]:
    """Clubs and teams ("club"), employers, businesses and congregations ("organisation")."""
    if public is None:
        public = public_spans(text)
    places = lexicon().places

    def ok(start: int, end: int, name_words: list[str]) -> bool:
        if not name_words or name_words[0] in _GENERIC:
            return False
        if all(w.lower() in FUNCTION_WORDS for w in name_words):
            return False  # "Werkt In De Zorg" (Title Case): no name, only little words
        if any(s <= start and end <= e for s, e in public) or in_public_context(text, start):
            return False
        if re.search(r"-(?:fans?|supporters?|shirt|sjaal)$", name_words[-1]) or re.match(
            r"-?(?:fans?|supporters?|shirt|sjaal)\b", text[end : end + 12]
        ):
            return False  # "FC Groningen-fans": the professional club everybody knows
        return not all(w.lower() in ignore for w in name_words)

    for pattern, kind in (
        (TEAM_CODE, "club"),
        (AFTER_CLUB_ABBREVIATION, "club"),
        (AFTER_CLUB_WORD, "club"),
        (AFTER_BUSINESS_WORD, "organisation"),
        (BEFORE_BUSINESS, "organisation"),
    ):
        for m in pattern.finditer(text):
            words = m.group().split()
            named = _named(words[1:] if pattern is not BEFORE_BUSINESS else words[:-1])
            if (
                words[0].lower() == "gemeente"
                and (
                    all(w.lower() in places for w in named)
                    or " ".join(words[1:]).lower() in ignore | places
                )
                and not _CHURCH_ADJECTIVE.search(text, max(0, m.start() - 25), m.start())
            ):
                continue  # "de gemeente Almere": the municipality, not a congregation
            if pattern is TEAM_CODE:
                named = _named(words[words.index(next(w for w in words if w in ("van", "bij"))) :])
            if ok(m.start(), m.end(), named):
                start = m.start() + len(m.group()) - len(m.group().lstrip())
                # "FC Barcelona", "AC Milan": a name Dutch text uses often and that is no
                # Dutch place is a famous club more often than the family's; a person looks.
                famous = pattern is AFTER_CLUB_ABBREVIATION and all(
                    w.lower() in famous_words() and w.lower() not in places for w in named
                )
                severity = CHECK if famous else ""
                yield Hit(start, _trim_end(text, m.start(), m.end()), kind, severity=severity)
    for m in PLACE_OF_WORSHIP.finditer(text):
        if ok(m.start(), m.end(), [m.group()]) and attends(text, m.start(), m.end()):
            yield Hit(m.start(), m.end(), "organisation", severity=CHECK)
    yield from _workplaces(text, ignore, places)
    yield from _clubs_before_team_codes(text)
    for m in _memberships(text):
        start, end = m.start(1), _trim_end(text, m.start(1), m.end(1))
        named = _named(m.group(1).split())
        work = re.match(r"(?i)werk|in\s+dienst|stage|baan|bijbaan|vrij", m.group()) is not None
        known = any(s < end and start < e for s, e in public) or in_public_context(text, start)
        if work and named and named[0] not in _GENERIC and known:
            # "werkt bij de Albert Heijn": a chain everybody knows, but which branch is the
            # parent's workplace is for a person to judge.
            yield Hit(start, end, "organisation", detail=WORKPLACE, severity=CHECK)
            continue
        if not ok(start, end, named) or any(s < end and start < e for s, e in public):
            continue
        kind = "organisation" if work else "club"
        first = named[0].lower()
        if _OUTING.match(m.group()):
            # "of zwemmen bij de Berendonck", "zwemmen bij Stappegoor": an infinitive is an
            # outing to a pool or a park more often than a membership, worth a look only;
            # "zwemmen bij het Veluwemeer": a lake, beach or wood is nobody's club.
            if not PLACE_ENDINGS.search(text[start:end]) and not PLACE_HEAD.match(
                text[start:end] + " "
            ):
                yield Hit(start, end, kind, severity=CHECK)
            continue
        # A well-known word (a chain, a national club) is only worth a look; an unknown one
        # is the local club or employer.
        if is_dutch(named[0]) or first in famous_words():
            yield Hit(start, end, kind, severity=CHECK)
        else:
            yield Hit(start, end, kind)


# A team code after the club's name, in any case: "sc charlois jo10-1", "HZVV JO10-2".
_TEAM_AFTER = re.compile(r"(?<![\w-])(?:[JjMm][Oo]\d{1,2}-\d{1,2}|[A-Fa-f]\d{1,2}-\d{1,2})\b")
_WORD_BEFORE = re.compile(r"([\w'’&.-]+)\s+$")


def _clubs_before_team_codes(text: str) -> Iterator[Hit]:
    for m in _TEAM_AFTER.finditer(text):
        start = m.start()
        for _ in range(3):
            word = _WORD_BEFORE.search(text, max(0, start - 40), start)
            if word is None:
                break
            w = word.group(1)
            if w.lower() in FUNCTION_WORDS or (w.islower() and len(w) > 3 and is_dutch(w)):
                break  # "speelt in de JO10-1": no club named
            start = word.start(1)
        if start < m.start():
            yield Hit(start, m.end(), "club")


# Words that make a named church or mosque the family's own: "Zondags zitten ze in de
# Bazuinkerk", "het gezin kerkt in de Petrakerk". Without them a church is a landmark or an
# outing ("een rondje over de markt bij de Sint-Janskerk").
_ATTENDS = re.compile(
    r"(?i)\b(?:zondags?|zaterdags|vrijdags|kerkt|kerken|kerkdienst\w*|dienst|diensten|"
    r"viering\w*|mis|lid|leden|gemeentelid|koor|zingt|zingen|bidt|bidden|gebed\w*|"
    r"zondagsschool|kinderkerk|jeugdclub|catechisatie|koranles\w*|vrijwilliger\w*|"
    r"actief|gelovig\w*|geloof)\b"
)


def attends(text: str, start: int, end: int) -> bool:
    """Whether the sentence around ``start:end`` says the family goes there."""
    left = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    rights = [i for i in (text.find(c, end) for c in ".!?\n") if i != -1]
    return _ATTENDS.search(text, left, min(rights) if rights else len(text)) is not None


def _workplaces(text: str, ignore: frozenset[str], places: frozenset[str]) -> Iterator[Hit]:
    """A named workplace that is no town, region or allowed name: worth a look."""
    for m in WORK_AT.finditer(text):
        group = 1 if m.group(1) else 2
        name = m.group(group)
        first = re.split(r"[\s-]", name)[0].lower()
        if name.lower() in ignore | places or first in ignore | places or _COMPASS.match(name):
            continue
        if name.split()[0] in _GENERIC or plain(name) in countries_and_languages():
            continue  # "werkt in Duitsland": a country
        start, end = m.start(group), _trim_end(text, m.start(group), m.end(group))
        yield Hit(start, end, "organisation", detail=WORKPLACE, severity=CHECK)


def _memberships(text: str) -> Iterator[re.Match[str]]:
    yield from MEMBERSHIP.finditer(text)
    yield from WORK.finditer(text)  # three or more words between: MEMBERSHIP takes up to two


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in ".,;:!?'’":
        end -= 1
    return end
