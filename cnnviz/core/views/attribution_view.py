"""An attribution map drawn over the input, as the network sees it (``cnnviz render --view gradcam``,
and the Attribution dock).

:func:`normalise_map` turns any map :func:`cnnviz.core.analysis.attribution.attribute` gives into one
``H x W`` plane in ``[0, 1]``:

- the Grad-CAM family (``gradcam``, ``gradcam++``, ``layercam``; ``(N, 1, h, w)`` at the layer's
  resolution) is ReLU'd (only evidence *for* the class is shown) and divided by its maximum, so 0 stays
  "no evidence" and the strongest place is 1;
- signed pixel-space maps (``guided-gradcam``, ``saliency``, ``guided-backprop``, ``integrated-gradients``,
  ``smoothgrad``, ``occlusion``; ``(N, C, H, W)``) take their absolute value, the largest over the colour
  channels (Simonyan et al.'s saliency), and are divided by their 99.5th percentile and clipped at 1
  (a few extreme pixels would otherwise leave the rest black; Captum's own visualiser clips outliers too).

A map that is zero everywhere stays zero (no division by zero); NaN and infinities count as 0.
The plane is upsampled bilinearly to the view's size, coloured with a colour map of
:mod:`cnnviz.core.views.colormaps` and blended over the view with an opacity, all on the map's
device, with one transfer of the finished ``H x W x 3`` uint8 picture to the host.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import Tensor

from ..errors import CnnvizError
from ..i18n import marker, translator
from .colormaps import lut

__all__ = ["CAM_FAMILY", "METHOD_TITLES", "DepthPictures", "attribution_overlay", "check_opacity", "depth_pictures",
           "fusion_title", "normalise_map", "overlay_title"]

#: the methods whose maps are ReLU'd and divided by their maximum (the others: absolute value, clipped)
CAM_FAMILY = ("gradcam", "gradcam++", "layercam")

tr = translator(__name__)
N_ = marker(__name__)

#: each method's name as a title shows it (shown as ``tr(METHOD_TITLES[method])``)
METHOD_TITLES = {"gradcam": N_("Grad-CAM"), "gradcam++": N_("Grad-CAM++"), "layercam": N_("LayerCAM"),
                 "guided-gradcam": N_("Guided Grad-CAM"), "saliency": N_("Saliency"),
                 "guided-backprop": N_("Guided backprop"), "integrated-gradients": N_("Integrated gradients"),
                 "smoothgrad": N_("SmoothGrad"), "occlusion": N_("Occlusion")}

#: the quantile of a pixel-space map's absolute values that becomes 1
PIXEL_CLIP = 0.995


def _method(method: str) -> str:
    if method not in METHOD_TITLES:
        raise CnnvizError(tr("unknown attribution method '{method}'; choose one of: {methods}").format(
            method=method, methods=", ".join(METHOD_TITLES)))
    return method


def _plane(amap: Tensor) -> Tensor:
    """``amap`` as finite float32 ``[C, h, w]`` (a batch of one, ``[C, h, w]`` or ``[h, w]``)."""
    if not isinstance(amap, Tensor):
        raise CnnvizError(tr("attribution view: expected a tensor, got {type}").format(type=type(amap).__name__))
    t = amap.detach()
    if t.dim() == 4:
        if t.shape[0] != 1:
            raise CnnvizError(tr("attribution view: draws one sample's map, got a batch of {count}").format(
                count=t.shape[0]))
        t = t[0]
    if t.dim() == 2:
        t = t[None]
    if t.dim() != 3 or t.numel() == 0:
        raise CnnvizError(tr("attribution view: cannot draw a map of shape {shape}; expected [1, C, h, w], "
                             "[C, h, w] or [h, w]").format(shape=list(amap.shape)))
    return torch.nan_to_num(t.float(), nan=0.0, posinf=0.0, neginf=0.0)


def normalise_map(amap: Tensor, method: str, size: tuple[int, int] | None = None) -> Tensor:
    """An attribution map as one plane in ``[0, 1]``, upsampled bilinearly, on the map's device.

    Parameters
    ----------
    amap : torch.Tensor
        One sample's map: ``[1, C, h, w]``, ``[C, h, w]`` or ``[h, w]``.
    method : str
        The method that made it (a key of :data:`METHOD_TITLES`): the Grad-CAM family is ReLU'd and
        divided by its maximum; the others take ``|map|``, the largest over channels, divided by its
        :data:`PIXEL_CLIP` quantile and clipped at 1.
    size : (int, int), optional
        ``(H, W)`` to upsample to (bilinear, ``align_corners=False``); default: the map's own.

    Returns
    -------
    torch.Tensor
        float32 ``[H, W]`` in ``[0, 1]``; all zeros when the map has no positive (CAM) or non-zero
        (pixel) value.

    Raises
    ------
    CnnvizError
        For an unknown method or a map that is not one sample's 2-D or 3-D map.
    """
    method = _method(method)
    t = _plane(amap)
    if method in CAM_FAMILY:
        plane = F.relu(t).amax(dim=0)
        top = plane.amax()
    else:
        plane = t.abs().amax(dim=0)
        flat = plane.reshape(-1).sort().values
        top = flat[min(flat.numel() - 1, int(math.floor(PIXEL_CLIP * (flat.numel() - 1))))]
        top = torch.where(top > 0, top, flat[-1])  # a sparse map (most pixels 0): its maximum
    plane = plane / torch.where(top > 0, top, torch.ones_like(top))
    if size is not None and tuple(plane.shape) != tuple(size):
        plane = F.interpolate(plane[None, None], size=tuple(int(s) for s in size), mode="bilinear",
                              align_corners=False)[0, 0]
    return plane.clamp_(0.0, 1.0)


def normalise_maps(maps: Sequence[Tensor], methods: Sequence[str], size: tuple[int, int]) -> Tensor:
    """:func:`normalise_map` of many maps at once, ``K x H x W``: the Grad-CAM family's maps of one shape are
    normalised and upsampled together (one call per shape instead of one per map; the same values)."""
    out: list[Tensor | None] = [None] * len(maps)
    groups: dict[tuple, list[int]] = {}
    for i, (m, method) in enumerate(zip(maps, methods)):
        if _method(method) in CAM_FAMILY:
            groups.setdefault(tuple(_plane(m).shape), []).append(i)
        else:
            out[i] = normalise_map(m, method, size)
    size = tuple(int(v) for v in size)
    for shape, members in groups.items():
        planes = F.relu(torch.stack([_plane(maps[i]) for i in members])).amax(dim=1)  # G x h x w
        top = planes.amax(dim=(1, 2), keepdim=True)
        planes = planes / torch.where(top > 0, top, torch.ones_like(top))
        if tuple(shape[1:]) != size:
            planes = F.interpolate(planes[:, None], size=size, mode="bilinear", align_corners=False)[:, 0]
        for i, plane in zip(members, planes.clamp_(0.0, 1.0)):
            out[i] = plane
    return torch.stack(out)


def check_opacity(value: float | str) -> float:
    """``value`` as an opacity in ``[0, 1]`` (a float, or text such as a command line gives), or a CnnvizError."""
    try:
        alpha = float(value)
    except (TypeError, ValueError):
        raise CnnvizError(tr("opacity must be a number between 0 and 1, got {value}").format(value=repr(value))) \
            from None
    if not (math.isfinite(alpha) and 0.0 <= alpha <= 1.0):
        raise CnnvizError(tr("opacity must be between 0 and 1, got {value}").format(value=value))
    return alpha


def attribution_overlay(view: np.ndarray, amap: Tensor, *, method: str, opacity: float = 0.5,
                        cmap: str = "inferno") -> np.ndarray:
    """The map over the input view: ``view * (1 - opacity) + colour(map) * opacity``.

    Parameters
    ----------
    view : numpy.ndarray
        The input as the network sees it (:func:`cnnviz.core.inputs.images.model_view`): ``H x W``
        (grey, drawn as grey RGB) or ``H x W x 3`` uint8.
    amap : torch.Tensor
        One sample's map (see :func:`normalise_map`), on any device; the work happens there.
    method : str
        The method that made the map (how it is normalised, see :func:`normalise_map`).
    opacity : float
        The colour map's weight, 0 (the view alone) .. 1 (the coloured map alone).
    cmap : str
        A colour map of :mod:`cnnviz.core.views.colormaps` (level 0 for no evidence, 255 for the most).

    Returns
    -------
    numpy.ndarray
        C-contiguous ``H x W x 3`` uint8, the view's size, brought to the host in one transfer.

    Raises
    ------
    CnnvizError
        For a view that is not uint8 ``H x W`` / ``H x W x 3``, an opacity outside 0..1, an unknown
        colour map or method, or a map of the wrong shape.
    """
    img = np.asarray(view)
    if img.dtype != np.uint8 or not (img.ndim == 2 or (img.ndim == 3 and img.shape[2] in (1, 3))) or img.size == 0:
        raise CnnvizError(tr("attribution view: the input view must be a uint8 H x W or H x W x 3 array, got "
                             "{shape} {dtype}").format(shape=img.shape, dtype=img.dtype))
    alpha = check_opacity(opacity)
    table = lut(cmap)
    plane = normalise_map(amap, method, img.shape[:2])
    device = plane.device
    levels = (plane * 255.0).round_().to(torch.long)
    heat = torch.from_numpy(table).to(device)[levels].float()
    base = torch.from_numpy(np.ascontiguousarray(img)).to(device).float()
    base = base[..., None] if base.dim() == 2 else base
    base = base.expand(*base.shape[:2], 3)
    out = (base * (1.0 - alpha) + heat * alpha).round_().clamp_(0, 255).to(torch.uint8)
    return np.ascontiguousarray(out.cpu().numpy())


def overlay_title(method: str, layer: str | None, target: int, class_name: str = "", score: float | None = None,
                  probability: float | None = None) -> str:
    """A panel's title: ``Grad-CAM of layer3 for class 281 (tabby), score 9.12, p=0.43``.

    Parameters
    ----------
    method : str
        A key of :data:`METHOD_TITLES`.
    layer : str or None
        The layer explained; None (or ``"input"``) for pixel-space methods.
    target : int
        The class explained; ``class_name`` its name when the model has names.
    score, probability : float, optional
        The class's logit and softmax probability.
    """
    title = tr(METHOD_TITLES[_method(method)])
    named = f" ({class_name})" if class_name and class_name != str(int(target)) else ""
    if layer and layer != "input":
        text = tr("{method} of {layer} for class {target}{name}").format(method=title, layer=layer,
                                                                       target=int(target), name=named)
    else:
        text = tr("{method} for class {target}{name}").format(method=title, target=int(target), name=named)
    return text + _scores(score, probability)


def _scores(score: float | None, probability: float | None) -> str:
    """``, score 9.12, p=0.43`` (either part left out when None)."""
    text = "" if score is None else tr(", score {score}").format(score=f"{score:.3g}")
    return text if probability is None else text + f", p={probability:.2f}"


def fusion_title(layers: int, target: int, class_name: str = "", score: float | None = None,
                 probability: float | None = None) -> str:
    """The title of a fused map: ``LayerCAM fusion of 53 convolutions for class 281 (tabby), score 9.12, p=0.43``."""
    named = f" ({class_name})" if class_name and class_name != str(int(target)) else ""
    text = tr("LayerCAM fusion of {count} convolution for class {target}{name}") if int(layers) == 1 else \
        tr("LayerCAM fusion of {count} convolutions for class {target}{name}")
    return text.format(count=int(layers), target=int(target), name=named) + _scores(score, probability)


@dataclass(frozen=True)
class DepthPictures:
    """Pictures of many maps over one view: ``base`` ``H x W x 3``, ``levels`` ``K x H x W`` (each map's colour-map
    level, the view's size; :meth:`heat` colours one), ``table`` the colour map (``256 x 3``) and ``thumbs``
    ``K x h x w x 3`` (each map blended over the view, small); all uint8. Levels take a third of the memory of
    coloured maps, and only the map shown is coloured (a table lookup)."""

    base: np.ndarray
    levels: np.ndarray
    table: np.ndarray
    thumbs: np.ndarray

    def heat(self, index: int) -> np.ndarray:
        """Map ``index`` coloured at the view's size, ``H x W x 3`` uint8 (:func:`attribution_overlay` at opacity 1)."""
        return self.table[self.levels[index]]


def depth_pictures(view: np.ndarray, maps: Sequence[Tensor], methods: Sequence[str], *, cmap: str = "inferno",
                   thumb: int = 64, thumb_opacity: float = 0.6) -> DepthPictures:
    """Colour many maps of one input at once (a depth strip): on the maps' device, one transfer back.

    Parameters
    ----------
    view : numpy.ndarray
        The input as the network sees it, uint8 ``H x W`` or ``H x W x 3``.
    maps : sequence of torch.Tensor
        One sample's maps (see :func:`normalise_map`), all on one device.
    methods : sequence of str
        The method of each map (how it is normalised).
    cmap : str
        A colour map of :mod:`cnnviz.core.views.colormaps`.
    thumb : int
        The longest side of a thumbnail in pixels (never larger than the view's).
    thumb_opacity : float
        The colour map's weight in the thumbnails.

    Returns
    -------
    DepthPictures
        ``heat(i)`` is :func:`attribution_overlay` of ``maps[i]`` at opacity 1; the thumbnails are each map
        upsampled straight to the thumbnail's size, blended over the view shrunk by area.

    Raises
    ------
    CnnvizError
        As :func:`attribution_overlay`; also for no maps or a method per map missing.
    """
    img = np.asarray(view)
    if img.dtype != np.uint8 or not (img.ndim == 2 or (img.ndim == 3 and img.shape[2] in (1, 3))) or img.size == 0:
        raise CnnvizError(tr("attribution view: the input view must be a uint8 H x W or H x W x 3 array, got "
                             "{shape} {dtype}").format(shape=img.shape, dtype=img.dtype))
    if not maps or len(maps) != len(methods):
        raise CnnvizError(tr("depth pictures: {maps} maps and {methods} methods; one method per map").format(
            maps=len(maps), methods=len(methods)))
    alpha = check_opacity(thumb_opacity)
    h, w = img.shape[:2]
    scale = min(1.0, int(thumb) / max(h, w))
    size = (max(1, round(h * scale)), max(1, round(w * scale)))
    levels = (normalise_maps(maps, methods, (h, w)) * 255.0).round_().to(torch.uint8)
    small = normalise_maps(maps, methods, size)  # straight to the thumbnail's size
    device = levels.device
    table = np.ascontiguousarray(lut(cmap))
    small_heat = torch.from_numpy(table).to(device).float().index_select(
        0, (small * 255.0).round_().to(torch.long).reshape(-1)).reshape(*small.shape, 3)
    base = torch.from_numpy(np.ascontiguousarray(img)).to(device).float()
    base = (base[..., None] if base.dim() == 2 else base).expand(h, w, 3)
    small_base = F.interpolate(base.permute(2, 0, 1)[None], size=size, mode="area")[0].permute(1, 2, 0)
    thumbs = (small_base * (1.0 - alpha) + small_heat * alpha).round_().clamp_(0, 255).to(torch.uint8)
    return DepthPictures(np.ascontiguousarray(base.round().to(torch.uint8).cpu().numpy()),
                         np.ascontiguousarray(levels.cpu().numpy()), table,
                         np.ascontiguousarray(thumbs.cpu().numpy()))
