"""Tensors -> uint8 images, computed on the tensor's own device with ONE transfer to the host.

Each panel is one atlas image (:class:`Mosaic`): normalised, ordered, tiled and made uint8 where the
tensor lives; the few numbers it reports ride in the same ``.cpu()``. The GUI shows it with one
pyqtgraph ``ImageItem`` (row-major, ``levels=(0, 255)``, a 256-entry LUT from
:mod:`cnnviz.core.views.colormaps`); :func:`compose` makes the labelled PNGs of ``cnnviz render``.

Levels: unsigned images map ``0..vmax`` to ``0..255``; signed ones (any value < 0) map ``-m..m`` to
``1..255`` with 0 at exactly :data:`ZERO_LEVEL` (128). Padding is :data:`PAD_UNSIGNED` (255) in
unsigned images, :data:`ZERO_LEVEL` in signed ones, white in RGB ones. NaN/inf are drawn as 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import torch
import torch.nn.functional as F
from torch import Tensor

from .colormaps import apply_lut, lut  # noqa: F401 - apply_lut re-exported
from .figure import compose  # noqa: F401 - re-exported: render.compose
from ..errors import CnnvizError
from ..i18n import translator

tr = translator(__name__)

__all__ = [
    "PAD_UNSIGNED", "ZERO_LEVEL", "Grid", "Mosaic", "apply_lut", "channel_image", "compose",
    "feature_mosaic", "filter_grid", "overlay",
]

ZERO_LEVEL = 128
PAD_UNSIGNED = 255


@dataclass(frozen=True)
class Grid:
    """Where each channel sits in a mosaic.

    ``cell_h x cell_w`` cells are laid row by row, ``pad`` pixels apart (no outer border); cell ``i``
    shows channel ``order[i]``. ``x`` is the mosaic's column, ``y`` its row; fractions are floored.
    """

    rows: int
    cols: int
    cell_h: int
    cell_w: int
    pad: int
    order: tuple[int, ...] = field(repr=False)

    @property
    def height(self) -> int:
        """Height of the mosaic in pixels."""
        return self.rows * self.cell_h + (self.rows - 1) * self.pad

    @property
    def width(self) -> int:
        """Width of the mosaic in pixels."""
        return self.cols * self.cell_w + (self.cols - 1) * self.pad

    @cached_property
    def _cell_index(self) -> dict[int, int]:
        return {channel: i for i, channel in enumerate(self.order)}

    def cell_of(self, channel: int) -> tuple[int, int]:
        """The ``(row, col)`` of the cell showing ``channel``; CnnvizError if it is not shown."""
        try:
            return divmod(self._cell_index[int(channel)], self.cols)
        except KeyError:
            raise CnnvizError(tr("channel {channel} is not shown in this mosaic").format(channel=channel)) from None

    def unit_at(self, x: float, y: float) -> tuple[int, int, int] | None:
        """``(channel, y_in_map, x_in_map)`` under mosaic pixel (x, y); None on padding or outside."""
        if not (math.isfinite(x) and math.isfinite(y)) or x < 0 or y < 0:
            return None
        col, in_x = divmod(math.floor(x), self.cell_w + self.pad)
        row, in_y = divmod(math.floor(y), self.cell_h + self.pad)
        if in_x >= self.cell_w or in_y >= self.cell_h or col >= self.cols or row >= self.rows:
            return None
        i = row * self.cols + col
        return (self.order[i], in_y, in_x) if i < len(self.order) else None

    def channel_at(self, x: float, y: float) -> int | None:
        """The channel under mosaic pixel (x, y); None on padding or outside."""
        unit = self.unit_at(x, y)
        return None if unit is None else unit[0]

    def rect(self, channel: int) -> tuple[int, int, int, int]:
        """``(x, y, w, h)`` of the cell showing ``channel`` in mosaic pixels."""
        row, col = self.cell_of(channel)
        return col * (self.cell_w + self.pad), row * (self.cell_h + self.pad), self.cell_w, self.cell_h


@dataclass
class Mosaic:
    """One panel's atlas image and how to read it.

    ``image``: C-contiguous uint8 ``H x W`` (``H x W x 3`` for RGB filters), shown with levels
    ``(0, 255)``; when ``signed``, level 128 means 0. ``vmin``/``vmax``: the whole tensor's range
    that levels 0/255 stand for; if ``per_channel``, each cell was scaled on its own within it.
    """

    image: np.ndarray
    grid: Grid
    signed: bool
    vmin: float
    vmax: float
    per_channel: bool


def _choice(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise CnnvizError(tr("render: unknown {name} '{value}'; use one of: {allowed}").format(
            name=name, value=value, allowed=", ".join(allowed)))


def _count(name: str, value: int | None, minimum: int) -> int | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < minimum):
        raise CnnvizError(tr("render: {name} must be an integer >= {minimum}, got {value}").format(
            name=name, minimum=minimum, value=repr(value)))
    return value


def _finite(t: Tensor) -> Tensor:
    return torch.nan_to_num(t.detach().float(), nan=0.0, posinf=0.0, neginf=0.0)


def _as_chw(act: Tensor) -> tuple[Tensor, bool]:
    """``act`` as finite float32 ``[C, H, W]`` on its device, and whether it was a vector."""
    if not isinstance(act, Tensor):
        raise CnnvizError(tr("render: expected a tensor, got {type}").format(type=type(act).__name__))
    shape = list(act.shape)
    if act.dim() in (2, 4) and shape[0] == 1:
        act = act[0]
    if act.dim() not in (1, 3) or act.numel() == 0:
        raise CnnvizError(tr("render: cannot draw an activation of shape {shape}; expected [C, H, W], [1, C, H, W], "
                             "[C] or [1, C]").format(shape=shape))
    return _finite(act if act.dim() == 3 else act[:, None, None]), act.dim() == 1


def _to_u8(x: Tensor, scale: Tensor, signed: Tensor) -> Tensor:
    """Map ``x`` to uint8 levels: ``0..scale -> 0..255`` or, if signed, ``-scale..scale -> 1..255``."""
    safe = torch.where(scale > 0, scale, torch.ones_like(scale))
    gain = torch.where(signed, 127.0, 255.0).to(x.device)
    offset = torch.where(signed, float(ZERO_LEVEL), 0.0).to(x.device)
    return (x / safe * gain + offset).round_().clamp_(0, 255).to(torch.uint8)


def _near_square(n: int, cols: int | None = None) -> tuple[int, int]:
    cols = min(n, cols or math.ceil(math.sqrt(n)))
    return math.ceil(n / cols), cols


def _tile(cells: Tensor, rows: int, cols: int, pad: int, fill: Tensor | int) -> Tensor:
    """Lay ``cells`` ``[N, h, w(, 3)]`` uint8 row by row into one image, ``pad`` pixels apart."""
    n, h, w = cells.shape[:3]
    rgb = tuple(cells.shape[3:])
    canvas = torch.empty((rows * cols, h + pad, w + pad) + rgb, dtype=torch.uint8, device=cells.device)
    canvas.fill_(fill)
    canvas[:n, :h, :w] = cells
    canvas = canvas.view(rows, cols, h + pad, w + pad, *rgb).transpose(1, 2)
    canvas = canvas.reshape(rows * (h + pad), cols * (w + pad), *rgb)
    return canvas[: rows * (h + pad) - pad, : cols * (w + pad) - pad].contiguous()


def _fetch(image: Tensor, numbers: Tensor) -> tuple[np.ndarray, np.ndarray]:
    """Move a uint8 image and a few float32 numbers to the host in ONE transfer."""
    payload = torch.cat([image.reshape(-1), numbers.float().reshape(-1).view(torch.uint8)])
    host = payload.cpu().numpy()
    n = image.numel()
    return host[:n].reshape(tuple(image.shape)), np.frombuffer(host[n:].tobytes(), dtype=np.float32)


def feature_mosaic(act: Tensor, *, normalize: str = "layer", order: str = "index", cols: int | None = None,
                   pad: int = 1, max_channels: int | None = None, scale: float | None = None,
                   signed: bool | None = None) -> Mosaic:
    """Tile every channel of an activation into one uint8 image.

    Parameters
    ----------
    act : torch.Tensor
        ``[C, H, W]`` or ``[1, C, H, W]``. A vector ``[C]`` / ``[1, C]`` (linear layer) becomes a
        near-square block of touching single pixels, one per unit (``pad`` is ignored).
    normalize : {"layer", "channel"}
        One scale for the layer, or each channel scaled to its own largest magnitude.
    order : {"index", "mean"}
        Index order, or by mean activation, highest first (ties by index).
    cols : int, optional
        Cells per row; default ``ceil(sqrt(C))`` (near-square).
    pad : int
        Pixels between cells.
    max_channels : int, optional
        Show only the first this many channels (after ordering).
    scale, signed : optional
        Fix the largest magnitude and the signed mapping instead of taking them from ``act``,
        so that several mosaics share one colour scale (the residual view). Layer mode only.

    Returns
    -------
    Mosaic
    """
    _choice("normalize", normalize, ("layer", "channel"))
    _choice("order", order, ("index", "mean"))
    _count("cols", cols, 1)
    _count("max_channels", max_channels, 1)
    x, vector = _as_chw(act)
    pad = 0 if vector else _count("pad", pad, 0)
    signed_t = (x < 0).any() if signed is None else torch.tensor(bool(signed), device=x.device)
    top = x.abs().amax() if scale is None else torch.tensor(float(scale), device=x.device)
    signed = signed_t
    if order == "mean":
        idx = torch.argsort(x.mean(dim=(1, 2)), descending=True, stable=True)[:max_channels]
    else:
        idx = torch.arange(min(x.shape[0], max_channels or x.shape[0]), device=x.device)
    shown = x.index_select(0, idx)
    scale = shown.abs().amax(dim=(1, 2), keepdim=True) if normalize == "channel" else top
    rows, cols = _near_square(len(idx), cols)
    fill = torch.where(signed, ZERO_LEVEL, PAD_UNSIGNED).to(torch.uint8)
    image = _tile(_to_u8(shown, scale, signed), rows, cols, pad, fill)
    pixels, numbers = _fetch(image, torch.cat([torch.stack([signed.float(), top]), idx.float()]))
    is_signed, m = bool(numbers[0]), float(numbers[1])
    grid = Grid(rows, cols, x.shape[1], x.shape[2], pad, tuple(int(i) for i in numbers[2:]))
    return Mosaic(pixels, grid, is_signed, -m if is_signed else 0.0, m, normalize == "channel")


def channel_image(act: Tensor, channel: int, *,
                  signed_scale: tuple[float, float] | None = None) -> np.ndarray:
    """One channel of an activation as a full-size uint8 ``H x W`` image.

    Parameters
    ----------
    act : torch.Tensor
        ``[C, H, W]`` or ``[1, C, H, W]``.
    channel : int
        Which channel.
    signed_scale : (float, float), optional
        A ``(vmin, vmax)`` to map (a layer mosaic's, to match it): signed, 0 at 128, when
        ``vmin < 0``, else ``0..vmax``. Default: the channel's own largest magnitude, signed if
        any value of ``act`` is negative (as in its mosaic).

    Returns
    -------
    numpy.ndarray
        C-contiguous uint8 ``H x W``.
    """
    x, _ = _as_chw(act)
    if isinstance(channel, bool) or not isinstance(channel, int) or not 0 <= channel < x.shape[0]:
        raise CnnvizError(tr("render: channel {channel} does not exist; this layer has {count} channels").format(
            channel=repr(channel), count=x.shape[0]))
    plane = x[channel]
    if signed_scale is None:
        signed, scale = (x < 0).any(), plane.abs().amax()
    else:
        lo, hi = (float(v) for v in signed_scale)
        signed = torch.tensor(lo < 0, device=x.device)
        scale = torch.tensor(max(abs(lo), abs(hi)) if lo < 0 else hi, device=x.device)
    return _to_u8(plane, scale, signed).cpu().numpy()


def overlay(image_rgb: np.ndarray, heat: Tensor, *, cmap: str = "magma", alpha: float = 0.5) -> np.ndarray:
    """Blend a heat map (e.g. Grad-CAM) over a picture.

    Parameters
    ----------
    image_rgb : numpy.ndarray
        ``H x W x 3`` uint8.
    heat : torch.Tensor
        ``[h, w]`` (leading size-1 dims allowed); upsampled bilinearly to ``H x W`` on its device,
        then scaled min..max to the colour map's 0..255.
    cmap : str
        Colour map for the heat.
    alpha : float
        Weight of the heat colour, 0..1.

    Returns
    -------
    numpy.ndarray
        ``H x W x 3`` uint8.
    """
    img = np.asarray(image_rgb)
    if img.dtype != np.uint8 or img.ndim != 3 or img.shape[2] != 3:
        raise CnnvizError(tr("render: overlay needs an H x W x 3 uint8 image, got shape {shape} {dtype}").format(
            shape=img.shape, dtype=img.dtype))
    if not 0.0 <= alpha <= 1.0:
        raise CnnvizError(tr("render: overlay alpha must be between 0 and 1, got {alpha}").format(alpha=alpha))
    table = lut(cmap)
    h = heat.detach() if isinstance(heat, Tensor) else torch.as_tensor(heat)
    while h.dim() > 2 and h.shape[0] == 1:
        h = h[0]
    if h.dim() != 2 or h.numel() == 0:
        raise CnnvizError(tr("render: overlay needs a 2-D heat map, got shape {shape}").format(shape=list(h.shape)))
    up = F.interpolate(_finite(h)[None, None], size=img.shape[:2], mode="bilinear", align_corners=False)[0, 0]
    up = up - up.amin()
    levels = _to_u8(up, up.amax(), torch.tensor(False, device=up.device)).cpu().numpy()
    out = img.astype(np.float32) * (1.0 - alpha) + table[levels].astype(np.float32) * alpha
    return np.rint(out).astype(np.uint8)


def _dilate(u8: Tensor, dh: int, dw: int) -> Tensor:
    """Spread kernel taps ``d`` apart; the holes get the zero level."""
    if dh == dw == 1:
        return u8
    o, i, kh, kw = u8.shape
    out = torch.full((o, i, (kh - 1) * dh + 1, (kw - 1) * dw + 1), ZERO_LEVEL, dtype=torch.uint8, device=u8.device)
    out[:, :, ::dh, ::dw] = u8
    return out


def _pair(dilation: int | tuple[int, int]) -> tuple[int, int]:
    pair = tuple(dilation) if isinstance(dilation, (tuple, list)) else (dilation, dilation)
    if len(pair) != 2 or not all(isinstance(d, int) and not isinstance(d, bool) and d >= 1 for d in pair):
        raise CnnvizError(tr("render: dilation must be an integer >= 1 or a pair of them, got {dilation}").format(
            dilation=repr(dilation)))
    return pair[0], pair[1]


def _matrix_mosaic(w: Tensor) -> Mosaic:
    top = w.abs().amax()
    image = _to_u8(w, top, torch.tensor(True, device=w.device))
    pixels, numbers = _fetch(image, top.reshape(1))
    m = float(numbers[0])
    return Mosaic(pixels, Grid(1, 1, w.shape[0], w.shape[1], 0, (0,)), True, -m, m, False)


def filter_grid(weight: Tensor, *, mode: str = "grid", dilation: int | tuple[int, int] = (1, 1),
                max_filters: int | None = None) -> Mosaic:
    """Draw a layer's weights as one signed uint8 mosaic (0 at 128), each output filter scaled on its own.

    Parameters
    ----------
    weight : torch.Tensor
        Conv weight ``[O, I/groups, kh, kw]``, or linear weight ``[out, in]`` (one ``out x in``
        image, one scale; ``mode`` and ``dilation`` ignored).
    mode : {"grid", "mean", "rgb"}
        ``"grid"``: a row per output filter, a column per input channel (grid channel ``k`` is
        kernel ``(k // cols, k % cols)``); with one input per group (depthwise) as ``"mean"``.
        ``"mean"``: one near-square cell per output filter, the mean over its inputs. ``"rgb"``
        (3 inputs only): RGB tiles, an ``H x W x 3`` image, 0 is gray 128.
    dilation : int or (int, int)
        Draw each kernel with its taps ``d`` apart and the holes at level 128.
    max_filters : int, optional
        Draw only the first this many output filters.

    Returns
    -------
    Mosaic
    """
    _choice("mode", mode, ("grid", "mean", "rgb"))
    _count("max_filters", max_filters, 1)
    if not isinstance(weight, Tensor) or weight.dim() not in (2, 4) or weight.numel() == 0:
        shape = list(weight.shape) if isinstance(weight, Tensor) else type(weight).__name__
        raise CnnvizError(tr("render: expected a conv weight [O, I, kh, kw] or linear weight [out, in], got {shape}"
                             ).format(shape=shape))
    w = _finite(weight)[:max_filters]
    if w.dim() == 2:
        return _matrix_mosaic(w)
    dh, dw = _pair(dilation)
    if mode == "rgb" and w.shape[1] != 3:
        raise CnnvizError(tr("render: rgb filters need 3 input channels, this layer's filters have {count}").format(
            count=w.shape[1]))
    if mode == "mean" or w.shape[1] == 1:
        w = w.mean(dim=1, keepdim=True)
    u8 = _dilate(_to_u8(w, w.abs().amax(dim=(1, 2, 3), keepdim=True), torch.tensor(True, device=w.device)), dh, dw)
    n_out, n_in, kh, kw = u8.shape
    if mode == "rgb":
        cells, fill, (rows, cols) = u8.permute(0, 2, 3, 1), 255, _near_square(n_out)
    elif n_in == 1:
        cells, fill, (rows, cols) = u8[:, 0], ZERO_LEVEL, _near_square(n_out)
    else:
        cells, fill, (rows, cols) = u8.reshape(n_out * n_in, kh, kw), ZERO_LEVEL, (n_out, n_in)
    pixels, numbers = _fetch(_tile(cells, rows, cols, 1, fill), w.abs().amax().reshape(1))
    m = float(numbers[0])
    return Mosaic(pixels, Grid(rows, cols, kh, kw, 1, tuple(range(cells.shape[0]))), True, -m, m, True)
