"""`cprdesk brief` on the real corpus: six PDFs, real texts and notes printed literally, clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cprdesk_core.annotations.service import AnnotationService
from cprdesk_core.database import open_database

HOSTILE = '<font size=80>big</font> <img src="/etc/passwd"/> &amp; <br/> 1 < 2'


def cprdesk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cprdesk_core.cli", *args], capture_output=True, text=True, encoding="utf-8", timeout=300)


def pdf_text(path: Path) -> str:
    from pdfminer.high_level import extract_text

    return " ".join(extract_text(str(path)).split())


@pytest.fixture
def annotated(data_dir: Path) -> Path:
    db = open_database(data_dir)
    notes = AnnotationService(db)
    notes.set_profile("Ana Pérez", "Chile")
    notes.create("ap88/I/A/2", body=HOSTILE, stance="support_with_amendments", priority="high", include_in_briefing=True)
    db.close()
    return data_dir


def test_six_languages_at_once(annotated: Path, tmp_path: Path) -> None:
    result = cprdesk("brief", "--items", "ap88/I/A/2,ieg-reforms/9", "--lang", "all", "--out", str(tmp_path / "out"),
                     "--data-dir", str(annotated), "--meeting", "CPR 150", "--date", "2026-12-01")
    assert result.returncode == 0, result.stderr
    files = sorted((tmp_path / "out").glob("*.pdf"))
    assert [f.name for f in files] == [f"briefing-{l}.pdf" for l in ("ar", "en", "es", "fr", "ru", "zh")]
    english = pdf_text(tmp_path / "out" / "briefing-en.pdf")
    item = json.loads(
        next(line for line in cprdesk("items", "--lang", "en", "--doc", "ap88", "--data-dir", str(annotated)).stdout.splitlines()
             if '"ap88/I/A/2"' in line)
    )
    assert " ".join(item["text"].split()) in english
    assert HOSTILE in english, "the note is printed literally"
    assert "Unofficial working translation" in english or "working translation" in english.lower()
    chinese = pdf_text(tmp_path / "out" / "briefing-zh.pdf")
    assert "鼓励更多的会员国向环境署寻求认证" in chinese.replace(" ", "")


def test_flagged_items_and_metadata(annotated: Path, tmp_path: Path) -> None:
    out = tmp_path / "note.pdf"
    result = cprdesk("brief", "--flagged", "--lang", "fr", "--out", str(out), "--title", "Note d'information",
                     "--data-dir", str(annotated))
    assert result.returncode == 0, result.stderr
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "Note d'information" in info and "Ana Pérez" in info


def test_full_pack_flows(annotated: Path, tmp_path: Path) -> None:
    result = cprdesk("brief", "--all", "--lang", "ar", "--out", str(tmp_path / "all.pdf"), "--data-dir", str(annotated))
    assert result.returncode == 0, result.stderr
    pages = int(next(l for l in subprocess.run(["pdfinfo", str(tmp_path / "all.pdf")], capture_output=True, text=True).stdout.splitlines() if l.startswith("Pages:")).split()[1])
    assert pages > 20


@pytest.mark.parametrize(
    "args",
    [
        ["--items", "ap88/none", "--lang", "en"],
        ["--pack", "no such pack", "--lang", "en"],
        ["--all", "--lang", "xx"],
        ["--all", "--lang", "en", "--date", "31/12/2026"],
        ["--lang", "en"],
    ],
)
def test_mistakes_are_one_sentence_and_write_nothing(annotated: Path, tmp_path: Path, args: list[str]) -> None:
    result = cprdesk("brief", *args, "--out", str(tmp_path / "x.pdf"), "--data-dir", str(annotated))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.pdf").exists() and not list(tmp_path.glob(".*.part"))


def test_packs_command(annotated: Path, tmp_path: Path) -> None:
    assert cprdesk("packs", "save", "CPR 150", "--flagged", "--meeting", "150th meeting", "--data-dir", str(annotated)).returncode == 0
    rows = [json.loads(l) for l in cprdesk("packs", "list", "--data-dir", str(annotated)).stdout.splitlines()]
    assert rows == [{"name": "CPR 150", "title": "", "meeting": "150th meeting", "date": None, "items": ["ap88/I/A/2"]}]
    result = cprdesk("brief", "--pack", "CPR 150", "--lang", "ru", "--out", str(tmp_path / "ru.pdf"), "--data-dir", str(annotated))
    assert result.returncode == 0, result.stderr
    assert "150th meeting" in pdf_text(tmp_path / "ru.pdf")
