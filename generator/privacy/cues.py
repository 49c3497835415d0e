"""The words around a name that make it a person: an age after it, a family sentence, an
apposition, a naming verb. Shared by the name finder (``finder``) and the short and
lower-case name forms (``forms``).
"""

from __future__ import annotations

import re

NAMING_VERBS = frozenset({"heet", "heten", "genaamd", "noemen", "noemt", "bijnaam"})
APPOSITION = re.compile(
    r"\b(?:jongen|meisje|meid|knul|kind|zoon|zoontje|dochter|dochtertje|broer|broertje|zus|"
    r"zusje|moeder|vader|mama|papa|oma|opa|tante|oom|mentor|juf|meester|buurvrouw|buurman|"
    r"oudste|jongste|tweelingbroer|tweelingzus),\s*$",
    re.IGNORECASE,
)
NAMED = re.compile(
    r"\b(?:(?:naam|voornaam|roepnaam)\s+is\s+|(?:heet|heten|noemen|noemt|noemde|noemden)\s+"
    r"(?:(?:hij|ze|zij|hem|haar|we|wij|hier|thuis|eigenlijk|gewoon|ook|liever|iedereen)\s+)+|"
    # "overmaken op NL.. t.n.v. fam. Hermans": the account holder
    r"t\.?\s?n\.?\s?v\.?\s+(?:(?:fam\.?|familie|mevr\.?|mevrouw|dhr\.?|meneer|mw\.?)\s+)?)$",
    re.IGNORECASE,
)
_NUMBER_WORDS = (
    r"(?:een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|"
    r"vijftien|zestien|zeventien|achttien)"
)
# An age right after a word makes it a child's name: "Mirela (7)", "Mirela, 7 jaar",
# "Mei, een meisje van 6", "Kwame van 8 en Ama van 5" (not "van 9 tot 12").
AGE_AFTER = re.compile(
    r"\s*(?:\(\s*\d{1,2}\s*(?:jaar|jr\.?)?\s*[),]|,\s*\d{1,2}\s*(?:jaar|jr)\b)"
    r"|,\s*(?:een|ons|onze)\s+(?:[a-zë]+\s+)?(?:meisje|jongen|meid|knul|dochter|zoon|kind|"
    rf"baby|peuter|kleuter|tiener|puber)\s+van\s+(?:\d{{1,2}}|{_NUMBER_WORDS})\b"
    r"|\s+van\s+\d{1,2}(?:\s*(?:jaar|jr\.?))?(?=\s*(?:[,.;:!?)]|en\b|is\b|zit\b|woont\b|"
    r"heeft\b|gaat\b|houdt\b|$))"
)
SUBJECT_CUE = re.compile(
    r"\s+(?:is|wordt|werd)\s+(?:nu\s+|bijna\s+|net\s+)?\d{1,2}\b|"
    r"\s+(?:is|wordt|werd)\s+(?:nu\s+|bijna\s+|net\s+)?(?:twee|drie|vier|vijf|zes|zeven|acht|"
    r"negen|tien|elf|twaalf|dertien|veertien|vijftien|zestien|zeventien)\b"
    r"(?!\s+(?:keer|dagen|weken|maanden|uur|kinderen|broers|zussen))|"
    r"\s+(?:is|was)\s+(?:een\s+)?(?:\w+,?\s+){0,3}(?:meisje|jongen|meid|knul|peuter|kleuter|"
    r"puber|tiener|baby|dochter|zoon)\b|"
    r"\s+(?:woont|woonde|leeft)\s+(?:\w+\s+)?(?:met|bij)\s+(?:zijn|haar)\s+(?:\w+\s+)?"
    r"(?:moeder|vader|mama|papa|oma|opa|ouders|broer|zus|broertje|zusje|tante|oom|dochter|"
    r"dochtertje|zoon|zoontje|kinderen|kind|vrouw|man|partner)\b|"
    r"\s+(?:werkt|werkte)\s+(?:\w+\s+)?als\b|"  # "Taras werkt als monteur"
    # "Maarten is vader van Nina": a parent named as the subject
    r"\s+(?:is|was)\s+(?:de\s+|een\s+)?(?:\w+\s+)?(?:vader|moeder|papa|mama|opa|oma)\s+van\b|"
    r"\s+(?:en\s+)?(?:zijn|haar)\s+(?:\w+\s+)?(?:broer|broertje|zus|zusje|moeder|vader|mama|"
    r"papa|oma|opa)\b|\s+(?:heeft|krijgt)\s+(?:een\s+)?(?:broertje|zusje|broer|zus)\b"
)
