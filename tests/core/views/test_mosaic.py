"""Rendering tensors to uint8 images: mosaic layout, grid hit-testing, levels, filters, overlay, compose."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from cnnviz.core.views.colormaps import COLORMAPS, apply_lut, is_diverging, lut
from cnnviz.core.errors import CnnvizError
from cnnviz.core.views.mosaic import (
    PAD_UNSIGNED,
    ZERO_LEVEL,
    Grid,
    channel_image,
    compose,
    feature_mosaic,
    filter_grid,
    overlay,
)


def _cell(mosaic, channel: int) -> np.ndarray:
    x, y, w, h = mosaic.grid.rect(channel)
    return mosaic.image[y:y + h, x:x + w]


# ---------------------------------------------------------------- colour maps

@pytest.mark.parametrize("name", COLORMAPS)
def test_lut_is_256_rgb_uint8_and_smooth(name: str) -> None:
    table = lut(name)
    assert table.shape == (256, 3) and table.dtype == np.uint8 and table.flags.c_contiguous
    steps = np.abs(np.diff(table.astype(int), axis=0))
    assert steps.max() <= 12  # interpolated, no jumps
    assert len({tuple(row) for row in table}) > 100


def test_lut_anchor_colours_and_diverging_middle() -> None:
    assert tuple(lut("gray")[0]) == (0, 0, 0) and tuple(lut("gray")[255]) == (255, 255, 255)
    assert tuple(lut("viridis")[0]) == (0x44, 0x01, 0x54) and tuple(lut("viridis")[255]) == (0xFD, 0xE7, 0x25)
    assert lut("magma")[255].min() > 180 and lut("inferno")[0].max() < 10
    assert tuple(lut("seismic")[128]) == pytest.approx((255, 255, 255), abs=3)
    assert is_diverging("coolwarm") and is_diverging("seismic") and not is_diverging("viridis")
    lut("gray")[0] = 7  # a copy: the cached table is untouched
    assert lut("gray")[0, 0] == 0


def test_unknown_colour_map_lists_the_names() -> None:
    with pytest.raises(CnnvizError, match="viridis.*seismic"):
        lut("jet")
    with pytest.raises(CnnvizError, match="magma"):
        is_diverging("rainbow")


def test_apply_lut_colours_each_level() -> None:
    img = np.array([[0, 128], [255, 7]], dtype=np.uint8)
    rgb = apply_lut(img, "viridis")
    assert rgb.shape == (2, 2, 3) and rgb.dtype == np.uint8
    assert (rgb[1, 0] == lut("viridis")[255]).all() and (rgb[1, 1] == lut("viridis")[7]).all()
    with pytest.raises(CnnvizError):
        apply_lut(img.astype(np.float32), "viridis")


# ---------------------------------------------------------------- feature mosaics

def test_mosaic_shape_for_88_channels() -> None:
    act = torch.rand(88, 12, 12)
    m = feature_mosaic(act)
    g = m.grid
    assert (g.rows, g.cols, g.cell_h, g.cell_w, g.pad) == (9, 10, 12, 12, 1)
    assert m.image.shape == (9 * 12 + 8, 10 * 12 + 9) == (g.height, g.width)
    assert m.image.dtype == np.uint8 and m.image.flags.c_contiguous
    assert g.order == tuple(range(88))
    assert (m.image[12, :] == PAD_UNSIGNED).all() and (m.image[:, 12] == PAD_UNSIGNED).all()
    assert (m.image[-12:, -12:] == PAD_UNSIGNED).all()  # cells 88, 89 are empty
    m3 = feature_mosaic(act, cols=3, pad=2)
    assert (m3.grid.rows, m3.grid.cols) == (30, 3) and m3.image.shape == (30 * 12 + 29 * 2, 3 * 12 + 2 * 2)


def test_mosaic_cells_hold_their_channel() -> None:
    act = torch.rand(10, 5, 7)
    m = feature_mosaic(act, normalize="layer")
    top = act.max()
    for c in range(10):
        expected = torch.round(act[c] / top * 255).to(torch.uint8).numpy()
        assert np.array_equal(_cell(m, c), expected)
    assert (m.signed, m.vmin, m.per_channel) == (False, 0.0, False)
    assert m.vmax == pytest.approx(float(top))


@pytest.mark.parametrize("order", ["index", "mean"])
def test_grid_round_trips_for_every_channel(order: str) -> None:
    m = feature_mosaic(torch.randn(88, 12, 12), order=order)
    g = m.grid
    assert sorted(g.order) == list(range(88))
    for c in range(88):
        row, col = g.cell_of(c)
        x, y, w, h = g.rect(c)
        assert (x, y, w, h) == (col * 13, row * 13, 12, 12)
        assert g.channel_at(x, y) == c and g.channel_at(x + w - 1, y + h - 1) == c
        assert g.channel_at(x + 5.7, y + 0.2) == c
        assert g.unit_at(x + 3, y + 5) == (c, 5, 3)
        if col < g.cols - 1:
            assert g.channel_at(x + w, y) is None  # the padding column right of the cell
    assert g.channel_at(-1, 0) is None and g.channel_at(0, g.height + 3) is None
    assert g.channel_at(g.width, 0) is None and g.unit_at(float("nan"), 0) is None
    assert g.channel_at(8 * 13 + 2, 8 * 13 + 2) is None  # cell 88: beyond the last channel
    with pytest.raises(CnnvizError):
        g.cell_of(88)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 60), cell_h=st.integers(1, 6), cell_w=st.integers(1, 6), pad=st.integers(0, 3),
       cols=st.integers(1, 12))
def test_grid_pixel_mapping_matches_rect(n: int, cell_h: int, cell_w: int, pad: int, cols: int) -> None:
    cols = min(cols, n)
    order = tuple(reversed(range(n)))
    g = Grid(math.ceil(n / cols), cols, cell_h, cell_w, pad, order)
    owner = np.full((g.height, g.width), -1)
    for c in range(n):
        x, y, w, h = g.rect(c)
        assert (owner[y:y + h, x:x + w] == -1).all() and x + w <= g.width and y + h <= g.height
        owner[y:y + h, x:x + w] = c
    for y in range(g.height):
        for x in range(g.width):
            got = g.channel_at(x, y)
            assert (got if got is not None else -1) == owner[y, x]


def test_order_by_mean_puts_highest_mean_first() -> None:
    act = torch.rand(20, 6, 6)
    act[13] += 5.0
    act[4] += 3.0
    m = feature_mosaic(act, order="mean")
    assert m.grid.order[:2] == (13, 4)
    means = act.mean(dim=(1, 2))[list(m.grid.order)]
    assert (means[:-1] >= means[1:]).all()
    assert m.grid.rect(13)[:2] == (0, 0)
    top3 = feature_mosaic(act, order="mean", max_channels=3)
    assert top3.grid.order == m.grid.order[:3] and (top3.grid.rows, top3.grid.cols) == (2, 2)


def test_signed_maps_put_zero_at_128() -> None:
    act = torch.zeros(4, 8, 8)
    act[0, 0, 0], act[1, 2, 3], act[2, 5, 5] = -2.0, 1.0, 0.5
    m = feature_mosaic(act)
    assert m.signed and (m.vmin, m.vmax) == (-2.0, 2.0)
    cells = np.stack([_cell(m, c) for c in range(4)])
    assert (cells[act.numpy() == 0] == ZERO_LEVEL).all()
    assert cells[0, 0, 0] == 1 and cells[1, 2, 3] == 128 + 64 and cells[2, 5, 5] == 128 + 32
    assert m.image[8, 0] == ZERO_LEVEL  # signed padding is the zero level


def test_channel_normalisation_differs_from_layer() -> None:
    act = torch.rand(6, 10, 10) + 0.1
    act[2] *= 100.0
    layer = feature_mosaic(act, normalize="layer")
    channel = feature_mosaic(act, normalize="channel")
    assert _cell(layer, 2).max() == 255 and channel.per_channel and not layer.per_channel
    for c in (0, 1, 3, 4, 5):
        assert _cell(layer, c).max() <= 3  # drowned by the loud channel
        assert _cell(channel, c).max() == 255  # each channel uses the full range
    assert np.array_equal(_cell(layer, 2), _cell(channel, 2))


def test_non_finite_values_render_as_zero() -> None:
    act = torch.rand(3, 4, 4) + 0.5
    act[0, 0, 0], act[1, 1, 1], act[2, 2, 2] = float("nan"), float("inf"), float("-inf")
    m = feature_mosaic(act, order="mean")
    assert not m.signed and math.isfinite(m.vmax) and m.vmax <= 1.5
    assert _cell(m, 0)[0, 0] == 0 and _cell(m, 1)[1, 1] == 0 and _cell(m, 2)[2, 2] == 0
    blank = feature_mosaic(torch.full((2, 3, 3), float("nan")))
    assert (_cell(blank, 0) == 0).all() and (_cell(blank, 1) == 0).all() and blank.vmax == 0.0


def test_batch_and_vector_inputs() -> None:
    act = torch.rand(1, 5, 3, 3)
    assert np.array_equal(feature_mosaic(act).image, feature_mosaic(act[0]).image)
    vec = feature_mosaic(torch.randn(1, 1000).to(torch.float16))
    g = vec.grid
    assert (g.cell_h, g.cell_w, g.pad, g.rows, g.cols) == (1, 1, 0, 32, 32) and vec.image.shape == (32, 32)
    assert g.channel_at(7, 2) == 2 * 32 + 7 and g.unit_at(7, 2) == (71, 0, 0)
    assert g.channel_at(31, 31) is None


@pytest.mark.parametrize("shape", [(2, 3, 4, 4), (3, 4), (0, 3, 3), (2, 2, 2, 2, 2)])
def test_bad_shapes_raise(shape: tuple[int, ...]) -> None:
    with pytest.raises(CnnvizError, match="shape"):
        feature_mosaic(torch.rand(shape))


def test_bad_options_raise() -> None:
    act = torch.rand(4, 3, 3)
    for kwargs in ({"normalize": "global"}, {"order": "max"}, {"cols": 0}, {"pad": -1}, {"max_channels": 0}):
        with pytest.raises(CnnvizError):
            feature_mosaic(act, **kwargs)


def test_channel_image_matches_mosaic_scale() -> None:
    act = torch.randn(5, 9, 11)
    m = feature_mosaic(act)
    big = channel_image(act, 3, signed_scale=(m.vmin, m.vmax))
    assert big.shape == (9, 11) and big.dtype == np.uint8 and big.flags.c_contiguous
    assert np.array_equal(big, _cell(m, 3))
    own = channel_image(act, 3)
    assert np.abs(own.astype(int) - ZERO_LEVEL).max() == 127
    unsigned = channel_image(act.abs(), 0, signed_scale=(0.0, float(act.abs()[0].max()) * 2))
    assert 120 <= unsigned.max() <= 130
    with pytest.raises(CnnvizError, match="channel 5"):
        channel_image(act, 5)


# ---------------------------------------------------------------- filters

def test_filter_grid_normal_conv() -> None:
    w = torch.randn(8, 4, 3, 3)
    m = filter_grid(w)
    assert (m.grid.rows, m.grid.cols, m.grid.cell_h) == (8, 4, 3)
    assert m.image.shape == (8 * 3 + 7, 4 * 3 + 3) and m.image.dtype == np.uint8 and m.signed
    o, i = 5, 2
    cell = _cell(m, o * 4 + i).astype(int)
    expected = torch.round(w[o, i] / w[o].abs().max() * 127 + 128).numpy()
    assert np.array_equal(cell, expected)
    mean = filter_grid(w, mode="mean")
    assert (mean.grid.rows, mean.grid.cols) == (3, 3) and mean.image.shape == (3 * 3 + 2, 3 * 3 + 2)
    assert filter_grid(w, max_filters=2).image.shape == (2 * 3 + 1, 4 * 3 + 3)


def test_filter_grid_rgb_first_layer() -> None:
    w = torch.randn(6, 3, 7, 7)
    m = filter_grid(w, mode="rgb")
    assert m.image.shape == (2 * 7 + 1, 3 * 7 + 2, 3) and m.image.flags.c_contiguous
    x, y, _, _ = m.grid.rect(4)
    tile = m.image[y:y + 7, x:x + 7].astype(int)
    assert np.array_equal(tile, torch.round(w[4].permute(1, 2, 0) / w[4].abs().max() * 127 + 128).numpy())
    assert (m.image[7, :] == 255).all()
    with pytest.raises(CnnvizError, match="3 input channels"):
        filter_grid(torch.randn(6, 4, 3, 3), mode="rgb")


def test_filter_grid_depthwise_is_near_square() -> None:
    conv = torch.nn.Conv2d(32, 32, 3, groups=32)
    m = filter_grid(conv.weight)
    assert conv.weight.shape[1] == 1
    assert (m.grid.rows, m.grid.cols) == (6, 6) and m.image.shape == (6 * 3 + 5, 6 * 3 + 5)
    assert m.grid.channel_at(4, 0) == 1


def test_filter_grid_dilated_shows_holes() -> None:
    w = torch.where(torch.rand(2, 2, 3, 3) > 0.5, 1.0, -1.0) * (torch.rand(2, 2, 3, 3) + 0.5)
    m = filter_grid(w, dilation=2)
    assert m.grid.cell_h == m.grid.cell_w == 5 and m.image.shape == (2 * 5 + 1, 2 * 5 + 1)
    cell = _cell(m, 3)
    taps = np.zeros((5, 5), dtype=bool)
    taps[::2, ::2] = True
    assert (cell[~taps] == ZERO_LEVEL).all() and (cell[taps] != ZERO_LEVEL).all()
    assert filter_grid(w, dilation=(1, 3)).grid.cell_w == 7


def test_filter_grid_linear_and_errors() -> None:
    w = torch.randn(10, 20)
    m = filter_grid(w, mode="rgb")
    assert m.image.shape == (10, 20) and m.grid.unit_at(7, 3) == (0, 3, 7) and not m.per_channel
    assert m.vmax == pytest.approx(float(w.abs().max()))
    for bad in (torch.randn(3, 3, 3), torch.randn(0, 4)):
        with pytest.raises(CnnvizError, match="weight"):
            filter_grid(bad)
    with pytest.raises(CnnvizError, match="dilation"):
        filter_grid(torch.randn(2, 2, 3, 3), dilation=0)


# ---------------------------------------------------------------- overlay and compose

def test_overlay_hot_region_gets_hottest_colour() -> None:
    img = np.full((40, 60, 3), 100, dtype=np.uint8)
    heat = torch.zeros(4, 6)
    heat[1:3, 3:5] = 2.0  # rows 10..29, columns 30..49 of the image
    out = overlay(img, heat, alpha=1.0)
    assert out.shape == (40, 60, 3) and out.dtype == np.uint8
    assert (out[20, 40] == lut("magma")[255]).all()
    assert (out[38, 2] == lut("magma")[0]).all()
    half = overlay(img, heat[None], cmap="inferno", alpha=0.5)
    assert np.abs(half[20, 40].astype(int) - (100 + lut("inferno")[255].astype(int)) / 2).max() <= 1
    assert np.abs(half[38, 2].astype(int) - (100 + lut("inferno")[0].astype(int)) / 2).max() <= 1
    assert (overlay(img, heat, alpha=0.0) == img).all()
    with pytest.raises(CnnvizError):
        overlay(img[..., 0], heat)


def test_compose_lays_out_labelled_panels() -> None:
    m = feature_mosaic(torch.rand(16, 8, 8))
    rgb = filter_grid(torch.randn(6, 3, 5, 5), mode="rgb").image
    panels = [("layer1 (16 channels, normalised per layer, a label long enough to wrap)", m.image),
              ("filters", rgb)]
    scaled = [(a.shape[0] * math.ceil(160 / a.shape[0]), a.shape[1] * math.ceil(160 / a.shape[0])) for _, a in panels]
    assert all(h >= 160 for h, _ in scaled)
    pic = compose(panels)
    arr = np.asarray(pic)
    assert pic.mode == "RGB" and pic.width > sum(w for _, w in scaled) and pic.height > max(h for h, _ in scaled)
    assert tuple(arr[0, 0]) == (255, 255, 255)
    second = 12 + scaled[0][1] + 16  # left edge of the second column
    assert (arr[:30, :scaled[0][1]].min(axis=2) < 100).sum() > 30  # dark label text above panel 1
    assert (arr[:30, second:].min(axis=2) < 100).sum() > 30  # and above panel 2
    titled = compose(panels, title="mnist_inception, a title " * 6, footer="viridis")
    assert titled.width == max(pic.width, 560 + 2 * 12) and titled.height > pic.height + 2 * 16
    narrow = compose(panels[1:], footer="a footer long enough to need a wide line, " * 3)
    assert narrow.width == 560 + 2 * 12  # title and footer get room to be read as lines
    with pytest.raises(CnnvizError):
        compose([])


# ---------------------------------------------------------------- CUDA

@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")
def test_cuda_matches_cpu() -> None:
    act = torch.randn(88, 12, 12)
    for kwargs in ({}, {"normalize": "channel", "order": "mean"}):
        cpu, gpu = feature_mosaic(act, **kwargs), feature_mosaic(act.cuda(), **kwargs)
        assert np.array_equal(cpu.image, gpu.image) and cpu.grid == gpu.grid
        assert (cpu.signed, cpu.vmin, cpu.vmax) == (gpu.signed, gpu.vmin, gpu.vmax)
    w = torch.randn(8, 3, 5, 5)
    assert np.array_equal(filter_grid(w, mode="rgb").image, filter_grid(w.cuda(), mode="rgb").image)
