"""Attribution in the input's pixels: saliency, integrated gradients, SmoothGrad and occlusion (Captum's
own classes) and guided backprop (which guided Grad-CAM multiplies by a layer's Grad-CAM).

Guided backprop (Springenberg et al. 2015) lets only positive gradients back through every ReLU.
Captum's ``GuidedBackprop`` hooks ``nn.ReLU`` modules only and warns that a functional ``F.relu``
is missed, which is every ReLU of torchvision's GoogLeNet and Inception-v3 (``BasicConv2d`` calls
``F.relu(x, inplace=True)``): its result there is the plain gradient. Here a ``TorchFunctionMode``
scoped to the one pass replaces every ReLU call, module or functional, with one whose backward is
``ReLU(grad) * (out > 0)``, the same as Captum's hook where Captum sees the ReLU. It runs out of
place (as Captum's hook, which hands an in-place ReLU a clone of its input).

Each map has the input's shape ``(N, C, H, W)``, as Captum gives it.
"""

from __future__ import annotations

from typing import Any

import torch
import torch.nn.functional as F
from torch import Tensor, nn
from torch.overrides import TorchFunctionMode

from .attribution_common import forward_logits, frozen_parameters, mode

__all__ = ["guided_backprop", "integrated_gradients", "occlusion", "saliency", "smoothgrad"]


class _GuidedReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Tensor:
        out = torch.relu(x)
        ctx.save_for_backward(out)
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        (out,) = ctx.saved_tensors
        return F.relu(grad).masked_fill(out <= 0, 0)


_RELUS = {F.relu, F.relu_, torch.relu, torch.relu_, Tensor.relu, Tensor.relu_,
          torch.ops.aten.relu.default, torch.ops.aten.relu_.default}


class _GuidedReLUs(TorchFunctionMode):
    """Every ReLU call (``nn.ReLU``, ``F.relu``, ``torch.relu``, ``x.relu_()``) becomes a guided ReLU."""

    def __torch_function__(self, func: Any, types: Any, args: tuple = (), kwargs: dict | None = None) -> Any:
        if func in _RELUS and args and isinstance(args[0], Tensor) and args[0].requires_grad:
            return _GuidedReLU.apply(args[0])
        return func(*args, **(kwargs or {}))


def guided_backprop(module: nn.Module, x: Tensor, targets: Tensor, train_mode: bool = False) -> Tensor:
    """Guided backprop of ``targets`` (one class per sample) w.r.t. ``x``, from one forward and one backward."""
    forward = forward_logits(module)
    with mode(module, train_mode), frozen_parameters(module), torch.enable_grad():
        inputs = x.detach().requires_grad_(True)
        with _GuidedReLUs():
            logits = forward(inputs)
        score = logits.gather(1, targets[:, None]).sum()
        (grad,) = torch.autograd.grad(score, inputs)
    return grad


def _captum(module: nn.Module, x: Tensor, train_mode: bool, run: Any, grad: bool = True) -> Tensor:
    # an input that requires a gradient already (Captum would set it, with a warning)
    with mode(module, train_mode), frozen_parameters(module), torch.set_grad_enabled(grad):
        return run(forward_logits(module), x.detach().requires_grad_(grad)).detach()


def saliency(module: nn.Module, x: Tensor, targets: Tensor, train_mode: bool = False, abs: bool = True) -> Tensor:
    """Captum's ``Saliency``: the gradient of the class logit w.r.t. the input (its absolute value)."""
    from captum.attr import Saliency

    return _captum(module, x, train_mode, lambda f, x: Saliency(f).attribute(x, target=targets, abs=abs))


def integrated_gradients(module: nn.Module, x: Tensor, targets: Tensor, train_mode: bool = False,
                         n_steps: int = 50, internal_batch_size: int | None = None) -> Tensor:
    """Captum's ``IntegratedGradients`` from a black (all-zero) baseline, ``n_steps`` Gauss-Legendre steps."""
    from captum.attr import IntegratedGradients

    return _captum(module, x, train_mode, lambda f, x: IntegratedGradients(f).attribute(
        x, target=targets, n_steps=n_steps, internal_batch_size=internal_batch_size))


def smoothgrad(module: nn.Module, x: Tensor, targets: Tensor, train_mode: bool = False, nt_samples: int = 25,
               stdevs: float = 0.15, nt_samples_batch_size: int | None = None) -> Tensor:
    """Captum's ``NoiseTunnel`` over ``Saliency`` (SmoothGrad): ``nt_samples`` noisy copies of ``x`` with
    Gaussian noise of standard deviation ``stdevs`` (in the input's units), their saliency averaged."""
    from captum.attr import NoiseTunnel, Saliency

    return _captum(module, x, train_mode, lambda f, x: NoiseTunnel(Saliency(f)).attribute(
        x, target=targets, nt_type="smoothgrad", nt_samples=nt_samples, stdevs=stdevs,
        nt_samples_batch_size=nt_samples_batch_size))


def occlusion_window(x: Tensor, window: int | None, stride: int | None) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The occluding patch ``(C, w, w)`` and strides: by default an eighth of the shorter side, half that stride."""
    w = window if window is not None else max(1, min(x.shape[2:]) // 8)
    s = stride if stride is not None else max(1, w // 2)
    return (x.shape[1], w, w), (x.shape[1], s, s)


def occlusion(module: nn.Module, x: Tensor, targets: Tensor, train_mode: bool = False, window: int | None = None,
              stride: int | None = None, perturbations_per_eval: int = 16) -> Tensor:
    """Captum's ``Occlusion``: how much the class logit drops when a ``window`` patch is set to 0."""
    from captum.attr import Occlusion

    shape, strides = occlusion_window(x, window, stride)
    return _captum(module, x, train_mode, lambda f, x: Occlusion(f).attribute(
        x, target=targets, sliding_window_shapes=shape, strides=strides, baselines=0,
        perturbations_per_eval=perturbations_per_eval), grad=False)
