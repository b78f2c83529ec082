"""The briefing-note PDF: cover, summary table, items, running header and footer, outline."""

from __future__ import annotations

import threading
from dataclasses import replace
from functools import partial
from os import PathLike
from typing import BinaryIO

from babel import Locale
from babel.dates import format_date, format_time
from babel.lists import format_list
from babel.numbers import format_decimal
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, CondPageBreak, Frame, PageTemplate, Spacer
from reportlab.platypus.flowables import Flowable, HRFlowable

from .fonts import primary_face, register_fonts
from .model import Block, BriefingItem, BriefingNote, Footnote, ItemVersion, NoteAnnotation, ReformFields
from .typeset import Columns, TextBlock, TextStyle, draw_text_line, is_rtl

# Fonts' shaping caches and private glyph codes are shared: one PDF is made at a time.
RENDER_LOCK = threading.Lock()

PAGE_MARGIN = 20 * mm
GREY = (0.35, 0.35, 0.35)
ACCENT = (0.0, 0.29, 0.53)

BODY = TextStyle(size=10, leading=1.45, space_after=5)
SMALL = TextStyle(size=8.5, leading=1.4, color=GREY, space_after=3)
TITLE = TextStyle(size=18, leading=1.3, bold=True, color=ACCENT, space_after=8)
HEADING = TextStyle(size=13, leading=1.35, bold=True, color=ACCENT, space_before=14, space_after=4)
SUBHEADING = TextStyle(size=10.5, leading=1.4, bold=True, space_before=6, space_after=3)
CELL = TextStyle(size=9, leading=1.35, space_after=0)
CELL_HEAD = replace(CELL, bold=True)
BULLET_INDENT = 12.0


def render_briefing(note: BriefingNote, out: str | PathLike | BinaryIO, translations) -> None:
    """Write `note` as a PDF to `out` (a path or a binary file), labelled through `translations`.

    `translations` is a gettext.NullTranslations-compatible object for the note's language.
    All note text is data: nothing in it is read as markup.
    """
    with RENDER_LOCK:
        # Streams are Flate-compressed; ReportLab's extra ASCII85 layer (pure Python) only
        # makes them larger and slower to write.
        use_a85, rl_config.useA85 = rl_config.useA85, 0
        try:
            _render(note, out, translations)
        finally:
            rl_config.useA85 = use_a85


