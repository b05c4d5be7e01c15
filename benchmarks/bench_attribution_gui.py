"""Drop-to-painted latency with the Attribution dock in front, next to the forward + backward it needs, in one run.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_attribution_gui.py [--model googlenet] [--repeats 9]

A real drop (the window's own drop handler, as in ``bench_gui_latency.py``) starts the clock; it stops when
the window reports every visible dock painted, with the Attribution dock in front showing Grad-CAM of the
new image's top class at the selected layer. Timed in the same run, interleaved with the drops, in this
thread with the worker's thread count, on the same module and input size:

- ``forward``: the plain forward the capture is (``torch.no_grad(): model(x)``);
- ``forward+backward``: one forward with autograd and one ``torch.autograd.grad`` from the top logit to the
  selected layer's output, nothing else (Grad-CAM's floor).

Target (issue 12): drop -> painted within forward + backward + 100 ms (CPU, googlenet). The app runs the
capture's forward and then the explanation's forward and backward, so both sums are printed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import torch  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_gui_latency import drop_and_time, forward_times, wait_for  # noqa: E402

from cnnviz.core.inputs.images import sample_images  # noqa: E402
from cnnviz.gui.app import ensure_app  # noqa: E402
from cnnviz.gui.main_window import MainWindow  # noqa: E402
from cnnviz.gui.workers import worker_threads_count  # noqa: E402

TARGET_MS = 100.0


def backward_times(module: torch.nn.Module, x: torch.Tensor, layer: str, threads: int, repeats: int) -> list[float]:
    """Forward with autograd + one gradient from the top logit to ``layer``'s output, after one warm-up."""
    sub = module.get_submodule(layer)
    kept: list[torch.Tensor] = []
    handle = sub.register_forward_hook(lambda _m, _a, out: kept.append(out))
    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    times: list[float] = []
    try:
        for i in range(repeats + 1):
            kept.clear()
            start = time.perf_counter()
            logits = module(x)
            top = logits[0].argmax()
            (grad,) = torch.autograd.grad(logits[0, top], kept[0])
            if i:
                times.append(time.perf_counter() - start)
    finally:
        handle.remove()
        torch.set_num_threads(before)
    return times


class Phases:
    """When, after a drop, the capture arrived, the dock's map was painted and its depth strip was painted."""

    def __init__(self, window: MainWindow, panel, before) -> None:
        self.window, self.panel, self.before = window, panel, before
        self.start = time.perf_counter()
        self.at: dict[str, float] = {}
        window.session.capture_changed.connect(self._capture)
        panel.painted.connect(self._painted)

    def _capture(self) -> None:
        if self.window.session.result is not None:
            self.at.setdefault("capture", time.perf_counter())

    def _painted(self) -> None:
        panel, now = self.panel, time.perf_counter()
        if panel.result is not self.before and panel.image not in panel._dirty:
            self.at.setdefault("map", now)
            if panel.strip.source is not None and panel.strip.isEnabled() and panel.strip.cells not in panel._dirty:
                self.at.setdefault("strip", now)

    def close(self) -> None:
        self.window.session.capture_changed.disconnect(self._capture)
        self.panel.painted.disconnect(self._painted)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="googlenet")
    parser.add_argument("--repeats", type=int, default=9)
    args = parser.parse_args()
    ensure_app()
    window = MainWindow(settings=None)
    window.show()
    session = window.session
    panel = window.docks["attribution_dock"]
    panel.raise_()
    session.request_model(args.model, "none", "cpu")
    photos = [str(p) for p in sample_images() if p.suffix == ".jpg"]
    session.open_paths([photos[-1]])
    wait_for(lambda: session.result is not None and panel.shown_image() is not None and window.is_settled())
    module, layer = session.model.loaded.module, session.layer
    x = torch.randn(1, *session.result.capture["input"].shape[1:])
    n = worker_threads_count()
    drops: list[float] = []
    forward: list[float] = []
    both: list[float] = []
    was_training = module.training
    phases: dict[str, list[float]] = {"capture": [], "map": [], "strip": []}
    for i in range(args.repeats):
        before = panel.result
        seen = Phases(window, panel, before)
        drops.append(drop_and_time(window, photos[i % len(photos)]))
        seen.close()
        if panel.result is before or panel.shown_image() is None:
            raise SystemExit("the Attribution dock did not paint a new map for the drop")
        for name in phases:
            phases[name].append(seen.at.get(name, float("nan")) - seen.start)
        with session.model.lock:
            forward += forward_times(module, x, n, 1)
            both += backward_times(module, x, layer, n, 1)
    module.train(was_training)
    med = {k: statistics.median(v) * 1e3 for k, v in (("drop", drops), ("forward", forward), ("both", both))}
    over = med["drop"] - med["both"]
    print(f"{args.model} on cpu, input {tuple(x.shape)}, Attribution dock in front (Grad-CAM at {layer}), "
          f"medians of {args.repeats} drops, {n} torch thread(s)")
    print(f"  forward (the capture's, no grad):                      {med['forward']:.1f} ms")
    print(f"  forward+backward (top logit -> {layer}):  {med['both']:.1f} ms")
    print("  after the drop: " + ", ".join(f"{name} {statistics.median(v) * 1e3:.1f} ms" for name, v in phases.items())
          + " (the capture arrives with its explanation, the map painted, the depth strip painted)")
    print(f"drop->painted {med['drop']:.1f} ms; over forward+backward {over:.1f} ms (target <= {TARGET_MS:.0f} ms: "
          f"{'met' if over <= TARGET_MS else 'NOT met'}); over capture forward + forward+backward "
          f"{med['drop'] - med['both'] - med['forward']:.1f} ms")
    window.close()
    QApplication.processEvents()


if __name__ == "__main__":
    main()
