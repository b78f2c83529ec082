"""What a briefing note contains, as plain frozen dataclasses independent of the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
PROVENANCES = ("official", "working", "user")
STANCES = ("support", "support_with_amendments", "concern", "oppose", "no_position")
PRIORITIES = ("high", "normal", "low")


@dataclass(frozen=True)
class Block:
    """One entry of a reform field: a paragraph, bulleted or not, with optional sub-bullets."""

    text: str
    bullet: bool = True
    sub: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReformFields:
    """The reform table's columns for one reform; `status` None means "not given" in the source."""

    ongoing_actions: tuple[Block, ...] = ()
    subprogramme_ref: str | None = None
    further_actions: tuple[Block, ...] = ()
    budget: str | None = None
    status: tuple[Block, ...] | None = None


@dataclass(frozen=True)
class Footnote:
    """A footnote of the item's document; `label` is what `[^label]` markers refer to."""

    label: str
    text: str


@dataclass(frozen=True)
class ItemVersion:
    """The same item in another language, for bilingual side-by-side notes."""

    lang: str
    text: str
    provenance: str
    fields: ReformFields | None = None
    footnotes: tuple[Footnote, ...] = ()
    short_title: str = ""


@dataclass(frozen=True)
class NoteAnnotation:
    """The user's position on an item: stable codes for stance and priority, free text otherwise."""

    stance: str | None = None
    priority: str | None = None
    body: str = ""
    highlights: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class BriefingItem:
    """One item of the note: its text in `text_lang`, with fields, footnotes and annotation."""

    item_id: str
    ref: str
    kind: str
    short_title: str
    text: str
    text_lang: str
    provenance: str
    fields: ReformFields | None = None
    footnotes: tuple[Footnote, ...] = ()
    second: ItemVersion | None = None
    annotation: NoteAnnotation | None = None


@dataclass(frozen=True)
class BriefingNote:
    """A whole briefing note in language `lang`, optionally bilingual with `second_lang`."""

    lang: str
    title: str
    meeting: str
    meeting_date: date | None
    prepared_by: str
    cover_note: str
    generated_at: datetime
    items: tuple[BriefingItem, ...]
    second_lang: str | None = None
