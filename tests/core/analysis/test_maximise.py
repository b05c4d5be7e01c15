"""Activation maximisation: the maximised input excites its channel more than every digit of a dataset subset
(the issue's target, on mnist_inception's bundled trained weights), the same rise on a 3-channel model, flags
and hooks left as they were, cancel, the seed, and each bad argument one CnnvizError line."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
import torch
from torch import nn

from cnnviz.core.analysis.image_param import FourierImage, robustness_transform
from cnnviz.core.analysis.maximise import ON_STEP_EVERY, layer_activation, maximise
from cnnviz.core.errors import CnnvizError
from cnnviz.core.inputs.datasets import load_dataset
from cnnviz.core.models.loader import load_model

DIGITS = 500


@pytest.fixture(scope="module", autouse=True)
def _one_thread() -> Iterator[None]:
    """One torch thread: the small steps only gain contention from more on a shared machine."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture(scope="module")
def mnist():
    return load_model("mnist_inception")  # the bundled trained weights


@pytest.fixture(scope="module")
def digits(mnist) -> torch.Tensor:
    split = load_dataset("digits", spec=mnist.info.input)
    x, _ = split.train.get_batch(torch.arange(DIGITS))
    return x


@pytest.fixture(scope="module")
def resnet():
    return load_model("resnet18", "none")


@pytest.mark.parametrize(("layer", "channel"), [("incep1", 5), ("incep1", 40), ("conv2", 3)])
def test_the_maximised_input_beats_every_digit(mnist, digits, layer: str, channel: int) -> None:
    best_digit = float(layer_activation(mnist, digits, layer, channel).max())
    result = maximise(mnist, layer, channel, steps=128)
    assert result.activation > best_digit, (result.activation, best_digit)
    assert result.steps_run == 128 and not result.cancelled and len(result.trace) == 128
    # the reported activation is the objective of the returned input itself
    assert result.activation == pytest.approx(float(layer_activation(mnist, result.input, layer, channel)), rel=1e-5)


def test_a_unit_and_a_class_logit_beat_every_digit(mnist, digits) -> None:
    unit = maximise(mnist, "conv2", 3, unit=(4, 4), steps=96)
    assert unit.activation > float(layer_activation(mnist, digits, "conv2", 3, unit=(4, 4)).max())
    logit = maximise(mnist, "output", target_class=7, steps=96)
    assert logit.activation > float(layer_activation(mnist, digits, "output", target_class=7).max())
    assert logit.channel == 7


def test_a_one_channel_image_as_the_model_sees_it(mnist) -> None:
    result = maximise(mnist, "incep1", 1, steps=8)
    assert result.image.dtype == np.uint8 and result.image.shape == (28, 28)
    assert result.input.shape == (1, 1, 28, 28)
    spec = mnist.info.input  # the input is the image normalised with the model's own mean and std
    expected = (torch.from_numpy(result.image).float() / 255 - spec.mean[0]) / spec.std[0]
    assert torch.allclose(result.input[0, 0], expected, atol=0.5 / 255 / spec.std[0] + 1e-6)


def test_a_three_channel_model_rises_over_the_trace(resnet) -> None:
    result = maximise(resnet, "layer2", 3, steps=24, size=64)
    assert result.image.shape == (64, 64, 3) and result.input.shape == (1, 3, 64, 64)
    assert np.mean(result.trace[-5:]) > np.mean(result.trace[:5])
    assert result.activation > result.trace[0]


def test_colour_is_decorrelated_only_for_three_channels() -> None:
    g = torch.Generator().manual_seed(0)
    grey = FourierImage(1, (16, 16), g, torch.device("cpu"))
    assert grey.pixels().shape == (1, 1, 16, 16)
    rgb = FourierImage(3, (16, 16), g, torch.device("cpu"))
    with torch.no_grad():  # one decorrelated channel drives all three colours
        rgb.spectrum.zero_()
        rgb.spectrum[0, 0, 0, 0, 0] = 1.0
    pixels = rgb.pixels()[0, :, 0, 0]
    assert (pixels > 0.5).all()


def test_the_transform_keeps_the_size_and_fills_with_the_mean() -> None:
    g = torch.Generator().manual_seed(3)
    x = torch.full((1, 1, 28, 28), 0.9, requires_grad=True)
    fill = torch.tensor([0.1])
    seen = [robustness_transform(x, g, fill) for _ in range(20)]
    assert all(s.shape == x.shape for s in seen)
    assert all(((s > 0.1 - 1e-5) & (s < 0.9 + 1e-5)).all() for s in seen)
    assert any((s < 0.89).any() for s in seen)  # some draws uncover a border
    seen[0].sum().backward()
    assert x.grad is not None


