"""Annotation use cases: each opens one transaction, keeps a revision of every change, returns dataclasses."""

from __future__ import annotations

import json
import uuid as uuidlib
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from cprdesk_db.models import UserAnnotation, UserAnnotationRevision

# SQLAlchemy and the ORM models are imported inside the writing functions: reading notes (and so
# opening the window) needs only SQLite.


_COLUMNS = (
    "a.uuid, a.item_id, a.quote_lang, a.quote_exact, a.quote_prefix, a.quote_suffix, a.body, a.stance, a.priority, "
    "a.tags, a.follow_up, a.follow_up_date, a.include_in_briefing, a.author_name, a.author_delegation, "
    "a.created_at, a.updated_at, a.deleted_at, a.head_revision, a.conflict_of"
)


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _from_row(r: tuple) -> Annotation:
    quote = Quote(r[2] or "zh", r[3], r[4] or "", r[5] or "") if r[3] else None
    return Annotation(
        uuid=r[0], item_id=r[1], body=r[6], stance=r[7], priority=r[8], tags=tuple(json.loads(r[9]) if r[9] else ()),
        follow_up=bool(r[10]), follow_up_date=r[11], include_in_briefing=bool(r[12]), quote=quote,
        author_name=r[13], author_delegation=r[14], created_at=_dt(r[15]), updated_at=_dt(r[16]),
        deleted_at=_dt(r[17]), head_revision=r[18], revision_count=r[20], conflict_of=r[19], detached=not r[21],
    )


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


def index_note(session: Session, row: UserAnnotation) -> None:
    """Keep the note's folded text in the notes search index (removed while it is in the trash)."""
    from sqlalchemy import text

    session.execute(text("DELETE FROM search_notes WHERE uuid = :u"), {"u": row.uuid})
    if row.deleted_at is None:
        body = "\n".join([row.body, " ".join(row.tags or []), row.quote_exact or ""])
        session.execute(text("INSERT INTO search_notes (uuid, body) VALUES (:u, :b)"), {"u": row.uuid, "b": fold(body)})


