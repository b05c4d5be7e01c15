"""Helpers for the GUI tests: generated images, waiting for a settled window, expected shapes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw
from PySide6.QtCore import QSettings

from cnnviz.gui.main_window import MainWindow

SETTLE_MS = 30000


def settings_file(folder: Path) -> QSettings:
    return QSettings(str(folder / "cnnviz.ini"), QSettings.Format.IniFormat)


def digit_png(path: Path, digit_stroke: int = 0, size: int = 40) -> Path:
    """A dark stroke drawing on white (MNIST models invert it), different for each ``digit_stroke``."""
    image = Image.new("L", (size, size), 255)
    draw = ImageDraw.Draw(image)
    k = digit_stroke
    draw.line([(8 + k, 6), (size - 8, 8 + 2 * k), (14, size - 6)], fill=0, width=4)
    draw.ellipse([(10, 10 + k), (22, 22 + k)], outline=0, width=3)
    image.save(path)
    return path


def photo_png(path: Path, size: int = 96) -> Path:
    """A colourful RGB picture with edges in several directions."""
    yy, xx = np.mgrid[0:size, 0:size]
    rgb = np.stack([(xx * 255 // size), (yy * 255 // size), ((xx + yy) % 32) * 8], axis=-1).astype(np.uint8)
    Image.fromarray(rgb).save(path)
    return path


def wait_settled(qtbot, window: MainWindow, label: str | None = None, timeout: int = SETTLE_MS) -> None:
    """Wait until a capture (of ``label``, if given) is shown and every visible dock has painted."""
    def done() -> bool:
        result = window.session.result
        ok = result is not None and (label is None or result.request.label == label)
        assert ok and window.is_settled()

    qtbot.waitUntil(done, timeout=timeout)


def open_mnist(qtbot, window: MainWindow, image: Path, model: str = "mnist_inception") -> None:
    window.session.request_model(model, "none")
    window.session.open_paths([image])
    wait_settled(qtbot, window, str(image))


def expected_mosaic_shape(channels: int, h: int, w: int, pad: int = 1) -> tuple[int, int]:
    """Near-square grid: ceil(sqrt(C)) columns."""
    cols = int(np.ceil(np.sqrt(channels)))
    rows = int(np.ceil(channels / cols))
    return rows * h + (rows - 1) * pad, cols * w + (cols - 1) * pad

