"""Search latency, p50 and p95, over a fixed query set mixing the six languages: the real corpus and a corpus 100× larger.

The larger corpus copies every document 99 more times under new ids (texts and index rows included),
so the index holds a hundred times the real text. Each query is timed through the same call the GUI makes.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

QUERIES = [
    "汞", "基金", "环境基金", "可持续发展", "常驻代表委员会", "多边环境协定", "的",
    "member states", "environment", "capacity-building", "resolution 4/22", "m",
    "États membres", "environnement", "renforcement des capacités",
    "Estados miembros", "medio ambiente",
    "государства-члены", "окружающей среды", "ртут",
    "الدول الأعضاء", "البيئة", "بيئة",
    "88(c)", "III.C.2", "reform 17", "改革 17", "UNEP/EA.5/3", '"NEAR( -*',
]


def multiply(db_path: Path, copies: int) -> None:
    """Copy every document `copies` times under new ids, with its texts and index rows."""
    import sqlite3

    con = sqlite3.connect(db_path)
    con.execute("PRAGMA foreign_keys=OFF")
    base_items = con.execute("SELECT count(*) FROM corpus_item").fetchone()[0]
    max_text = con.execute("SELECT max(id) FROM corpus_text").fetchone()[0]
    for k in range(1, copies + 1):
        prefix = f"x{k}-"
        con.execute(
            "INSERT INTO corpus_document (id, kind, position, source) "
            "SELECT ? || id, kind, position + ?, source FROM corpus_document WHERE id NOT LIKE 'x%'",
            (prefix, 10 * k),
        )
        con.execute(
            "INSERT INTO corpus_document_text SELECT ? || document_id, lang, provenance, review_state, title, meta, labels "
            "FROM corpus_document_text WHERE document_id NOT LIKE 'x%'",
            (prefix,),
        )
        con.execute(
            "INSERT INTO corpus_item (id, document_id, parent_id, kind, label, ref, position, depth, child_count, attrs) "
            "SELECT ? || id, ? || document_id, CASE WHEN parent_id IS NULL THEN NULL ELSE ? || parent_id END, "
            "kind, label, ref, position + ?, depth, child_count, attrs FROM corpus_item WHERE id NOT LIKE 'x%'",
            (prefix, prefix, prefix, base_items * k),
        )
        offset = max_text * k
        con.execute(
            "INSERT INTO corpus_text (id, item_id, lang, provenance, review_state, title, text, fields, cells, note) "
            "SELECT id + ?, ? || item_id, lang, provenance, review_state, title, text, fields, cells, note "
            "FROM corpus_text WHERE id <= ?",
            (offset, prefix, max_text),
        )
        con.execute("INSERT INTO search_words (rowid, body) SELECT rowid + ?, body FROM search_words WHERE rowid <= ?", (offset, max_text))
        con.execute("INSERT INTO search_trigram (rowid, body) SELECT rowid + ?, body FROM search_trigram WHERE rowid <= ?", (offset, max_text))
    con.commit()
    con.execute("INSERT INTO search_words(search_words) VALUES ('optimize')")
    con.execute("INSERT INTO search_trigram(search_trigram) VALUES ('optimize')")
    con.commit()
    con.close()


def measure(db, rounds: int) -> tuple[list[float], dict[str, float]]:  # noqa: ANN001
    from cprdesk_core.search import SearchService

    service = SearchService(db.connection())
    for q in QUERIES:  # warm-up: the page cache and the statement cache
        service.search(q)
    times: list[float] = []
    worst: dict[str, float] = {}
    for _ in range(rounds):
        for q in QUERIES:
            t0 = time.perf_counter()
            service.search(q, limit=100)
            dt = (time.perf_counter() - t0) * 1000
            times.append(dt)
            worst[q] = max(worst.get(q, 0.0), dt)
    return times, worst


def report(name: str, times: list[float], worst: dict[str, float], texts: int) -> None:
    q = statistics.quantiles(times, n=100)
    slowest = sorted(worst.items(), key=lambda kv: -kv[1])[:3]
    print(f"{name}: {texts} texts, {len(times)} searches: p50 {q[49]:.2f} ms, p95 {q[94]:.2f} ms, max {max(times):.2f} ms")
    print("  slowest queries: " + ", ".join(f"{k!r} {v:.1f} ms" for k, v in slowest))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--scale", type=int, default=100)
    args = parser.parse_args()
    from cprdesk_core.database import open_database

    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder))
        texts = db.connection().execute("SELECT count(*) FROM corpus_text").fetchone()[0]
        times, worst = measure(db, args.rounds)
        report("real corpus", times, worst, texts)
        db.close()
        t0 = time.perf_counter()
        multiply(Path(folder) / "cprdesk.sqlite3", args.scale - 1)
        print(f"(built the {args.scale}x corpus in {time.perf_counter() - t0:.1f} s)")
        db = open_database(Path(folder))
        texts = db.connection().execute("SELECT count(*) FROM corpus_text").fetchone()[0]
        times, worst = measure(db, max(3, args.rounds // 4))
        report(f"{args.scale}x corpus", times, worst, texts)
        db.close()


if __name__ == "__main__":
    main()
