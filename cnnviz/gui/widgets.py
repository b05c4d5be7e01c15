"""Small widgets the panels share: labels that show text as it is, a picture that fits its box (with an
optional outline), and a horizontal bar chart."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


def plain_label(text: str = "", *, wrap: bool = False, parent: QWidget | None = None) -> QLabel:
    """A QLabel that shows ``text`` as it is: file names, class names and messages are never read as HTML
    (a QLabel left to guess would show an image named ``<h1>x.png`` as a heading)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setText(text)
    return label


def rich_label(html: str = "", *, wrap: bool = False, parent: QWidget | None = None) -> QLabel:
    """A QLabel for markup the app writes itself; every piece of text from outside goes through ``html.escape``."""
    label = plain_label(wrap=wrap, parent=parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setText(html)
    return label


def to_qimage(array: np.ndarray) -> QImage:
    """A QImage that owns a copy of a uint8 ``H x W`` (grey) or ``H x W x 3`` (RGB) array."""
    arr = np.ascontiguousarray(array, dtype=np.uint8)
    if arr.ndim == 2:
        fmt = QImage.Format.Format_Grayscale8
    elif arr.ndim == 3 and arr.shape[2] == 3:
        fmt = QImage.Format.Format_RGB888
    else:
        raise ValueError(f"expected H x W or H x W x 3 uint8, got shape {arr.shape}")
    h, w = arr.shape[:2]
    return QImage(arr.data, w, h, arr.strides[0], fmt).copy()


Box = tuple[float, float, float, float]  # top, left, height, width in picture pixels


class ImageView(QWidget):
    """Paints one picture scaled to fit (aspect kept, centred), or a grey hint when it has none.

    An optional outline (a box in picture pixels) is drawn over the picture, clipped to it.
    """

    OUTLINE = QColor(255, 214, 0)

    def __init__(self, hint: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image: QImage | None = None
        self._hint = hint
        self._smooth = True
        self._outline: Box | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(64, 64)

    def set_array(self, array: np.ndarray | None, smooth: bool | None = None) -> None:
        """Show ``array`` (uint8); small pictures are drawn with square pixels unless ``smooth``."""
        self._image = None if array is None else to_qimage(array)
        if array is not None:
            self._smooth = max(array.shape[:2]) > 96 if smooth is None else smooth
        self.update()

    def set_hint(self, hint: str) -> None:
        self._hint = hint
        self.update()

    def has_image(self) -> bool:
        return self._image is not None

    def target_rect(self) -> QRectF:
        """Where the picture is drawn inside the widget."""
        if self._image is None or self._image.width() == 0:
            return QRectF()
        scale = min(self.width() / self._image.width(), self.height() / self._image.height())
        w, h = self._image.width() * scale, self._image.height() * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def set_outline(self, box: Box | None) -> None:
        """Outline ``(top, left, height, width)`` in picture pixels (pixel ``i`` spans ``[i, i + 1)``), or none."""
        self._outline = None if box is None else tuple(float(v) for v in box)  # type: ignore[assignment]
        self.update()

    def outline(self) -> Box | None:
        """The outlined box in picture pixels, as given (unclipped)."""
        return self._outline

    def outline_rect(self) -> QRectF:
        """Where the outline is drawn in the widget: the box clipped to the picture (empty when none)."""
        if self._outline is None or self._image is None or self._image.width() == 0:
            return QRectF()
        top, left, height, width = self._outline
        box = QRectF(left, top, width, height).intersected(QRectF(0, 0, self._image.width(), self._image.height()))
        if box.isEmpty():
            return QRectF()
        target = self.target_rect()
        sx, sy = target.width() / self._image.width(), target.height() / self._image.height()
        return QRectF(target.x() + box.x() * sx, target.y() + box.y() * sy, box.width() * sx, box.height() * sy)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(200, 160)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Base))
        if self._image is None:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._hint)
        else:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, self._smooth)
            painter.drawImage(self.target_rect(), self._image)
            self._paint_outline(painter)
        painter.end()

    def _paint_outline(self, painter: QPainter) -> None:
        rect = self.outline_rect()
        if rect.isEmpty():
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        fill = QColor(self.OUTLINE)
        fill.setAlpha(56)
        painter.fillRect(rect, fill)
        inner = rect.adjusted(1, 1, -1, -1) if rect.width() > 4 and rect.height() > 4 else rect
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(0, 0, 0, 170), 3.5))  # a dark rim keeps the border visible on light pictures
        painter.drawRect(inner)
        painter.setPen(QPen(self.OUTLINE, 1.75))
        painter.drawRect(inner)


class BarChart(QWidget):
    """Horizontal bars with a label on the left and the value as a percentage on the right; ``dimmed`` draws
    them grey (values that mean nothing yet, such as a random network's predictions)."""

    ROW = 24

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[tuple[str, float]] = []
        self._highlight: int | None = 0
        self.dimmed = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.ROW * 5 + 8)

    def set_items(self, items: list[tuple[str, float]], highlight: int | None = 0, dimmed: bool = False) -> None:
        """Rows of ``(label, value in 0..1)``, drawn top to bottom; row ``highlight`` in orange (all grey
        when ``dimmed``)."""
        self._items = [(str(label), float(value)) for label, value in items]
        self._highlight = highlight
        self.dimmed = dimmed
        self.setFixedHeight(self.ROW * max(len(self._items), 1) + 8)
        self.update()

    def items(self) -> list[tuple[str, float]]:
        return list(self._items)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        palette = self.palette()
        label_w = int(self.width() * 0.42)
        value_w = 52
        bar_w = max(self.width() - label_w - value_w - 12, 10)
        metrics = painter.fontMetrics()
        for row, (label, value) in enumerate(self._items):
            y = 4 + row * self.ROW
            text_rect = QRectF(0, y, label_w - 6, self.ROW)
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_w - 6)
            text_role = QPalette.ColorRole.PlaceholderText if self.dimmed else QPalette.ColorRole.WindowText
            painter.setPen(palette.color(text_role))
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, shown)
            painter.fillRect(QRectF(label_w, y + 4, bar_w, self.ROW - 8), palette.color(QPalette.ColorRole.AlternateBase))
            colour = QColor(230, 120, 40) if row == self._highlight else QColor(70, 130, 200)
            colour = QColor(160, 160, 160) if self.dimmed else colour
            painter.fillRect(QRectF(label_w, y + 4, bar_w * min(max(value, 0.0), 1.0), self.ROW - 8), colour)
            painter.drawText(QRectF(label_w + bar_w + 6, y, value_w, self.ROW),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, f"{value * 100:.1f}%")
        painter.end()
