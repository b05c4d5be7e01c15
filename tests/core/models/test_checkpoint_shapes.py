"""Weights as people save them, into the course notes' own Net: plain state dicts (.pth, .pt, .safetensors),
training checkpoints with epoch and optimiser state, DataParallel's and torch.compile's prefixes; a file for
another architecture named key by key."""

from __future__ import annotations

import pytest
import torch
from safetensors.torch import save_file
from torch import nn

from cnnviz.core.errors import CnnvizError
from cnnviz.core.models.user_code import load_user_model
from cnnviz.core.models.weights import apply_state_dict, load_state_dict_file
from tests.course_code import write_course_files


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return write_course_files(tmp_path_factory.mktemp("course"))


@pytest.fixture()
def trained(course) -> nn.Module:
    """The student's Net after a step of training (its weights differ from a fresh Net's)."""
    net, _ = load_user_model(f"{course['inception']}:Net", trust_code=True)
    return net


def fresh(course, key: str = "inception") -> nn.Module:
    return load_user_model(f"{course[key]}:Net", trust_code=True)[0]


def assert_same_weights(a: nn.Module, b: nn.Module) -> None:
    sa, sb = a.state_dict(), b.state_dict()
    assert sa.keys() == sb.keys()
    assert all(torch.equal(sa[k], sb[k]) for k in sa)


def load_into(course, path, key: str = "inception") -> nn.Module:
    net = fresh(course, key)
    apply_state_dict(net, load_state_dict_file(path), str(path))
    return net


def optimiser_state(net: nn.Module, kind: type = torch.optim.SGD) -> dict:
    opt = kind(net.parameters(), lr=0.01, **({"momentum": 0.9} if kind is torch.optim.SGD else {}))
    net(torch.randn(2, 1, 28, 28)).sum().backward()
    opt.step()
    return opt.state_dict()


@pytest.mark.parametrize("suffix", [".pth", ".pt"])
def test_plain_state_dict(course, trained, tmp_path, suffix):
    path = tmp_path / f"net{suffix}"
    torch.save(trained.state_dict(), path)
    assert_same_weights(load_into(course, path), trained)


def test_safetensors_state_dict(course, trained, tmp_path):
    path = tmp_path / "net.safetensors"
    save_file({k: v.contiguous() for k, v in trained.state_dict().items()}, str(path))
    assert_same_weights(load_into(course, path), trained)


@pytest.mark.parametrize("key", ["model_state_dict", "state_dict", "model"])
@pytest.mark.parametrize("optimizer", [torch.optim.SGD, torch.optim.Adam])
def test_training_checkpoint_with_epoch_and_optimiser_state(course, trained, tmp_path, key, optimizer):
    path = tmp_path / "checkpoint.pth"
    opt_state = optimiser_state(trained, optimizer)
    torch.save({"epoch": 3, key: trained.state_dict(), "optimizer_state_dict": opt_state, "loss": 0.25,
                "best_acc": torch.tensor(0.97)}, path)
    assert_same_weights(load_into(course, path), trained)


def test_dataparallel_prefix_is_stripped(course, trained, tmp_path):
    path = tmp_path / "dp.pth"
    torch.save(nn.DataParallel(trained).state_dict(), path)
    assert all(k.startswith("module.") for k in torch.load(path, weights_only=True))
    assert_same_weights(load_into(course, path), trained)


def test_dataparallel_checkpoint_inside_a_training_dict(course, trained, tmp_path):
    path = tmp_path / "dp_ckpt.pt"
    torch.save({"epoch": 9, "state_dict": nn.DataParallel(trained).state_dict(),
                "optimizer": optimiser_state(trained)}, path)
    assert_same_weights(load_into(course, path), trained)


def test_torch_compile_prefix_is_stripped(course, trained, tmp_path):
    """``torch.compile(net).state_dict()`` names every key ``_orig_mod.<key>`` (the compiled wrapper's child)."""
    path = tmp_path / "compiled.safetensors"
    save_file({f"_orig_mod.{k}": v.contiguous() for k, v in trained.state_dict().items()}, str(path))
    assert_same_weights(load_into(course, path), trained)


def test_wrong_architecture_is_named_key_by_key(course, tmp_path):
    path = tmp_path / "resnet.pth"
    torch.save(fresh(course, "resnet").state_dict(), path)
    with pytest.raises(CnnvizError) as info:
        load_into(course, path)
    message = str(info.value)
    assert message.startswith(f"weights from {path} do not fit Net: missing keys: incep1.branch1x1.weight, ")
    assert "unexpected keys: rblock1.conv1.weight, rblock1.conv1.bias, " in message
    assert "mis-shaped keys: conv1.weight (expected 10x1x5x5, got 16x1x5x5), " in message
    assert "(+" in message and "\n" not in message


def test_one_missing_key_is_named(course, trained, tmp_path):
    path = tmp_path / "partial.pth"
    state = trained.state_dict()
    del state["fc.bias"]
    torch.save(state, path)
    with pytest.raises(CnnvizError, match=r"do not fit Net: missing keys: fc\.bias$"):
        load_into(course, path)


def test_a_whole_pickled_module_is_refused(course, trained, tmp_path):
    path = tmp_path / "whole.pth"
    torch.save(trained, path)  # what people also do; it needs the class's code to unpickle
    with pytest.raises(CnnvizError, match=r"is refused: loading it would run code"):
        load_state_dict_file(path)
