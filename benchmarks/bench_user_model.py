"""Opening the user's own model file in the app, next to opening the same architecture built in, in one run.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_user_model.py [--repeats 7]

Two pairs, each the same architecture twice: the course notes' ``Net`` (``InceptionA``) from a ``.py``
file next to the built-in ``mnist_inception``, and ``torchvision.models.resnet18()`` returned by a
factory in a ``.py`` file next to the built-in ``resnet18``; random weights for both (``--weights none``
for the built-ins, the code's own for the files). The clock starts at ``session.request_model`` (the
code already confirmed, as after the dialog) and stops when every visible dock has painted the new
model's capture of the image shown (the signal ``--screenshot`` waits for). The opens alternate, so
drift hits both alike; the model's plain forward (``torch.no_grad()``, the worker's thread count) is
timed in the same run. Target (issue 11): file - built-in <= forward + 100 ms (CPU).
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

import torch  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from bench_gui_latency import forward_times, wait_for  # noqa: E402
from course_code import INCEPTION_NET_SOURCE  # noqa: E402

from cnnviz.core.inputs.images import sample_images  # noqa: E402
from cnnviz.gui.app import ensure_app  # noqa: E402
from cnnviz.gui.main_window import MainWindow  # noqa: E402
from cnnviz.gui.workers import worker_threads_count  # noqa: E402

RESNET_FACTORY = "import torchvision\n\n\ndef make():\n    return torchvision.models.resnet18()\n"


def open_and_time(window: MainWindow, name: str, weights: str) -> float:
    """Seconds from asking for ``name`` to the window settled on that model's capture of the image shown."""
    session = window.session
    start = time.perf_counter()
    session.request_model(name, weights, "cpu")

    def painted() -> bool:
        result = session.result
        return (result is not None and result.model.request.name == name and session.is_idle()
                and window.is_settled())

    wait_for(painted)
    return time.perf_counter() - start


def measure(window: MainWindow, pair: tuple[tuple[str, str], tuple[str, str]], repeats: int) -> dict[str, list[float]]:
    (builtin, b_weights), (code, c_weights) = pair
    open_and_time(window, builtin, b_weights)  # warm-up: the first import of everything
    open_and_time(window, code, c_weights)
    samples: dict[str, list[float]] = {"builtin": [], "file": [], "forward": []}
    for _ in range(repeats):
        samples["builtin"].append(open_and_time(window, builtin, b_weights))
        samples["file"].append(open_and_time(window, code, c_weights))
        module = window.session.model.loaded.module
        x = torch.zeros_like(window.session.result.capture["input"])
        samples["forward"] += forward_times(module, x, worker_threads_count(), 1)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cnnviz-bench-"))
    (folder / "course_net.py").write_text(INCEPTION_NET_SOURCE, encoding="utf-8")
    (folder / "resnet_factory.py").write_text(RESNET_FACTORY, encoding="utf-8")
    ensure_app()
    window = MainWindow(settings=None)
    window.show()
    session = window.session
    session.trust_code = True  # confirmed once, as the dialog would
    samples = sorted(sample_images())
    pairs = {
        "course Net (InceptionA), 1x28x28": (("mnist_inception", "none"), (f"{folder / 'course_net.py'}:Net", "default"),
                                             next(str(p) for p in samples if p.stem.startswith("digit"))),
        "resnet18, 3x224x224": (("resnet18", "none"), (f"{folder / 'resnet_factory.py'}:make", "default"),
                                next(str(p) for p in samples if p.suffix == ".jpg")),
    }
    print(f"cpu, {worker_threads_count()} worker thread(s), {os.cpu_count()} cores; medians of {args.repeats} "
          "alternating opens, request -> every visible dock painted")
    for label, (builtin, code, image) in pairs.items():
        session.open_paths([image])  # captured by each model opened next
        med = {k: statistics.median(v) * 1e3 for k, v in measure(window, (builtin, code), args.repeats).items()}
        extra = med["file"] - med["builtin"]
        verdict = "within" if extra <= med["forward"] + 100 else "OVER"
        print(f"{label}: built-in {med['builtin']:.1f} ms, file {med['file']:.1f} ms, "
              f"file - built-in {extra:+.1f} ms; forward {med['forward']:.1f} ms -> {verdict} the target "
              f"(forward + 100 = {med['forward'] + 100:.1f} ms)")
    window.close()
    QApplication.processEvents()


if __name__ == "__main__":
    main()
