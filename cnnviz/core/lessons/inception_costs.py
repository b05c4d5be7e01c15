"""GoogLeNet's inception (3a) block two ways, and what each branch costs, read from the modules.

:class:`PaperInception` is the block as the GoogLeNet paper draws it (Szegedy et al. 2014, figure 2b
and table 1, inception 3a): 192 channels in; 1x1 to 64; 1x1 to 96 then 3x3 to 128; 1x1 to
``reduce5`` (16 in the paper) then 5x5 to 32; 3x3 max-pool then 1x1 to 32; a ReLU after every
convolution. torchvision's ``googlenet().inception3a`` is the same block except that its third branch
is 3x3, not 5x5 (kept for compatibility with its pretrained weights). :func:`block_cost` reads the
branches of either one, their layers' kernels and channels, and counts their multiply-adds and
weights with :func:`~cnnviz.core.lessons.conv_costs.conv_costs` on a 192 x 28 x 28 input on the
``meta`` device (shapes only).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import lru_cache

import torch
import torchvision
from torch import nn

from ..errors import CnnvizError
from ..i18n import translator
from .conv_costs import ConvCost, conv_costs, total_macs, total_weights

__all__ = ["BLOCK_INPUT", "BlockCost", "BranchCost", "Op", "PaperInception", "block_cost", "googlenet_part",
           "paper_block_cost", "torchvision_block", "torchvision_block_cost"]

tr = translator(__name__)

#: inception 3a's input: 192 channels of 28 x 28 (a 224 x 224 image after GoogLeNet's stem).
BLOCK_INPUT = (192, 28, 28)
PAPER_REDUCE5 = 16


def _conv(cin: int, cout: int, k: int) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(cin, cout, kernel_size=k, padding=k // 2), nn.ReLU())


class PaperInception(nn.Module):
    """Inception 3a as the paper draws it, with the width of the 5x5 branch's 1x1 reduction a parameter.

    Parameters
    ----------
    reduce5
        Channels of the 1x1 convolution before the 5x5 (the paper: 16).
    in_channels
        Channels in (the paper: 192).
    """

    def __init__(self, reduce5: int = PAPER_REDUCE5, in_channels: int = BLOCK_INPUT[0]) -> None:
        super().__init__()
        for name, value in (("reduce5", reduce5), ("in_channels", in_channels)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise CnnvizError(tr("{name} must be a whole number >= 1, got {value}").format(
                    name=name, value=repr(value)))
        self.branch1 = _conv(in_channels, 64, 1)
        self.branch2 = nn.Sequential(_conv(in_channels, 96, 1), _conv(96, 128, 3))
        self.branch3 = nn.Sequential(_conv(in_channels, reduce5, 1), _conv(reduce5, 32, 5))
        self.branch4 = nn.Sequential(nn.MaxPool2d(3, stride=1, padding=1), _conv(in_channels, 32, 1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.cat([self.branch1(x), self.branch2(x), self.branch3(x), self.branch4(x)], dim=1)


@dataclass(frozen=True)
class Op:
    """One step of a branch: ``kind`` is ``"conv"`` or ``"max-pool"``; channels only for convolutions."""

    kind: str
    kernel: tuple[int, int]
    in_channels: int | None = None
    out_channels: int | None = None


@dataclass(frozen=True)
class BranchCost:
    """One branch: its steps in order, and its convolutions' multiply-adds and weights (no biases)."""

    name: str
    ops: tuple[Op, ...]
    macs: int
    weights: int
    out_channels: int


@dataclass(frozen=True)
class BlockCost:
    """A block's branches in concatenation order and its totals for one :data:`BLOCK_INPUT`."""

    branches: tuple[BranchCost, ...]
    macs: int
    weights: int
    output_shape: tuple[int, int, int]

    def branch(self, name: str) -> BranchCost:
        """The branch called ``name`` (``"branch3"``)."""
        for b in self.branches:
            if b.name == name:
                return b
        raise CnnvizError(tr("no branch named '{name}'").format(name=name))


def _ops(branch: nn.Module) -> tuple[Op, ...]:
    ops = []
    for m in branch.modules():
        if isinstance(m, nn.Conv2d):
            ops.append(Op("conv", tuple(m.kernel_size), m.in_channels, m.out_channels))
        elif isinstance(m, nn.MaxPool2d):
            k = m.kernel_size if isinstance(m.kernel_size, tuple) else (m.kernel_size, m.kernel_size)
            ops.append(Op("max-pool", tuple(k)))
    return tuple(ops)


def block_cost(block: nn.Module, input_shape: tuple[int, int, int] = BLOCK_INPUT) -> BlockCost:
    """Branches (the block's children, in order), their steps and costs, from one pass on ``input_shape``.

    The block's output is taken as the channel concatenation of its children's outputs (an Inception
    block); each convolution call is charged to the child it belongs to.
    """
    costs = conv_costs(block, input_shape)
    by_branch: dict[str, list[ConvCost]] = {}
    for c in costs:
        by_branch.setdefault(c.name.split(".")[0], []).append(c)
    branches = []
    for name, child in block.named_children():
        mine = by_branch.get(name, [])
        out = mine[-1].out_channels if mine else input_shape[0]
        branches.append(BranchCost(name, _ops(child), total_macs(mine), total_weights(mine), out))
    height, width = costs[-1].output_shape[1:] if costs else input_shape[1:]
    return BlockCost(tuple(branches), total_macs(costs), total_weights(costs),
                     (sum(b.out_channels for b in branches), height, width))


@lru_cache(maxsize=256)
def paper_block_cost(reduce5: int = PAPER_REDUCE5) -> BlockCost:
    """:func:`block_cost` of :class:`PaperInception` with this reduction width, counted on ``meta``."""
    with torch.device("meta"):
        block = PaperInception(reduce5)
    return block_cost(block)


@lru_cache(maxsize=1)
def _meta_googlenet() -> nn.Module:
    with torch.device("meta"):
        return torchvision.models.googlenet(weights=None, aux_logits=False, init_weights=False)


def googlenet_part(name: str) -> nn.Module:
    """A fresh ``meta`` copy (shapes only) of one child of torchvision's
    ``googlenet(weights=None, aux_logits=False, init_weights=False)``, e.g. ``"inception3a"``."""
    return copy.deepcopy(getattr(_meta_googlenet(), name))


def torchvision_block(device: str | torch.device = "meta") -> nn.Module:
    """torchvision's ``googlenet(weights=None, aux_logits=False, init_weights=False).inception3a``."""
    if torch.device(device).type == "meta":
        return googlenet_part("inception3a")
    with torch.device(device):
        return torchvision.models.googlenet(weights=None, aux_logits=False, init_weights=False).inception3a


@lru_cache(maxsize=1)
def torchvision_block_cost() -> BlockCost:
    """:func:`block_cost` of torchvision's inception3a, whose ``branch3`` is really 3x3."""
    return block_cost(torchvision_block())
