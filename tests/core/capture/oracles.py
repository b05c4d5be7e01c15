"""Independent references the tests compare cnnviz against."""

from __future__ import annotations

import torch
from torch import nn


def reference_capture(model: nn.Module, x: torch.Tensor) -> dict[str, torch.Tensor]:
    """What a plain forward hook that clones every output records (the exactness oracle)."""
    recorded: dict[str, torch.Tensor] = {}
    counts: dict[str, int] = {}
    handles = []

    def make(path: str):
        def hook(module, args, output):
            if isinstance(output, torch.Tensor):
                counts[path] = counts.get(path, 0) + 1
                key = path if counts[path] == 1 else f"{path}#{counts[path]}"
                recorded[key] = output.detach().clone()
        return hook

    for path, module in model.named_modules():
        if path:
            handles.append(module.register_forward_hook(make(path)))
    try:
        with torch.no_grad():
            model(x)
    finally:
        for h in handles:
            h.remove()
    return recorded
