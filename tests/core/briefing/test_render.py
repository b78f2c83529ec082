"""A briefing note in each of the six languages, read back with pdfminer and poppler."""

from __future__ import annotations

import re

import pytest

from cprdesk_core.briefing import samples
from cprdesk_core.briefing.fonts import FontChooser, coverage, is_invisible, uncovered_characters
from cprdesk_core.briefing.samples import sample_note

LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
CLOSING = set("，。、；：？！）」』》〉】〕”’…")
OPENING = set("（「『《〈【〔“‘")
A4_WIDTH = 595.2756
MARGIN = 56.6929


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_font_is_embedded_and_none_is_a_standard_one(rendered, helpers, lang):
    _, path = rendered[lang]
    raw = path.read_bytes()
    assert b"/Helvetica" not in raw and b"/Times" not in raw and b"/Courier" not in raw
    rows = helpers.poppler("pdffonts", str(path)).splitlines()[2:]
    assert rows, "the PDF uses no font at all"
    for row in rows:
        columns = row.split()
        name, emb, sub, uni = columns[0], columns[-5], columns[-4], columns[-3]
        assert "+" in name and (emb, sub, uni) == ("yes", "yes", "yes"), row


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_character_has_a_glyph_in_the_font_that_draws_it(rendered, lang):
    note, _ = rendered[lang]
    texts = [note.title, note.meeting, note.cover_note]
    for item in note.items:
        texts += [item.text, item.short_title, item.ref]
        texts += [f.text for f in item.footnotes]
        if item.annotation:
            texts.append(item.annotation.body)
    labels = "Page {page} of {pages} Unofficial working translation Summary Reference Stance Priority"
    for text in texts + [labels]:
        assert uncovered_characters(text) == ()
        for run_lang in {lang, "zh"}:
            for face, run in FontChooser(run_lang).runs(text):
                missing = {c for c in run if not is_invisible(c) and ord(c) not in coverage(face)}
                assert not missing, (face.name, missing)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdfminer_reads_texts_and_labels_in_reading_order(rendered, helpers, lang):
    note, path = rendered[lang]
    text = helpers.pdfminer_text(path)
    flat = helpers.squeeze if lang == "zh" else helpers.normalize
    extracted = flat(text)
    for item in note.items:
        expected = helpers.printed(item.text)
        expected = helpers.squeeze(expected) if item.text_lang == "zh" or lang == "zh" else helpers.normalize(expected)
        haystack = helpers.squeeze(text) if item.text_lang == "zh" else extracted
        assert expected in haystack, (item.item_id, expected)
    for footnote in note.items[1].footnotes:
        assert flat(footnote.text) in extracted
    labels = helpers.translations_for(lang)
    assert flat(labels.gettext("Summary")) in extracted
    pages = len(helpers.pdfminer_lines(path))
    footer = labels.gettext("Page {page} of {pages}").format(page=1, pages=pages)
    assert flat(footer) in extracted
    if lang != "zh":
        assert flat(labels.gettext("Unofficial working translation")) in extracted


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdftotext_reads_the_words_in_reading_order(rendered, helpers, lang):
    note, path = rendered[lang]
    text = helpers.poppler("pdftotext", str(path), "-")
    if lang == "zh":
        assert helpers.squeeze(samples.INTRO["zh"]) in helpers.squeeze(text)
        return
    if lang != "ar":
        assert helpers.normalize(samples.INTRO[lang]) in helpers.normalize(text)
        return
    # poppler reorders right-to-left lines itself and moves the spaces around embedded
    # numbers, so the Arabic is checked word by word, in order.
    arabic_word = re.compile(r"[\u0621-\u064a]+")
    words = arabic_word.findall(samples.INTRO["ar"])
    found = arabic_word.findall(helpers.normalize(text))
    position = 0
    for word in words:
        position = found.index(word, position) + 1
    assert "UNEP/EA.5/3" in text and "4/22" in text


