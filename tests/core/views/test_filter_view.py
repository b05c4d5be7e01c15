"""The filter view: layer lookup, kinds, mosaic shapes for each kind of layer, paging, hover text, errors."""

from __future__ import annotations

import threading

import numpy as np
import pytest
import torch
import torchvision
from torch import nn

from cnnviz.core.capture.run import capture
from cnnviz.core.errors import CnnvizError
from cnnviz.core.views.filter_view import conv_layers, filter_view
from cnnviz.core.models.loader import load_model
from cnnviz.core.views.mosaic import ZERO_LEVEL


def grid_shape(rows: int, cols: int, kh: int, kw: int) -> tuple[int, int]:
    """A grid of rows x cols cells, one pixel apart (as filter_grid lays them)."""
    return rows * kh + (rows - 1), cols * kw + (cols - 1)


@pytest.fixture(scope="module")
def resnet18() -> nn.Module:
    return torchvision.models.resnet18(weights=None).eval()


def test_conv_layers_lists_convolutions_and_linears_in_order(resnet18) -> None:
    names = conv_layers(resnet18)
    assert names[0] == "conv1" and names[-1] == "fc"
    assert "layer2.0.downsample.0" in names and "layer1.0.relu" not in names and "layer1.0" not in names
    assert len(names) == 21  # 20 convolutions and the classifier


def test_first_layer_is_rgb_tiles(resnet18) -> None:
    view = filter_view(resnet18, "conv1")
    assert view.mode == "rgb" and view.can_rgb and view.kind == "convolution"
    assert view.image.shape == (*grid_shape(8, 8, 7, 7), 3) and view.image.dtype == np.uint8
    assert view.settings.startswith("kernel 7x7, stride 2, padding 3, dilation 1, groups 1")
    assert view.weight_shape == (64, 3, 7, 7) and view.pages == 1 and view.page_text == "filters 1-64 of 64"
    w = resnet18.conv1.weight.detach()
    assert view.vmin == pytest.approx(float(w.min())) and view.vmax == pytest.approx(float(w.max()))
    assert view.std == pytest.approx(float(w.std()), rel=1e-4)
    assert view.hist_counts.sum() == w.numel() and len(view.hist_edges) == len(view.hist_counts) + 1
    assert view.image.std() > 10  # not one flat colour


def test_first_layer_can_be_drawn_as_grid_and_mean(resnet18) -> None:
    grid = filter_view(resnet18, "conv1", "grid")
    assert grid.image.shape == grid_shape(64, 3, 7, 7)
    mean = filter_view(resnet18, "conv1", "mean")
    assert mean.image.shape == grid_shape(8, 8, 7, 7) and mean.values.shape == (64, 3, 7, 7)


def test_normal_conv_grid_is_filters_by_inputs_and_hover_reads_the_weight() -> None:
    conv = nn.Conv2d(5, 4, 3)
    view = filter_view(nn.Sequential(conv), "0")
    assert view.mode == "grid" and not view.can_rgb
    assert view.image.shape == grid_shape(4, 5, 3, 3)
    # filter 2, input channel 3, tap (1, 2): cell (row 2, col 3), pixel inside it
    x, y = 3 * 4 + 2 + 0.5, 2 * 4 + 1 + 0.5
    text = view.describe(x, y)
    assert text == f"filter 2, input channel 3, tap (row 1, col 2): {float(conv.weight.detach()[2, 3, 1, 2]):.4g}"
    assert view.describe(3.5, 0.5) is None  # the padding between cells
    assert view.describe(-1, 0) is None


def test_depthwise_conv_is_one_tile_per_filter() -> None:
    conv = nn.Conv2d(8, 8, 3, groups=8)
    view = filter_view(nn.Sequential(conv), "0")
    assert view.kind == "depthwise convolution" and "per group" in view.note
    assert view.image.shape == grid_shape(3, 3, 3, 3)  # 8 tiles, near square
    text = view.describe(4 + 1.5, 0.5)  # second tile, tap (0, 1)
    assert text == f"filter 1, input channel 1, tap (row 0, col 1): {float(conv.weight.detach()[1, 0, 0, 1]):.4g}"


