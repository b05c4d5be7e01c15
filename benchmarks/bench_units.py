"""``top_units`` vs the model's plain batched inference over the same images, interleaved.

    python benchmarks/bench_units.py [--cases digits folder] [--images 1797 256] [--batch-size 64]
                                     [--workers 2] [--repeats 3] [--threads 2] [--device cpu|cuda]

Cases:

- ``digits``: ``mnist_inception`` (bundled weights) over the UCI digits, layer ``incep2`` (``--images`` of them);
- ``folder``: ``resnet18`` (random weights from torchvision's builder) over a folder of generated 224x224 PNGs
  (written to a temporary folder), layer ``layer3``.

Per case these run round-robin (interleaved, so drift on a shared machine hits them alike), median seconds each:

- ``plain``: ``model(x)`` under ``torch.no_grad()`` in eval mode over batches decoded and preprocessed beforehand,
- ``units-mem``: ``top_units`` over the same preprocessed images held in memory
  (``UnitsDataset.from_tensor``): the hook, the per-batch top-k and the DataLoader,
- ``units``: ``top_units`` over the source as ``cnnviz units`` opens it (the digits, or the folder decoded by
  ``--workers`` DataLoader worker processes).

Throughput ratio = plain seconds / units seconds; the target (issue 13) is at least 0.8x.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._timing import interleaved  # noqa: E402
from cnnviz.core.analysis.units import top_units  # noqa: E402
from cnnviz.core.inputs.units_data import UnitsDataset, collate_units, open_units_dataset  # noqa: E402
from cnnviz.core.spec import InputSpec  # noqa: E402

TARGET = 0.8


def _write_folder(root: Path, n: int) -> None:
    from PIL import Image, ImageDraw

    rng = np.random.default_rng(0)
    for k in range(n):
        image = Image.fromarray(rng.integers(0, 255, (224, 224, 3), dtype=np.uint8))
        box = sorted(rng.integers(0, 224, 4).tolist())
        ImageDraw.Draw(image).ellipse((box[0], box[1], box[2] + 1, box[3] + 1), fill=tuple(rng.integers(0, 255, 3)))
        image.save(root / f"img{k:05d}.png")


def _case(name: str, n: int, tmp: Path, device: torch.device):
    """The model, the layer, the dataset as ``cnnviz units`` opens it."""
    if name == "digits":
        from cnnviz.core.models.loader import load_model

        loaded = load_model("mnist_inception", device=device)
        return loaded.module, "incep2", open_units_dataset("digits", loaded.info.input, limit=n)
    import torchvision

    folder = tmp / "images"
    folder.mkdir()
    _write_folder(folder, n)
    model = torchvision.models.resnet18(weights=None).eval().to(device)
    return model, "layer3", open_units_dataset(str(folder), InputSpec())


def run_case(name: str, n: int, args: argparse.Namespace, tmp: Path) -> float:
    device = torch.device(args.device)
    model, layer, dataset = _case(name, n, tmp, device)
    images = torch.cat([x for x, _, _ in torch.utils.data.DataLoader(
        dataset, batch_size=args.batch_size, collate_fn=collate_units, num_workers=args.workers)])
    batches = [b.to(device) for b in images.split(args.batch_size)]
    memory = UnitsDataset.from_tensor(images, dataset.spec, source=name)
    workers = args.workers if name == "folder" else 0

    def plain() -> None:
        with torch.no_grad():
            for b in batches:
                model(b)

    fns = {
        "plain": plain,
        "units-mem": lambda: top_units(model, memory, layer, top=9, batch_size=args.batch_size),
        "units": lambda: top_units(model, dataset, layer, top=9, batch_size=args.batch_size, num_workers=workers),
    }
    medians = interleaved(fns, args.repeats, device, warmup=1)
    base = medians["plain"]
    cells = "  ".join(f"{k} {v:7.2f} s ({len(images) / v:7.1f} img/s, {base / v:4.2f}x)" for k, v in medians.items())
    print(f"{name:7s} {device.type:4s} {len(images):5d} images  {cells}", flush=True)
    return base / medians["units"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", nargs="+", default=["digits", "folder"], choices=["digits", "folder"])
    parser.add_argument("--images", nargs="+", type=int, default=[1797, 256], help="per case, in order")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2, help="DataLoader workers decoding the folder")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    ratios = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i, case in enumerate(args.cases):
            n = args.images[min(i, len(args.images) - 1)]
            work = Path(tmp) / case
            work.mkdir()
            ratios[case] = run_case(case, n, args, work)
    ok = all(r >= TARGET for r in ratios.values())
    print("units throughput / plain inference: " + ", ".join(f"{k} {v:.2f}x" for k, v in ratios.items()) +
          f"  (target >= {TARGET}x: {'met' if ok else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
