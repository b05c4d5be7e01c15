"""Per-layer gradient norms for one backward pass, without touching the model's own gradients.

:func:`gradient_norms` answers the course's question "why do residual blocks let depth train?": in a
plain deep chain of saturating layers the gradient shrinks layer by layer towards the input, while
the identity paths of a residual network carry it back undiminished. The gradients are computed
with ``torch.autograd.grad``, so no ``.grad`` is written, accumulated or zeroed; parameters that do
not require gradients are switched on for the pass and restored afterwards.

While a model trains, :class:`GradientRecorder` reads the ``.grad`` the training step's backward left,
with the same per-layer definition, and gives a :class:`GradientRecord` of plain floats: the norms
are computed on the model's device and leave it in one ``.tolist()``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from ..capture.records import logits_of
from ..errors import CnnvizError
from ..i18n import translator

tr = translator(__name__)

__all__ = ["GradientRecord", "GradientRecorder", "forward_order", "gradient_norms"]

_OBJECTIVES = ("cross_entropy", "logit")


def _called_in_order(module: nn.Module, x: Tensor) -> tuple[list[tuple[str, nn.Module]], Tensor]:
    """The modules with parameters of their own, in the order of their first call, and the logits."""
    owners = {m: name for name, m in module.named_modules() if any(True for _ in m.parameters(recurse=False))}
    order: list[tuple[str, nn.Module]] = []
    seen: set[int] = set()

    def pre_hook(m: nn.Module, args: Any) -> None:
        if id(m) not in seen:
            seen.add(id(m))
            order.append((owners[m], m))

    handles = [m.register_forward_pre_hook(pre_hook) for m in owners]
    try:
        logits = logits_of(module(x))
    finally:
        for h in handles:
            h.remove()
    return order, logits


def _targets(target: Any, logits: Tensor) -> Tensor:
    batch, classes = logits.shape[0], logits.shape[-1]
    if target is None:
        return logits.detach().argmax(dim=-1)
    if isinstance(target, bool) or not isinstance(target, (int, Tensor)):
        raise CnnvizError(tr("the target must be a class index or a tensor of class indices, not {type}").format(
            type=type(target).__name__))
    t = torch.as_tensor(target, device=logits.device).to(torch.int64).reshape(-1)
    if t.numel() == 1:
        t = t.expand(batch)
    if t.numel() != batch:
        raise CnnvizError(tr("{targets} targets for a batch of {batch} inputs").format(
            targets=t.numel(), batch=batch))
    if bool(((t < 0) | (t >= classes)).any()):
        raise CnnvizError(tr("target class {target} is outside the model's classes 0..{last}").format(
            target=int(t[(t < 0) | (t >= classes)][0]), last=classes - 1))
    return t


def gradient_norms(model: Any, x: Tensor, target: Any = None, *, objective: str = "cross_entropy"
                   ) -> list[tuple[str, float]]:
    """The L2 norm of each layer's parameter gradients for one backward pass, in forward order.

    Parameters
    ----------
    model
        An ``nn.Module`` or a loaded model (its ``.module``). It runs in the mode it is in (train or
        eval: nothing is switched); its parameters, buffers (batch-norm statistics a train-mode forward
        would update), ``requires_grad`` flags and ``.grad`` are left as they were.
    x
        An input batch ``[B, ...]`` on the model's device.
    target
        Class index (int, or a tensor of ``B`` indices); ``None``: each input's predicted class.
    objective
        ``"cross_entropy"`` (mean cross-entropy of the logits against ``target``, the training loss) or
        ``"logit"`` (the sum of the target logits, what attribution differentiates).

    Returns
    -------
    list of (str, float)
        ``(module path, norm)`` for every module that owns parameters (its own, not its children's)
        and was called in the forward pass, in the order of its first call. The norm is that of all
        the module's own parameters together (weight and bias), ``sqrt(sum g**2)``; a parameter the
        objective does not reach counts as zero.
    """
    module = getattr(model, "module", model)
    if not isinstance(module, nn.Module) or isinstance(module, torch.jit.ScriptModule):
        raise CnnvizError(tr("gradient norms need a torch.nn.Module (not TorchScript), not {type}").format(
            type=type(module).__name__))
    if not isinstance(x, Tensor):
        raise CnnvizError(tr("the input must be a tensor, not {type}").format(type=type(x).__name__))
    if objective not in _OBJECTIVES:
        raise CnnvizError(tr("unknown objective '{objective}': use {objectives}").format(
            objective=objective, objectives=", ".join(_OBJECTIVES)))
    params = list(module.parameters())
    if not params:
        raise CnnvizError(tr("the model has no parameters, so no gradients"))
    flags = [p.requires_grad for p in params]
    buffers = [(b, b.clone()) for b in module.buffers()]  # batch norm in train mode updates its statistics
    try:
        for p in params:
            p.requires_grad_(True)
        with torch.enable_grad():
            order, logits = _called_in_order(module, x)
            if logits.dim() != 2:
                raise CnnvizError(tr("the model's output has shape {shape}, not [batch, classes]").format(
                    shape=list(logits.shape)))
            t = _targets(target, logits)
            if objective == "cross_entropy":
                loss = F.cross_entropy(logits, t)
            else:
                loss = logits.gather(1, t.reshape(-1, 1)).sum()
            owned = [list(m.parameters(recurse=False)) for _, m in order]
            flat = [p for group in owned for p in group]
            grads = torch.autograd.grad(loss, flat, allow_unused=True) if flat else ()
    finally:
        for p, flag in zip(params, flags):
            p.requires_grad_(flag)
        with torch.no_grad():
            for b, saved in buffers:
                b.copy_(saved)
    out, i = [], 0
    for (name, _), group in zip(order, owned):
        total = 0.0
        for g in grads[i:i + len(group)]:
            if g is not None:
                total += float(g.detach().to(torch.float64).pow(2).sum())
        i += len(group)
        out.append((name, math.sqrt(total)))
    return out


def forward_order(model: Any, x: Tensor) -> list[tuple[str, nn.Module]]:
    """The modules that own parameters, in the order of their first call in one forward of ``x``.

    The forward runs without gradients in the mode the model is in; batch-norm statistics it would
    update in training mode are put back. These are the layers :func:`gradient_norms` reports.
    """
    module = getattr(model, "module", model)
    buffers = [(b, b.clone()) for b in module.buffers()]
    try:
        with torch.no_grad():
            order, _ = _called_in_order(module, x)
    finally:
        with torch.no_grad():
            for b, saved in buffers:
                b.copy_(saved)
    return order


@dataclass(frozen=True)
class GradientRecord:
    """Per-layer gradient norms of one training step (plain values: holding it keeps no tensor alive).

    Attributes
    ----------
    step, epoch
        The optimiser step (1-based) whose backward gave the gradients, and its epoch.
    layers
        Module paths in forward order (the same tuple object for every record of a run).
    norms
        ``sqrt(sum g**2)`` over each layer's own parameters (weight and bias), as
        :func:`gradient_norms` defines it; a parameter without a gradient counts as zero.
    """

    step: int
    epoch: int
    layers: tuple[str, ...]
    norms: tuple[float, ...]


class GradientRecorder:
    """Reads the per-layer norms of the ``.grad`` a backward pass left, cheaply, on the model's device.

    Parameters
    ----------
    layers
        ``(path, module)`` in the order to report (:func:`forward_order`); modules without own
        parameters are left out.

    Examples
    --------
    >>> recorder = GradientRecorder(forward_order(model, x[:1]))   # doctest: +SKIP
    >>> loss.backward(); record = recorder.record(step=1, epoch=1)  # doctest: +SKIP
    """

    def __init__(self, layers: list[tuple[str, nn.Module]]) -> None:
        owned = [(name, list(m.parameters(recurse=False))) for name, m in layers]
        owned = [(name, params) for name, params in owned if params]
        self.layers: tuple[str, ...] = tuple(name for name, _ in owned)
        self.params: list[nn.Parameter] = [p for _, params in owned for p in params]
        self._index = [i for i, (_, params) in enumerate(owned) for _ in params]
        self._device = self.params[0].device if self.params else torch.device("cpu")
        self._slots: Tensor | None = None

    def norms(self) -> list[float]:
        """Each layer's gradient norm now (zeros where no gradient was written)."""
        if not self.params:
            return []
        zero = torch.zeros((), device=self._device)
        norms = torch.stack([torch.linalg.vector_norm(p.grad.detach(), dtype=torch.float32).to(self._device)
                             if p.grad is not None else zero for p in self.params])  # no copy of any gradient
        if self._slots is None:
            self._slots = torch.tensor(self._index, device=self._device)
        per_layer = torch.zeros(len(self.layers), device=self._device).index_add_(0, self._slots, norms.square())
        return per_layer.sqrt().tolist()

    def record(self, step: int, epoch: int) -> GradientRecord:
        """The norms now, as a :class:`GradientRecord` of ``step`` and ``epoch``."""
        return GradientRecord(int(step), int(epoch), self.layers, tuple(self.norms()))
