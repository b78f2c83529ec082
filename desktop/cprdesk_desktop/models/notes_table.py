"""All notes as a table model (one row per note), sortable through a proxy."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from cprdesk_core.annotations.model import PRIORITIES, PRIORITY_LABELS, STANCE_LABELS, STANCES, Annotation
from cprdesk_desktop.formatting import local_date, local_datetime
from cprdesk_desktop.i18n import _

Index = QModelIndex | QPersistentModelIndex


class NoteRole(IntEnum):
    Uuid = Qt.ItemDataRole.UserRole + 1
    ItemId = Qt.ItemDataRole.UserRole + 2
    SortKey = Qt.ItemDataRole.UserRole + 3


COLUMNS = ("item", "stance", "priority", "tags", "follow_up", "updated", "body")


class NotesTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001 - QObject parent
        super().__init__(parent)
        self._notes: list[Annotation] = []

    def set_notes(self, notes: list[Annotation]) -> None:
        self.beginResetModel()
        self._notes = list(notes)
        self.endResetModel()

    def notes(self) -> list[Annotation]:
        return list(self._notes)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._notes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            "item": _("Item"), "stance": _("Stance"), "priority": _("Priority"), "tags": _("Tags"),
            "follow_up": _("Follow up"), "updated": _("Updated"), "body": _("Note"),
        }[COLUMNS[section]]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or not 0 <= index.row() < len(self._notes):
            return None
        note = self._notes[index.row()]
        column = COLUMNS[index.column()]
        if role == NoteRole.Uuid:
            return note.uuid
        if role == NoteRole.ItemId:
            return note.item_id
        if role == NoteRole.SortKey:
            return {
                "item": note.item_id, "stance": STANCES.index(note.stance), "priority": PRIORITIES.index(note.priority),
                "tags": ", ".join(note.tags), "follow_up": note.follow_up_date or ("~" if note.follow_up else ""),
                "updated": note.updated_at.isoformat(), "body": note.body,
            }[column]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "item":
                marks = [_("(detached)")] if note.detached else []
                if note.conflict_of:
                    marks.append(_("(conflict copy)"))
                return " ".join([note.item_id, *marks])
            if column == "stance":
                return _(STANCE_LABELS[note.stance])
            if column == "priority":
                return _(PRIORITY_LABELS[note.priority])
            if column == "tags":
                return ", ".join(note.tags)
            if column == "follow_up":
                if not note.follow_up:
                    return ""
                return local_date(note.follow_up_date) if note.follow_up_date else _("yes")
            if column == "updated":
                return local_datetime(note.updated_at)
            return " ".join(note.body.split())[:120]
        if role == Qt.ItemDataRole.ToolTipRole and column == "body":
            return note.body[:2000]
        return None
