"""Lesson "why-1x1": a 1x1 convolution before a 5x5 one makes Inception affordable.

Every number is counted from real modules (:mod:`cnnviz.core.lessons.conv_costs`): the course's
two examples (:func:`course_examples`), the paper's inception 3a at any reduction width beside
torchvision's (:mod:`cnnviz.core.lessons.inception_costs`), and :class:`ReductionLab`, which feeds a
real 192 x 28 x 28 input (GoogLeNet's stem, random weights from seed 0, run on the lesson's image)
through the 5x5 branch with a 1x1 reduction of any width and says how much its output changes.

The reduction of width ``r`` keeps the ``r`` directions along which the 192 input channels vary most
(their principal components, from the input itself), and the 5x5 convolution after it is the full
one's seen through that projection; there is no ReLU between the two, so at ``r = 192`` the branch
gives exactly the unreduced 5x5's output, and the change at smaller ``r`` is only what the narrower
1x1 throws away. A trained network learns its own 1x1 (and puts a ReLU after it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import torch
import torch.nn.functional as F
from torch import nn

from ..errors import CnnvizError
from ..i18n import marker, translator
from ..views.mosaic import Mosaic, feature_mosaic
from . import Lesson
from .conv_costs import ConvCost, conv_costs, counting, total_macs, total_weights
from .inception_costs import BLOCK_INPUT, BlockCost, googlenet_part, paper_block_cost

__all__ = ["LESSON", "CostExample", "ReductionLab", "ReductionView", "block_input", "cost_example",
           "course_examples"]

tr = translator(__name__)
N_ = marker(__name__)

LESSON = Lesson(
    name="why-1x1",
    title=N_("Why 1x1 convolutions"),
    model="mnist_inception",
    text=N_("A 5x5 convolution from 192 to 32 channels on a 28x28 map multiplies and adds once for every output "
            "value, every input channel and every position of its kernel. Put a 1x1 convolution to 16 channels in "
            "front of it and the 5x5 reads 16 channels instead of 192: the page counts, from the modules, how much "
            "work and how many weights that saves.\n\n"
            "GoogLeNet's Inception blocks do this before every 3x3 and 5x5. Below, the paper's inception (3a) runs "
            "on a real 192-channel input. Its 1x1 keeps the directions in which the 192 channels vary most, so you "
            "see how much of the 5x5's output a narrow 1x1 keeps.\n\n"
            "torchvision's GoogLeNet, beside it, uses 3x3 where the paper draws 5x5: the table reads the kernels "
            "its modules really have."),
    task=N_("Drag the reduction width down to 4 and up to 64: watch the multiply-adds and how much the "
            "5x5 branch's maps change."),
    docks=("inception_dock", "feature_maps_dock"),
    layer="incep1",
)

MAX_WIDTH = BLOCK_INPUT[0]
COURSE_REDUCTION = 16


@dataclass(frozen=True)
class CostExample:
    """A ``k x k`` convolution ``in -> out`` on ``size x size``, alone and after a 1x1 to ``reduce`` channels."""

    in_channels: int
    out_channels: int
    kernel: int
    size: int
    reduce: int
    direct: tuple[ConvCost, ...]
    reduced: tuple[ConvCost, ...]

    @property
    def direct_macs(self) -> int:
        return total_macs(self.direct)

    @property
    def reduced_macs(self) -> int:
        return total_macs(self.reduced)

    @property
    def direct_weights(self) -> int:
        return total_weights(self.direct)

    @property
    def reduced_weights(self) -> int:
        return total_weights(self.reduced)


def cost_example(in_channels: int, out_channels: int, kernel: int = 5, reduce: int = COURSE_REDUCTION,
                 size: int = 28) -> CostExample:
    """Count both ways on real (``meta``) modules: ``Conv2d(in, out, k)`` and ``1x1 in -> reduce, k x k reduce -> out``.

    Both keep the map's size (padding ``k // 2``). Biases exist but are not counted in the weights.
    """
    for name, value in (("in_channels", in_channels), ("out_channels", out_channels), ("kernel", kernel),
                        ("reduce", reduce), ("size", size)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise CnnvizError(tr("{name} must be a whole number >= 1, got {value}").format(
                name=name, value=repr(value)))
    with torch.device("meta"):
        direct = nn.Conv2d(in_channels, out_channels, kernel, padding=kernel // 2)
        reduced = nn.Sequential(nn.Conv2d(in_channels, reduce, 1),
                                nn.Conv2d(reduce, out_channels, kernel, padding=kernel // 2))
    shape = (in_channels, size, size)
    return CostExample(in_channels, out_channels, kernel, size, reduce,
                       tuple(conv_costs(direct, shape)), tuple(conv_costs(reduced, shape)))


def course_examples(reduce: int = COURSE_REDUCTION) -> tuple[CostExample, CostExample]:
    """The course's two: 5x5 192 -> 32 on 28x28 (multiply-adds; a 1x1 to ``reduce`` first) and
    5x5 512 -> 64 (weights; a 1x1 to 24 first)."""
    return cost_example(192, 32, 5, reduce, 28), cost_example(512, 64, 5, 24, 28)


# ---------------------------------------------------------------- a real input for the block

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)
STEM = ("conv1", "maxpool1", "conv2", "conv3", "maxpool2")


@lru_cache(maxsize=1)
def _stem() -> nn.Sequential:
    """torchvision GoogLeNet's layers before inception 3a, random weights from seed 0, in eval mode."""
    stem = nn.Sequential(*(googlenet_part(name) for name in STEM)).to_empty(device="cpu")
    g = torch.Generator().manual_seed(0)
    for m in stem.modules():
        if isinstance(m, nn.Conv2d):
            nn.init.kaiming_uniform_(m.weight, a=math.sqrt(5), generator=g)
        elif isinstance(m, nn.BatchNorm2d):
            m.reset_parameters()
    return stem.eval().requires_grad_(False)


