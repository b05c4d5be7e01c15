"""Activation maximisation: the input that excites one channel, one unit or one class logit the most.

:func:`maximise` optimises a :class:`~.image_param.FourierImage` with Adam, seen each step through random
shifts, scales and rotations (:func:`~.image_param.robustness_transform`), mapped to the model's pixel range
by a sigmoid and normalised with the model's own mean and std, as Lucid / Lucent do. The layer's output is
taken with ONE forward hook on its module, and the forward pass stops there (nothing after the layer runs);
the parameters are frozen and the model is in eval mode while it runs, every flag restored after.

:func:`layer_activation` is the same objective for any batch of inputs (how the result compares with a
dataset's images).

Example
-------
>>> result = maximise(load_model("mnist_inception"), "incep1", 5, steps=128)  # doctest: +SKIP
>>> result.image.shape, result.activation  # doctest: +SKIP
((28, 28), 4.2)
"""

from __future__ import annotations

import math
import operator
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
import torch
from torch import Tensor, nn

from ..capture.frozen import frozen_parameters
from ..capture.records import logits_of, unknown_key_message
from ..errors import CnnvizError
from ..i18n import translator
from ..inputs.describe import first_conv
from ..spec import InputSpec
from .attribution_common import mode, split_key
from .image_param import FourierImage, robustness_transform, to_uint8

tr = translator(__name__)

__all__ = ["MaximiseResult", "layer_activation", "maximise", "ON_STEP_EVERY", "MAX_STEPS", "MAX_SIZE"]

#: ``on_step`` is called every this many steps (and after the last one)
ON_STEP_EVERY = 8
MAX_STEPS = 100_000
MAX_SIZE = 2048


@dataclass(frozen=True)
class MaximiseResult:
    """What :func:`maximise` made.

    Attributes
    ----------
    image
        uint8 ``H x W`` (1 channel) or ``H x W x 3``: the input as the model sees it, before normalisation.
    input
        The normalised input tensor ``[1, C, H, W]`` (on the model's device), ready for the model.
    activation
        The objective on ``input`` itself (no random transform): the channel's mean, the unit, or the logit.
    trace
        The objective at each step, on that step's transformed input.
    steps_run
        Steps done (fewer than asked when cancelled).
    cancelled
        Whether ``cancel()`` stopped it early.
    layer, channel, unit
        What was maximised (``channel`` is the class for ``layer="output"``).
    """

    image: np.ndarray
    input: Tensor
    activation: float
    trace: list[float]
    steps_run: int
    cancelled: bool
    layer: str
    channel: int
    unit: tuple[int, int] | None = None


class _Stop(Exception):
    """Raised by the hook once the layer's output is taken: nothing after the layer needs to run."""


class _Objective:
    """The objective of ``key``: one forward hook on its module (its ``call``-th call), or the logits."""

    def __init__(self, module: nn.Module, key: str, channel: int, unit: tuple[int, int] | None) -> None:
        self.module, self.key, self.channel, self.unit = module, key, channel, unit
        self.path, self.call = split_key(key)
        modules = dict(module.named_modules())
        if key != "output" and self.path not in modules:
            raise CnnvizError(unknown_key_message(key, ["output", *(p for p in modules if p)]))
        self.target = None if key == "output" else modules[self.path]

    def __call__(self, x: Tensor) -> Tensor:
        """The objective for each input of the batch ``x``: ``[B]``."""
        if self.target is None:
            return self._reduce(logits_of(self.module(x)))
        taken: list[Tensor] = []
        calls = [0]

        def hook(m: nn.Module, args: Any, out: Any) -> None:
            calls[0] += 1
            if calls[0] == self.call:
                taken.append(self._reduce(out))
                raise _Stop

        handle = self.target.register_forward_hook(hook)
        try:
            self.module(x)
        except _Stop:
            return taken[0]
        finally:
            handle.remove()
        raise CnnvizError(tr("layer {key} did not run in the forward pass; choose a layer the model uses").format(
            key=self.key))

    def _reduce(self, out: Any) -> Tensor:
        if not isinstance(out, Tensor):
            raise CnnvizError(tr("layer {key} gives {type}, not a tensor; choose another layer").format(
                key=self.key, type=type(out).__name__))
        if out.ndim < 2 or out.shape[1] == 0:
            raise CnnvizError(tr("layer {key} has no channels (its output is {shape}); choose a layer with "
                                 "channels").format(
                key=self.key, shape=tuple(out.shape)))
        count = out.shape[1]
        if not 0 <= self.channel < count:
            text = (tr("class {channel} is out of range: layer {key} has classes 0-{last}") if self.key == "output"
                    else tr("channel {channel} is out of range: layer {key} has channels 0-{last}"))
            raise CnnvizError(text.format(channel=self.channel, key=self.key, last=count - 1))
        a = out[:, self.channel]
        if self.unit is None:
            return a.flatten(1).mean(1) if a.ndim > 1 else a
        if a.ndim != 3:
            raise CnnvizError(tr("layer {key} has no (y, x) positions (its output is {shape}); leave the "
                                 "unit out").format(
                key=self.key, shape=tuple(out.shape)))
        y, x = self.unit
        if not (0 <= y < a.shape[1] and 0 <= x < a.shape[2]):
            raise CnnvizError(tr("unit ({y}, {x}) is out of range: layer {key} is {h}x{w} (y 0-{last_y}, x "
                                 "0-{last_x})").format(
                y=y, x=x, key=self.key, h=a.shape[1], w=a.shape[2], last_y=a.shape[1] - 1, last_x=a.shape[2] - 1))
        return a[:, y, x]


