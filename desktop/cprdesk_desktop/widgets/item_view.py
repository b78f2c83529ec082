"""The item view: an item's text in the content language, with other language versions side by side."""

from __future__ import annotations

import html

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QSplitter, QTextBrowser, QVBoxLayout, QWidget

from cprdesk_core.corpus.reader import Item
from cprdesk_core.i18n import autonym, is_rtl
from cprdesk_core.services import CorpusReader
from cprdesk_desktop.i18n import _
from cprdesk_desktop.widgets.item_html import version_html


class ItemView(QWidget):
    """Shows one item in one or more languages, each in its own column with its own direction."""

    navigate_requested = Signal(str)

    def __init__(self, reader: CorpusReader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reader = reader
        self._item: Item | None = None
        self._languages: list[str] = ["zh"]
        self._splitter = QSplitter(self)
        self._splitter.setChildrenCollapsible(False)
        self._browsers: list[QTextBrowser] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._splitter)
        self._ensure_browsers(1)
        self.retranslate()

    @property
    def item(self) -> Item | None:
        return self._item

    @property
    def languages(self) -> list[str]:
        return list(self._languages)

    def browsers(self) -> list[QTextBrowser]:
        return [b for b in self._browsers if not b.isHidden()]

    def _ensure_browsers(self, count: int) -> None:
        while len(self._browsers) < count:
            browser = QTextBrowser(self._splitter)
            browser.setOpenLinks(False)
            browser.anchorClicked.connect(self._on_anchor)
            self._splitter.addWidget(browser)
            self._browsers.append(browser)
        for i, browser in enumerate(self._browsers):
            browser.setVisible(i < count)

    def set_languages(self, languages: list[str]) -> None:
        self._languages = list(dict.fromkeys(languages)) or ["zh"]
        self._ensure_browsers(len(self._languages))
        self._render()

    def show_item(self, item_id: str) -> None:
        self._item = self._reader.item(item_id)
        self._render()

    def clear(self) -> None:
        self._item = None
        self._render()

    def retranslate(self) -> None:
        self._render()

    def _render(self) -> None:
        item = self._item
        labels = self._reader.document_labels(item.document_id) if item else {}
        children: list[tuple[str, str]] = []
        for browser, lang in zip(self._browsers, self._languages, strict=False):
            rtl = is_rtl(lang)
            option = QTextOption()
            option.setTextDirection(self.layoutDirection().RightToLeft if rtl else self.layoutDirection().LeftToRight)
            browser.document().setDefaultTextOption(option)
            browser.setAccessibleName(_("Text in {language}").format(language=autonym(lang)))
            if item is None:
                hint = html.escape(_("Choose an item in the contents or search for one."))
                browser.setHtml(f"<p style='color:#666'>{hint}</p>")
                continue
            if item.kind in ("part", "section", "subsection"):
                children = [(n.id, _child_heading(n.label, n.heading)) for n in self._reader.children(item.document_id, item.id, lang)]
            else:
                children = []
            breadcrumb = [
                _child_heading(n.label, n.heading)
                for n in (self._reader.node(ancestor, lang) for ancestor in item.path)
            ]
            browser.setHtml(version_html(item, lang, labels, children, breadcrumb))

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() == "item":
            self.navigate_requested.emit(url.path())
        elif url.hasFragment():
            sender = self.sender()
            if isinstance(sender, QTextBrowser):
                sender.scrollToAnchor(url.fragment())


def _child_heading(label: str | None, heading: str) -> str:
    return f"{label} {heading}" if label else heading
