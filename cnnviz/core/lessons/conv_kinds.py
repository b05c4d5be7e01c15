"""Lesson "conv-kinds": five kinds of convolution on one input, their filters, costs and receptive fields.

The input is what a real 3x3 convolution of the lesson's model sees (``mnist_residual``'s
``res1.conv1``, 16 -> 16 channels, trained weights: :func:`template_layer` finds one in any model),
taken on the lesson's image by :func:`layer_input`. Its filters are the standard convolution; the
other kinds are made from them so that their differences are the kinds' own, not other weights':

- grouped (4 groups): each output keeps the template's taps on the 4 inputs of its group only;
- depthwise-separable: per input channel, the best rank-one split of the template's filters into one
  3x3 depthwise kernel and one 1x1 weight per output (a singular value decomposition);
- dilated (2): the template's 3x3 taps spread two pixels apart;
- transposed (stride 2): the template run backwards, upsampling 2x.

:func:`conv_kinds` builds the real modules, runs them on the input, and counts their parameters
(``sum(p.numel())``), multiply-adds (hooks, :mod:`cnnviz.core.lessons.conv_costs`) and receptive
fields (:class:`~cnnviz.core.analysis.receptive_field.ReceptiveFieldMode`) from those runs.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

import torch
from torch import nn

from ..analysis.receptive_field import ReceptiveField, ReceptiveFieldMode
from ..errors import CnnvizError
from ..i18n import marker, translator
from ..views.mosaic import Mosaic, feature_mosaic, filter_grid
from . import Lesson
from .conv_costs import ConvCost, counting, total_macs

__all__ = ["KINDS", "LESSON", "Kind", "KindsView", "LayerInput", "compose_field", "conv_kinds", "kind_modules",
           "layer_input", "template_layer"]

tr = translator(__name__)
N_ = marker(__name__)

LESSON = Lesson(
    name="conv-kinds",
    title=N_("Kinds of convolution"),
    model="mnist_residual",
    text=N_("One input, five convolutions. The input is what the model's 3x3 convolution res1.conv1 sees (the "
            "digit's feature maps after the first convolution); the standard convolution is that layer itself, "
            "with its trained filters, and the other kinds are made from the same filters.\n\n"
            "Grouped: each output channel looks at only the inputs of its group. Depthwise-separable: one 3x3 "
            "filter per channel, then 1x1 weights that mix the channels. Dilated: the same 3x3 taps spread "
            "apart, so each output sees a wider window for the same weights. Transposed: the convolution run "
            "backwards, which makes the maps larger.\n\n"
            "Every number is counted from the modules: parameters, multiply-adds, output shape and receptive "
            "field."),
    task=N_("Compare the multiply-adds of the standard and the depthwise-separable convolution, then the "
            "receptive fields of the standard and the dilated one."),
    docks=("filters_dock", "feature_maps_dock"),
    layer="res1.conv1",
)

KINDS = ("standard", "grouped", "depthwise-separable", "dilated", "transposed")
KIND_NAMES = {"standard": N_("standard"), "grouped": N_("grouped"),
              "depthwise-separable": N_("depthwise-separable"), "dilated": N_("dilated"),
              "transposed": N_("transposed")}
GROUPS, DILATION, STRIDE = 4, 2, 2
TEMPLATE = "res1.conv1"


def template_layer(model: nn.Module, preferred: str = TEMPLATE) -> str | None:
    """A 3x3 stride-1 ``Conv2d`` with as many outputs as inputs (a multiple of :data:`GROUPS`), ungrouped:
    ``preferred`` if it is one, else the first such; None if the model has none."""
    def fits(m: nn.Module) -> bool:
        return (type(m) is nn.Conv2d and tuple(m.kernel_size) == (3, 3) and m.groups == 1
                and m.in_channels == m.out_channels and m.in_channels % GROUPS == 0
                and tuple(m.stride) == (1, 1) and tuple(m.dilation) == (1, 1))
    modules = dict(model.named_modules())
    if preferred in modules and fits(modules[preferred]):
        return preferred
    return next((name for name, m in modules.items() if fits(m)), None)


class _Reached(Exception):
    """Stops the forward pass once the layer's input is in hand."""


@dataclass
class LayerInput:
    """What a layer received in one forward pass, its weights, and the receptive field of that input."""

    layer: str
    x: torch.Tensor  # [1, C, H, W]
    weight: torch.Tensor
    bias: torch.Tensor | None
    field: ReceptiveField | None  # of the layer's input, in input-image pixels


