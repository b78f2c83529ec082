"""Line breaking and bidi ordering of the typesetter, measured on laid-out lines."""

from __future__ import annotations

import pytest

from cprdesk_core.briefing import samples
from cprdesk_core.briefing.bidi import resolve_levels, visual_order
from cprdesk_core.briefing.typeset import TextStyle, layout

CLOSING = set("，。、；：？！）」』》〉】〕〗”’…%)]}!?,.;:")
OPENING = set("（「『《〈【〔〖“‘([{")
# Sentences of the action plan (shared/seeds/002), with the extraction's line breaks undone.
SEED_ZH = (
    "以下各节对应第 88 段(a)至(h)分段，介绍了为充分执行这些分段应采取的行动，这些行动已在上述常驻代表委员会会议上"
    "进行了讨论。考虑到成为环境大会会员需要承担普遍核心供资责任，并考虑到理事会关于国际环境治理的SS.VII/1号决定中"
    "提到的自愿指示性捐款比额表，扩大环境署的供资基础，以纳入更普遍的非专用捐款。通过以下方式不断改善环境署政府间"
    "会议的普遍参与情况：方便远程参与；改进用户界面，使之标准化；在应有口译时，确保可靠的口译服务；及时提供方便查阅"
    "的会议文件；充分提供信息技术支持，特别是向发展中国家和未在内罗毕派驻外交代表的会员国提供支持。"
    "联大第 72/279 号决议，题为“在联合国系统发展方面业务活动四年度全面政策审查背景下重新定位联合国发展系统”，"
    "以及环境大会 UNEP/EA.4/1号决定，题为“2020-2021 两年期工作方案和预算”。"
)
STYLE = TextStyle(size=10)


def _line_texts(lines) -> list[str]:
    return ["".join(piece.text for piece in line.pieces) for line in lines]


@pytest.mark.parametrize("width", range(40, 420, 9))
def test_chinese_lines_respect_the_line_start_and_end_rules(width):
    lines = layout(SEED_ZH, "zh", STYLE, width)
    texts = _line_texts(lines)
    assert "".join(texts).replace(" ", "") == SEED_ZH.replace(" ", "")
    for text in texts:
        assert text[0] not in CLOSING, (width, text)
        assert text[-1] not in OPENING, (width, text)
    assert all(line.width <= width + 0.01 for line in lines)


@pytest.mark.parametrize("lang", ["en", "fr", "ru", "es"])
@pytest.mark.parametrize("width", [90, 150, 233, 400])
def test_latin_and_cyrillic_lines_break_between_words(lang, width):
    text = samples.INTRO[lang]
    lines = layout(text, lang, STYLE, width)
    texts = _line_texts(lines)
    assert "".join(texts).replace(" ", "") == text.replace(" ", "")
    assert all(line.width <= width + 0.01 for line in lines)
    position = 0
    for line_text in texts:
        assert text.startswith(line_text, position)
        position += len(line_text)
        if position < len(text) and text[position] != " ":
            # Only a word wider than the line is cut (after a hyphen when it has one).
            start = text.rfind(" ", 0, position) + 1
            end = text.find(" ", position) % (len(text) + 1)
            assert layout(text[start:end], lang, STYLE, 10_000)[0].width > width
        elif position < len(text):
            position += 1
    if width >= 150:
        assert " ".join(texts) == text


@pytest.mark.parametrize("width", [120, 200, 333])
def test_arabic_lines_are_cut_in_reading_order(width):
    text = samples.INTRO["ar"]
    lines = layout(text, "ar", STYLE, width)
    assert " ".join(_line_texts(lines)) == text
    assert all(line.width <= width + 0.01 for line in lines)


def test_a_word_wider_than_the_line_is_cut():
    lines = layout("x" * 400, "en", STYLE, 100)
    assert len(lines) > 3
    assert "".join(_line_texts(lines)) == "x" * 400
    assert all(line.width <= 100.01 for line in lines)


def test_footnote_markers_become_superscript_labels_that_never_start_a_line():
    lines = layout("word[^12] more", "en", STYLE, 1000)
    pieces = lines[0].pieces
    assert [p.text for p in pieces if p.sup] == ["12"]
    for width in range(15, 60):
        for line in layout("alpha beta[^1] gamma", "en", STYLE, width):
            assert not line.pieces[0].sup


def test_markup_is_text():
    text = '<font size=80>x</font> &amp; <br/> <img src="/etc/passwd"/>'
    assert " ".join(_line_texts(layout(text, "en", STYLE, 1000))) == text


def test_bidi_levels_and_order():
    text = "القرار 4/22 بشأن UNEP/EA.5/3"
    levels = resolve_levels(text, rtl=True)
    assert levels[:6] == [1] * 6
    assert levels[7:11] == [2] * 4
    assert levels[-11:] == [2] * 11
    assert resolve_levels("abc", rtl=False) == [0, 0, 0]
    # A number after Arabic letters in a left-to-right paragraph is an Arabic number.
    assert resolve_levels("ab بج 12", rtl=False)[-2:] == [2, 2]
    assert visual_order([1, 1, 2, 2, 1]) == [4, 2, 3, 1, 0]
    assert visual_order([0, 1, 1, 0]) == [0, 2, 1, 3]


def test_bidi_brackets_and_isolates():
    # Brackets around Latin text in Arabic take the Arabic direction (rule N0).
    levels = resolve_levels("انظر (UNEP) هنا", rtl=True)
    assert levels[5] == levels[10] == 1
    # An isolate keeps a Latin reference in one left-to-right piece inside an Arabic label.
    text = "المرجع: \u206888(d) III.B.1\u2069"
    levels = resolve_levels(text, rtl=True)
    inner = levels[text.index("8") : text.index("\u2069")]
    assert all(level % 2 == 0 for level in inner)