def test_arabic_lines_are_right_aligned_with_the_first_word_rightmost(rendered, helpers):
    _, path = rendered["ar"]
    first_words = samples.INTRO["ar"].split()[:3]
    right_edge = A4_WIDTH - MARGIN
    for lines in helpers.pdfminer_lines(path):
        for line in lines:
            text = helpers.normalize(line.get_text())
            if not text.startswith(" ".join(first_words)):
                continue
            assert line.x1 == pytest.approx(right_edge, abs=1.0)
            chars = [c for c in line if hasattr(c, "get_text") and c.get_text().strip() and hasattr(c, "x0")]
            first = chars[: len(first_words[0])]
            assert "".join(c.get_text() for c in first) == first_words[0]
            rest = chars[len(first_words[0]) :]
            assert min(c.x0 for c in first) >= max(c.x1 for c in rest) - 0.5
            # Lines of the paragraph after the first are right-aligned too.
            following = [other for other in lines if other.y1 < line.y1 and line.y1 - other.y1 < 40]
            assert following and all(other.x1 == pytest.approx(right_edge, abs=1.0) for other in following[:1])
            return
    pytest.fail("the first line of the Arabic paragraph was not found")


def test_no_chinese_line_starts_with_closing_or_ends_with_opening_punctuation(rendered, helpers):
    _, path = rendered["zh"]
    lines = [helpers.normalize(line.get_text()) for page in helpers.pdfminer_lines(path) for line in page]
    lines = [line for line in lines if line]
    assert len(lines) > 10
    for line in lines:
        assert line[0] not in CLOSING, line
        assert line[-1] not in OPENING, line


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_metadata_outline_and_language(rendered, lang):
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.utils import decode_text

    note, path = rendered[lang]
    with open(path, "rb") as handle:
        document = PDFDocument(PDFParser(handle))
        info = document.info[0]
        assert decode_text(info["Title"]) == note.title
        assert decode_text(info["Author"]) == note.prepared_by
        assert note.meeting in decode_text(info["Subject"])
        assert decode_text(document.catalog["Lang"]) == lang
        outline = list(document.get_outlines())
    assert len(outline) == len(note.items)
    assert all(level == 1 for level, *_ in outline)


def test_bilingual_note_has_both_languages_side_by_side(render_note, helpers):
    note = sample_note("ar", second_lang="en")
    path = render_note(note)
    text = helpers.normalize(helpers.pdfminer_text(path))
    assert helpers.normalize(samples.INTRO["ar"]) in text
    assert helpers.normalize(samples.INTRO["en"]) in text
    # The Arabic column is on the right, the English one on the left.
    for lines in helpers.pdfminer_lines(path):
        english = [ln for ln in lines if helpers.normalize(ln.get_text()).startswith("In paragraph 14")]
        arabic = [ln for ln in lines if helpers.normalize(ln.get_text()).startswith("في الفقرة 14")]
        if english and arabic:
            assert english[0].x1 < arabic[0].x0
            return
    pytest.fail("the two columns were not found on one page")


def test_item_text_in_another_language_is_marked(rendered, helpers):
    note, path = rendered["fr"]
    text = helpers.normalize(helpers.pdfminer_text(path))
    assert "The text below is in chinois" in text
    assert helpers.squeeze(samples.ZH_ONLY) in helpers.squeeze(text)


def test_render_to_a_binary_file(helpers, tmp_path):
    import io

    from cprdesk_core.briefing.render import render_briefing

    buffer = io.BytesIO()
    render_briefing(sample_note("ru", count=1), buffer, helpers.translations_for("ru"))
    assert buffer.getvalue().startswith(b"%PDF")


def test_each_bookmark_points_at_its_item_heading(render_note, helpers):
    from pdfminer.high_level import extract_text
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    note = sample_note("en", count=8)
    path = render_note(note)
    with open(path, "rb") as handle:
        document = PDFDocument(PDFParser(handle))
        page_numbers = {page.pageid: n for n, page in enumerate(PDFPage.create_pages(document))}
        targets = [(title, page_numbers[resolve1(dest)[0].objid], resolve1(dest)[3])
                   for _, title, dest, _, _ in document.get_outlines()]
    assert len(targets) == 8 and len({page for _, page, _ in targets}) > 1
    for title, page, top in targets:
        assert helpers.normalize(title) in helpers.normalize(extract_text(str(path), page_numbers=[page]))
        assert 0 < top < 842