def add_revision(session: Session, row: UserAnnotation, action: str, author: str, when: datetime) -> UserAnnotationRevision:
    from sqlalchemy import select

    from cprdesk_db.models import UserAnnotationRevision

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
        row = self._db.connection().execute("SELECT name, delegation FROM user_profile WHERE id = 1").fetchone()
        return Profile(row[0], row[1]) if row else None

    def set_profile(self, name: str, delegation: str) -> Profile:
        from cprdesk_db.models import UserProfile

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

    # -- reading (plain SQLite: no ORM import on the way to the first window) ---
    def _select(self, where: str, params: tuple = (), order: str = "a.created_at") -> list[Annotation]:
        con = self._db.connection()
        rows = con.execute(
            f"SELECT {_COLUMNS}, (SELECT count(*) FROM user_annotation_revision r WHERE r.annotation_uuid = a.uuid), "
            "EXISTS (SELECT 1 FROM corpus_item i WHERE i.id = a.item_id) "
            f"FROM user_annotation a WHERE {where} ORDER BY {order}",
            params,
        ).fetchall()
        return [_from_row(r) for r in rows]

    def get(self, uuid: str) -> Annotation:
        found = self._select("a.uuid = ?", (uuid,))
        if not found:
            raise NotFoundError(N_("There is no note {id}."), id=uuid)
        return found[0]

    def for_item(self, item_id: str) -> list[Annotation]:
        return self._select("a.item_id = ? AND a.deleted_at IS NULL", (item_id,))

    def list(self, flt: AnnotationFilter = AnnotationFilter()) -> list[Annotation]:
        clauses = ["a.deleted_at IS NOT NULL" if flt.in_trash else "a.deleted_at IS NULL"]
        params: list[Any] = []
        if flt.stances:
            clauses.append(f"a.stance IN ({','.join('?' * len(flt.stances))})")
            params += flt.stances
        if flt.priorities:
            clauses.append(f"a.priority IN ({','.join('?' * len(flt.priorities))})")
            params += flt.priorities
        if flt.follow_up is not None:
            clauses.append("a.follow_up = ?")
            params.append(int(flt.follow_up))
        if flt.include_in_briefing is not None:
            clauses.append("a.include_in_briefing = ?")
            params.append(int(flt.include_in_briefing))
        if flt.has_highlight is not None:
            clauses.append("a.quote_exact IS NOT NULL" if flt.has_highlight else "a.quote_exact IS NULL")
        if flt.document_id:
            clauses.append("substr(a.item_id, 1, ?) = ?")
            params += [len(flt.document_id) + 1, flt.document_id + "/"]
        notes = self._select(" AND ".join(clauses), tuple(params), order="a.updated_at DESC")
        if flt.tag:
            wanted = fold(flt.tag)
            notes = [n for n in notes if any(fold(t) == wanted for t in n.tags)]
        return notes

    def items_with_notes(self) -> dict[str, int]:
        """item id → number of notes on it (for the contents tree)."""
        rows = self._db.connection().execute(
            "SELECT item_id, count(*) FROM user_annotation WHERE deleted_at IS NULL GROUP BY item_id"
        )
        return dict(rows.fetchall())

    def tags(self) -> list[str]:
        seen: dict[str, str] = {}
        for note in self.list():
            for tag in note.tags:
                seen.setdefault(fold(tag), tag)
        return sorted(seen.values(), key=fold)

    def revisions(self, uuid: str) -> list[Revision]:
        rows = self._db.connection().execute(
            "SELECT id, number, parent_id, action, snapshot, created_at, author_name FROM user_annotation_revision "
            "WHERE annotation_uuid = ? ORDER BY number",
            (uuid,),
        ).fetchall()
        return [Revision(r[0], r[1], r[2], r[3], json.loads(r[4]), _dt(r[5]), r[6]) for r in rows]

    # -- writing -------------------------------------------------------------
    def _author(self, s: Session) -> tuple[str, str]:
        from cprdesk_db.models import UserProfile

        row = s.get(UserProfile, 1)
        return (row.name, row.delegation) if row else ("", "")

    def create(self, item_id: str, *, quote: Quote | None = None, **values: Any) -> Annotation:
        """A new note on an item (and optionally on a quoted passage of one language version)."""
        from cprdesk_db.models import UserAnnotation

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
        from cprdesk_db.models import UserAnnotation

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
        from cprdesk_db.models import UserAnnotation

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
        from cprdesk_db.models import UserAnnotationRevision

        with self._db.sessions() as s:
            rev = s.get(UserAnnotationRevision, revision_id)
            if rev is None or rev.annotation_uuid != uuid:
                raise NotFoundError(N_("There is no such revision of this note."))
            snapshot = dict(rev.snapshot)
        values = {k: snapshot[k] for k in SNAPSHOT_FIELDS if k in snapshot and k != "item_id"}
        return self.update(uuid, **values)

    def empty_trash(self) -> int:
        """Delete for good the notes in the trash; returns how many."""
        from sqlalchemy import delete, select

        from cprdesk_db.models import UserAnnotation, UserAnnotationRevision

        with self._db.sessions.begin() as s:
            uuids = [r[0] for r in s.execute(select(UserAnnotation.uuid).where(UserAnnotation.deleted_at.is_not(None)))]
            if uuids:
                s.execute(delete(UserAnnotationRevision).where(UserAnnotationRevision.annotation_uuid.in_(uuids)))
                s.execute(delete(UserAnnotation).where(UserAnnotation.uuid.in_(uuids)))
        return len(uuids)

    # -- drafts --------------------------------------------------------------
    def save_draft(self, key: str, item_id: str, annotation_uuid: str | None, body: str) -> None:
        """Keep the text being typed (autosave); a later save of the note discards it."""
        from cprdesk_db.models import UserDraft

        with self._db.sessions.begin() as s:
            row = s.get(UserDraft, key)
            if row is None:
                s.add(UserDraft(key=key, item_id=item_id, annotation_uuid=annotation_uuid, body=body, saved_at=utcnow()))
            else:
                row.body, row.annotation_uuid, row.saved_at = body, annotation_uuid, utcnow()

    def drafts(self) -> list[Draft]:
        rows = self._db.connection().execute(
            "SELECT key, item_id, annotation_uuid, body, saved_at FROM user_draft ORDER BY saved_at"
        ).fetchall()
        return [Draft(r[0], r[1], r[2], r[3], _dt(r[4])) for r in rows]

    def discard_draft(self, key: str) -> None:
        from sqlalchemy import delete

        from cprdesk_db.models import UserDraft

        with self._db.sessions.begin() as s:
            s.execute(delete(UserDraft).where(UserDraft.key == key))

    # -- search --------------------------------------------------------------
    def search_uuids(self, query: str) -> list[str]:
        """Notes whose text, tags or highlighted quote contain every term of the query."""
        from cprdesk_core.search import split_query

        terms = split_query(query)
        if not terms:
            return []
        rows = self._db.connection().execute("SELECT uuid, body FROM search_notes").fetchall()
        return [u for u, body in rows if all(t in body for t in terms)]
