"""Importing a language version of a document: read a text or Word file, align it to the document's structure by
its numbering, and lay the aligned texts over the corpus (kept across rebuilds, the replaced texts kept as revisions).

Three steps, each usable alone (the GUI shows the proposal between the second and the third):

1. `read_text_file` turns a file into paragraphs: a plain-text file gives one paragraph per non-empty line, a
   .docx one per Word paragraph (only literal text: numbering that Word generates is not in the text).
2. `align` proposes which paragraphs are the text of which item. It goes by numbering, as a reader of the
   printed document does: section numerals (一、 I. أولا -), subsection letters (A. А. ألف -), item numbers
   (1. ١ -), sub-paragraph letters ((a) a) (أ)) and annex headings, in each language's style. An item's text
   is what follows its number, up to the next number; an item never takes more paragraphs than its text has
   in the source, so prose added between items is shown, not glued to the item before it. Items without a
   number (the introduction's heading, the unlettered subsection of section IV, the draft decision's
   preamble) are placed by position only where that is certain. Nothing is dropped: what cannot be aligned
   is listed with where it sits, and the items that received no text are listed as gaps.
3. `apply_alignment` writes the aligned texts in one transaction.

Reform tables: only a reform's own text (column 1) is imported, together with the report's paragraphs and
the draft decision; the other columns (ongoing actions, subprogramme reference, further actions, budget,
status) keep the texts they had. In a text file a table's columns cannot be told apart reliably, so the
paragraphs after a reform's text are listed as not aligned rather than guessed into fields.
"""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

from cprdesk_core.errors import N_, DomainError, NotFoundError
from cprdesk_core.readfile import read_limited
from cprdesk_core.i18n import CONTENT_LANGUAGES as LANGUAGES
from cprdesk_core.textfold import fold, is_cjk

if TYPE_CHECKING:
    import sqlite3

    from cprdesk_core.database import Database

# Limits: far above a real document (the action plan is about 60 KB of text), low enough that a hostile
# file cannot exhaust memory.
MAX_FILE_BYTES = 64 * 1024 * 1024  # the file on disk, text or .docx
MAX_XML_BYTES = 20 * 1024 * 1024  # word/document.xml once unzipped
MAX_PARAGRAPHS = 100_000
MAX_ALIGN_CELLS = 4_000_000  # numbered items × numbered paragraphs compared while aligning

PROVENANCES = ("official", "user")
# Kinds of item that carry a version's text; legend entries, table rows, signatures and footnotes are not
# numbered in a way a version can be aligned by, and keep their texts.
IMPORTED_KINDS = frozenset({"part", "section", "subsection", "action", "paragraph", "subparagraph", "reform"})
SOURCE_LANG = "zh"


class ImportVersionError(DomainError):
    """A language version cannot be read, aligned or imported as asked."""


# -- results -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StructureItem:
    """An item of the document's tree as the aligner sees it: how it is numbered and how many paragraphs it has."""

    id: str
    kind: str
    label: str | None
    ref: str | None
    has_title: bool
    text_paragraphs: int  # paragraphs of its text in the source language; 0 when it has no text
    mark: tuple[str, Any] | None  # the numbering it is found by, e.g. ("letter", 2); None: placed by position
    imported: bool  # whether a version's text is taken for it at all

    @property
    def paragraphs(self) -> int:
        return int(self.has_title) + self.text_paragraphs


@dataclass(frozen=True)
class Structure:
    """A document's items in reading order (footnotes left out)."""

    document_id: str
    document_kind: str
    items: tuple[StructureItem, ...]


@dataclass(frozen=True)
class AlignedPair:
    """An item and the text proposed for it."""

    item_id: str
    kind: str
    ref: str | None
    numbering: str  # as written in the file ("III.", "ألف -", "١ -"); "" when placed by position
    by_position: bool
    title: str | None
    text: str | None
    first_paragraph: int  # 0-based indexes into the paragraphs read
    last_paragraph: int


# Notices that say the file is probably not a version of the document in that language: importing it anyway
# takes a deliberate step (force).
DOUBTFUL = frozenset({"few_numbers", "script"})

# Why a part of the file was not aligned.
BEFORE_FIRST = "before_first"  # text before the first number the structure has (title block, symbol …)
AFTER_ITEM = "after_item"  # more paragraphs after an item than its text has
REFORM_COLUMNS = "reform_columns"  # the paragraphs after a reform's own text: its other columns
UNEXPECTED_NUMBER = "unexpected_number"  # a number the structure does not have at that place


@dataclass(frozen=True)
class UnalignedPart:
    """Consecutive paragraphs of the file that were not aligned to any item, with where they sit."""

    first_paragraph: int
    last_paragraph: int
    text: str  # the paragraphs, whole, joined by "\n"
    reason: str  # BEFORE_FIRST, AFTER_ITEM, REFORM_COLUMNS or UNEXPECTED_NUMBER
    after_item: str | None  # the aligned item it follows, if any
    numbering: str | None  # for UNEXPECTED_NUMBER: the number as written


