"""Check a draft exactly as ``buurtsite check`` checks a file: load -> validate -> privacy.

The draft's YAML text is written to a temporary folder shaped like ``profiles/<gemeente>/``
(never the project's own ``profiles/``) and read back through ``load_yaml``, the schema, the
profile rules and the privacy scan, so a coordinator in the browser reads the very messages the
command line prints. Findings name the file as it will be: ``profiles/<gemeente>/<id>.yml``.
"""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path

from generator.errors import Finding
from generator.load import load_yaml
from generator.model import ID_PATTERN
from generator.privacy.catalog import allowed_names, scan_profile
from generator.schema_errors import finding
from generator.settings import Project
from generator.validate import (
    Catalog,
    _validate_profile,
    illustration_keys,
    profile_files,
)

SAFE_PART = re.compile(ID_PATTERN)
_ID_LINE = re.compile(r"^id:\s*['\"]?([a-z0-9-]+)", re.MULTILINE)


def ids_on_disk(project: Project) -> dict[str, str]:
    """id -> file (relative to the project root) of every profile file, read cheaply.

    File names need not equal ids (hand-made files rarely do), so the id is read from the file.
    """
    found: dict[str, str] = {}
    for path in profile_files(project):
        try:
            match = _ID_LINE.search(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError):
            continue
        if match:
            found.setdefault(match.group(1), path.relative_to(project.root).as_posix())
    return found


def draft_path(gemeente: str, profile_id: str) -> str:
    """Where a new profile goes: profiles/<gemeente>/<id>.yml (slugs only become a path)."""
    folder = gemeente if SAFE_PART.match(gemeente) else "onbekend"
    name = profile_id if SAFE_PART.match(profile_id) else "onbekend"
    return f"profiles/{folder}/{name}.yml"


def check_draft(
    project: Project, text: str, rel: str, on: date, others: dict[str, str]
) -> list[Finding]:
    """Every finding for the draft that will be ``rel``; ``others`` are the ids of other files."""
    with tempfile.TemporaryDirectory(prefix="buurtsite-concept-") as tmp:
        path = Path(tmp) / rel
        path.parent.mkdir(parents=True)
        path.write_text(text, encoding="utf-8")
        doc, findings = load_yaml(path, display=rel)
        if doc is None:
            return findings
        profile, problems = _validate_profile(doc, project, on, illustration_keys(project))
        findings += problems
        if profile is None:
            return findings
        if profile.id in others and others[profile.id] != rel:
            findings.append(
                finding(
                    doc,
                    ("id",),
                    "duplicate-id",
                    f"id '{profile.id}' wordt ook gebruikt in {others[profile.id]}; elk profiel "
                    "heeft een eigen id",
                )
            )
        for i, sibling in enumerate(profile.siblings):
            if sibling not in others:
                findings.append(
                    finding(
                        doc,
                        ("broers_zussen", i),
                        "unknown-sibling",
                        f"geen profiel met id '{sibling}'",
                    )
                )
        allowed = allowed_names(Catalog(project=project, today=on), profile)
        findings += scan_profile(profile, doc, allowed)
    return findings


def blocking(findings: list[Finding]) -> list[Finding]:
    """What keeps a draft out of git: every error, privacy errors not accepted included."""
    return [f for f in findings if f.severity.blocks]
