"""What the shared-weights page asks the render worker for, and what comes back (Qt-free, plain values).

:func:`compute` runs :func:`cnnviz.core.lessons.shared_weights.shift_study` under the model's lock and turns the
selected layer's maps (original and moved, on one colour scale) and the moved input into uint8 pictures.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import Tensor, nn

from ...core.errors import CnnvizError, user_message
from ...core.lessons.shared_weights import (LayerMove, WeightCount, black_value, shift_study, weight_count)
from ...core.views.colormaps import lut
from ...core.views.mosaic import Grid, feature_mosaic
from ..jobs import ModelResult

MAX_CHANNELS = 6  # maps drawn per side, in 3 columns: few enough to see them move


@dataclass(frozen=True)
class ShiftJob:
    """One request: move ``x`` by ``(dx, dy)`` and ``angle``; draw ``layer``'s maps with ``cmap``."""

    key: tuple
    model: ModelResult
    x: Tensor
    dx: int
    dy: int
    angle: float
    layer: str
    cmap: str


@dataclass(frozen=True)
class ShiftView:
    """The numbers and pictures of one request (``error``: the one line to show instead)."""

    key: tuple
    layers: tuple[LayerMove, ...] = ()
    original_class: int = 0
    original_probability: float = 0.0
    moved_class: int = 0
    moved_probability: float = 0.0
    original_input: np.ndarray | None = None
    moved_input: np.ndarray | None = None
    original_maps: np.ndarray | None = None
    moved_maps: np.ndarray | None = None
    grid: Grid | None = None
    channels: int = 0  # of the selected layer (the first MAX_CHANNELS are drawn)
    weights: WeightCount | None = None
    class_names: tuple[str, ...] = ()
    error: str = ""

    def layer(self, key: str) -> LayerMove | None:
        return next((layer for layer in self.layers if layer.key == key), None)


def input_picture(x: Tensor, mean, std) -> np.ndarray:
    """A model input ``[1, C, H, W]`` as the uint8 picture it stands for (grey or RGB)."""
    m = torch.as_tensor(mean, dtype=x.dtype, device=x.device).view(-1, 1, 1)
    s = torch.as_tensor(std, dtype=x.dtype, device=x.device).view(-1, 1, 1)
    pixels = (x[0] * s + m).clamp(0, 1).mul(255).round().to(torch.uint8).cpu().numpy()
    return np.ascontiguousarray(pixels[0] if pixels.shape[0] == 1 else pixels.transpose(1, 2, 0))


def _maps(a: Tensor, b: Tensor, cmap: str) -> tuple[np.ndarray, np.ndarray, Grid]:
    top = float(torch.maximum(a.abs().amax(), b.abs().amax()))
    signed = bool((a < 0).any() or (b < 0).any())
    name = cmap if cmap != "auto" else ("coolwarm" if signed else "magma")
    table = lut(name)
    first = feature_mosaic(a, max_channels=MAX_CHANNELS, cols=3, scale=top, signed=signed)
    second = feature_mosaic(b, max_channels=MAX_CHANNELS, cols=3, scale=top, signed=signed)
    return np.ascontiguousarray(table[first.image]), np.ascontiguousarray(table[second.image]), first.grid


def _weights(module: nn.Module, summary, layer: str) -> WeightCount | None:
    """The selected layer's weight count when it is a convolution, else the model's first convolution's."""
    convs = [name for name, m in module.named_modules() if isinstance(m, nn.modules.conv._ConvNd)]
    for key in ([layer] if layer in convs else []) + convs[:1]:
        try:
            return weight_count(module, summary, key)
        except CnnvizError:
            continue
    return None


def compute(job: ShiftJob) -> ShiftView:
    """Run in the render worker: the study, the selected layer's pictures and the weight count."""
    loaded, summary = job.model.loaded, job.model.summary
    spec = loaded.info.input
    try:
        with job.model.lock:
            study = shift_study(loaded.module, job.x, job.dx, job.dy, job.angle, summary=summary,
                                fill=black_value(spec))
            weights = None if summary is None else _weights(loaded.module, summary, job.layer)
        maps = None
        if job.layer in study.original and study.original[job.layer].dim() == 4:
            maps = _maps(study.original[job.layer], study.moved[job.layer], job.cmap)
    except Exception as exc:  # a user's cause (a shift too large for the model's input...) is one line
        message = user_message(exc)
        if message is None:
            raise
        return ShiftView(job.key, error=message)
    first, second, grid = maps if maps is not None else (None, None, None)
    channels = int(study.original[job.layer].shape[1]) if maps is not None else 0
    return ShiftView(job.key, study.layers, study.original_class, study.original_probability, study.moved_class,
                     study.moved_probability, input_picture(job.x, spec.mean, spec.std),
                     input_picture(study.moved_input, spec.mean, spec.std), first, second, grid, channels, weights,
                     tuple(loaded.info.class_names))
