"""The anatomy of blocks: Inception-style concatenations and residual additions, as the model has them.

A *block* is a module whose output is

- a channel concatenation ``torch.cat([...], dim=1)`` of several paths (``kind="inception"``; ``"dense"``
  when the block's own input is one of the concatenated parts, as in DenseNet), or
- the sum of its input, or a projection of it, and a computed path F(x), possibly followed by an
  activation (``kind="residual"``), or
- both at once: a residual block whose F(x) begins by concatenating parallel branches of its input,
  ``out = conv(cat(branches)) * scale + x`` (Inception-ResNet's Block35/17/8,
  ``kind="inception_residual"``): it has branches *and* identity, residual and sum.

Blocks are found by watching what the forward pass really does (:mod:`cnnviz.core.capture.block_watch`),
not from a table of class names, so a user's own module is found as well as torchvision's. This
module holds the descriptions (:class:`Block`, :class:`Branch`, :class:`Step`), the numbers the
course teaches (what a 1x1 reduction saves), and the residual strength of a captured image.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

import torch

from ..errors import CnnvizError
from ..i18n import translator

tr = translator(__name__)

if TYPE_CHECKING:
    from .records import Capture


@dataclass(frozen=True)
class Step:
    """One convolution or pooling on a path, with the settings the model really has."""

    op: str  # "conv", "conv_transpose", "max_pool", "avg_pool", "linear"
    module: str | None
    kernel: tuple[int, ...]
    stride: tuple[int, ...]
    in_channels: int
    out_channels: int
    out_shape: tuple[int, ...]  # (C, H, W) of the step's output for one image
    groups: int = 1
    dilation: tuple[int, ...] = (1, 1)
    #: for ``op="parallel"``: the arms computed side by side and concatenated (InceptionE's 1x3 | 3x1)
    arms: tuple[tuple["Step", ...], ...] = ()

    @property
    def kernel_text(self) -> str:
        if self.op == "parallel":
            return "(" + " | ".join(" -> ".join(s.kernel_text for s in arm) for arm in self.arms) + ")"
        return "x".join(str(k) for k in self.kernel)

    @property
    def strided_text(self) -> str:
        """``kernel_text``, with ``/2`` for a stride of 2 (the GoogLeNet paper's ``3x3/2``)."""
        stride = max(self.stride, default=1)
        return self.kernel_text + (f"/{stride}" if stride > 1 else "")

    @property
    def weights(self) -> int:
        """Weights of a convolution (biases excluded, as the course's numbers are)."""
        if self.op == "parallel":
            return sum(s.weights for arm in self.arms for s in arm)
        if self.op not in ("conv", "conv_transpose", "linear"):
            return 0
        k = 1
        for v in self.kernel:
            k *= v
        return self.out_channels * (self.in_channels // self.groups) * k

    @property
    def computes(self) -> bool:
        """A convolution, or parallel arms of them (what a 1x1 reduction can feed)."""
        return self.op.startswith("conv") or self.op == "parallel"

    @property
    def macs(self) -> int:
        """Multiply-adds of this step for one image (convolutions only)."""
        if self.op == "parallel":
            return sum(s.macs for arm in self.arms for s in arm)
        spatial = 1
        for v in self.out_shape[1:]:
            spatial *= v
        return self.weights * spatial


@dataclass(frozen=True)
class Branch:
    """One parallel path of a concatenating block, in concatenation order."""

    index: int
    steps: tuple[Step, ...]
    out_channels: int
    channel_range: tuple[int, int]  # [start, stop) of the block output's channels

    @property
    def label(self) -> str:
        """What the branch is, e.g. ``1x1 -> 3x3, 96 -> 128``, ``3x3 max-pool -> 1x1, 32`` or ``3x3/2 conv, 384``."""
        parts = [f"{s.strided_text} {s.op.replace('_', '-')}" if "pool" in s.op else s.strided_text
                 for s in self.steps]
        convs = [s for s in self.steps if s.computes]
        if not parts:
            return f"identity, {self.out_channels}"
        if len(parts) == 1 and convs:
            return f"{parts[0]} conv, {self.out_channels}"
        if len(convs) >= 2:
            return f"{' -> '.join(parts)}, {convs[0].out_channels} -> {self.out_channels}"
        return f"{' -> '.join(parts)}, {self.out_channels}"


@dataclass(frozen=True)
class Block:
    """A concatenating or residual block found in a model."""

    path: str
    kind: str  # "inception", "dense", "residual" or "inception_residual" (both: see the module's notes)
    type_name: str
    in_shape: tuple[int, ...]
    out_shape: tuple[int, ...]
    branches: tuple[Branch, ...] = ()
    residual_steps: tuple[Step, ...] = ()
    shortcut: str = ""  # "identity" or "projection"
    shortcut_steps: tuple[Step, ...] = ()
    activation: str | None = None  # the op applied after the add or concatenation, if any
    parts: tuple[str, ...] = field(default=())  # capture keys of this block's parts
    #: the number F(x) is multiplied by just before the add (Inception-ResNet's ``scale``), if any
    residual_scale: float | None = None

    @property
    def concatenates(self) -> bool:
        """Whether the block has parallel branches (``<block>:branch<i>``): Inception, dense or both kinds."""
        return self.kind in INCEPTION_KINDS

    @property
    def adds(self) -> bool:
        """Whether the block adds a shortcut to F(x) (``<block>:identity|residual|sum``)."""
        return self.kind in RESIDUAL_KINDS

    @property
    def branches_are_output(self) -> bool:
        """Whether the branches concatenate to the block's output (not so when the concatenation
        begins the residual path of an ``inception_residual`` block)."""
        return self.kind in ("inception", "dense")

    def to_json_dict(self) -> dict:
        data = asdict(self)
        for b, branch in zip(data["branches"], self.branches):
            b["label"] = branch.label
        return data


#: kinds with branches, and kinds with identity / residual / sum ("inception_residual" is in both)
INCEPTION_KINDS = frozenset({"inception", "dense", "inception_residual"})
RESIDUAL_KINDS = frozenset({"residual", "inception_residual"})


def inception_blocks(blocks: list[Block]) -> list[Block]:
    """The blocks with parallel branches (Inception, dense and Inception-ResNet ones), in model order."""
    return [b for b in blocks if b.kind in INCEPTION_KINDS]


def residual_blocks(blocks: list[Block]) -> list[Block]:
    """The blocks that add a shortcut (residual and Inception-ResNet ones), in model order."""
    return [b for b in blocks if b.kind in RESIDUAL_KINDS]


@dataclass(frozen=True)
class BranchCost:
    """A branch's cost as built, and as a direct k x k convolution without its 1x1 reduction."""

    label: str
    weights: int
    macs: int
    direct_weights: int
    direct_macs: int

    @property
    def saving(self) -> float:
        """How many times cheaper (in MACs) the branch is than the direct version."""
        return self.direct_macs / self.macs if self.macs else 1.0


def branch_costs(block: Block) -> list[BranchCost]:
    """For each branch: weights and MACs as built, and without its leading 1x1 reduction.

    A branch that starts with a 1x1 convolution followed by more convolutions is compared with
    the same branch where the first k x k convolution reads the block's input channels directly.
    Branches without such a reduction cost the same both ways. Biases are not counted.
    """
    in_channels = block.in_shape[0]
    costs = []
    for branch in block.branches:
        convs = [s for s in branch.steps if s.computes]
        weights = sum(s.weights for s in convs)
        macs = sum(s.macs for s in convs)
        direct = convs
        if len(convs) >= 2 and convs[0].kernel == (1, 1) and branch.steps[0] is convs[0]:
            direct = [_reading(convs[1], in_channels), *convs[2:]]
        costs.append(BranchCost(branch.label, weights, macs, sum(s.weights for s in direct),
                                sum(s.macs for s in direct)))
    return costs


def _reading(step: Step, in_channels: int) -> Step:
    """``step`` reading ``in_channels`` channels directly (each arm's first step, for parallel arms)."""
    if step.op == "parallel":
        arms = tuple((_reading(arm[0], in_channels), *arm[1:]) for arm in step.arms if arm)
        return Step(step.op, step.module, step.kernel, step.stride, in_channels, step.out_channels,
                    step.out_shape, arms=arms)
    return Step(step.op, step.module, step.kernel, step.stride, in_channels, step.out_channels,
                step.out_shape, 1, step.dilation)


def residual_strength(cap: "Capture") -> dict[str, float]:
    """``||F(x)|| / ||identity||`` for every residual block of a capture (batch taken as a whole)."""
    blocks = residual_blocks(cap.blocks)
    if not blocks:
        return {}
    norms = torch.stack([
        torch.stack([torch.linalg.vector_norm(cap[f"{b.path}:residual"].float()),
                     torch.linalg.vector_norm(cap[f"{b.path}:identity"].float())])
        for b in blocks
    ]).tolist()  # one transfer for all blocks
    return {b.path: (r / i if i > 0 else float("inf")) for b, (r, i) in zip(blocks, norms)}


def _of_kind(blocks: list[Block], kind: str) -> list[Block]:
    return inception_blocks(blocks) if kind == "inception" else residual_blocks(blocks)


def block_of(blocks: list[Block], name: str | None, kind: str) -> Block | None:
    """The block of ``kind`` ("inception" or "residual") that ``name`` names or lies in, else None.

    The one lookup of a block by name (the command line's ``--layer`` and the docks' selected layer):
    a name that is a block's path gives that block; a layer or part key inside blocks gives the
    innermost block containing it (``outer.body.0.conv`` -> ``outer.body.0``, not ``outer``).
    """
    if not name:
        return None
    inside = [b for b in _of_kind(blocks, kind) if name == b.path or name.startswith((b.path + ".", b.path + ":"))]
    return max(inside, key=lambda b: len(b.path)) if inside else None


def block_named(blocks: list[Block], name: str | None, kind: str) -> Block:
    """:func:`block_of`, or the first block of its kind when ``name`` is None; one line if there is none."""
    wanted = _of_kind(blocks, kind)
    if not wanted:
        if blocks:
            raise CnnvizError(tr("this model has no {kind} blocks; its blocks are: {blocks}").format(
                kind=kind, blocks=", ".join(b.path for b in blocks)))
        raise CnnvizError(tr("this model has no {kind} blocks").format(kind=kind))
    if name is None:
        return wanted[0]
    found = block_of(blocks, name, kind)
    if found is not None:
        return found
    listing = ", ".join(b.path for b in wanted[:12]) + (" ..." if len(wanted) > 12 else "")
    raise CnnvizError(tr("'{name}' is not a {kind} block; the {kind} blocks are: {listing}").format(
        name=name, kind=kind, listing=listing))


def block_report(block: Block) -> dict:
    """A JSON-ready description of a block; Inception branches carry their 1x1-reduction costs."""
    report: dict = {"path": block.path, "kind": block.kind, "type": block.type_name,
                    "in_shape": list(block.in_shape), "out_shape": list(block.out_shape),
                    "activation": block.activation, "parts": list(block.parts)}
    if block.adds:
        report["shortcut"] = block.shortcut
        report["residual_layers"] = [s.module or s.op for s in block.residual_steps]
        report["shortcut_layers"] = [s.module or s.op for s in block.shortcut_steps]
        if block.residual_scale is not None:
            report["residual_scale"] = block.residual_scale
    if not block.concatenates:
        return report
    report["branches"] = [
        {"index": br.index, "label": br.label, "out_channels": br.out_channels,
         "channels": list(br.channel_range), "kernels": [s.kernel_text for s in br.steps],
         "weights": c.weights, "macs": c.macs, "direct_weights": c.direct_weights,
         "direct_macs": c.direct_macs, "saving": round(c.saving, 3)}
        for br, c in zip(block.branches, branch_costs(block))
    ]
    return report


# ---------------------------------------------------------------- steps as discovery sees them

def _pair(v: Any) -> tuple[int, ...]:
    return tuple(v) if isinstance(v, (tuple, list)) else (int(v), int(v))


def call_arg(args: tuple, kwargs: dict, i: int, name: str, default: Any) -> Any:
    """A call's argument ``i`` (positional) or ``name`` (keyword), else ``default``."""
    return args[i] if len(args) > i else kwargs.get(name, default)


def step_of_call(name: str, args: tuple, kwargs: dict, result: torch.Tensor,
                 weight_paths: dict[int, str]) -> Step | None:
    """The :class:`Step` a torch call is (a convolution or a pooling, with its real settings), else None.

    ``weight_paths`` maps ``id(weight)`` to the module path that owns the weight."""
    shape = tuple(result.shape[1:])
    if name in ("conv2d", "conv_transpose2d") and len(args) > 1:
        w = args[1]
        transposed = name == "conv_transpose2d"
        groups = int(call_arg(args, kwargs, 6, "groups", 1))
        dilation = _pair(call_arg(args, kwargs, 7 if transposed else 5, "dilation", 1))
        in_ch = w.shape[0] if transposed else w.shape[1] * groups
        out_ch = w.shape[1] * groups if transposed else w.shape[0]
        return Step("conv_transpose" if transposed else "conv", weight_paths.get(id(w)),
                    tuple(w.shape[2:]), _pair(call_arg(args, kwargs, 3, "stride", 1)), in_ch, out_ch,
                    shape, groups, dilation)
    if ("max_pool" in name or "avg_pool" in name) and "adaptive" not in name:
        kernel = _pair(call_arg(args, kwargs, 1, "kernel_size", 1))
        stride = call_arg(args, kwargs, 2, "stride", None)
        channels = result.shape[1]
        return Step("max_pool" if "max" in name else "avg_pool", None, kernel,
                    _pair(stride) if stride else kernel, channels, channels, shape)
    return None


def parallel_step(lineages: tuple[tuple[Step, ...], ...], result: torch.Tensor) -> tuple[Step, ...] | None:
    """The lineage of a concatenation of arms that split after a shared start (InceptionE's 1x3 | 3x1):
    the shared steps, then one ``parallel`` step holding the arms. None if fewer than two arms compute."""
    shared = shared_prefix(list(lineages))
    arms = tuple(lin[shared:] for lin in lineages)
    if sum(1 for arm in arms if arm) < 2:
        return None
    last = [arm[-1] for arm in arms if arm]
    step = Step("parallel", None, (), (), last[0].in_channels if len(last) == len(arms) else 0,
                int(result.shape[1]), tuple(result.shape[1:]), arms=arms)
    return (*lineages[0][:shared], step)


def shared_prefix(lineages: list[tuple[Step, ...]]) -> int:
    """How many leading steps every lineage has in common (the very same step objects)."""
    n = 0
    while all(len(lin) > n for lin in lineages) and all(lin[n] is lineages[0][n] for lin in lineages):
        n += 1
    return n
