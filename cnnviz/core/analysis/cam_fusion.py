"""LayerCAM's fusion of class activation maps across depth (Jiang et al. 2021, "LayerCAM: Exploring
hierarchical class activation maps for localization", Sec. III-C).

Shallow layers locate fine detail but their maps are weak next to the deep layers'; the paper scales
each shallow map with ``tanh(gamma * M / max(M))`` (its Eq. 9, ``gamma = 2``) and fuses the maps of all
depths, upsampled to the input's size, by their element-wise maximum. torch-cam's ``LayerCAM.fuse_cams``
does the same, scaling every map it is given (``shallow="all"`` here).

Every map is ReLU'd and divided by its own maximum first, at its layer's resolution as torch-cam does (0 stays
"no evidence"), then scaled and upsampled; each sample on its
own; a map with no positive value stays zero. The work happens on the maps' device.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from typing import Any

import torch
import torch.nn.functional as F
from torch import Tensor

from ..errors import CnnvizError
from ..i18n import translator
from .attribution_common import Target
from .layer_cams import layercam_all_layers

tr = translator(__name__)

__all__ = ["GAMMA", "fuse_layer_cams", "layercam_fusion", "shallow_layers"]

#: the paper's scale for shallow layers' maps (Eq. 9)
GAMMA = 2.0


def _as_batch(key: str, amap: Tensor) -> Tensor:
    """``amap`` as finite float32 ``(N, 1, h, w)`` (also ``(1, h, w)`` or ``(h, w)`` for one sample)."""
    if not isinstance(amap, Tensor):
        raise CnnvizError(tr("LayerCAM fusion: the map of {key} is a {type}, not a tensor").format(
            key=key, type=type(amap).__name__))
    t = amap.detach()
    if t.dim() == 2:
        t = t[None, None]
    elif t.dim() == 3:
        t = t[None]
    if t.dim() != 4 or t.shape[1] != 1 or t.numel() == 0:
        raise CnnvizError(tr("LayerCAM fusion: the map of {key} has shape {shape}; expected (N, 1, h, w) as the "
                              "class activation maps give them").format(key=key, shape=list(amap.shape)))
    return torch.nan_to_num(t.float(), nan=0.0, posinf=0.0, neginf=0.0)


def _normalised(t: Tensor) -> Tensor:
    """ReLU, then each sample divided by its maximum (zero maps stay zero)."""
    t = F.relu(t)
    top = t.amax(dim=(1, 2, 3), keepdim=True)
    return t / torch.where(top > 0, top, torch.ones_like(top))


def shallow_layers(maps: Mapping[str, Tensor], layers: Sequence[str] | None = None) -> list[str]:
    """The layers whose maps the fusion scales by default: all but those at the coarsest resolution (the
    deepest stage, whose maps are strong already)."""
    keys = list(maps) if layers is None else list(layers)
    sizes = {k: math.prod(maps[k].shape[-2:]) for k in keys}
    coarsest = min(sizes.values(), default=0)
    return [k for k in keys if sizes[k] > coarsest]


def fuse_layer_cams(maps: Mapping[str, Tensor], size: Sequence[int], *, layers: Sequence[str] | None = None,
                    gamma: float = GAMMA, shallow: str | Collection[str] = "auto") -> Tensor:
    """The LayerCAM fusion of several layers' class activation maps, at ``size``.

    Parameters
    ----------
    maps : mapping of str to torch.Tensor
        Layer key -> ``(N, 1, h, w)`` map at that layer's resolution (what
        :func:`~cnnviz.core.analysis.layer_cams.layercam_all_layers` gives), all on one device.
    size : (int, int)
        ``(H, W)`` of the fused map, usually the input's.
    layers : sequence of str, optional
        The keys of ``maps`` to fuse (default: all of them).
    gamma : float
        The scale of Eq. 9: a shallow map ``M`` becomes ``tanh(gamma * M / max(M))``.
    shallow : "auto", "all", "none" or a collection of keys
        Which maps are scaled: ``"auto"`` every map finer than the coarsest one (:func:`shallow_layers`),
        ``"all"`` every map (torch-cam's ``LayerCAM.fuse_cams``), ``"none"`` none, or the keys named.

    Returns
    -------
    torch.Tensor
        float32 ``(N, 1, H, W)`` in ``[0, 1]``: per position, the largest of the normalised (and for
        shallow layers scaled) maps, each upsampled bilinearly (``align_corners=False``).

    Raises
    ------
    CnnvizError
        For no maps, a key that is not in ``maps`` or a map that is not ``(N, 1, h, w)``.

    Examples
    --------
    >>> maps = layercam_all_layers(torchvision.models.resnet18(), x)  # doctest: +SKIP
    >>> fuse_layer_cams(maps, x.shape[-2:]).shape  # doctest: +SKIP
    torch.Size([1, 1, 224, 224])
    """
    keys = list(maps) if layers is None else list(dict.fromkeys(layers))
    if not keys:
        raise CnnvizError(tr("LayerCAM fusion needs at least one layer's map"))
    unknown = [k for k in keys if k not in maps]
    if unknown:
        raise CnnvizError(tr("LayerCAM fusion: no map for {unknown}; the maps are: {maps}").format(
            unknown=", ".join(unknown), maps=", ".join(maps)))
    if len(size) != 2 or any(int(s) < 1 for s in size):
        raise CnnvizError(tr("LayerCAM fusion: the size must be (H, W), got {size}").format(size=tuple(size)))
    size = (int(size[0]), int(size[1]))
    if shallow == "auto":
        scaled = set(shallow_layers(maps, keys))
    elif shallow == "all":
        scaled = set(keys)
    elif shallow == "none":
        scaled = set()
    elif isinstance(shallow, str):
        raise CnnvizError(tr("LayerCAM fusion: shallow must be 'auto', 'all', 'none' or layer keys, not "
                             "{shallow!r}").format(
            shallow=shallow))
    else:
        scaled = set(shallow)
    groups: dict[tuple, list[Tensor]] = {}  # maps of one shape are upsampled together
    samples = None
    for key in keys:
        t = _normalised(_as_batch(key, maps[key]))
        if key in scaled:
            t = torch.tanh(gamma * t)
        if samples is not None and samples != t.shape[0]:
            raise CnnvizError(tr("LayerCAM fusion: the map of {key} holds {count} samples, the others "
                                 "{samples}").format(
                key=key, count=t.shape[0], samples=samples))
        samples = t.shape[0]
        groups.setdefault(tuple(t.shape), []).append(t)
    fused: Tensor | None = None
    for shape, members in groups.items():
        t = torch.cat(members)  # (G N) x 1 x h x w
        if tuple(shape[-2:]) != size:
            t = F.interpolate(t, size=size, mode="bilinear", align_corners=False)
        t = t.reshape(len(members), *shape[:2], *t.shape[-2:]).amax(dim=0)
        fused = t if fused is None else torch.maximum(fused, t)
    assert fused is not None
    return fused.clamp_(0.0, 1.0)


def layercam_fusion(model: Any, x: Tensor, target: Target = None, *, train_mode: bool = False,
                    gamma: float = GAMMA, shallow: str | Collection[str] = "auto") -> Tensor:
    """LayerCAM of every convolution of ``model`` (one forward, one backward) fused at the input's size.

    Parameters
    ----------
    model
        An ``nn.Module`` or a :class:`~cnnviz.core.models.loader.LoadedModel`; ``x`` ``(N, C, H, W)`` on its
        device.
    target
        The class to explain (an int, one per sample, or None for each sample's top class).
    gamma, shallow
        As :func:`fuse_layer_cams`.

    Returns
    -------
    torch.Tensor
        float32 ``(N, 1, H, W)`` in ``[0, 1]``.
    """
    maps = layercam_all_layers(model, x, target, train_mode=train_mode)
    return fuse_layer_cams(maps, x.shape[-2:], gamma=gamma, shallow=shallow)
