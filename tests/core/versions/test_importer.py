"""Importing a language version: files read safely, aligned by each language's numbering, applied in one
transaction, kept across corpus rebuilds; hostile files change nothing."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from cprdesk_core.corpus.loader import build_corpus
from cprdesk_core.corpus.reader import CorpusQueries
from cprdesk_core.corpus.schema import iter_items, load_yaml
from cprdesk_core.database import Database, open_database
from cprdesk_core.errors import NotFoundError
from cprdesk_core.search import SearchFilters, SearchService
from cprdesk_core.textfold import strip_markers
from cprdesk_core.versions.importer import (
    AFTER_ITEM,
    BEFORE_FIRST,
    REFORM_COLUMNS,
    UNEXPECTED_NUMBER,
    Alignment,
    ImportVersionError,
    align,
    apply_alignment,
    import_version,
    load_structure,
    read_text_file,
)
from cprdesk_resources import CORPUS_DIR

# -- building versions from the corpus's own texts -------------------------------------------------

CN = "一二三四五六七八九"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")
AR_ORDINALS = ("أولاً", "ثانياً", "ثالثاً", "رابعاً", "خامساً", "سادساً", "سابعاً", "ثامناً")
AR_LETTER_NAMES = ("ألف", "باء", "جيم", "دال")
AR_LETTERS = "أبجدهـ"  # (أ) (ب) (ج) (د) (هـ)


def arabic_digits(n: int) -> str:
    return "".join(chr(0x0660 + int(d)) for d in str(n))


def _sub_index(label: str) -> int:
    return ord(label[1]) - ord("a")


# How each language's UN documents number sections, subsections, items and sub-paragraphs.
STYLES: dict[str, dict[str, Callable]] = {
    "en": {
        "section": lambda n: f"{ROMAN[n - 1]}.", "letter": lambda c: f"{c}.", "number": lambda n: f"{n}.",
        "sub": lambda label: label, "annex": lambda: "Annex",
    },
    "fr": {
        "section": lambda n: f"{ROMAN[n - 1]}.", "letter": lambda c: f"{c}.", "number": lambda n: f"{n}.",
        "sub": lambda label: f"{label[1]})", "annex": lambda: "Annexe",
    },
    "ru": {
        "section": lambda n: f"{ROMAN[n - 1]}.", "letter": lambda c: "АБВГ"["ABCD".index(c)] + ".",
        "number": lambda n: f"{n}.", "sub": lambda label: f"{label[1]})", "annex": lambda: "Приложение",
    },
    "ar": {
        "section": lambda n: f"{AR_ORDINALS[n - 1]} -", "letter": lambda c: f"{AR_LETTER_NAMES['ABCD'.index(c)]} -",
        "number": lambda n: f"{arabic_digits(n)} -",
        "sub": lambda label: "(" + ["أ", "ب", "ج", "د", "هـ"][_sub_index(label)] + ")", "annex": lambda: "المرفق",
    },
    "zh": {
        "section": lambda n: f"{CN[n - 1]}、", "letter": lambda c: f"{c}.", "number": lambda n: f"{n}.",
        "sub": lambda label: label, "annex": lambda: "附件",
    },
}
HEADER = ["UNEP/EA.5/3", "Distr.: General", "22 January 2021"]


def segments(document: str, lang: str) -> dict[str, dict]:
    if lang == "zh":
        return {item["id"]: item for item in iter_items(load_yaml(CORPUS_DIR / document / "zh.yaml")["items"])}
    return {s["id"]: s for s in load_yaml(CORPUS_DIR / document / f"{lang}.yaml")["segments"]}


def source_items(document: str) -> list[dict]:
    return list(iter_items(load_yaml(CORPUS_DIR / document / "zh.yaml")["items"]))


def expected_text(document: str, lang: str, item_id: str) -> str:
    seg = segments(document, lang)[item_id]
    return strip_markers(seg.get("text") or seg.get("title"))


def version_paragraphs(
    document: str, lang: str, style: dict[str, Callable] | None = None, *, skip: tuple[str, ...] = (),
    after: dict[str, list[str]] | None = None, header: bool = True, fields: bool = False,
) -> list[str]:
    """A version of `document` in `lang` written as its UN document would be: the corpus's own texts with
    the numbering in `style`; `skip` leaves items out, `after` adds paragraphs after an item."""
    style = style or STYLES[lang]
    texts = segments(document, lang)
    out = list(HEADER) if header else []
    for item in source_items(document):
        if item["kind"] == "legend_entry":
            continue
        seg = texts[item["id"]]
        body = strip_markers(seg.get("title") or seg.get("text") or "")
        label = item.get("label")
        if item["id"] not in skip:
            if label and label in CN:
                line = f"{style['section'](CN.index(label) + 1)} {body}"
            elif label and len(label) == 1 and label.isupper():
                line = f"{style['letter'](label)} {body}"
            elif label and label.isdigit():
                line = f"{style['number'](int(label))} {body}"
            elif label and label.startswith("("):
                line = f"{style['sub'](label)} {body}"
            elif label == "附件":
                line = f"{style['annex']()}\n{body}"  # "Annex" on a line of its own, the title below
            else:
                line = body
            out += line.split("\n")  # an item of several paragraphs: the first follows the number
            if fields and item.get("fields"):
                out += ["- an ongoing action", "SP 4: EG, EA: A", "No"]
        out += (after or {}).get(item["id"], [])
    return out


def write_text(path: Path, paragraphs: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes("\n".join(paragraphs).encode(encoding))
    return path


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def docx_xml(paragraphs: list[str]) -> str:
    """A minimal document.xml; a leading number goes in its own run, then a tab, as Word writes typed numbers."""
    body = []
    for p in paragraphs:
        number, sep, rest = p.partition(" ")
        if sep and len(number) <= 6 and any(c.isdigit() or c.isupper() or c in ")-" for c in number):
            runs = f"<w:r><w:t>{escape(number)}</w:t></w:r><w:r><w:tab/><w:t xml:space=\"preserve\">{escape(rest)}</w:t></w:r>"
        else:
            runs = f"<w:r><w:t xml:space=\"preserve\">{escape(p)}</w:t></w:r>"
        body.append(f"<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr>{runs}</w:p>")
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>'
        + "".join(body)
        + "</w:body></w:document>"
    )


def write_docx(path: Path, document_xml: str | bytes, compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", document_xml)
    return path


# -- fixtures ------------------------------------------------------------------------------------


@pytest.fixture
def db(data_dir: Path) -> Iterator[Database]:
    database = open_database(data_dir)
    yield database
    database.close()


def aligned(db: Database, document: str, lang: str, paragraphs: list[str]) -> Alignment:
    return align(document, lang, paragraphs, load_structure(db.connection(), document))


def action_ids() -> list[str]:
    return [i["id"] for i in source_items("ap88") if i["kind"] == "action"]


def assert_faithful(alignment: Alignment, document: str, lang: str) -> None:
    """Every proposed pair carries exactly the text this item has in the corpus's version of `lang`."""
    for pair in alignment.pairs:
        assert (pair.text or pair.title) == expected_text(document, lang, pair.item_id), pair.item_id