def _whole(name: str, value: Any, low: int, high: int) -> int:
    try:
        if isinstance(value, bool):
            raise TypeError
        number = operator.index(value)
    except TypeError:
        raise CnnvizError(tr("{name} must be a whole number, not {value!r}").format(name=name, value=value)) from None
    if not low <= number <= high:
        raise CnnvizError(tr("{name} must be {low}-{high}, not {number}").format(
            name=name, low=low, high=high, number=number))
    return number


def _size(size: Any, spec: InputSpec) -> tuple[int, int]:
    if size is None:
        return int(spec.size[0]), int(spec.size[1])
    sizes = (size, size) if not isinstance(size, (tuple, list)) else tuple(size)
    if len(sizes) != 2:
        raise CnnvizError(tr("the size must be one number or (height, width), not {size!r}").format(size=size))
    return tuple(_whole(tr("the size"), s, 8, MAX_SIZE) for s in sizes)  # type: ignore[return-value]


def _spec_of(model: Any, module: nn.Module) -> InputSpec:
    info = getattr(model, "info", None)
    if isinstance(getattr(info, "input", None), InputSpec):
        return info.input
    conv = first_conv(module)
    channels = conv[1] if conv else 3
    return InputSpec(channels=channels, mean=(0.0,) * channels, std=(1.0,) * channels)


def _device(module: nn.Module, device: Any) -> torch.device:
    from ..device import resolve_device

    own = next((p.device for p in module.parameters()), None)
    if device is None:
        return own or torch.device("cpu")
    wanted = resolve_device(device)
    if own is not None and own != wanted and own.type != wanted.type:
        raise CnnvizError(tr("the model is on {own}, not {wanted}: load it there (or leave the device out)").format(
            own=own, wanted=wanted))
    return own or wanted


def layer_activation(model: Any, x: Tensor, layer: str, channel: int | None = None, *,
                     unit: tuple[int, int] | None = None, target_class: int | None = None) -> Tensor:
    """The objective :func:`maximise` raises, for each input of the batch ``x`` (no gradients).

    Parameters
    ----------
    model
        ``nn.Module`` or :class:`~cnnviz.core.models.loader.LoadedModel`.
    x
        Normalised inputs ``[B, C, H, W]`` on the model's device.
    layer, channel, unit, target_class
        As for :func:`maximise`.

    Returns
    -------
    torch.Tensor
        float ``[B]``: the channel's mean activation (or the unit's, or the class logit) per input.
    """
    module = getattr(model, "module", model)
    objective = _Objective(module, layer, _channel(layer, channel, target_class), _unit(unit))
    with mode(module, False), torch.no_grad():
        return objective(x)


def _channel(layer: str, channel: Any, target_class: Any) -> int:
    if layer == "output" and target_class is not None:
        return _whole(tr("the target class"), target_class, 0, 10**9)
    if target_class is not None:
        raise CnnvizError(tr("a target class is only for layer 'output'; give a channel for other layers"))
    if channel is None:
        raise CnnvizError(tr("give a channel of layer {layer}").format(layer=layer) if layer != "output"
                          else tr("give a target class"))
    return _whole(tr("the channel"), channel, 0, 10**9)


def _unit(unit: Any) -> tuple[int, int] | None:
    if unit is None:
        return None
    if not isinstance(unit, (tuple, list)) or len(unit) != 2:
        raise CnnvizError(tr("the unit must be (y, x), not {unit!r}").format(unit=unit))
    return _whole(tr("the unit's y"), unit[0], 0, 10**6), _whole(tr("the unit's x"), unit[1], 0, 10**6)


