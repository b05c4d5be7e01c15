"""Receptive fields propagated analytically through one forward pass (usually on meta tensors).

:class:`ReceptiveFieldMode` is a ``TorchDispatchMode``: it sees every aten op of the forward pass and
gives each tensor that derives from the watched input a field: per spatial dimension the size of the
window of input pixels that can reach one element (``size``), the distance in input pixels between
neighbouring elements (``jump``, reported as stride), the input coordinate of the centre of element
0's window (``centre``, reported as offset; input pixel ``i`` has centre ``i``, so element ``y``'s
window is centred at ``offset + y * stride``), and which tensor axes index spatial positions.

Rules, per dimension, with ``r``/``j``/``c`` the input's size/jump/centre:

- convolution and max/avg pooling with kernel ``k``, stride ``s``, dilation ``d``, padding ``p``:
  ``r + (k - 1) * d * j``, ``j * s`` and ``c + ((k - 1) * d / 2 - p) * j`` (``ceil_mode`` only adds
  elements at the far end, so it changes none of them);
- transposed convolution (upsampling by ``s``): each output element sees
  ``t = ceil(((k - 1) * d + 1) / s)`` neighbouring inputs, so ``r + (t - 1) * j`` and ``j / s``
  (the stride may become fractional). Output ``o`` takes input ``i`` through tap ``q`` when
  ``i * s = o + p - q * d``; the centre is the straight line through those taps' midpoints,
  ``c + (p - (k - 1) * d / 2) / s * j``: exact for ``s = 1``, otherwise within ``j / 2`` of the
  true centre, which steps with ``o mod s``;
- adaptive pooling: its widest window and ``in / out`` as stride; bin ``y`` spans
  ``[floor(y * in / out), ceil((y + 1) * in / out))``, so the centre is the straight line through
  the bins' midpoints, ``c + (in / out - 1) / 2 * j`` (exact when ``out`` divides ``in``, otherwise
  within ``j / 2``); pooling to 1x1 sees the whole input;
- reductions and softmax over a spatial axis, and matrix products that contract a spatial axis (a
  linear layer after flatten) see the whole input;
- a flatten that merges the spatial axes is reported as the whole input (there is no stride left);
- views, permutes and everything else (elementwise ops, add, cat, normalisation): the widest field
  over the inputs whose spatial axes line up with the output's, with the centre of the input whose
  window is widest in that dimension (the first of equals).

A whole-input field has no stride and no offset.

A tensor that already sees the whole input (a squeeze-and-excitation gate, a global mean) combined
with a local one is treated as a per-channel scale: the result keeps the local field, as conventional
receptive-field tables do. Normalisation statistics (fixed in eval mode) are likewise ignored.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any, Callable, Sequence

import torch
from torch.utils._python_dispatch import TorchDispatchMode
from torch.utils._pytree import tree_flatten
from torch.utils.weak import WeakIdKeyDictionary

from ..errors import CnnvizError
from ..i18n import translator

tr = translator(__name__)

aten = torch.ops.aten


@dataclass(frozen=True)
class ReceptiveField:
    """The input window behind one element of a tensor, in input pixels.

    Parameters
    ----------
    size
        ``(height, width)`` of the window. It may exceed the input (padding lies outside it).
    stride
        ``(height, width)`` distance between the windows of neighbouring elements; ``None`` where
        the tensor depends on the whole input (after a global pool, flatten + linear...), and then
        ``size`` is the input's size.
    offset
        ``(y, x)`` input coordinate of the centre of element ``(0, 0)``'s window, where input pixel
        ``i`` has centre ``i``; element ``(y, x)``'s window is centred at ``offset + (y, x) * stride``.
        ``None`` for a whole-input field (or when unknown).
    """

    size: tuple[float, ...]
    stride: tuple[float, ...] | None
    offset: tuple[float, ...] | None = None

    def window(self, y: float, x: float) -> tuple[float, float, float, float]:
        """``(top, left, height, width)`` of element ``(y, x)``'s window, in input pixels, unclipped.

        ``top``/``left`` index the window's first row/column: it covers rows ``top`` to
        ``top + height - 1`` (pixel ``i`` drawn over ``[i, i + 1)``). Fractional for fractional strides.
        """
        if self.stride is None:
            raise CnnvizError(tr("this layer sees the whole input: its units have no window of their own"))
        if self.offset is None:
            raise CnnvizError(tr("this receptive field does not say where its windows lie"))
        if len(self.size) != 2:
            raise CnnvizError(tr("a window needs a 2-D receptive field, not {n}-D").format(n=len(self.size)))
        top, left = (o + i * s - (r - 1) / 2
                     for o, i, s, r in zip(self.offset, (y, x), self.stride, self.size))
        return top, left, self.size[0], self.size[1]

    def to_json_dict(self) -> dict[str, list[float] | None]:
        """``{"size": [h, w], "stride": [h, w] or None}`` with whole numbers as ints."""
        stride = None if self.stride is None else [_number(v) for v in self.stride]
        return {"size": [_number(v) for v in self.size], "stride": stride}


def _number(value: float) -> float:
    return int(value) if float(value).is_integer() else round(float(value), 3)


@dataclass(frozen=True)
class _Field:
    size: tuple[float, ...] = ()
    jump: tuple[float, ...] = ()
    centre: tuple[float, ...] = ()  # input coordinate of the centre of element 0's window
    axes: frozenset[int] = frozenset()  # tensor axes that index spatial positions
    whole: bool = False  # depends on the whole input


_WHOLE = _Field(whole=True)


class ReceptiveFieldMode(TorchDispatchMode):
    """Track the receptive field of every tensor computed from the watched input.

    Use it around a forward pass, call :meth:`watch` on the input first, then :meth:`field_of`
    on any tensor produced inside (at the moment you look: in-place ops update it).
    """

    def __init__(self) -> None:
        super().__init__()
        self._fields: WeakIdKeyDictionary = WeakIdKeyDictionary()
        self._input_size: tuple[int, ...] = ()

    def watch(self, image: torch.Tensor) -> None:
        """Mark a batched ``(N, C, *spatial)`` input: one pixel, stride one."""
        spatial = tuple(image.shape[2:])
        self._input_size = spatial
        self._fields[image] = _Field((1,) * len(spatial), (1,) * len(spatial), (0,) * len(spatial),
                                     frozenset(range(2, image.dim())))

    def field_of(self, tensor: torch.Tensor) -> ReceptiveField | None:
        """The tensor's receptive field, or ``None`` if it does not depend on the input.

        Once spatial positions are flattened into fewer axes than there are spatial dimensions
        (``flatten`` before a classifier), the field is reported as the whole input.
        """
        field = self._fields.get(tensor)
        if field is None:
            return None
        if field.whole or len(field.axes) < len(field.size):
            return ReceptiveField(tuple(self._input_size), None, None)
        return ReceptiveField(field.size, field.jump, field.centre)

    def __torch_dispatch__(self, func: Any, types: Any, args: tuple = (), kwargs: dict | None = None) -> Any:
        kwargs = kwargs or {}
        out = func(*args, **kwargs)
        outputs = [t for t in tree_flatten(out)[0] if isinstance(t, torch.Tensor)]
        if not outputs:
            return out
        handler = _HANDLERS.get(func._overloadpacket)
        if handler is not None:
            field = handler(self, _named(func, args, kwargs), outputs[0])
            for tensor in outputs:
                self._set(tensor, field)
        else:
            inputs = [t for t in tree_flatten((args, kwargs))[0] if isinstance(t, torch.Tensor)]
            new = [self._pointwise(inputs, tensor) for tensor in outputs]
            for tensor, field in zip(outputs, new):
                self._set(tensor, field)
        return out

    def _set(self, tensor: torch.Tensor, field: _Field | None) -> None:
        if field is not None:
            self._fields[tensor] = field
        elif tensor in self._fields:
            del self._fields[tensor]

    def _get(self, value: Any) -> _Field | None:
        return self._fields.get(value) if isinstance(value, torch.Tensor) else None

    def _pointwise(self, inputs: Sequence[torch.Tensor], out: torch.Tensor) -> _Field | None:
        tracked = [(t, f) for t in inputs if (f := self._fields.get(t)) is not None]
        if not tracked:
            return None
        local = [(t, f) for t, f in tracked if not f.whole]
        if not local:
            return _WHOLE
        aligned = [a for t, f in local if (a := _align(tuple(t.shape), f, tuple(out.shape))) is not None]
        return _merge(aligned) if aligned else _WHOLE


def _named(func: Any, args: tuple, kwargs: dict) -> dict[str, Any]:
    """The op's arguments by their schema names (defaults filled in)."""
    named: dict[str, Any] = {}
    for i, arg in enumerate(func._schema.arguments):
        if i < len(args):
            named[arg.name] = args[i]
        elif arg.name in kwargs:
            named[arg.name] = kwargs[arg.name]
        elif arg.has_default_value():
            named[arg.name] = arg.default_value
    return named