def layer_input(model: nn.Module, x: torch.Tensor, layer: str, *,
                lock: AbstractContextManager | None = None) -> LayerInput:
    """What ``layer`` receives when the model runs on ``x``, a copy of its weight and bias, and the
    receptive field of what it receives (traced by :class:`ReceptiveFieldMode` on the way).

    The model runs in eval mode up to that layer only, under ``lock``; every module's train/eval
    flag is restored afterwards.
    """
    modules = dict(model.named_modules())
    if layer not in modules:
        raise CnnvizError(tr("the model has no layer '{layer}'").format(layer=layer))
    target = modules[layer]
    seen: list[tuple[torch.Tensor, ReceptiveField | None]] = []
    mode = ReceptiveFieldMode()

    def grab(module: nn.Module, args: tuple) -> None:
        seen.append((args[0].detach().clone(), mode.field_of(args[0])))
        raise _Reached

    with lock if lock is not None else nullcontext():
        flags = [(m, m.training) for m in model.modules()]
        handle = target.register_forward_pre_hook(grab)
        try:
            model.eval()
            with torch.no_grad(), mode:
                mode.watch(x)
                model(x)
        except _Reached:
            pass
        finally:
            handle.remove()
            for m, flag in flags:
                m.training = flag
        weight = target.weight.detach().clone()
        bias = None if target.bias is None else target.bias.detach().clone()
    if not seen:
        raise CnnvizError(tr("layer '{layer}' is not called when the model runs").format(layer=layer))
    return LayerInput(layer, seen[0][0], weight, bias, seen[0][1])


@dataclass
class Kind:
    """One kind of convolution, run: its modules, filters (label, picture), counts and output."""

    kind: str
    module: nn.Module
    filters: list[tuple[str, Mosaic]]
    params: int
    macs: int
    calls: tuple[ConvCost, ...]
    output: torch.Tensor  # [C, H, W]
    maps: Mosaic
    field: ReceptiveField  # on its input maps
    image_field: ReceptiveField | None  # in input-image pixels, when the input's own field is known
    change: float | None = None  # ||y - y_standard|| / ||y_standard|| when the shapes match

    @property
    def output_shape(self) -> tuple[int, int, int]:
        return tuple(self.output.shape)


@dataclass
class KindsView:
    """The input maps and the five kinds run on them (in :data:`KINDS` order)."""

    layer: str
    input: torch.Tensor  # [C, H, W]
    input_maps: Mosaic
    kinds: list[Kind]

    def kind(self, name: str) -> Kind:
        return next(k for k in self.kinds if k.kind == name)