def _render(note: BriefingNote, out, translations) -> None:
    register_fonts()
    labels = _Labels(translations, note)
    story = _story(note, labels)
    rtl = is_rtl(note.lang)
    doc = BaseDocTemplate(
        out if isinstance(out, (str, bytes)) or hasattr(out, "write") else str(out),
        pagesize=A4,
        leftMargin=PAGE_MARGIN,
        rightMargin=PAGE_MARGIN,
        topMargin=PAGE_MARGIN + 6 * mm,
        bottomMargin=PAGE_MARGIN + 4 * mm,
        title=note.title,
        author=note.prepared_by,
        subject=labels.subject,
        creator="CPR Desk",
        lang=note.lang,
        initialFontName=primary_face(note.lang).name,
        initialFontSize=10,
        displayDocTitle=1,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    decorate = partial(_decorate_page, note=note, labels=labels, rtl=rtl)
    doc.build(story, canvasmaker=partial(_PagedCanvas, decorate=decorate))


class _Labels:
    """Every label of the note, translated once; msgids are literal so Babel can extract them."""

    def __init__(self, translations, note: BriefingNote) -> None:
        _ = translations.gettext
        ngettext = translations.ngettext
        pgettext = translations.pgettext
        lang = note.lang
        n = len(note.items)
        values = {
            "meeting": _("Meeting: {meeting}"),
            "meeting_date": _("Date of the meeting: {date}"),
            "prepared_by": _("Prepared by: {name}"),
            "language": _("Language: {language}"),
            "second_language": _("Second language: {language}"),
            "generated": _("Generated on {date}"),
            "generated_at": _("Generated on {date} at {time}"),
            "item_count": ngettext("This note covers {count} item.", "This note covers {count} items.", n),
            "cover_note": _("Cover note"),
            "summary": _("Summary"),
            "reference": _("Reference"),
            "short_title": _("Short title"),
            "stance": _("Stance"),
            "priority": _("Priority"),
            "not_recorded": _("Not recorded"),
            "items": _("Items"),
            "item_heading": _("{reference} — {title}"),
            "working": _("Unofficial working translation"),
            "user": _("Text entered by the user"),
            "other_language": _("The text below is in {language}: no version in the language of this note is available."),
            "ongoing_actions": _("Ongoing actions"),
            "subprogramme_ref": _("Subprogramme reference"),
            "further_actions": _("Proposed further actions"),
            "budget": _("Budget implications"),
            "status": _("Status"),
            "not_given": _("Not given"),
            "footnotes": _("Footnotes"),
            "annotation": _("Annotation"),
            "annotation_stance": _("Stance: {stance}"),
            "annotation_priority": _("Priority: {priority}"),
            "highlights": _("Highlighted passages"),
            "tags": _("Tags: {tags}"),
            "page_of": _("Page {page} of {pages}"),
            "subject": _("Briefing note: {meeting}"),
            "stance:support": pgettext("stance", "Support"),
            "stance:support_with_amendments": pgettext("stance", "Support with amendments"),
            "stance:concern": pgettext("stance", "Concern"),
            "stance:oppose": pgettext("stance", "Oppose"),
            "stance:no_position": pgettext("stance", "No position"),
            "priority:high": pgettext("priority", "High"),
            "priority:normal": pgettext("priority", "Normal"),
            "priority:low": pgettext("priority", "Low"),
        }
        values["item_count"] = fill(values["item_count"], count=format_decimal(n, locale=lang))
        self.values = values
        self.subject = values["subject"].format(meeting=note.meeting)

    def __getitem__(self, key: str) -> str:
        return self.values[key]

    def stance(self, annotation: NoteAnnotation | None) -> str:
        if annotation is None or not annotation.stance:
            return self.values["not_recorded"]
        return self.values.get(f"stance:{annotation.stance}", annotation.stance)

    def priority(self, annotation: NoteAnnotation | None) -> str:
        if annotation is None or not annotation.priority:
            return self.values["not_recorded"]
        return self.values.get(f"priority:{annotation.priority}", annotation.priority)


def isolate(value: str) -> str:
    """Wrap a value put into a translated label in a first-strong bidi isolate, so that a
    Latin reference inside an Arabic label (or the reverse) stays in one piece."""
    return "\u2068" + value + "\u2069"


def fill(template: str, **values: str) -> str:
    """Format a translated label, isolating each value (see `isolate`)."""
    return template.format(**{key: isolate(str(value)) for key, value in values.items()})


def language_name(lang: str, in_lang: str) -> str:
    """The CLDR name of language `lang` written in language `in_lang` (its autonym when equal)."""
    return Locale.parse(lang).get_display_name(in_lang) or lang


def _paragraphs(text: str, lang: str, style: TextStyle) -> list[Flowable]:
    return [TextBlock(part, lang, style) for part in text.split("\n") if part.strip()] or []


def _story(note: BriefingNote, labels: _Labels) -> list[Flowable]:
    lang = note.lang
    rtl = is_rtl(lang)
    story: list[Flowable] = [TextBlock(note.title, lang, TITLE)]
    if note.meeting:
        story.append(TextBlock(fill(labels["meeting"], meeting=note.meeting), lang, BODY))
    if note.meeting_date is not None:
        date = format_date(note.meeting_date, format="long", locale=lang)
        story.append(TextBlock(fill(labels["meeting_date"], date=date), lang, BODY))
    if note.prepared_by:
        story.append(TextBlock(fill(labels["prepared_by"], name=note.prepared_by), lang, BODY))
    story.append(TextBlock(fill(labels["language"], language=language_name(lang, lang)), lang, BODY))
    if note.second_lang:
        second = language_name(note.second_lang, lang)
        story.append(TextBlock(fill(labels["second_language"], language=second), lang, BODY))
    generated_date = format_date(note.generated_at.date(), format="long", locale=lang)
    generated_time = format_time(note.generated_at.time(), format="short", locale=lang)
    story.append(TextBlock(fill(labels["generated_at"], date=generated_date, time=generated_time), lang, BODY))
    story.append(TextBlock(labels["item_count"], lang, BODY))
    if note.cover_note.strip():
        story.append(TextBlock(labels["cover_note"], lang, HEADING, keep_with_next=True))
        story.extend(_paragraphs(note.cover_note, lang, BODY))

    if note.items:
        story.append(TextBlock(labels["summary"], lang, HEADING, keep_with_next=True))
        fractions = [0.18, 0.46, 0.2, 0.16]
        header = [labels["reference"], labels["short_title"], labels["stance"], labels["priority"]]
        story.append(Columns([[TextBlock(h, lang, CELL_HEAD)] for h in header], fractions, rtl,
                             background=(0.9, 0.92, 0.95)))
        for item in note.items:
            short_lang = lang if item.text_lang == lang or not item.short_title else item.text_lang
            cells = [
                [TextBlock(isolate(item.ref), lang, CELL)],
                [TextBlock(item.short_title or "", short_lang, CELL)],
                [TextBlock(labels.stance(item.annotation), lang, CELL)],
                [TextBlock(labels.priority(item.annotation), lang, CELL)],
            ]
            story.append(Columns(cells, fractions, rtl))
        story.append(TextBlock(labels["items"], lang, HEADING, keep_with_next=True))

    for number, item in enumerate(note.items, start=1):
        story.extend(_item(note, item, number, labels))
    return story


def _item(note: BriefingNote, item: BriefingItem, number: int, labels: _Labels) -> list[Flowable]:
    lang = note.lang
    if item.short_title:
        heading = fill(labels["item_heading"], reference=item.ref, title=item.short_title)
        outline_title = labels["item_heading"].format(reference=item.ref, title=item.short_title)
    else:
        heading, outline_title = isolate(item.ref), item.ref
    flowables: list[Flowable] = [
        # A heading never ends a page: it starts a new one unless a few lines fit under it.
        CondPageBreak(HEADING.size * 3 + 5 * BODY.size * BODY.leading),
        HRFlowable(width="100%", thickness=0.6, color=(0.75, 0.78, 0.85), spaceBefore=10, spaceAfter=2),
        TextBlock(heading, lang, replace(HEADING, space_before=2), bookmark=(f"item-{number}", outline_title, 0)),
    ]
    main = _version(lang, item.text, item.text_lang, item.provenance, item.fields, item.footnotes, labels)
    if note.second_lang and item.second is not None:
        second: ItemVersion = item.second
        left_head = TextBlock(language_name(lang, lang), lang, SUBHEADING)
        right_head = TextBlock(language_name(second.lang, second.lang), second.lang, SUBHEADING)
        other = _version(lang, second.text, second.lang, second.provenance, second.fields, second.footnotes, labels,
                         mark_foreign=False)
        flowables.append(Columns([[left_head, *main], [right_head, *other]], [1, 1], is_rtl(lang), padding=5,
                                 grid=False, space_after=4))
    else:
        flowables.extend(main)
    if item.annotation is not None:
        flowables.extend(_annotation(lang, item.annotation, labels))
    return flowables


def _version(lang: str, text: str, text_lang: str, provenance: str, fields: ReformFields | None,
             footnotes: tuple[Footnote, ...], labels: _Labels, mark_foreign: bool = True) -> list[Flowable]:
    """One language version of an item: provenance, text, reform fields and footnotes.

    Labels are in the note's language `lang`; the text is typeset by the rules of its own.
    """
    label_lang = lang
    out: list[Flowable] = []
    if provenance in ("working", "user"):
        out.append(TextBlock(labels[provenance], label_lang, SMALL))
    if text_lang != lang and mark_foreign:
        out.append(TextBlock(fill(labels["other_language"], language=language_name(text_lang, lang)), lang,
                             replace(SMALL, bold=True, color=(0.55, 0.15, 0.1))))
    out.extend(_paragraphs(text, text_lang, BODY))
    if fields is not None:
        out.extend(_fields(text_lang, fields, labels, label_lang))
    if footnotes:
        out.append(TextBlock(labels["footnotes"], label_lang, SUBHEADING, keep_with_next=True))
        for footnote in footnotes:
            style = replace(SMALL, color=(0, 0, 0), indent=BULLET_INDENT + 6)
            out.append(TextBlock(footnote.text, text_lang, style, bullet=footnote.label))
    return out


def _fields(text_lang: str, fields: ReformFields, labels: _Labels, label_lang: str) -> list[Flowable]:
    out: list[Flowable] = []

    def heading(key: str) -> None:
        out.append(TextBlock(labels[key], label_lang, SUBHEADING, keep_with_next=True))

    def not_given() -> None:
        out.append(TextBlock(labels["not_given"], label_lang, replace(BODY, color=GREY)))

    heading("status")
    if fields.status is None:
        not_given()
    else:
        out.extend(_blocks(fields.status, text_lang))
    heading("budget")
    if fields.budget is None:
        not_given()
    else:
        out.extend(_paragraphs(fields.budget, text_lang, BODY))
    heading("ongoing_actions")
    out.extend(_blocks(fields.ongoing_actions, text_lang) or [TextBlock(labels["not_given"], label_lang, BODY)])
    if fields.subprogramme_ref is not None:
        heading("subprogramme_ref")
        out.append(TextBlock(fields.subprogramme_ref, text_lang, BODY))
    heading("further_actions")
    out.extend(_blocks(fields.further_actions, text_lang) or [TextBlock(labels["not_given"], label_lang, BODY)])
    return out


def _blocks(blocks: tuple[Block, ...], lang: str) -> list[Flowable]:
    out: list[Flowable] = []
    for block in blocks:
        parts = [p for p in block.text.split("\n") if p.strip()] or [""]
        for k, part in enumerate(parts):
            if block.bullet:
                out.append(TextBlock(part, lang, replace(BODY, indent=BULLET_INDENT), bullet="•" if k == 0 else None))
            else:
                out.append(TextBlock(part, lang, BODY))
        for sub in block.sub:
            out.append(TextBlock(sub, lang, replace(BODY, indent=2 * BULLET_INDENT), bullet="◦"))
    return out


def _annotation(lang: str, annotation: NoteAnnotation, labels: _Labels) -> list[Flowable]:
    box: list[Flowable] = [TextBlock(labels["annotation"], lang, replace(SUBHEADING, space_before=0))]
    box.append(TextBlock(fill(labels["annotation_stance"], stance=labels.stance(annotation)), lang, BODY))
    box.append(TextBlock(fill(labels["annotation_priority"], priority=labels.priority(annotation)), lang, BODY))
    box.extend(_paragraphs(annotation.body, lang, BODY))
    if annotation.highlights:
        box.append(TextBlock(labels["highlights"], lang, SUBHEADING))
        for quote in annotation.highlights:
            box.append(TextBlock(quote, lang, replace(BODY, indent=BULLET_INDENT), bullet="•"))
    if annotation.tags:
        box.append(TextBlock(fill(labels["tags"], tags=format_list(list(annotation.tags), locale=lang)), lang, BODY))
    return [Spacer(1, 6), Columns([box], [1], is_rtl(lang), padding=6, grid=True, background=(0.97, 0.96, 0.9))]


class _PagedCanvas(Canvas):
    """A canvas that keeps pages until the end, so that each can say "page x of y".

    ReportLab ties a bookmark to the page being written when it is made, so bookmarks
    are recorded with their page and made when that page is finally written.
    """

    def __init__(self, *args, decorate=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._decorate = decorate
        self._pages: list[dict] = []
        self._page_bookmarks: list[tuple[str, float, float]] = []

    def bookmarkHorizontal(self, key, relativeX, relativeY, **kw) -> None:  # noqa: N802, N803
        x, y = self.absolutePosition(relativeX, relativeY)
        self._page_bookmarks.append((key, x, y))

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        self._pages.append(dict(self.__dict__))
        self._page_bookmarks = []
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            for key, x, y in self._page_bookmarks:
                self.bookmarkPage(key, fit="XYZ", left=x, top=y)
            if self._decorate is not None:
                self._decorate(self, self._pageNumber, total)
            super().showPage()
        super().save()


def _decorate_page(canv: Canvas, page: int, pages: int, note: BriefingNote, labels: _Labels, rtl: bool) -> None:
    width, height = canv._pagesize
    lang = note.lang
    style = TextStyle(size=8, leading=1.3, color=GREY)
    inner = width - 2 * PAGE_MARGIN
    top = height - PAGE_MARGIN + 2 * mm
    # The title at the start side, the generation date at the end side (mirrored in Arabic).
    generated = fill(labels["generated"], date=format_date(note.generated_at.date(), format="long", locale=lang))
    title_x = PAGE_MARGIN + inner * 0.4 if rtl else PAGE_MARGIN
    date_x = PAGE_MARGIN if rtl else PAGE_MARGIN + inner * 0.62
    draw_text_line(canv, note.title, lang, style, title_x, top, inner * 0.6)
    draw_text_line(canv, generated, lang, style, date_x, top, inner * 0.38, align="end")
    canv.saveState()
    canv.setStrokeColorRGB(0.75, 0.78, 0.85)
    canv.setLineWidth(0.5)
    canv.line(PAGE_MARGIN, top - 5 * mm, width - PAGE_MARGIN, top - 5 * mm)
    canv.restoreState()
    footer = fill(labels["page_of"], page=format_decimal(page, locale=lang), pages=format_decimal(pages, locale=lang))
    draw_text_line(canv, footer, lang, style, PAGE_MARGIN, PAGE_MARGIN, inner, align="center")
