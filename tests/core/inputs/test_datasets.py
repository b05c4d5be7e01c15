"""Datasets: digits like the bundled samples, generated shapes, image folders, torchvision downloads from 127.0.0.1."""

from __future__ import annotations

import gzip
import hashlib
import io
import pickle
import struct
import tarfile
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
import pytest
import torch
import torchvision.datasets as tvd
from PIL import Image

from cnnviz.core.inputs.datasets import load_dataset, stratified_split
from cnnviz.core.errors import CnnvizError
from cnnviz.core.inputs.images import decode_image, preprocess
from cnnviz.core.resources import resources_dir
from cnnviz.core.inputs.shapes import SHAPE_NAMES, generate_shapes
from cnnviz.core.spec import InputSpec
from cnnviz.core.models.zoo import MNIST_INPUT

RGB32 = InputSpec(3, (32, 32), None, (0.5, 0.5, 0.5), (0.25, 0.25, 0.25))


@pytest.fixture(scope="module")
def digits():
    return load_dataset("digits", spec=MNIST_INPUT)


def _all(dataset) -> tuple[torch.Tensor, torch.Tensor]:
    return dataset.get_batch(torch.arange(len(dataset)))


# --------------------------------------------------------------------------- digits

def test_digits_split_is_stratified_disjoint_and_complete(digits) -> None:
    assert digits.class_names == tuple("0123456789")
    assert (digits.channels, digits.size) == (1, (28, 28))
    train, val = digits.train.indices, digits.val.indices
    assert len(train) + len(val) == 1797
    assert not set(train.tolist()) & set(val.tolist())
    counts = torch.bincount(digits.val.targets, minlength=10).float()
    totals = torch.bincount(torch.cat([digits.train.targets, digits.val.targets]), minlength=10).float()
    assert torch.all((counts / totals - 0.2).abs() < 0.01)


def test_split_is_reproducible_from_the_seed(digits) -> None:
    again = load_dataset("digits", spec=MNIST_INPUT, split_seed=0)
    other = load_dataset("digits", spec=MNIST_INPUT, split_seed=1)
    assert torch.equal(again.val.indices, digits.val.indices)
    assert torch.equal(_all(again.val)[0], _all(digits.val)[0])
    assert not torch.equal(other.val.indices, digits.val.indices)
    labels = torch.arange(30) % 3
    assert all(torch.equal(a, b) for a, b in zip(stratified_split(labels, 0.3, 7), stratified_split(labels, 0.3, 7)))


def test_each_bundled_sample_digit_is_a_dataset_example_of_its_class(digits) -> None:
    x = torch.cat([_all(digits.train)[0], _all(digits.val)[0]])
    y = torch.cat([digits.train.targets, digits.val.targets])
    for digit in range(10):
        sample = preprocess(decode_image(resources_dir() / "samples" / f"digit_{digit}.png"), MNIST_INPUT)
        distance = (x - sample).abs().flatten(1).amax(1)
        match = int(distance.argmin())
        assert float(distance[match]) < 1e-6
        assert int(y[match]) == digit


def test_digits_are_bright_on_dark_for_mnist_networks(digits) -> None:
    pixels = digits.train.pixels(torch.arange(50)).float()
    assert pixels[..., :4, :].mean() < 5  # the top margin of the page is black after inversion
    assert pixels.amax() > 200


def test_digits_convert_to_rgb_and_other_sizes() -> None:
    split = load_dataset("digits", spec=RGB32)
    x, _ = split.train.get_batch(torch.arange(3))
    assert x.shape == (3, 3, 32, 32)
    assert torch.equal(x[:, 0], x[:, 1]) and torch.equal(x[:, 1], x[:, 2])


# --------------------------------------------------------------------------- shapes

def test_shapes_are_balanced_deterministic_and_spread_out() -> None:
    first = generate_shapes(40, channels=1, size=(32, 32), seed=3)
    again = generate_shapes(40, channels=1, size=(32, 32), seed=3)
    assert np.array_equal(first.images, again.images)
    assert first.class_names == SHAPE_NAMES
    assert np.bincount(first.labels).tolist() == [40] * len(SHAPE_NAMES)
    assert first.centres[:, 0].std() > 3 and first.centres[:, 1].std() > 3
    assert np.ptp(first.angles) > 5


