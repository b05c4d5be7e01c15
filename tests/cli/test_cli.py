"""The command line: each subcommand end to end, and every user error as one line with exit status 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image
from safetensors import safe_open

from cnnviz.cli import main
from cnnviz.core.inputs.images import sample_images
from tests.cli.helpers import run_cli

SAMPLES = {p.stem: p for p in sample_images()}


def test_help_and_models(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    text = capsys.readouterr().out
    assert "summary" in text and "timm" in text  # 'cnnviz models' lists timm's CNNs too
    code, out, _ = run_cli(capsys, "models", "--json")
    names = [row["name"] for row in json.loads(out)]
    assert code == 0 and names[:3] == ["mnist_inception", "mnist_residual", "alexnet_small"]
    assert "googlenet" in names and "resnet50" in names and not any(n.startswith("vit_") for n in names)


def test_summary_json_schema_and_blocks(capsys) -> None:
    code, out, _ = run_cli(capsys, "summary", "mnist_inception", "--json")
    data = json.loads(out)
    assert code == 0
    assert list(data)[:5] == ["model", "input_shape", "total_params", "total_macs", "layers"]
    assert set(data["layers"][0]) == {"name", "type", "input_shape", "output_shape", "params", "macs", "receptive_field"}
    assert data["input_shape"] == [1, 28, 28]
    assert data["total_params"] == 97298
    incep1, incep2 = data["blocks"]
    assert [b["out_channels"] for b in incep1["branches"]] == [16, 24, 24, 24]
    # incep1's "reduction" widens 10 channels to 16, so it costs more than a direct 5x5; incep2's saves
    assert incep1["branches"][1]["direct_macs"] < incep1["branches"][1]["macs"]
    assert incep2["branches"][1]["direct_macs"] > incep2["branches"][1]["macs"]


def test_capture_writes_every_key_and_metadata(capsys, tmp_path: Path) -> None:
    out = tmp_path / "cap.safetensors"
    code, _, err = run_cli(capsys, "capture", str(SAMPLES["digit_3"]), "--model", "mnist_residual",
                           "--weights", "none", "-o", str(out))
    assert code == 0, err
    with safe_open(str(out), "pt") as f:
        keys = list(f.keys())
        meta = f.metadata()
        assert {"input", "output", "conv1", "res1", "res1:identity", "res1:residual", "res1:sum"} <= set(keys)
        assert torch.equal(f.get_tensor("res1:identity") + f.get_tensor("res1:residual"), f.get_tensor("res1:sum"))
    assert meta["model"] == "mnist_residual" and meta["weights"] == "none"
    assert json.loads(meta["blocks"]) == [{"path": "res1", "kind": "residual"}, {"path": "res2", "kind": "residual"}]


@pytest.mark.parametrize("view,layer", [("features", None), ("inception", "incep2"), ("filters", "conv1"),
                                        ("features", "incep1.branch3x3.1")])
def test_render_views_are_not_blank(capsys, tmp_path: Path, view: str, layer: str | None) -> None:
    out = tmp_path / f"{view}.png"
    args = ["render", str(SAMPLES["digit_5"]), "--model", "mnist_inception", "--weights", "none",
            "--view", view, "-o", str(out)] + (["--layer", layer] if layer else [])
    code, _, err = run_cli(capsys, *args)
    assert code == 0, err
    with Image.open(out) as image:
        pixels = np.asarray(image.convert("RGB"), dtype=np.float32)
    assert pixels.shape[0] > 150 and pixels.shape[1] > 150
    assert pixels.std() > 20  # labels and maps, not one flat colour


def test_render_residual_view(capsys, tmp_path: Path) -> None:
    out = tmp_path / "res.png"
    code, _, err = run_cli(capsys, "render", str(SAMPLES["digit_5"]), "--model", "mnist_residual",
                           "--weights", "none", "--view", "residual", "-o", str(out))
    assert code == 0, err
    with Image.open(out) as image:
        assert image.width > 4 * 160


ERRORS = [
    (["summary", "resnet5O"], "unknown model 'resnet5O'. Did you mean"),
    (["capture", "/nonexistent/x.png", "--model", "mnist_inception", "--weights", "none", "-o", "o.safetensors"],
     "/nonexistent/x.png"),
    (["render", "{samples}/digit_1.png", "--model", "mnist_inception", "--weights", "none", "--view", "inception",
      "--layer", "conv1", "-o", "{tmp}/o.png"], "is not a inception block; the inception blocks are: incep1, incep2"),
    (["render", "{samples}/digit_1.png", "--model", "mnist_inception", "--weights", "none", "--view", "residual",
      "-o", "{tmp}/o.png"], "has no residual blocks; its blocks are: incep1, incep2"),
    (["render", "{samples}/digit_1.png", "--model", "mnist_inception", "--weights", "none", "--layer", "incep1.branch5",
      "-o", "{tmp}/o.png"], "unknown layer 'incep1.branch5'. Did you mean incep1.branch5x5"),
    (["capture", "{tmp}/notimage.png", "--model", "mnist_inception", "--weights", "none", "-o", "{tmp}/o.st"], "notimage"),
    (["capture", "{samples}/digit_1.png", "--model", "mnist_inception", "--weights", "{tmp}/notimage.png",
      "-o", "{tmp}/o.st"], "notimage"),
    (["capture", "{samples}/digit_1.png", "--model", "mnist_inception", "--device", "cuda:7", "-o", "{tmp}/o.st"],
     "cuda:7"),
]


@pytest.mark.parametrize("argv,needle", ERRORS)
def test_user_errors_exit_2_with_one_line(capsys, tmp_path: Path, argv: list[str], needle: str) -> None:
    (tmp_path / "notimage.png").write_text("this is not a picture")
    samples = str(next(iter(SAMPLES.values())).parent)
    argv = [a.format(tmp=tmp_path, samples=samples) for a in argv]
    code, out, err = run_cli(capsys, *argv)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cnnviz: error: "), err
    assert needle.format(tmp=tmp_path) in lines[0]
    assert "Traceback" not in err


def test_module_entry_point_runs_without_traceback(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "cnnviz", "summary", "no_such_net"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.startswith("cnnviz: error: unknown model 'no_such_net'")
    assert "Traceback" not in result.stderr
