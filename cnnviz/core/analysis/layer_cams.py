"""Class activation maps of any set of layers from ONE forward and ONE backward pass.

Grad-CAM (Selvaraju et al. 2017), Grad-CAM++ (Chattopadhay et al. 2018) and LayerCAM (Jiang et al. 2021)
all need a layer's output ``A`` and the gradient ``g = d logit[target] / d A``. One forward pass keeps
the output of every layer asked for (forward hooks that keep a reference); one
``torch.autograd.grad`` from the class logit to all of them gives every gradient at once. The
parameters are frozen for the pass (their ``requires_grad`` restored after), so neither pass spends
anything on weight gradients, and the graph starts at the first layer kept: its output becomes a
leaf that requires a gradient (the model goes on with a copy of it), so whatever runs before it
records nothing for autograd.

A layer's output that the model changes in place later (a convolution followed by
``ReLU(inplace=True)``, as in VGG and AlexNet) would hold the wrong values and the wrong gradient:
the version counter of every kept tensor is checked after the forward pass, and the pass is redone
with those layers' outputs cloned (what Captum does for every layer, always). Which layers need it is
learned once per model.

Maps are ``(N, 1, *spatial)`` at the layer's resolution, as Captum's ``LayerGradCam`` gives them.
"""

from __future__ import annotations

import weakref
from typing import Any

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from ..capture.records import logits_of
from ..errors import CnnvizError
from ..i18n import translator
from ..memory import keep_freed_memory
from .attribution_common import Target, as_module, class_targets, convolutions, frozen_parameters, mode, split_key

tr = translator(__name__)

__all__ = ["CAM_METHODS", "LayerPass", "cams", "gradcam_all_layers", "layercam_all_layers", "layer_pass"]

CAM_METHODS = ("gradcam", "gradcam++", "layercam")

#: per model, the layer keys whose output the model changes in place later (cloned when produced)
_CLONE: "weakref.WeakKeyDictionary[nn.Module, set[str]]" = weakref.WeakKeyDictionary()


class _Keep:
    """Forward hooks on the modules of ``keys`` that keep those calls' outputs (with their version)."""

    def __init__(self, module: nn.Module, keys: list[str], clone: set[str]) -> None:
        self.wanted = set(keys)
        self.clone = clone
        self.kept: dict[str, tuple[Tensor, int]] = {}
        self.calls: dict[str, int] = {}
        modules = dict(module.named_modules())
        self.paths = {split_key(k)[0] for k in keys}
        self.handles = [modules[p].register_forward_hook(self._hook(p)) for p in self.paths]

    def _hook(self, path: str):
        def hook(m: nn.Module, args: Any, out: Any) -> Any:
            n = self.calls[path] = self.calls.get(path, 0) + 1
            key = path if n == 1 else f"{path}#{n}"
            if key not in self.wanted or not isinstance(out, Tensor):
                return None
            if not out.requires_grad:  # nothing before it needs a gradient: the graph starts here
                leaf = out.detach().requires_grad_(True)
                self.kept[key] = (leaf, leaf._version)
                return leaf.clone()  # what the model goes on with (it may change it in place)
            self.kept[key] = (out, out._version)
            return out.clone() if key in self.clone else None
        return hook

    def stale(self) -> set[str]:
        """Keys whose kept tensor was changed in place after it was produced."""
        return {k for k, (t, version) in self.kept.items() if t._version != version}

    def remove(self) -> None:
        for handle in self.handles:
            handle.remove()


class LayerPass:
    """One forward + backward: the logits, the class explained, each layer's output and its gradient."""

    def __init__(self, logits: Tensor, targets: Tensor, acts: dict[str, Tensor],
                 grads: dict[str, Tensor | None]) -> None:
        self.logits = logits
        self.targets = targets
        self.acts = acts
        self.grads = grads


def _forward(module: nn.Module, inputs: Tensor, keys: list[str]) -> tuple[Tensor, dict[str, Tensor]]:
    clone = _CLONE.setdefault(module, set())
    for _ in range(2):
        keep = _Keep(module, keys, clone)
        try:
            logits = logits_of(module(inputs))
        finally:
            keep.remove()
        stale = keep.stale()
        if not stale:
            return logits, {k: t for k, (t, _) in keep.kept.items()}
        clone |= stale  # learned for this model's next calls too
    raise CnnvizError(tr("the outputs of {names} change in place during the forward pass").format(
        names=", ".join(sorted(stale))))


