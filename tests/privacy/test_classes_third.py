"""The classes of item the third blind review missed, in our own words.

Each text is new (written for this test, not taken from any corpus), with near misses that
must stay clean. A miss is found when any blocking finding (``error`` or ``check``) overlaps
it.
"""

from __future__ import annotations

import pytest

from generator.privacy import scan_text
from tests.privacy.blocking import BLOCKING, overlapping

IDENTIFYING = [
    # care providers and employers named with no kind word, by the verb or preposition
    ("Vader is overspannen, behandeling via GGZ Friesland.", "GGZ Friesland"),
    ("Ze krijgt begeleiding via RIBW Noord.", "RIBW Noord"),
    ("Haar moeder moet twee keer per week naar Bergweide voor revalidatie.", "Bergweide"),
    ("Papa werkt van 's avonds laat tot de ochtend bij Döner Palace in de binnenstad.", "Döner"),
    ("moeder werkt elke zaterdag bij het ret in de remise", "ret"),
    ("hij werkt bij de lidl als vakkenvuller", "lidl"),
    # shops and small businesses by their kind word
    ("Zijn vader heeft Grillroom Anatolia aan de markt.", "Grillroom Anatolia"),
    ("Mama werkt in Kapsalon Bella Donna.", "Kapsalon Bella Donna"),
    ("Ze wonen boven Bootverhuur Waterlelie.", "Bootverhuur Waterlelie"),
    # typed without capitals, after a kind word and an article
    ("hij gaat elke woensdag naar manege de hoefslag", "manege de hoefslag"),
    ("ze werkt bij kringloopwinkel het snuffelhuis", "kringloopwinkel het snuffelhuis"),
    ("zit op de el amien school in de wijk", "el amien school"),
    # named homes and complexes
    ("Het gezin woont tijdelijk in noodlocatie De Berkenhof.", "De Berkenhof"),
    ("ze woont met haar oma en twee neven in geinwijk", "geinwijk"),
    # e-mail written with spaces round the @ or spelled dots
    ("Mail gerust naar ilse.k1984 @ outlook.com voor vragen.", "ilse.k1984 @ outlook.com"),
    ("mail naar jdewit @ ziggo punt nl", "jdewit @ ziggo punt nl"),
    # day and month of a birthday
    ("Ze is jarig op 14-2 en wordt dan 9.", "14-2"),
    ("Verjaardag: 7/11, dus net voor Sinterklaas.", "7/11"),
    ("Hij viert zijn verjaardag op 3e juni.", "3e juni"),
    # lower-case names and nicknames where only a name can stand
    ("jongen van 11 dwayson zoekt een maatje voor de zaterdag", "dwayson"),
    ("dwayson is dol op basketbal en rappen", "dwayson"),
    ("ze heet lelie en is gek op paarden", "lelie"),
    ("we zoeken een maatje voor storm (7) en zijn zus", "storm"),
    # events at a named street
    ("Na de woningbrand aan de Lindelaan staan ze op straat.", "woningbrand aan de Lindelaan"),
]


@pytest.mark.parametrize(("text", "item"), IDENTIFYING)
def test_identifying_items_block(text: str, item: str) -> None:
    assert overlapping(text, item), scan_text(text)


NEAR_MISSES = [
    "Moeder krijgt behandeling via de huisarts en de GGZ.",
    "Ze gaan elke week naar het zwembad voor zwemles.",
    "Vader werkt drie dagen per week bij de gemeente.",
    "vader werkt in de nachtdienst bij een bakkerij",
    "moeder werkt bij de thuiszorg en is vaak moe",
    "Hij eet graag shoarma en friet.",
    "ze zit op de turkse school op zaterdag",
    "ze wonen in de haagse wijk moerwijk",
    "We zien elkaar om 15-30 minuten over het uur.",
    "Hij zit in groep 7-8 en is 6-7 jaar oud.",
    "het eten is heet vandaag",
    "hij heet eigenlijk anders maar dat maakt niet uit",
    "de jongen van 10 is dol op voetbal",
    "Hij speelt bij FC Utrecht in zijn dromen.",
]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_do_not_block(text: str) -> None:
    found = [(f.severity, f.type, f.text) for f in scan_text(text) if f.severity in BLOCKING]
    assert found == []
