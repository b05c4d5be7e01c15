"""Live video input: latency from a frame arriving to the docks painted, next to the model's forward, in one run.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_video.py [--model googlenet] [--seconds 12] [--fps 30]
        [--size 224] [--device cpu] [--screenshot PNG]

A generated Motion-JPEG video (a square moving over a dark background, ``--fps`` frames a second) plays,
looped, through the app's own live input (Qt Multimedia's player into a ``QVideoSink``) for ``--seconds``.
For every frame the docks show, the clock starts when the sink delivered that frame and stops when the
render worker has settled the views the capture asked for (the docks paint them in the same turn of the
event loop). The plain forward (``torch.no_grad(): model(x)``, the worker's thread count) is timed in
the same run, before and after. Also printed: frames in, frames captured, frames dropped, the most frames
ever in flight (1: no backlog), and the latency of the first and the last third of the run (a backlog
would make it grow). Target (issue 13): latency <= forward + 100 ms, no backlog.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false")
sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1])]

import torch  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench_gui_latency import forward_times, wait_for  # noqa: E402
from cnnviz.core.inputs.mjpeg_avi import moving_square, write_mjpeg_avi  # noqa: E402
from cnnviz.gui.app import ensure_app  # noqa: E402
from cnnviz.gui.main_window import MainWindow  # noqa: E402
from cnnviz.gui.panels.live_controls import live_for  # noqa: E402
from cnnviz.gui.workers import worker_threads_count  # noqa: E402


class PaintClock:
    """Pairs each captured frame's arrival time with the moment its docks' views were delivered."""

    def __init__(self, window: MainWindow) -> None:
        self.session = window.session
        self.live = live_for(window)
        self.latencies: list[float] = []
        self.forwards: list[float] = []  # the frame's forward inside the capture
        self.captures: list[float] = []  # the whole capture (decode, preprocess, forward, top classes)
        self.overheads: list[float] = []  # latency less that forward
        self.waits: list[float] = []  # the frame's age when it was sent (a newer one replaces it meanwhile)
        self._sent: dict[str, float] = {}
        self._waiting: tuple[float, int, float] | None = None  # arrival, render generation to reach, forward
        self._seen = 0
        open_frame = self.session.open_frame

        def timed_open_frame(frame, label):
            self._sent[label] = self.live.clock()
            return open_frame(frame, label)

        self.session.open_frame = timed_open_frame
        self.session.workers.inference.settled.connect(self._on_capture_settled)  # after the live input's slot
        self.session.workers.render.settled.connect(self._on_render_settled)

    def _on_capture_settled(self, _gen: int) -> None:
        if self.live.last_captured_gen > self._seen and self.live.last_arrival is not None:
            self._seen = self.live.last_captured_gen
            result = self.session.result
            self._waiting = (self.live.last_arrival, self.session.workers.render.box.latest, result.forward_ms / 1e3)
            self.forwards.append(result.forward_ms / 1e3)
            self.captures.append(result.total_ms / 1e3)
            self.waits.append(self._sent.pop(result.request.label, self.live.last_arrival) - self.live.last_arrival)

    def _on_render_settled(self, gen: int) -> None:
        if self._waiting is not None and gen >= self._waiting[1]:
            latency = self.live.clock() - self._waiting[0]
            self.latencies.append(latency)
            self.overheads.append(latency - self._waiting[2])
            self._waiting = None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="googlenet")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--seconds", type=float, default=12.0)
    parser.add_argument("--fps", type=float, default=30.0)
    parser.add_argument("--size", type=int, default=224, help="the video's frame side, pixels")
    parser.add_argument("--screenshot", metavar="PNG", help="also save the window as it plays")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cnnviz-bench-video-"))
    video = write_mjpeg_avi(folder / "square.avi", moving_square(int(args.fps * 3), args.size), fps=args.fps)
    ensure_app()
    window = MainWindow(settings=None)
    window.resize(1400, 900)
    window.show()
    window.docks["feature_maps_dock"].raise_()
    session = window.session
    session.request_model(args.model, "none", args.device)
    wait_for(lambda: session.model is not None and session.is_idle(), timeout_s=300)
    clock = PaintClock(window)
    live = clock.live
    if not live.open_video(video, loop=True):
        raise SystemExit("the video could not be played")
    wait_for(lambda: live.stats.captured >= 2, timeout_s=120)
    module = session.model.loaded.module
    x = torch.randn(1, *session.result.capture["input"].shape[1:], device=session.result.capture["input"].device)
    start = time.perf_counter()
    wait_for(lambda: time.perf_counter() - start > args.seconds, timeout_s=args.seconds + 60, poll_ms=50)
    if args.screenshot:
        live.pause()
        wait_for(lambda: session.is_idle() and window.is_settled(), timeout_s=60)
        window.save_screenshot(args.screenshot)
    stats = live.stats
    live.stop()
    wait_for(session.is_idle, timeout_s=60)
    n = worker_threads_count()
    plain = forward_times(module, x, n, 9)
    ms = lambda v: statistics.median(v) * 1e3  # noqa: E731
    lat, third = clock.latencies, max(1, len(clock.latencies) // 3)
    print(f"{args.model} on {args.device}, input {tuple(x.shape)}, video {args.size}x{args.size} at {args.fps:g} "
          f"frames/s for {args.seconds:g} s; worker threads {n} ({os.cpu_count()} cores)")
    print(f"  frames in {stats.frames_in}, captured {stats.captured} ({stats.captured / args.seconds:.1f}/s), "
          f"dropped {stats.dropped}, most frames in flight {live.max_in_flight}")
    print(f"  forward: plain {ms(plain):.1f} ms (after the run), inside the app's captures "
          f"{ms(clock.forwards):.1f} ms; whole capture {ms(clock.captures):.1f} ms; a frame's age when sent {ms(clock.waits):.1f} ms")
    print(f"  frame->painted: first third {ms(lat[:third]):.1f} ms, last third {ms(lat[-third:]):.1f} ms "
          f"(a backlog would make it grow)")
    print(f"frame->painted {ms(lat):.1f} ms median (max {max(lat) * 1e3:.1f}), "
          f"its own forward {ms(clock.forwards):.1f} ms, overhead {ms(clock.overheads):.1f} ms median per frame (max {max(clock.overheads) * 1e3:.1f}); "
          f"backlog: {'none' if live.max_in_flight <= 1 else live.max_in_flight - 1}")
    window.close()
    QApplication.processEvents()


if __name__ == "__main__":
    main()
