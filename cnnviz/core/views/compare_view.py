"""Two tensors side by side and their difference, as pictures and a few numbers (no Qt; the Compare dock's core).

:func:`side_by_side` draws A and B on ONE colour scale (the same colour is the same value in both), as
the feature-map mosaic draws a layer (:func:`cnnviz.core.views.mosaic.feature_mosaic`, index order);
:func:`difference` draws ``a - b`` with a diverging colour map centred at 0 on a symmetric scale
(``-m .. m``, ``m = max |a - b|`` unless given), so an unchanged value is the map's centre colour, and
measures it: ``max |a - b|``, the relative L2 difference ``||a - b|| / ||a||`` and, for attribution
maps, Spearman's rank correlation (:func:`cnnviz.core.analysis.sanity.spearman`).

Shapes: ``[1, C, H, W]`` or ``[C, H, W]`` activations are tiled as a mosaic, one cell per channel;
``[H, W]`` planes (an attribution map) are drawn as they are. The work happens on the tensors' device;
each picture comes to the host once as uint8 and is coloured there with a 256-entry table.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import torch
from torch import Tensor

from ..analysis.sanity import spearman
from ..errors import CnnvizError
from ..i18n import translator
from .colormaps import is_diverging, lut
from .mosaic import ZERO_LEVEL, feature_mosaic

tr = translator(__name__)

__all__ = ["DIFF_CMAP", "Difference", "Pair", "centre_colour", "combined", "difference", "draw", "numbers_text",
           "shared_scale", "side_by_side"]

#: the colour map of differences: diverging, its centre (level 128) the colour of "no change"
DIFF_CMAP = "coolwarm"


@dataclass(frozen=True)
class Difference:
    """``a - b`` drawn and measured.

    ``image``: ``H x W x 3`` uint8, level :data:`~cnnviz.core.views.mosaic.ZERO_LEVEL` of ``cmap`` where
    ``a == b``; ``scale``: the magnitude the colour map's ends stand for; ``l2`` is ``||a - b||`` and
    ``ref_l2`` ``||a||``; ``spearman`` the rank correlation of a and b (None when not asked for).
    """

    image: np.ndarray
    max_abs: float
    l2: float
    ref_l2: float
    scale: float
    cmap: str = DIFF_CMAP
    spearman: float | None = None

    @property
    def rel_l2(self) -> float:
        """``||a - b|| / ||a||`` (0 when both are 0, infinite when only a is)."""
        return _ratio(self.l2, self.ref_l2)

    def summary(self) -> str:
        """The numbers in words: ``max |a−b| 0.31, rel. L2 0.12, Spearman 0.93``."""
        return numbers_text(self.max_abs, self.rel_l2, self.spearman)


@dataclass(frozen=True)
class Pair:
    """A and B drawn on one scale: ``H x W x 3`` uint8 each; ``-scale .. scale`` when ``signed``, else ``0 .. scale``."""

    a: np.ndarray
    b: np.ndarray
    scale: float
    signed: bool
    cmap: str


def _ratio(num: float, den: float) -> float:
    if den > 0:
        return num / den
    return 0.0 if num == 0 else math.inf


def numbers_text(max_abs: float, rel_l2: float, rank: float | None = None) -> str:
    """``max |a−b| 0.31, rel. L2 0.12`` (and ``, Spearman 0.93`` with ``rank``)."""
    text = tr("max |a\u2212b| {max_abs}, rel. L2 {rel_l2}").format(max_abs=f"{max_abs:.3g}", rel_l2=f"{rel_l2:.3g}")
    return text if rank is None else tr("{numbers}, Spearman {rank}").format(numbers=text, rank=f"{rank:.3f}")


def _as_cells(t: Tensor, channels: Sequence[int] | None) -> Tensor:
    """``t`` as finite float32 ``[C, H, W]`` on its device (a plane becomes one channel), ``channels`` kept."""
    if not isinstance(t, Tensor):
        raise CnnvizError(tr("compare: expected a tensor, got {type}").format(type=type(t).__name__))
    x = t.detach()
    if x.dim() == 4 and x.shape[0] == 1:
        x = x[0]
    elif x.dim() == 2:
        x = x[None]
    if x.dim() != 3 or x.numel() == 0:
        raise CnnvizError(tr("compare: cannot draw a tensor of shape {shape}; expected [1, C, H, W], [C, H, W] or "
                             "[H, W]").format(shape=list(t.shape)))
    if channels is not None:
        x = x.index_select(0, torch.as_tensor(list(channels), dtype=torch.long, device=x.device))
    return torch.nan_to_num(x.float(), nan=0.0, posinf=0.0, neginf=0.0)


def _check_pair(a: Tensor, b: Tensor) -> None:
    if tuple(a.shape) != tuple(b.shape):
        raise CnnvizError(tr("A and B differ in shape ({a} and {b}): they cannot be compared").format(
            a="x".join(map(str, a.shape)), b="x".join(map(str, b.shape))))


def shared_scale(tensors: Iterable[Tensor]) -> tuple[float, bool]:
    """The largest magnitude over all ``tensors`` and whether any value is negative (one transfer)."""
    stats = [torch.stack([torch.nan_to_num(t.detach().float()).abs().amax(), (t < 0).any().float()])
             for t in tensors]
    if not stats:
        return 0.0, False
    host = torch.stack([s.to(stats[0].device) for s in stats]).cpu()
    return float(host[:, 0].max()), bool(host[:, 1].max() > 0)


def draw(t: Tensor, *, scale: float, signed: bool, cmap: str | None = None,
         channels: Sequence[int] | None = None) -> np.ndarray:
    """One tensor as a coloured picture on a given scale.

    Parameters
    ----------
    t : torch.Tensor
        ``[1, C, H, W]``, ``[C, H, W]`` (a mosaic, one cell per channel) or ``[H, W]`` (a plane).
    scale, signed : float, bool
        Level 255 stands for ``scale``; ``signed``: ``-scale .. scale`` with 0 at level 128.
    cmap : str, optional
        A colour map of :mod:`~cnnviz.core.views.colormaps`; default coolwarm when signed, else magma.
    channels : sequence of int, optional
        The channels to draw, in this order (default: all, by index).

    Returns
    -------
    numpy.ndarray
        C-contiguous ``H x W x 3`` uint8.
    """
    cmap = cmap or ("coolwarm" if signed else "magma")
    mosaic = feature_mosaic(_as_cells(t, channels), scale=float(scale), signed=bool(signed))
    return np.ascontiguousarray(lut(cmap)[mosaic.image])


def side_by_side(a: Tensor, b: Tensor, *, cmap: str | None = None, channels: Sequence[int] | None = None,
                 scale: float | None = None, signed: bool | None = None) -> Pair:
    """A and B drawn on one colour scale (their common largest magnitude unless ``scale``/``signed`` are given).

    Raises
    ------
    CnnvizError
        When A and B differ in shape, or cannot be drawn.
    """
    _check_pair(a, b)
    b = b.to(a.device)
    if scale is None or signed is None:
        found, neg = shared_scale((a, b))
        scale = found if scale is None else scale
        signed = neg if signed is None else signed
    cmap = cmap or ("coolwarm" if signed else "magma")
    return Pair(draw(a, scale=scale, signed=signed, cmap=cmap, channels=channels),
                draw(b, scale=scale, signed=signed, cmap=cmap, channels=channels), float(scale), bool(signed), cmap)


def difference(a: Tensor, b: Tensor, *, cmap: str = DIFF_CMAP, scale: float | None = None,
               channels: Sequence[int] | None = None, rank: bool = False) -> Difference:
    """``a - b`` coloured with a diverging map centred at 0, and how large it is.

    Parameters
    ----------
    a, b : torch.Tensor
        Two activations or maps of the same shape (see the module's shapes); b is moved to a's device.
    cmap : str
        A diverging colour map (level 128 is 0): ``coolwarm`` or ``seismic``.
    scale : float, optional
        The magnitude the colour map's ends stand for (so several differences share a scale);
        default ``max |a - b|`` of the channels drawn.
    channels : sequence of int, optional
        The channels to draw and measure, in this order (default: all).
    rank : bool
        Also compute Spearman's rank correlation of a and b (for attribution maps).

    Returns
    -------
    Difference
        All zeros draw every pixel in the centre colour, ``lut(cmap)[128]``, with ``max_abs == 0``.

    Raises
    ------
    CnnvizError
        Different shapes, a colour map that is not diverging, or a tensor that cannot be drawn.
    """
    if not is_diverging(cmap):
        raise CnnvizError(tr("compare: a difference needs a diverging colour map (coolwarm or seismic), not "
                             "'{cmap}'").format(cmap=cmap))
    _check_pair(a, b)
    xa, xb = _as_cells(a, channels), _as_cells(b.to(a.device), channels)
    d = xa - xb
    host = torch.stack([d.abs().amax(), d.norm(), xa.norm()]).cpu().tolist()
    max_abs, l2, ref = (float(v) for v in host)
    shown = max_abs if scale is None else float(scale)
    image = draw(d, scale=shown, signed=True, cmap=cmap)
    rho = spearman(xa, xb) if rank else None
    return Difference(image, max_abs, l2, ref, shown, cmap, rho)


def combined(diffs: Sequence[Difference]) -> tuple[float, float]:
    """``(max |a - b|, ||a - b|| / ||a||)`` over several differences taken together (a block's parts)."""
    max_abs = max((d.max_abs for d in diffs), default=0.0)
    l2 = math.sqrt(sum(d.l2 ** 2 for d in diffs))
    ref = math.sqrt(sum(d.ref_l2 ** 2 for d in diffs))
    return max_abs, _ratio(l2, ref)


def centre_colour(cmap: str = DIFF_CMAP) -> np.ndarray:
    """The colour of "no difference": level 128 of the diverging map."""
    return lut(cmap)[ZERO_LEVEL]
