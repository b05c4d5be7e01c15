"""Capture through the public API vs a plain forward pass, side by side, each model in a fresh process.

    python benchmarks/bench_capture.py [--repeats 11] [--models googlenet resnet50 inception_v3 efficientnet_b0]
                                       [--threads 2] [--device cpu|cuda|both]

Each model is measured in its own fresh process that imports only ``from cnnviz import capture``
and calls nothing else of cnnviz (no ``keep_freed_memory``, no model loader: random weights from
torchvision's builders), as a user's script would. In that process the functions below run
round-robin (interleaved, so drift on a shared machine hits them alike) and the median of each is
printed with its ratio to the plain ``torch.no_grad()`` forward:

- ``capture``: ``cnnviz.capture(model, x)`` (every module output and block parts, as ``cnnviz capture``),
- ``modules``: ``cnnviz.capture(model, x, blocks=False)``,
- ``ref-hooks``: forward hooks on every module that only keep a reference to each output (registered
  and removed per call, as any scoped capture must); the floor for a hook-based capture,
- ``noop-hooks``: forward hooks that do nothing (the cost of Python running per module call).

Targets (issue 10): ``capture`` at most 1.10x the forward for googlenet, resnet50 and inception_v3,
at most 1.25x for efficientnet_b0, at most 1.3x on a GPU. The summary table puts the models side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys

TARGETS_CPU = {"googlenet": 1.10, "resnet50": 1.10, "inception_v3": 1.10, "efficientnet_b0": 1.25}
TARGET_GPU = 1.3
COLUMNS = ("forward", "capture", "modules", "ref-hooks", "noop-hooks")


def _build(name: str):
    import torchvision

    kwargs = {"init_weights": True} if name in ("googlenet", "inception_v3") else {}
    return torchvision.models.get_model(name, weights=None, **kwargs)


def _hooked(model, x, make_hook):
    import torch

    def run() -> None:
        handles = [m.register_forward_hook(make_hook()) for p, m in model.named_modules() if p]
        try:
            with torch.no_grad():
                model(x)
        finally:
            for h in handles:
                h.remove()
    return run


def child(name: str, device_name: str, repeats: int, threads: int) -> None:
    """Measure one model in this (fresh) process and print one JSON line of medians."""
    import torch

    from cnnviz import capture  # the public API, nothing else of cnnviz

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from _timing import interleaved_samples

    torch.set_num_threads(threads)
    torch.manual_seed(0)
    device = torch.device(device_name)
    model = _build(name).eval().to(device)
    size = 299 if name == "inception_v3" else 224
    x = torch.randn(1, 3, size, size, device=device)
    kept: list = []

    def keep_ref():
        def hook(module, args, output) -> None:
            kept.append(output)
        return hook

    def noop():
        def hook(module, args, output) -> None:
            return None
        return hook

    def forward() -> None:
        with torch.no_grad():
            model(x)

    def keeping() -> None:
        _hooked(model, x, keep_ref)()
        kept.clear()

    fns = {"forward": forward, "capture": lambda: capture(model, x),
           "modules": lambda: capture(model, x, blocks=False),
           "ref-hooks": keeping, "noop-hooks": _hooked(model, x, noop)}
    samples = interleaved_samples(fns, repeats, device)
    print(json.dumps({"model": name, "device": device.type, "threads": torch.get_num_threads(),
                      "torch": torch.__version__,
                      "medians": {k: statistics.median(v) for k, v in samples.items()},
                      "mins": {k: min(v) for k, v in samples.items()}}), flush=True)


def _measure(name: str, device: str, args: argparse.Namespace) -> dict:
    cmd = [sys.executable, os.path.abspath(__file__), "--child", name, "--device", device,
           "--repeats", str(args.repeats), "--threads", str(args.threads)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _print_table(rows: list[dict]) -> None:
    print(f"{'model':16s} {'dev':4s} " + " ".join(f"{c:>19s}" for c in COLUMNS) + "   target    (min-ratio)")
    for row in rows:
        m, lows = row["medians"], row["mins"]
        ref = m["forward"]
        cells = " ".join(f"{m[c] * 1e3:8.1f} ms {m[c] / ref:5.2f}x" for c in COLUMNS)
        target = TARGET_GPU if row["device"] == "cuda" else TARGETS_CPU.get(row["model"])
        verdict = "" if target is None else (f"<= {target:.2f}x " +
                                             ("ok    " if m["capture"] / ref <= target else "MISSED"))
        fastest = f"({lows['capture'] / lows['forward']:.2f}x)"
        print(f"{row['model']:16s} {row['device']:4s} {cells}   {verdict} {fastest}", flush=True)
    print("ratios: median capture / median forward; (min-ratio): fastest capture / fastest forward, "
          "less sensitive to other load on a shared machine", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="auto", help="cpu, cuda, or auto (cpu, and cuda where it exists)")
    parser.add_argument("--repeats", type=int, default=11)
    parser.add_argument("--models", nargs="+", default=list(TARGETS_CPU))
    parser.add_argument("--threads", type=int, default=2, help="torch intra-op threads")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.device, args.repeats, args.threads)
        return
    import torch

    devices = [args.device] if args.device != "auto" else ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])
    print(f"torch {torch.__version__}, {args.threads} threads, median of {args.repeats} interleaved runs, "
          f"a fresh process per model and device, public API only (from cnnviz import capture)", flush=True)
    rows = []
    for device in devices:
        for name in args.models:
            rows.append(_measure(name, device, args))
            print(f"  measured {name} on {device}", file=sys.stderr, flush=True)
    _print_table(rows)


if __name__ == "__main__":
    main()
