"""Paragraph typesetting in the six UN languages, as ReportLab Flowables that treat text as data."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from reportlab.platypus.flowables import Flowable

from .bidi import needs_bidi, resolve_levels, visual_order
from .fonts import FontChooser, coverage, is_neutral, register_fonts
from .pdffont import ShapingTTFont, glyph_ops, mark_ops, plain_ops

RTL_LANGUAGES = frozenset({"ar"})
FOOTNOTE_REF_RE = re.compile(r"\[\^([^\]\s]+)\]")

SUPERSCRIPT_SCALE = 0.62
SUPERSCRIPT_RISE = 0.38

# Line breaking. Chinese punctuation that may not start a line (closing brackets and quotes,
# sentence and clause marks, small kana...) and that may not end one (opening brackets and
# quotes), after the Chinese and Japanese layout requirements (clreq, jlreq).
_CLOSING = (
    "，。、；：？！）」』》〉】〕〗〙〛｝］”’…‥·・％‰℃々〻ーゝゞヽヾ"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ｡｣､･ｰ︰︶︸︺︼︾﹀﹂﹄﹚﹜﹞"
    "!),.:;?]}%"
)
_OPENING = "（「『《〈【〔〖〘〚｛［“‘([{｟｢︵︷︹︻︽︿﹁﹃﹙﹛﹝"
_CJK_RANGES = (
    "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff"
)
# Spaces that allow a break; no-break spaces (U+00A0, U+2007, U+202F) stay inside words.
_SPACES = " \u1680\u2000-\u2006\u2008-\u200a\u205f\u3000"


def _cls(chars: str) -> str:
    return "".join("\\" + c if c in "\\]^-[" else c for c in chars)


_O, _C, _SP = _cls(_OPENING), _cls(_CLOSING), _SPACES
# An ideograph (or kana, hangul...) is an atom of its own; any other run of non-space
# characters is a word, ASCII brackets included, so "(a)–(h)" never breaks. Opening marks
# cling to what follows and closing marks to what precedes.
_K = f"(?:(?![{_O}{_C}{_SP}])[{_CJK_RANGES}])"
_W = f"[^{_SP}{_CJK_RANGES}]"
_ATOM_RE = re.compile(
    rf"[{_O}]*(?:{_K}|{_W}+|[{_C}])[{_C}]*[{_SP}]*"
    rf"|[{_O}]+[{_SP}]*|[{_SP}]+"
)
_SPACE_CHARS = frozenset(" \u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000")
_NOT_LINE_START = frozenset(_CLOSING)
# Controls become spaces (tabs, stray line breaks) or vanish; format characters that only
# steer bidi or joining are kept for the algorithms and never drawn as glyphs of their own.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WHITE_RE = re.compile("[\t\n\r\u2028\u2029\x85]")
_UNDRAWN_RE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufe00-\ufe0f]")


@dataclass(frozen=True)
class TextStyle:
    """How a paragraph looks; `indent` and `align` are relative to the writing direction."""

    size: float = 10.0
    leading: float = 1.45
    bold: bool = False
    color: tuple[float, float, float] = (0.0, 0.0, 0.0)
    space_before: float = 0.0
    space_after: float = 4.0
    indent: float = 0.0
    align: str = "start"  # "start", "end" or "center"


# Naskh letters look smaller than Latin ones at the same size; Arabic text is set larger.
_LANGUAGE_SCALE = {"ar": 1.12}


def for_language(style: TextStyle, lang: str) -> TextStyle:
    """The style as used for text in `lang` (Arabic is set a little larger)."""
    scale = _LANGUAGE_SCALE.get(lang)
    return replace(style, size=style.size * scale) if scale else style


def is_rtl(lang: str) -> bool:
    """True for languages written right to left."""
    return lang in RTL_LANGUAGES


class _Piece:
    """A stretch of one line with one font, size, bidi level and kind (space or not)."""

    __slots__ = ("text", "font", "sup", "level", "space", "width", "run")

    def __init__(self, text, font, sup, level, space, width, run) -> None:
        self.text = text
        self.font: ShapingTTFont = font
        self.sup = sup
        self.level = level
        self.space = space
        self.width = width
        self.run = run


class _Atom:
    """The unit of line breaking: what lies between two break opportunities."""

    __slots__ = ("pieces", "width", "space")

    def __init__(self, pieces: list[_Piece], width: float, space: float) -> None:
        self.pieces = pieces
        self.width = width  # without the trailing spaces
        self.space = space  # width of the trailing spaces


class _Typesetter:
    """Turns a paragraph's text into atoms for one language, weight and size (caches widths)."""

    def __init__(self, lang: str, bold: bool) -> None:
        self.fonts = register_fonts()
        self.chooser = FontChooser(lang, bold)
        self.faces = [self.fonts[face.name] for face in self.chooser.faces]
        self.primary_cmap = coverage(self.chooser.faces[0])
        self.rtl = is_rtl(lang)
        self._plain_widths: list[dict[str, float]] = [{} for _ in self.faces]

    def plain_width(self, index: int, text: str) -> float:
        cache = self._plain_widths[index]
        width = cache.get(text)
        if width is None:
            font = self.faces[index]
            get, default = font.widths.get, font.default_width
            width = cache[text] = sum([get(ord(c), default) for c in text]) / 1000
            if len(cache) > 200_000:
                cache.clear()
        return width

    def atoms(self, text: str, size: float) -> list[_Atom]:
        text, sups = _clean(text)
        if not text:
            return []
        base = 1 if self.rtl else 0
        levels = resolve_levels(text, self.rtl) if needs_bidi(text, self.rtl) else None
        simple_faces = set(text) <= self.primary_cmap and not _UNDRAWN_RE.search(text)
        sup_flags = None
        if sups:
            sup_flags = bytearray(len(text))
            for start, end in sups:
                sup_flags[start:end] = b"\x01" * (end - start)
        atoms: list[_Atom] = []
        for match in _ATOM_RE.finditer(text):
            start, end = match.span()
            core_end = end
            while core_end > start and text[core_end - 1] in _SPACE_CHARS:
                core_end -= 1
            if simple_faces and levels is None and (sup_flags is None or not any(sup_flags[start:end])):
                pieces = []
                width = space = 0.0
                if core_end > start:
                    core = text[start:core_end]
                    width = self.plain_width(0, core) * size
                    pieces.append(_Piece(core, self.faces[0], False, 0, False, width, None))
                if end > core_end:
                    spaces = text[core_end:end]
                    space = self.plain_width(0, spaces) * size
                    pieces.append(_Piece(spaces, self.faces[0], False, 0, True, space, None))
                atom = _Atom(pieces, width, space)
            else:
                atom = self._general_atom(text, start, core_end, end, levels, sup_flags, base, size)
            if sup_flags is not None and sup_flags[start] and atoms and not atoms[-1].space:
                # A footnote reference never starts a line: it stays with what it follows.
                last = atoms[-1]
                last.pieces.extend(atom.pieces)
                last.width += atom.width
                last.space = atom.space
                continue
            atoms.append(atom)
        return atoms

    def _general_atom(self, text, start, core_end, end, levels, sup_flags, base, size) -> _Atom:
        chooser = self.chooser
        groups: list[list] = []  # [face index, sup, level, space, chars]
        for i in range(start, end):
            char = text[i]
            space = i >= core_end
            sup = bool(sup_flags[i]) if sup_flags is not None else False
            level = levels[i] if levels is not None else base
            if _UNDRAWN_RE.match(char):
                continue
            index = chooser.index_for(char)
            if groups:
                last = groups[-1]
                if (index != last[0] and last[1] == sup and last[2] == level and last[3] == space
                        and chooser.covers(last[0], char) and is_neutral(char)):
                    index = last[0]
                if last[0] == index and last[1] == sup and last[2] == level and last[3] == space:
                    last[4].append(char)
                    continue
            groups.append([index, sup, level, space, [char]])
        pieces = []
        width = space_width = 0.0
        for index, sup, level, space, chars in groups:
            piece_text = "".join(chars)
            font = self.faces[index]
            piece_size = size * SUPERSCRIPT_SCALE if sup else size
            if level % 2:
                run = font.shape(piece_text, True)
                piece_width = run.width * piece_size / font.units_per_em
            else:
                run = None
                piece_width = self.plain_width(index, piece_text) * piece_size
            pieces.append(_Piece(piece_text, font, sup, level, space, piece_width, run))
            if space:
                space_width += piece_width
            else:
                width += piece_width
        return _Atom(pieces, width, space_width)