DUMPED = ("corpus_text", "user_text", "user_text_revision", "search_words", "search_trigram")


def dump(db: Database) -> dict[str, list[tuple]]:
    con = sqlite3.connect(f"file:{db.path}?mode=ro", uri=True)
    try:
        return {
            t: sorted(con.execute(f"SELECT {'rowid, body' if t.startswith('search_') else '*'} FROM {t}").fetchall(), key=repr)
            for t in DUMPED
        }
    finally:
        con.close()


# -- alignment in each language's numbering ------------------------------------------------------


def test_english_text_aligns_every_action(db: Database, tmp_path: Path) -> None:
    path = write_text(tmp_path / "ap88-en.txt", version_paragraphs("ap88", "en"))
    alignment = aligned(db, "ap88", "en", read_text_file(path))
    by_id = {p.item_id: p for p in alignment.pairs}
    assert set(action_ids()) <= set(by_id)
    assert len([p for p in alignment.pairs if p.kind == "action"]) == 88
    assert alignment.gaps == ()
    assert [(u.reason, u.text) for u in alignment.unaligned] == [(BEFORE_FIRST, "\n".join(HEADER))]
    assert_faithful(alignment, "ap88", "en")
    assert by_id["ap88/III/C/2"].numbering == "2." and by_id["ap88/III"].numbering == "III."
    assert by_id["ap88/III/C"].numbering == "C." and by_id["ap88/intro/2/b"].numbering == "(b)"
    # Items without a number are placed by position: the introduction's heading, the unlettered subsection.
    assert by_id["ap88/intro"].by_position and by_id["ap88/intro"].title == "Introduction"
    assert by_id["ap88/IV/0"].by_position and by_id["ap88/IV/0"].title == expected_text("ap88", "en", "ap88/IV/0")