def _align(in_shape: tuple[int, ...], field: _Field, out_shape: tuple[int, ...]) -> _Field | None:
    """Broadcasting alignment: the input's spatial axes, right-aligned, must keep their sizes."""
    offset = len(out_shape) - len(in_shape)
    axes = frozenset(a + offset for a in field.axes)
    if any(a < 0 or out_shape[a] != in_shape[a - offset] for a in axes):
        return None
    return replace(field, axes=axes)


def _merge(fields: Sequence[_Field]) -> _Field:
    """Per dimension the widest size and jump; the centre of the (first) widest field."""
    size = tuple(max(values) for values in zip(*(f.size for f in fields)))
    jump = tuple(max(values) for values in zip(*(f.jump for f in fields)))
    widest = (max(fields, key=lambda f, d=d: f.size[d]) for d in range(len(size)))
    centre = tuple(f.centre[d] for d, f in enumerate(widest))
    return _Field(size, jump, centre, frozenset().union(*(f.axes for f in fields)))


def _ntuple(value: Any, n: int, default: Any = None) -> tuple:
    if value is None or (isinstance(value, (list, tuple)) and len(value) == 0):
        value = default
    if isinstance(value, (list, tuple)):
        return tuple(value) * n if len(value) == 1 else tuple(value)
    return (value,) * n


