"""Known public entities: what a capitalised word may be without being about the family.

Public figures, fictional characters, brands and chains, national organisations and public
places are an open-ended set. Three signals, cheapest first:

1. context: the words before a name say it is somebody famous, a character, a shop or a
   brand ("fan van", "kijkt graag naar", "boodschappen bij", "leest graag", "net als");
2. frequency: a capitalised word that Dutch text uses often (wordfreq, see ``words``) and that
   is not a first name is a brand, a celebrity's surname or a place;
3. a modest curated list of what neither signal catches: characters and chains whose names
   are first names or ordinary words ("Pippi", "Nijntje", "Albert Heijn", "Jumbo").

We looked for a maintained PyPI package with lists of brands or public figures in Dutch and
found none that fits (see docs/decisions.md); places come from deduce's lists.
"""

from __future__ import annotations

import re
from functools import cache

from generator.privacy.festivals import festivals

# Words before a capitalised name that make it a public figure, a character, a brand or a
# shop: the family is not a "fan van" anybody in the neighbourhood.
_CUES = (
    r"(?:\b(?:fan|fans|supporter|supporters)\s+van|\b(?:boeken|boek|liedjes|liedje|muziek|"
    r"films?|series?|serie|verhalen|strips?|plaatjes|posters?|spullen|knuffel|pop|tutorials?|"
    r"video'?s|filmpjes|vlogs?|podcasts?|games?|spelletjes|programma'?s|shows?|concerten|"
    r"optredens|schilderijen|tekeningen|platen|albums?|nummers|kaarten|figuren|poppen|schoenen|"
    r"kleren|kleding|sneakers|shirts?|jas|jassen|tas|tassen|speelgoed|producten|make-up|sketches|"
    r"sketch|conferences?|gedichten|gedicht|versjes|handtekening|afleveringen|aflevering|"
    r"standbeeld|beeld|interviews?|handtekeningen|teksten|liedteksten|verhaal|stijl)\s+van|"
    r"\b(?:verhalen|verhaal|legende|sprookje)\s+over|\b(?:niets|niks)\s+anders\s+dan|"
    r"\bcarrière\s+als|\b(?:lezen|luisteren|kijken)\s+van|\bbewondert|\bbewonderen|"
    r"\b(?:spelletje|spelletjes|bordspel|kaartspel|spel)(?:\s+\w+\s+of)?|\bbouwen\s+met|"
    r"\b(?:werkstuk|spreekbeurt|boekverslag)\s+(?:gemaakt\s+)?over|"
    r"\blievelings\w+\s+(?:is|zijn|was)|"
    r"\b\w*documentaires?\s+van|\balles\s+van|\bzingt\s+(?:graag\s+)?(?:mee\s+met|liedjes\s+van)|"
    r"\bnet\s+als|\b(?:vernoemd|genoemd)\s+naar|\b(?:held|heldin|helden|idool|idolen|voorbeeld)(?:\s+is|\s+zijn)?|\bidool|\bzoals|\b(?:kijkt|keek|kijken)\s+(?:graag\s+|"
    r"vaak\s+|samen\s+|het\s+liefst\s+|elke\s+\w+\s+|op\s+\w+\s+)?(?:naar\s+)?|\bleest\s+(?:graag\s+|alles\s+van\s+|het\s+liefst\s+)?|"
    r"\bluistert\s+(?:graag\s+)?naar|\bspeelt\s+(?:graag\s+|het\s+liefst\s+)?|"
    r"\bboodschappen\s+(?:doen\s+)?(?:bij|in|van)|"
    r"\b(?:koopt|kopen|kocht|shopt|shoppen|winkelt)\s+(?:\w+\s+){0,3}?(?:bij|in)|\bwinkelen\s+bij|\bgekocht\s+bij|"
    r"\bbesteld\s+(?:bij|op|via)|\bbon\s+van|\bcadeaubon\s+van|\bdagje\s+(?:naar|uit\s+naar)|"
    r"\buitje\s+naar|\b(?:naar|in)\s+(?:de|het)\s+(?=Efteling|Zoo|Artis|Blijdorp)|\bgek\s+op|"
    r"\bdol\s+op|\bfavoriete\s+\w+\s+(?:is|zijn)|\bwil\s+(?:later\s+)?(?:net\s+zo\s+\w+\s+)?"
    r"worden\s+als|\bvan\s+de\s+(?:tv|televisie|radio)|\bop\s+(?:tv|televisie|youtube|netflix)|"
    r"\bvindt|\bvond|\b(?:vertellen|vertelt|weet|praat|kletst|alles)\s+over|"
    r"\blacht\s+zich\s+\w+\s+om|\b(?:net\s+zo|even|zo)\s+\w+(?:\s+\w+){0,2}\s+als|"
    r"\bfan\s+is\s+van|\bweg\s+van|\bhelemaal\s+weg\s+van|\bverslaafd\s+aan|"
    r"\b(?:las|lazen|lezen|leest)\s+(?:(?:graag|samen|vaak|de\s+klas|hij|ze|zij|we|wij)\s+)*|"
    r"\b(?:verkleed|verkleedt|verkleden)\s+(?:zich\s+)?als|"
    r"\b(?:spreekt|spreken|sprak|praat|praten|leert|leren|verstaat)\s+(?:(?:ook|alleen|vooral|"
    r"goed|nog|vloeiend|een\s+beetje|thuis)\s+)*(?:\w+\s+en\s+)?)"
)
PUBLIC_CONTEXT = re.compile(rf"{_CUES}\s*(?:(?:de|het|een|alle|alles\s+van)\s+)?$", re.IGNORECASE)
# The cue may stand earlier in the sentence: "gek op de ruimte en op André Kuipers".
PUBLIC_CONTEXT_LIST = re.compile(
    rf"{_CUES}\s*[^.!?\n]{{0,60}}?(?:\s(?:en|of)|,\s*vooral)\s+(?:op|van|naar|over|als|aan)\s+"
    r"(?:de\s+|het\s+)?$",
    re.IGNORECASE,
)

