"""The main window: contents tree and search on one side, the item view on the other, menus and status bar."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from cprdesk_desktop.notes import NotesHub
    from cprdesk_desktop.widgets.annotation_panel import AnnotationPanel
    from cprdesk_desktop.widgets.notes_view import NotesView
    from cprdesk_desktop.widgets.search_panel import SearchPanel

from cprdesk_core.errors import DomainError
from cprdesk_core.i18n import CONTENT_LANGUAGES, UI_LANGUAGES, autonym, display_ref
from cprdesk_core.services import CorpusReader
from cprdesk_desktop import settings as keys
from cprdesk_desktop.errors import show_exception
from cprdesk_desktop.i18n import _, ngettext
from cprdesk_desktop.models.corpus_tree import CorpusTreeModel, TreeRole
from cprdesk_desktop.settings import Settings
from cprdesk_desktop.widgets.item_html import provenance_label
from cprdesk_desktop.widgets.item_view import ItemView

ALL_LANGUAGES = "all"


class MainWindow(QMainWindow):
    """Browse and search the corpus; content and UI language are chosen independently."""

    ui_language_requested = Signal(str)

    def __init__(
        self,
        reader: CorpusReader,
        make_hub: Callable[[], NotesHub],
        settings: Settings,
        content_lang: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._reader = reader
        # The notes machinery (service, undo stack, panel) is made right after the first paint
        # (finish_startup) or when first needed, whichever comes first: start-up does not wait for it.
        self._make_hub = make_hub
        self._hub: NotesHub | None = None
        self._annotation_panel: AnnotationPanel | None = None
        self.make_briefing_dialog: Callable[..., QDialog] | None = None
        self.make_versions_view: Callable[..., QWidget] | None = None
        self._versions_view: QWidget | None = None
        self._settings = settings
        self.content_lang = content_lang
        second = settings.get(keys.SECOND_LANG)
        self.second_lang = second if second in (*CONTENT_LANGUAGES, ALL_LANGUAGES) else ""

        self.tree_model = CorpusTreeModel(reader, content_lang, self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.tree_model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)
        self.tree.selectionModel().currentChanged.connect(self._tree_current_changed)
        # The search panel is made the first time it is shown: start-up does not pay for it.
        self._search_panel: SearchPanel | None = None
        self._search_host = QWidget(self)
        QVBoxLayout(self._search_host).setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.tree, "")
        self.tabs.addTab(self._search_host, "")
        self._notes_view: NotesView | None = None
        self._notes_host = QWidget(self)
        QVBoxLayout(self._notes_host).setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self._notes_host, "")
        self.tabs.currentChanged.connect(self._tab_changed)
        self.item_view = ItemView(reader, self)
        self.item_view.navigate_requested.connect(self.open_item)
        self.item_view.annotate_requested.connect(self.annotate_quote)
        self._panel_placeholder = QWidget(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.item_view)
        self.splitter.addWidget(self._panel_placeholder)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setStretchFactor(2, 2)
        self.setCentralWidget(self.splitter)

        self.content_combo = QComboBox(self)
        self.second_combo = QComboBox(self)
        self.content_combo.currentIndexChanged.connect(self._content_combo_changed)
        self.second_combo.currentIndexChanged.connect(self._second_combo_changed)
        self._content_label = QLabel(self)
        self._second_label = QLabel(self)
        self.status_item = QLabel(self)
        self.statusBar().addPermanentWidget(self.status_item)

        self._actions: dict[str, QAction] = {}
        self._build_actions()
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("main-toolbar")
        self.toolbar.setMovable(False)
        style = self.style()
        self._actions["previous"].setIcon(style.standardIcon(style.StandardPixmap.SP_ArrowBack))
        self._actions["next"].setIcon(style.standardIcon(style.StandardPixmap.SP_ArrowForward))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.addAction(self._actions["previous"])
        self.toolbar.addAction(self._actions["next"])
        self.toolbar.addSeparator()
        self.toolbar.addWidget(self._content_label)
        self.toolbar.addWidget(self.content_combo)
        self.toolbar.addWidget(self._second_label)
        self.toolbar.addWidget(self.second_combo)
        self.addToolBar(self.toolbar)
        self.retranslate()
        self._apply_languages()
        self._restore_state()

    @property
    def hub(self) -> NotesHub:
        if self._hub is None:
            hub = self._make_hub()
            hub.setParent(self)
            hub.changed.connect(self._notes_changed)
            stack = hub.undo_stack
            stack.canUndoChanged.connect(self.undo_action.setEnabled)
            stack.canRedoChanged.connect(self.redo_action.setEnabled)
            stack.undoTextChanged.connect(self.undo_action.setToolTip)
            stack.redoTextChanged.connect(self.redo_action.setToolTip)
            self._hub = hub
            self.tree_model.set_note_counts(hub.service.items_with_notes())
        return self._hub

    @property
    def annotation_panel(self) -> AnnotationPanel:
        if self._annotation_panel is None:
            from cprdesk_desktop.widgets.annotation_panel import AnnotationPanel

            panel = AnnotationPanel(self.hub, self.ensure_profile, self)
            panel.history_requested.connect(self.show_history)
            sizes = self.splitter.sizes()
            self.splitter.replaceWidget(2, panel)
            self._panel_placeholder.deleteLater()
            self.splitter.setSizes(sizes)
            self._annotation_panel = panel
            panel.set_item(self.current_item_id())
        return self._annotation_panel

    def finish_startup(self) -> None:
        """What the first paint did not need: the notes (service, panel, tree markers)."""
        _ = self.annotation_panel
        if self.current_item_id():
            self._update_quotes()

    @property
    def search_panel(self) -> SearchPanel:
        if self._search_panel is None:
            from cprdesk_desktop.widgets.search_panel import SearchPanel

            panel = SearchPanel(self._reader, self.hub.service, self._search_host)
            panel.set_content_language(self.content_lang)
            panel.hit_activated.connect(self._open_hit)
            self._search_host.layout().addWidget(panel)
            self._search_panel = panel
        return self._search_panel

    @property
    def notes_view(self) -> NotesView:
        if self._notes_view is None:
            from cprdesk_desktop.widgets.notes_view import NotesView

            view = NotesView(self.hub, self._reader, self._notes_host)
            view.open_item_requested.connect(self.open_item)
            self._notes_host.layout().addWidget(view)
            self._notes_view = view
        return self._notes_view

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self._search_host:
            _ = self.search_panel
        elif self.tabs.widget(index) is self._notes_host:
            _ = self.notes_view

    # -- actions and menus ----------------------------------------------
    def _action(self, name: str, slot: Callable[[], None], shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(self)
        action.triggered.connect(lambda _checked=False: slot())
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        self._actions[name] = action
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self._action("quit", self.close, QKeySequence.StandardKey.Quit)
        self._actions["quit"].setShortcuts([QKeySequence("Ctrl+Q")])
        self._action("find", self.focus_search, QKeySequence.StandardKey.Find)
        self._action("contents", self.focus_tree, "Ctrl+T")
        self._action("previous", lambda: self.step(-1), "Alt+Left")
        self._action("next", lambda: self.step(1), "Alt+Right")
        self._action("fullscreen", self.toggle_full_screen, "F11")
        self._action("new_note", lambda: self.annotation_panel.new_note(), "Ctrl+Shift+N")
        self._action("annotate", self.annotate_selection, "Ctrl+Shift+H")
        self._action("save_note", lambda: self.annotation_panel.save(), QKeySequence.StandardKey.Save)
        self._action("history", lambda: self.annotation_panel.current_note and self.show_history(self.annotation_panel.current_note.uuid))
        self._action("notes", self.focus_notes, "Ctrl+Shift+L")
        self._action("profile", self.edit_profile)
        self.undo_action = self._action("undo", lambda: self.hub.undo_stack.undo(), QKeySequence.StandardKey.Undo)
        self.redo_action = self._action("redo", lambda: self.hub.undo_stack.redo(), QKeySequence.StandardKey.Redo)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self._action("briefing", self.open_briefing, QKeySequence.StandardKey.Print)
        self._action("versions", self.open_versions, "Ctrl+Shift+V")
        self._action("export_notes", self.export_notes)
        self._action("import_notes", self.import_notes)
        self._action("about", self.show_about)
        self._action("about_qt", QApplication.aboutQt)
        self._ui_group = QActionGroup(self)
        for lang in UI_LANGUAGES:
            action = QAction(autonym(lang), self)
            action.setCheckable(True)
            action.setData(lang)
            action.triggered.connect(lambda _c=False, lang=lang: self.ui_language_requested.emit(lang))
            self._ui_group.addAction(action)
        self._content_group = QActionGroup(self)
        for lang in CONTENT_LANGUAGES:
            action = QAction(autonym(lang), self)
            action.setCheckable(True)
            action.setData(lang)
            action.triggered.connect(lambda _c=False, lang=lang: self.set_content_language(lang))
            self._content_group.addAction(action)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        file_menu = bar.addMenu(_("&File"))
        file_menu.addAction(self._actions["briefing"])
        file_menu.addSeparator()
        file_menu.addAction(self._actions["export_notes"])
        file_menu.addAction(self._actions["import_notes"])
        file_menu.addSeparator()
        file_menu.addAction(self._actions["quit"])
        edit = bar.addMenu(_("&Edit"))
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        edit.addAction(self._actions["new_note"])
        edit.addAction(self._actions["annotate"])
        edit.addAction(self._actions["save_note"])
        edit.addAction(self._actions["history"])
        edit.addSeparator()
        edit.addAction(self._actions["profile"])
        view = bar.addMenu(_("&View"))
        content = QMenu(_("&Content language"), view)
        content.addActions(self._content_group.actions())
        view.addMenu(content)
        interface = QMenu(_("&Interface language"), view)
        interface.addActions(self._ui_group.actions())
        view.addMenu(interface)
        view.addSeparator()
        view.addAction(self._actions["versions"])
        view.addAction(self._actions["fullscreen"])
        go = bar.addMenu(_("&Go"))
        go.addAction(self._actions["previous"])
        go.addAction(self._actions["next"])
        go.addSeparator()
        go.addAction(self._actions["contents"])
        go.addAction(self._actions["find"])
        go.addAction(self._actions["notes"])
        help_menu = bar.addMenu(_("&Help"))
        help_menu.addAction(self._actions["about"])
        help_menu.addAction(self._actions["about_qt"])

    def retranslate(self) -> None:
        """Set every visible string in the current UI language."""
        a = self._actions
        a["quit"].setText(_("&Quit"))
        a["find"].setText(_("&Search…"))
        a["contents"].setText(_("C&ontents"))
        a["previous"].setText(_("&Previous item"))
        a["previous"].setToolTip(_("Previous item (Alt+Left)"))
        a["next"].setText(_("&Next item"))
        a["next"].setToolTip(_("Next item (Alt+Right)"))
        a["fullscreen"].setText(_("&Full screen"))
        a["new_note"].setText(_("&New note"))
        a["annotate"].setText(_("&Annotate the selection"))
        a["save_note"].setText(_("&Save note"))
        a["history"].setText(_("Note &history…"))
        a["notes"].setText(_("&All notes"))
        a["profile"].setText(_("Your &profile…"))
        self.undo_action.setText(_("&Undo"))
        self.redo_action.setText(_("&Redo"))
        a["briefing"].setText(_("&Briefing note…"))
        a["versions"].setText(_("&Language versions…"))
        a["export_notes"].setText(_("&Export notes…"))
        a["import_notes"].setText(_("&Import notes…"))
        a["about"].setText(_("&About CPR Desk"))
        a["about_qt"].setText(_("About &Qt"))
        self._build_menus()
        self.tabs.setTabText(0, _("Contents"))
        self.tabs.setTabText(1, _("Search"))
        self.tabs.setTabText(2, _("Notes"))
        self.tree.setAccessibleName(_("Contents"))
        self.toolbar.setWindowTitle(_("Navigation"))
        self._content_label.setText(_("Text:") + " ")
        self._second_label.setText(" " + _("Beside it:") + " ")
        self.content_combo.setAccessibleName(_("Content language"))
        self.second_combo.setAccessibleName(_("Second language"))
        self._fill_language_combos()
        if self._search_panel is not None:
            self._search_panel.retranslate()
        if self._notes_view is not None:
            self._notes_view.retranslate()
        if self._annotation_panel is not None:
            self._annotation_panel.retranslate()
        self.item_view.retranslate()
        self._update_title()
        self._update_status()

    def _fill_language_combos(self) -> None:
        for combo in (self.content_combo, self.second_combo):
            combo.blockSignals(True)
            combo.clear()
        self.second_combo.addItem(_("No second language"), "")
        for lang in CONTENT_LANGUAGES:
            self.content_combo.addItem(autonym(lang), lang)
            self.second_combo.addItem(autonym(lang), lang)
        self.second_combo.addItem(_("All six languages"), ALL_LANGUAGES)
        self.content_combo.setCurrentIndex(max(0, self.content_combo.findData(self.content_lang)))
        self.second_combo.setCurrentIndex(max(0, self.second_combo.findData(self.second_lang)))
        for combo in (self.content_combo, self.second_combo):
            combo.blockSignals(False)

    def check_ui_language(self, lang: str) -> None:
        for action in self._ui_group.actions():
            action.setChecked(action.data() == lang)

    # -- languages -------------------------------------------------------
    def set_content_language(self, lang: str) -> None:
        if lang not in CONTENT_LANGUAGES:
            return
        current = self.current_item_id()
        self.content_lang = lang
        self._settings.set(keys.CONTENT_LANG, lang)
        self.tree_model.set_language(lang)
        if self._search_panel is not None:
            self._search_panel.set_content_language(lang)
        self._fill_language_combos()
        self._apply_languages()
        if current:
            self.open_item(current)

    def set_second_language(self, value: str) -> None:
        self.second_lang = value
        self._settings.set(keys.SECOND_LANG, value)
        self._fill_language_combos()
        self._apply_languages()

    def _apply_languages(self) -> None:
        for action in self._content_group.actions():
            action.setChecked(action.data() == self.content_lang)
        if self.second_lang == ALL_LANGUAGES:
            langs = [self.content_lang, *(lang for lang in CONTENT_LANGUAGES if lang != self.content_lang)]
        elif self.second_lang and self.second_lang != self.content_lang:
            langs = [self.content_lang, self.second_lang]
        else:
            langs = [self.content_lang]
        self.item_view.set_languages(langs)
        self._update_status()

    def _content_combo_changed(self, _index: int) -> None:
        lang = self.content_combo.currentData()
        if lang and lang != self.content_lang:
            self.set_content_language(lang)

    def _second_combo_changed(self, _index: int) -> None:
        value = self.second_combo.currentData()
        if value is not None and value != self.second_lang:
            self.set_second_language(value)

    # -- navigation ------------------------------------------------------
    def current_item_id(self) -> str | None:
        return self.item_view.item.id if self.item_view.item else None

    def _show(self, item_id: str) -> bool:
        try:
            self.item_view.show_item(item_id)
        except DomainError as exc:
            show_exception(self, exc)
            return False
        self.annotation_panel.set_item(item_id)
        self._update_quotes()
        return True

    def _update_quotes(self) -> None:
        item = self.item_view.item
        notes = self.hub.service.for_item(item.id) if item else []
        self.item_view.set_quotes([n.quote for n in notes if n.quote])

    def _notes_changed(self, item_id: str, _uuid: str) -> None:
        self.tree_model.set_note_counts(self.hub.service.items_with_notes())
        if self.current_item_id() == item_id:
            self._update_quotes()

    def open_item(self, item_id: str) -> None:
        """Show an item and select it in the contents tree."""
        if not self._show(item_id):
            return
        index = self.tree_model.index_for_id(item_id)
        if index.isValid():
            self.tree.selectionModel().blockSignals(True)
            self.tree.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.tree.selectionModel().blockSignals(False)
            self.tree.scrollTo(index)
        self._settings.set(keys.LAST_ITEM, item_id)
        self._update_status()

    def _tree_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item_id = current.data(TreeRole.ItemId)
        if not item_id:
            return
        if current.data(TreeRole.Kind) == "document":
            self.tree.expand(current)
            return
        if not self._show(item_id):
            return
        self._settings.set(keys.LAST_ITEM, item_id)
        self._update_status()

    def step(self, direction: int) -> None:
        current = self.current_item_id()
        if current is None:
            first = self.tree_model.index(0, 0)
            if self.tree_model.canFetchMore(first):
                self.tree_model.fetchMore(first)
            child = self.tree_model.index(0, 0, first)
            if child.isValid():
                self.open_item(child.data(TreeRole.ItemId))
            return
        target = self._reader.neighbour(current, direction)
        if target:
            self.open_item(target)
        else:
            self.statusBar().showMessage(_("This is the last item.") if direction > 0 else _("This is the first item."), 3000)

    def _open_hit(self, item_id: str, lang: str) -> None:
        if lang and lang != self.content_lang and lang not in self.item_view.languages:
            self.set_content_language(lang)
        self.open_item(item_id)

    def annotate_selection(self) -> None:
        quote = self.item_view.selected_quote()
        if quote is None:
            self.statusBar().showMessage(_("Select text in the item first."), 3000)
            return
        self.annotate_quote(quote)

    def annotate_quote(self, quote) -> None:  # noqa: ANN001 - a cprdesk_core.annotations.model.Quote
        if self.item_view.item is None:
            return
        self.annotation_panel.annotate_quote(quote)

    def ensure_profile(self) -> bool:
        """Ask once who writes the notes; False if the user declines."""
        if self.hub.service.profile() is not None:
            return True
        return self.edit_profile()

    def edit_profile(self) -> bool:
        from cprdesk_desktop.dialogs import ProfileDialog

        current = self.hub.service.profile()
        dialog = ProfileDialog(self, current.name if current else "", current.delegation if current else "")
        if dialog.exec() != ProfileDialog.DialogCode.Accepted:
            return False
        try:
            self.hub.service.set_profile(dialog.name.text(), dialog.delegation.text())
        except DomainError as exc:
            show_exception(self, exc)
            return False
        return True

    def show_history(self, uuid: str) -> None:
        from cprdesk_desktop.dialogs import HistoryDialog

        self.annotation_panel.save()
        dialog = HistoryDialog(self.hub.service.revisions(uuid), self)
        if dialog.exec() == HistoryDialog.DialogCode.Accepted and dialog.selected() is not None:
            self.hub.restore_revision(uuid, dialog.selected().id)

    def offer_drafts(self) -> None:
        """After a crash: give back the text that was being typed."""
        from cprdesk_desktop.dialogs import DraftRecoveryDialog

        service = self.hub.service
        pending = []
        for draft in service.drafts():
            try:
                note = service.get(draft.annotation_uuid) if draft.annotation_uuid else None
            except DomainError:
                note = None
            if note is not None and note.body == draft.body:
                service.discard_draft(draft.key)
            else:
                pending.append(draft)
        if not pending:
            return
        dialog = DraftRecoveryDialog(pending, self)
        chosen = dialog.checked() if dialog.exec() == DraftRecoveryDialog.DialogCode.Accepted else []
        for draft in chosen:
            try:
                if draft.annotation_uuid:
                    service.get(draft.annotation_uuid)
                    self.hub.update(draft.annotation_uuid, body=draft.body)
                else:
                    self.hub.create(draft.item_id, body=draft.body)
            except DomainError:
                self.hub.create(draft.item_id, body=draft.body)
        for draft in pending:
            service.discard_draft(draft.key)
        if chosen:
            self.open_item(chosen[-1].item_id)

    def open_briefing(self) -> None:
        """The briefing dialog, for the current item, the flagged items, a pack or everything."""
        if self.make_briefing_dialog is None:
            return
        self.annotation_panel.save()
        profile = self.hub.service.profile()
        prepared_by = ", ".join(p for p in (profile.name, profile.delegation) if p) if profile else ""
        self.make_briefing_dialog(self, self.current_item_id(), self.content_lang, prepared_by).exec()

    def export_notes(self) -> None:
        """Write all notes with their history to a bundle a colleague can import."""
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        from cprdesk_core.annotations import bundle

        self.annotation_panel.save()
        path, _chosen = QFileDialog.getSaveFileName(
            self, _("Export notes"), "cprdesk-notes.zip", _("Note bundles (*.zip *.json)")
        )
        if not path:
            return
        try:
            summary = bundle.export(self.hub.service._db, Path(path))  # noqa: SLF001 - the service's own database
        except DomainError as exc:
            show_exception(self, exc)
            return
        self.statusBar().showMessage(
            ngettext("{n} note exported to {path}.", "{n} notes exported to {path}.", summary.notes).format(
                n=summary.notes, path=summary.path
            ),
            8000,
        )

    def import_notes(self) -> None:
        """Merge a colleague's bundle; conflicts keep both versions and are reported."""
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        from cprdesk_core.annotations import bundle

        self.annotation_panel.save()
        path, _chosen = QFileDialog.getOpenFileName(self, _("Import notes"), "", _("Note bundles (*.zip *.json)"))
        if not path:
            return
        self.import_bundle_file(Path(path))

    def import_bundle_file(self, path) -> None:  # noqa: ANN001 - a Path
        from cprdesk_core.annotations import bundle

        try:
            report = bundle.import_bundle(self.hub.service._db, path)  # noqa: SLF001 - the service's own database
        except DomainError as exc:
            show_exception(self, exc)
            return
        self.hub.undo_stack.clear()  # the imported history is not an edit of this session
        self.tree_model.set_note_counts(self.hub.service.items_with_notes())
        if self.current_item_id():
            self.annotation_panel.set_item(None)
            self.open_item(self.current_item_id() or "")
        if self._notes_view is not None:
            self._notes_view.refresh()
        lines = [
            _("{added} added, {updated} updated, {unchanged} unchanged.").format(
                added=report.added, updated=report.updated, unchanged=report.unchanged
            )
        ]
        if report.conflicts:
            lines.append(
                ngettext(
                    "{n} note was changed both here and in the file: both versions are kept, the file's marked as a conflict copy.",
                    "{n} notes were changed both here and in the file: both versions are kept, the file's marked as conflict copies.",
                    len(report.conflicts),
                ).format(n=len(report.conflicts))
            )
        if report.detached:
            lines.append(
                ngettext(
                    "{n} note is on an item this corpus does not have; it is kept as detached.",
                    "{n} notes are on items this corpus does not have; they are kept as detached.",
                    len(report.detached),
                ).format(n=len(report.detached))
            )
        self.last_import_summary = "\n".join(lines)
        QMessageBox.information(self, _("Import notes"), self.last_import_summary)

    def open_versions(self) -> None:
        """The translators' window: every version side by side, with the checks and review states."""
        if self.make_versions_view is None:
            return
        profile = self.hub.service.profile()
        view = self.make_versions_view(self, profile.name if profile else "")
        view.show()
        self._versions_view = view  # keep it alive while open

    def focus_notes(self) -> None:
        view = self.notes_view
        self.tabs.setCurrentWidget(self._notes_host)
        view.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_search(self) -> None:
        panel = self.search_panel
        self.tabs.setCurrentWidget(self._search_host)
        panel.focus_query()

    def focus_tree(self) -> None:
        self.tabs.setCurrentWidget(self.tree)
        self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def toggle_full_screen(self) -> None:
        self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            _("About CPR Desk"),
            _(
                "CPR Desk is an offline reader for documents of UNEP's Committee of Permanent Representatives. "
                "The Chinese texts are the official source; the other languages are unofficial working translations."
            ),
        )

    # -- status and title -----------------------------------------------
    def _update_title(self) -> None:
        item = self.item_view.item
        if item is None:
            self.setWindowTitle(_("CPR Desk"))
            return
        ref = display_ref(item.kind, item.ref, item.label, self.content_lang)
        self.setWindowTitle(_("CPR Desk — {reference}").format(reference=ref or item.id))

    def _update_status(self) -> None:
        item = self.item_view.item
        self._update_title()
        if item is None:
            self.status_item.setText(_("Text in {language}").format(language=autonym(self.content_lang)))
            return
        version = item.version(self.content_lang)
        provenance = provenance_label(version.provenance) if version else _("no text in this language")
        self.status_item.setText(f"{item.id} · {autonym(self.content_lang)} · {provenance}")

    # -- window state ----------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self._settings.get(keys.WINDOW_GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)
        state = self._settings.get(keys.WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)
        splitter = self._settings.get(keys.SPLITTER_STATE)
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        else:
            width = self.width()
            self.splitter.setSizes([width * 3 // 10, width * 7 // 10])

    def restore_last_item(self) -> None:
        last = self._settings.get(keys.LAST_ITEM)
        if not last:
            return
        try:
            self._reader.node(last, self.content_lang)
        except DomainError:
            return  # the corpus changed and the item is gone: start at the top
        self.open_item(last)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._annotation_panel is not None:
            self._annotation_panel.save()
        self._settings.set(keys.WINDOW_GEOMETRY, self.saveGeometry())
        self._settings.set(keys.WINDOW_STATE, self.saveState())
        self._settings.set(keys.SPLITTER_STATE, self.splitter.saveState())
        self._settings.sync()
        super().closeEvent(event)