@dataclass(frozen=True)
class Gap:
    """An item of the structure that received no text."""

    item_id: str
    kind: str
    label: str | None
    ref: str | None
    numbering: str | None = None  # its number as found alone, with no text after it (the paragraph is shown here)
    paragraph: int | None = None  # that paragraph


@dataclass(frozen=True)
class Notice:
    """Something the user should know about a proposal; `message` is an English msgid with named placeholders."""

    code: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)

    def translated(self, gettext=lambda s: s) -> str:  # noqa: ANN001 - any gettext-like callable
        return gettext(self.message).format(**self.params)


@dataclass(frozen=True)
class Alignment:
    """A proposed alignment of a file's paragraphs to a document's items in one language."""

    document_id: str
    lang: str
    paragraph_count: int
    pairs: tuple[AlignedPair, ...]
    unaligned: tuple[UnalignedPart, ...]
    gaps: tuple[Gap, ...]
    notices: tuple[Notice, ...] = ()

    @property
    def doubtful(self) -> bool:
        """Whether the file seems not to be a version of this document in this language at all."""
        return any(n.code in DOUBTFUL for n in self.notices)


@dataclass(frozen=True)
class ImportResult:
    """What applying an alignment changed."""

    document_id: str
    lang: str
    provenance: str
    source_name: str
    written: int  # items whose text in `lang` is now the imported one
    added: int  # of which items that had no text in `lang` before
    unchanged: int  # items whose imported text was already exactly this
    revisions: int  # replaced texts kept in user_text_revision


# -- reading files -------------------------------------------------------------------------------


@dataclass(frozen=True)
class VersionFile:
    """The paragraphs of a file, and how many Word paragraphs had numbering that Word generates."""

    paragraphs: tuple[str, ...]
    auto_numbered: int = 0


_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, and .docx protected by a password
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def read_text_file(path: Path | str) -> list[str]:
    """The paragraphs of a plain-text file (UTF-8, UTF-8 or UTF-16 with a byte-order mark: one paragraph per
    non-empty line) or of a Word .docx file (one per paragraph, literal text only); raises ImportVersionError
    with one sentence for a missing file, a folder, another encoding, or a damaged or hostile file."""
    return list(read_version_file(path).paragraphs)


def read_version_file(path: Path | str) -> VersionFile:
    """As read_text_file, also counting the Word paragraphs whose numbering Word generates (it is not text)."""
    path = Path(path)
    data = _read_bytes(path)
    if not data.strip():
        raise ImportVersionError(N_("The file {path} is empty."), path=path)
    if data.startswith(_ZIP_MAGIC):
        result = _read_docx(data, path)
    elif path.suffix.lower() == ".docx":
        raise ImportVersionError(N_("The file {path} is not a readable Word document (.docx)."), path=path)
    elif data.startswith(_OLE_MAGIC):
        raise ImportVersionError(
            N_("The file {path} is an old-style or password-protected Word document; save it as .docx or as UTF-8 text."),
            path=path,
        )
    elif data.startswith(b"%PDF"):
        raise ImportVersionError(
            N_("The file {path} is a PDF; copy its text into a UTF-8 text file or open it in Word and save it as .docx."),
            path=path,
        )
    else:
        result = VersionFile(tuple(_split_lines(_decode_text(data, path))))
    if not result.paragraphs:
        raise ImportVersionError(N_("The file {path} holds no text."), path=path)
    if len(result.paragraphs) > MAX_PARAGRAPHS:
        raise ImportVersionError(
            N_("The file {path} has more than {count} paragraphs, far more than any document here."),
            path=path, count=MAX_PARAGRAPHS,
        )
    return result


def _read_bytes(path: Path) -> bytes:
    return read_limited(
        path, MAX_FILE_BYTES, ImportVersionError,
        N_("{path} is a folder, not a text or Word file."),
        N_("The file {path} is larger than the {limit} MiB a language version may have."),
    )


def _decode_text(data: bytes, path: Path) -> str:
    not_text = ImportVersionError(
        N_("The file {path} is neither UTF-8 nor UTF-16 text; save it as UTF-8 text or as a Word document (.docx)."),
        path=path,
    )
    # UTF-32's byte-order mark begins like UTF-16's, so it is looked at first.
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise not_text
    if data.startswith(codecs.BOM_UTF8):
        encoding, data = "utf-8", data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"  # reads the mark and drops it
    else:
        encoding = "utf-8"
    try:
        decoded = data.decode(encoding)
    except UnicodeDecodeError:
        raise not_text from None
    # NUL and other control characters: UTF-16 without a mark, or a binary file that happens to decode.
    if _CONTROL.search(decoded):
        raise not_text
    return decoded


