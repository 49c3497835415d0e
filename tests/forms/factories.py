"""One way to build a stored-ready ``Submission`` in tests outside the sign-up path.

Tests of the sign-up path itself go through ``fields.validate`` (``tests/forms/conftest.py``
``valid``); tests of what happens to stored aanmeldingen (backups, reports, the backoffice
list, print channels) only need a valid row, built here with the fields they care about.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from generator.forms.fields import Submission

BASE = Submission(
    kind="steungezin",
    role=None,
    gemeente="haarlem",
    profile=None,
    profile_status=None,
    name="Proef Persoon",
    email="iemand@example.net",
    phone="0612345678",
    place="2011 AB",
    household=None,
    message=None,
    source="website",
    privacy_version="2026-1",
    utm={},
)


def submission(**changes: Any) -> Submission:
    """A valid submission; a profile id without a status counts as an open profile."""
    if changes.get("profile") and "profile_status" not in changes:
        changes["profile_status"] = "open"
    return dataclasses.replace(BASE, **changes)
