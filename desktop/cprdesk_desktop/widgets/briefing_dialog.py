"""The briefing dialog: which items, which languages, the cover; preview the first language, export in the background."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cprdesk_core.briefing.assemble import Cancelled, Cover, all_item_ids, build_note, export_briefings, flagged_item_ids, write_pdf
from cprdesk_core.database import Database
from cprdesk_core.errors import DomainError
from cprdesk_core.i18n import CONTENT_LANGUAGES, autonym
from cprdesk_core.packs import PackService
from cprdesk_desktop.errors import show_exception
from cprdesk_desktop.i18n import _, ngettext
from cprdesk_desktop.tasks import Task, run_task


class BriefingDialog(QDialog):
    """Makes briefing notes; the window stays responsive while the PDFs are written."""

    def __init__(self, db: Database, current_item: str | None, content_lang: str, prepared_by: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._packs = PackService(db)
        self._current_item = current_item
        self._task: Task | None = None
        self.written: list[Path] = []
        self._progress: QProgressDialog | None = None
        self.setWindowTitle(_("Briefing note"))
        self.resize(640, 640)

        self.source_current = QRadioButton(self)
        self.source_flagged = QRadioButton(self)
        self.source_pack = QRadioButton(self)
        self.source_all = QRadioButton(self)
        self.pack = QComboBox(self)
        group = QButtonGroup(self)
        for button in (self.source_current, self.source_flagged, self.source_pack, self.source_all):
            group.addButton(button)
        items_box = QGroupBox(_("Items"), self)
        items_layout = QGridLayout(items_box)
        items_layout.addWidget(self.source_current, 0, 0, 1, 2)
        items_layout.addWidget(self.source_flagged, 1, 0, 1, 2)
        items_layout.addWidget(self.source_pack, 2, 0)
        items_layout.addWidget(self.pack, 2, 1)
        items_layout.addWidget(self.source_all, 3, 0, 1, 2)

        self.languages: dict[str, QCheckBox] = {}
        langs_box = QGroupBox(_("Languages"), self)
        langs_layout = QGridLayout(langs_box)
        for i, lang in enumerate(CONTENT_LANGUAGES):
            box = QCheckBox(autonym(lang), self)
            box.setChecked(lang == content_lang)
            self.languages[lang] = box
            langs_layout.addWidget(box, i // 3, i % 3)
        self.all_languages = QPushButton(_("All six"), self)
        self.all_languages.clicked.connect(lambda: [b.setChecked(True) for b in self.languages.values()])
        langs_layout.addWidget(self.all_languages, 2, 0)
        self.second_lang = QComboBox(self)
        self.second_lang.addItem(_("No second language"), None)
        for lang in CONTENT_LANGUAGES:
            self.second_lang.addItem(autonym(lang), lang)
        langs_layout.addWidget(QLabel(_("Side by side with:"), self), 2, 1)
        langs_layout.addWidget(self.second_lang, 2, 2)

        self.title = QLineEdit(self)
        self.meeting = QLineEdit(self)
        self.meeting_date = QDateEdit(self)
        self.meeting_date.setCalendarPopup(True)
        self.meeting_date.setMinimumDate(QDate(2000, 1, 1))
        self.meeting_date.setSpecialValueText(_("no date"))
        self.meeting_date.setDate(self.meeting_date.minimumDate())
        self.prepared_by = QLineEdit(prepared_by, self)
        self.cover_note = QPlainTextEdit(self)
        self.cover_note.setMaximumHeight(90)
        cover = QFormLayout()
        cover.addRow(_("Title:"), self.title)
        cover.addRow(_("Meeting:"), self.meeting)
        cover.addRow(_("Date of the meeting:"), self.meeting_date)
        cover.addRow(_("Prepared by:"), self.prepared_by)
        cover.addRow(_("Cover note:"), self.cover_note)

        self.folder = QLineEdit(self)
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        self.folder.setText(str(Path(documents) / "CPR Desk"))
        browse = QPushButton(_("Choose…"), self)
        browse.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel(_("Save in:"), self))
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)

        self.pack_name = QLineEdit(self)
        self.pack_name.setPlaceholderText(_("name of the pack"))
        save_pack = QPushButton(_("Save these items as a pack"), self)
        save_pack.clicked.connect(self._save_pack)
        pack_row = QHBoxLayout()
        pack_row.addWidget(self.pack_name, 1)
        pack_row.addWidget(save_pack)

        self.summary = QLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.preview_button = self.buttons.addButton(_("Preview"), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button = self.buttons.addButton(_("Export PDF"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.rejected.connect(self.reject)
        self.preview_button.clicked.connect(self.preview)
        self.export_button.clicked.connect(self.export)

        layout = QVBoxLayout(self)
        layout.addWidget(items_box)
        layout.addWidget(langs_box)
        layout.addLayout(cover)
        layout.addLayout(folder_row)
        layout.addLayout(pack_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

        for button in group.buttons():
            button.toggled.connect(lambda _on: self._update_summary())
        self.pack.currentIndexChanged.connect(self._pack_chosen)
        self._fill_packs()
        flagged = len(flagged_item_ids(db))
        self.source_current.setText(_("The current item"))
        self.source_current.setEnabled(current_item is not None)
        self.source_flagged.setText(
            ngettext("Items marked “include in briefing” ({n})", "Items marked “include in briefing” ({n})", flagged).format(n=flagged)
        )
        self.source_flagged.setEnabled(flagged > 0)
        self.source_pack.setText(_("A saved pack:"))
        self.source_all.setText(_("All actions and reforms"))
        (self.source_flagged if flagged else self.source_current if current_item else self.source_all).setChecked(True)
        self._update_summary()

    # -- choices ---------------------------------------------------------------
    def _fill_packs(self) -> None:
        self.pack.clear()
        for pack in self._packs.list():
            self.pack.addItem(pack.name, pack.name)
        self.source_pack.setEnabled(self.pack.count() > 0)
        self.pack.setEnabled(self.pack.count() > 0)

    def _pack_chosen(self, _index: int) -> None:
        name = self.pack.currentData()
        if not name:
            return
        pack = self._packs.get(name)
        self.source_pack.setChecked(True)
        self.title.setText(pack.title)
        self.meeting.setText(pack.meeting)
        self.cover_note.setPlainText(pack.cover_note)
        if pack.meeting_date:
            self.meeting_date.setDate(QDate.fromString(pack.meeting_date, "yyyy-MM-dd"))
        self.pack_name.setText(pack.name)

    def item_ids(self) -> list[str]:
        if self.source_current.isChecked() and self._current_item:
            return [self._current_item]
        if self.source_flagged.isChecked():
            return flagged_item_ids(self._db)
        if self.source_pack.isChecked() and self.pack.currentData():
            return list(self._packs.get(self.pack.currentData()).item_ids)
        if self.source_all.isChecked():
            return all_item_ids(self._db)
        return []

    def chosen_languages(self) -> list[str]:
        return [lang for lang, box in self.languages.items() if box.isChecked()]

    def cover(self) -> Cover:
        date = self.meeting_date.date()
        return Cover(
            title=self.title.text().strip(), meeting=self.meeting.text().strip(),
            meeting_date=None if date == self.meeting_date.minimumDate() else date.toString("yyyy-MM-dd"),
            prepared_by=self.prepared_by.text().strip(), cover_note=self.cover_note.toPlainText(),
        )

    def _update_summary(self) -> None:
        n = len(self.item_ids())
        self.summary.setText(ngettext("{n} item in the note.", "{n} items in the note.", n).format(n=n))

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Save the briefing notes in"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def _save_pack(self) -> None:
        try:
            cover = self.cover()
            self._packs.save(
                self.pack_name.text(), self.item_ids(), title=cover.title, meeting=cover.meeting,
                meeting_date=cover.meeting_date, cover_note=cover.cover_note,
            )
        except DomainError as exc:
            show_exception(self, exc)
            return
        name = " ".join(self.pack_name.text().split())
        self._fill_packs()
        self.pack.setCurrentIndex(self.pack.findData(name))

    # -- preview and export ----------------------------------------------------
    def _check(self) -> tuple[list[str], list[str]] | None:
        items, langs = self.item_ids(), self.chosen_languages()
        if not items:
            QMessageBox.information(self, _("Briefing note"), _("Choose at least one item for the briefing note."))
            return None
        if not langs:
            QMessageBox.information(self, _("Briefing note"), _("Choose at least one language."))
            return None
        return items, langs

    def preview(self) -> None:
        checked = self._check()
        if checked is None:
            return
        items, langs = checked
        db, cover, second = self._db, self.cover(), self.second_lang.currentData()
        target = Path(tempfile.mkdtemp(prefix="cprdesk-preview-")) / f"preview-{langs[0]}.pdf"

        def work(progress, cancelled):  # noqa: ANN001, ANN202 - runs on a worker thread
            progress(0, 1, langs[0])
            write_pdf(build_note(db, items, langs[0], cover, second), target)
            return target

        self._start(work, self._show_preview)

    def _show_preview(self, path: Path) -> None:
        from cprdesk_desktop.widgets.pdf_preview import PdfPreview

        PdfPreview(path, self).exec()

    def export(self) -> None:
        checked = self._check()
        if checked is None:
            return
        items, langs = checked
        folder = Path(self.folder.text().strip() or ".").expanduser()
        db, cover, second = self._db, self.cover(), self.second_lang.currentData()

        def work(progress, cancelled):  # noqa: ANN001, ANN202 - runs on a worker thread
            return export_briefings(db, items, langs, folder, cover, second, progress, cancelled)

        self._start(work, self._exported, total=len(langs))

    def _exported(self, paths: list[Path]) -> None:
        self.written = list(paths)
        self.summary.setText(
            ngettext("{n} PDF written to {folder}.", "{n} PDFs written to {folder}.", len(paths)).format(
                n=len(paths), folder=paths[0].parent if paths else ""
            )
        )

    def _start(self, work, on_done, total: int = 1) -> None:  # noqa: ANN001
        self.export_button.setEnabled(False)
        self.preview_button.setEnabled(False)
        progress = QProgressDialog(_("Writing the briefing notes…"), _("Cancel"), 0, total, self)
        progress.setWindowTitle(_("Briefing note"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)  # shown only if the work takes a while
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        self._progress = progress

        def done(result) -> None:  # noqa: ANN001
            self._finish()
            on_done(result)

        def failed(exc: BaseException) -> None:
            self._finish()
            if not isinstance(exc, Cancelled):
                show_exception(self, exc)

        def step(done_count: int, _total: int, lang: str) -> None:
            progress.setValue(done_count)
            if lang:
                progress.setLabelText(_("Writing the note in {language}…").format(language=autonym(lang)))

        self._task = run_task(work, done, failed, step)
        progress.canceled.connect(self._task.cancel)

    def _finish(self) -> None:
        if self._progress is not None:
            self._progress.reset()
            self._progress.deleteLater()
            self._progress = None
        self._task = None
        self.export_button.setEnabled(True)
        self.preview_button.setEnabled(True)

    def busy(self) -> bool:
        return self._task is not None
