"""The main window: contents tree and search on one side, the item view on the other, menus and status bar."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
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
    from cprdesk_desktop.widgets.search_panel import SearchPanel

from cprdesk_core.errors import DomainError
from cprdesk_core.i18n import CONTENT_LANGUAGES, UI_LANGUAGES, autonym, display_ref
from cprdesk_core.services import CorpusReader
from cprdesk_desktop import settings as keys
from cprdesk_desktop.errors import show_exception
from cprdesk_desktop.i18n import _
from cprdesk_desktop.models.corpus_tree import CorpusTreeModel, TreeRole
from cprdesk_desktop.settings import Settings
from cprdesk_desktop.widgets.item_html import provenance_label
from cprdesk_desktop.widgets.item_view import ItemView

ALL_LANGUAGES = "all"


class MainWindow(QMainWindow):
    """Browse and search the corpus; content and UI language are chosen independently."""

    ui_language_requested = Signal(str)

    def __init__(self, reader: CorpusReader, settings: Settings, content_lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reader = reader
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
        self.tabs.currentChanged.connect(self._tab_changed)
        self.item_view = ItemView(reader, self)
        self.item_view.navigate_requested.connect(self.open_item)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.item_view)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
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
    def search_panel(self) -> SearchPanel:
        if self._search_panel is None:
            from cprdesk_desktop.widgets.search_panel import SearchPanel

            panel = SearchPanel(self._reader, self._search_host)
            panel.set_content_language(self.content_lang)
            panel.hit_activated.connect(self._open_hit)
            self._search_host.layout().addWidget(panel)
            self._search_panel = panel
        return self._search_panel

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self._search_host:
            _ = self.search_panel

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
        file_menu.addAction(self._actions["quit"])
        view = bar.addMenu(_("&View"))
        content = QMenu(_("&Content language"), view)
        content.addActions(self._content_group.actions())
        view.addMenu(content)
        interface = QMenu(_("&Interface language"), view)
        interface.addActions(self._ui_group.actions())
        view.addMenu(interface)
        view.addSeparator()
        view.addAction(self._actions["fullscreen"])
        go = bar.addMenu(_("&Go"))
        go.addAction(self._actions["previous"])
        go.addAction(self._actions["next"])
        go.addSeparator()
        go.addAction(self._actions["contents"])
        go.addAction(self._actions["find"])
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
        a["about"].setText(_("&About CPR Desk"))
        a["about_qt"].setText(_("About &Qt"))
        self._build_menus()
        self.tabs.setTabText(0, _("Contents"))
        self.tabs.setTabText(1, _("Search"))
        self.tree.setAccessibleName(_("Contents"))
        self.toolbar.setWindowTitle(_("Navigation"))
        self._content_label.setText(_("Text:") + " ")
        self._second_label.setText(" " + _("Beside it:") + " ")
        self.content_combo.setAccessibleName(_("Content language"))
        self.second_combo.setAccessibleName(_("Second language"))
        self._fill_language_combos()
        if self._search_panel is not None:
            self._search_panel.retranslate()
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

    def open_item(self, item_id: str) -> None:
        """Show an item and select it in the contents tree."""
        try:
            self.item_view.show_item(item_id)
        except DomainError as exc:
            show_exception(self, exc)
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
        try:
            self.item_view.show_item(item_id)
        except DomainError as exc:
            show_exception(self, exc)
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
        if lang != self.content_lang and lang not in self.item_view.languages:
            self.set_content_language(lang)
        self.open_item(item_id)

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
        self._settings.set(keys.WINDOW_GEOMETRY, self.saveGeometry())
        self._settings.set(keys.WINDOW_STATE, self.saveState())
        self._settings.set(keys.SPLITTER_STATE, self.splitter.saveState())
        self._settings.sync()
        super().closeEvent(event)
