"""feature_mosaic on GoogLeNet-sized activations: median milliseconds per call, CPU (and CUDA if present).

    python benchmarks/bench_render.py [--repeats 20] [--threads N]

Each call normalises, orders by mean, tiles and converts to uint8 on the tensor's device and moves
the one uint8 mosaic to the host, which is what a feature-map panel pays per layer.
"""

from __future__ import annotations

import argparse

import torch

from _timing import interleaved
from cnnviz.core.views.mosaic import feature_mosaic

SHAPES = [(64, 112, 112), (192, 56, 56), (480, 28, 28), (832, 14, 14), (832, 7, 7), (1024,)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--threads", type=int, default=0, help="torch intra-op threads (0: torch's default)")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    devices = [torch.device("cpu")] + ([torch.device("cuda")] if torch.cuda.is_available() else [])
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, median of {args.repeats}")
    for device in devices:
        for shape in SHAPES:
            act = torch.relu(torch.randn(shape, device=device))
            fns = {
                "layer/index": lambda: feature_mosaic(act),
                "channel/mean": lambda: feature_mosaic(act, normalize="channel", order="mean"),
            }
            medians = interleaved(fns, args.repeats, device)
            cells = "  ".join(f"{name} {t * 1e3:7.2f} ms" for name, t in medians.items())
            size = feature_mosaic(act).image.shape
            print(f"{device.type:5s} {str(list(shape)):16s} -> {str(size):12s} {cells}", flush=True)


if __name__ == "__main__":
    main()
