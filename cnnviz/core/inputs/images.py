"""Decoding any image file robustly into a model-ready tensor.

``decode_image`` turns whatever Pillow can open into a plain ``"RGB"`` or ``"L"`` image (EXIF
orientation applied, transparency composited over white, 16-bit / 32-bit / float images rescaled
from their real range to 0..255) or refuses it with a one-line :class:`CnnvizError`.
``preprocess`` then does what torchvision's ``weights.transforms()`` does (resize the shorter side
with bilinear + antialias, centre crop, scale to [0, 1], normalise), and ``model_view`` returns the
same picture before normalisation, for display.
"""

from __future__ import annotations

import io
import threading
import warnings
from pathlib import Path
from typing import BinaryIO

import numpy as np
import torch
import torchvision.transforms.v2.functional as TF
from PIL import Image, ImageOps, UnidentifiedImageError
from torchvision.transforms import InterpolationMode

from ..errors import CnnvizError, reason
from ..i18n import translator
from ..paths import FOLDER, file_problem, is_absent, shown_path
from ..resources import resources_dir
from ..spec import InputSpec, ModelInfo

__all__ = [
    "IMAGE_SUFFIXES",
    "decode_image",
    "decode_image_bytes",
    "load_image",
    "model_view",
    "preprocess",
    "sample_images",
]

# Formats Pillow registers but cannot decode without an external handler or program.
_UNDECODABLE_FORMATS = {"BUFR", "GRIB", "HDF5", "MPEG", "WMF", "EPS", "PDF", "PALM"}
_HIGH_DEPTH_MODES = {"I", "F", "I;16", "I;16L", "I;16B", "I;16N"}
# Images whose long side is more than this many times their short side are centre-cropped to
# this aspect before the shorter-side resize, so that a 1 x 100000 strip cannot blow up memory.
_MAX_ASPECT = 16
# warnings.catch_warnings changes process-wide state: decode one image at a time.
_DECODE_LOCK = threading.Lock()
tr = translator(__name__)


def _image_suffixes() -> tuple[str, ...]:
    Image.init()
    openable = set(Image.OPEN) | {"MPO"}  # MPO files are opened by the JPEG plugin
    return tuple(sorted(
        ext for ext, fmt in Image.registered_extensions().items()
        if fmt in openable and fmt not in _UNDECODABLE_FORMATS
    ))


IMAGE_SUFFIXES: tuple[str, ...] = _image_suffixes()
"""Lower-case file suffixes (with the dot) of the formats Pillow can open, for file dialogs."""


def decode_image(path: str | Path) -> Image.Image:
    """Open an image file and return it as a fully loaded ``"RGB"`` or ``"L"`` image.

    Parameters
    ----------
    path
        Any file Pillow can open. Animated images give their first frame.

    Returns
    -------
    PIL.Image.Image
        Mode ``"L"`` for grayscale sources (1-bit, 8/16/32-bit integer, float), ``"RGB"`` otherwise,
        with EXIF orientation applied and transparency composited over white.

    Raises
    ------
    CnnvizError
        One line naming the path and the reason: missing, a directory, empty, not an image,
        truncated or corrupt, or larger than Pillow's ``Image.MAX_IMAGE_PIXELS`` limit.
    """
    path = Path(path)
    name = shown_path(path)
    _refuse_unless_file(path, name)
    try:
        if path.stat().st_size == 0:
            raise CnnvizError(tr("{name}: the file is empty").format(name=name))
        with path.open("rb") as handle:
            return _decode(handle, name)
    except PermissionError as exc:
        raise CnnvizError(tr("{name}: cannot read the file (permission denied)").format(name=name)) from exc
    except OSError as exc:  # it changed since the checks above, or the disk failed
        raise CnnvizError(tr("{name}: cannot read the file ({reason})").format(
            name=name, reason=exc.strerror or type(exc).__name__)) from exc


def _refuse_unless_file(path: Path, name: str) -> None:
    """One line unless ``path`` is a regular file one may read (checked without opening it)."""
    problem = file_problem(path)
    if problem is None:
        return
    kind, words = problem
    if is_absent(problem):
        raise CnnvizError(tr("{name}: no such file").format(name=name))
    if kind == FOLDER:
        raise CnnvizError(tr("{name}: is a directory, not an image file").format(name=name))
    raise CnnvizError(f"{name}: {words}")


def decode_image_bytes(data: bytes, name: str = "clipboard") -> Image.Image:
    """Decode an image held in memory (a paste, a download) exactly like :func:`decode_image`.

    Parameters
    ----------
    data
        The encoded file's bytes.
    name
        What error messages call the data.

    Returns
    -------
    PIL.Image.Image
        A fully loaded ``"RGB"`` or ``"L"`` image.

    Raises
    ------
    CnnvizError
        If the data is empty, not an image, corrupt, or too large.
    """
    if not data:
        raise CnnvizError(tr("{name}: no image data (empty)").format(name=name))
    return _decode(io.BytesIO(bytes(data)), name)


