"""The search panel: one box, filters by document, section and language, instant results with highlights."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from cprdesk_core.annotations.model import STANCE_LABELS, STANCES, AnnotationFilter
from cprdesk_core.annotations.service import AnnotationService
from cprdesk_core.i18n import CONTENT_LANGUAGES, autonym
from cprdesk_core.search import SearchFilters, SearchHit
from cprdesk_core.services import CorpusReader
from cprdesk_desktop.i18n import _, ngettext
from cprdesk_desktop.models.search_results import HighlightDelegate, HitRole, SearchResultsModel


class SearchPanel(QWidget):
    """Searches as the user types; activating a hit asks to open that item in that language."""

    hit_activated = Signal(str, str)  # item id, language
    results_updated = Signal(int)  # number of hits shown

    def __init__(self, reader: CorpusReader, notes: AnnotationService | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reader = reader
        self._notes = notes
        self._content_lang = "zh"
        self.query = QLineEdit(self)
        self.query.setClearButtonEnabled(True)
        self.document = QComboBox(self)
        self.section = QComboBox(self)
        self.language = QComboBox(self)
        self.note_filter = QComboBox(self)
        self.results = QListView(self)
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        self.results.setAlternatingRowColors(True)
        self.model = SearchResultsModel(self)
        self.results.setModel(self.model)
        self.results.setItemDelegate(HighlightDelegate(self.results))
        self.summary = QLabel(self)
        self._form = QFormLayout()
        self._document_label = QLabel(self)
        self._section_label = QLabel(self)
        self._language_label = QLabel(self)
        self._notes_label = QLabel(self)
        self._form.addRow(self._document_label, self.document)
        self._form.addRow(self._section_label, self.section)
        self._form.addRow(self._language_label, self.language)
        self._form.addRow(self._notes_label, self.note_filter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addLayout(self._form)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)
        # Coalesce fast typing into one query; a query itself takes about a millisecond.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(30)
        self._timer.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _text: self._timer.start())
        self.query.returnPressed.connect(self._activate_first)
        self.document.currentIndexChanged.connect(self._document_changed)
        self.section.currentIndexChanged.connect(lambda _i: self.run_search())
        self.language.currentIndexChanged.connect(lambda _i: self.run_search())
        self.note_filter.currentIndexChanged.connect(lambda _i: self.run_search())
        self.results.activated.connect(self._activate)
        self.results.clicked.connect(self._activate)
        self.retranslate()

    def set_content_language(self, lang: str) -> None:
        self._content_lang = lang
        self._fill_documents()

    def retranslate(self) -> None:
        self.query.setPlaceholderText(_("Search all documents and languages (Ctrl+F)"))
        self.query.setAccessibleName(_("Search"))
        self.results.setAccessibleName(_("Search results"))
        self._document_label.setText(_("Document:"))
        self._section_label.setText(_("Section:"))
        self._language_label.setText(_("Language:"))
        self.document.setAccessibleName(_("Filter by document"))
        self.section.setAccessibleName(_("Filter by section"))
        self.language.setAccessibleName(_("Filter by language"))
        self._notes_label.setText(_("My notes:"))
        self.note_filter.setAccessibleName(_("Filter by my notes"))
        self._fill_documents()
        self._fill_languages()
        self._fill_note_filter()
        self._update_summary()

    def _fill_documents(self) -> None:
        current = self.document.currentData()
        self.document.blockSignals(True)
        self.document.clear()
        self.document.addItem(_("All documents"), None)
        for doc in self._reader.documents(self._content_lang):
            self.document.addItem(doc.title, doc.id)
        index = self.document.findData(current) if current else 0
        self.document.setCurrentIndex(max(0, index))
        self.document.blockSignals(False)
        self._fill_sections()

    def _fill_sections(self) -> None:
        current = self.section.currentData()
        self.section.blockSignals(True)
        self.section.clear()
        self.section.addItem(_("All sections"), None)
        doc = self.document.currentData()
        if doc:
            for node in self._reader.sections(doc, self._content_lang):
                self.section.addItem(f"{node.label + ' ' if node.label else ''}{node.heading}", node.id)
        index = self.section.findData(current) if current else 0
        self.section.setCurrentIndex(max(0, index))
        self.section.setEnabled(doc is not None)
        self.section.blockSignals(False)

    def _fill_languages(self) -> None:
        current = self.language.currentData()
        self.language.blockSignals(True)
        self.language.clear()
        self.language.addItem(_("All languages"), None)
        for lang in CONTENT_LANGUAGES:
            self.language.addItem(autonym(lang), lang)
        index = self.language.findData(current) if current else 0
        self.language.setCurrentIndex(max(0, index))
        self.language.blockSignals(False)

    def _fill_note_filter(self) -> None:
        current = self.note_filter.currentData()
        self.note_filter.blockSignals(True)
        self.note_filter.clear()
        self.note_filter.addItem(_("Any item; my notes too"), None)
        self.note_filter.addItem(_("Only items with my notes"), "any")
        for code in STANCES:
            self.note_filter.addItem(_("My stance: {stance}").format(stance=_(STANCE_LABELS[code])), code)
        self.note_filter.addItem(_("Items without my notes"), "none")
        index = self.note_filter.findData(current) if current else 0
        self.note_filter.setCurrentIndex(max(0, index))
        self.note_filter.setVisible(self._notes is not None)
        self._notes_label.setVisible(self._notes is not None)
        self.note_filter.blockSignals(False)

    def _note_items(self) -> frozenset[str] | None:
        choice = self.note_filter.currentData()
        if self._notes is None or choice is None:
            return None
        if choice == "none":
            return None
        if choice == "any":
            return frozenset(self._notes.items_with_notes())
        return frozenset(n.item_id for n in self._notes.list(AnnotationFilter(stances=(choice,))))

    def _document_changed(self, _index: int) -> None:
        self._fill_sections()
        self.run_search()

    def filters(self) -> SearchFilters:
        lang = self.language.currentData()
        return SearchFilters(
            languages=(lang,) if lang else (),
            document_id=self.document.currentData(),
            section_id=self.section.currentData(),
            item_ids=self._note_items(),
        )

    def run_search(self) -> None:
        text = self.query.text()
        hits: list[SearchHit] = self._reader.search(text, self.filters()) if text.strip() else []
        choice = self.note_filter.currentData()
        if choice == "none" and self._notes is not None:
            with_notes = set(self._notes.items_with_notes())
            hits = [h for h in hits if h.item_id not in with_notes]
        if text.strip() and self._notes is not None and choice != "none":
            hits = self._note_hits(text) + hits
        self.model.set_hits(hits)
        self._update_summary()
        self.results_updated.emit(len(hits))

    def _note_hits(self, text: str) -> list[SearchHit]:
        """The user's own notes that contain the words, shown first."""
        from cprdesk_core.search import make_snippet, split_query

        terms = split_query(text)
        allowed = self._note_items()
        doc = self.document.currentData()
        out = []
        for uuid in self._notes.search_uuids(text):
            note = self._notes.get(uuid)
            if (allowed is not None and note.item_id not in allowed) or (doc and not note.item_id.startswith(doc + "/")):
                continue
            snippet, spans = make_snippet(note.body or " ".join(note.tags), terms)
            out.append(SearchHit(note.item_id, note.item_id.split("/", 1)[0], "note", None, "", None, snippet, spans))
        return out

    def _update_summary(self) -> None:
        if not self.query.text().strip():
            self.summary.setText("")
            return
        n = self.model.rowCount()
        self.summary.setText(ngettext("{n} result", "{n} results", n).format(n=n))

    def focus_query(self) -> None:
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()

    def _activate_first(self) -> None:
        if self.model.rowCount():
            index = self.model.index(0, 0)
            self.results.setCurrentIndex(index)
            self._activate(index)

    def _activate(self, index: QModelIndex) -> None:
        item_id = index.data(HitRole.ItemId)
        if item_id:
            self.hit_activated.emit(item_id, index.data(HitRole.Language))
