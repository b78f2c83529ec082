"""The glossary of key terms: the Chinese term, its accepted forms in each language, and the recorded exceptions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cprdesk_core.corpus.schema import load_yaml


@dataclass(frozen=True)
class GlossaryTerm:
    id: str
    zh: str
    example: str
    forms: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Glossary:
    """The terms, and per language the exceptions: "<item id> <term id>" → why the term's form is not used there."""

    terms: tuple[GlossaryTerm, ...]
    exceptions: dict[str, dict[str, str]] = field(default_factory=dict)

    def is_exception(self, lang: str, item_id: str, term_id: str) -> bool:
        return f"{item_id} {term_id}" in self.exceptions.get(lang, {})


def load_terms(folder: Path) -> list[GlossaryTerm]:
    """The terms of zh.yaml with the forms every other language file gives them."""
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


def load_exceptions(folder: Path, lang: str) -> dict[str, str]:
    """The recorded exceptions of one language: "<item id> <term id>" → reason."""
    path = folder / f"{lang}.yaml"
    if not path.exists():
        return {}
    return (load_yaml(path) or {}).get("exceptions") or {}


def load_glossary(folder: Path | None = None) -> Glossary:
    """The bundled glossary (or the one in `folder`) with every language's exceptions."""
    if folder is None:
        from cprdesk_resources import GLOSSARY_DIR

        folder = GLOSSARY_DIR
    terms = load_terms(folder)
    langs = {path.stem for path in folder.glob("*.yaml") if path.stem != "zh"}
    return Glossary(tuple(terms), {lang: load_exceptions(folder, lang) for lang in sorted(langs)})


def terms_in(zh_text: str, terms: list[GlossaryTerm] | tuple[GlossaryTerm, ...]) -> list[GlossaryTerm]:
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
