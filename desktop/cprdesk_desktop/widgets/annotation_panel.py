"""The annotation panel beside the item view: the item's notes, and an editor that autosaves a draft while you type."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cprdesk_core.annotations.model import PRIORITIES, PRIORITY_LABELS, STANCE_LABELS, STANCES, Annotation, Quote
from cprdesk_core.errors import DomainError
from cprdesk_desktop.errors import show_exception
from cprdesk_desktop.formatting import local_datetime
from cprdesk_desktop.i18n import _, ngettext
from cprdesk_desktop.notes import NotesHub

DRAFT_DELAY_MS = 1000  # text being typed reaches the disk within a second of a pause
SETTLE_DELAY_MS = 10_000  # and becomes a saved revision after ten quiet seconds


def draft_key(item_id: str, uuid: str | None) -> str:
    return f"{item_id}|{uuid or 'new'}"


class AnnotationPanel(QWidget):
    """Notes of the current item; every field change is an undoable command, the text autosaves."""

    history_requested = Signal(str)  # annotation uuid
    open_item_requested = Signal(str)

    def __init__(self, hub: NotesHub, ensure_profile: Callable[[], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self._ensure_profile = ensure_profile
        self._item_id: str | None = None
        self._note: Annotation | None = None
        self._loading = False
        self._dirty = False

        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.notes = QListWidget(self)
        self.notes.setMaximumHeight(110)
        self.notes.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.notes.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.new_button = QPushButton(self)
        self.delete_button = QPushButton(self)
        self.stance = QComboBox(self)
        self.priority = QComboBox(self)
        self.tags = QLineEdit(self)
        self.follow_up = QCheckBox(self)
        self.follow_up_date = QDateEdit(self)
        self.follow_up_date.setCalendarPopup(True)
        self.follow_up_date.setSpecialValueText(" ")
        self.follow_up_date.setMinimumDate(QDate(2000, 1, 1))
        self.include = QCheckBox(self)
        self.quote = QLabel(self)
        self.quote.setWordWrap(True)
        self.quote.setTextFormat(Qt.TextFormat.PlainText)
        self.remove_quote = QPushButton(self)
        self.body = QPlainTextEdit(self)
        self.status = QLabel(self)
        self.save_button = QPushButton(self)
        self.history_button = QPushButton(self)

        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        self._form = QFormLayout()
        self._stance_label, self._priority_label, self._tags_label = QLabel(self), QLabel(self), QLabel(self)
        self._form.addRow(self._stance_label, self.stance)
        self._form.addRow(self._priority_label, self.priority)
        self._form.addRow(self._tags_label, self.tags)
        follow = QHBoxLayout()
        follow.addWidget(self.follow_up)
        follow.addWidget(self.follow_up_date)
        follow.addStretch(1)
        quote_row = QHBoxLayout()
        quote_row.addWidget(self.quote, 1)
        quote_row.addWidget(self.remove_quote)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.history_button)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.notes)
        layout.addLayout(buttons)
        layout.addLayout(self._form)
        layout.addLayout(follow)
        layout.addWidget(self.include)
        layout.addLayout(quote_row)
        layout.addWidget(self.body, 1)
        layout.addLayout(bottom)

        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_draft)
        self._settle_timer = QTimer(self)
        self._settle_timer.setSingleShot(True)
        self._settle_timer.setInterval(SETTLE_DELAY_MS)
        self._settle_timer.timeout.connect(self.save)

        self.notes.currentRowChanged.connect(self._note_selected)
        self.new_button.clicked.connect(lambda: self.new_note())
        self.delete_button.clicked.connect(self.delete_note)
        self.save_button.clicked.connect(self.save)
        self.history_button.clicked.connect(lambda: self._note and self.history_requested.emit(self._note.uuid))
        self.remove_quote.clicked.connect(self._remove_quote)
        self.body.textChanged.connect(self._body_edited)
        self.stance.currentIndexChanged.connect(lambda _i: self._field_changed("stance", self.stance.currentData()))
        self.priority.currentIndexChanged.connect(lambda _i: self._field_changed("priority", self.priority.currentData()))
        self.tags.editingFinished.connect(lambda: self._field_changed("tags", _split_tags(self.tags.text())))
        self.follow_up.toggled.connect(self._follow_up_toggled)
        self.follow_up_date.dateChanged.connect(lambda _d: self._field_changed("follow_up_date", self._date_value()))
        self.include.toggled.connect(lambda on: self._field_changed("include_in_briefing", on))
        hub.changed.connect(self._notes_changed)
        self.retranslate()
        self._show_note(None)

    # -- language ------------------------------------------------------------
    def retranslate(self) -> None:
        self.new_button.setText(_("New note"))
        self.delete_button.setText(_("Delete"))
        self.save_button.setText(_("Save"))
        self.save_button.setToolTip(_("Save the note (Ctrl+S)"))
        self.history_button.setText(_("History…"))
        self.remove_quote.setText(_("Remove highlight"))
        self._stance_label.setText(_("Stance:"))
        self._priority_label.setText(_("Priority:"))
        self._tags_label.setText(_("Tags:"))
        self.tags.setPlaceholderText(_("comma-separated, e.g. finance, follow-up"))
        self.follow_up.setText(_("Follow up by"))
        self.include.setText(_("Include in briefing"))
        self.body.setPlaceholderText(_("Write the delegation's notes here. They are saved as you type."))
        for widget, name in (
            (self.notes, _("Notes on this item")), (self.body, _("Note text")), (self.stance, _("Stance")),
            (self.priority, _("Priority")), (self.tags, _("Tags")),
        ):
            widget.setAccessibleName(name)
        self._loading = True
        for combo, codes, labels in ((self.stance, STANCES, STANCE_LABELS), (self.priority, PRIORITIES, PRIORITY_LABELS)):
            current = combo.currentData()
            combo.clear()
            for code in codes:
                combo.addItem(_(labels[code]), code)
            combo.setCurrentIndex(max(0, combo.findData(current)))
        self._loading = False
        self._refresh_list()
        self._update_heading()

    # -- item and notes --------------------------------------------------------
    @property
    def current_note(self) -> Annotation | None:
        return self._note

    def set_item(self, item_id: str | None) -> None:
        if item_id == self._item_id:
            return
        self.save()
        self._item_id = item_id
        self._refresh_list()
        self.notes.setCurrentRow(0 if self.notes.count() else -1)
        if not self.notes.count():
            self._show_note(None)
        self._update_heading()

    def _update_heading(self) -> None:
        count = self.notes.count()
        if self._item_id is None:
            self.heading.setText(_("Choose an item to annotate it."))
        elif count == 0:
            self.heading.setText(_("No notes on this item yet."))
        else:
            self.heading.setText(ngettext("{n} note on this item", "{n} notes on this item", count).format(n=count))
        self.new_button.setEnabled(self._item_id is not None)

    def _refresh_list(self) -> None:
        if self._item_id is None:
            self.notes.clear()
            return
        current = self._note.uuid if self._note else None
        self.notes.blockSignals(True)
        self.notes.clear()
        for note in self._hub.service.for_item(self._item_id):
            first_line = (note.body.strip().splitlines() or [""])[0][:60] or _("(empty note)")
            label = f"{_(STANCE_LABELS[note.stance])} · {first_line}"
            if note.conflict_of:
                label = _("(conflict copy)") + " " + label
            row = QListWidgetItem(label)
            row.setData(Qt.ItemDataRole.UserRole, note.uuid)
            self.notes.addItem(row)
            if note.uuid == current:
                self.notes.setCurrentItem(row)
        self.notes.blockSignals(False)
        self._update_heading()

    def _note_selected(self, row: int) -> None:
        self.save()
        item = self.notes.item(row) if row >= 0 else None
        uuid = item.data(Qt.ItemDataRole.UserRole) if item else None
        self._show_note(self._hub.service.get(uuid) if uuid else None)

    def _show_note(self, note: Annotation | None) -> None:
        self._loading = True
        self._note = note
        enabled = note is not None
        for widget in (self.stance, self.priority, self.tags, self.follow_up, self.include, self.body,
                       self.save_button, self.history_button, self.delete_button):
            widget.setEnabled(enabled)
        if note is None:
            self.body.setPlainText("")
            self.tags.setText("")
            self.quote.setText("")
            self.remove_quote.setVisible(False)
            self.follow_up_date.setEnabled(False)
            self.status.setText("")
        else:
            self.stance.setCurrentIndex(max(0, self.stance.findData(note.stance)))
            self.priority.setCurrentIndex(max(0, self.priority.findData(note.priority)))
            self.tags.setText(", ".join(note.tags))
            self.follow_up.setChecked(note.follow_up)
            self.follow_up_date.setEnabled(note.follow_up)
            self.follow_up_date.setDate(
                QDate.fromString(note.follow_up_date, "yyyy-MM-dd") if note.follow_up_date else self.follow_up_date.minimumDate()
            )
            self.include.setChecked(note.include_in_briefing)
            if note.quote:
                self.quote.setText(_("Highlight: “{quote}”").format(quote=note.quote.exact))
            else:
                self.quote.setText(_("No highlight: select text in the item to attach one."))
            self.remove_quote.setVisible(note.quote is not None)
            if self.body.toPlainText() != note.body:
                self.body.setPlainText(note.body)
            self._set_saved_status(note)
        self._dirty = False
        self._loading = False

    def _set_saved_status(self, note: Annotation) -> None:
        self.status.setText(
            _("Saved {time} · {author}").format(time=local_datetime(note.updated_at), author=note.author_name or "—")
        )

    # -- editing ----------------------------------------------------------------
    def new_note(self, quote: Quote | None = None) -> None:
        if self._item_id is None or not self._ensure_profile():
            return
        self.save()
        try:
            note = self._hub.create(self._item_id, quote)
        except DomainError as exc:
            show_exception(self, exc)
            return
        self._note = note
        self._refresh_list()
        self._show_note(note)
        self.body.setFocus()

    def annotate_quote(self, quote: Quote) -> None:
        """Attach a highlight: to the note being edited if it has none, otherwise to a new note."""
        if self._note is not None and self._note.quote is None:
            self._field_changed("quote", quote)
        else:
            self.new_note(quote)

    def delete_note(self) -> None:
        if self._note is None:
            return
        self.save()
        uuid = self._note.uuid
        self._hub.delete(uuid)
        self._note = None
        self._refresh_list()
        self.notes.setCurrentRow(0 if self.notes.count() else -1)
        if not self.notes.count():
            self._show_note(None)

    def _field_changed(self, name: str, value: object) -> None:
        if self._loading or self._note is None:
            return
        try:
            if name == "quote":
                quote = value if isinstance(value, Quote) else None
                note = self._hub.update(
                    self._note.uuid,
                    quote_lang=quote.lang if quote else None, quote_exact=quote.exact if quote else None,
                    quote_prefix=quote.prefix if quote else None, quote_suffix=quote.suffix if quote else None,
                )
            else:
                note = self._hub.update(self._note.uuid, **{name: value})
        except DomainError as exc:
            show_exception(self, exc)
            note = self._hub.service.get(self._note.uuid)
        self._show_note(note)
        self._refresh_list()

    def _follow_up_toggled(self, on: bool) -> None:
        self.follow_up_date.setEnabled(on)
        self._field_changed("follow_up", on)

    def _date_value(self) -> str | None:
        date = self.follow_up_date.date()
        return None if date == self.follow_up_date.minimumDate() else date.toString("yyyy-MM-dd")

    def _remove_quote(self) -> None:
        self._field_changed("quote", None)

    def _body_edited(self) -> None:
        if self._loading or self._note is None:
            return
        self._dirty = True
        self.status.setText(_("Editing…"))
        self._draft_timer.start()
        self._settle_timer.start()

    def save_draft(self) -> None:
        """Write the text being typed to the draft table (it survives a crash)."""
        if self._note is None or not self._dirty:
            return
        self._hub.service.save_draft(draft_key(self._note.item_id, self._note.uuid), self._note.item_id, self._note.uuid, self.body.toPlainText())
        self.status.setText(_("Draft kept · not yet saved"))

    def save(self) -> None:
        """Save the text as a revision of the note and drop its draft."""
        self._draft_timer.stop()
        self._settle_timer.stop()
        if self._note is None or not self._dirty:
            return
        note = self._note
        text = self.body.toPlainText()
        try:
            saved = self._hub.update(note.uuid, body=text)
        except DomainError as exc:
            show_exception(self, exc)
            return
        self._hub.service.discard_draft(draft_key(note.item_id, note.uuid))
        self._dirty = False
        if self._note is not None and self._note.uuid == saved.uuid:
            self._note = saved
            self._set_saved_status(saved)
        self._refresh_list()

    def has_unsaved_text(self) -> bool:
        return self._dirty

    def _notes_changed(self, item_id: str, uuid: str) -> None:
        if item_id != self._item_id:
            return
        self._refresh_list()
        if self._note is not None and self._note.uuid == uuid and not self._dirty:
            note = self._hub.service.get(uuid)
            self._show_note(None if note.in_trash else note)
            if note.in_trash:
                self.notes.setCurrentRow(0 if self.notes.count() else -1)


def _split_tags(text: str) -> list[str]:
    return [t.strip() for t in text.replace("，", ",").replace("،", ",").split(",") if t.strip()]
