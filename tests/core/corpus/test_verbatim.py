"""Every text of every document is the source's text: its characters in the source's order, artifacts removed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cprdesk_core.corpus.schema import iter_items, load_yaml, texts_of
from cprdesk_core.corpus.source import read_corpus
from cprdesk_resources import CORPUS_DIR

SEEDS_DIR = Path(__file__).resolve().parents[4] / "shared" / "seeds"
CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef“”‘’《》"
DOCUMENTS = {d.id: d for d in read_corpus(CORPUS_DIR)}


def ordered_pieces(text: str, source: str) -> list[str] | None:
    """Cut `text` into the longest runs found in `source`, each after the previous one; None if impossible."""
    pieces, rest, at = [], text, 0
    while rest:
        lo, hi = 0, len(rest)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if source.find(rest[:mid], at) >= 0:
                lo = mid
            else:
                hi = mid - 1
        if lo == 0:
            return None
        at = source.find(rest[:lo], at) + lo
        pieces.append(rest[:lo])
        rest = rest[lo:]
    return pieces


def all_texts(doc, *, cells: bool = False) -> list[tuple[str, str]]:  # noqa: ANN001
    """(id, text) for every text of a document; table cells only when asked (they are checked one by one)."""
    src = doc.source
    out = []
    for node in iter_items(src["items"]):
        if cells:
            out += [(node["id"], c) for c in node.get("cells") or () if c.strip()]
        else:
            out += [(node["id"], t) for t in texts_of({k: v for k, v in node.items() if k != "cells"})]
    if not cells:
        out += [(f["id"], f["text"]) for f in src.get("footnotes") or []]
    return out


@pytest.mark.parametrize("doc_id", sorted(DOCUMENTS))
def test_texts_follow_the_source(doc_id: str) -> None:
    doc = DOCUMENTS[doc_id]
    seed = SEEDS_DIR / doc.source["source"]
    if not seed.exists():
        pytest.skip("the seed documents are not beside the checkout")
    source = re.sub(r"\s+", "", seed.read_text(encoding="utf-8"))
    for item_id, text in all_texts(doc):
        plain = re.sub(r"\s+", "", re.sub(r"\[\^([^\]]+)\]", r"\1", text))
        pieces = ordered_pieces(plain, source)
        assert pieces is not None, f"{item_id}: not in the source: {text[:60]}"
        if len(plain) > 12:
            assert len(plain) / len(pieces) >= 6, f"{item_id}: scattered over the source: {pieces[:8]}"
    for item_id, cell in all_texts(doc, cells=True):
        for line in cell.split("\n"):
            plain = re.sub(r"\s+", "", re.sub(r"\[\^([^\]]+)\]", r"\1", line))
            assert plain in source, f"{item_id}: cell line {line!r} not in the source"


@pytest.mark.parametrize("doc_id", sorted(DOCUMENTS))
def test_no_extraction_artifacts(doc_id: str) -> None:
    for item_id, text in all_texts(DOCUMENTS[doc_id]):
        assert not re.search(f"[{CJK}][ \t\u3000]+[{CJK}]", text), f"{item_id}: space between CJK characters: {text}"
        assert not re.search("[\uf000-\uf0ff\u2022\u25aa]", text), f"{item_id}: bullet glyph left in the text"
        assert not re.match(r"[-–]\s", text), f"{item_id}: leading dash bullet"
        assert text == text.strip(), f"{item_id}: surrounding white space"
        assert "  " not in text, f"{item_id}: double space"
        # A footnote digit glued to a word, as the PDF printed it ("改革1 的执行").
        assert not re.search(r"[\u4e00-\u9fff][1-9] [\u4e00-\u9fff]", text), f"{item_id}: inline footnote digit"
        assert not re.search(r"^\s*\d+\s*$", text), f"{item_id}: a page number"


def test_reform_fields_hold_no_header_fragments() -> None:
    doc = DOCUMENTS["ieg-reforms"]
    for node in iter_items(doc.source["items"]):
        if node["kind"] != "reform":
            continue
        fields = node["fields"]
        for name in ("ongoing_actions", "further_actions", "subprogramme_ref"):
            for text in texts_of({"fields": {name: fields[name]}}):
                assert "现状" not in text, f"{node['id']}.{name}: 现状 leaked in"
                assert "优先的渐进式变革" not in text and "是否涉" not in text, f"{node['id']}.{name}: table header"
        for text in texts_of({"text": node["text"]}):
            for fragment in ("现状", "优先的渐进式变革", "是否涉及", "次级方案参考资料"):
                assert fragment not in text, f"{node['id']}: {fragment} inside the reform text"
