"""load_model on bad input: special files, impossible names, lying checkpoint metadata, NaN weights,
and what it says about GoogLeNet's transform_input (LoadedModel.notes)."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch
import torchvision
from safetensors.torch import save_file

from cnnviz.core import paths
from cnnviz.core.errors import CnnvizError
from cnnviz.core.models import weights
from cnnviz.core.models.course_nets import MnistResidual
from cnnviz.core.models.loader import load_model
from cnnviz.core.models.weights import save_checkpoint

LONG = "x" * 300


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty torch hub cache and resources folder; nothing may be downloaded."""
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch"))
    monkeypatch.setattr(torch.hub, "_hub_dir", None, raising=False)
    monkeypatch.setattr(weights, "resources_dir", lambda: tmp_path / "resources")
    monkeypatch.setattr(weights, "download_file", lambda *a, **k: pytest.fail("a test tried to download"))
    return tmp_path


def _refusal(*args, **kwargs) -> str:
    with pytest.raises(CnnvizError) as info:
        load_model(*args, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    return message


def _residual_checkpoint(path: Path, metadata: dict[str, str]) -> Path:
    """A small mnist_residual state dict (10 classes) whose metadata claims whatever the test says."""
    state = {k: v.contiguous() for k, v in MnistResidual().state_dict().items()}
    save_file(state, str(path), metadata={weights.MODEL_KEY: "mnist_residual", **metadata})
    return path


# --------------------------------------------------------------------------- paths that are not files

def test_empty_model_name_is_said():
    for name in ("", "   "):
        assert "empty model name" in _refusal(name, "none")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_as_model_or_weights_is_named_and_never_opened(tmp_path):
    fifo = tmp_path / "net.safetensors"
    os.mkfifo(fifo)  # opening it for reading would block this test forever
    assert "is not a regular file (a FIFO)" in _refusal(str(fifo))
    assert "is not a regular file (a FIFO)" in _refusal("mnist_residual", str(fifo))


def test_a_device_as_model_is_not_a_folder():
    message = _refusal("/dev/zero")
    assert "is not a regular file (a character device)" in message and "folder" not in message


def test_symbolic_link_loops_and_broken_links(tmp_path):
    (tmp_path / "a.pt").symlink_to(tmp_path / "b.pt")
    (tmp_path / "b.pt").symlink_to(tmp_path / "a.pt")
    assert "symbolic link loop" in _refusal(str(tmp_path / "a.pt"))
    assert "symbolic link loop" in _refusal("mnist_residual", str(tmp_path / "a.pt"))
    (tmp_path / "gone.pt").symlink_to(tmp_path / "nowhere.pt")
    assert "broken symbolic link" in _refusal(str(tmp_path / "gone.pt"))


def test_names_too_long_for_the_file_system_give_one_line(tmp_path):
    long_path = tmp_path / f"{LONG}.safetensors"
    for args in ((str(long_path),), (LONG,), ("mnist_residual", str(long_path)),
                 ("mnist_residual", LONG), (str(tmp_path / LONG / "w.pt"),)):
        message = _refusal(*args)
        assert "too long" in message and "characters)" in message, message
        assert LONG not in message  # the name is shortened in the message


def test_permission_denied_on_a_folder_above(monkeypatch, tmp_path):
    def denied(path, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(paths.os, "stat", denied)
    assert "permission denied" in _refusal("mnist_residual", str(tmp_path / "w.safetensors"))


# --------------------------------------------------------------------------- lying metadata

def test_deeply_nested_class_names_are_one_line(tmp_path):
    path = _residual_checkpoint(tmp_path / "deep.safetensors", {weights.CLASS_NAMES_KEY: "[" * 100_000})
    assert "nested too deeply" in _refusal(str(path))


@pytest.mark.parametrize("claim", ["1000000000000", "1e12", "-3", "9" * 5000, "ten"])
def test_absurd_class_counts_are_refused_before_building(tmp_path, claim):
    path = _residual_checkpoint(tmp_path / "many.safetensors", {weights.NUM_CLASSES_KEY: claim})
    for weights_choice in ("default", "none"):
        assert weights.NUM_CLASSES_KEY in _refusal(str(path), weights_choice)


_CLAIMS_MILLIONS = r"""
import resource, sys
resource.setrlimit(resource.RLIMIT_DATA, (1536 << 20, 1536 << 20))  # a 3M-class layer would need 6+ GB
from cnnviz.core.errors import CnnvizError
from cnnviz.core.models.loader import load_model
try:
    load_model(sys.argv[1], sys.argv[2]) if sys.argv[2] != "-" else load_model("mnist_residual", sys.argv[1])
except CnnvizError as exc:
    print("refused:", exc)
print("peak MB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


@pytest.mark.parametrize("weights_choice", ["default", "none", "-"])
def test_three_million_classes_claimed_fail_fast_without_allocating(tmp_path, weights_choice):
    # The file's classifier is 10 x 512; its metadata claims 3,000,000 classes (6 GB as float32 x 512).
    path = _residual_checkpoint(tmp_path / "claims.safetensors", {weights.NUM_CLASSES_KEY: "3000000"})
    result = subprocess.run([sys.executable, "-c", _CLAIMS_MILLIONS, str(path), weights_choice],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "refused:" in result.stdout and "do not fit" in result.stdout, result.stdout
    assert "fc.weight (expected 3000000x512, got 10x512)" in result.stdout


def test_long_architecture_names_are_cut_in_messages(tmp_path):
    save_file({"w": torch.ones(2)}, str(tmp_path / "alien.safetensors"), metadata={weights.MODEL_KEY: "n" * 100_000})
    message = _refusal(str(tmp_path / "alien.safetensors"))
    assert "which cnnviz does not know" in message and len(message) < 400


# --------------------------------------------------------------------------- notes

def test_non_finite_weights_load_with_a_note(tmp_path):
    state = MnistResidual().state_dict()
    state["conv1.weight"][0, 0, 0, :3] = torch.tensor([float("nan"), float("inf"), -float("inf")])
    state["fc.bias"][1] = float("nan")
    save_file({k: v.contiguous() for k, v in state.items()}, str(tmp_path / "nan.safetensors"))
    loaded = load_model("mnist_residual", str(tmp_path / "nan.safetensors"))
    total = sum(v.numel() for v in state.values() if v.is_floating_point())
    assert loaded.notes == (f"4 of {total:,d} weights are not finite (NaN/inf), in: conv1.weight, fc.bias; "
                            "maps will be black or meaningless",)
    assert load_model("mnist_residual", "none").notes == ()


def _googlenet_state(tmp_path: Path) -> Path:
    net = torchvision.models.GoogLeNet(aux_logits=False, init_weights=False, transform_input=False)
    path = tmp_path / "scratch.pth"
    torch.save(net.state_dict(), path)
    return path


def test_googlenet_file_without_metadata_says_what_it_assumed(tmp_path):
    path = _googlenet_state(tmp_path)
    loaded = load_model("googlenet", str(path))
    assert loaded.module.transform_input is True
    assert len(loaded.notes) == 1
    assert "no cnnviz metadata" in loaded.notes[0] and "transform_input on" in loaded.notes[0]
    assert "--transform-input off" in loaded.notes[0]
    forced = load_model("googlenet", str(path), transform_input=False)
    assert forced.module.transform_input is False and forced.notes == ()


def test_checkpoint_metadata_decides_and_a_forced_value_overrides_it(tmp_path):
    net = torchvision.models.GoogLeNet(aux_logits=False, init_weights=False, transform_input=False, num_classes=3)
    path = save_checkpoint(net, "googlenet", tmp_path / "g.safetensors")
    assert json.loads(weights.read_checkpoint_metadata(path)[weights.TRANSFORM_INPUT_KEY]) is False
    loaded = load_model(str(path))
    assert loaded.module.transform_input is False and loaded.notes == ()
    forced = load_model(str(path), transform_input=True)
    assert forced.module.transform_input is True
    assert forced.notes == ("transform_input forced on, although the checkpoint says off",)
    assert load_model(str(path), "none", transform_input=True).module.transform_input is True


def test_transform_input_on_a_model_without_it_is_a_note():
    loaded = load_model("mnist_residual", "none", transform_input=True)
    assert len(loaded.notes) == 1 and "ignored" in loaded.notes[0] and "mnist_residual" in loaded.notes[0]
    assert load_model("googlenet", "none", transform_input=True).module.transform_input is True


def test_an_image_given_as_weights_is_not_called_code(tmp_path):
    from PIL import Image

    Image.new("RGB", (8, 8)).save(tmp_path / "photo.png")
    for name in ("photo.png", "photo.pth"):
        (tmp_path / name).write_bytes((tmp_path / "photo.png").read_bytes())
        message = _refusal("mnist_residual", str(tmp_path / name))
        assert "is not a PyTorch weights file" in message and "run code" not in message


def test_old_batchnorm_files_pass_the_shape_check(tmp_path):
    # torch.save files of old BatchNorm versions lack num_batches_tracked; their module versions say so.
    import collections

    state = torchvision.models.resnet18().state_dict()
    old = collections.OrderedDict((k, v) for k, v in state.items() if not k.endswith("num_batches_tracked"))
    old._metadata = collections.OrderedDict(  # type: ignore[attr-defined]
        (k, dict(v, version=1) if k.endswith(("bn1", "bn2", "downsample.1")) else v)
        for k, v in state._metadata.items())
    torch.save(old, tmp_path / "old.pth")
    assert load_model("resnet18", str(tmp_path / "old.pth")).notes == ()
