"""What each convolution of a module costs, counted from the modules themselves on a real input shape.

:func:`conv_costs` runs the module once (on the ``meta`` device when it is built there: shapes only,
no arithmetic, no memory) with a forward hook on every :class:`~torch.nn.Conv2d` and
:class:`~torch.nn.ConvTranspose2d`; each hook reads the module's own kernel, channels and groups and
the shape of the tensors it really saw. One multiply-add is one MAC (torchvision's "GFLOPS"
convention). Weights are the numbers in ``weight``; biases are counted apart (the course's figures
leave them out).

Qt-free, like all of :mod:`cnnviz.core`.
"""

from __future__ import annotations

import math
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator, Sequence

import torch
from torch import nn

from ..errors import CnnvizError, reason
from ..i18n import translator

tr = translator(__name__)

__all__ = ["ConvCost", "conv_costs", "counting", "total_macs", "total_weights"]

CONVS = (nn.Conv2d, nn.ConvTranspose2d)


@dataclass(frozen=True)
class ConvCost:
    """One call of one convolution module.

    Parameters
    ----------
    name
        Module path inside the counted module (``""`` for the module itself).
    transposed
        Whether it is a transposed convolution.
    in_channels, out_channels, groups
        As the module holds them.
    kernel, stride, dilation
        ``(height, width)`` each.
    input_shape, output_shape
        ``(C, H, W)`` of the tensors it saw (no batch dimension).
    macs
        Multiply-adds of this call for one input: ``out_h * out_w * out_c * in_c / groups * kh * kw``
        (transposed: every input element is multiplied into ``out_c / groups * kh * kw`` outputs).
    weights, biases
        ``weight.numel()`` and ``bias.numel()`` (0 without a bias).
    """

    name: str
    transposed: bool
    in_channels: int
    out_channels: int
    groups: int
    kernel: tuple[int, int]
    stride: tuple[int, int]
    dilation: tuple[int, int]
    input_shape: tuple[int, int, int]
    output_shape: tuple[int, int, int]
    macs: int
    weights: int
    biases: int


def _macs(m: nn.Module, x: torch.Tensor, y: torch.Tensor) -> int:
    """Multiply-adds of one call, from the shapes the module saw (batch 1)."""
    taps = math.prod(m.kernel_size)
    if isinstance(m, nn.ConvTranspose2d):
        return x[0].numel() * (m.out_channels // m.groups) * taps
    return y[0].numel() * (m.in_channels // m.groups) * taps


def _cost(name: str, m: nn.Module, x: torch.Tensor, y: torch.Tensor) -> ConvCost:
    bias = m.bias.numel() if m.bias is not None else 0
    return ConvCost(name, isinstance(m, nn.ConvTranspose2d), m.in_channels, m.out_channels, m.groups,
                    tuple(m.kernel_size), tuple(m.stride), tuple(m.dilation), tuple(x.shape[1:]),
                    tuple(y.shape[1:]), _macs(m, x, y), m.weight.numel(), bias)


@contextmanager
def counting(module: nn.Module) -> Iterator[list[ConvCost]]:
    """Record every convolution call inside the block into the list it yields (hooks removed after).

    Use it around forward passes of any batch size; counts are per input (batch 1).
    """
    found: list[ConvCost] = []
    handles = []

    def hook_for(name: str):
        def hook(m: nn.Module, args: tuple, output: torch.Tensor) -> None:
            found.append(_cost(name, m, args[0], output))
        return hook

    try:
        for name, m in module.named_modules():
            if isinstance(m, CONVS):
                handles.append(m.register_forward_hook(hook_for(name)))
        yield found
    finally:
        for handle in handles:
            handle.remove()


def conv_costs(module: nn.Module, input_shape: Sequence[int]) -> list[ConvCost]:
    """Run ``module`` once on zeros of shape ``(1, C, H, W)`` and return each convolution call's cost.

    Parameters
    ----------
    module
        Any module taking one image batch; it runs on the device of its parameters (build it under
        ``torch.device("meta")`` to count without computing). Its train/eval flags are not changed.
    input_shape
        ``(C, H, W)``.

    Returns
    -------
    list of ConvCost
        In the order of the calls.

    Raises
    ------
    CnnvizError
        If the shape is not three positive sizes or the module refuses it.
    """
    shape = tuple(input_shape)
    if len(shape) != 3 or not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in shape):
        raise CnnvizError(tr("input shape must be three positive sizes C H W, got {shape}").format(
            shape=repr(input_shape)))
    param = next(module.parameters(), None)
    device = param.device if param is not None else torch.device("cpu")
    dtype = param.dtype if param is not None and param.is_floating_point() else torch.float32
    with torch.no_grad(), counting(module) as found:
        try:
            module(torch.zeros((1, *shape), device=device, dtype=dtype))
        except (RuntimeError, ValueError) as exc:
            raise CnnvizError(tr("{module} refuses input shape {shape}: {why}").format(
                module=type(module).__name__, shape=list(shape), why=reason(exc))) from exc
    return found


def total_macs(costs: Sequence[ConvCost]) -> int:
    """Sum of the calls' multiply-adds."""
    return sum(c.macs for c in costs)


def total_weights(costs: Sequence[ConvCost]) -> int:
    """Sum of the weights of the distinct modules called (a module called twice counts once)."""
    seen: dict[str, int] = {}
    for c in costs:
        seen.setdefault(c.name, c.weights)
    return sum(seen.values())
