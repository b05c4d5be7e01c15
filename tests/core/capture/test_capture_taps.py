"""The taps a capture puts on a model's forward methods: nothing stays, users' hooks still count, no cycles."""

from __future__ import annotations

import gc
import warnings

import pytest
import torch
from torch import nn

from cnnviz.core.capture.run import capture
from cnnviz.core.models import zoo
from tests.core.capture.oracles import reference_capture


def _untouched(model: nn.Module) -> bool:
    return all("forward" not in m.__dict__ and not m._forward_hooks and not m._forward_pre_hooks
               for m in model.modules())


@pytest.mark.parametrize("name", ["mnist_inception", "mnist_residual"])
def test_a_capture_leaves_no_reference_cycles(name: str) -> None:
    """Its tensors go the moment it is dropped, not at Python's next full garbage collection
    (a block part that referred to itself kept every capture of a long session alive for a while)."""
    model = zoo.build_model(name).eval()
    x = torch.randn(1, 1, 28, 28)
    capture(model, x)
    gc.collect()
    flags = gc.get_debug()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        for _ in range(3):
            cap = capture(model, x)
            assert any(":" in k for k in cap)  # block parts are there
            del cap
        gc.collect()
        left = [type(o).__name__ for o in gc.garbage]
    finally:
        gc.garbage.clear()
        gc.set_debug(flags)
        gc.enable()
    assert not any(n in ("Tensor", "Derived", "_Entry", "Capture") for n in left), sorted(set(left))


def test_model_is_left_exactly_as_it_was() -> None:
    model = zoo.build_model("resnet18").eval()
    x = torch.randn(1, 3, 64, 64)
    with torch.no_grad():
        before = model(x)
    capture(model, x)
    capture(model, x)
    with pytest.raises(RuntimeError):
        capture(model, torch.randn(1, 5, 64, 64))  # fails inside the forward
    assert _untouched(model)
    with torch.no_grad():
        assert torch.equal(model(x), before)


def test_a_users_instance_forward_is_kept() -> None:
    model = nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU())
    original = model[0].forward
    model[0].forward = lambda t: original(t) * 3  # the user's own patch
    patched = model[0].__dict__["forward"]
    x = torch.randn(1, 1, 6, 6)
    cap = capture(model, x)
    assert model[0].__dict__["forward"] is patched
    with torch.no_grad():
        assert torch.equal(cap["0"], original(x) * 3)


class Doubled(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 3)
        self.act = nn.ReLU()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.act(self.conv(x))


def test_users_forward_hooks_run_and_capture_records_what_they_leave() -> None:
    model = Doubled().eval()
    calls = []

    def double(module, args, output):
        calls.append(1)
        return output * 2

    handle = model.conv.register_forward_hook(double)
    x = torch.randn(1, 1, 6, 6)
    for _ in range(2):
        cap = capture(model, x)
        oracle = reference_capture(model, x)  # its hooks come after the user's
        for key, expected in oracle.items():
            assert torch.equal(cap[key], expected), key
    assert len(calls) == 4
    assert list(model.conv._forward_hooks.values()) == [double]
    handle.remove()
    assert _untouched(model)


class WithScriptedPart(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 3)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            self.head = torch.jit.script(nn.Sequential(nn.Flatten(), nn.Linear(32, 3)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.conv(x))


def test_a_scripted_submodule_is_run_but_not_tapped() -> None:
    model = WithScriptedPart().eval()
    x = torch.randn(1, 1, 6, 6)
    cap = capture(model, x)
    assert list(cap) == ["input", "conv", "output"]
    with torch.no_grad():
        assert torch.equal(cap["output"], model(x))


class ReliesOnInplace(nn.Module):
    """Uses an in-place activation for its side effect only: it must keep running in place."""

    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 3)
        self.act = nn.ReLU(inplace=True)
        self.head = nn.Conv2d(2, 1, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.conv(x)
        self.act(y)
        return self.head(y)


def test_activations_run_out_of_place_only_where_that_changes_nothing() -> None:
    from cnnviz.core.capture.run import _PLANS

    resnet = zoo.build_model("resnet18").eval()
    relying = ReliesOnInplace().eval()
    for model, size, expected in ((resnet, 64, True), (relying, 8, False)):
        x = torch.randn(1, resnet.conv1.in_channels if model is resnet else 1, size, size)
        caps = [capture(model, x), capture(model, x)]
        oracle = reference_capture(model, x)
        with torch.no_grad():
            logits = model(x)
        for cap in caps:
            assert torch.equal(cap["output"], logits)
            for key, value in oracle.items():
                assert torch.equal(cap[key], value), key
        assert _PLANS[model].outplace is expected
        assert all(m.inplace for m in model.modules() if isinstance(m, nn.ReLU))
    assert "bn1" not in _PLANS[resnet].copy_keys  # no copy needed: relu no longer overwrites it
    assert "conv" in _PLANS[relying].copy_keys


def test_a_model_changed_between_captures_is_walked_again() -> None:
    model = nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU(inplace=True))
    x = torch.randn(1, 1, 6, 6)
    assert list(capture(model, x)) == ["input", "0", "1", "output"]
    model.append(nn.Flatten())
    model[0] = nn.Conv2d(1, 2, 3)
    cap = capture(model, x)
    assert list(cap) == ["input", "0", "1", "2", "output"]
    with torch.no_grad():
        assert torch.equal(cap["0"], model[0](x))


def test_a_captured_model_can_be_freed() -> None:
    import weakref

    model = zoo.build_model("mnist_residual").eval()
    capture(model, torch.randn(1, 1, 28, 28))
    gone = weakref.ref(model)
    del model
    gc.collect()
    assert gone() is None  # what capture learned about it does not keep it alive


def test_captures_of_one_model_from_two_threads_are_each_exact() -> None:
    import threading

    model = zoo.build_model("mnist_inception").eval()
    inputs = [torch.randn(1, 1, 28, 28) for _ in range(2)]
    oracles = [reference_capture(model, x) for x in inputs]
    failures: list[str] = []

    def work(i: int) -> None:
        for _ in range(5):
            cap = capture(model, inputs[i])
            if [k for k in cap if k not in ("input", "output") and ":" not in k] != list(oracles[i]):
                failures.append("keys")
            failures.extend(k for k, v in oracles[i].items() if not torch.equal(cap[k], v))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    assert _untouched(model)
