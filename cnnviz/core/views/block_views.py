"""What the Inception and residual views show, computed from one capture (no Qt; the app and ``cnnviz render`` share it).

:func:`inception_view` draws each branch of a concatenating block as a mosaic on one colour scale
and measures what each branch contributes; :func:`residual_view` draws a residual block's input,
shortcut, residual path F(x), sum and output on one shared scale, with ``||F(x)|| / ||x||`` for
every residual block of the network. Both return uint8 pictures and plain numbers, so holding a
view keeps no tensor alive. An Inception-ResNet block (``kind="inception_residual"``) has both views:
its branches are the concatenation that begins its residual path, and each view says how the two
halves meet (:func:`residual_path_text`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from ..capture.anatomy import Block, BranchCost, branch_costs, residual_strength
from ..capture.records import Capture
from ..errors import CnnvizError
from ..i18n import translator
from .mosaic import Grid, feature_mosaic

tr = translator(__name__)

#: channels drawn per mosaic: more would be too small to read in a column; the strongest are kept
MAX_SHOWN = 64


@dataclass(frozen=True)
class MosaicPart:
    """One drawn tensor: its picture, where each channel is, and how many channels it has in all."""

    title: str
    key: str
    image: np.ndarray
    grid: Grid
    channels: int
    size: tuple[int, int]

    @property
    def shown(self) -> int:
        return len(self.grid.order)


@dataclass(frozen=True)
class BranchView:
    """One branch of a concatenating block."""

    index: int
    label: str
    channel_range: tuple[int, int]
    part: MosaicPart
    energy_share: float  # the branch's share of sum(x**2) over the block's output
    cost: BranchCost


@dataclass(frozen=True)
class InceptionView:
    path: str
    type_name: str
    in_channels: int
    out_channels: int  # channels of the concatenation (the block's output, unless the cat feeds F(x))
    size: tuple[int, int]  # (height, width) of the concatenation
    branches: tuple[BranchView, ...]
    signed: bool
    vmax: float
    wide_kernels: tuple[str, ...] = ()  # kernels wider than 1x1 in the branches' convolutions ("3x3", "1x7")
    #: for an Inception-ResNet block: what becomes of the concatenation (``residual_path_text``); else ""
    residual_path: str = ""


@dataclass(frozen=True)
class ResidualView:
    path: str
    type_name: str
    shortcut: str  # "identity" or "projection"
    parts: tuple[MosaicPart, ...]  # input x (when found), shortcut, F(x), sum, output
    vmax: float
    ratio: float
    strengths: tuple[tuple[str, float], ...]  # every residual block of the network, in order
    #: for an Inception-ResNet block: how F(x) is made from its concatenated branches; else ""
    residual_path: str = ""


def _part(title: str, key: str, t: torch.Tensor, scale: float, signed: bool, strongest: bool = True,
          max_shown: int | None = MAX_SHOWN) -> MosaicPart:
    """A mosaic of at most ``max_shown`` channels (None: all): the strongest (highest mean), or the first ones."""
    x = t[0] if t.dim() == 4 else t
    order = "mean" if strongest and max_shown is not None and x.shape[0] > max_shown else "index"
    mosaic = feature_mosaic(x, order=order, max_channels=max_shown, scale=scale, signed=signed)
    return MosaicPart(title, key, mosaic.image, mosaic.grid, int(x.shape[0]), (int(x.shape[1]), int(x.shape[2])))


def wide_kernels(block: Block) -> tuple[str, ...]:
    """The convolution kernels wider than 1x1 on the block's branches, in order of first use."""
    found: list[str] = []

    def visit(steps) -> None:
        for step in steps:
            if step.op == "parallel":
                for arm in step.arms:
                    visit(arm)
            elif step.op.startswith("conv") and any(k > 1 for k in step.kernel) and step.kernel_text not in found:
                found.append(step.kernel_text)

    for branch in block.branches:
        visit(branch.steps)
    return tuple(found)


