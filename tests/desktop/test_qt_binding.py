"""The Qt binding itself: a release that mishandles references would crash a long session, so catch it here."""

from __future__ import annotations

import sys


def test_void_calls_keep_none_alive(qapp) -> None:  # noqa: ANN001
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    before = sys.getrefcount(None)
    for _ in range(2000):
        document.setTextWidth(100)  # a method returning void
    # PySide6 6.12.0 under Python 3.11 loses one reference per call: -2000 here.
    assert sys.getrefcount(None) - before > -50


def test_pdf_viewer_is_available() -> None:
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView

    assert QPdfDocument and QPdfView
