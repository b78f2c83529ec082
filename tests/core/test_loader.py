"""Building the database from the corpus: complete, idempotent, stable ids, user tables untouched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import func, select

from cprdesk_core.corpus.loader import build_corpus
from cprdesk_core.database import open_database
from cprdesk_db.models import CorpusItem, CorpusText
from cprdesk_resources import CORPUS_DIR


def test_fresh_database_has_the_whole_corpus(data_dir: Path) -> None:
    db = open_database(data_dir)
    with db.sessions() as s:
        kinds = dict(s.execute(select(CorpusItem.kind, func.count()).group_by(CorpusItem.kind)).all())
        docs = set(s.scalars(select(CorpusItem.document_id).distinct()))
        zh = s.scalar(select(func.count()).select_from(CorpusText).where(CorpusText.lang == "zh"))
        items = s.scalar(select(func.count()).select_from(CorpusItem))
    assert kinds["action"] == 88 and kinds["reform"] == 30
    assert docs == {"ap88", "ieg-reforms", "emg-unea1", "undp-unep-mou", "programme-plan"}
    assert zh == items, "every item has its Chinese text"
    db.close()


def test_rebuild_is_idempotent_and_keeps_ids(data_dir: Path) -> None:
    db = open_database(data_dir)
    with db.sessions() as s:
        before = s.execute(select(CorpusItem.id, CorpusItem.position, CorpusItem.ref).order_by(CorpusItem.id)).all()
    with db.sessions.begin() as s:
        assert build_corpus(s, CORPUS_DIR).rebuilt is False
    with db.sessions.begin() as s:
        assert build_corpus(s, CORPUS_DIR, force=True).rebuilt is True
    with db.sessions() as s:
        after = s.execute(select(CorpusItem.id, CorpusItem.position, CorpusItem.ref).order_by(CorpusItem.id)).all()
    assert before == after
    db.close()


def test_rebuild_never_touches_user_tables(data_dir: Path) -> None:
    db = open_database(data_dir)
    db.close()
    con = sqlite3.connect(data_dir / "cprdesk.sqlite3")
    con.execute("CREATE TABLE user_probe (id INTEGER PRIMARY KEY, body TEXT)")
    con.execute("INSERT INTO user_probe (body) VALUES ('note of a delegate')")
    con.commit()
    con.close()
    db = open_database(data_dir)
    with db.sessions.begin() as s:
        build_corpus(s, CORPUS_DIR, force=True)
    db.close()
    con = sqlite3.connect(data_dir / "cprdesk.sqlite3")
    assert con.execute("SELECT body FROM user_probe").fetchall() == [("note of a delegate",)]
    con.close()


def test_action_refs_and_fields(data_dir: Path) -> None:
    db = open_database(data_dir)
    with db.sessions() as s:
        item = s.get(CorpusItem, "ap88/III/C/2")
        unlettered = s.get(CorpusItem, "ap88/IV/3")
    assert item.ref == "88(c) III.C.2"
    assert item.attrs == {"subparagraph": "88(c)", "section": "III", "subsection": "C", "number": 2}
    assert unlettered.ref == "88(d) IV.3" and unlettered.attrs["subsection"] is None
    db.close()


def test_a_broken_corpus_changes_nothing(data_dir: Path, tmp_path: Path) -> None:
    import shutil

    import pytest

    from cprdesk_core.errors import CorpusError

    broken = tmp_path / "corpus"
    shutil.copytree(CORPUS_DIR, broken)
    path = broken / "ap88" / "zh.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: action", "kind: nonsense", 1), encoding="utf-8")
    db = open_database(data_dir)
    with pytest.raises(CorpusError), db.sessions.begin() as s:
        build_corpus(s, broken)
    with db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(CorpusItem).where(CorpusItem.kind == "action")) == 88
    db.close()