_typesetters: dict[tuple[str, bool], _Typesetter] = {}


def _typesetter(lang: str, bold: bool) -> _Typesetter:
    key = (lang, bold)
    found = _typesetters.get(key)
    if found is None:
        found = _typesetters[key] = _Typesetter(lang, bold)
    return found


def _clean(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Normalise a paragraph and find its footnote references: (text, superscript ranges)."""
    text = unicodedata.normalize("NFC", text)
    text = _WHITE_RE.sub(" ", text)
    text = _CONTROL_RE.sub("", text)
    if "[^" not in text:
        return text, []
    parts: list[str] = []
    sups: list[tuple[int, int]] = []
    length = 0
    last = 0
    for match in FOOTNOTE_REF_RE.finditer(text):
        before = text[last : match.start()]
        parts.append(before)
        length += len(before)
        label = match.group(1)
        parts.append(label)
        sups.append((length, length + len(label)))
        length += len(label)
        last = match.end()
    parts.append(text[last:])
    return "".join(parts), sups


def _break_lines(atoms: list[_Atom], width: float, size: float) -> list[list[_Atom]]:
    lines: list[list[_Atom]] = []
    current: list[_Atom] = []
    used = 0.0  # width of `current` including its last atom's trailing spaces
    pending = list(reversed(atoms))
    while pending:
        atom = pending.pop()
        if current and used + atom.width > width + 1e-6:
            lines.append(current)
            current, used = [], 0.0
        if not current and atom.width > width + 1e-6:
            head, tail = _split_atom(atom, width, size)
            if tail is not None:
                pending.append(tail)
            atom = head
        current.append(atom)
        used += atom.width + atom.space
    if current:
        lines.append(current)
    return lines


def _split_atom(atom: _Atom, width: float, size: float) -> tuple[_Atom, _Atom | None]:
    """Break a word wider than the line at the last character that still fits."""
    chars: list[tuple[_Piece, str]] = [(p, c) for p in atom.pieces for c in p.text]
    total = 0.0
    cut = 0
    for k, (piece, char) in enumerate(chars):
        char_size = size * SUPERSCRIPT_SCALE if piece.sup else size
        w = piece.font.widths.get(ord(char), piece.font.default_width) * char_size / 1000
        if total + w > width and k > 0:
            break
        total += w
        cut = k + 1
    # Rather cut after a hyphen or slash, if the part that fits has one.
    for k in range(cut - 1, 0, -1):
        if chars[k - 1][1] in "-\u2010/" and not chars[k][0].sup:
            cut = k
            break
    # Keep a mark with its letter and closing punctuation off the start of the next line.
    while 1 < cut < len(chars) and (unicodedata.combining(chars[cut][1]) or chars[cut][1] in _NOT_LINE_START
                                     or chars[cut][0].sup):
        cut -= 1
    if cut >= len(chars):
        return atom, None
    return _rebuild(chars[:cut], size), _rebuild(chars[cut:], size)


def _rebuild(chars: list[tuple[_Piece, str]], size: float) -> _Atom:
    groups: list[tuple[_Piece, list[str]]] = []
    for piece, char in chars:
        if groups and groups[-1][0] is piece:
            groups[-1][1].append(char)
        else:
            groups.append((piece, [char]))
    pieces = []
    width = space = 0.0
    for source, group_chars in groups:
        text = "".join(group_chars)
        font = source.font
        piece_size = size * SUPERSCRIPT_SCALE if source.sup else size
        if source.level % 2:
            run = font.shape(text, True)
            w = run.width * piece_size / font.units_per_em
        else:
            run = None
            w = sum(font.widths.get(ord(c), font.default_width) for c in text) * piece_size / 1000
        pieces.append(_Piece(text, font, source.sup, source.level, source.space, w, run))
        if source.space:
            space += w
        else:
            width += w
    return _Atom(pieces, width, space)


class _Line:
    """One laid-out line: its pieces in logical order, trailing spaces dropped."""

    __slots__ = ("pieces", "width")

    def __init__(self, atoms: list[_Atom]) -> None:
        pieces = [p for a in atoms for p in a.pieces]
        while pieces and pieces[-1].space:
            pieces.pop()
        self.pieces = pieces
        self.width = sum(p.width for p in pieces)


def layout(text: str, lang: str, style: TextStyle, width: float) -> list[_Line]:
    """Break `text` into lines no wider than `width` points (a word wider than that is cut)."""
    ts = _typesetter(lang, style.bold)
    atoms = ts.atoms(text, style.size)
    return [_Line(line) for line in _break_lines(atoms, max(width, style.size), style.size)]


def draw_lines(canv, lines: list[_Line], lang: str, style: TextStyle, x: float, top: float, width: float,
               align: str | None = None) -> None:
    """Draw laid-out lines in a box whose left edge is `x` and top `top`, `width` wide."""
    rtl = is_rtl(lang)
    align = align or style.align
    leading = style.size * style.leading
    doc = canv._doc
    text: list[str] = ["BT"]
    graphics: list[str] = []
    # The first baseline sits one ascent (about 0.8 em, more for tall Arabic) below the top.
    baseline = top - style.size * (1.0 if rtl else 0.95) - (leading - style.size * 1.2) / 2
    for line in lines:
        if align == "center":
            left = x + (width - line.width) / 2
        elif (align == "end") != rtl:
            left = x + width - line.width
        else:
            left = x
        _line_ops(canv, doc, line, left, baseline, rtl, style.size, text, graphics)
        baseline -= leading
    text.append("ET")
    r, g, b = style.color
    canv.addLiteral(f"q {r:g} {g:g} {b:g} rg\n" + "\n".join(text) + ("\n" + "\n".join(graphics) if graphics else "") + "\nQ")


def _line_ops(canv, doc, line: _Line, left: float, y: float, rtl: bool, size: float,
              text: list[str], graphics: list[str]) -> None:
    pieces = line.pieces
    if not pieces:
        return
    base = 1 if rtl else 0
    if not rtl and all(p.level == 0 for p in pieces):
        x = left
        for p in pieces:
            if p.sup:
                text.extend(plain_ops(p.font, size * SUPERSCRIPT_SCALE, doc, p.text, x, y + size * SUPERSCRIPT_RISE))
            else:
                text.extend(plain_ops(p.font, size, doc, p.text, x, y))
            x += p.width
        return
    order = visual_order([p.level for p in pieces])
    xs = {}
    x = left
    for index in order:
        xs[index] = x
        x += pieces[index].width
    # Emission in reading order: the line is swept in the paragraph's direction; a stretch
    # of embedded pieces (a number or a Latin symbol in Arabic) is handled as a whole.
    sweep = list(reversed(order)) if rtl else order
    k = 0
    while k < len(sweep):
        index = sweep[k]
        piece = pieces[index]
        if piece.level == base:
            _piece_ops(canv, doc, piece, xs[index], y, size, text, graphics)
            k += 1
            continue
        segment = []
        while k < len(sweep) and pieces[sweep[k]].level > base:
            segment.append(sweep[k])
            k += 1
        parities = {pieces[i].level % 2 for i in segment}
        if parities == {base}:
            # Deeper levels of the paragraph's own direction: the sweep is reading order.
            for i in segment:
                _piece_ops(canv, doc, pieces[i], xs[i], y, size, text, graphics)
        elif rtl and parities == {0}:
            _group_ops(canv, doc, [(pieces[i], xs[i], i) for i in segment], y, size, rtl, text, graphics)
        else:
            # Mixed directions: each piece in reading order, glyphs where they stand.
            for i in sorted(segment):
                _piece_ops(canv, doc, pieces[i], xs[i], y, size, text, graphics)


def _piece_size(piece: _Piece, size: float, y: float) -> tuple[float, float]:
    if piece.sup:
        return size * SUPERSCRIPT_SCALE, y + size * SUPERSCRIPT_RISE
    return size, y


def _piece_ops(canv, doc, piece: _Piece, x: float, y: float, size: float, text: list[str], graphics: list[str]) -> None:
    piece_size, py = _piece_size(piece, size, y)
    if piece.run is None:
        text.extend(plain_ops(piece.font, piece_size, doc, piece.text, x, py))
        return
    font = piece.font
    run = piece.run
    scale = piece_size / font.units_per_em
    glyphs = []
    for gid, source, gx, gy, mark in zip(run.gids, run.texts, run.xs, run.ys, run.marks):
        if mark:
            graphics.append(mark_ops(canv, font, gid, piece_size, x + gx * scale, py + gy * scale))
        else:
            glyphs.append((font, piece_size, font.glyph_char(gid, source), x + gx * scale, py + gy * scale))
    text.extend(glyph_ops(doc, glyphs))


def _group_ops(canv, doc, group, y: float, size: float, rtl: bool, text: list[str], graphics: list[str]) -> None:
    """Draw a left-to-right stretch inside right-to-left text (a number, a Latin symbol).

    Its glyphs are written right to left, continuing the Arabic around them, and the
    stretch's text is dealt out over them in reading order: extractors that read glyphs in
    stream order (pdfminer) then get "4/22", not "22/4", and those that honour /ActualText
    (poppler, Acrobat) get the stretch's text spread over its whole width.
    """
    logical_text = "".join(p.text for p, _, _ in sorted(group, key=lambda item: item[2]))
    placed = []  # (x, font, size, gid, y)
    for piece, x, _ in group:
        piece_size, py = _piece_size(piece, size, y)
        font = piece.font
        get, default, c2g = font.widths.get, font.default_width, font.face.charToGlyph
        gx = x
        for char in piece.text:
            if not _UNDRAWN_RE.match(char):
                placed.append((gx, font, piece_size, c2g.get(ord(char), 0), py))
            gx += get(ord(char), default) * piece_size / 1000
    placed.sort(key=lambda item: -item[0] if rtl else item[0])
    glyphs = []
    last = len(placed) - 1
    for n, (gx, font, piece_size, gid, gy) in enumerate(placed):
        share = logical_text[n:] if n == last else logical_text[n : n + 1]
        if share:
            glyphs.append((font, piece_size, font.glyph_char(gid, share), gx, gy))
        else:
            graphics.append(mark_ops(canv, font, gid, piece_size, gx, gy))
    text.append(f"/Span <</ActualText <feff{logical_text.encode('utf-16-be').hex()}>>> BDC")
    text.extend(glyph_ops(doc, glyphs))
    text.append("EMC")


class TextBlock(Flowable):
    """A paragraph of plain text (never markup) in one language, splittable between lines.

    `bullet` is drawn in the start margin of the first line; `bookmark` is (key, title,
    level) for an outline entry pointing at the paragraph.
    """

    def __init__(self, text: str, lang: str, style: TextStyle = TextStyle(), bullet: str | None = None,
                 bookmark: tuple[str, str, int] | None = None, keep_with_next: bool = False,
                 _lines: list[_Line] | None = None, _width: float | None = None) -> None:
        super().__init__()
        if _lines is None:
            style = for_language(style, lang)
        self.text = text
        self.lang = lang
        self.style = style
        self.bullet = bullet
        self.bookmark = bookmark
        self.keepWithNext = keep_with_next
        self._lines = _lines
        self._lines_width = _width
        self.spaceBefore = style.space_before
        self.spaceAfter = style.space_after

    @property
    def leading(self) -> float:
        return self.style.size * self.style.leading

    def _text_width(self, avail_width: float) -> float:
        return max(avail_width - self.style.indent, self.style.size)

    def lines(self, avail_width: float) -> list[_Line]:
        """The paragraph's lines at this available width (cached)."""
        if self._lines is None or self._lines_width != avail_width:
            self._lines = layout(self.text, self.lang, self.style, self._text_width(avail_width))
            self._lines_width = avail_width
        return self._lines

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self.height = max(len(self.lines(avail_width)), 1) * self.leading
        return avail_width, self.height

    def split(self, avail_width, avail_height):
        lines = self.lines(avail_width)
        fit = int((avail_height + 1e-6) // self.leading)
        if fit < 1 or fit >= len(lines):
            return [] if fit < 1 else [self]
        style = self.style
        head = TextBlock(self.text, self.lang, replace(style, space_after=0), self.bullet, self.bookmark,
                         _lines=lines[:fit], _width=avail_width)
        tail = TextBlock(self.text, self.lang, replace(style, space_before=0), None, None, self.keepWithNext,
                         _lines=lines[fit:], _width=avail_width)
        return [head, tail]

    def draw(self):
        canv = self.canv
        style = self.style
        rtl = is_rtl(self.lang)
        lines = self.lines(self.width)
        text_width = self._text_width(self.width)
        left = 0.0 if rtl else style.indent
        if self.bookmark is not None:
            key, title, level = self.bookmark
            canv.bookmarkHorizontal(key, 0, self.height + style.size)
            canv.addOutlineEntry(title, key, level)
        draw_lines(canv, lines, self.lang, style, left, self.height, text_width)
        if self.bullet:
            bullet_lines = layout(self.bullet, self.lang, style, style.indent)
            bullet_width = max(style.indent - style.size * 0.4, style.size)
            bullet_left = text_width + style.size * 0.4 if rtl else 0.0
            draw_lines(canv, bullet_lines[:1], self.lang, style, bullet_left, self.height, bullet_width,
                       align="start")


def draw_text_line(canv, text: str, lang: str, style: TextStyle, x: float, top: float, width: float,
                   align: str | None = None) -> None:
    """Draw the first line of `text` in the box (x, top, width): for running headers and footers."""
    style = for_language(style, lang)
    lines = layout(text, lang, style, width)
    draw_lines(canv, lines[:1], lang, style, x, top, width, align)


class Columns(Flowable):
    """Cells side by side (a table row, or a bilingual pair of columns) that split across pages.

    Each cell is a list of flowables typeset at its column's width; the row splits wherever
    the page ends, each cell at its own line, so no cell can ever be too tall for a page.
    In a right-to-left document the first cell is the rightmost.
    """

    def __init__(self, cells: list[list[Flowable]], fractions: list[float], rtl: bool = False,
                 padding: float = 4.0, grid: bool = True, background: tuple[float, float, float] | None = None,
                 space_after: float = 0.0) -> None:
        super().__init__()
        self.cells = cells
        self.fractions = fractions
        self.rtl = rtl
        self.padding = padding
        self.grid = grid
        self.background = background
        self.spaceAfter = space_after
        self._heights: list[float] = []

    def _column_boxes(self, avail_width: float) -> list[tuple[float, float]]:
        boxes = []
        x = 0.0
        total = sum(self.fractions)
        for fraction in self.fractions:
            w = avail_width * fraction / total
            boxes.append((x, w))
            x += w
        if self.rtl:
            boxes = [(avail_width - x0 - w, w) for x0, w in boxes]
        return boxes

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self._heights = []
        for (_, w), cell in zip(self._column_boxes(avail_width), self.cells):
            inner = w - 2 * self.padding
            h = 0.0
            for k, flowable in enumerate(cell):
                _, fh = flowable.wrap(inner, 1e9)
                h += fh + (flowable.getSpaceBefore() if k else 0) + (flowable.getSpaceAfter() if k < len(cell) - 1 else 0)
            self._heights.append(h)
        self.height = max(self._heights, default=0) + 2 * self.padding
        return avail_width, self.height

    def split(self, avail_width, avail_height):
        room = avail_height - 2 * self.padding
        heads, tails = [], []
        progressed = False
        for (_, w), cell in zip(self._column_boxes(avail_width), self.cells):
            head, tail = _split_cell(cell, w - 2 * self.padding, room)
            progressed = progressed or bool(head)
            heads.append(head)
            tails.append(tail)
        if not progressed:
            return []
        if not any(tails):
            return [self]
        first = Columns(heads, self.fractions, self.rtl, self.padding, self.grid, self.background)
        rest = Columns(tails, self.fractions, self.rtl, self.padding, self.grid, self.background, self.spaceAfter)
        return [first, rest]

    def draw(self):
        canv = self.canv
        boxes = self._column_boxes(self.width)
        if self.background is not None:
            canv.saveState()
            canv.setFillColorRGB(*self.background)
            canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
            canv.restoreState()
        for (x0, w), cell in zip(boxes, self.cells):
            top = self.height - self.padding
            inner = w - 2 * self.padding
            for k, flowable in enumerate(cell):
                if k:
                    top -= flowable.getSpaceBefore()
                _, fh = flowable.wrap(inner, 1e9)
                flowable.drawOn(canv, x0 + self.padding, top - fh)
                top -= fh + flowable.getSpaceAfter()
        if self.grid:
            canv.saveState()
            canv.setStrokeColorRGB(0.6, 0.6, 0.6)
            canv.setLineWidth(0.5)
            canv.rect(0, 0, self.width, self.height, stroke=1, fill=0)
            for x0, w in boxes:
                if x0 > 0.01:
                    canv.line(x0, 0, x0, self.height)
            canv.restoreState()


def _split_cell(cell: list[Flowable], width: float, height: float) -> tuple[list[Flowable], list[Flowable]]:
    head: list[Flowable] = []
    used = 0.0
    for k, flowable in enumerate(cell):
        space = flowable.getSpaceBefore() if head else 0.0
        _, fh = flowable.wrap(width, height)
        if used + space + fh <= height + 1e-6:
            head.append(flowable)
            used += space + fh + flowable.getSpaceAfter()
            continue
        parts = flowable.split(width, height - used - space) if height - used - space > 0 else []
        if len(parts) >= 2:
            head.append(parts[0])
            return head, list(parts[1:]) + list(cell[k + 1 :])
        tail = list(cell[k:])
        # A heading stays with what follows it.
        while len(head) > 1 and getattr(head[-1], "keepWithNext", False):
            tail.insert(0, head.pop())
        return head, tail
    return head, []
