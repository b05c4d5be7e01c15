"""``cnnviz models`` wall time, as a user runs it (a fresh process each time), cold and from its cache.

    python benchmarks/bench_models_list.py [--repeats 5]

Cold: an empty cache folder (``CNNVIZ_CACHE_DIR`` pointed at a new temporary folder), so the list is built
by importing torch, torchvision and timm, then cached. Warm: the same folder again, as every later run
finds it. Both are run in the same session, alternating (a cold run needs a fresh folder each time).
Prints medians, the number of timm rows listed and the ratio. Target (issue 11): timm's CNNs listed in
under 2 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def run_models(cache: str) -> tuple[float, int]:
    """Seconds of one ``cnnviz models`` process and the timm rows it printed."""
    env = dict(os.environ, CNNVIZ_CACHE_DIR=cache)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "cnnviz", "models"], env=env, capture_output=True, text=True,
                          check=True)
    seconds = time.perf_counter() - start
    return seconds, sum(1 for line in done.stdout.splitlines() if line.startswith("timm/"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    cold: list[float] = []
    warm: list[float] = []
    rows = 0
    for _ in range(args.repeats):
        with tempfile.TemporaryDirectory(prefix="cnnviz-cache-") as cache:
            seconds, rows = run_models(cache)
            cold.append(seconds)
            seconds, warm_rows = run_models(cache)
            warm.append(seconds)
            assert warm_rows == rows, (warm_rows, rows)
    c, w = statistics.median(cold), statistics.median(warm)
    print(f"cnnviz models, medians of {args.repeats} fresh processes, {rows} timm rows listed")
    print(f"  cold (no cache: imports torch, torchvision, timm): {c:.2f} s")
    print(f"  warm (the cached list, as every later run):        {w:.2f} s  ({c / w:.1f}x faster; target < 2 s: "
          f"{'met' if w < 2 else 'NOT met'})")


if __name__ == "__main__":
    main()
