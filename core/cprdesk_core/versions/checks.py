"""Checks over all language versions of each item of a document at once: each a named unit with an id and a severity."""

from __future__ import annotations

import hashlib
import json
import os
import re
import statistics
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from cprdesk_core.corpus.schema import LIST_FIELDS, load_yaml
from cprdesk_core.errors import N_, CorpusError
from cprdesk_core.i18n import CONTENT_LANGUAGES
from cprdesk_core.textfold import fold, strip_markers
from cprdesk_core.versions import extract
from cprdesk_core.versions.glossary import Glossary, terms_in
from cprdesk_core.versions.snapshot import SOURCE_LANG, ItemVersions, Version, VersionsSnapshot

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)

_LANG_ORDER = {lang: i for i, lang in enumerate(CONTENT_LANGUAGES)}
KNOWN_FINDINGS_FORMAT = "cprdesk-known-findings/1"


def _by_language(langs: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(langs), key=lambda lang: (_LANG_ORDER.get(lang, len(_LANG_ORDER)), lang)))


@dataclass(frozen=True)
class Dismissal:
    """Why a finding is not a problem, and who said so; `in_data` when it is recorded in the bundled data."""

    reason: str
    by: str
    at: datetime | None = None
    in_data: bool = False


@dataclass(frozen=True)
class Finding:
    """One thing a check found in one item: which versions, what each has, and why it matters.

    `message_id` is an English msgid with named placeholders filled from `params`; the
    placeholders `lang` and `other` hold language codes, shown as language names.
    """

    check_id: str
    severity: str
    item_id: str
    document_id: str
    languages: tuple[str, ...]
    evidence: dict[str, str]
    message_id: str
    params: dict[str, str] = field(default_factory=dict)
    dismissal: Dismissal | None = None

    @cached_property
    def key(self) -> str:
        """A stable id of the finding (check, item, languages, evidence), used to dismiss it."""
        payload = json.dumps(
            [self.check_id, self.item_id, list(self.languages), sorted(self.evidence.items())],
            ensure_ascii=False, separators=(",", ":"),
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def __hash__(self) -> int:
        return hash(self.key)

    @property
    def dismissed(self) -> bool:
        return self.dismissal is not None

    def message(self, gettext: Callable[[str], str] | None = None,
                language_name: Callable[[str], str] | None = None) -> str:
        """The message in the language of `gettext` (English without), language codes shown by `language_name`."""
        text = gettext(self.message_id) if gettext is not None else self.message_id
        params = dict(self.params)
        for name in ("lang", "other"):
            if name in params:
                params[name] = language_name(params[name]) if language_name else params[name]
        return text.format(**params)


@dataclass(frozen=True)
class KnownFinding:
    """A finding of the bundled corpus judged not to be an error, recorded in data with the reason."""

    check_id: str
    item_id: str
    languages: tuple[str, ...]
    reason: str
    key: str | None = None

    def matches(self, finding: Finding) -> bool:
        if self.key is not None:
            return self.key == finding.key
        return (
            self.check_id == finding.check_id and self.item_id == finding.item_id
            and set(self.languages) == set(finding.languages)
        )


def load_known_findings(path: Path | None = None) -> tuple[KnownFinding, ...]:
    """The findings recorded as known in `path` (default: the bundled versions/known-findings.yaml)."""
    if path is None:
        from cprdesk_resources import ROOT

        path = ROOT / "versions" / "known-findings.yaml"
    if not path.exists():
        return ()
    return _known_findings(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _known_findings(path: Path, _mtime: int) -> tuple[KnownFinding, ...]:
    # Keyed by the file's time too, so that an edited file is read again.
    data = load_yaml(path) or {}
    if data.get("format") != KNOWN_FINDINGS_FORMAT or not isinstance(data.get("findings"), list):
        raise CorpusError(N_("The file {path} is not a list of known findings."), path=path)
    out = []
    for entry in data["findings"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("reason"), str) or not entry["reason"].strip():
            raise CorpusError(N_("Every known finding in {path} needs a reason."), path=path)
        out.append(KnownFinding(
            str(entry.get("check", "")), str(entry.get("item", "")), tuple(entry.get("languages") or ()),
            entry["reason"].strip(), entry.get("key"),
        ))
    return tuple(out)


@dataclass(frozen=True)
class _Piece:
    where: str  # "title", "text", "cells[0]", "ongoing_actions[2]", "ongoing_actions[2].sub[0]", "budget" …
    text: str
    prose: bool  # False for codes copied verbatim (the subprogramme reference)


def _pieces(version: Version) -> list[_Piece]:
    pieces: list[_Piece] = []
    for name in ("title", "text"):
        value = getattr(version, name)
        if isinstance(value, str):
            pieces.append(_Piece(name, value, True))
    for i, cell in enumerate(version.cells or ()):
        if isinstance(cell, str):
            pieces.append(_Piece(f"cells[{i}]", cell, True))
    fields = version.fields if isinstance(version.fields, dict) else {}
    for name, value in fields.items():
        if isinstance(value, str):
            pieces.append(_Piece(name, value, name != "subprogramme_ref"))
        elif isinstance(value, list):
            for i, block in enumerate(value):
                if isinstance(block, str):
                    pieces.append(_Piece(f"{name}[{i}]", block, True))
                elif isinstance(block, dict):
                    if isinstance(block.get("text"), str):
                        pieces.append(_Piece(f"{name}[{i}]", block["text"], True))
                    for j, sub in enumerate(block.get("sub") or ()):
                        if isinstance(sub, str):
                            pieces.append(_Piece(f"{name}[{i}].sub[{j}]", sub, True))
    return pieces


class _View:
    """One version as the checks read it; what they extract is computed once."""

    def __init__(self, version: Version) -> None:
        self.version = version
        self.lang = version.lang
        self.pieces = _pieces(version)

    @cached_property
    def whole(self) -> str:
        return "\n".join(p.text for p in self.pieces)

    @cached_property
    def prose(self) -> str:
        return strip_markers("\n".join(p.text for p in self.pieces if p.prose))

    @cached_property
    def is_empty(self) -> bool:
        return not any(p.text.strip() for p in self.pieces)

    @cached_property
    def length(self) -> int:
        return len("".join(extract.without_codes(self.prose).split()))

    @cached_property
    def prose_pieces(self) -> dict[str, tuple[str, str]]:
        """where → (prose, its letters outside codes) of each piece that says enough to be compared (not a name,
        "No", a URL or a code)."""
        out = {}
        for piece in self.pieces:
            if piece.prose:
                text = strip_markers(piece.text)
                letters = extract.letters_outside_codes(text)
                if len(letters) >= _MIN_LETTERS:
                    out[piece.where] = (text, letters)
        return out

    @cached_property
    def numbers(self) -> extract.Numbers:
        return extract.read_numbers(self.whole, self.lang)

    @cached_property
    def folded(self) -> str:
        return fold(self.prose)


@dataclass
class _Document:
    snapshot: VersionsSnapshot
    glossary: Glossary | None
    length_scale: dict[str, float] = field(default_factory=dict)
    glossary_forms: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)


class _Item:
    def __init__(self, item: ItemVersions, document: _Document) -> None:
        self.item = item
        self.document = document
        self.views = {lang: _View(v) for lang, v in item.versions.items()}
        # Versions with some text: the ones compared with each other.
        self.texts = {lang: view for lang, view in self.views.items() if not view.is_empty}
        self.identical: list[tuple[str, list[str]]] | None = None  # see _identical_pieces

    def finding(self, check: Check, langs: Iterable[str], evidence: dict[str, str], message_id: str,
                **params: str) -> Finding:
        ordered = {lang: evidence[lang] for lang in _by_language(evidence)}
        return Finding(check.id, check.severity, self.item.id, self.item.document_id, _by_language(langs),
                       ordered, message_id, params)


@dataclass(frozen=True)
class Check:
    """A check: `id` (stable, used in data and on the command line), severity, a short name (msgid) and what it does."""

    id: str
    severity: str
    name: str
    description: str
    run: Callable[[Check, _Item], Iterator[Finding]] = field(repr=False, compare=False)


_REGISTRY: list[Check] = []


def _check(check_id: str, severity: str, name: str) -> Callable[[Callable], Callable]:
    def register(func: Callable[[Check, _Item], Iterator[Finding]]) -> Callable:
        doc = " ".join((func.__doc__ or "").split())
        _REGISTRY.append(Check(check_id, severity, name, doc, func))
        return func

    return register


def _excerpt(text: str, start: int, end: int, width: int = 14) -> str:
    left = max(0, start - width)
    right = min(len(text), end + width)
    excerpt = text[left:right].replace("\n", " ")
    return ("…" if left else "") + excerpt + ("…" if right < len(text) else "")


def _short(text: str, limit: int = 48) -> str:
    text = " ".join(strip_markers(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_LONG_VALUE = 60


def _shorten_alike(values: Iterable[str]) -> dict[str, str]:
    """Long values (web addresses) cut to the stretch where they differ from each other: value → as shown."""
    values = list(values)
    if all(len(v) <= _LONG_VALUE for v in values):
        return {v: v for v in values}
    prefix = len(os.path.commonprefix(values)) if len(values) > 1 else 0
    start = max(0, prefix - 20)
    return {
        v: ("…" if start else "") + v[start:start + _LONG_VALUE - 10] + ("…" if len(v) > start + _LONG_VALUE - 10 else "")
        for v in values
    }


def _sort_values(values: Iterable[str]) -> list[str]:
    def key(value: str) -> tuple[int, float, str]:
        try:
            return (0, float(value), value)
        except ValueError:
            return (1, 0.0, value)

    return sorted(values, key=key)


def _odd_values(values: dict[str, frozenset[str]],
                soft: dict[str, frozenset[str]] | None = None) -> dict[str, tuple[set[str], set[str]]]:
    """Per version that disagrees with the majority: (what it lacks, what it has alone).

    Each value is voted on separately, so one version can lack a number that another has
    in excess; on a tie the side of the official Chinese version wins. A `soft` value (an
    ordinal in figures, a Chinese numeral) counts for the majority but is never flagged as
    extra, and what the Chinese has, even softly, is never extra in a translation.
    """
    langs = list(values)
    n = len(langs)
    odd: dict[str, tuple[set[str], set[str]]] = {}
    if n < 2:
        return odd
    soft = soft or {}
    held = {lang: values[lang] | soft.get(lang, frozenset()) for lang in langs}
    source = held.get(SOURCE_LANG, frozenset())
    for value in set().union(*held.values()):
        holders = [lang for lang in langs if value in held[lang]]
        if len(holders) == n:
            continue
        if 2 * len(holders) > n or (2 * len(holders) == n and SOURCE_LANG in holders):
            for lang in langs:
                if lang not in holders:
                    odd.setdefault(lang, (set(), set()))[0].add(value)
        else:
            for lang in holders:
                if value in values[lang] and (lang == SOURCE_LANG or value not in source):
                    odd.setdefault(lang, (set(), set()))[1].add(value)
    return odd


def _majority(signatures: dict[str, Any]) -> tuple[Any, list[str]]:
    """The most common signature (the Chinese one on a tie) and the versions whose signature differs."""
    counts = Counter(signatures.values())
    best = max(counts.values())
    candidates = [s for s in signatures.values() if counts[s] == best]
    source = signatures.get(SOURCE_LANG)
    majority = source if source in candidates else candidates[0]
    return majority, [lang for lang, s in signatures.items() if s != majority]


def _compare_values(check: Check, item: _Item, extract_values: Callable[[_View], frozenset[str]],
                    messages: tuple[str, str, str],
                    extract_soft: Callable[[_View], frozenset[str]] | None = None) -> Iterator[Finding]:
    """Findings for the versions whose set of values (numbers, symbols …) differs from the majority's."""
    values = {lang: extract_values(view) for lang, view in item.texts.items()}
    soft = {lang: extract_soft(view) for lang, view in item.texts.items()} if extract_soft else {}
    lacking_msg, extra_msg, instead_msg = messages
    odd = _odd_values(values, soft)
    for lang in _by_language(odd):
        missing, extra = odd[lang]
        disputed = missing | extra
        shown = _shorten_alike(disputed)
        evidence = {
            other: ", ".join(shown[v] for v in _sort_values((values[other] | soft.get(other, frozenset())) & disputed))
            or "—"
            for other in values
        }
        missing_text = ", ".join(shown[v] for v in _sort_values(missing))
        extra_text = ", ".join(shown[v] for v in _sort_values(extra))
        if missing and extra:
            yield item.finding(check, [lang], evidence, instead_msg, lang=lang, missing=missing_text, extra=extra_text)
        elif missing:
            yield item.finding(check, [lang], evidence, lacking_msg, lang=lang, missing=missing_text)
        else:
            yield item.finding(check, [lang], evidence, extra_msg, lang=lang, extra=extra_text)


@_check("missing", ERROR, N_("Missing or empty version"))
def _missing(check: Check, item: _Item) -> Iterator[Finding]:
    """Every language the document has must have a non-empty version of every item that has text."""
    if not item.texts:
        return
    for lang in item.document.snapshot.languages:
        if lang not in item.views:
            yield item.finding(check, [lang], {lang: "—"}, N_("There is no {lang} version of this item."), lang=lang)
        elif lang not in item.texts:
            yield item.finding(check, [lang], {lang: "—"}, N_("The {lang} version of this item is empty."), lang=lang)


_MIN_WORDS_UNTRANSLATED = 4
_MIN_LETTERS = 12
# A few of the commonest words of each Latin-script language, to tell which of two identical texts is the copy.
_STOPWORDS = {
    "en": frozenset("the and of to in for with on by is are this that".split()),
    "fr": frozenset("le la les des et du de au aux pour dans une un est sur".split()),
    "es": frozenset("el la los las y del de al para en una un es con por".split()),
}


def _identical_pieces(item: _Item) -> list[tuple[str, list[str]]]:
    """(where, languages) for each part of the item that two or more versions have word for word the same."""
    if item.identical is not None:
        return item.identical
    found = []
    wheres = dict.fromkeys(where for view in item.texts.values() for where in view.prose_pieces)
    for where in wheres:
        groups: dict[str, list[str]] = {}
        for lang, view in item.texts.items():
            piece = view.prose_pieces.get(where)
            if piece is not None and len(words := piece[0].split()) >= _MIN_WORDS_UNTRANSLATED:
                groups.setdefault(" ".join(words).casefold(), []).append(lang)
        found.extend((where, list(_by_language(langs))) for langs in groups.values() if len(langs) > 1)
    item.identical = found
    return found


def _fits(text: str, lang: str) -> int:
    """How much a text looks like `lang`: its commonest words (Latin-script languages), else letters of its script."""
    if lang in _STOPWORDS:
        return sum(1 for w in re.findall(r"[^\W\d_]+", text.casefold()) if w in _STOPWORDS[lang])
    return extract.script_counts(extract.letters_outside_codes(text)).get(extract.SCRIPTS.get(lang, ""), 0)


@_check("untranslated", ERROR, N_("Untranslated text"))
def _untranslated(check: Check, item: _Item) -> Iterator[Finding]:
    """A version with a text or list entry word for word the same as another language's: the copy is flagged, not
    the language the text is in (the Chinese when it is one of them, else the one whose commonest words it has)."""
    flagged: set[str] = set()
    for where, group in _identical_pieces(item):
        text = item.texts[group[0]].prose_pieces[where][0]
        if SOURCE_LANG in group:
            original = SOURCE_LANG
        else:
            original = max(group, key=lambda lang: (_fits(text, lang), -_LANG_ORDER.get(lang, 99)))
        evidence = {lang: _short(item.texts[lang].prose_pieces[where][0]) for lang in group}
        for lang in group:
            if lang != original and lang not in flagged:
                flagged.add(lang)
                yield item.finding(check, [lang], evidence,
                                   N_("The {lang} text is the same as the {other} text: it looks untranslated."),
                                   lang=lang, other=original)


_SCRIPT_NAMES = {"CJK": "Han", "OTHER": "another"}


@_check("script", ERROR, N_("Wrong script"))
def _script(check: Check, item: _Item) -> Iterator[Finding]:
    """A version with a text or list entry mostly in another script than its language's (Latin in the Arabic …);
    a copy of another version is left to the untranslated check."""
    copied = {(where, lang) for where, group in _identical_pieces(item) for lang in group}
    for lang, view in item.texts.items():
        expected = extract.SCRIPTS.get(lang)
        if expected is None:
            continue
        for where, (text, letters) in view.prose_pieces.items():
            if (where, lang) in copied:
                continue
            counts = extract.script_counts(letters)
            found = max(counts, key=counts.__getitem__)
            if found != expected and counts[found] > 2 * counts.get(expected, 0):
                yield item.finding(check, [lang], {lang: _short(text)},
                                   N_("The {lang} text is mostly in {script} script: it looks untranslated."),
                                   lang=lang, script=_SCRIPT_NAMES.get(found, found.title()))
                break


@_check("numbers", ERROR, N_("Numbers"))
def _numbers(check: Check, item: _Item) -> Iterator[Finding]:
    """Numbers, percentages, years and amounts compared by value, each version read by its language's conventions."""
    yield from _compare_values(check, item, lambda view: view.numbers.firm, (
        N_("Numbers missing in the {lang} version: {missing} (the other versions have them)."),
        N_("Numbers only in the {lang} version: {extra}."),
        N_("Numbers in the {lang} version: {extra} where the other versions have {missing}."),
    ), lambda view: view.numbers.soft)


@_check("symbols", ERROR, N_("Document symbols"))
def _symbols(check: Check, item: _Item) -> Iterator[Finding]:
    """Document symbols (UNEP/EA.5/3, A/RES/66/288, CEB/2019/3/Add.2 …) identical in every version."""
    yield from _compare_values(check, item, lambda view: extract.symbols(view.whole), (
        N_("Document symbols missing in the {lang} version: {missing} (the other versions have them)."),
        N_("Document symbols only in the {lang} version: {extra}."),
        N_("Document symbols in the {lang} version: {extra} where the other versions have {missing}."),
    ))


@_check("references", ERROR, N_("Resolution and decision references"))
def _references(check: Check, item: _Item) -> Iterator[Finding]:
    """Resolution and decision references (4/22, 26/1, 63/220, SS.VII/1) present and identical in every version."""
    yield from _compare_values(check, item, lambda view: extract.references(view.whole), (
        N_("Resolution or decision references missing in the {lang} version: {missing} (the other versions have them)."),
        N_("Resolution or decision references only in the {lang} version: {extra}."),
        N_("Resolution or decision references in the {lang} version: {extra} where the other versions have {missing}."),
    ))


@_check("urls", ERROR, N_("Web addresses"))
def _urls(check: Check, item: _Item) -> Iterator[Finding]:
    """Web addresses identical in every version."""
    yield from _compare_values(check, item, lambda view: extract.urls(view.whole), (
        N_("Web addresses missing in the {lang} version: {missing} (the other versions have them)."),
        N_("Web addresses only in the {lang} version: {extra}."),
        N_("Web addresses in the {lang} version: {extra} where the other versions have {missing}."),
    ))


@_check("footnotes", ERROR, N_("Footnote references"))
def _footnotes(check: Check, item: _Item) -> Iterator[Finding]:
    """The same [^N] footnote references in every version (where they fall may differ)."""
    markers = {lang: tuple(sorted(extract.footnote_markers(view.whole))) for lang, view in item.texts.items()}
    if len(set(markers.values())) < 2:
        return
    majority, odd = _majority(markers)

    def shown(labels: tuple[str, ...]) -> str:
        return " ".join(f"[^{label}]" for label in labels) or "—"

    evidence = {lang: shown(labels) for lang, labels in markers.items()}
    for lang in odd:
        yield item.finding(check, [lang], evidence,
                           N_("Footnote references in the {lang} version: {found}; in the other versions: {expected}."),
                           lang=lang, found=shown(markers[lang]), expected=shown(majority))


_LIST_MESSAGES = {
    "ongoing_actions": N_("Entries / bullets / sub-bullets of the ongoing actions in the {lang} version: {found}; "
                          "in the other versions: {expected}."),
    "further_actions": N_("Entries / bullets / sub-bullets of the proposed further actions in the {lang} version: "
                          "{found}; in the other versions: {expected}."),
    "status": N_("Entries / bullets / sub-bullets of the status in the {lang} version: {found}; "
                 "in the other versions: {expected}."),
    "paragraphs": N_("Paragraphs in the {lang} text: {found}; in the other versions: {expected}."),
    "cells": N_("Table cells in the {lang} version: {found}; in the other versions: {expected}."),
}


def _list_shapes(view: _View) -> dict[str, str]:
    """Per list-like part of a version, a short signature: paragraphs, cells, entries/bullets/sub-bullets."""
    version = view.version
    shapes = {}
    if version.text is not None:
        shapes["paragraphs"] = str(sum(1 for part in version.text.split("\n") if part.strip()))
    if version.cells is not None:
        shapes["cells"] = str(len(version.cells))
    fields = version.fields if isinstance(version.fields, dict) else {}
    for name in LIST_FIELDS:
        blocks = fields.get(name)
        if not isinstance(blocks, list):
            continue
        bullets = sum(1 for b in blocks if isinstance(b, str) or (isinstance(b, dict) and b.get("bullet", True)))
        subs = [len(b.get("sub") or ()) if isinstance(b, dict) else 0 for b in blocks]
        shapes[name] = f"{len(blocks)} / {bullets} / {'+'.join(map(str, subs)) if any(subs) else 0}"
    return shapes


@_check("lists", ERROR, N_("Paragraphs, list entries and bullets"))
def _lists(check: Check, item: _Item) -> Iterator[Finding]:
    """The same number of paragraphs, table cells, list entries, bullets and sub-bullets (reform fields) in every version."""
    shapes = {lang: _list_shapes(view) for lang, view in item.texts.items()}
    parts = sorted({part for shape in shapes.values() for part in shape}, key=list(_LIST_MESSAGES).index)
    for part in parts:
        signatures = {lang: shape.get(part, "—") for lang, shape in shapes.items()}
        if len(set(signatures.values())) < 2:
            continue
        majority, odd = _majority(signatures)
        for lang in odd:
            evidence = {other: f"{part}: {signature}" for other, signature in signatures.items()}
            yield item.finding(check, [lang], evidence, _LIST_MESSAGES[part],
                               lang=lang, found=signatures[lang], expected=majority)


_OPENERS = {"(": ")", "[": "]", "{": "}", "（": "）", "［": "］", "【": "】", "《": "》", "〈": "〉", "「": "」",
            "『": "』", "«": "»", "“": "”", "„": "“", "‹": "›", "﴾": "﴿", "﴿": "﴾"}
_CLOSERS = frozenset(_OPENERS.values())
_BRACKETS = re.compile("[" + re.escape("".join(set(_OPENERS) | _CLOSERS)) + '"]')
# "a)", "ii)", "3)": list labels written with a closing parenthesis only (French, Spanish, Russian usage).
_LABEL_BEFORE = re.compile(r"(?:^|(?<=[\s(,;:–—\-/«“]))(?:[^\W\d_]{1,2}|[ivxlcIVXLC]{1,5}|\d{1,3})$")


def _unbalanced(text: str) -> tuple[int, str] | None:
    """The position and character of the first bracket or quotation mark without its partner, if any."""
    stack: list[tuple[int, str]] = []
    for match in _BRACKETS.finditer(text):
        ch, pos = match.group(), match.start()
        if ch == '"':
            if stack and stack[-1][1] == '"':
                stack.pop()
            else:
                stack.append((pos, ch))
            continue
        if stack and _OPENERS.get(stack[-1][1]) == ch:
            stack.pop()
        elif ch in _OPENERS:
            stack.append((pos, ch))
        elif ch == ")" and _LABEL_BEFORE.search(text[max(0, pos - 8):pos]):
            continue
        else:
            return pos, ch
    return stack[0] if stack else None


@_check("brackets", WARNING, N_("Brackets and quotation marks"))
def _brackets(check: Check, item: _Item) -> Iterator[Finding]:
    """Brackets and quotation marks balanced in each version: ( ) [ ] « » “ ” „ “ 「」 《》 （） ﴾﴿ and straight quotes."""
    for lang, view in item.texts.items():
        for piece in view.pieces:
            problem = _unbalanced(piece.text)
            if problem is not None:
                pos, mark = problem
                yield item.finding(check, [lang], {lang: _excerpt(piece.text, pos, pos + 1)},
                                   N_("Unbalanced {mark} in the {lang} version."), lang=lang, mark=mark)
                break


@_check("glossary", WARNING, N_("Glossary terms"))
def _glossary(check: Check, item: _Item) -> Iterator[Finding]:
    """Where the Chinese has a glossary term, each version uses one of that term's forms (recorded exceptions honoured)."""
    glossary = item.document.glossary
    source = item.texts.get(SOURCE_LANG)
    if glossary is None or source is None:
        return
    for term in terms_in(source.prose, glossary.terms):
        for lang, view in item.texts.items():
            forms = term.forms.get(lang)
            if lang == SOURCE_LANG or not forms or glossary.is_exception(lang, item.item.id, term.id):
                continue
            folded_forms = item.document.glossary_forms.get((term.id, lang))
            if folded_forms is None:
                folded_forms = item.document.glossary_forms[(term.id, lang)] = tuple(fold(f) for f in forms)
            if not any(f in view.folded for f in folded_forms):
                yield item.finding(check, [lang], {SOURCE_LANG: term.zh, lang: " / ".join(forms)},
                                   N_("The {lang} version does not use the glossary form of {term}: {expected}."),
                                   lang=lang, term=term.zh, expected=forms[0])


# Items shorter than this (in Chinese characters, or the equivalent) vary too much in length to compare.
_MIN_LENGTH = 25
_LENGTH_FACTOR = 1.8


def _length_scales(items: list[_Item]) -> dict[str, float]:
    """Per language, the document's median length ratio to the Chinese (how many characters per Chinese one)."""
    ratios: dict[str, list[float]] = {}
    for item in items:
        source = item.texts.get(SOURCE_LANG)
        if source is None or source.length < _MIN_LENGTH:
            continue
        for lang, view in item.texts.items():
            if view.length:
                ratios.setdefault(lang, []).append(view.length / source.length)
    return {lang: statistics.median(values) for lang, values in ratios.items() if values}


@_check("length", INFO, N_("Length"))
def _length(check: Check, item: _Item) -> Iterator[Finding]:
    """A version much longer or shorter than the other versions suggest, given each language's median length ratio
    in this document."""
    scales = item.document.length_scale
    expected = {lang: view.length / scales[lang] for lang, view in item.texts.items() if scales.get(lang)}
    if len(expected) < 2:
        return
    consensus = statistics.median(expected.values())
    if consensus < _MIN_LENGTH:
        return
    evidence = {lang: str(item.texts[lang].length) for lang in expected}
    for lang, value in expected.items():
        ratio = value / consensus
        if ratio > _LENGTH_FACTOR:
            yield item.finding(check, [lang], evidence,
                               N_("The {lang} version is {ratio} times as long as the other versions suggest."),
                               lang=lang, ratio=f"{ratio:.1f}")
        elif ratio < 1 / _LENGTH_FACTOR:
            yield item.finding(check, [lang], evidence,
                               N_("The {lang} version is only {ratio} of the length the other versions suggest."),
                               lang=lang, ratio=f"{ratio:.2f}")


_FR_SPACE = "\u00a0\u202f"
_FR_BEFORE = re.compile(r"[:;?!»]")
_URL_SPANS = extract.URL


def _outside_urls(text: str) -> Callable[[int], bool]:
    spans = [m.span() for m in _URL_SPANS.finditer(text)]
    return lambda pos: not any(start <= pos < end for start, end in spans)


def _problems(pieces: Iterable[_Piece], find: Callable[[str], Iterator[tuple[int, int]]]) -> list[str]:
    found = []
    for piece in pieces:
        if piece.prose:
            found.extend(_excerpt(piece.text, start, end) for start, end in find(piece.text))
    return found


def _typography_finding(check: Check, item: _Item, lang: str, excerpts: list[str], message_id: str) -> Iterator[Finding]:
    if excerpts:
        shown = " | ".join(excerpts[:3]) + (" | …" if len(excerpts) > 3 else "")
        yield item.finding(check, [lang], {lang: shown}, message_id, lang=lang, count=str(len(excerpts)))


def _french_spacing(text: str) -> Iterator[tuple[int, int]]:
    outside = _outside_urls(text)
    for match in _FR_BEFORE.finditer(text):
        pos = match.start()
        before = text[pos - 1] if pos else ""
        if not outside(pos) or before in _FR_SPACE or before in "?!" or pos == 0:
            continue
        if match.group() == ":" and before.isdigit() and text[pos + 1:pos + 2].isdigit():
            continue  # a time or a ratio: 10:30, 1:2
        yield pos - 1, pos + 1
    for match in re.finditer("«", text):
        pos = match.start()
        if text[pos + 1:pos + 2] not in tuple(_FR_SPACE):
            yield pos, pos + 2


@_check("fr-spacing", WARNING, N_("French spacing"))
def _fr_spacing(check: Check, item: _Item) -> Iterator[Finding]:
    """French: a non-breaking space (U+00A0 or U+202F) before : ; ? ! and » and after «."""
    view = item.texts.get("fr")
    if view is not None:
        yield from _typography_finding(check, item, "fr", _problems(view.pieces, _french_spacing), N_(
            "The {lang} version needs a non-breaking space before : ; ? ! and inside « » (places: {count})."))


_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
_ZH_ASCII = re.compile(rf"(?<=[{_CJK}])[ ]?[,;:?!](?=[ ]?[{_CJK}])")


@_check("zh-punctuation", WARNING, N_("Chinese punctuation"))
def _zh_punctuation(check: Check, item: _Item) -> Iterator[Finding]:
    """Chinese: full-width punctuation between Chinese characters (，；：？！, not ASCII , ; : ? !)."""
    view = item.texts.get("zh")
    if view is not None:
        yield from _typography_finding(check, item, "zh", _problems(view.pieces, lambda t: (
            m.span() for m in _ZH_ASCII.finditer(t))), N_(
            "The {lang} version has ASCII punctuation between Chinese characters; use ，；：？！ (places: {count})."))


_ARABIC_LETTER = "\u0621-\u063a\u0641-\u064a\u064b-\u0652\u0670-\u06d3"
_AR_ASCII = re.compile(rf"(?<=[{_ARABIC_LETTER}])[,;?]")


@_check("ar-punctuation", WARNING, N_("Arabic punctuation"))
def _ar_punctuation(check: Check, item: _Item) -> Iterator[Finding]:
    """Arabic: the Arabic comma, semicolon and question mark (، ؛ ؟) after Arabic letters, not ASCII , ; ?."""
    view = item.texts.get("ar")
    if view is not None:
        yield from _typography_finding(check, item, "ar", _problems(view.pieces, lambda t: (
            m.span() for m in _AR_ASCII.finditer(t))), N_(
            "The {lang} version has ASCII punctuation after Arabic letters; use ، ؛ ؟ (places: {count})."))


CHECKS: tuple[Check, ...] = tuple(_REGISTRY)
CHECK_IDS: tuple[str, ...] = tuple(c.id for c in CHECKS)


def check_named(check_id: str) -> Check:
    for check in CHECKS:
        if check.id == check_id:
            return check
    raise KeyError(check_id)


def run_checks(snapshot: VersionsSnapshot, glossary: Glossary | None, known: Sequence[KnownFinding] | None = None,
               only: Collection[str] | None = None) -> list[Finding]:
    """Every finding of every check (or of the checks in `only`) over a document's versions, in reading order.

    Findings recorded in `known` (default: the bundled known-findings file) come back
    dismissed in data, with their reason.
    """
    if known is None:
        known = load_known_findings()
    document = _Document(snapshot, glossary)
    items = [_Item(item, document) for item in snapshot.items]
    document.length_scale = _length_scales(items)
    checks = [c for c in CHECKS if only is None or c.id in only]
    findings: list[Finding] = []
    for item in items:
        for check in checks:
            findings.extend(check.run(check, item))
    if known:
        findings = [_mark_known(f, known) for f in findings]
    return findings


def _mark_known(finding: Finding, known: Sequence[KnownFinding]) -> Finding:
    for entry in known:
        if entry.matches(finding):
            return replace(finding, dismissal=Dismissal(entry.reason, "CPR Desk", None, in_data=True))
    return finding
