"""Statistics of activations: one layer's histogram, and zeros along depth.

- :func:`layer_histogram`: the distribution of one captured tensor (NaN and infinities counted apart).
- :func:`depth_statistics`: per module output, in forward order, the fraction of exact zeros, the
  channels that are zero over the whole input, mean and standard deviation, and whether the layer is an
  activation or follows one (where zeros mean something: a ReLU's output, the max-pool after it).

Channel activity over a dataset is in :mod:`.channel_activity`.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

import torch
from torch import Tensor

from ..errors import CnnvizError
from ..i18n import translator

tr = translator(__name__)

__all__ = ["ACTIVATIONS", "UPPER_BOUNDS", "Histogram", "LayerStats", "depth_statistics", "layer_histogram"]

#: module class names counted as activations
ACTIVATIONS = frozenset({
    "ReLU", "ReLU6", "LeakyReLU", "PReLU", "RReLU", "ELU", "SELU", "CELU", "GELU", "SiLU", "Mish",
    "Hardswish", "Hardsigmoid", "Hardtanh", "Sigmoid", "Tanh", "Softplus", "Threshold", "LogSigmoid",
    "Tanhshrink", "Softsign",
})
#: modules that keep an activation's zeros zero (a layer after one of these still "follows" the activation)
_ZERO_KEEPING = frozenset({"MaxPool1d", "MaxPool2d", "MaxPool3d", "AdaptiveMaxPool1d", "AdaptiveMaxPool2d",
                           "AdaptiveMaxPool3d", "Dropout", "Dropout2d", "Dropout1d", "Dropout3d",
                           "AlphaDropout", "Flatten", "Identity", "Unflatten"})
#: activations bounded above, and their upper bound (a channel "saturates" when it sits at it)
UPPER_BOUNDS = {"ReLU6": 6.0, "Hardsigmoid": 1.0}


@dataclass(frozen=True)
class Histogram:
    """The distribution of one tensor's finite values.

    Attributes
    ----------
    counts
        ``bins`` counts; ``sum(counts)`` is the number of finite elements.
    edges
        ``bins + 1`` bin edges (the last bin includes its right edge). A constant tensor gets
        edges ``value - 0.5 .. value + 0.5``; one with no finite value gets ``0 .. 1`` and zero counts.
    min, max, mean, std
        Of the finite values (``None`` when there is none; ``std`` is the population standard deviation).
    nan, posinf, neginf
        Elements left out of the counts.
    numel
        Elements in the tensor.
    """

    counts: tuple[int, ...]
    edges: tuple[float, ...]
    min: float | None
    max: float | None
    mean: float | None
    std: float | None
    nan: int
    posinf: int
    neginf: int
    numel: int

    def to_json_dict(self) -> dict:
        return asdict(self)


def layer_histogram(t: Tensor, bins: int = 64) -> Histogram:
    """The histogram of one captured activation (any shape, on any device).

    Parameters
    ----------
    t
        The tensor (e.g. ``cap["layer1.0"]``).
    bins
        Number of equal-width bins between the finite minimum and maximum.

    Returns
    -------
    Histogram
    """
    if not isinstance(t, Tensor):
        raise CnnvizError(tr("a histogram needs a tensor, not {type}").format(type=type(t).__name__))
    if isinstance(bins, bool) or not isinstance(bins, int) or bins < 1:
        raise CnnvizError(tr("the number of bins must be a positive integer, not {bins!r}").format(bins=bins))
    x = t.detach().reshape(-1)
    x = x.to(torch.float64)
    finite_mask = torch.isfinite(x)
    nan = int(torch.isnan(x).sum())
    posinf = int((x == math.inf).sum())
    neginf = int((x == -math.inf).sum())
    finite = x[finite_mask]
    if finite.numel() == 0:
        return Histogram((0,) * bins, tuple(float(e) for e in torch.linspace(0.0, 1.0, bins + 1)),
                         None, None, None, None, nan, posinf, neginf, t.numel())
    lo, hi = float(finite.min()), float(finite.max())
    a, b = (lo - 0.5, hi + 0.5) if lo == hi else (lo, hi)
    counts = torch.histc(finite, bins=bins, min=a, max=b).tolist()
    edges = torch.linspace(a, b, bins + 1, dtype=torch.float64)
    return Histogram(tuple(int(c) for c in counts), tuple(float(e) for e in edges), lo, hi,
                     float(finite.mean()), float(finite.std(correction=0)), nan, posinf, neginf, t.numel())


@dataclass(frozen=True)
class LayerStats:
    """One module output's statistics (see :func:`depth_statistics`).

    Attributes
    ----------
    name, type, shape
        The capture key, the module's class name, the output's shape.
    is_activation, follows_activation
        An activation module; a zero-keeping module (max-pool, dropout, flatten) right after one.
    zero_fraction
        Share of the elements exactly 0.
    zero_channels
        Channels exactly 0 at every position of every image (``zero_channel_count`` of them).
    mean, std
        Of the finite elements (population standard deviation).
    """

    name: str
    type: str
    shape: tuple[int, ...]
    is_activation: bool
    follows_activation: bool
    zero_fraction: float
    zero_channels: tuple[int, ...]
    mean: float
    std: float

    @property
    def zero_channel_count(self) -> int:
        return len(self.zero_channels)

    def to_json_dict(self) -> dict:
        return {**asdict(self), "shape": list(self.shape), "zero_channels": list(self.zero_channels),
                "zero_channel_count": self.zero_channel_count}


def _module_outputs(cap: Any) -> list[tuple[str, str, Tensor]]:
    return [(k, cap.module_types[k], cap[k]) for k in cap if k in cap.module_types and isinstance(cap[k], Tensor)]


def _follows(entries: list[tuple[str, str, Tensor]]) -> list[bool]:
    """Whether each layer's output still carries an activation's zeros: a zero-keeping module (max-pool,
    dropout, flatten, a ``Sequential`` ending in one) run right after an activation or after another such."""
    out, carrying = [], False
    for _, kind, _ in entries:
        keeps = carrying and (kind in _ZERO_KEEPING or kind == "Sequential")
        out.append(keeps)
        carrying = kind in ACTIVATIONS or keeps
    return out


def depth_statistics(cap: Any) -> list[LayerStats]:
    """Per module output, in forward order: zeros, all-zero channels, mean and standard deviation.

    Parameters
    ----------
    cap
        A :class:`~cnnviz.core.capture.records.Capture` (``cnnviz.capture(model, x)``).

    Returns
    -------
    list of LayerStats
        One per module output (keys like ``features.1``, ``relu#2``). ``zero_fraction`` is the share of
        elements exactly 0; ``zero_channels`` the channels (dim 1) that are exactly 0 at every position
        of every image in the batch (for a ``[B, C]`` output, every image); ``is_activation`` marks
        activation modules (:data:`ACTIVATIONS`) and ``follows_activation`` the zero-keeping modules
        (max-pool, dropout, flatten) run right after one or after another such, whose output keeps
        its zeros: in both, zeros mean "not firing" (a convolution fed by a ReLU is not marked). Mean and std are over the finite elements.
    """
    if not hasattr(cap, "module_types"):
        raise CnnvizError(tr("depth statistics need a Capture (cnnviz.capture(model, x)), not {type}").format(
            type=type(cap).__name__))
    entries = _module_outputs(cap)
    stats = []
    for (name, kind, t), follows in zip(entries, _follows(entries)):
        x = t.detach()
        finite = x[torch.isfinite(x)].to(torch.float64) if x.is_floating_point() else x.to(torch.float64)
        zeros = x == 0
        if x.dim() >= 2:
            per_channel = zeros.transpose(0, 1).reshape(x.shape[1], -1).all(dim=1)
            channels = tuple(int(i) for i in torch.nonzero(per_channel).reshape(-1))
        else:
            channels = ()
        mean = float(finite.mean()) if finite.numel() else math.nan
        std = float(finite.std(correction=0)) if finite.numel() else math.nan
        stats.append(LayerStats(name, kind, tuple(x.shape), kind in ACTIVATIONS, follows,
                                float(zeros.sum()) / max(x.numel(), 1), channels, mean, std))
    return stats