def layer_pass(model: Any, x: Tensor, keys: list[str], target: Target = None, *,
               train_mode: bool = False, optional: bool = False) -> LayerPass:
    """Run ``model`` on ``x`` once keeping the outputs of ``keys``, and backpropagate the target logit to
    all of them at once (no weight gradients). A key whose module did not run is an error, or with
    ``optional`` left out (GoogLeNet's auxiliary heads in eval mode)."""
    module = as_module(model)
    keep_freed_memory()  # as capture does: the pass holds every kept output and its gradient
    with mode(module, train_mode), frozen_parameters(module), torch.enable_grad():
        logits, acts = _forward(module, x.detach(), keys)
        missing = [k for k in keys if k not in acts]
        if missing and not optional:
            raise CnnvizError(tr("layer {missing} did not run in the forward pass (or gave no tensor); choose a "
                                  "layer the model uses").format(missing=missing[0]))
        targets = class_targets(logits, target)
        score = logits.gather(1, targets[:, None]).sum()
        ran = [k for k in keys if k in acts]
        if score.requires_grad:
            grads = torch.autograd.grad(score, [acts[k] for k in ran], allow_unused=True)
        else:  # the class logit depends on none of them
            grads = (None,) * len(ran)
    return LayerPass(logits.detach(), targets, {k: acts[k].detach() for k in ran}, dict(zip(ran, grads)))


def _spatial(a: Tensor) -> tuple[int, ...]:
    return tuple(range(2, a.ndim))


def gradcam(a: Tensor, g: Tensor) -> Tensor:
    """ReLU(sum_c mean_xy(g_c) A_c), as Captum's LayerGradCam computes it (same operations, same order)."""
    weights = torch.mean(g, dim=_spatial(g), keepdim=True)
    return F.relu(torch.sum(weights * a, dim=1, keepdim=True))


def gradcam_pp(a: Tensor, g: Tensor) -> Tensor:
    """Grad-CAM++: channel weights sum_xy alpha_xy ReLU(g_xy) with alpha = g^2 / (2 g^2 + sum_ab A_ab g^3).

    The paper's closed form for ``Y = exp(S)`` of a piecewise-linear network (its second and third
    derivatives are ``g^2`` and ``g^3`` times ``exp(S)``, which cancels in alpha and scales the map by a
    positive constant, left out as in the authors' code). Where the denominator is 0, alpha is 0.
    """
    dims = _spatial(g)
    g2 = g * g
    denominator = 2 * g2 + torch.sum(a, dim=dims, keepdim=True) * (g2 * g)
    alpha = torch.where(denominator != 0, g2 / torch.where(denominator != 0, denominator, 1), 0)
    weights = torch.sum(alpha * F.relu(g), dim=dims, keepdim=True)
    return F.relu(torch.sum(weights * a, dim=1, keepdim=True))


def layercam(a: Tensor, g: Tensor) -> Tensor:
    """LayerCAM: ReLU(sum_c ReLU(g_c) * A_c), each position weighted by its own positive gradient."""
    return F.relu(torch.sum(F.relu(g) * a, dim=1, keepdim=True))


_FORMULAS = {"gradcam": gradcam, "gradcam++": gradcam_pp, "layercam": layercam}


def cams(run: LayerPass, method: str) -> dict[str, Tensor]:
    """``method``'s map of every layer of ``run`` (a layer the logit does not depend on maps to zeros)."""
    formula = _FORMULAS[method]
    out = {}
    with torch.no_grad():
        for key, a in run.acts.items():
            if a.ndim < 3:
                raise CnnvizError(tr("layer {key} gives {shape}: no spatial dimensions for {method}; choose a "
                                      "convolutional layer or block").format(
                    key=key, shape=tuple(a.shape), method=method))
            g = run.grads.get(key)
            out[key] = (torch.zeros_like(a[:, :1]) if g is None else formula(a, g))
    return out


def _all_convolutions(model: Any, x: Tensor, target: Target, method: str, train_mode: bool) -> dict[str, Tensor]:
    module = as_module(model)
    keys = convolutions(module)
    if not keys:
        raise CnnvizError(tr("the model has no convolution, which Grad-CAM needs"))
    run = layer_pass(module, x, keys, target, train_mode=train_mode, optional=True)
    return cams(run, method)


def gradcam_all_layers(model: Any, x: Tensor, target: Target = None, *, train_mode: bool = False
                       ) -> dict[str, Tensor]:
    """Grad-CAM of every ``Conv2d`` of ``model`` (module path -> ``(N, 1, H, W)`` map), from one forward
    keeping every convolution's output and one backward from the class logit to all of them.

    Examples
    --------
    >>> maps = gradcam_all_layers(torchvision.models.resnet18(), torch.randn(1, 3, 64, 64))  # doctest: +SKIP
    >>> maps["layer4.1.conv2"].shape  # doctest: +SKIP
    torch.Size([1, 1, 2, 2])
    """
    return _all_convolutions(model, x, target, "gradcam", train_mode)


def layercam_all_layers(model: Any, x: Tensor, target: Target = None, *, train_mode: bool = False
                        ) -> dict[str, Tensor]:
    """LayerCAM of every ``Conv2d`` of ``model``, from one forward and one backward (as :func:`gradcam_all_layers`)."""
    return _all_convolutions(model, x, target, "layercam", train_mode)
