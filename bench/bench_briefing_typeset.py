"""Benchmark of briefing-note PDFs: a one-item note and a 118-item note in each language.

Run: .venv/bin/python bench/bench_briefing_typeset.py [--items N] [--repeat R]
Prints timings only; there are no thresholds (the targets are <= 300 ms for a one-item
note after warm-up and <= 5 s for 118 items in all six languages).
"""

from __future__ import annotations

import argparse
import gettext
import io
import statistics
import time

LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")


def _render(note) -> tuple[float, int]:
    from cprdesk_core.briefing.render import render_briefing

    out = io.BytesIO()
    start = time.perf_counter()
    render_briefing(note, out, gettext.NullTranslations())
    return time.perf_counter() - start, len(out.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=118, help="items in the large note (default 118)")
    parser.add_argument("--repeat", type=int, default=3, help="sentences per text in the large note (default 3)")
    args = parser.parse_args()

    start = time.perf_counter()
    from cprdesk_core.briefing.fonts import register_fonts
    from cprdesk_core.briefing.samples import sample_note

    register_fonts()
    print(f"import + font registration: {1000 * (time.perf_counter() - start):7.1f} ms")
    first = _render(sample_note("zh", count=1))[0]
    print(f"first PDF (cold caches):    {1000 * first:7.1f} ms")
    for lang in LANGUAGES:
        _render(sample_note(lang, count=4))  # warm-up: shaping and width caches

    print("\none-item note, after warm-up (median of 5)")
    for lang in LANGUAGES:
        times = [_render(sample_note(lang, count=1))[0] for _ in range(5)]
        print(f"  {lang}: {1000 * statistics.median(times):7.1f} ms")

    print(f"\n{args.items}-item note, texts of {args.repeat} sentences")
    total = 0.0
    for lang in LANGUAGES:
        seconds, size = _render(sample_note(lang, count=args.items, repeat=args.repeat))
        total += seconds
        print(f"  {lang}: {seconds:6.2f} s  {size / 1024:8.0f} KiB")
    print(f"  all six: {total:6.2f} s")


if __name__ == "__main__":
    main()
