"""The training loop's per-layer gradient-norm records: off unless asked for, at step 1 and every N steps,
equal to the norms of the ``.grad`` the step's backward left, in forward order, plain floats."""

from __future__ import annotations

import math

import pytest
import torch
from torch import nn

from cnnviz.core.errors import CnnvizError
from cnnviz.core.inputs.datasets import load_dataset
from cnnviz.core.spec import InputSpec
from cnnviz.core.training.loop import GradientRecord, TrainConfig, Trainer, train

SMALL = InputSpec(1, (12, 12), None, (0.5,), (0.5,))


class Backwards(nn.Module):
    """Registered head first, called last; a frozen layer in the middle."""

    def __init__(self) -> None:
        super().__init__()
        self.fc = nn.Linear(36, 10)
        self.mid = nn.Conv2d(4, 4, 1)
        self.conv = nn.Conv2d(1, 4, 3, padding=1)
        self.mid.requires_grad_(False)

    def forward(self, x):
        x = self.mid(torch.relu(self.conv(x)))
        return self.fc(nn.functional.adaptive_avg_pool2d(x, 3).flatten(1))


@pytest.fixture(autouse=True)
def _one_thread():
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="module")
def digits():
    return load_dataset("digits", spec=SMALL).subset(160, 16)


def _cfg(**kw) -> TrainConfig:
    return TrainConfig(**{"epochs": 1, "batch_size": 16, "device": "cpu", **kw})


def test_records_at_step_one_and_every_n_steps_equal_the_grads(digits):
    model = Backwards().eval()
    seen: list[GradientRecord] = []
    by_hand: list[list[float]] = []

    def on_record(record: GradientRecord) -> None:  # called right after the backward, before the step
        seen.append(record)
        by_hand.append([math.sqrt(sum(float(p.grad.double().pow(2).sum()) for p in m.parameters(recurse=False)
                                      if p.grad is not None)) for m in (model.conv, model.mid, model.fc)])

    records = list(train(model, digits, _cfg(epochs=2), gradients=on_record, gradients_every=4))
    steps = [r.step for r in records if r.kind == "step"]
    assert steps == list(range(1, 21))
    assert [r.step for r in seen] == [1, 4, 8, 12, 16, 20]
    assert [r.epoch for r in seen] == [1, 1, 1, 2, 2, 2]
    for record, expected in zip(seen, by_hand):
        assert record.layers == ("conv", "mid", "fc")  # forward order, not registration order
        assert record.norms == pytest.approx(expected, rel=1e-5)
        assert record.norms[1] == 0.0 and record.norms[0] > 0 and record.norms[2] > 0
        assert all(type(v) is float for v in record.norms)
    assert len({id(r.layers) for r in seen}) == 1  # one tuple of names for the run
    assert not any(m.training for m in model.modules())  # eval as before, trained in train mode


def test_off_by_default_and_through_the_trainer(digits):
    model = Backwards()
    before = [p.detach().clone() for p in model.parameters()]
    records = list(train(model, digits, _cfg()))
    assert records[-1].kind == "done" and any(not torch.equal(a, b) for a, b in zip(before, model.parameters()))
    seen = []
    Trainer(Backwards(), digits, _cfg(), gradients=seen.append, gradients_every=3).run()
    assert [r.step for r in seen] == [1, 3, 6, 9]


@pytest.mark.parametrize("every", [0, -1, 2.5, True])
def test_a_bad_interval_is_one_line(digits, every):
    with pytest.raises(CnnvizError, match="gradients_every must be a whole number >= 1"):
        train(Backwards(), digits, _cfg(), gradients=lambda r: None, gradients_every=every)


def test_the_deep_twins_train_on_digits_with_their_own_input_contract():
    from cnnviz.core.models import zoo

    name = "mnist_residual_deep"
    split = load_dataset("digits", spec=zoo.model_info(name).input).subset(32, 8)
    seen: list[GradientRecord] = []
    records = list(train(zoo.build_model(name), split, _cfg(), gradients=seen.append))
    assert records[-1].kind == "done" and math.isfinite(records[-1].val_loss)
    assert len(seen) == 1 and len(seen[0].layers) == 20 and seen[0].layers[0] == "stem" and min(seen[0].norms) > 0
