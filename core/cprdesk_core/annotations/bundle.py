"""Annotation bundles: notes and their whole history in one versioned file, exported safely and merged back by UUID.

The format is described for people in docs/bundle-format.md; this module is its reference reader and writer.
Reading never touches the database until the whole file has been checked; merging happens in one transaction.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import stat
import uuid as uuidlib
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cprdesk_core.annotations.model import MAX_BODY_CHARS, MAX_TAG_CHARS, MAX_TAGS, PRIORITIES, STANCES
from cprdesk_core.annotations.service import index_note, utcnow
from cprdesk_core.atomic import atomic_file
from cprdesk_core.database import Database
from cprdesk_core.readfile import read_limited
from cprdesk_core.errors import N_, DomainError
from cprdesk_core.textfold import fold

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from cprdesk_db.models import UserAnnotation, UserAnnotationRevision

# As in the annotation service, SQLAlchemy and the ORM models are imported only by the functions that
# use the database, so that importing this module (e.g. for its dataclasses) costs the app's start-up nothing.

FORMAT = "cprdesk-annotations"
VERSION = 1
GENERATOR = "CPR Desk 0.1"
ZIP_MEMBER = "bundle.json"

# Limits: far above what a delegation writes, low enough that a hostile file cannot exhaust memory or disk.
MAX_BUNDLE_BYTES = 64 * 1024 * 1024  # the file on disk, and the JSON text once unzipped
MAX_DEPTH = 16  # nesting of JSON arrays and objects (the format itself needs 7)
MAX_ITEM_ID_CHARS = 128
MAX_SHORT_CHARS = 1_000  # names, delegations, actions, generator
MAX_LANG_CHARS = 35  # a language tag
MAX_DATE_CHARS = 40
MAX_NOTES = 100_000
MAX_REVISIONS_PER_NOTE = 100_000
MAX_CONFLICT_LEVELS = 8  # a conflict copy that itself conflicts, and so on

# Conflict copies get ids derived from what they copy, so importing the same bundle again finds the copy
# it made the first time instead of making another (see docs/bundle-format.md, "Merge rules").
CONFLICT_NAMESPACE = uuidlib.UUID("5b0d8a3e-2f4c-4c1e-9a57-c9d6e1f0b2a4")
ORIGIN_KEY = "origin"  # in a copied revision's snapshot: {"note": original uuid, "revision": original id}

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_CHUNK = 1024 * 1024


class BundleError(DomainError):
    """An annotation bundle that cannot be written or read."""

    def __init__(self, message: str, **params: object) -> None:
        # File names and values come from outside: keep the sentence on one line whatever they hold.
        clean = {k: _printable(v) if isinstance(v, str | os.PathLike) else v for k, v in params.items()}
        super().__init__(message, **clean)


def _printable(value: str | os.PathLike[str]) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in os.fspath(value))


class BundleExportError(BundleError):
    """The bundle file cannot be written; nothing is left half-written."""


class BundleImportError(BundleError):
    """The bundle file cannot be imported; the database is left exactly as it was."""


# -- values returned to callers ----------------------------------------------------------------


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    notes: int
    revisions: int
    size: int  # bytes written


@dataclass(frozen=True)
class ConflictCopy:
    """A note changed both here and in the bundle: the local note is kept, the bundle's version is `copy`."""

    original: str
    copy: str
    item_id: str


@dataclass(frozen=True)
class DetachedNote:
    """A note on an item that this corpus does not have; it is kept and shown as detached."""

    uuid: str
    item_id: str


@dataclass(frozen=True)
class ImportReport:
    path: Path
    author_name: str
    author_delegation: str
    added: int
    updated: int
    unchanged: int
    conflicts: tuple[ConflictCopy, ...]
    detached: tuple[DetachedNote, ...]

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.conflicts)


@dataclass(frozen=True)
class BundleRevision:
    id: str
    number: int
    parent_id: str | None
    action: str
    snapshot: dict[str, Any] = field(hash=False)
    created_at: datetime
    author_name: str


@dataclass(frozen=True)
class BundleNote:
    uuid: str
    item_id: str
    quote_lang: str | None
    quote_exact: str | None
    quote_prefix: str | None
    quote_suffix: str | None
    body: str
    stance: str
    priority: str
    tags: tuple[str, ...]
    follow_up: bool
    follow_up_date: str | None
    include_in_briefing: bool
    author_name: str
    author_delegation: str
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None
    head_revision: str
    conflict_of: str | None
    revisions: tuple[BundleRevision, ...]  # the chain, first revision to head


