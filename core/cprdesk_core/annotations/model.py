"""Plain values of the annotation domain: stances, priorities, annotations and revisions as frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from cprdesk_core.errors import N_

STANCES = ("support", "support_with_amendments", "concern", "oppose", "no_position")
PRIORITIES = ("high", "normal", "low")

STANCE_LABELS = {
    "support": N_("Support"),
    "support_with_amendments": N_("Support with amendments"),
    "concern": N_("Concern"),
    "oppose": N_("Oppose"),
    "no_position": N_("No position yet"),
}
PRIORITY_LABELS = {"high": N_("High"), "normal": N_("Normal"), "low": N_("Low")}

# The fields a revision keeps; restoring a revision puts exactly these back.
SNAPSHOT_FIELDS = (
    "item_id", "quote_lang", "quote_exact", "quote_prefix", "quote_suffix", "body", "stance", "priority",
    "tags", "follow_up", "follow_up_date", "include_in_briefing",
)
MAX_BODY_CHARS = 1_000_000
MAX_TAGS = 50
MAX_TAG_CHARS = 80


@dataclass(frozen=True)
class Quote:
    """Where a highlight is: the exact text with a little context on each side (like a TextQuoteSelector)."""

    lang: str
    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class Profile:
    name: str
    delegation: str


@dataclass(frozen=True)
class Annotation:
    uuid: str
    item_id: str
    body: str
    stance: str
    priority: str
    tags: tuple[str, ...]
    follow_up: bool
    follow_up_date: str | None
    include_in_briefing: bool
    quote: Quote | None
    author_name: str
    author_delegation: str
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None
    head_revision: str
    revision_count: int
    conflict_of: str | None = None
    detached: bool = False  # its item is not in this corpus

    @property
    def in_trash(self) -> bool:
        return self.deleted_at is not None


@dataclass(frozen=True)
class Revision:
    id: str
    number: int
    parent_id: str | None
    action: str
    snapshot: dict = field(hash=False)
    created_at: datetime = field(default_factory=datetime.now)
    author_name: str = ""


@dataclass(frozen=True)
class Draft:
    key: str
    item_id: str
    annotation_uuid: str | None
    body: str
    saved_at: datetime


@dataclass(frozen=True)
class AnnotationFilter:
    """What the Annotations view and search filter on; empty means any."""

    stances: tuple[str, ...] = ()
    priorities: tuple[str, ...] = ()
    tag: str | None = None
    follow_up: bool | None = None
    has_highlight: bool | None = None
    document_id: str | None = None
    include_in_briefing: bool | None = None
    in_trash: bool = False