def _local(mode: ReceptiveFieldMode, value: Any) -> tuple[_Field | None, bool]:
    """The field of an op's main input and whether it is a local (not whole-input) one."""
    field = mode._get(value)
    return field, field is not None and not field.whole


# --- sliding windows ---------------------------------------------------------------------------


def _window(field: _Field, kernel: Sequence[int], stride: Sequence[float], dilation: Sequence[int],
            padding: Sequence[float], ndim: int) -> _Field:
    if len(field.size) != len(kernel):
        return _WHOLE
    size = tuple(r + (k - 1) * d * j for r, k, d, j in zip(field.size, kernel, dilation, field.jump))
    jump = tuple(j * s for j, s in zip(field.jump, stride))
    centre = tuple(c + ((k - 1) * d / 2 - p) * j
                   for c, k, d, p, j in zip(field.centre, kernel, dilation, padding, field.jump))
    return _Field(size, jump, centre, frozenset(range(ndim - len(kernel), ndim)))


def _conv(mode: ReceptiveFieldMode, a: dict, out: torch.Tensor) -> _Field | None:
    field, local = _local(mode, a["input"])
    if not local:
        return field
    if 1 in field.axes:  # channels hold spatial positions: the kernel mixes them all
        return _WHOLE
    n = a["weight"].dim() - 2
    kernel, stride, dilation = tuple(a["weight"].shape[2:]), _ntuple(a["stride"], n), _ntuple(a["dilation"], n)
    padding = _ntuple(a["padding"], n, default=0)
    if not a["transposed"]:
        return _window(field, kernel, stride, dilation, padding, out.dim())
    taps = tuple(math.ceil(((k - 1) * d + 1) / s) for k, d, s in zip(kernel, dilation, stride))
    upsampled = _window(field, taps, (1,) * n, (1,) * n, (0,) * n, out.dim())
    if upsampled.whole:
        return upsampled
    centre = tuple(c + (p - (k - 1) * d / 2) / s * j
                   for c, k, d, p, s, j in zip(field.centre, kernel, dilation, padding, stride, field.jump))
    return replace(upsampled, jump=tuple(j / s for j, s in zip(upsampled.jump, stride)), centre=centre)


