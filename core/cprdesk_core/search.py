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
    item_ids: frozenset[str] | None = None  # only these items (e.g. those with a note of some stance)


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


_EDGE_PUNCTUATION = "\"'“”‘’«»「」《》（）()[]{}<>,;:!?。，；：！？、*^-+|~`"


def split_query(query: str) -> list[str]:
    """Folded search terms: white-space separated chunks without edge punctuation, cut where CJK meets other
    scripts; inner punctuation stays ("4/22", "UNEP/EA.5/3", "capacity-building" are one term each)."""
    folded = fold(query[:MAX_QUERY_CHARS])
    terms: list[str] = []
    for chunk in folded.split():
        current = ""
        current_cjk: bool | None = None
        for ch in chunk.strip(_EDGE_PUNCTUATION):
            cjk = is_cjk(ch)
            if current and cjk != current_cjk:
                terms.append(current)
                current = ""
            current += ch
            current_cjk = cjk
        terms.append(current)
    return [t for t in (t.strip(_EDGE_PUNCTUATION) for t in terms) if t and any(c.isalnum() for c in t)]


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _short_term_matches(term: str, folded_body: str) -> bool:
    """Whether a term of one or two characters matches a text the way the word index would."""
    if is_cjk(term[0]):
        return term in folded_body
    return re.search(r"(?<!\w)" + re.escape(term), folded_body) is not None


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
        long_terms = [t for t in terms if len(t) >= 3]
        short_terms = [t for t in terms if len(t) < 3]
        if long_terms:
            # Substrings of three characters or more come from the trigram index; shorter terms are then
            # checked on those candidates, far cheaper than intersecting two indexes.
            expression = " AND ".join(_quote(t) for t in long_terms)
            wanted = (limit + len(hits)) * (4 if short_terms else 1)
            rows = self._matching_rows("search_trigram", expression, filters, wanted)
        else:
            last = len(short_terms) - 1
            expression = " AND ".join(
                _quote(" ".join(t)) if is_cjk(t[0]) else _quote(t) + ("*" if i == last else "")
                for i, t in enumerate(short_terms)
            )
            rows = self._matching_rows("search_words", expression, filters, limit + len(hits))
            short_terms = []
        for row in rows:
            key = (row["item_id"], row["lang"])
            if key in seen:
                continue
            body = self._display_text(row["title"], row["text"], _json(row["fields"]), _json(row["cells"]))
            if short_terms:
                folded = fold(body)
                if not all(_short_term_matches(t, folded) for t in short_terms):
                    continue
            seen.add(key)
            snippet, spans = make_snippet(body, terms)
            hits.append(
                SearchHit(row["item_id"], row["document_id"], row["kind"], row["ref"], row["lang"], row["title"], snippet, spans)
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
        if filters.item_ids is not None:
            params["item_ids"] = json.dumps(sorted(filters.item_ids))
            clauses.append("i.id IN (SELECT value FROM json_each(:item_ids))")
        return "".join(f" AND {c}" for c in clauses)

    # Ranking every match costs a pass over all of them; past this many, hits come in reading order.
    RANK_LIMIT = 1000

    def _matching_rows(self, table: str, expression: str, filters: SearchFilters, limit: int) -> list[sqlite3.Row]:
        params: dict[str, object] = {"limit": limit, "match": expression}
        where = self._filter_sql(filters, params)
        count = self._c.execute(
            f"SELECT count(*) FROM (SELECT rowid FROM {table} WHERE {table} MATCH :match LIMIT {self.RANK_LIMIT + 1})",
            {"match": expression},
        ).fetchone()[0]
        order = f"{table}.rank" if count <= self.RANK_LIMIT else f"{table}.rowid"
        query = f"""
            SELECT t.item_id, t.lang, t.title, t.text, t.fields, t.cells, i.document_id, i.kind, i.ref
            FROM {table}
            JOIN corpus_text t ON t.id = {table}.rowid
            JOIN corpus_item i ON i.id = t.item_id
            WHERE {table} MATCH :match{where}
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