def test_french_docx_aligns(db: Database, tmp_path: Path) -> None:
    path = write_docx(tmp_path / "ap88-fr.docx", docx_xml(version_paragraphs("ap88", "fr")))
    paragraphs = read_text_file(path)
    assert paragraphs[3:5] == ["Introduction", "1.\t" + expected_text("ap88", "fr", "ap88/intro/1")]  # number, Word's tab
    alignment = aligned(db, "ap88", "fr", paragraphs)
    assert len([p for p in alignment.pairs if p.kind == "action"]) == 88
    assert alignment.gaps == () and len(alignment.unaligned) == 1
    assert_faithful(alignment, "ap88", "fr")
    assert {p.item_id: p.numbering for p in alignment.pairs}["ap88/intro/2/c"] == "c)"


def test_russian_subsection_letters_are_cyrillic(db: Database, tmp_path: Path) -> None:
    path = write_text(tmp_path / "ap88-ru.txt", version_paragraphs("ap88", "ru"))
    alignment = aligned(db, "ap88", "ru", read_text_file(path))
    by_id = {p.item_id: p for p in alignment.pairs}
    assert len([p for p in alignment.pairs if p.kind == "action"]) == 88 and alignment.gaps == ()
    assert_faithful(alignment, "ap88", "ru")
    # В is the third letter of the Russian alphabet (subsection C), though it looks like a Latin B.
    assert by_id["ap88/I/B"].numbering == "Б." and by_id["ap88/III/C"].numbering == "В."
    assert by_id["ap88/III/D"].numbering == "Г."


def test_russian_text_typed_with_latin_look_alike_letters(db: Database) -> None:
    style = dict(STYLES["ru"], letter=lambda c: "АВСD"["ABCD".index(c)] + ".")  # Cyrillic А В С, as if Latin A B C
    alignment = aligned(db, "ap88", "ru", version_paragraphs("ap88", "ru", style))
    assert alignment.gaps == () and len(alignment.unaligned) == 1
    assert_faithful(alignment, "ap88", "ru")


@pytest.mark.parametrize("sections", ["ordinals", "roman"])
def test_arabic_digits_and_letter_names(db: Database, tmp_path: Path, sections: str) -> None:
    style = dict(STYLES["ar"])
    if sections == "roman":  # Arabic documents may also number sections with Roman numerals
        style["section"] = lambda n: f"{ROMAN[n - 1]} -"
    paragraphs = version_paragraphs("ap88", "ar", style)
    path = write_text(tmp_path / "ap88-ar.txt", ["\u200f" + p for p in paragraphs], "utf-16")  # right-to-left marks
    alignment = aligned(db, "ap88", "ar", read_text_file(path))
    by_id = {p.item_id: p for p in alignment.pairs}
    assert len([p for p in alignment.pairs if p.kind == "action"]) == 88 and alignment.gaps == ()
    assert_faithful(alignment, "ap88", "ar")
    assert by_id["ap88/III/C/2"].numbering == "٢ -" and by_id["ap88/II/B"].numbering == "باء -"
    assert by_id["ap88/III"].numbering == ("ثالثاً -" if sections == "ordinals" else "III -")
    assert by_id["ap88/intro/2/e"].numbering == "(هـ)"
    assert alignment.notices == ()