_LIST_END = re.compile(
    r"(?:\s(?:en|of)|,\s*vooral)\s+(?:op|van|naar|over|als|aan)\s+(?:de\s+|het\s+)?$",
    re.IGNORECASE,
)

# Multi-word public entities (lower case). Single words that are neither Dutch nor first
# names are covered by the frequency signal; these are the ones that look like people.
PUBLIC_PHRASES = frozenset(
    """
    harry potter|pippi langkous|pippi|nijntje|dikkie dik|bumba|dolfje weerwolfje|
    annie m.g. schmidt|max verstappen|messi|ronaldo|taylor swift|sinterklaas|pikachu|
    peppa pig|paw patrol|spiderman|spider-man|superman|batman|mickey mouse|donald duck|
    k3|kabouter plop|woezel en pip|efteling|artis|frozen|elsa en anna|anna en elsa|
    jip en janneke|kikker|thomas de trein|bob de bouwer|sjors en sjimmie|geronimo stilton|
    dagboek van een loser|mega mindy|studio 100|koning willem-alexander|maxima|máxima|
    albert heijn|jumbo|lidl|aldi|dirk van den broek|hema|kruidvat|action|etos|
    bol.com|coolblue|ikea|h&m|c&a|wehkamp|shein|temu|intertoys|bart smit|blokker|zeeman|wibra|primark|decathlon|
    mcdonald's|mcdonalds|happy meal|mario kart|burger king|kfc|domino's|new york pizza|gamma|praxis|karwei|
    ns|ov-chipkaart|rode kruis|het rode kruis|leger des heils|kwf|unicef|voedselbank|
    fc twente|fc groningen|fc utrecht|az|nac|vitesse|sc heerenveen|go ahead eagles|nec|
    willem ii|fc emmen|pec zwolle|sparta|excelsior|heracles|rkc|fortuna sittard|almere city|
    fc volendam|roda jc|de graafschap|vvv-venlo|fc den bosch|ado den haag|sc cambuur|cambuur|
    telstar|top oss|helmond sport|mvv|fc eindhoven|fc dordrecht|paw patrol|golden earring|
    buurtgezinnen|buurtgezinnen.nl|stichting buurtgezinnen|
    jeugdfonds sport|jeugdfonds sport & cultuur|kinderpostzegels|nationaal fonds kinderhulp|
    stichting leergeld|leergeld|jarige job|het vergeten kind|home-start|humanitas|kika|
    make-a-wish|kinderhulp|het oranje fonds|oranje fonds|nl doet|armoedefonds|schuldhulpmaatje|
    kledingbank|speelgoedbank|sinterklaasbank|urgente noden|vincentiusvereniging|
    jeugdcultuurfonds|jeugdsportfonds|kinderboekenweek|nationale voorleesdagen|kindertelefoon|
    de kindertelefoon|raad voor de kinderbescherming|kinderbescherming|veilig thuis|
    centrum voor jeugd en gezin|ggd|coa|nidos|uwv|svb|duo|belastingdienst|ind|
    vluchtelingenwerk|vluchtelingenwerk nederland|jantje beton|cliniclowns|ronald mcdonald|
    sesamstraat|het klokhuis|klokhuis|zapp|jeugdjournaal|nickelodeon|disney|pixar|marvel|
    lego|playmobil|barbie|minecraft|fortnite|roblox|pokemon|pokémon|super mario|
    fifa|nintendo|playstation|xbox|netflix|youtube|tiktok|instagram|whatsapp|
    ajax|feyenoord|psv|oranje|het nederlands elftal|olympische spelen|
    lionel messi|cristiano ronaldo|virgil van dijk|memphis depay|frenkie de jong|
    sifan hassan|femke bol|dafne schippers|epke zonderland|mathieu van der poel|
    tom dumoulin|marianne vos|demi vollering|ireen wüst|sven kramer|kjeld nuis|
    snollebollekes|kinderen voor kinderen|de toppers|frans bauer|andré hazes|
    paulien cornelisse|arjen lubach|freek vonk|dieuwertje blok|bart de boer|
    pinkeltje|paulus de boskabouter|alfred j. kwak|
    juf ank|meester bas|meester jaap|lucky luke|kuifje|asterix|obelix|suske en wiske|
    nijntje pluis|boer boris|kapitein winokio|de gorgels|fabeltjeskrant|
    meneer de uil|bolke de beer|
    willem-alexander|prinses amalia|koningin máxima|koningin maxima
    """.replace("\n", "")
    .replace("    ", "")
    .split("|")
)

