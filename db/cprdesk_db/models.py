"""Typed SQLAlchemy models: content tables (rebuilt from the corpus) and user tables (never touched by a rebuild)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Tables whose names start with this prefix hold content built from the corpus
# source files; a rebuild deletes and refills them and nothing else.
CONTENT_PREFIX = "corpus_"
# Full-text search tables are FTS5 virtual tables created by migrations; the
# ORM does not model them (see cprdesk_core.search).
SEARCH_PREFIX = "search_"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class CorpusBuild(Base):
    """Which corpus the content tables were built from (one row)."""

    __tablename__ = "corpus_build"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_hash: Mapped[str] = mapped_column(String(64))
    # A digest of the corpus files' names, sizes and times: when it matches,
    # start-up knows the corpus is unchanged without reading the files.
    source_fingerprint: Mapped[str] = mapped_column(String(64))
    built_at: Mapped[datetime]
    item_count: Mapped[int]
    text_count: Mapped[int]


class CorpusDocument(Base):
    __tablename__ = "corpus_document"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    position: Mapped[int]
    source: Mapped[str | None] = mapped_column(String(255))


class CorpusDocumentText(Base):
    """A document's title, metadata and labels in one language."""

    __tablename__ = "corpus_document_text"

    document_id: Mapped[str] = mapped_column(
        ForeignKey("corpus_document.id", ondelete="CASCADE"), primary_key=True
    )
    lang: Mapped[str] = mapped_column(String(8), primary_key=True)
    provenance: Mapped[str] = mapped_column(String(16))
    review_state: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text)
    meta: Mapped[dict[str, Any]]
    labels: Mapped[dict[str, Any]]


class CorpusItem(Base):
    """A node of a document's tree (part, section, action, reform, footnote …), language-independent."""

    __tablename__ = "corpus_item"
    __table_args__ = (
        Index("ix_corpus_item_parent_position", "parent_id", "position"),
        Index("ix_corpus_item_document_position", "document_id", "position"),
    )

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("corpus_document.id", ondelete="CASCADE"))
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("corpus_item.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    label: Mapped[str | None] = mapped_column(String(32))
    ref: Mapped[str | None] = mapped_column(String(64))
    position: Mapped[int]
    depth: Mapped[int]
    child_count: Mapped[int]
    attrs: Mapped[dict[str, Any]]


class CorpusText(Base):
    """An item's text in one language, with its provenance and review state."""

    __tablename__ = "corpus_text"
    __table_args__ = (UniqueConstraint("item_id", "lang"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[str] = mapped_column(ForeignKey("corpus_item.id", ondelete="CASCADE"))
    lang: Mapped[str] = mapped_column(String(8))
    provenance: Mapped[str] = mapped_column(String(16))
    review_state: Mapped[str] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    fields: Mapped[dict[str, Any] | None]
    cells: Mapped[list[Any] | None]
    note: Mapped[str | None] = mapped_column(Text)


# -- user tables: never touched by a corpus rebuild -------------------------------------------

USER_PREFIX = "user_"


class UserProfile(Base):
    """The local author profile (one row): who writes the notes on this machine."""

    __tablename__ = "user_profile"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    delegation: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]


class UserAnnotation(Base):
    """A delegate's note on an item; the item is named by its stable id, not a foreign key, so a
    corpus rebuild can never delete a note (a note whose item is gone is shown as detached)."""

    __tablename__ = "user_annotation"
    __table_args__ = (Index("ix_user_annotation_item", "item_id"),)

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(128))
    quote_lang: Mapped[str | None] = mapped_column(String(8))
    quote_exact: Mapped[str | None] = mapped_column(Text)
    quote_prefix: Mapped[str | None] = mapped_column(Text)
    quote_suffix: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    stance: Mapped[str] = mapped_column(String(32))
    priority: Mapped[str] = mapped_column(String(16))
    tags: Mapped[list[Any]]
    follow_up: Mapped[bool]
    follow_up_date: Mapped[str | None] = mapped_column(String(10))
    include_in_briefing: Mapped[bool]
    author_name: Mapped[str] = mapped_column(Text)
    author_delegation: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    deleted_at: Mapped[datetime | None]
    head_revision: Mapped[str] = mapped_column(String(36))
    conflict_of: Mapped[str | None] = mapped_column(String(36))


class UserAnnotationRevision(Base):
    """One kept state of an annotation: every change adds one, so any earlier state can be restored."""

    __tablename__ = "user_annotation_revision"
    __table_args__ = (Index("ix_user_annotation_revision_annotation", "annotation_uuid", "number"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    annotation_uuid: Mapped[str] = mapped_column(ForeignKey("user_annotation.uuid", ondelete="CASCADE"))
    number: Mapped[int]
    parent_id: Mapped[str | None] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(16))
    snapshot: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]
    author_name: Mapped[str] = mapped_column(Text)


class UserDraft(Base):
    """Text being typed, autosaved before it is saved as a revision; offered back after a crash."""

    __tablename__ = "user_draft"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(128))
    annotation_uuid: Mapped[str | None] = mapped_column(String(36))
    body: Mapped[str] = mapped_column(Text)
    saved_at: Mapped[datetime]


class UserPack(Base):
    """A saved, named selection of items in order, with the cover of its briefing note."""

    __tablename__ = "user_pack"

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    title: Mapped[str] = mapped_column(Text)
    meeting: Mapped[str] = mapped_column(Text)
    meeting_date: Mapped[str | None] = mapped_column(String(10))
    cover_note: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class UserPackItem(Base):
    __tablename__ = "user_pack_item"

    pack_uuid: Mapped[str] = mapped_column(ForeignKey("user_pack.uuid", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[str] = mapped_column(String(128))


class UserReview(Base):
    """A translator's review state of one item in one language, with comment, reviewer and time."""

    __tablename__ = "user_review"

    item_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    lang: Mapped[str] = mapped_column(String(8), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))  # not_checked | checked | needs_revision
    comment: Mapped[str] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime]


class UserDismissal(Base):
    """A check finding the translator judged not to be a problem: kept, with the reason, and shown as dismissed."""

    __tablename__ = "user_dismissal"

    finding_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    check_id: Mapped[str] = mapped_column(String(64))
    item_id: Mapped[str] = mapped_column(String(128))
    reason: Mapped[str] = mapped_column(Text)
    dismissed_by: Mapped[str] = mapped_column(Text)
    dismissed_at: Mapped[datetime]


class UserText(Base):
    """A language version imported by the user (an official UN text or the user's own): it takes the place of
    the bundled text of that item and language, and survives corpus rebuilds; older states are kept below."""

    __tablename__ = "user_text"

    item_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    lang: Mapped[str] = mapped_column(String(8), primary_key=True)
    provenance: Mapped[str] = mapped_column(String(16))  # official | user
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    fields: Mapped[dict[str, Any] | None]
    source_name: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[datetime]


class UserTextRevision(Base):
    """Every text an import replaced (the bundled one or an earlier import), so nothing is ever lost."""

    __tablename__ = "user_text_revision"
    __table_args__ = (Index("ix_user_text_revision_item_lang", "item_id", "lang"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[str] = mapped_column(String(128))
    lang: Mapped[str] = mapped_column(String(8))
    provenance: Mapped[str] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    fields: Mapped[dict[str, Any] | None]
    replaced_at: Mapped[datetime]
    source_name: Mapped[str] = mapped_column(Text)
