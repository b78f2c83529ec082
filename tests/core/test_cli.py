"""The `cprdesk` command as a script user runs it: JSON lines out, one-sentence errors, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cprdesk_core.cli", *args], capture_output=True, text=True, encoding="utf-8", timeout=120
    )


def jsonl(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def test_items_in_chinese(data_dir: Path) -> None:
    result = run("--data-dir", str(data_dir), "items", "--lang", "zh", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    rows = jsonl(result.stdout)
    actions = [r for r in rows if r["kind"] == "action"]
    reforms = [r for r in rows if r["kind"] == "reform"]
    assert len(actions) == 88 and len(reforms) == 30
    first = next(r for r in actions if r["id"] == "ap88/III/C/2")
    assert first["ref"] == "88(c) III.C.2" and first["provenance"] == "official" and first["doc"] == "ap88"
    assert first["fields"] == {"subparagraph": "88(c)", "section": "III", "subsection": "C", "number": 2}
    reform = next(r for r in reforms if r["id"] == "ieg-reforms/9")
    assert set(reform["fields"]) == {"ongoing_actions", "subprogramme_ref", "further_actions", "budget", "status"}
    assert reform["fields"]["status"] is None


def test_ids_are_stable_across_two_fresh_builds(tmp_path: Path) -> None:
    a = run("items", "--lang", "zh", "--data-dir", str(tmp_path / "a"))
    b = run("items", "--lang", "zh", "--data-dir", str(tmp_path / "b"))
    assert a.returncode == b.returncode == 0
    assert [r["id"] for r in jsonl(a.stdout)] == [r["id"] for r in jsonl(b.stdout)]
    assert a.stdout == b.stdout


def test_items_of_one_document(data_dir: Path) -> None:
    rows = jsonl(run("items", "--doc", "emg-unea1", "--data-dir", str(data_dir)).stdout)
    assert rows and {r["doc"] for r in rows} == {"emg-unea1"}


def test_search(data_dir: Path) -> None:
    result = run("--data-dir", str(data_dir), "search", "全球环境展望", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    hits = jsonl(result.stdout)
    assert hits and {"id", "ref", "lang", "snippet"} <= set(hits[0])
    assert any(h["id"] == "ap88/IV/1" for h in hits)


def test_search_by_reference(data_dir: Path) -> None:
    hits = jsonl(run("search", "III.C.2", "--lang", "zh", "--data-dir", str(data_dir)).stdout)
    assert hits[0]["id"] == "ap88/III/C/2" and hits[0]["by_reference"]


@pytest.mark.parametrize(
    "args",
    [["items", "--lang", "xx"], ["items", "--doc", "nope"], ["frobnicate"], ["search"], ["items", "--format", "xml"]],
)
def test_user_mistakes_get_one_sentence(data_dir: Path, args: list[str]) -> None:
    result = run(*args, "--data-dir", str(data_dir))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    (tmp_path / "cprdesk.sqlite3").write_bytes(b"this is not sqlite")
    result = run("items", "--data-dir", str(tmp_path))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "not a CPR Desk database" in result.stderr
    assert (tmp_path / "cprdesk.sqlite3").read_bytes() == b"this is not sqlite"


def test_a_data_dir_that_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("items", "--data-dir", str(blocker))
    assert result.returncode != 0 and "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
