"""The Statistics dock's plots (pyqtgraph): one layer's histogram, and bars along depth that a click selects.

Both take plain numbers (the dock's worker did the tensor work) and are cheap to redraw: one
:class:`pyqtgraph.BarGraphItem` per series. :class:`DepthBars` thins its tick labels to what fits its
width, so fifty layers (resnet50's ReLU calls) stay readable; the hover line names every bar.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtGui import QFontMetrics

from ...core.i18n import translator

tr = translator(__name__)

HIST_BRUSH = (90, 110, 200)
ZERO_PEN = (200, 40, 40)
SERIES_COLOURS = ((70, 130, 200), (220, 110, 40), (90, 170, 90))
SELECTED_BRUSH = (250, 210, 90, 110)
LABEL_GAP_PX = 14
MIN_TOP = 0.1  # the y axis shows at least 0..0.1


def _quiet_plot(plot: pg.PlotWidget, background) -> None:
    plot.setBackground(background)
    plot.setMouseEnabled(x=False, y=False)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    for side in ("bottom", "left"):
        plot.getAxis(side).enableAutoSIPrefix(False)


class HistogramPlot(pg.PlotWidget):
    """The histogram of one layer's activations, with a red line at zero; counts linear or logarithmic."""

    def __init__(self, background) -> None:
        super().__init__(enableMenu=False)
        _quiet_plot(self, background)
        self.setLabel("bottom", tr("activation"))
        self.bars = pg.BarGraphItem(x0=[0.0], x1=[1.0], height=[0.0], brush=pg.mkBrush(*HIST_BRUSH),
                                    pen=pg.mkPen(None))
        self.addItem(self.bars)
        self.zero_line = pg.InfiniteLine(0.0, angle=90, pen=pg.mkPen(*ZERO_PEN, width=1))
        self.addItem(self.zero_line)
        self.heights = np.zeros(0)

    def set_histogram(self, counts, edges, log: bool) -> None:
        """Show ``counts`` between ``edges`` (``len(counts) + 1``); with ``log``, bars are ``log10(1 + count)``."""
        counts = np.asarray(counts, dtype=np.float64)
        edges = np.asarray(edges, dtype=np.float64)
        self.heights = np.log10(1.0 + counts) if log else counts
        self.bars.setOpts(x0=edges[:-1], x1=edges[1:], height=self.heights)
        self.setXRange(float(edges[0]), float(edges[-1]), padding=0.02)
        top = float(self.heights.max()) if self.heights.size else 1.0
        self.setYRange(0.0, max(top, 1.0), padding=0.05)
        left = self.getAxis("left")
        if log:
            decades = range(0, int(math.ceil(top)) + 1)
            left.setTicks([[(math.log10(1 + 10 ** d), f"1e{d}" if d > 3 else f"{10 ** d:g}") for d in decades]])
        else:
            left.setTicks(None)
        self.setLabel("left", tr("count (log scale)") if log else tr("count"))


