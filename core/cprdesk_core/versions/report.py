"""Check findings as records, as CSV for spreadsheets and as a PDF report in a chosen UI language."""

from __future__ import annotations

import csv
import io
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from cprdesk_core.atomic import atomic_file
from cprdesk_core.errors import N_, DomainError
from cprdesk_core.i18n import CONTENT_LANGUAGES, display_ref, translations
from cprdesk_core.versions.checks import ERROR, INFO, WARNING, Finding, check_named


class ReportError(DomainError):
    """A report cannot be written where asked."""


@dataclass(frozen=True)
class ReportInfo:
    """What a report says about the documents and items it names, in its UI language."""

    documents: dict[str, str] = field(default_factory=dict)  # document id → title
    references: dict[str, str] = field(default_factory=dict)  # item id → reference as shown ("88(c) III.C.2")


def report_info(connection: sqlite3.Connection, ui_lang: str) -> ReportInfo:
    """Document titles (in `ui_lang` where there is one) and item references, read from the database."""
    from cprdesk_core.corpus.reader import CorpusQueries

    documents = {d.id: d.title for d in CorpusQueries(connection).documents(ui_lang)}
    references = {}
    for item_id, kind, label, ref in connection.execute("SELECT id, kind, label, ref FROM corpus_item"):
        references[item_id] = display_ref(kind, ref, label, ui_lang) or item_id
    return ReportInfo(documents, references)


def _language_namer(ui_lang: str) -> Callable[[str], str]:
    from cprdesk_core.i18n import language_name

    names: dict[str, str] = {}

    def name(lang: str) -> str:
        if lang not in names:
            try:
                names[lang] = language_name(lang, ui_lang)
            except ValueError:
                names[lang] = lang
        return names[lang]

    return name


def finding_record(finding: Finding, info: ReportInfo | None = None, gettext: Callable[[str], str] | None = None,
                   language_name: Callable[[str], str] | None = None) -> dict[str, Any]:
    """A finding as a plain JSON-ready mapping (the `check` command's jsonl lines)."""
    dismissal = finding.dismissal
    return {
        "key": finding.key,
        "doc": finding.document_id,
        "item": finding.item_id,
        "ref": (info.references.get(finding.item_id) if info else None),
        "check": finding.check_id,
        "severity": finding.severity,
        "languages": list(finding.languages),
        "message": finding.message(gettext, language_name),
        "message_id": finding.message_id,
        "params": dict(finding.params),
        "evidence": dict(finding.evidence),
        "dismissed": dismissal is not None,
        "dismissal": None if dismissal is None else {
            "reason": dismissal.reason,
            "by": dismissal.by,
            "at": dismissal.at.isoformat() if dismissal.at else None,
            "in_data": dismissal.in_data,
        },
    }


def _atomic(path: Path, mode: str, **kwargs: Any):  # noqa: ANN202 - a context manager
    """A file written beside `path` and renamed onto it at the end: a reader never sees half a report."""
    return atomic_file(path, mode, ReportError, **kwargs)


