"""Capture: bit-exact against an independent cloning hook, keys, hooks released, modes restored, no growth."""

from __future__ import annotations

import gc

import pytest
import torch
from torch import nn

from cnnviz.core.models import zoo
from cnnviz.core.capture.records import Capture
from cnnviz.core.capture.run import capture
from cnnviz.core.errors import CnnvizError
from tests.core.capture.oracles import reference_capture


CASES = [("resnet18", 64), ("googlenet", 64), ("mobilenet_v2", 64), ("mnist_inception", 28),
         ("mnist_residual", 28), ("alexnet_small", 224)]


@pytest.mark.parametrize("name,size", CASES)
def test_capture_is_bit_exact_first_and_later(name: str, size: int) -> None:
    model = zoo.build_model(name).eval()
    channels = zoo.model_info(name).input.channels
    x = torch.randn(1, channels, size, size)
    first = capture(model, x)  # learns which outputs are modified in place later
    second = capture(model, x)  # copies only those
    oracle = reference_capture(model, x)
    for cap in (first, second):
        module_keys = [k for k in cap if k not in ("input", "output") and ":" not in k]
        assert module_keys == list(oracle)
        for key, expected in oracle.items():
            assert torch.equal(cap[key], expected), key
        assert torch.equal(cap["input"], x)
        with torch.no_grad():
            assert torch.equal(cap["output"], model(x))


def test_inplace_modified_outputs_keep_their_produced_values() -> None:
    model = zoo.build_model("resnet18").eval()
    cap = capture(model, torch.randn(1, 3, 64, 64))
    cap = capture(model, torch.randn(1, 3, 64, 64))
    # bn1 is followed by ReLU(inplace=True): its captured output must still hold negatives
    assert (cap["bn1"] < 0).any()
    assert (cap["relu"] >= 0).all()
    assert torch.equal(cap["relu"], cap["bn1"].clamp(min=0))


def test_repeated_module_calls_get_numbered_keys() -> None:
    cap = capture(zoo.build_model("resnet18").eval(), torch.randn(1, 3, 64, 64))
    assert ["layer1.0.relu", "layer1.0.relu#2"] == [k for k in cap if k.startswith("layer1.0.relu")]
    assert list(cap)[0] == "input" and list(cap)[-1] == "output"
    assert cap.module_types["layer1.0.relu#2"] == "ReLU"


class InputDependentInplace(nn.Module):
    """Modifies its first layer's output in place only for some inputs: the learned plan must not fool us."""

    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 3)
        self.post = nn.Identity()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.conv(x)
        if x.mean() > 0:
            y.mul_(10)
        return self.post(y).sum(dim=(2, 3))


def test_plan_learned_on_one_input_stays_exact_on_another() -> None:
    model = InputDependentInplace().eval()
    negative = -torch.ones(1, 1, 8, 8)
    positive = torch.ones(1, 1, 8, 8)
    capture(model, negative)  # learns: nothing is modified in place
    cap = capture(model, positive)  # this time conv's output is scaled in place after it was produced
    with torch.no_grad():
        expected = model.conv(positive)
    assert torch.equal(cap["conv"], expected)
    assert torch.equal(cap["post"], expected * 10)


def test_hooks_released_and_modes_restored_even_when_forward_fails() -> None:
    model = zoo.build_model("mnist_inception")
    model.train()
    model.incep1.eval()  # a user's mixed modes must survive exactly
    with pytest.raises(RuntimeError):
        capture(model, torch.randn(1, 3, 28, 28))  # wrong channel count: conv1 raises
    cap = capture(model, torch.randn(2, 1, 28, 28))
    assert len(cap) > 10
    assert model.training and not model.incep1.training and model.incep2.training
    assert all(not m._forward_hooks and not m._forward_pre_hooks and "forward" not in m.__dict__
               for m in model.modules())


def test_capture_runs_in_eval_mode_by_default() -> None:
    model = zoo.build_model("alexnet_small").train()
    x = torch.randn(1, 3, 224, 224)
    a, b = capture(model, x), capture(model, x)
    assert torch.equal(a["output"], b["output"])  # dropout was off
    assert model.training


def test_googlenet_training_mode_output_is_its_logits() -> None:
    model = zoo.build_model("googlenet").train()
    cap = capture(model, torch.randn(2, 3, 96, 96), train_mode=True)
    assert cap["output"].shape == (2, 1000)
    assert model.training


def test_context_manager_releases_and_bad_keys_suggest() -> None:
    model = zoo.build_model("mnist_inception").eval()
    with capture(model, torch.randn(1, 1, 28, 28)) as cap:
        assert isinstance(cap, Capture)
        with pytest.raises(CnnvizError, match="incep1"):
            cap.resolve_key("incep")
        with pytest.raises(KeyError, match="Did you mean"):
            cap["incep1.branch5x"]
    assert len(cap) == 0


def _rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096


@pytest.mark.skipif(not __import__("os").path.exists("/proc/self/statm"), reason="needs /proc")
def test_thousand_captures_leave_no_hooks_and_no_growth() -> None:
    model = zoo.build_model("mnist_inception").eval()
    x = torch.randn(1, 1, 28, 28)
    for _ in range(50):
        capture(model, x)
    gc.collect()
    before = _rss_bytes()
    for _ in range(1000):
        cap = capture(model, x)
    del cap
    gc.collect()
    grown = _rss_bytes() - before
    assert all(not m._forward_hooks and "forward" not in m.__dict__ for m in model.modules())
    assert grown < 8 * 2**20, f"memory grew by {grown / 2**20:.1f} MiB over 1,000 captures"


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")
def test_capture_on_cuda_matches_cpu_shapes_and_stays_on_device() -> None:
    model = zoo.build_model("resnet18").eval().cuda()
    cap = capture(model, torch.randn(1, 3, 64, 64, device="cuda"))
    assert cap.device.type == "cuda"
    assert all(t.device.type == "cuda" for t in cap.values())
    oracle = reference_capture(model, cap["input"])
    for key, expected in oracle.items():
        assert torch.equal(cap[key], expected), key