class DepthBars(pg.PlotWidget):
    """Bars per layer in forward order (one or more series side by side, values 0..1, the axis up to the tallest
    or at least 0.1, with room for the legend above it); a click selects a layer.

    Signals
    -------
    bar_clicked(int)
        The index of the layer whose column was clicked.
    hovered(int)
        The index under the mouse (-1 off the bars).
    """

    bar_clicked = Signal(int)
    hovered = Signal(int)

    def __init__(self, background, y_label: str) -> None:
        super().__init__(enableMenu=False)
        _quiet_plot(self, background)
        self.setLabel("left", y_label)
        self.setYRange(0.0, 1.0, padding=0.03)
        bottom = self.getAxis("bottom")  # room for the labels even when the axis first had none
        bottom.setHeight(QFontMetrics(bottom.style.get("tickFont") or self.font()).height() + 14)
        self.labels: list[str] = []
        self.series: list[tuple[str, np.ndarray]] = []
        self.shown_ticks: list[int] = []
        self.selected: int | None = None
        self.top = 1.0  # the y axis' top
        self._highlight = pg.BarGraphItem(x=[0.0], width=1.0, height=[0.0], brush=pg.mkBrush(*SELECTED_BRUSH),
                                          pen=pg.mkPen(None))
        self.addItem(self._highlight)
        self._items: list[pg.BarGraphItem] = []
        self.legend = self.addLegend(offset=(-4, 4), labelTextSize="8pt", labelTextColor=(60, 60, 60),
                                    colCount=len(SERIES_COLOURS))  # one row, dark text on its light box
        self.legend.setBrush(pg.mkBrush(255, 255, 255, 190))
        self.legend.setVisible(False)
        self.scene().sigMouseClicked.connect(self._on_click)
        self.scene().sigMouseMoved.connect(self._on_move)

    def set_bars(self, labels: list[str], series: list[tuple[str, list[float]]]) -> None:
        """Show ``series`` (name, one value in 0..1 per label) as grouped bars over ``labels``."""
        for item in self._items:
            self.removeItem(item)
        self.legend.clear()
        self._items = []
        self.labels, self.series = list(labels), [(name, np.asarray(v, dtype=np.float64)) for name, v in series]
        n, width = len(self.labels), 0.8 / max(len(self.series), 1)
        x = np.arange(n, dtype=np.float64)
        for k, (name, values) in enumerate(self.series):
            item = pg.BarGraphItem(x=x - 0.4 + width * (k + 0.5), width=width, height=values,
                                   brush=pg.mkBrush(*SERIES_COLOURS[k % len(SERIES_COLOURS)]), pen=pg.mkPen(None))
            self.addItem(item)
            self.legend.addItem(item, name)
            self._items.append(item)
        self.setXRange(-0.6, max(n - 0.4, 0.6), padding=0)
        self.legend.setVisible(bool(self.series))
        self._fit_top()
        self.select(self.selected if self.selected is not None and self.selected < n else None)
        self._thin_ticks()

    def _fit_top(self) -> None:
        """The y axis up to the tallest bar (at least 0.1, never above 1), with room left above it for the
        legend in the top right corner, so that no bar ends under it."""
        tallest = max((float(v.max()) for _, v in self.series if v.size), default=0.0)
        height = self.getPlotItem().vb.height()
        legend = self.legend.boundingRect().height() + 8 if self.legend.isVisible() else 0.0
        free = 1.0 - min(legend / height, 0.4) if height > 0 else 0.9
        self.top = min(1.0, max(MIN_TOP, tallest * 1.05 / free))  # small shares stay visible; never above 1
        self.setYRange(0.0, self.top, padding=0.03)

    def select(self, index: int | None) -> None:
        """Highlight the column of ``index`` (None: none)."""
        self.selected = index
        self._highlight.setOpts(x=[float(index or 0)], height=[self.top if index is not None else 0.0])

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if getattr(self, "labels", None):  # pyqtgraph resizes once before __init__ has finished
            self._fit_top()
            self.select(self.selected)
            self._thin_ticks()

    def _thin_ticks(self) -> None:
        """Label every k-th layer, k as small as lets the labels fit side by side (hover names the others)."""
        axis, n = self.getAxis("bottom"), len(self.labels)
        if n == 0:
            self.shown_ticks = []
            axis.setTicks([[]])
            return
        metrics = QFontMetrics(axis.style.get("tickFont") or self.font())
        label_px = max(metrics.horizontalAdvance(label) for label in self.labels) + LABEL_GAP_PX
        room = max(self.getPlotItem().vb.width(), 1.0)
        fits = max(1, int(room // label_px))
        step = max(1, math.ceil(n / fits))
        self.shown_ticks = list(range(step // 2, n, step))  # not at the very edge, where a label is cut off
        axis.setTicks([[(float(i), self.labels[i]) for i in self.shown_ticks], []])

    def index_at(self, scene_pos) -> int:
        """The layer whose column is at ``scene_pos`` (-1 off the plot)."""
        vb = self.getPlotItem().vb
        if not self.labels or not vb.sceneBoundingRect().contains(scene_pos):
            return -1
        i = int(round(vb.mapSceneToView(scene_pos).x()))
        return i if 0 <= i < len(self.labels) else -1

    def scene_pos_of(self, index: int, height: float = 0.5):
        """Where on the scene the column of ``index`` is (tests click there)."""
        return self.getPlotItem().vb.mapViewToScene(pg.Point(float(index), height))

    def _on_click(self, event) -> None:
        i = self.index_at(event.scenePos())
        if i >= 0:
            self.bar_clicked.emit(i)

    def _on_move(self, scene_pos) -> None:
        i = self.index_at(scene_pos)
        self.setToolTip(self.labels[i] if i >= 0 else "")  # names the layers whose labels were thinned out
        self.hovered.emit(i)
