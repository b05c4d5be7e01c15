"""The attribution overlay: a hand-made map is high where it is high, opacity 0 is the input view and 1 the
coloured map, CAMs are ReLU'd and pixel maps absolute, constant and non-finite maps do not divide by zero,
shapes and dtypes are right, and bad input is one CnnvizError."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from cnnviz.core.errors import CnnvizError
from cnnviz.core.views.attribution_view import attribution_overlay, normalise_map, overlay_title
from cnnviz.core.views.colormaps import lut

H, W = 32, 48


@pytest.fixture(scope="module")
def view() -> np.ndarray:
    rng = np.random.default_rng(0)
    return rng.integers(0, 256, size=(H, W, 3), dtype=np.uint8)


def _left_high() -> torch.Tensor:
    """A 4 x 6 CAM, (1, 1, h, w) as Attribution gives it: high on the left third, zero on the right third."""
    cam = torch.zeros(1, 1, 4, 6)
    cam[..., :2] = 3.0
    cam[..., 2:4] = 1.0
    return cam


def test_the_overlay_is_the_views_size_and_uint8(view: np.ndarray) -> None:
    out = attribution_overlay(view, _left_high(), method="gradcam")
    assert out.shape == (H, W, 3) and out.dtype == np.uint8 and out.flags["C_CONTIGUOUS"]
    assert len({tuple(c) for c in out.reshape(-1, 3)}) > 50  # not blank


def test_where_the_map_is_high_the_colour_maps_top(view: np.ndarray) -> None:
    out = attribution_overlay(view, _left_high(), method="gradcam", opacity=1.0, cmap="gray")
    grey = out[..., 0].astype(int)
    assert (grey[:, :12] == 255).all()  # the high third, far from the bilinear seams: level 255
    assert (grey[:, -12:] == 0).all()  # the zero third: level 0
    assert 0 < grey[:, W // 2].mean() < 255  # between: in between
    half = attribution_overlay(view, _left_high(), method="gradcam", opacity=0.5, cmap="gray").astype(int)
    assert (half[:, :12] > view[:, :12] // 2).all() and (half[:, -12:] <= (view[:, -12:].astype(int) + 1) // 2).all()


def test_opacity_zero_is_the_view_and_one_the_coloured_map(view: np.ndarray) -> None:
    cam = _left_high()
    np.testing.assert_array_equal(attribution_overlay(view, cam, method="gradcam", opacity=0.0), view)
    plane = normalise_map(cam, "gradcam", (H, W))
    expected = lut("magma")[(plane * 255).round().long().numpy()]
    np.testing.assert_array_equal(attribution_overlay(view, cam, method="gradcam", opacity=1.0, cmap="magma"),
                                  expected)


def test_normalise_map_relus_cams_and_takes_pixel_maps_absolute() -> None:
    signed = torch.tensor([[[[-4.0, 2.0], [0.0, 1.0]]]])
    np.testing.assert_allclose(normalise_map(signed, "gradcam").numpy(), [[0.0, 1.0], [0.0, 0.5]])
    pixels = torch.zeros(1, 3, 20, 20)
    pixels[0, 1, :10] = -8.0  # negative evidence counts as much as positive
    pixels[0, 2, 10:] = 8.0
    pixels[0, 0, :10] = 4.0  # the largest over the channels, not their sum
    pixels[0, 2, 15, 15], pixels[0, 0, 15, 15] = 0.0, 2.0
    pixels[0, :, 0, 0] = 0.0
    plane = normalise_map(pixels, "saliency")
    assert plane.shape == (20, 20) and plane.dtype == torch.float32
    assert plane[5, 5] == plane[12, 3] == 1.0 and plane[15, 15] == pytest.approx(0.25) and plane[0, 0] == 0.0
    assert plane.sum() == pytest.approx(400 - 1 - 0.75)


def test_pixel_maps_clip_their_outliers() -> None:
    pixels = torch.ones(1, 3, 40, 40)
    pixels[0, :, 0, 0] = 1000.0  # one extreme pixel does not leave the rest black
    plane = normalise_map(pixels, "integrated-gradients")
    assert plane[0, 0] == 1.0 and plane[10, 10] == 1.0


@pytest.mark.parametrize("value", [0.0, 5.0, -2.0])
def test_a_constant_map_does_not_divide_by_zero(view: np.ndarray, value: float) -> None:
    cam = torch.full((1, 1, 3, 3), value)
    plane = normalise_map(cam, "layercam", (H, W))
    assert torch.isfinite(plane).all() and plane.unique().numel() == 1
    out = attribution_overlay(view, cam, method="layercam", opacity=1.0)
    assert len({tuple(c) for c in out.reshape(-1, 3)}) == 1  # one colour, not garbage
    assert normalise_map(torch.zeros(1, 3, 8, 8), "smoothgrad").eq(0).all()


def test_non_finite_values_count_as_zero() -> None:
    cam = torch.tensor([[float("nan"), float("inf")], [2.0, float("-inf")]])
    np.testing.assert_array_equal(normalise_map(cam, "gradcam").numpy(), [[0.0, 0.0], [1.0, 0.0]])


def test_a_grey_view_is_drawn_as_grey_rgb() -> None:
    grey = np.arange(H * W, dtype=np.int64).reshape(H, W).astype(np.uint8)
    out = attribution_overlay(grey, _left_high(), method="gradcam", opacity=0.0)
    assert out.shape == (H, W, 3)
    np.testing.assert_array_equal(out, np.repeat(grey[..., None], 3, axis=2))


@pytest.mark.parametrize("kwargs,needle", [
    ({"opacity": 1.5}, "opacity must be between 0 and 1, got 1.5"),
    ({"opacity": "half"}, "opacity must be a number between 0 and 1"),
    ({"opacity": float("nan")}, "opacity must be between 0 and 1"),
    ({"cmap": "jet"}, "unknown colour map 'jet'"),
    ({"method": "cam"}, "unknown attribution method 'cam'"),
])
def test_bad_options_are_one_error(view: np.ndarray, kwargs: dict, needle: str) -> None:
    args = {"method": "gradcam", **kwargs}
    with pytest.raises(CnnvizError, match=needle.replace("(", r"\(")):
        attribution_overlay(view, _left_high(), **args)


@pytest.mark.parametrize("amap", [torch.zeros(2, 1, 4, 4), torch.zeros(4), torch.zeros(1, 1, 0, 4)])
def test_bad_maps_are_one_error(view: np.ndarray, amap: torch.Tensor) -> None:
    with pytest.raises(CnnvizError, match="attribution view"):
        attribution_overlay(view, amap, method="gradcam")


def test_a_view_that_is_not_uint8_is_one_error() -> None:
    with pytest.raises(CnnvizError, match="uint8 H x W or H x W x 3"):
        attribution_overlay(np.zeros((4, 4, 3), np.float32), _left_high(), method="gradcam")


def test_titles_name_method_layer_class_and_score() -> None:
    assert overlay_title("gradcam++", "layer3", 281, "tabby", 9.123, 0.43) == \
        "Grad-CAM++ of layer3 for class 281 (tabby), score 9.12, p=0.43"
    assert overlay_title("saliency", "input", 3, "3") == "Saliency for class 3"
