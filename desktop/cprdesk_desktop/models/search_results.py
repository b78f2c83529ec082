"""Search hits as a list model; the delegate draws the snippet with its hits in bold."""

from __future__ import annotations

import html
from enum import IntEnum

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument, QTextOption
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from cprdesk_core.i18n import autonym, display_ref, is_rtl
from cprdesk_core.search import SearchHit
from cprdesk_desktop.i18n import _

Index = QModelIndex | QPersistentModelIndex


class HitRole(IntEnum):
    ItemId = Qt.ItemDataRole.UserRole + 1
    Language = Qt.ItemDataRole.UserRole + 2
    SnippetHtml = Qt.ItemDataRole.UserRole + 3


def snippet_html(hit: SearchHit) -> str:
    """The snippet escaped, with the hit spans in bold (the query is never markup)."""
    out, last = [], 0
    for a, b in hit.highlights:
        out.append(html.escape(hit.snippet[last:a]))
        out.append(f"<b style='background:#fff3a0'>{html.escape(hit.snippet[a:b])}</b>")
        last = b
    out.append(html.escape(hit.snippet[last:]))
    if hit.kind == "note":
        head = f"<span style='color:#8a4b00'>✎ {html.escape(_('My note'))} · {html.escape(hit.item_id)}</span>"
        return f"{head}<div>{''.join(out)}</div>"
    ref = display_ref(hit.kind, hit.ref, None, hit.lang)
    head = f"<span style='color:#555'>{html.escape(autonym(hit.lang))}{' · ' + html.escape(ref) if ref else ''}</span>"
    direction = "rtl" if is_rtl(hit.lang) else "ltr"
    return f"{head}<div dir='{direction}'>{''.join(out)}</div>"


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001 - QObject parent
        super().__init__(parent)
        self._hits: list[SearchHit] = []
        self._html: list[str] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self._html = [snippet_html(h) for h in self._hits]
        self.endResetModel()

    def hits(self) -> list[SearchHit]:
        return list(self._hits)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201 - Qt variant
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.snippet
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{autonym(hit.lang)} {display_ref(hit.kind, hit.ref, None, hit.lang)} {hit.snippet}"
        if role == HitRole.ItemId:
            return hit.item_id
        if role == HitRole.Language:
            return hit.lang
        if role == HitRole.SnippetHtml:
            return self._html[index.row()]
        return None


class HighlightDelegate(QStyledItemDelegate):
    """Paints a cell's rich text (from `role`), wrapped to the cell's width, right to left where the text is."""

    def __init__(self, parent=None, role: int = HitRole.SnippetHtml) -> None:  # noqa: ANN001 - QObject parent
        super().__init__(parent)
        self._role = role

    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        text_option = QTextOption()
        text_option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(text_option)
        doc.setHtml(index.data(self._role) or "")
        doc.setTextWidth(max(50, option.rect.width() - 8))
        return doc

    def paint(self, painter, option, index) -> None:  # noqa: ANN001 - Qt signature
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(option, index)
        painter.save()
        painter.translate(option.rect.left() + 4, option.rect.top() + 2)
        context = QAbstractTextDocumentLayout.PaintContext()
        if option.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.HighlightedText))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:  # noqa: ANN001 - Qt signature
        view = self.parent()
        if option.rect.width() > 0:
            width = option.rect.width()
        elif hasattr(view, "columnWidth"):
            width = view.columnWidth(index.column())  # a table asks before it lays out its cells
        else:
            width = 320
        opt = QStyleOptionViewItem(option)
        opt.rect.setWidth(width)
        doc = self._document(opt, index)
        return QSize(width, int(doc.size().height()) + 6)