def test_each_shape_is_drawn_where_its_centre_says() -> None:
    shapes = generate_shapes(10, channels=1, size=(48, 48), seed=1)
    for image, centre, label in zip(shapes.images, shapes.centres, shapes.labels):
        ink = image[0] > 120  # background <= 0.25 + noise, shape >= 0.7 - noise
        rows, cols = np.nonzero(ink)
        assert ink.sum() > 20, shapes.class_names[label]
        assert abs(rows.mean() + 0.5 - centre[0]) < 1.5, shapes.class_names[label]
        assert abs(cols.mean() + 0.5 - centre[1]) < 1.5, shapes.class_names[label]


def test_ring_has_a_hole_and_circle_does_not() -> None:
    shapes = generate_shapes(5, channels=1, size=(64, 64), seed=2, classes=("circle", "ring"))
    for image, centre, label in zip(shapes.images, shapes.centres, shapes.labels):
        r, c = (int(v) for v in centre)
        middle = image[0, r - 1:r + 1, c - 1:c + 1].mean()
        assert (middle > 120) == (shapes.class_names[label] == "circle")


def test_shapes_dataset_takes_the_models_size_and_channels() -> None:
    spec = InputSpec(3, (40, 48), None, (0.5,), (0.5,))
    split = load_dataset("shapes", spec=spec, per_class=10)
    assert split.class_names == SHAPE_NAMES
    assert len(split.train) + len(split.val) == 60
    assert split.train.get_batch(torch.arange(2))[0].shape == (2, 3, 40, 48)
    with pytest.raises(ValueError):
        generate_shapes(2, classes=("hexagon",))


# --------------------------------------------------------------------------- image folders

def _save(image: Image.Image, path: Path, **kwargs) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, **kwargs)


