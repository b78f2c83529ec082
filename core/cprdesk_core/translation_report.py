"""Checks a working translation against the Chinese source: completeness, script, numbers, symbols, glossary terms."""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cprdesk_core.corpus.schema import iter_items, load_yaml, texts_of
from cprdesk_core.textfold import fold, strip_markers

_DIGITS = str.maketrans({chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)})
_NUMBER = re.compile(r"\d+")
# Document symbols: UNEP/EA.5/3, A/RES/66/288, CEB/2019/3/Add.2, SS.VII/1, UNEP/GCSS.XII/1.
_SYMBOL = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Za-z0-9.]*(?:/[A-Za-z0-9.]*[A-Za-z0-9])+")
# A Chinese date's month is written as a word in the other languages, so its number is not required.
_ZH_MONTH = re.compile(r"(\d+)(\s*)月")
_SCRIPTS = {
    "en": "LATIN", "fr": "LATIN", "es": "LATIN", "ru": "CYRILLIC", "ar": "ARABIC", "zh": "CJK",
}
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


@dataclass(frozen=True)
class Finding:
    item_id: str
    check: str
    detail: str

    def __str__(self) -> str:
        return f"{self.item_id}: {self.check}: {self.detail}"


# Amounts written with a word for the magnitude: 400万 (4 million), 4 millions, 4 млн, 4 ملايين.
_ZH_MAGNITUDE = re.compile(r"(\d+(?:\.\d+)?)\s*(万|亿)")
_MAGNITUDE = re.compile(
    r"(\d+(?:[.,]\d+)?)\s*(million|millions|millón|millones|млн|миллион\w*|مليون|ملايين"
    r"|billion|billions|milliard|milliards|mil millones|млрд|миллиард\w*|مليار|مليارات)",
    re.I,
)
_SCALE = {"万": 10_000, "亿": 100_000_000}


def _scaled(number: str, factor: int) -> str:
    value = float(number.replace(",", ".")) * factor
    return str(int(value)) if value == int(value) else str(value)


def numbers(text: str, *, source: bool = False) -> set[str]:
    """The numbers of a text as digit strings (Arabic-Indic digits read as ASCII). Amounts with a magnitude
    word count by value (400万 = 4 million = 4000000); for Chinese, the month of a date is left out."""
    text = strip_markers(text).translate(_DIGITS)
    values: set[str] = set()
    if source:
        text = _ZH_MONTH.sub(lambda m: "月", text)
        for m in _ZH_MAGNITUDE.finditer(text):
            values.add(_scaled(m.group(1), _SCALE[m.group(2)]))
        text = _ZH_MAGNITUDE.sub(" ", text)
    else:
        for m in _MAGNITUDE.finditer(text):
            word = m.group(2).lower()
            factor = 1_000_000_000 if word.startswith(("b", "milliard", "mil m", "млрд", "миллиард", "مليار")) else 1_000_000
            values.add(_scaled(m.group(1), factor))
        text = _MAGNITUDE.sub(" ", text)
    return values | set(_NUMBER.findall(text))


def symbols(text: str) -> set[str]:
    return {s.rstrip(".") for s in _SYMBOL.findall(strip_markers(text))}


def script_of(text: str) -> str | None:
    """The dominant script of the letters in a text."""
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        script = "CJK" if name.startswith("CJK") else name.split(" ")[0]
        counts[script] = counts.get(script, 0) + 1
    return max(counts, key=counts.get) if counts else None


@dataclass(frozen=True)
class GlossaryTerm:
    id: str
    zh: str
    example: str
    forms: dict[str, tuple[str, ...]]


def load_glossary(folder: Path) -> list[GlossaryTerm]:
    master = load_yaml(folder / "zh.yaml")
    columns: dict[str, dict[str, Any]] = {}
    for path in folder.glob("*.yaml"):
        if path.stem != "zh":
            columns[path.stem] = (load_yaml(path) or {}).get("terms") or {}
    terms = []
    for entry in master["terms"]:
        forms = {}
        for lang, column in columns.items():
            value = column.get(entry["id"])
            if isinstance(value, str):
                value = [value]
            if value:
                forms[lang] = tuple(value)
        terms.append(GlossaryTerm(entry["id"], entry["zh"], entry["example"], forms))
    return terms


def glossary_exceptions(folder: Path, lang: str) -> dict[str, str]:
    path = folder / f"{lang}.yaml"
    if not path.exists():
        return {}
    return (load_yaml(path) or {}).get("exceptions") or {}


def terms_in(zh_text: str, terms: list[GlossaryTerm]) -> list[GlossaryTerm]:
    """Glossary terms that occur in a Chinese text other than as part of a longer term."""
    found = []
    covered = [False] * len(zh_text)
    for term in sorted(terms, key=lambda t: -len(t.zh)):
        hit = False
        start = 0
        while (pos := zh_text.find(term.zh, start)) >= 0:
            span = range(pos, pos + len(term.zh))
            if not all(covered[i] for i in span):
                hit = True
                for i in span:
                    covered[i] = True
            start = pos + 1
        if hit:
            found.append(term)
    return found


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
        missing_numbers = numbers(zh, source=True) - numbers(target)
        if missing_numbers:
            findings.append(Finding(item_id, "numbers", "missing " + ", ".join(sorted(missing_numbers, key=int))))
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
