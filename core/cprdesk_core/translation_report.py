"""Checks a working translation against the Chinese source: completeness, script, numbers, symbols, glossary terms."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cprdesk_core.corpus.schema import iter_items, load_yaml, texts_of
from cprdesk_core.textfold import fold, strip_markers
from cprdesk_core.versions import extract
from cprdesk_core.versions.glossary import GlossaryTerm, load_exceptions, terms_in
from cprdesk_core.versions.glossary import load_terms as load_glossary

__all__ = ["Finding", "GlossaryTerm", "check_translation", "glossary_exceptions", "load_glossary", "numbers",
           "report", "script_of", "symbols", "terms_in"]

_SCRIPTS = extract.SCRIPTS
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


@dataclass(frozen=True)
class Finding:
    item_id: str
    check: str
    detail: str

    def __str__(self) -> str:
        return f"{self.item_id}: {self.check}: {self.detail}"


def numbers(text: str, *, source: bool = False, lang: str = "en") -> set[str]:
    """The numbers of a text by value, read by the conventions of its language (`source`: the Chinese; see
    `cprdesk_core.versions.extract.number_values`), the numbers of symbols and references included."""
    return set(extract.number_values(text, "zh" if source else lang, keep_codes=True))


def symbols(text: str) -> set[str]:
    return set(extract.symbols(text) | {r for r in extract.references(text) if not r[0].isdigit()})


def script_of(text: str) -> str | None:
    """The dominant script of the letters in a text."""
    return extract.script_of(text)


def glossary_exceptions(folder: Path, lang: str) -> dict[str, str]:
    return load_exceptions(folder, lang)


def _segment_text(seg: dict[str, Any]) -> str:
    return "\n".join(texts_of(seg))


def check_translation(
    source: dict[str, Any], translation: dict[str, Any], glossary: list[GlossaryTerm], exceptions: dict[str, str]
) -> list[Finding]:
    """Every finding for one translated document."""
    lang = translation["lang"]
    findings: list[Finding] = []
    items = {n["id"]: n for n in iter_items(source["items"])}
    items.update({fn["id"]: fn for fn in source.get("footnotes") or []})
    segments = {s["id"]: s for s in translation.get("segments") or []}
    for item_id, node in items.items():
        zh = _segment_text(node)
        if not zh:
            continue
        seg = segments.get(item_id)
        if seg is None:
            findings.append(Finding(item_id, "missing", "no segment"))
            continue
        target = _segment_text(seg)
        if not target.strip():
            findings.append(Finding(item_id, "empty", "empty segment"))
            continue
        if target == zh:
            findings.append(Finding(item_id, "untranslated", "same text as the Chinese"))
        letters = re.sub(r"(?<![A-Za-z])[A-Z][A-Za-z0-9.]*(?:/[A-Za-z0-9.]*[A-Za-z0-9])+", "", strip_markers(target))
        letters = re.sub(r"\b(?:SP|EA|EG|CC|EM|HSHW|RE|URL|http\S+)\b", "", letters)
        script = script_of(letters)
        if script is not None and script != _SCRIPTS[lang]:
            findings.append(Finding(item_id, "script", f"mostly {script}, expected {_SCRIPTS[lang]}"))
        if lang == "ar" and PRESENTATION_FORMS.search(target):
            findings.append(Finding(item_id, "presentation-forms", "Arabic presentation-form characters"))
        missing_numbers = numbers(zh, source=True) - numbers(target, lang=lang)
        if missing_numbers:
            findings.append(Finding(item_id, "numbers", "missing " + ", ".join(sorted(missing_numbers, key=float))))
        missing_symbols = symbols(zh) - symbols(target)
        if missing_symbols:
            findings.append(Finding(item_id, "symbols", "missing " + ", ".join(sorted(missing_symbols))))
        zh_markers = re.findall(r"\[\^([^\]]+)\]", zh)
        if sorted(zh_markers) != sorted(re.findall(r"\[\^([^\]]+)\]", target)):
            findings.append(Finding(item_id, "footnotes", f"markers {zh_markers} expected"))
        folded = fold(strip_markers(target))
        for term in terms_in(strip_markers(zh), glossary):
            forms = term.forms.get(lang)
            if not forms:
                findings.append(Finding(item_id, "glossary", f"term {term.id} has no {lang} form"))
                continue
            if not any(fold(f) in folded for f in forms):
                key = f"{item_id} {term.id}"
                if key not in exceptions:
                    findings.append(Finding(item_id, "glossary", f"{term.zh} → expected {forms[0]!r}"))
    for item_id in segments:
        if item_id not in items:
            findings.append(Finding(item_id, "unknown", "segment id not in the source"))
    return findings


def report(corpus_dir: Path, glossary_dir: Path, documents: Iterable[str], langs: Iterable[str]) -> list[Finding]:
    glossary = load_glossary(glossary_dir)
    out: list[Finding] = []
    for doc in documents:
        source = load_yaml(corpus_dir / doc / "zh.yaml")
        for lang in langs:
            path = corpus_dir / doc / f"{lang}.yaml"
            if not path.exists():
                out.append(Finding(doc, "missing", f"no {lang}.yaml"))
                continue
            out += check_translation(source, load_yaml(path), glossary, glossary_exceptions(glossary_dir, lang))
    return out


def main(argv: list[str]) -> int:
    from cprdesk_resources import CORPUS_DIR, GLOSSARY_DIR

    if len(argv) != 2:
        print("usage: python -m cprdesk_core.translation_report DOCUMENT LANG", file=sys.stderr)
        return 2
    findings = report(CORPUS_DIR, GLOSSARY_DIR, [argv[0]], [argv[1]])
    for f in findings:
        print(f)
    print(f"{len(findings)} findings")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
