"""What `buurtsite publish` should do, decided from the catalog and the ledger alone.

No network and no tokens. Captions, links (with UTM parameters) and the refusal of profiles
with validation or privacy errors are decided here; ``schedule.plan_run`` adds what each Page
allows today, and that is the plan both a real run and ``--dry-run`` use.

Which profiles get a post: only an ``open`` profile gets a NEW post. A post that exists stays
while the profile is listed (``open`` or ``in_gesprek``: its page still asks for help), and is
edited (or deleted, by setting) once the profile is filled, closed or expired; it asks for help
again only when the profile is ``open`` again. An ``in_gesprek``
profile gets no new post: a steungezin is already in conversation, so recruiting more for it
would only disappoint the families who respond.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from generator import text as chars
from generator.model import Status, Zoekprofiel
from generator.privacy import scan_published
from generator.publish.ledger import Ledger, PostRecord, PostState
from generator.validate import Catalog

EXCERPT_CHARS = 280
UTM_DEFAULTS = (("utm_source", "facebook"), ("utm_medium", "social"))


class Kind(StrEnum):
    CREATE = "create"
    EDIT = "edit"  # announce that the profile is filled or closed
    DELETE = "delete"
    UPDATE = "update"  # a changed story, or a reopened profile
    RECOVER = "recover"  # an earlier create may exist: look it up and record it; never posts


@dataclass(frozen=True)
class Action:
    kind: Kind
    profile_id: str
    gemeente: str
    page_id: str
    message: str
    link: str
    post_type: str  # "foto" or "link"
    post_id: str | None = None
    recover: bool = False  # an earlier create may exist: look on the Page first
    caption_digest: str = ""

    def as_json(self, image: str | None) -> dict[str, object]:
        return {
            "action": self.kind.value,
            "profile_id": self.profile_id,
            "gemeente": self.gemeente,
            "page_id": self.page_id,
            "post_type": self.post_type if self.kind is Kind.CREATE else None,
            "message": self.message if self.kind not in (Kind.DELETE, Kind.RECOVER) else None,
            "link": self.link,
            "image": image,
            "post_id": self.post_id,
            "recover": self.recover,
        }


@dataclass(frozen=True)
class Refusal:
    """A profile that will not be published, with the Dutch reason."""

    profile_id: str
    gemeente: str
    page_id: str | None
    reason: str


@dataclass(frozen=True)
class Held:
    """A planned action a run does not carry out now, with the Dutch reason."""

    action: Action
    reason: str
    fails: bool  # True: the run reports it as failed (no token); False: skipped until later


@dataclass
class Plan:
    actions: list[Action]  # what a run does, in this order
    refusals: list[Refusal]
    held: list[Held] = field(default_factory=list)


def profile_url(base: str, profile: Zoekprofiel) -> str:
    """The profile's page on the site; must match the site's URL scheme (issue 3)."""
    return f"{base}{profile.gemeente}/{profile.id}/"


def with_utm(url: str, campaign: str) -> str:
    """``url`` with facebook UTM parameters added; parameters already present are kept."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    present = {key for key, _ in query}
    for key, value in (*UTM_DEFAULTS, ("utm_campaign", campaign)):
        if key not in present:
            query.append((key, value))
    return urlunsplit(parts._replace(query=urlencode(query)))


_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_MARKS = re.compile(r"[*_`#>]+")


def excerpt(markdown: str, limit: int = EXCERPT_CHARS) -> str:
    """The first paragraph of the story as plain text, cut at a word boundary."""
    paragraph = next((p for p in markdown.strip().split("\n\n") if p.strip()), "")
    text = _MD_MARKS.sub("", _MD_LINK.sub(r"\1", paragraph))
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",.;:")
    return cut + "…"


def caption(profile: Zoekprofiel, link: str, post_type: str) -> str:
    """The post text: the profile's own Facebook text, or its title and the story's start."""
    body = profile.facebook.text or f"{profile.title}\n\n{excerpt(profile.story)}"
    # A link post's preview carries the URL; the text still names it for copy-and-paste.
    ask = "" if post_type == "link" else "Wil jij dit gezin helpen? "
    # Scrubbed as the writers' last line of defence: `check` already refuses such characters.
    return chars.scrub(f"{body}\n\n{ask}Lees meer en meld je aan: {link}")


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def closing_message(catalog: Catalog, profile: Zoekprofiel, original: str) -> str:
    fb = catalog.settings.facebook
    announce = fb.filled_text if profile.status is Status.GEKOPPELD else fb.closed_text
    return chars.scrub(f"{announce}\n\n{original}")


def refused_files(catalog: Catalog) -> set[str]:
    """Display names of files with errors (schema, cross-file or privacy)."""
    return {f.file for f in catalog.report.errors}


