"""The receptive-field patch of a top unit: the window of the peak, clipped at the borders, as uint8."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from cnnviz.core.analysis.layer_facts import unit_window
from cnnviz.core.analysis.summary import summarize
from cnnviz.core.errors import CnnvizError
from cnnviz.core.models.loader import load_model
from cnnviz.core.spec import InputSpec
from cnnviz.core.views.unit_patches import (enlarged, input_picture, outlined, patch_box, source_png, top_tiles,
                                          unit_patch)

MNIST = InputSpec(channels=1, size=(28, 28), resize=None, mean=(0.1307,), std=(0.3081,), invert=True)


@pytest.fixture(scope="module")
def summary():
    model = load_model("mnist_inception", "none")
    return summarize(model.module, (1, 28, 28))


def test_input_picture_undoes_the_normalisation():
    pixels = torch.arange(28 * 28, dtype=torch.float32).reshape(1, 28, 28) % 256 / 255
    tensor = (pixels - 0.1307) / 0.3081
    picture = input_picture(tensor, MNIST)
    assert picture.dtype == np.uint8 and picture.shape == (28, 28) and picture.flags.c_contiguous
    assert np.array_equal(picture, (pixels[0] * 255).round().numpy().astype(np.uint8))
    rgb = input_picture(torch.zeros(1, 3, 8, 6), InputSpec(size=(8, 6)))
    assert rgb.shape == (8, 6, 3)
    # out-of-range and NaN values are clipped, never wrapped
    wild = input_picture(torch.tensor([[[1e9, -1e9, float("nan")]]]), MNIST)
    assert wild.tolist() == [[255, 0, 0]]


@pytest.mark.parametrize("shape", [(2, 28, 28), (28, 28), (1, 1, 2, 28, 28)])
def test_input_picture_refuses_other_shapes(shape):
    with pytest.raises(CnnvizError, match="channel"):
        input_picture(torch.zeros(shape), MNIST)


def test_inner_peak_gets_its_whole_window(summary):
    top, left, h, w = unit_window(summary, "incep1", 6, 5)
    box = patch_box(summary, "incep1", 6, 5, (28, 28))
    assert box == (int(top), int(top + h), int(left), int(left + w))
    assert (box[1] - box[0], box[3] - box[2]) == (14, 14)
    picture = np.arange(28 * 28, dtype=np.uint8).reshape(28, 28)
    patch = unit_patch(picture, box)
    assert patch.shape == (14, 14) and patch[0, 0] == picture[box[0], box[2]]


def test_corner_peaks_are_clipped_at_the_borders(summary):
    assert patch_box(summary, "incep1", 0, 0, (28, 28)) == (0, 10, 0, 10)  # window -4 .. 9
    assert patch_box(summary, "incep1", 11, 11, (28, 28)) == (18, 28, 18, 28)  # window 18 .. 31
    rgb = np.zeros((28, 28, 3), np.uint8)
    assert unit_patch(rgb, patch_box(summary, "incep1", 11, 0, (28, 28))).shape == (10, 10, 3)


def test_whole_picture_when_the_window_is_unknown(summary):
    assert patch_box(summary, "fc", 0, 0, (28, 28)) == (0, 28, 0, 28)
    assert patch_box(summary, "no.such.layer", 0, 0, (28, 28)) == (0, 28, 0, 28)
    assert patch_box(None, "incep1", 3, 3, (20, 30)) == (0, 20, 0, 30)
    assert patch_box(summary, "input", 27, 27, (28, 28)) == (27, 28, 27, 28)
    with pytest.raises(CnnvizError, match="empty picture"):
        patch_box(summary, "incep1", 0, 0, (0, 28))


def test_a_window_outside_the_picture_is_never_empty(summary):
    top, bottom, left, right = patch_box(summary, "incep1", 500, -500, (28, 28))
    assert 0 <= top < bottom <= 28 and 0 <= left < right <= 28


def test_outline_frames_the_box_on_the_whole_picture(summary):
    picture = np.full((28, 28), 40, np.uint8)
    box = patch_box(summary, "incep1", 6, 5, (28, 28))
    drawn = outlined(picture, box)
    assert drawn.shape == (28, 28, 3) and drawn.dtype == np.uint8
    top, bottom, left, right = box
    assert drawn[top, left].tolist() == [255, 96, 0] and drawn[bottom - 1, right - 1].tolist() == [255, 96, 0]
    assert drawn[top + 2, left + 2].tolist() == [40, 40, 40] and drawn[0, 0].tolist() == [40, 40, 40]
    assert picture[top, left] == 40  # the input is left as it was


def test_enlarged_by_a_whole_factor():
    patch = np.array([[0, 255], [255, 0]], np.uint8)
    big = enlarged(patch, 9)
    assert big.shape == (8, 8) and big[3, 3] == 0 and big[0, 4] == 255
    assert enlarged(np.zeros((100, 50), np.uint8), 64).shape == (100, 50)


def _dataset(n: int = 4):
    from cnnviz.core.inputs.units_data import UnitsDataset

    pixels = torch.rand(n, 1, 28, 28)
    return UnitsDataset.from_tensor((pixels - 0.1307) / 0.3081, MNIST, source="digits"), pixels


def test_top_tiles_best_first_with_empty_slots_left_out(summary):
    from cnnviz.core.analysis.units_topk import TopUnits

    dataset, pixels = _dataset()
    top = TopUnits(torch.tensor([[3.0, 2.0, float("-inf")], [1.0, 0.5, 0.25]]),
                   torch.tensor([[2, 0, -1], [1, 3, 0]]), torch.tensor([[0, 6, -1], [11, 1, 2]]),
                   torch.tensor([[0, 5, -1], [11, 2, 3]]), 4)
    tiles = top_tiles(dataset, dataset.names, top, 0, summary, "incep1", MNIST)
    assert [(t.rank, t.index, t.name, t.score) for t in tiles] == [(0, 2, "digits#2", 3.0), (1, 0, "digits#0", 2.0)]
    first = tiles[0]
    assert first.box == (0, 10, 0, 10) and first.patch.shape == (10, 10) and first.picture.shape == (28, 28, 3)
    expected = (pixels[2, 0] * 255).round().numpy().astype(np.uint8)
    assert np.abs(first.patch.astype(int) - expected[:10, :10]).max() <= 1
    assert [t.index for t in top_tiles(dataset, dataset.names, top, 1, summary, "incep1", MNIST)] == [1, 3, 0]
    with pytest.raises(CnnvizError, match="channel 2 is out of range: incep1 has 2"):
        top_tiles(dataset, dataset.names, top, 2, summary, "incep1", MNIST)
    with pytest.raises(CnnvizError, match="out of range"):
        top_tiles(dataset, dataset.names, top, -1, summary, "incep1", MNIST)


def test_a_builtin_item_opens_from_png_bytes_files_by_name(summary):
    from PIL import Image
    import io

    from cnnviz.core.analysis.units_topk import TopUnits
    from cnnviz.core.inputs.images import decode_image_bytes, model_view

    dataset, _ = _dataset(1)
    top = TopUnits(torch.tensor([[1.0]]), torch.tensor([[0]]), torch.tensor([[3]]), torch.tensor([[3]]), 1)
    tile = top_tiles(dataset, dataset.names, top, 0, summary, "incep1", MNIST)[0]
    assert Image.open(io.BytesIO(tile.png)).format == "PNG"
    # the PNG opened as an input again is what the model saw (inverted back, then inverted by the spec)
    again = model_view(decode_image_bytes(tile.png), MNIST)
    assert np.array_equal(again, input_picture(dataset[0][0], MNIST))
    named = top_tiles(dataset, ["/data/digits/a#1.png"], top, 0, summary, "incep1", MNIST)[0]
    assert named.png is None and named.name == "/data/digits/a#1.png"
    assert source_png(np.zeros((4, 4), np.uint8), MNIST)  # inverted to white, still a PNG
