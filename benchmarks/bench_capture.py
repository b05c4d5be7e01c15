"""Full capture vs a plain forward pass (and TorchLens, if installed), side by side in one run.

    python benchmarks/bench_capture.py [--device cpu|cuda] [--repeats 15] [--models googlenet resnet50]

Prints the median time of each and its ratio to the plain ``torch.no_grad()`` forward:
``modules`` is the capture of every module output alone, ``blocks`` adds block anatomy
(Inception branches, residual identity/residual/sum), as ``cnnviz capture`` does.
Targets: modules <= 1.10x forward on the CPU (<= 1.3x on a GPU) (issue 2); blocks <= 1.05x
modules (issue 3), printed as the last column.
"""

from __future__ import annotations

import argparse
import importlib.util

import torch

from _timing import interleaved, print_row
from cnnviz.core.models import zoo
from cnnviz.core.capture.run import capture
from cnnviz.core.device import resolve_device
from cnnviz.core.memory import keep_freed_memory


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="auto")
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--models", nargs="+", default=["googlenet", "resnet50", "inception_v3"])
    parser.add_argument("--threads", type=int, default=0, help="torch intra-op threads (0: torch's default)")
    parser.add_argument("--default-malloc", action="store_true",
                        help="leave glibc's malloc thresholds alone (cnnviz's app and CLI raise them)")
    args = parser.parse_args()
    tuned = False if args.default_malloc else keep_freed_memory()
    device = resolve_device(args.device)
    if args.threads:
        torch.set_num_threads(args.threads)
    has_torchlens = importlib.util.find_spec("torchlens") is not None
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, device {device}, "
          f"torchlens {'installed' if has_torchlens else 'not installed'}, "
          f"freed memory kept for reuse: {'yes' if tuned else 'no'}")
    for name in args.models:
        model = zoo.build_model(name).eval().to(device)
        x = zoo.example_input(zoo.model_info(name), device=device)

        def plain() -> None:
            with torch.no_grad():
                model(x)

        fns = {"forward": plain, "modules": lambda: capture(model, x, blocks=False),
               "blocks": lambda: capture(model, x)}
        if has_torchlens:
            import torchlens

            from torchlens.options import CaptureOptions

            # unwrap_when_done: TorchLens otherwise leaves torch's functions wrapped, slowing the others
            fns["torchlens"] = lambda: torchlens.trace(model, x, capture=CaptureOptions(unwrap_when_done=True))
        medians = interleaved(fns, args.repeats, device)
        print_row(name, device, medians, "forward")
        print(f"{'':14s} blocks/modules {medians['blocks'] / medians['modules']:.3f}x", flush=True)


if __name__ == "__main__":
    main()
