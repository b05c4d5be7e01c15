"""Image decoding (every Pillow mode, every refusal), preprocessing (torchvision parity), samples."""

from __future__ import annotations

import io
import os
import warnings
from pathlib import Path
from unittest.mock import patch

import numpy as np
import pytest
import torch
import torchvision.transforms.v2.functional as TF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageFile

from cnnviz.core.errors import CnnvizError
from cnnviz.core.inputs import images
from cnnviz.core.inputs.images import (
    IMAGE_SUFFIXES,
    decode_image,
    decode_image_bytes,
    load_image,
    model_view,
    preprocess,
    sample_images,
)
from cnnviz.core.resources import resources_dir
from cnnviz.core.spec import InputSpec
from cnnviz.core.models.zoo import MNIST_INPUT, default_weights_enum, model_info

RGB_SPEC = InputSpec(channels=3, size=(16, 16), resize=None, mean=(0.0,), std=(1.0,))
GREY_SPEC = InputSpec(channels=1, size=(16, 16), resize=None, mean=(0.0,), std=(1.0,))


def _saved(image: Image.Image, path: Path, **kwargs: object) -> Path:
    image.save(path, **kwargs)
    return path


def _encode(image: Image.Image, fmt: str, **kwargs: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **kwargs)
    return buffer.getvalue()


