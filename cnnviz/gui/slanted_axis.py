"""A pyqtgraph bottom axis with slanted tick labels, so a dozen module names fit under a small plot."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF


class SlantedAxis(pg.AxisItem):
    """A bottom axis whose tick labels (module names) are slanted, each ending at its tick, drawn from the
    right: the last always, then every one that keeps clear of the one drawn before it (so as many as fit)."""

    ANGLE = 30.0

    def __init__(self) -> None:
        super().__init__("bottom")
        self.labels: list[tuple[float, str]] = []
        font = QFont(self.font())
        font.setPointSizeF(8)
        self.setStyle(tickFont=font, showValues=False)
        self.drawn: list[str] = []  # the labels drawn last time (tests)

    def set_labels(self, labels: list[tuple[float, str]]) -> None:
        """Ticks at each value, named by its text."""
        self.labels = labels
        self.setTicks([[(v, "") for v, _ in labels]] if labels else None)
        metrics = QFontMetricsF(self.style["tickFont"])
        longest = max((metrics.horizontalAdvance(t) for _, t in labels), default=0.0)
        slant = np.radians(self.ANGLE)
        self.setHeight(int(np.ceil(longest * np.sin(slant) + metrics.height() * np.cos(slant))) + 8)
        self.picture = None
        self.update()

    def drawPicture(self, p, axisSpec, tickSpecs, textSpecs) -> None:  # noqa: N802 - pyqtgraph's name
        super().drawPicture(p, axisSpec, tickSpecs, textSpecs)
        view = self.linkedView()
        if view is None or not self.labels:
            return
        font = self.style["tickFont"]
        p.setFont(font)
        metrics = QFontMetricsF(font)
        bounds = self.boundingRect()
        slant = np.radians(self.ANGLE)
        gap = metrics.height() / np.sin(slant)  # neighbours closer than this would overlap
        top = self.style["tickLength"] + 2 if self.style["tickLength"] > 0 else 2
        last_x, self.drawn = None, []
        for value, text in reversed(self.labels):
            x = self.mapFromScene(view.mapViewToScene(QPointF(value, 0))).x()
            width = metrics.horizontalAdvance(text)
            if (last_x is not None and last_x - x < gap) or x - width * np.cos(slant) < bounds.left() \
                    or x > bounds.right():
                continue
            p.save()
            p.translate(x, top)
            p.rotate(-self.ANGLE)
            p.drawText(QRectF(-width - 2, 0, width + 2, metrics.height()),
                       int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop), text)
            p.restore()
            last_x = x
            self.drawn.append(text)
