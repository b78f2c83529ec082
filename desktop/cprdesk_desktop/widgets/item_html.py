"""An item's text in one language as escaped rich text for Qt's text browser: corpus and user text are never markup."""

from __future__ import annotations

import html
import re
from typing import Any

from cprdesk_core.corpus.reader import Item, ItemVersion
from cprdesk_core.i18n import autonym, display_ref, is_rtl
from cprdesk_desktop.i18n import _

_MARKER = re.compile(r"\[\^([^\]\s]+)\]")


def _inline(text: str) -> str:
    """Escape a corpus text and turn its footnote markers into superscript links."""
    out = []
    last = 0
    for m in _MARKER.finditer(text):
        out.append(html.escape(text[last : m.start()]))
        label = html.escape(m.group(1))
        out.append(f'<sup><a href="#fn-{label}">{label}</a></sup>')
        last = m.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def isolate(text: str) -> str:
    """Wrap a reference or number in a first-strong isolate so bidi reordering cannot scatter it."""
    return "\u2068" + text + "\u2069"


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{_inline(p)}</p>" for p in text.split("\n") if p.strip())


def _blocks(blocks: list[Any]) -> str:
    items = []
    plain = []
    for block in blocks:
        if isinstance(block, str):
            items.append(f"<li>{_inline(block)}</li>")
            continue
        sub = "".join(f"<li>{_inline(s)}</li>" for s in block.get("sub") or ())
        sub_html = f"<ul>{sub}</ul>" if sub else ""
        if block.get("bullet", True):
            items.append(f"<li>{_inline(block['text'])}{sub_html}</li>")
        else:
            if items:
                plain.append(f"<ul>{''.join(items)}</ul>")
                items = []
            plain.append(f"<p>{_inline(block['text'])}</p>{sub_html}")
    if items:
        plain.append(f"<ul>{''.join(items)}</ul>")
    return "".join(plain)


def provenance_label(provenance: str) -> str:
    return {
        "official": _("Official text"),
        "working": _("Unofficial working translation"),
        "user": _("Entered by a user"),
    }.get(provenance, provenance)


def _field_heading(labels: dict[str, Any], key: str, fallback: str) -> str:
    value = labels.get(key)
    return _inline(value) if isinstance(value, str) else html.escape(fallback)


def _missing(message: str) -> str:
    return f"<p><i>{html.escape(message)}</i></p>"


def _reform_fields(fields: dict[str, Any], labels: dict[str, Any]) -> str:
    none_listed = _("None listed in the source.")
    not_given = _("Not given in the source")
    headings = {
        "ongoing": _field_heading(labels, "column_ongoing", _("Ongoing actions")),
        "ref": _field_heading(labels, "subprogramme_ref", _("Subprogramme reference")),
        "further": _field_heading(labels, "column_further", _("Proposed further actions")),
        "budget": _field_heading(labels, "column_budget", _("Significant budget implications?")),
        "status": _field_heading(labels, "column_status", _("Status")),
    }
    ongoing = fields.get("ongoing_actions") or []
    further = fields.get("further_actions") or []
    budget = fields.get("budget")
    status = fields.get("status")
    ref = fields.get("subprogramme_ref")
    ref_text = html.escape(ref) if ref else f"<i>{html.escape(not_given)}</i>"
    return "".join(
        [
            f"<h4>{headings['ongoing']}</h4>",
            _blocks(ongoing) if ongoing else _missing(none_listed),
            "<p>" + _("{heading}: {reference}").format(
                heading=f"<b>{headings['ref']}</b>", reference=f"<span dir='ltr'>{ref_text}</span>"
            ) + "</p>",
            f"<h4>{headings['further']}</h4>",
            _blocks(further) if further else _missing(none_listed),
            f"<h4>{headings['budget']}</h4>",
            _paragraphs(budget) if budget else _missing(not_given),
            f"<h4>{headings['status']}</h4>",
            _blocks(status) if status else _missing(not_given),
        ]
    )


def version_html(
    item: Item,
    lang: str,
    labels: dict[str, dict[str, Any]],
    children: list[tuple[str, str]],
    breadcrumb: list[str] = (),  # type: ignore[assignment]
) -> str:
    """The rich text of `item` in `lang` (falling back to the Chinese original, clearly marked)."""
    version: ItemVersion | None = item.version(lang)
    shown_lang = lang
    notice = ""
    if version is None:
        version = item.version("zh")
        shown_lang = "zh"
        notice = html.escape(
            _("There is no {language} text for this item; the Chinese original is shown.").format(language=autonym(lang))
        )
    direction = "rtl" if is_rtl(shown_lang) else "ltr"
    align = "right" if direction == "rtl" else "left"
    out = [f'<div dir="{direction}" align="{align}">']
    ref = display_ref(item.kind, item.ref, item.label, shown_lang)
    badge_colour = "#1b5e20" if version and version.provenance == "official" else "#8a4b00"
    out.append(f"<p><span style='color:#555'>{html.escape(autonym(shown_lang))}</span>")
    if version is not None:
        out.append(f" · <span style='color:{badge_colour}; font-weight:bold'>{html.escape(provenance_label(version.provenance))}</span>")
    out.append("</p>")
    if notice:
        out.append(f"<p style='color:#8a4b00'><i>{notice}</i></p>")
    if version is None:
        out.append(_missing(_("This item has no text.")) + "</div>")
        return "".join(out)
    if breadcrumb:
        out.append(f"<p style='color:#666; font-size:small'>{html.escape(' › '.join(isolate(b) for b in breadcrumb))}</p>")
    if version.title:
        label = f"{html.escape(item.label)} " if item.label else ""
        out.append(f"<h2>{label}{_inline(version.title)}</h2>")
    if version.text:
        heading = ref if item.kind in ("action", "reform") else (item.label or "")
        if heading:
            # A reference such as "88(c) III.C.2" is left-to-right even inside Arabic: isolate it.
            out.append(f"<h3 dir='{direction}'>{html.escape(isolate(heading))}</h3>")
        out.append(_paragraphs(version.text))
    if version.cells:
        cells = "".join(f"<td style='padding:4px; border:1px solid #bbb'>{_inline(c)}</td>" for c in version.cells)
        out.append(f"<table cellspacing='0'><tr>{cells}</tr></table>")
    if version.fields:
        out.append(_reform_fields(version.fields, labels.get(shown_lang) or labels.get("zh") or {}))
    if version.note:
        note = _("Note: {note}").format(note=version.note)
        out.append(f"<p style='color:#555'><i>{html.escape(note)}</i></p>")
    if children:
        out.append("<ul>")
        for child_id, heading in children:
            out.append(f'<li><a href="item:{html.escape(child_id, quote=True)}">{html.escape(heading)}</a></li>')
        out.append("</ul>")
    cited = _MARKER.findall("\n".join(filter(None, [version.title, version.text, str(version.fields or "")])))
    if cited:
        out.append("<hr/>")
        for label in dict.fromkeys(cited):
            texts = item.footnotes.get(label, {})
            fn_text = texts.get(shown_lang) or texts.get("zh") or ""
            out.append(f'<p style="font-size:small"><a name="fn-{html.escape(label)}"></a><sup>{html.escape(label)}</sup> {_inline(fn_text)}</p>')
    out.append("</div>")
    return "".join(out)
