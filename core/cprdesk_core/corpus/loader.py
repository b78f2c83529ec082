"""Builds the content tables and search indexes from the corpus files, then lays imported texts over them; never
changes user tables."""

from __future__ import annotations

import json
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
from cprdesk_db.models import CorpusBuild, CorpusDocument, CorpusDocumentText, CorpusItem, CorpusText, UserText

ROMAN = {"一": "I", "二": "II", "三": "III", "四": "IV", "五": "V", "六": "VI", "七": "VII", "八": "VIII"}
SUBPARAGRAPH_LETTERS = "abcdefgh"
ROMAN_ORDER = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")


# The review state an imported text takes in the content tables: an official UN text is final, as the
# official Chinese source is; the user's own text is a draft until someone reviews it.
IMPORTED_REVIEW_STATE = {"official": "final", "user": "draft"}


@dataclass(frozen=True)
class BuildResult:
    rebuilt: bool
    items: int
    texts: int
    source_hash: str
    user_texts: int = 0  # imported texts laid over the rebuilt corpus


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


def search_bodies(title: str | None, body: str | None, fields: Any, cells: Any) -> tuple[str, str]:
    """What one text row puts in search_words and in search_trigram: folded as queries are, and spaced
    around CJK characters for the word index so that its tokenizer sees each as a word."""
    segment = {k: v for k, v in {"title": title, "text": body, "fields": fields, "cells": cells}.items() if v is not None}
    folded = fold(_index_body(segment))
    return space_cjk(folded), folded


def _json_value(value: Any) -> Any:
    # JSON columns read through plain SQL come back as text.
    return json.loads(value) if isinstance(value, str) else value


def overlay_user_text(
    session: Session, item_id: str, lang: str, provenance: str, title: str | None, body: str | None
) -> bool:
    """Put an imported text in place of the bundled text of `item_id` in `lang` (adding the language if the
    item had none) and refresh that row in both search indexes; False when the corpus has no such item.

    `title` or `body` None means the import did not carry that part, and the bundled one stays. Fields and
    cells are never replaced. The translator's note goes: it was written about the bundled translation.
    The one code path for an import and for a rebuild, so that both leave the same rows.
    """
    conn = session.connection()
    if conn.execute(text("SELECT 1 FROM corpus_item WHERE id = :id"), {"id": item_id}).first() is None:
        return False
    values = {
        "item_id": item_id, "lang": lang, "provenance": provenance,
        "review": IMPORTED_REVIEW_STATE.get(provenance, "draft"), "title": title, "body": body,
    }
    row = conn.execute(
        text("SELECT id FROM corpus_text WHERE item_id = :item_id AND lang = :lang"), values
    ).first()
    if row is None:
        row_id = conn.execute(
            text(
                "INSERT INTO corpus_text (item_id, lang, provenance, review_state, title, text, fields, cells, note) "
                "VALUES (:item_id, :lang, :provenance, :review, :title, :body, NULL, NULL, NULL)"
            ),
            values,
        ).lastrowid
    else:
        row_id = row[0]
        conn.execute(
            text(
                "UPDATE corpus_text SET provenance = :provenance, review_state = :review, "
                "title = COALESCE(:title, title), text = COALESCE(:body, text), note = NULL WHERE id = :id"
            ),
            {**values, "id": row_id},
        )
    title, body, fields, cells = conn.execute(
        text("SELECT title, text, fields, cells FROM corpus_text WHERE id = :id"), {"id": row_id}
    ).one()
    words, trigrams = search_bodies(title, body, _json_value(fields), _json_value(cells))
    for table, indexed in (("search_words", words), ("search_trigram", trigrams)):
        conn.execute(text(f"DELETE FROM {table} WHERE rowid = :id"), {"id": row_id})
        conn.execute(text(f"INSERT INTO {table}(rowid, body) VALUES (:id, :body)"), {"id": row_id, "body": indexed})
    return True


def apply_user_texts(session: Session) -> int:
    """Lay every imported text (user_text) over the content tables; reads the user table, never writes it.
    Returns how many were laid; one whose item the corpus no longer has is kept and waits for it."""
    rows = session.execute(
        select(UserText.item_id, UserText.lang, UserText.provenance, UserText.title, UserText.text).order_by(
            UserText.item_id, UserText.lang
        )
    ).all()
    return sum(overlay_user_text(session, *row) for row in rows)


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
    """Fill the content tables from `corpus_dir` unless they already hold exactly that corpus, then lay the
    imported language versions (user_text) over them again.

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
        word_body, trigram_body = search_bodies(title, body, fields, cells)
        words.append({"rowid": row_id, "body": word_body})
        trigrams.append({"rowid": row_id, "body": trigram_body})
    conn.execute(text("INSERT INTO search_words(rowid, body) VALUES (:rowid, :body)"), words)
    conn.execute(text("INSERT INTO search_trigram(rowid, body) VALUES (:rowid, :body)"), trigrams)
    # The bundled texts are back; imported versions take their places again, as when they were imported.
    overlaid = apply_user_texts(session)
    session.add(
        CorpusBuild(id=1, source_hash=digest, source_fingerprint=fingerprint, built_at=datetime.now(UTC).replace(tzinfo=None), item_count=n_items, text_count=n_texts)
    )
    return BuildResult(True, n_items, n_texts, digest, overlaid)

