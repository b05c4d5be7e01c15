"""``cnnviz render --view gradcam``: the attribution map over the input written as a PNG, headless, with the
Attribution dock's code (cnnviz.core.views.attribution_view); each bad option one line and exit status 2."""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from cnnviz.cli.render import render_gradcam
from cnnviz.core.inputs.images import decode_image, sample_images
from cnnviz.core.models.loader import load_model

from tests.cli.helpers import one_error_line, run_cli

SAMPLES = {p.stem: p for p in sample_images()}
DIGIT, CAT = SAMPLES["digit_3"], Path(SAMPLES["digit_3"]).parent / "cat.jpg"


def _pixels(path: Path) -> np.ndarray:
    with Image.open(path) as image:
        return np.asarray(image.convert("RGB"))


def test_the_digit_png_is_written_with_the_overlay(capsys, tmp_path: Path) -> None:
    out = tmp_path / "out.png"
    code, _, err = run_cli(capsys, "render", DIGIT, "--model", "mnist_inception", "--view", "gradcam", "-o", out)
    assert code == 0, err
    assert f"wrote {out}" in err
    pixels = _pixels(out)
    assert pixels.shape[0] >= 160 and pixels.shape[1] >= 2 * 160  # two enlarged panels with their labels
    assert len({tuple(c) for c in pixels.reshape(-1, 3)[::3]}) > 50  # a picture, not one colour


@pytest.fixture(scope="module")
def digit_panels():
    loaded = load_model("mnist_inception")
    args = argparse.Namespace(layer=None, method=None, target=None, opacity=None, cmap=None)
    return render_gradcam(loaded, decode_image(DIGIT), args)


def test_the_panels_are_the_input_view_and_the_titled_overlay(digit_panels) -> None:
    (view_label, view), (label, overlay) = digit_panels[0]
    assert view_label == "input as the model sees it (28x28)"
    assert view.shape == overlay.shape == (28, 28, 3) and overlay.dtype == np.uint8
    assert label.startswith("Grad-CAM of ") and " for class 3, score " in label and ", p=" in label
    assert len({tuple(c) for c in overlay.reshape(-1, 3)}) > 30 and not np.array_equal(view, overlay)
    assert "ReLU'd, divided by its maximum" in digit_panels[1] and "inferno at opacity 0.5" in digit_panels[1]


def test_resnet18_at_layer3_for_class_281(capsys, tmp_path: Path) -> None:
    out = tmp_path / "cat.png"
    code, _, err = run_cli(capsys, "render", CAT, "--model", "resnet18", "--weights", "none", "--view", "gradcam",
                           "--layer", "layer3", "--target", "281", "--opacity", "0.7", "-o", out)
    assert code == 0, err
    pixels = _pixels(out)
    assert pixels.shape[1] >= 2 * 224 and pixels.shape[0] >= 224
    assert len({tuple(c) for c in pixels.reshape(-1, 3)[::5]}) > 200  # the photograph and its overlay


def test_a_pixel_method_for_another_class(capsys, tmp_path: Path) -> None:
    out = tmp_path / "saliency.png"
    code, _, err = run_cli(capsys, "render", DIGIT, "--model", "mnist_inception", "--view", "gradcam",
                           "--method", "saliency", "--target", "8", "--opacity", "1", "--cmap", "viridis", "-o", out)
    assert code == 0, err
    assert len({tuple(c) for c in _pixels(out).reshape(-1, 3)[::3]}) > 30


@pytest.mark.parametrize("options,needles", [
    (["--layer", "incep9"], ["unknown layer 'incep9'", "the convolutions are:"]),
    (["--layer", "all"], ["draws one layer"]),
    (["--target", "10"], ["target class 10 is outside the model's classes 0-9"]),
    (["--target", "zebra"], ["--target 'zebra' is not a class index or one of the model's 10 class names"]),
    (["--method", "cam"], ["unknown attribution method 'cam'", "gradcam++"]),
    (["--method", "saliency", "--layer", "incep2"], ["saliency works on the input's pixels and takes no layer"]),
    (["--opacity", "2"], ["opacity must be between 0 and 1, got 2"]),
    (["--opacity", "half"], ["opacity must be a number between 0 and 1"]),
    (["--cmap", "jet"], ["unknown colour map 'jet'"]),
])
def test_bad_options_exit_2_with_one_line(capsys, tmp_path: Path, options: list[str], needles: list[str]) -> None:
    out = tmp_path / "bad.png"
    line = one_error_line(capsys, "render", DIGIT, "--model", "mnist_inception", "--view", "gradcam", *options,
                          "-o", out)
    assert all(n in line for n in needles), line
    assert not out.exists()


def test_attribution_options_belong_to_the_gradcam_view(capsys, tmp_path: Path) -> None:
    line = one_error_line(capsys, "render", DIGIT, "--model", "mnist_inception", "--view", "features",
                          "--target", "3", "--opacity", "0.2", "-o", tmp_path / "f.png")
    assert "--target, --opacity: only for --view gradcam, not --view features" in line
