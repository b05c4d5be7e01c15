"""The weights of one convolution or linear layer as a picture, with what a reader needs to read it.

:func:`filter_view` is the Filters dock's and ``cnnviz render --view filters``' one entry: it finds the
layer (a block or a capture key such as ``layer1.0:residual`` stands for its first convolution),
copies its weight (under the caller's lock: the model may be training), draws one page of filters
with :func:`cnnviz.core.views.mosaic.filter_grid` and returns plain numpy data in a :class:`FilterView`.
"""

from __future__ import annotations

import math
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from ..capture.records import unknown_key_message
from ..errors import CnnvizError
from ..i18n import translator
from .mosaic import Grid, filter_grid

tr = translator(__name__)

__all__ = ["FILTER_MODES", "FilterView", "conv_layers", "filter_view"]

FILTER_MODES = ("auto", "rgb", "grid", "mean")
WEIGHTED = (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)
HIST_BINS = 48
MAX_MATRIX_SIDE = 2048  # larger linear weights are shown block-averaged


@dataclass
class FilterView:
    """One page of a layer's filters, drawn, and the numbers around them.

    ``image`` is uint8 (signed levels, 0 at 128; ``H x W x 3`` when ``mode == "rgb"``), laid out by
    ``grid``. ``values`` holds the drawn weights: ``[n, inputs shown, kh, kw]`` for a page of conv
    filters (``n = stop - first``), the (block-averaged) ``[rows, cols]`` matrix for a linear layer.
    Histogram, ``vmin``/``vmax``, ``mean``/``std`` describe the whole layer, not the page.
    """

    selected: str  # what was asked for
    layer: str  # the module drawn
    type_name: str
    kind: str  # "convolution", "depthwise convolution", "linear", ...
    settings: str
    note: str  # why another module than the selected one is drawn, how to read grouped filters
    weight_shape: tuple[int, ...]  # as the module stores it
    mode: str  # "rgb", "grid", "mean" or "matrix"
    can_rgb: bool
    image: np.ndarray
    grid: Grid
    values: np.ndarray
    vmin: float
    vmax: float
    mean: float
    std: float
    count: int
    hist_counts: np.ndarray
    hist_edges: np.ndarray
    first: int  # filters first..stop-1 are on this page
    stop: int
    total: int
    page: int
    pages: int
    groups: int = 1
    dilation: tuple[int, int] = (1, 1)
    block: tuple[int, int] = (1, 1)  # weights per matrix pixel (linear layers shown block-averaged)

    @property
    def page_text(self) -> str:
        """``"filters 1-64 of 256"`` (1-based, as people count)."""
        return tr("filters {first}-{last} of {total}").format(first=self.first + 1, last=self.stop, total=self.total)

    @property
    def layout_text(self) -> str:
        """How the picture is laid out, in one line."""
        if self.mode == "matrix":
            fh, fw = self.block
            avg = tr(", each pixel the mean of about {h}x{w} weights").format(h=fh, w=fw) if (fh, fw) != (1, 1) else ""
            return tr("rows: the {outputs} outputs, columns: the {inputs} inputs{mean}").format(
                outputs=self.total, inputs=self.weight_shape[1], mean=avg)
        if self.mode == "rgb":
            return tr("one RGB tile per filter (its 3 input channels as red, green, blue; grey is 0)")
        if self.mode == "mean":
            return tr("one tile per filter: the mean over its inputs, each filter on its own scale")
        inputs = self.values.shape[1]
        if inputs == 1:
            return tr("one tile per filter, each on its own scale")
        text = (tr("rows: filters, columns: the {inputs} input channels of its own group; each filter on its own "
                   "scale") if self.groups > 1 else
                tr("rows: filters, columns: the {inputs} input channels; each filter on its own scale"))
        return text.format(inputs=inputs)

    def describe(self, x: float, y: float) -> str | None:
        """What lies under pixel (x, y) of ``image``: filter, input channel, tap and value; None on padding."""
        if self.mode == "matrix":
            return self._describe_matrix(x, y)
        unit = self.grid.unit_at(x, y)
        if unit is None:
            return None
        cell, ty, tx = unit
        dh, dw = self.dilation
        grid_mode = self.mode == "grid" and self.values.shape[1] > 1
        local, col = divmod(cell, self.grid.cols) if grid_mode else (cell, 0)
        if local >= self.values.shape[0]:
            return None
        f = self.first + local
        if ty % dh or tx % dw:
            return tr("filter {filter}: a hole of the dilated kernel (dilation {h}x{w})").format(filter=f, h=dh, w=dw)
        ky, kx = ty // dh, tx // dw
        tap = tr("tap (row {row}, col {col})").format(row=ky, col=kx)
        kernel = self.values[local, :, ky, kx]
        if self.mode == "rgb":
            return tr("filter {filter}, {tap}: R {r}  G {g}  B {b}").format(
                filter=f, tap=tap, r=f"{kernel[0]:.4g}", g=f"{kernel[1]:.4g}", b=f"{kernel[2]:.4g}")
        if self.mode == "mean":
            return tr("filter {filter}, mean over its {inputs} inputs, {tap}: {value}").format(
                filter=f, inputs=self.values.shape[1], tap=tap, value=f"{kernel.mean():.4g}")
        per_group_in = self.values.shape[1]
        channel = (f // (self.total // self.groups)) * per_group_in + col
        return tr("filter {filter}, input channel {channel}, {tap}: {value}").format(
            filter=f, channel=channel, tap=tap, value=f"{kernel[col]:.4g}")

    def _describe_matrix(self, x: float, y: float) -> str | None:
        h, w = self.values.shape
        if not (math.isfinite(x) and math.isfinite(y)) or not (0 <= x < w and 0 <= y < h):
            return None
        r, c = int(y), int(x)
        value = float(self.values[r, c])
        if self.block == (1, 1):
            return tr("output {output}, input {input}: {value}").format(output=r, input=c, value=f"{value:.4g}")
        rows = _span(r, h, self.total)
        cols = _span(c, w, self.weight_shape[1])
        return tr("outputs {first}-{last}, inputs {first_in}-{last_in}: mean {value}").format(
            first=rows[0], last=rows[1] - 1, first_in=cols[0], last_in=cols[1] - 1, value=f"{value:.4g}")


def _span(i: int, shown: int, total: int) -> tuple[int, int]:
    """The [start, stop) of the original indices adaptive pooling put into pixel ``i``."""
    return (i * total) // shown, -(-((i + 1) * total) // shown)


def conv_layers(module: nn.Module) -> list[str]:
    """The paths of every Conv2d, ConvTranspose2d and Linear layer, in registration order."""
    return [name for name, m in module.named_modules() if name and isinstance(m, WEIGHTED)]


# ---------------------------------------------------------------- finding the layer

def _first_weighted(module: nn.Module, prefix: str) -> str | None:
    for name, m in module.named_modules():
        if isinstance(m, WEIGHTED):
            return f"{prefix}.{name}" if name else prefix
    return None


def _part_of_block(key: str, blocks) -> tuple[str | None, str] | None:
    """For a capture key ``path:part`` of a known block: the first conv of that part, and what the part is."""
    path, part = key.split(":", 1)
    block = next((b for b in blocks or () if b.path == path), None)
    if block is None:
        return None
    if part.startswith("branch") and part[6:].isdigit() and int(part[6:]) < len(block.branches):
        branch = block.branches[int(part[6:])]
        steps, what = branch.steps, tr("branch {index} of {block} ({label})").format(
            index=branch.index, block=path, label=branch.label)
    elif part == "residual":
        steps, what = block.residual_steps, tr("the residual path F(x) of {block}").format(block=path)
    elif part == "identity":
        what = (tr("the projection shortcut of {block}") if block.shortcut == "projection" else
                tr("the identity shortcut of {block}") if block.shortcut in (None, "", "identity") else
                tr("the {kind} shortcut of {block}")).format(kind=block.shortcut, block=path)
        steps = block.shortcut_steps
    else:
        return None
    convs = [s.module for s in steps if s.module and s.op in ("conv", "conv_transpose", "linear")]
    return (convs[0] if convs else None), what


def _unknown(name: str, modules: dict[str, nn.Module]) -> CnnvizError:
    return CnnvizError(unknown_key_message(name, [n for n in modules if n]))


def _resolve(module: nn.Module, selected: str | None, blocks) -> tuple[str, nn.Module, str]:
    """The module to draw for a selection, and a note when it is not the selection itself."""
    modules = dict(module.named_modules())
    convs = conv_layers(module)
    if not convs:
        raise CnnvizError(tr("this model has no convolution or linear layers"))
    if not selected:
        return convs[0], modules[convs[0]], ""
    key = selected.split("#", 1)[0]
    what = None
    if ":" in key:
        part = _part_of_block(key, blocks)
        base = key.split(":", 1)[0]
        if part is not None:
            name, what = part
            if name is None:
                raise CnnvizError(tr("{part} has no filters: select a convolution or linear layer").format(part=what))
            return name, modules[name], _showing(selected, what, name)
        key = base
    if key not in modules or not key:
        raise _unknown(selected, modules)
    m = modules[key]
    if isinstance(m, WEIGHTED):
        return key, m, ""
    inner = _first_weighted(m, key)
    type_name = type(m).__name__
    if inner is None:
        examples = ", ".join(convs[:3])
        if isinstance(getattr(m, "weight", None), torch.Tensor):
            raise CnnvizError(tr("{key}: {type} weights are not 2-D filters: select a convolution or linear layer "
                                 "(such as {examples})").format(key=key, type=type_name, examples=examples))
        raise CnnvizError(tr("{key}: {type} has no filters: select a convolution or linear layer (such as "
                             "{examples})").format(key=key, type=type_name, examples=examples))
    what = what or tr("a {type}").format(type=type_name)
    return inner, modules[inner], _showing(selected, what, inner)


def _showing(selected: str, what: str, name: str) -> str:
    return tr("{selected} is {what}: showing its first layer with weights, {layer}").format(
        selected=selected, what=what, layer=name)


# ---------------------------------------------------------------- describing it

def _pair_text(v) -> str:
    if isinstance(v, str):
        return v
    v = tuple(v) if isinstance(v, (tuple, list)) else (v, v)
    return str(v[0]) if len(set(v)) == 1 else "x".join(map(str, v))


def _kind(m: nn.Module) -> str:
    if isinstance(m, nn.Linear):
        return tr("linear")
    groups, dil = m.groups, _pair_text(m.dilation)
    transposed = isinstance(m, nn.ConvTranspose2d)
    if groups > 1 and groups == m.in_channels:
        base = tr("depthwise transposed convolution") if transposed else tr("depthwise convolution")
    elif groups > 1:
        base = (tr("grouped transposed convolution ({groups} groups)") if transposed else
                tr("grouped convolution ({groups} groups)")).format(groups=groups)
    else:
        base = tr("transposed convolution") if transposed else tr("convolution")
    if dil == "1":
        return base
    if groups == 1 and not transposed:
        return tr("dilated convolution ({dilation})").format(dilation=dil)
    return tr("{kind}, dilated ({dilation})").format(kind=base, dilation=dil)


def _settings(m: nn.Module) -> str:
    if isinstance(m, nn.Linear):
        return tr("{inputs} inputs -> {outputs} outputs, bias {bias}").format(
            inputs=m.in_features, outputs=m.out_features, bias=tr("yes") if m.bias is not None else tr("no"))
    text = tr("kernel {kernel}, stride {stride}, padding {padding}, dilation {dilation}, groups {groups}").format(
        kernel="x".join(map(str, m.kernel_size)), stride=_pair_text(m.stride), padding=_pair_text(m.padding),
        dilation=_pair_text(m.dilation), groups=m.groups)
    if isinstance(m, nn.ConvTranspose2d) and any(tuple(m.output_padding)):
        text += tr(", output padding {padding}").format(padding=_pair_text(m.output_padding))
    return text + tr(", {inputs} -> {outputs} channels").format(inputs=m.in_channels, outputs=m.out_channels)


def _group_note(m: nn.Module) -> str:
    if isinstance(m, nn.Linear) or m.groups == 1:
        return ""
    per_in, per_out = m.in_channels // m.groups, m.out_channels // m.groups
    if per_in == 1:
        return tr("per group: each of the {groups} groups is one input channel with its own {filters} filter(s); a "
                  "tile is one filter").format(groups=m.groups, filters=per_out)
    return tr("per group: {groups} groups of {filters} filters, each filter sees only the {inputs} input channels of "
              "its own group").format(groups=m.groups, filters=per_out, inputs=per_in)


def _as_out_in(m: nn.Module, w: torch.Tensor) -> torch.Tensor:
    """A transposed convolution's ``[in, out/G, kh, kw]`` weight as ``[out, in/G, kh, kw]``."""
    if not isinstance(m, nn.ConvTranspose2d):
        return w
    g = m.groups
    i, o_g, kh, kw = w.shape
    return w.reshape(g, i // g, o_g, kh, kw).transpose(1, 2).reshape(g * o_g, i // g, kh, kw)


def _stats(w: torch.Tensor) -> tuple[list[float], np.ndarray, np.ndarray]:
    """min, max, mean, std and a histogram of every weight, fetched in one transfer."""
    flat = w.detach().reshape(-1).float()
    lo, hi = torch.aminmax(flat)
    if not bool(torch.isfinite(lo) & torch.isfinite(hi)):  # a diverged training run: draw NaN/inf as 0
        flat = torch.nan_to_num(flat, nan=0.0, posinf=0.0, neginf=0.0)
        lo, hi = torch.aminmax(flat)
    spread = torch.where(hi > lo, hi - lo, torch.ones_like(hi))
    counts = torch.histc(flat, bins=HIST_BINS, min=float(lo), max=float(lo + spread))
    var, mean = torch.var_mean(flat) if flat.numel() > 1 else (torch.zeros_like(lo), flat.mean())
    host = torch.cat([torch.stack([lo, hi, mean, var.sqrt()]), counts]).cpu().numpy().astype(np.float64)
    lo_v, hi_v = float(host[0]), float(host[1])
    edges = np.linspace(lo_v, hi_v if hi_v > lo_v else lo_v + 1.0, HIST_BINS + 1)
    return [float(v) for v in host[:4]], host[4:].astype(np.int64), edges


def _matrix(w: torch.Tensor) -> tuple[torch.Tensor, tuple[int, int]]:
    rows, cols = w.shape
    fh, fw = math.ceil(rows / MAX_MATRIX_SIDE), math.ceil(cols / MAX_MATRIX_SIDE)
    if fh == fw == 1:
        return w, (1, 1)
    shown = F.adaptive_avg_pool2d(w[None, None].float(), (math.ceil(rows / fh), math.ceil(cols / fw)))[0, 0]
    return shown, (fh, fw)


# ---------------------------------------------------------------- the view

def filter_view(module: nn.Module, layer: str | None, mode: str = "auto", page: int = 0,
                per_page: int | None = 64, *, blocks=None,
                lock: AbstractContextManager | None = None) -> FilterView:
    """Draw one page of a layer's filters.

    Parameters
    ----------
    module : torch.nn.Module
        The model.
    layer : str or None
        A module path or capture key; a block (or ``block:part`` key) stands for its first layer
        with weights; None: the model's first one.
    mode : {"auto", "rgb", "grid", "mean"}
        ``"auto"``: RGB tiles for filters with 3 inputs (a first layer), else the grid (output
        filters x input channels). ``"mean"``: one tile per filter, the mean over its inputs.
        Linear layers are always drawn as their weight matrix.
    page, per_page : int
        Which page of ``per_page`` output filters (None: all in one page).
    blocks : list of cnnviz.core.capture.anatomy.Block, optional
        The model's blocks, to resolve ``block:branchN`` / ``:residual`` / ``:identity`` keys.
    lock : context manager, optional
        Held while the weight is copied (the model's lock when it may be training).

    Returns
    -------
    FilterView

    Raises
    ------
    CnnvizError
        Unknown layer (with "Did you mean"), a layer without filters, a bad mode or page.
    """
    if mode not in FILTER_MODES:
        raise CnnvizError(tr("unknown filter mode '{mode}'; use one of: {modes}").format(
            mode=mode, modes=", ".join(FILTER_MODES)))
    if per_page is not None and (isinstance(per_page, bool) or not isinstance(per_page, int) or per_page < 1):
        raise CnnvizError(tr("filters per page must be an integer >= 1, got {value}").format(value=repr(per_page)))
    name, m, note = _resolve(module, layer, blocks)
    with lock if lock is not None else nullcontext():
        raw = m.weight.detach().clone()
    w = _as_out_in(m, raw)
    total = w.shape[0]
    per_page = per_page or total
    pages = max(1, math.ceil(total / per_page))
    if isinstance(page, bool) or not isinstance(page, int) or not 0 <= page < pages:
        raise CnnvizError(tr("{layer}: page {page} does not exist; it has {pages} page(s) of {per_page} filters"
                             ).format(layer=name, page=repr(page), pages=pages, per_page=per_page))
    (vmin, vmax, mean, std), counts, edges = _stats(w)
    common = dict(selected=layer or name, layer=name, type_name=type(m).__name__, kind=_kind(m),
                  settings=_settings(m), weight_shape=tuple(raw.shape), vmin=vmin, vmax=vmax, mean=mean,
                  std=std, count=w.numel(), hist_counts=counts, hist_edges=edges, total=total)
    if isinstance(m, nn.Linear):
        shown, block = _matrix(w)
        mosaic = filter_grid(shown)
        return FilterView(note=note, mode="matrix", can_rgb=False, image=mosaic.image, grid=mosaic.grid,
                          values=shown.float().cpu().numpy(), first=0, stop=total, page=0, pages=1,
                          block=block, **common)
    can_rgb = w.shape[1] == 3
    drawn = ("rgb" if can_rgb else "grid") if mode == "auto" else mode
    if drawn == "rgb" and not can_rgb:
        raise CnnvizError(tr("{layer}: RGB tiles need filters with 3 input channels; this layer's have {count} (use "
                             "grid or mean)").format(layer=name, count=w.shape[1]))
    first, stop = page * per_page, min(total, (page + 1) * per_page)
    dilation = tuple(int(d) for d in m.dilation)
    mosaic = filter_grid(w[first:stop], mode=drawn, dilation=dilation)
    notes = [n for n in (note, _group_note(m)) if n]
    return FilterView(note="; ".join(notes), mode=drawn, can_rgb=can_rgb, image=mosaic.image, grid=mosaic.grid,
                      values=w[first:stop].float().cpu().numpy(), first=first, stop=stop, page=page,
                      pages=pages, groups=m.groups, dilation=dilation, **common)
