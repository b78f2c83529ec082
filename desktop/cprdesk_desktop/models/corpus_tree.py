"""The document → section → item tree: a thin, lazily filled QAbstractItemModel over the core's tree rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from cprdesk_core.corpus.reader import DocumentInfo, TreeNode
from cprdesk_core.services import CorpusReader

Index = QModelIndex | QPersistentModelIndex


class TreeRole(IntEnum):
    ItemId = Qt.ItemDataRole.UserRole + 1
    Kind = Qt.ItemDataRole.UserRole + 2
    DocumentId = Qt.ItemDataRole.UserRole + 3
    Reference = Qt.ItemDataRole.UserRole + 4
    NoteCount = Qt.ItemDataRole.UserRole + 5


@dataclass(eq=False)
class _Row:
    id: str
    document_id: str
    kind: str
    label: str | None
    ref: str | None
    heading: str
    child_count: int
    parent: _Row | None
    row: int
    children: list[_Row] | None = field(default=None)


def _display(row: _Row, lang: str) -> str:
    label = row.label
    if row.kind == "document" or not label:
        return row.heading
    if row.kind == "section" and row.ref and lang != "zh":
        label = row.id.rsplit("/", 1)[-1] + "."
    elif row.kind in ("section", "part") and lang == "zh" and not label.isascii():
        label += "、"
    elif not label.startswith("(") and row.kind not in ("legend_entry",):
        label += "."
    # The label ("III.", "(a)", "17.") is isolated so that it stays whole before an Arabic heading.
    return f"\u2068{label}\u2069 {row.heading}"


class CorpusTreeModel(QAbstractItemModel):
    """Documents at the top; their items below, fetched from the core when a branch is first opened."""

    def __init__(self, reader: CorpusReader, lang: str, parent=None) -> None:  # noqa: ANN001 - QObject parent
        super().__init__(parent)
        self._reader = reader
        self._lang = lang
        self._roots: list[_Row] = []
        self._note_counts: dict[str, int] = {}
        self._note_icon = None
        self._load_roots()

    # -- loading ---------------------------------------------------------
    def _load_roots(self) -> None:
        docs: list[DocumentInfo] = self._reader.documents(self._lang)
        self._roots = [
            _Row(d.id, d.id, "document", None, None, d.title, d.top_level_count, None, i) for i, d in enumerate(docs)
        ]

    def set_language(self, lang: str) -> None:
        """Show headings in another content language (the tree is reloaded lazily)."""
        if lang == self._lang:
            return
        self.beginResetModel()
        self._lang = lang
        self._load_roots()
        self.endResetModel()

    def set_note_counts(self, counts: dict[str, int]) -> None:
        """Mark the items that carry notes (item id → number of notes)."""
        changed = set(counts) ^ set(self._note_counts) | {k for k in counts if counts[k] != self._note_counts.get(k)}
        self._note_counts = dict(counts)
        for item_id in changed:
            index = self._loaded_index(item_id)
            if index.isValid():
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole])

    def _loaded_index(self, item_id: str) -> QModelIndex:
        stack = list(self._roots)
        while stack:
            row = stack.pop()
            if row.id == item_id:
                return self.createIndex(row.row, 0, row)
            stack.extend(row.children or [])
        return QModelIndex()

    def _fetch(self, row: _Row) -> list[_Row]:
        parent_id = None if row.kind == "document" else row.id
        nodes: list[TreeNode] = self._reader.children(row.document_id, parent_id, self._lang)
        return [
            _Row(n.id, n.document_id, n.kind, n.label, n.ref, n.heading, n.child_count, row, i)
            for i, n in enumerate(nodes)
        ]

    # -- Qt model interface ---------------------------------------------
    def _row(self, index: Index) -> _Row | None:
        return index.internalPointer() if index.isValid() else None

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        parent_row = self._row(parent)
        children = self._roots if parent_row is None else (parent_row.children or [])
        if row >= len(children):
            return QModelIndex()
        return self.createIndex(row, 0, children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        row = self._row(index)
        if row is None or row.parent is None:
            return QModelIndex()
        return self.createIndex(row.parent.row, 0, row.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        row = self._row(parent)
        if row is None:
            return len(self._roots)
        return len(row.children or [])

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 1

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:
        row = self._row(parent)
        if row is None:
            return bool(self._roots)
        return row.child_count > 0

    def canFetchMore(self, parent: Index) -> bool:
        row = self._row(parent)
        return row is not None and row.children is None and row.child_count > 0

    def fetchMore(self, parent: Index) -> None:
        row = self._row(parent)
        if row is None or row.children is not None:
            return
        children = self._fetch(row)
        if not children:
            row.children = []
            return
        self.beginInsertRows(parent, 0, len(children) - 1)
        row.children = children
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201 - Qt variant
        row = self._row(index)
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, self._lang)
        if role == Qt.ItemDataRole.ToolTipRole:
            count = self._note_counts.get(row.id)
            return f"{row.heading}\n✎ {count}" if count else row.heading
        if role == Qt.ItemDataRole.DecorationRole and self._note_counts.get(row.id):
            return self._note_marker()
        if role == TreeRole.NoteCount:
            return self._note_counts.get(row.id, 0)
        if role == TreeRole.ItemId:
            return row.id
        if role == TreeRole.Kind:
            return row.kind
        if role == TreeRole.DocumentId:
            return row.document_id
        if role == TreeRole.Reference:
            return row.ref
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _note_marker(self):  # noqa: ANN202 - a QIcon, made once
        if self._note_icon is None:
            from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

            pixmap = QPixmap(12, 12)
            pixmap.fill(QColor(0, 0, 0, 0))
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setBrush(QColor("#d08a00"))
            painter.setPen(QColor("#8a5a00"))
            painter.drawEllipse(2, 2, 8, 8)
            painter.end()
            self._note_icon = QIcon(pixmap)
        return self._note_icon

    # -- lookup ----------------------------------------------------------
    def index_for_id(self, item_id: str) -> QModelIndex:
        """The index of an item (or document), fetching the branches on its path."""
        document_id = item_id.split("/", 1)[0]
        doc_row = next((r for r in self._roots if r.id == document_id), None)
        if doc_row is None:
            return QModelIndex()
        index = self.createIndex(doc_row.row, 0, doc_row)
        if item_id == document_id:
            return index
        path = [*self._reader.ancestors(item_id), item_id]
        for step in path:
            if self.canFetchMore(index):
                self.fetchMore(index)
            parent_row = self._row(index)
            match = next((c for c in parent_row.children or [] if c.id == step), None) if parent_row else None
            if match is None:
                return QModelIndex()
            index = self.createIndex(match.row, 0, match)
        return index
