"""The bundled fonts: coverage, per-character-run font choice and lazy registration with ReportLab."""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cprdesk_resources import FONTS_DIR


@dataclass(frozen=True)
class FontFace:
    """One bundled font file and the name ReportLab knows it by."""

    name: str
    file: str
    script: str  # "latin" (Latin, Greek, Cyrillic), "arabic" or "cjk"
    bold: bool

    @property
    def path(self) -> Path:
        return FONTS_DIR / self.file


FACES: tuple[FontFace, ...] = (
    FontFace("CPRDesk-NotoSans", "NotoSans-Regular.ttf", "latin", False),
    FontFace("CPRDesk-NotoSans-Bold", "NotoSans-Bold.ttf", "latin", True),
    FontFace("CPRDesk-NotoNaskhArabic", "NotoNaskhArabic-Regular.ttf", "arabic", False),
    FontFace("CPRDesk-NotoNaskhArabic-Bold", "NotoNaskhArabic-Bold.ttf", "arabic", True),
    FontFace("CPRDesk-NotoSansSC", "NotoSansSC-Regular.ttf", "cjk", False),
    FontFace("CPRDesk-NotoSansSC-Bold", "NotoSansSC-Bold.ttf", "cjk", True),
)

# Which script's face comes first for text of each language; the others are fallbacks.
_SCRIPT_ORDER = {
    "ar": ("arabic", "latin", "cjk"),
    "zh": ("cjk", "latin", "arabic"),
}
_DEFAULT_ORDER = ("latin", "cjk", "arabic")

# Characters that are never drawn, so no font needs them.
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}

_face_by_name = {face.name: face for face in FACES}


def face_named(name: str) -> FontFace:
    """Return the bundled face registered under `name`."""
    return _face_by_name[name]


def faces_for(lang: str, bold: bool = False) -> tuple[FontFace, ...]:
    """The faces to try, in order, for text of language `lang`."""
    order = _SCRIPT_ORDER.get(lang, _DEFAULT_ORDER)
    by_script = {face.script: face for face in FACES if face.bold == bold}
    return tuple(by_script[script] for script in order)


def primary_face(lang: str, bold: bool = False) -> FontFace:
    """The face that typesets most of a text in language `lang`."""
    return faces_for(lang, bold)[0]


@lru_cache(maxsize=None)
def coverage(face: FontFace) -> frozenset[int]:
    """The code points that `face` has a glyph for (read from its cmap)."""
    import uharfbuzz

    blob = uharfbuzz.Blob.from_file_path(str(face.path))
    return frozenset(uharfbuzz.Face(blob).unicodes)


def is_invisible(char: str) -> bool:
    """True for characters that are never drawn (controls, format and separator characters)."""
    return unicodedata.category(char) in _INVISIBLE_CATEGORIES


def uncovered_characters(text: str) -> tuple[str, ...]:
    """The distinct characters of `text` that no bundled font can draw, in order of appearance."""
    covered = [coverage(face) for face in FACES if not face.bold]
    missing: dict[str, None] = {}
    for char in set(text):
        code = ord(char)
        if char.isspace() or is_invisible(char) or any(code in cmap for cmap in covered):
            continue
        missing[char] = None
    return tuple(sorted(missing, key=text.index))


class FontChooser:
    """Chooses, character by character, which face draws a text of one language and weight.

    A run's face always has every glyph of the run: the language's own face when it has the
    glyph, else the first fallback that does. Spaces and punctuation stay in the face of the
    run they sit in, so a comma after a Chinese word does not switch to the Latin face.
    """

    def __init__(self, lang: str, bold: bool = False) -> None:
        self.faces = faces_for(lang, bold)
        self._cmaps = [coverage(face) for face in self.faces]
        self._choice: dict[str, int] = {}

    def index_for(self, char: str) -> int:
        """Index in `self.faces` of the first face that covers `char` (0 when none does)."""
        found = self._choice.get(char)
        if found is None:
            code = ord(char)
            found = next((i for i, cmap in enumerate(self._cmaps) if code in cmap), 0)
            self._choice[char] = found
        return found

    def covers(self, index: int, char: str) -> bool:
        """True when face number `index` has a glyph for `char`."""
        return ord(char) in self._cmaps[index]

    def runs(self, text: str) -> list[tuple[FontFace, str]]:
        """Split `text` into maximal runs of one face each."""
        result: list[tuple[int, list[str]]] = []
        for char in text:
            index = self.index_for(char)
            if result:
                current = result[-1][0]
                if index != current and is_neutral(char) and self.covers(current, char):
                    index = current
                if index == current:
                    result[-1][1].append(char)
                    continue
            result.append((index, [char]))
        return [(self.faces[i], "".join(chars)) for i, chars in result]


@lru_cache(maxsize=4096)
def is_neutral(char: str) -> bool:
    """True for spaces, punctuation and symbols: they may stay in the face of the run around them."""
    category = unicodedata.category(char)
    return category[0] in "ZPS" or category in ("Cc", "Cf")


_registry_lock = threading.Lock()
_registered: dict[str, object] = {}


def register_fonts() -> dict[str, object]:
    """Load the bundled faces into ReportLab (once per process) and return them by name.

    Called when a PDF is made, never at application start-up: it imports ReportLab.
    """
    with _registry_lock:
        if not _registered:
            from reportlab.pdfbase import pdfmetrics

            from .pdffont import ShapingTTFont

            for face in FACES:
                font = ShapingTTFont(face.name, str(face.path))
                pdfmetrics.registerFont(font)
                _registered[face.name] = font
        return dict(_registered)
