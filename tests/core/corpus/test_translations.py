"""The working translations: complete, in the right script, with every number, symbol and footnote of the
Chinese, glossary terms used consistently, and labelled as unofficial working translations."""

from __future__ import annotations

import pytest

from cprdesk_core.corpus.schema import iter_items, load_yaml
from cprdesk_core.translation_report import (
    check_translation,
    glossary_exceptions,
    load_glossary,
    numbers,
    symbols,
)
from cprdesk_resources import CORPUS_DIR, GLOSSARY_DIR

LANGS = ("en", "fr", "es", "ru", "ar")
DOCS = ("ap88", "ieg-reforms")


@pytest.fixture(scope="module")
def glossary():  # noqa: ANN201
    return load_glossary(GLOSSARY_DIR)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("doc", DOCS)
def test_translation_is_complete_and_consistent(doc: str, lang: str, glossary) -> None:  # noqa: ANN001
    path = CORPUS_DIR / doc / f"{lang}.yaml"
    assert path.exists(), f"no {lang} translation of {doc}"
    translation = load_yaml(path)
    assert translation["provenance"] == "working"
    assert translation["review"] == "draft"
    source = load_yaml(CORPUS_DIR / doc / "zh.yaml")
    findings = check_translation(source, translation, glossary, glossary_exceptions(GLOSSARY_DIR, lang))
    assert [str(f) for f in findings] == []


def test_glossary_has_the_key_terms_in_six_languages(glossary) -> None:  # noqa: ANN001
    assert len(glossary) >= 80
    zh = {t.zh for t in glossary}
    for term in ("常驻代表委员会", "环境大会", "多边环境协定", "环境管理小组", "自愿指示性捐款比额表", "渐进式改革"):
        assert term in zh
    for term in glossary:
        assert set(term.forms) >= set(LANGS), f"{term.id} lacks {set(LANGS) - set(term.forms)}"


def test_glossary_examples_are_items_where_the_term_occurs(glossary) -> None:  # noqa: ANN001
    from cprdesk_core.corpus.schema import texts_of

    texts = {}
    for doc in DOCS:
        src = load_yaml(CORPUS_DIR / doc / "zh.yaml")
        for node in [*iter_items(src["items"]), *src.get("footnotes", [])]:
            texts[node["id"]] = "\n".join(texts_of(node))
    for term in glossary:
        assert term.zh in texts.get(term.example, ""), f"{term.id}: {term.zh} not in {term.example}"


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_exceptions_are_justified(lang: str, glossary) -> None:  # noqa: ANN001
    ids = {t.id for t in glossary}
    for key, reason in glossary_exceptions(GLOSSARY_DIR, lang).items():
        item_id, term_id = key.rsplit(" ", 1)
        assert term_id in ids, key
        assert isinstance(reason, str) and len(reason.split()) >= 4, f"{key}: give a reason"


def test_arabic_is_stored_as_logical_base_letters() -> None:
    for doc in DOCS:
        text = (CORPUS_DIR / doc / "ar.yaml").read_text(encoding="utf-8")
        assert not any("\ufb50" <= ch <= "\ufeff" for ch in text), f"{doc}: presentation forms in Arabic"


def test_the_checks_catch_what_they_are_for(glossary) -> None:  # noqa: ANN001
    """Each check fires on a deliberately broken copy of one item."""
    source = load_yaml(CORPUS_DIR / "ap88" / "zh.yaml")
    translation = load_yaml(CORPUS_DIR / "ap88" / "en.yaml")
    segments = {s["id"]: s for s in translation["segments"]}
    item = segments["ap88/I/B/3"]  # "… resolution 4/22 …"
    item["text"] = item["text"].replace("4/22", "4/2")
    segments["ap88/I/A/2"]["text"] = next(n for n in iter_items(source["items"]) if n["id"] == "ap88/I/A/2")["text"]
    segments["ap88/III/B/7"]["text"] = segments["ap88/III/B/7"]["text"].replace("[^1]", "")
    del segments["ap88/I/A/4"]
    translation["segments"] = list(segments.values())
    checks = {(f.item_id, f.check) for f in check_translation(source, translation, glossary, {})}
    assert ("ap88/I/B/3", "numbers") in checks
    assert ("ap88/I/A/2", "untranslated") in checks
    assert ("ap88/III/B/7", "footnotes") in checks
    assert ("ap88/I/A/4", "missing") in checks


def test_numbers_compare_by_value() -> None:
    assert numbers("提供 400万美元，2011 年 2 月 24 日", source=True) == {"4000000", "2011", "24"}
    assert numbers("$4 million on 24 February 2011") == {"4000000", "2011", "24"}
    assert numbers("القرار ٤/٢٢") == {"4", "22"}
    assert symbols("见 UNEP/EA.5/3 和 SS.VII/1 号决定。") == {"UNEP/EA.5/3", "SS.VII/1"}


@pytest.mark.parametrize("lang", LANGS)
def test_items_command_prints_the_same_items_in_each_language(lang: str, data_dir) -> None:  # noqa: ANN001
    import json
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "cprdesk_core.cli", "items", "--lang", lang, "--data-dir", str(data_dir)],
        capture_output=True, text=True, encoding="utf-8", check=True,
    ).stdout
    rows = [json.loads(line) for line in out.splitlines()]
    actions = [r for r in rows if r["kind"] == "action"]
    reforms = [r for r in rows if r["kind"] == "reform"]
    assert len(actions) == 88 and len(reforms) == 30
    assert {r["provenance"] for r in actions + reforms} == {"working"}
    assert all(r["text"] for r in actions + reforms)
    assert all(set(r["fields"]) == {"ongoing_actions", "subprogramme_ref", "further_actions", "budget", "status"} for r in reforms)