def _rank_one(weight: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Per input channel ``i``: ``weight[:, i] ~ pointwise[:, i] x depthwise[i]`` (best in least squares)."""
    out_c, in_c, kh, kw = weight.shape
    u, s, vh = torch.linalg.svd(weight.permute(1, 0, 2, 3).reshape(in_c, out_c, kh * kw), full_matrices=False)
    depthwise = (vh[:, 0, :] * s[:, :1]).reshape(in_c, 1, kh, kw)
    pointwise = u[:, :, 0].T.reshape(out_c, in_c, 1, 1)
    return depthwise, pointwise


def _group_mask(channels: int, groups: int) -> torch.Tensor:
    group = torch.arange(channels) // (channels // groups)
    return (group[:, None] == group[None, :]).float()[:, :, None, None]


def kind_modules(weight: torch.Tensor, bias: torch.Tensor | None) -> dict[str, nn.Module]:
    """The five kinds made from a ``[C, C, 3, 3]`` template's filters (and bias), on the CPU."""
    if weight.dim() != 4 or weight.shape[0] != weight.shape[1] or tuple(weight.shape[2:]) != (3, 3) \
            or weight.shape[0] % GROUPS:
        raise CnnvizError(tr("the template must be a C -> C 3x3 convolution with C a multiple of {groups}; "
                             "got weights of shape {shape}").format(groups=GROUPS, shape=list(weight.shape)))
    c = weight.shape[0]
    w, b = weight.detach().float().cpu(), None if bias is None else bias.detach().float().cpu()
    per = c // GROUPS
    grouped_w = torch.stack([w[o, (o // per) * per:(o // per + 1) * per] for o in range(c)])
    depthwise_w, pointwise_w = _rank_one(w)
    with torch.device("meta"):  # weights are copied in: nothing drawn from torch's global generator
        made = {
            "standard": (nn.Conv2d(c, c, 3, padding=1), w),
            "grouped": (nn.Conv2d(c, c, 3, padding=1, groups=GROUPS), grouped_w),
            "dilated": (nn.Conv2d(c, c, 3, padding=DILATION, dilation=DILATION), w),
            "transposed": (nn.ConvTranspose2d(c, c, 3, stride=STRIDE, padding=1, output_padding=1),
                           w.transpose(0, 1)),
        }
        depthwise = nn.Conv2d(c, c, 3, padding=1, groups=c, bias=False)
        pointwise = nn.Conv2d(c, c, 1, bias=b is not None)
    modules: dict[str, nn.Module] = {}
    for name, (m, value) in made.items():
        m = m.to_empty(device="cpu")
        with torch.no_grad():
            m.weight.copy_(value)
            if b is None:
                m.bias = None
            else:
                m.bias.copy_(b)
        modules[name] = m
    depthwise, pointwise = depthwise.to_empty(device="cpu"), pointwise.to_empty(device="cpu")
    with torch.no_grad():
        depthwise.weight.copy_(depthwise_w)
        pointwise.weight.copy_(pointwise_w)
        if b is not None:
            pointwise.bias.copy_(b)
    modules["depthwise-separable"] = nn.Sequential(depthwise, pointwise)
    return {name: modules[name].requires_grad_(False) for name in KINDS}


def compose_field(inner: ReceptiveField | None, outer: ReceptiveField) -> ReceptiveField | None:
    """The field, in image pixels, of a layer with field ``outer`` on maps whose own field is ``inner``."""
    if inner is None or inner.stride is None or outer.stride is None:
        return None
    size = tuple(r + (k - 1) * j for r, k, j in zip(inner.size, outer.size, inner.stride))
    stride = tuple(j * s for j, s in zip(inner.stride, outer.stride))
    offset = None
    if inner.offset is not None and outer.offset is not None:
        offset = tuple(c + o * j for c, o, j in zip(inner.offset, outer.offset, inner.stride))
    return ReceptiveField(size, stride, offset)


def _filters(kind: str, module: nn.Module) -> list[tuple[str, Mosaic]]:
    if kind == "depthwise-separable":
        depthwise, pointwise = module[0], module[1]
        return [(N_("depthwise: one filter per channel"), filter_grid(depthwise.weight)),
                (N_("pointwise: outputs (rows) by inputs (columns)"), filter_grid(pointwise.weight))]
    if kind == "grouped":
        c = module.out_channels
        full = torch.zeros(c, c, 3, 3)
        per = c // module.groups
        for o in range(c):
            full[o, (o // per) * per:(o // per + 1) * per] = module.weight[o]
        return [(N_("filters: outputs (rows) by inputs (columns); blank: inputs outside the group"),
                 filter_grid(full))]
    if kind == "transposed":
        return [(N_("filters: outputs (rows) by inputs (columns)"), filter_grid(module.weight.transpose(0, 1)))]
    if kind == "dilated":
        return [(N_("filters: outputs (rows) by inputs (columns), taps spread apart"),
                 filter_grid(module.weight, dilation=tuple(module.dilation)))]
    return [(N_("filters: outputs (rows) by inputs (columns)"), filter_grid(module.weight))]


def _run(kind: str, module: nn.Module, x: torch.Tensor, input_field: ReceptiveField | None) -> Kind:
    field_mode = ReceptiveFieldMode()
    with torch.no_grad(), counting(module) as calls, field_mode:
        field_mode.watch(x)
        y = module(x)
        field = field_mode.field_of(y)
    params = sum(p.numel() for p in module.parameters())
    return Kind(kind, module, _filters(kind, module), params, total_macs(calls), tuple(calls), y[0],
                feature_mosaic(y[0]), field, compose_field(input_field, field))


def conv_kinds(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None, *, layer: str = TEMPLATE,
               input_field: ReceptiveField | None = None) -> KindsView:
    """Run the five kinds made from ``weight``/``bias`` on ``x`` (``[1, C, H, W]``, the template's input).

    ``input_field``: the input maps' own receptive field in the image (from the model's summary),
    to give each kind's field in image pixels too.
    """
    if not isinstance(x, torch.Tensor) or x.dim() != 4 or x.shape[0] != 1 or x.shape[1] != weight.shape[1]:
        shape = list(x.shape) if isinstance(x, torch.Tensor) else type(x).__name__
        raise CnnvizError(tr("expected the layer's input as [1, {channels}, H, W], got {shape}").format(
            channels=weight.shape[1], shape=shape))
    x = x.detach().float().cpu()
    modules = kind_modules(weight, bias)
    kinds = [_run(name, modules[name], x, input_field) for name in KINDS]
    standard = kinds[0].output
    for k in kinds:
        if k.output.shape == standard.shape:
            k.change = float((k.output - standard).norm() / standard.norm().clamp_min(1e-30))
    return KindsView(layer, x[0], feature_mosaic(x[0]), kinds)
