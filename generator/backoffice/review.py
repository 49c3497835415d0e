"""Four eyes: which change must wait for a second account, and who may approve it.

Per gemeente, ``review: verplicht`` (the default) in site_config.yml. A new profile, or a change
to the public text of a published profile (``Zoekprofiel.public_texts``: title, story, wishes,
Facebook text ...), waits as "ter beoordeling" until another account with rights on that gemeente
approves it. A change that publishes nothing new (a date, a status, the days) goes straight on.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

import yaml

from generator.backoffice.accounts import User
from generator.settings import Settings

PUBLIC_KEYS = (
    "titel",
    "verhaal",
    "wensen",
    "steunvorm_anders",
    "frequentie_toelichting",
    "facebook",
)


def required(settings: Settings, gemeente: str) -> bool:
    found = settings.gemeente(gemeente)
    return found is None or found.review == "verplicht"


def _normal(value: Any) -> Any:
    """Text as a reader sees it: line breaks and trailing blanks are no change."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [_normal(v) for v in value]
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items()}
    return value


def _public(data: Mapping[str, Any]) -> dict[str, Any]:
    return {key: _normal(data.get(key)) for key in PUBLIC_KEYS}


def needs_review(settings: Settings, old_text: str | None, new_text: str, gemeente: str) -> bool:
    """Whether saving ``new_text`` over ``old_text`` (None: a new profile) must wait."""
    if not required(settings, gemeente):
        return False
    if old_text is None:
        return True
    old = yaml.safe_load(old_text)
    new = yaml.safe_load(new_text)
    if not isinstance(old, dict) or not isinstance(new, dict):
        return True
    if old.get("status", "concept") == "concept":
        return bool(new.get("status", "concept") != "concept")  # publishing it is what needs eyes
    return _public(old) != _public(new)


def may_approve(user: User, author: str, gemeente: str) -> tuple[bool, str]:
    """(allowed, reason in Dutch when not): never one's own change, only one's own gemeenten."""
    if user.username == author:
        return False, "U kunt uw eigen wijziging niet goedkeuren; een tweede account moet dat doen."
    if user.scope is not None and gemeente not in user.scope:
        return False, "U heeft geen rechten op deze gemeente."
    return True, ""


def diff(old_text: str | None, new_text: str, name: str) -> list[str]:
    """Unified diff lines between the file and the draft, for the reviewer and for a conflict."""
    return list(
        difflib.unified_diff(
            (old_text or "").splitlines(),
            new_text.splitlines(),
            fromfile=f"{name} (nu)",
            tofile=f"{name} (nieuw)",
            lineterm="",
        )
    )


def changed_fields(old_text: str | None, new_text: str) -> list[str]:
    """The top-level keys whose value differs: what a commit message and the history name."""
    old = yaml.safe_load(old_text) if old_text else {}
    new = yaml.safe_load(new_text)
    old = old if isinstance(old, dict) else {}
    new = new if isinstance(new, dict) else {}
    keys = dict.fromkeys([*old, *new])
    return [k for k in keys if _normal(old.get(k)) != _normal(new.get(k))]
