"""The top-N images of every channel, kept as tensors and merged exactly (one process or many).

A :class:`TopUnits` holds, per channel of one layer, the ``N`` best images so far: their score (the channel's
spatial maximum), the image's index in the dataset, and where the maximum is (``y``, ``x`` in the layer's
output). :func:`candidates` turns one batch of activations into a ``TopUnits`` of that batch; :func:`merge`
keeps the best ``N`` of two. The order is total, so the result does not depend on how the dataset was split
or batched: higher score first, then the lower dataset index (NaN counts as the lowest score).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import Tensor

from ..errors import CnnvizError
from ..i18n import translator

tr = translator(__name__)

__all__ = ["TopUnits", "candidates", "empty", "merge"]


@dataclass
class TopUnits:
    """Per channel the ``N`` best images: ``scores`` ``C x N`` float32, best first (``-inf`` where fewer than
    ``N`` images were seen), ``index`` ``C x N`` int64 (the image's index in the dataset, ``-1`` for none),
    ``y`` and ``x`` ``C x N`` int64 (where the maximum is in the layer's output); ``images_seen`` counts the
    images merged in."""

    scores: Tensor
    index: Tensor
    y: Tensor
    x: Tensor
    images_seen: int = 0

    @property
    def channels(self) -> int:
        return int(self.scores.shape[0])

    @property
    def top(self) -> int:
        return int(self.scores.shape[1])

    def to(self, device: torch.device | str) -> "TopUnits":
        return TopUnits(self.scores.to(device), self.index.to(device), self.y.to(device), self.x.to(device),
                        self.images_seen)


def empty(channels: int, top: int, device: torch.device | str = "cpu") -> TopUnits:
    """Nothing seen yet: ``channels`` x ``top`` slots of score ``-inf`` and index ``-1``."""
    if channels < 1:
        raise CnnvizError(tr("the layer has no channels to rank (got {channels})").format(channels=channels))
    if top < 1:
        raise CnnvizError(tr("--top must be at least 1, got {top}").format(top=top))
    shape = (int(channels), int(top))
    none = torch.full(shape, -1, dtype=torch.long, device=device)
    return TopUnits(torch.full(shape, float("-inf"), device=device), none, none.clone(), none.clone())


def candidates(act: Tensor, index: Tensor) -> TopUnits:
    """One batch's activations ``B x C x H x W`` (or ``B x C``: no location, ``y = x = 0``) as candidates:
    per channel each image's spatial maximum and where it is (the first position in row-major order where
    several are equal). ``index``: the ``B`` images' dataset indices."""
    if act.dim() == 2:
        act = act[:, :, None, None]
    if act.dim() != 4:
        raise CnnvizError(tr("units need a layer with channels (N x C x H x W or N x C), got shape {shape}").format(
            shape=tuple(act.shape)))
    b, c, h, w = act.shape
    flat = act.detach().float().reshape(b, c, h * w)
    flat = torch.nan_to_num(flat, nan=float("-inf"))
    scores, where = flat.max(dim=2)  # B x C
    index = index.to(device=act.device, dtype=torch.long).reshape(b, 1).expand(b, c)
    return TopUnits(scores.t().contiguous(), index.t().contiguous(), (where // w).t().contiguous(),
                    (where % w).t().contiguous(), int(b))


def merge(a: TopUnits, b: TopUnits, top: int | None = None) -> TopUnits:
    """The best ``top`` (default ``a``'s) per channel of ``a`` and ``b`` together: higher score first, then the
    lower dataset index; empty slots (index ``-1``) last."""
    if a.channels != b.channels:
        raise CnnvizError(tr("cannot merge the top images of {a} and {b} channels").format(
            a=a.channels, b=b.channels))
    top = a.top if top is None else int(top)
    device = a.scores.device
    b = b.to(device)
    scores = torch.cat([a.scores, b.scores], dim=1)
    index = torch.cat([a.index, b.index], dim=1)
    y, x = torch.cat([a.y, b.y], dim=1), torch.cat([a.x, b.x], dim=1)
    # a total order: by index (empty slots after every image), then stably by score, best first
    key_index = torch.where(index < 0, torch.iinfo(torch.long).max, index)
    order = torch.sort(key_index, dim=1, stable=True).indices
    scores, index, y, x = (t.gather(1, order) for t in (scores, index, y, x))
    filled = torch.where(index < 0, float("-inf"), scores)
    order = torch.sort(filled, dim=1, descending=True, stable=True).indices[:, :top]
    return TopUnits(*(t.gather(1, order) for t in (scores, index, y, x)), a.images_seen + b.images_seen)
