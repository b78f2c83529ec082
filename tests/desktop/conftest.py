"""GUI fixtures: the main window on a fresh copy of the database, in a chosen UI language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def type_text(qtbot):  # noqa: ANN001, ANN201
    """Type as a user does: ASCII as key presses, other scripts as an input method commits them."""
    import re

    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    def type_(widget, text: str) -> None:  # noqa: ANN001
        widget.setFocus()
        for chunk in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
            if chunk.isascii():
                qtbot.keyClicks(widget, chunk)
            else:
                event = QInputMethodEvent()
                event.setCommitString(chunk)
                QApplication.sendEvent(widget, event)

    return type_


@pytest.fixture
def make_window(qtbot, qapp, data_dir: Path) -> Callable:  # noqa: ANN001
    from cprdesk_desktop.app import build_main_window, register_fonts
    from cprdesk_desktop.i18n import ui_language

    register_fonts()
    windows = []

    def make(ui_lang: str = "en", content_lang: str = "zh"):  # noqa: ANN202
        window = build_main_window(qapp, data_dir, ui_lang, content_lang)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
        windows.append(window)
        return window

    yield make
    ui_language.install(qapp, "en")
