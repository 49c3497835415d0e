"""The ledger's tables and records: what a post and an action are (generator/publish/ledger.py).

The tables are on the sign-up store's metadata, like generator/ops/tables.py, so that the one
Alembic history (migration 0007) owns them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import Column, Index, Integer, String, Table, Text

from generator.forms.store import metadata

posts = Table(
    "ledger_posts",
    metadata,
    Column("profile_id", String(60), primary_key=True),
    Column("page_id", String(40), nullable=False, index=True),
    Column("post_id", String(80)),
    Column("state", String(20), nullable=False),
    Column("link", Text, nullable=False),
    Column("caption_digest", String(64), nullable=False, default=""),
    Column("created_at", String(40), nullable=False),
    Column("updated_at", String(40), nullable=False),
)
actions = Table(
    "ledger_actions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", String(40), nullable=False),
    Column("day", String(10), nullable=False),
    Column("profile_id", String(60), nullable=False, index=True),
    Column("page_id", String(40), nullable=False),
    Column("action", String(20), nullable=False),
    Column("state", String(20), nullable=False),
    Column("post_id", String(80)),
    Column("detail", Text, nullable=False, default=""),
    Index("ix_ledger_actions_page_day", "page_id", "day", "action"),
)
COUNTED = ("intent", "done", "uncertain")  # a create in these states may exist on the Page


class PostState(StrEnum):
    PENDING = "pending"  # intent recorded, outcome unknown: look before posting again
    LIVE = "live"
    FILLED = "filled"  # edited to say the profile is filled or closed
    DELETED = "deleted"


class ActionState(StrEnum):
    INTENT = "intent"
    DONE = "done"
    FAILED = "failed"  # definitely did not happen
    UNCERTAIN = "uncertain"  # may have happened; the post is looked for before any retry
    RECOVERED = "recovered"  # an uncertain create turned out to exist on the Page


class Claimed(Exception):
    """Another run created (or is creating) this profile's post since the plan was made."""


@dataclass(frozen=True)
class PostRecord:
    profile_id: str
    page_id: str
    post_id: str | None
    state: PostState
    link: str
    caption_digest: str
    updated_at: str


@dataclass(frozen=True)
class ActionRecord:
    id: int
    at: str
    day: str
    profile_id: str
    page_id: str
    action: str
    state: ActionState
    post_id: str | None
    detail: str


POST_COLUMNS = (
    posts.c.profile_id,
    posts.c.page_id,
    posts.c.post_id,
    posts.c.state,
    posts.c.link,
    posts.c.caption_digest,
    posts.c.updated_at,
)
ACTION_COLUMNS = (
    actions.c.id,
    actions.c.at,
    actions.c.day,
    actions.c.profile_id,
    actions.c.page_id,
    actions.c.action,
    actions.c.state,
    actions.c.post_id,
    actions.c.detail,
)


def post_record(row: Any) -> PostRecord:
    return PostRecord(row[0], row[1], row[2], PostState(row[3]), row[4], row[5], row[6])


def action_record(row: Any) -> ActionRecord:
    return ActionRecord(
        row[0], row[1], row[2], row[3], row[4], row[5], ActionState(row[6]), row[7], row[8]
    )
