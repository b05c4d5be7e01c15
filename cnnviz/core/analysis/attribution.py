"""Why the network decided: attribution maps for one class, by any of nine methods.

``attribute(model, x, method=..., layers=..., target=...)`` returns an :class:`Attribution`, a mapping
from layer key to map (DESIGN.md, ``cnnviz.attribute``):

- layer methods (``gradcam``, ``gradcam++``, ``layercam``: ``(N, 1, h, w)`` at the layer's resolution;
  ``guided-gradcam``: ``(N, C, H, W)``) are keyed by layer; ``layers="all"`` gives every convolution's
  map from one forward and one backward pass (:mod:`cnnviz.core.analysis.layer_cams`);
- pixel-space methods (``saliency``, ``guided-backprop``, ``integrated-gradients``, ``smoothgrad``,
  ``occlusion``) give one ``(N, C, H, W)`` map under the key ``input``
  (:mod:`cnnviz.core.analysis.pixel_methods`, Captum's classes underneath).

The target is each sample's top class unless given. The model runs in eval mode unless
``train_mode``; its own train/eval flags and its parameters' ``requires_grad`` are restored.
"""

from __future__ import annotations

import difflib
import weakref
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from ..errors import CnnvizError
from ..i18n import translator
from . import pixel_methods
from .forward_progress import expected_calls, forward_progress
from .attribution_common import Target, as_module, class_targets, convolutions, forward_logits, mode, split_key
from .layer_cams import CAM_METHODS, cams, layer_pass

tr = translator(__name__)

__all__ = ["Attribution", "LAYER_METHODS", "METHODS", "PIXEL_METHODS", "attribute", "default_layer"]

LAYER_METHODS = (*CAM_METHODS, "guided-gradcam")
PIXEL_METHODS = ("saliency", "guided-backprop", "integrated-gradients", "smoothgrad", "occlusion")
METHODS = LAYER_METHODS + PIXEL_METHODS
_ALIASES = {"grad-cam": "gradcam", "grad-cam++": "gradcam++", "gradcampp": "gradcam++", "layer-cam": "layercam",
            "guided-grad-cam": "guided-gradcam", "guided-backpropagation": "guided-backprop", "ig": "integrated-gradients",
            "smooth-grad": "smoothgrad"}


class Attribution(Mapping[str, Tensor]):
    """Maps by layer key (``input`` for pixel-space methods), with the method, classes and logits.

    ``targets`` holds the class each sample's map explains (``(N,)``), ``logits`` the model's output.
    """

    def __init__(self, maps: dict[str, Tensor], method: str, targets: Tensor, logits: Tensor) -> None:
        self._maps = maps
        self.method = method
        self.targets = targets
        self.logits = logits

    def __getitem__(self, key: str) -> Tensor:
        try:
            return self._maps[key]
        except KeyError:
            raise KeyError(tr("no map for '{key}'; the maps are: {maps}").format(
                key=key, maps=", ".join(self._maps))) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._maps)

    def __len__(self) -> int:
        return len(self._maps)

    def __repr__(self) -> str:
        return f"Attribution(method={self.method!r}, targets={self.targets.tolist()}, maps={list(self._maps)})"


def _method(name: str) -> str:
    key = str(name).strip().lower().replace("_", "-")
    key = _ALIASES.get(key, key)
    if key not in METHODS:
        raise CnnvizError(tr("unknown attribution method '{name}'; choose one of: {methods}").format(
            name=name, methods=", ".join(METHODS)))
    return key


def _no_convolution(method: str) -> CnnvizError:
    return CnnvizError(tr("{method} needs a convolutional layer (Grad-CAM needs one) and this model has none; "
                          "the pixel-space methods work: {methods}").format(
        method=method, methods=", ".join(PIXEL_METHODS)))


def _unknown_layer(name: str, module: nn.Module, convs: list[str]) -> CnnvizError:
    paths = [p for p, _ in module.named_modules() if p]
    close = difflib.get_close_matches(name, paths, n=3, cutoff=0.5)
    shown = ", ".join(convs[:12])
    if len(convs) > 12:
        shown = tr("{shown} ... and {n} more").format(shown=shown, n=len(convs) - 12)
    if close:
        return CnnvizError(tr("unknown layer '{name}'. Did you mean {close}? A layer is 'all' or a module path "
                              "(cnnviz summary lists them); the convolutions are: {shown}").format(
            name=name, close=", ".join(close), shown=shown))
    return CnnvizError(tr("unknown layer '{name}'. A layer is 'all' or a module path (cnnviz summary lists "
                          "them); the convolutions are: {shown}").format(name=name, shown=shown))