def _pool(mode: ReceptiveFieldMode, a: dict, out: torch.Tensor) -> _Field | None:
    field, local = _local(mode, a["self"])
    if not local:
        return field
    given = _ntuple(a["kernel_size"], 1)
    n = len(given) if len(given) > 1 else len(field.size)
    kernel = _ntuple(given, n)
    stride = _ntuple(a.get("stride"), n, default=kernel)
    dilation, padding = _ntuple(a.get("dilation", 1), n), _ntuple(a.get("padding", 0), n, default=0)
    return _window(field, kernel, stride, dilation, padding, out.dim())


def _adaptive(mode: ReceptiveFieldMode, a: dict, out: torch.Tensor) -> _Field | None:
    field, local = _local(mode, a["self"])
    if not local:
        return field
    n = len(field.size)
    sizes_in, sizes_out = tuple(a["self"].shape[-n:]), tuple(out.shape[-n:])
    if all(o == 1 for o in sizes_out) and any(i > 1 for i in sizes_in):
        return _WHOLE
    kernel = tuple(_widest_bin(i, o) for i, o in zip(sizes_in, sizes_out))
    stride = tuple(i // o if i % o == 0 else i / o for i, o in zip(sizes_in, sizes_out))
    pooled = _window(field, kernel, stride, (1,) * n, (0,) * n, out.dim())
    if pooled.whole:
        return pooled
    centre = tuple(c + (i / o - 1) / 2 * j
                   for c, i, o, j in zip(field.centre, sizes_in, sizes_out, field.jump))
    return replace(pooled, centre=centre)


def _widest_bin(size_in: int, size_out: int) -> int:
    """Adaptive pooling's bin i spans [floor(i*in/out), ceil((i+1)*in/out))."""
    return max(-(-(i + 1) * size_in // size_out) - (i * size_in // size_out) for i in range(size_out))


# --- reductions and matrix products ------------------------------------------------------------


def _reduce(mode: ReceptiveFieldMode, a: dict, out: torch.Tensor) -> _Field | None:
    source = a["self"]
    field, local = _local(mode, source)
    if not local:
        return field
    dims = a.get("dim")
    dims = range(source.dim()) if dims is None or dims == [] else _ntuple(dims, 1)
    reduced = {d % max(source.dim(), 1) for d in dims}
    if reduced & field.axes:
        return _WHOLE
    if a.get("keepdim", True) or out.dim() == source.dim():
        return field
    return replace(field, axes=frozenset(x - sum(r < x for r in reduced) for x in field.axes))


def _matmul(mode: ReceptiveFieldMode, a: dict, out: torch.Tensor) -> _Field | None:
    left, right = a.get("mat1", a["self"]), a["mat2"]
    lf, rf = mode._get(left), mode._get(right)
    if lf is None and rf is None:
        return None
    parts = []
    if lf is not None and not lf.whole:
        if left.dim() - 1 in lf.axes:
            return _WHOLE
        parts.append(replace(lf, axes=frozenset(x + out.dim() - left.dim() for x in lf.axes)))
    if rf is not None and not rf.whole:
        if right.dim() - 2 in rf.axes:
            return _WHOLE
        batch = {x for x in rf.axes if x < right.dim() - 2}
        parts.append(replace(rf, axes=frozenset(batch | ({out.dim() - 1} if right.dim() - 1 in rf.axes else set()))))
    return _merge(parts) if parts else _WHOLE


# --- views -------------------------------------------------------------------------------------


def _view(mode: ReceptiveFieldMode, a: dict, out: torch.Tensor) -> _Field | None:
    field, local = _local(mode, a["self"])
    if not local:
        return field
    axes = _reshape_axes(tuple(a["self"].shape), tuple(out.shape), field.axes)
    return _WHOLE if axes is None else replace(field, axes=axes)


def _reshape_axes(shape_in: tuple[int, ...], shape_out: tuple[int, ...],
                  axes: frozenset[int]) -> frozenset[int] | None:
    """Output axes holding spatial positions: group axes whose sizes multiply to the same count."""
    if math.prod(shape_in) != math.prod(shape_out) or math.prod(shape_in) == 0:
        return None
    found: set[int] = set()
    i = j = 0
    while i < len(shape_in) and j < len(shape_out):
        group_in, group_out = [i], [j]
        count_in, count_out = shape_in[i], shape_out[j]
        while count_in != count_out:
            if count_in < count_out:
                i += 1
                group_in.append(i)
                count_in *= shape_in[i]
            else:
                j += 1
                group_out.append(j)
                count_out *= shape_out[j]
        if axes.intersection(group_in):
            found.update(group_out)
        i, j = i + 1, j + 1
    return frozenset(found)


def _permute(mode: ReceptiveFieldMode, a: dict, out: torch.Tensor) -> _Field | None:
    field, local = _local(mode, a["self"])
    if not local:
        return field
    n = out.dim()
    dims = [d % n for d in a["dims"]]
    return replace(field, axes=frozenset(k for k, d in enumerate(dims) if d in field.axes))


def _transpose(mode: ReceptiveFieldMode, a: dict, out: torch.Tensor) -> _Field | None:
    field, local = _local(mode, a["self"])
    if not local:
        return field
    n = out.dim()
    if n < 2:
        return field
    d0, d1 = (a["dim0"] % n, a["dim1"] % n) if "dim0" in a else (0, 1)
    swap = {d0: d1, d1: d0}
    return replace(field, axes=frozenset(swap.get(x, x) for x in field.axes))


def _unsqueeze(mode: ReceptiveFieldMode, a: dict, out: torch.Tensor) -> _Field | None:
    field, local = _local(mode, a["self"])
    if not local:
        return field
    dim = a["dim"] % out.dim()
    return replace(field, axes=frozenset(x + (x >= dim) for x in field.axes))


def _select(mode: ReceptiveFieldMode, a: dict, out: torch.Tensor) -> _Field | None:
    field, local = _local(mode, a["self"])
    if not local:
        return field
    dim = a["dim"] % a["self"].dim()
    return replace(field, axes=frozenset(x - (x > dim) for x in field.axes if x != dim))


_Handler = Callable[[ReceptiveFieldMode, dict, torch.Tensor], "_Field | None"]
_HANDLERS: dict[Any, _Handler] = {
    aten.convolution: _conv,
    aten.max_pool2d_with_indices: _pool, aten.max_pool2d: _pool, aten.avg_pool2d: _pool,
    aten._adaptive_avg_pool2d: _adaptive, aten.adaptive_max_pool2d: _adaptive,
    aten.mean: _reduce, aten.sum: _reduce, aten.amax: _reduce, aten.amin: _reduce,
    aten._softmax: _reduce, aten._log_softmax: _reduce,
    aten.mm: _matmul, aten.addmm: _matmul, aten.bmm: _matmul,
    aten.view: _view, aten._unsafe_view: _view, aten.reshape: _view,
    aten.permute: _permute, aten.transpose: _transpose, aten.t: _transpose,
    aten.unsqueeze: _unsqueeze, aten.select: _select,
}
