"""Opening the app's database: migrate (with a backup), build the corpus if it changed, hand out sessions."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.orm import Session, sessionmaker

from cprdesk_core.corpus.loader import BuildResult, build_corpus
from cprdesk_core.errors import N_, DatabaseError
from cprdesk_core.paths import DB_NAME
from cprdesk_db.engine import make_engine, make_session_factory
from cprdesk_db.migrate import upgrade


@dataclass
class Database:
    """The open database: its file, engine and session factory."""

    path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    build: BuildResult | None = None

    def close(self) -> None:
        self.engine.dispose()


def _check_sqlite_file(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        header = fh.read(16)
    if header != b"SQLite format 3\x00":
        raise DatabaseError(N_("The file {path} is not a CPR Desk database."), path=path)
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = con.execute("PRAGMA quick_check").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(N_("The database {path} is damaged: {reason}"), path=path, reason=exc) from exc
    if not result or result[0] != "ok":
        raise DatabaseError(N_("The database {path} is damaged: {reason}"), path=path, reason=result[0] if result else "?")


def open_database(data_dir: Path, corpus_dir: Path | None = None) -> Database:
    """Open (creating or upgrading) the database in `data_dir` and make sure the corpus is built."""
    from cprdesk_resources import CORPUS_DIR

    path = data_dir / DB_NAME
    _check_sqlite_file(path)
    engine = make_engine(path)
    try:
        upgrade(engine, path)
        sessions = make_session_factory(engine)
        with sessions.begin() as session:
            build = build_corpus(session, corpus_dir or CORPUS_DIR)
    except SADatabaseError as exc:
        engine.dispose()
        raise DatabaseError(N_("The database {path} cannot be opened: {reason}"), path=path, reason=exc.orig) from exc
    return Database(path, engine, sessions, build)