def test_chinese_numbering(db: Database) -> None:
    alignment = aligned(db, "ap88", "zh", version_paragraphs("ap88", "zh", header=False))
    assert len(alignment.pairs) == 125 and alignment.gaps == () and alignment.unaligned == ()
    assert_faithful(alignment, "ap88", "zh")
    assert {p.item_id: p.numbering for p in alignment.pairs}["ap88/V"] == "五、"


def test_a_missing_item_is_a_gap_and_nothing_else_moves(db: Database) -> None:
    for missing in ("ap88/III/C/2", "ap88/I/A/4", "ap88/VIII/C/7"):
        alignment = aligned(db, "ap88", "en", version_paragraphs("ap88", "en", skip=(missing,)))
        assert [g.item_id for g in alignment.gaps] == [missing]
        assert len(alignment.pairs) == 124 and len(alignment.unaligned) == 1
        assert_faithful(alignment, "ap88", "en")


def test_a_missing_subsection_heading_is_a_gap(db: Database) -> None:
    alignment = aligned(db, "ap88", "en", version_paragraphs("ap88", "en", skip=("ap88/II/B",)))
    assert [g.item_id for g in alignment.gaps] == ["ap88/II/B"]
    assert_faithful(alignment, "ap88", "en")
    assert {p.item_id for p in alignment.pairs} >= {f"ap88/II/B/{n}" for n in range(1, 5)}


def test_extra_prose_is_shown_not_glued_to_an_item(db: Database) -> None:
    extra = {
        "ap88/I/A/2": ["This paragraph was added by the secretariat."],
        "ap88/II/B/4": ["9. A numbered paragraph the action plan does not have.", "Its second paragraph."],
        "ap88/VIII/C/7": ["__________"],
    }
    alignment = aligned(db, "ap88", "en", version_paragraphs("ap88", "en", after=extra))
    assert alignment.gaps == () and len(alignment.pairs) == 125
    assert_faithful(alignment, "ap88", "en")
    parts = [(u.reason, u.after_item, u.numbering, u.text) for u in alignment.unaligned]
    assert parts == [
        (BEFORE_FIRST, None, None, "\n".join(HEADER)),
        (AFTER_ITEM, "ap88/I/A/2", None, "This paragraph was added by the secretariat."),
        (UNEXPECTED_NUMBER, "ap88/II/B/4", "9.", "9. A numbered paragraph the action plan does not have.\nIts second paragraph."),
        (AFTER_ITEM, "ap88/VIII/C/7", None, "__________"),
    ]
    # Every paragraph of the file is either aligned or shown.
    used = {i for p in alignment.pairs for i in range(p.first_paragraph, p.last_paragraph + 1)}
    used |= {i for u in alignment.unaligned for i in range(u.first_paragraph, u.last_paragraph + 1)}
    assert used == set(range(alignment.paragraph_count))


def test_numbers_on_lines_of_their_own(db: Database) -> None:
    paragraphs = version_paragraphs("ap88", "en")
    # A heading's numeral on its own line, its title on the next; an action's number with nothing after it.
    at = paragraphs.index("III. " + expected_text("ap88", "en", "ap88/III"))
    paragraphs[at : at + 1] = ["III.", expected_text("ap88", "en", "ap88/III")]
    at = paragraphs.index("3. " + expected_text("ap88", "en", "ap88/VI/B/3"))
    paragraphs[at] = "3."
    alignment = aligned(db, "ap88", "en", paragraphs)
    by_id = {p.item_id: p for p in alignment.pairs}
    assert by_id["ap88/III"].numbering == "III." and by_id["ap88/III"].title == expected_text("ap88", "en", "ap88/III")
    assert [(g.item_id, g.numbering, g.paragraph) for g in alignment.gaps] == [("ap88/VI/B/3", "3.", at)]
    assert len(alignment.unaligned) == 1
    assert_faithful(alignment, "ap88", "en")


