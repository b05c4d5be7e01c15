"""What every attribution method shares: the model's mode and parameters left as they were, the logits
of any model's output, the class each map explains, and the layer keys a model has.

Layer keys are the capture's (DESIGN.md, "Capture keys"): a module path, and ``<path>#2``, ``<path>#3``...
for a module's later calls in one forward pass.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import torch
from torch import Tensor, nn

from ..capture.records import logits_of
from ..errors import CnnvizError
from ..i18n import translator
from ..capture.frozen import frozen_parameters

tr = translator(__name__)

__all__ = ["as_module", "class_targets", "convolutions", "frozen_parameters", "mode", "split_key"]

Target = int | Sequence[int] | Tensor | None


def as_module(model: Any) -> nn.Module:
    """The ``nn.Module`` of ``model`` (a :class:`~cnnviz.core.models.loader.LoadedModel` or a module)."""
    module = getattr(model, "module", model)
    if not isinstance(module, nn.Module):
        raise CnnvizError(tr("attribution needs a torch.nn.Module, not {type}").format(type=type(module).__name__))
    return module


@contextmanager
def mode(module: nn.Module, train_mode: bool) -> Iterator[None]:
    """``module`` in train or eval mode while the block runs; every submodule's own flag restored after."""
    saved = [(m, m.training) for m in module.modules()]
    if any(training != train_mode for _, training in saved):
        module.train(train_mode)
    try:
        yield
    finally:
        for m, training in saved:
            m.training = training


def forward_logits(module: nn.Module):
    """``module`` as a function of its input returning logits (GoogLeNet's namedtuples give ``.logits``)."""
    def forward(inputs: Tensor) -> Tensor:
        return logits_of(module(inputs))
    return forward


def class_targets(logits: Tensor, target: Target) -> Tensor:
    """The class index each sample's map explains (``(N,)`` long, on the logits' device).

    ``None``: each sample's top class; an int: that class for every sample; a sequence: one per sample.
    A class outside the model's says the range.
    """
    if logits.ndim != 2:
        raise CnnvizError(tr("attribution needs logits of shape (N, classes); the model gave {shape}").format(
            shape=tuple(logits.shape)))
    n, classes = logits.shape
    if target is None:
        return logits.detach().argmax(dim=1)
    if isinstance(target, Tensor):
        target = target.reshape(-1).tolist()
    values = list(target) if isinstance(target, (list, tuple)) else [target]
    for i, value in enumerate(values):
        try:
            if isinstance(value, bool):
                raise TypeError
            values[i] = value = operator.index(value)  # an int, numpy's integers, a 0-d integer tensor
        except TypeError:
            raise CnnvizError(tr("target class must be an integer, not {value!r}").format(value=value)) from None
        if not 0 <= value < classes:
            raise CnnvizError(tr("target class {value} is outside the model's classes 0-{last}").format(
                value=value, last=classes - 1))
    if len(values) == 1:
        values = values * n
    if len(values) != n:
        raise CnnvizError(tr("{targets} target classes for a batch of {n} inputs").format(targets=len(values), n=n))
    return torch.tensor(values, dtype=torch.long, device=logits.device)


def split_key(key: str) -> tuple[str, int]:
    """``"layer1.0.relu#2"`` -> ``("layer1.0.relu", 2)``; a plain path is its module's first call."""
    path, sep, call = key.rpartition("#")
    if sep and call.isdigit() and int(call) >= 1:
        return path, int(call)
    return key, 1


def convolutions(module: nn.Module) -> list[str]:
    """The paths of ``module``'s 2-D convolutions, in the order they were registered."""
    return [p for p, m in module.named_modules() if p and isinstance(m, nn.Conv2d)]
