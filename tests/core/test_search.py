"""Search answers in every script, by reference, and never fails on odd input."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cprdesk_core.database import open_database
from cprdesk_core.search import SearchFilters, SearchService, reference_targets, split_query

HEADER = {"format": "cprdesk-corpus/1", "document": "ap88", "review": "draft", "provenance": "working"}


def _write(folder: Path, lang: str, data: dict) -> None:
    (folder / "ap88").mkdir(parents=True, exist_ok=True)
    (folder / "ap88" / f"{lang}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory):
    """A tiny corpus in four scripts, made by the test."""
    corpus = tmp_path_factory.mktemp("corpus")
    _write(corpus, "zh", {
        **HEADER, "lang": "zh", "provenance": "official", "review": "final", "doc_kind": "action_plan", "title": "行动计划",
        "items": [{"id": "ap88/III", "kind": "section", "label": "三", "title": "加强环境署的作用", "children": [
            {"id": "ap88/III/C", "kind": "subsection", "label": "C", "title": "加强环境管理小组", "children": [
                {"id": "ap88/III/C/1", "kind": "action", "label": "1", "text": "减少汞的使用，并支持环境基金。"},
                {"id": "ap88/III/C/2", "kind": "action", "label": "2", "text": "审议第 4/22 号决议的执行情况。"},
            ]}]}],
    })
    _write(corpus, "ar", {**HEADER, "lang": "ar", "title": "خطة العمل", "segments": [
        {"id": "ap88/III", "title": "تعزيز دور البرنامج"},
        {"id": "ap88/III/C", "title": "تعزيز فريق الإدارة البيئية"},
        {"id": "ap88/III/C/1", "text": "الحدّ من استخدام الزئبق ودعم صندوق البِيئَة."},
        {"id": "ap88/III/C/2", "text": "النظر في تنفيذ القرار 4/22 وإعداد تقرير."},
    ]})
    _write(corpus, "ru", {**HEADER, "lang": "ru", "title": "План действий", "segments": [
        {"id": "ap88/III", "title": "Укрепление роли ЮНЕП"},
        {"id": "ap88/III/C", "title": "Укрепление Группы по рациональному природопользованию"},
        {"id": "ap88/III/C/1", "text": "Сокращение использования ртути; её поддержка."},
        {"id": "ap88/III/C/2", "text": "Рассмотрение хода осуществления резолюции 4/22."},
    ]})
    _write(corpus, "fr", {**HEADER, "lang": "fr", "title": "Plan d'action", "segments": [
        {"id": "ap88/III", "title": "Renforcer le rôle du PNUE"},
        {"id": "ap88/III/C", "title": "Renforcer le Groupe de la gestion de l'environnement"},
        {"id": "ap88/III/C/1", "text": "Réduire l'utilisation du mercure et soutenir le Fonds pour l'environnement."},
        {"id": "ap88/III/C/2", "text": "Examiner l'état d'exécution de la résolution 4/22 (ÉLÉMENTS « clés »)."},
    ]})
    data = tmp_path_factory.mktemp("data")
    db = open_database(data, corpus)
    yield SearchService(db.connection())
    db.close()


def ids(hits) -> list[tuple[str, str]]:  # noqa: ANN001
    return [(h.item_id, h.lang) for h in hits]


def test_one_chinese_character(service: SearchService) -> None:
    assert ids(service.search("汞")) == [("ap88/III/C/1", "zh")]


def test_two_chinese_characters(service: SearchService) -> None:
    hits = service.search("基金")
    assert ("ap88/III/C/1", "zh") in ids(hits)
    hit = next(h for h in hits if h.lang == "zh")
    a, b = hit.highlights[0]
    assert hit.snippet[a:b] == "基金"


def test_long_chinese_substring(service: SearchService) -> None:
    assert ("ap88/III/C/2", "zh") in ids(service.search("号决议的执行"))


def test_arabic_without_diacritics_and_article(service: SearchService) -> None:
    assert ("ap88/III/C/1", "ar") in ids(service.search("البيئة"))  # stored with diacritics: البِيئَة
    assert ("ap88/III/C/1", "ar") in ids(service.search("زئبق"))  # without the article
    assert ("ap88/III/C/1", "ar") in ids(service.search("الحد"))  # stored with a shadda


def test_arabic_hamza_forms_fold(service: SearchService) -> None:
    assert ("ap88/III/C/2", "ar") in ids(service.search("اعداد"))  # stored إعداد


def test_russian_yo_folds_to_ye(service: SearchService) -> None:
    assert ("ap88/III/C/1", "ru") in ids(service.search("ее поддержка"))
    assert ("ap88/III/C/1", "ru") in ids(service.search("РТУТИ"))


def test_french_without_accents_or_case(service: SearchService) -> None:
    assert ("ap88/III/C/2", "fr") in ids(service.search("resolution"))
    assert ("ap88/III/C/2", "fr") in ids(service.search("éléments"))
    assert ("ap88/III/C/1", "fr") in ids(service.search("REDUIRE"))


def test_prefix_as_you_type(service: SearchService) -> None:
    assert ("ap88/III/C/1", "fr") in ids(service.search("me"))  # "mercure" after two keystrokes


def test_resolution_number_in_every_language(service: SearchService) -> None:
    langs = {h.lang for h in service.search("4/22") if h.item_id == "ap88/III/C/2"}
    assert langs == {"zh", "ar", "ru", "fr"}


@pytest.mark.parametrize(
    ("query", "target"),
    [
        ("88(c)", "ap88/III"), ("88 (c)", "ap88/III"), ("III.C.2", "ap88/III/C/2"), ("iii.c.2", "ap88/III/C/2"),
        ("88(c) III.C.2", "ap88/III/C/2"), ("III.C", "ap88/III/C"),
    ],
)
def test_references_typed_as_people_write_them(service: SearchService, query: str, target: str) -> None:
    hits = service.search(query)
    assert hits and hits[0].item_id == target and hits[0].by_reference


@pytest.mark.parametrize(
    ("query", "target"),
    [("reform 17", "ieg-reforms/17"), ("Réforme 17", "ieg-reforms/17"), ("改革 17", "ieg-reforms/17"),
     ("第 17 项改革", "ieg-reforms/17"), ("реформа 5", "ieg-reforms/5"), ("الإصلاح 3", "ieg-reforms/3"),
     ("reforma 29", "ieg-reforms/29")],
)
def test_reform_references(query: str, target: str) -> None:
    assert target in reference_targets(query)


@pytest.mark.parametrize(
    "query",
    ['"', "'", "*", "NEAR", "NEAR(a b)", "-", "a -b", "(", ")", "((", "a OR", "AND", "NOT x", "^", "col:x",
     '"unbalanced', "\\", "%", "_", "\x00", "汞*", "{}", "[", "a" * 5000, "   ", ""],
)
def test_no_input_raises(service: SearchService, query: str) -> None:
    service.search(query)


def test_operators_are_plain_words(service: SearchService) -> None:
    assert split_query("NEAR(a -b) OR c*") == ["near(a", "b", "or", "c"]


def test_filters(service: SearchService) -> None:
    assert {h.lang for h in service.search("4/22", SearchFilters(languages=("fr",)))} == {"fr"}
    assert service.search("汞", SearchFilters(document_id="ieg-reforms")) == []
    assert ids(service.search("汞", SearchFilters(section_id="ap88/III"))) == [("ap88/III/C/1", "zh")]


def test_filter_by_item_set(service: SearchService) -> None:
    only = SearchFilters(item_ids=frozenset({"ap88/III/C/2"}))
    assert {h.item_id for h in service.search("4/22", only)} == {"ap88/III/C/2"}
    assert service.search("汞", only) == []
    assert service.search("III.C.2", SearchFilters(item_ids=frozenset())) == []