def _decode(handle: BinaryIO, name: str) -> Image.Image:
    """Open, load and normalise one image, turning every Pillow failure into a CnnvizError."""
    with _DECODE_LOCK, warnings.catch_warnings():
        # Pillow warns about harmless oddities (corrupt EXIF...); the image still decodes.
        warnings.simplefilter("ignore")
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(handle) as image:
                image.load()
                oriented = ImageOps.exif_transpose(image)
                result = _standard_mode(oriented)
                if result is image:
                    result = result.copy()
        except UnidentifiedImageError as exc:
            raise CnnvizError(tr("{name}: not an image file that Pillow can read").format(name=name)) from exc
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise CnnvizError(tr("{name}: refused as a possible decompression bomb: {reason}").format(
                name=name, reason=exc)) from exc
        except MemoryError as exc:
            raise CnnvizError(tr("{name}: not enough memory to decode this image").format(name=name)) from exc
        except Exception as exc:  # noqa: BLE001 - any decoder failure means a broken file
            raise CnnvizError(tr("{name}: corrupt or truncated image ({reason})").format(
                name=name, reason=reason(exc))) from exc
    if result.width == 0 or result.height == 0:
        raise CnnvizError(tr("{name}: the image has no pixels ({width}x{height})").format(
            name=name, width=result.width, height=result.height))
    return result


def _standard_mode(image: Image.Image) -> Image.Image:
    """``image`` as ``"L"`` or ``"RGB"``: alpha over white, high bit depths rescaled to 0..255."""
    mode = image.mode
    if mode in ("L", "RGB"):
        return image
    if mode == "1":
        return image.convert("L")
    if mode in _HIGH_DEPTH_MODES or mode.startswith("I;"):
        return _rescale_to_l(image)
    if mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    elif mode == "PA":
        image = image.convert("RGBA")
    elif mode in ("La", "RGBa"):
        return _premultiplied_over_white(image)
    if image.mode in ("LA", "RGBA"):
        return _over_white(image)
    return image.convert("RGB")  # RGB (from P), RGBX, CMYK, YCbCr, LAB, HSV


def _over_white(image: Image.Image) -> Image.Image:
    """Composite an ``"LA"`` or ``"RGBA"`` image over a white background."""
    mode = image.mode[:-1]
    background = Image.new(mode, image.size, 255 if mode == "L" else (255, 255, 255))
    background.paste(image.convert(mode), mask=image.getchannel("A"))
    return background


def _premultiplied_over_white(image: Image.Image) -> Image.Image:
    """Composite a premultiplied-alpha ``"La"`` or ``"RGBa"`` image over white: ``c + 255 - a``."""
    pixels = np.asarray(image).astype(np.int16)
    over = pixels[..., :-1] + (255 - pixels[..., -1:])
    over = np.clip(over, 0, 255).astype(np.uint8)
    return Image.fromarray(over[..., 0] if image.mode == "La" else over)


def _rescale_to_l(image: Image.Image) -> Image.Image:
    """Map a 16/32-bit integer or float image's finite range linearly onto 0..255 (mode "L")."""
    with np.errstate(all="ignore"):  # signalling NaNs and huge ranges are data, not errors
        values = np.asarray(image).astype(np.float64)
        finite = np.isfinite(values)
        if not finite.any():
            return Image.new("L", image.size, 0)
        low, high = float(values[finite].min()), float(values[finite].max())
        if high > low:
            scaled = (values - low) / (high - low) * 255.0
        else:  # a constant image has no range: place it on the mode's nominal scale
            nominal = 1.0 if image.mode == "F" else 65535.0 if low <= 65535 else float(2**31 - 1)
            scaled = np.full(values.shape, min(max(low / nominal, 0.0), 1.0) * 255.0)
        scaled = np.nan_to_num(scaled, nan=0.0, posinf=255.0, neginf=0.0)
    return Image.fromarray(np.clip(np.rint(scaled), 0, 255).astype(np.uint8))


def _check_spec(spec: InputSpec) -> None:
    if spec.channels not in (1, 3):
        raise CnnvizError(tr("input spec: channels must be 1 or 3, not {channels}").format(channels=spec.channels))
    if len(spec.size) != 2 or min(spec.size) < 1:
        raise CnnvizError(tr("input spec: size must be two positive numbers (height, width), not {size}").format(
            size=spec.size))
    if spec.resize is not None and spec.resize < 1:
        raise CnnvizError(tr("input spec: resize must be positive or None, not {resize}").format(resize=spec.resize))
    for label, values in (("mean", spec.mean), ("std", spec.std)):
        if len(values) not in (1, spec.channels):
            raise CnnvizError(tr("input spec: {label} needs 1 or {channels} values, not {count}").format(
                label=label, channels=spec.channels, count=len(values)))
    if any(s == 0 for s in spec.std):
        raise CnnvizError(tr("input spec: std must not contain zero ({std})").format(std=spec.std))


