"""Reading the corpus for the GUI and the CLI through SQLite directly (fast start-up): frozen dataclasses out."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from cprdesk_core.errors import N_, NotFoundError
from cprdesk_core.textfold import strip_markers

SOURCE_LANG = "zh"


@dataclass(frozen=True)
class DocumentInfo:
    id: str
    kind: str
    title: str
    title_lang: str
    languages: tuple[str, ...]
    top_level_count: int


@dataclass(frozen=True)
class TreeNode:
    """A row of the document tree: enough to show it without loading its text."""

    id: str
    document_id: str
    parent_id: str | None
    kind: str
    label: str | None
    ref: str | None
    heading: str
    heading_lang: str
    child_count: int
    position: int


@dataclass(frozen=True)
class ItemVersion:
    """An item's text in one language."""

    lang: str
    provenance: str
    review_state: str
    title: str | None
    text: str | None
    fields: dict[str, Any] | None
    cells: tuple[str, ...] | None
    note: str | None


@dataclass(frozen=True)
class Item:
    """An item with every language version, its document's footnotes and its place in the document."""

    id: str
    document_id: str
    document_kind: str
    parent_id: str | None
    kind: str
    label: str | None
    ref: str | None
    attrs: dict[str, Any]
    position: int
    versions: dict[str, ItemVersion]
    footnotes: dict[str, dict[str, str]] = field(default_factory=dict)  # label → lang → text
    path: tuple[str, ...] = ()  # ids from the top-level item down to the parent

    def version(self, lang: str) -> ItemVersion | None:
        return self.versions.get(lang)


@dataclass(frozen=True)
class ItemText:
    """One item in one language, flat, for the `items` command."""

    id: str
    document_id: str
    kind: str
    label: str | None
    ref: str | None
    parent_id: str | None
    attrs: dict[str, Any]
    version: ItemVersion


