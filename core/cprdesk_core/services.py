"""The core's facade for the GUI and scripts: each call opens its own session and returns plain dataclasses."""

from __future__ import annotations

from cprdesk_core.corpus.service import CorpusService, DocumentInfo, Item, TreeNode
from cprdesk_core.database import Database
from cprdesk_core.search import SearchFilters, SearchHit, SearchService


class CorpusReader:
    """Read access to the corpus and search, safe to call from any thread (one session per call)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def documents(self, lang: str) -> list[DocumentInfo]:
        with self._db.sessions() as s:
            return CorpusService(s).documents(lang)

    def children(self, document_id: str, parent_id: str | None, lang: str) -> list[TreeNode]:
        with self._db.sessions() as s:
            return CorpusService(s).children(document_id, parent_id, lang)

    def node(self, item_id: str, lang: str) -> TreeNode:
        with self._db.sessions() as s:
            return CorpusService(s).node(item_id, lang)

    def item(self, item_id: str) -> Item:
        with self._db.sessions() as s:
            return CorpusService(s).item(item_id)

    def neighbour(self, item_id: str, step: int) -> str | None:
        with self._db.sessions() as s:
            return CorpusService(s).neighbour(item_id, step)

    def ancestors(self, item_id: str) -> list[str]:
        with self._db.sessions() as s:
            return CorpusService(s).ancestors(item_id)

    def sections(self, document_id: str, lang: str) -> list[TreeNode]:
        with self._db.sessions() as s:
            return CorpusService(s).children(document_id, None, lang)

    def document_labels(self, document_id: str) -> dict[str, dict]:
        with self._db.sessions() as s:
            return CorpusService(s).document_labels(document_id)

    def search(self, query: str, filters: SearchFilters = SearchFilters(), limit: int = 100) -> list[SearchHit]:
        with self._db.sessions() as s:
            return SearchService(s).search(query, filters, limit)
