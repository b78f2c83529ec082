"""Annotation use cases: each opens one transaction, keeps a revision of every change, returns dataclasses."""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from cprdesk_core.annotations.model import (
    MAX_BODY_CHARS,
    MAX_TAG_CHARS,
    MAX_TAGS,
    PRIORITIES,
    SNAPSHOT_FIELDS,
    STANCES,
    Annotation,
    AnnotationFilter,
    Draft,
    Profile,
    Quote,
    Revision,
)
from cprdesk_core.database import Database
from cprdesk_core.errors import N_, DomainError, NotFoundError
from cprdesk_core.textfold import fold
from cprdesk_db.models import UserAnnotation, UserAnnotationRevision, UserDraft, UserProfile


class AnnotationError(DomainError):
    """An annotation change that cannot be made (bad value, unknown note)."""


def utcnow() -> datetime:
    """Now in UTC, stored without a zone (SQLite has none); shown in local time by the GUI."""
    return datetime.now(UTC).replace(tzinfo=None)


def new_id() -> str:
    return str(uuidlib.uuid4())


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for tag in tags:
        tag = " ".join(str(tag).split())
        if tag and tag not in out:
            out.append(tag[:MAX_TAG_CHARS])
    if len(out) > MAX_TAGS:
        raise AnnotationError(N_("A note can carry at most {count} tags."), count=MAX_TAGS)
    return tuple(out)


def validate(values: dict[str, Any]) -> dict[str, Any]:
    """Check and normalise the editable fields; raises AnnotationError with one clear sentence."""
    out = dict(values)
    if "body" in out:
        body = out["body"]
        if not isinstance(body, str):
            raise AnnotationError(N_("The note must be text."))
        if len(body) > MAX_BODY_CHARS:
            raise AnnotationError(N_("The note is longer than {count} characters."), count=MAX_BODY_CHARS)
    if "stance" in out and out["stance"] not in STANCES:
        raise AnnotationError(N_("{value} is not a stance."), value=out["stance"])
    if "priority" in out and out["priority"] not in PRIORITIES:
        raise AnnotationError(N_("{value} is not a priority."), value=out["priority"])
    if "tags" in out:
        out["tags"] = list(clean_tags(out["tags"]))
    if out.get("follow_up_date"):
        try:
            datetime.strptime(out["follow_up_date"], "%Y-%m-%d")
        except (TypeError, ValueError):
            raise AnnotationError(N_("{value} is not a date (use YYYY-MM-DD)."), value=out["follow_up_date"]) from None
    for flag in ("follow_up", "include_in_briefing"):
        if flag in out:
            out[flag] = bool(out[flag])
    return out


def snapshot_of(row: UserAnnotation) -> dict[str, Any]:
    snap = {name: getattr(row, name) for name in SNAPSHOT_FIELDS}
    snap["tags"] = list(row.tags or [])
    snap["deleted"] = row.deleted_at is not None
    return snap


def to_annotation(row: UserAnnotation, revision_count: int, known_items: set[str] | None = None) -> Annotation:
    quote = None
    if row.quote_exact:
        quote = Quote(row.quote_lang or "zh", row.quote_exact, row.quote_prefix or "", row.quote_suffix or "")
    return Annotation(
        uuid=row.uuid, item_id=row.item_id, body=row.body, stance=row.stance, priority=row.priority,
        tags=tuple(row.tags or ()), follow_up=row.follow_up, follow_up_date=row.follow_up_date,
        include_in_briefing=row.include_in_briefing, quote=quote, author_name=row.author_name,
        author_delegation=row.author_delegation, created_at=row.created_at, updated_at=row.updated_at,
        deleted_at=row.deleted_at, head_revision=row.head_revision, revision_count=revision_count,
        conflict_of=row.conflict_of, detached=known_items is not None and row.item_id not in known_items,
    )


def index_note(session: Session, row: UserAnnotation) -> None:
    """Keep the note's folded text in the notes search index (removed while it is in the trash)."""
    session.execute(text("DELETE FROM search_notes WHERE uuid = :u"), {"u": row.uuid})
    if row.deleted_at is None:
        body = "\n".join([row.body, " ".join(row.tags or []), row.quote_exact or ""])
        session.execute(text("INSERT INTO search_notes (uuid, body) VALUES (:u, :b)"), {"u": row.uuid, "b": fold(body)})


def add_revision(session: Session, row: UserAnnotation, action: str, author: str, when: datetime) -> UserAnnotationRevision:
    number = (
        session.scalar(
            select(UserAnnotationRevision.number)
            .where(UserAnnotationRevision.annotation_uuid == row.uuid)
            .order_by(UserAnnotationRevision.number.desc())
            .limit(1)
        )
        or 0
    ) + 1
    revision = UserAnnotationRevision(
        id=new_id(), annotation_uuid=row.uuid, number=number, parent_id=row.head_revision or None,
        action=action, snapshot=snapshot_of(row), created_at=when, author_name=author,
    )
    session.add(revision)
    row.head_revision = revision.id
    return revision


