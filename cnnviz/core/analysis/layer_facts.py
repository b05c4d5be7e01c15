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
from .receptive_field import ReceptiveField
from .summary import LayerSummary, Summary

__all__ = ["LayerFacts", "layer_facts", "unit_window"]

Window = tuple[float, float, float, float]

_PART_NOTES = {
    "branch": "branch {n} of the Inception block '{block}' (one of the parallel paths it concatenates)",
    "identity": "the shortcut added in the residual block '{block}' (its input, or its projection)",
    "residual": "the residual path F(x) added in the block '{block}'",
    "sum": "x + F(x) of the residual block '{block}', before the activation that follows",
}
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
            return f"the whole input ({_dims(rf.size)} px)"
        return f"{_dims(rf.size)} px, stride {_dims(rf.stride, short=True)} px"


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
        raise CnnvizError(f"no layer named '{key}' in this model")
    entry = layers.get(path)
    notes = [note] if note else []
    if summary is not None and entry is None:
        notes.append("This module is never called in the forward pass (in eval mode): no shape or cost.")
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
        text = _PART_NOTES.get(kind, "the part '{part}' of the block '{block}'").format(n=n, block=block, part=part)
        return block, f"'{key}' is {text}. The facts below are the whole block's."
    if "#" in key:
        path, call = key.split("#", 1)
        return path, (f"'{key}' is call {call} of the module '{path}' (used more than once); shape, MACs "
                      "and receptive field below are those of its first call.")
    return key, ""


def _model_end(module: nn.Module, summary: Summary | None, key: str) -> LayerFacts:
    """The ``input`` and ``output`` capture keys."""
    if key == "input":
        shape = list(summary.input_shape) if summary is not None else None
        rf = ReceptiveField((1, 1), (1, 1), (0, 0)) if summary is not None else None
        return LayerFacts(key, key, "Input", [], None, shape, 0, 0, rf,
                          ["The preprocessed image as the network receives it: each unit is one pixel."])
    last = summary.layers[-1] if summary is not None and summary.layers else None
    total = sum(p.numel() for p in module.parameters())
    first = summary.layers[0] if summary is not None and summary.layers else None
    return LayerFacts(key, key, type(module).__name__, [], list(summary.input_shape) if first else None,
                      last.output_shape if last else None, total,
                      summary.total_macs if summary is not None else None,
                      last.receptive_field if last else None,
                      ["The model's output (its class scores); parameters and MACs are the whole network's."])


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
        return _with(facts, notes=["No parameters: applied to each value on its own, so the shape "
                                   "and the receptive field stay as they were."])
    return facts


def _with(facts: LayerFacts, **changes: Any) -> LayerFacts:
    values = dict(vars(facts))
    values.update(changes)
    return LayerFacts(**values)