def maximise(model: Any, layer: str, channel: int | None = None, *, unit: tuple[int, int] | None = None,
             target_class: int | None = None, steps: int = 256, size: int | tuple[int, int] | None = None,
             lr: float = 0.05, seed: int = 0, progress: Callable[[int, int], None] | None = None,
             cancel: Callable[[], bool] | None = None,
             on_step: Callable[[int, np.ndarray, float], None] | None = None,
             device: Any = None, spec: InputSpec | None = None) -> MaximiseResult:
    """Optimise an input that excites ``channel`` of ``layer`` (its mean over positions) the most.

    Parameters
    ----------
    model
        ``nn.Module`` or :class:`~cnnviz.core.models.loader.LoadedModel` (whose input spec gives the channels,
        size, mean and std; a bare module: channels from its first convolution, pixels not normalised).
    layer
        A module path (``"incep1"``, ``"layer1.0.relu#2"`` for a module's second call) or ``"output"``.
    channel
        The channel (for ``"output"``: the class, unless ``target_class`` is given).
    unit
        ``(y, x)``: maximise that one position of the channel instead of its mean.
    target_class
        The class logit to maximise (``layer="output"`` only).
    steps
        Adam steps (1-100000).
    size
        ``(height, width)`` or one number (default: the model's input size).
    lr
        Adam's learning rate on the spectrum.
    seed
        Seeds the start and every random transform: the same seed gives the same image (on the CPU).
    progress
        ``progress(done, total)`` after each step.
    cancel
        Polled before each step; returning true stops and returns what was made so far.
    on_step
        ``on_step(step, image_uint8, activation)`` every :data:`ON_STEP_EVERY` steps and after the last.
    device
        Where to run (default: where the model is; it must be there already).
    spec
        The input contract, instead of the model's own.

    Returns
    -------
    MaximiseResult

    Raises
    ------
    CnnvizError
        Unknown layer (with close names), a layer with no channels, a channel or unit out of range, a size
        the model cannot take, bad steps, size or learning rate.
    """
    module = getattr(model, "module", model)
    if not isinstance(module, nn.Module) or isinstance(module, torch.jit.ScriptModule):
        raise CnnvizError(tr("maximisation needs a torch.nn.Module that takes forward hooks, not {type}").format(
            type=type(module).__name__))
    steps = _whole(tr("steps"), steps, 1, MAX_STEPS)
    if isinstance(lr, bool) or not isinstance(lr, (int, float)) or not math.isfinite(lr) or lr <= 0:
        raise CnnvizError(tr("the learning rate must be a positive number, not {lr!r}").format(lr=lr))
    seed = _whole(tr("the seed"), seed, 0, 2**63 - 1)
    spec = spec or _spec_of(model, module)
    objective = _Objective(module, layer, _channel(layer, channel, target_class), _unit(unit))
    where = _device(module, device)
    generator = torch.Generator().manual_seed(seed)
    image = FourierImage(spec.channels, _size(size, spec), generator, where)
    mean = torch.as_tensor(spec.mean, dtype=torch.float32, device=where).view(1, -1, 1, 1)
    std = torch.as_tensor(spec.std, dtype=torch.float32, device=where).view(1, -1, 1, 1)
    optimiser = torch.optim.Adam([image.spectrum], lr=float(lr))
    trace: list[float] = []
    cancelled = False
    with mode(module, False), frozen_parameters(module), torch.enable_grad():
        for step in range(1, steps + 1):
            if cancel is not None and cancel():
                cancelled = True
                break
            seen = robustness_transform(image.pixels(), generator, mean.flatten())
            value = _first_forward(objective, (seen - mean) / std, step, spec)[0]
            optimiser.zero_grad(set_to_none=True)
            (-value).backward()
            optimiser.step()
            trace.append(float(value.detach()))
            if progress is not None:
                progress(step, steps)
            if on_step is not None and (step % ON_STEP_EVERY == 0 or step == steps):
                with torch.no_grad():
                    on_step(step, to_uint8(image.pixels()), trace[-1])
        with torch.no_grad():
            pixels = image.pixels()
            x = (pixels - mean) / std
            final = float(objective(x)[0])
    return MaximiseResult(to_uint8(pixels), x.detach(), final, trace, len(trace), cancelled, layer,
                          objective.channel, objective.unit)


def _first_forward(objective: _Objective, x: Tensor, step: int, spec: InputSpec) -> Tensor:
    """The objective of ``x``; the model refusing the very first input (its size) is the user's one line."""
    if step > 1:
        return objective(x)
    try:
        return objective(x)
    except RuntimeError as exc:
        if isinstance(exc, torch.cuda.OutOfMemoryError):
            raise
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise CnnvizError(tr("the model cannot take a {channels}x{h}x{w} input: {first}").format(
            channels=spec.channels, h=x.shape[2], w=x.shape[3], first=first)) from exc
