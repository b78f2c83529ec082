"""Alembic migrations run in code at start-up, after a backup copy of the database file."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    script = ScriptDirectory.from_config(alembic_config(None))  # type: ignore[arg-type]
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def backup_copy(db_path: Path, revision: str | None) -> Path:
    """A consistent copy of the database (through SQLite's backup API) beside it, before an upgrade."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = db_path.with_name(f"{db_path.stem}.before-upgrade-{revision or 'empty'}-{stamp}{db_path.suffix}")
    source = sqlite3.connect(db_path)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target


def upgrade(engine: Engine, db_path: Path | None = None) -> Path | None:
    """Bring the schema to the newest revision; returns the backup made, if any.

    A database that already has tables gets a backup copy first, so that a
    failed or unwanted upgrade can never cost a user their annotations.
    """
    current = current_revision(engine)
    if current == head_revision():
        return None
    backup = None
    if db_path is not None and current is not None and db_path.exists():
        backup = backup_copy(db_path, current)
    command.upgrade(alembic_config(engine), "head")
    return backup


def prune_backups(db_path: Path, keep: int = 3) -> None:
    """Keep only the newest `keep` pre-upgrade copies."""
    copies = sorted(db_path.parent.glob(f"{db_path.stem}.before-upgrade-*{db_path.suffix}"))
    for old in copies[:-keep]:
        old.unlink(missing_ok=True)
