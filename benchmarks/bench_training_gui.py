"""Training with the live Training dock next to the same loop headless, side by side in one run (issue 6).

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_training_gui.py [--model mnist_inception] [--dataset digits]
        [--steps 400] [--repeats 2] [--batch-size 64] [--probe-every 50] [--stops 5] [--device cpu]

Each repeat trains ``--steps`` steps (rounded to whole epochs) twice, interleaved so that drift on a
shared machine hits both alike: (a) headless, ``train(...)`` iterated in this thread with the
training worker's torch thread count; (b) through the Training dock of an offscreen MainWindow (its
worker thread, a probe capture every ``--probe-every`` steps shown by every dock, its mailbox read at
30 Hz, curves and ETA bar redrawn at 5 Hz). Throughput is steps/s from the end of the first epoch to the end of the last
(validation included in both), taken from the records' own clocks. Meanwhile a 10 ms QTimer
heartbeat records the longest gap of the GUI event loop. Then ``--stops`` runs are stopped with the
Stop button after 20 steps, timing the click to the training thread's end. The RSS is sampled at
every epoch of the dock's runs; its trend is the least-squares slope over those samples.
``--steps 10000 --repeats 1`` is the issue's memory figure (about 8 minutes per variant on a 2-core CPU).

Targets: live dock >= 0.9x headless; GUI stall < 50 ms; Stop -> ended < one step + 100 ms; no RSS
growth beyond the optimiser's state (allocated at the first step).
"""

from __future__ import annotations

import argparse
import functools
import math
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
import torch  # noqa: E402
from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench_gui_latency import Heartbeat, wait_for as _wait_for  # noqa: E402
from cnnviz.core.models import zoo  # noqa: E402
from cnnviz.core.inputs.datasets import load_dataset  # noqa: E402
from cnnviz.core.inputs.images import sample_images  # noqa: E402
from cnnviz.core.training.loop import Progress, TrainConfig, train  # noqa: E402
from cnnviz.gui.app import ensure_app  # noqa: E402
from cnnviz.gui.main_window import MainWindow  # noqa: E402
from cnnviz.gui.panels.training import TrainingPanel  # noqa: E402
from cnnviz.gui.workers import worker_threads_count  # noqa: E402


wait_for = functools.partial(_wait_for, timeout_s=3600.0, poll_ms=20)  # runs of 10k steps take minutes


