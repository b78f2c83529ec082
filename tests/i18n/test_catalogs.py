"""Every UI string exists in all six languages: complete catalogs, no fuzzy entries, placeholders intact."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from cprdesk_core.i18n import UI_LANGUAGES, autonym, translations
from cprdesk_i18n import CATALOG_DIR

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def catalog(lang: str):  # noqa: ANN201
    with (CATALOG_DIR / lang / "LC_MESSAGES" / "cprdesk.po").open("rb") as fh:
        return read_po(fh, locale=lang if lang != "zh" else "zh_Hans_CN")


def template_ids() -> set[str]:
    with (CATALOG_DIR / "cprdesk.pot").open("rb") as fh:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id}


@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_catalog_is_complete(lang: str) -> None:
    cat = catalog(lang)
    ids = set()
    for message in cat:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        ids.add(key)
        assert not message.fuzzy, f"{lang}: fuzzy {key!r}"
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        assert all(s.strip() for s in strings), f"{lang}: untranslated {key!r}"
        if isinstance(message.string, (list, tuple)):
            assert len(message.string) == cat.num_plurals, f"{lang}: plural forms of {key!r}"
        wanted = set(PLACEHOLDER.findall(key))
        for s in strings:
            assert set(PLACEHOLDER.findall(s)) == wanted, f"{lang}: placeholders of {key!r} in {s!r}"
    assert ids == template_ids(), f"{lang}: catalog and template differ"


def test_template_is_up_to_date(tmp_path: Path) -> None:
    """The template holds exactly the strings the code marks (run packaging/update-catalogs.sh after changes)."""
    out = tmp_path / "fresh.pot"
    subprocess.run(
        [str(Path(sys.executable).with_name("pybabel")), "-q", "extract", "-F", str(ROOT / "babel.cfg"), "-k", "N_",
         "-k", "ngettext:1,2", "-k", "pgettext:1c,2", "--no-location", "-o", str(out),
         str(ROOT / "core"), str(ROOT / "desktop")],
        check=True,
    )
    with out.open("rb") as fh:
        fresh = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id}
    assert fresh == template_ids()


def test_arabic_has_six_plural_forms() -> None:
    assert catalog("ar").num_plurals == 6


def test_translations_are_used() -> None:
    assert translations("fr").gettext("Unofficial working translation") != "Unofficial working translation"
    assert translations("zh").gettext("Reform {number}").format(number=17) != "Reform 17"


def test_language_names_are_autonyms_from_cldr() -> None:
    from cprdesk_core.i18n import cldr_autonym

    expected = ["العربية", "中文", "English", "Français", "Русский", "Español"]
    assert [autonym(lang) for lang in ("ar", "zh", "en", "fr", "ru", "es")] == expected
    assert [cldr_autonym(lang) for lang in ("ar", "zh", "en", "fr", "ru", "es")] == expected
