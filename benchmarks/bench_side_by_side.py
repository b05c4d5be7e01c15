"""Side-by-side training in the residual lesson's page against the same two trainings one after the other headless.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_side_by_side.py [--epochs 2] [--batch-size 32] [--repeats 2]
        [--device cpu] [--warmup 5]

The two runs are the residual lesson's twins (``mnist_plain_deep`` and ``mnist_residual_deep``, the same random
weights) on the bundled digits, with the lesson's settings (SGD, learning rate 0.05) and ``--epochs`` /
``--batch-size``. Each repeat trains them twice, interleaved so that drift on a shared machine hits both alike:

(a) headless: ``train(...)`` of one twin, then of the other, iterated in this thread (no Qt), with the torch thread
    count the app's workers get;
(b) in the app: an offscreen MainWindow opens the lesson "residual"; its page trains both twins in its
    :class:`~cnnviz.gui.side_by_side_worker.SideBySideWorker` and polls the mailbox at 10 Hz and redraws the loss
    curves, gradient bars and numbers twice a second, as a teacher's screen would.

Throughput is the steps of both runs per second from each run's ``--warmup``-th step to its end (validation
included in both), read from the records' own clocks: headless, the two runs' times add up; side by side they
overlap. Target: side by side >= 0.9x headless.
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import torch  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench_gui_latency import wait_for as _wait_for  # noqa: E402
from cnnviz.core.lessons import residual_depth as core  # noqa: E402
from cnnviz.core.training.loop import Progress, train  # noqa: E402
from cnnviz.gui.app import ensure_app  # noqa: E402
from cnnviz.gui.lessons.residual_depth import GRADIENTS_EVERY, ResidualDepthPage  # noqa: E402
from cnnviz.gui.main_window import MainWindow  # noqa: E402
from cnnviz.gui.workers import worker_threads_count  # noqa: E402

wait_for = functools.partial(_wait_for, timeout_s=3600.0, poll_ms=20)


def span(records: list[Progress], warmup: int) -> tuple[int, float, float]:
    """``(steps, start, end)`` of one run from its ``warmup``-th step record to its last record (its own clock)."""
    steps = [r for r in records if r.kind == "step"]
    if records[-1].kind != "done" or len(steps) <= warmup:
        raise SystemExit(f"a run did not finish: {records[-1].kind} {records[-1].message}")
    first = steps[warmup - 1]
    return steps[-1].step - first.step, first.elapsed, records[-1].elapsed


def headless(split, config, warmup: int) -> float:
    """Steps/s of both twins trained one after the other in this thread (gradient norms recorded, as the page
    asks)."""
    steps, seconds = 0, 0.0
    for module in core.twins():
        records = train(module, split, config, gradients=lambda record: None, gradients_every=GRADIENTS_EVERY)
        n, start, end = span(list(records), warmup)
        steps, seconds = steps + n, seconds + end - start
    return steps / seconds


class TimedPoll:
    """Counts the page's polls and the GUI thread's seconds in them."""

    def __init__(self) -> None:
        self.count, self.seconds = 0, 0.0
        self.original = ResidualDepthPage.poll

    def install(self) -> None:
        timed = self

        def poll(page) -> None:
            start = time.perf_counter()
            timed.original(page)
            timed.count += 1
            timed.seconds += time.perf_counter() - start

        ResidualDepthPage.poll = poll


def side_by_side(window: MainWindow, warmup: int) -> tuple[float, float, float]:
    """Steps/s of both twins trained side by side by the lesson's page, the run's wall seconds and the GUI
    thread's CPU seconds meanwhile (polls, repaints, everything the event loop did)."""
    page = window.docks["lesson_dock"].page
    if page is None:
        page = window.open_lesson("residual")
    else:
        page.start_training()  # "Start again": new twins from step 0
    start, cpu = time.perf_counter(), time.thread_time()
    wait_for(lambda: not page.running() and not page.timer.isActive(), poll_ms=200)  # the benchmark's own check: rare
    wall, cpu = time.perf_counter() - start, time.thread_time() - cpu
    spans = [span(records, warmup) for records in page.records]
    # both runs started together: their own clocks agree to within one check of the model
    seconds = max(end for _, _, end in spans) - min(start for _, start, _ in spans)
    return sum(n for n, _, _ in spans) / seconds, wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--warmup", type=int, default=5, help="steps of each run left out of the timing")
    args = parser.parse_args()

    ensure_app()
    threads = worker_threads_count()
    torch.set_num_threads(threads)  # headless runs get what the side-by-side worker gets
    changes = {"epochs": args.epochs, "batch_size": args.batch_size, "device": args.device}
    ResidualDepthPage.config_changes = changes
    config = core.lesson_config(**changes)
    split = core.lesson_data()
    window = MainWindow(settings=None)
    window.resize(1600, 1000)
    window.show()
    steps = args.epochs * (len(split.train) // args.batch_size)
    print(f"{core.PLAIN} and {core.RESIDUAL} on digits, {args.device}, batch {args.batch_size}, {args.epochs} epochs "
          f"({steps} steps a run), {args.repeats} repeat(s); torch threads {threads} ({os.cpu_count()} cores); "
          f"Qt platform {QApplication.platformName()}", flush=True)
    samples: dict[str, list[float]] = {"headless": [], "side": []}
    timed, wall, cpu = TimedPoll(), 0.0, 0.0
    timed.install()
    for _ in range(args.repeats):
        samples["headless"].append(headless(split, config, args.warmup))
        rate, seconds, busy = side_by_side(window, args.warmup)
        samples["side"].append(rate)
        wall, cpu = wall + seconds, cpu + busy
        print(f"  repeat: headless {samples['headless'][-1]:.2f} steps/s, side by side {rate:.2f} steps/s", flush=True)
    base, side = statistics.median(samples["headless"]), statistics.median(samples["side"])
    print(f"one after the other, headless  {base:7.2f} steps/s  {base * args.batch_size:7.0f} img/s")
    print(f"side by side in the page       {side:7.2f} steps/s  {side * args.batch_size:7.0f} img/s  "
          f"{side / base:5.3f}x headless (target >= 0.9x)")
    print(f"the page polled {timed.count} times, {timed.seconds:.2f} s of the GUI thread in {wall:.1f} s of training "
          f"({timed.seconds / max(timed.count, 1) * 1e3:.1f} ms a poll); the GUI thread's CPU time {cpu:.2f} s "
          f"({cpu / wall:.1%} of the time)")
    window.close()


if __name__ == "__main__":
    main()
