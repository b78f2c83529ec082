"""The core's facade for the GUI and scripts: plain dataclasses out, one SQLite connection per calling thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cprdesk_core.corpus.reader import CorpusQueries, DocumentInfo, Item, TreeNode
from cprdesk_core.database import Database

if TYPE_CHECKING:
    from cprdesk_core.search import SearchFilters, SearchHit


class CorpusReader:
    """Read access to the corpus and to search, callable from any thread."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def _queries(self) -> CorpusQueries:
        return CorpusQueries(self._db.connection())

    def documents(self, lang: str) -> list[DocumentInfo]:
        return self._queries().documents(lang)

    def children(self, document_id: str, parent_id: str | None, lang: str) -> list[TreeNode]:
        return self._queries().children(document_id, parent_id, lang)

    def node(self, item_id: str, lang: str) -> TreeNode:
        return self._queries().node(item_id, lang)

    def item(self, item_id: str) -> Item:
        return self._queries().item(item_id)

    def neighbour(self, item_id: str, step: int) -> str | None:
        return self._queries().neighbour(item_id, step)

    def ancestors(self, item_id: str) -> list[str]:
        return self._queries().ancestors(item_id)

    def sections(self, document_id: str, lang: str) -> list[TreeNode]:
        return self._queries().children(document_id, None, lang)

    def document_labels(self, document_id: str) -> dict[str, dict]:
        return self._queries().document_labels(document_id)

    def search(self, query: str, filters: SearchFilters | None = None, limit: int = 100) -> list[SearchHit]:
        from cprdesk_core.search import SearchFilters, SearchService  # loaded with the first search, not at start-up

        return SearchService(self._db.connection()).search(query, filters or SearchFilters(), limit)
