"""Full-text search over every document and language: folded FTS5 indexes, references typed as people write them."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass

from cprdesk_core.textfold import fold, fold_with_map, is_cjk, strip_markers

MAX_QUERY_CHARS = 200
SNIPPET_CHARS = 90

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
_REF_SUBPARAGRAPH = re.compile(r"88\s*\(\s*([a-h])\s*\)", re.I)
_REF_PATH = re.compile(r"(?<![A-Za-z])(VIII|VII|VI|IV|V|III|II|I)\s*\.\s*(?:([A-D])\s*\.\s*)?(\d{1,2})(?!\d)", re.I)
_REF_SUBSECTION = re.compile(r"(?<![A-Za-z])(VIII|VII|VI|IV|V|III|II|I)\s*\.\s*([A-D])(?![A-Za-z])", re.I)
# "reform 17" in the six languages (folded: no accents, alef forms unified).
_REF_REFORM = re.compile(
    r"(?:reform|reforme|reforma|реформа|реформы|اصلاح|الاصلاح|改革)\s*(?:no\.?|n°|№|رقم)?\s*(\d{1,2})(?!\d)"
    r"|第\s*(\d{1,2})\s*项改革",
    re.I,
)
_TOKEN = re.compile(r"\w+", re.U)


@dataclass(frozen=True)
class SearchHit:
    """One matching text: an item in one language, with a snippet and the hit spans inside it."""

    item_id: str
    document_id: str
    kind: str
    ref: str | None
    lang: str
    title: str | None
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    by_reference: bool = False


@dataclass(frozen=True)
class SearchFilters:
    languages: tuple[str, ...] = ()
    document_id: str | None = None
    section_id: str | None = None


def reference_targets(query: str) -> list[str]:
    """Item ids that a query names by reference ("88(c)", "III.C.2", "reform 17", "改革 17")."""
    q = fold(query)
    ids: list[str] = []
    m = _REF_SUBPARAGRAPH.search(q)
    section = ROMAN["abcdefgh".index(m.group(1).lower())] if m else None
    path = _REF_PATH.search(query)
    if path:
        sec, sub, number = path.group(1).upper(), path.group(2), path.group(3)
        if section is None or section == sec:
            ids.append(f"ap88/{sec}/{sub.upper()}/{number}" if sub else f"ap88/{sec}/{number}")
    else:
        subsection = _REF_SUBSECTION.search(query)
        if subsection and (section is None or section == subsection.group(1).upper()):
            ids.append(f"ap88/{subsection.group(1).upper()}/{subsection.group(2).upper()}")
        elif section:
            ids.append(f"ap88/{section}")
    for reform in _REF_REFORM.finditer(q):
        ids.append(f"ieg-reforms/{int(reform.group(1) or reform.group(2))}")
    return ids


def split_query(query: str) -> list[str]:
    """Folded search terms of a query: runs of CJK characters and words in other scripts."""
    folded = fold(query[:MAX_QUERY_CHARS])
    terms: list[str] = []
    for word in _TOKEN.findall(folded):
        current = ""
        current_cjk: bool | None = None
        for ch in word:
            cjk = is_cjk(ch)
            if current and cjk != current_cjk:
                terms.append(current)
                current = ""
            current += ch
            current_cjk = cjk
        if current:
            terms.append(current)
    return terms


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _match_expressions(terms: list[str]) -> tuple[str | None, str | None]:
    """FTS5 MATCH strings for the words index and the trigram index (either may be None)."""
    words: list[str] = []
    trigrams: list[str] = []
    for i, term in enumerate(terms):
        last = i == len(terms) - 1
        if is_cjk(term[0]):
            if len(term) >= 3:
                trigrams.append(_quote(term))
            else:
                words.append(_quote(" ".join(term)))
        elif len(term) >= 3:
            trigrams.append(_quote(term))
        else:
            words.append(_quote(term) + ("*" if last else ""))
    return (" AND ".join(words) or None, " AND ".join(trigrams) or None)


class SearchService:
    """Answers search queries from the FTS5 indexes; never raises on user input."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._c = connection

    def _rows(self, query: str, params: dict[str, object]) -> list[sqlite3.Row]:
        cursor = self._c.cursor()
        cursor.row_factory = sqlite3.Row
        return cursor.execute(query, params).fetchall()

    def search(self, query: str, filters: SearchFilters = SearchFilters(), limit: int = 50) -> list[SearchHit]:
        terms = split_query(query)
        hits: list[SearchHit] = []
        seen: set[tuple[str, str]] = set()
        for item_id in reference_targets(query):
            for hit in self._reference_hits(item_id, filters):
                seen.add((hit.item_id, hit.lang))
                hits.append(hit)
        if not terms:
            return hits[:limit]
        words, trigrams = _match_expressions(terms)
        rows = self._matching_rows(words, trigrams, filters, limit + len(hits))
        for row in rows:
            key = (row['item_id'], row['lang'])
            if key in seen:
                continue
            seen.add(key)
            body = self._display_text(row['title'], row['text'], _json(row['fields']), _json(row['cells']))
            snippet, spans = make_snippet(body, terms)
            hits.append(
                SearchHit(row['item_id'], row['document_id'], row['kind'], row['ref'], row['lang'], row['title'], snippet, spans)
            )
            if len(hits) >= limit:
                break
        return hits

    def _filter_sql(self, filters: SearchFilters, params: dict) -> str:
        clauses = []
        if filters.languages:
            names = []
            for i, lang in enumerate(filters.languages):
                params[f"lang{i}"] = lang
                names.append(f":lang{i}")
            clauses.append(f"t.lang IN ({', '.join(names)})")
        if filters.document_id:
            params["doc"] = filters.document_id
            clauses.append("i.document_id = :doc")
        if filters.section_id:
            params["section"] = filters.section_id
            params["section_prefix"] = filters.section_id + "/%"
            clauses.append("(i.id = :section OR i.id LIKE :section_prefix)")
        return "".join(f" AND {c}" for c in clauses)

    def _matching_rows(self, words: str | None, trigrams: str | None, filters: SearchFilters, limit: int):
        params: dict[str, object] = {"limit": limit}
        where = self._filter_sql(filters, params)
        if trigrams:
            params["tri"] = trigrams
            source = "search_trigram"
            match = "search_trigram MATCH :tri"
            if words:
                params["words"] = words
                match += " AND search_trigram.rowid IN (SELECT rowid FROM search_words WHERE search_words MATCH :words)"
            order = "search_trigram.rank, i.position"
        else:
            params["words"] = words
            source = "search_words"
            match = "search_words MATCH :words"
            # A one- or two-character query matches most of the corpus, where
            # relevance ranking means little and costs a pass over every hit:
            # reading order is both faster and more useful.
            order = "i.position, t.lang"
        query = f"""
            SELECT t.item_id, t.lang, t.title, t.text, t.fields, t.cells, i.document_id, i.kind, i.ref
            FROM {source}
            JOIN corpus_text t ON t.id = {source}.rowid
            JOIN corpus_item i ON i.id = t.item_id
            WHERE {match}{where}
            ORDER BY {order}
            LIMIT :limit
        """
        return self._rows(query, params)

    def _reference_hits(self, item_id: str, filters: SearchFilters) -> list[SearchHit]:
        params: dict[str, object] = {"id": item_id}
        where = self._filter_sql(filters, params)
        rows = self._rows(
            "SELECT t.item_id, t.lang, t.title, t.text, i.document_id, i.kind, i.ref "
            "FROM corpus_text t JOIN corpus_item i ON i.id = t.item_id "
            f"WHERE t.item_id = :id{where} ORDER BY CASE t.lang WHEN 'zh' THEN 0 ELSE 1 END, t.lang",
            params,
        )
        hits = []
        for r in rows:
            body = strip_markers(r['text'] or r['title'] or "")
            snippet = body if len(body) <= SNIPPET_CHARS * 2 else body[: SNIPPET_CHARS * 2] + "…"
            hits.append(SearchHit(r['item_id'], r['document_id'], r['kind'], r['ref'], r['lang'], r['title'], snippet, (), True))
        return hits

    @staticmethod
    def _display_text(title, body, fields, cells) -> str:  # noqa: ANN001 - row values
        parts = [p for p in (title, body) if p]
        if cells:
            parts.append(" | ".join(cells))
        if fields:
            from cprdesk_core.corpus.schema import texts_of

            parts.extend(texts_of({"fields": fields}))
        return strip_markers("\n".join(parts))


def _json(value):  # noqa: ANN001, ANN202 - a JSON column read through plain SQL
    return json.loads(value) if isinstance(value, str) else value


def make_snippet(body: str, terms: list[str], width: int = SNIPPET_CHARS) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A window of `body` around the first hit, and the hit spans relative to the snippet."""
    folded, origin = fold_with_map(body)
    spans: list[tuple[int, int]] = []
    for term in terms:
        start = 0
        while (pos := folded.find(term, start)) >= 0:
            a = origin[pos]
            b = origin[pos + len(term) - 1] + 1
            spans.append((a, b))
            start = pos + len(term)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    flat = body.replace("\n", " ")
    if not merged:
        return (flat[: width * 2] + ("…" if len(flat) > width * 2 else "")), ()
    first = merged[0][0]
    begin = max(0, first - width // 2)
    end = min(len(flat), begin + width * 2)
    prefix = "…" if begin > 0 else ""
    suffix = "…" if end < len(flat) else ""
    shift = len(prefix) - begin
    inside = tuple((a + shift, min(b, end) + shift) for a, b in merged if a >= begin and a < end)
    return prefix + flat[begin:end] + suffix, inside
