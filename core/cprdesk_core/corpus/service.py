"""Reading the corpus for the GUI and the CLI: documents, tree nodes, items in any language — as frozen dataclasses."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cprdesk_core.errors import N_, NotFoundError
from cprdesk_db.models import CorpusDocument, CorpusDocumentText, CorpusItem, CorpusText

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
    """An item with every language version, its footnotes and its place in the document."""

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
    path: tuple[TreeNode, ...] = ()

    def version(self, lang: str) -> ItemVersion | None:
        return self.versions.get(lang)


def heading_of(title: str | None, text: str | None, limit: int = 80) -> str:
    """A one-line heading for a tree row: the title, or the start of the text."""
    from cprdesk_core.textfold import strip_markers

    value = title or strip_markers(text or "")
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


class CorpusService:
    """Read-only queries over the content tables."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def documents(self, lang: str) -> list[DocumentInfo]:
        docs = self._s.scalars(select(CorpusDocument).order_by(CorpusDocument.position)).all()
        texts: dict[str, dict[str, str]] = {}
        for row in self._s.execute(select(CorpusDocumentText.document_id, CorpusDocumentText.lang, CorpusDocumentText.title)):
            texts.setdefault(row.document_id, {})[row.lang] = row.title
        top = {d.id: 0 for d in docs}
        for row in self._s.execute(
            select(CorpusItem.document_id).where(CorpusItem.parent_id.is_(None), CorpusItem.kind != "footnote")
        ):
            top[row.document_id] += 1
        out = []
        for d in docs:
            titles = texts.get(d.id, {})
            title_lang = lang if lang in titles else SOURCE_LANG
            out.append(DocumentInfo(d.id, d.kind, titles.get(title_lang, d.id), title_lang, tuple(sorted(titles)), top[d.id]))
        return out

    def children(self, document_id: str, parent_id: str | None, lang: str) -> list[TreeNode]:
        """The tree rows under `parent_id` (None: the document's top level), footnotes excluded."""
        cond = CorpusItem.parent_id.is_(None) if parent_id is None else CorpusItem.parent_id == parent_id
        items = self._s.scalars(
            select(CorpusItem)
            .where(CorpusItem.document_id == document_id, cond, CorpusItem.kind != "footnote")
            .order_by(CorpusItem.position)
        ).all()
        return self._nodes(items, lang)

    def _nodes(self, items: list[CorpusItem], lang: str) -> list[TreeNode]:
        if not items:
            return []
        ids = [i.id for i in items]
        texts: dict[str, dict[str, tuple[str | None, str | None]]] = {}
        for row in self._s.execute(
            select(CorpusText.item_id, CorpusText.lang, CorpusText.title, CorpusText.text).where(
                CorpusText.item_id.in_(ids), CorpusText.lang.in_((lang, SOURCE_LANG))
            )
        ):
            texts.setdefault(row.item_id, {})[row.lang] = (row.title, row.text)
        nodes = []
        for i in items:
            versions = texts.get(i.id, {})
            heading_lang = lang if lang in versions else SOURCE_LANG
            title, body = versions.get(heading_lang, (None, None))
            nodes.append(
                TreeNode(i.id, i.document_id, i.parent_id, i.kind, i.label, i.ref, heading_of(title, body), heading_lang, i.child_count, i.position)
            )
        return nodes

    def node(self, item_id: str, lang: str) -> TreeNode:
        item = self._s.get(CorpusItem, item_id)
        if item is None:
            raise NotFoundError(N_("There is no item {id}."), id=item_id)
        return self._nodes([item], lang)[0]

    def item(self, item_id: str) -> Item:
        row = self._s.get(CorpusItem, item_id)
        if row is None:
            raise NotFoundError(N_("There is no item {id}."), id=item_id)
        doc = self._s.get(CorpusDocument, row.document_id)
        versions = {
            t.lang: ItemVersion(
                t.lang, t.provenance, t.review_state, t.title, t.text, t.fields,
                tuple(t.cells) if t.cells is not None else None, t.note,
            )
            for t in self._s.scalars(select(CorpusText).where(CorpusText.item_id == item_id))
        }
        footnotes: dict[str, dict[str, str]] = {}
        for fn_label, lang, text in self._s.execute(
            select(CorpusItem.label, CorpusText.lang, CorpusText.text)
            .join(CorpusText, CorpusText.item_id == CorpusItem.id)
            .where(CorpusItem.document_id == row.document_id, CorpusItem.kind == "footnote")
        ):
            footnotes.setdefault(fn_label, {})[lang] = text
        path: list[CorpusItem] = []
        parent_id = row.parent_id
        while parent_id is not None:
            parent = self._s.get(CorpusItem, parent_id)
            if parent is None:
                break
            path.append(parent)
            parent_id = parent.parent_id
        return Item(
            row.id, row.document_id, doc.kind if doc else "", row.parent_id, row.kind, row.label, row.ref,
            row.attrs or {}, row.position, versions, footnotes, tuple(self._nodes(list(reversed(path)), SOURCE_LANG)),
        )

    def neighbour(self, item_id: str, step: int) -> str | None:
        """The id of the next (step=1) or previous (step=-1) item in reading order, across documents."""
        row = self._s.get(CorpusItem, item_id)
        if row is None:
            return None
        cond = CorpusItem.position > row.position if step > 0 else CorpusItem.position < row.position
        order = CorpusItem.position.asc() if step > 0 else CorpusItem.position.desc()
        return self._s.scalar(select(CorpusItem.id).where(cond, CorpusItem.kind != "footnote").order_by(order).limit(1))

    def ancestors(self, item_id: str) -> list[str]:
        """Ids from the top-level item down to the item's parent."""
        out: list[str] = []
        row = self._s.get(CorpusItem, item_id)
        while row is not None and row.parent_id is not None:
            out.append(row.parent_id)
            row = self._s.get(CorpusItem, row.parent_id)
        return list(reversed(out))

    def sections(self, document_id: str) -> list[TreeNode]:
        """Top-level headings of a document, for the search filter."""
        return self.children(document_id, None, SOURCE_LANG)

    def iter_rows(self, document_id: str | None = None, lang: str | None = None) -> Iterator[tuple[CorpusItem, CorpusText]]:
        """Every item text in corpus order (for the `items` command)."""
        query = (
            select(CorpusItem, CorpusText)
            .join(CorpusText, CorpusText.item_id == CorpusItem.id)
            .order_by(CorpusItem.position, CorpusText.lang)
        )
        if document_id:
            query = query.where(CorpusItem.document_id == document_id)
        if lang:
            query = query.where(CorpusText.lang == lang)
        for item, text in self._s.execute(query):
            yield item, text

    def document_ids(self) -> list[str]:
        return list(self._s.scalars(select(CorpusDocument.id).order_by(CorpusDocument.position)))

    def document_labels(self, document_id: str) -> dict[str, dict[str, Any]]:
        """lang → labels (column headings …) of a document."""
        return {
            row.lang: row.labels or {}
            for row in self._s.execute(
                select(CorpusDocumentText.lang, CorpusDocumentText.labels).where(CorpusDocumentText.document_id == document_id)
            )
        }
