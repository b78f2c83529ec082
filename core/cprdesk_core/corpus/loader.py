"""Builds the content tables and search indexes from the corpus files; never touches user tables."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select, text
from sqlalchemy.orm import Session

from cprdesk_core.corpus.schema import texts_of
from cprdesk_core.corpus.fingerprint import content_hash, stat_fingerprint
from cprdesk_core.corpus.source import DocumentSource, read_corpus
from cprdesk_core.textfold import fold, space_cjk, strip_markers
from cprdesk_db.models import CorpusBuild, CorpusDocument, CorpusDocumentText, CorpusItem, CorpusText

ROMAN = {"一": "I", "二": "II", "三": "III", "四": "IV", "五": "V", "六": "VI", "七": "VII", "八": "VIII"}
SUBPARAGRAPH_LETTERS = "abcdefgh"
ROMAN_ORDER = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")


@dataclass(frozen=True)
class BuildResult:
    rebuilt: bool
    items: int
    texts: int
    source_hash: str


def _action_plan_attrs(item: dict[str, Any], parents: list[dict[str, Any]]) -> tuple[str | None, dict[str, Any]]:
    """The human reference and structured fields of an action-plan node, derived from its place in the tree."""
    parts = item["id"].split("/")
    if len(parts) < 2 or parts[1] not in ROMAN_ORDER:
        return None, {}
    section = parts[1]
    subparagraph = f"88({SUBPARAGRAPH_LETTERS[ROMAN_ORDER.index(section)]})"
    kind = item["kind"]
    if kind == "section":
        return subparagraph, {"subparagraph": subparagraph, "section": section}
    subsection = next((p.get("label") for p in parents if p["kind"] == "subsection"), None)
    if kind == "subsection":
        subsection = item.get("label")
        ref = f"{subparagraph} {section}.{subsection}" if subsection else f"{subparagraph} {section}"
        return ref, {"subparagraph": subparagraph, "section": section, "subsection": subsection}
    if kind == "action":
        number = int(item["label"])
        path = ".".join(p for p in (section, subsection, str(number)) if p)
        return f"{subparagraph} {path}", {
            "subparagraph": subparagraph,
            "section": section,
            "subsection": subsection,
            "number": number,
        }
    return None, {}


def _index_body(segment: dict[str, Any]) -> str:
    return "\n".join(strip_markers(t) for t in texts_of(segment))


def _text_row(item_id: str, lang: str, header: dict[str, Any], segment: dict[str, Any]) -> dict[str, Any]:
    return {
        "item_id": item_id,
        "lang": lang,
        "provenance": header["provenance"],
        "review_state": header["review"],
        "title": segment.get("title"),
        "text": segment.get("text"),
        "fields": segment.get("fields"),
        "cells": segment.get("cells"),
        "note": segment.get("note"),
    }


def _rows_for_document(doc: DocumentSource, position: int, start: int) -> tuple[list[dict], list[dict], int]:
    src = doc.source
    items: list[dict[str, Any]] = []
    texts: list[dict[str, Any]] = []
    counter = start

    def walk(nodes: list[dict[str, Any]], parents: list[dict[str, Any]]) -> None:
        nonlocal counter
        for node in nodes:
            ref, attrs = None, {}
            if src["doc_kind"] == "action_plan":
                ref, attrs = _action_plan_attrs(node, parents)
            elif node["kind"] == "reform":
                ref, attrs = node["label"], {"number": int(node["label"])}
            children = node.get("children") or []
            items.append(
                {
                    "id": node["id"],
                    "document_id": doc.id,
                    "parent_id": parents[-1]["id"] if parents else None,
                    "kind": node["kind"],
                    "label": node.get("label"),
                    "ref": ref,
                    "position": counter,
                    "depth": len(parents),
                    "child_count": len(children),
                    "attrs": attrs,
                }
            )
            counter += 1
            texts.append(_text_row(node["id"], src["lang"], src, node))
            walk(children, [*parents, node])

    walk(src["items"], [])
    for fn in src.get("footnotes") or []:
        items.append(
            {
                "id": fn["id"], "document_id": doc.id, "parent_id": None, "kind": "footnote",
                "label": fn["label"], "ref": None, "position": counter, "depth": 0, "child_count": 0, "attrs": {},
            }
        )
        counter += 1
        texts.append(_text_row(fn["id"], src["lang"], src, fn))
    for lang, tr in doc.translations.items():
        for seg in tr["segments"]:
            texts.append(_text_row(seg["id"], lang, tr, seg))
    return items, texts, counter


def _document_text_rows(doc: DocumentSource) -> list[dict[str, Any]]:
    rows = []
    for lang, data in [(doc.source["lang"], doc.source), *doc.translations.items()]:
        rows.append(
            {
                "document_id": doc.id,
                "lang": lang,
                "provenance": data["provenance"],
                "review_state": data["review"],
                "title": data["title"],
                "meta": data.get("meta") or {},
                "labels": data.get("labels") or {},
            }
        )
    return rows


def build_corpus(session: Session, corpus_dir: Path, *, force: bool = False) -> BuildResult:
    """Fill the content tables from `corpus_dir` unless they already hold exactly that corpus.

    Runs inside the caller's transaction: either the whole new corpus is in
    place or the old one is untouched.
    """
    fingerprint = stat_fingerprint(corpus_dir)
    digest = content_hash(corpus_dir)
    current = session.scalar(select(CorpusBuild).where(CorpusBuild.id == 1))
    if current is not None and current.source_hash == digest and not force:
        current.source_fingerprint = fingerprint  # same files, new times (e.g. a fresh checkout)
        return BuildResult(False, current.item_count, current.text_count, digest)
    documents = read_corpus(corpus_dir)
    conn = session.connection()
    conn.execute(text("DELETE FROM search_words"))
    conn.execute(text("DELETE FROM search_trigram"))
    for table in (CorpusText, CorpusItem, CorpusDocumentText, CorpusDocument, CorpusBuild):
        session.execute(delete(table))
    counter = 0
    n_items = n_texts = 0
    for position, doc in enumerate(documents):
        session.execute(
            insert(CorpusDocument),
            [{"id": doc.id, "kind": doc.source["doc_kind"], "position": position, "source": doc.source.get("source")}],
        )
        session.execute(insert(CorpusDocumentText), _document_text_rows(doc))
        items, texts, counter = _rows_for_document(doc, position, counter)
        session.execute(insert(CorpusItem), items)
        session.execute(insert(CorpusText), texts)
        n_items += len(items)
        n_texts += len(texts)
    rows = session.execute(select(CorpusText.id, CorpusText.title, CorpusText.text, CorpusText.fields, CorpusText.cells))
    words, trigrams = [], []
    for row_id, title, body, fields, cells in rows:
        segment = {"title": title, "text": body, "fields": fields, "cells": cells}
        folded = fold(_index_body({k: v for k, v in segment.items() if v is not None}))
        words.append({"rowid": row_id, "body": space_cjk(folded)})
        trigrams.append({"rowid": row_id, "body": folded})
    conn.execute(text("INSERT INTO search_words(rowid, body) VALUES (:rowid, :body)"), words)
    conn.execute(text("INSERT INTO search_trigram(rowid, body) VALUES (:rowid, :body)"), trigrams)
    session.add(
        CorpusBuild(id=1, source_hash=digest, source_fingerprint=fingerprint, built_at=datetime.now(UTC).replace(tzinfo=None), item_count=n_items, text_count=n_texts)
    )
    return BuildResult(True, n_items, n_texts, digest)

