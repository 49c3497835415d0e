"""One error family for buurtsite.

The core never prints. It returns or raises ``Finding`` objects that know their file, line,
column and field; ``generator.cli`` turns them into Dutch text or JSON and exit codes.
Messages are Dutch because coordinators read them; codes are stable English identifiers
for tools.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    CHECK = "check"  # a privacy finding that blocks until a person confirms it (an acceptance)
    WARNING = "warning"
    INFO = "info"

    @property
    def blocks(self) -> bool:
        """Whether it stops a build, a publication or a save to git until dealt with."""
        return self in (Severity.ERROR, Severity.CHECK)

    @property
    def dutch(self) -> str:
        return {
            "error": "fout",
            "check": "controleren",
            "warning": "waarschuwing",
            "info": "info",
        }[self.value]


@dataclass(frozen=True)
class Finding:
    """One problem in one place. ``line`` and ``column`` are 1-based; 0 means unknown."""

    file: str
    line: int
    column: int
    severity: Severity
    code: str
    field: str
    message: str
    # Privacy findings also carry what kind of item was found and the matched text.
    type: str | None = None
    text: str | None = None
    suggestion: str | None = None

    @property
    def label(self) -> str:
        """The field as a coordinator reads it: "kind 1, leeftijd"."""
        return field_label(self.field)

    def location(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column or 1}"
        return self.file

    def as_text(self) -> str:
        named = self.field and any(f"'{name}'" in self.message for name in (self.field, self.label))
        where = f" [{self.label}]" if self.field and not named else ""
        tail = f" {self.suggestion}" if self.suggestion else ""
        return f"{self.location()}: {self.severity.dutch}{where}: {self.message}{tail}"

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        if self.type is None:
            for key in ("type", "text"):
                data.pop(key)
        return data


# One item of a list, named as a person would: kinderen[0] is "kind 1".
ITEM_NOUNS = {
    "kinderen": "kind",
    "wensen": "wens",
    "steunvormen": "steunvorm",
    "dagen": "dag",
    "dagdelen": "dagdeel",
    "broers_zussen": "broer/zus",
    "statuslog": "statuslog, regel",
    "toegestaan": "toegestane melding",
    "gemeenten": "gemeente",
    "wijken": "wijk",
    "coordinatoren": "coördinator",
}
_PART = re.compile(r"[^.\[\]]+|\[\d+\]")


def field_label(path: str) -> str:
    """A field path such as ``kinderen[0].leeftijd`` as Dutch text: ``kind 1, leeftijd``.

    Nested keys keep their dots (``site.kleuren.primair``, as in docs/configuratie.md);
    a list item becomes its noun and number, set apart by commas.
    """
    segments: list[str] = []
    keys: list[str] = []
    for part in _PART.findall(path):
        if part.startswith("["):
            key = keys.pop() if keys else ""
            if keys:
                segments.append(".".join(keys))
                keys = []
            noun = ITEM_NOUNS.get(key, key or "item")
            segments.append(f"{noun} {int(part[1:-1]) + 1}")
        else:
            keys.append(part)
    if keys:
        segments.append(".".join(keys))
    return ", ".join(segments)


@dataclass
class Report:
    """Collects every finding of a run; the run fails once, at the end."""

    findings: list[Finding] = field(default_factory=list)

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)

    def extend(self, findings: Iterable[Finding]) -> None:
        self.findings.extend(findings)

    @property
    def errors(self) -> list[Finding]:
        """Everything that blocks build and publish: errors and unconfirmed privacy checks."""
        return [f for f in self.findings if f.severity.blocks]

    @property
    def checks(self) -> list[Finding]:
        """Unconfirmed privacy checks (also in ``errors``: they block until confirmed)."""
        return [f for f in self.findings if f.severity is Severity.CHECK]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    def sorted(self) -> list[Finding]:
        return sorted(self.findings, key=lambda f: (f.file, f.line, f.column, f.code))


class BuurtsiteError(Exception):
    """Base of every error the CLI turns into a Dutch message and exit code 1."""

    def __init__(self, message: str, findings: Iterable[Finding] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.findings = list(findings)


class ConfigError(BuurtsiteError):
    """site_config.yml (or a setting from the environment) is missing or invalid."""


class ValidationFailed(BuurtsiteError):
    """``check`` found errors; ``findings`` holds all of them."""


class MissingTool(BuurtsiteError):
    """A program or package buurtsite needs is not installed; the message says how to get it."""


def did_you_mean(word: str, options: Iterable[str]) -> str | None:
    """The closest known option to a misspelt ``word``, for "bedoelde u ...?" hints."""
    matches = difflib.get_close_matches(word.lower(), list(options), n=1, cutoff=0.6)
    return matches[0] if matches else None
