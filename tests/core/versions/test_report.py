"""Findings as CSV (read back with the csv module) and as a PDF report in a chosen UI language."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest

from cprdesk_core.versions.checks import Dismissal, Finding
from cprdesk_core.versions.report import CSV_COLUMNS, ReportInfo, finding_record, report_info, write_csv, write_pdf


def _pdftotext(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def findings(broken_findings) -> list[Finding]:  # noqa: ANN001
    out = list(broken_findings)
    # One dismissed in data and one by a user, whose reasons the reports show.
    out[0] = replace(out[0], dismissal=Dismissal("The source prints it so.", "CPR Desk", None, in_data=True))
    out[1] = replace(out[1], dismissal=Dismissal("=HYPERLINK(\"http://x\") checked by hand", "Amina", None))
    return out


def test_csv_has_a_bom_and_reads_back(findings: list[Finding], tmp_path: Path) -> None:
    path = tmp_path / "findings.csv"
    info = ReportInfo({"ap88": "Action plan"}, {"ap88/I/A/1": "88(a) I.A.1"})
    write_csv(findings, path, info)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    assert len(rows) == len(findings)
    by_key = {row["key"]: row for row in rows}
    for f in findings:
        row = by_key[f.key]
        assert (row["document"], row["item"], row["check"], row["severity"]) == (f.document_id, f.item_id, f.check_id, f.severity)
        assert row["languages"] == " ".join(f.languages)
        assert row["message"] == f.message(language_name=lambda lang: _name(lang, "en"))
        for lang, value in f.evidence.items():
            assert row[lang] == value
    assert by_key[findings[0].key]["dismissed"] == "yes"
    # A reason that a spreadsheet would take for a formula is kept as text.
    assert by_key[findings[1].key]["dismissal_reason"] == "'=HYPERLINK(\"http://x\") checked by hand"
    ascii_comma = next(f for f in findings if f.check_id == "ar-punctuation")
    assert "البيئة," in by_key[ascii_comma.key]["ar"]
    assert by_key[next(f.key for f in findings if f.item_id == "ap88/I/A/1")]["reference"] == "88(a) I.A.1"


def test_records_are_plain_data(findings: list[Finding]) -> None:
    import json

    record = finding_record(findings[0])
    assert json.loads(json.dumps(record)) == record
    assert record["dismissal"]["in_data"] is True and record["key"] == findings[0].key


@pytest.mark.parametrize("ui_lang", ["en", "fr", "ar", "zh"])
def test_pdf_shows_the_messages(findings: list[Finding], tmp_path: Path, template_data_dir: Path, ui_lang: str) -> None:
    from cprdesk_core.database import open_database
    from cprdesk_core.i18n import translations

    db = open_database(template_data_dir)
    try:
        info = report_info(db.connection(), ui_lang)
    finally:
        db.close()
    path = tmp_path / f"report-{ui_lang}.pdf"
    write_pdf(findings, path, ui_lang, info)
    assert path.read_bytes().startswith(b"%PDF")
    text = _pdftotext(path)
    # Arabic letters inside a left-to-right line (the Arabic punctuation a French message names) come
    # out of pdftotext in visual order; compare the rest of each message exactly.
    def plain(value: str) -> str:
        return re.sub(r"[\u0600-\u06ff\s]", "", value)

    squeezed = plain(text)
    gettext = translations(ui_lang).gettext
    for f in findings:
        if ui_lang in ("en", "fr"):
            # The whole message of each finding, its item id, and what each version has.
            message = re.sub(r"\s+", " ", f.message(gettext, lambda lang: _name(lang, ui_lang)))
            assert plain(message) in squeezed, message
        assert f.item_id in text
    assert "checked by hand" in text and "The source prints it so." in text
    if ui_lang == "en":
        assert "Language version check" in text and "[^1]" in text


def _name(lang: str, ui_lang: str) -> str:
    from cprdesk_core.i18n import language_name

    return language_name(lang, ui_lang)


def test_pdf_of_no_findings_says_so(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    write_pdf([], path, "en")
    assert "No findings" in _pdftotext(path)


def test_markup_in_text_is_printed_as_written(tmp_path: Path) -> None:
    evil = '<font color="red">x</font> <b>bold</b> &amp; <para>'
    finding = Finding("brackets", "warning", "ap88/I/A/1", "ap88", ("en",), {"en": evil}, "Unbalanced {mark} in the {lang} version.",
                      {"lang": "en", "mark": "<"})
    path = tmp_path / "evil.pdf"
    write_pdf([finding], path, "en")
    assert evil in _pdftotext(path)
