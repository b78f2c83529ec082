"""Every language version of every item of one document, read at once from SQLite for the checks."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from cprdesk_core.errors import N_, NotFoundError
from cprdesk_core.i18n import CONTENT_LANGUAGES

SOURCE_LANG = "zh"


@dataclass(frozen=True)
class Version:
    """One item's text in one language: the text-bearing fields only."""

    lang: str
    provenance: str
    title: str | None = None
    text: str | None = None
    fields: dict[str, Any] | None = None
    cells: tuple[str, ...] | None = None


@dataclass(frozen=True)
class ItemVersions:
    """An item and its versions (lang → version); a language the item lacks has no entry."""

    id: str
    document_id: str
    kind: str
    label: str | None
    ref: str | None
    versions: dict[str, Version]


@dataclass(frozen=True)
class VersionsSnapshot:
    """A document's items in reading order, each with all its language versions.

    `languages` are the languages the document has a file or imported texts in; an item
    missing one of them is a finding, a language the document has nothing in is not.
    """

    document_id: str
    languages: tuple[str, ...]
    items: tuple[ItemVersions, ...]


def _json(value: str | None) -> Any:
    return json.loads(value) if value else None


def load_snapshot(connection: sqlite3.Connection, document_id: str) -> VersionsSnapshot:
    """The document's versions as the user sees them (imported texts are laid over the bundled ones in the content
    tables, so what is read here is what is shown)."""
    if connection.execute("SELECT 1 FROM corpus_document WHERE id = ?", (document_id,)).fetchone() is None:
        raise NotFoundError(N_("There is no document {doc}."), doc=document_id)
    rows = connection.execute(
        "SELECT id, kind, label, ref FROM corpus_item WHERE document_id = ? ORDER BY position", (document_id,)
    ).fetchall()
    versions: dict[str, dict[str, Version]] = {row[0]: {} for row in rows}
    for item_id, lang, provenance, title, text, fields, cells in connection.execute(
        "SELECT t.item_id, t.lang, t.provenance, t.title, t.text, t.fields, t.cells FROM corpus_text t "
        "JOIN corpus_item i ON i.id = t.item_id WHERE i.document_id = ?",
        (document_id,),
    ):
        cell_list = _json(cells)
        versions[item_id][lang] = Version(lang, provenance, title, text, _json(fields), tuple(cell_list) if cell_list is not None else None)
    # A language counts as the document's when it has a file, or when texts in it were imported.
    languages = {r[0] for r in connection.execute(
        "SELECT lang FROM corpus_document_text WHERE document_id = ?", (document_id,)
    )}
    languages.update(lang for texts in versions.values() for lang in texts)
    order = {lang: i for i, lang in enumerate(CONTENT_LANGUAGES)}
    items = tuple(
        ItemVersions(item_id, document_id, kind, label, ref, versions[item_id]) for item_id, kind, label, ref in rows
    )
    return VersionsSnapshot(document_id, tuple(sorted(languages, key=lambda lang: order.get(lang, len(order)))), items)