def test_flags_grads_and_hooks_are_restored(mnist) -> None:
    module = mnist.module
    module.train()
    module.incep1.eval()
    module.conv1.weight.requires_grad_(False)
    try:
        modes = {n: m.training for n, m in module.named_modules()}
        grads = {n: p.requires_grad for n, p in module.named_parameters()}
        maximise(mnist, "incep1", 2, steps=3)
        assert {n: m.training for n, m in module.named_modules()} == modes
        assert {n: p.requires_grad for n, p in module.named_parameters()} == grads
        assert all(p.grad is None for p in module.parameters())
        assert not any(m._forward_hooks for m in module.modules())
    finally:
        module.eval()
        module.conv1.weight.requires_grad_(True)


def test_eval_mode_during_the_optimisation(mnist) -> None:
    seen: list[bool] = []
    handle = mnist.module.incep1.register_forward_pre_hook(lambda m, a: seen.append(m.training))
    mnist.module.train()
    try:
        maximise(mnist, "incep1", 2, steps=2)
    finally:
        handle.remove()
        mnist.module.eval()
    assert seen and not any(seen)


def test_cancel_stops_early_and_keeps_what_was_made(mnist) -> None:
    polls = []
    result = maximise(mnist, "incep1", 2, steps=50, cancel=lambda: polls.append(1) or len(polls) >= 5)
    assert result.cancelled and result.steps_run == 4 and len(result.trace) == 4
    assert result.image.shape == (28, 28)


def test_progress_and_on_step(mnist) -> None:
    done, shown = [], []
    maximise(mnist, "incep1", 2, steps=20, progress=lambda d, t: done.append((d, t)),
             on_step=lambda s, image, a: shown.append((s, image.shape, image.dtype, a)))
    assert done[0] == (1, 20) and done[-1] == (20, 20) and len(done) == 20
    assert [s for s, *_ in shown] == [ON_STEP_EVERY, 2 * ON_STEP_EVERY, 20]
    assert all(shape == (28, 28) and dtype == np.uint8 and isinstance(a, float) for _, shape, dtype, a in shown)


def test_the_seed_gives_the_same_image(mnist) -> None:
    a = maximise(mnist, "conv2", 1, steps=10, seed=4)
    b = maximise(mnist, "conv2", 1, steps=10, seed=4)
    c = maximise(mnist, "conv2", 1, steps=10, seed=5)
    assert np.array_equal(a.image, b.image) and a.trace == b.trace and torch.equal(a.input, b.input)
    assert not np.array_equal(a.image, c.image)


class _Scalar(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.sum()


class _NoChannels(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3)
        self.total = _Scalar()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.conv(x)
        self.total(y)
        return y.flatten(1)


@pytest.mark.parametrize(("layer", "kwargs", "needle"), [
    ("incep", {"channel": 1}, "unknown layer 'incep'. Did you mean"),
    ("incep1", {"channel": 88}, "channel 88 is out of range: layer incep1 has channels 0-87"),
    ("incep1", {"channel": -1}, "the channel must be 0-"),
    ("incep1", {"channel": None}, "give a channel of layer incep1"),
    ("incep1", {"channel": 1, "steps": 0}, "steps must be 1-100000, not 0"),
    ("incep1", {"channel": 1, "steps": 2.5}, "steps must be a whole number"),
    ("incep1", {"channel": 1, "lr": float("nan")}, "learning rate must be a positive number"),
    ("incep1", {"channel": 1, "size": 10**6}, "the size must be 8-2048"),
    ("incep1", {"channel": 1, "size": (28, 28, 3)}, "the size must be one number or (height, width)"),
    ("incep1", {"channel": 1, "unit": (12, 0)}, "unit (12, 0) is out of range: layer incep1 is 12x12"),
    ("flatten", {"channel": 1, "unit": (0, 0)}, "layer flatten has no (y, x) positions"),
    ("incep1", {"channel": 1, "target_class": 3}, "a target class is only for layer 'output'"),
    ("output", {"target_class": 10}, "class 10 is out of range: layer output has classes 0-9"),
    ("conv2", {"channel": 1, "size": 8}, "the model cannot take a 1x8x8 input"),
])
def test_bad_arguments_are_one_line(mnist, layer: str, kwargs: dict, needle: str) -> None:
    with pytest.raises(CnnvizError) as info:
        maximise(mnist, layer, **{"steps": 2, **kwargs})
    assert needle in str(info.value) and "\n" not in str(info.value)


def test_a_layer_with_no_channels_is_one_line() -> None:
    with pytest.raises(CnnvizError, match=r"layer total has no channels \(its output is \(\)\)"):
        maximise(_NoChannels(), "total", 0, steps=2, size=16)
