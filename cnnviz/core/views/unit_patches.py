"""What a top unit saw: the receptive-field patch of a channel's peak, cut out of the input picture.

The Units dock ranks, per channel of a layer, the images whose channel maximum is highest and where that
maximum is (``y``, ``x`` in the layer's output). The part of the image that position sees is its receptive
field window (:func:`cnnviz.core.analysis.layer_facts.unit_window`), which may reach into the padding: here it
is clipped at the picture's borders. Pictures are the model's view (inversion, resize and crop as
:func:`cnnviz.core.inputs.images.model_view` makes them), recovered from the preprocessed tensor by undoing the
normalisation. No Qt here; everything is numpy/torch on the CPU (tiny pictures).
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from PIL import Image
import torch
from torch import Tensor

from ..analysis.layer_facts import unit_window
from ..analysis.summary import Summary
from ..errors import CnnvizError
from ..i18n import translator
from ..spec import InputSpec

tr = translator(__name__)

__all__ = ["Box", "UnitTile", "enlarged", "input_picture", "outlined", "patch_box", "source_png", "top_tiles",
           "unit_patch"]

Box = tuple[int, int, int, int]  # top, bottom, left, right (bottom and right excluded), inside the picture
OUTLINE = (255, 96, 0)


def input_picture(tensor: Tensor, spec: InputSpec) -> np.ndarray:
    """The model's input tensor as the picture it was made from (the normalisation undone).

    Parameters
    ----------
    tensor
        ``C x H x W`` (or ``1 x C x H x W``), preprocessed with ``spec``.
    spec
        The model's input contract (its ``mean`` and ``std``).

    Returns
    -------
    numpy.ndarray
        C-contiguous uint8, ``H x W`` for one channel, ``H x W x 3`` for three.
    """
    t = tensor.detach()
    if t.dim() == 4 and t.shape[0] == 1:
        t = t[0]
    if t.dim() != 3 or t.shape[0] not in (1, 3):
        raise CnnvizError(tr("an input picture needs a 1 or 3 channel C x H x W tensor, got shape {shape}").format(
            shape=tuple(tensor.shape)))
    t = t.to("cpu", torch.float32)
    channels = t.shape[0]
    mean = torch.as_tensor(_per_channel(spec.mean, channels), dtype=torch.float32).view(-1, 1, 1)
    std = torch.as_tensor(_per_channel(spec.std, channels), dtype=torch.float32).view(-1, 1, 1)
    pixels = torch.nan_to_num(t * std + mean, nan=0.0).clamp_(0.0, 1.0).mul_(255.0).round_().to(torch.uint8)
    array = pixels[0].numpy() if channels == 1 else pixels.permute(1, 2, 0).numpy()
    return np.ascontiguousarray(array)


def _per_channel(values: tuple[float, ...], channels: int) -> tuple[float, ...]:
    values = tuple(values)
    if len(values) == channels:
        return values
    if len(values) == 1:
        return values * channels
    raise CnnvizError(tr("the input spec has {count} mean/std values for {channels} channel(s)").format(
        count=len(values), channels=channels))


def patch_box(summary: Summary | None, layer: str, y: int, x: int, shape: tuple[int, int]) -> Box:
    """Where unit ``(y, x)`` of ``layer`` looks in a picture of ``shape`` (height, width), clipped at its borders.

    The whole picture when the layer sees all of it, or its receptive field is unknown (no summary, a
    layer the summary lacks). Never empty: a window wholly outside the picture (it cannot be, for a real
    unit) gives the nearest border pixel.
    """
    height, width = int(shape[0]), int(shape[1])
    if height < 1 or width < 1:
        raise CnnvizError(tr("cannot cut a patch out of an empty picture ({height} x {width})").format(
            height=height, width=width))
    window = unit_window(summary, layer, int(y), int(x)) if summary is not None else None
    if window is None:
        return 0, height, 0, width
    top, left, h, w = window
    return _span(top, h, height) + _span(left, w, width)


def _span(start: float, size: float, limit: int) -> tuple[int, int]:
    # the window covers pixel centres start .. start + size - 1 (pixels are unit squares around integers)
    first = math.floor(start + 0.5)
    last = first + max(1, int(round(size)))
    first, last = min(max(first, 0), limit - 1), min(max(last, 1), limit)
    return first, max(last, first + 1)


def unit_patch(picture: np.ndarray, box: Box) -> np.ndarray:
    """The part of ``picture`` (``H x W`` or ``H x W x 3`` uint8) inside ``box``, as a C-contiguous copy."""
    top, bottom, left, right = box
    return np.ascontiguousarray(picture[top:bottom, left:right])


def outlined(picture: np.ndarray, box: Box, colour: tuple[int, int, int] = OUTLINE) -> np.ndarray:
    """The whole picture in RGB with ``box`` outlined (a one-pixel frame inside the box)."""
    rgb = np.repeat(picture[..., None], 3, axis=2) if picture.ndim == 2 else picture.copy()
    top, bottom, left, right = box
    c = np.asarray(colour, dtype=np.uint8)
    rgb[top, left:right] = c
    rgb[bottom - 1, left:right] = c
    rgb[top:bottom, left] = c
    rgb[top:bottom, right - 1] = c
    return np.ascontiguousarray(rgb)


def enlarged(picture: np.ndarray, side: int) -> np.ndarray:
    """``picture`` blown up by a whole factor (nearest neighbour, crisp pixels) so its longer side is at most
    ``side`` (at least 1x: a large picture is left as it is)."""
    factor = max(1, int(side) // max(picture.shape[0], picture.shape[1], 1))
    if factor == 1:
        return np.ascontiguousarray(picture)
    return np.ascontiguousarray(picture.repeat(factor, axis=0).repeat(factor, axis=1))


def source_png(picture: np.ndarray, spec: InputSpec) -> bytes:
    """``picture`` (the model's view) as PNG bytes that open as the same input again: grey levels inverted
    back when the model inverts them (an MNIST digit is stored dark on light)."""
    pixels = 255 - picture if spec.invert else picture
    buffer = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(pixels)).save(buffer, format="PNG")
    return buffer.getvalue()


@dataclass(frozen=True)
class UnitTile:
    """One of a channel's top images: ``rank`` (0 best), dataset ``index`` and ``name``, ``score`` and peak
    (``y``, ``x`` in the layer's output), its receptive-field ``patch``, the whole ``picture`` with the window
    outlined, and ``png`` (the picture as PNG bytes to open it as the input; None for files, opened by name)."""

    rank: int
    index: int
    name: str
    score: float
    y: int
    x: int
    box: Box
    patch: np.ndarray
    picture: np.ndarray
    png: bytes | None


def top_tiles(dataset: Any, names: list[str], top: Any, channel: int, summary: Summary | None, layer: str,
              spec: InputSpec) -> list[UnitTile]:
    """The tiles of ``channel``'s top images, best first (empty slots left out).

    Parameters
    ----------
    dataset
        Returns ``(tensor C x H x W preprocessed with spec, index)`` for a dataset index (a ``UnitsDataset``).
    names
        Each dataset index's name (a file path, or ``"digits#123"`` for a built-in dataset's item).
    top
        A :class:`~cnnviz.core.analysis.units_topk.TopUnits` of ``layer``.
    channel
        The channel; out of range is one line (:class:`CnnvizError`).
    """
    if not 0 <= int(channel) < top.channels:
        raise CnnvizError(tr("channel {channel} is out of range: {layer} has {count} (0-{last})").format(
            channel=channel, layer=layer, count=top.channels, last=top.channels - 1))
    tiles = []
    row = [t[int(channel)].detach().cpu() for t in (top.scores, top.index, top.y, top.x)]
    for rank, (score, index, y, x) in enumerate(zip(*(t.tolist() for t in row))):
        if index < 0:
            continue
        tensor = dataset[int(index)][0]
        if not isinstance(tensor, Tensor):  # a file unreadable since it was ranked
            continue
        picture = input_picture(tensor, spec)
        box = patch_box(summary, layer, y, x, picture.shape[:2])
        name = names[index] if index < len(names) else f"#{index}"
        png = None if _is_file(name) else source_png(picture, spec)
        tiles.append(UnitTile(rank, int(index), name, float(score), int(y), int(x), box, unit_patch(picture, box),
                              outlined(picture, box), png))
    return tiles


def _is_file(name: str) -> bool:
    """A dataset item named by its file (a built-in item is ``<dataset>#<index>``)."""
    head, sep, tail = name.rpartition("#")
    return not (sep and tail.isdigit() and "/" not in head and "\\" not in head)
