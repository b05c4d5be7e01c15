"""Gradient norms by hand, the training-time recorder against them, the forward order, and the course's
plain deep network against its residual twin (vanishing gradients at initialisation)."""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from cnnviz.core.analysis.gradient_stats import GradientRecorder, forward_order, gradient_norms
from cnnviz.core.inputs.datasets import load_dataset
from cnnviz.core.models import zoo
from cnnviz.core.spec import MNIST_INPUT


class TwoScalars(nn.Module):
    """logits = W2 relu(w1 x): w1 = 2 (1x1), W2 = [[3], [-1]] (2x1), no biases."""

    def __init__(self) -> None:
        super().__init__()
        self.first = nn.Linear(1, 1, bias=False)
        self.second = nn.Linear(1, 2, bias=False)
        with torch.no_grad():
            self.first.weight.fill_(2.0)
            self.second.weight.copy_(torch.tensor([[3.0], [-1.0]]))

    def forward(self, x):
        return self.second(torch.relu(self.first(x)))


def test_norms_equal_a_hand_computation():
    model, x = TwoScalars(), torch.tensor([[0.25]])
    # h = relu(2 * 0.25) = 0.5, logits = (1.5, -0.5). Logit of class 0: d/dW2 = (h, 0), d/dw1 = W2[0] * x
    assert gradient_norms(model, x, 0, objective="logit") == [("first", pytest.approx(0.75)),
                                                               ("second", pytest.approx(0.5))]
    # cross-entropy against class 0: dL/dlogits = p - (1, 0) = (-p1, p1) with p1 = 1 / (1 + e^2)
    p1 = 1.0 / (1.0 + math.exp(2.0))
    norms = dict(gradient_norms(model, x, 0))
    assert norms["second"] == pytest.approx(math.sqrt(2.0) * p1 * 0.5, rel=1e-5)  # |(-p1 h, p1 h)|
    assert norms["first"] == pytest.approx(abs(3.0 * -p1 + -1.0 * p1) * 0.25, rel=1e-5)  # |W2^T dlogits| x


class Reversed(nn.Module):
    """Registers its layers in the opposite order to the one it calls them in, with a batch norm."""

    def __init__(self) -> None:
        super().__init__()
        self.head = nn.Linear(4, 3)
        self.bn = nn.BatchNorm2d(4)
        self.frozen = nn.Conv2d(4, 4, 1)
        self.conv = nn.Conv2d(1, 4, 3, padding=1)
        self.frozen.requires_grad_(False)

    def forward(self, x):
        x = self.bn(self.frozen(torch.relu(self.conv(x))))
        return self.head(F.adaptive_avg_pool2d(x, 1).flatten(1))


def test_forward_order_is_the_call_order_and_leaves_batch_norm_alone():
    model = Reversed().train()
    x = torch.randn(4, 1, 6, 6)
    before = {k: v.clone() for k, v in model.state_dict().items()}
    assert [name for name, _ in forward_order(model, x)] == ["conv", "frozen", "bn", "head"]
    for k, v in model.state_dict().items():
        assert torch.equal(v, before[k]), k
    assert model.training


def test_the_recorder_reads_the_backward_as_gradient_norms_defines_it():
    torch.manual_seed(0)
    model = Reversed().eval()
    x, t = torch.randn(4, 1, 6, 6), torch.tensor([0, 2, 1, 2])
    recorder = GradientRecorder(forward_order(model, x))
    expected = gradient_norms(model, x, t)
    F.cross_entropy(model(x), t).backward()
    record = recorder.record(step=7, epoch=2)
    assert (record.step, record.epoch) == (7, 2)
    assert record.layers == tuple(n for n, _ in expected) == ("conv", "frozen", "bn", "head")
    by_name = dict(expected)
    assert record.norms[1] == 0.0 and by_name["frozen"] > 0  # training gives a frozen layer no gradient
    assert [record.norms[i] for i in (0, 2, 3)] == pytest.approx([by_name[n] for n in ("conv", "bn", "head")],
                                                                  rel=1e-5)
    assert all(isinstance(v, float) for v in record.norms)
    model.bn.weight.grad = None  # a parameter without a gradient counts as zero
    assert recorder.norms()[2] == pytest.approx(float(model.bn.bias.grad.norm()), rel=1e-6)
    assert GradientRecorder([("flatten", nn.Flatten())]).record(1, 1).norms == ()


@pytest.fixture(scope="module")
def digits_batch():
    split = load_dataset("digits", spec=MNIST_INPUT)
    return split.train.get_batch(torch.arange(32))


@pytest.mark.parametrize("seed", [0, 1])
def test_the_plain_deep_net_vanishes_and_its_residual_twin_does_not(digits_batch, seed):
    x, y = digits_batch
    norms = {}
    for name in ("mnist_plain_deep", "mnist_residual_deep"):
        torch.manual_seed(seed)
        norms[name] = gradient_norms(zoo.build_model(name), x, y)
    plain, residual = norms["mnist_plain_deep"], norms["mnist_residual_deep"]
    assert [n for n, _ in plain] == [n for n, _ in residual]  # twins: the same layers
    assert len(plain) == 20 and plain[0][0] == "stem" and plain[-1][0] == "fc"
    assert sum(isinstance(m, nn.Conv2d) for m in zoo.build_model("mnist_plain_deep").modules()) == 19
    # first layer against the last convolution: ~1e-7 plain, ~0.5 residual (measured for seeds 0 and 1)
    assert plain[0][1] / plain[-2][1] < 1e-5
    assert residual[0][1] / residual[-2][1] > 1e-1
    assert residual[0][1] > 1e5 * plain[0][1]
