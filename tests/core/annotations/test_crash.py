"""Killed at any moment, the app keeps every save that returned: a writer process is SIGKILLed 100 times."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sqlite3
import time
from pathlib import Path

from cprdesk_core.database import open_database

KILLS = 100


def _writer(data_dir: str, ack_path: str, seed: int) -> None:
    """Save notes as fast as possible; after each save returns, append an acknowledgement line."""
    from cprdesk_core.annotations.service import AnnotationService

    db = open_database(Path(data_dir))
    notes = AnnotationService(db)
    fd = os.open(ack_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    for i in range(100_000):
        body = f"{seed}-{i}"
        note = notes.create("ap88/I/A/1", body=body, tags=["crash"])
        os.write(fd, f"C {note.uuid} {body}\n".encode())
        notes.update(note.uuid, body=body + "-edited")
        os.write(fd, f"U {note.uuid} {body}-edited\n".encode())
        notes.save_draft(f"draft-{seed}", "ap88/I/A/1", note.uuid, body + " typing…")


def test_every_acknowledged_save_survives_sigkill(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    open_database(data).close()  # build the corpus once; the writers open an up-to-date database
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["cprdesk_core.annotations.service", "sqlalchemy.orm", "cprdesk_db.models"])
    ack = tmp_path / "acks.txt"
    rng = random.Random(20261122)
    deadline = time.monotonic() + 240
    for n in range(KILLS):
        assert time.monotonic() < deadline, f"only {n} kills in the time allowed"
        process = ctx.Process(target=_writer, args=(str(data), str(ack), n))
        process.start()
        time.sleep(rng.uniform(0.05, 0.4))
        os.kill(process.pid, signal.SIGKILL)
        process.join()
        assert process.exitcode == -signal.SIGKILL

    expected: dict[str, str] = {}
    for line in ack.read_text(encoding="utf-8").splitlines(keepends=True):
        if not line.endswith("\n"):
            continue  # killed while writing the acknowledgement itself
        kind, uuid, body = line.split(" ", 2)
        expected[uuid] = body.rstrip("\n")
    assert len(expected) > KILLS, "the writers saved something before being killed"

    con = sqlite3.connect(data / "cprdesk.sqlite3")
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    stored = dict(con.execute("SELECT uuid, body FROM user_annotation"))
    revisions = dict(con.execute("SELECT annotation_uuid, count(*) FROM user_annotation_revision GROUP BY annotation_uuid"))
    con.close()
    for uuid, body in expected.items():
        assert uuid in stored, f"acknowledged note {uuid} was lost"
        # The save after the last acknowledgement may also have reached the disk.
        assert stored[uuid] in (body, body + "-edited"), (uuid, body, stored[uuid])
        assert revisions[uuid] >= (2 if body.endswith("-edited") else 1)
    db = open_database(data)  # and the app opens it again as usual
    db.close()
