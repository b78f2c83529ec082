"""Annotation bundles: export and import reproduce every note and revision; two delegates' bundles merge safely."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from cprdesk_core.annotations import bundle
from cprdesk_core.annotations.bundle import BundleExportError, export, import_bundle, read_bundle
from cprdesk_core.annotations.model import AnnotationFilter, Quote
from cprdesk_core.annotations.service import AnnotationService
from cprdesk_core.database import Database, open_database

from .conftest import dump


def service(db: Database, name: str, delegation: str) -> AnnotationService:
    notes = AnnotationService(db)
    notes.set_profile(name, delegation)
    return notes


@pytest.fixture
def amina(db: Database) -> AnnotationService:
    return service(db, "Amina Haddad", "Morocco")


@pytest.fixture
def li(other_db: Database) -> AnnotationService:
    return service(other_db, "Li Wei", "China")


def write_a_varied_set(notes: AnnotationService) -> list[str]:
    """Notes with every kind of field and history: quotes, scripts, tags, dates, trash, restore, detached items."""
    a = notes.create(
        "ap88/I/A/1", body="نؤيد هذا الإجراء؛ 我们支持。 Nous soutenons.", stance="support", priority="high",
        tags=["finance", "基金"], follow_up=True, follow_up_date="2026-12-31", include_in_briefing=True,
        quote=Quote("en", "Member States", "Encourage ", " to seek"),
    )
    notes.update(a.uuid, body="second wording", stance="support_with_amendments")
    notes.update(a.uuid, tags=["finance"])
    b = notes.create("ieg-reforms/17", body='<b>markup</b> & "quotes" stay text', quote=Quote("zh", "改革"))
    notes.delete(b.uuid)
    notes.restore(b.uuid)
    c = notes.create("ap88/II/A/1", body="binned")
    notes.delete(c.uuid)
    d = notes.create("ap88/IX/Z/99", body="on an item this corpus does not have")
    return [a.uuid, b.uuid, c.uuid, d.uuid]


def note_tables(db: Database) -> dict[str, list[tuple]]:
    return dump(db, ("user_annotation", "user_annotation_revision", "search_notes"))


# -- export and import ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["notes.json", "notes.zip"])
def test_export_then_import_into_a_fresh_data_dir_reproduces_every_note_and_revision(
    amina: AnnotationService, db: Database, other_db: Database, tmp_path: Path, name: str
) -> None:
    uuids = write_a_varied_set(amina)
    summary = export(db, tmp_path / name)
    assert summary.notes == 4 and summary.revisions == 9 and summary.size == (tmp_path / name).stat().st_size

    report = import_bundle(other_db, tmp_path / name)

    assert (report.added, report.updated, report.unchanged, report.conflicts) == (4, 0, 0, ())
    assert report.author_name == "Amina Haddad" and report.author_delegation == "Morocco"
    assert note_tables(other_db) == note_tables(db)
    li = AnnotationService(other_db)
    assert [r.snapshot["body"] for r in li.revisions(uuids[0])] == [
        "نؤيد هذا الإجراء؛ 我们支持。 Nous soutenons.", "second wording", "second wording",
    ]
    assert li.get(uuids[0]).quote == Quote("en", "Member States", "Encourage ", " to seek")
    assert li.search_uuids("soutenons") == [] and li.search_uuids("second wording") == [uuids[0]]
    assert [n.uuid for n in li.list(AnnotationFilter(in_trash=True))] == [uuids[2]]


def test_the_file_describes_itself(amina: AnnotationService, db: Database, tmp_path: Path) -> None:
    write_a_varied_set(amina)
    export(db, tmp_path / "b.json")
    document = json.loads((tmp_path / "b.json").read_text("utf-8"))
    assert document["format"] == "cprdesk-annotations" and document["version"] == 1
    assert document["generator"] == "CPR Desk 0.1" and document["exported_at"].endswith("Z")
    assert document["author"] == {"name": "Amina Haddad", "delegation": "Morocco"}
    assert len(document["corpus"]["source_hash"]) == 64
    note = document["annotations"][0]
    assert set(note) == {
        "uuid", "item_id", "quote", "body", "stance", "priority", "tags", "follow_up", "follow_up_date",
        "include_in_briefing", "author_name", "author_delegation", "created_at", "updated_at", "deleted_at",
        "head_revision", "conflict_of", "revisions",
    }
    assert note["quote"] == {"lang": "en", "exact": "Member States", "prefix": "Encourage ", "suffix": " to seek"}
    assert set(note["revisions"][0]) == {"id", "number", "parent_id", "action", "snapshot", "created_at", "author_name"}
    assert "نؤيد" in (tmp_path / "b.json").read_text("utf-8")  # UTF-8, readable, not \u escapes


def test_export_by_item_and_by_tag(amina: AnnotationService, db: Database, tmp_path: Path) -> None:
    a, b, _, _ = write_a_varied_set(amina)
    export(db, tmp_path / "items.json", items=["ieg-reforms/17", "ap88/III/C/2"])
    assert [n.uuid for n in read_bundle(tmp_path / "items.json").notes] == [b]
    export(db, tmp_path / "tags.json", tags=["FINANCE"])
    assert [n.uuid for n in read_bundle(tmp_path / "tags.json").notes] == [a]


def test_export_writes_the_whole_file_or_nothing(
    amina: AnnotationService, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_a_varied_set(amina)
    target = tmp_path / "kept.json"
    target.write_text("the previous bundle", "utf-8")

    def full_disk(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(bundle.os, "replace", full_disk)
    with pytest.raises(BundleExportError) as failure:
        export(db, target)
    assert "No space left on device" in str(failure.value)
    assert target.read_text("utf-8") == "the previous bundle"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "kept.json"]


@pytest.mark.parametrize("where", ["missing/folder/b.json", "."])
def test_export_to_an_impossible_place_is_one_sentence(db: Database, tmp_path: Path, where: str) -> None:
    with pytest.raises(BundleExportError) as failure:
        export(db, tmp_path / where)
    assert "\n" not in str(failure.value) and str(failure.value).endswith(".")


def test_importing_the_same_bundle_twice_changes_nothing(
    amina: AnnotationService, db: Database, other_db: Database, tmp_path: Path
) -> None:
    write_a_varied_set(amina)
    export(db, tmp_path / "b.zip")
    import_bundle(other_db, tmp_path / "b.zip")
    after_first = dump(other_db)
    again = import_bundle(other_db, tmp_path / "b.zip")
    assert (again.added, again.updated, again.unchanged, again.conflicts) == (0, 0, 4, ())
    assert dump(other_db) == after_first
    # and into the database it came from
    before = dump(db)
    assert import_bundle(db, tmp_path / "b.zip").unchanged == 4
    assert dump(db) == before


def test_notes_on_items_missing_from_the_corpus_are_kept_as_detached(
    amina: AnnotationService, db: Database, other_db: Database, tmp_path: Path
) -> None:
    *_, orphan = write_a_varied_set(amina)
    export(db, tmp_path / "b.json")
    report = import_bundle(other_db, tmp_path / "b.json")
    assert [(d.uuid, d.item_id) for d in report.detached] == [(orphan, "ap88/IX/Z/99")]
    kept = AnnotationService(other_db).get(orphan)
    assert kept.detached and kept.body == "on an item this corpus does not have"


# -- merging two delegates' work ------------------------------------------------------------------


def exchange(source: Database, target: Database, path: Path):  # noqa: ANN201 - an ImportReport
    export(source, path)
    return import_bundle(target, path)


def test_a_newer_bundle_fast_forwards_and_history_continues(
    amina: AnnotationService, li: AnnotationService, db: Database, other_db: Database, tmp_path: Path
) -> None:
    note = amina.create("ap88/III/C/2", body="first")
    exchange(db, other_db, tmp_path / "1.json")
    li.update(note.uuid, body="Li's wording", priority="high")
    li.delete(note.uuid)

    report = exchange(other_db, db, tmp_path / "2.json")

    assert (report.added, report.updated, report.unchanged) == (0, 1, 0)
    assert note_tables(db) == note_tables(other_db)
    ours = amina.get(note.uuid)
    assert ours.body == "Li's wording" and ours.in_trash and ours.revision_count == 3
    assert amina.search_uuids("wording") == []  # in the trash: out of the search index
    restored = amina.restore(note.uuid)
    assert restored.revision_count == 4 and amina.search_uuids("wording") == [note.uuid]
    assert [r.number for r in amina.revisions(note.uuid)] == [1, 2, 3, 4]


def test_an_older_bundle_changes_nothing(
    amina: AnnotationService, db: Database, tmp_path: Path
) -> None:
    note = amina.create("ap88/III/C/2", body="first")
    export(db, tmp_path / "old.json")
    amina.update(note.uuid, body="newer here")
    before = dump(db)
    report = import_bundle(db, tmp_path / "old.json")
    assert (report.added, report.updated, report.unchanged, report.conflicts) == (0, 0, 1, ())
    assert dump(db) == before


def test_both_changed_keeps_both_versions_as_a_visible_conflict(
    amina: AnnotationService, li: AnnotationService, db: Database, other_db: Database, tmp_path: Path
) -> None:
    note = amina.create("ap88/III/C/2", body="common text", stance="concern")
    exchange(db, other_db, tmp_path / "start.json")
    amina.update(note.uuid, body="Amina's text")
    li.update(note.uuid, body="Li's text", stance="support")

    report = exchange(other_db, db, tmp_path / "li.json")

    assert (report.added, report.updated, report.unchanged) == (0, 0, 0)
    [conflict] = report.conflicts
    assert conflict.original == note.uuid and conflict.copy != note.uuid and conflict.item_id == "ap88/III/C/2"
    assert amina.get(note.uuid).body == "Amina's text"  # the local note is kept as it is
    copy = amina.get(conflict.copy)
    assert copy.body == "Li's text" and copy.stance == "support" and copy.conflict_of == note.uuid
    assert copy.author_name == "Amina Haddad"  # the note's author; the revision says who changed it
    revisions = amina.revisions(conflict.copy)
    assert [r.snapshot["body"] for r in revisions] == ["common text", "Li's text"]
    assert revisions[-1].author_name == "Li Wei"
    assert [r.snapshot["origin"]["note"] for r in revisions] == [note.uuid, note.uuid]
    originals = {r.id for r in li.revisions(note.uuid)}
    assert {r.snapshot["origin"]["revision"] for r in revisions} == originals
    assert not originals & {r.id for r in revisions}  # copied under new ids
    assert sorted(n.uuid for n in amina.for_item("ap88/III/C/2")) == sorted([note.uuid, conflict.copy])
    assert amina.search_uuids("Li's text") == [conflict.copy]

    # Importing it again finds the copy it made and changes nothing.
    before = dump(db)
    again = import_bundle(db, tmp_path / "li.json")
    assert (again.unchanged, again.conflicts) == (1, ())
    assert dump(db) == before


def test_two_delegates_exchanging_bundles_settle_without_copies_of_their_own_notes(
    amina: AnnotationService, li: AnnotationService, db: Database, other_db: Database, tmp_path: Path
) -> None:
    note = amina.create("ieg-reforms/6", body="common")
    exchange(db, other_db, tmp_path / "0.json")
    amina.update(note.uuid, body="Amina")
    li.update(note.uuid, body="Li")
    exchange(other_db, db, tmp_path / "1.json")  # Amina now has Li's version as a copy

    report = exchange(db, other_db, tmp_path / "2.json")  # Li gets Amina's version, not a copy of Li's own

    assert len(report.conflicts) == 1 and report.unchanged == 1
    bodies = lambda s: sorted(n.body for n in s.list())  # noqa: E731
    assert bodies(amina) == bodies(li) == ["Amina", "Li"]
    # From here on the exchanges change nothing, in either direction.
    settled_a, settled_b = dump(db), dump(other_db)
    exchange(other_db, db, tmp_path / "3.json")
    exchange(db, other_db, tmp_path / "4.json")
    assert dump(db) == settled_a and dump(other_db) == settled_b


def test_later_edits_on_the_other_side_update_the_same_conflict_copy(
    amina: AnnotationService, li: AnnotationService, db: Database, other_db: Database, tmp_path: Path
) -> None:
    note = amina.create("ap88/I/A/1", body="common")
    exchange(db, other_db, tmp_path / "0.json")
    amina.update(note.uuid, body="Amina")
    li.update(note.uuid, body="Li 1")
    first = exchange(other_db, db, tmp_path / "1.json").conflicts[0].copy
    li.update(note.uuid, body="Li 2")

    report = exchange(other_db, db, tmp_path / "2.json")

    assert [c.copy for c in report.conflicts] == [first]
    assert amina.get(first).body == "Li 2" and amina.get(first).revision_count == 3
    assert len(amina.list()) == 2


def test_a_bundle_from_a_third_delegate_merges_note_by_note(
    amina: AnnotationService, li: AnnotationService, db: Database, other_db: Database, tmp_path: Path
) -> None:
    shared = amina.create("ap88/I/A/1", body="shared")
    exchange(db, other_db, tmp_path / "0.json")
    li.update(shared.uuid, body="shared, edited by Li")
    new = li.create("ap88/I/B/3", body="Li's own note")
    amina.create("ap88/I/A/2", body="Amina's own note")

    report = exchange(other_db, db, tmp_path / "1.json")

    assert (report.added, report.updated, report.unchanged, report.conflicts) == (1, 1, 0, ())
    assert amina.get(new.uuid).body == "Li's own note" and amina.get(shared.uuid).body == "shared, edited by Li"
    assert len(amina.list()) == 3


def test_the_import_is_one_transaction(
    amina: AnnotationService, db: Database, other_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_a_varied_set(amina)
    export(db, tmp_path / "b.json")
    before = dump(other_db)
    calls = 0
    real = bundle.index_note

    def fail_on_the_third(session, row) -> None:  # noqa: ANN001
        nonlocal calls
        calls += 1
        if calls == 3:
            raise OSError("the disk went away")
        real(session, row)

    monkeypatch.setattr(bundle, "index_note", fail_on_the_third)
    with pytest.raises(OSError):
        import_bundle(other_db, tmp_path / "b.json")
    assert dump(other_db) == before


def test_a_reopened_database_sees_the_import(
    amina: AnnotationService, db: Database, other_db: Database, tmp_path: Path
) -> None:
    write_a_varied_set(amina)
    exchange(db, other_db, tmp_path / "b.json")
    other_db.close()
    reopened = open_database(other_db.path.parent)
    try:
        assert len(AnnotationService(reopened).list()) == 3
    finally:
        reopened.close()
    assert os.path.exists(other_db.path)


def test_a_conflict_copy_changed_on_both_sides_gets_its_own_copy_once(
    amina: AnnotationService, li: AnnotationService, db: Database, other_db: Database, tmp_path: Path
) -> None:
    note = amina.create("ap88/I/A/1", body="common")
    exchange(db, other_db, tmp_path / "0.json")
    amina.update(note.uuid, body="Amina")
    li.update(note.uuid, body="Li 1")
    copy = exchange(other_db, db, tmp_path / "1.json").conflicts[0].copy
    amina.update(copy, body="Li 1, annotated by Amina")  # Amina works on Li's version here …
    li.update(note.uuid, body="Li 2")  # … while Li goes on with it there

    report = exchange(other_db, db, tmp_path / "2.json")

    [conflict] = report.conflicts
    assert conflict.original == note.uuid and conflict.copy not in (note.uuid, copy)
    assert amina.get(copy).body == "Li 1, annotated by Amina"
    assert amina.get(conflict.copy).body == "Li 2" and amina.get(conflict.copy).conflict_of == note.uuid
    before = dump(db)
    assert import_bundle(db, tmp_path / "2.json").unchanged == 1
    assert dump(db) == before


def test_a_database_busy_elsewhere_gives_one_sentence_and_changes_nothing(
    amina: AnnotationService, db: Database, other_db: Database, tmp_path: Path
) -> None:
    write_a_varied_set(amina)
    export(db, tmp_path / "b.json")
    before = dump(other_db)
    blocker = sqlite3.connect(other_db.path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another program holds the write lock past the 5 s busy timeout
    try:
        with pytest.raises(bundle.BundleImportError) as failure:
            import_bundle(other_db, tmp_path / "b.json")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert "cannot be saved in the database: database is locked" in str(failure.value)
    assert dump(other_db) == before
