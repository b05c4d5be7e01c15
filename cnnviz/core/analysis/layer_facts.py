"""What one layer is and costs, in words a student can read: the Layer inspector's content.

:func:`layer_facts` only reads module attributes and an existing :class:`~cnnviz.core.analysis.summary.Summary`
(no forward pass, no tensor maths), so the GUI can call it on its own thread.

Shapes are the summary's: the input and output each module's hooks saw on its first call
(:attr:`~cnnviz.core.analysis.summary.LayerSummary.input_shape`), never derived or estimated.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from torch import nn

from ..errors import CnnvizError
from ..i18n import marker, translator
from .receptive_field import ReceptiveField
from .summary import LayerSummary, Summary

__all__ = ["LayerFacts", "layer_facts", "unit_window"]

Window = tuple[float, float, float, float]

tr = translator(__name__)
N_ = marker(__name__)

_PART_NOTES = {
    "branch": N_("'{key}' is branch {n} of the Inception block '{block}' (one of the parallel paths it "
                 "concatenates). The facts below are the whole block's."),
    "identity": N_("'{key}' is the shortcut added in the residual block '{block}' (its input, or its projection). "
                   "The facts below are the whole block's."),
    "residual": N_("'{key}' is the residual path F(x) added in the block '{block}'. The facts below are the whole "
                   "block's."),
    "sum": N_("'{key}' is x + F(x) of the residual block '{block}', before the activation that follows. The facts "
              "below are the whole block's."),
}
_OTHER_PART = N_("'{key}' is the part '{part}' of the block '{block}'. The facts below are the whole block's.")
_ELEMENTWISE = (nn.modules.batchnorm._NormBase, nn.GroupNorm, nn.LayerNorm, nn.LocalResponseNorm,
                nn.Dropout, nn.Dropout2d, nn.Identity, nn.ReLU, nn.ReLU6, nn.LeakyReLU, nn.PReLU, nn.ELU,
                nn.GELU, nn.SiLU, nn.Sigmoid, nn.Tanh, nn.Hardswish, nn.Hardsigmoid, nn.Mish, nn.Softplus)


@dataclass(frozen=True)
class LayerFacts:
    """One layer's type, settings, shapes, costs, receptive field and teaching notes.

    ``settings`` are ``(label, value)`` rows; ``input_shape`` is what the module was called with (a
    list of shapes for several tensors, None if unknown). For a convolution, ``conv_weights`` is
    ``C_out * C_in / groups * kh * kw`` and ``equivalent_fc_params`` the weights of a fully connected
    layer between the same input and output; ``dense_conv_weights`` is set for grouped convolutions.
    A block has ``children`` (direct children) and ``child_costs``: ``(name, type, params, macs)`` each.
    """

    key: str
    name: str
    type: str
    settings: list[tuple[str, str]]
    input_shape: Any
    output_shape: Any
    params: int | None
    macs: int | None
    receptive_field: ReceptiveField | None
    notes: list[str] = field(default_factory=list)
    conv_weights: int | None = None
    equivalent_fc_params: int | None = None
    dense_conv_weights: int | None = None
    children: int | None = None
    child_costs: list[tuple[str, str, int | None, int | None]] = field(default_factory=list)

    @property
    def fc_ratio(self) -> float | None:
        """How many times more weights the equivalent fully connected layer needs."""
        if not self.conv_weights or self.equivalent_fc_params is None:
            return None
        return self.equivalent_fc_params / self.conv_weights

    def receptive_field_text(self) -> str:
        """``"51x51 px, stride 8 px"`` or ``"the whole input (224x224 px)"``; ``"-"`` when unknown."""
        rf = self.receptive_field
        if rf is None:
            return "-"
        if rf.stride is None:
            return tr("the whole input ({size} px)").format(size=_dims(rf.size))
        return tr("{size} px, stride {stride} px").format(size=_dims(rf.size), stride=_dims(rf.stride, short=True))


def layer_facts(module: nn.Module, summary: Summary | None, key: str) -> LayerFacts:
    """Facts about the layer ``key`` of ``module`` (the whole model), from its summary.

    ``key`` is a module path or a capture key: ``input``, ``output``, ``<path>#N`` (a module's N-th
    call: its first call's facts) or ``<block>:<part>`` (a block's branch or residual part: the
    block's facts). :class:`CnnvizError` when no module or capture key has that name.
    """
    layers = {layer.name: layer for layer in summary.layers} if summary is not None else {}
    if key in ("input", "output") and key not in layers:
        return _model_end(module, summary, key)
    path, note = _owner(key)
    try:
        sub = module.get_submodule(path) if path else None
    except AttributeError:
        sub = None
    if sub is None:
        raise CnnvizError(tr("no layer named '{key}' in this model").format(key=key))
    entry = layers.get(path)
    notes = [note] if note else []
    if summary is not None and entry is None:
        notes.append(tr("This module is never called in the forward pass (in eval mode): no shape or cost."))
    facts = _facts_for(sub, summary, entry, key, path)
    return _with(facts, notes=notes + facts.notes)


def unit_window(summary: Summary, key: str, row: int, col: int) -> Window | None:
    """``(top, left, height, width)`` in input pixels of the window unit ``(row, col)`` of ``key`` sees.

    Unclipped (it may reach into the padding). ``None`` when the layer sees the whole input or
    ``key`` is not in the summary; the ``input`` key's unit is its own pixel.
    """
    if key == "input":
        return float(row), float(col), 1.0, 1.0
    entry = next((layer for layer in summary.layers if layer.name == key), None)
    rf = entry.receptive_field if entry is not None else None
    if rf is None or rf.stride is None or len(rf.size) != 2:
        return None
    offset = getattr(rf, "offset", None)
    corners = []
    for i, unit in enumerate((row, col)):
        size, stride = rf.size[i], rf.stride[i]
        centre = offset[i] + unit * stride if offset is not None else (unit + 0.5) * stride - 0.5
        corners.append(centre - (size - 1) / 2)
    return float(corners[0]), float(corners[1]), float(rf.size[0]), float(rf.size[1])


# --- keys -----------------------------------------------------------------------------------------


def _owner(key: str) -> tuple[str, str]:
    """The module path behind a key, and a note saying what the key is when it is not that module."""
    if ":" in key:
        block, part = key.split(":", 1)
        kind = part.rstrip("0123456789")
        n = part[len(kind):]
        text = tr(_PART_NOTES.get(kind, _OTHER_PART)).format(key=key, n=n, block=block, part=part)
        return block, text
    if "#" in key:
        path, call = key.split("#", 1)
        return path, tr("'{key}' is call {call} of the module '{path}' (used more than once); shape, MACs and "
                        "receptive field below are those of its first call.").format(key=key, call=call, path=path)
    return key, ""


def _model_end(module: nn.Module, summary: Summary | None, key: str) -> LayerFacts:
    """The ``input`` and ``output`` capture keys."""
    if key == "input":
        shape = list(summary.input_shape) if summary is not None else None
        rf = ReceptiveField((1, 1), (1, 1), (0, 0)) if summary is not None else None
        return LayerFacts(key, key, tr("Input"), [], None, shape, 0, 0, rf,
                          [tr("The preprocessed image as the network receives it: each unit is one pixel.")])
    last = summary.layers[-1] if summary is not None and summary.layers else None
    total = sum(p.numel() for p in module.parameters())
    first = summary.layers[0] if summary is not None and summary.layers else None
    return LayerFacts(key, key, type(module).__name__, [], list(summary.input_shape) if first else None,
                      last.output_shape if last else None, total,
                      summary.total_macs if summary is not None else None,
                      last.receptive_field if last else None,
                      [tr("The model's output (its class scores); parameters and MACs are the whole network's.")])


# --- one module -----------------------------------------------------------------------------------


def _facts_for(sub: nn.Module, summary: Summary | None, entry: LayerSummary | None,
               key: str, path: str) -> LayerFacts:
    out = entry.output_shape if entry is not None else None
    in_shape = entry.input_shape if entry is not None else None
    params = entry.params if entry is not None else sum(p.numel() for p in sub.parameters())
    facts = LayerFacts(key, path, type(sub).__name__, _settings(sub), in_shape, out, params,
                       entry.macs if entry is not None else None,
                       entry.receptive_field if entry is not None else None)
    if isinstance(sub, nn.modules.conv._ConvNd):
        return _conv_notes(sub, facts)
    if isinstance(sub, (nn.modules.pooling._MaxPoolNd, nn.modules.pooling._AvgPoolNd,
                        nn.modules.pooling._AdaptiveAvgPoolNd, nn.modules.pooling._AdaptiveMaxPoolNd)):
        return _with(facts, notes=[_pool_note(sub, in_shape, out)])
    if isinstance(sub, nn.Linear):
        return _with(facts, notes=[_linear_note(sub)])
    if isinstance(sub, nn.modules.batchnorm._BatchNorm):
        return _with(facts, notes=[_batchnorm_note(sub)])
    children = list(sub.named_children())
    if children:
        layers = {layer.name: layer for layer in summary.layers} if summary is not None else {}
        costs = []
        for name, child in children:
            entry = layers.get(f"{path}.{name}")
            params = entry.params if entry is not None else sum(p.numel() for p in child.parameters())
            costs.append((name, type(child).__name__, params, entry.macs if entry is not None else None))
        return _with(facts, children=len(children), child_costs=costs, notes=[_block_note(sub, children, facts)])
    if isinstance(sub, _ELEMENTWISE) and not any(True for _ in sub.parameters()):
        return _with(facts, notes=[tr("No parameters: applied to each value on its own, so the shape and the "
                                      "receptive field stay as they were.")])
    return facts


def _with(facts: LayerFacts, **changes: Any) -> LayerFacts:
    values = dict(vars(facts))
    values.update(changes)
    return LayerFacts(**values)


def _settings(m: nn.Module) -> list[tuple[str, str]]:
    if isinstance(m, nn.modules.conv._ConvNd):
        rows = [(tr("in channels"), str(m.in_channels)), (tr("out channels"), str(m.out_channels)),
                (tr("kernel"), _dims(m.kernel_size)), (tr("stride"), _dims(m.stride, short=True)),
                (tr("padding"), m.padding if isinstance(m.padding, str) else _dims(m.padding, short=True)),
                (tr("dilation"), _dims(m.dilation, short=True)), (tr("groups"), str(m.groups)),
                (tr("bias"), _yes(m.bias is not None))]
        if m.transposed:
            rows.append((tr("output padding"), _dims(m.output_padding, short=True)))
        if m.padding_mode != "zeros":
            rows.append((tr("padding mode"), m.padding_mode))
        return rows
    if isinstance(m, (nn.modules.pooling._MaxPoolNd, nn.modules.pooling._AvgPoolNd)):
        rows = [(tr("kernel"), _dims(_ntuple(m.kernel_size, _ndim(m)))), (tr("stride"), _dims(m.stride, short=True)),
                (tr("padding"), _dims(m.padding, short=True)), (tr("ceil mode"), _yes(m.ceil_mode))]
        if isinstance(m, nn.modules.pooling._MaxPoolNd):
            rows.insert(3, (tr("dilation"), _dims(m.dilation, short=True)))
        else:
            rows.append((tr("count include pad"), _yes(m.count_include_pad)))
        return rows
    if isinstance(m, (nn.modules.pooling._AdaptiveAvgPoolNd, nn.modules.pooling._AdaptiveMaxPoolNd)):
        return [(tr("output size"), _dims(_ntuple(m.output_size, _ndim(m))))]
    if isinstance(m, nn.Linear):
        return [(tr("in features"), str(m.in_features)), (tr("out features"), str(m.out_features)),
                (tr("bias"), _yes(m.bias is not None))]
    if isinstance(m, nn.modules.batchnorm._NormBase):
        return [(tr("features"), str(m.num_features)), ("eps", f"{m.eps:g}"),
                (tr("momentum"), "-" if m.momentum is None else f"{m.momentum:g}"), (tr("affine"), _yes(m.affine))]
    rows = [(name, _value(getattr(m, name))) for name in ("p", "negative_slope", "start_dim", "end_dim", "inplace")
            if isinstance(getattr(m, name, None), (bool, int, float))]
    if not rows and not list(m.children()) and m.extra_repr():
        rows = [(tr("settings"), m.extra_repr())]
    return rows


def _is_shape(shape: Any) -> bool:
    return isinstance(shape, list) and bool(shape) and all(isinstance(s, int) for s in shape)


# --- notes ----------------------------------------------------------------------------------------


def _conv_notes(m: nn.modules.conv._ConvNd, facts: LayerFacts) -> LayerFacts:
    k = math.prod(m.kernel_size)
    per_filter = m.in_channels // m.groups * k
    weights = m.out_channels * per_filter
    kernel = _dims(m.kernel_size)
    notes, fc, dense = [], None, None
    if _is_shape(facts.input_shape) and _is_shape(facts.output_shape):
        fc = math.prod(facts.input_shape) * math.prod(facts.output_shape)
        in_all = (tr("{weights} in all, plus {biases} biases") if m.bias is not None else tr("{weights} in all")
                  ).format(weights=f"{weights:,}", biases=m.out_channels)
        notes.append(tr(
            "Weight sharing: {filters} filters of {size} weights ({in_all}) slide over the whole input. A fully "
            "connected layer from the same input ({input} = {inputs} values) to the same output ({output} = "
            "{outputs} values) would need {fc} weights, {ratio} as many.").format(
            filters=m.out_channels, size=f"{m.in_channels // m.groups}x{kernel}", in_all=in_all,
            input=_dims(facts.input_shape), inputs=f"{math.prod(facts.input_shape):,}",
            output=_dims(facts.output_shape), outputs=f"{math.prod(facts.output_shape):,}", fc=f"{fc:,}",
            ratio=_times(fc / weights)))
    seen = m.in_channels // m.groups
    on = ((tr("{n} channel") if seen == 1 else tr("{n} channels")) if m.groups == 1 else
          (tr("{n} channel each") if seen == 1 else tr("{n} channels each"))).format(n=seen)
    notes.append(tr("The count does not depend on the image size: a {kernel} conv with {filters} filters on {on} "
                    "has {weights} weights however large the picture.").format(
        kernel=kernel, filters=m.out_channels, on=on, weights=f"{weights:,}"))
    if m.groups > 1:
        dense = m.out_channels * m.in_channels * k
        kind = (tr("Depthwise: each input channel has its own filter") if m.groups == m.in_channels
                else tr("Grouped: {groups} groups, each filter sees {seen} of the {channels} input channels").format(
                    groups=m.groups, seen=m.in_channels // m.groups, channels=m.in_channels))
        notes.append(tr("{kind}, so {weights} weights instead of {dense} for a dense {kernel} conv from {inputs} to "
                        "{outputs} channels ({ratio} fewer).").format(
            kind=kind, weights=f"{weights:,}", dense=f"{dense:,}", kernel=kernel, inputs=m.in_channels,
            outputs=m.out_channels, ratio=_times(dense / weights)))
    if k == 1 and m.groups == 1:
        notes.append(tr("A 1x1 convolution mixes channels at each position on its own: a small fully connected "
                        "layer from {inputs} to {outputs} values, applied at every pixel.").format(
            inputs=m.in_channels, outputs=m.out_channels))
    if m.transposed:
        notes.append(tr("Transposed convolution: it spreads each input value over a kernel-sized patch of a "
                        "larger output (upsampling)."))
    return _with(facts, notes=notes, conv_weights=weights, equivalent_fc_params=fc, dense_conv_weights=dense)


def _pool_note(m: nn.Module, in_shape: list[int] | None, out: Any) -> str:
    how = tr("max") if "Max" in type(m).__name__ else tr("average")
    shrink = (tr(", turning {input} into {output}").format(input=_dims(in_shape[1:]), output=_dims(out[1:]))
              if _is_shape(in_shape) and _is_shape(out) and len(in_shape) == len(out) else "")
    if "Adaptive" in type(m).__name__:
        where = tr("over each of the {size} output's bins").format(size=_dims(_ntuple(m.output_size, _ndim(m))))
    else:
        where = tr("over each {size} window (stride {stride})").format(
            size=_dims(_ntuple(m.kernel_size, _ndim(m))), stride=_dims(m.stride, short=True))
    return tr("No parameters: a fixed {how} {where}{shrink}. Nothing here is learned.").format(
        how=how, where=where, shrink=shrink)


def _linear_note(m: nn.Linear) -> str:
    bias = tr(" (+{biases} biases)").format(biases=f"{m.out_features:,}") if m.bias is not None else ""
    return tr("Fully connected: each of its {outputs} outputs has its own weight for each of its {inputs} inputs: "
              "{weights} weights{bias}, no sharing.").format(
        outputs=f"{m.out_features:,}", inputs=f"{m.in_features:,}", weights=f"{m.in_features * m.out_features:,}",
        bias=bias)


def _batchnorm_note(m: nn.modules.batchnorm._BatchNorm) -> str:
    learned = tr("2 learned values per channel (scale and shift) = {params} parameters").format(
        params=f"{2 * m.num_features:,}") if m.affine else tr("no learned values")
    return tr("Normalises each of the {channels} channels with running mean and variance (statistics, not "
              "learned), then {learned}. Shape and receptive field are unchanged.").format(
        channels=m.num_features, learned=learned)


def _block_note(m: nn.Module, children: list[tuple[str, nn.Module]], facts: LayerFacts) -> str:
    shown = ", ".join(name for name, _ in children[:6]) + (", ..." if len(children) > 6 else "")
    inside = sum(1 for _ in m.modules()) - 1
    costs = ""
    if facts.params is not None:
        costs = (tr("; together {params} parameters and {macs} MACs") if facts.macs is not None else
                 tr("; together {params} parameters")).format(params=f"{facts.params:,}",
                                                               macs=f"{facts.macs or 0:,}")
    return tr("A block of {count} direct children ({names}), {inside} modules in all{costs}. Select a child to see "
              "its own settings.").format(count=len(children), names=shown, inside=inside, costs=costs)


# --- formatting -----------------------------------------------------------------------------------


def _dims(values: Any, short: bool = False) -> str:
    """(3, 3) -> '3x3' (or '3' when ``short`` and all equal); whole floats without '.0'."""
    items = list(values) if isinstance(values, (tuple, list)) else [values]
    if short and len(set(items)) == 1:
        items = items[:1]
    return "x".join(_value(v) for v in items)


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return _yes(v)
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else f"{v:.3g}"
    return "-" if v is None else str(v)


def _yes(flag: bool) -> str:
    return tr("yes") if flag else tr("no")


def _times(ratio: float) -> str:
    return f"{ratio:,.0f}x" if ratio >= 10 else f"{ratio:.1f}x"


def _ndim(m: nn.Module) -> int:
    """Spatial dimensions of a pooling module, from its class name (MaxPool2d -> 2)."""
    name = type(m).__name__
    return int(name[-2]) if name[-1] == "d" and name[-2].isdigit() else 2


def _ntuple(value: Any, n: int) -> tuple:
    return tuple(value) if isinstance(value, (tuple, list)) else (value,) * n
