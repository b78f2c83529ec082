"""Start-up to the first painted main window (corpus loaded) against a bare PySide6 window, and peak memory.

Each run is a new process, measured from outside (wall time to exit right after the first paint);
the two programs alternate so that a drifting machine affects both alike. Prints medians and the ratio.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run_once(args: list[str]) -> tuple[float, float]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, str(HERE / "startup_driver.py"), *args], capture_output=True, text=True, env=env, check=True)
    wall = time.perf_counter() - t0
    peak_mib = int(out.stdout.split()[-1]) / 1024
    return wall, peak_mib


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        t0 = time.perf_counter()
        first_wall, _ = run_once(["app", folder])  # the first run builds the database from the corpus
        print(f"first run (builds the database): {first_wall * 1000:.0f} ms (whole process, {time.perf_counter() - t0:.2f} s)")
        app, bare, app_mem, bare_mem, ratios = [], [], [], [], []
        for _ in range(args.runs):
            a, am = run_once(["app", folder])
            b, bm = run_once(["bare"])
            app.append(a)
            bare.append(b)
            app_mem.append(am)
            bare_mem.append(bm)
            ratios.append(a / b)
    med = statistics.median
    print(f"runs: {args.runs} of each, alternating, QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', 'offscreen')}")
    print(f"bare QMainWindow+QTreeView: median {med(bare) * 1000:.0f} ms (min {min(bare) * 1000:.0f}, max {max(bare) * 1000:.0f}), peak {med(bare_mem):.0f} MiB")
    print(f"CPR Desk main window:       median {med(app) * 1000:.0f} ms (min {min(app) * 1000:.0f}, max {max(app) * 1000:.0f}), peak {med(app_mem):.0f} MiB")
    print(f"ratio CPR Desk / bare: median {med(ratios):.2f} (min {min(ratios):.2f}, max {max(ratios):.2f})")


if __name__ == "__main__":
    main()
