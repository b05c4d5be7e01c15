"""load_model: built-in names, bundled and cached pretrained weights, weights files, checkpoints, TorchScript."""

from __future__ import annotations

import os
import re
import warnings
from pathlib import Path

import pytest
import torch
import torchvision
from safetensors.torch import save_file
from torch import nn

from cnnviz.core.models import weights, zoo
from cnnviz.core.models.course_nets import MnistInception, MnistResidual
from cnnviz.core.errors import CnnvizError
from cnnviz.core.models.loader import LoadedModel, load_model
from cnnviz.core.spec import InputSpec
from cnnviz.core.models.weights import pretrained_cache_path, save_checkpoint


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty torch hub cache and an empty resources folder; nothing may be downloaded."""
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch"))
    monkeypatch.setattr(torch.hub, "_hub_dir", None, raising=False)
    monkeypatch.setattr(weights, "resources_dir", lambda: tmp_path / "resources")
    monkeypatch.setattr(weights, "download_file", _no_download)
    return tmp_path


def _no_download(*args, **kwargs):
    pytest.fail("a test tried to download something")


def _same(a: nn.Module | dict, b: nn.Module | dict) -> bool:
    a = a.state_dict() if isinstance(a, nn.Module) else a
    b = b.state_dict() if isinstance(b, nn.Module) else b
    return a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)


def _to_cache(name: str, model: nn.Module, state: dict | None = None) -> None:
    path = pretrained_cache_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(state if state is not None else model.state_dict(), path)


def _traced(model: nn.Module, example: torch.Tensor, path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # torch.jit.* are deprecated in this torch
        torch.jit.save(torch.jit.trace(model.eval(), example), str(path))


@pytest.mark.parametrize("name", list(zoo.COURSE_MODELS))
def test_random_init_course_networks(name):
    loaded = load_model(name, "none")
    assert isinstance(loaded, LoadedModel)
    assert loaded.name == name and loaded.weights == "none" and loaded.device == torch.device("cpu")
    assert not loaded.module.training and loaded.info == zoo.model_info(name)
    assert zoo.count_parameters(loaded.module) == zoo.count_parameters(zoo.build_model(name))


def test_unknown_model_uses_zoo_message():
    with pytest.raises(CnnvizError, match=re.escape(zoo.unknown_model_message("resnet81"))):
        load_model("resnet81")


def test_course_default_without_bundled_weights_says_how_to_make_them():
    with pytest.raises(CnnvizError, match="no bundled weights for mnist_inception yet") as info:
        load_model("mnist_inception")
    assert "cnnviz train --model mnist_inception" in str(info.value)


def test_course_default_uses_bundled_weights_and_their_class_names(isolated):
    trained = MnistInception()
    names = [f"digit {i}" for i in range(10)]
    save_checkpoint(trained, "mnist_inception", isolated / "resources" / "weights" / "mnist_inception.safetensors",
                    class_names=names)
    loaded = load_model("mnist_inception")
    assert _same(loaded.module, trained) and loaded.info.class_names == tuple(names)
    assert loaded.info.input == zoo.model_info("mnist_inception").input


def test_weights_file_with_dataparallel_prefix(tmp_path):
    source = MnistResidual()
    torch.save({"state_dict": {f"module.{k}": v for k, v in source.state_dict().items()}}, tmp_path / "w.pth")
    loaded = load_model("mnist_residual", str(tmp_path / "w.pth"))
    assert _same(loaded.module, source) and loaded.weights == str(tmp_path / "w.pth")


def test_misfitting_weights_file_names_the_keys(tmp_path):
    torch.save(MnistResidual(num_classes=4).state_dict(), tmp_path / "w4.pth")
    with pytest.raises(CnnvizError, match=r"mis-shaped keys: fc.weight \(expected 10x512, got 4x512\)"):
        load_model("mnist_residual", str(tmp_path / "w4.pth"))
    with pytest.raises(CnnvizError) as info:
        load_model("mnist_inception", str(tmp_path / "w4.pth"))
    message = str(info.value)
    assert "missing keys: incep1.branch1x1.weight" in message and "(+24 more)" in message
    assert "unexpected keys: res1.conv1.weight" in message
    assert "conv1.weight (expected 10x1x5x5, got 16x1x5x5)" in message


class _Evil:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch '{self.marker}'",))


def test_code_running_weights_are_refused_by_load_model(tmp_path):
    torch.save({"state_dict": MnistResidual().state_dict(), "hook": _Evil(tmp_path / "marker")}, tmp_path / "evil.pth")
    with pytest.raises(CnnvizError, match="refused: loading it would run code"):
        load_model("mnist_residual", str(tmp_path / "evil.pth"))
    with pytest.raises(CnnvizError, match="neither a TorchScript model nor a cnnviz checkpoint"):
        load_model(str(tmp_path / "evil.pth"), trust_code=True)
    assert not (tmp_path / "marker").exists()


def test_mistyped_weights_name_is_a_missing_file():
    with pytest.raises(CnnvizError, match="weights file not found: defualt"):
        load_model("mnist_residual", "defualt")


def test_checkpoint_round_trip_rebuilds_the_architecture(tmp_path):
    trained = MnistResidual(num_classes=3).eval()
    path = save_checkpoint(trained, "mnist_residual", tmp_path / "ck.safetensors", class_names=["a", "b", "c"])
    loaded = load_model(str(path))
    assert loaded.info.name == "mnist_residual" and loaded.info.class_names == ("a", "b", "c")
    assert loaded.name == str(path) and loaded.info.input.size == (28, 28)
    x = torch.randn(2, 1, 28, 28)
    with torch.no_grad():
        assert torch.equal(loaded.module(x), trained(x))
    fresh = load_model(str(path), "none")
    assert fresh.module.fc.out_features == 3 and not _same(fresh.module, trained)


def test_torchvision_checkpoint_with_other_class_count(tmp_path):
    trained = torchvision.models.resnet18(num_classes=5).eval()
    path = save_checkpoint(trained, "resnet18", tmp_path / "r5.safetensors")
    x = torch.randn(1, 3, 64, 64)
    for loaded in (load_model(str(path)), load_model("resnet18", str(path))):
        assert loaded.info.class_names == tuple(f"class {i}" for i in range(5))
        with torch.no_grad():
            assert torch.equal(loaded.module(x), trained(x))
    with pytest.raises(CnnvizError, match="holds weights for resnet18, not resnet34"):
        load_model("resnet34", str(path))


def test_files_that_are_not_models_are_explained(tmp_path):
    save_file({"w": torch.ones(2)}, tmp_path / "plain.safetensors")
    with pytest.raises(CnnvizError, match="does not name its architecture"):
        load_model(str(tmp_path / "plain.safetensors"))
    torch.save({"w": torch.ones(2)}, tmp_path / "plain.pth")
    with pytest.raises(CnnvizError, match="pass it as --weights"):
        load_model(str(tmp_path / "plain.pth"))
    with pytest.raises(CnnvizError, match="model file not found"):
        load_model(str(tmp_path / "nothing.safetensors"))
    save_file({"w": torch.ones(2)}, tmp_path / "alien.safetensors", metadata={weights.MODEL_KEY: "alien_net"})
    with pytest.raises(CnnvizError, match="'alien_net', which cnnviz does not know"):
        load_model(str(tmp_path / "alien.safetensors"))


def test_torchscript_needs_trust_code(tmp_path, monkeypatch):
    model = MnistResidual().eval()
    x = torch.randn(1, 1, 28, 28)
    _traced(model, x, tmp_path / "net.pt")
    real_jit_load = torch.jit.load
    monkeypatch.setattr(torch.jit, "load", lambda *a, **k: pytest.fail("TorchScript loaded without trust"))
    with pytest.raises(CnnvizError, match="TorchScript model: loading it runs code") as info:
        load_model(str(tmp_path / "net.pt"))
    assert "--trust-code" in str(info.value)
    monkeypatch.setattr(torch.jit, "load", real_jit_load)
    loaded = load_model(str(tmp_path / "net.pt"), trust_code=True)
    assert loaded.info.family == "file" and not loaded.info.described
    assert (loaded.info.input.channels, *loaded.info.input.size) == (1, 28, 28)  # guessed from its first conv
    with torch.no_grad():
        assert torch.equal(loaded.module(x), model(x))
    with pytest.raises(CnnvizError, match="own weights"):
        load_model(str(tmp_path / "net.pt"), "none", trust_code=True)


def test_googlenet_default_from_cache_drops_aux_heads():
    # torchvision's googlenet file holds (untrained) aux heads; its builder loads them, then drops them.
    served = torchvision.models.GoogLeNet(transform_input=True, aux_logits=True, init_weights=False)
    _to_cache("googlenet", served)
    loaded = load_model("googlenet")
    module = loaded.module
    assert module.aux1 is None and module.aux2 is None and module.aux_logits is False
    assert module.transform_input is True
    expected = {k: v for k, v in served.state_dict().items() if not k.startswith(("aux1.", "aux2."))}
    assert _same(module.state_dict(), expected)


def test_inception_v3_default_from_cache_drops_aux_logits():
    served = torchvision.models.Inception3(transform_input=True, aux_logits=True, init_weights=False)
    _to_cache("inception_v3", served)
    module = load_model("inception_v3").module
    assert module.AuxLogits is None and module.aux_logits is False and module.transform_input is True
    assert torch.equal(module.fc.weight, served.fc.weight)
    assert torch.equal(module.Mixed_7c.branch_pool.conv.weight, served.Mixed_7c.branch_pool.conv.weight)


def test_densenet_legacy_keys_are_renamed():
    served = torchvision.models.densenet121()
    old = re.compile(r"^(.*denselayer\d+\.(?:norm|relu|conv))([12])\.(weight|bias|running_mean|running_var)$")
    legacy = {old.sub(r"\1.\2.\3", k): v for k, v in served.state_dict().items()}
    assert "features.denseblock1.denselayer1.norm.1.weight" in legacy
    _to_cache("densenet121", served, legacy)
    assert _same(load_model("densenet121").module, served)


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")
def test_model_moves_to_cuda():
    loaded = load_model("mnist_inception", "none", device="cuda")
    assert loaded.device.type == "cuda" and next(loaded.module.parameters()).is_cuda
