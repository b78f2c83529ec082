"""The item view: an item's text in the content language, with other language versions side by side."""

from __future__ import annotations

import html

from PySide6.QtCore import QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextOption
from PySide6.QtWidgets import QSplitter, QTextBrowser, QTextEdit, QVBoxLayout, QWidget

from cprdesk_core.annotations.model import Quote

from cprdesk_core.corpus.reader import Item
from cprdesk_core.i18n import autonym, is_rtl
from cprdesk_core.services import CorpusReader
from cprdesk_desktop.i18n import _
from cprdesk_desktop.widgets.item_html import version_html


class ItemView(QWidget):
    """Shows one item in one or more languages, each in its own column with its own direction."""

    navigate_requested = Signal(str)
    annotate_requested = Signal(object)  # a Quote

    QUOTE_CONTEXT = 32  # characters kept on each side of a highlight to find it again

    def __init__(self, reader: CorpusReader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reader = reader
        self._item: Item | None = None
        self._languages: list[str] = ["zh"]
        self._quotes: list[Quote] = []
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
            browser.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            browser.customContextMenuRequested.connect(lambda pos, b=browser: self._context_menu(b, pos))
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
        self._apply_highlights()

    # -- highlights --------------------------------------------------------------
    def set_quotes(self, quotes: list[Quote]) -> None:
        """Show these highlights wherever their quoted text is found in their language's column."""
        self._quotes = list(quotes)
        self._apply_highlights()

    def _apply_highlights(self) -> None:
        colour = QColor("#fff3a0")
        for browser, lang in zip(self._browsers, self._languages, strict=False):
            selections = []
            for quote in self._quotes:
                if quote.lang != lang:
                    continue
                cursor = find_quote(browser.document(), quote)
                if cursor is None:
                    continue
                selection = QTextEdit.ExtraSelection()
                fmt = QTextCharFormat()
                fmt.setBackground(colour)
                selection.format = fmt
                selection.cursor = cursor
                selections.append(selection)
            browser.setExtraSelections(selections)

    def found_quotes(self) -> list[Quote]:
        """The highlights that were found in the text shown."""
        out = []
        for quote in self._quotes:
            for browser, lang in zip(self._browsers, self._languages, strict=False):
                if lang == quote.lang and find_quote(browser.document(), quote) is not None:
                    out.append(quote)
                    break
        return out

    def selected_quote(self) -> Quote | None:
        """The selected passage of whichever column has a selection, as a quote with context."""
        for browser, lang in zip(self._browsers, self._languages, strict=False):
            cursor = browser.textCursor()
            if browser.isVisible() and cursor.hasSelection():
                return quote_from_cursor(cursor, lang, self.QUOTE_CONTEXT)
        return None

    def _context_menu(self, browser: QTextBrowser, pos: QPoint) -> None:
        menu = browser.createStandardContextMenu(pos)
        action = menu.addAction(_("Annotate the selection"))
        lang = self._languages[self._browsers.index(browser)] if browser in self._browsers else "zh"
        cursor = browser.textCursor()
        action.setEnabled(cursor.hasSelection() and self._item is not None)
        action.triggered.connect(lambda: self.annotate_requested.emit(quote_from_cursor(cursor, lang, self.QUOTE_CONTEXT)))
        menu.exec(browser.viewport().mapToGlobal(pos))

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() == "item":
            self.navigate_requested.emit(url.path())
        elif url.hasFragment():
            sender = self.sender()
            if isinstance(sender, QTextBrowser):
                sender.scrollToAnchor(url.fragment())


def _plain(text: str) -> str:
    return text.replace("\u2029", "\n").replace("\u2028", "\n")


def _utf16_to_index(text: str, offset: int) -> int:
    """Qt counts positions in UTF-16 units; Python in code points (they differ past the BMP)."""
    return len(text.encode("utf-16-le")[: offset * 2].decode("utf-16-le", errors="ignore"))


def _index_to_utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def quote_from_cursor(cursor: QTextCursor, lang: str, context: int) -> Quote:
    full = _plain(cursor.document().toPlainText())
    start = _utf16_to_index(full, cursor.selectionStart())
    end = _utf16_to_index(full, cursor.selectionEnd())
    return Quote(lang, full[start:end], full[max(0, start - context) : start], full[end : end + context])


def find_quote(document, quote: Quote) -> QTextCursor | None:  # noqa: ANN001 - a QTextDocument
    """The quote's place in a document: the occurrence whose surroundings best match its prefix and suffix."""
    full = _plain(document.toPlainText())
    best, best_score = -1, -1
    start = full.find(quote.exact)
    while start >= 0 and quote.exact:
        before, after = full[:start], full[start + len(quote.exact) :]
        score = _common_suffix(before, quote.prefix) + _common_prefix(after, quote.suffix)
        if score > best_score:
            best, best_score = start, score
        start = full.find(quote.exact, start + 1)
    if best < 0:
        return None
    cursor = QTextCursor(document)
    cursor.setPosition(_index_to_utf16(full, best))
    cursor.setPosition(_index_to_utf16(full, best + len(quote.exact)), QTextCursor.MoveMode.KeepAnchor)
    return cursor


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


def _child_heading(label: str | None, heading: str) -> str:
    return f"{label} {heading}" if label else heading
