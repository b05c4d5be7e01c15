"""The residual lesson's core: the twins differ only in their shortcuts, the caller's random generator is left
alone, and the readings are what the records say (recent loss, last epoch, gradients of the same step)."""

from __future__ import annotations

import math

import pytest
import torch

from cnnviz.core.analysis.gradient_stats import GradientRecord
from cnnviz.core.lessons import get_lesson
from cnnviz.core.lessons import residual_depth as core
from cnnviz.core.models.course_nets import PlainBlock, ResidualBlock
from cnnviz.core.training.loop import Progress


def test_the_lesson_is_registered():
    lesson = get_lesson("residual")
    assert lesson is core.LESSON and lesson.model == core.RESIDUAL and lesson.weights == "none"
    assert lesson.docks[0] == "residual_dock"


def test_twins_share_their_weights_and_differ_in_shortcuts_only():
    torch.manual_seed(5)
    expected = torch.rand(2)
    torch.manual_seed(5)
    plain, residual = core.twins()
    assert torch.equal(torch.rand(2), expected)  # the caller's generator untouched
    a, b = plain.state_dict(), residual.state_dict()
    assert list(a) == list(b) and all(torch.equal(a[k], b[k]) for k in a)
    again, _ = core.twins()
    assert all(torch.equal(v, again.state_dict()[k]) for k, v in a.items())  # the same every time
    assert all(type(m) is PlainBlock for m in plain.stage1) and all(type(m) is ResidualBlock for m in residual.stage1)
    x = torch.randn(2, 1, 28, 28)
    assert not torch.allclose(plain(x), residual(x))


def test_config_and_data():
    config = core.lesson_config(epochs=2, device="cpu")
    assert (config.epochs, config.optimizer, config.lr, config.batch_size, config.device) == (2, "sgd", 0.01, 32, "cpu")
    assert core.lesson_config().epochs == 10
    split = core.lesson_data((20, 6))
    assert (len(split.train), len(split.val), split.size, split.name) == (20, 6, (28, 28), "digits")
    assert core.chance_loss() == pytest.approx(math.log(10)) and core.chance_loss(2) == pytest.approx(math.log(2))


def _step(step, loss, epoch=1):
    return Progress("step", step, epoch, 2, 60, loss=loss, accuracy=0.5)


def test_reading_is_read_from_the_records():
    records = [_step(i, float(i)) for i in range(1, 31)]
    records.insert(10, Progress("epoch", 10, 1, 2, 60, val_accuracy=0.25))
    grads = GradientRecord(30, 1, ("a", "b", "c"), (1e-8, 1e-3, 0.5))
    r = core.reading(records, grads)
    assert r.step == 30 and r.loss == pytest.approx(sum(range(11, 31)) / 20) and r.val_accuracy == 0.25
    assert (r.first_norm, r.last_norm, r.ended) == (1e-8, 0.5, "")
    empty = core.reading([], None)
    assert empty.step == 0 and math.isnan(empty.loss) and math.isnan(empty.first_norm)
    stopped = core.reading(records + [Progress("done", 30, 1, 2, 60, stopped=True)], None)
    assert stopped.ended == "stopped"
    failed = core.reading([Progress("error", 3, 1, 2, 60, message="the loss became nan")], None)
    assert failed.ended == "the loss became nan"


def test_matched_takes_the_newest_step_both_runs_have():
    plain = [GradientRecord(s, 1, ("a",), (1e-6,)) for s in (1, 10, 20)]
    residual = [GradientRecord(s, 1, ("a",), (1e-1,)) for s in (1, 10)]
    pair = core.matched(plain, residual)
    assert (pair[0].step, pair[1].step) == (10, 10)
    assert core.matched(plain, []) is None
    assert core.first_layer_ratio(*pair) == pytest.approx(1e5)
    assert core.first_layer_ratio(GradientRecord(1, 1, ("a",), (0.0,)), pair[1]) == math.inf
