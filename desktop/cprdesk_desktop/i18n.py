"""The GUI's active language: gettext catalog, Qt's own translations, QLocale and layout direction."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from cprdesk_core.i18n import UI_LANGUAGES, is_rtl, translations

_QT_LOCALES = {"ar": "ar", "zh": "zh_CN", "en": "en", "fr": "fr", "ru": "ru", "es": "es"}


class UiLanguage:
    """Holds the current UI language; `_` and friends read from it."""

    def __init__(self) -> None:
        self.lang = "en"
        self._catalog = translations("en")
        self._qt_translators: list[QTranslator] = []

    def gettext(self, message: str) -> str:
        return self._catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalog.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self._catalog.pgettext(context, message)

    def install(self, app: QApplication, lang: str) -> None:
        """Switch the whole application to `lang`: catalog, Qt's dialogs, locale and direction."""
        if lang not in UI_LANGUAGES:
            lang = "en"
        self.lang = lang
        self._catalog = translations(lang)
        for old in self._qt_translators:
            app.removeTranslator(old)
        self._qt_translators = []
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for base in ("qtbase",):
            translator = QTranslator(app)
            if translator.load(f"{base}_{_QT_LOCALES[lang]}", folder):
                app.installTranslator(translator)
                self._qt_translators.append(translator)
        QLocale.setDefault(QLocale(_QT_LOCALES[lang]))
        app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if is_rtl(lang) else Qt.LayoutDirection.LeftToRight)


ui_language = UiLanguage()


def _(message: str) -> str:
    """Translate a UI string into the current UI language."""
    return ui_language.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return ui_language.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return ui_language.pgettext(context, message)