def test_word_numbering_that_is_not_text_is_pointed_out(db: Database, tmp_path: Path) -> None:
    texts = [expected_text("ap88", "en", i) for i in ("ap88/I/A/1", "ap88/I/A/2")]
    xml = (
        f'<w:document xmlns:w="{W_NS}"><w:body>'
        + "".join(
            f'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>{escape(t)}</w:t></w:r></w:p>'
            for t in texts
        )
        + "</w:body></w:document>"
    )
    alignment, result = import_version(db, write_docx(tmp_path / "auto.docx", xml), "ap88", "en", dry_run=True)
    assert result is None and alignment.pairs == ()
    assert [n.code for n in alignment.notices][-1] == "auto_numbered"
    assert "2 paragraphs" in alignment.notices[-1].translated()


def test_a_wrong_document_is_flagged(db: Database) -> None:
    alignment = aligned(db, "ap88", "en", version_paragraphs("ieg-reforms", "en"))
    assert "few_numbers" in {n.code for n in alignment.notices}
    alignment = aligned(db, "ap88", "ar", version_paragraphs("ap88", "en"))
    assert "script" in {n.code for n in alignment.notices}


def test_reform_table_imports_reform_and_paragraph_texts_only(db: Database) -> None:
    alignment = aligned(db, "ieg-reforms", "en", version_paragraphs("ieg-reforms", "en", fields=True))
    by_id = {p.item_id: p for p in alignment.pairs}
    assert {f"ieg-reforms/{n}" for n in range(1, 31)} <= set(by_id)
    assert {f"ieg-reforms/report/{n}" for n in range(1, 15)} <= set(by_id)
    assert {f"ieg-reforms/decision/{n}" for n in range(1, 8)} | {"ieg-reforms/decision/pre1"} <= set(by_id)
    assert alignment.gaps == ()
    assert_faithful(alignment, "ieg-reforms", "en")
    assert by_id["ieg-reforms/5"].text.count("\n") == 2  # a reform of three paragraphs keeps them
    columns = [u for u in alignment.unaligned if u.reason == REFORM_COLUMNS]
    assert len(columns) == 30 and columns[0].text == "- an ongoing action\nSP 4: EG, EA: A\nNo"
    before = CorpusQueries(db.connection()).item("ieg-reforms/5").version("en").fields
    apply_alignment(db, alignment, "official", "ieg-en.txt")
    after = CorpusQueries(db.connection()).item("ieg-reforms/5").version("en")
    assert after.fields == before and after.provenance == "official"


# -- applying ------------------------------------------------------------------------------------

NEW_TEXT = "Promote the quokkafication of Member States engagement between sessions."


def test_apply_keeps_the_replaced_text_and_reader_and_search_follow(db: Database, tmp_path: Path) -> None:
    bundled = expected_text("ap88", "en", "ap88/I/A/1")
    paragraphs = version_paragraphs("ap88", "en")
    paragraphs[paragraphs.index(f"1. {bundled}")] = f"1. {NEW_TEXT}"
    path = write_text(tmp_path / "A-EA5-3-en.txt", paragraphs)
    alignment, result = import_version(db, path, "ap88", "en", "official")
    assert result is not None and result.written == 125 and result.revisions == 125 and result.added == 0

    queries = CorpusQueries(db.connection())
    version = queries.item("ap88/I/A/1").version("en")
    assert (version.text, version.provenance, version.review_state, version.note) == (NEW_TEXT, "official", "final", None)
    assert queries.item("ap88/I/A/2").version("en").provenance == "official"
    assert queries.item("ap88/I/A/1").version("zh").provenance == "official"  # other languages untouched
    search = SearchService(db.connection())
    hits = search.search("quokkafication", SearchFilters(("en",)))
    assert [(h.item_id, h.lang) for h in hits] == [("ap88/I/A/1", "en")]
    assert not [h for h in search.search("intersessional periods", SearchFilters(("en",))) if h.item_id == "ap88/I/A/1"]

    con = db.connection()
    revision = con.execute(
        "SELECT provenance, text, source_name FROM user_text_revision WHERE item_id = 'ap88/I/A/1' AND lang = 'en'"
    ).fetchall()
    assert revision == [("working", segments("ap88", "en")["ap88/I/A/1"]["text"], "bundled:ap88/en.yaml")]

    # A second import as the user's own text keeps the official one as a revision; the same again changes nothing.
    paragraphs[paragraphs.index(f"1. {NEW_TEXT}")] = "1. The delegation's own wording."
    mine = write_text(tmp_path / "mine.txt", paragraphs)
    _, again = import_version(db, mine, "ap88", "en", "user")
    assert again is not None and (again.written, again.unchanged, again.revisions) == (125, 0, 125)
    _, same = import_version(db, mine, "ap88", "en", "user")
    assert same is not None and (same.written, same.unchanged, same.revisions) == (0, 125, 0)
    version = CorpusQueries(db.connection()).item("ap88/I/A/1").version("en")
    assert (version.text, version.provenance, version.review_state) == ("The delegation's own wording.", "user", "draft")
    rows = con.execute(
        "SELECT provenance, text, source_name FROM user_text_revision WHERE item_id = 'ap88/I/A/1' ORDER BY id"
    ).fetchall()
    assert rows[-1] == ("official", NEW_TEXT, "A-EA5-3-en.txt")
    assert con.execute("SELECT provenance, source_name FROM user_text WHERE item_id = 'ap88/I/A/1'").fetchall() == [
        ("user", "mine.txt")
    ]


