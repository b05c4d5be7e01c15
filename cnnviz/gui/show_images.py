"""The images :func:`cnnviz.show` takes: image files, PIL images, numpy arrays and tensors, checked before any
window opens; pictures held in memory are written to a temporary folder for the input strip.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import torch
from PIL import Image

from ..core.errors import CnnvizError
from ..core.i18n import translator
from ..core.inputs.images import decode_image, sample_images
from ..core.models.loader import LoadedModel
from .session import check_image_paths

__all__ = ["ImageLike", "array_image", "default_images", "image_files", "image_items"]

tr = translator(__name__)

ImageLike = str | os.PathLike | Image.Image | np.ndarray | torch.Tensor


def image_items(images: Any) -> list[Path | Image.Image]:
    """Check the images given to :func:`show`: files must exist and decode; arrays become PIL images.

    Raises
    ------
    TypeError
        An item that is neither a path, a PIL image nor an array.
    CnnvizError
        A file that is missing, not an image, or an array that is not a picture.
    """
    if images is None:
        return []
    if isinstance(images, (str, os.PathLike, Image.Image, np.ndarray, torch.Tensor)):
        images = [images]
    try:
        items = list(images)
    except TypeError:
        raise TypeError(tr("images must be image files, PIL images or arrays (or a list of them), got {type}")
                        .format(type=type(images).__name__)) from None
    return [_image_item(item, i) for i, item in enumerate(items)]


def _image_item(item: Any, index: int) -> Path | Image.Image:
    if isinstance(item, (str, os.PathLike)):
        path = Path(os.fspath(item)).expanduser()
        files, problems = check_image_paths([path])
        if problems:
            raise CnnvizError(problems[0])
        decode_image(files[0])  # a broken file is said now, not later in the window
        return files[0]
    if isinstance(item, Image.Image):
        return item
    if isinstance(item, torch.Tensor):
        item = item.detach().to("cpu").numpy()
    if isinstance(item, np.ndarray):
        return array_image(item, f"images[{index}]")
    raise TypeError(tr("images[{index}]: expected an image file, a PIL image or an array, got {type}").format(
        index=index, type=type(item).__name__))


def array_image(array: np.ndarray, name: str = "array") -> Image.Image:
    """A picture from an ``H x W``, ``H x W x C`` (C 1, 3, 4) or ``C x H x W`` (C 1, 3) array: uint8 as it
    is, other integers within 0..255, floats within [0, 1] (scaled by 255)."""
    a = np.squeeze(array, axis=0) if array.ndim == 4 and array.shape[0] == 1 else array
    if a.ndim == 3 and a.shape[0] in (1, 3) and a.shape[-1] not in (1, 3, 4):
        a = np.moveaxis(a, 0, -1)
    if a.ndim == 3 and a.shape[-1] == 1:
        a = a[..., 0]
    if not (a.ndim == 2 or (a.ndim == 3 and a.shape[-1] in (3, 4))) or a.size == 0:
        raise CnnvizError(tr("{name}: an array of shape {shape} is not a picture (give H x W, H x W x 3 or "
                             "3 x H x W)").format(name=name, shape=tuple(array.shape)))
    return Image.fromarray(_as_uint8(a, name))


def _as_uint8(a: np.ndarray, name: str) -> np.ndarray:
    if a.dtype == np.uint8:
        return np.ascontiguousarray(a)
    if a.dtype == np.bool_:
        return a.astype(np.uint8) * 255
    if np.issubdtype(a.dtype, np.integer) and a.min() >= 0 and a.max() <= 255:
        return a.astype(np.uint8)
    if np.issubdtype(a.dtype, np.floating) and np.isfinite(a).all() and a.min() >= 0 and a.max() <= 1:
        return np.round(a * 255).astype(np.uint8)
    raise CnnvizError(tr("{name}: {dtype} values from {low} to {high} are not pixels (give uint8 0..255 or floats "
                         "in [0, 1])").format(name=name, dtype=a.dtype, low=a.min(), high=a.max()))


def image_files(items: list[Path | Image.Image], window: Any) -> list[Path]:
    """The images as files for the input strip: pictures held in memory are written to a temporary folder
    that lives as long as the window (removed when it closes)."""
    if all(isinstance(item, Path) for item in items):
        return list(items)
    folder = tempfile.TemporaryDirectory(prefix="cnnviz-show-")
    window._show_images = folder  # type: ignore[attr-defined]  # removed with the window at the latest
    files = []
    for i, item in enumerate(items):
        if isinstance(item, Image.Image):
            path = Path(folder.name) / f"image{i}.png"
            picture = item if item.mode in ("L", "RGB", "RGBA", "1") else item.convert("RGB")
            picture.save(path)
            item = path
        files.append(item)
    return files


def default_images(loaded: LoadedModel) -> list[Path]:
    """A bundled sample that suits the model: a digit for a 1-channel model, a photo otherwise."""
    samples = {p.name: p for p in sample_images()}
    wanted = "digit_7.png" if loaded.info.input.channels == 1 else "cat.jpg"
    chosen = samples.get(wanted) or next(iter(samples.values()), None)
    return [] if chosen is None else [chosen]