@dataclass(frozen=True)
class Bundle:
    """A bundle read and checked in full, not yet merged."""

    path: Path
    version: int
    exported_at: datetime
    generator: str
    author_name: str
    author_delegation: str
    source_hash: str | None
    notes: tuple[BundleNote, ...]


# -- dates ---------------------------------------------------------------------------------------


def _iso(value: datetime) -> str:
    """ISO 8601 in UTC with a Z; the database keeps UTC without a zone."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat() + "Z"


# -- export --------------------------------------------------------------------------------------


def _note_json(row: UserAnnotation, revisions: list[UserAnnotationRevision]) -> dict[str, Any]:
    has_quote = any(v is not None for v in (row.quote_lang, row.quote_exact, row.quote_prefix, row.quote_suffix))
    return {
        "uuid": row.uuid,
        "item_id": row.item_id,
        "quote": {"lang": row.quote_lang, "exact": row.quote_exact, "prefix": row.quote_prefix, "suffix": row.quote_suffix}
        if has_quote
        else None,
        "body": row.body,
        "stance": row.stance,
        "priority": row.priority,
        "tags": list(row.tags or []),
        "follow_up": bool(row.follow_up),
        "follow_up_date": row.follow_up_date,
        "include_in_briefing": bool(row.include_in_briefing),
        "author_name": row.author_name,
        "author_delegation": row.author_delegation,
        "created_at": _iso(row.created_at),
        "updated_at": _iso(row.updated_at),
        "deleted_at": _iso(row.deleted_at) if row.deleted_at else None,
        "head_revision": row.head_revision,
        "conflict_of": row.conflict_of,
        "revisions": [
            {
                "id": r.id,
                "number": r.number,
                "parent_id": r.parent_id,
                "action": r.action,
                "snapshot": r.snapshot,
                "created_at": _iso(r.created_at),
                "author_name": r.author_name,
            }
            for r in revisions
        ],
    }


def _collect(db: Database, items: Sequence[str] | None, tags: Sequence[str] | None) -> dict[str, Any]:
    """The bundle document, read in one read transaction so notes and revisions are from the same moment."""
    from sqlalchemy import select, text

    from cprdesk_db.models import UserAnnotation, UserAnnotationRevision, UserProfile

    with db.sessions() as s:
        # The engine begins every transaction (BEGIN IMMEDIATE), so every SELECT below reads the same
        # snapshot even while the app saves a note (closing the session rolls it back).
        query = select(UserAnnotation).order_by(UserAnnotation.created_at, UserAnnotation.uuid)
        if items is not None:
            query = query.where(UserAnnotation.item_id.in_(list(items)))
        rows = list(s.scalars(query))
        if tags is not None:
            wanted = {fold(t) for t in tags}
            rows = [r for r in rows if any(fold(str(t)) in wanted for t in r.tags or ())]
        by_note: dict[str, list[UserAnnotationRevision]] = {r.uuid: [] for r in rows}
        for revision in s.scalars(select(UserAnnotationRevision).order_by(UserAnnotationRevision.number)):
            if revision.annotation_uuid in by_note:
                by_note[revision.annotation_uuid].append(revision)
        profile = s.get(UserProfile, 1)
        source_hash = s.execute(text("SELECT source_hash FROM corpus_build ORDER BY id LIMIT 1")).scalar()
        notes = [_note_json(r, by_note[r.uuid]) for r in rows]
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": _iso(utcnow()),
        "generator": GENERATOR,
        "author": {"name": profile.name if profile else "", "delegation": profile.delegation if profile else ""},
        "corpus": {"source_hash": source_hash} if source_hash else {},
        "annotations": notes,
    }
    return document


def _write_atomically(out: Path, payload: bytes, zipped: bool) -> int:
    """Write to a temporary file beside `out`, make it durable, then rename it over `out` in one step."""
    with atomic_file(out, "wb", BundleExportError) as fh:
        if zipped:
            with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                info = zipfile.ZipInfo(ZIP_MEMBER, date_time=datetime.now().timetuple()[:6])
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, payload)
        else:
            fh.write(payload)
    return out.stat().st_size


def export(
    db: Database, out_path: str | os.PathLike[str], items: Sequence[str] | None = None, tags: Sequence[str] | None = None
) -> ExportSummary:
    """Write the notes (all, or those on `items`, or carrying one of `tags`) with their revisions to a bundle.

    A name ending in .zip gives a zip holding bundle.json. The file appears complete or not at all.
    """
    out = Path(out_path)
    if out.is_dir():
        raise BundleExportError(N_("{path} is a folder; give a file name for the bundle."), path=out)
    if not out.parent.is_dir():
        raise BundleExportError(N_("The folder {folder} does not exist."), folder=out.parent)
    document = _collect(db, items, tags)
    payload = (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    if len(payload) > MAX_BUNDLE_BYTES:
        raise BundleExportError(
            N_("The bundle would be larger than {limit} MiB; export fewer notes (by item or tag)."),
            limit=MAX_BUNDLE_BYTES // (1024 * 1024),
        )
    # Never write a file that CPR Desk would then refuse to import.
    try:
        parse_document(json.loads(payload), out)
    except BundleImportError as exc:
        raise BundleExportError(exc.message, **exc.params) from exc
    try:
        size = _write_atomically(out, payload, zipped=out.suffix.lower() == ".zip")
    except OSError as exc:
        raise BundleExportError(
            N_("The bundle {path} cannot be written: {reason}"), path=out, reason=exc.strerror or exc
        ) from exc
    notes = document["annotations"]
    return ExportSummary(out, len(notes), sum(len(n["revisions"]) for n in notes), size)


# -- reading a file ------------------------------------------------------------------------------


def _shown(value: Any, limit: int = 60) -> str:
    """A value as it may appear inside a one-line message: short, no line breaks or control characters."""
    shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)[:limit]
    shown = "".join(ch if ch.isprintable() else "?" for ch in shown[: limit + 1])
    return shown if len(shown) <= limit else shown[:limit] + "…"


def _read_file(path: Path) -> bytes:
    return read_limited(
        path, MAX_BUNDLE_BYTES, BundleImportError,
        N_("{path} is a folder, not a bundle file."),
        N_("The file {path} is larger than the {limit} MiB a bundle may have."),
    )


def _unzip(data: bytes, path: Path) -> bytes:
    not_a_zip = BundleImportError(N_("The file {path} is not a valid zip archive."), path=path)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError, NotImplementedError):
        raise not_a_zip from None
    with archive:
        members = archive.infolist()
        if len(members) != 1:
            raise BundleImportError(
                N_("The zip archive {path} must hold exactly one file, bundle.json, but it holds {count}."),
                path=path,
                count=len(members),
            )
        member = members[0]
        if stat.S_ISLNK(member.external_attr >> 16):
            raise BundleImportError(N_("The zip archive {path} holds a link instead of bundle.json."), path=path)
        if member.filename != ZIP_MEMBER:  # also refuses absolute paths, "..", folders
            raise BundleImportError(
                N_("The zip archive {path} must hold bundle.json, not {name}."), path=path, name=_shown(member.filename)
            )
        if member.flag_bits & 0x1:
            raise BundleImportError(N_("The zip archive {path} is encrypted."), path=path)
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise BundleImportError(N_("The zip archive {path} uses a compression method CPR Desk does not read."), path=path)
        unpacks_too_large = BundleImportError(
            N_("The zip archive {path} unpacks to more than the {limit} MiB a bundle may have."),
            path=path,
            limit=MAX_BUNDLE_BYTES // (1024 * 1024),
        )
        if member.file_size > MAX_BUNDLE_BYTES:
            raise unpacks_too_large
        # The declared size may lie: count what actually comes out, and stop at the limit.
        out = bytearray()
        try:
            with archive.open(member) as fh:
                while chunk := fh.read(_CHUNK):
                    out += chunk
                    if len(out) > MAX_BUNDLE_BYTES:
                        raise unpacks_too_large
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError):
            raise not_a_zip from None
        return bytes(out)


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _no_constants(name: str) -> Any:
    raise ValueError(name)


def _parse_json(data: bytes, path: Path) -> Any:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError:
        raise BundleImportError(N_("The file {path} is not UTF-8 text."), path=path) from None
    if not source.strip():
        raise BundleImportError(N_("The file {path} is empty."), path=path)
    try:
        return json.loads(source, object_pairs_hook=_unique_pairs, parse_constant=_no_constants)
    except RecursionError:
        raise BundleImportError(N_("The file {path} is nested too deeply to be a bundle."), path=path) from None
    except _DuplicateKey as exc:
        raise BundleImportError(
            N_("The file {path} repeats the key {key} inside one object."), path=path, key=_shown(exc.key)
        ) from None
    except json.JSONDecodeError as exc:
        if exc.pos >= len(source.rstrip()) or exc.msg.startswith("Unterminated string"):
            raise BundleImportError(N_("The file {path} is cut short: its JSON text ends too early."), path=path) from None
        raise BundleImportError(
            N_("The file {path} is not valid JSON (line {line}, column {column})."),
            path=path,
            line=exc.lineno,
            column=exc.colno,
        ) from None
    except ValueError:  # NaN/Infinity, integers too long to convert
        raise BundleImportError(N_("The file {path} is not valid JSON."), path=path) from None


def _check_shape(value: Any, path: Path) -> None:
    """Nesting depth and text that SQLite can store (no lone surrogates), without recursion."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            if depth > MAX_DEPTH:
                raise BundleImportError(N_("The file {path} is nested too deeply to be a bundle."), path=path)
            for key, child in node.items():
                stack.append((key, depth + 1))
                stack.append((child, depth + 1))
        elif isinstance(node, list):
            if depth > MAX_DEPTH:
                raise BundleImportError(N_("The file {path} is nested too deeply to be a bundle."), path=path)
            stack.extend((child, depth + 1) for child in node)
        elif isinstance(node, str):
            try:
                node.encode("utf-8")
            except UnicodeEncodeError:
                raise BundleImportError(N_("The file {path} holds text that is not valid Unicode."), path=path) from None


