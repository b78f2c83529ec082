"""Gettext catalogs for the six UN languages, language autonyms and locale formatting through Babel/CLDR."""

from __future__ import annotations

import gettext
from functools import lru_cache
from pathlib import Path

UI_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
# The order the UN lists its official languages in (English alphabetical).
CONTENT_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
RTL_LANGUAGES = frozenset({"ar"})
BABEL_LOCALES = {"ar": "ar", "zh": "zh_Hans_CN", "en": "en", "fr": "fr", "ru": "ru", "es": "es"}


def _catalog_paths(lang: str) -> tuple[Path, Path]:
    from cprdesk_i18n import CATALOG_DIR, DOMAIN

    folder = CATALOG_DIR / lang / "LC_MESSAGES"
    return folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"


def _compile(po_path: Path, mo_path: Path) -> bytes:
    """Compile a .po catalog with Babel (used when no up-to-date .mo is installed)."""
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path.open("rb") as fh:
        catalog = read_po(fh)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    data = buffer.getvalue()
    try:
        mo_path.write_bytes(data)
    except OSError:
        pass  # a read-only install: use the compiled bytes from memory
    return data


@lru_cache(maxsize=None)
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog for `lang` (English source strings when there is none)."""
    if lang not in UI_LANGUAGES:
        return gettext.NullTranslations()
    po_path, mo_path = _catalog_paths(lang)
    if mo_path.exists() and (not po_path.exists() or mo_path.stat().st_mtime >= po_path.stat().st_mtime):
        with mo_path.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    if po_path.exists():
        import io

        return gettext.GNUTranslations(io.BytesIO(_compile(po_path, mo_path)))
    return gettext.NullTranslations()


def babel_locale(lang: str) -> str:
    return BABEL_LOCALES.get(lang, "en")


# The six languages' names for themselves as CLDR gives them (capitalised for use on
# their own, as in a menu); a test keeps this table equal to Babel's CLDR data, and
# having it here spares start-up from loading six locales.
AUTONYMS = {"ar": "العربية", "zh": "中文", "en": "English", "fr": "Français", "ru": "Русский", "es": "Español"}


def cldr_autonym(lang: str) -> str:
    """The autonym read from CLDR through Babel."""
    from babel import Locale

    name = Locale.parse("zh" if lang == "zh" else babel_locale(lang)).get_language_name(
        "zh" if lang == "zh" else babel_locale(lang)
    ) or lang
    return name[:1].upper() + name[1:]


def autonym(lang: str) -> str:
    """The language's own name for itself (CLDR), capitalised for use on its own."""
    return AUTONYMS.get(lang) or cldr_autonym(lang)


def language_name(lang: str, in_lang: str) -> str:
    """The name of `lang` in the language `in_lang` (e.g. for a PDF's language line)."""
    from babel import Locale

    name = Locale.parse(babel_locale(lang)).get_language_name(babel_locale(in_lang)) or lang
    if lang == "zh":
        name = Locale.parse("zh").get_language_name(babel_locale(in_lang)) or name
    return name[:1].upper() + name[1:]


def is_rtl(lang: str) -> bool:
    return lang in RTL_LANGUAGES


def display_ref(kind: str, ref: str | None, label: str | None, lang: str) -> str:
    """The reference of an item as a reader of `lang` writes it: "88(c) III.C.2", "Reform 17", "改革 17"."""
    _ = translations(lang).gettext
    if kind == "reform" and ref:
        return _("Reform {number}").format(number=ref)
    return ref or label or ""