def _as_rgb224(image: torch.Tensor) -> torch.Tensor:
    if not isinstance(image, torch.Tensor) or image.dim() != 4 or image.shape[0] != 1 or image.numel() == 0:
        shape = list(image.shape) if isinstance(image, torch.Tensor) else type(image).__name__
        raise CnnvizError(tr("expected one image as a [1, C, H, W] tensor, got {shape}").format(shape=shape))
    x = image.detach().float().cpu()
    x = x if x.shape[1] == 3 else x.mean(dim=1, keepdim=True).expand(1, 3, *x.shape[2:])
    lo, hi = x.amin(), x.amax()
    x = (x - lo) / (hi - lo) if hi > lo else torch.zeros_like(x)
    x = F.interpolate(x, size=(224, 224), mode="bilinear", align_corners=False)
    mean, std = torch.tensor(IMAGENET_MEAN).view(1, 3, 1, 1), torch.tensor(IMAGENET_STD).view(1, 3, 1, 1)
    return (x - mean) / std


def block_input(image: torch.Tensor) -> torch.Tensor:
    """Inception 3a's real input for an image: ``[1, 192, 28, 28]`` from GoogLeNet's stem (seed 0).

    The image (any ``[1, C, H, W]``, e.g. a model's preprocessed digit) is scaled to 0..1, made RGB,
    resized to 224 x 224 and normalised as ImageNet images are.
    """
    with torch.no_grad():
        return _stem()(_as_rgb224(image))


# ---------------------------------------------------------------- the reduction, live


def _blank(module: nn.Module) -> nn.Module:
    """A module built on ``meta`` given uninitialised CPU tensors: building it drew nothing from torch's
    global random generator (the user's seeds elsewhere stay as they were)."""
    return module.to_empty(device="cpu")