def test_a_language_the_item_lacked_is_added(db: Database) -> None:
    # emg-unea1 exists only in Chinese; an English version of its first numbered paragraphs adds English texts.
    items = [i for i in source_items("emg-unea1") if i.get("label", "").isdigit()][:3]
    structure = load_structure(db.connection(), "emg-unea1")
    paragraphs = []
    for item in source_items("emg-unea1"):
        label = item.get("label") or ""
        if label in CN:
            paragraphs.append(f"{ROMAN[CN.index(label)]}. Part {label}")
        elif item in items:
            paragraphs.append(f"{label}. The zebrafinch paragraph {item['id']}.")
    alignment = align("emg-unea1", "en", paragraphs, structure)
    assert {i["id"] for i in items} <= {p.item_id for p in alignment.pairs}
    result = apply_alignment(db, alignment, "user", "emg-en.txt")
    assert result.added == result.written and result.revisions == 0
    version = CorpusQueries(db.connection()).item(items[0]["id"]).version("en")
    assert version.text == f"The zebrafinch paragraph {items[0]['id']}." and version.provenance == "user"
    hits = SearchService(db.connection()).search("zebrafinch", SearchFilters(("en",)))
    assert {h.item_id for h in hits} == {i["id"] for i in items}


def test_a_corpus_rebuild_keeps_the_import(db: Database, tmp_path: Path) -> None:
    bundled = expected_text("ap88", "en", "ap88/I/A/1")
    paragraphs = version_paragraphs("ap88", "en")
    paragraphs[paragraphs.index(f"1. {bundled}")] = f"1. {NEW_TEXT}"
    import_version(db, write_text(tmp_path / "en.txt", paragraphs), "ap88", "en", "official")
    con = db.connection()
    user_rows = {t: con.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in ("user_text", "user_text_revision")}
    with db.sessions.begin() as session:
        result = build_corpus(session, CORPUS_DIR, force=True)
    assert result.rebuilt and result.user_texts == 125
    assert {t: con.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in user_rows} == user_rows
    version = CorpusQueries(con).item("ap88/I/A/1").version("en")
    assert (version.text, version.provenance) == (NEW_TEXT, "official")
    assert [h.item_id for h in SearchService(con).search("quokkafication")] == ["ap88/I/A/1"]
    db.close()
    # Opening again (the content hash is unchanged, nothing is rebuilt) shows the same.
    reopened = open_database(db.path.parent)
    try:
        assert CorpusQueries(reopened.connection()).item("ap88/I/A/1").version("en").text == NEW_TEXT
    finally:
        reopened.close()


def test_apply_is_one_transaction(db: Database) -> None:
    alignment = aligned(db, "ap88", "en", version_paragraphs("ap88", "en"))
    bogus = replace(alignment.pairs[-1], item_id="ap88/VIII/C/99")  # an item this corpus does not have, written last
    before = dump(db)
    with pytest.raises(NotFoundError):
        apply_alignment(db, replace(alignment, pairs=(*alignment.pairs, bogus)), "official", "v.txt")
    assert dump(db) == before


