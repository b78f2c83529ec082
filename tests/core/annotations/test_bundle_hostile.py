"""Hostile and broken bundle files: each gets one clear sentence, and the database stays exactly as it was."""

from __future__ import annotations

import copy
import io
import json
import os
import stat
import struct
import time
import uuid
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cprdesk_core.annotations import bundle
from cprdesk_core.annotations.bundle import BundleImportError, import_bundle
from cprdesk_core.annotations.service import AnnotationService
from cprdesk_core.database import Database

from .conftest import dump

MiB = 1024 * 1024


def revision(number: int, parent: str | None, body: str, rev_id: str | None = None) -> dict[str, Any]:
    return {
        "id": rev_id or str(uuid.uuid4()),
        "number": number,
        "parent_id": parent,
        "action": "create" if parent is None else "edit",
        "snapshot": {
            "item_id": "ap88/I/A/1", "quote_lang": None, "quote_exact": None, "quote_prefix": None,
            "quote_suffix": None, "body": body, "stance": "support", "priority": "normal", "tags": ["t"],
            "follow_up": False, "follow_up_date": None, "include_in_briefing": False, "deleted": False,
        },
        "created_at": "2026-11-20T09:00:00Z",
        "author_name": "Sam Okafor",
    }


def note(body: str = "from the bundle", revisions: int = 2) -> dict[str, Any]:
    chain: list[dict[str, Any]] = []
    for number in range(1, revisions + 1):
        chain.append(revision(number, chain[-1]["id"] if chain else None, f"{body} {number}"))
    return {
        "uuid": str(uuid.uuid4()), "item_id": "ap88/I/A/1", "quote": None, "body": f"{body} {revisions}",
        "stance": "support", "priority": "normal", "tags": ["t"], "follow_up": False, "follow_up_date": None,
        "include_in_briefing": False, "author_name": "Sam Okafor", "author_delegation": "Nigeria",
        "created_at": "2026-11-20T09:00:00Z", "updated_at": "2026-11-20T09:30:00+00:00", "deleted_at": None,
        "head_revision": chain[-1]["id"], "conflict_of": None, "revisions": chain,
    }


def document(*notes: dict[str, Any]) -> dict[str, Any]:
    return {
        "format": "cprdesk-annotations", "version": 1, "exported_at": "2026-11-21T10:00:00Z",
        "generator": "CPR Desk 0.1", "author": {"name": "Sam Okafor", "delegation": "Nigeria"},
        "corpus": {}, "annotations": list(notes) or [note(), note("another")],
    }


def as_bytes(doc: Any) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def changed(edit: Callable[[dict[str, Any]], None]) -> bytes:
    """A valid document with one thing broken by `edit` (which gets the whole document)."""
    doc = document()
    edit(doc)
    return as_bytes(doc)


def first(doc: dict[str, Any]) -> dict[str, Any]:
    return doc["annotations"][0]


