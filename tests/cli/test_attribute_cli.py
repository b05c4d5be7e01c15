"""``cnnviz attribute``: the map written with ``input`` and its provenance, ``--layer all`` one map per
convolution, pixel-space methods at the input's size, and each user error one line with exit status 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
from safetensors import safe_open

from cnnviz.cli import main
from cnnviz.cli.attribute import METHODS as CLI_METHODS
from cnnviz.core.analysis.attribution import METHODS, attribute
from cnnviz.core.inputs.images import load_image, sample_images
from cnnviz.core.models.loader import load_model

SAMPLES = {p.stem: p for p in sample_images()}
DIGIT = SAMPLES["digit_3"]


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _read(path: Path) -> tuple[dict[str, torch.Tensor], dict[str, str]]:
    with safe_open(str(path), "pt") as f:
        return {k: f.get_tensor(k) for k in f.keys()}, f.metadata()


def _one_error_line(code: int, err: str, *needles: str) -> None:
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1 and lines[0].startswith("cnnviz: error: "), err
    assert all(n in lines[0] for n in needles), err


def test_gradcam_of_the_default_layer_is_written_with_its_provenance(capsys, tmp_path: Path) -> None:
    out = tmp_path / "cam.safetensors"
    code, _, err = _run(capsys, "attribute", str(DIGIT), "--model", "mnist_inception", "-o", str(out))
    assert code == 0, err
    tensors, meta = _read(out)
    assert set(tensors) == {"input", "attribution"}
    loaded = load_model("mnist_inception")
    x = load_image(DIGIT, loaded.info)
    expected = attribute(loaded.module, x)
    (layer,) = list(expected)
    torch.testing.assert_close(tensors["attribution"], expected[layer])
    torch.testing.assert_close(tensors["input"], x)
    assert meta["method"] == "gradcam" and json.loads(meta["layers"]) == [layer]
    assert int(meta["target"]) == int(expected.targets[0]) and meta["model"] == "mnist_inception"
    assert f"class {meta['target']}" in err and layer in err


def test_every_convolution_with_layer_all(capsys, tmp_path: Path) -> None:
    out = tmp_path / "all.safetensors"
    code, _, err = _run(capsys, "attribute", str(DIGIT), "--model", "mnist_residual", "--layer", "all",
                        "--target", "7", "--method", "layercam", "-o", str(out))
    assert code == 0, err
    tensors, meta = _read(out)
    convs = [p for p, m in load_model("mnist_residual").module.named_modules() if isinstance(m, torch.nn.Conv2d)]
    assert set(tensors) == {"input", *(f"attribution:{c}" for c in convs)}
    assert meta["method"] == "layercam" and meta["target"] == "7"


def test_a_pixel_space_method_maps_the_input(capsys, tmp_path: Path) -> None:
    out = tmp_path / "sal.safetensors"
    code, _, err = _run(capsys, "attribute", str(DIGIT), "--model", "mnist_inception", "--method", "saliency",
                        "-o", str(out))
    assert code == 0, err
    tensors, _ = _read(out)
    assert tensors["attribution"].shape == tensors["input"].shape


@pytest.mark.parametrize(("args", "needles"), [
    (("--method", "gradcam-plus"), ("unknown attribution method", "gradcam++", "occlusion")),
    (("--layer", "conv9"), ("unknown layer 'conv9'", "conv1")),
    (("--target", "10"), ("outside the model's classes 0-9",)),
    (("--target", "zebra"), ("--target 'zebra'",)),
    (("--method", "saliency", "--layer", "conv1"), ("takes no layer",)),
])
def test_user_errors_are_one_line(capsys, tmp_path: Path, args, needles) -> None:
    code, _, err = _run(capsys, "attribute", str(DIGIT), "--model", "mnist_inception", *args,
                        "-o", str(tmp_path / "x.safetensors"))
    _one_error_line(code, err, *needles)
    assert not (tmp_path / "x.safetensors").exists()


def test_help_lists_the_command(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "attribute" in capsys.readouterr().out


def test_a_class_by_name_on_a_photo(capsys, tmp_path: Path) -> None:
    out = tmp_path / "gb.safetensors"
    code, _, err = _run(capsys, "attribute", str(SAMPLES["cat"]), "--model", "resnet18", "--weights", "none",
                        "--target", "goldfish", "--method", "guided-gradcam", "--layer", "layer3", "-o", str(out))
    assert code == 0, err
    tensors, meta = _read(out)
    assert meta["target"] == "1" and meta["target_name"] == "goldfish" and "(goldfish)" in err
    assert tensors["attribution"].shape == tensors["input"].shape == (1, 3, 224, 224)


def test_the_command_offers_every_method() -> None:
    assert CLI_METHODS == METHODS
