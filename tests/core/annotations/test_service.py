"""Annotations: every change kept as a revision, trash and restore, drafts, quotes, filters, bad values refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from cprdesk_core.annotations.model import AnnotationFilter, Quote
from cprdesk_core.annotations.service import AnnotationError, AnnotationService
from cprdesk_core.corpus.loader import build_corpus
from cprdesk_core.database import open_database
from cprdesk_resources import CORPUS_DIR


@pytest.fixture
def notes(data_dir: Path):  # noqa: ANN201
    db = open_database(data_dir)
    service = AnnotationService(db)
    service.set_profile("Amina Haddad", "Morocco")
    yield service
    db.close()


def test_create_keeps_author_and_a_first_revision(notes: AnnotationService) -> None:
    note = notes.create("ap88/I/A/1", body="Nous soutenons.", stance="support", tags=["finance"])
    assert note.author_name == "Amina Haddad" and note.author_delegation == "Morocco"
    assert note.revision_count == 1 and note.stance == "support" and note.tags == ("finance",)
    assert [r.action for r in notes.revisions(note.uuid)] == ["create"]


def test_every_change_is_a_revision_and_can_be_restored(notes: AnnotationService) -> None:
    note = notes.create("ap88/I/A/1", body="first")
    notes.update(note.uuid, body="second")
    notes.update(note.uuid, body="second")  # no change, no revision
    note = notes.update(note.uuid, priority="high")
    revisions = notes.revisions(note.uuid)
    assert [r.snapshot["body"] for r in revisions] == ["first", "second", "second"]
    assert [r.number for r in revisions] == [1, 2, 3]
    assert revisions[1].parent_id == revisions[0].id
    restored = notes.restore_revision(note.uuid, revisions[0].id)
    assert restored.body == "first" and restored.priority == "normal" and restored.revision_count == 4


def test_trash_and_restore_never_lose_a_note(notes: AnnotationService) -> None:
    note = notes.create("ap88/II/A/1", body="keep me")
    notes.delete(note.uuid)
    assert notes.for_item("ap88/II/A/1") == []
    assert [n.uuid for n in notes.list(AnnotationFilter(in_trash=True))] == [note.uuid]
    notes.restore(note.uuid)
    assert [n.body for n in notes.for_item("ap88/II/A/1")] == ["keep me"]
    notes.delete(note.uuid)
    assert notes.empty_trash() == 1
    assert notes.list(AnnotationFilter(in_trash=True)) == []


def test_arabic_and_chinese_notes_round_trip(notes: AnnotationService) -> None:
    body = "نؤيد هذا الإجراء مع تعديلات طفيفة؛ انظر القرار 4/22.\n我们支持，但需修改第 3 段。"
    note = notes.create("ap88/I/B/3", body=body, tags=["أولوية", "基金"])
    assert notes.get(note.uuid).body == body
    assert notes.get(note.uuid).tags == ("أولوية", "基金")


def test_markup_is_stored_as_typed(notes: AnnotationService) -> None:
    body = '<font size=80>big</font> <img src="/etc/passwd"/> &amp; <br/> a < b'
    assert notes.get(notes.create("ap88/I/A/2", body=body).uuid).body == body


def test_quote_anchor_is_kept(notes: AnnotationService) -> None:
    quote = Quote("en", "Member States", "Encourage more ", " to seek")
    note = notes.create("ap88/I/A/2", quote=quote)
    assert notes.get(note.uuid).quote == quote
    assert notes.set_quote(note.uuid, None).quote is None


@pytest.mark.parametrize(
    "values",
    [{"stance": "maybe"}, {"priority": "urgent"}, {"follow_up_date": "31/12/2026"}, {"tags": ["x"] * 0 + [str(i) for i in range(60)]},
     {"body": 5}],
)
def test_bad_values_are_refused_and_change_nothing(notes: AnnotationService, values: dict) -> None:
    note = notes.create("ap88/I/A/1", body="unchanged")
    with pytest.raises(AnnotationError):
        notes.update(note.uuid, **values)
    assert notes.get(note.uuid).body == "unchanged" and notes.get(note.uuid).revision_count == 1


def test_filters(notes: AnnotationService) -> None:
    a = notes.create("ap88/I/A/1", stance="support", priority="high", tags=["Finance"], follow_up=True)
    b = notes.create("ieg-reforms/17", stance="oppose", quote=Quote("zh", "改革"))
    assert [n.uuid for n in notes.list(AnnotationFilter(stances=("support",)))] == [a.uuid]
    assert [n.uuid for n in notes.list(AnnotationFilter(priorities=("high",)))] == [a.uuid]
    assert [n.uuid for n in notes.list(AnnotationFilter(tag="finance"))] == [a.uuid]
    assert [n.uuid for n in notes.list(AnnotationFilter(follow_up=True))] == [a.uuid]
    assert [n.uuid for n in notes.list(AnnotationFilter(has_highlight=True))] == [b.uuid]
    assert [n.uuid for n in notes.list(AnnotationFilter(document_id="ieg-reforms"))] == [b.uuid]
    assert notes.items_with_notes() == {"ap88/I/A/1": 1, "ieg-reforms/17": 1}


def test_notes_are_searchable(notes: AnnotationService) -> None:
    note = notes.create("ap88/I/A/1", body="Délégation favorable au financement", tags=["基金"])
    assert notes.search_uuids("financement") == [note.uuid]
    assert notes.search_uuids("FINANCEMENT délégation") == [note.uuid]
    assert notes.search_uuids("基金") == [note.uuid]
    notes.delete(note.uuid)
    assert notes.search_uuids("financement") == []


def test_drafts_survive_until_discarded(notes: AnnotationService) -> None:
    notes.save_draft("ap88/I/A/1|new", "ap88/I/A/1", None, "half a sentence")
    notes.save_draft("ap88/I/A/1|new", "ap88/I/A/1", None, "half a sentence, more")
    assert [d.body for d in notes.drafts()] == ["half a sentence, more"]
    notes.discard_draft("ap88/I/A/1|new")
    assert notes.drafts() == []


def test_a_corpus_rebuild_keeps_notes_and_marks_missing_items_detached(notes: AnnotationService, data_dir: Path) -> None:
    kept = notes.create("ap88/I/A/1", body="on a real item")
    orphan = notes.create("ap88/IX/Z/99", body="on an item this corpus does not have")
    db = open_database(data_dir)
    with db.sessions.begin() as s:
        build_corpus(s, CORPUS_DIR, force=True)
    db.close()
    assert notes.get(kept.uuid).body == "on a real item" and not notes.get(kept.uuid).detached
    assert notes.get(orphan.uuid).detached
