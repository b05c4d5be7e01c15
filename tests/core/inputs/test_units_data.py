"""The images units rank: built-in datasets and folders, decoded lazily, unreadable files counted."""

from __future__ import annotations

import os

import numpy as np
import pytest
import torch
from PIL import Image

from cnnviz.core.errors import CnnvizError
from cnnviz.core.inputs.units_data import Unreadable, UnitsDataset, collate_units, open_units_dataset
from cnnviz.core.spec import MNIST_INPUT, InputSpec

RGB_SMALL = InputSpec(channels=3, size=(32, 32), resize=None)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("units-data")
    rng = np.random.default_rng(0)
    for k in range(3):
        Image.fromarray(rng.integers(0, 255, (40, 30, 3), dtype=np.uint8)).save(root / f"rgb{k}.png")
    (root / "cls").mkdir()
    Image.fromarray(rng.integers(0, 255, (20, 20), dtype=np.uint8), mode="L").save(root / "cls" / "grey.png")
    (root / "cls" / "broken.png").write_bytes(b"not a png at all")
    (root / ".hidden.png").write_bytes(b"x")
    (root / "notes.txt").write_text("not an image")
    return root


def test_folder_is_listed_sorted_and_decoded_lazily(folder):
    ds = open_units_dataset(str(folder), MNIST_INPUT)
    assert ds.names == sorted(ds.names) and len(ds) == 5  # hidden and non-image files left out
    assert all(os.path.isfile(n) for n in ds.names)
    assert ds.skipped == 0  # nothing decoded yet
    broken = ds.names.index(str(folder / "cls" / "broken.png"))
    item, index = ds[broken]
    assert isinstance(item, Unreadable) and index == broken and "broken.png" in item.reason


def test_rgb_into_grey_model_and_grey_into_rgb_model(folder):
    grey = open_units_dataset(str(folder), MNIST_INPUT)
    rgb = open_units_dataset(str(folder), RGB_SMALL)
    for i, name in enumerate(grey.names):
        if "broken" in name:
            continue
        assert grey[i][0].shape == (1, 28, 28) and rgb[i][0].shape == (3, 32, 32)
    assert grey.input_shape == (1, 28, 28) and rgb.input_shape == (3, 32, 32)


def test_collate_leaves_unreadable_files_out_and_hands_them_on(folder):
    ds = open_units_dataset(str(folder), MNIST_INPUT)
    x, index, bad = collate_units([ds[i] for i in range(len(ds))])
    assert x.shape == (4, 1, 28, 28) and len(index) == 4 and len(bad) == 1
    assert collate_units([ds[i] for i, _ in bad])[0] is None
    ds.note_unreadable(*bad[0])
    assert ds.skipped == 1 and ds.skipped_line().startswith("skipped 1 unreadable file(s) of 5 (first: ")


def test_digits_names_limit_and_batched_items_equal_single_ones():
    ds = open_units_dataset("digits", MNIST_INPUT, limit=10)
    assert len(ds) == 10 and ds.names[0] == "digits#0" and ds.names[-1] == "digits#1796"
    x, index, bad = collate_units(ds.__getitems__([3, 1, 7]))
    assert index.tolist() == [3, 1, 7] and bad == []
    for row, i in zip(x, index.tolist()):
        assert torch.equal(row, ds[i][0])
    whole = open_units_dataset("digits", MNIST_INPUT)
    assert len(whole) == 1797 and torch.equal(whole[1796][0], ds[9][0])
    assert open_units_dataset("DIGITS", MNIST_INPUT, limit=10 ** 9).names == whole.names


def test_shapes_and_from_tensor():
    ds = open_units_dataset("shapes", RGB_SMALL, limit=12)
    assert len(ds) == 12 and ds[0][0].shape == (3, 32, 32) and ds.names[0] == "shapes#0"
    images = torch.randn(4, 1, 28, 28)
    t = UnitsDataset.from_tensor(images, MNIST_INPUT)
    assert t.names == ["tensor#0", "tensor#1", "tensor#2", "tensor#3"] and t[2][1] == 2
    x, index, _ = collate_units(t.__getitems__([2, 0]))
    assert torch.equal(x, images[[2, 0]]) and index.tolist() == [2, 0]


def test_identity_follows_the_files(folder, tmp_path):
    for k in range(2):
        Image.new("L", (8, 8), 40 * k).save(tmp_path / f"{k}.png")
    before = open_units_dataset(str(tmp_path), MNIST_INPUT).identity()
    assert open_units_dataset(str(tmp_path), MNIST_INPUT).identity() == before
    Image.new("L", (9, 9), 200).save(tmp_path / "1.png")
    os.utime(tmp_path / "1.png", ns=(1, 1))
    assert open_units_dataset(str(tmp_path), MNIST_INPUT).identity() != before
    assert open_units_dataset(str(folder), MNIST_INPUT).identity() != open_units_dataset(
        str(folder), RGB_SMALL).identity()


@pytest.mark.parametrize("source, words", [
    ("", "no dataset given"), ("   ", "no dataset given"), ("/no/such/folder", "no such folder"),
    ("x" * 5000, "not a usable folder"),
])
def test_bad_sources_are_one_line(source, words):
    with pytest.raises(CnnvizError, match=words) as info:
        open_units_dataset(source, MNIST_INPUT)
    assert "\n" not in str(info.value) and len(str(info.value)) < 300


def test_a_file_an_empty_folder_and_bad_limits(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(CnnvizError, match="not a folder"):
        open_units_dataset(str(tmp_path / "a.txt"), MNIST_INPUT)
    with pytest.raises(CnnvizError, match="no image files"):
        open_units_dataset(str(tmp_path), MNIST_INPUT)
    for limit in (0, -3, True, 2.5, "9"):
        with pytest.raises(CnnvizError, match="limit"):
            open_units_dataset("digits", MNIST_INPUT, limit=limit)


def test_two_parts_batched_equal_single_items():
    """A torchvision dataset is two parts (training, then test images): a batch across both is item by item."""
    from cnnviz.core.inputs.datasets import ImageDataset

    spec = InputSpec(channels=1, size=(6, 6), resize=None, mean=(0.5,), std=(0.25,))
    a = ImageDataset(torch.randint(0, 255, (5, 1, 6, 6), dtype=torch.uint8), torch.zeros(5, dtype=torch.long), spec)
    b = ImageDataset(torch.randint(0, 255, (3, 1, 6, 6), dtype=torch.uint8), torch.zeros(3, dtype=torch.long), spec)
    ds = UnitsDataset("two", [f"n{i}" for i in range(6)], spec, parts=[(a, torch.tensor([0, 2, 4])),
                                                                        (b, torch.tensor([0, 1, 2]))])
    x, index, _ = collate_units(ds.__getitems__([5, 0, 3, 2]))
    assert index.tolist() == [5, 0, 3, 2]
    for row, i in zip(x, index.tolist()):
        assert torch.equal(row, ds[i][0])
    assert torch.equal(ds[3][0], b[0][0]) and torch.equal(ds[1][0], a[2][0])
