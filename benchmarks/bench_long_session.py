"""Memory over a long session: the app's RSS while the same photo is dropped on it thousands of times.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_long_session.py [--drops 5000] [--model resnet18]

The real GUI path: a MainWindow (and its Session and workers) under the offscreen platform, a real
QDropEvent with the photo's file URL delivered to the window, then waiting until the new capture has
arrived and every visible dock has painted it (``MainWindow.is_settled``, what ``--screenshot``
waits for). RSS is sampled every ``--every`` drops; at checkpoints the script prints RSS, the
number of Python objects and glibc's heap figures (in use / free in the heap / arenas). At the end it
prints the least-squares slope of RSS over the last 2,000 drops (or the last 40% for shorter runs).
Target (issue 10): no growth over the last 2,000 of 5,000 drops (the slope's total change within
the noise, a few MB).
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl  # noqa: E402
from PySide6.QtGui import QDropEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_gui_latency import wait_for  # noqa: E402

from cnnviz.core.inputs.images import sample_images  # noqa: E402
from cnnviz.core.memory import keep_freed_memory  # noqa: E402
from cnnviz.gui.app import ensure_app  # noqa: E402
from cnnviz.gui.main_window import MainWindow  # noqa: E402

CHECKPOINTS = (1, 10, 50, 100, 200, 500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000)


class _Mallinfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
                 "uordblks", "fordblks", "keepcost")]


def heap_figures() -> str:
    """glibc's view of the heap (all arenas): bytes in use, bytes free inside it, mmapped blocks."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = _Mallinfo2
        info = libc.mallinfo2()
    except (OSError, AttributeError):
        return "heap: n/a"
    mb = 2**20
    return (f"heap in use {info.uordblks / mb:7.1f} MB, free in heap {info.fordblks / mb:7.1f} MB, "
            f"mmapped {info.hblkhd / mb:6.1f} MB")


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def drop(window: MainWindow, path: str) -> None:
    """Deliver a drop of ``path`` and wait until its new capture is captured and painted."""
    before = window.session.result
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(path)])
    centre = QPointF(window.width() / 2, window.height() / 2)
    event = QDropEvent(centre, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    wait_for(lambda: window.session.result is not before and window.is_settled(), poll_ms=2)


def slope_per_1000(samples: list[tuple[int, float]]) -> float:
    """Least-squares slope of RSS (MB) per 1,000 drops."""
    n = len(samples)
    if n < 2:
        return 0.0
    mx = sum(d for d, _ in samples) / n
    my = sum(r for _, r in samples) / n
    sxx = sum((d - mx) ** 2 for d, _ in samples)
    sxy = sum((d - mx) * (r - my) for d, r in samples)
    return 1000 * sxy / sxx if sxx else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drops", type=int, default=5000)
    parser.add_argument("--model", default="resnet18")
    parser.add_argument("--every", type=int, default=10, help="sample RSS every N drops")
    args = parser.parse_args()
    keep_freed_memory()  # as the app's entry point (cnnviz.cli.main) does
    ensure_app()
    window = MainWindow(settings=None)
    window.show()
    session = window.session
    session.request_model(args.model, "none", "cpu")
    photo = str(next(p for p in sample_images() if p.suffix == ".jpg"))
    session.open_paths([photo])
    wait_for(lambda: session.result is not None and window.is_settled())
    print(f"{args.model} (random weights) on cpu, dropping {os.path.basename(photo)} {args.drops} times; "
          f"pid {os.getpid()}", flush=True)
    samples: list[tuple[int, float]] = []
    start = time.perf_counter()
    for i in range(1, args.drops + 1):
        drop(window, photo)
        if i % args.every == 0 or i in CHECKPOINTS:
            samples.append((i, rss_mb()))
        if i in CHECKPOINTS or i == args.drops:
            print(f"after {i:5d} drops: RSS {rss_mb():7.1f} MB, {len(gc.get_objects()):7d} Python objects, "
                  f"{heap_figures()}, {(time.perf_counter() - start) / i * 1e3:6.1f} ms/drop", flush=True)
    tail = max(2000, 0) if args.drops >= 5000 else int(args.drops * 0.4)
    last = [(d, r) for d, r in samples if d > args.drops - tail]
    slope = slope_per_1000(last)
    print(f"RSS trend over the last {tail} drops (least squares, {len(last)} samples): "
          f"{slope:+.2f} MB per 1,000 drops ({slope * tail / 1000:+.1f} MB over them); "
          f"RSS min/max there {min(r for _, r in last):.1f}/{max(r for _, r in last):.1f} MB", flush=True)
    window.close()
    session.shutdown()
    QApplication.processEvents()


if __name__ == "__main__":
    main()
