"""The classes of item the second blind review missed, and its false alarms, in our own words.

Each text here is new (written for this test, not taken from any corpus). A miss is found
when any blocking finding (`error` or `check`) overlaps it; a clean text must not block.
"""

from __future__ import annotations

import pytest

from generator.privacy import scan_text

BLOCKING = ("error", "check")


def blocked(text: str, item: str, allowed: tuple[str, ...] = ()) -> str | None:
    """The strongest severity of a blocking finding that overlaps ``item`` in ``text``."""
    start = text.index(item)
    end = start + len(item)
    found = {
        f.severity
        for f in scan_text(text, allowed)
        if f.severity in BLOCKING and f.start < end and start < f.end
    }
    return "error" if "error" in found else ("check" if found else None)


def blocking(text: str, allowed: tuple[str, ...] = ()) -> list[str]:
    return [f.text for f in scan_text(text, allowed) if f.severity in BLOCKING]


# 1. Names typed in lower case by writers who skip capitals.
LOWERCASE = [
    ("mijn zoon daan en zijn zusje lotte zoeken een maatje", "daan", "error"),
    ("mijn zoon daan en zijn zusje lotte zoeken een maatje", "lotte", "error"),
    ("we zoeken een gezin voor jayden (6) die graag buiten speelt", "jayden", "error"),
    ("ons meisje heet fenna en ze is gek op paarden", "fenna", "error"),
    ("thijs en mila vinden het leuk om te bakken, thijs is de oudste", "thijs", "check"),
    ("oma ria past soms op maar dat lukt niet meer", "ria", "check"),
    ("ik ben fatima, moeder van drie kinderen", "fatima", "error"),
    ("noah is 7 en houdt van voetbal", "noah", "error"),
    ("mijn zoon jaylano is gek op dieren", "jaylano", "error"),
    ("zijn naam is bram en hij is 9", "bram", None),
    ("zijn mentor, meneer van der berg, ziet het ook", "van der berg", "error"),
    ("voor eymen's moeder zoeken we hulp", "eymen", "error"),
    ("de brief kwam van meneer hoekstra van de school", "hoekstra", None),
    # Organisations typed without capitals, by their kind word.
    ("ze zit op obs de klimboom in groep 4", "de klimboom", None),
    ("papa werkt bij hoveniersbedrijf verhoeven in de stad", "verhoeven", None),
    ("hij turnt bij turnclub olympia vooruit", "olympia", None),
    ("ze is in behandeling bij lentis sinds de zomer", "lentis", None),
    ("ons adres is 8011ak, bel maar aan", "8011ak", "error"),
    ("de auto van mama (gk-104-x) staat voor de deur", "gk-104-x", "error"),
]

# 2. Initials with a surname, and short capital nicknames in name positions.
INITIALS = [
    ("Contact loopt via mevr. B. van Leeuwen van het wijkteam.", "B. van Leeuwen", "error"),
    ("De aanvraag is gedaan door H. Smit, de intern begeleider.", "H. Smit", "error"),
    ("Onze zoon KJ (9) is dol op knutselen.", "KJ", "error"),
    ("Iedereen noemt hem TJ en hij houdt van treinen.", "TJ", "error"),
    ("JJ en zijn broertje voetballen veel.", "JJ", "error"),
    ("De verwijzing kwam van Dr. K. Yilmaz.", "K. Yilmaz", "error"),
]

# 3. Named buildings and homes, and streets without a number where the family lives.
HOMES = [
    ("Ze wonen op de vierde verdieping van flat De Zeemeeuw.", "De Zeemeeuw", None),
    ("Het gezin woont sinds kort in Het Baken, een complex voor jonge moeders.", "Het Baken", None),
    ("Ze wonen op boerderij De Eikenhorst, even buiten het dorp.", "De Eikenhorst", None),
    ("Ze wonen aan de Zutphenseweg, vlak bij de bakker.", "Zutphenseweg", None),
    ("Vlakbij hun huis aan de Molenstraat is een speeltuin.", "Molenstraat", None),
    ("Ze wonen op Erve Kamphuis, even buiten het dorp.", "Kamphuis", None),
    ("ze wonen aan de holterweg", "holterweg", None),
]

# 4. Named care providers after a verb of care, without a kind word.
CARE = [
    ("Hij krijgt begeleiding van De Twentse Zorgcirkel.", "Twentse Zorgcirkel", None),
    ("Sinds vorig jaar zit ze bij Lindehoeve Jeugd voor dagbesteding.", "Lindehoeve", None),
    ("Hij gaat elke dinsdag naar Kindpunt Rivierland voor therapie.", "Kindpunt", None),
    ("Doordeweeks woont hij bij Ipse de Bruggen.", "Ipse de Bruggen", None),
    ("Moeder is in behandeling bij Psytrec Oost.", "Psytrec", None),
    ("Hij woont doordeweeks in een woongroep van Cordaan.", "Cordaan", None),
    ("Ze heeft een begeleider van Zorggroep Noorderbreedte.", "Noorderbreedte", None),
]

