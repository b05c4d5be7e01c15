"""Side-by-side training: the runs' records come interleaved, a shared control pauses and stops them all, a run
that fails drops out while the others go on, and each run gives exactly what it gives trained alone."""

from __future__ import annotations

import copy
import threading

import pytest
import torch
from torch import nn

from cnnviz.core.errors import CnnvizError
from cnnviz.core.inputs.datasets import load_dataset
from cnnviz.core.models.zoo import build_model, model_info
from cnnviz.core.training.loop import TrainConfig, TrainControl, train
from cnnviz.core.training.side_by_side import side_by_side


@pytest.fixture(autouse=True)
def _one_thread():
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="module")
def digits():
    return load_dataset("digits", spec=model_info("mnist_residual").input).subset(64, 16)


def _cfg(**kw) -> TrainConfig:
    return TrainConfig(**{"epochs": 1, "batch_size": 16, "device": "cpu", "optimizer": "sgd", "lr": 0.05, **kw})


def _dropout_net() -> nn.Module:
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 32), nn.ReLU(), nn.Dropout(0.5), nn.Linear(32, 10))


class Breaks(nn.Module):
    """A small net whose training-mode forward goes wrong at call ``at``: NaN logits or an exception."""

    def __init__(self, at: int, exc: Exception | None = None) -> None:
        super().__init__()
        self.fc = nn.Linear(784, 10)
        self.at, self.exc, self.calls = at, exc, 0

    def forward(self, x):
        out = self.fc(x.flatten(1))
        if self.training:
            self.calls += 1
            if self.calls >= self.at:
                if self.exc is not None:
                    raise self.exc
                return out * float("nan")
        return out


def test_records_of_both_runs_come_interleaved(digits):
    a, b = build_model("mnist_residual"), build_model("mnist_residual")
    out = list(side_by_side([(a, digits, _cfg()), (b, digits, _cfg(epochs=2))]))
    steps = [(i, r.step) for i, r in out if r.kind == "step"]
    assert steps[:8] == [(0, 1), (1, 1), (0, 2), (1, 2), (0, 3), (1, 3), (0, 4), (1, 4)]
    assert [s for i, s in steps if i == 1] == list(range(1, 9))  # the longer run goes on alone
    ends = {i: r for i, r in out if r.kind == "done"}
    assert ends[0].step == 4 and ends[1].step == 8 and not ends[0].stopped
    assert [r.epoch for i, r in out if i == 1 and r.kind == "epoch"] == [1, 2]


def test_each_run_equals_the_run_trained_alone(digits):
    torch.manual_seed(3)
    nets = [_dropout_net(), build_model("mnist_residual")]
    alone = [copy.deepcopy(n) for n in nets]
    configs = [_cfg(epochs=2, seed=1), _cfg(seed=2)]
    expected = []
    for net, config in zip(alone, configs):
        torch.manual_seed(7)
        expected.append([r.loss for r in train(net, digits, config) if r.kind == "step"])
    torch.manual_seed(7)
    got = [[], []]
    for i, r in side_by_side([(n, digits, c) for n, c in zip(nets, configs)]):
        if r.kind == "step":
            got[i].append(r.loss)
    assert got == expected  # dropout masks drawn from each run's own generator: bit for bit
    for net, ref in zip(nets, alone):
        for (k, v), w in zip(net.state_dict().items(), ref.state_dict().values()):
            assert torch.equal(v, w), k


def test_the_callers_random_generator_is_left_as_it_was(digits):
    net = _dropout_net()
    torch.manual_seed(11)
    expected = torch.rand(3)
    torch.manual_seed(11)
    list(side_by_side([(net, digits, _cfg())]))
    assert torch.equal(torch.rand(3), expected)


def test_gradient_records_name_their_run(digits):
    seen = []
    nets = [build_model("mnist_residual"), _dropout_net()]
    list(side_by_side([(n, digits, _cfg()) for n in nets], gradients=lambda i, g: seen.append((i, g.step, g.layers)),
                      gradients_every=2))
    assert [(i, s) for i, s, _ in seen] == [(0, 1), (1, 1), (0, 2), (1, 2), (0, 4), (1, 4)]
    assert seen[0][2][0] == "conv1" and seen[1][2] == ("1", "4")


def test_stop_ends_every_run_and_modes_are_restored(digits):
    control = TrainControl()
    nets = [build_model("mnist_residual").eval(), build_model("mnist_residual")]
    out = []
    for i, r in side_by_side([(n, digits, _cfg()) for n in nets], control=control):
        out.append((i, r))
        if r.step == 2 and i == 1:
            control.stop()
    assert [(i, r.kind, r.step, r.stopped) for i, r in out[-2:]] == [(0, "done", 2, True), (1, "done", 2, True)]
    assert not any(m.training for m in nets[0].modules()) and all(m.training for m in nets[1].modules())


class _SaysWhenHeld(TrainControl):
    def __init__(self) -> None:
        super().__init__()
        self.held = threading.Event()

    def wait(self) -> bool:
        if self.paused:
            self.held.set()
        return super().wait()


def test_pause_holds_every_run_until_resumed(digits):
    control = _SaysWhenHeld()
    control.pause()
    out = []
    records = side_by_side([(build_model("mnist_residual"), digits, _cfg()) for _ in range(2)], control=control)
    thread = threading.Thread(target=lambda: out.extend(records))
    thread.start()
    assert control.held.wait(30)
    assert out == []  # nothing ran while paused
    control.resume()
    thread.join(60)
    assert not thread.is_alive()
    assert sum(r.kind == "step" for _, r in out) == 8


def test_a_run_that_diverges_or_fails_drops_out_while_the_others_go_on(digits):
    runs = [(Breaks(at=2), digits, _cfg()), (build_model("mnist_residual"), digits, _cfg()),
            (Breaks(at=3, exc=CnnvizError("out of patience")), digits, _cfg())]
    out = list(side_by_side(runs))
    by_run = {k: [r for i, r in out if i == k] for k in range(3)}
    assert [r.kind for r in by_run[0]] == ["step", "error"] and "loss became nan" in by_run[0][-1].message
    assert [r.kind for r in by_run[2]] == ["step", "step", "error"]
    assert by_run[2][-1].message == "out of patience" and by_run[2][-1].step == 2
    assert [r.kind for r in by_run[1]][-1] == "done" and sum(r.kind == "step" for r in by_run[1]) == 4


def test_a_bug_inside_a_run_propagates(digits):
    runs = [(Breaks(at=2, exc=ZeroDivisionError("bug")), digits, _cfg()), (_dropout_net(), digits, _cfg())]
    with pytest.raises(ZeroDivisionError):
        list(side_by_side(runs))


def test_bad_settings_are_refused_at_once(digits):
    with pytest.raises(CnnvizError, match="at least one run"):
        side_by_side([])
    with pytest.raises(CnnvizError, match="batch size"):
        side_by_side([(_dropout_net(), digits, _cfg()), (_dropout_net(), digits, _cfg(batch_size=0))])
    with pytest.raises(CnnvizError, match="outputs"):
        side_by_side([(nn.Sequential(nn.Flatten(), nn.Linear(784, 3)), digits, _cfg())])