def heading_of(title: str | None, text: str | None, limit: int = 80) -> str:
    """A one-line heading for a tree row: the title, or the start of the text."""
    value = " ".join((title or strip_markers(text or "")).split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _json(value: str | None) -> Any:
    return json.loads(value) if value else None


def _cells(value: str | None) -> tuple[str, ...] | None:
    cells = _json(value)
    return tuple(cells) if cells is not None else None


_ITEM_COLUMNS = "id, document_id, parent_id, kind, label, ref, position, child_count, attrs"


class CorpusQueries:
    """Read-only queries over the content tables on one SQLite connection."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._c = connection

    def documents(self, lang: str) -> list[DocumentInfo]:
        titles: dict[str, dict[str, str]] = {}
        for doc_id, text_lang, title in self._c.execute("SELECT document_id, lang, title FROM corpus_document_text"):
            titles.setdefault(doc_id, {})[text_lang] = title
        top = dict(
            self._c.execute(
                "SELECT document_id, count(*) FROM corpus_item WHERE parent_id IS NULL AND kind != 'footnote' GROUP BY document_id"
            ).fetchall()
        )
        out = []
        for doc_id, kind in self._c.execute("SELECT id, kind FROM corpus_document ORDER BY position").fetchall():
            names = titles.get(doc_id, {})
            title_lang = lang if lang in names else SOURCE_LANG
            out.append(DocumentInfo(doc_id, kind, names.get(title_lang, doc_id), title_lang, tuple(sorted(names)), top.get(doc_id, 0)))
        return out

    def document_ids(self) -> list[str]:
        return [r[0] for r in self._c.execute("SELECT id FROM corpus_document ORDER BY position")]

    def _nodes(self, rows: list[tuple], lang: str) -> list[TreeNode]:
        if not rows:
            return []
        ids = [r[0] for r in rows]
        marks = ",".join("?" * len(ids))
        texts: dict[str, dict[str, tuple[str | None, str | None]]] = {}
        for item_id, text_lang, title, text in self._c.execute(
            f"SELECT item_id, lang, title, text FROM corpus_text WHERE item_id IN ({marks}) AND lang IN (?, ?)",
            (*ids, lang, SOURCE_LANG),
        ):
            texts.setdefault(item_id, {})[text_lang] = (title, text)
        nodes = []
        for item_id, document_id, parent_id, kind, label, ref, position, child_count, _attrs in rows:
            versions = texts.get(item_id, {})
            heading_lang = lang if lang in versions else SOURCE_LANG
            title, text = versions.get(heading_lang, (None, None))
            nodes.append(
                TreeNode(item_id, document_id, parent_id, kind, label, ref, heading_of(title, text), heading_lang, child_count, position)
            )
        return nodes

    def children(self, document_id: str, parent_id: str | None, lang: str) -> list[TreeNode]:
        """Tree rows under `parent_id` (None: the document's top level); footnotes are not tree rows."""
        if parent_id is None:
            rows = self._c.execute(
                f"SELECT {_ITEM_COLUMNS} FROM corpus_item WHERE document_id = ? AND parent_id IS NULL "
                "AND kind != 'footnote' ORDER BY position",
                (document_id,),
            ).fetchall()
        else:
            rows = self._c.execute(
                f"SELECT {_ITEM_COLUMNS} FROM corpus_item WHERE parent_id = ? ORDER BY position", (parent_id,)
            ).fetchall()
        return self._nodes(rows, lang)

    def node(self, item_id: str, lang: str) -> TreeNode:
        rows = self._c.execute(f"SELECT {_ITEM_COLUMNS} FROM corpus_item WHERE id = ?", (item_id,)).fetchall()
        if not rows:
            raise NotFoundError(N_("There is no item {id}."), id=item_id)
        return self._nodes(rows, lang)[0]

    def ancestors(self, item_id: str) -> list[str]:
        """Ids from the top-level item down to the item's parent."""
        rows = self._c.execute(
            "WITH RECURSIVE up(id, parent_id, depth) AS ("
            " SELECT id, parent_id, 0 FROM corpus_item WHERE id = ?"
            " UNION ALL SELECT i.id, i.parent_id, up.depth + 1 FROM corpus_item i JOIN up ON i.id = up.parent_id)"
            " SELECT id FROM up WHERE depth > 0 ORDER BY depth DESC",
            (item_id,),
        ).fetchall()
        return [r[0] for r in rows]

    def item(self, item_id: str) -> Item:
        row = self._c.execute(
            "SELECT i.id, i.document_id, d.kind, i.parent_id, i.kind, i.label, i.ref, i.attrs, i.position "
            "FROM corpus_item i JOIN corpus_document d ON d.id = i.document_id WHERE i.id = ?",
            (item_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError(N_("There is no item {id}."), id=item_id)
        versions = {
            lang: ItemVersion(lang, provenance, review, title, text, _json(fields), _cells(cells), note)
            for lang, provenance, review, title, text, fields, cells, note in self._c.execute(
                "SELECT lang, provenance, review_state, title, text, fields, cells, note FROM corpus_text WHERE item_id = ?",
                (item_id,),
            )
        }
        footnotes: dict[str, dict[str, str]] = {}
        for label, lang, text in self._c.execute(
            "SELECT i.label, t.lang, t.text FROM corpus_item i JOIN corpus_text t ON t.item_id = i.id "
            "WHERE i.document_id = ? AND i.kind = 'footnote'",
            (row[1],),
        ):
            footnotes.setdefault(label, {})[lang] = text
        return Item(
            row[0], row[1], row[2], row[3], row[4], row[5], row[6], _json(row[7]) or {}, row[8],
            versions, footnotes, tuple(self.ancestors(item_id)),
        )

    def neighbour(self, item_id: str, step: int) -> str | None:
        """The next (step > 0) or previous item in reading order, across documents; footnotes skipped."""
        op, order = (">", "ASC") if step > 0 else ("<", "DESC")
        row = self._c.execute(
            f"SELECT id FROM corpus_item WHERE kind != 'footnote' AND position {op} "
            f"(SELECT position FROM corpus_item WHERE id = ?) ORDER BY position {order} LIMIT 1",
            (item_id,),
        ).fetchone()
        return row[0] if row else None

    def document_labels(self, document_id: str) -> dict[str, dict[str, Any]]:
        """lang → labels (column headings …) of a document."""
        return {
            lang: _json(labels) or {}
            for lang, labels in self._c.execute(
                "SELECT lang, labels FROM corpus_document_text WHERE document_id = ?", (document_id,)
            )
        }

    def iter_texts(self, document_id: str | None = None, lang: str | None = None) -> Iterator[ItemText]:
        """Every item text in corpus order (for the `items` command)."""
        where, params = [], []
        if document_id:
            where.append("i.document_id = ?")
            params.append(document_id)
        if lang:
            where.append("t.lang = ?")
            params.append(lang)
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        for r in self._c.execute(
            "SELECT i.id, i.document_id, i.kind, i.label, i.ref, i.parent_id, i.attrs, "
            "t.lang, t.provenance, t.review_state, t.title, t.text, t.fields, t.cells, t.note "
            f"FROM corpus_item i JOIN corpus_text t ON t.item_id = i.id {clause} ORDER BY i.position, t.lang",
            params,
        ):
            version = ItemVersion(r[7], r[8], r[9], r[10], r[11], _json(r[12]), _cells(r[13]), r[14])
            yield ItemText(r[0], r[1], r[2], r[3], r[4], r[5], _json(r[6]) or {}, version)