# -- checking the document -----------------------------------------------------------------------


class _Checker:
    """Reads typed values out of the parsed JSON; every failure names the place as a JSON path."""

    def required(self, obj: dict[str, Any], key: str, where: str) -> Any:
        if key not in obj:
            raise BundleImportError(N_("The bundle lacks the field {where}."), where=f"{where}.{key}" if where else key)
        return obj[key]

    def obj(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise BundleImportError(N_("In the bundle, {where} must be an object."), where=where)
        return value

    def array(self, value: Any, where: str) -> list[Any]:
        if not isinstance(value, list):
            raise BundleImportError(N_("In the bundle, {where} must be a list."), where=where)
        return value

    def text(self, value: Any, where: str, limit: int, *, empty: bool = True) -> str:
        if not isinstance(value, str):
            raise BundleImportError(N_("In the bundle, {where} must be text."), where=where)
        if len(value) > limit:
            raise BundleImportError(N_("In the bundle, {where} is longer than {count} characters."), where=where, count=limit)
        if not empty and not value.strip():
            raise BundleImportError(N_("In the bundle, {where} must not be empty."), where=where)
        return value

    def opt_text(self, value: Any, where: str, limit: int) -> str | None:
        return None if value is None else self.text(value, where, limit)

    def flag(self, value: Any, where: str) -> bool:
        if not isinstance(value, bool):
            raise BundleImportError(N_("In the bundle, {where} must be true or false."), where=where)
        return value

    def number(self, value: Any, where: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10**9:
            raise BundleImportError(N_("In the bundle, {where} must be a whole number from 1."), where=where)
        return value

    def id(self, value: Any, where: str) -> str:
        if isinstance(value, str) and len(value) == 36:
            try:
                if str(uuidlib.UUID(value)) == value:
                    return value
            except ValueError:
                pass
        raise BundleImportError(N_("In the bundle, {where} must be an id in UUID form."), where=where)

    def opt_id(self, value: Any, where: str) -> str | None:
        return None if value is None else self.id(value, where)

    def moment(self, value: Any, where: str) -> datetime:
        if isinstance(value, str) and len(value) <= MAX_DATE_CHARS:
            try:
                moment = datetime.fromisoformat(value)
            except ValueError:
                pass
            else:
                if moment.tzinfo is not None:
                    moment = moment.astimezone(UTC).replace(tzinfo=None)
                return moment
        raise BundleImportError(N_("In the bundle, {where} must be a date and time (ISO 8601)."), where=where)

    def opt_moment(self, value: Any, where: str) -> datetime | None:
        return None if value is None else self.moment(value, where)

    def day(self, value: Any, where: str) -> str | None:
        if value is None:
            return None
        if isinstance(value, str) and len(value) == 10:
            try:
                date.fromisoformat(value)
                return value
            except ValueError:
                pass
        raise BundleImportError(N_("In the bundle, {where} must be a date (YYYY-MM-DD)."), where=where)

    def stance(self, value: Any, where: str) -> str:
        if value not in STANCES or not isinstance(value, str):
            raise BundleImportError(N_("In the bundle, {where} is not a stance: {value}."), where=where, value=_shown(value))
        return value

    def priority(self, value: Any, where: str) -> str:
        if value not in PRIORITIES or not isinstance(value, str):
            raise BundleImportError(
                N_("In the bundle, {where} is not a priority: {value}."), where=where, value=_shown(value)
            )
        return value

    def tags(self, value: Any, where: str) -> tuple[str, ...]:
        tags = self.array(value, where)
        if len(tags) > MAX_TAGS:
            raise BundleImportError(N_("In the bundle, {where} has more than {count} tags."), where=where, count=MAX_TAGS)
        return tuple(self.text(t, f"{where}[{i}]", MAX_TAG_CHARS) for i, t in enumerate(tags))

    def snapshot(self, value: Any, where: str) -> dict[str, Any]:
        """A revision's kept state: the known fields are checked like a note's; other keys are kept as they are."""
        snap = self.obj(value, where)
        checks = {
            "item_id": lambda v, w: self.text(v, w, MAX_ITEM_ID_CHARS),
            "quote_lang": lambda v, w: self.opt_text(v, w, MAX_LANG_CHARS),
            "quote_exact": lambda v, w: self.opt_text(v, w, MAX_BODY_CHARS),
            "quote_prefix": lambda v, w: self.opt_text(v, w, MAX_BODY_CHARS),
            "quote_suffix": lambda v, w: self.opt_text(v, w, MAX_BODY_CHARS),
            "body": lambda v, w: self.text(v, w, MAX_BODY_CHARS),
            "stance": self.stance,
            "priority": self.priority,
            "tags": self.tags,
            "follow_up": self.flag,
            "follow_up_date": self.day,
            "include_in_briefing": self.flag,
            "deleted": self.flag,
            ORIGIN_KEY: self.origin,
        }
        for key, check in checks.items():
            if key in snap:
                check(snap[key], f"{where}.{key}")
        return snap

    def origin(self, value: Any, where: str) -> dict[str, Any]:
        origin = self.obj(value, where)
        self.id(self.required(origin, "note", where), f"{where}.note")
        self.id(self.required(origin, "revision", where), f"{where}.revision")
        return origin


def _parse_revision(c: _Checker, raw: Any, where: str) -> BundleRevision:
    rev = c.obj(raw, where)
    return BundleRevision(
        id=c.id(c.required(rev, "id", where), f"{where}.id"),
        number=c.number(c.required(rev, "number", where), f"{where}.number"),
        parent_id=c.opt_id(c.required(rev, "parent_id", where), f"{where}.parent_id"),
        action=c.text(c.required(rev, "action", where), f"{where}.action", MAX_SHORT_CHARS, empty=False),
        snapshot=c.snapshot(c.required(rev, "snapshot", where), f"{where}.snapshot"),
        created_at=c.moment(c.required(rev, "created_at", where), f"{where}.created_at"),
        author_name=c.text(c.required(rev, "author_name", where), f"{where}.author_name", MAX_SHORT_CHARS),
    )


def _chain(uuid: str, head: str, revisions: list[BundleRevision]) -> tuple[BundleRevision, ...]:
    """The revisions ordered first to head; they must form exactly one unbroken chain ending at the head."""
    by_id = {r.id: r for r in revisions}
    if head not in by_id:
        raise BundleImportError(N_("The latest revision of the bundle's note {uuid} is not among its revisions."), uuid=uuid)
    chain: list[BundleRevision] = []
    seen: set[str] = set()
    current: str | None = head
    while current is not None:
        revision = by_id.get(current)
        if revision is None or current in seen:
            break
        seen.add(current)
        chain.append(revision)
        current = revision.parent_id
    if current is not None or len(chain) != len(revisions):
        raise BundleImportError(
            N_("The revisions of the bundle's note {uuid} do not form one chain from the first to the latest."), uuid=uuid
        )
    chain.reverse()
    if any(a.number >= b.number for a, b in zip(chain, chain[1:])):
        raise BundleImportError(N_("The revision numbers of the bundle's note {uuid} are out of order."), uuid=uuid)
    return tuple(chain)


def _parse_note(c: _Checker, raw: Any, where: str, note_ids: set[str], revision_ids: set[str]) -> BundleNote:
    note = c.obj(raw, where)

    def get(key: str) -> Any:
        return c.required(note, key, where)

    def at(key: str) -> str:
        return f"{where}.{key}"

    uuid = c.id(get("uuid"), at("uuid"))
    if uuid in note_ids:
        raise BundleImportError(N_("The bundle holds the note {uuid} twice."), uuid=uuid)
    note_ids.add(uuid)
    quote = get("quote")
    quote_values: list[str | None] = [None, None, None, None]
    if quote is not None:
        quote = c.obj(quote, at("quote"))
        limits = {"lang": MAX_LANG_CHARS, "exact": MAX_BODY_CHARS, "prefix": MAX_BODY_CHARS, "suffix": MAX_BODY_CHARS}
        quote_values = [
            c.opt_text(c.required(quote, key, at("quote")), f"{where}.quote.{key}", limit) for key, limit in limits.items()
        ]
    raw_revisions = c.array(get("revisions"), at("revisions"))
    if not raw_revisions:
        raise BundleImportError(N_("In the bundle, {where} must hold at least one revision."), where=at("revisions"))
    if len(raw_revisions) > MAX_REVISIONS_PER_NOTE:
        raise BundleImportError(
            N_("In the bundle, {where} holds more than {count} revisions."), where=at("revisions"), count=MAX_REVISIONS_PER_NOTE
        )
    revisions = [_parse_revision(c, r, f"{where}.revisions[{i}]") for i, r in enumerate(raw_revisions)]
    for revision in revisions:
        if revision.id in revision_ids:
            raise BundleImportError(N_("The bundle holds the revision {id} twice."), id=revision.id)
        revision_ids.add(revision.id)
    head = c.id(get("head_revision"), at("head_revision"))
    return BundleNote(
        uuid=uuid,
        item_id=c.text(get("item_id"), at("item_id"), MAX_ITEM_ID_CHARS, empty=False),
        quote_lang=quote_values[0],
        quote_exact=quote_values[1],
        quote_prefix=quote_values[2],
        quote_suffix=quote_values[3],
        body=c.text(get("body"), at("body"), MAX_BODY_CHARS),
        stance=c.stance(get("stance"), at("stance")),
        priority=c.priority(get("priority"), at("priority")),
        tags=c.tags(get("tags"), at("tags")),
        follow_up=c.flag(get("follow_up"), at("follow_up")),
        follow_up_date=c.day(get("follow_up_date"), at("follow_up_date")),
        include_in_briefing=c.flag(get("include_in_briefing"), at("include_in_briefing")),
        author_name=c.text(get("author_name"), at("author_name"), MAX_SHORT_CHARS),
        author_delegation=c.text(get("author_delegation"), at("author_delegation"), MAX_SHORT_CHARS),
        created_at=c.moment(get("created_at"), at("created_at")),
        updated_at=c.moment(get("updated_at"), at("updated_at")),
        deleted_at=c.opt_moment(get("deleted_at"), at("deleted_at")),
        head_revision=head,
        conflict_of=c.opt_id(get("conflict_of"), at("conflict_of")),
        revisions=_chain(uuid, head, revisions),
    )


def parse_document(document: Any, path: Path) -> Bundle:
    """Check a parsed bundle document in full; a BundleImportError names the first problem found."""
    c = _Checker()
    top = document if isinstance(document, dict) else {}
    if top.get("format") != FORMAT:
        raise BundleImportError(N_("The file {path} is not a CPR Desk annotation bundle."), path=path)
    version = c.required(top, "version", "")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise BundleImportError(
            N_("The bundle {path} has an unknown format version: {version}."),
            path=path,
            version=_shown(json.dumps(version)),
        )
    if version > VERSION:
        raise BundleImportError(
            N_("The bundle {path} has format version {version}, which is newer than this CPR Desk reads; please update CPR Desk."),
            path=path,
            version=version,
        )
    author = c.obj(c.required(top, "author", ""), "author")
    corpus = c.obj(top.get("corpus", {}), "corpus")
    source_hash = c.opt_text(corpus.get("source_hash"), "corpus.source_hash", MAX_SHORT_CHARS)
    raw_notes = c.array(c.required(top, "annotations", ""), "annotations")
    if len(raw_notes) > MAX_NOTES:
        raise BundleImportError(N_("The bundle {path} holds more than {count} notes."), path=path, count=MAX_NOTES)
    note_ids: set[str] = set()
    revision_ids: set[str] = set()
    notes = [_parse_note(c, raw, f"annotations[{i}]", note_ids, revision_ids) for i, raw in enumerate(raw_notes)]
    return Bundle(
        path=path,
        version=version,
        exported_at=c.moment(c.required(top, "exported_at", ""), "exported_at"),
        generator=c.text(c.required(top, "generator", ""), "generator", MAX_SHORT_CHARS),
        author_name=c.text(c.required(author, "name", "author"), "author.name", MAX_SHORT_CHARS),
        author_delegation=c.text(c.required(author, "delegation", "author"), "author.delegation", MAX_SHORT_CHARS),
        source_hash=source_hash,
        notes=tuple(notes),
    )


def read_bundle(path: str | os.PathLike[str]) -> Bundle:
    """Read and check a bundle file (JSON or a zip holding bundle.json) without touching any database."""
    path = Path(path)
    data = _read_file(path)
    if data[:4] in _ZIP_MAGIC or path.suffix.lower() == ".zip":
        data = _unzip(data, path)
    document = _parse_json(data, path)
    _check_shape(document, path)
    return parse_document(document, path)


# -- merging -------------------------------------------------------------------------------------


def _derived_id(*parts: str) -> str:
    return str(uuidlib.uuid5(CONFLICT_NAMESPACE, "/".join(parts)))


def _as_conflict_copy(note: BundleNote, local_ids: set[str], original: str) -> BundleNote:
    """The incoming note renamed as a conflict copy of `original`.

    The copy's id is derived from the note and the first incoming revision after the last one both sides
    share, so the same incoming branch always lands in the same copy; revision ids are derived from the
    copy's id, and each copied snapshot records where it came from.
    """
    shared = [i for i, r in enumerate(note.revisions) if r.id in local_ids]
    branch = note.revisions[shared[-1] + 1 if shared else 0]
    copy_uuid = _derived_id(note.uuid, branch.id)
    new_ids = {r.id: _derived_id(copy_uuid, r.id) for r in note.revisions}
    revisions = tuple(
        replace(
            r,
            id=new_ids[r.id],
            parent_id=new_ids[r.parent_id] if r.parent_id else None,
            snapshot={**r.snapshot, ORIGIN_KEY: r.snapshot.get(ORIGIN_KEY) or {"note": note.uuid, "revision": r.id}},
        )
        for r in note.revisions
    )
    return replace(
        note, uuid=copy_uuid, head_revision=new_ids[note.head_revision], conflict_of=original, revisions=revisions
    )


def _apply(row: UserAnnotation, note: BundleNote) -> None:
    row.item_id = note.item_id
    row.quote_lang, row.quote_exact = note.quote_lang, note.quote_exact
    row.quote_prefix, row.quote_suffix = note.quote_prefix, note.quote_suffix
    row.body, row.stance, row.priority = note.body, note.stance, note.priority
    row.tags = list(note.tags)
    row.follow_up, row.follow_up_date = note.follow_up, note.follow_up_date
    row.include_in_briefing = note.include_in_briefing
    row.author_name, row.author_delegation = note.author_name, note.author_delegation
    row.created_at, row.updated_at, row.deleted_at = note.created_at, note.updated_at, note.deleted_at
    row.head_revision, row.conflict_of = note.head_revision, note.conflict_of


def _chunks(values: Sequence[str], size: int = 500) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


class _Merger:
    def __init__(self, session: Session) -> None:
        self.s = session

    def _local_ids(self, uuid: str) -> set[str]:
        from sqlalchemy import select

        from cprdesk_db.models import UserAnnotationRevision

        query = select(UserAnnotationRevision.id).where(UserAnnotationRevision.annotation_uuid == uuid)
        return set(self.s.scalars(query))

    def _insert_revisions(self, note: BundleNote, revisions: Iterable[BundleRevision]) -> None:
        from sqlalchemy import select

        from cprdesk_db.models import UserAnnotationRevision

        revisions = list(revisions)
        ids = [r.id for r in revisions]
        for chunk in _chunks(ids):
            owner = self.s.execute(
                select(UserAnnotationRevision.id, UserAnnotationRevision.annotation_uuid).where(
                    UserAnnotationRevision.id.in_(chunk)
                )
            ).first()
            if owner is not None:
                raise BundleImportError(
                    N_("The bundle's note {uuid} reuses the revision {id} of another note."), uuid=note.uuid, id=owner[0]
                )
        self.s.add_all(
            UserAnnotationRevision(
                id=r.id, annotation_uuid=note.uuid, number=r.number, parent_id=r.parent_id, action=r.action,
                snapshot=r.snapshot, created_at=r.created_at, author_name=r.author_name,
            )
            for r in revisions
        )

    def _already_here(self, note: BundleNote) -> bool:
        """A conflict copy made elsewhere of a state this database already has in the original's history."""
        from sqlalchemy import select

        from cprdesk_db.models import UserAnnotationRevision

        origin = note.revisions[-1].snapshot.get(ORIGIN_KEY)
        if not origin:
            return False
        found = self.s.scalar(
            select(UserAnnotationRevision.id).where(
                UserAnnotationRevision.id == origin["revision"], UserAnnotationRevision.annotation_uuid == origin["note"]
            )
        )
        return found is not None

    def merge(self, note: BundleNote) -> tuple[str, BundleNote]:
        """Merge one note; returns the outcome (added, updated, unchanged, conflict) and the note as stored."""
        from cprdesk_db.models import UserAnnotation

        target = note
        for level in range(MAX_CONFLICT_LEVELS + 1):
            row = self.s.get(UserAnnotation, target.uuid)
            if row is None:
                if self._already_here(target):
                    return "unchanged", target
                row = UserAnnotation(uuid=target.uuid)
                _apply(row, target)
                self.s.add(row)
                self.s.flush()
                self._insert_revisions(target, target.revisions)
                index_note(self.s, row)
                return ("added" if level == 0 else "conflict"), target
            local_ids = self._local_ids(target.uuid)
            if target.head_revision in local_ids:  # the same state, or this database is newer
                return "unchanged", target
            if row.head_revision in {r.id for r in target.revisions}:  # the bundle is newer: fast-forward
                self._insert_revisions(target, (r for r in target.revisions if r.id not in local_ids))
                _apply(row, target)
                index_note(self.s, row)
                return ("updated" if level == 0 else "conflict"), target
            target = _as_conflict_copy(target, local_ids, note.uuid)
        raise BundleImportError(N_("The note {uuid} has too many conflicting versions to import."), uuid=note.uuid)


def import_bundle(db: Database, path: str | os.PathLike[str]) -> ImportReport:
    """Merge a bundle into the database by note UUID, in one transaction; see docs/bundle-format.md.

    Any problem with the file raises BundleImportError before anything is written, and leaves the database as it was.
    """
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    from cprdesk_db.models import UserAnnotation

    bundle = read_bundle(path)
    counts = {"added": 0, "updated": 0, "unchanged": 0}
    conflicts: list[ConflictCopy] = []
    detached: list[DetachedNote] = []
    try:
        with db.sessions.begin() as s:
            # The engine's transactions take the write lock before the first read (BEGIN IMMEDIATE), so no
            # note saved meanwhile by the app can slip between what the merge reads and what it writes.
            known_items = set(s.scalars(text("SELECT id FROM corpus_item")))
            merger = _Merger(s)
            for note in bundle.notes:
                outcome, stored = merger.merge(note)
                if outcome == "conflict":
                    conflicts.append(ConflictCopy(note.uuid, stored.uuid, stored.item_id))
                else:
                    counts[outcome] += 1
                if stored.item_id not in known_items and s.get(UserAnnotation, stored.uuid) is not None:
                    detached.append(DetachedNote(stored.uuid, stored.item_id))
    except SQLAlchemyError as exc:
        reason = getattr(exc, "orig", None) or exc.__class__.__name__
        raise BundleImportError(
            N_("The bundle {path} cannot be saved in the database: {reason}"), path=bundle.path, reason=reason
        ) from exc
    return ImportReport(
        path=bundle.path,
        author_name=bundle.author_name,
        author_delegation=bundle.author_delegation,
        added=counts["added"],
        updated=counts["updated"],
        unchanged=counts["unchanged"],
        conflicts=tuple(conflicts),
        detached=tuple(detached),
    )
