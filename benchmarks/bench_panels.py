"""Selecting another block or layer until the dock in front has painted it (issue 5: under 50 ms on the CPU).

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_panels.py [--models googlenet resnet50] [--repeats 5]

For each model (random weights, a sample photo at the model's input size), each dock is brought to the
front and the selection is stepped through that dock's layers: Inception blocks for the Inception
dock, residual blocks for the residual dock, convolutions for the filters dock, a mix of layers for the
feature-map and layer docks. The clock starts at ``session.select_layer`` and stops when the window
is settled (every visible dock has painted, nothing is pending). No forward pass runs: everything
comes from the one capture. Prints per dock the median and worst time.
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

import torch  # noqa: E402

from bench_gui_latency import wait_for  # noqa: E402
from cnnviz.core.capture.anatomy import inception_blocks, residual_blocks  # noqa: E402
from cnnviz.core.inputs.images import sample_images  # noqa: E402
from cnnviz.gui.app import ensure_app  # noqa: E402
from cnnviz.gui.main_window import MainWindow  # noqa: E402


def keys_for(dock: str, window: MainWindow, limit: int) -> list[str]:
    """The layers a user would step through in this dock."""
    cap = window.session.result.capture
    module = window.session.model.loaded.module
    if dock == "inception_dock":
        keys = [b.path for b in inception_blocks(cap.blocks)]
    elif dock == "residual_dock":
        keys = [b.path for b in residual_blocks(cap.blocks)]
    elif dock == "filters_dock":
        keys = [n for n, m in module.named_modules() if isinstance(m, torch.nn.Conv2d)]
    else:
        keys = [k for k, t in cap.items() if k not in ("input", "output") and ":" not in k and t.dim() == 4]
    if len(keys) > limit:  # spread over the network: early layers are the largest
        keys = [keys[round(i * (len(keys) - 1) / (limit - 1))] for i in range(limit)]
    return keys


def time_switches(window: MainWindow, dock: str, keys: list[str], repeats: int) -> list[float]:
    session = window.session
    panel = window.docks[dock]
    panel.show()
    panel.raise_()
    wait_for(window.is_settled)
    times = []
    for _ in range(repeats):
        for key in keys:
            if session.layer == key:
                continue
            start = time.perf_counter()
            session.select_layer(key)
            wait_for(lambda: session.layer == key and window.is_settled()
                     and (getattr(panel, "view", None) is None or getattr(panel.view, "path", key) == key
                          or panel.message() is not None))
            times.append(time.perf_counter() - start)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", nargs="+", default=["googlenet", "resnet50"])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--layers", type=int, default=8, help="layers per dock")
    args = parser.parse_args(argv)
    app = ensure_app()
    window = MainWindow()
    window.resize(1500, 950)
    window.show()
    photo = str(next(p for p in sample_images() if p.suffix == ".jpg"))
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads; photo {Path(photo).name}")
    for model in args.models:
        window.session.request_model(model, "none")
        window.session.open_paths([photo])
        wait_for(lambda: window.session.result is not None and window.session.result.model.loaded.name == model
                 and window.is_settled(), timeout_s=300)
        for dock in [d for d in ("feature_maps_dock", "inception_dock", "residual_dock", "filters_dock",
                                 "inspector_dock") if d in window.docks]:
            keys = keys_for(dock, window, args.layers)
            if not keys:
                print(f"{model:10s} {dock:18s} nothing to step through")
                continue
            times = time_switches(window, dock, keys, args.repeats)
            print(f"{model:10s} {dock:18s} {len(times):3d} switches: median {statistics.median(times) * 1e3:6.1f} ms, "
                  f"worst {max(times) * 1e3:6.1f} ms", flush=True)
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