def _fit_aspect(image: Image.Image) -> Image.Image:
    """Centre-crop extreme strips to ``_MAX_ASPECT``: 1; ordinary images are returned unchanged."""
    width, height = image.size
    short = min(width, height)
    if max(width, height) <= short * _MAX_ASPECT:
        return image
    new_w, new_h = min(width, short * _MAX_ASPECT), min(height, short * _MAX_ASPECT)
    left, top = (width - new_w) // 2, (height - new_h) // 2
    return image.crop((left, top, left + new_w, top + new_h))


_INTERPOLATION = {"bilinear": InterpolationMode.BILINEAR, "bicubic": InterpolationMode.BICUBIC,
                  "nearest": InterpolationMode.NEAREST}


def _model_image(image: Image.Image, spec: InputSpec) -> Image.Image:
    """Convert, invert, resize and crop ``image`` the way ``spec`` says (no normalisation)."""
    _check_spec(spec)
    image = _standard_mode(image)
    target = "L" if spec.channels == 1 else "RGB"
    if image.mode != target:
        image = image.convert(target)
    if spec.invert:
        image = ImageOps.invert(image)
    size = [int(spec.size[0]), int(spec.size[1])]
    mode = _INTERPOLATION.get(spec.interpolation, InterpolationMode.BILINEAR)
    if spec.resize is None:
        return TF.resize(image, size, interpolation=mode, antialias=True)
    image = TF.resize(_fit_aspect(image), [int(spec.resize)], interpolation=mode, antialias=True)
    return TF.center_crop(image, size)


def preprocess(image: Image.Image, spec: InputSpec) -> torch.Tensor:
    """Turn an image into the model's input, as torchvision's ``weights.transforms()`` does.

    Parameters
    ----------
    image
        Any PIL image (decoded ones are ``"L"`` or ``"RGB"``; other modes are converted first).
    spec
        The model's input contract: channels, size, resize, mean, std, invert.

    Returns
    -------
    torch.Tensor
        float32 of shape ``[1, spec.channels, *spec.size]``: converted to the spec's channels,
        inverted if asked, resized (shorter side to ``spec.resize`` with bilinear + antialias, then
        centre-cropped; or straight to ``spec.size`` when ``spec.resize`` is None), scaled to [0, 1]
        and normalised with ``spec.mean`` / ``spec.std``.

    Raises
    ------
    CnnvizError
        If the spec is inconsistent (channels not 1 or 3, wrong number of mean/std values...).
    """
    view = _model_image(image, spec)
    pixels = TF.pil_to_tensor(view).to(torch.float32).div_(255.0)
    mean = torch.as_tensor(spec.mean, dtype=torch.float32).view(-1, 1, 1)
    std = torch.as_tensor(spec.std, dtype=torch.float32).view(-1, 1, 1)
    return pixels.sub_(mean).div_(std).unsqueeze(0).contiguous()


def model_view(image: Image.Image, spec: InputSpec) -> np.ndarray:
    """The image as the network sees it, before normalisation, for display.

    Parameters
    ----------
    image
        Any PIL image.
    spec
        The model's input contract.

    Returns
    -------
    numpy.ndarray
        C-contiguous uint8, ``(H, W)`` for one channel or ``(H, W, 3)`` for RGB, after the same
        conversion, inversion, resize and crop as :func:`preprocess`.
    """
    return np.array(_model_image(image, spec), dtype=np.uint8, order="C")


def load_image(path: str | Path, spec_or_info: InputSpec | ModelInfo) -> torch.Tensor:
    """Decode an image file and preprocess it for a model.

    Parameters
    ----------
    path
        The image file.
    spec_or_info
        An :class:`InputSpec`, or a :class:`ModelInfo` whose ``.input`` is used.

    Returns
    -------
    torch.Tensor
        float32 ``[1, C, H, W]``, see :func:`preprocess`.

    Raises
    ------
    CnnvizError
        If the file cannot be decoded (see :func:`decode_image`).
    """
    spec = spec_or_info.input if isinstance(spec_or_info, ModelInfo) else spec_or_info
    if not isinstance(spec, InputSpec):
        raise TypeError(f"expected an InputSpec or a ModelInfo, got {type(spec_or_info).__name__}")
    return preprocess(decode_image(path), spec)


def sample_images() -> list[Path]:
    """The sample images bundled in ``resources/samples``, sorted by name.

    Returns
    -------
    list of pathlib.Path
        Empty when the resources folder is not installed.
    """
    folder = resources_dir() / "samples"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)
