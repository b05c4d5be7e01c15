"""Weights files are read as data only: safetensors, weights_only pickles, clear refusals and mismatch messages."""

from __future__ import annotations

import builtins
import json
import os
import pickle
import warnings
from pathlib import Path

import pytest
import torch
from safetensors.torch import save_file
from torch import nn
from torchvision.models import mnasnet0_5

from cnnviz.core.models import weights, zoo
from cnnviz.core.errors import CnnvizError
from cnnviz.core.models.weights import (
    apply_state_dict,
    load_state_dict_file,
    read_checkpoint_metadata,
    save_checkpoint,
)


def _net() -> nn.Module:
    return nn.Sequential(nn.Conv2d(1, 4, 3), nn.BatchNorm2d(4), nn.Flatten(), nn.Linear(4 * 6 * 6, 3))


def _same(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)


class _System:
    """Unpickling this runs a shell command that creates ``marker``."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch '{self.marker}'",))


class _Exec:
    """Unpickling this runs Python that writes ``marker``."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (builtins.exec, (f"with open({str(self.marker)!r}, 'w') as f: f.write('pwned')",))


@pytest.mark.parametrize("payload", [_System, _Exec])
@pytest.mark.parametrize("how", ["torch.save", "pickle", "wrapped"])
def test_code_running_pickles_are_refused_and_run_nothing(tmp_path, monkeypatch, payload, how):
    marker = tmp_path / "marker"
    proof = tmp_path / "proof"
    pickle.loads(pickle.dumps(payload(proof)))  # the payload is real: plain pickle runs it
    assert proof.exists()

    path = tmp_path / "evil.pth"
    if how == "pickle":
        path.write_bytes(pickle.dumps(payload(marker)))
    else:
        obj = payload(marker) if how == "torch.save" else {"state_dict": {"w": torch.ones(2)}, "x": payload(marker)}
        torch.save(obj, path)

    calls: list[dict] = []
    real_load = torch.load
    monkeypatch.setattr(torch, "load", lambda *a, **k: calls.append(k) or real_load(*a, **k))
    with pytest.raises(CnnvizError, match="refused: loading it would run code") as info:
        load_state_dict_file(path)
    message = str(info.value)
    assert "--trust-code" in message and "safetensors" in message and "\n" not in message
    assert not marker.exists()
    assert calls and all(k.get("weights_only") is True for k in calls)


def test_safetensors_and_pth_load_the_same_tensors(tmp_path):
    state = _net().state_dict()
    save_file(dict(state), tmp_path / "w.safetensors")
    torch.save(state, tmp_path / "w.pth")
    torch.save(state, tmp_path / "legacy.pt", _use_new_zipfile_serialization=False)
    torch.save(state, tmp_path / "pytorch_model.bin")
    for name in ("w.safetensors", "w.pth", "legacy.pt", "pytorch_model.bin"):
        assert _same(load_state_dict_file(tmp_path / name), state), name


@pytest.mark.parametrize("stem", ["code", "constants"])
def test_state_dicts_named_like_torchscript_parts_still_load(tmp_path, stem):
    state = _net().state_dict()
    torch.save(state, tmp_path / f"{stem}.pth")  # torch.save's zip root is named after the file
    assert not weights.is_torchscript_archive(tmp_path / f"{stem}.pth")
    assert _same(load_state_dict_file(tmp_path / f"{stem}.pth"), state)


def test_safetensors_is_recognised_by_content(tmp_path):
    state = _net().state_dict()
    save_file(dict(state), tmp_path / "weights.data")
    assert _same(load_state_dict_file(tmp_path / "weights.data"), state)


@pytest.mark.parametrize("wrapper", ["state_dict", "model", "model_state_dict"])
def test_checkpoint_dicts_are_unwrapped(tmp_path, wrapper):
    state = _net().state_dict()
    torch.save({wrapper: state, "epoch": 7, "optimizer": {"lr": 0.1}}, tmp_path / "ckpt.pth")
    assert _same(load_state_dict_file(tmp_path / "ckpt.pth"), state)


def test_non_tensor_leftovers_are_refused(tmp_path):
    torch.save({"fc.weight": torch.ones(2, 2), "epoch": 3, "note": "hi"}, tmp_path / "mixed.pth")
    with pytest.raises(CnnvizError, match="not a plain state dict") as info:
        load_state_dict_file(tmp_path / "mixed.pth")
    assert "'epoch' is a int" in str(info.value) and "'note' is a str" in str(info.value)
    torch.save(torch.ones(3), tmp_path / "tensor.pth")
    with pytest.raises(CnnvizError, match="single tensor"):
        load_state_dict_file(tmp_path / "tensor.pth")
    torch.save([torch.ones(3)], tmp_path / "list.pth")
    with pytest.raises(CnnvizError, match="holds a list"):
        load_state_dict_file(tmp_path / "list.pth")


