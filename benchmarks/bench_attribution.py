"""Grad-CAM through the public API vs Captum and vs its floor, side by side in one run.

    python benchmarks/bench_attribution.py [--repeats 11] [--all-repeats 5] [--threads 2] [--size 224]
                                           [--device cpu|cuda] [--models resnet50 googlenet]

Random weights (torchvision's builders), a random 1x3xSxS input, the class explained is the top one
(given to every contender as the same index). The functions of each table run round-robin
(interleaved, so drift on a shared machine hits them alike); medians are printed with ratios, and the
ratio of the fastest runs (less sensitive to other load on a shared machine).

1. One layer (each model's default Grad-CAM layer: ResNet's ``layer4``, GoogLeNet's ``inception5b``):
   ``cnnviz.attribute(model, x, layers=L, target=t)`` vs Captum's ``LayerGradCam(model, L)`` with
   ``relu_attributions=True`` (the same map). Target: at most 1.1x Captum.
2. Every convolution of resnet50 (53 ``Conv2d``): ``cnnviz.attribute(..., layers="all")`` from one pass
   vs its floor (one forward with hooks keeping every convolution's output, parameters frozen, the graph
   starting at the first convolution, and one ``torch.autograd.grad`` from the class logit to all 53
   outputs: no weight gradients, no copies, no maps) and vs
   Captum's ``LayerGradCam`` called once per convolution. Target: at most 1.15x the floor.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import warnings

import torch
import torchvision
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _timing import interleaved_samples  # noqa: E402

TARGET_ONE = 1.10
TARGET_ALL = 1.15


def _build(name: str, device: torch.device) -> nn.Module:
    torch.manual_seed(0)
    kwargs = {"init_weights": True} if name in ("googlenet", "inception_v3") else {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return torchvision.models.get_model(name, weights=None, **kwargs).eval().to(device)


def _floor(model: nn.Module, x: torch.Tensor, convs: list[nn.Module], target: int):
    """One forward keeping every convolution's output, one backward to all of them, nothing else: the
    graph starts at the first convolution (its output made a leaf), no weight gradients, no maps."""
    def keep(kept: list):
        def hook(m: nn.Module, args: object, out: torch.Tensor) -> torch.Tensor | None:
            if not out.requires_grad:
                out = out.detach().requires_grad_(True)
                kept.append(out)
                return out
            kept.append(out)
            return None
        return hook

    def run() -> None:
        kept: list = []
        handles = [m.register_forward_hook(keep(kept)) for m in convs]
        params = [(p, p.requires_grad) for p in model.parameters()]
        try:
            for p, _ in params:
                p.requires_grad_(False)
            logits = model(x)
            torch.autograd.grad(logits[:, target].sum(), kept)
        finally:
            for h in handles:
                h.remove()
            for p, flag in params:
                p.requires_grad_(flag)
    return run


def _table(title: str, samples: dict[str, list[float]], base: str, target: float | None, against: str) -> None:
    med = {k: statistics.median(v) for k, v in samples.items()}
    low = {k: min(v) for k, v in samples.items()}
    print(f"\n{title}")
    for name, t in med.items():
        print(f"  {name:34s} {t * 1e3:9.1f} ms  {t / med[base]:6.2f}x {base}   (fastest {low[name] * 1e3:.1f} ms)",
              flush=True)
    if target is not None:
        ratio = med["cnnviz"] / med[against]
        print(f"  cnnviz / {against}: {ratio:.3f}x median, {low['cnnviz'] / low[against]:.3f}x fastest "
              f"(target <= {target:.2f}x: {'ok' if ratio <= target else 'MISSED'})")


def one_layer(name: str, device: torch.device, args: argparse.Namespace) -> None:
    from captum.attr import LayerGradCam

    from cnnviz import attribute
    from cnnviz.core.analysis.attribution import default_layer

    model = _build(name, device)
    x = torch.randn(1, 3, args.size, args.size, device=device)
    layer = default_layer(model, x)
    with torch.no_grad():
        target = int(model(x).argmax())
    captum = LayerGradCam(model, model.get_submodule(layer))
    fns = {"cnnviz": lambda: attribute(model, x, layers=layer, target=target),
           "captum LayerGradCam": lambda: captum.attribute(x, target=target, relu_attributions=True)}
    diff = (attribute(model, x, layers=layer, target=target)[layer]
            - captum.attribute(x, target=target, relu_attributions=True).detach()).abs().max()
    samples = interleaved_samples(fns, args.repeats, device)
    _table(f"{name} Grad-CAM of {layer} ({device.type}, max |cnnviz - captum| = {float(diff):.1e})",
           samples, "captum LayerGradCam", TARGET_ONE, "captum LayerGradCam")


def all_layers(device: torch.device, args: argparse.Namespace) -> None:
    from captum.attr import LayerGradCam

    from cnnviz import attribute

    model = _build("resnet50", device)
    x = torch.randn(1, 3, args.size, args.size, device=device)
    paths = [p for p, m in model.named_modules() if isinstance(m, nn.Conv2d)]
    convs = [model.get_submodule(p) for p in paths]
    with torch.no_grad():
        target = int(model(x).argmax())
    per_layer = [LayerGradCam(model, m) for m in convs]

    def captum_each() -> None:
        for cam in per_layer:
            cam.attribute(x, target=target, relu_attributions=True)

    fns = {"cnnviz": lambda: attribute(model, x, layers="all", target=target),
           "floor (1 forward + 1 backward)": _floor(model, x, convs, target),
           f"captum LayerGradCam x{len(convs)}": captum_each}
    samples = interleaved_samples(fns, args.all_repeats, device, warmup=1)
    _table(f"resnet50 Grad-CAM of all {len(convs)} convolutions ({device.type})", samples,
           "floor (1 forward + 1 backward)", TARGET_ALL, "floor (1 forward + 1 backward)")
    med = {k: statistics.median(v) for k, v in samples.items()}
    print(f"  cnnviz all-layer is {med[f'captum LayerGradCam x{len(convs)}'] / med['cnnviz']:.1f}x faster than "
          f"Captum called once per convolution ({len(convs)} calls)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="cpu", help="cpu or cuda[:N]")
    parser.add_argument("--repeats", type=int, default=11, help="interleaved runs of the one-layer table")
    parser.add_argument("--all-repeats", type=int, default=5, help="interleaved runs of the all-layer table")
    parser.add_argument("--threads", type=int, default=2, help="torch intra-op threads")
    parser.add_argument("--size", type=int, default=224, help="input side in pixels")
    parser.add_argument("--models", nargs="+", default=["resnet50", "googlenet"], help="for the one-layer table")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    device = torch.device(args.device)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {device}, input 1x3x{args.size}x{args.size}, "
          f"medians of {args.repeats} (one layer) and {args.all_repeats} (all layers) interleaved runs", flush=True)
    for name in args.models:
        one_layer(name, device, args)
    all_layers(device, args)


if __name__ == "__main__":
    main()
