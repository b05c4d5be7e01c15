"""Labelled figures for PNG export: panels side by side with wrapped titles (``cnnviz render``)."""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from .colormaps import apply_lut
from ..errors import CnnvizError

_MIN_PANEL_H, _MAX_PANEL_W, _MIN_LABEL_W = 160, 1600, 120
_MIN_TEXT_W = 560  # narrowest picture that has a title or footer
_MARGIN, _GAP = 12, 16
_TEXT, _BACKGROUND = (32, 32, 32), (255, 255, 255)


CJK_FONTS = ("wqy-microhei.ttc", "wqy-zenhei.ttc", "NotoSansCJK-Regular.ttc", "NotoSansSC-Regular.otf",
             "SourceHanSansSC-Regular.otf", "msyh.ttc", "simhei.ttf", "PingFang.ttc", "STHeiti Medium.ttc")
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts",
             "C:/Windows/Fonts", "/System/Library/Fonts", "/Library/Fonts")


@lru_cache(maxsize=1)
def _cjk_font_file() -> str | None:
    """A font with Chinese glyphs on this system (the titles of a figure made under zh_CN), or None."""
    from pathlib import Path

    for folder in FONT_DIRS:
        root = Path(folder).expanduser()
        if not root.is_dir():
            continue
        for name in CJK_FONTS:
            found = next(iter(root.rglob(name)), None)
            if found is not None:
                return str(found)
    return None


@lru_cache(maxsize=4)
def _font(size: int = 14, cjk: bool = False) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    """DejaVu Sans, or for text with Chinese in it a CJK font (Pillow's default when there is none)."""
    try:
        if cjk and _cjk_font_file() is not None:
            return ImageFont.truetype(_cjk_font_file(), size)
        return ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:
        return ImageFont.load_default(size=size)


def has_cjk(text: str) -> bool:
    return any("\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in text)


def _wrap(text: str, font: ImageFont.ImageFont | ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy word wrap to ``width`` pixels; a word wider than that is broken anywhere."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for ch in word:
            if line and font.getlength(line + ch) > width:
                lines.append(line)
                line = ""
            line += ch
    return lines + [line] if line else lines


def _panel_image(array: np.ndarray, cmap: str) -> Image.Image:
    arr = np.asarray(array)
    if arr.dtype != np.uint8 or not (arr.ndim == 2 or (arr.ndim == 3 and arr.shape[2] == 3)) or arr.size == 0:
        raise CnnvizError(f"render: a panel must be a uint8 H x W or H x W x 3 array, got {arr.shape} {arr.dtype}")
    rgb = apply_lut(arr, cmap) if arr.ndim == 2 else np.ascontiguousarray(arr)
    h, w = rgb.shape[:2]
    scale = max(1, min(math.ceil(_MIN_PANEL_H / h), _MAX_PANEL_W // w))
    return Image.fromarray(rgb).resize((w * scale, h * scale), Image.Resampling.NEAREST)


def _draw_lines(draw: ImageDraw.ImageDraw, lines: list[str], x: int, y: int, font, line_h: int) -> None:
    for k, text in enumerate(lines):
        draw.text((x, y + k * line_h), text, fill=_TEXT, font=font)


def compose(panels: list[tuple[str, np.ndarray]], *, cmap: str = "viridis", title: str | None = None,
            footer: str | None = None) -> Image.Image:
    """Lay labelled panels side by side in one RGB picture (for ``cnnviz render``).

    Parameters
    ----------
    panels : list of (str, numpy.ndarray)
        Label and uint8 image: 2-D ones coloured with ``cmap``, ``H x W x 3`` ones used as RGB.
        Small ones are enlarged (nearest neighbour, whole factors) to about 160 px tall.
    cmap : str
        Colour map for 2-D panels.
    title, footer : str, optional
        Text above all panels / below them, wrapped to the picture's width.

    Returns
    -------
    PIL.Image.Image
        RGB, white background, dark text; each label wrapped above its panel.
    """
    if not panels:
        raise CnnvizError("render: compose needs at least one panel")
    font = _font(cjk=has_cjk(" ".join([title or "", footer or "", *(str(label) for label, _ in panels)])))
    line_h = font.getbbox("Hg")[3] + 4
    images = [_panel_image(array, cmap) for _, array in panels]
    widths = [max(img.width, _MIN_LABEL_W) for img in images]
    labels = [_wrap(str(label), font, w) for (label, _), w in zip(panels, widths)]
    inner = sum(widths) + _GAP * (len(images) - 1)
    if inner < _MIN_TEXT_W and (title or footer):  # room for the title and footer to read as lines
        widths[-1] += _MIN_TEXT_W - inner
        inner = _MIN_TEXT_W
    heads = [_wrap(text, font, inner) if text else [] for text in (title, footer)]
    label_h = max(len(lines) for lines in labels) * line_h + 4
    top = _MARGIN + (len(heads[0]) * line_h + _GAP if heads[0] else 0)
    bottom = top + label_h + max(img.height for img in images)
    height = bottom + (_GAP + len(heads[1]) * line_h if heads[1] else 0) + _MARGIN
    canvas = Image.new("RGB", (inner + 2 * _MARGIN, height), _BACKGROUND)
    draw = ImageDraw.Draw(canvas)
    _draw_lines(draw, heads[0], _MARGIN, _MARGIN, font, line_h)
    x = _MARGIN
    for img, lines, w in zip(images, labels, widths):
        _draw_lines(draw, lines, x, top, font, line_h)
        canvas.paste(img, (x, top + label_h))
        x += w + _GAP
    _draw_lines(draw, heads[1], _MARGIN, bottom + _GAP, font, line_h)
    return canvas
