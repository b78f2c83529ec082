"""The bundled fonts: TrueType outlines, licences beside them, coverage and per-run choice."""

from __future__ import annotations

import struct
import subprocess
import sys

from cprdesk_core.briefing.fonts import FACES, FontChooser, coverage, primary_face, uncovered_characters
from cprdesk_resources import FONTS_DIR


def _tables(path) -> set[bytes]:
    data = path.read_bytes()[:12 + 16 * 64]
    (count,) = struct.unpack(">H", data[4:6])
    return {data[12 + 16 * i : 16 + 16 * i] for i in range(count)}


def test_every_face_has_truetype_outlines_a_licence_and_a_source():
    sources = (FONTS_DIR / "SOURCES.md").read_text(encoding="utf-8")
    for face in FACES:
        assert face.path.is_file()
        tables = _tables(face.path)
        assert b"glyf" in tables and b"CFF " not in tables, face.file
        family = face.file.split("-")[0]
        licence = FONTS_DIR / f"{family}-OFL.txt"
        assert "SIL Open Font License" in licence.read_text(encoding="utf-8")
        assert face.file in sources
    total = sum(p.stat().st_size for p in FONTS_DIR.iterdir())
    assert total < 40 * 1024 * 1024


def test_uncovered_characters_reports_what_no_font_draws():
    assert uncovered_characters("UNEP/EA.5/3 第4/22号决议 القرار «Будущее» \u202f\u00a0—•◦\n\t\u200f") == ()
    assert uncovered_characters("ok \U0001F600 then \U0001F600 and \uE000") == ("\U0001F600", "\uE000")


def test_chinese_text_keeps_digits_and_latin_in_a_face_that_has_them():
    runs = FontChooser("zh").runs("第4/22号决议（UNEP/EA.5/3）")
    assert [face.script for face, _ in runs] == ["cjk"]
    assert all(ord(c) in coverage(runs[0][0]) for c in "0123456789UNEP/")


def test_arabic_text_and_fallbacks():
    runs = FontChooser("ar").runs('القرار 4/22 (UNEP) "نعم"؟ 50% - ؛ 中文')
    assert [face.script for face, _ in runs] == ["arabic", "cjk"]
    assert runs[1][1] == "中文"
    runs = FontChooser("en").runs("The term 环境 in Chinese, «ок».")
    assert [face.script for face, _ in runs] == ["latin", "cjk", "latin"]
    for face, text in runs:
        assert all(ord(c) in coverage(face) for c in text)


def test_primary_faces():
    assert primary_face("ar").script == "arabic"
    assert primary_face("zh", bold=True).script == "cjk" and primary_face("zh", bold=True).bold
    assert {primary_face(lang).script for lang in ("en", "fr", "ru", "es")} == {"latin"}


def test_importing_the_package_does_not_import_reportlab():
    code = (
        "import sys, cprdesk_core, cprdesk_core.briefing, cprdesk_core.briefing.model, "
        "cprdesk_core.briefing.fonts, cprdesk_core.briefing.samples; "
        "cprdesk_core.briefing.fonts.uncovered_characters('abc'); "
        "assert 'reportlab' not in sys.modules, 'reportlab imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env={"PYTHONPATH": ":".join(sys.path)})