# 5. Congregations and communities, also with names that are not Dutch.
CONGREGATIONS = [
    ("Op zondag gaan ze naar de Living Waters Fellowship.", "Living Waters Fellowship", None),
    ("Vader is diaken bij de Redeemed Grace Assembly in de stad.", "Redeemed Grace Assembly", None),
    ("Ze zijn actief in Bethel Church Zuid.", "Bethel Church", None),
    ("De jongens gaan naar Moskee Al Noer voor koranles.", "Al Noer", None),
    ("Het gezin hoort bij gemeente Shalom in de wijk.", "Shalom", None),
    ("Ze gaan elke zondag naar de Ulu Camii.", "Ulu Camii", "error"),
    ("Op vrijdag gaan ze naar de Al Fourkaan moskee.", "Al Fourkaan", None),
    ("Ze zijn lid van de Church of Pentecost in Amsterdam.", "Church of Pentecost", "error"),
]

# 6. A specific news event, a unique role, a registration number.
EVENTS = [
    ("Na de brand op hun boerderij hielp het hele dorp mee.", "brand op hun boerderij", None),
    ("De actie 'Samen voor Sanne' haalde veel geld op.", "'Samen voor Sanne'", None),
    (
        "Na de flatbrand in Kerkrade wonen ze tijdelijk in een chalet.",
        "flatbrand in Kerkrade",
        None,
    ),
    ("Vader is de enige huisarts in het dorp.", "de enige huisarts in het dorp", None),
    ("Opa vist nog elke week met de WR-217.", "WR-217", None),
    ("Het is het enige gezin met een tweeling in het dorp.", "het enige gezin", None),
]


@pytest.mark.parametrize(
    ("text", "item", "severity"), LOWERCASE + INITIALS + HOMES + CARE + CONGREGATIONS + EVENTS
)
def test_identifying_items_block(text: str, item: str, severity: str | None) -> None:
    found = blocked(text, item)
    assert found is not None, scan_text(text)
    if severity is not None:
        assert found == severity, scan_text(text)


# 7. Clean texts: holidays of many cultures, public figures in fan context, shops and
# brands, rivers and regions, and ordinary lower-case Dutch.
CLEAN = [
    "Ze vieren Keti Koti en Divali met de hele straat.",
    "Met Nowruz en het Suikerfeest komt de familie op bezoek.",
    "Chinees Nieuwjaar en Pinksteren zijn hun favoriete feestdagen.",
    "Ze is fan van André Rieu en kijkt zijn concerten op tv.",
    "Hij wil later racen, net als Max Verstappen.",
    "Kleren koopt moeder bij Zara, Primark of H&M.",
    "Luiers halen ze bij de Kruidvat en speelgoed bij Intertoys.",
    "In de zomer fietsen ze langs de Maas en door de Peel.",
    "Een dagje naar de Veluwe of de Biesbosch vinden ze prachtig.",
    "mijn zoon speelt graag buiten en zijn zusje leest veel boeken",
    "de kinderen zijn 4 en 7 en houden van zwemmen, tekenen en lego",
    "mama werkt in de zorg en papa heeft nachtdiensten in de haven",
    "ze zoeken iemand die geduld heeft en af en toe wil oppassen",
    "De kinderen zitten op MBO-2 en in groep 8.",
    "Ze is de enige in de klas met een hond.",
    "Ze zijn gek op Zara Larsson en Davina Michelle.",
    "hij heet eigenlijk anders maar we noemen hem hier de kleine",
    "de meester van de school en de juf van groep 5 denken mee",
    "familie en vrienden wonen ver weg, meneer of mevrouw mag allebei",
    "ze zit op school de hele dag en gaat na school naar de voetbalclub van haar broer",
    "sinds 2020 al heel anders, en in 2024 bv een keer verhuisd",
    "op de basisschool de hele week huiswerk, daarna naar de bso de komende maanden",
    "hij is fan van fc groningen-fans zeggen ze, maar hij kijkt naar ajax",
    "hij vindt freek vonk en yvon jaspers geweldig en kijkt elke week",
    "De Maas stroomt vlak langs het dorp.",
    "onze meiden van 5 en 8 zijn gek op frozen en k3. papa werkt nachten bij de bakker. sorry "
    "voor de lange tekst haha, liefs en tot snel xx",
    "ze houdt van make-up, tiktok en shoppen bij de primark. vader is in de ramadan vaak moe. "
    "met het suikerfeest komt de familie uit marokko.",
    "Past het? A. Ja, dan graag een bericht. B. Neem anders contact op.",
    "De jongen zit op het VMBO en wil daarna naar het MBO.",
    "Ze wonen in De Bilt en gaan vaak naar Het Gooi en De Achterhoek.",
    "Op vrijdag gaat vader naar de Turkse moskee, moeder naar de Poolse kerk.",
    "Ze kopen schoenen van Nike en kleren van Shein.",
    "De kinderen houden van Bluey, Peppa Pig en Paw Patrol.",
    "Ze vieren Divali, Holi Phagwa en Oud en Nieuw met de buren.",
    "Met Holi gooien ze met kleurpoeder, met Hanoeka steken ze kaarsjes aan.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_texts_do_not_block(text: str) -> None:
    assert blocking(text) == []