class AnnotationService:
    """Every write is one transaction; nothing a user wrote is ever overwritten without a revision."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # -- profile -------------------------------------------------------------
    def profile(self) -> Profile | None:
        with self._db.sessions() as s:
            row = s.get(UserProfile, 1)
            return Profile(row.name, row.delegation) if row else None

    def set_profile(self, name: str, delegation: str) -> Profile:
        name, delegation = " ".join(name.split()), " ".join(delegation.split())
        if not name:
            raise AnnotationError(N_("Please give your name."))
        with self._db.sessions.begin() as s:
            row = s.get(UserProfile, 1)
            if row is None:
                s.add(UserProfile(id=1, name=name, delegation=delegation, created_at=utcnow()))
            else:
                row.name, row.delegation = name, delegation
        return Profile(name, delegation)

    # -- reading -------------------------------------------------------------
    def _known_items(self, s: Session) -> set[str]:
        return {r[0] for r in s.execute(text("SELECT id FROM corpus_item"))}

    def _counts(self, s: Session, uuids: list[str]) -> dict[str, int]:
        if not uuids:
            return {}
        rows = s.execute(
            select(UserAnnotationRevision.annotation_uuid, text("count(*)"))
            .where(UserAnnotationRevision.annotation_uuid.in_(uuids))
            .group_by(UserAnnotationRevision.annotation_uuid)
        )
        return dict(rows.all())

    def _convert(self, s: Session, rows: list[UserAnnotation]) -> list[Annotation]:
        counts = self._counts(s, [r.uuid for r in rows])
        known = self._known_items(s)
        return [to_annotation(r, counts.get(r.uuid, 0), known) for r in rows]

    def get(self, uuid: str) -> Annotation:
        with self._db.sessions() as s:
            row = s.get(UserAnnotation, uuid)
            if row is None:
                raise NotFoundError(N_("There is no note {id}."), id=uuid)
            return self._convert(s, [row])[0]

    def for_item(self, item_id: str) -> list[Annotation]:
        with self._db.sessions() as s:
            rows = s.scalars(
                select(UserAnnotation)
                .where(UserAnnotation.item_id == item_id, UserAnnotation.deleted_at.is_(None))
                .order_by(UserAnnotation.created_at)
            ).all()
            return self._convert(s, list(rows))

    def list(self, flt: AnnotationFilter = AnnotationFilter()) -> list[Annotation]:
        with self._db.sessions() as s:
            query = select(UserAnnotation)
            query = query.where(
                UserAnnotation.deleted_at.is_not(None) if flt.in_trash else UserAnnotation.deleted_at.is_(None)
            )
            if flt.stances:
                query = query.where(UserAnnotation.stance.in_(flt.stances))
            if flt.priorities:
                query = query.where(UserAnnotation.priority.in_(flt.priorities))
            if flt.follow_up is not None:
                query = query.where(UserAnnotation.follow_up.is_(flt.follow_up))
            if flt.include_in_briefing is not None:
                query = query.where(UserAnnotation.include_in_briefing.is_(flt.include_in_briefing))
            if flt.has_highlight is not None:
                query = query.where(
                    UserAnnotation.quote_exact.is_not(None) if flt.has_highlight else UserAnnotation.quote_exact.is_(None)
                )
            if flt.document_id:
                query = query.where(UserAnnotation.item_id.like(flt.document_id.replace("%", "") + "/%"))
            rows = list(s.scalars(query.order_by(UserAnnotation.updated_at.desc())).all())
            if flt.tag:
                wanted = fold(flt.tag)
                rows = [r for r in rows if any(fold(t) == wanted for t in r.tags or ())]
            return self._convert(s, rows)

    def items_with_notes(self) -> dict[str, int]:
        """item id → number of notes on it (for the contents tree)."""
        with self._db.sessions() as s:
            rows = s.execute(
                text("SELECT item_id, count(*) FROM user_annotation WHERE deleted_at IS NULL GROUP BY item_id")
            )
            return dict(rows.all())

    def tags(self) -> list[str]:
        seen: dict[str, str] = {}
        for note in self.list():
            for tag in note.tags:
                seen.setdefault(fold(tag), tag)
        return sorted(seen.values(), key=fold)

    def revisions(self, uuid: str) -> list[Revision]:
        with self._db.sessions() as s:
            rows = s.scalars(
                select(UserAnnotationRevision)
                .where(UserAnnotationRevision.annotation_uuid == uuid)
                .order_by(UserAnnotationRevision.number)
            ).all()
            return [Revision(r.id, r.number, r.parent_id, r.action, dict(r.snapshot), r.created_at, r.author_name) for r in rows]

    # -- writing -------------------------------------------------------------
    def _author(self, s: Session) -> tuple[str, str]:
        row = s.get(UserProfile, 1)
        return (row.name, row.delegation) if row else ("", "")

    def create(self, item_id: str, *, quote: Quote | None = None, **values: Any) -> Annotation:
        """A new note on an item (and optionally on a quoted passage of one language version)."""
        fields = validate(
            {"body": "", "stance": "no_position", "priority": "normal", "tags": [], "follow_up": False,
             "follow_up_date": None, "include_in_briefing": False, **values}
        )
        now = utcnow()
        with self._db.sessions.begin() as s:
            author, delegation = self._author(s)
            row = UserAnnotation(
                uuid=new_id(), item_id=item_id, author_name=author, author_delegation=delegation,
                created_at=now, updated_at=now, deleted_at=None, head_revision="", conflict_of=None,
                quote_lang=quote.lang if quote else None, quote_exact=quote.exact if quote else None,
                quote_prefix=quote.prefix if quote else None, quote_suffix=quote.suffix if quote else None,
                **fields,
            )
            s.add(row)
            s.flush()
            add_revision(s, row, "create", author, now)
            index_note(s, row)
            s.flush()
            uuid = row.uuid
        return self.get(uuid)

    def update(self, uuid: str, **values: Any) -> Annotation:
        """Change fields of a note; a revision keeps the new state. No change, no revision."""
        fields = validate(values)
        with self._db.sessions.begin() as s:
            row = s.get(UserAnnotation, uuid)
            if row is None:
                raise NotFoundError(N_("There is no note {id}."), id=uuid)
            changed = False
            for name, value in fields.items():
                if name not in SNAPSHOT_FIELDS:
                    raise AnnotationError(N_("{value} is not a field of a note."), value=name)
                if getattr(row, name) != value:
                    setattr(row, name, value)
                    changed = True
            if changed:
                now = utcnow()
                row.updated_at = now
                add_revision(s, row, "edit", self._author(s)[0], now)
                index_note(s, row)
        return self.get(uuid)

    def set_quote(self, uuid: str, quote: Quote | None) -> Annotation:
        return self.update(
            uuid,
            quote_lang=quote.lang if quote else None,
            quote_exact=quote.exact if quote else None,
            quote_prefix=quote.prefix if quote else None,
            quote_suffix=quote.suffix if quote else None,
        )

    def delete(self, uuid: str) -> Annotation:
        """Move a note to the trash (it can be restored until the trash is emptied)."""
        return self._set_deleted(uuid, True)

    def restore(self, uuid: str) -> Annotation:
        return self._set_deleted(uuid, False)

    def _set_deleted(self, uuid: str, deleted: bool) -> Annotation:
        with self._db.sessions.begin() as s:
            row = s.get(UserAnnotation, uuid)
            if row is None:
                raise NotFoundError(N_("There is no note {id}."), id=uuid)
            if (row.deleted_at is not None) != deleted:
                now = utcnow()
                row.deleted_at = now if deleted else None
                row.updated_at = now
                add_revision(s, row, "delete" if deleted else "restore", self._author(s)[0], now)
                index_note(s, row)
        return self.get(uuid)

    def restore_revision(self, uuid: str, revision_id: str) -> Annotation:
        """Bring back the state a revision kept, as a new revision (history is never rewritten)."""
        with self._db.sessions() as s:
            rev = s.get(UserAnnotationRevision, revision_id)
            if rev is None or rev.annotation_uuid != uuid:
                raise NotFoundError(N_("There is no such revision of this note."))
            snapshot = dict(rev.snapshot)
        values = {k: snapshot[k] for k in SNAPSHOT_FIELDS if k in snapshot and k != "item_id"}
        return self.update(uuid, **values)

    def empty_trash(self) -> int:
        """Delete for good the notes in the trash; returns how many."""
        with self._db.sessions.begin() as s:
            uuids = [r[0] for r in s.execute(select(UserAnnotation.uuid).where(UserAnnotation.deleted_at.is_not(None)))]
            if uuids:
                s.execute(delete(UserAnnotationRevision).where(UserAnnotationRevision.annotation_uuid.in_(uuids)))
                s.execute(delete(UserAnnotation).where(UserAnnotation.uuid.in_(uuids)))
        return len(uuids)

    # -- drafts --------------------------------------------------------------
    def save_draft(self, key: str, item_id: str, annotation_uuid: str | None, body: str) -> None:
        """Keep the text being typed (autosave); a later save of the note discards it."""
        with self._db.sessions.begin() as s:
            row = s.get(UserDraft, key)
            if row is None:
                s.add(UserDraft(key=key, item_id=item_id, annotation_uuid=annotation_uuid, body=body, saved_at=utcnow()))
            else:
                row.body, row.annotation_uuid, row.saved_at = body, annotation_uuid, utcnow()

    def drafts(self) -> list[Draft]:
        with self._db.sessions() as s:
            return [
                Draft(r.key, r.item_id, r.annotation_uuid, r.body, r.saved_at)
                for r in s.scalars(select(UserDraft).order_by(UserDraft.saved_at))
            ]

    def discard_draft(self, key: str) -> None:
        with self._db.sessions.begin() as s:
            s.execute(delete(UserDraft).where(UserDraft.key == key))

    # -- search --------------------------------------------------------------
    def search_uuids(self, query: str) -> list[str]:
        """Notes whose text, tags or highlighted quote contain every term of the query."""
        from cprdesk_core.search import split_query

        terms = split_query(query)
        if not terms:
            return []
        with self._db.sessions() as s:
            rows = s.execute(text("SELECT uuid, body FROM search_notes")).all()
        return [u for u, body in rows if all(t in body for t in terms)]