def make_plan(
    catalog: Catalog,
    ledger: Ledger,
    gemeente: str | None = None,
    profile_id: str | None = None,
) -> Plan:
    """Every action `publish` would take now, and every profile it refuses, in a stable order."""
    settings = catalog.settings
    fb = settings.facebook
    lifetime = settings.site.lifetime_days
    bad_files = refused_files(catalog)
    plan = Plan([], [])
    # One read of every post (one moment of the ledger), not one query per profile.
    recorded = {p.profile_id: p for p in ledger.posts()}
    for profile in sorted(
        catalog.profiles, key=lambda p: (p.gemeente, p.published or date.min, p.id)
    ):
        if (gemeente and profile.gemeente != gemeente) or (profile_id and profile.id != profile_id):
            continue
        g = settings.gemeente(profile.gemeente)
        post = recorded.get(profile.id)
        if g is None or not profile.has_page():
            continue
        page_id = post.page_id if post else g.facebook_page
        listed = profile.is_listed(catalog.today, lifetime)
        if page_id is None:
            if listed and profile.facebook.publish:
                plan.refusals.append(
                    Refusal(
                        profile.id,
                        g.slug,
                        None,
                        f"gemeente {g.name} heeft geen Facebookpagina (facebook_pagina)",
                    )
                )
            continue
        link = with_utm(profile_url(settings.site.base, profile), profile.id)
        text = caption(profile, link, fb.post_type)
        doc = catalog.documents.get(profile.id)
        has_errors = doc is not None and doc.display in bad_files
        action = _decide(catalog, profile, post, listed, text, link, page_id)
        if action is None:
            continue
        if has_errors and action.kind in (Kind.CREATE, Kind.UPDATE, Kind.EDIT):
            plan.refusals.append(
                Refusal(
                    profile.id,
                    g.slug,
                    page_id,
                    f"{doc.display if doc else profile.id} heeft fouten (zie `buurtsite check`); "
                    "dit profiel wordt niet op Facebook gezet of bijgewerkt",
                )
            )
            continue
        plan.actions.append(action)
    if profile_id is None:
        plan.refusals.extend(_broken_files(catalog, bad_files, gemeente))
    return plan


def _broken_files(catalog: Catalog, bad_files: set[str], gemeente: str | None) -> list[Refusal]:
    """Profile files that do not even validate: they are not in the catalog, so say so here."""
    valid = {doc.display for doc in catalog.documents.values()}
    refusals = []
    for name in sorted(bad_files - valid):
        parts = Path(name).parts
        if len(parts) < 3 or parts[-3] != "profiles" or (gemeente and parts[-2] != gemeente):
            continue
        g = catalog.settings.gemeente(parts[-2])
        refusals.append(
            Refusal(
                name,
                parts[-2],
                g.facebook_page if g else None,
                f"{name} heeft fouten (zie `buurtsite check`); dit profiel wordt niet op "
                "Facebook gezet of bijgewerkt",
            )
        )
    return refusals


def _decide(
    catalog: Catalog,
    profile: Zoekprofiel,
    post: PostRecord | None,
    listed: bool,
    text: str,
    link: str,
    page_id: str,
) -> Action | None:
    fb = catalog.settings.facebook

    def act(kind: Kind, message: str = text) -> Action:
        return Action(
            kind,
            profile.id,
            profile.gemeente,
            page_id,
            message,
            link,
            fb.post_type,
            post_id=post.post_id if post else None,
            recover=post is not None and post.state is PostState.PENDING,
            caption_digest=digest(text),
        )

    # Only an open profile gets a new post (see the module docstring).
    wanted = listed and profile.status is Status.OPEN and profile.facebook.publish
    state = post.state if post else None
    if state in (None, PostState.DELETED):
        return act(Kind.CREATE) if wanted else None
    if state is PostState.PENDING:
        # A create may have happened. If the profile is still wanted, "create" recovers first;
        # if it is in conversation now, only look; if it was filled meanwhile, closing it
        # recovers first as well.
        if wanted:
            return act(Kind.CREATE)
        if listed:
            return act(Kind.RECOVER, "")
        return _closing(catalog, profile, text, act)
    if state is PostState.LIVE:
        if not listed:
            return _closing(catalog, profile, text, act)
        if fb.update_caption and post and post.caption_digest != digest(text):
            return act(Kind.UPDATE)
        return None
    if state is PostState.FILLED and listed and profile.status is Status.OPEN:
        return act(Kind.UPDATE)  # reopened: the post asks for help again
    return None


def _closing(catalog: Catalog, profile: Zoekprofiel, text: str, act: _Act) -> Action:
    if catalog.settings.facebook.when_filled == "verwijderen":
        return act(Kind.DELETE, "")
    return act(Kind.EDIT, closing_message(catalog, profile, text))


class _Act(Protocol):
    """Type of the ``act`` helper in ``_decide`` (a callable with a default message)."""

    def __call__(self, kind: Kind, message: str = ...) -> Action: ...


def allowed_contacts(catalog: Catalog) -> list[str]:
    """The public contact details a post may contain: the backoffice's and the coordinators'."""
    settings = catalog.settings
    found = [settings.site.contact.email, settings.site.contact.phone or ""]
    for c in settings.coordinators:
        found.extend([c.email, c.phone or ""])
    return [c for c in found if c]


def screen(catalog: Catalog, plan: Plan) -> Plan:
    """Run the privacy gate over every text that would reach Facebook; refuse what it flags."""
    contacts = allowed_contacts(catalog)
    kept: list[Action] = []
    refusals = list(plan.refusals)
    for action in plan.actions:
        findings = scan_published(action.message, contacts) if action.message else []
        if findings:
            what = "; ".join(f.message for f in findings[:3])
            refusals.append(
                Refusal(
                    action.profile_id,
                    action.gemeente,
                    action.page_id,
                    f"de tekst van het bericht bevat mogelijk persoonsgegevens: {what}",
                )
            )
        else:
            kept.append(action)
    return Plan(kept, refusals, list(plan.held))