def _split_lines(decoded: str) -> list[str]:
    return [line.strip() for line in decoded.replace("\ufeff", "").splitlines() if line.strip()]


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


class _Refused(Exception):
    """A DTD in word/document.xml: Word never writes one, entity tricks need one."""


class _DocumentXml:
    """ElementTree parser target collecting the literal text of each w:p, in document order."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.auto_numbered = 0
        self._open: list[list[str]] = []  # paragraphs being read (a text box's paragraphs sit inside one)
        self._in_text = 0
        self._fallback = 0  # inside mc:Fallback, which repeats what mc:Choice already holds

    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        raise _Refused

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if tag == _MC_FALLBACK:
            self._fallback += 1
        if self._fallback:
            return
        if tag == _W + "p":
            self._open.append([])
        elif tag == _W + "t":
            self._in_text += 1
        elif not self._open:
            return
        elif tag == _W + "tab":
            self._open[-1].append("\t")
        elif tag in (_W + "br", _W + "cr"):
            self._open[-1].append(" ")
        elif tag == _W + "noBreakHyphen":
            self._open[-1].append("\u2011")
        elif tag == _W + "numPr":
            self.auto_numbered += 1

    def end(self, tag: str) -> None:
        if tag == _MC_FALLBACK:
            self._fallback -= 1
            return
        if self._fallback:
            return
        if tag == _W + "t":
            self._in_text -= 1
        elif tag == _W + "p" and self._open:
            text = "".join(self._open.pop()).strip()
            if text:
                self.paragraphs.append(text)

    def data(self, text: str) -> None:
        if self._in_text and self._open and not self._fallback:
            self._open[-1].append(text)

    def close(self) -> None:
        return None


def _read_docx(data: bytes, path: Path) -> VersionFile:
    damaged = ImportVersionError(N_("The file {path} is not a readable Word document (.docx)."), path=path)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        raise damaged from None
    with archive:
        try:
            member = archive.getinfo("word/document.xml")
        except KeyError:
            raise ImportVersionError(
                N_("The file {path} is a zip archive but not a Word document (.docx)."), path=path
            ) from None
        if member.flag_bits & 0x1:
            raise ImportVersionError(N_("The Word document {path} is encrypted."), path=path)
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise damaged
        too_big = ImportVersionError(
            N_("The Word document {path} unpacks to more than the {limit} MiB of text a language version may have."),
            path=path, limit=MAX_XML_BYTES // (1024 * 1024),
        )
        if member.file_size > MAX_XML_BYTES:
            raise too_big
        try:
            # Read one byte past the limit: the size the archive declares may be a lie.
            with archive.open(member) as fh:
                xml = fh.read(MAX_XML_BYTES + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError, ValueError):
            raise damaged from None
    if len(xml) > MAX_XML_BYTES:
        raise too_big
    refused = ImportVersionError(
        N_("The Word document {path} declares a DTD or entities, which Word never writes; it was not read."), path=path
    )
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        raise refused
    target = _DocumentXml()
    parser = ElementTree.XMLParser(target=target)
    try:
        parser.feed(xml)
        parser.close()
    except _Refused:
        raise refused from None
    except (ElementTree.ParseError, ValueError, RecursionError, MemoryError):
        raise damaged from None
    return VersionFile(tuple(target.paragraphs), target.auto_numbered)


# -- the structure -------------------------------------------------------------------------------


_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_number(token: str) -> int | None:
    """一 … 九十九 as an integer; None if `token` is not such a numeral."""
    if not token or any(c not in _CN_DIGITS and c != "十" for c in token):
        return None
    if "十" not in token:
        return _CN_DIGITS[token] if len(token) == 1 else None
    tens, _, units = token.partition("十")
    if "十" in units or len(tens) > 1 or len(units) > 1:
        return None
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


_ROMAN = re.compile(r"(XL|L?X{0,3})(IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}


def roman_number(token: str) -> int | None:
    """I … XLIX (either case) as an integer; None if `token` is not a Roman numeral."""
    upper = token.upper()
    if not upper or not _ROMAN.fullmatch(upper):
        return None
    total = 0
    for i, ch in enumerate(upper):
        value = _ROMAN_VALUES[ch]
        following = _ROMAN_VALUES[upper[i + 1]] if i + 1 < len(upper) else 0
        total += -value if value < following else value
    return total


def _mark_of_label(label: str | None) -> tuple[str, Any] | None:
    """The numbering an item is found by, from its label in the Chinese source."""
    if not label:
        return None
    if label.isdecimal():
        return ("number", int(label))
    if re.fullmatch(r"\d+(\.\d+)+", label):
        return ("dotted", label)
    if re.fullmatch(r"[A-Z]", label):
        return ("letter", ord(label) - ord("A") + 1)
    if (n := chinese_number(label)) is not None:
        return ("section", n)
    inner = re.fullmatch(r"\((.+)\)", label)
    if inner:
        token = inner.group(1)
        if re.fullmatch(r"[a-z]", token):
            return ("sub", ord(token) - ord("a") + 1)
        if (n := chinese_number(token)) is not None:
            return ("paren", n)
        if token.isdecimal():
            return ("paren", int(token))
    annex = re.fullmatch(r"附件(.*)", label)
    if annex:
        number = chinese_number(annex.group(1)) if annex.group(1) else 1
        return ("annex", number) if number else None
    return None


def load_structure(connection: sqlite3.Connection, document_id: str) -> Structure:
    """The structure of `document_id` as the content tables hold it, with paragraph counts from the source language."""
    row = connection.execute("SELECT kind FROM corpus_document WHERE id = ?", (document_id,)).fetchone()
    if row is None:
        raise NotFoundError(N_("There is no document {doc}."), doc=document_id)
    rows = connection.execute(
        "SELECT i.id, i.parent_id, i.kind, i.label, i.ref, t.title, t.text FROM corpus_item i "
        "LEFT JOIN corpus_text t ON t.item_id = i.id AND t.lang = ? "
        "WHERE i.document_id = ? AND i.kind != 'footnote' ORDER BY i.position",
        (SOURCE_LANG, document_id),
    ).fetchall()
    children: dict[str, list[str]] = {}
    for item_id, parent_id, kind, *_ in rows:
        if parent_id:
            children.setdefault(parent_id, []).append(kind)
    items = []
    for item_id, _parent, kind, label, ref, title, text in rows:
        text_paragraphs = text.count("\n") + 1 if text else 0
        imported = kind in IMPORTED_KINDS and (title is not None or text_paragraphs > 0)
        # A heading over nothing but legend entries (or table rows) goes with them.
        kids = children.get(item_id)
        if kids and not any(k in IMPORTED_KINDS for k in kids) and text_paragraphs == 0:
            imported = False
        items.append(StructureItem(item_id, kind, label, ref, title is not None, text_paragraphs, _mark_of_label(label), imported))
    return Structure(document_id, row[0], tuple(items))


# -- recognising numbering -----------------------------------------------------------------------

# Subsection letters in Russian UN documents (Ё, Й, Ъ, Ы, Ь are not used), and the Latin letters that
# look the same: a text typed with the wrong keyboard reads the same to a person, so it does here too.
_CYRILLIC_LETTERS = "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ"
_CYRILLIC_AS_LATIN = {"А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "К": "K", "М": "M", "О": "O", "Р": "P", "Т": "T", "Х": "X"}
# Arabic UN documents letter subsections with the names of the letters in abjad order (ألف - باء - …) and
# sub-paragraphs with the letters themselves ((أ) (ب) …); keys are folded (no hamza, no tatweel).
_ARABIC_LETTER_NAMES = [
    "الف", "باء", "جيم", "دال", "هاء", "واو", "زاي", "حاء", "طاء", "ياء", "كاف", "لام", "ميم", "نون",
    "سين", "عين", "فاء", "صاد", "قاف", "راء", "شين", "تاء", "ثاء", "خاء", "ذال", "ضاد", "ظاء", "غين",
]
_ARABIC_LETTERS = "ابجدهوزحطيكلمنسعفصقرشتثخذضظغ"
# Section numerals written as ordinal adverbs: أولا - ثانيا - … (folded: no tanween).
_ARABIC_ORDINALS = ["اولا", "ثانيا", "ثالثا", "رابعا", "خامسا", "سادسا", "سابعا", "ثامنا", "تاسعا", "عاشرا"]
# "Annex I" in an Arabic document: المرفق الأول …
_ARABIC_ORDINAL_ADJECTIVES = ["الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن"]

# White space and invisible direction marks: a right-to-left paragraph often starts with one. They are no
# part of an item's text (the app sets the direction itself).
_INVISIBLE = "\\s\u200b-\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff"
_LEADING = re.compile(f"^[{_INVISIBLE}]+")
_EDGES = re.compile(f"^[{_INVISIBLE}]+|[{_INVISIBLE}]+$")
# A numbering token, its separator, and the rest. The token may carry Arabic diacritics (أولاً). A full
# stop must not be followed by a digit ("4.5 million" is not item 4); a dash needs a space beside it
# ("A-level" is not subsection A) and must not be followed by a number ("10 - 15 per cent").
_DASH = "[-‐‑–—−]"
_NUMBERED = re.compile(
    r"(?P<token>[\w\u0640\u064b-\u065f\u0670]{1,12}?)"
    rf"\s*(?P<sep>[.．](?!\d)|[、:：]|[)）]|\s{_DASH}(?!\s*\d)|{_DASH}(?=\s)(?!\s*\d))\s*(?P<rest>.*)",
    re.S,
)
_DOTTED = re.compile(r"(?P<token>\d{1,3}(?:[.．]\d{1,3})+)[.．]?(?!\d)\s+(?P<rest>.*)", re.S)
_PARENTHESISED = re.compile(r"[(（]\s*(?P<token>[^\s()（）]{1,5})\s*[)）]\s*(?P<rest>.*)", re.S)
_ANNEX = re.compile(r"(?P<word>annex|annexe|anexo|приложение|المرفق|مرفق|附件)\s*(?P<token>[^\s.:：]{0,12})\s*[.:：]?", re.I)


@dataclass(frozen=True)
class _Found:
    """A paragraph that starts with a numbering."""

    paragraph: int
    marks: frozenset[tuple[str, Any]]
    numbering: str
    rest: str


def _letter_marks(token: str, sep: str) -> set[tuple[str, Any]]:
    marks: set[tuple[str, Any]] = set()
    if len(token) != 1:
        return marks
    if "A" <= token <= "Z" and sep not in "、:：":
        marks.add(("letter", ord(token) - ord("A") + 1))
    elif token in _CYRILLIC_LETTERS and sep not in "、:：":
        marks.add(("letter", _CYRILLIC_LETTERS.index(token) + 1))
        if token in _CYRILLIC_AS_LATIN:
            marks.add(("letter", ord(_CYRILLIC_AS_LATIN[token]) - ord("A") + 1))
    elif sep in ")）":  # a) б) — lower-case letters only with a bracket: "e.g. …" is not sub-paragraph (e)
        marks |= _sub_letter_marks(token)
    return marks


def _sub_letter_marks(token: str) -> set[tuple[str, Any]]:
    marks: set[tuple[str, Any]] = set()
    folded = fold(token)
    if len(token) == 1 and "a" <= token <= "z":
        marks.add(("sub", ord(token) - ord("a") + 1))
    elif len(token) == 1 and token.upper() in _CYRILLIC_LETTERS:
        marks.add(("sub", _CYRILLIC_LETTERS.index(token.upper()) + 1))
        latin = _CYRILLIC_AS_LATIN.get(token.upper())
        if latin:
            marks.add(("sub", ord(latin) - ord("A") + 1))
    elif len(folded) == 1 and folded in _ARABIC_LETTERS:
        marks.add(("sub", _ARABIC_LETTERS.index(folded) + 1))
    if token.islower() and (n := roman_number(token)) is not None:
        marks.add(("subroman", n))
    return marks


def _recognise(paragraph: str) -> tuple[set[tuple[str, Any]], str, str] | None:
    """The numberings a paragraph may start with, the numbering as written, and the text after it."""
    start = _LEADING.match(paragraph)
    s = paragraph[start.end():] if start else paragraph
    annex = _ANNEX.fullmatch(s)
    if annex:
        token = unicodedata.normalize("NFKC", annex.group("token"))
        if not token:
            value: int | None = 1
        elif token.isdecimal():
            value = int(token)
        else:
            folded = fold(token)
            value = roman_number(token) or chinese_number(token) or (
                _ARABIC_ORDINAL_ADJECTIVES.index(folded) + 1 if folded in _ARABIC_ORDINAL_ADJECTIVES else None
            )
        if value:
            return {("annex", value)}, s.strip(), ""
    m = _PARENTHESISED.match(s)
    if m:
        token = unicodedata.normalize("NFKC", m.group("token"))
        marks = _sub_letter_marks(token)
        if token.isdecimal():
            marks.add(("paren", int(token)))
        elif (n := chinese_number(token)) is not None:
            marks.add(("paren", n))
        if marks:
            return marks, s[: m.start("rest")].strip(), m.group("rest").strip()
    m = _DOTTED.match(s)
    if m:
        token = unicodedata.normalize("NFKC", m.group("token")).replace("．", ".")
        return {("dotted", token)}, s[: m.start("rest")].strip(), m.group("rest").strip()
    m = _NUMBERED.match(s)
    if not m:
        return None
    raw, sep = m.group("token"), m.group("sep")
    token = unicodedata.normalize("NFKC", raw)
    marks = set()
    if token.isdecimal() and len(token) <= 3:
        marks.add(("number", int(token)))
        if sep in ")）":
            marks.add(("paren", int(token)))
    elif (n := chinese_number(token)) is not None:
        if sep in "、.．":
            marks.add(("section", n))
    elif token.isupper() and (n := roman_number(token)) is not None and sep not in "、":
        marks.add(("section", n))
        marks |= _letter_marks(token, sep)
    elif len(token) == 1:
        marks |= _letter_marks(token, sep)
    else:
        folded = fold(token)
        if sep not in ")）、":
            if folded in _ARABIC_ORDINALS:
                marks.add(("section", _ARABIC_ORDINALS.index(folded) + 1))
            elif folded in _ARABIC_LETTER_NAMES:
                marks.add(("letter", _ARABIC_LETTER_NAMES.index(folded) + 1))
        if token.islower() and sep in ")）" and (n := roman_number(token)) is not None:
            marks.add(("subroman", n))
    if not marks:
        return None
    return marks, s[: m.start("rest")].strip(), m.group("rest").strip()


# -- aligning ------------------------------------------------------------------------------------


def _match(slots: Sequence[tuple[str, Any]], found: Sequence[frozenset[tuple[str, Any]]]) -> dict[int, int]:
    """The largest order-keeping matching of the structure's numberings to the numberings found in the text
    (a longest common subsequence): {index in found: index in slots}. Numbers restart in every subsection,
    so only their order, with the headings between them, tells which "1." is which."""
    m, n = len(slots), len(found)
    best = [[0] * (n + 1) for _ in range(m + 1)]
    for i in range(m - 1, -1, -1):
        row, below, mark = best[i], best[i + 1], slots[i]
        for j in range(n - 1, -1, -1):
            value = below[j] if below[j] > row[j + 1] else row[j + 1]
            if mark in found[j] and below[j + 1] + 1 > value:
                value = below[j + 1] + 1
            row[j] = value
    pairs: dict[int, int] = {}
    i = j = 0
    while i < m and j < n:
        if slots[i] in found[j] and best[i][j] == best[i + 1][j + 1] + 1:
            pairs[j] = i
            i += 1
            j += 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1  # the structure's item is missing from the text
        else:
            j += 1  # the text's number fits nowhere here
    return pairs


_SCRIPTS = {
    "ar": lambda ch: "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufeff",
    "ru": lambda ch: "\u0400" <= ch <= "\u04ff",
    "zh": is_cjk,
}


def _in_script(lang: str, ch: str) -> bool:
    test = _SCRIPTS.get(lang)
    if test is not None:
        return test(ch)
    return ch.isascii() or "\u00c0" <= ch <= "\u024f"  # en, fr, es: Latin


def _script_share(lang: str, texts: Sequence[str]) -> float:
    letters = [ch for t in texts for ch in t if ch.isalpha()]
    if not letters:
        return 1.0
    return sum(_in_script(lang, ch) for ch in letters) / len(letters)


def align(document_id: str, lang: str, paragraphs: Sequence[str], structure: Structure) -> Alignment:
    """Propose which paragraphs are the text of which item of `structure`, by the numbering of `lang`'s style.

    Each numbered item is matched to a paragraph that starts with its numbering, keeping the order of both
    (see `_match`). An item's text is the rest of that paragraph and the paragraphs after it, up to the next
    numbered paragraph, but never more paragraphs than the item has in the source; the surplus is listed as
    not aligned. Items without a number get the paragraphs between their numbered neighbours only when
    exactly as many are left over as they need (or, before the first number, the last ones of the title
    block). Everything else is listed: parts not aligned, and items that received no text (gaps).
    """
    if structure.document_id != document_id:
        raise ImportVersionError(
            N_("The structure given is that of {other}, not of {doc}."), other=structure.document_id, doc=document_id
        )
    if lang not in LANGUAGES:
        raise ImportVersionError(N_("There is no language {lang} (use one of {languages})."), lang=lang, languages=", ".join(LANGUAGES))
    paragraphs = list(paragraphs)
    sequence = [item for item in structure.items if item.imported]
    kinds = {item.mark[0] for item in sequence if item.mark}
    found: list[_Found] = []
    for index, paragraph in enumerate(paragraphs):
        recognised = _recognise(paragraph)
        if recognised is None:
            continue
        marks = frozenset(mk for mk in recognised[0] if mk[0] in kinds)  # only the kinds this document uses
        if marks:
            found.append(_Found(index, marks, recognised[1], recognised[2]))
    numbered = [position for position, item in enumerate(sequence) if item.mark]
    if len(numbered) * len(found) > MAX_ALIGN_CELLS:
        raise ImportVersionError(
            N_("The file has {count} numbered paragraphs, far more than {doc} has; is it a version of this document?"),
            count=len(found), doc=document_id,
        )
    matched = _match([sequence[p].mark for p in numbered], [f.marks for f in found])
    anchor_of = {numbered[slot]: found[f] for f, slot in matched.items()}  # position in sequence → _Found

    # Each numbered paragraph opens a block running to the next numbered paragraph.
    starts = [f.paragraph for f in found]
    block_end = {f.paragraph: (starts[k + 1] if k + 1 < len(starts) else len(paragraphs)) for k, f in enumerate(found)}
    prelude_end = starts[0] if starts else len(paragraphs)

    pairs: list[AlignedPair] = []
    unaligned: list[UnalignedPart] = []
    gaps: list[Gap] = []

    def gap(item: StructureItem, found_alone: _Found | None = None) -> None:
        numbering, paragraph = (found_alone.numbering, found_alone.paragraph) if found_alone else (None, None)
        gaps.append(Gap(item.id, item.kind, item.label, item.ref, numbering, paragraph))

    def pair(item: StructureItem, parts: list[tuple[int, str]], numbering: str, first: int) -> None:
        texts = [_EDGES.sub("", t) for _, t in parts]
        title = texts[0] if item.has_title else None
        body_parts = texts[1:] if item.has_title else texts
        body = "\n".join(body_parts) if item.text_paragraphs and body_parts else None
        pairs.append(
            AlignedPair(item.id, item.kind, item.ref, numbering, not numbering, title, body, first, parts[-1][0])
        )

    def leave(parts: list[tuple[int, str]], reason: str, after: StructureItem | None, numbering: str | None = None) -> None:
        if parts:
            text = "\n".join(paragraphs[i] for i, _ in parts)
            unaligned.append(UnalignedPart(parts[0][0], parts[-1][0], text, reason, after.id if after else None, numbering))

    anchors = sorted(anchor_of)
    anchored = {a.paragraph for a in anchor_of.values()}
    unexpected = [f for f in found if f.paragraph not in anchored]
    bounds = [None, *anchors, None]
    for k in range(len(bounds) - 1):
        before, after = bounds[k], bounds[k + 1]
        lo = before + 1 if before is not None else 0
        hi = after if after is not None else len(sequence)
        between = sequence[lo:hi]
        region_start = anchor_of[before].paragraph if before is not None else -1
        region_end = anchor_of[after].paragraph if after is not None else len(paragraphs)
        strays = [f for f in unexpected if region_start < f.paragraph < region_end]
        if before is None:
            item = None
            free = [(i, paragraphs[i]) for i in range(0, min(prelude_end, region_end))]
        else:
            item = sequence[before]
            here = anchor_of[before]
            block = ([(here.paragraph, here.rest)] if here.rest else []) + [
                (i, paragraphs[i]) for i in range(here.paragraph + 1, block_end[here.paragraph])
            ]
            own, free = block[: item.paragraphs], block[item.paragraphs:]
            if own:
                pair(item, own, here.numbering, here.paragraph)
            else:
                gap(item, here)
        unnumbered = [s for s in between if s.mark is None]
        missing = [s for s in between if s.mark is not None]
        need = sum(s.paragraphs for s in unnumbered)
        placed: list[tuple[StructureItem, list[tuple[int, str]]]] = []
        if unnumbered and not missing and not strays:
            if before is None and len(free) >= need:
                # Before the first number comes the title block (symbol, session, title); what precedes the
                # first number directly is what the structure has there (the introduction's heading).
                take, free = free[len(free) - need:], free[: len(free) - need]
            elif before is not None and len(free) == need:
                take, free = free, []
            else:
                take = []
            for s in unnumbered if take else ():
                placed.append((s, take[: s.paragraphs]))
                take = take[s.paragraphs:]
        if before is None:
            leave(free, BEFORE_FIRST, None)
        else:
            leave(free, REFORM_COLUMNS if item.kind == "reform" else AFTER_ITEM, item)
        for s, parts in placed:
            pair(s, parts, "", parts[0][0])
        done = {s.id for s, _ in placed}
        for s in between:
            if s.id not in done:
                gap(s)
        for stray in strays:
            stray_end = block_end[stray.paragraph]
            leave([(i, paragraphs[i]) for i in range(stray.paragraph, stray_end)], UNEXPECTED_NUMBER, item, stray.numbering)

    order = {item.id: position for position, item in enumerate(sequence)}
    pairs.sort(key=lambda p: order[p.item_id])
    gaps.sort(key=lambda g: order[g.item_id])
    unaligned.sort(key=lambda u: u.first_paragraph)

    notices: list[Notice] = []
    # Numbers alone restart everywhere and some always fit; the headings' numerals and letters say whether
    # the text has this document's shape at all.
    headings = [p for p in numbered if sequence[p].mark[0] in ("section", "letter", "annex")]
    headings_found = sum(1 for p in headings if p in anchor_of)
    if numbered and (len(matched) * 2 < len(numbered) or headings_found * 2 < len(headings)):
        notices.append(
            Notice(
                "few_numbers",
                N_("Only {found} of the {expected} numbered items of {doc} were found by their numbers; is this a version of that document?"),
                {"found": len(matched), "expected": len(numbered), "doc": document_id},
            )
        )
    share = _script_share(lang, [p.text or p.title or "" for p in pairs] or paragraphs)
    if share < 0.5:
        notices.append(
            Notice("script", N_("The text does not look like it is written in the language {lang}."), {"lang": lang})
        )
    return Alignment(document_id, lang, len(paragraphs), tuple(pairs), tuple(unaligned), tuple(gaps), tuple(notices))


# -- applying ------------------------------------------------------------------------------------


def bundled_source_name(document_id: str, lang: str) -> str:
    """How a revision names the bundled corpus text it keeps."""
    return f"bundled:{document_id}/{lang}.yaml"


def apply_alignment(db: Database, alignment: Alignment, provenance: str, source_name: str) -> ImportResult:
    """Write the aligned texts in one transaction: each becomes the item's text in the alignment's language
    (user_text, laid over the content tables and the search indexes), and the text it replaces — the bundled
    one or an earlier import — is kept in user_text_revision. Fields of reforms are left as they are."""
    from sqlalchemy import select

    from cprdesk_core.corpus.loader import overlay_user_text
    from cprdesk_db.models import CorpusText, UserText, UserTextRevision

    _check_provenance(provenance)
    if alignment.lang not in LANGUAGES:
        raise ImportVersionError(N_("There is no language {lang} (use one of {languages})."), lang=alignment.lang, languages=", ".join(LANGUAGES))
    if not alignment.pairs:
        raise ImportVersionError(
            N_("Nothing in {source} could be aligned to {doc}; nothing was imported."), source=source_name, doc=alignment.document_id
        )
    source_name = source_name[:1000]
    now = datetime.now(UTC).replace(tzinfo=None)
    written = added = unchanged = revisions = 0
    with db.sessions.begin() as session:
        for p in alignment.pairs:
            current = session.get(UserText, (p.item_id, alignment.lang))
            title, text = p.title, p.text
            if current is not None:
                # A part this import lacks (a heading's text) stays as the earlier import had it, so that
                # user_text always says in full what is laid over the corpus.
                title = current.title if title is None else title
                text = current.text if text is None else text
                if (current.provenance, current.title, current.text) == (provenance, title, text):
                    unchanged += 1
                    continue
                session.add(
                    UserTextRevision(
                        item_id=p.item_id, lang=alignment.lang, provenance=current.provenance, title=current.title,
                        text=current.text, fields=None, replaced_at=now, source_name=current.source_name,
                    )
                )
                revisions += 1
                current.provenance, current.title, current.text = provenance, title, text
                current.source_name, current.imported_at = source_name, now
            else:
                bundled = session.execute(
                    select(CorpusText.provenance, CorpusText.title, CorpusText.text).where(
                        CorpusText.item_id == p.item_id, CorpusText.lang == alignment.lang
                    )
                ).first()
                if bundled is None:
                    added += 1
                else:
                    session.add(
                        UserTextRevision(
                            item_id=p.item_id, lang=alignment.lang, provenance=bundled.provenance, title=bundled.title,
                            text=bundled.text, fields=None, replaced_at=now,
                            source_name=bundled_source_name(alignment.document_id, alignment.lang),
                        )
                    )
                    revisions += 1
                session.add(
                    UserText(
                        item_id=p.item_id, lang=alignment.lang, provenance=provenance, title=p.title, text=p.text,
                        fields=None, source_name=source_name, imported_at=now,
                    )
                )
            session.flush()
            if not overlay_user_text(session, p.item_id, alignment.lang, provenance, title, text):
                raise NotFoundError(N_("There is no item {id}."), id=p.item_id)
            written += 1
    return ImportResult(alignment.document_id, alignment.lang, provenance, source_name, written, added, unchanged, revisions)


def _check_provenance(provenance: str) -> None:
    if provenance not in PROVENANCES:
        raise ImportVersionError(N_("The provenance must be official or user, not {value}."), value=provenance)


def import_version(
    db: Database, path: Path | str, document_id: str, lang: str, provenance: str = "user", *, dry_run: bool = False,
    force: bool = False,
) -> tuple[Alignment, ImportResult | None]:
    """Read `path`, align it to `document_id` in `lang`, and apply the alignment unless `dry_run`; a doubtful
    alignment (the file does not look like that document or that language) is applied only with `force`.
    The database is not touched until the file has been read and aligned in full."""
    _check_provenance(provenance)
    path = Path(path)
    structure = load_structure(db.connection(), document_id)
    version = read_version_file(path)
    alignment = align(document_id, lang, version.paragraphs, structure)
    if version.auto_numbered:
        notice = Notice(
            "auto_numbered",
            N_("{count} paragraphs of the Word document are numbered by Word itself, and such numbers are not part of the text; type the numbers in, or save the document as plain text from Word."),
            {"count": version.auto_numbered},
        )
        alignment = Alignment(
            alignment.document_id, alignment.lang, alignment.paragraph_count, alignment.pairs, alignment.unaligned,
            alignment.gaps, (*alignment.notices, notice),
        )
    if dry_run:
        return alignment, None
    if alignment.doubtful and not force:
        raise ImportVersionError(
            N_("The file {path} does not look like a version of {doc} in {lang}; nothing was imported."),
            path=path, doc=document_id, lang=lang,
        )
    return alignment, apply_alignment(db, alignment, provenance, path.name)
