"""Bidirectional levels of a paragraph (Unicode Bidirectional Algorithm, implicit rules)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Text without any right-to-left character needs no bidi work at all in a left-to-right paragraph.
_RTL_CHARS = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff\u200f\u202b\u202e\u2067]"
)

# Bidi_Paired_Bracket pairs (the common ones), for rule N0.
_OPENING = {"(": ")", "[": "]", "{": "}", "\uff08": "\uff09", "\uff3b": "\uff3d", "\uff5b": "\uff5d",
            "\u2045": "\u2046", "\u207d": "\u207e", "\u208d": "\u208e", "\u2329": "\u232a",
            "\u3008": "\u3009", "\u300a": "\u300b", "\u300c": "\u300d", "\u300e": "\u300f",
            "\u3010": "\u3011", "\u3014": "\u3015", "\u3016": "\u3017", "\u3018": "\u3019",
            "\u301a": "\u301b", "\u2768": "\u2769", "\u276a": "\u276b", "\u2772": "\u2773"}
_CLOSING = {close: open_ for open_, close in _OPENING.items()}

_NEUTRAL = {"B", "S", "WS", "ON", "BN"}


def needs_bidi(text: str, rtl: bool) -> bool:
    """False when `text` in a paragraph of the given direction is all at one level."""
    return rtl or _RTL_CHARS.search(text) is not None


@lru_cache(maxsize=8192)
def _bidi_class(char: str) -> str:
    cls = unicodedata.bidirectional(char)
    if cls in ("LRE", "RLE", "LRO", "RLO", "PDF"):
        # Explicit embeddings and overrides are not supported: they count as boundary
        # neutrals, so their content takes the levels its own letters give it.
        return "BN"
    if cls in ("LRI", "RLI", "FSI", "PDI"):
        # Seen from outside, an isolate is one neutral character (rule X5a-X6a).
        return "ON"
    return cls or "L"


_ISOLATE_OPENERS = "\u2066\u2067\u2068"
_PDI = "\u2069"


def resolve_levels(text: str, rtl: bool) -> list[int]:
    """Resolved embedding level of each character of one paragraph (rules W1-W7, N0-N2, I1-I2).

    Isolates (LRI, RLI, FSI ... PDI) are honoured; explicit embeddings and overrides are
    treated as neutral, which is enough for note texts. Trailing spaces of a line are never
    drawn, so rule L1 needs no work.
    """
    if _PDI not in text:
        return _resolve(text, rtl)
    pairs = []
    depth = 0
    for i, char in enumerate(text):
        if char in _ISOLATE_OPENERS:
            if depth == 0:
                start = i
            depth += 1
        elif char == _PDI and depth:
            depth -= 1
            if depth == 0:
                pairs.append((start, i))
    if not pairs:
        return _resolve(text, rtl)
    # The outer text sees each isolate as its initiator and PDI only.
    kept = []
    last = 0
    for start, end in pairs:
        kept.extend(range(last, start + 1))
        last = end
    kept.extend(range(last, len(text)))
    outer = _resolve("".join(text[i] for i in kept), rtl)
    levels = [0] * len(text)
    for i, level in zip(kept, outer):
        levels[i] = level
    base = 1 if rtl else 0
    for start, end in pairs:
        content = text[start + 1 : end]
        opener = text[start]
        if opener == "\u2068":
            inner_rtl = _first_strong_is_rtl(content)
        else:
            inner_rtl = opener == "\u2067"
        # The isolate's level is the least level above the paragraph's with the right parity.
        level = base + 1 if (base % 2 == 0) == inner_rtl else base + 2
        shift = level - (1 if inner_rtl else 0)
        for k, inner in enumerate(resolve_levels(content, inner_rtl)):
            levels[start + 1 + k] = inner + shift
    return levels


def _first_strong_is_rtl(text: str) -> bool:
    depth = 0
    for char in text:
        if char in _ISOLATE_OPENERS:
            depth += 1
        elif char == _PDI:
            depth = max(depth - 1, 0)
        elif depth == 0:
            cls = unicodedata.bidirectional(char)
            if cls == "L":
                return False
            if cls in ("R", "AL"):
                return True
    return False


def _resolve(text: str, rtl: bool) -> list[int]:
    base = 1 if rtl else 0
    n = len(text)
    if not n:
        return []
    sos = "R" if rtl else "L"
    types = [_bidi_class(c) for c in text]

    # W1: non-spacing marks take the type of what they follow.
    prev = sos
    for i, t in enumerate(types):
        if t == "NSM":
            types[i] = "ON" if prev in ("BN",) else prev
        elif t != "BN":
            prev = t
    # W2, W3: European digits after Arabic letters are Arabic numbers; AL is R.
    last_strong = sos
    for i, t in enumerate(types):
        if t in ("L", "R", "AL"):
            last_strong = t
            if t == "AL":
                types[i] = "R"
        elif t == "EN" and last_strong == "AL":
            types[i] = "AN"
    # W4: one separator between two numbers of a kind joins them.
    for i in range(1, n - 1):
        t = types[i]
        if t == "ES" and types[i - 1] == "EN" and types[i + 1] == "EN":
            types[i] = "EN"
        elif t == "CS" and types[i - 1] == types[i + 1] and types[i - 1] in ("EN", "AN"):
            types[i] = types[i - 1]
    # W5: terminators next to European numbers become European numbers.
    i = 0
    while i < n:
        if types[i] == "ET":
            j = i
            while j < n and types[j] in ("ET", "BN"):
                j += 1
            if (i > 0 and types[i - 1] == "EN") or (j < n and types[j] == "EN"):
                for k in range(i, j):
                    types[k] = "EN"
            i = j
        else:
            i += 1
    # W6: other separators and terminators are neutral.
    for i, t in enumerate(types):
        if t in ("ES", "ET", "CS"):
            types[i] = "ON"
    # W7: European numbers after Latin letters are Latin.
    last_strong = sos
    for i, t in enumerate(types):
        if t in ("L", "R"):
            last_strong = t
        elif t == "EN" and last_strong == "L":
            types[i] = "L"

    embedding = "R" if rtl else "L"
    _resolve_brackets(text, types, embedding, sos)

    # N1, N2: neutrals between two strong types of one direction take it, else the embedding's.
    i = 0
    while i < n:
        if types[i] in _NEUTRAL:
            j = i
            while j < n and types[j] in _NEUTRAL:
                j += 1
            before = sos if i == 0 else _strong_dir(types[i - 1])
            after = sos if j == n else _strong_dir(types[j])
            resolved = before if before == after else embedding
            for k in range(i, j):
                types[k] = resolved
            i = j
        else:
            i += 1

    # I1, I2.
    levels = []
    for t in types:
        if base == 0:
            levels.append(1 if t == "R" else 2 if t in ("AN", "EN") else 0)
        else:
            levels.append(2 if t in ("L", "EN", "AN") else 1)
    return levels


def _strong_dir(t: str) -> str:
    return "L" if t == "L" else "R"


def _resolve_brackets(text: str, types: list[str], embedding: str, sos: str) -> None:
    """Rule N0: a bracket pair takes the direction of what it encloses, or of its context."""
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for i, char in enumerate(text):
        if types[i] != "ON":
            continue
        if char in _OPENING:
            if len(stack) >= 63:
                break
            stack.append((_OPENING[char], i))
        elif char in _CLOSING:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == char:
                    pairs.append((stack[depth][1], i))
                    del stack[depth:]
                    break
    opposite = "L" if embedding == "R" else "R"
    for open_i, close_i in sorted(pairs):
        inside = {_strong_dir(t) for t in types[open_i + 1 : close_i] if t in ("L", "R", "EN", "AN")}
        if embedding in inside:
            direction = embedding
        elif opposite in inside:
            context = sos
            for t in reversed(types[:open_i]):
                if t in ("L", "R", "EN", "AN"):
                    context = _strong_dir(t)
                    break
            direction = opposite if context == opposite else embedding
        else:
            continue
        types[open_i] = types[close_i] = direction


def visual_order(levels: list[int]) -> list[int]:
    """Rule L2: the indices of `levels` in left-to-right display order."""
    order = list(range(len(levels)))
    if not levels:
        return order
    highest = max(levels)
    lowest_odd = min(level for level in levels if level % 2) if any(level % 2 for level in levels) else highest + 1
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        n = len(order)
        while i < n:
            if levels[order[i]] >= level:
                j = i
                while j < n and levels[order[j]] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return order
