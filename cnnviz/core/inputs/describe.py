"""What input a model takes, when the model does not say: a guess from its first convolution, the user's
``--input-size C H W`` / ``--mean`` / ``--std`` / ``--classes FILE``, and one forward pass to check it.

Built-in networks describe their input (:class:`~cnnviz.core.spec.ModelInfo`); the user's own code, a
TorchScript archive or a ``.pt2`` program may not (``ModelInfo.described`` is False). For those,
:func:`describe_model` guesses: the channels come from the first convolution, a 1-channel model gets
28x28 grey input normalised like MNIST (the course's dataset), a 3-channel one ImageNet's 224x224; the
first of a few usual sizes that the model's forward accepts is taken, and a note says what was guessed.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from numbers import Real
from pathlib import Path

import torch
from torch import nn

from ..errors import CnnvizError, one_line, reason
from ..i18n import marker, translator
from ..paths import file_problem, shown_path
from ..spec import IMAGENET_MEAN, IMAGENET_STD, MNIST_INPUT, InputSpec, ModelInfo

__all__ = ["MAX_SIDE", "InputRequest", "describe_model", "first_conv", "input_request", "read_class_names",
           "requested_spec"]

#: The largest height or width --input-size takes.
tr = translator(__name__)
N_ = marker(__name__)

MAX_SIDE = 4096
_MAX_CLASSES_BYTES = 8 * 1024 * 1024
_MAX_CLASS_NAME = 120
_MAX_OUTPUTS_NAMED = 100_000

_CIFAR = InputSpec(3, (32, 32), None, (0.4914, 0.4822, 0.4465), (0.2470, 0.2435, 0.2616))
#: Usual inputs, most likely first, by channel count (each one forward pass to try).
_GUESSES = {
    1: (MNIST_INPUT, *(replace(MNIST_INPUT, size=(side, side)) for side in (32, 64, 224))),
    3: (InputSpec(), _CIFAR, InputSpec(size=(299, 299), resize=342), replace(_CIFAR, size=(64, 64))),
}
_GUESS_WORDS = {id(MNIST_INPUT): N_("grey, MNIST normalisation"),
                id(_GUESSES[3][0]): N_("RGB, ImageNet normalisation"), id(_CIFAR): N_("RGB, CIFAR normalisation")}


@dataclass(frozen=True)
class InputRequest:
    """What the user said about the input (``None``: not said)."""

    input_size: tuple[int, int, int] | None = None
    mean: tuple[float, ...] | None = None
    std: tuple[float, ...] | None = None
    class_names: tuple[str, ...] | None = None

    def is_empty(self) -> bool:
        return self.input_size is None and self.mean is None and self.std is None and self.class_names is None


def input_request(input_size=None, mean=None, std=None, class_names=None) -> InputRequest:
    """An :class:`InputRequest` from what a caller passed (``load_model``'s or ``cnnviz.show``'s keywords):
    ``(C, H, W)``, one number or one per channel, a list of names. The values are checked later, by
    :func:`requested_spec`; what is not a sequence of numbers, and a single string of class names, is one line.

    Raises
    ------
    CnnvizError
        A value of the wrong kind, no class names, an input size that is not three numbers.
    """
    def numbers(values, flag: str):
        if values is None:
            return None
        if isinstance(values, Real):  # one number for every channel (numpy's scalars too)
            return (values,)
        try:
            return tuple(values)
        except TypeError:
            raise CnnvizError(f"{flag} takes numbers, not a {type(values).__name__}") from None

    if isinstance(class_names, (str, bytes, os.PathLike)):
        raise CnnvizError("the class names must be a list of names, not one string (read a file's with "
                          "cnnviz.core.inputs.describe.read_class_names)")
    names = None if class_names is None else tuple(str(n) for n in class_names)
    if names is not None and not names:
        raise CnnvizError("the class names are empty")
    size = numbers(input_size, "--input-size")
    if size is not None and len(size) != 3:
        raise CnnvizError(tr("--input-size takes three numbers C H W, not {count}").format(count=len(size)))
    return InputRequest(size, numbers(mean, "--mean"), numbers(std, "--std"), names)  # type: ignore[arg-type]


def first_conv(module: nn.Module) -> tuple[str, int] | None:
    """The first 2-D convolution in module order: its path and the channels it takes (None if there is none).

    A TorchScript model's convolutions are found by their scripted class name.
    """
    for name, child in module.named_modules():
        if isinstance(child, nn.modules.lazy.LazyModuleMixin):
            continue
        if isinstance(child, (nn.Conv2d, nn.ConvTranspose2d)):
            return name, int(child.in_channels)
        if isinstance(child, torch.jit.ScriptModule) and getattr(child, "original_name", "") == "Conv2d":
            weight = getattr(child, "weight", None)
            if isinstance(weight, torch.Tensor) and weight.dim() == 4:
                return name, int(weight.shape[1]) * int(getattr(child, "groups", 1))
    return None


def requested_spec(base: InputSpec, request: InputRequest) -> InputSpec:
    """``base`` with the user's size, mean and std; each value checked (one line per mistake)."""
    spec = base
    if request.input_size is not None:
        c, h, w = _checked_size(request.input_size)
        resize = None if base.resize is None else max(h, w) * base.resize // max(base.size)
        mean, std = spec.mean, spec.std
        if c != base.channels:  # ImageNet's / MNIST's numbers for the other channel count
            mean, std = (IMAGENET_MEAN, IMAGENET_STD) if c == 3 else (MNIST_INPUT.mean, MNIST_INPUT.std)
        spec = replace(spec, channels=c, size=(h, w), resize=resize, mean=mean, std=std,
                       invert=spec.invert and c == 1)
    if request.mean is not None:
        spec = replace(spec, mean=_checked_numbers("--mean", request.mean, spec.channels, positive=False))
    if request.std is not None:
        spec = replace(spec, std=_checked_numbers("--std", request.std, spec.channels, positive=True))
    if len(spec.mean) != spec.channels or len(spec.std) != spec.channels:
        spec = replace(spec, mean=_broadcast("--mean", spec.mean, spec.channels),
                       std=_broadcast("--std", spec.std, spec.channels))
    return spec


