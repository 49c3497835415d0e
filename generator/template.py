"""The commented Dutch template that `buurtsite new` writes, and its placeholder texts.

The placeholders are defined once, here: the template is built from them and `check`
refuses a profile that is no longer a concept but still contains one of them.
"""

from __future__ import annotations

from datetime import date

from generator.model import Dagdeel, Frequency, SupportType, Weekday
from generator.settings import Gemeente

PLACEHOLDER_TITLE = "Voor een vrolijk kind van 7 zoeken wij een steungezin"
PLACEHOLDER_STORY = (
    "Schrijf hier het verhaal: wie is het kind (zonder naam), wat vindt het leuk,",
    "en wat zou een steungezin voor dit gezin kunnen betekenen?",
)
PLACEHOLDER_WISH = "Een gezin dat het leuk vindt om samen buiten te spelen"
# Each line on its own: a coordinator who writes below the example and keeps half of it
# still publishes the example.
PLACEHOLDERS: tuple[str, ...] = (PLACEHOLDER_TITLE, *PLACEHOLDER_STORY, PLACEHOLDER_WISH)


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def placeholder_in(text: str) -> str | None:
    """The first placeholder line of the template that ``text`` still contains, if any."""
    normal = _normal(text)
    return next((p for p in PLACEHOLDERS if _normal(p) in normal), None)


def profile_template(profile_id: str, gemeente: Gemeente, on: date) -> str:
    wijken = ", ".join(gemeente.wijken) or "(nog geen wijken ingesteld)"
    first_wijk = gemeente.wijken[0] if gemeente.wijken else ""
    support = ", ".join(s.value for s in SupportType)
    frequencies = ", ".join(f.value for f in Frequency)
    days = ", ".join(d.value for d in Weekday)
    dagdelen = ", ".join(d.value for d in Dagdeel)
    wijk_line = f"wijk: {first_wijk}" if first_wijk else "# wijk:"
    return f"""\
# Zoekprofiel voor {gemeente.name}. Schrijf warm en kort, zoals een Facebookbericht.
# Noem NOOIT een naam, adres, school, telefoonnummer of iets anders waaraan het gezin
# te herkennen is. `buurtsite check` controleert dit voor u.

# Vaste code van dit profiel; staat in links en mag nooit veranderen.
id: {profile_id}
gemeente: {gemeente.slug}
# Wijk of dorp (optioneel), een van: {wijken}
{wijk_line}

# Een dubbele punt in de titel? Zet de titel dan tussen rechte aanhalingstekens:
# titel: "Gezocht: ..." (niet de krullende “ ” van een tekstverwerker).
titel: {PLACEHOLDER_TITLE}

# Eén kind per oproep is gebruikelijk; broers en zussen krijgen elk een eigen oproep.
kinderen:
  - leeftijd: 7          # of leeftijd_van: 4 en leeftijd_tot: 6
    geslacht: jongen     # jongen, meisje of anders (optioneel)

# Kies uit: {support}
steunvormen:
  - speelmiddag
# steunvorm_anders: alleen nodig bij 'anders'

# Kies uit: {frequencies}
frequentie: wekelijks
# frequentie_toelichting: bijvoorbeeld "een middag na school"

# Kies uit: {days}
dagen: [woensdag]
# Kies uit: {dagdelen}
dagdelen: [middag]

verhaal: |
  {PLACEHOLDER_STORY[0]}
  {PLACEHOLDER_STORY[1]}

wensen:
  - {PLACEHOLDER_WISH}

# Verzonnen voornaam voor het kind (optioneel); de enige voornaam die mag voorkomen.
# pseudoniem: Sam

# concept, open, in_gesprek, gekoppeld of gesloten
status: concept
# Data als JJJJ-MM-DD of DD-MM-JJJJ.
gepubliceerd: {on.isoformat()}
# verloopt: leeg laten voor de standaardlooptijd

illustratie: samen

facebook:
  publiceren: true
  # tekst: eigen tekst voor het Facebookbericht
"""
