"""The checks over all versions of each item: each finds what it is designed to find, names the version that
disagrees, and is silent on the clean corpus but for what is recorded as known."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cprdesk_core.versions.checks import (
    CHECKS,
    SEVERITIES,
    ERROR,
    WARNING,
    Finding,
    load_known_findings,
    run_checks,
)
from cprdesk_core.versions.snapshot import load_snapshot


def test_each_check_finds_its_error_and_names_the_version(breakage, broken_findings) -> None:  # noqa: ANN001
    found = [f for f in broken_findings if f.check_id == breakage.check and f.item_id == breakage.item]
    assert found, f"{breakage.check} found nothing in {breakage.item}"
    assert {f.languages for f in found} == {(breakage.lang,)}, [f.message() for f in found]
    for f in found:
        assert breakage.lang in f.evidence
        assert f.message().strip()


def test_findings_stay_in_the_broken_items(broken_findings, breakages) -> None:  # noqa: ANN001
    broken_items = {b.item for b in breakages}
    elsewhere = [(f.item_id, f.check_id, f.languages) for f in broken_findings if f.item_id not in broken_items]
    assert elsewhere == []


def test_the_same_value_written_otherwise_is_no_finding(broken_findings) -> None:  # noqa: ANN001
    # The Arabic year of ap88/intro/2/d is written in Arabic-Indic digits in the broken copy.
    assert [f for f in broken_findings if f.item_id == "ap88/intro/2/d"] == []


def test_evidence_shows_what_each_version_has(broken_findings) -> None:  # noqa: ANN001
    year = next(f for f in broken_findings if f.check_id == "numbers" and f.item_id == "ap88/intro/2/a")
    assert year.evidence == {"ar": "2020", "zh": "2020", "en": "2020", "fr": "2021", "ru": "2020", "es": "2020"}
    assert year.message() == "Numbers in the fr version: 2021 where the other versions have 2020."
    source = next(f for f in broken_findings if f.check_id == "numbers" and f.item_id == "ap88/intro/2/c")
    assert source.languages == ("zh",) and source.evidence["zh"] == "2019" and source.evidence["en"] == "2020"
    bullet = next(f for f in broken_findings if f.check_id == "lists")
    assert bullet.evidence["fr"] == "ongoing_actions: 4 / 3 / 0"
    assert bullet.evidence["zh"] == "ongoing_actions: 4 / 4 / 0"
    copy = next(f for f in broken_findings if f.check_id == "untranslated")
    assert copy.params["other"] == "en"
    names = {"es": "Spanish", "en": "English"}
    assert copy.message(language_name=names.get) == "The Spanish text is the same as the English text: it looks untranslated."


def test_messages_translate_with_named_placeholders(broken_findings) -> None:  # noqa: ANN001
    year = next(f for f in broken_findings if f.check_id == "numbers" and f.item_id == "ap88/intro/2/a")
    catalog = {year.message_id: "Nombres dans la version {lang} : {extra} au lieu de {missing}."}
    assert year.message(lambda m: catalog.get(m, m), {"fr": "française"}.get) == (
        "Nombres dans la version française : 2021 au lieu de 2020."
    )


def test_keys_are_stable_and_follow_the_evidence(broken_findings) -> None:  # noqa: ANN001
    f = broken_findings[0]
    assert len(f.key) == 64 and int(f.key, 16) >= 0
    same = Finding(f.check_id, f.severity, f.item_id, f.document_id, f.languages, dict(f.evidence), f.message_id,
                   dict(f.params))
    assert same.key == f.key and same == f and hash(same) == hash(f)
    other = Finding(f.check_id, f.severity, f.item_id, f.document_id, f.languages,
                    {**f.evidence, f.languages[0]: "something else"}, f.message_id, dict(f.params))
    assert other.key != f.key
    assert len({x.key for x in broken_findings}) == len(broken_findings)


def test_checks_are_named_documented_units() -> None:
    ids = [c.id for c in CHECKS]
    assert len(ids) == len(set(ids))
    assert set(ids) >= {"missing", "untranslated", "script", "numbers", "symbols", "references", "urls", "footnotes",
                        "lists", "brackets", "glossary", "length", "fr-spacing", "zh-punctuation", "ar-punctuation"}
    for check in CHECKS:
        assert check.severity in SEVERITIES
        assert check.name and len(check.description.split()) >= 6, check.id


def test_known_findings_are_dismissed_in_data(broken, glossary, tmp_path: Path) -> None:  # noqa: ANN001
    snapshot = load_snapshot(broken.connection(), "ap88")
    findings = run_checks(snapshot, glossary, known=())
    year = next(f for f in findings if f.check_id == "numbers" and f.item_id == "ap88/intro/2/a")
    bracket = next(f for f in findings if f.check_id == "brackets")
    path = tmp_path / "known.yaml"
    path.write_text(
        "format: cprdesk-known-findings/1\nfindings:\n"
        f"- check: numbers\n  item: ap88/intro/2/a\n  languages: [fr]\n  reason: The source itself says so here.\n"
        f"- key: {bracket.key}\n  reason: Kept as the source prints it.\n",
        encoding="utf-8",
    )
    marked = {f.key: f for f in run_checks(snapshot, glossary, known=load_known_findings(path))}
    assert marked[year.key].dismissal.in_data and marked[year.key].dismissal.reason == "The source itself says so here."
    assert marked[bracket.key].dismissed
    assert sum(f.dismissed for f in marked.values()) == 2


def test_a_known_findings_file_without_reasons_is_refused(tmp_path: Path) -> None:
    from cprdesk_core.errors import CorpusError

    path = tmp_path / "known.yaml"
    path.write_text("format: cprdesk-known-findings/1\nfindings:\n- check: numbers\n  item: x\n", encoding="utf-8")
    with pytest.raises(CorpusError):
        load_known_findings(path)


def test_the_clean_corpus_has_no_open_error_or_warning(template_data_dir: Path, glossary) -> None:  # noqa: ANN001
    from cprdesk_core.database import open_database

    db = open_database(template_data_dir)
    try:
        con = db.connection()
        findings = [
            f for doc in [r[0] for r in con.execute("SELECT id FROM corpus_document")]
            for f in run_checks(load_snapshot(con, doc), glossary)
        ]
    finally:
        db.close()
    open_ = [(f.item_id, f.check_id, f.languages, f.message()) for f in findings
             if not f.dismissed and f.severity in (ERROR, WARNING)]
    assert open_ == []
    # Every finding recorded as known in the data is still found (no stale entries).
    for entry in load_known_findings():
        assert any(entry.matches(f) for f in findings), f"stale known finding {entry}"
        assert len(entry.reason.split()) >= 6


def test_a_whole_document_is_checked_well_under_a_second(template_data_dir: Path, glossary) -> None:  # noqa: ANN001
    from cprdesk_core.database import open_database

    db = open_database(template_data_dir)
    try:
        con = db.connection()
        for doc in ("ap88", "ieg-reforms", "programme-plan"):
            start = time.perf_counter()
            run_checks(load_snapshot(con, doc), glossary)
            assert time.perf_counter() - start < 1.0, doc
    finally:
        db.close()
