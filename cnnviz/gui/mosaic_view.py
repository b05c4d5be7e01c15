"""A small mosaic picture that knows which channel and unit lies under the mouse (Inception and residual docks)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy

from ..core.i18n import translator
from ..core.views.mosaic import Grid
from .widgets import ImageView

tr = translator(__name__)


class MosaicView(ImageView):
    """An :class:`ImageView` of a mosaic; a click emits ``unit_clicked(channel, row, col)``.

    The cell of ``selected`` (a channel) is outlined.
    """

    unit_clicked = Signal(int, int, int)
    hovered = Signal(str)

    def __init__(self, hint: str = "", parent=None) -> None:
        super().__init__(hint, parent)
        self.grid: Grid | None = None
        self.selected: int | None = None
        self.setMouseTracking(True)
        self.setMinimumSize(96, 96)
        palette = self.palette()  # empty space around the picture in the dock's own colour
        palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
        self.setPalette(palette)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        """As tall as the picture is at this width (no empty band below it)."""
        grid = self.grid
        if grid is None or grid.width == 0:
            return width
        return max(self.minimumHeight(), round(width * grid.height / grid.width))

    def target_rect(self) -> QRectF:
        """Where the picture is drawn: scaled to fit, at the top (text below follows it closely)."""
        rect = super().target_rect()
        rect.moveTop(0)
        return rect

    def set_mosaic(self, rgb: np.ndarray | None, grid: Grid | None) -> None:
        """Show a coloured mosaic; the unused cells at the end of its last row take the dock's colour."""
        if rgb is not None and grid is not None and len(grid.order) < grid.rows * grid.cols:
            rgb = rgb.copy()
            first = len(grid.order) % grid.cols
            top = (grid.rows - 1) * (grid.cell_h + grid.pad)
            left = max(first * (grid.cell_w + grid.pad) - grid.pad, 0)
            rgb[top:, left:] = self.palette().color(QPalette.ColorRole.Window).getRgb()[:3]
        shape_changed = (grid is None) != (self.grid is None) or (
            grid is not None and (grid.height, grid.width) != (self.grid.height, self.grid.width))
        self.grid = grid
        self.set_array(rgb, smooth=False)
        if shape_changed:
            self.updateGeometry()

    def set_selected(self, channel: int | None) -> None:
        if channel != self.selected:
            self.selected = channel
            self.update()

    def unit_at(self, x: float, y: float) -> tuple[int, int, int] | None:
        """``(channel, row, col)`` under widget point (x, y), or None."""
        rect = self.target_rect()
        if self.grid is None or rect.isEmpty() or not rect.contains(x, y):
            return None
        scale = rect.width() / self.grid.width
        return self.grid.unit_at((x - rect.x()) / scale, (y - rect.y()) / scale)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        unit = self.unit_at(event.position().x(), event.position().y())
        if event.button() == Qt.MouseButton.LeftButton and unit is not None:
            self.unit_clicked.emit(*unit)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        unit = self.unit_at(event.position().x(), event.position().y())
        self.hovered.emit("" if unit is None else tr("channel {channel} at (row {row}, col {col})").format(
            channel=unit[0], row=unit[1], col=unit[2]))
        super().mouseMoveEvent(event)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        grid, channel = self.grid, self.selected
        if grid is None or channel is None or channel not in grid.order or not self.has_image():
            return
        rect = self.target_rect()
        scale = rect.width() / grid.width
        x, y, w, h = grid.rect(channel)
        painter = QPainter(self)
        painter.setPen(QPen(QColor(255, 40, 40), 2))
        painter.drawRect(QRectF(rect.x() + (x - 0.5) * scale, rect.y() + (y - 0.5) * scale,
                                (w + 1) * scale, (h + 1) * scale))
        painter.end()