CSV_COLUMNS = (
    "key", "document", "item", "reference", "check", "severity", "languages", "message",
    *CONTENT_LANGUAGES, "dismissed", "dismissed_by", "dismissal_reason",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    # A spreadsheet would run a cell starting with = + - @ as a formula; corpus and user text is data.
    return "'" + value if value.startswith(_FORMULA_START) else value


def write_csv(findings: Iterable[Finding], out: Path | BinaryIO, info: ReportInfo | None = None,
              ui_lang: str = "en") -> None:
    """Findings as CSV, UTF-8 with a byte-order mark so that spreadsheet apps read Arabic and Chinese right.

    One row per finding; what each version has is in a column of its own (ar … es).
    """
    gettext = translations(ui_lang).gettext
    name = _language_namer(ui_lang)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for f in findings:
        d = f.dismissal
        writer.writerow([
            f.key, f.document_id, f.item_id, (info.references.get(f.item_id, "") if info else ""), f.check_id,
            f.severity, " ".join(f.languages), _cell(f.message(gettext, name)),
            *(_cell(f.evidence.get(lang, "")) for lang in CONTENT_LANGUAGES),
            "yes" if d else "", _cell(d.by) if d else "", _cell(d.reason) if d else "",
        ])
    data = buffer.getvalue().encode("utf-8-sig")
    if isinstance(out, Path):
        with _atomic(out, "wb") as fh:
            fh.write(data)
    else:
        out.write(data)


class _Labels:
    """The report's labels in its UI language; msgids are literal so Babel can extract them."""

    def __init__(self, ui_lang: str, findings: list[Finding]) -> None:
        from babel.numbers import format_decimal

        from cprdesk_core.i18n import babel_locale

        locale = babel_locale(ui_lang)
        t = translations(ui_lang)
        _ = t.gettext
        counts = Counter(f.severity for f in findings)
        n = len(findings)
        self.title = _("Language version check")
        self.documents = _("Documents: {documents}")
        self.languages = _("Languages: {languages}")
        self.generated = _("Generated on {date} at {time}")
        self.total = t.ngettext("{count} finding", "{count} findings", n).format(count=format_decimal(n, locale=locale))
        self.severity = {
            ERROR: t.pgettext("severity", "Error"),
            WARNING: t.pgettext("severity", "Warning"),
            INFO: t.pgettext("severity", "Note"),
        }
        self.by_severity = _("Errors: {errors} · Warnings: {warnings} · Notes: {notes}").format(
            errors=format_decimal(counts[ERROR], locale=locale),
            warnings=format_decimal(counts[WARNING], locale=locale),
            notes=format_decimal(counts[INFO], locale=locale),
        )
        self.none = _("No findings: the language versions agree on everything checked.")
        self.dismissed = _("Dismissed by {name}: {reason}")
        self.dismissed_in_data = _("Known and accepted: {reason}")
        self.page = _("Page {page}")
        self.gettext = _


def _literal(text: str) -> str:
    """Text whose [^N] footnote references are shown as written, not set as superscripts."""
    return text.replace("[^", "[\u2060^")


def write_pdf(findings: Iterable[Finding], out: Path | BinaryIO, ui_lang: str = "en", info: ReportInfo | None = None,
              generated_at: datetime | None = None) -> None:
    """Findings as a PDF report with labels in `ui_lang`, typeset by the briefing engine (all text is data)."""
    findings = list(findings)
    if isinstance(out, Path):
        with _atomic(out, "wb") as fh:
            _render(findings, fh, ui_lang, info or ReportInfo(), generated_at)
    else:
        _render(findings, out, ui_lang, info or ReportInfo(), generated_at)


def _render(findings: list[Finding], out: BinaryIO, ui_lang: str, info: ReportInfo, generated_at: datetime | None) -> None:
    from reportlab import rl_config

    # Shaping caches and private glyph codes of the fonts are shared with the briefing notes: one PDF at a time.
    from cprdesk_core.briefing.render import RENDER_LOCK

    with RENDER_LOCK:
        use_a85, rl_config.useA85 = rl_config.useA85, 0
        try:
            _build(findings, out, ui_lang, info, generated_at or datetime.now(UTC))
        finally:
            rl_config.useA85 = use_a85


def _build(findings: list[Finding], out: BinaryIO, ui_lang: str, info: ReportInfo, generated_at: datetime) -> None:
    from dataclasses import replace

    from babel.dates import format_date, format_time
    from babel.lists import format_list
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
    from reportlab.platypus.flowables import HRFlowable

    from cprdesk_core.briefing.fonts import primary_face, register_fonts
    from cprdesk_core.briefing.render import BODY, CELL, CELL_HEAD, GREY, HEADING, SMALL, TITLE, fill, isolate
    from cprdesk_core.briefing.typeset import Columns, TextBlock, TextStyle, draw_text_line, is_rtl
    from cprdesk_core.i18n import babel_locale

    register_fonts()
    locale = babel_locale(ui_lang)
    labels = _Labels(ui_lang, findings)
    name = _language_namer(ui_lang)
    rtl = is_rtl(ui_lang)
    documents = list(dict.fromkeys(f.document_id for f in findings))
    languages = [lang for lang in CONTENT_LANGUAGES if any(lang in f.languages for f in findings)]

    story: list[Any] = [TextBlock(labels.title, ui_lang, TITLE)]
    if documents:
        titles = [info.documents.get(d, d) for d in documents]
        story.append(TextBlock(fill(labels.documents, documents=format_list(titles, locale=locale)), ui_lang, BODY))
    if languages:
        story.append(TextBlock(fill(labels.languages, languages=format_list([name(lang) for lang in languages],
                                                                              locale=locale)), ui_lang, BODY))
    story.append(TextBlock(fill(labels.generated, date=format_date(generated_at.date(), format="long", locale=locale),
                                time=format_time(generated_at.time(), format="short", locale=locale)), ui_lang, BODY))
    story.append(TextBlock(labels.total, ui_lang, BODY))
    story.append(TextBlock(labels.by_severity, ui_lang, BODY))
    if not findings:
        story.append(TextBlock(labels.none, ui_lang, replace(BODY, space_before=8)))

    fractions = [0.2, 0.16, 0.64]
    evidence_style = replace(SMALL, color=(0, 0, 0), indent=22)
    severity_colour = {ERROR: (0.62, 0.1, 0.08), WARNING: (0.6, 0.38, 0.0), INFO: GREY}
    for document_id in documents:
        story.append(TextBlock(info.documents.get(document_id, document_id), ui_lang, HEADING, keep_with_next=True))
        for f in (f for f in findings if f.document_id == document_id):
            check = check_named(f.check_id)
            detail: list[Any] = [TextBlock(_literal(f.message(labels.gettext, name)), ui_lang, CELL)]
            for lang, value in f.evidence.items():
                detail.append(TextBlock(_literal(value), lang, evidence_style, bullet=lang))
            if f.dismissal is not None:
                template = labels.dismissed_in_data if f.dismissal.in_data else labels.dismissed
                detail.append(TextBlock(fill(template, name=f.dismissal.by, reason=f.dismissal.reason), ui_lang,
                                        replace(SMALL, bold=True)))
            cells = [
                [TextBlock(isolate(info.references.get(f.item_id, f.item_id)), ui_lang, CELL_HEAD),
                 TextBlock(f.item_id, "en", replace(SMALL, size=7))],
                [TextBlock(labels.severity.get(f.severity, f.severity), ui_lang,
                           replace(CELL_HEAD, color=severity_colour.get(f.severity, GREY))),
                 TextBlock(labels.gettext(check.name), ui_lang, replace(SMALL, size=7.5))],
                detail,
            ]
            story.append(Columns(cells, fractions, rtl, background=(0.96, 0.96, 0.96) if f.dismissal else None))
        story.append(HRFlowable(width="100%", thickness=0, color=(1, 1, 1), spaceAfter=6))

    margin = 18 * mm

    def decorate(canv: Any, doc: Any) -> None:
        width, _height = canv._pagesize
        footer = fill(labels.page, page=str(doc.page))
        draw_text_line(canv, footer, ui_lang, TextStyle(size=8, color=GREY), margin, margin - 4 * mm, width - 2 * margin,
                       align="center")

    doc = BaseDocTemplate(
        out, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin, bottomMargin=margin + 2 * mm,
        title=labels.title, creator="CPR Desk", lang=ui_lang, initialFontName=primary_face(ui_lang).name,
        initialFontSize=10, displayDocTitle=1,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=decorate)])
    doc.build(story)
