"""Migrations produce exactly the models' schema; an upgrade of an existing database keeps a backup copy."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from cprdesk_db.engine import make_engine
from cprdesk_db.migrate import backup_copy, current_revision, head_revision, upgrade
from cprdesk_db.models import SEARCH_PREFIX, Base


def _include(obj, name, type_, reflected, compare_to) -> bool:  # noqa: ANN001
    return not (type_ == "table" and name.startswith(SEARCH_PREFIX))


def test_empty_database_upgrades_to_the_models(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    engine = make_engine(path)
    assert upgrade(engine, path) is None  # nothing to back up in a new file
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": _include})
        assert compare_metadata(context, Base.metadata) == []
        tables = {r[0] for r in connection.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))}
    assert {"search_words", "search_trigram"} <= tables
    engine.dispose()


def test_pragmas(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "db.sqlite3")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    engine.dispose()


def test_backup_copy_is_a_readable_database(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.execute("INSERT INTO t VALUES ('kept')")
    con.commit()
    con.close()
    copy = backup_copy(path, "0001")
    assert copy.exists() and copy != path
    assert sqlite3.connect(copy).execute("SELECT x FROM t").fetchall() == [("kept",)]


def test_upgrade_from_an_older_revision_makes_a_backup(tmp_path: Path) -> None:
    import pytest
    from alembic import command

    from cprdesk_db.migrate import alembic_config

    path = tmp_path / "db.sqlite3"
    engine = make_engine(path)
    upgrade(engine, path)
    command.downgrade(alembic_config(engine), "-1")
    if current_revision(engine) is None:
        pytest.skip("one revision so far: there is no older schema to upgrade from")
    backup = upgrade(engine, path)
    assert backup is not None and backup.exists()
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_head_revision_constant_matches_alembic() -> None:
    from cprdesk_db.revision import HEAD_REVISION

    assert HEAD_REVISION == head_revision()
