"""Long content flows across pages: a 50 000-character note, reform fields and cells taller than a page."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cprdesk_core.briefing import samples
from cprdesk_core.briefing.model import Block, ReformFields
from cprdesk_core.briefing.samples import sample_note


def _long(text: str, length: int) -> str:
    return (" " if not text.endswith("。") else "").join([text] * (length // len(text) + 1))[:length]


def _ends(path) -> str:
    """The text of the first and last pages (reading every page of a long note is slow)."""
    from pdfminer.high_level import extract_text

    return extract_text(str(path), page_numbers=[0, _page_count(path) - 1])


def _page_count(path) -> int:
    from pdfminer.pdfpage import PDFPage

    with open(path, "rb") as handle:
        return sum(1 for _ in PDFPage.get_pages(handle))


@pytest.mark.parametrize("lang", ["en", "zh", "ar"])
def test_a_50000_character_note_flows_across_pages(render_note, helpers, lang):
    text = _long(samples.INTRO[lang], 50_000)
    note = sample_note(lang, count=1)
    note = replace(note, items=(replace(note.items[0], text=text),))
    path = render_note(note)
    assert _page_count(path) >= 10
    extracted = _ends(path)
    flat = helpers.squeeze if lang == "zh" else helpers.normalize
    assert flat(text[:300]) in flat(extracted)
    assert flat(text[-300:].split(" ", 1)[-1]) in flat(extracted)


def test_a_word_longer_than_a_line_is_cut_and_kept(render_note, helpers):
    word = "жЯ/" * 10_000
    note = sample_note("en", count=1)
    note = replace(note, items=(replace(note.items[0], text=word),))
    path = render_note(note)
    assert _page_count(path) > 5
    text = helpers.pdfminer_text(path)
    assert text.count("ж") == text.count("Я") == 10_000


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_a_reform_field_longer_than_a_page_flows(render_note, helpers, lang):
    long_text = _long(samples.REFORM[lang][0], 12_000)
    fields = ReformFields(
        ongoing_actions=(Block(long_text, sub=(long_text[:3000],)),),
        subprogramme_ref="SP 4",
        further_actions=(Block(long_text, bullet=False),),
        budget=long_text,
        status=(Block(long_text),),
    )
    note = sample_note(lang, count=3)
    items = list(note.items)
    items[2] = replace(items[2], fields=fields)
    path = render_note(replace(note, items=tuple(items)))
    assert _page_count(path) >= 8
    flat = helpers.squeeze if lang == "zh" else helpers.normalize
    assert flat(long_text[-200:].split(" ", 1)[-1]) in flat(_ends(path))


def test_a_table_cell_and_bilingual_columns_longer_than_a_page_flow(render_note, helpers):
    long_title = _long(samples.INTRO["en"], 9_000)
    note = sample_note("en", count=2, second_lang="ar")
    items = [replace(note.items[0], short_title=long_title, text=_long(samples.INTRO["en"], 20_000))]
    items[0] = replace(items[0], second=replace(items[0].second, text=_long(samples.INTRO["ar"], 20_000)))
    path = render_note(replace(note, items=tuple(items)))
    assert _page_count(path) >= 8
    text = helpers.normalize(helpers.pdfminer_text(path))
    assert helpers.normalize(long_title[-200:].split(" ", 1)[-1]) in text
