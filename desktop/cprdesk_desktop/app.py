"""Composition root of the desktop app: builds the database, services, language and main window, then runs."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QLockFile, QSettings, QTimer
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from cprdesk_core.errors import N_, DomainError
from cprdesk_core.i18n import CONTENT_LANGUAGES, UI_LANGUAGES
from cprdesk_desktop import settings as keys
from cprdesk_desktop.errors import show_exception
from cprdesk_desktop.i18n import ui_language
from cprdesk_desktop.settings import Settings

APP_FONTS = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf", "NotoSansSC-Regular.ttf")
FONT_FAMILIES = ["Noto Sans", "Noto Sans SC", "Noto Naskh Arabic"]


def register_fonts() -> None:
    """Make the bundled fonts available so every script shows on any machine, then prefer them."""
    from cprdesk_resources import FONTS_DIR

    for name in APP_FONTS:
        path = FONTS_DIR / name
        if path.exists():
            QFontDatabase.addApplicationFont(str(path))
    font = QApplication.font()
    font.setFamilies(FONT_FAMILIES)
    QApplication.setFont(font)


def system_ui_language() -> str:
    name = QLocale.system().name().split("_")[0]
    return name if name in UI_LANGUAGES else "en"


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("CPR Desk")
    app.setOrganizationName("CPR Desk")
    app.setApplicationDisplayName("CPR Desk")
    return app  # type: ignore[return-value]


def settings_for(data_dir: Path) -> Settings:
    return Settings(QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat))


def build_main_window(app: QApplication, data_dir: Path, ui_lang: str | None = None, content_lang: str | None = None):  # noqa: ANN201
    """Open the database and build the main window (raises DomainError if the data cannot be opened)."""
    from cprdesk_core.database import open_database
    from cprdesk_core.services import CorpusReader
    from cprdesk_desktop.main_window import MainWindow

    settings = settings_for(data_dir)
    lang = ui_lang or settings.get(keys.UI_LANG) or system_ui_language()
    ui_language.install(app, lang)
    db = open_database(data_dir)
    reader = CorpusReader(db)
    content = content_lang or settings.get(keys.CONTENT_LANG)
    if content not in CONTENT_LANGUAGES:
        content = "zh"
    def make_hub():  # noqa: ANN202 - the notes, made after the first paint
        from cprdesk_core.annotations.service import AnnotationService
        from cprdesk_desktop.notes import NotesHub

        return NotesHub(AnnotationService(db))

    window = MainWindow(reader, make_hub, settings, content)

    def make_briefing_dialog(parent, current_item, lang, prepared_by):  # noqa: ANN001, ANN202
        from cprdesk_desktop.widgets.briefing_dialog import BriefingDialog

        return BriefingDialog(db, current_item, lang, prepared_by, parent)

    window.make_briefing_dialog = make_briefing_dialog

    def make_versions_view(parent, reviewer):  # noqa: ANN001, ANN202
        from cprdesk_desktop.widgets.versions_view import VersionsView

        return VersionsView(db, reviewer, parent)

    window.make_versions_view = make_versions_view
    window.check_ui_language(ui_language.lang)

    def switch_ui_language(new_lang: str) -> None:
        ui_language.install(app, new_lang)
        settings.set(keys.UI_LANG, new_lang)
        window.check_ui_language(new_lang)
        window.retranslate()

    window.ui_language_requested.connect(switch_ui_language)
    window.destroyed.connect(lambda *_: db.close())
    app.aboutToQuit.connect(db.close)
    return window


def acquire_instance_lock(data_dir: Path) -> QLockFile | None:
    """One app per data folder: a second one would fight over the same notes. None if another holds it.

    A lock left by a crashed app is recognised as stale (its process is gone) and taken over.
    """
    lock = QLockFile(str(data_dir / "cprdesk.lock"))
    return lock if lock.tryLock(200) else None


def run(data_dir: str | None = None, ui_lang: str | None = None, content_lang: str | None = None) -> int:
    from cprdesk_core.paths import resolve_data_dir

    app = create_application()
    register_fonts()
    try:
        folder = resolve_data_dir(data_dir)
        lock = acquire_instance_lock(folder)
        if lock is None:
            raise DomainError(N_("CPR Desk is already open with this data folder; switch to that window."))
        window = build_main_window(app, folder, ui_lang, content_lang)
    except DomainError as exc:
        ui_language.install(app, ui_lang or system_ui_language())
        show_exception(None, exc)
        return 1
    from cprdesk_resources import ICONS_DIR

    icon = ICONS_DIR / "cprdesk.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    # An exception escaping a slot reaches the user as a message, not only a console line.
    sys.excepthook = lambda _type, exc, _tb: show_exception(window, exc)
    window.show()
    QTimer.singleShot(0, window.restore_last_item)
    QTimer.singleShot(0, window.finish_startup)
    QTimer.singleShot(0, window.offer_drafts)
    status = app.exec()
    lock.unlock()
    return status
