"""Fixtures for the language-version checks: the clean corpus, and a copy with one version of many items broken."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from cprdesk_core.corpus.schema import load_yaml


def _block(text: str, item_id: str) -> tuple[int, int]:
    """Where the lines of one item (a translation's segment, or a zh item up to its first child) are in a file."""
    start = text.index(f"- id: {item_id}\n")
    following = text.find("- id: ", start + 1)
    return start, following if following >= 0 else len(text)


class BrokenCorpus:
    """A copy of the bundled corpus whose files the tests edit as a translator would, keeping the YAML layout."""

    def __init__(self, root: Path) -> None:
        from cprdesk_resources import CORPUS_DIR

        self.root = root
        shutil.copytree(CORPUS_DIR, root)

    def path(self, doc: str, lang: str) -> Path:
        return self.root / doc / f"{lang}.yaml"

    def replace(self, doc: str, lang: str, item_id: str, old: str, new: str) -> None:
        """Replace `old` (which must occur once in the item's lines) by `new`."""
        path = self.path(doc, lang)
        text = path.read_text(encoding="utf-8")
        start, end = _block(text, item_id)
        block = text[start:end]
        assert block.count(old) == 1, f"{old!r} occurs {block.count(old)} times in {item_id} ({lang})"
        path.write_text(text[:start] + block.replace(old, new) + text[end:], encoding="utf-8")

    def text_of(self, doc: str, lang: str, item_id: str) -> str:
        data = load_yaml(self.path(doc, lang))
        return next(s for s in data["segments"] if s["id"] == item_id)["text"]

    def set_text(self, doc: str, lang: str, item_id: str, new: str) -> None:
        """Give a segment a new (one-line) text."""
        path = self.path(doc, lang)
        text = path.read_text(encoding="utf-8")
        start, end = _block(text, item_id)
        lines = text[start:end].split("\n")
        k = next(i for i, line in enumerate(lines) if line.startswith("  text: "))
        lines[k] = "  text: " + json.dumps(new, ensure_ascii=False)
        path.write_text(text[:start] + "\n".join(lines) + text[end:], encoding="utf-8")

    def delete_segment(self, doc: str, lang: str, item_id: str) -> None:
        path = self.path(doc, lang)
        text = path.read_text(encoding="utf-8")
        start, end = _block(text, item_id)
        path.write_text(text[:start] + text[end:], encoding="utf-8")


@dataclass(frozen=True)
class Breakage:
    """One deliberate error: which check should find it, in which item, naming which version; and how to make it."""

    check: str
    item: str
    lang: str
    make: Callable[[BrokenCorpus], None] = field(repr=False, compare=False)

    def __str__(self) -> str:
        return f"{self.check}-{self.lang}"


def _twice(corpus: BrokenCorpus) -> None:
    text = corpus.text_of("ap88", "ru", "ap88/intro/3")
    corpus.set_text("ap88", "ru", "ap88/intro/3", text + " " + text)


def _ascii_commas(corpus: BrokenCorpus) -> None:
    text = corpus.text_of("ap88", "ar", "ap88/I/A/4")
    assert "،" in text
    corpus.set_text("ap88", "ar", "ap88/I/A/4", text.replace("،", ","))


# Each breaks one version of one item in a way one check is designed to find.
BREAKAGES = (
    # A changed year in the French: 2020 → 2021.
    Breakage("numbers", "ap88/intro/2/a", "fr", lambda c: c.replace(
        "ap88", "fr", "ap88/intro/2/a", "23 janvier 2020", "23 janvier 2021")),
    # The official Chinese changed where the five translations agree: the Chinese is the odd one out.
    Breakage("numbers", "ap88/intro/2/c", "zh", lambda c: c.replace(
        "ap88", "zh", "ap88/intro/2/c", "2020 年 4 月 2 日", "2019 年 4 月 2 日")),
    # A dropped bullet: the second ongoing action of reform 1 set as a plain paragraph in the French.
    Breakage("lists", "ieg-reforms/1", "fr", lambda c: c.replace(
        "ieg-reforms", "fr", "ieg-reforms/1", "    - Poursuite du dialogue avec",
        "    - bullet: false\n      text: Poursuite du dialogue avec")),
    # A wrong document symbol in the Russian.
    Breakage("symbols", "ap88/V/A/1", "ru", lambda c: c.replace(
        "ap88", "ru", "ap88/V/A/1", "документе UNEP/EA.5/3", "документе UNEP/EA.5/2")),
    # A changed decision reference in the English: 4/22 → 4/2.
    Breakage("references", "ap88/I/B/3", "en", lambda c: c.replace("ap88", "en", "ap88/I/B/3", "4/22", "4/2")),
    # An untranslated item: the Spanish is the English text.
    Breakage("untranslated", "ap88/I/A/2", "es", lambda c: c.set_text(
        "ap88", "es", "ap88/I/A/2", c.text_of("ap88", "en", "ap88/I/A/2"))),
    # An English draft left in the Arabic version (not identical to the English).
    Breakage("script", "ap88/I/A/3", "ar", lambda c: c.set_text(
        "ap88", "ar", "ap88/I/A/3", c.text_of("ap88", "en", "ap88/I/A/3") + " (draft)")),
    # A missing footnote reference in the English.
    Breakage("footnotes", "ap88/III/B/7", "en", lambda c: c.replace("ap88", "en", "ap88/III/B/7", "[^1]", "")),
    # A French colon after an ordinary space instead of a no-break space.
    Breakage("fr-spacing", "ap88/intro/2/b", "fr", lambda c: c.replace(
        "ap88", "fr", "ap88/intro/2/b", "5 mars 2020\u00a0:", "5 mars 2020 :")),
    # An unbalanced bracket in the Spanish.
    Breakage("brackets", "ap88/V/A/3", "es", lambda c: c.replace(
        "ap88", "es", "ap88/V/A/3", "(en particula", "en particula")),
    # A wrong glossary term in the French.
    Breakage("glossary", "ap88/I/A/1", "fr", lambda c: c.replace(
        "ap88", "fr", "ap88/I/A/1", "Comité des représentants permanents", "Comité des délégués permanents")),
    # A length outlier: the Russian text written twice.
    Breakage("length", "ap88/intro/3", "ru", _twice),
    # ASCII commas after Arabic letters.
    Breakage("ar-punctuation", "ap88/I/A/4", "ar", _ascii_commas),
    # An ASCII comma between Chinese characters in the Chinese.
    Breakage("zh-punctuation", "ap88/I/A/1", "zh", lambda c: c.replace(
        "ap88", "zh", "ap88/I/A/1", "促进会员国，包括", "促进会员国,包括")),
    # A changed web address in the Spanish.
    Breakage("urls", "ieg-reforms/fn/5", "es", lambda c: c.replace(
        "ieg-reforms", "es", "ieg-reforms/fn/5", "322IFSD", "321IFSD")),
    # A missing segment in the Russian.
    Breakage("missing", "ap88/I/A/4", "ru", lambda c: c.delete_segment("ap88", "ru", "ap88/I/A/4")),
)
# Not errors, made in the same copy: an Arabic year in Arabic-Indic digits (the same value).
HARMLESS = (
    ("numbers", "ap88/intro/2/d", lambda c: c.replace(
        "ap88", "ar", "ap88/intro/2/d", "2 تموز/يوليه 2020", "2 تموز/يوليه ٢٠٢٠")),
)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "breakage" in metafunc.fixturenames:
        metafunc.parametrize("breakage", BREAKAGES, ids=str)


@pytest.fixture(scope="session")
def breakages() -> tuple[Breakage, ...]:
    return BREAKAGES


@pytest.fixture(scope="session")
def glossary():  # noqa: ANN201
    from cprdesk_core.versions.glossary import load_glossary

    return load_glossary()


@pytest.fixture(scope="session")
def broken(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    """The database of a data folder built from the broken copy of the corpus."""
    from cprdesk_core.database import open_database

    root = tmp_path_factory.mktemp("broken")
    corpus = BrokenCorpus(root / "corpus")
    for breakage in BREAKAGES:
        breakage.make(corpus)
    for _check, _item, make in HARMLESS:
        make(corpus)
    (root / "data").mkdir()
    db = open_database(root / "data", root / "corpus")
    yield db
    db.close()


@pytest.fixture(scope="session")
def broken_findings(broken, glossary):  # noqa: ANN001, ANN201
    from cprdesk_core.versions.checks import run_checks
    from cprdesk_core.versions.snapshot import load_snapshot

    con = broken.connection()
    return [f for doc in ("ap88", "ieg-reforms") for f in run_checks(load_snapshot(con, doc), glossary, known=())]
