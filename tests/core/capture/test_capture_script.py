"""A TorchScript model is captured as input and output only (no hooks reach inside it), from Python and the CLI."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image
from safetensors import safe_open

from cnnviz.cli import main
from cnnviz.core.capture.run import capture
from cnnviz.core.models import zoo
from cnnviz.core.models.loader import load_model


@pytest.fixture(scope="module")
def scripted(tmp_path_factory) -> Path:
    model = zoo.build_model("alexnet_small", num_classes=10).eval()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # torch.jit.script is deprecated in torch 2.x
        script = torch.jit.script(model)
    path = tmp_path_factory.mktemp("script") / "scripted.pt"
    script.save(str(path))
    return path


def test_scripted_model_is_captured_as_input_and_output(scripted: Path) -> None:
    loaded = load_model(scripted, trust_code=True)
    assert isinstance(loaded.module, torch.jit.ScriptModule)
    loaded.module.train()  # its train/eval flag is restored, and the capture runs in eval mode
    x = torch.randn(2, 3, 224, 224)
    cap = capture(loaded, x)
    assert list(cap) == ["input", "output"]
    assert cap.blocks == [] and cap.extras["blocks"] == []
    assert torch.equal(cap["input"], x)
    assert cap["output"].shape == (2, 10)
    assert loaded.module.training
    loaded.module.eval()
    with torch.no_grad():
        assert torch.equal(cap["output"], loaded.module(x))


def test_cli_captures_a_scripted_model(scripted: Path, tmp_path: Path) -> None:
    image = tmp_path / "photo.png"
    Image.fromarray(np.random.default_rng(0).integers(0, 255, (40, 50, 3), dtype=np.uint8)).save(image)
    out = tmp_path / "x.safetensors"
    rc = main(["capture", str(image), "--model", str(scripted), "--trust-code", "-o", str(out)])
    assert rc == 0
    with safe_open(str(out), "pt") as f:
        assert sorted(f.keys()) == ["input", "output"]
        assert f.get_tensor("output").shape == (1, 10)
