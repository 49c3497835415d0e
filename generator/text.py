"""One rule for the characters of every free text, wherever it comes from.

Coordinators paste from Word, WhatsApp and e-mail, and residents type into the sign-up form:
that text can carry characters nobody sees. The same rule applies to profiles, site_config.yml,
privacy acceptances and everything the sign-up form and backoffice take in:

- every line break becomes ``\\n``: CR LF and CR (Windows, forms), and Word's vertical tab and
  form feed, NEL, and U+2028/U+2029;
- other C0 and C1 control characters (backspace, bell, escape, NUL ...) are refused, except tab;
- lone surrogates and non-characters (U+FFFE, U+FDD0 ...) are refused;
- in titles and names, bidi embeddings, overrides and isolates are refused: they make a title
  read differently than it is stored ("Trojan Source"). Elsewhere they can be part of Arabic or
  Hebrew text, and the marks LRM/RLM stay allowed everywhere;
- the text is normalised to NFC, so "é" typed on a Mac matches the same word typed elsewhere.

``check`` is for the edges that can answer with a message (``check``, the form); ``scrub`` is the
writers' last line of defence (feeds, JSON-LD, post texts): it removes what ``check`` refuses, so
a character that slipped through can never make a file malformed. Pure functions, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Every way to write a line break that is not "\n". CR LF first, so it becomes one break.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Keys whose values are titles or names: one line that readers take at face value.
TITLE_KEYS = frozenset({"titel", "naam", "pseudoniem", "wijk", "wijken", "provincie"})

_NAMES = {
    0x00: "nul-teken",
    0x07: "bel",
    0x08: "backspace",
    0x1B: "escape",
    0x7F: "delete",
    0x202A: "begin links-naar-rechts",
    0x202B: "begin rechts-naar-links",
    0x202C: "einde leesrichting",
    0x202D: "links-naar-rechts forceren",
    0x202E: "rechts-naar-links forceren",
    0x2066: "links-naar-rechts isoleren",
    0x2067: "rechts-naar-links isoleren",
    0x2068: "leesrichting isoleren",
    0x2069: "einde isolatie",
}


_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0x10000, 0x110000, 0x10000)
)
# What ``check`` refuses; line breaks are left out because they are normalised first.
_REFUSED = re.compile(f"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff{_NONCHARACTERS}]")
_REFUSED_IN_TITLE = re.compile(f"{_REFUSED.pattern}|[{''.join(_BIDI_CONTROLS)}]")


def _is_surrogate(char: str) -> bool:
    return 0xD800 <= ord(char) <= 0xDFFF


def _is_noncharacter(char: str) -> bool:
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def kind(char: str, *, title: bool = False) -> str | None:
    """Why ``char`` is refused ("control", "surrogate", "noncharacter", "bidi"), or None.

    Line breaks (CR, VT, FF, NEL, U+2028/9) are not refused: ``normalise`` turns them into "\\n".
    """
    if not (_REFUSED_IN_TITLE if title else _REFUSED).match(char):
        return None
    if _is_surrogate(char):
        return "surrogate"
    if _is_noncharacter(char):
        return "noncharacter"
    return "bidi" if char in _BIDI_CONTROLS else "control"


def describe(char: str) -> str:
    """'U+0008 (backspace)': the code point and a Dutch name a coordinator can look up."""
    code = ord(char)
    name = _NAMES.get(code)
    if name is None:
        if _is_surrogate(char):
            name = "los surrogaat, een half teken"
        elif _is_noncharacter(char):
            name = "niet-teken"
        else:
            name = "stuurteken"
    return f"U+{code:04X} ({name})"


@dataclass(frozen=True)
class Refused:
    """One refused character: where it is in the text as given, and why."""

    index: int
    char: str
    kind: str  # "control", "surrogate", "noncharacter" or "bidi"

    @property
    def code(self) -> str:
        return f"text-{self.kind}"

    @property
    def message(self) -> str:
        """The Dutch message for ``check`` (coordinators)."""
        if self.kind == "bidi":
            return (
                f"onzichtbaar teken {describe(self.char)} keert de leesrichting om: de tekst "
                "leest dan anders dan hij is opgeslagen."
            )
        if self.kind == "control":
            return f"onzichtbaar teken {describe(self.char)}."
        return f"ongeldig teken {describe(self.char)}."

    @property
    def suggestion(self) -> str:
        if self.kind == "bidi":
            return "Haal het teken weg; Arabische of Hebreeuwse tekst heeft het niet nodig."
        return (
            "Zulke tekens komen mee bij kopiëren en plakken; haal het weg door de woorden "
            "eromheen opnieuw te typen."
        )

    def form_message(self) -> str:
        """The Dutch message for the sign-up form (residents, "u")."""
        return (
            f"Dit veld bevat een onzichtbaar of ongeldig teken ({describe(self.char)}). "
            "Haal het weg, bijvoorbeeld door de tekst opnieuw te typen in plaats van te plakken."
        )


def check(text: str, *, title: bool = False) -> tuple[str, list[Refused]]:
    """(the normalised text, every refused character with its index in ``text``)."""
    pattern = _REFUSED_IN_TITLE if title else _REFUSED
    refused = [
        Refused(m.start(), m.group(), kind(m.group(), title=title) or "control")
        for m in pattern.finditer(text)
    ]
    return normalise(text), refused


def normalise(text: str) -> str:
    """Line breaks as ``\\n`` and NFC; refused characters are left for ``check`` to report."""
    return unicodedata.normalize("NFC", _LINE_BREAKS.sub("\n", text))


def scrub(text: str, *, title: bool = False) -> str:
    """``text`` normalised, with every character ``check`` would refuse removed.

    For writers: the result is always valid UTF-8, XML 1.0 and JSON text.
    """
    pattern = _REFUSED_IN_TITLE if title else _REFUSED
    return unicodedata.normalize("NFC", pattern.sub("", _LINE_BREAKS.sub("\n", text)))