_DEFAULT: "weakref.WeakKeyDictionary[nn.Module, tuple[tuple[int, ...], bool, str]]" = weakref.WeakKeyDictionary()


def default_layer(model: Any, x: Tensor, *, train_mode: bool = False) -> str:
    """The layer Grad-CAM explains when none is named: the last module to finish that contains a
    convolution and gives a spatial map (ResNet's ``layer4``, GoogLeNet's ``inception5b``, VGG's
    ``features``). Found with one forward pass, remembered per model and input shape."""
    module = as_module(model)
    shape = tuple(x.shape[1:])
    cached = _DEFAULT.get(module)
    if cached is not None and cached[:2] == (shape, train_mode):
        return cached[2]
    holders: set[str] = set()
    for path in convolutions(module):
        parts = path.split(".")
        holders.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    if not holders:
        raise _no_convolution("gradcam")
    found: list[str] = []
    calls: dict[str, int] = {}

    def hook_for(path: str):
        def hook(m: nn.Module, args: Any, out: Any) -> None:
            n = calls[path] = calls.get(path, 0) + 1
            if isinstance(out, Tensor) and out.ndim >= 3 and out[0, 0].numel() > 1:
                found.append(path if n == 1 else f"{path}#{n}")
        return hook

    modules = dict(module.named_modules())
    handles = [modules[p].register_forward_hook(hook_for(p)) for p in holders]
    try:
        with mode(module, train_mode), torch.no_grad():
            forward_logits(module)(x)
    finally:
        for handle in handles:
            handle.remove()
    if not found:
        raise CnnvizError(tr("no convolutional layer of the model gives a spatial map for this input"))
    _DEFAULT[module] = (shape, train_mode, found[-1])
    return found[-1]


def _layer_keys(module: nn.Module, x: Tensor, layers: str | Sequence[str] | None, train_mode: bool,
                method: str) -> list[str]:
    convs = convolutions(module)
    if not convs:
        raise _no_convolution(method)
    if layers is None:
        return [default_layer(module, x, train_mode=train_mode)]
    if isinstance(layers, str):
        if layers == "all":
            return convs
        layers = [layers]
    if not layers:
        raise CnnvizError(tr("no layer given for {method}; give a module path or 'all'").format(method=method))
    modules = dict(module.named_modules())
    for key in layers:
        path = split_key(key)[0]
        if not path or path not in modules:
            raise _unknown_layer(key, module, convs)
    return list(dict.fromkeys(layers))


def _pixel_maps(module: nn.Module, x: Tensor, method: str, target: Target, train_mode: bool,
                options: dict[str, Any], progress: Any = None, cancel: Any = None) -> Attribution:
    shape, strides = pixel_methods.occlusion_window(x, options["window"], options["stride"])
    total = expected_calls(method, x, n_steps=options["n_steps"], internal_batch_size=options["internal_batch_size"],
                           nt_samples=options["nt_samples"], window=shape, stride=strides)
    with forward_progress(module, total, progress, cancel):
        return _pixel_pass(module, x, method, target, train_mode, options)


def _pixel_pass(module: nn.Module, x: Tensor, method: str, target: Target, train_mode: bool,
                options: dict[str, Any]) -> Attribution:
    with mode(module, train_mode), torch.no_grad():
        logits = forward_logits(module)(x)
    targets = class_targets(logits, target)
    if method == "saliency":
        out = pixel_methods.saliency(module, x, targets, train_mode)
    elif method == "guided-backprop":
        out = pixel_methods.guided_backprop(module, x, targets, train_mode)
    elif method == "integrated-gradients":
        out = pixel_methods.integrated_gradients(module, x, targets, train_mode, n_steps=options["n_steps"],
                                                 internal_batch_size=options["internal_batch_size"])
    elif method == "smoothgrad":
        stdevs = options["stdevs"]
        if stdevs is None:  # SmoothGrad's 15 % of the input's range
            stdevs = 0.15 * float(x.max() - x.min())
        out = pixel_methods.smoothgrad(module, x, targets, train_mode, nt_samples=options["nt_samples"],
                                       stdevs=stdevs, nt_samples_batch_size=options["internal_batch_size"])
    else:
        out = pixel_methods.occlusion(module, x, targets, train_mode, window=options["window"],
                                      stride=options["stride"])
    return Attribution({"input": out}, method, targets, logits.detach())


