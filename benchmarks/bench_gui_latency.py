"""Drop-to-painted latency of the app next to the model's plain forward time, measured in one run.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_gui_latency.py [--model googlenet] [--repeats 9]

A real drop event (QDropEvent with a file URL, sent to the main window) starts the clock; it stops when
the window reports that every visible dock has painted the new image's results (the same signal
``--screenshot`` waits for). The plain forward pass (``torch.no_grad(): model(x)``, same module, same
input size) is timed in the same run, interleaved, both with the worker's thread count and with
torch's default. Prints medians and ``drop->painted X ms, forward Y ms, overhead X-Y ms``.
Target (issue 4): overhead <= 100 ms on the CPU for googlenet at 224x224.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import torch  # noqa: E402
from PySide6.QtCore import QEventLoop, QMimeData, QPointF, Qt, QTimer, QUrl  # noqa: E402
from PySide6.QtGui import QDropEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from cnnviz.core.inputs.images import sample_images  # noqa: E402
from cnnviz.gui.app import ensure_app  # noqa: E402
from cnnviz.gui.main_window import MainWindow  # noqa: E402
from cnnviz.gui.workers import worker_threads_count  # noqa: E402


def wait_for(condition, timeout_s: float = 120.0, poll_ms: int = 1) -> None:
    """Run the event loop until ``condition()`` holds (checked every ``poll_ms``)."""
    loop = QEventLoop()
    poll = QTimer(interval=poll_ms)
    poll.setTimerType(Qt.TimerType.PreciseTimer)
    held: list[bool] = []  # it held once: a window that trains in the background may owe a paint again

    def check() -> None:
        if condition():
            held.append(True)
            loop.quit()

    poll.timeout.connect(check)
    poll.start()
    deadline = QTimer(singleShot=True)  # stopped below: a timer left pending would quit a later loop
    deadline.timeout.connect(loop.quit)  # (one made at the same address once this one is freed)
    deadline.start(int(timeout_s * 1000))
    if condition():
        held.append(True)
    else:
        loop.exec()
    poll.stop()
    deadline.stop()
    if not held:
        raise SystemExit("timed out waiting for the window")


def drop_and_time(window: MainWindow, path: str) -> float:
    """Seconds from delivering a drop of ``path`` to the window being settled on its results."""
    done: list[float] = []

    def on_settled() -> None:
        result = window.session.result
        if not done and result is not None and result.request.label == path:
            done.append(time.perf_counter())

    window.settled.connect(on_settled)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(path)])
    centre = QPointF(window.width() / 2, window.height() / 2)
    event = QDropEvent(centre, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    start = time.perf_counter()
    window.dropEvent(event)  # the window's own drop handler, as Qt calls it
    wait_for(lambda: bool(done))
    window.settled.disconnect(on_settled)
    return done[0] - start


def switch_and_time(window: MainWindow, key: str) -> float:
    """Seconds from selecting layer ``key`` to its mosaic being painted."""
    session = window.session
    start = time.perf_counter()
    session.select_layer(key)
    panel = window.docks["feature_maps_dock"]
    wait_for(lambda: panel.mosaic is not None and panel.mosaic.key == key and window.is_settled())
    return time.perf_counter() - start


class Heartbeat:
    """A GUI timer every ``interval_ms``; the longest gap between its ticks is the longest event-loop stall.

    Gaps go to ``gaps``; with ``phase`` (a function returning a name or None), to ``by_phase[name]``
    instead, and gaps ending while it returns None are dropped.
    """

    def __init__(self, interval_ms: int = 5, phase=None) -> None:
        self.gaps: list[float] = []
        self.by_phase: dict[str, list[float]] = {}
        self._phase = phase
        self._last = time.perf_counter()
        self._timer = QTimer(interval=interval_ms)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def restart(self) -> None:
        """Forget the time since the last tick (the benchmark itself blocked the loop meanwhile)."""
        self._last = time.perf_counter()

    def _tick(self) -> None:
        now = time.perf_counter()
        gap, self._last = now - self._last, now
        if self._phase is None:
            self.gaps.append(gap)
        elif (name := self._phase()) is not None:
            self.by_phase.setdefault(name, []).append(gap)


def forward_times(model: torch.nn.Module, x: torch.Tensor, threads: int, repeats: int) -> list[float]:
    """Plain forward passes (after one warm-up) with ``threads`` torch threads, in this thread."""
    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    times: list[float] = []
    with torch.no_grad():
        model(x)
        for _ in range(repeats):
            start = time.perf_counter()
            model(x)
            times.append(time.perf_counter() - start)
    torch.set_num_threads(before)
    return times


def measure_drops(window: MainWindow, photos: list[str], repeats: int, default_threads: int) -> dict[str, list[float]]:
    """Drops interleaved with plain forward passes; seconds per sample, by kind."""
    session = window.session
    module = session.model.loaded.module
    x = torch.randn(1, *session.result.capture["input"].shape[1:])
    out: dict[str, list[float]] = {"drop": [], "worker": [], "default": [], "inside": [], "stall": []}
    heartbeat = Heartbeat()
    for i in range(repeats):
        heartbeat.restart()
        out["drop"].append(drop_and_time(window, photos[i % len(photos)]))
        out["stall"].append(max(heartbeat.gaps, default=0.0))
        heartbeat.gaps.clear()
        out["inside"].append(session.result.forward_ms / 1e3)
        out["worker"] += forward_times(module, x, worker_threads_count(), 1)
        out["default"] += forward_times(module, x, default_threads, 1)
    return out


def measure_switches(window: MainWindow, keys: list[str], repeats: int = 5) -> dict[str, float]:
    """Median seconds of a layer switch to each of ``keys`` (from the first layer and back)."""
    first = window.session.layer
    found = [k for k in keys if window.session.activation(k) is not None]
    return {k: statistics.median([switch_and_time(window, k), switch_and_time(window, first)][0]
                                 for _ in range(repeats)) for k in found}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="googlenet")
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--layers", nargs="*", default=["inception4a", "conv3"], help="layers to switch to")
    args = parser.parse_args()
    default_threads = torch.get_num_threads()  # torch's own choice for this machine
    ensure_app()
    window = MainWindow(settings=None)
    window.show()
    session = window.session
    session.request_model(args.model, "none", "cpu")
    photos = [str(p) for p in sample_images() if p.suffix == ".jpg"]
    session.open_paths([photos[-1]])
    wait_for(lambda: session.result is not None and window.is_settled())
    samples = measure_drops(window, photos, args.repeats, default_threads)
    switches = measure_switches(window, args.layers)
    med = {k: statistics.median(v) * 1e3 for k, v in samples.items()}
    n, shape = worker_threads_count(), tuple(session.result.capture["input"].shape)
    print(f"{args.model} on cpu, input {shape}, medians of {args.repeats} drops; torch threads: "
          f"app worker {n}, torch default {default_threads} ({os.cpu_count()} cores)")
    print(f"  forward inside the app's capture ({n} thread(s)): {med['inside']:.1f} ms")
    print(f"  plain forward with the worker's {n} thread(s):    {med['worker']:.1f} ms "
          f"(overhead against it {med['drop'] - med['worker']:.1f} ms)")
    print(f"drop->painted {med['drop']:.1f} ms, forward {med['default']:.1f} ms, "
          f"overhead {med['drop'] - med['default']:.1f} ms (forward: plain, torch's default {default_threads} threads)")
    shapes = {k: "x".join(map(str, session.activation(k).shape[1:])) for k in switches}
    print("layer switch -> painted: " + ", ".join(f"{k} ({shapes[k]}) {t * 1e3:.1f} ms" for k, t in switches.items()))
    print(f"longest GUI event-loop stall during the drops: {max(samples['stall']) * 1e3:.1f} ms (5 ms heartbeat)")
    window.close()
    QApplication.processEvents()


if __name__ == "__main__":
    main()
