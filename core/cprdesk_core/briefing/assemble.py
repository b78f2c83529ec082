"""Briefing notes from the database: items, their texts in the note's language, annotations — then PDFs, written safely."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from cprdesk_core.annotations.service import AnnotationService
from cprdesk_core.atomic import atomic_file
from cprdesk_core.briefing.model import (
    Block,
    BriefingItem,
    BriefingNote,
    Footnote,
    ItemVersion,
    NoteAnnotation,
    ReformFields,
)
from cprdesk_core.corpus.reader import CorpusQueries, Item, heading_of
from cprdesk_core.database import Database
from cprdesk_core.errors import N_, DomainError
from cprdesk_core.i18n import CONTENT_LANGUAGES, display_ref, translations

SOURCE_LANG = "zh"
_MARKER = re.compile(r"\[\^([^\]\s]+)\]")


class BriefingError(DomainError):
    """A briefing note cannot be made as asked."""


class Cancelled(Exception):
    """The user stopped an export; whatever was finished is kept, nothing half-written."""


@dataclass(frozen=True)
class Cover:
    title: str = ""
    meeting: str = ""
    meeting_date: str | None = None  # YYYY-MM-DD
    prepared_by: str = ""
    cover_note: str = ""


def _blocks(value: list[Any] | None) -> tuple[Block, ...]:
    out = []
    for block in value or ():
        if isinstance(block, str):
            out.append(Block(block))
        else:
            out.append(Block(block["text"], block.get("bullet", True), tuple(block.get("sub") or ())))
    return tuple(out)


def _fields(fields: dict[str, Any] | None) -> ReformFields | None:
    if not fields:
        return None
    status = fields.get("status")
    return ReformFields(
        _blocks(fields.get("ongoing_actions")), fields.get("subprogramme_ref"), _blocks(fields.get("further_actions")),
        fields.get("budget"), None if status is None else _blocks(status),
    )


def _cited(texts: list[str]) -> list[str]:
    return list(dict.fromkeys(label for t in texts for label in _MARKER.findall(t or "")))


def _version(item: Item, lang: str) -> tuple[str, ItemVersion] | None:
    """The item's text in `lang` or, failing that, the Chinese original: (language shown, version)."""
    shown = lang if item.version(lang) else SOURCE_LANG
    v = item.version(shown)
    if v is None:
        return None
    text = v.text or v.title or ""
    from cprdesk_core.corpus.schema import texts_of

    cited = _cited(list(texts_of({"text": v.text, "title": v.title, "fields": v.fields})))
    footnotes = tuple(
        Footnote(label, item.footnotes.get(label, {}).get(shown) or item.footnotes.get(label, {}).get(SOURCE_LANG, ""))
        for label in cited
    )
    version = ItemVersion(shown, text, v.provenance, _fields(v.fields), footnotes, heading_of(v.title, v.text, 60))
    return shown, version


def _annotation(notes) -> NoteAnnotation | None:  # noqa: ANN001 - a list of Annotation
    if not notes:
        return None
    latest = max(notes, key=lambda n: n.updated_at)
    bodies = [n.body.strip() for n in sorted(notes, key=lambda n: n.created_at) if n.body.strip()]
    tags = tuple(dict.fromkeys(t for n in notes for t in n.tags))
    highlights = tuple(n.quote.exact for n in notes if n.quote)
    return NoteAnnotation(latest.stance, latest.priority, "\n\n".join(bodies), highlights, tags)


def build_note(
    db: Database, item_ids: list[str], lang: str, cover: Cover, second_lang: str | None = None,
) -> BriefingNote:
    """Everything one PDF needs, read from the database in one go."""
    if lang not in CONTENT_LANGUAGES:
        raise BriefingError(N_("{value} is not one of the six languages."), value=lang)
    if not item_ids:
        raise BriefingError(N_("Choose at least one item for the briefing note."))
    queries = CorpusQueries(db.connection())
    notes = AnnotationService(db)
    items = []
    for item_id in item_ids:
        item = queries.item(item_id)
        found = _version(item, lang)
        if found is None:
            continue
        shown, version = found
        second = None
        if second_lang and second_lang != lang:
            other = _version(item, second_lang)
            second = other[1] if other else None
        items.append(
            BriefingItem(
                item_id=item.id, ref=display_ref(item.kind, item.ref, item.label, lang) or item.id, kind=item.kind,
                short_title=version.short_title, text=version.text, text_lang=shown, provenance=version.provenance,
                fields=version.fields, footnotes=version.footnotes, second=second,
                annotation=_annotation(notes.for_item(item.id)),
            )
        )
    meeting_date = date.fromisoformat(cover.meeting_date) if cover.meeting_date else None
    _ = translations(lang).gettext
    return BriefingNote(
        lang=lang, title=cover.title or _("Briefing note"), meeting=cover.meeting, meeting_date=meeting_date,
        prepared_by=cover.prepared_by, cover_note=cover.cover_note, generated_at=datetime.now(UTC).astimezone(),
        items=tuple(items), second_lang=second_lang if second_lang and second_lang != lang else None,
    )


def all_item_ids(db: Database) -> list[str]:
    """The full pack: every action of the action plan and every reform, in reading order."""
    rows = db.connection().execute(
        "SELECT id FROM corpus_item WHERE kind IN ('action', 'reform') ORDER BY position"
    ).fetchall()
    return [r[0] for r in rows]


def flagged_item_ids(db: Database) -> list[str]:
    """Items whose notes say "include in briefing", in reading order."""
    rows = db.connection().execute(
        "SELECT i.id FROM corpus_item i WHERE EXISTS (SELECT 1 FROM user_annotation a WHERE a.item_id = i.id "
        "AND a.include_in_briefing = 1 AND a.deleted_at IS NULL) ORDER BY i.position"
    ).fetchall()
    return [r[0] for r in rows]


def write_pdf(note: BriefingNote, path: Path) -> None:
    """Render to a temporary file beside `path`, then rename: a reader never sees half a PDF."""
    from cprdesk_core.briefing.render import render_briefing

    with atomic_file(path, "wb", BriefingError) as fh:
        render_briefing(note, fh, translations(note.lang))


def output_paths(out: Path, langs: list[str]) -> dict[str, Path]:
    """One file per language: `out` itself for one language (unless it is a folder), else out/briefing-<lang>.pdf."""
    if len(langs) == 1 and not out.is_dir() and out.suffix.lower() == ".pdf":
        return {langs[0]: out}
    return {lang: out / f"briefing-{lang}.pdf" for lang in langs}


def export_briefings(
    db: Database,
    item_ids: list[str],
    langs: list[str],
    out: Path,
    cover: Cover,
    second_lang: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[Path]:
    """Write one PDF per language; `progress(done, total, lang)` reports, `cancelled()` is polled between files."""
    paths = output_paths(out, langs)
    written: list[Path] = []
    for n, lang in enumerate(langs):
        if cancelled and cancelled():
            raise Cancelled()
        if progress:
            progress(n, len(langs), lang)
        write_pdf(build_note(db, item_ids, lang, cover, second_lang), paths[lang])
        written.append(paths[lang])
    if progress:
        progress(len(langs), len(langs), "")
    return written