def residual_path_text(block: Block) -> str:
    """For an Inception-ResNet block, F(x) in words: ``F(x) = 1x1 conv (128 -> 320) of the 3 branches
    concatenated, x 0.17; output = relu(x + F(x))``; "" for other blocks."""
    if block.kind != "inception_residual":
        return ""
    steps = block.residual_steps
    last_cat = max((i for i, s in enumerate(steps) if s.op == "parallel"), default=-1)
    in_branches = {id(s) for branch in block.branches for s in branch.steps}
    after = [s for s in steps[last_cat + 1:] if id(s) not in in_branches and (s.computes or "pool" in s.op)]
    convs = ", ".join(f"{s.strided_text} {'conv' if s.computes else s.op.replace('_', '-')} "
                      f"({s.in_channels} -> {s.out_channels})" for s in after)
    joined = tr("the {count} branches concatenated").format(count=len(block.branches))
    what = tr("{convs} of {branches}").format(convs=convs, branches=joined) if convs else joined
    scale = block.residual_scale
    scaled = f", \u00d7 {scale:g}" if scale is not None and scale != 1 else ""
    shortcut = "x" if block.shortcut == "identity" else "shortcut(x)"
    total = f"{shortcut} + F(x)"
    output = f"{block.activation}({total})" if block.activation else total
    return tr("F(x) = {what}{scaled}; output = {output}").format(what=what, scaled=scaled, output=output)


def inception_view(cap: Capture, block: Block, max_shown: int | None = MAX_SHOWN) -> InceptionView:
    """Every branch of ``block`` as a mosaic on the block's colour scale, its channels and energy share.

    A branch with more than ``max_shown`` channels shows its strongest ones (None: all, in index order).
    """
    keys = [f"{block.path}:branch{b.index}" for b in block.branches]
    missing = [k for k in keys if k not in cap]
    if missing:
        raise CnnvizError(f"the capture has no {missing[0]}: capture with blocks=True")
    tensors = [cap[k].float() for k in keys]
    stats = torch.stack([torch.stack([t.abs().amax(), t.square().sum(), (t < 0).any().float()])
                         for t in tensors]).cpu()  # one transfer
    scale = float(stats[:, 0].max())
    signed = bool(stats[:, 2].max() > 0)
    total = float(stats[:, 1].sum())
    views = []
    for branch, t, energy, cost in zip(block.branches, tensors, stats[:, 1].tolist(), branch_costs(block)):
        part = _part(branch.label, keys[branch.index], t, scale, signed, max_shown=max_shown)
        share = energy / total if total > 0 else 0.0
        views.append(BranchView(branch.index, branch.label, branch.channel_range, part, share, cost))
    first = tensors[0]
    size = (int(first.shape[-2]), int(first.shape[-1])) if first.dim() == 4 else (0, 0)
    channels = sum(b.out_channels for b in block.branches)
    return InceptionView(block.path, block.type_name, int(block.in_shape[0]), channels, size,
                         tuple(views), signed, scale, wide_kernels(block), residual_path_text(block))


def block_input_key(cap: Capture, block: Block) -> str | None:
    """The capture key holding the block's input: its identity, or the last output before the block."""
    if block.shortcut == "identity":
        return f"{block.path}:identity"
    keys = list(cap.keys())
    own = [i for i, k in enumerate(keys) if k == block.path or k.startswith((block.path + ".", block.path + ":"))]
    if not own:
        return None
    for k in reversed(keys[: own[0]]):
        t = cap[k]
        if ":" not in k and tuple(t.shape[1:]) == tuple(block.in_shape):
            return k
    return None


def residual_view(cap: Capture, block: Block, max_shown: int | None = MAX_SHOWN) -> ResidualView:
    """The block's input, shortcut, F(x), sum and output on one colour scale (the first ``max_shown``
    channels of each; None: all), and ``||F(x)|| / ||shortcut||``."""
    shortcut = tr("identity (x itself)") if block.shortcut == "identity" else tr("shortcut: projection of x")
    output = (tr("output (after {activation})").format(activation=block.activation) if block.activation
              else tr("output"))
    named = [(shortcut, f"{block.path}:identity"), (tr("residual F(x)"), f"{block.path}:residual"),
             (tr("sum x + F(x)") if block.shortcut == "identity" else tr("sum"), f"{block.path}:sum"),
             (output, block.path)]
    source = block_input_key(cap, block)
    if block.shortcut != "identity" and source is not None:
        named.insert(0, (tr("input x ({key})").format(key=source), source))
    missing = [k for _, k in named if k not in cap]
    if missing:
        raise CnnvizError(f"the capture has no {missing[0]}: capture with blocks=True")
    tensors = [cap[k].float() for _, k in named]
    scale = float(torch.stack([t.abs().amax() for t in tensors]).max())
    # index order in every part: channel k sits in the same cell of shortcut, F(x), sum and output
    parts = tuple(_part(title, key, t, scale, True, strongest=False, max_shown=max_shown) for (title, key), t in zip(named, tensors))
    strengths = residual_strength(cap)
    return ResidualView(block.path, block.type_name, block.shortcut, parts, scale, strengths[block.path],
                        tuple(strengths.items()), residual_path_text(block))
