"""A document's items (rows) in several languages (columns): the side-by-side model of the versions view."""

from __future__ import annotations

import html
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from cprdesk_core.corpus.schema import REFORM_FIELDS
from cprdesk_core.i18n import autonym, display_ref, is_rtl
from cprdesk_core.textfold import strip_markers
from cprdesk_core.versions.checks import Finding
from cprdesk_core.versions.review import Review
from cprdesk_core.versions.snapshot import ItemVersions, Version, VersionsSnapshot
from cprdesk_desktop.i18n import _, ui_language

Index = QModelIndex | QPersistentModelIndex

STATUS_MARKS = {"checked": ("✓", "#1b5e20"), "needs_revision": ("!", "#b71c1c"), "not_checked": ("", "")}
# Findings whose evidence names numbers or symbols: those values are highlighted in the cells.
VALUE_CHECKS = frozenset({"numbers", "symbols", "references", "urls", "footnotes"})


class VersionRole(IntEnum):
    Html = Qt.ItemDataRole.UserRole + 1
    ItemId = Qt.ItemDataRole.UserRole + 2
    Language = Qt.ItemDataRole.UserRole + 3


def _field_lines(fields: dict[str, Any]) -> list[str]:
    lines = []
    for name in REFORM_FIELDS:
        value = fields.get(name)
        if isinstance(value, str):
            lines.append(value)
        elif isinstance(value, list):
            for block in value:
                if isinstance(block, str):
                    lines.append("• " + block)
                else:
                    lines.append(("• " if block.get("bullet", True) else "") + block["text"])
                    lines.extend("   – " + s for s in block.get("sub") or ())
    return lines


def version_lines(version: Version) -> list[str]:
    lines = [v for v in (version.title, version.text) if v]
    if version.cells:
        lines.append(" | ".join(version.cells))
    if version.fields:
        lines.extend(_field_lines(version.fields))
    return [strip_markers(line) for line in "\n".join(lines).split("\n")]


def _mark(text: str, tokens: set[str]) -> str:
    """Escape `text`, with each of `tokens` in a red background (they differ from the other versions)."""
    if not tokens:
        return html.escape(text)
    out, i = [], 0
    ordered = sorted((t for t in tokens if t), key=len, reverse=True)
    while i < len(text):
        hit = next((t for t in ordered if text.startswith(t, i)), None)
        if hit:
            out.append(f"<span style='background:#ffcdd2'>{html.escape(hit)}</span>")
            i += len(hit)
        else:
            out.append(html.escape(text[i]))
            i += 1
    return "".join(out)


class VersionsTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001 - QObject parent
        super().__init__(parent)
        self._items: tuple[ItemVersions, ...] = ()
        self._langs: list[str] = []
        self._reviews: dict[tuple[str, str], Review] = {}
        self._marks: dict[tuple[str, str], set[str]] = {}
        self._flagged: set[tuple[str, str]] = set()
        self._html: dict[tuple[int, int], str] = {}

    def set_data(
        self, snapshot: VersionsSnapshot, langs: list[str], reviews: list[Review], findings: list[Finding]
    ) -> None:
        self.beginResetModel()
        self._items = snapshot.items
        self._langs = list(langs)
        self._reviews = {(r.item_id, r.lang): r for r in reviews}
        self._marks, self._flagged = {}, set()
        for finding in findings:
            if finding.dismissed:
                continue
            for lang in finding.languages:
                self._flagged.add((finding.item_id, lang))
                if finding.check_id in VALUE_CHECKS:
                    value = finding.evidence.get(lang, "")
                    tokens = {t.strip() for t in value.replace("；", ",").split(",") if t.strip()}
                    self._marks.setdefault((finding.item_id, lang), set()).update(tokens)
        self._html = {}
        self.endResetModel()

    def languages(self) -> list[str]:
        return list(self._langs)

    def row_of(self, item_id: str) -> int:
        return next((i for i, item in enumerate(self._items) if item.id == item_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._langs)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return autonym(self._langs[section]) if 0 <= section < len(self._langs) else None
        if 0 <= section < len(self._items):
            item = self._items[section]
            return display_ref(item.kind, item.ref, item.label, ui_language.lang) or item.label or ""
        return None

    def _cell_html(self, row: int, column: int) -> str:
        key = (row, column)
        if key not in self._html:
            item, lang = self._items[row], self._langs[column]
            version = item.versions.get(lang)
            direction = "rtl" if is_rtl(lang) else "ltr"
            parts = [f"<div dir='{direction}' align='{'right' if direction == 'rtl' else 'left'}'>"]
            review = self._reviews.get((item.id, lang))
            mark, colour = STATUS_MARKS.get(review.status if review else "not_checked", ("", ""))
            if mark:
                parts.append(f"<b style='color:{colour}'>{mark}</b> ")
            if version is None:
                parts.append(f"<i style='color:#b71c1c'>{html.escape(_('No text in this language.'))}</i>")
            else:
                tokens = self._marks.get((item.id, lang), set())
                parts.append("<br/>".join(_mark(line, tokens) for line in version_lines(version)))
                if version.provenance != "working":
                    parts.append(f"<br/><span style='color:#1b5e20; font-size:small'>{html.escape(_provenance(version.provenance))}</span>")
            if review and review.comment:
                parts.append(f"<br/><i style='color:#555'>{html.escape(review.comment)}</i>")
            parts.append("</div>")
            self._html[key] = "".join(parts)
        return self._html[key]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        item, lang = self._items[index.row()], self._langs[index.column()]
        if role == VersionRole.Html:
            return self._cell_html(index.row(), index.column())
        if role == VersionRole.ItemId:
            return item.id
        if role == VersionRole.Language:
            return lang
        if role == Qt.ItemDataRole.DisplayRole:
            version = item.versions.get(lang)
            return "\n".join(version_lines(version)) if version else ""
        if role == Qt.ItemDataRole.BackgroundRole and (item.id, lang) in self._flagged:
            from PySide6.QtGui import QColor

            return QColor("#fff8e1")
        return None


def _provenance(code: str) -> str:
    return {"official": _("Official text"), "user": _("Entered by a user"), "working": _("Unofficial working translation")}.get(code, code)
