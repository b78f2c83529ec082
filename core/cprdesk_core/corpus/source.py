"""Reading the corpus source files into plain data, validated, with a hash that says when they changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cprdesk_core.corpus.fingerprint import corpus_files
from cprdesk_core.corpus.schema import Problem, load_yaml, validate_source, validate_translation
from cprdesk_core.errors import N_, CorpusError

# Document order in the app: the two core documents first.
DOCUMENT_ORDER = ("ap88", "ieg-reforms", "emg-unea1", "undp-unep-mou", "programme-plan")


@dataclass
class DocumentSource:
    """One document: its official source file and the translation files beside it."""

    id: str
    source: dict[str, Any]
    translations: dict[str, dict[str, Any]] = field(default_factory=dict)


def read_corpus(corpus_dir: Path) -> list[DocumentSource]:
    """Load and validate every document; raises CorpusError listing the problems."""
    documents: dict[str, DocumentSource] = {}
    problems: list[Problem] = []
    files = corpus_files(corpus_dir)
    for path in files:
        if path.stem != "zh":
            continue
        try:
            data = load_yaml(path)
        except Exception as exc:  # noqa: BLE001 - any parse failure is reported the same way
            raise CorpusError(N_("The corpus file {path} cannot be read: {reason}"), path=path, reason=exc) from exc
        problems += validate_source(data, str(path))
        if isinstance(data, dict) and isinstance(data.get("document"), str):
            documents[data["document"]] = DocumentSource(data["document"], data)
    for path in files:
        if path.stem == "zh":
            continue
        doc = documents.get(path.parent.name)
        if doc is None:
            problems.append(Problem(str(path), "no zh.yaml beside this translation"))
            continue
        try:
            data = load_yaml(path)
        except Exception as exc:  # noqa: BLE001
            raise CorpusError(N_("The corpus file {path} cannot be read: {reason}"), path=path, reason=exc) from exc
        problems += validate_translation(data, doc.source, str(path))
        doc.translations[path.stem] = data
    if problems:
        listing = "; ".join(str(p) for p in problems[:5])
        raise CorpusError(N_("The bundled corpus is invalid: {problems}"), problems=listing)
    order = {d: i for i, d in enumerate(DOCUMENT_ORDER)}
    return sorted(documents.values(), key=lambda d: (order.get(d.id, len(order)), d.id))
