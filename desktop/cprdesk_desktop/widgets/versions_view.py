"""The language-versions window: a document's versions side by side, the checks' findings, review states, imports."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cprdesk_core.database import Database
from cprdesk_core.errors import DomainError
from cprdesk_core.i18n import CONTENT_LANGUAGES, autonym
from cprdesk_core.versions.checks import Finding
from cprdesk_core.versions.review import ReviewService
from cprdesk_core.versions.snapshot import load_snapshot
from cprdesk_desktop.errors import show_exception
from cprdesk_desktop.i18n import _, ngettext
from cprdesk_desktop.models.search_results import HighlightDelegate
from cprdesk_desktop.models.versions_table import VersionRole, VersionsTableModel
from cprdesk_desktop.widgets.item_html import isolate

SEVERITY_MARKS = {"error": "⛔", "warning": "⚠", "info": "ℹ"}
REVIEW_STATES = ("not_checked", "checked", "needs_revision")


def review_label(status: str) -> str:
    return {"not_checked": _("Not checked"), "checked": _("Checked"), "needs_revision": _("Needs revision")}[status]


class VersionsView(QWidget):
    """For translators: every version of a document aligned item by item, checked against each other."""

    def __init__(self, db: Database, reviewer: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._db = db
        self._reviews = ReviewService(db)
        self._reviewer = reviewer
        self._findings: list[Finding] = []
        self.setWindowTitle(_("CPR Desk — language versions"))
        self.resize(1400, 860)

        self.document = QComboBox(self)
        self.languages: dict[str, QCheckBox] = {lang: QCheckBox(autonym(lang), self) for lang in CONTENT_LANGUAGES}
        for box in self.languages.values():
            box.setChecked(True)
            box.toggled.connect(lambda _on: self.reload())
        self.import_button = QPushButton(_("Import a version…"), self)
        self.import_button.clicked.connect(self.import_version)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Document:"), self))
        top.addWidget(self.document, 1)
        for box in self.languages.values():
            top.addWidget(box)
        top.addWidget(self.import_button)
        self.progress = QLabel(self)
        self.progress.setWordWrap(True)

        self.model = VersionsTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setItemDelegate(HighlightDelegate(self.table, VersionRole.Html))
        self.table.setWordWrap(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setAccessibleName(_("Language versions side by side"))
        # Row heights follow the text; they are measured again when the columns change width.
        self.table.horizontalHeader().sectionResized.connect(lambda *_: self.table.resizeRowsToContents())

        self.status = QComboBox(self)
        for code in REVIEW_STATES:
            self.status.addItem(review_label(code), code)
        self.comment = QLineEdit(self)
        self.comment.setPlaceholderText(_("comment for this segment"))
        self.apply_review = QPushButton(_("Set review state"), self)
        self.apply_review.clicked.connect(self.set_review)
        review_row = QHBoxLayout()
        self.cell_label = QLabel(self)
        review_row.addWidget(self.cell_label, 1)
        review_row.addWidget(self.status)
        review_row.addWidget(self.comment, 2)
        review_row.addWidget(self.apply_review)

        self.findings = QListWidget(self)
        self.findings.setAccessibleName(_("Findings of the checks"))
        self.findings.itemActivated.connect(self._jump)
        self.findings.itemDoubleClicked.connect(self._jump)
        self.show_dismissed = QCheckBox(_("Show dismissed findings"), self)
        self.show_dismissed.toggled.connect(lambda _on: self._fill_findings())
        self.dismiss_button = QPushButton(_("Dismiss…"), self)
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        self.undismiss_button = QPushButton(_("Undo dismissal"), self)
        self.undismiss_button.clicked.connect(self.undismiss_selected)
        self.export_button = QPushButton(_("Export the findings…"), self)
        self.export_button.clicked.connect(self.export_findings)
        self.findings_label = QLabel(self)
        findings_box = QWidget(self)
        fl = QVBoxLayout(findings_box)
        fl.setContentsMargins(0, 0, 0, 0)
        fr = QHBoxLayout()
        fr.addWidget(self.findings_label, 1)
        fr.addWidget(self.show_dismissed)
        fr.addWidget(self.dismiss_button)
        fr.addWidget(self.undismiss_button)
        fr.addWidget(self.export_button)
        fl.addLayout(fr)
        fl.addWidget(self.findings, 1)

        table_box = QWidget(self)
        tl = QVBoxLayout(table_box)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.table, 1)
        tl.addLayout(review_row)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(table_box)
        splitter.addWidget(findings_box)
        splitter.setSizes([620, 220])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(splitter, 1)

        con = db.connection()
        for doc_id, title in con.execute(
            "SELECT d.id, t.title FROM corpus_document d JOIN corpus_document_text t ON t.document_id = d.id "
            "AND t.lang = 'zh' ORDER BY d.position"
        ):
            self.document.addItem(title, doc_id)
        self.document.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.selectionModel().currentChanged.connect(lambda current, _prev: self._cell_selected(current))
        self.reload()

    # -- data ---------------------------------------------------------------
    def document_id(self) -> str:
        return self.document.currentData()

    def chosen_languages(self, snapshot_langs: tuple[str, ...]) -> list[str]:
        return [lang for lang in CONTENT_LANGUAGES if self.languages[lang].isChecked() and lang in snapshot_langs]

    def reload(self) -> None:
        doc = self.document_id()
        if not doc:
            return
        snapshot = load_snapshot(self._db.connection(), doc)
        langs = self.chosen_languages(snapshot.languages)
        self._findings = self._reviews.findings([doc], include_dismissed=True)
        self.model.set_data(snapshot, langs, self._reviews.reviews(doc), self._findings)
        self.table.resizeRowsToContents()
        self._fill_findings()
        self._fill_progress()

    def _fill_progress(self) -> None:
        parts = []
        for p in self._reviews.progress(self.document_id()):
            parts.append(
                _("{language}: {checked} of {total} checked, {revision} need revision").format(
                    language=isolate(autonym(p.lang)), checked=p.checked, total=p.total, revision=p.needs_revision
                )
            )
        self.progress.setText(" · ".join(parts))

    def _fill_findings(self) -> None:
        self.findings.clear()
        shown = [f for f in self._findings if self.show_dismissed.isChecked() or not f.dismissed]
        open_count = sum(1 for f in self._findings if not f.dismissed)
        self.findings_label.setText(
            ngettext("{n} open finding", "{n} open findings", open_count).format(n=open_count)
        )
        for finding in shown:
            langs = ", ".join(isolate(autonym(lang)) for lang in finding.languages)
            text = f"{SEVERITY_MARKS.get(finding.severity, '')} {finding.item_id} · {langs} · {finding.message(_, autonym)}"
            if finding.dismissed:
                text += " — " + _("dismissed: {reason}").format(reason=finding.dismissal.reason)
            row = QListWidgetItem(text)
            row.setData(Qt.ItemDataRole.UserRole, finding)
            evidence = "\n".join(f"{autonym(lang)}: {value}" for lang, value in finding.evidence.items())
            row.setToolTip(evidence)
            if finding.dismissed:
                row.setForeground(Qt.GlobalColor.gray)
            self.findings.addItem(row)

    # -- navigation -----------------------------------------------------------
    def _jump(self, row: QListWidgetItem) -> None:
        finding: Finding = row.data(Qt.ItemDataRole.UserRole)
        self.select_cell(finding.item_id, finding.languages[0] if finding.languages else None)

    def select_cell(self, item_id: str, lang: str | None) -> None:
        r = self.model.row_of(item_id)
        langs = self.model.languages()
        c = langs.index(lang) if lang in langs else 0
        if r < 0 or not langs:
            return
        index = self.model.index(r, c)
        self.table.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _cell_selected(self, index) -> None:  # noqa: ANN001
        if not index.isValid():
            return
        item_id, lang = index.data(VersionRole.ItemId), index.data(VersionRole.Language)
        review = self._reviews.review(item_id, lang)
        self.cell_label.setText(f"{item_id} · {autonym(lang)}")
        self.status.setCurrentIndex(max(0, self.status.findData(review.status)))
        self.comment.setText(review.comment)

    # -- review and dismissals --------------------------------------------------
    def set_review(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        item_id, lang = index.data(VersionRole.ItemId), index.data(VersionRole.Language)
        try:
            self._reviews.set_review(item_id, lang, self.status.currentData(), self.comment.text(), self._reviewer)
        except DomainError as exc:
            show_exception(self, exc)
            return
        self.reload()
        self.select_cell(item_id, lang)

    def _selected_finding(self) -> Finding | None:
        row = self.findings.currentItem()
        return row.data(Qt.ItemDataRole.UserRole) if row else None

    def dismiss_selected(self) -> None:
        finding = self._selected_finding()
        if finding is None or finding.dismissed:
            return
        reason, ok = QInputDialog.getText(self, _("Dismiss the finding"), _("Why is this not a problem?"))
        if ok and reason.strip():
            self.dismiss(finding, reason.strip())

    def dismiss(self, finding: Finding, reason: str) -> None:
        try:
            self._reviews.dismiss(finding, reason, self._reviewer)
        except DomainError as exc:
            show_exception(self, exc)
            return
        self.reload()

    def undismiss_selected(self) -> None:
        finding = self._selected_finding()
        if finding is not None and finding.dismissed:
            self._reviews.undismiss(finding)
            self.reload()

    def export_findings(self) -> None:
        """The findings of this document as CSV (for a spreadsheet) or as a PDF report in the interface language."""
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        path, chosen = QFileDialog.getSaveFileName(
            self, _("Export the findings"), f"findings-{self.document_id()}.pdf", _("PDF report (*.pdf);;CSV table (*.csv)")
        )
        if path:
            self.write_findings(Path(path))

    def write_findings(self, path) -> None:  # noqa: ANN001 - a Path
        from cprdesk_core.versions.report import report_info, write_csv, write_pdf
        from cprdesk_desktop.i18n import ui_language

        info = report_info(self._db.connection(), ui_language.lang)
        try:
            if path.suffix.lower() == ".csv":
                write_csv(self._findings, path, info, ui_language.lang)
            else:
                write_pdf(self._findings, path.with_suffix(".pdf"), ui_language.lang, info)
        except (DomainError, OSError) as exc:
            show_exception(self, exc)

    # -- import -------------------------------------------------------------------
    def import_version(self) -> None:
        from cprdesk_desktop.widgets.import_dialog import ImportVersionDialog

        dialog = ImportVersionDialog(self._db, self.document_id(), self)
        if dialog.exec() == ImportVersionDialog.DialogCode.Accepted:
            self.reload()
