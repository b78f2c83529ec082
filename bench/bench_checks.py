"""Time of the language-version checks per document of the real corpus: reading the versions, then every check.

The first run of a document is cold (the text extraction caches are empty, as when the app first checks it);
the figure after it is the median of further runs. The whole `cprdesk check` command is timed too.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    from cprdesk_core.database import open_database
    from cprdesk_core.versions.checks import run_checks
    from cprdesk_core.versions.glossary import load_glossary
    from cprdesk_core.versions.snapshot import load_snapshot

    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder))
        con = db.connection()
        start = time.perf_counter()
        glossary = load_glossary()
        print(f"glossary loaded in {1000 * (time.perf_counter() - start):.0f} ms")
        print(f"{'document':16} {'items':>5} {'langs':>5} {'read ms':>8} {'cold ms':>8} {'warm ms':>8} {'findings':>8}")
        for doc in [r[0] for r in con.execute("SELECT id FROM corpus_document ORDER BY position")]:
            start = time.perf_counter()
            snapshot = load_snapshot(con, doc)
            read = time.perf_counter() - start
            start = time.perf_counter()
            findings = run_checks(snapshot, glossary)
            cold = time.perf_counter() - start
            warm = []
            for _ in range(5):
                start = time.perf_counter()
                run_checks(snapshot, glossary)
                warm.append(time.perf_counter() - start)
            print(f"{doc:16} {len(snapshot.items):5} {len(snapshot.languages):5} {1000 * read:8.1f} {1000 * cold:8.1f} "
                  f"{1000 * statistics.median(warm):8.1f} {len(findings):8}")
        db.close()
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "cprdesk_core.cli", "check", "--data-dir", folder, "--format", "jsonl"],
                       check=True, capture_output=True)
        print(f"`cprdesk check` over the whole corpus (a new process): {1000 * (time.perf_counter() - start):.0f} ms")


if __name__ == "__main__":
    main()
