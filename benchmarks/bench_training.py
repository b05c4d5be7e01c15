"""Training throughput headless vs with a probe capture every N steps, side by side in one run.

    python benchmarks/bench_training.py [--model mnist_inception] [--dataset digits] [--steps 50]
                                        [--repeats 5] [--probe-every 1 10 25] [--device cpu] [--threads 0]

Each repeat runs ``--steps`` training steps headless, then the same number with a probe (what the
GUI's live docks receive: ``capture(model, image)`` of one validation image, made inside the
training thread) for each ``--probe-every`` value, round-robin so that drift on a shared machine hits
every variant alike. Prints the median steps/s of each and its ratio to headless.
Target (issue 6): >= 0.9x headless with the live docks on.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import time

import torch

from cnnviz.core.models import zoo
from cnnviz.core.inputs.datasets import load_dataset
from cnnviz.core.device import resolve_device
from cnnviz.core.training.loop import TrainConfig, train


def steps_per_second(model, split, config: TrainConfig, steps: int, probe_every: int | None) -> float:
    """Steps/s over ``steps`` steps after two warm-up steps (one probe per ``probe_every`` steps, or none)."""
    probe = (lambda cap: None) if probe_every else None
    config = TrainConfig(**{**config.to_dict(), "probe_every": probe_every or 1, "epochs": 10_000})
    records = train(model, split, config, probe=probe)
    start = None
    try:
        for record in itertools.islice((r for r in records if r.kind == "step"), steps + 2):
            if record.step == 2:  # each step ends with a device sync (the loss is read as a float)
                start = time.perf_counter()
    finally:
        records.close()
    return steps / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="mnist_inception")
    parser.add_argument("--dataset", default="digits")
    parser.add_argument("--steps", type=int, default=50)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--probe-every", type=int, nargs="+", default=[1, 10, 25])
    parser.add_argument("--device", default="auto")
    parser.add_argument("--threads", type=int, default=0, help="torch intra-op threads (0: torch's default)")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    device = resolve_device(args.device)
    info = zoo.model_info(args.model)
    split = load_dataset(args.dataset, spec=info.input)
    model = zoo.build_model(args.model, num_classes=len(split.class_names))
    config = TrainConfig(batch_size=args.batch_size, device=str(device))
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, device {device}, {args.model} on "
          f"{args.dataset}, batch {args.batch_size}, {args.steps} steps x {args.repeats} repeats")
    variants: dict[str, int | None] = {"headless": None, **{f"probe/{n}": n for n in args.probe_every}}
    samples: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(args.repeats):
        for name, every in variants.items():
            samples[name].append(steps_per_second(model, split, config, args.steps, every))
    base = statistics.median(samples["headless"])
    for name, values in samples.items():
        rate = statistics.median(values)
        print(f"{name:10s} {rate:8.2f} steps/s  {rate * args.batch_size:9.0f} img/s  ({rate / base:5.3f}x headless)",
              flush=True)


if __name__ == "__main__":
    main()
