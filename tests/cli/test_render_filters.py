"""``cnnviz render --view filters``: the filter picture headless, from the same core as the Filters dock."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from cnnviz.cli import main
from cnnviz.core.views.colormaps import lut
from cnnviz.core.inputs.images import sample_images
from cnnviz.core.models.loader import load_model
from cnnviz.core.views.mosaic import ZERO_LEVEL
from cnnviz.cli.render import render_filters

DIGIT = next(p for p in sample_images() if p.stem == "digit_5")


def render(capsys, tmp_path: Path, model: str, layer: str) -> tuple[int, str, Path]:
    out = tmp_path / f"{layer}.png"
    code = main(["render", str(DIGIT), "--model", model, "--weights", "none", "--view", "filters",
                 "--layer", layer, "-o", str(out)])
    return code, capsys.readouterr().err, out


@pytest.mark.parametrize("model,layer", [("mnist_inception", "incep2.branch3x3.1"), ("mnist_residual", "res1.conv2"),
                                         ("mnist_residual", "fc")])
def test_filters_png_is_written_and_coloured(capsys, tmp_path: Path, model: str, layer: str) -> None:
    code, err, out = render(capsys, tmp_path, model, layer)
    assert code == 0, err
    assert f"wrote {out}" in err
    with Image.open(out) as image:
        pixels = np.asarray(image.convert("RGB"))
    assert pixels.shape[0] >= 120 and pixels.shape[1] >= 120  # enlarged, with labels
    colours = {tuple(c) for c in pixels.reshape(-1, 3)[::7]}
    assert len(colours) > 30  # many weights in coolwarm, not one flat colour
    assert tuple(lut("coolwarm")[ZERO_LEVEL]) in colours  # the grid's padding: weight 0 in coolwarm


def test_a_block_draws_its_first_convolution_and_says_so() -> None:
    model = load_model("mnist_residual", "none").module
    [(label, image)], footer = render_filters(model, "res2")
    assert label.startswith("res2.conv1 (Conv2d, convolution, weights 32x32x3x3")
    assert "res2 is a ResidualBlock: showing its first layer with weights, res2.conv1" in footer
    assert footer.startswith("kernel 3x3, stride 1, padding 1, dilation 1, groups 1")
    assert image.shape == (32 * 3 + 31, 32 * 3 + 31)


def test_large_layers_are_cut_to_one_page_and_say_so() -> None:
    model = load_model("mnist_inception", "none").module
    [(label, image)], _ = render_filters(model, "incep2.branch3x3.1", per_picture=10)
    assert label.endswith("filters 1-10 of 24)") and image.shape == (10 * 3 + 9, 16 * 3 + 15)


@pytest.mark.parametrize("layer,needle", [
    ("res9.conv1", "unknown layer 'res9.conv1'. Did you mean"),
    ("relu1", "relu1: ReLU has no filters: select a convolution or linear layer"),
])
def test_bad_layer_exits_2_with_one_line(capsys, tmp_path: Path, layer: str, needle: str) -> None:
    code, err, out = render(capsys, tmp_path, "mnist_residual", layer)
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1 and lines[0].startswith("cnnviz: error: ")
    assert needle in lines[0] and not out.exists()