def test_mobilenet_depthwise_layer() -> None:
    model = torchvision.models.mobilenet_v2(weights=None)
    view = filter_view(model, "features.1.conv.0.0")
    assert view.kind == "depthwise convolution" and view.groups == 32
    assert view.image.shape == grid_shape(6, 6, 3, 3)


def test_grouped_conv_grid_shows_in_group_channels() -> None:
    conv = nn.Conv2d(8, 6, 3, groups=2)
    view = filter_view(nn.Sequential(conv), "0")
    assert view.kind == "grouped convolution (2 groups)"
    assert "3 filters, each filter sees only the 4 input channels of its own group" in view.note
    assert view.image.shape == grid_shape(6, 4, 3, 3)
    # filter 4 is in group 1: its column 1 is input channel 4 + 1 = 5
    text = view.describe(1 * 4 + 0.5, 4 * 4 + 0.5)
    assert text == f"filter 4, input channel 5, tap (row 0, col 0): {float(conv.weight.detach()[4, 1, 0, 0]):.4g}"


def test_dilated_kernel_is_drawn_with_holes() -> None:
    conv = nn.Conv2d(2, 3, 3, dilation=2)
    view = filter_view(nn.Sequential(conv), "0")
    assert view.kind == "dilated convolution (2)"
    assert view.image.shape == grid_shape(3, 2, 5, 5)  # 3x3 taps spread over 5x5
    cell = view.image[:5, :5]
    assert (cell[1::2, :] == ZERO_LEVEL).all() and (cell[:, 1::2] == ZERO_LEVEL).all()
    assert "hole" in view.describe(1.5, 0.5)
    assert view.describe(2.5, 0.5).startswith("filter 0, input channel 0, tap (row 0, col 1)")


def test_transposed_conv_is_labelled_and_drawn_out_by_in() -> None:
    conv = nn.ConvTranspose2d(4, 6, 3, stride=2)
    view = filter_view(nn.Sequential(conv), "0")
    assert view.kind == "transposed convolution" and view.weight_shape == (4, 6, 3, 3)
    assert view.total == 6 and view.image.shape == grid_shape(6, 4, 3, 3)
    assert np.allclose(view.values, conv.weight.detach().transpose(0, 1).numpy())


def test_grouped_transposed_conv_keeps_each_filter_with_its_group() -> None:
    conv = nn.ConvTranspose2d(4, 6, 3, groups=2)  # weight [4, 3, 3, 3]
    view = filter_view(nn.Sequential(conv), "0")
    assert view.values.shape == (6, 2, 3, 3)
    w = conv.weight.detach()
    # output channel 4 is group 1's second filter; its inputs are channels 2 and 3
    assert np.allclose(view.values[4], w[2:4, 1].numpy())


def test_linear_is_the_weight_matrix() -> None:
    model = load_model("mnist_inception", "none").module
    view = filter_view(model, "fc")
    assert view.mode == "matrix" and view.kind == "linear" and view.image.shape == (10, 1408)
    assert view.settings.startswith("1408 inputs -> 10 outputs")
    assert view.describe(5.5, 2.5) == f"output 2, input 5: {float(model.fc.weight.detach()[2, 5]):.4g}"


def test_large_linear_is_block_averaged() -> None:
    fc = nn.Linear(6144, 20)
    view = filter_view(nn.Sequential(fc), "0")
    assert view.image.shape == (20, 2048) and view.block == (1, 3)
    assert view.values[0, 0] == pytest.approx(float(fc.weight.detach()[0, :3].mean()), abs=1e-6)
    assert view.describe(0.5, 0.5).startswith("outputs 0-0, inputs 0-2: mean")