def attribute(model: Any, x: Tensor, *, method: str = "gradcam", layers: str | Sequence[str] | None = None,
              layer: str | None = None, target: Target = None, train_mode: bool = False, n_steps: int = 50,
              internal_batch_size: int | None = None, nt_samples: int = 25, stdevs: float | None = None,
              window: int | None = None, stride: int | None = None, progress: Any = None,
              cancel: Any = None) -> Attribution:
    """Attribution maps of ``model`` on ``x`` for one class per sample.

    Parameters
    ----------
    model
        An ``nn.Module`` or a :class:`~cnnviz.core.models.loader.LoadedModel`; ``x`` on its device.
    method
        One of :data:`METHODS`.
    layers, layer
        Layer methods only: a layer key (module path, ``path#2`` for a second call), a list of them, or
        ``"all"`` (every ``Conv2d``, from one pass); ``layer`` is one key. Default: :func:`default_layer`.
    target
        The class to explain: an int, one per sample, or None for each sample's top class.
    n_steps, internal_batch_size
        Integrated gradients' steps and how many go through the model at once (SmoothGrad's too).
    nt_samples, stdevs
        SmoothGrad's noisy samples and noise level (default: 0.15 times the input's range).
    window, stride
        Occlusion's square patch and step in pixels (default: an eighth of the shorter side, half that).
    progress, cancel
        Pixel methods: ``progress(done, total)`` as the model is called (``total`` an estimate of its calls;
        integrated gradients and SmoothGrad call it once per ``internal_batch_size`` inputs, occlusion once
        per 16 patches), ``cancel()`` returning True ends the method between two calls with
        :class:`~cnnviz.core.analysis.forward_progress.Cancelled`.

    Examples
    --------
    >>> maps = attribute(torchvision.models.resnet18(), x, method="gradcam", layers="all")  # doctest: +SKIP
    >>> maps["layer4.1.conv2"].shape, maps.targets  # doctest: +SKIP
    """
    module = as_module(model)
    method = _method(method)
    if torch.is_inference_mode_enabled():
        raise CnnvizError(tr("attribution needs gradients: call it outside torch.inference_mode()"))
    if x.is_inference():  # made under inference_mode: autograd cannot save it, a copy it can
        x = x.clone()
    if isinstance(module, torch.jit.ScriptModule) and method in (*LAYER_METHODS, "guided-backprop"):
        raise CnnvizError(tr("{method} needs to see the model's layers, and a TorchScript model runs its own "
                             "compiled code; these methods work on it: {methods}").format(
            method=method, methods=", ".join(p for p in PIXEL_METHODS if p != "guided-backprop")))
    if layer is not None:
        if layers is not None:
            raise CnnvizError(tr("give layer or layers, not both"))
        layers = layer
    if method in PIXEL_METHODS:
        if layers is not None:
            raise CnnvizError(tr("{method} works on the input's pixels and takes no layer; the layer methods are: "
                                 "{methods}").format(method=method, methods=", ".join(LAYER_METHODS)))
        options = {"n_steps": n_steps, "internal_batch_size": internal_batch_size, "nt_samples": nt_samples,
                   "stdevs": stdevs, "window": window, "stride": stride}
        return _pixel_maps(module, x, method, target, train_mode, options, progress, cancel)
    keys = _layer_keys(module, x, layers, train_mode, method)
    run = layer_pass(module, x, keys, target, train_mode=train_mode, optional=layers == "all")
    maps = cams(run, "gradcam" if method == "guided-gradcam" else method)
    if method == "guided-gradcam":
        guided = pixel_methods.guided_backprop(module, x, run.targets, train_mode)
        maps = {k: guided * F.interpolate(cam, tuple(x.shape[2:]), mode="nearest") for k, cam in maps.items()}
    return Attribution(maps, method, run.targets, run.logits)
