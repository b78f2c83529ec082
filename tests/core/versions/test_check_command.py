"""`cprdesk check`: findings as jsonl, CSV or PDF, filtered by document and language; usage errors in one line."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def _run(*args: str, data_dir: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "cprdesk_core.cli", "check", *args, "--data-dir", str(data_dir)],
        capture_output=True, timeout=120,
    )


def test_clean_corpus_prints_nothing(data_dir: Path) -> None:
    result = _run("--format", "jsonl", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""


def test_jsonl_csv_and_pdf_of_a_broken_version(data_dir: Path, tmp_path: Path, glossary) -> None:  # noqa: ANN001
    """The command checks what is in the database: one version changed there is reported in every format."""
    from cprdesk_core.database import open_database

    db = open_database(data_dir)
    try:
        with db.connection() as con:
            con.execute(
                "UPDATE corpus_text SET text = replace(text, '23 janvier 2020', '23 janvier 2021') "
                "WHERE item_id = 'ap88/intro/2/a' AND lang = 'fr'"
            )
    finally:
        db.close()

    result = _run("--doc", "ap88", "--format", "jsonl", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert [(r["item"], r["check"], r["languages"]) for r in rows] == [("ap88/intro/2/a", "numbers", ["fr"])]
    assert rows[0]["message"] == "Numbers in the French version: 2021 where the other versions have 2020."
    assert rows[0]["evidence"]["fr"] == "2021" and rows[0]["severity"] == "error"

    assert _run("--lang", "ru", "--lang", "es", data_dir=data_dir).stdout == b""
    assert len(_run("--lang", "ru", "fr", data_dir=data_dir).stdout.splitlines()) == 1
    assert len(_run("--lang", "fr", data_dir=data_dir).stdout.splitlines()) == 1

    out = tmp_path / "findings.csv"
    result = _run("--format", "csv", "--out", str(out), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    table = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    assert [(r["item"], r["fr"], r["zh"]) for r in table] == [("ap88/intro/2/a", "2021", "2020")]
    assert _run("--format", "csv", data_dir=data_dir).stdout.startswith(b"\xef\xbb\xbfkey,")

    pdf = tmp_path / "findings.pdf"
    result = _run("--format", "pdf", "--out", str(pdf), "--ui-lang", "fr", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "ap88/intro/2/a" in text and "2021" in text

    # Dismissed, it is gone; asked for, it comes back marked.
    from cprdesk_core.versions.checks import Finding
    from cprdesk_core.versions.review import ReviewService

    db = open_database(data_dir)
    try:
        row = rows[0]
        finding = Finding(row["check"], row["severity"], row["item"], row["doc"], tuple(row["languages"]),
                          row["evidence"], row["message_id"], row["params"])
        assert finding.key == row["key"]
        ReviewService(db).dismiss(finding, "The printed French says 2021.", "Amina")
    finally:
        db.close()
    assert _run(data_dir=data_dir).stdout == b""
    again = json.loads(_run("--include-dismissed", data_dir=data_dir).stdout)
    assert again["dismissed"] and again["dismissal"]["reason"] == "The printed French says 2021."


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("--lang", "xx"), "xx"),
        (("--doc", "nowhere"), "nowhere"),
        (("--format", "pdf"), "--out"),
        (("--format", "xml"), "xml"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(data_dir: Path, args: tuple[str, ...], needle: str) -> None:
    result = _run(*args, data_dir=data_dir)
    assert result.returncode == 2
    assert result.stdout == b""
    lines = result.stderr.decode("utf-8").strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cprdesk:") and needle in lines[0]