def _gradient(width: int = 37, height: int = 23) -> Image.Image:
    """A non-square RGB image with smooth ramps and some noise (deterministic)."""
    y, x = np.mgrid[0:height, 0:width]
    noise = np.random.default_rng(1).integers(0, 40, (height, width))
    rgb = np.stack([x * 255 // (width - 1), y * 255 // (height - 1), (x + y + noise) % 256], axis=-1)
    return Image.fromarray(rgb.astype(np.uint8))


# decode: every mode


def test_rgb_and_grayscale_keep_their_pixels(tmp_path: Path) -> None:
    rgb = _gradient()
    out = decode_image(_saved(rgb, tmp_path / "rgb.png"))
    assert out.mode == "RGB" and np.array_equal(np.asarray(out), np.asarray(rgb))
    grey = rgb.convert("L")
    out = decode_image(_saved(grey, tmp_path / "grey.png"))
    assert out.mode == "L" and np.array_equal(np.asarray(out), np.asarray(grey))


def test_palette_with_transparency_becomes_white(tmp_path: Path) -> None:
    image = Image.new("P", (4, 2), 1)
    image.putpalette([255, 0, 0, 0, 0, 255] + [0] * 762)  # index 0 red, index 1 blue
    image.putpixel((0, 0), 0)
    out = decode_image(_saved(image, tmp_path / "p.png", transparency=0))
    assert out.mode == "RGB"
    assert out.getpixel((0, 0)) == (255, 255, 255)  # transparent red -> white background
    assert out.getpixel((1, 0)) == (0, 0, 255)
    out = decode_image(_saved(image, tmp_path / "p.gif", transparency=0))
    assert out.getpixel((0, 0)) == (255, 255, 255) and out.getpixel((3, 1)) == (0, 0, 255)


@pytest.mark.parametrize("mode", ["RGBA", "LA"])
def test_alpha_is_composited_over_white(tmp_path: Path, mode: str) -> None:
    alpha = np.array([[0, 128, 255]], dtype=np.uint8)
    colour = np.zeros((1, 3, 3 if mode == "RGBA" else 1), dtype=np.uint8)
    pixels = np.concatenate([colour, alpha[..., None]], axis=-1)
    out = decode_image(_saved(Image.fromarray(pixels), tmp_path / "a.png"))
    assert out.mode == ("RGB" if mode == "RGBA" else "L")
    values = np.asarray(out).reshape(3, -1)[:, 0]
    assert values[0] == 255 and values[2] == 0  # transparent -> white, opaque black stays black
    assert 125 <= values[1] <= 129  # half-transparent black over white -> mid grey


def test_palette_alpha_in_memory_is_composited_over_white() -> None:
    image = Image.new("PA", (3, 1))  # no file format writes PA: the in-memory path
    image.putpalette([0, 0, 0] * 256)
    image.putalpha(Image.fromarray(np.array([[0, 128, 255]], dtype=np.uint8)))
    view = model_view(image, InputSpec(channels=3, size=(1, 3), resize=None))
    assert view[0, 0].tolist() == [255, 255, 255] and view[0, 2].tolist() == [0, 0, 0]


def test_cmyk_becomes_rgb(tmp_path: Path) -> None:
    image = Image.new("CMYK", (2, 1), (0, 0, 0, 0))
    image.putpixel((1, 0), (0, 0, 0, 255))
    for suffix in ("tif", "jpg"):
        out = decode_image(_saved(image, tmp_path / f"cmyk.{suffix}"))
        assert out.mode == "RGB"
        assert min(out.getpixel((0, 0))) >= 250 and max(out.getpixel((1, 0))) <= 5


@pytest.mark.parametrize(("mode", "fmt"), [("I;16", "PNG"), ("I;16", "TIFF"), ("I;16B", "TIFF")])
def test_16_bit_full_range_is_rescaled_not_clipped(tmp_path: Path, mode: str, fmt: str) -> None:
    ramp = np.linspace(0, 65535, 64).round().astype(np.uint16).reshape(8, 8)
    dtype = ">u2" if mode == "I;16B" else "<u2"
    image = Image.frombytes(mode, (8, 8), ramp.astype(dtype).tobytes())
    path = _saved(image, tmp_path / f"deep.{fmt.lower()}", format=fmt)
    with Image.open(path) as check:
        assert check.mode in ("I;16", "I;16B", "I")  # really a deep image on disk
    out = np.asarray(decode_image(path)).astype(int).ravel()
    assert out.min() == 0 and out.max() == 255
    assert np.all(np.diff(out) >= 0)  # monotonic
    assert len(np.unique(out)) >= 60  # 64 distinct inputs stay (nearly) distinct: no saturation
    assert np.abs(out - np.rint(ramp.ravel() * (255 / 65535))).max() <= 1  # linear over 0..65535


def test_32_bit_integer_and_float_use_their_real_range(tmp_path: Path) -> None:
    ints = np.array([[-70000, 0], [30000, 130000]], dtype=np.int32)
    out = np.asarray(decode_image(_saved(Image.fromarray(ints), tmp_path / "i.tif")))
    expected = np.rint((ints + 70000) * (255 / 200000))  # the real range -70000..130000 -> 0..255
    assert np.array_equal(out, expected)
    floats = np.array([[-3.5, 0.0], [np.nan, 1e6]], dtype=np.float32)
    out = np.asarray(decode_image(_saved(Image.fromarray(floats), tmp_path / "f.tif")))
    assert out.dtype == np.uint8 and out[0, 0] == 0 and out[1, 1] == 255 and out[1, 0] == 0
    constant = Image.fromarray(np.full((3, 3), 0.5, dtype=np.float32))
    assert np.asarray(decode_image(_saved(constant, tmp_path / "c.tif"))).tolist() == [[128] * 3] * 3


def test_one_bit_becomes_black_and_white_grayscale(tmp_path: Path) -> None:
    image = Image.new("1", (3, 2), 0)
    image.putpixel((1, 1), 1)
    out = decode_image(_saved(image, tmp_path / "one.png"))
    assert out.mode == "L" and set(np.unique(np.asarray(out))) == {0, 255}
    assert out.getpixel((1, 1)) == 255


def test_ycbcr_lab_hsv_become_rgb(tmp_path: Path) -> None:
    white = {"YCbCr": (255, 128, 128), "LAB": (255, 128, 128), "HSV": (0, 0, 255)}
    for mode, value in white.items():
        image = Image.new(mode, (2, 2), value)
        if mode != "HSV":  # Pillow cannot write HSV files
            image = decode_image(_saved(image, tmp_path / f"{mode}.tif"))
            assert image.mode == "RGB"
        assert model_view(image, RGB_SPEC).min() >= 250
    red = model_view(Image.new("HSV", (2, 2), (0, 255, 255)), RGB_SPEC)
    assert red[0, 0].tolist() == [255, 0, 0]


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    image = Image.new("RGB", (40, 20), (255, 0, 0))
    image.paste((0, 0, 255), (20, 0, 40, 20))  # left half red, right half blue
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 degrees clockwise to display"
    out = decode_image(_saved(image, tmp_path / "rotated.jpg", exif=exif, quality=95))
    assert out.size == (20, 40)  # transposed
    top, bottom = out.getpixel((10, 5)), out.getpixel((10, 35))
    assert top[0] > 200 and top[2] < 60  # the left (red) half is now on top
    assert bottom[2] > 200 and bottom[0] < 60


def test_animated_gif_gives_first_frame(tmp_path: Path) -> None:
    frames = [Image.new("RGB", (8, 8), c) for c in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]
    path = tmp_path / "anim.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=50, loop=0)
    with Image.open(path) as check:
        assert check.n_frames == 3
    assert decode_image(path).getpixel((4, 4)) == (255, 0, 0)


def test_decode_bytes_matches_decode_file(tmp_path: Path) -> None:
    data = _encode(_gradient(), "PNG")
    (tmp_path / "g.png").write_bytes(data)
    assert np.array_equal(np.asarray(decode_image_bytes(data)), np.asarray(decode_image(tmp_path / "g.png")))


# decode: refusals


def _refusal(path: Path) -> str:
    with pytest.raises(CnnvizError) as info:
        decode_image(path)
    message = str(info.value)
    assert str(path) in message and "\n" not in message
    return message


def test_refuses_missing_directory_empty_and_text(tmp_path: Path) -> None:
    assert "no such file" in _refusal(tmp_path / "nope.png")
    assert "directory" in _refusal(tmp_path)
    (tmp_path / "empty.png").write_bytes(b"")
    assert "empty" in _refusal(tmp_path / "empty.png")
    (tmp_path / "notes.jpg").write_text("this is not a picture\n" * 20)
    assert "not an image" in _refusal(tmp_path / "notes.jpg")
    with pytest.raises(CnnvizError, match="clipboard"):
        decode_image_bytes(b"")
    if hasattr(os, "mkfifo"):  # reading a pipe would block forever: refused before opening
        os.mkfifo(tmp_path / "pipe.png")
        assert "not a regular file" in _refusal(tmp_path / "pipe.png")


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_refuses_truncated_files(tmp_path: Path, fmt: str) -> None:
    noise = np.random.default_rng(0).integers(0, 256, (64, 64, 3), dtype=np.uint8)
    data = _encode(Image.fromarray(noise), fmt)
    path = tmp_path / f"cut.{fmt.lower()}"
    path.write_bytes(data[: len(data) // 2])
    assert "truncated" in _refusal(path)


@pytest.mark.parametrize("side", [40, 400])  # 1600 px: Pillow warns; 160000 px: Pillow raises
def test_refuses_decompression_bombs_quickly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             side: int) -> None:
    path = _saved(Image.new("L", (side, side)), tmp_path / "bomb.png")
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    filters_before = list(warnings.filters)
    decoded = []  # "quickly" means before any pixel is decoded (timing belongs to the benchmarks)
    real_load = ImageFile.ImageFile.load
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: decoded.append(self) or real_load(self))
    assert "decompression bomb" in _refusal(path)
    with pytest.raises(CnnvizError, match="decompression bomb"):
        decode_image_bytes(path.read_bytes())
    assert decoded == []
    assert warnings.filters == filters_before  # the warning filter was scoped to the decode


def test_odd_paths_are_one_line_and_never_opened(tmp_path: Path) -> None:
    long_name = tmp_path / ("z" * 300 + ".png")
    message = _refusal_text(long_name)
    assert "too long" in message and "z" * 300 not in message
    assert "too long" in _refusal_text(tmp_path / ("z" * 300) / "a.png")
    (tmp_path / "a.png").symlink_to(tmp_path / "b.png")
    (tmp_path / "b.png").symlink_to(tmp_path / "a.png")
    assert "symbolic link loop" in _refusal(tmp_path / "a.png")
    (tmp_path / "gone.png").symlink_to(tmp_path / "nowhere.png")
    assert "broken symbolic link" in _refusal(tmp_path / "gone.png")
    assert "character device" in _refusal(Path("/dev/zero"))  # endless: refused before opening


def _refusal_text(path: Path) -> str:
    with pytest.raises(CnnvizError) as info:
        decode_image(path)
    assert "\n" not in str(info.value)
    return str(info.value)


# preprocess, model_view, load_image


def test_matches_torchvision_weights_transforms_for_googlenet(tmp_path: Path) -> None:
    spec = model_info("googlenet").input
    transforms = default_weights_enum("googlenet").transforms()
    image = _gradient(300, 260)
    ours = preprocess(image, spec)
    assert ours.shape == (1, 3, 224, 224) and ours.dtype == torch.float32
    # Same PIL resize + crop as torchvision applies to PIL images: measured difference is 0.
    assert (ours - transforms(image).unsqueeze(0)).abs().max().item() < 1e-4
    # torchvision's tensor antialias kernel differs by at most one grey level (1/255/std ~ 0.0175).
    tensor_path = transforms(TF.pil_to_tensor(image)).unsqueeze(0)
    assert (ours - tensor_path).abs().max().item() < 0.02
    path = _saved(image, tmp_path / "g.png")
    assert torch.equal(load_image(path, model_info("googlenet")), load_image(path, spec))


def test_channel_conversion_both_ways() -> None:
    rgb = _gradient(16, 16)
    grey = preprocess(rgb, GREY_SPEC)
    assert grey.shape == (1, 1, 16, 16)
    expected = torch.from_numpy(np.array(rgb.convert("L"))).float() / 255
    assert torch.allclose(grey[0, 0], expected)
    three = preprocess(rgb.convert("L"), RGB_SPEC)
    assert three.shape == (1, 3, 16, 16)
    assert torch.equal(three[0, 0], three[0, 1]) and torch.equal(three[0, 1], three[0, 2])
    assert torch.allclose(three[0, 0], expected)


def test_model_view_is_preprocess_before_normalisation() -> None:
    spec = InputSpec(channels=3, size=(20, 24), resize=22, mean=(0.4, 0.5, 0.6), std=(0.2, 0.3, 0.4))
    image = _gradient(50, 31)
    view = model_view(image, spec)
    assert view.dtype == np.uint8 and view.shape == (20, 24, 3) and view.flags.c_contiguous
    mean = torch.tensor(spec.mean).view(3, 1, 1)
    std = torch.tensor(spec.std).view(3, 1, 1)
    expected = (torch.from_numpy(view).permute(2, 0, 1).float() / 255 - mean) / std
    assert torch.allclose(preprocess(image, spec)[0], expected, atol=1e-6)
    assert model_view(image, GREY_SPEC).shape == (16, 16)


def test_resize_none_goes_straight_to_size_and_strips_stay_cheap() -> None:
    assert preprocess(_gradient(50, 30), MNIST_INPUT).shape == (1, 1, 28, 28)
    strip = Image.new("RGB", (20000, 2), (10, 200, 30))
    resized = []  # "cheap" means the strip is cropped to 16:1 before it is resized (no 2.2 M x 256 image)
    real_resize = images.TF.resize
    with patch.object(images.TF, "resize", lambda im, *a, **k: resized.append(im.size) or real_resize(im, *a, **k)):
        out = preprocess(strip, model_info("googlenet").input)
    assert out.shape == (1, 3, 224, 224)
    assert resized[0] == (32, 2)
    assert torch.allclose(out[0, :, 100, 100], out[0, :, 0, 0])


def test_mnist_digit_becomes_bright_on_dark() -> None:
    digit = resources_dir() / "samples" / "digit_3.png"
    x = load_image(digit, model_info("mnist_inception"))
    assert x.shape == (1, 1, 28, 28)
    background = (0.0 - 0.1307) / 0.3081  # white paper, inverted to black, normalised
    border = torch.cat([x[0, 0, :3].ravel(), x[0, 0, -3:].ravel(), x[0, 0, :, :3].ravel()])
    assert torch.allclose(border, torch.full_like(border, background), atol=1e-5)
    assert x[0, 0, 8:20, 8:20].mean() > background + 1.0  # the inked centre is bright
    assert x.max() > 2.5  # full ink reaches (1 - 0.1307) / 0.3081


def test_bad_spec_is_refused() -> None:
    with pytest.raises(CnnvizError, match="channels"):
        preprocess(_gradient(), InputSpec(channels=2))
    with pytest.raises(CnnvizError, match="mean"):
        preprocess(_gradient(), InputSpec(channels=1, mean=(0.1, 0.2), std=(1.0,)))
    with pytest.raises(TypeError):
        load_image(Path("x.png"), "googlenet")  # type: ignore[arg-type]


# suffixes and bundled samples


def test_image_suffixes_cover_common_formats() -> None:
    assert {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp"} <= set(IMAGE_SUFFIXES)
    assert all(s.startswith(".") and s == s.lower() for s in IMAGE_SUFFIXES)
    assert ".pdf" not in IMAGE_SUFFIXES  # Pillow only writes PDF


def test_bundled_samples_decode_and_are_small() -> None:
    samples = {p.name: p for p in sample_images()}
    expected = {f"digit_{d}.png" for d in range(10)} | {"cat.jpg", "coffee.jpg", "astronaut.jpg", "rocket.jpg"}
    assert expected <= set(samples)
    for name, path in samples.items():
        assert path.stat().st_size <= 60 * 1024, name
        image = decode_image(path)
        if name.startswith("digit_"):
            pixels = np.asarray(image)
            assert image.mode == "L" and image.size == (28, 28)
            assert pixels[:2].min() == 255 and pixels.min() < 80  # white paper, dark ink
        else:
            assert image.mode == "RGB" and min(image.size) >= 256
    assert (resources_dir() / "LICENSES.md").is_file()


# property tests: anything either loads into a finite tensor of the right shape or is refused

SPECS = [MNIST_INPUT, InputSpec(channels=3, size=(12, 10), resize=14), RGB_SPEC]
FORMATS = ["PNG", "JPEG", "GIF", "BMP", "TIFF", "WEBP", "PPM", "TGA", "PCX", "IM", "SGI", "QOI", "ICO"]
HEADERS = [b"", b"\x89PNG\r\n\x1a\n", b"GIF89a", b"\xff\xd8\xff\xe0", b"BM", b"II*\x00", b"P5\n4 4\n255\n",
           b"RIFF\x00\x00\x00\x00WEBPVP8 "]
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_result(image_or_error: Image.Image | None, spec: InputSpec) -> None:
    if image_or_error is None:
        return
    assert image_or_error.mode in ("L", "RGB")
    x = preprocess(image_or_error, spec)
    assert x.shape == (1, spec.channels, *spec.size) and x.dtype == torch.float32
    assert torch.isfinite(x).all()


def _decode_or_none(data: bytes) -> Image.Image | None:
    try:
        return decode_image_bytes(data, "random")
    except CnnvizError as exc:
        assert "random" in str(exc) and "\n" not in str(exc)
        return None


@FAST
@given(header=st.sampled_from(HEADERS), body=st.binary(max_size=1500), spec=st.sampled_from(SPECS))
def test_random_bytes_load_or_are_refused(header: bytes, body: bytes, spec: InputSpec) -> None:
    with patch.object(Image, "MAX_IMAGE_PIXELS", 4_000_000):  # random headers may claim huge sizes
        _check_result(_decode_or_none(header + body), spec)


def _random_image(mode: str, width: int, height: int, seed: int) -> Image.Image:
    size = len(Image.new(mode, (width, height)).tobytes())
    raw = np.random.default_rng(seed).integers(0, 256, size, dtype=np.uint8).tobytes()
    return Image.frombytes(mode, (width, height), raw)


def _encode_or_none(image: Image.Image, fmt: str) -> bytes | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _encode(image, fmt)
    except Exception:  # noqa: BLE001 - this format cannot store this mode
        return None


@FAST
@given(mode=st.sampled_from(Image.MODES), fmt=st.sampled_from(FORMATS), width=st.integers(1, 12),
       height=st.integers(1, 12), seed=st.integers(0, 2**32 - 1), spec=st.sampled_from(SPECS))
def test_random_images_of_every_mode_load(mode: str, fmt: str, width: int, height: int, seed: int,
                                          spec: InputSpec) -> None:
    image = _random_image(mode, width, height, seed)
    data = _encode_or_none(image, fmt)
    if data is None:  # no file of this format holds this mode: preprocess the in-memory image
        x = preprocess(image, spec)
        assert x.shape == (1, spec.channels, *spec.size) and torch.isfinite(x).all()
    else:
        _check_result(_decode_or_none(data), spec)


@FAST
@given(mode=st.sampled_from(["RGB", "L", "RGBA", "P", "I;16", "1", "CMYK", "F"]), fmt=st.sampled_from(FORMATS),
       seed=st.integers(0, 2**32 - 1), keep=st.floats(0.05, 1.0), flips=st.integers(0, 6))
def test_damaged_real_files_load_or_are_refused(mode: str, fmt: str, seed: int, keep: float,
                                                 flips: int) -> None:
    rng = np.random.default_rng(seed)
    data = _encode_or_none(_random_image(mode, *(int(v) for v in rng.integers(1, 24, 2)), seed), fmt)
    if data is None:
        return
    damaged = bytearray(data)
    for _ in range(flips):  # overwrite a few random bytes, then cut the tail off
        damaged[int(rng.integers(0, len(damaged)))] = int(rng.integers(0, 256))
    with patch.object(Image, "MAX_IMAGE_PIXELS", 4_000_000):
        _check_result(_decode_or_none(bytes(damaged[: max(1, round(len(damaged) * keep))])), SPECS[1])
