"""Annotation edits as undoable commands, and the hub that tells every view which item's notes changed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from cprdesk_core.annotations.model import Annotation, Quote
from cprdesk_core.annotations.service import AnnotationService
from cprdesk_desktop.i18n import _


class NotesHub(QObject):
    """The GUI's access to annotations: writes go through the undo stack, views listen to `changed`."""

    changed = Signal(str, str)  # item id, annotation uuid

    def __init__(self, service: AnnotationService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.undo_stack = QUndoStack(self)

    def create(self, item_id: str, quote: Quote | None = None, **values: Any) -> Annotation:
        command = _CreateNote(self, item_id, quote, values)
        self.undo_stack.push(command)
        return self.service.get(command.uuid)

    def update(self, uuid: str, **values: Any) -> Annotation:
        before = self.service.get(uuid)
        old = {k: _field(before, k) for k in values}
        if old == values:
            return before
        self.undo_stack.push(_EditNote(self, uuid, before.item_id, old, dict(values)))
        return self.service.get(uuid)

    def delete(self, uuid: str) -> None:
        note = self.service.get(uuid)
        self.undo_stack.push(_TrashNote(self, uuid, note.item_id, True))

    def restore(self, uuid: str) -> None:
        note = self.service.get(uuid)
        self.undo_stack.push(_TrashNote(self, uuid, note.item_id, False))

    def restore_revision(self, uuid: str, revision_id: str) -> None:
        before = self.service.get(uuid)
        after = self.service.restore_revision(uuid, revision_id)
        self.changed.emit(after.item_id, uuid)
        values = {k: _field(after, k) for k in ("body", "stance", "priority", "tags", "follow_up", "follow_up_date", "include_in_briefing")}
        old = {k: _field(before, k) for k in values}
        # Already applied: the command's first redo is a no-op write (no change, no revision).
        self.undo_stack.push(_EditNote(self, uuid, after.item_id, old, values, _("Restore an earlier version")))


def _field(note: Annotation, name: str) -> Any:
    value = getattr(note, name)
    return list(value) if isinstance(value, tuple) else value


class _CreateNote(QUndoCommand):
    def __init__(self, hub: NotesHub, item_id: str, quote: Quote | None, values: dict[str, Any]) -> None:
        super().__init__(_("New note"))
        self._hub, self._item_id, self._quote, self._values = hub, item_id, quote, values
        self.uuid = ""

    def redo(self) -> None:
        if not self.uuid:
            self.uuid = self._hub.service.create(self._item_id, quote=self._quote, **self._values).uuid
        else:
            self._hub.service.restore(self.uuid)
        self._hub.changed.emit(self._item_id, self.uuid)

    def undo(self) -> None:
        # Undoing a creation moves the note to the trash: nothing typed is ever destroyed by undo.
        self._hub.service.delete(self.uuid)
        self._hub.changed.emit(self._item_id, self.uuid)


class _EditNote(QUndoCommand):
    def __init__(self, hub: NotesHub, uuid: str, item_id: str, old: dict, new: dict, label: str | None = None) -> None:
        super().__init__(label or _("Edit note"))
        self._hub, self._uuid, self._item_id, self._old, self._new = hub, uuid, item_id, old, new

    def redo(self) -> None:
        self._hub.service.update(self._uuid, **self._new)
        self._hub.changed.emit(self._item_id, self._uuid)

    def undo(self) -> None:
        self._hub.service.update(self._uuid, **self._old)
        self._hub.changed.emit(self._item_id, self._uuid)


class _TrashNote(QUndoCommand):
    def __init__(self, hub: NotesHub, uuid: str, item_id: str, to_trash: bool) -> None:
        super().__init__(_("Delete note") if to_trash else _("Restore note"))
        self._hub, self._uuid, self._item_id, self._to_trash = hub, uuid, item_id, to_trash

    def _apply(self, to_trash: bool) -> None:
        (self._hub.service.delete if to_trash else self._hub.service.restore)(self._uuid)
        self._hub.changed.emit(self._item_id, self._uuid)

    def redo(self) -> None:
        self._apply(self._to_trash)

    def undo(self) -> None:
        self._apply(not self._to_trash)
