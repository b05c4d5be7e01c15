"""The AlexNet lesson's core: steps to a target error, nets that differ only in one choice, pooling sizes,
errors and the augmentation preview, each checked against a direct computation."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from cnnviz.core.lessons import get_lesson
from cnnviz.core.lessons.alexnet_choices import (AUGMENTATIONS, COMPARISONS, LESSON, Choices, augmentation_rows,
                                                 choice_net, compare_steps, eval_errors, get_comparison,
                                                 lesson_split, pooling_facts, running_error, steps_to_target)
from cnnviz.core.analysis.summary import summarize
from cnnviz.core.models.course_nets import AlexNetSmall
from cnnviz.core.models.zoo import COURSE_MODELS
from cnnviz.core.spec import MNIST_INPUT, InputSpec
from cnnviz.core.training.loop import Progress
from cnnviz.core.training.side_by_side import side_by_side


def _records(errors: list[float]) -> list[Progress]:
    steps = [Progress("step", i + 1, 1, 1, len(errors), loss=1.0, accuracy=1.0 - e) for i, e in enumerate(errors)]
    return [*steps[:3], Progress("epoch", 3, 1, 1, len(errors), accuracy=0.0), *steps[3:]]


def _ema(errors: list[float], f: float) -> list[float]:
    out = [errors[0]]
    for e in errors[1:]:
        out.append(f * out[-1] + (1 - f) * e)
    return out


def test_running_error_is_the_moving_average_of_the_batch_errors() -> None:
    errors = [0.9, 0.7, 0.5, 0.4, 0.2, 0.1]
    got = running_error(_records(errors), smoothing=0.8)
    assert [s for s, _ in got] == [1, 2, 3, 4, 5, 6]
    assert [e for _, e in got] == pytest.approx(_ema(errors, 0.8))
    assert [e for _, e in running_error(_records(errors), smoothing=0)] == pytest.approx(errors)


def test_steps_to_target_is_the_first_step_below_it() -> None:
    errors = [0.9, 0.1, 0.9, 0.3, 0.2, 0.1, 0.05]
    records = _records(errors)
    ema = _ema(errors, 0.5)  # 0.9, 0.5, 0.7, 0.5, 0.35, 0.225, 0.1375
    assert ema == pytest.approx([0.9, 0.5, 0.7, 0.5, 0.35, 0.225, 0.1375])
    assert steps_to_target(records, 0.3, smoothing=0.5) == 6
    assert steps_to_target(records, 0.55, smoothing=0.5) == 2
    assert steps_to_target(records, 0.2, smoothing=0) == 2  # one lucky batch counts only without smoothing
    assert steps_to_target(records, 0.1, smoothing=0.5) is None
    assert steps_to_target(records[:1], 0.5) is None


def test_compare_steps_ratio() -> None:
    fast, slow = _records([0.9] + [0.1] * 5), _records([0.9] * 4 + [0.1] * 8)
    result = compare_steps([fast, slow], 0.5, smoothing=0.5)
    assert result.steps == (3, 6) and result.ratio == 2.0  # strictly below: 0.5 is not
    assert compare_steps([fast, _records([0.9] * 5)], 0.5, smoothing=0.5).ratio is None


@pytest.mark.parametrize("bad", [-0.1, 1.0, 2, True, "0.5"])
def test_bad_smoothing(bad) -> None:
    with pytest.raises(ValueError, match="smoothing"):
        running_error(_records([0.5]), smoothing=bad)


@pytest.mark.parametrize("bad", [0.0, 1.0, -0.1, 2, None])
def test_bad_target(bad) -> None:
    with pytest.raises(ValueError, match="target"):
        steps_to_target(_records([0.5]), bad)


def test_bad_choices_and_comparison() -> None:
    with pytest.raises(ValueError, match="activation"):
        choice_net(Choices(activation="sigmoid"))
    with pytest.raises(ValueError, match="pooling"):
        choice_net(Choices(pooling="average"))
    with pytest.raises(ValueError, match="multiples of 4"):
        choice_net(size=(30, 30))
    with pytest.raises(ValueError, match="unknown comparison"):
        get_comparison("batchnorm")
    with pytest.raises(ValueError, match="two runs"):
        compare_steps([_records([0.5])])


@pytest.mark.parametrize("key", list(COMPARISONS))
def test_the_nets_of_a_pair_differ_only_in_the_choice(key: str) -> None:
    comparison = get_comparison(key)
    a, b = comparison.nets(seed=3)
    params_a, params_b = dict(a.named_parameters()), dict(b.named_parameters())
    assert list(params_a) == list(params_b)
    for name, p in params_a.items():
        assert torch.equal(p, params_b[name]), name
    types_a = {n: type(m) for n, m in a.named_modules()}
    types_b = {n: type(m) for n, m in b.named_modules()}
    assert list(types_a) == list(types_b)
    differs = {n for n in types_a if types_a[n] is not types_b[n] or repr(a.get_submodule(n)) !=
               repr(b.get_submodule(n))} - {""}
    expected = {"activation": {"act1", "act2", "act3"}, "dropout": {"dropout"}, "pooling": {"pool1", "pool2"}}[key]
    assert differs == expected
    x = torch.randn(2, 1, 28, 28)
    assert a.eval()(x).shape == b.eval()(x).shape == (2, 10)
    other = choice_net(comparison.choices[0], seed=4)
    assert not torch.equal(next(other.parameters()), next(a.parameters()))


def test_the_initial_weights_do_not_depend_on_the_global_generator() -> None:
    state = torch.get_rng_state()
    torch.manual_seed(123)
    a = choice_net(seed=5)
    torch.manual_seed(456)
    b = choice_net(seed=5)
    torch.set_rng_state(state)
    for (name, p), q in zip(a.named_parameters(), b.parameters()):
        assert torch.equal(p, q), name
    # the same distribution as PyTorch's default: kaiming_uniform(a=sqrt(5)) = U(-1/sqrt(fan_in), 1/sqrt(fan_in))
    bound = 1 / (25 ** 0.5)
    assert a.conv1.weight.abs().max() <= bound and a.conv1.weight.abs().max() > 0.9 * bound


def test_dropout_masks_come_from_the_net_seed() -> None:
    x = torch.ones(4000, 64)
    outs = []
    for global_seed in (1, 2):
        torch.manual_seed(global_seed)
        net = choice_net(Choices(dropout=True), seed=7)
        assert isinstance(net.dropout, nn.Dropout)
        outs.append(net.dropout.train()(x))
    assert torch.equal(outs[0], outs[1])
    assert set(outs[0].unique().tolist()) == {0.0, 2.0}  # kept values scaled by 1 / (1 - p)
    assert abs(float((outs[0] == 0).float().mean()) - 0.5) < 0.01
    assert torch.equal(net.dropout.eval()(x), x)


def test_pooling_sizes_equal_a_direct_forward() -> None:
    for pooling, (k, s, p) in (("overlapping", (3, 2, 1)), ("non-overlapping", (2, 2, 0))):
        net = choice_net(Choices(pooling=pooling))
        facts = pooling_facts(net, (1, 28, 28))
        assert [f.name for f in facts] == ["pool1", "pool2"]
        x = torch.zeros(1, 16, 28, 28)
        for f in facts:
            assert (f.kernel, f.stride, f.padding) == (k, s, p)
            assert f.input_size == tuple(x.shape[-2:])
            x = F.max_pool2d(x, k, s, p)
            assert f.output_size == tuple(x.shape[-2:])
            assert f.overlap == k - s
            assert f.size_with_2x2 == tuple(F.max_pool2d(torch.zeros(1, 1, *f.input_size), 2, 2).shape[-2:])
    module = AlexNetSmall()
    alexnet = pooling_facts(module, summary=summarize(module, (3, 224, 224)))
    assert [(f.input_size, f.output_size, f.overlap, f.size_with_2x2) for f in alexnet] == [
        ((55, 55), (27, 27), 1, (27, 27)), ((27, 27), (13, 13), 1, (13, 13)), ((13, 13), (6, 6), 1, (6, 6))]
    with pytest.raises(ValueError, match="input shape"):
        pooling_facts(module)


@pytest.fixture(scope="module")
def small_split():
    return lesson_split("activation").subset(train=48, val=16)


def test_eval_errors_equal_a_direct_count_and_keep_modes(small_split) -> None:
    net = choice_net(Choices(dropout=True))
    net.train()
    net.fc1.eval()
    got = eval_errors(net, small_split, batch_size=10)
    assert net.training and not net.fc1.training and net.dropout.training
    with torch.no_grad():
        expected = []
        for part in (small_split.train, small_split.val):
            x, y = part.get_batch(torch.arange(len(part)))
            expected.append(float((net.eval()(x).argmax(1) != y).float().mean()))
    assert got == pytest.approx(tuple(expected))


def test_a_pair_trains_on_the_same_batches(small_split) -> None:
    comparison = get_comparison("activation")
    config = replace(comparison.config, epochs=1, batch_size=16)
    seen: list[list[float]] = [[], []]
    nets = comparison.nets()
    for i, net in enumerate(nets):
        net.conv1.register_forward_pre_hook(
            lambda m, args, i=i: seen[i].append(float(args[0].sum())) if m.training else None)
    records = [[], []]
    for i, record in side_by_side([(net, small_split, config) for net in nets]):
        records[i].append(record)
    assert seen[0] == seen[1] and len(seen[0]) == 3
    assert [r.kind for r in records[0]] == ["step"] * 3 + ["epoch", "done"]
    assert all(r.kind == "step" for r in records[1][:3])


def test_lesson_split_is_the_digits_cut_for_the_comparison() -> None:
    full, few = lesson_split("activation"), lesson_split("dropout")
    assert len(few.train) == COMPARISONS["dropout"].train_images < len(full.train)
    assert len(few.val) == len(full.val) and full.spec == MNIST_INPUT
    assert torch.equal(few.train.indices, full.train.indices[:len(few.train)])


def test_augmentation_rows() -> None:
    spec = InputSpec(channels=3, size=(16, 20), resize=None)
    x = torch.randn(1, 3, 16, 20)
    rows = augmentation_rows(x, spec, copies=5, seed=1)
    assert [r.kind for r in rows] == list(AUGMENTATIONS)
    flips = rows[0].batch
    for copy in flips:
        assert torch.equal(copy, x[0]) or torch.equal(copy, x[0].flip(-1))
    shift = rows[2].batch - x  # PCA lighting: one constant per image and channel
    assert torch.allclose(shift, shift.mean(dim=(2, 3), keepdim=True), atol=1e-5)
    assert all(r.image.shape == (16, 5 * 20 + 4 * 2, 3) and r.image.dtype == np.uint8 for r in rows)
    again = augmentation_rows(x[0], spec, copies=5, seed=1)
    assert all(np.array_equal(r.image, s.image) for r, s in zip(rows, again))
    grey = augmentation_rows(torch.randn(1, 1, 28, 28), MNIST_INPUT, copies=2)
    assert grey[0].image.shape == (28, 58)
    with pytest.raises(ValueError, match="one image"):
        augmentation_rows(torch.randn(2, 3, 8, 8), spec)
    with pytest.raises(ValueError, match="copies"):
        augmentation_rows(x, spec, copies=0)


def test_the_lesson() -> None:
    assert get_lesson("alexnet") is LESSON
    assert LESSON.model in COURSE_MODELS and LESSON.weights == "none"
    module = COURSE_MODELS[LESSON.model][0]()
    assert isinstance(module.get_submodule(LESSON.layer), nn.MaxPool2d)