def _checked_size(size: Sequence[int]) -> tuple[int, int, int]:
    try:
        c, h, w = (int(v) for v in size)
    except (TypeError, ValueError):
        raise CnnvizError(tr("--input-size takes three whole numbers C H W, not {value}").format(
            value=one_line(repr(size), 60))) from None
    if c not in (1, 3):
        raise CnnvizError(tr("--input-size: {channels} channels; cnnviz feeds grey (1) or RGB (3) images").format(
            channels=c))
    if not (1 <= h <= MAX_SIDE and 1 <= w <= MAX_SIDE):
        raise CnnvizError(tr("--input-size: {h}x{w} is outside 1..{most} pixels a side").format(h=h, w=w,
                                                                                                 most=MAX_SIDE))
    return c, h, w


def _checked_numbers(flag: str, values: Sequence[float], channels: int, *, positive: bool) -> tuple[float, ...]:
    try:
        numbers = tuple(float(v) for v in values)
    except (TypeError, ValueError):
        raise CnnvizError(f"{flag} takes numbers, not {one_line(repr(values), 60)}") from None
    if len(numbers) not in (1, channels):
        takes = "1 value" if channels == 1 else f"1 or {channels} values"
        raise CnnvizError(f"{flag} takes {takes} for a {channels}-channel input, not {len(numbers)}")
    if not all(math.isfinite(v) for v in numbers) or (positive and not all(v > 0 for v in numbers)):
        raise CnnvizError(f"{flag} values must be finite{' and above 0' if positive else ''}, not "
                          f"{' '.join(f'{v:g}' for v in numbers)}")
    return numbers * channels if len(numbers) == 1 else numbers


def _broadcast(flag: str, values: tuple[float, ...], channels: int) -> tuple[float, ...]:
    if len(values) == 1:
        return values * channels
    if len(values) != channels:
        raise CnnvizError(f"{flag} has {len(values)} values but the input has {channels} channels")
    return values


def read_class_names(path: str | os.PathLike[str]) -> tuple[str, ...]:
    """One class name a line (blank lines at the end ignored, names clipped to 120 characters).

    Raises
    ------
    CnnvizError
        A missing, empty, binary, non-UTF-8 or oversized (> 8 MiB) file.
    """
    path = Path(path)
    shown = shown_path(path)
    problem = file_problem(path)
    if problem is not None:
        raise CnnvizError(f"classes file {shown} {problem[1]}")
    try:
        if path.stat().st_size > _MAX_CLASSES_BYTES:
            raise CnnvizError(f"classes file {shown} is over 8 MiB: it should hold one class name a line")
        data = path.read_bytes()
    except OSError as exc:
        raise CnnvizError(f"cannot read classes file {shown} ({reason(exc)})") from None
    if b"\0" in data:
        raise CnnvizError(f"classes file {shown} is not text: it should hold one class name a line")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CnnvizError(f"classes file {shown} is not UTF-8 text") from None
    names = [line.strip() for line in text.splitlines()]
    while names and not names[-1]:
        names.pop()
    if not names:
        raise CnnvizError(f"classes file {shown} is empty: it should hold one class name a line")
    return tuple(one_line(name, _MAX_CLASS_NAME) or f"class {i}" for i, name in enumerate(names))