def rss_mb() -> float:
    """Resident set size of this process in MiB (Linux /proc; peak RSS elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def dock_phase(panel: TrainingPanel):
    """What the dock is doing: "loading", "training" or None."""
    if not panel.is_running():
        return None
    return "loading" if panel.last_record is None else "training"


def worst(gaps: list[float]) -> str:
    if not gaps:
        return "none"
    gaps = sorted(gaps)
    p99 = gaps[min(len(gaps) - 1, math.ceil(0.99 * len(gaps)) - 1)]
    return f"longest {gaps[-1] * 1e3:.1f} ms, 99th percentile {p99 * 1e3:.1f} ms ({len(gaps)} ticks)"


def rate(history: list[Progress]) -> float:
    """Steps/s from the first epoch record to the last one (warm-up left out)."""
    epochs = [r for r in history if r.kind == "epoch"]
    first, last = epochs[0], epochs[-1]
    return (last.step - first.step) / (last.elapsed - first.elapsed)


def headless(name: str, split, config: TrainConfig) -> float:
    model = zoo.build_model(name, num_classes=len(split.class_names))
    history = [r for r in train(model, split, config) if r.kind != "step"]
    return rate(history)


def set_up_dock(panel: TrainingPanel, args: argparse.Namespace, epochs: int) -> None:
    panel.set_dataset(args.dataset)
    panel.epochs_spin.setValue(epochs)
    panel.batch_spin.setValue(args.batch_size)
    panel.probe_spin.setValue(args.probe_every)
    panel.device_combo.setCurrentText(args.device)


def live(panel: TrainingPanel, heartbeat: Heartbeat, rss: list[tuple[int, float]]) -> float:
    """One run through the dock; steps/s from its records. ``rss`` gets (steps so far, MiB) per epoch."""
    offset = rss[-1][0] if rss else 0
    seen = [0]

    def sample() -> None:
        epochs = [r for r in panel.history if r.kind == "epoch"]
        if len(epochs) > seen[0]:
            seen[0] = len(epochs)
            rss.append((offset + epochs[-1].step, rss_mb()))

    sampler = QTimer(interval=50)
    sampler.timeout.connect(sample)
    sampler.start()
    heartbeat.restart()
    panel.start()
    wait_for(lambda: not panel.is_running())
    sampler.stop()
    sample()
    if panel.history[-1].kind != "done":
        raise SystemExit(f"the dock's run failed: {panel.status.text()}")
    return rate(panel.history)


def stop_latency(panel: TrainingPanel, after_steps: int = 20) -> float:
    """Seconds from clicking Stop (after ``after_steps`` steps) to the training thread's end."""
    panel.start()
    wait_for(lambda: panel.last_record is not None and panel.last_record.step >= after_steps)
    worker = panel.worker
    start = time.perf_counter()
    panel.stop_button.click()
    wait_for(worker.isFinished, poll_ms=1)
    seconds = time.perf_counter() - start
    wait_for(lambda: not panel.is_running())
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="mnist_inception")
    parser.add_argument("--dataset", default="digits")
    parser.add_argument("--steps", type=int, default=400, help="steps per run (rounded to whole epochs)")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--probe-every", type=int, default=50)
    parser.add_argument("--stops", type=int, default=5)
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()

    app = ensure_app()
    threads = worker_threads_count()
    torch.set_num_threads(threads)  # headless runs get what the training worker gets
    window = MainWindow(settings=None)
    panel = TrainingPanel(window.session, window)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
    window.tabifyDockWidget(window.docks["input_dock"], panel)
    window.show()
    panel.show()
    panel.raise_()
    session = window.session
    session.request_model(args.model, "none", args.device)
    grey = zoo.model_info(args.model).input.channels == 1
    sample = next(p for p in sample_images() if p.name == ("digit_7.png" if grey else "cat.jpg"))
    session.open_paths([sample])
    wait_for(lambda: session.result is not None and window.is_settled())

    split = load_dataset(args.dataset, spec=session.model.loaded.info.input)
    per_epoch = max(1, len(split.train) // args.batch_size)
    epochs = max(2, round(args.steps / per_epoch))
    config = TrainConfig(epochs=epochs, batch_size=args.batch_size, device=args.device,
                         probe_every=args.probe_every).validated()
    set_up_dock(panel, args, epochs)
    print(f"{args.model} on {args.dataset}, {args.device}, batch {args.batch_size}, {args.repeats} repeat(s) of "
          f"{epochs} epochs ({epochs * per_epoch} steps), probe every {args.probe_every} steps; torch threads "
          f"{threads} ({os.cpu_count()} cores); Qt platform {QApplication.platformName()}", flush=True)

    heartbeat = Heartbeat(10, phase=lambda: dock_phase(panel))
    rss: list[tuple[int, float]] = []
    samples: dict[str, list[float]] = {"headless": [], "dock": []}
    probes = 0
    for _ in range(args.repeats):
        samples["headless"].append(headless(args.model, split, config))
        samples["dock"].append(live(panel, heartbeat, rss))
        probes += panel.probes_shown
    base, dock = statistics.median(samples["headless"]), statistics.median(samples["dock"])
    print(f"headless        {base:7.2f} steps/s  {base * args.batch_size:7.0f} img/s")
    print(f"with live dock  {dock:7.2f} steps/s  {dock * args.batch_size:7.0f} img/s  "
          f"{dock / base:5.3f}x headless (target >= 0.9x); {probes} probes shown, "
          f"{session.workers.render.runs['mosaic']} mosaics rendered")
    print(f"GUI event loop while training (10 ms heartbeat; target < 50 ms): {worst(heartbeat.by_phase.get('training', []))}")
    print(f"  while the dock loaded the dataset (before training): {worst(heartbeat.by_phase.get('loading', []))}")

    panel.epochs_spin.setValue(1000)
    stops = [stop_latency(panel) for _ in range(args.stops)]
    step_ms = 1e3 / base
    print(f"Stop -> training thread ended: median {statistics.median(stops) * 1e3:.1f} ms, max "
          f"{max(stops) * 1e3:.1f} ms over {len(stops)} stops; one step {step_ms:.1f} ms "
          f"(target < {step_ms + 100:.0f} ms)")

    (first_step, first), (last_step, last) = rss[0], rss[-1]
    steps, mib = np.array([s for s, _ in rss], dtype=float), np.array([m for _, m in rss])
    slope = np.polyfit(steps, mib, 1)[0] * 1000 if len(rss) > 2 else float("nan")
    print(f"RSS over the dock's {last_step - first_step} steps after its first epoch: {first:.1f} MiB -> "
          f"{last:.1f} MiB ({last - first:+.1f} MiB; trend {slope:+.2f} MiB per 1000 steps; min {mib.min():.1f}, "
          f"max {mib.max():.1f}, {len(rss)} samples)")
    panel.shutdown()
    window.close()
    app.processEvents()


if __name__ == "__main__":
    main()
