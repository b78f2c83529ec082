"""ReportLab TrueType fonts that can draw HarfBuzz-shaped glyphs with a truthful ToUnicode map."""

from __future__ import annotations

from dataclasses import dataclass

import uharfbuzz
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

# Shaped glyphs get code points from Supplementary Private Use Area-B, which no text uses
# and no bundled font maps, so they never collide with real characters in ReportLab's subsets.
_FIRST_VIRTUAL = 0x100000
_LAST_VIRTUAL = 0x10FFFD


@dataclass(frozen=True)
class ShapedRun:
    """A run shaped by HarfBuzz, ready to draw.

    Glyphs are listed in logical (reading) order: `gids`, the source text each glyph stands
    for (`texts`, empty for marks and for the extra glyphs of a letter drawn in several
    pieces; `marks` flags those), and the glyph's position relative to the run's left end
    on the baseline (`xs`, `ys`, font units). `width` is the run's advance in font units.
    """

    gids: tuple[int, ...]
    texts: tuple[str, ...]
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    marks: tuple[bool, ...]
    width: float


class ShapingTTFont(TTFont):
    """A TTFont that also draws glyphs by id, remembering which text each glyph stands for.

    ReportLab subsets a TrueType font by Unicode code point. A shaped glyph (an Arabic
    contextual form, a ligature, a dot drawn as its own glyph) has no code point, so each
    distinct (glyph, source text) pair is given a private one here; the ToUnicode map then
    says which source letters the glyph stands for, so that copying from the PDF gives the
    real letters instead of presentation forms or private-use characters.
    """

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename, shapable=False)
        self._virtual: dict[tuple[int, str], str] = {}
        self._virtual_text: dict[int, str] = {}
        self._next_virtual = _FIRST_VIRTUAL
        self._shaped: dict[tuple[str, bool], ShapedRun] = {}
        self._paths: dict[int, str] = {}
        data = self.face._ttf_data
        hb_face = uharfbuzz.Face(uharfbuzz.Blob(data))
        self.units_per_em = hb_face.upem
        self._hb_font = uharfbuzz.Font(hb_face)
        self.widths = self.face.charWidths  # code point -> advance in thousandths of an em
        self.default_width = self.face.defaultWidth

    def glyph_char(self, gid: int, text: str) -> str:
        """The private character that draws glyph `gid` and extracts as `text`."""
        key = (gid, text)
        char = self._virtual.get(key)
        if char is None:
            code = self._next_virtual
            if code > _LAST_VIRTUAL:
                raise OverflowError(f"too many distinct shaped glyphs in {self.fontName}")
            self._next_virtual += 1
            self.face.charToGlyph[code] = gid
            self.widths[code] = self._hb_font.get_glyph_h_advance(gid) * 1000 / self.units_per_em
            self._virtual_text[code] = text
            char = self._virtual[key] = chr(code)
        return char

    def glyph_path(self, gid: int) -> str:
        """PDF path operators drawing glyph `gid` in font units (cached)."""
        path = self._paths.get(gid)
        if path is None:
            pen = _PathPen()
            self._hb_font.draw_glyph_with_pen(gid, pen)
            path = self._paths[gid] = " ".join(pen.ops)
        return path

    def shape(self, text: str, rtl: bool) -> ShapedRun:
        """Shape `text` in one direction; results are cached per font, text and direction."""
        key = (text, rtl)
        run = self._shaped.get(key)
        if run is not None:
            return run
        buf = uharfbuzz.Buffer()
        buf.add_str(text)
        buf.direction = "rtl" if rtl else "ltr"
        buf.guess_segment_properties()
        # Marks join their base letter's cluster, so the base glyph carries the whole
        # letter-with-vowels and the marks carry no text (they are drawn as graphics).
        buf.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_GRAPHEMES
        uharfbuzz.shape(self._hb_font, buf, {})
        infos = buf.glyph_infos
        positions = buf.glyph_positions
        n = len(infos)
        clusters = [info.cluster for info in infos]
        starts = sorted(set(clusters))
        end_of = {start: end for start, end in zip(starts, starts[1:] + [len(text)])}
        xs: list[float] = []
        ys: list[float] = []
        pen = 0
        for pos in positions:
            xs.append(pen + pos.x_offset)
            ys.append(pos.y_offset)
            pen += pos.x_advance
        # Reading order: by cluster, and inside a cluster the glyph that carries the text
        # (the first with an advance, i.e. the base letter) before its marks.
        order = sorted(range(n), key=lambda i: (clusters[i], positions[i].x_advance == 0, i if not rtl else -i))
        carrier: dict[int, int] = {}
        for i in order:
            carrier.setdefault(clusters[i], i)
        texts = []
        for i in order:
            cluster = clusters[i]
            texts.append(text[cluster : end_of[cluster]] if carrier[cluster] == i else "")
        run = ShapedRun(
            tuple(infos[i].codepoint for i in order),
            tuple(texts),
            tuple(xs[i] for i in order),
            tuple(ys[i] for i in order),
            tuple(not text for text in texts),
            float(pen),
        )
        if len(self._shaped) > 100_000:
            self._shaped.clear()
        self._shaped[key] = run
        return run

    def addObjects(self, doc) -> None:
        # As TTFont.addObjects, but the ToUnicode map comes from _to_unicode_cmap.
        state = self._assignState(doc)
        state.frozen = 1
        for n, subset in enumerate(state.subsets):
            internal_name = self.getSubsetInternalName(n, doc)[1:]
            base_font_name = (b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX))).decode("pdfdoc")
            pdf_font = pdfdoc.PDFTrueTypeFont()
            pdf_font.__Comment__ = f"Font {self.fontName} subset {n}"
            pdf_font.Name = internal_name
            pdf_font.BaseFont = base_font_name
            pdf_font.FirstChar = 0
            pdf_font.LastChar = len(subset) - 1
            pdf_font.Widths = pdfdoc.PDFArray([self.face.getCharWidth(code) for code in subset])
            cmap_stream = pdfdoc.PDFStream()
            cmap_stream.content = self._to_unicode_cmap(base_font_name, subset)
            if doc.compression:
                cmap_stream.filters = [pdfdoc.PDFZCompress]
            pdf_font.ToUnicode = doc.Reference(cmap_stream, "toUnicodeCMap:" + base_font_name)
            pdf_font.FontDescriptor = self.face.addSubsetObjects(doc, base_font_name, subset)
            doc.Reference(pdf_font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = pdf_font
        del self.state[doc]

    def _to_unicode_cmap(self, name: str, subset: list[int]) -> str:
        entries = []
        for index, code in enumerate(subset):
            text = self._virtual_text.get(code)
            if code == 0 or text == "":
                continue
            if text is None:
                text = chr(code)
            entries.append(f"<{index:02X}> <{text.encode('utf-16-be').hex().upper()}>")
        lines = [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
            f"/CMapName /{name} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            "<00> <FF>",
            "endcodespacerange",
        ]
        # A bfchar section may hold at most 100 entries.
        for start in range(0, len(entries), 100):
            chunk = entries[start : start + 100]
            lines.append(f"{len(chunk)} beginbfchar")
            lines.extend(chunk)
            lines.append("endbfchar")
        lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
        return "\n".join(lines)


class _PathPen:
    """A fontTools-style pen writing PDF path operators (quadratic curves made cubic)."""

    def __init__(self) -> None:
        self.ops: list[str] = []
        self._last = (0.0, 0.0)

    def moveTo(self, p) -> None:  # noqa: N802 - the pen protocol's names
        self.ops.append(f"{_num(p[0])} {_num(p[1])} m")
        self._last = p

    def lineTo(self, p) -> None:  # noqa: N802
        self.ops.append(f"{_num(p[0])} {_num(p[1])} l")
        self._last = p

    def curveTo(self, *points) -> None:  # noqa: N802
        (x1, y1), (x2, y2), (x3, y3) = points
        self.ops.append(f"{_num(x1)} {_num(y1)} {_num(x2)} {_num(y2)} {_num(x3)} {_num(y3)} c")
        self._last = points[-1]

    def qCurveTo(self, *points) -> None:  # noqa: N802
        # A quadratic B-spline: implied on-curve points halfway between off-curve ones.
        offs, end = points[:-1], points[-1]
        for k, control in enumerate(offs):
            target = end if k == len(offs) - 1 else ((control[0] + offs[k + 1][0]) / 2, (control[1] + offs[k + 1][1]) / 2)
            x0, y0 = self._last
            c1 = (x0 + 2 / 3 * (control[0] - x0), y0 + 2 / 3 * (control[1] - y0))
            c2 = (target[0] + 2 / 3 * (control[0] - target[0]), target[1] + 2 / 3 * (control[1] - target[1]))
            self.ops.append(
                f"{_num(c1[0])} {_num(c1[1])} {_num(c2[0])} {_num(c2[1])} {_num(target[0])} {_num(target[1])} c"
            )
            self._last = target

    def closePath(self) -> None:  # noqa: N802
        self.ops.append("h")

    def endPath(self) -> None:  # noqa: N802
        pass


def _num(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def plain_ops(font: ShapingTTFont, size: float, doc, text: str, x: float, y: float) -> list[str]:
    """PDF operators (inside BT/ET) drawing unshaped `text` left to right from (x, y)."""
    ops = [f"1 0 0 1 {_num(x)} {_num(y)} Tm"]
    for subset, data in font.splitString(text, doc):
        ops.append(f"{font.getSubsetInternalName(subset, doc)} {_num(size)} Tf <{data.hex()}> Tj")
    return ops


def glyph_ops(doc, glyphs) -> list[str]:
    """PDF operators (inside BT/ET) drawing positioned glyphs in the order given.

    `glyphs` holds (font, size, char, x, y) where `char` is what the font's splitString
    encodes: a real character or a private one from `ShapingTTFont.glyph_char`. Writing
    glyphs in reading order, each where the layout put it, lets text extraction meet the
    letters in the order they are read, right-to-left runs included.
    """
    ops: list[str] = []
    parts: list[str] = []
    current = None
    line_y = None
    pen = 0.0
    for font, size, char, x, y in glyphs:
        ((subset, data),) = font.splitString(char, doc)
        name = font.getSubsetInternalName(subset, doc)
        if (name, size) != current:
            if parts:
                ops.append(f"[{''.join(parts)}] TJ")
                parts.clear()
            ops.append(f"{name} {_num(size)} Tf")
            current = (name, size)
            line_y = None
        if y != line_y:
            if parts:
                ops.append(f"[{''.join(parts)}] TJ")
                parts.clear()
            ops.append(f"1 0 0 1 {_num(x)} {_num(y)} Tm")
            line_y = y
        else:
            shift = (pen - x) * 1000 / size
            if abs(shift) > 0.01:
                parts.append(_num(shift))
        parts.append(f"<{data.hex()}>")
        pen = x + font.widths.get(ord(char), font.default_width) * size / 1000
    if parts:
        ops.append(f"[{''.join(parts)}] TJ")
    return ops


def mark_ops(canv, font: ShapingTTFont, gid: int, size: float, x: float, y: float) -> str:
    """PDF operators (outside BT/ET) drawing glyph `gid` as graphics, not text.

    Marks and dots carry no text of their own; drawn as text, their vertical offsets make
    extractors such as pdfminer cut a line in pieces, so they are drawn as a form XObject
    (one per glyph and document) instead.
    """
    name = f"cprdesk-{font.fontName}-{gid}"
    defined = canv.__dict__.setdefault("_cprdesk_forms", set())
    if name not in defined:
        defined.add(name)
        # beginForm only saves the page's pending operators when there are some.
        canv._code.append("")
        canv.beginForm(name, -2000, -2000, 4000, 4000)
        canv._code.append(font.glyph_path(gid) + " f")
        canv.endForm()
    page_forms = canv._formsinuse
    in_use = canv.__dict__.get("_cprdesk_page_forms")
    if in_use is None or in_use[0] is not page_forms:
        in_use = canv._cprdesk_page_forms = (page_forms, set(page_forms))
    if name not in in_use[1]:
        in_use[1].add(name)
        page_forms.append(name)
    scale = size / font.units_per_em
    return f"q {_num(scale)} 0 0 {_num(scale)} {_num(x)} {_num(y)} cm /{canv._doc.getXObjectName(name)} Do Q"
