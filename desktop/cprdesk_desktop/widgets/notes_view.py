"""The Notes view: every note with filters (stance, priority, tag, follow-up, highlight, document), sorting and the trash."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cprdesk_core.annotations.model import PRIORITIES, PRIORITY_LABELS, STANCE_LABELS, STANCES, AnnotationFilter
from cprdesk_core.services import CorpusReader
from cprdesk_desktop.i18n import _, ngettext
from cprdesk_desktop.models.notes_table import NoteRole, NotesTableModel
from cprdesk_desktop.notes import NotesHub


def _tristate(box: QCheckBox) -> bool | None:
    return {Qt.CheckState.Checked: True, Qt.CheckState.Unchecked: None, Qt.CheckState.PartiallyChecked: False}[box.checkState()]


class NotesView(QWidget):
    open_item_requested = Signal(str)

    def __init__(self, hub: NotesHub, reader: CorpusReader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self._reader = reader
        self.stance = QComboBox(self)
        self.priority = QComboBox(self)
        self.tag = QComboBox(self)
        self.document = QComboBox(self)
        self.follow_up = QCheckBox(self)
        self.has_highlight = QCheckBox(self)
        for box in (self.follow_up, self.has_highlight):
            box.setTristate(False)
        self.trash = QCheckBox(self)
        self.restore_button = QPushButton(self)
        self.empty_trash_button = QPushButton(self)
        self.summary = QLabel(self)
        self.model = NotesTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(NoteRole.SortKey)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self._labels = [QLabel(self) for _ in range(4)]
        grid = QGridLayout()
        for row, (label, widget) in enumerate(zip(self._labels, (self.stance, self.priority, self.tag, self.document), strict=True)):
            grid.addWidget(label, row // 2, (row % 2) * 2)
            grid.addWidget(widget, row // 2, (row % 2) * 2 + 1)
        checks = QHBoxLayout()
        for widget in (self.follow_up, self.has_highlight, self.trash):
            checks.addWidget(widget)
        checks.addStretch(1)
        trash_row = QHBoxLayout()
        trash_row.addWidget(self.summary, 1)
        trash_row.addWidget(self.restore_button)
        trash_row.addWidget(self.empty_trash_button)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(checks)
        layout.addWidget(self.table, 1)
        layout.addLayout(trash_row)
        for combo in (self.stance, self.priority, self.tag, self.document):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        for box in (self.follow_up, self.has_highlight, self.trash):
            box.toggled.connect(lambda _on: self.refresh())
        self.table.activated.connect(self._activated)
        self.table.doubleClicked.connect(self._activated)
        self.restore_button.clicked.connect(self._restore_selected)
        self.empty_trash_button.clicked.connect(self._empty_trash)
        hub.changed.connect(lambda *_: self.refresh())
        self.retranslate()

    def retranslate(self) -> None:
        for label, text in zip(self._labels, (_("Stance:"), _("Priority:"), _("Tag:"), _("Document:")), strict=True):
            label.setText(text)
        self.follow_up.setText(_("Follow-up only"))
        self.has_highlight.setText(_("With a highlight"))
        self.trash.setText(_("Show the trash"))
        self.restore_button.setText(_("Restore"))
        self.empty_trash_button.setText(_("Empty the trash…"))
        self.table.setAccessibleName(_("Notes"))
        self._fill_filters()
        self.refresh()

    def _fill_filters(self) -> None:
        def fill(combo: QComboBox, everything: str, entries: list[tuple[str, str]]) -> None:
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for code, label in entries:
                combo.addItem(label, code)
            combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)
            combo.blockSignals(False)

        fill(self.stance, _("Any stance"), [(c, _(STANCE_LABELS[c])) for c in STANCES])
        fill(self.priority, _("Any priority"), [(c, _(PRIORITY_LABELS[c])) for c in PRIORITIES])
        fill(self.tag, _("Any tag"), [(t, t) for t in self._hub.service.tags()])
        fill(self.document, _("All documents"), [(d.id, d.title) for d in self._reader.documents("zh")])

    def current_filter(self) -> AnnotationFilter:
        stance, priority = self.stance.currentData(), self.priority.currentData()
        return AnnotationFilter(
            stances=(stance,) if stance else (),
            priorities=(priority,) if priority else (),
            tag=self.tag.currentData(),
            follow_up=True if self.follow_up.isChecked() else None,
            has_highlight=True if self.has_highlight.isChecked() else None,
            document_id=self.document.currentData(),
            in_trash=self.trash.isChecked(),
        )

    def refresh(self) -> None:
        notes = self._hub.service.list(self.current_filter())
        self.model.set_notes(notes)
        in_trash = self.trash.isChecked()
        self.restore_button.setVisible(in_trash)
        self.empty_trash_button.setVisible(in_trash)
        self.summary.setText(ngettext("{n} note", "{n} notes", len(notes)).format(n=len(notes)))

    def _activated(self, index) -> None:  # noqa: ANN001 - a proxy index
        item_id = index.data(NoteRole.ItemId)
        if item_id and not self.trash.isChecked():
            self.open_item_requested.emit(item_id)

    def _restore_selected(self) -> None:
        for index in self.table.selectionModel().selectedRows():
            self._hub.restore(index.data(NoteRole.Uuid))
        self.refresh()

    def _empty_trash(self) -> None:
        count = len(self._hub.service.list(AnnotationFilter(in_trash=True)))
        if not count:
            return
        answer = QMessageBox.question(
            self, _("Empty the trash"),
            ngettext("Delete {n} note for good? This cannot be undone.", "Delete {n} notes for good? This cannot be undone.", count).format(n=count),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._hub.service.empty_trash()
            self._hub.undo_stack.clear()
            self.refresh()