def test_paging_by_output_filters(resnet18) -> None:
    first = filter_view(resnet18, "layer4.0.conv2", per_page=64)
    assert first.pages == 8 and first.page_text == "filters 1-64 of 512"
    assert first.image.shape == grid_shape(64, 512, 3, 3)
    last = filter_view(resnet18, "layer4.0.conv2", page=5, per_page=100)
    assert (last.first, last.stop, last.pages) == (500, 512, 6) and last.page_text == "filters 501-512 of 512"
    assert last.image.shape == grid_shape(12, 512, 3, 3)
    assert last.describe(0.5, 0.5).startswith("filter 500, input channel 0")
    assert np.allclose(last.values, resnet18.layer4[0].conv2.weight.detach()[500:].numpy())


def test_block_and_capture_key_show_their_first_convolution(resnet18) -> None:
    view = filter_view(resnet18, "layer1.0")
    assert view.layer == "layer1.0.conv1" and "BasicBlock" in view.note and view.selected == "layer1.0"
    cap = capture(resnet18, torch.zeros(1, 3, 64, 64))
    shortcut = filter_view(resnet18, "layer2.0:identity", blocks=cap.blocks)
    assert shortcut.layer == "layer2.0.downsample.0" and "shortcut of layer2.0" in shortcut.note
    assert filter_view(resnet18, "layer2.0:residual", blocks=cap.blocks).layer == "layer2.0.conv1"
    assert filter_view(resnet18, "layer2.0:identity").layer == "layer2.0.conv1"  # no blocks: the block's first
    with pytest.raises(CnnvizError, match="identity shortcut of layer1.0 has no filters"):
        filter_view(resnet18, "layer1.0:identity", blocks=cap.blocks)


def test_inception_branch_key_shows_the_branch_convolution() -> None:
    loaded = load_model("mnist_inception", "none")
    cap = capture(loaded.module, torch.zeros(1, 1, 28, 28))
    view = filter_view(loaded.module, "incep2:branch2", blocks=cap.blocks)
    assert view.layer == "incep2.branch3x3.0" and "branch 2 of incep2" in view.note


def test_lock_is_held_while_the_weight_is_copied(resnet18) -> None:
    class Spy:
        entered = 0

        def __enter__(self):
            Spy.entered += 1
            assert lock.acquire(blocking=False)

        def __exit__(self, *exc):
            lock.release()

    lock = threading.Lock()
    filter_view(resnet18, "conv1", lock=Spy())
    assert Spy.entered == 1 and not lock.locked()


@pytest.mark.parametrize("layer,mode,page,needle", [
    ("layer1.0.relu", "auto", 0, "layer1.0.relu: ReLU has no filters: select a convolution or linear layer"),
    ("maxpool", "auto", 0, "MaxPool2d has no filters"),
    ("layer9.conv1", "auto", 0, "unknown layer 'layer9.conv1'. Did you mean"),
    ("layer1.0.conv1", "rgb", 0, "RGB tiles need filters with 3 input channels; this layer's have 64"),
    ("conv1", "colour", 0, "unknown filter mode 'colour'"),
    ("conv1", "auto", 1, "page 1 does not exist; it has 1 page(s)"),
])
def test_errors_are_one_line(resnet18, layer: str, mode: str, page: int, needle: str) -> None:
    with pytest.raises(CnnvizError) as info:
        filter_view(resnet18, layer, mode, page)
    assert needle in str(info.value) and "\n" not in str(info.value)


def test_a_model_without_filters_says_so() -> None:
    with pytest.raises(CnnvizError, match="no convolution or linear layers"):
        filter_view(nn.Sequential(nn.ReLU()), "0")


def test_diverged_weights_are_drawn_with_nan_as_zero() -> None:
    conv = nn.Conv2d(2, 2, 3)
    with torch.no_grad():
        conv.weight[0, 0, 0, 0] = float("nan")
        conv.weight[1, 1, 2, 2] = float("inf")
    view = filter_view(nn.Sequential(conv), "0")
    assert np.isfinite([view.vmin, view.vmax, view.mean, view.std]).all()
    assert view.hist_counts.sum() == 36 and view.image[0, 0] == ZERO_LEVEL