def zipped(members: list[tuple[str | zipfile.ZipInfo, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        warnings.simplefilter("ignore")  # a duplicate name is the point of one case
        for name, data in members:
            zf.writestr(name, data)
    return buffer.getvalue()


def symlink_member() -> bytes:
    info = zipfile.ZipInfo("bundle.json")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return zipped([(info, b"/etc/passwd")])


def zip_bomb() -> bytes:
    """65 MiB of spaces (a valid JSON prefix) squeezed into a small archive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf, zf.open("bundle.json", "w", force_zip64=True) as fh:
        block = b" " * MiB
        for _ in range(65):
            fh.write(block)
    return buffer.getvalue()


def lying_zip_bomb() -> bytes:
    """The same bomb, with headers that claim the member is only 100 bytes long."""
    data = bytearray(zipped([("bundle.json", b" " * (65 * MiB))]))
    for signature, size_offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        struct.pack_into("<I", data, at + size_offset, 100)
    return bytes(data)


def reuse_a_local_revision(db: Database) -> bytes:
    """Two good notes, then one that borrows a revision id of a note already in the database (found only while writing)."""
    local_revision = db.connection().execute("SELECT id FROM user_annotation_revision").fetchone()[0]
    bad = note("thief", revisions=1)
    bad["revisions"][0]["id"] = bad["head_revision"] = local_revision
    return as_bytes(document(note("good"), note("also good"), bad))


def deep_in_valid_json() -> bytes:
    doc = document()
    nested: Any = "deep"
    for _ in range(40):
        nested = [nested]
    first(doc)["revisions"][0]["snapshot"]["extra"] = nested
    return as_bytes(doc)


def chain_with_a_cycle(doc: dict[str, Any]) -> None:
    revs = first(doc)["revisions"]
    revs[0]["parent_id"] = revs[1]["id"]


def two_first_revisions(doc: dict[str, Any]) -> None:
    first(doc)["revisions"].append(revision(3, None, "a second root"))


VALID = as_bytes(document())

# case → (file name, content or a function of the database giving it, words the message must contain)
HOSTILE: dict[str, tuple[str, Any, str]] = {
    "malformed JSON": ("b.json", b'{"format": "cprdesk-annotations", "version": 1,, }', "not valid JSON (line 1"),
    "truncated file": ("b.json", VALID[: len(VALID) // 2], "cut short"),
    "truncated inside a string": ("b.json", VALID[: VALID.index(b"from the bundle") + 4], "cut short"),
    "empty file": ("b.json", b"", "is empty"),
    "only white space": ("b.json", b" \n\t\n", "is empty"),
    "unknown format": ("b.json", changed(lambda d: d.update(format="zotero-export")), "not a CPR Desk annotation bundle"),
    "a JSON list, not an object": ("b.json", b"[1, 2, 3]", "not a CPR Desk annotation bundle"),
    "a newer version": ("b.json", changed(lambda d: d.update(version=2)), "newer than this CPR Desk reads"),
    "version zero": ("b.json", changed(lambda d: d.update(version=0)), "unknown format version"),
    "version as text": ("b.json", changed(lambda d: d.update(version="1")), 'unknown format version: "1".'),
    "not UTF-8 (Latin-1)": ("b.json", as_bytes(document()).replace(b"from", "fr\u00e9m".encode("latin-1")), "not UTF-8"),
    "not UTF-8 (UTF-16)": ("b.json", json.dumps(document()).encode("utf-16"), "not UTF-8"),
    "nested 100000 deep": ("b.json", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    "nested 40 deep inside a valid bundle": ("b.json", deep_in_valid_json(), "nested too deeply"),
    "NaN": ("b.json", as_bytes(document()).replace(b'"number": 1', b'"number": NaN', 1), "not valid JSON"),
    "a 5000-digit number": ("b.json", as_bytes(document()).replace(b'"number": 1', b'"number": 1' + b"0" * 5000, 1), "not valid JSON"),
    "a repeated key": ("b.json", b'{"format": "cprdesk-annotations", "format": "x"}', "repeats the key format"),
    "a lone surrogate": ("b.json", as_bytes(document()).replace(b"from the bundle", b"\\ud800 oops", 1), "not valid Unicode"),
    "the same note twice": ("b.json", changed(lambda d: d["annotations"].append(copy.deepcopy(first(d)))), "holds the note"),
    "the same uuid twice": ("b.json", changed(lambda d: d["annotations"][1].update(uuid=first(d)["uuid"])), "holds the note"),
    "the same revision id in two notes": (
        "b.json",
        changed(lambda d: d["annotations"][1]["revisions"][0].update(id=first(d)["revisions"][0]["id"])),
        "holds the revision",
    ),
    "body is a number": ("b.json", changed(lambda d: first(d).update(body=5)), "annotations[0].body must be text"),
    "tags is text": ("b.json", changed(lambda d: first(d).update(tags="a,b")), "annotations[0].tags must be a list"),
    "follow_up is text": ("b.json", changed(lambda d: first(d).update(follow_up="yes")), "must be true or false"),
    "revision number is true": (
        "b.json", changed(lambda d: first(d)["revisions"][0].update(number=True)), "must be a whole number",
    ),
    "annotations is an object": ("b.json", changed(lambda d: d.update(annotations={})), "annotations must be a list"),
    "a note is a string": ("b.json", changed(lambda d: d["annotations"].insert(0, "note")), "must be an object"),
    "missing item_id": ("b.json", changed(lambda d: first(d).pop("item_id")), "lacks the field annotations[0].item_id"),
    "missing revisions": ("b.json", changed(lambda d: first(d).pop("revisions")), "lacks the field annotations[0].revisions"),
    "missing annotations": ("b.json", changed(lambda d: d.pop("annotations")), "lacks the field annotations"),
    "no revisions": ("b.json", changed(lambda d: first(d).update(revisions=[])), "at least one revision"),
    "invalid stance": ("b.json", changed(lambda d: first(d).update(stance="maybe")), "is not a stance: maybe"),
    "invalid priority": ("b.json", changed(lambda d: first(d).update(priority="urgent")), "is not a priority"),
    "invalid stance in a revision": (
        "b.json", changed(lambda d: first(d)["revisions"][0]["snapshot"].update(stance="x")), "snapshot.stance",
    ),
    "invalid follow-up date": ("b.json", changed(lambda d: first(d).update(follow_up_date="31/12/2026")), "YYYY-MM-DD"),
    "impossible follow-up date": ("b.json", changed(lambda d: first(d).update(follow_up_date="2026-02-30")), "YYYY-MM-DD"),
    "invalid timestamp": ("b.json", changed(lambda d: first(d).update(created_at="yesterday")), "ISO 8601"),
    "uuid that is a path": ("b.json", changed(lambda d: first(d).update(uuid="../../etc/passwd")), "UUID form"),
    "item id of 10000 characters": ("b.json", changed(lambda d: first(d).update(item_id="x" * 10_000)), "longer than 128"),
    "body over a million characters": (
        "b.json", changed(lambda d: first(d).update(body="y" * 1_000_001)), "longer than 1000000",
    ),
    "author name of a megabyte": ("b.json", changed(lambda d: d["author"].update(name="z" * MiB)), "author.name is longer"),
    "too many tags": ("b.json", changed(lambda d: first(d).update(tags=[str(i) for i in range(51)])), "more than 50 tags"),
    "head not among the revisions": (
        "b.json", changed(lambda d: first(d).update(head_revision=str(uuid.uuid4()))), "is not among its revisions",
    ),
    "chain broken before the head": (
        "b.json", changed(lambda d: first(d)["revisions"][1].update(parent_id=str(uuid.uuid4()))), "do not form one chain",
    ),
    "chain with a cycle": ("b.json", changed(chain_with_a_cycle), "do not form one chain"),
    "a revision off the chain": ("b.json", changed(two_first_revisions), "do not form one chain"),
    "numbers out of order": (
        "b.json", changed(lambda d: first(d)["revisions"][1].update(number=1)), "out of order",
    ),
    "a revision of a note already here": ("b.json", reuse_a_local_revision, "reuses the revision"),
    "zip bomb": ("b.zip", lambda _db: zip_bomb(), "unpacks to more than the 64 MiB"),
    "zip bomb with lying headers": ("b.zip", lambda _db: lying_zip_bomb(), "not a valid zip archive"),
    "zip with two members": ("b.zip", zipped([("bundle.json", VALID), ("readme.txt", b"hi")]), "holds 2"),
    "zip with two bundle.json": ("b.zip", zipped([("bundle.json", VALID), ("bundle.json", VALID)]), "holds 2"),
    "empty zip": ("b.zip", zipped([]), "holds 0"),
    "zip path with ..": ("b.zip", zipped([("../bundle.json", VALID)]), "not ../bundle.json"),
    "zip with an absolute path": ("b.zip", zipped([("/tmp/bundle.json", VALID)]), "not /tmp/bundle.json"),
    "zip with a folder": ("b.zip", zipped([("notes/bundle.json", VALID)]), "not notes/bundle.json"),
    "zip with a symlink": ("b.zip", symlink_member(), "holds a link"),
    "zip that is not a zip": ("b.zip", VALID, "not a valid zip archive"),
    "truncated zip": ("b.zip", zipped([("bundle.json", VALID)])[:200], "not a valid zip archive"),
    "zip holding a broken bundle": ("b.zip", zipped([("bundle.json", VALID[:-10])]), "cut short"),
}


@pytest.fixture
def populated(db: Database) -> Database:
    """A database with notes, history, a trashed note, a profile and a draft, so that "unchanged" means something."""
    notes = AnnotationService(db)
    notes.set_profile("Amina Haddad", "Morocco")
    a = notes.create("ap88/I/A/1", body="mine", tags=["t"])
    notes.update(a.uuid, body="mine, edited")
    notes.delete(notes.create("ap88/I/A/2", body="binned").uuid)
    notes.save_draft("ap88/I/A/3|new", "ap88/I/A/3", None, "half typed")
    return db


def assert_one_sentence(error: BundleImportError, words: str) -> None:
    message = str(error)
    assert words in message
    assert "\n" not in message and len(message) < 400 and message.endswith((".", ".)"))
    assert message == error.message.format(**error.params)  # a translatable msgid with named placeholders


def test_there_are_enough_hostile_files() -> None:
    assert len(HOSTILE) >= 20


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_bundle_is_refused_in_one_sentence_and_changes_nothing(
    populated: Database, tmp_path: Path, case: str
) -> None:
    name, content, words = HOSTILE[case]
    if callable(content):
        content = content(populated)
    path = tmp_path / name
    path.write_bytes(content)
    before = dump(populated)
    started = time.monotonic()
    with pytest.raises(BundleImportError) as failure:
        import_bundle(populated, path)
    assert time.monotonic() - started < 20
    assert_one_sentence(failure.value, words)
    assert dump(populated) == before


def test_a_valid_hand_made_bundle_is_accepted(populated: Database, tmp_path: Path) -> None:
    """The hostile cases are each one change away from this file, which imports."""
    (tmp_path / "b.json").write_bytes(VALID)
    (tmp_path / "b.zip").write_bytes(zipped([("bundle.json", VALID)]))
    assert import_bundle(populated, tmp_path / "b.json").added == 2
    assert import_bundle(populated, tmp_path / "b.zip").unchanged == 2


@pytest.mark.parametrize(
    "make, words",
    [
        (lambda tmp: tmp / "nowhere.json", "There is no file"),
        (lambda tmp: tmp, "is a folder"),
        (lambda tmp: Path("/dev/null"), "not a regular file"),
    ],
    ids=["missing file", "a folder", "a device"],
)
def test_a_path_that_is_not_a_bundle_file(populated: Database, tmp_path: Path, make: Callable, words: str) -> None:
    before = dump(populated)
    with pytest.raises(BundleImportError) as failure:
        import_bundle(populated, make(tmp_path))
    assert_one_sentence(failure.value, words)
    assert dump(populated) == before


def test_a_file_over_the_size_limit_is_not_read(populated: Database, tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as fh:  # sparse: no real disk used
        fh.truncate(bundle.MAX_BUNDLE_BYTES + 1)
    before = dump(populated)
    with pytest.raises(BundleImportError) as failure:
        import_bundle(populated, path)
    assert_one_sentence(failure.value, "larger than the 64 MiB")
    assert dump(populated) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file(populated: Database, tmp_path: Path) -> None:
    path = tmp_path / "locked.json"
    path.write_bytes(VALID)
    path.chmod(0)
    with pytest.raises(BundleImportError) as failure:
        import_bundle(populated, path)
    assert_one_sentence(failure.value, "cannot be read")


def test_a_file_name_with_a_line_break_still_gives_one_line(populated: Database, tmp_path: Path) -> None:
    path = tmp_path / "evil\nname\r.json"
    path.write_bytes(b"{not json")
    with pytest.raises(BundleImportError) as failure:
        import_bundle(populated, path)
    assert_one_sentence(failure.value, "evil?name?.json is not valid JSON")
