"""top_units: exactly the brute-force top images per channel, however batched, sharded or decoded."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image, ImageDraw
from torch import nn

from cnnviz.core.analysis import units as units_module
from cnnviz.core.analysis import units_cache
from cnnviz.core.analysis.forward_progress import Cancelled
from cnnviz.core.analysis.units import UnitsResult, top_units
from cnnviz.core.analysis.units_topk import merge
from cnnviz.core.capture.run import capture
from cnnviz.core.errors import CnnvizError
from cnnviz.core.inputs.images import load_image
from cnnviz.core.inputs.units_data import UnitsDataset, open_units_dataset
from cnnviz.core.models.loader import load_model
from cnnviz.core.spec import MNIST_INPUT

N_IMAGES = 20


@pytest.fixture(scope="module")
def model():
    return load_model("mnist_inception")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """20 RGB PNGs (noise, rectangles, ellipses) of several sizes: the grey model gets them converted."""
    root = tmp_path_factory.mktemp("units-images")
    rng = np.random.default_rng(13)
    for k in range(N_IMAGES):
        h, w = int(rng.integers(20, 48)), int(rng.integers(20, 48))
        image = Image.fromarray(rng.integers(0, 255, (h, w, 3), dtype=np.uint8))
        draw = ImageDraw.Draw(image)
        box = sorted(rng.integers(0, min(h, w), 4).tolist())
        (draw.rectangle if k % 2 else draw.ellipse)((box[0], box[1], box[2] + 1, box[3] + 1), fill=(0, 0, 0))
        image.save(root / f"img{k:02d}.png")
    return root


def brute(model, files, layers, top):
    """Each image captured alone; per layer and channel (score, index, y, x) sorted by score desc, index asc."""
    rows: dict[str, list] = {layer: [] for layer in layers}
    for i, f in enumerate(files):
        cap = capture(model, load_image(f, MNIST_INPUT), blocks=False)
        for layer in layers:
            act = cap[layer][0]
            width = act.shape[-1] if act.dim() == 3 else 1
            act = act.reshape(act.shape[0], -1)
            rows[layer] = rows[layer] or [[] for _ in range(act.shape[0])]
            for c in range(act.shape[0]):
                k = int(act[c].argmax())
                rows[layer][c].append((float(act[c, k]), i, k // width, k % width))
    return {layer: [sorted(r, key=lambda t: (-t[0], t[1]))[:top] for r in rows[layer]] for layer in layers}


def rows_of(result: UnitsResult):
    t = result.top
    return [[(float(s), int(i), int(y), int(x)) for s, i, y, x in zip(t.scores[c], t.index[c], t.y[c], t.x[c])
             if int(i) >= 0] for c in range(t.channels)]


def same(got, want):
    assert [[r[1:] for r in ch] for ch in got] == [[r[1:] for r in ch] for ch in want]  # indices, y, x
    for g, w in zip(got, want):
        assert torch.allclose(torch.tensor([r[0] for r in g]), torch.tensor([r[0] for r in w]), atol=1e-5)


@pytest.fixture(scope="module")
def expected(model, folder):
    ds = open_units_dataset(str(folder), MNIST_INPUT)
    return brute(model, ds.names, ("incep1", "relu1", "fc"), 4)


@pytest.mark.parametrize("layer", ["incep1", "relu1", "fc"])
def test_equals_brute_force(model, folder, expected, layer):
    ds = open_units_dataset(str(folder), MNIST_INPUT)
    result = top_units(model, ds, layer, top=4, batch_size=7)
    same(rows_of(result), expected[layer])
    assert result.top.images_seen == N_IMAGES and result.skipped == 0 and result.layer == layer
    assert result.top.scores.device.type == "cpu"


def test_worker_processes_and_another_batch_size(model, folder, expected):
    ds = open_units_dataset(str(folder), MNIST_INPUT)
    result = top_units(model, ds, "incep1", top=4, batch_size=3, num_workers=2)
    same(rows_of(result), expected["incep1"])


def test_shards_merged_equal_the_whole(model, folder):
    ds = open_units_dataset(str(folder), MNIST_INPUT)
    whole = top_units(model, ds, "incep1", top=5, batch_size=8).top
    for shards in ([range(0, 9), range(9, 20)], [range(r, 20, 3) for r in range(3)]):
        parts = [top_units(model, ds, "incep1", top=5, batch_size=4, indices=list(s)).top for s in shards]
        merged = parts[0]
        for p in parts[1:]:
            merged = merge(merged, p)
        assert torch.equal(merged.index, whole.index) and torch.equal(merged.y, whole.y)
        assert torch.equal(merged.x, whole.x)
        # other batch sizes: the CPU's convolutions may round the last bit differently
        assert torch.allclose(merged.scores, whole.scores, rtol=0, atol=1e-5)
        assert merged.images_seen == whole.images_seen == N_IMAGES
    none = top_units(model, ds, "incep1", top=5, indices=[]).top
    assert none.channels == 88 and none.images_seen == 0 and bool((none.index == -1).all())


class _Twice(nn.Module):
    """One in-place ReLU called twice, its first output later changed in place (ResNet's habits)."""

    def __init__(self) -> None:
        super().__init__()
        self.conv1, self.conv2 = nn.Conv2d(1, 4, 3, padding=1), nn.Conv2d(4, 4, 3, padding=1)
        self.relu = nn.ReLU(inplace=True)
        self.bn = nn.BatchNorm2d(4)

    def forward(self, x):
        x = self.relu(self.conv1(x))
        y = self.relu(self.bn(self.conv2(x)))
        x += y
        return x.mean(dim=(2, 3))


def test_second_call_key_and_in_place_changes():
    net = _Twice()
    images = torch.randn(10, 1, 9, 9)
    ds = UnitsDataset.from_tensor(images, MNIST_INPUT)
    net.train()
    net.bn.eval()
    for key in ("relu", "relu#2", "output"):
        got = top_units(net, ds, key, top=3, batch_size=4).top
        acts = torch.cat([capture(net, images[i:i + 1])[key] for i in range(10)])
        acts = acts if acts.dim() == 4 else acts[:, :, None, None]
        flat = acts.flatten(2)
        best = flat.max(2).values.t()  # C x N
        order = torch.sort(best, dim=1, descending=True, stable=True).indices[:, :3]
        assert torch.equal(got.index, order), key
    assert net.training and not net.bn.training and net.conv1.training  # every flag as it was
    assert not any(m._forward_hooks or m._forward_pre_hooks for m in net.modules())
    with pytest.raises(CnnvizError, match=r"'relu#3': its module ran 2 time\(s\) per forward pass"):
        top_units(net, ds, "relu#3")


def test_json_format(model, folder):
    ds = open_units_dataset(str(folder), MNIST_INPUT)
    result = top_units(model, ds, "fc", top=30)
    doc = result.to_json("mnist_inception", "default")
    assert list(doc) == ["model", "weights", "layer", "top", "images_seen", "channels"]
    assert (doc["model"], doc["weights"], doc["layer"], doc["top"], doc["images_seen"]) == (
        "mnist_inception", "default", "fc", 30, N_IMAGES)
    assert [c["channel"] for c in doc["channels"]] == list(range(10))
    first = doc["channels"][0]["images"]
    assert len(first) == N_IMAGES  # the 10 empty slots left out
    assert list(first[0]) == ["path", "score", "y", "x"] and first[0]["path"] in ds.names
    assert [im["score"] for im in first] == sorted((im["score"] for im in first), reverse=True)
    assert first[0]["y"] == first[0]["x"] == 0


def test_cache_returns_the_saved_result_and_misses_on_changes(model, folder, tmp_path):
    ds = open_units_dataset(str(folder), MNIST_INPUT)
    result = top_units(model, ds, "incep1", top=3)
    key = units_cache.cache_key(model, ds, "incep1", 3)
    assert units_cache.load(key) is None
    units_cache.save(key, result)
    back = units_cache.load(key)
    assert back.to_json("m", "w") == result.to_json("m", "w") and back.source == result.source
    assert str(units_cache.units_cache_dir()).startswith(str(tmp_path.parent.parent))  # the tests' cache folder
    assert units_cache.cache_key(model, ds, "incep1", 4) != key
    assert units_cache.cache_key(model, ds, "incep2", 3) != key
    assert units_cache.cache_key(model, ds, "incep1", 3, indices=[0, 1]) != key
    net = load_model("mnist_inception").module
    assert units_cache.cache_key(net, ds, "incep1", 3) == key
    with torch.no_grad():
        net.conv1.weight[0, 0, 0, 0] += 1e-3
    assert units_cache.cache_key(net, ds, "incep1", 3) != key
    copy = tmp_path / "copy"
    copy.mkdir()
    for f in sorted(folder.iterdir()):
        (copy / f.name).write_bytes(f.read_bytes())
    key2 = units_cache.cache_key(model, open_units_dataset(str(copy), MNIST_INPUT), "incep1", 3)
    Image.new("RGB", (30, 30), (9, 9, 9)).save(copy / "img03.png")
    assert units_cache.cache_key(model, open_units_dataset(str(copy), MNIST_INPUT), "incep1", 3) != key2
    units_cache._file(key).write_bytes(b"garbage")
    assert units_cache.load(key) is None


def test_some_unreadable_files_are_skipped_and_counted(model, folder, tmp_path):
    for f in sorted(folder.iterdir())[:5]:
        (tmp_path / f.name).write_bytes(f.read_bytes())
    (tmp_path / "zz_broken.png").write_bytes(b"\x89PNG broken")
    (tmp_path / "zz_empty.jpg").write_bytes(b"")
    ds = open_units_dataset(str(tmp_path), MNIST_INPUT)
    result = top_units(model, ds, "conv1", top=2, batch_size=2, num_workers=2)
    assert result.skipped == 2 and result.top.images_seen == 5
    assert result.notes[-1].startswith("skipped 2 unreadable file(s) of 7 (first: ")
    assert all(int(i) < 5 for i in result.top.index.flatten())


def test_only_unreadable_files_say_so(model, tmp_path):
    (tmp_path / "a.png").write_bytes(b"nope")
    with pytest.raises(CnnvizError, match=r"none of its 1 image\(s\) could be read .*a.png"):
        top_units(model, open_units_dataset(str(tmp_path), MNIST_INPUT), "conv1")


class _Flat(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 3)
        self.total = _Sum()

    def forward(self, x):
        return self.total(self.conv(x))


class _Sum(nn.Module):
    def forward(self, x):
        return x.sum(dim=(1, 2, 3))


@pytest.mark.parametrize("layer, words", [
    ("incep1.branch1x", r"unknown layer 'incep1.branch1x'. Did you mean incep1.branch1x1"),
    ("incep1:branch0", r"'incep1:branch0' is a part of a block"),
    ("", "no layer given"),
    ("q" * 3000, r"unknown layer 'q{60}' \(3,000 characters\)\. \(cnnviz summary"),
])
def test_bad_layers(model, folder, layer, words):
    ds = open_units_dataset(str(folder), MNIST_INPUT, limit=2)
    with pytest.raises(CnnvizError, match=words) as info:
        top_units(model, ds, layer)
    assert "\n" not in str(info.value)


def test_layer_without_channels_and_bad_numbers(model):
    ds = UnitsDataset.from_tensor(torch.randn(3, 1, 8, 8), MNIST_INPUT)
    with pytest.raises(CnnvizError, match=r"layer 'total' has no channel dimension \(its output has shape \(2,\)\)"):
        top_units(_Flat(), ds, "total", batch_size=2)
    for kwargs, words in [({"top": 0}, "top must be"), ({"top": 10 ** 9}, "top must be"), ({"top": 2.0}, "top"),
                          ({"batch_size": 0}, "batch size"), ({"num_workers": -1}, "workers"),
                          ({"indices": [5]}, "indices must be from 0 to 2"), ({"device": "nope"}, "unknown device"),
                          ({"device": "meta"}, "the model is on cpu, not meta")]:
        with pytest.raises(CnnvizError, match=words):
            top_units(model, ds, "conv1", **kwargs)
    with pytest.raises(CnnvizError, match="dataset from open_units_dataset"):
        top_units(model, torch.randn(3, 1, 8, 8), "conv1")


def test_progress_cancel_and_updates(model, folder, monkeypatch):
    ds = open_units_dataset(str(folder), MNIST_INPUT)
    seen, updates = [], []
    monkeypatch.setattr(units_module, "UPDATE_SECONDS", 0.0)
    top_units(model, ds, "conv1", top=2, batch_size=6, progress=lambda d, t: seen.append((d, t)),
              on_update=updates.append)
    assert seen == [(6, 20), (12, 20), (18, 20), (20, 20)]
    assert [u.images_seen for u in updates] == [6, 12, 18, 20] and updates[0].scores.device.type == "cpu"
    calls = []
    with pytest.raises(Cancelled, match="units cancelled"):
        top_units(model, ds, "conv1", batch_size=6, cancel=lambda: calls.append(1) or len(calls) > 2)
    assert len(calls) == 3
    assert not any(m._forward_hooks for m in model.module.modules())


def test_forward_passes_of_other_threads_and_between_batches_go_by(monkeypatch):
    """The hook serves only top_units' own forward: a pass another thread runs meanwhile (here: while the
    first convolution runs) or one run from on_update changes nothing and fails nothing."""
    import threading

    net = _Twice().eval()
    images = torch.randn(8, 1, 9, 9)
    ds = UnitsDataset.from_tensor(images, MNIST_INPUT)
    alone = top_units(net, ds, "relu#2", top=3, batch_size=4).top

    def other_pass(_module, _args):
        if threading.current_thread() is not threading.main_thread():
            return
        worker = threading.Thread(target=lambda: net(torch.randn(3, 1, 9, 9)))
        worker.start()
        worker.join()

    monkeypatch.setattr(units_module, "UPDATE_SECONDS", 0.0)
    handle = net.conv1.register_forward_pre_hook(other_pass)
    try:
        busy = top_units(net, ds, "relu#2", top=3, batch_size=4,
                         on_update=lambda _t: net(torch.randn(5, 1, 9, 9))).top
    finally:
        handle.remove()
    assert torch.equal(busy.index, alone.index) and torch.equal(busy.scores, alone.scores)
    assert busy.images_seen == 8
