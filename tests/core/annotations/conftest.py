"""Fixtures for the annotation tests: a database per delegate, and a full dump of the user tables to compare."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from cprdesk_core.database import Database, open_database

# Everything a user wrote, plus the notes' search index that must follow it.
USER_TABLES = ("user_profile", "user_annotation", "user_annotation_revision", "user_draft", "search_notes")


def dump(db: Database, tables: tuple[str, ...] = USER_TABLES) -> dict[str, list[tuple]]:
    """Every row of the user tables, read straight from the file, in a stable order."""
    con = sqlite3.connect(f"file:{db.path}?mode=ro", uri=True)
    try:
        return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
    finally:
        con.close()


@pytest.fixture
def db(data_dir: Path) -> Iterator[Database]:
    """A fresh database with the bundled corpus (first delegate)."""
    database = open_database(data_dir)
    yield database
    database.close()


@pytest.fixture
def other_db(template_data_dir: Path, tmp_path: Path) -> Iterator[Database]:
    """A second, independent data folder (another delegate's machine)."""
    folder = tmp_path / "other"
    shutil.copytree(template_data_dir, folder)
    database = open_database(folder)
    yield database
    database.close()
