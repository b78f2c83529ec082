"""Note texts are data: markup in them prints literally, and rendering reads no file they name."""

from __future__ import annotations

import sys
from dataclasses import replace

import pytest

from cprdesk_core.briefing.model import Block, Footnote, NoteAnnotation, ReformFields
from cprdesk_core.briefing.samples import sample_note

_opened: list | None = None


def _audit(event: str, args: tuple) -> None:
    if _opened is not None and event == "open":
        _opened.append(args[0])


sys.addaudithook(_audit)

HOSTILE = (
    '<font size=80 color="red">BIG</font>',
    '<img src="/etc/passwd"/>',
    '<a href="https://example.org/x" color="blue">link</a>',
    "&amp; &lt; &#65; &nbsp; &unknown;",
    "one<br/>two<br>three",
    "unbalanced < here and > there <b",
    '<para autoLeading="max"><seq id="x"/><onDraw name="x"/></para>',
    "<![CDATA[ x ]]> <!-- comment --> <?xml version='1.0'?>",
    "{page} {pages} %s %(name)s {0}",
)


def _hostile_note(lang: str, secret: str):
    texts = HOSTILE + (f'<img src="{secret}"/>',)
    joined = " | ".join(texts)
    note = sample_note(lang, count=3)
    items = []
    for item in note.items:
        fields = None
        if item.fields is not None:
            fields = ReformFields(ongoing_actions=(Block(joined, sub=texts[:2]),), subprogramme_ref=texts[2],
                                  further_actions=(Block(texts[3], bullet=False),), budget=texts[4],
                                  status=(Block(texts[5]),))
        items.append(replace(item, text=item.text + " " + joined + "[^1]", short_title=texts[0], ref=texts[6],
                             footnotes=(Footnote("1", texts[7]),), fields=fields,
                             annotation=NoteAnnotation("oppose", "low", joined, highlights=texts[:3],
                                                       tags=texts[3:5])))
    return replace(note, title=texts[0], meeting=texts[1], prepared_by=texts[2], cover_note=joined,
                   items=tuple(items)), texts


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_markup_prints_literally_and_no_file_is_read(render_note, helpers, tmp_path, lang):
    global _opened
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    note, texts = _hostile_note(lang, str(secret))
    render_note(sample_note(lang, count=1), "warm-up.pdf")
    _opened = []
    try:
        path = render_note(note)
    finally:
        opened, _opened = [str(p) for p in _opened], None
    assert not [p for p in opened if "passwd" in p or "secret" in p]
    raw = path.read_bytes()
    assert b"TOP-SECRET" not in raw
    assert b"/Subtype /Image" not in raw and b"/URI" not in raw and b"/Link" not in raw
    text = helpers.normalize(helpers.pdfminer_text(path))
    for hostile in texts:
        assert helpers.normalize(hostile) in text, hostile
