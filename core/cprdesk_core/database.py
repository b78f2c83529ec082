"""Opening the app's database: a fast check at start-up; migrations (with a backup) and corpus builds only when needed."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cprdesk_core.corpus.fingerprint import stat_fingerprint
from cprdesk_core.errors import N_, DatabaseError
from cprdesk_core.paths import DB_NAME
from cprdesk_db.revision import HEAD_REVISION

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from cprdesk_core.corpus.loader import BuildResult

SQLITE_HEADER = b"SQLite format 3\x00"


def connect(path: Path) -> sqlite3.Connection:
    """A plain SQLite connection with the same settings as the engine's (foreign keys, WAL, durable commits)."""
    connection = sqlite3.connect(path, check_same_thread=False)
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute("PRAGMA busy_timeout=5000")
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    return connection


@dataclass
class Database:
    """The open database file; SQLAlchemy's engine is made only when something needs it (writes, migrations)."""

    path: Path
    build: BuildResult | None = None
    _engine: Engine | None = None
    _sessions: sessionmaker[Session] | None = None
    _local: threading.local = field(default_factory=threading.local)
    _connections: list[sqlite3.Connection] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from cprdesk_db.engine import make_engine

            self._engine = make_engine(self.path)
        return self._engine

    @property
    def sessions(self) -> sessionmaker[Session]:
        if self._sessions is None:
            from cprdesk_db.engine import make_session_factory

            self._sessions = make_session_factory(self.engine)
        return self._sessions

    def connection(self) -> sqlite3.Connection:
        """This thread's plain SQLite connection, for reading."""
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = connect(self.path)
            self._local.connection = connection
            with self._lock:
                self._connections.append(connection)
        return connection

    def close(self) -> None:
        with self._lock:
            for connection in self._connections:
                connection.close()
            self._connections.clear()
        self._local = threading.local()
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
            self._sessions = None


def _check_header(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        header = fh.read(16)
    if header != SQLITE_HEADER:
        raise DatabaseError(N_("The file {path} is not a CPR Desk database."), path=path)


def _integrity_check(path: Path) -> None:
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


def _is_current(path: Path, fingerprint: str) -> bool:
    """True when the file is at the newest schema and holds the corpus with this fingerprint."""
    if not path.exists() or path.stat().st_size == 0:
        return False
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            revision = con.execute("SELECT version_num FROM alembic_version").fetchone()
            build = con.execute("SELECT source_fingerprint FROM corpus_build WHERE id = 1").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return False
    return revision == (HEAD_REVISION,) and build == (fingerprint,)


def open_database(data_dir: Path, corpus_dir: Path | None = None) -> Database:
    """Open (creating, upgrading, rebuilding the corpus as needed) the database in `data_dir`."""
    from cprdesk_resources import CORPUS_DIR

    corpus_dir = corpus_dir or CORPUS_DIR
    path = data_dir / DB_NAME
    _check_header(path)
    if _is_current(path, stat_fingerprint(corpus_dir)):
        return Database(path)
    if path.exists() and path.stat().st_size:
        _integrity_check(path)
    from sqlalchemy.exc import DatabaseError as SADatabaseError

    from cprdesk_core.corpus.loader import build_corpus
    from cprdesk_db.migrate import upgrade

    db = Database(path)
    try:
        upgrade(db.engine, path)
        with db.sessions.begin() as session:
            db.build = build_corpus(session, corpus_dir)
    except SADatabaseError as exc:
        db.close()
        raise DatabaseError(N_("The database {path} cannot be opened: {reason}"), path=path, reason=exc.orig) from exc
    except BaseException:
        db.close()
        raise
    return db
