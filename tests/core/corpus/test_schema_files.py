"""Every corpus file follows the format: required fields, unique ids, references that resolve."""

from __future__ import annotations

import copy

import pytest

from cprdesk_core.corpus.schema import iter_items, load_yaml, validate_file, validate_source, validate_translation
from cprdesk_core.corpus.fingerprint import corpus_files
from cprdesk_core.corpus.source import read_corpus
from cprdesk_resources import CORPUS_DIR

FILES = corpus_files(CORPUS_DIR)


def test_all_five_documents_are_there() -> None:
    assert {p.parent.name for p in FILES if p.stem == "zh"} == {
        "ap88", "ieg-reforms", "emg-unea1", "undp-unep-mou", "programme-plan",
    }


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_file_is_valid(path) -> None:  # noqa: ANN001
    assert validate_file(path) == []


def test_ids_are_unique_across_the_corpus() -> None:
    seen: dict[str, str] = {}
    for doc in read_corpus(CORPUS_DIR):
        ids = [n["id"] for n in iter_items(doc.source["items"])] + [f["id"] for f in doc.source.get("footnotes") or []]
        for item_id in ids:
            assert item_id not in seen, f"{item_id} in {doc.id} and {seen[item_id]}"
            seen[item_id] = doc.id


@pytest.fixture(scope="module")
def ap88() -> dict:
    return load_yaml(CORPUS_DIR / "ap88" / "zh.yaml")


def test_validator_rejects_a_duplicate_id(ap88: dict) -> None:
    broken = copy.deepcopy(ap88)
    broken["items"][1]["children"][0]["id"] = broken["items"][1]["id"]
    assert any("duplicate id" in str(p) for p in validate_source(broken))


def test_validator_rejects_a_dangling_footnote_reference(ap88: dict) -> None:
    broken = copy.deepcopy(ap88)
    first_action = next(n for n in iter_items(broken["items"]) if n["kind"] == "action")
    first_action["text"] += "[^99]"
    assert any("[^99]" in str(p) for p in validate_source(broken))


def test_validator_rejects_an_item_without_text(ap88: dict) -> None:
    broken = copy.deepcopy(ap88)
    first_action = next(n for n in iter_items(broken["items"]) if n["kind"] == "action")
    del first_action["text"]
    assert any("needs a text" in str(p) for p in validate_source(broken))


def test_translation_must_match_the_source_shape() -> None:
    source = load_yaml(CORPUS_DIR / "ieg-reforms" / "zh.yaml")
    reform = next(n for n in iter_items(source["items"]) if n["kind"] == "reform")
    fields = copy.deepcopy(reform["fields"])
    fields["further_actions"] = fields["further_actions"][:-1] or ["x", "y"]
    translation = {
        "format": "cprdesk-corpus/1", "document": "ieg-reforms", "lang": "en", "provenance": "working",
        "review": "draft", "title": "T", "labels": dict.fromkeys(source.get("labels") or {}, "x"),
        "segments": [{"id": reform["id"], "text": "Reform text", "fields": fields}],
    }
    problems = validate_translation(translation, source, "en.yaml")
    assert any("shape" in str(p) for p in problems)
