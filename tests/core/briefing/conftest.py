"""Fixtures for the briefing-note tests: rendering notes and reading the PDFs back."""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")

# A few labels in Arabic and Chinese, so that right-to-left labels are tested as users see them.
LABELS = {
    "ar": {
        "Unofficial working translation": "ترجمة عمل غير رسمية",
        "Page {page} of {pages}": "الصفحة {page} من {pages}",
        "Summary": "موجز",
        "Reference": "المرجع",
        "Footnotes": "الحواشي",
        "Annotation": "ملاحظة",
        "Meeting: {meeting}": "الاجتماع: {meeting}",
        "Prepared by: {name}": "من إعداد: {name}",
        "Language: {language}": "اللغة: {language}",
        "Status": "الحالة",
        "Not given": "غير مذكور",
        "Budget implications": "الآثار المترتبة في الميزانية",
    },
    "zh": {
        "Unofficial working translation": "非正式工作译文",
        "Page {page} of {pages}": "第 {page} 页，共 {pages} 页",
        "Summary": "摘要",
        "Footnotes": "脚注",
        "Status": "现状",
        "Not given": "未提供",
    },
}


class LabelTranslations(gettext.NullTranslations):
    """A gettext object with a handful of real labels; other msgids come back unchanged."""

    def __init__(self, labels: dict[str, str]) -> None:
        super().__init__()
        self.labels = labels

    def gettext(self, message: str) -> str:
        return self.labels.get(message, message)

    def pgettext(self, context: str, message: str) -> str:
        return self.labels.get(message, message)


def translations_for(lang: str) -> gettext.NullTranslations:
    return LabelTranslations(LABELS.get(lang, {}))


@pytest.fixture
def render_note(tmp_path: Path):
    """Render a note to a PDF file in a temporary folder and return its path."""
    from cprdesk_core.briefing.render import render_briefing

    def render(note, name: str = "note.pdf", translations=None) -> Path:
        out = tmp_path / name
        render_briefing(note, out, translations or translations_for(note.lang))
        return out

    return render


def normalize(text: str) -> str:
    """Drop bidi controls and zero-width characters; collapse whitespace to single spaces."""
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return re.sub(r"\s+", " ", text).strip()


def squeeze(text: str) -> str:
    """Drop every space too (Chinese lines break without one)."""
    return re.sub(r"\s+", "", normalize(text))


def printed(text: str) -> str:
    """What a note text looks like once printed: footnote markers become their labels."""
    return re.sub(r"\[\^([^\]\s]+)\]", r"\1", text)


def pdfminer_text(path: Path) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(str(path))


def pdfminer_lines(path: Path) -> list[list]:
    """Per page, the text lines pdfminer finds (LTTextLineHorizontal objects)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextBox, LTTextLineHorizontal

    pages = []
    for page in extract_pages(str(path)):
        lines = []
        for element in page:
            if isinstance(element, LTTextBox):
                lines.extend(line for line in element if isinstance(line, LTTextLineHorizontal))
        pages.append(lines)
    return pages


def poppler(tool: str, *args: str) -> str:
    """Run a poppler-utils tool (pdftotext, pdffonts...) or skip the test when it is missing."""
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} (poppler-utils) is not installed")
    result = subprocess.run([tool, *args], check=True, capture_output=True, text=True)
    return result.stdout


@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    """The sample note of each language, rendered once: {lang: (note, path)}."""
    from cprdesk_core.briefing.render import render_briefing
    from cprdesk_core.briefing.samples import sample_note

    folder = tmp_path_factory.mktemp("notes")
    notes = {}
    for lang in LANGUAGES:
        note = sample_note(lang)
        path = folder / f"{lang}.pdf"
        render_briefing(note, path, translations_for(lang))
        notes[lang] = (note, path)
    return notes


@pytest.fixture
def helpers():
    """The PDF-reading helpers, as a namespace."""

    class Helpers:
        pass

    for function in (normalize, squeeze, printed, pdfminer_text, pdfminer_lines, poppler, translations_for):
        setattr(Helpers, function.__name__, staticmethod(function))
    return Helpers
