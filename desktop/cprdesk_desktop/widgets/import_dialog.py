"""Import a language version: choose a file, see the proposed alignment (pairs, gaps, leftovers), then confirm."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cprdesk_core.database import Database
from cprdesk_core.errors import DomainError
from cprdesk_core.i18n import CONTENT_LANGUAGES, autonym
from cprdesk_core.versions.importer import Alignment, apply_alignment, import_version
from cprdesk_desktop.errors import show_exception
from cprdesk_desktop.i18n import _, ngettext


def _table(headers: list[str], rows: list[list[str]], parent: QWidget) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(value))
    table.horizontalHeader().setStretchLastSection(True)
    table.resizeColumnsToContents()
    return table


class ImportVersionDialog(QDialog):
    def __init__(self, db: Database, document_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._document_id = document_id
        self.alignment: Alignment | None = None
        self.setWindowTitle(_("Import a language version"))
        self.resize(980, 700)
        self.path = QLineEdit(self)
        browse = QPushButton(_("Choose…"), self)
        browse.clicked.connect(self._browse)
        self.lang = QComboBox(self)
        for lang in CONTENT_LANGUAGES:
            if lang != "zh":
                self.lang.addItem(autonym(lang), lang)
        self.provenance = QComboBox(self)
        self.provenance.addItem(_("Official UN text"), "official")
        self.provenance.addItem(_("My own text"), "user")
        self.provenance.setCurrentIndex(1)
        align_button = QPushButton(_("Propose an alignment"), self)
        align_button.clicked.connect(self.propose)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow(_("File (.txt or .docx):"), row)
        form.addRow(_("Language:"), self.lang)
        form.addRow(_("The text is:"), self.provenance)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(_("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(align_button)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)

    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Import a language version"), "", _("Text or Word files (*.txt *.docx)"))
        if path:
            self.path.setText(path)

    def propose(self) -> None:
        """Read and align the file without changing anything; show the pairs, the gaps and what is left over."""
        try:
            alignment, _result = import_version(
                self._db, Path(self.path.text().strip()), self._document_id, self.lang.currentData(), dry_run=True
            )
        except DomainError as exc:
            show_exception(self, exc)
            return
        self.alignment = alignment
        self.tabs.clear()
        self.tabs.addTab(
            _table([_("Item"), _("Numbering"), _("Text")],
                   [[p.item_id, p.numbering, (p.title or p.text or "")[:300]] for p in alignment.pairs], self),
            ngettext("{n} aligned", "{n} aligned", len(alignment.pairs)).format(n=len(alignment.pairs)),
        )
        self.tabs.addTab(
            _table([_("Item"), _("Reference")], [[g.item_id, g.ref or g.label or ""] for g in alignment.gaps], self),
            ngettext("{n} gap", "{n} gaps", len(alignment.gaps)).format(n=len(alignment.gaps)),
        )
        self.tabs.addTab(
            _table([_("Paragraphs"), _("After"), _("Text")],
                   [[f"{u.first_paragraph + 1}–{u.last_paragraph + 1}", u.after_item or "", u.text[:300]] for u in alignment.unaligned], self),
            ngettext("{n} part not aligned", "{n} parts not aligned", len(alignment.unaligned)).format(n=len(alignment.unaligned)),
        )
        notices = " ".join(n.translated(_) for n in alignment.notices)
        doubt = _("This file does not look like a version of this document in this language.") if alignment.doubtful else ""
        self.summary.setText(" ".join(x for x in (doubt, notices) if x))
        self.import_button.setEnabled(bool(alignment.pairs))

    def apply(self) -> None:
        if self.alignment is None:
            return
        try:
            result = apply_alignment(self._db, self.alignment, self.provenance.currentData(), Path(self.path.text()).name)
        except DomainError as exc:
            show_exception(self, exc)
            return
        self.result = result
        self.accept()