def test_folder_of_mixed_modes_and_sizes_with_a_broken_file(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    noise = Image.fromarray(rng.integers(0, 255, (30, 40, 3), dtype=np.uint8))
    _save(noise, tmp_path / "cats" / "rgb.jpg")
    _save(noise.convert("RGBA"), tmp_path / "cats" / "rgba.png")
    _save(noise.convert("P"), tmp_path / "cats" / "palette.gif")
    _save(noise.convert("CMYK"), tmp_path / "cats" / "cmyk.jpg")
    _save(Image.new("L", (10, 50), 255), tmp_path / "dogs" / "white.png")
    _save(Image.fromarray((rng.random((20, 20)) * 60000).astype(np.uint16)), tmp_path / "dogs" / "deep.png")
    _save(Image.new("1", (16, 16), 1), tmp_path / "dogs" / "sub" / "bits.bmp")
    (tmp_path / "dogs" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    (tmp_path / "dogs" / "notes.txt").write_text("not an image")
    split = load_dataset(tmp_path, spec=MNIST_INPUT, val_fraction=0.3)
    assert split.class_names == ("cats", "dogs")
    assert len(split.train) + len(split.val) == 7
    assert split.skipped == 1 and "broken.png" in split.skipped_files[0]
    assert any("skipped 1" in note for note in split.notes)
    x, _ = split.train.get_batch(torch.arange(len(split.train)))
    assert x.shape[1:] == (1, 28, 28)
    rgb = load_dataset(tmp_path, spec=RGB32)
    assert rgb.train.get_batch(torch.tensor([0]))[0].shape == (1, 3, 32, 32)


def test_folder_images_are_preprocessed_like_the_app(tmp_path: Path) -> None:
    for name in ("a", "b"):
        for i in range(3):
            _save(Image.new("L", (12, 12), 255), tmp_path / name / f"{i}.png")
    split = load_dataset(tmp_path, spec=MNIST_INPUT)  # invert: white page -> black
    x, _ = split.train.get_batch(torch.arange(len(split.train)))
    expected = (0.0 - MNIST_INPUT.mean[0]) / MNIST_INPUT.std[0]
    assert torch.allclose(x, torch.full_like(x, expected))


@pytest.mark.parametrize(("layout", "reason"), [
    ({}, "no class sub-folders"),
    ({"loose.png": "img"}, "no class sub-folders"),
    ({"only/a.png": "img", "only/b.png": "img"}, "only one class"),
    ({"a/x.png": "img", "b/readme.txt": "text"}, "without images"),
    ({"a/x.png": "img", "b/bad.png": "junk"}, "could be read"),
])
def test_unusable_folders_are_refused_in_one_line(tmp_path: Path, layout: dict, reason: str) -> None:
    for rel, kind in layout.items():
        path = tmp_path / rel
        if kind == "img":
            _save(Image.new("RGB", (8, 8), (10, 20, 30)), path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"junk")
    with pytest.raises(CnnvizError, match=reason) as info:
        load_dataset(tmp_path, spec=MNIST_INPUT)
    assert "\n" not in str(info.value)


def test_unknown_names_and_bad_fractions_are_refused(tmp_path: Path) -> None:
    with pytest.raises(CnnvizError, match="unknown dataset 'imagenet'"):
        load_dataset("imagenet", spec=MNIST_INPUT)
    (tmp_path / "file.png").write_bytes(b"x")
    with pytest.raises(CnnvizError, match="not a folder"):
        load_dataset(tmp_path / "file.png", spec=MNIST_INPUT)
    for fraction in (0.0, 1.0, -0.5):
        with pytest.raises(CnnvizError, match="validation fraction"):
            load_dataset("digits", spec=MNIST_INPUT, val_fraction=fraction)


# --------------------------------------------------------------------------- torchvision downloads

class _Server:
    """Serves ``files`` (name -> bytes) on 127.0.0.1."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        files = self.files

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                body = files.get(self.path.lstrip("/"))
                if body is None:
                    self.send_error(404, "Not Found")
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)


@pytest.fixture
def server() -> Iterator[_Server]:
    srv = _Server()
    srv.thread.start()
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()
    srv.thread.join(timeout=5)


def _idx_images(images: np.ndarray) -> bytes:
    return struct.pack(">IIII", 2051, *images.shape) + images.astype(np.uint8).tobytes()


def _idx_labels(labels: np.ndarray) -> bytes:
    return struct.pack(">II", 2049, len(labels)) + labels.astype(np.uint8).tobytes()


def _fake_mnist(server: _Server, monkeypatch: pytest.MonkeyPatch, mirrors: list[str] | None = None) -> dict:
    """Serve a 20 + 10 image MNIST in the real idx.gz format and point torchvision's MNIST at it."""
    rng = np.random.default_rng(5)
    arrays = {"train": rng.integers(0, 256, (20, 28, 28)), "t10k": rng.integers(0, 256, (10, 28, 28))}
    labels = {"train": np.arange(20) % 10, "t10k": np.arange(10)}
    resources = []
    for part in ("train", "t10k"):
        for kind, data in (("images-idx3", _idx_images(arrays[part])), ("labels-idx1", _idx_labels(labels[part]))):
            name = f"{part}-{kind}-ubyte.gz"
            server.files[name] = gzip.compress(data)
            resources.append((name, hashlib.md5(server.files[name]).hexdigest()))
    monkeypatch.setattr(tvd.MNIST, "mirrors", mirrors or [server.url])
    monkeypatch.setattr(tvd.MNIST, "resources", resources)
    return {"arrays": arrays, "labels": labels}


def test_mnist_downloads_with_progress_then_works_offline(server, monkeypatch, tmp_path: Path) -> None:
    fake = _fake_mnist(server, monkeypatch)
    seen: list[tuple[str, int, int | None]] = []
    split = load_dataset("mnist", spec=MNIST_INPUT, root=tmp_path, progress=lambda *a: seen.append(a))
    assert (len(split.train), len(split.val)) == (20, 10)
    assert split.class_names == tuple("0123456789")
    assert np.array_equal(split.train.pixels(torch.arange(20))[:, 0].numpy(), fake["arrays"]["train"])
    assert split.val.targets.tolist() == fake["labels"]["t10k"].tolist()
    finals = {stage: (done, total) for stage, done, total in seen if stage.startswith("downloading")}
    assert len(finals) == 4 and all(done == total and total > 0 for done, total in finals.values())
    raw = tmp_path / "MNIST" / "raw"
    assert sorted(p.name for p in raw.iterdir()) == sorted(n.removesuffix(".gz") for n in server.files)
    server.files.clear()  # offline now: the files on disk are used
    again = load_dataset("mnist", spec=RGB32, root=tmp_path)
    x, _ = again.train.get_batch(torch.arange(2))
    assert x.shape == (2, 3, 32, 32) and torch.equal(x[:, 0], x[:, 2])
    assert any("repeated to RGB" in note for note in again.notes)


def test_mnist_falls_back_to_the_next_mirror(server, monkeypatch, tmp_path: Path) -> None:
    _fake_mnist(server, monkeypatch, mirrors=[server.url + "missing/", server.url])
    assert len(load_dataset("mnist", spec=MNIST_INPUT, root=tmp_path).train) == 20


def test_corrupted_download_is_refused_and_removed(server, monkeypatch, tmp_path: Path) -> None:
    _fake_mnist(server, monkeypatch)
    name = "train-images-idx3-ubyte.gz"
    server.files[name] = gzip.compress(b"tampered")
    with pytest.raises(CnnvizError, match="corrupted"):
        load_dataset("mnist", spec=MNIST_INPUT, root=tmp_path)
    raw = tmp_path / "MNIST" / "raw"
    assert not raw.exists() or not any(raw.iterdir())


def test_cancelled_download_leaves_nothing(server, monkeypatch, tmp_path: Path) -> None:
    _fake_mnist(server, monkeypatch)
    with pytest.raises(CnnvizError, match="cancelled"):
        load_dataset("mnist", spec=MNIST_INPUT, root=tmp_path, cancel=lambda: True)
    raw = tmp_path / "MNIST" / "raw"
    assert not raw.exists() or not any(raw.iterdir())


def test_cifar10_archive_downloads_unpacks_and_converts_to_grey(server, monkeypatch, tmp_path: Path) -> None:
    rng = np.random.default_rng(9)
    members, lists = {}, {"train": [], "test": []}
    for part, name in [("train", f"data_batch_{i}") for i in range(1, 6)] + [("test", "test_batch")]:
        data = rng.integers(0, 256, (2, 3 * 32 * 32), dtype=np.uint8)
        members[name] = pickle.dumps({"data": data, "labels": [0, 1]})
        lists[part].append([name, hashlib.md5(members[name]).hexdigest()])
    members["batches.meta"] = pickle.dumps({"label_names": ["cat", "dog"]})
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, body in members.items():
            info = tarfile.TarInfo(f"cifar-10-batches-py/{name}")
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
    server.files["cifar.tar.gz"] = buffer.getvalue()
    monkeypatch.setattr(tvd.CIFAR10, "url", server.url + "cifar.tar.gz")
    monkeypatch.setattr(tvd.CIFAR10, "tgz_md5", hashlib.md5(buffer.getvalue()).hexdigest())
    monkeypatch.setattr(tvd.CIFAR10, "train_list", lists["train"])
    monkeypatch.setattr(tvd.CIFAR10, "test_list", lists["test"])
    monkeypatch.setattr(tvd.CIFAR10, "meta", {"filename": "batches.meta", "key": "label_names",
                                              "md5": hashlib.md5(members["batches.meta"]).hexdigest()})
    split = load_dataset("cifar10", spec=MNIST_INPUT, root=tmp_path)
    assert (len(split.train), len(split.val), split.class_names) == (10, 2, ("cat", "dog"))
    assert split.train.get_batch(torch.arange(3))[0].shape == (3, 1, 28, 28)
    assert any("grey by luminance" in note for note in split.notes)
    assert not (tmp_path / tvd.CIFAR10.filename).exists()
