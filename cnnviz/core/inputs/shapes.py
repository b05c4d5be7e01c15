"""A generated dataset of simple shapes at random positions, sizes and rotations, with noise.

Each image holds one shape (circle, square, triangle, cross, ring or star) drawn with a random
centre, circumradius and rotation, in a random foreground colour on a contrasting random background,
plus Gaussian pixel noise. Because the same shape appears anywhere in the picture, a network that
learns it shows why shared convolution weights make a feature detector work wherever the object is.
Everything comes from one seeded NumPy generator, so the same arguments always give the same images.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SHAPE_NAMES: tuple[str, ...] = ("circle", "square", "triangle", "cross", "ring", "star")
_CHUNK = 64  # images drawn at once (bounds the temporary grids for large sizes)
_RADIUS = (0.3, 0.7)  # circumradius, in units of half the shorter side
_NOISE = 0.06  # standard deviation of the pixel noise, on the 0..1 scale


@dataclass(frozen=True)
class ShapeSet:
    """Generated images and how each was drawn.

    Attributes
    ----------
    images
        uint8 array ``[N, C, H, W]``.
    labels
        int64 array ``[N]``, indices into ``class_names``.
    centres
        float array ``[N, 2]``: each shape's centre as ``(row, column)`` in pixels.
    radii
        float array ``[N]``: each shape's circumradius in pixels.
    angles
        float array ``[N]``: each shape's rotation in radians.
    class_names
        The shape names, in label order.
    """

    images: np.ndarray
    labels: np.ndarray
    centres: np.ndarray
    radii: np.ndarray
    angles: np.ndarray
    class_names: tuple[str, ...]


def generate_shapes(
    per_class: int,
    *,
    channels: int = 1,
    size: tuple[int, int] = (28, 28),
    seed: int = 0,
    classes: tuple[str, ...] = SHAPE_NAMES,
) -> ShapeSet:
    """Draw ``per_class`` images of each shape in ``classes``.

    Parameters
    ----------
    per_class
        Images per shape (at least 1).
    channels
        1 (light shape on a dark background, MNIST-like) or 3 (random colours, contrasting).
    size
        ``(height, width)`` in pixels (at least 8 each).
    seed
        Seed of the NumPy generator: the same arguments give the same images.
    classes
        Shape names, a subset of :data:`SHAPE_NAMES` in any order; labels follow this order.

    Returns
    -------
    ShapeSet
        The images in class-interleaved order (label ``i % len(classes)``) and their parameters.

    Raises
    ------
    ValueError
        Unknown shape names, fewer than one image per class, a channel count other than 1 or 3, or a
        size below 8 pixels.
    """
    unknown = [c for c in classes if c not in _DRAW]
    if unknown or not classes:
        raise ValueError(f"unknown shapes {unknown}; choose from {', '.join(SHAPE_NAMES)}")
    if per_class < 1 or channels not in (1, 3) or min(size) < 8:
        raise ValueError(f"need per_class >= 1, channels 1 or 3 and sides >= 8 (got {per_class}, {channels}, {size})")
    rng = np.random.default_rng(seed)
    n = per_class * len(classes)
    labels = np.arange(n, dtype=np.int64) % len(classes)
    height, width = int(size[0]), int(size[1])
    half = min(height, width) / 2.0
    radii = rng.uniform(*_RADIUS, n) * half
    centres = np.stack([rng.uniform(radii, height - radii), rng.uniform(radii, width - radii)], axis=1)
    angles = rng.uniform(0.0, 2.0 * np.pi, n)
    images = np.empty((n, channels, height, width), dtype=np.uint8)
    for start in range(0, n, _CHUNK):
        part = slice(start, min(start + _CHUNK, n))
        masks = _masks([classes[i] for i in labels[part]], centres[part], radii[part], angles[part], (height, width))
        images[part] = _paint(masks, channels, rng)
    return ShapeSet(images, labels, centres, radii, angles, tuple(classes))


def _masks(names: list[str], centres: np.ndarray, radii: np.ndarray, angles: np.ndarray,
           size: tuple[int, int]) -> np.ndarray:
    """Boolean ``[B, H, W]`` masks, one shape each, sampled at pixel centres."""
    rows = np.arange(size[0], dtype=np.float64)[None, :, None] + 0.5
    cols = np.arange(size[1], dtype=np.float64)[None, None, :] + 0.5
    dy = rows - centres[:, 0, None, None]
    dx = cols - centres[:, 1, None, None]
    cos, sin = np.cos(angles)[:, None, None], np.sin(angles)[:, None, None]
    u = cos * dx + sin * dy  # coordinates in the shape's own (rotated) frame, in pixels
    v = -sin * dx + cos * dy
    out = np.empty((len(names), size[0], size[1]), dtype=bool)
    for i, name in enumerate(names):
        out[i] = _DRAW[name](u[i], v[i], float(radii[i]))
    return out


def _polygon(sides: int):
    """Inside test of a regular polygon inscribed in the circle of radius ``r``."""
    normals = (2 * np.arange(sides) + 1) * np.pi / sides
    apothem = np.cos(np.pi / sides)

    def inside(u: np.ndarray, v: np.ndarray, r: float) -> np.ndarray:
        dots = u[..., None] * np.cos(normals) + v[..., None] * np.sin(normals)
        return (dots <= r * apothem).all(axis=-1)

    return inside


def _circle(u: np.ndarray, v: np.ndarray, r: float) -> np.ndarray:
    return u * u + v * v <= r * r


def _ring(u: np.ndarray, v: np.ndarray, r: float) -> np.ndarray:
    rho2 = u * u + v * v
    return (rho2 <= r * r) & (rho2 >= (0.6 * r) ** 2)


def _cross(u: np.ndarray, v: np.ndarray, r: float) -> np.ndarray:
    arm, w = r / np.sqrt(1.09), 0.3 * r / np.sqrt(1.09)  # the arm tips' corners lie on the circle
    au, av = np.abs(u), np.abs(v)
    return ((au <= w) & (av <= arm)) | ((av <= w) & (au <= arm))


def _star(u: np.ndarray, v: np.ndarray, r: float) -> np.ndarray:
    """A five-pointed star: outer radius ``r``, inner radius ``0.45 r``."""
    sector = 2 * np.pi / 5
    phi = np.mod(np.arctan2(v, u), sector)
    phi = np.minimum(phi, sector - phi)  # fold onto [0, pi/5]: 0 points at a tip
    rho = np.hypot(u, v)
    px, py = rho * np.cos(phi), rho * np.sin(phi)
    inner = 0.45 * r
    ex, ey = inner * np.cos(sector / 2) - r, inner * np.sin(sector / 2)  # edge from the tip to the notch
    return ex * py - ey * (px - r) >= 0


_DRAW = {"circle": _circle, "square": _polygon(4), "triangle": _polygon(3), "cross": _cross,
         "ring": _ring, "star": _star}


def _paint(masks: np.ndarray, channels: int, rng: np.random.Generator) -> np.ndarray:
    """Foreground/background colours and noise for each mask, as uint8 ``[B, C, H, W]``."""
    b = masks.shape[0]
    if channels == 1:
        background = rng.uniform(0.0, 0.25, (b, 1))
        foreground = rng.uniform(0.7, 1.0, (b, 1))
    else:  # a dark background with a light shape, or the other way round; hues are free
        dark = rng.uniform(0.0, 0.35, (b, 3))
        light = rng.uniform(0.6, 1.0, (b, 3))
        swap = rng.random((b, 1)) < 0.5
        background, foreground = np.where(swap, light, dark), np.where(swap, dark, light)
    m = masks[:, None, :, :]
    pixels = np.where(m, foreground[:, :, None, None], background[:, :, None, None])
    pixels = pixels + rng.normal(0.0, _NOISE, pixels.shape)
    return np.clip(np.rint(pixels * 255.0), 0, 255).astype(np.uint8)