@dataclass(frozen=True)
class ReductionView:
    """The 5x5 branch at one reduction width, and what it costs.

    ``branch`` holds the convolution calls of the real forward pass (the 1x1 and the 5x5);
    ``direct`` the unreduced 5x5's; ``block`` the whole paper block at this width. ``change`` is
    ``||relu(y_r) - relu(y)|| / ||relu(y)||`` of the branch outputs (``y``: the unreduced 5x5), and
    ``kept`` the share of the input's energy (sum of squares) in the ``width`` directions kept.
    ``maps``/``full_maps`` are the two outputs' mosaics on one colour scale, ``difference`` the mosaic of
    ``|relu(y_r) - relu(y)|`` on that same scale.
    """

    width: int
    branch: tuple[ConvCost, ...]
    direct: tuple[ConvCost, ...]
    block: BlockCost
    change: float
    kept: float
    maps: Mosaic
    full_maps: Mosaic
    difference: Mosaic

    @property
    def branch_macs(self) -> int:
        return total_macs(self.branch)

    @property
    def branch_weights(self) -> int:
        return total_weights(self.branch)

    @property
    def direct_macs(self) -> int:
        return total_macs(self.direct)


class ReductionLab:
    """The 5x5 branch of inception 3a on one real input, ready to be run at any reduction width.

    Parameters
    ----------
    image
        ``[1, C, H, W]`` (the lesson's image as its model sees it); :func:`block_input` makes the
        block's 192-channel input from it.
    """

    def __init__(self, image: torch.Tensor) -> None:
        self.x = block_input(image)
        channels = self.x[0].flatten(1)  # 192 x pixels: one variable per channel
        _, s, vh = torch.linalg.svd(channels.T, full_matrices=False)
        self.directions = vh  # rows: the channels' principal directions, strongest first
        self.energy = (s ** 2).cumsum(0) / (s ** 2).sum().clamp_min(1e-30)
        g = torch.Generator().manual_seed(0)
        self.conv5 = _blank(nn.Conv2d(MAX_WIDTH, 32, 5, padding=2, device="meta"))
        with torch.no_grad():
            nn.init.kaiming_uniform_(self.conv5.weight, a=math.sqrt(5), generator=g)
            bound = 1 / math.sqrt(MAX_WIDTH * 25)
            self.conv5.bias.uniform_(-bound, bound, generator=g)
        self.conv5.requires_grad_(False)
        with torch.no_grad(), counting(self.conv5) as direct:
            self.full = F.relu(self.conv5(self.x))
        self.direct = tuple(direct)
        self.scale = float(self.full.amax()) or 1.0
        self.full_maps = feature_mosaic(self.full[0], scale=self.scale, signed=False)

    def branch(self, width: int) -> nn.Sequential:
        """``1x1 192 -> width`` (the strongest directions) then ``5x5 width -> 32`` (the full 5x5 seen through them)."""
        if isinstance(width, bool) or not isinstance(width, int) or not 1 <= width <= MAX_WIDTH:
            raise CnnvizError(tr("the reduction width must be a whole number from 1 to {most}, got {value}").format(
                most=MAX_WIDTH, value=repr(width)))
        keep = self.directions[:width]
        reduce = _blank(nn.Conv2d(MAX_WIDTH, width, 1, bias=False, device="meta"))
        conv = _blank(nn.Conv2d(width, 32, 5, padding=2, device="meta"))
        with torch.no_grad():
            reduce.weight.copy_(keep[:, :, None, None])
            conv.weight.copy_(torch.einsum("ocij,rc->orij", self.conv5.weight, keep))
            conv.bias.copy_(self.conv5.bias)
        return nn.Sequential(reduce, conv, nn.ReLU()).requires_grad_(False)

    def at(self, width: int) -> ReductionView:
        """Run the branch at ``width`` on the input: its maps, their change, its cost and the block's."""
        branch = self.branch(width)
        with torch.no_grad(), counting(branch) as calls:
            y = branch(self.x)
        change = float((y - self.full).norm() / self.full.norm().clamp_min(1e-30))
        maps = feature_mosaic(y[0], scale=self.scale, signed=False)
        difference = feature_mosaic((y - self.full).abs()[0], scale=self.scale, signed=False)
        return ReductionView(width, tuple(calls), self.direct, paper_block_cost(width), change,
                             float(self.energy[width - 1]), maps, self.full_maps, difference)
