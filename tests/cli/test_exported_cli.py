"""The command line on torch.export programs (.pt2): capture and summary without --trust-code, module keys
in the capture file, and files that are not programs (or hold code) exit 2 with one line."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
import torch
import torchvision
from safetensors import safe_open

from cnnviz.core.inputs.images import sample_images
from tests.cli.helpers import one_error_line, run_cli
from tests.core.models.not_programs import NOT_PROGRAMS, write_not_a_program

PHOTO = next(p for p in sample_images() if p.suffix.lower() == ".jpg")


@pytest.fixture(scope="module")
def program(tmp_path_factory) -> Path:
    torch.manual_seed(0)
    model = torchvision.models.resnet18(weights=None).eval()
    path = tmp_path_factory.mktemp("pt2") / "resnet18.pt2"
    torch.export.save(torch.export.export(model, (torch.randn(1, 3, 224, 224),)), str(path))
    return path


def test_capture_of_a_program_needs_no_trust_code_and_has_module_keys(capsys, program, tmp_path):
    out = tmp_path / "out.safetensors"
    code, _, err = run_cli(capsys, "capture", str(PHOTO), "--model", str(program), "-o", str(out))
    assert code == 0, err
    with safe_open(str(out), "pt") as f:
        keys = set(f.keys())
        assert {"input", "output", "layer1.0.conv1", "layer4.1.relu#2", "layer2.0:identity", "layer2.0:sum"} <= keys
        assert torch.equal(f.get_tensor("layer2.0:identity") + f.get_tensor("layer2.0:residual"),
                           f.get_tensor("layer2.0:sum"))
        assert f.get_tensor("input").shape == (1, 3, 224, 224)


def test_summary_of_a_program_matches_the_architecture(capsys, program):
    code, out, err = run_cli(capsys, "summary", str(program), "--json")
    assert code == 0, err
    data = json.loads(out)
    reference = torchvision.models.resnet18(weights=None)
    assert data["input_shape"] == [3, 224, 224]
    assert data["total_params"] == sum(p.numel() for p in reference.parameters())
    assert data["total_macs"] == 1_814_073_344  # torchvision's 1.81 GFLOPS for resnet18
    layers = {layer["name"]: layer for layer in data["layers"]}
    assert layers["layer1.0.conv1"]["type"] == "Conv2d" and layers["layer1.0"]["type"] == "BasicBlock"
    assert len(data["blocks"]) == 8


def test_another_input_size_for_a_fixed_size_program_is_one_line(capsys, program):
    line = one_error_line(capsys, "summary", str(program), "--input-size", "3", "112", "112")
    assert "takes 1x3x224x224 inputs only, not 1x3x112x112" in line


@pytest.mark.parametrize("kind, words", NOT_PROGRAMS)
def test_files_that_are_not_programs_exit_2_with_one_line(capsys, program, tmp_path, kind, words):
    path = write_not_a_program(tmp_path / "bad.pt2", kind, program)
    for command in (["summary", str(path)], ["capture", str(PHOTO), "--model", str(path), "-o",
                                             str(tmp_path / "o.safetensors")]):
        line = one_error_line(capsys, *command)
        assert "bad.pt2 is not a torch.export program" in line and words in line
    assert not (tmp_path / "o.safetensors").exists()


def test_a_program_with_a_pickled_weight_needs_trust_code(capsys, program, tmp_path):
    bad = tmp_path / "pickled.pt2"
    with zipfile.ZipFile(program) as zin, zipfile.ZipFile(bad, "w", zipfile.ZIP_STORED) as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if name.endswith("data/weights/model_weights_config.json"):
                config = json.loads(data)
                config["config"]["fc.bias"]["use_pickle"] = True
                data = json.dumps(config).encode()
            zout.writestr(name, data)
    line = one_error_line(capsys, "summary", str(bad))
    assert "weight fc.bias" in line and "--trust-code" in line
