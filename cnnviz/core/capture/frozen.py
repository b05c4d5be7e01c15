"""Running a model with autograd on but nothing recorded for its weights (attribution, a capture kept for
one backward)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from torch import nn

__all__ = ["frozen_parameters"]


@contextmanager
def frozen_parameters(module: nn.Module) -> Iterator[None]:
    """No parameter of ``module`` requires a gradient while the block runs (so neither the forward pass
    records nor the backward pass computes anything for the weights); each one's flag restored after."""
    saved = [(p, p.requires_grad) for p in module.parameters()]
    try:
        for p, _ in saved:
            p.requires_grad_(False)
        yield
    finally:
        for p, flag in saved:
            p.requires_grad_(flag)