def _settings(m: nn.Module) -> list[tuple[str, str]]:
    if isinstance(m, nn.modules.conv._ConvNd):
        rows = [("in channels", str(m.in_channels)), ("out channels", str(m.out_channels)),
                ("kernel", _dims(m.kernel_size)), ("stride", _dims(m.stride, short=True)),
                ("padding", m.padding if isinstance(m.padding, str) else _dims(m.padding, short=True)),
                ("dilation", _dims(m.dilation, short=True)), ("groups", str(m.groups)),
                ("bias", "yes" if m.bias is not None else "no")]
        if m.transposed:
            rows.append(("output padding", _dims(m.output_padding, short=True)))
        if m.padding_mode != "zeros":
            rows.append(("padding mode", m.padding_mode))
        return rows
    if isinstance(m, (nn.modules.pooling._MaxPoolNd, nn.modules.pooling._AvgPoolNd)):
        rows = [("kernel", _dims(_ntuple(m.kernel_size, _ndim(m)))), ("stride", _dims(m.stride, short=True)),
                ("padding", _dims(m.padding, short=True)), ("ceil mode", _yes(m.ceil_mode))]
        if isinstance(m, nn.modules.pooling._MaxPoolNd):
            rows.insert(3, ("dilation", _dims(m.dilation, short=True)))
        else:
            rows.append(("count include pad", _yes(m.count_include_pad)))
        return rows
    if isinstance(m, (nn.modules.pooling._AdaptiveAvgPoolNd, nn.modules.pooling._AdaptiveMaxPoolNd)):
        return [("output size", _dims(_ntuple(m.output_size, _ndim(m))))]
    if isinstance(m, nn.Linear):
        return [("in features", str(m.in_features)), ("out features", str(m.out_features)),
                ("bias", "yes" if m.bias is not None else "no")]
    if isinstance(m, nn.modules.batchnorm._NormBase):
        return [("features", str(m.num_features)), ("eps", f"{m.eps:g}"),
                ("momentum", "-" if m.momentum is None else f"{m.momentum:g}"), ("affine", _yes(m.affine))]
    rows = [(name, _value(getattr(m, name))) for name in ("p", "negative_slope", "start_dim", "end_dim", "inplace")
            if isinstance(getattr(m, name, None), (bool, int, float))]
    if not rows and not list(m.children()) and m.extra_repr():
        rows = [("settings", m.extra_repr())]
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
        notes.append(
            f"Weight sharing: {m.out_channels} filters of {m.in_channels // m.groups}x{kernel} weights "
            f"({weights:,} in all{f', plus {m.out_channels} biases' if m.bias is not None else ''}) "
            "slide over the whole input. A fully connected layer from the same input "
            f"({_dims(facts.input_shape)} = {math.prod(facts.input_shape):,} values) to the same output "
            f"({_dims(facts.output_shape)} = {math.prod(facts.output_shape):,} values) would need "
            f"{fc:,} weights, {_times(fc / weights)} as many.")
    seen = m.in_channels // m.groups
    on = f"{seen} channel{'s' if seen != 1 else ''}" + ("" if m.groups == 1 else " each")
    notes.append(f"The count does not depend on the image size: a {kernel} conv with {m.out_channels} filters "
                 f"on {on} has {weights:,} weights however large the picture.")
    if m.groups > 1:
        dense = m.out_channels * m.in_channels * k
        kind = ("Depthwise: each input channel has its own filter" if m.groups == m.in_channels
                else f"Grouped: {m.groups} groups, each filter sees {m.in_channels // m.groups} of the "
                     f"{m.in_channels} input channels")
        notes.append(f"{kind}, so {weights:,} weights instead of {dense:,} for a dense {kernel} conv "
                     f"from {m.in_channels} to {m.out_channels} channels ({_times(dense / weights)} fewer).")
    if k == 1 and m.groups == 1:
        notes.append("A 1x1 convolution mixes channels at each position on its own: a small fully connected "
                     f"layer from {m.in_channels} to {m.out_channels} values, applied at every pixel.")
    if m.transposed:
        notes.append("Transposed convolution: it spreads each input value over a kernel-sized patch of a "
                     "larger output (upsampling).")
    return _with(facts, notes=notes, conv_weights=weights, equivalent_fc_params=fc, dense_conv_weights=dense)


def _pool_note(m: nn.Module, in_shape: list[int] | None, out: Any) -> str:
    how = "max" if "Max" in type(m).__name__ else "average"
    shrink = (f", turning {_dims(in_shape[1:])} into {_dims(out[1:])}"
              if _is_shape(in_shape) and _is_shape(out) and len(in_shape) == len(out) else "")
    if "Adaptive" in type(m).__name__:
        where = f"over each of the {_dims(_ntuple(m.output_size, _ndim(m)))} output's bins"
    else:
        where = f"over each {_dims(_ntuple(m.kernel_size, _ndim(m)))} window (stride {_dims(m.stride, short=True)})"
    return f"No parameters: a fixed {how} {where}{shrink}. Nothing here is learned."


def _linear_note(m: nn.Linear) -> str:
    bias = f" (+{m.out_features:,} biases)" if m.bias is not None else ""
    return (f"Fully connected: each of its {m.out_features:,} outputs has its own weight for each of its "
            f"{m.in_features:,} inputs: {m.in_features * m.out_features:,} weights{bias}, no sharing.")


def _batchnorm_note(m: nn.modules.batchnorm._BatchNorm) -> str:
    learned = f"2 learned values per channel (scale and shift) = {2 * m.num_features:,} parameters" \
        if m.affine else "no learned values"
    return (f"Normalises each of the {m.num_features} channels with running mean and variance "
            f"(statistics, not learned), then {learned}. Shape and receptive field are unchanged.")


def _block_note(m: nn.Module, children: list[tuple[str, nn.Module]], facts: LayerFacts) -> str:
    shown = ", ".join(name for name, _ in children[:6]) + (", ..." if len(children) > 6 else "")
    inside = sum(1 for _ in m.modules()) - 1
    costs = ""
    if facts.params is not None:
        costs = f"; together {facts.params:,} parameters"
        costs += f" and {facts.macs:,} MACs" if facts.macs is not None else ""
    return (f"A block of {len(children)} direct children ({shown}), {inside} modules in all{costs}. "
            "Select a child to see its own settings.")


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
    return "yes" if flag else "no"


def _times(ratio: float) -> str:
    return f"{ratio:,.0f}x" if ratio >= 10 else f"{ratio:.1f}x"


def _ndim(m: nn.Module) -> int:
    """Spatial dimensions of a pooling module, from its class name (MaxPool2d -> 2)."""
    name = type(m).__name__
    return int(name[-2]) if name[-1] == "d" and name[-2].isdigit() else 2


def _ntuple(value: Any, n: int) -> tuple:
    return tuple(value) if isinstance(value, (tuple, list)) else (value,) * n
