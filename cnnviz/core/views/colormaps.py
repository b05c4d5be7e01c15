"""Colour maps as 256-entry uint8 lookup tables, without matplotlib.

Each map is a few anchor colours, evenly spaced over 0..255, linearly interpolated in sRGB. The
perceptual maps (viridis, magma, inferno) use nine anchors taken from their published definitions
(van der Walt and Smith's matplotlib colormaps, sampled at 0, 1/8, ..., 1); coolwarm uses Moreland's
published nine-point table and seismic matplotlib's five segment points. Nine anchors reproduce the
full tables to within a few levels per channel, which is invisible at display sizes.

A lookup table is what pyqtgraph's ``ImageItem.setLookupTable`` takes on its fast path (at most
256 entries) and what :func:`apply_lut` (also exported by :mod:`cnnviz.core.views.mosaic`) uses for PNGs.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..errors import CnnvizError
from ..i18n import translator

tr = translator(__name__)

__all__ = ["COLORMAPS", "apply_lut", "is_diverging", "lut"]

COLORMAPS: tuple[str, ...] = ("gray", "viridis", "magma", "inferno", "coolwarm", "seismic")

_ANCHORS: dict[str, tuple[str, ...]] = {
    "gray": ("#000000", "#ffffff"),
    "viridis": ("#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c",
                "#28ae80", "#5ec962", "#addc30", "#fde725"),
    "magma": ("#000004", "#1c1044", "#4f127b", "#812581", "#b5367a",
              "#e55064", "#fb8761", "#fec287", "#fcfdbf"),
    "inferno": ("#000004", "#1f0c48", "#550f6d", "#88226a", "#ba3655",
                "#e35933", "#f98e09", "#f8c932", "#fcffa4"),
    "coolwarm": ("#3b4cc0", "#6282ea", "#8db0fe", "#b8d0f9", "#dddddd",
                 "#f5c4ad", "#f49a7b", "#de604d", "#b40426"),
    "seismic": ("#00004d", "#0000ff", "#ffffff", "#ff0000", "#800000"),
}

_DIVERGING = frozenset({"coolwarm", "seismic"})


def _check(name: str) -> str:
    if name not in _ANCHORS:
        raise CnnvizError(tr("unknown colour map '{name}'; choose one of: {names}").format(name=name,
                                                                                          names=", ".join(COLORMAPS)))
    return name


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    value = int(hex_colour.lstrip("#"), 16)
    return (value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF


@lru_cache(maxsize=None)
def _table(name: str) -> np.ndarray:
    anchors = np.array([_rgb(c) for c in _ANCHORS[name]], dtype=np.float64)
    stops = np.linspace(0.0, 255.0, len(anchors))
    levels = np.arange(256, dtype=np.float64)
    table = np.stack([np.interp(levels, stops, anchors[:, k]) for k in range(3)], axis=1)
    out = np.rint(table).astype(np.uint8)
    out.setflags(write=False)
    return out


def lut(name: str) -> np.ndarray:
    """The lookup table of a colour map.

    Parameters
    ----------
    name : str
        One of :data:`COLORMAPS`.

    Returns
    -------
    numpy.ndarray
        A new ``(256, 3)`` uint8, C-contiguous array; row ``i`` is the colour of level ``i``.

    Raises
    ------
    CnnvizError
        If the name is not a known colour map (the message lists the known ones).
    """
    return _table(_check(name)).copy()


def is_diverging(name: str) -> bool:
    """Whether a colour map is diverging (its middle, level 128, is the neutral colour for 0).

    Parameters
    ----------
    name : str
        One of :data:`COLORMAPS`.

    Returns
    -------
    bool
        True for ``coolwarm`` and ``seismic``.

    Raises
    ------
    CnnvizError
        If the name is not a known colour map.
    """
    return _check(name) in _DIVERGING


def apply_lut(image_u8: np.ndarray, cmap: str) -> np.ndarray:
    """Colour a 2-D uint8 image with a colour map (for PNG export).

    Parameters
    ----------
    image_u8 : numpy.ndarray
        ``H x W`` uint8 levels.
    cmap : str
        One of :data:`COLORMAPS`.

    Returns
    -------
    numpy.ndarray
        A new C-contiguous ``H x W x 3`` uint8 array.

    Raises
    ------
    CnnvizError
        If the image is not 2-D uint8 or the colour map is unknown.
    """
    arr = np.asarray(image_u8)
    if arr.dtype != np.uint8 or arr.ndim != 2:
        raise CnnvizError(f"apply_lut needs a 2-D uint8 image, got a {arr.ndim}-D {arr.dtype} array")
    return _table(_check(cmap))[arr]
