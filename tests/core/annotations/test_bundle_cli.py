"""`cprdesk annotations export|import` as a script user runs them: one summary line, listed conflicts, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cprdesk_core.annotations.service import AnnotationService
from cprdesk_core.database import Database

from .conftest import dump


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cprdesk_core.cli", *args], capture_output=True, text=True, encoding="utf-8", timeout=120
    )


def folder(db: Database) -> str:
    return str(db.path.parent)


def test_export_and_import_with_conflicts_and_detached_items_listed(
    db: Database, other_db: Database, tmp_path: Path
) -> None:
    amina, li = AnnotationService(db), AnnotationService(other_db)
    amina.set_profile("Amina Haddad", "Morocco")
    li.set_profile("Li Wei", "China")
    shared = amina.create("ap88/III/C/2", body="common", tags=["finance"])
    orphan = amina.create("ap88/IX/Z/99", body="detached", tags=["finance"])
    amina.create("ap88/I/A/1", body="not tagged")

    out = tmp_path / "amina.zip"
    exported = run("annotations", "export", "--out", str(out), "--tags", "finance", "--data-dir", folder(db))
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout == f"Exported 2 notes to {out}.\n" and exported.stderr == ""

    imported = run("--data-dir", folder(other_db), "annotations", "import", str(out))
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.splitlines() == [
        f"Imported {out}: 2 added, 0 updated, 0 unchanged, 0 in conflict, 1 detached.",
        f"Detached: note {orphan.uuid} is on ap88/IX/Z/99, which this corpus does not have.",
    ]

    amina.update(shared.uuid, body="Amina's text")
    li.update(shared.uuid, body="Li's text")
    back = tmp_path / "li.json"
    assert run("annotations", "--data-dir", folder(other_db), "export", "--out", str(back), "--items", "ap88/III/C/2").returncode == 0
    assert [n["uuid"] for n in json.loads(back.read_text("utf-8"))["annotations"]] == [shared.uuid]
    merged = run("annotations", "import", str(back), "--data-dir", folder(db))
    assert merged.returncode == 0, merged.stderr
    summary, conflict = merged.stdout.splitlines()
    assert summary == f"Imported {back}: 0 added, 0 updated, 0 unchanged, 1 in conflict, 0 detached."
    copy = next(n for n in amina.list() if n.conflict_of == shared.uuid)
    assert conflict == (
        f"Conflict: note {shared.uuid} on ap88/III/C/2 changed here and in the bundle; "
        f"the bundle's version is note {copy.uuid}."
    )
    again = run("annotations", "import", str(back), "--data-dir", folder(db))
    assert again.stdout == f"Imported {back}: 0 added, 0 updated, 1 unchanged, 0 in conflict, 0 detached.\n"


@pytest.mark.parametrize(
    "content, words",
    [(b'{"format": "cprdesk-annotations", "version": 1, "annotations": [', "cut short"), (b"PK\x03\x04junk", "not a valid zip")],
)
def test_a_bad_bundle_exits_with_one_line_and_changes_nothing(
    db: Database, tmp_path: Path, content: bytes, words: str
) -> None:
    AnnotationService(db).create("ap88/I/A/1", body="mine")
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    before = dump(db)
    result = run("annotations", "import", str(bad), "--data-dir", folder(db))
    assert result.returncode == 2 and result.stdout == ""
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("cprdesk: ") and words in result.stderr
    assert dump(db) == before


@pytest.mark.parametrize(
    "args",
    [
        ["annotations"],
        ["annotations", "export"],
        ["annotations", "import"],
        ["annotations", "import", "/no/such/bundle.json"],
        ["annotations", "import", "/"],
        ["annotations", "export", "--out", "/no/such/folder/b.json"],
        ["annotations", "export", "--out", "/"],
    ],
)
def test_user_mistakes_get_one_sentence(data_dir: Path, args: list[str]) -> None:
    result = run(*args, "--data-dir", str(data_dir))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