def describe_model(module: nn.Module, info: ModelInfo, request: InputRequest,
                   device: torch.device | None = None) -> tuple[ModelInfo, list[str]]:
    """``info`` with the input the model takes and its class names; the notes to show.

    A described model (a built-in) keeps its input unless the user gives one, and is not run. A model
    that does not describe its input gets the user's description or a guess, checked by one forward
    pass of zeros (no gradients; its train/eval mode is restored).

    Raises
    ------
    CnnvizError
        Bad values, a forward that fails on the described input, or class names that do not match
        the number of outputs.
    """
    notes: list[str] = []
    if info.described and request.is_empty():
        return info, notes
    if request.input_size is not None or info.described:
        base = info.input if info.described else _usual_input(request.input_size)
        spec = requested_spec(base, request)
        outputs = _forward_outputs(module, spec, device, info.name)
    else:
        spec, outputs, note = _guess(module, request, device, info.name)
        notes.append(note)
    names = request.class_names
    if names is not None and outputs is not None and len(names) != outputs:
        raise CnnvizError(tr("--classes names {count} classes but {model} has {outputs} outputs").format(
            count=len(names), model=info.name, outputs=outputs))
    if names is None and not info.class_names and outputs is not None and outputs <= _MAX_OUTPUTS_NAMED:
        names = tuple(f"class {i}" for i in range(outputs))
    info = replace(info, input=spec, described=info.described or request.input_size is not None)
    if names is not None:
        info = replace(info, class_names=names)
    return info, notes


def _usual_input(size: Sequence[int]) -> InputSpec:
    """The preprocessing a model that does not describe its input gets for the size the user gave: MNIST's
    (grey, inverted, straight resize) for 1 channel; for RGB, CIFAR's for small inputs (up to 64 pixels,
    straight resize), ImageNet's (shorter side resized, centre crop) for larger ones."""
    channels, *side = _checked_size(size)
    if channels == 1:
        return MNIST_INPUT
    return _CIFAR if max(side) <= 64 else InputSpec()


def _guess(module: nn.Module, request: InputRequest, device, name: str) -> tuple[InputSpec, int | None, str]:
    conv = first_conv(module)
    channels = conv[1] if conv is not None else 3
    if channels not in (1, 3):
        raise CnnvizError(tr("{name}'s first convolution {conv} takes {channels} channels; cnnviz feeds grey (1) or "
                             "RGB (3) images").format(name=name, conv=conv[0], channels=channels))
    first_error: CnnvizError | None = None
    for guess in _GUESSES[channels]:
        spec = requested_spec(guess, request)
        try:
            outputs = _forward_outputs(module, spec, device, name)
        except CnnvizError as exc:
            first_error = first_error or exc
            continue
        if conv is None:
            origin = tr("no convolution found")
        elif channels > 1:
            origin = tr("the first convolution {conv} takes {channels} channels").format(
                conv=conv[0] or tr("of the model"), channels=channels)
        else:
            origin = tr("the first convolution {conv} takes {channels} channel").format(
                conv=conv[0] or tr("of the model"), channels=channels)
        words = tr(_GUESS_WORDS.get(id(guess), N_("RGB") if channels == 3 else N_("grey")))
        return spec, outputs, tr("input guessed: {shape} {words} ({origin}); give --input-size C H W, --mean and "
                                 "--std to change it").format(shape=f"{channels}x{spec.size[0]}x{spec.size[1]}",
                                                              words=words, origin=origin)
    assert first_error is not None
    tried = ", ".join("x".join(map(str, (channels, *g.size))) for g in _GUESSES[channels])
    raise CnnvizError(tr("{error} (tried {tried})").format(error=first_error, tried=tried)) from None


def _why(exc: BaseException) -> str:
    """The reason of a failed forward; a TorchScript error's is its last line (the first ones are its traceback)."""
    text = str(exc)
    if "TorchScript" in text.split("\n", 1)[0]:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        return one_line(lines[-1], 160) if lines else type(exc).__name__
    return one_line(reason(exc, 160), 160)


def _forward_outputs(module: nn.Module, spec: InputSpec, device, name: str) -> int | None:
    """Run the model once on zeros shaped like ``spec``; its output count (None when not [1, K])."""
    # each layer's own flag, restored after (a frozen batch norm in a training network stays frozen)
    modes = [] if isinstance(module, torch.jit.ScriptModule) else [(m, m.training) for m in module.modules()]
    if modes:
        module.eval()
    if device is None:
        device = next((p.device for p in module.parameters()), torch.device("cpu"))
    x = torch.zeros(1, spec.channels, *spec.size, device=device)
    try:
        with torch.no_grad():
            out = module(x)
    except torch.cuda.OutOfMemoryError:
        raise
    except Exception as exc:  # the user's forward may raise anything
        shape = "x".join(map(str, x.shape))
        raise CnnvizError(tr("{name}'s forward fails on a {shape} input ({reason}); give the input it takes with "
                             "--input-size C H W").format(name=name, shape=shape, reason=_why(exc))) from None
    finally:
        for m, training in modes:
            m.training = training
    out = getattr(out, "logits", out)
    if isinstance(out, (tuple, list)) and out:
        out = out[0]
    if isinstance(out, torch.Tensor) and out.dim() == 2 and out.shape[0] == 1:
        return int(out.shape[1])
    return None
