"""Handing a module's output on without letting the model overwrite it: :class:`Guarded`.

Some outputs are overwritten in place later in the forward pass, by functional code that no module
boundary sees: GoogLeNet's and Inception-v3's ``F.relu(bn(x), inplace=True)``, ResNet's and
EfficientNet's ``out += identity``. A capture would have to copy them as they are produced. Instead
it hands the caller an alias of the output whose type routes the torch calls made on it through
:meth:`Guarded.__torch_function__`; there in-place activations (``inplace=True``, ``relu_``) and
in-place arithmetic (``+=`` arrives as ``add_``; ``sub_``, ``mul_``, ``div_``) run out of place:
the same values, written to a new tensor that is returned, and the captured output stays as it was
produced. Every other call runs unchanged on the plain tensors and returns plain tensors, so the
alias goes no further than the calls made on it. Code that ignores what such a call returns and
relies on the tensor having changed would compute something else: the capture checks once per
model that guarding changes nothing it computes (the same logits, bit for bit), and copies instead
where it does (see :mod:`cnnviz.core.capture.run`).
"""

from __future__ import annotations

from typing import Any

import torch
import torch.nn.functional as F
from torch import Tensor

_ATTR = "_cnnviz_plain"

#: functions whose ``inplace=True`` only chooses where the same values are written
_INPLACE_FLAG = frozenset({F.relu, F.relu6, F.silu, F.hardswish, F.hardsigmoid, F.leaky_relu, F.elu,
                           F.celu, F.selu, F.hardtanh, F.mish, F.threshold})
#: in-place arithmetic (``out += identity`` reaches ``__torch_function__`` as ``add_``) and activations
_INPLACE_METHODS = {Tensor.add_: torch.add, Tensor.sub_: torch.sub, Tensor.mul_: torch.mul,
                    Tensor.div_: torch.div, torch.relu_: torch.relu, Tensor.relu_: torch.relu}


def _plain(value: Any) -> Any:
    if isinstance(value, Guarded):
        return value.__dict__[_ATTR]
    if isinstance(value, (list, tuple)) and any(isinstance(v, Guarded) for v in value):
        return type(value)(_plain(v) for v in value)
    return value


def plain(t: Tensor) -> Tensor:
    """The tensor behind ``t`` if it is a :class:`Guarded` alias, else ``t``."""
    return t.__dict__[_ATTR] if type(t) is Guarded else t


def guarded(t: Tensor) -> "Guarded":
    """An alias of ``t`` to hand on in its place."""
    alias = t.as_subclass(Guarded)
    alias.__dict__[_ATTR] = t
    return alias


class Guarded(Tensor):
    """An alias of a captured output: in-place activations and ``+=`` on it run out of place."""

    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        kwargs = {k: _plain(v) for k, v in kwargs.items()} if kwargs else {}
        args = tuple(_plain(a) for a in args)
        with torch._C.DisableTorchFunctionSubclass():
            if kwargs.get("inplace") is True and func in _INPLACE_FLAG:
                kwargs["inplace"] = False
            elif func in _INPLACE_METHODS:
                func = _INPLACE_METHODS[func]
            return func(*args, **kwargs)