# Public places and places of worship, days out and events that name nobody's home.
PUBLIC_PLACE_WORDS = re.compile(
    r"\b(?:Efteling|Artis|Blijdorp|Burgers'? Zoo|Ouwehands|Walibi|Duinrell|Slagharen|Avonturenpark|"
    r"Rijksmuseum|Nemo|NEMO|Naturalis|Madurodam|Keukenhof|Zuiderzeemuseum|Veluwe|Waddenzee|"
    r"Noordzee|IJsselmeer|Markermeer|Biesbosch|Hoge Veluwe|Ameland|Texel|Terschelling|"
    r"Vlieland|Schiermonnikoog)\b"
)


# Words after a name that make it (and the names listed with it) public: "Chase en Marshall
# van Paw Patrol", "Sam en Marshall zijn zijn helden".
PUBLIC_AFTER = re.compile(
    r"\s+(?:uit\s+(?:de\s+film|het\s+boek|de\s+serie|(?=Sesamstraat|Paw\s+Patrol|Bluey))|"
    r"(?:zijn|is)\s+(?:zijn|haar|hun)\s+(?:grote\s+)?(?:held|helden|idool|idolen|voorbeeld|"
    r"voorbeelden|favoriet|favorieten)\b)"
)
# Public places by how their names end: parks, woods, beaches, museums, towers, zoos.
# A place word before a name makes the name a place: "Museum Jan Cunen", "Fort Vreeswijk".
PLACE_HEAD = re.compile(
    r"\b(?:Museum|Fort|Kasteel|Slot|Paleis|Landgoed|Dierenpark|Molen|Kamp|Stadion|Theater)"
    r"(?:\s+[A-Z][\w'’-]*){0,2}\s+$"
)
PLACE_ENDINGS = re.compile(
    r"(?:park|parken|bos|bossen|plas|plassen|strand|duinen|museum|zoo|heul|mast|toren|berg|bergen|"
    r"haven|meer|hal|stadion|theater|schouwburg|bioscoop|kasteel|dierentuin|week|dag|feest|"
    r"festival|markt|hof)$",
    re.IGNORECASE,
)


@cache
def _phrases() -> frozenset[str]:
    return PUBLIC_PHRASES | festivals()


def public_spans(text: str) -> list[tuple[int, int]]:
    """Spans of known public entities in ``text`` (curated phrases and public places)."""
    lowered = text.lower()
    spans: list[tuple[int, int]] = []
    for phrase in _phrases():
        if not phrase or phrase not in lowered:
            continue
        for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", lowered):
            spans.append((m.start(), m.end()))
    spans += [(m.start(), m.end()) for m in PUBLIC_PLACE_WORDS.finditer(text)]
    return spans


def in_public_context(text: str, start: int) -> bool:
    """Whether the words right before ``start`` say a public figure, character or shop follows."""
    if PUBLIC_CONTEXT.search(text[max(0, start - 45) : start]):
        return True
    # The list form needs its connective right before the name; checking that first spares
    # the long search in almost every call (it was most of the name finder's time).
    if not _LIST_END.search(text, max(0, start - 30), start):
        return False
    return PUBLIC_CONTEXT_LIST.search(text[max(0, start - 120) : start]) is not None
