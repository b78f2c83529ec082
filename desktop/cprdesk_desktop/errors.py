"""The one place where an exception becomes what the user sees."""

from __future__ import annotations

import logging
import traceback

from PySide6.QtWidgets import QMessageBox, QWidget

from cprdesk_core.errors import DomainError
from cprdesk_desktop.i18n import _

log = logging.getLogger("cprdesk")


def show_exception(parent: QWidget | None, exc: BaseException) -> None:
    """A DomainError shows its sentence; anything else is logged and shown with details."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("CPR Desk"))
    if isinstance(exc, DomainError):
        box.setText(exc.translated(_))
    else:
        log.error("unexpected error", exc_info=exc)
        box.setText(_("Something went wrong. Nothing you wrote has been lost."))
        box.setDetailedText("".join(traceback.format_exception(exc)))
    box.exec()
