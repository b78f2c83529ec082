"""Small dialogs: the author profile (asked once), a note's revision history, recovered drafts."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cprdesk_core.annotations.model import PRIORITY_LABELS, STANCE_LABELS, Draft, Revision
from cprdesk_desktop.formatting import local_datetime
from cprdesk_desktop.i18n import _

def _action_label(action: str) -> str:
    return {
        "create": _("created"),
        "edit": _("edited"),
        "delete": _("moved to the trash"),
        "restore": _("restored"),
        "import": _("imported"),
    }.get(action, action)


class ProfileDialog(QDialog):
    """Who writes the notes: asked once, kept in the database with every note."""

    def __init__(self, parent: QWidget | None = None, name: str = "", delegation: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Your profile"))
        intro = QLabel(_("Your name and delegation are recorded with every note you write, and in shared notes."), self)
        intro.setWordWrap(True)
        self.name = QLineEdit(name, self)
        self.delegation = QLineEdit(delegation, self)
        self.name.setAccessibleName(_("Name"))
        self.delegation.setAccessibleName(_("Delegation"))
        form = QFormLayout()
        form.addRow(_("Name:"), self.name)
        form.addRow(_("Delegation:"), self.delegation)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _accept(self) -> None:
        if self.name.text().strip():
            self.accept()
        else:
            self.name.setFocus()


class HistoryDialog(QDialog):
    """Every revision of a note, newest first; any of them can be brought back."""

    def __init__(self, revisions: list[Revision], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("History of the note"))
        self.resize(720, 420)
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Revisions"))
        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(_("Text of the revision"))
        self.details = QLabel(self)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setWordWrap(True)
        for revision in reversed(revisions):
            label = _("Version {number} · {time} · {action} · {author}").format(
                number=revision.number, time=local_datetime(revision.created_at),
                action=_action_label(revision.action), author=revision.author_name or "—",
            )
            row = QListWidgetItem(label)
            row.setData(Qt.ItemDataRole.UserRole, revision)
            self.list.addItem(row)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.details)
        right_layout.addWidget(self.preview, 1)
        splitter = QSplitter(self)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = self.buttons.addButton(_("Restore this version"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self.list.currentRowChanged.connect(self._show)
        self.list.setCurrentRow(0)

    def selected(self) -> Revision | None:
        row = self.list.currentItem()
        return row.data(Qt.ItemDataRole.UserRole) if row else None

    def _show(self, _row: int) -> None:
        revision = self.selected()
        if revision is None:
            return
        snap = revision.snapshot
        stance = _(STANCE_LABELS.get(snap.get("stance", ""), "")) if snap.get("stance") in STANCE_LABELS else ""
        priority = _(PRIORITY_LABELS.get(snap.get("priority", ""), "")) if snap.get("priority") in PRIORITY_LABELS else ""
        tags = ", ".join(snap.get("tags") or [])
        self.details.setText(
            html.escape(_("Stance: {stance} · Priority: {priority} · Tags: {tags}").format(stance=stance, priority=priority, tags=tags or "—"))
        )
        self.preview.setPlainText(snap.get("body") or "")


class DraftRecoveryDialog(QDialog):
    """Text that was being typed when the app stopped: restore it into its note, or discard it."""

    def __init__(self, drafts: list[Draft], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Recovered text"))
        intro = QLabel(
            _("CPR Desk was closed while you were writing. This text was kept and can be put back into its note."), self
        )
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        for draft in drafts:
            first = (draft.body.strip().splitlines() or [""])[0][:80]
            row = QListWidgetItem(f"{draft.item_id} · {local_datetime(draft.saved_at)} · {first}")
            row.setData(Qt.ItemDataRole.UserRole, draft)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(row)
        self.buttons = QDialogButtonBox(self)
        self.restore_button = self.buttons.addButton(_("Restore the checked text"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.discard_button = self.buttons.addButton(_("Discard all"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self.buttons.accepted.connect(self.accept)
        self.discard_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)

    def checked(self) -> list[Draft]:
        out = []
        for i in range(self.list.count()):
            row = self.list.item(i)
            if row.checkState() == Qt.CheckState.Checked:
                out.append(row.data(Qt.ItemDataRole.UserRole))
        return out