def test_nothing_aligned_or_a_wrong_provenance_is_refused(db: Database, tmp_path: Path) -> None:
    before = dump(db)
    prose = write_text(tmp_path / "prose.txt", ["Just prose.", "More prose."])
    with pytest.raises(ImportVersionError, match="does not look like a version"):
        import_version(db, prose, "ap88", "en", "official")
    with pytest.raises(ImportVersionError, match="could be aligned"):
        import_version(db, prose, "ap88", "en", "official", force=True)
    with pytest.raises(ImportVersionError, match="provenance"):
        import_version(db, write_text(tmp_path / "ok.txt", version_paragraphs("ap88", "en")), "ap88", "en", "working")
    assert dump(db) == before


# -- hostile and unreadable files ----------------------------------------------------------------

BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + f']><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
)
EXTERNAL_ENTITY = (
    '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>'
)


def _zip_bomb(path: Path) -> Path:
    # 40 MB of XML that compresses to a few tens of kilobytes.
    xml = f'<w:document xmlns:w="{W_NS}"><w:body>' + " " * (40 * 1024 * 1024) + "</w:body></w:document>"
    return write_docx(path, xml)


def _not_a_docx_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return path


HOSTILE: dict[str, Callable[[Path], Path]] = {
    "latin-1": lambda d: write_text(d / "v.txt", ["I. Établir l'universalité"], "latin-1"),
    "utf-32": lambda d: write_text(d / "v.txt", ["I. Title"], "utf-32"),
    "utf-16 without mark": lambda d: write_text(d / "v.txt", ["I. Title"], "utf-16-le"),
    "binary": lambda d: (d / "v.txt").write_bytes(bytes(range(256)) * 4) and d / "v.txt",
    "empty": lambda d: write_text(d / "v.txt", []),
    "blank lines only": lambda d: write_text(d / "v.txt", ["", "   ", "\t"]),
    "folder": lambda d: (d / "folder").mkdir() or d / "folder",
    "missing": lambda d: d / "missing.txt",
    "zip bomb docx": lambda d: _zip_bomb(d / "bomb.docx"),
    "docx with entity expansion": lambda d: write_docx(d / "laughs.docx", BILLION_LAUGHS),
    "docx with external entity": lambda d: write_docx(d / "xxe.docx", EXTERNAL_ENTITY),
    "zip that is not a docx": lambda d: _not_a_docx_zip(d / "v.docx"),
    "corrupt docx": lambda d: (d / "v.docx").write_bytes(b"PK\x03\x04" + b"\x00garbage" * 50) and d / "v.docx",
    "docx that is not a zip": lambda d: write_text(d / "v.docx", ["I. Title"]),
    "broken xml": lambda d: write_docx(d / "v.docx", f'<w:document xmlns:w="{W_NS}"><w:body><w:p>'),
    "docx without text": lambda d: write_docx(d / "v.docx", docx_xml([])),
    "old word document": lambda d: (d / "v.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512) and d / "v.doc",
    "pdf": lambda d: (d / "v.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n") and d / "v.pdf",
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_files_give_one_sentence_and_change_nothing(db: Database, tmp_path: Path, case: str) -> None:
    path = HOSTILE[case](tmp_path)
    before = dump(db)
    with pytest.raises(ImportVersionError) as info:
        import_version(db, path, "ap88", "en", "official")
    message = str(info.value)
    assert "\n" not in message and message.endswith(".") and len(message) < 400, message
    assert "Traceback" not in message and str(path.name) in message
    assert dump(db) == before


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-8"])
def test_text_encodings_that_are_read(tmp_path: Path, encoding: str) -> None:
    path = write_text(tmp_path / "v.txt", ["I. Établir", "", "  A.\tTitre  ", "1. Texte"], encoding)
    assert read_text_file(path) == ["I. Établir", "A.\tTitre", "1. Texte"]


def test_docx_keeps_only_the_text_a_reader_sees(tmp_path: Path) -> None:
    xml = (
        f'<w:document xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        "<w:body>"
        "<w:p><w:r><w:t>1.</w:t></w:r><w:r><w:tab/><w:t>Kept</w:t></w:r>"
        "<w:del><w:r><w:delText>deleted</w:delText></w:r></w:del><w:ins><w:r><w:t xml:space=\"preserve\"> inserted</w:t></w:r></w:ins></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>2.</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>In a cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        "<w:p><w:r><mc:AlternateContent><mc:Choice><w:t>Box</w:t></mc:Choice><mc:Fallback><w:t>Box again</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>"
        "<w:p/>"
        "</w:body></w:document>"
    )
    assert read_text_file(write_docx(tmp_path / "v.docx", xml)) == ["1.\tKept inserted", "2.", "In a cell", "Box"]


# -- the command ---------------------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cprdesk_core.cli", *args], capture_output=True, text=True, encoding="utf-8", timeout=120
    )


def test_command_dry_run_changes_nothing_then_imports(data_dir: Path, tmp_path: Path) -> None:
    path = write_text(
        tmp_path / "ap88-ru.txt",
        version_paragraphs("ap88", "ru", skip=("ap88/V/B/2",), after={"ap88/I/A/2": ["Лишний абзац."]}),
    )
    db = open_database(data_dir)
    before = dump(db)
    db.close()
    dry = run("import-version", str(path), "--doc", "ap88", "--lang", "ru", "--dry-run", "--data-dir", str(data_dir))
    assert dry.returncode == 0, dry.stderr
    assert "124 items aligned, 1 without text, 2 parts not aligned" in dry.stdout
    assert "Gap: ap88/V/B/2" in dry.stdout and "Лишний абзац." in dry.stdout and "Dry run" in dry.stdout
    db = open_database(data_dir)
    assert dump(db) == before
    db.close()

    done = run(
        "--data-dir", str(data_dir), "import-version", str(path), "--doc", "ap88", "--lang", "ru", "--provenance", "official"
    )
    assert done.returncode == 0, done.stderr
    assert "Imported 124 texts as official" in done.stdout
    db = open_database(data_dir)
    try:
        version = CorpusQueries(db.connection()).item("ap88/V/A/1").version("ru")
        assert version.provenance == "official" and version.text == expected_text("ap88", "ru", "ap88/V/A/1")
        assert CorpusQueries(db.connection()).item("ap88/V/B/2").version("ru").provenance == "working"
    finally:
        db.close()


def test_command_errors_are_one_sentence(data_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "v.txt"
    bad.write_bytes("I. Établir".encode("latin-1"))
    for args in (
        (str(bad), "--doc", "ap88", "--lang", "fr"),
        (str(tmp_path / "missing.txt"), "--doc", "ap88", "--lang", "fr"),
        (str(bad), "--doc", "no-such-doc", "--lang", "fr"),
        (str(bad), "--doc", "ap88", "--lang", "xx"),
    ):
        result = run("import-version", *args, "--data-dir", str(data_dir))
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr.startswith("cprdesk: ") and result.stderr.count("\n") == 1, result.stderr


def test_a_doubtful_file_is_imported_only_when_forced(data_dir: Path, tmp_path: Path) -> None:
    path = write_text(tmp_path / "ap88-en.txt", version_paragraphs("ap88", "en"))
    db = open_database(data_dir)
    before = dump(db)
    with pytest.raises(ImportVersionError, match="does not look like a version"):
        import_version(db, path, "ap88", "ar", "user")  # English text given as Arabic
    assert dump(db) == before
    db.close()
    refused = run("import-version", str(path), "--doc", "ap88", "--lang", "ar", "--data-dir", str(data_dir))
    assert refused.returncode == 2 and "--force" in refused.stderr and refused.stderr.count("\n") == 1
    assert "Note: The text does not look like it is written in the language ar." in refused.stdout
    db = open_database(data_dir)
    assert dump(db) == before
    db.close()
    forced = run("import-version", str(path), "--doc", "ap88", "--lang", "ar", "--force", "--data-dir", str(data_dir))
    assert forced.returncode == 0 and "Imported 125 texts as user" in forced.stdout
