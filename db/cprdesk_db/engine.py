"""Engine and sessions for the SQLite database file: foreign keys on, WAL journal, durable commits."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker


def _configure_connection(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        # WAL keeps readers and the writer apart; synchronous=FULL makes every
        # commit that returned survive a power cut, not only a killed process.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
    finally:
        cursor.close()


def _begin_immediate(connection) -> None:  # noqa: ANN001 - SQLAlchemy's Connection
    # Take SQLite's write lock when the transaction starts, not at its first write: a change that
    # reads before it writes (a new revision after the current head) can then never interleave
    # with another writer. It also makes migrations' DDL transactional.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(path: Path | str) -> Engine:
    """An engine on the database file at `path` (created if missing)."""
    url = "sqlite+pysqlite:///" + str(path)
    engine = create_engine(url, connect_args={"check_same_thread": False, "isolation_level": None})
    event.listen(engine, "connect", _configure_connection)
    event.listen(engine, "begin", _begin_immediate)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