@pytest.mark.parametrize("name, content, pattern", [
    ("missing.pth", None, "not found"),
    ("empty.pth", b"", "is empty"),
    ("garbage.pth", b"this is not a checkpoint at all" * 10, "not a PyTorch weights file"),
    ("garbage.safetensors", b"\x10\x00\x00\x00\x00\x00\x00\x00{nope" * 4, "not a valid safetensors file"),
    ("fake.pth", b"PK\x03\x04 a broken zip", "not a PyTorch weights file"),
])
def test_bad_files_give_one_line(tmp_path, name, content, pattern):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CnnvizError, match=pattern) as info:
        load_state_dict_file(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_torchscript_given_as_weights_is_refused(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # torch.jit.* are deprecated in this torch
        torch.jit.save(torch.jit.trace(_net().eval(), torch.randn(1, 1, 8, 8)), str(tmp_path / "net.pt"))
    assert weights.is_torchscript_archive(tmp_path / "net.pt")
    with pytest.raises(CnnvizError, match="TorchScript model") as info:
        load_state_dict_file(tmp_path / "net.pt")
    assert "--model" in str(info.value) and "--trust-code" in str(info.value)


def test_mismatch_names_missing_unexpected_and_misshaped_keys():
    model = nn.Sequential(*[nn.Linear(4, 4) for _ in range(8)])
    state = model.state_dict()
    for i in range(6):
        del state[f"{i}.bias"]
    state["extra.weight"] = torch.zeros(1)
    state["7.weight"] = torch.zeros(2, 4)
    with pytest.raises(CnnvizError) as info:
        apply_state_dict(model, state, "bad.pth")
    message = str(info.value)
    assert message.startswith("weights from bad.pth do not fit Sequential:")
    assert "missing keys: 0.bias, 1.bias, 2.bias, 3.bias (+2 more)" in message
    assert "unexpected keys: extra.weight" in message
    assert "mis-shaped keys: 7.weight (expected 4x4, got 2x4)" in message
    assert "\n" not in message


def test_dataparallel_prefix_is_stripped():
    source, target = _net(), _net()
    apply_state_dict(target, {f"module.{k}": v for k, v in source.state_dict().items()}, "dp.pth")
    assert _same(target.state_dict(), source.state_dict())


def test_safetensors_without_version_metadata_loads_versioned_modules(tmp_path):
    # MNASNet refuses state dicts without module versions; safetensors files carry none.
    source = mnasnet0_5()
    save_file({k: v.contiguous() for k, v in source.state_dict().items()}, tmp_path / "m.safetensors")
    target = mnasnet0_5()
    apply_state_dict(target, load_state_dict_file(tmp_path / "m.safetensors"), "m.safetensors")
    assert _same(target.state_dict(), source.state_dict())


def test_save_checkpoint_writes_metadata_atomically(tmp_path):
    model = _net()
    path = tmp_path / "sub" / "ckpt.safetensors"
    path.parent.mkdir()
    path.write_bytes(b"old checkpoint")
    out = save_checkpoint(model, "tiny_net", path, class_names=["a", "b", "c"],
                          extra_metadata={"cnnviz.epochs": 4, weights.MODEL_KEY: "ignored"})
    assert out == path and [p.name for p in path.parent.iterdir()] == ["ckpt.safetensors"]
    meta = read_checkpoint_metadata(path)
    assert meta[weights.MODEL_KEY] == "tiny_net"
    assert meta[weights.NUM_CLASSES_KEY] == "3" and json.loads(meta[weights.CLASS_NAMES_KEY]) == ["a", "b", "c"]
    assert meta["cnnviz.epochs"] == "4"
    assert _same(load_state_dict_file(path), model.state_dict())


def test_save_checkpoint_infers_classes_and_googlenet_layout(tmp_path):
    model = zoo.build_model("googlenet", pretrained_layout=True)
    save_checkpoint(model, "googlenet", tmp_path / "g.safetensors")
    meta = read_checkpoint_metadata(tmp_path / "g.safetensors")
    assert meta[weights.NUM_CLASSES_KEY] == "1000" and weights.CLASS_NAMES_KEY not in meta
    assert json.loads(meta[weights.TRANSFORM_INPUT_KEY]) is True


def test_read_checkpoint_metadata_errors(tmp_path):
    with pytest.raises(CnnvizError, match="not found"):
        read_checkpoint_metadata(tmp_path / "none.safetensors")
    (tmp_path / "bad.safetensors").write_bytes(b"nonsense")
    with pytest.raises(CnnvizError, match="not a valid safetensors"):
        read_checkpoint_metadata(tmp_path / "bad.safetensors")


def test_bundled_weights_path(tmp_path, monkeypatch):
    monkeypatch.setattr(weights, "resources_dir", lambda: tmp_path)
    assert weights.bundled_weights_path("mnist_inception") is None
    (tmp_path / "weights").mkdir()
    (tmp_path / "weights" / "mnist_inception.safetensors").write_bytes(b"x")
    assert weights.bundled_weights_path("mnist_inception") == tmp_path / "weights" / "mnist_inception.safetensors"


def test_pretrained_cache_path_follows_torch_hub(tmp_path, monkeypatch):
    monkeypatch.setattr(torch.hub, "_hub_dir", None, raising=False)
    monkeypatch.setenv("TORCH_HOME", str(tmp_path))
    expected_name = zoo.default_weights_enum("resnet18").url.rsplit("/", 1)[1]
    path = weights.pretrained_cache_path("resnet18")
    assert path == tmp_path / "hub" / "checkpoints" / expected_name
    assert not weights.pretrained_available("resnet18")
    path.parent.mkdir(parents=True)
    path.write_bytes(b"x")
    assert weights.pretrained_available("resnet18")
    assert not weights.pretrained_available("mnist_inception")
    assert not weights.pretrained_available("no_such_model")
    with pytest.raises(CnnvizError, match="course network"):
        weights.pretrained_cache_path("mnist_inception")
