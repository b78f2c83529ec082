"""Briefing notes from the real corpus: a one-item note per language (after warm-up) and the full pack
(all 88 actions and 30 reforms, each with a note) per language and for all six. Prints seconds."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from cprdesk_core.annotations.service import AnnotationService
from cprdesk_core.briefing.assemble import Cover, all_item_ids, export_briefings
from cprdesk_core.database import open_database
from cprdesk_core.i18n import CONTENT_LANGUAGES


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "data").mkdir()
        db = open_database(root / "data")
        notes = AnnotationService(db)
        notes.set_profile("Benchmark", "CPR")
        items = all_item_ids(db)
        for i, item in enumerate(items):
            notes.create(item, body=f"Position {i}: support with amendments; see resolution 4/22.", stance="support", priority="high")
        cover = Cover("Briefing", "CPR subcommittee", "2026-12-01", "Benchmark", "Cover note")
        export_briefings(db, items[:3], list(CONTENT_LANGUAGES), root / "warm", cover)  # fonts, imports
        print("one-item note (median of 7, after warm-up):")
        for lang in CONTENT_LANGUAGES:
            times = []
            for _ in range(7):
                t0 = time.perf_counter()
                export_briefings(db, [items[5]], [lang], root / f"one-{lang}.pdf", cover)
                times.append(time.perf_counter() - t0)
            print(f"  {lang}: {statistics.median(times) * 1000:.0f} ms")
        print(f"full pack ({len(items)} items with notes):")
        for lang in CONTENT_LANGUAGES:
            t0 = time.perf_counter()
            export_briefings(db, items, [lang], root / f"all-{lang}.pdf", cover)
            print(f"  {lang}: {time.perf_counter() - t0:.2f} s")
        t0 = time.perf_counter()
        export_briefings(db, items, list(CONTENT_LANGUAGES), root / "six", cover)
        print(f"  all six languages: {time.perf_counter() - t0:.2f} s")
        db.close()


if __name__ == "__main__":
    main()
