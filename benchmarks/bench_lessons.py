"""Opening each lesson from the Lessons menu: time to its docks painted, next to its model's load time, in one run.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_lessons.py [--lang en|zh_CN] [--repeats 3] [--lesson NAME ...]

For each lesson, a fresh window (showing the default model and a digit, settled) has the lesson's menu action
triggered; the clock stops when the window reports every visible dock painted (the signal ``--screenshot`` waits
for) with the lesson's model loaded, its capture shown and its page settled. The model's own load time (the
session's model job: build, weights, summary) is read from the same opening (the worker times it) and also
measured headless (``cnnviz.core.models.load_model``), interleaved. Prints per lesson: open->painted, model
load, and open->painted minus model load. Target (issue 14): open->painted - model load < 2 s on the CPU.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_gui_latency import wait_for  # noqa: E402

from cnnviz import translation  # noqa: E402
from cnnviz.core.inputs.images import sample_images  # noqa: E402
from cnnviz.core.lessons import lessons  # noqa: E402
from cnnviz.core.models.loader import load_model  # noqa: E402
from cnnviz.gui.app import ensure_app  # noqa: E402
from cnnviz.gui.main_window import MainWindow  # noqa: E402


def lesson_action(window: MainWindow, title: str):
    """The Lessons menu's action titled ``title`` (in the language installed)."""
    for action in window.menuBar().actions():
        menu = action.menu()
        found = [a for a in (menu.actions() if menu is not None else []) if a.text() == title]
        if found:
            return found[0]
    raise SystemExit(f"no menu action '{title}'")


def open_and_time(name: str) -> float:
    """Seconds from the lesson's menu action to the window settled on the lesson's model, image and page."""
    from cnnviz.core.i18n import translator

    window = MainWindow()
    window.resize(1600, 1000)
    window.show()
    window.session.request_model("mnist_inception", "default")
    window.session.open_paths([next(p for p in sample_images() if p.name == "digit_3.png")])
    wait_for(lambda: window.session.result is not None and window.is_settled())
    lesson = lessons()[name]
    action = lesson_action(window, translator("cnnviz.core.lessons")(lesson.title))
    start = time.perf_counter()
    action.trigger()
    dock = window.docks["lesson_dock"]

    def done() -> bool:
        session = window.session
        model = session.model
        return (dock.lesson is lesson and model is not None and model.request.name == lesson.model
                and session.result is not None and session.result.request.label.endswith(lesson.image)
                and window.is_settled())

    wait_for(done, timeout_s=300)
    elapsed = time.perf_counter() - start
    window.close()
    window.deleteLater()
    return elapsed


def model_load_s(name: str, weights: str) -> float:
    start = time.perf_counter()
    load_model(name, weights=weights, device="cpu")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lang", default="en", choices=["en", "zh_CN"])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--lesson", action="append", help="only these lessons (default: every one)")
    args = parser.parse_args()
    ensure_app().setQuitOnLastWindowClosed(False)  # each lesson's window is closed before the next opens
    translation.install(args.lang)
    print(f"lessons opened from the menu ({args.lang}), median of {args.repeats}:")
    for name, lesson in lessons().items():
        if args.lesson and name not in args.lesson:
            continue
        opened, loads = [], []
        for _ in range(args.repeats):
            loads.append(model_load_s(lesson.model, lesson.weights))
            opened.append(open_and_time(name))
        o, m = statistics.median(opened), statistics.median(loads)
        print(f"  {name:15s} open->painted {o * 1000:7.0f} ms   model load {m * 1000:6.0f} ms   "
              f"open - load {(o - m) * 1000:7.0f} ms   {'OK' if o - m < 2.0 else 'OVER'} (target < 2000 ms)")


if __name__ == "__main__":
    main()
