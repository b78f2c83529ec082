"""Folding text for search: case, accents, Arabic diacritics and letter forms, ё/е, digits — with an offset map."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ARABIC_LETTERS = {
    "\u0671": "\u0627",  # alef wasla → alef
    "\u0649": "\u064a",  # alef maksura → yeh
    "\u0629": "\u0647",  # teh marbuta → heh
    "\u06cc": "\u064a",  # Farsi yeh → yeh
    "\u06a9": "\u0643",  # keheh → kaf
    "\u0640": "",  # tatweel
}
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
_QUOTES = {"\u2019": "'", "\u2018": "'", "\u02bc": "'"}


def is_cjk(ch: str) -> bool:
    """True for Han ideographs and other CJK characters that are written without spaces."""
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x20000 <= o <= 0x2FA1F
        or 0xF900 <= o <= 0xFAFF
        or 0x3040 <= o <= 0x30FF
        or 0xAC00 <= o <= 0xD7AF
    )


@lru_cache(maxsize=65536)
def fold_char(ch: str) -> str:
    """The folded form of one character ('' when it only carries a diacritic)."""
    if ch in _ARABIC_LETTERS:
        return _ARABIC_LETTERS[ch]
    if ch in _DIGITS:
        return _DIGITS[ch]
    if ch in _QUOTES:
        return _QUOTES[ch]
    if ch.isascii():
        return ch.lower()
    if is_cjk(ch):
        return ch
    decomposed = unicodedata.normalize("NFKD", ch)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    out = kept.casefold()
    return "".join(_ARABIC_LETTERS.get(c, c) for c in out)


def fold(text: str) -> str:
    """Fold a text for matching: the same for the index and for queries."""
    return "".join(map(fold_char, text))


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each folded character, the index of the original character it came from."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        f = fold_char(ch)
        if f:
            out.append(f)
            origin.extend([i] * len(f))
    return "".join(out), origin


_CJK_RUN = re.compile(
    "([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f])"
)


def space_cjk(folded: str) -> str:
    """Put spaces around every CJK character so that a word tokenizer sees each as one token."""
    return _CJK_RUN.sub(r" \1 ", folded)


FOOTNOTE_MARKER = re.compile(r"\[\^([^\]\s]+)\]")


def strip_markers(text: str) -> str:
    """Text without footnote markers, for indexing and plain-text output."""
    return FOOTNOTE_MARKER.sub("", text)
