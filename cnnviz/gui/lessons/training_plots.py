"""Plots of several trainings at once, one colour per run: the lessons that train models side by side use them.

:class:`RunCurves` draws each run's training loss against the step (the raw step losses faint, their moving
average bold, the validation figure of each epoch as dots) and, below, its accuracy or error rate.
:class:`RunGradients` draws each run's per-layer gradient norms (one
:class:`~cnnviz.core.analysis.gradient_stats.GradientRecord` per run) as grouped bars on a log scale, layers in
forward order. Both are cheap to redraw while training: points go into preallocated tables and reach pyqtgraph
only in :meth:`RunCurves.refresh`, which the page's poll timer calls.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...core.analysis.gradient_stats import GradientRecord
from ...core.i18n import translator
from ...core.training.loop import Progress
from ..slanted_axis import SlantedAxis

tr = translator(__name__)

__all__ = ["RUN_COLOURS", "RunCurves", "RunGradients", "smoothed"]

RUN_COLOURS = ((200, 70, 60), (50, 120, 200), (40, 160, 90), (160, 90, 180), (220, 150, 30))
SMOOTHING = 0.9  # the bold curve: exponential moving average of the step values
SECOND = ("accuracy", "error", None)
PLOT_HEIGHT = 150
LEGEND_ROOM = 1.5  # decades above the highest bar, where the legend sits
SMALL = {"font-size": "8pt"}
GRID = False


def colour(index: int) -> tuple[int, int, int]:
    """The colour of run ``index`` (the same in every plot)."""
    return RUN_COLOURS[index % len(RUN_COLOURS)]


def smoothed(values: np.ndarray, factor: float = SMOOTHING) -> np.ndarray:
    """The exponential moving average the bold curves show: ``s[0] = v[0]``, ``s[i] = f s[i-1] + (1-f) v[i]``."""
    out = np.empty(len(values), dtype=np.float64)
    for i, v in enumerate(values):
        out[i] = v if i == 0 else factor * out[i - 1] + (1 - factor) * v
    return out


def _background(widget: QWidget):
    """The colour behind the widget (light or dark theme alike)."""
    return widget.palette().color(widget.backgroundRole())


def _plot(left: str, axis: pg.AxisItem | None = None, parent: QWidget | None = None) -> pg.PlotWidget:
    plot = pg.PlotWidget(parent, enableMenu=False, axisItems={"bottom": axis} if axis is not None else None)
    plot.setBackground(_background(plot))
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.disableAutoRange()  # ranges change only when needed: axes are costly to repaint
    plot.setDownsampling(auto=True, mode="peak")
    plot.setClipToView(True)
    plot.setMinimumHeight(PLOT_HEIGHT)
    plot.setMaximumHeight(PLOT_HEIGHT + 60)
    plot.setLabel("left", left, **SMALL)
    plot.showGrid(y=True, alpha=0.2) if GRID else None
    return plot


def _thinned(layers: Sequence[str], most: int = 10) -> list[tuple[float, str]]:
    """At most about ``most`` layer names to write under the bars, the first and the last among them."""
    every = max(1, math.ceil(len(layers) / most))
    keep = sorted(set(range(0, len(layers), every)) | ({len(layers) - 1} if layers else set()))
    if len(keep) > 2 and keep[-1] - keep[-2] < every:
        keep.pop(-2)  # the last layer's name rather than one crowding it
    return [(i, layers[i]) for i in keep]


class _Run:
    """One run's points: a table of steps (grown by doubling) and its validation points."""

    def __init__(self) -> None:
        self.table = np.zeros((256, 5))  # step, loss, loss smoothed, second, second smoothed
        self.rows = 0
        self.val: list[tuple[int, float, float]] = []  # step, validation loss, validation second
        self.drawn = (-1, -1)  # (steps, validation points) handed to pyqtgraph last time

    def add_step(self, step: int, loss: float, second: float) -> None:
        if self.rows == len(self.table):
            self.table = np.concatenate([self.table, np.zeros_like(self.table)])
        row = self.table[self.rows]
        row[0], row[1], row[3] = step, loss, second
        for raw in (1, 3):
            row[raw + 1] = row[raw] if self.rows == 0 else (
                SMOOTHING * self.table[self.rows - 1, raw + 1] + (1 - SMOOTHING) * row[raw])
        self.rows += 1


class RunCurves(QWidget):
    """Training loss (and accuracy or error rate) against the step for several runs, one colour each.

    Parameters
    ----------
    labels
        The runs' names, in run order (the legend says them).
    second
        What the lower plot shows: ``"accuracy"``, ``"error"`` (1 - accuracy) or ``None`` (no lower plot).
    parent
        The Qt parent.

    Attributes
    ----------
    loss_plot, second_plot
        The two :class:`pyqtgraph.PlotWidget` (``second_plot`` is ``None`` without a lower plot).
    """

    def __init__(self, labels: Sequence[str], second: str | None = "accuracy", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if second not in SECOND:
            raise ValueError(f"second must be one of {SECOND}, not {second!r}")
        self.labels, self.second = tuple(labels), second
        self.loss_plot = _plot(tr("loss"))
        self.second_plot = _plot(tr("accuracy") if second == "accuracy" else tr("error rate")) if second else None
        bottom = self.second_plot or self.loss_plot
        bottom.setLabel("bottom", tr("step"), **SMALL)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.loss_plot)
        if self.second_plot is not None:
            self.second_plot.setXLink(self.loss_plot)
            self.second_plot.setYRange(0, 1, padding=0.02)
            layout.addWidget(self.second_plot)
        legend = self.loss_plot.addLegend(offset=(-4, 4), labelTextSize="8pt", colCount=len(self.labels))
        legend.setBrush(pg.mkBrush(255, 255, 255, 170))
        self.curves: list[dict[str, pg.PlotDataItem]] = []
        for i, label in enumerate(self.labels):
            self.curves.append(self._curves(i, label))
        self.lines: dict[str, tuple[pg.PlotWidget, pg.InfiniteLine]] = {}
        self._steps = 1
        self.clear_data()

    def _curves(self, index: int, label: str) -> dict[str, pg.PlotDataItem]:
        rgb = colour(index)
        curves = {}
        for name, plot in (("loss", self.loss_plot), ("second", self.second_plot)):
            if plot is None:
                continue
            curves[f"{name}_raw"] = plot.plot(pen=pg.mkPen((*rgb, 60), width=1))
            curves[f"{name}_smooth"] = plot.plot(pen=pg.mkPen(rgb, width=2), name=label if name == "loss" else None)
            curves[f"{name}_val"] = plot.plot(pen=None, symbol="o", symbolSize=6, symbolBrush=rgb, symbolPen=None)
        return curves

    def clear_data(self) -> None:
        """Forget every point (a new training begins)."""
        self.runs = [_Run() for _ in self.labels]
        self._loss_top = 0.0
        self.loss_plot.setYRange(0, 1, padding=0)
        self._dirty = True
        self.refresh()

    def set_steps(self, total: int) -> None:
        """The x axis spans ``total`` steps (the whole run: the curves grow towards its end)."""
        total = max(int(total), 1)
        if total != self._steps:
            self._steps = total
            self.loss_plot.setXRange(0, total, padding=0.02)

    def _grow(self, step: float, loss: float) -> None:
        """Widen the axes (rarely) so that the new point fits."""
        if step > self._steps:
            self.set_steps(max(int(step), 2 * self._steps))
        if math.isfinite(loss) and loss > self._loss_top:
            self._loss_top = loss * 1.1
            self.loss_plot.setYRange(0, self._loss_top, padding=0)

    def add(self, index: int, records: Iterable[Progress]) -> None:
        """Run ``index``'s new records: ``step`` ones add a point, ``epoch`` ones a validation dot."""
        run = self.runs[index]
        for record in records:
            if record.kind == "step":
                run.add_step(record.step, record.loss, self._second(record.accuracy))
                self._grow(record.step, record.loss)
            elif record.kind == "epoch":
                run.val.append((record.step, record.val_loss, self._second(record.val_accuracy)))
                self._grow(record.step, record.val_loss)
            else:
                continue
            self._dirty = True

    def _second(self, accuracy: float) -> float:
        return 1.0 - accuracy if self.second == "error" else accuracy

    def set_line(self, key: str, value: float | None, label: str = "", lower: bool = False) -> None:
        """A dashed horizontal line at ``value`` on the loss plot (``lower``: the lower plot); ``None`` removes it."""
        plot = self.second_plot if lower and self.second_plot is not None else self.loss_plot
        old = self.lines.pop(key, None)
        if old is not None:
            old[0].removeItem(old[1])
        if value is None or not math.isfinite(value):
            return
        line = pg.InfiniteLine(value, angle=0, pen=pg.mkPen(130, 130, 130, style=Qt.PenStyle.DashLine),
                               label=label, labelOpts={"position": 0.4, "color": (110, 110, 110), "anchors":
                                                       [(0.5, 1.0), (0.5, 1.0)]})
        plot.addItem(line)
        self.lines[key] = (plot, line)

    def refresh(self) -> bool:
        """Hand the new points to pyqtgraph (the page's timer calls this); False when nothing was new."""
        if not self._dirty:
            return False
        self._dirty = False
        for run, curves in zip(self.runs, self.curves):
            table = run.table[:run.rows]
            drawn = run.drawn
            run.drawn = (run.rows, len(run.val))
            val = np.array(run.val, dtype=np.float64).reshape(-1, 3)
            for name, column in (("loss", 1), ("second", 3)):
                if f"{name}_raw" not in curves:
                    continue
                if drawn[0] != run.rows:  # only what changed: setData is the costly part of a redraw
                    curves[f"{name}_raw"].setData(table[:, 0], table[:, column])
                    curves[f"{name}_smooth"].setData(table[:, 0], table[:, column + 1])
                if drawn[1] != len(run.val):
                    curves[f"{name}_val"].setData(val[:, 0], val[:, 1 if name == "loss" else 2])
        return True

    def points(self, index: int) -> int:
        """How many steps run ``index`` has drawn."""
        return self.runs[index].rows

    def smoothed_loss(self, index: int) -> float:
        """The bold curve's newest value for run ``index`` (NaN before the first step)."""
        run = self.runs[index]
        return float(run.table[run.rows - 1, 2]) if run.rows else math.nan

    def curve_data(self, index: int, key: str) -> tuple[np.ndarray, np.ndarray]:
        """The points of one curve (``loss_raw``, ``loss_smooth``, ``loss_val``, ``second_...``) of run ``index``."""
        item = self.curves[index][key]
        x, y = item.xData, item.yData
        return (np.zeros(0), np.zeros(0)) if x is None else (np.asarray(x), np.asarray(y))


class RunGradients(pg.PlotWidget):
    """Per-layer gradient norms of several runs as grouped bars on a log scale, layers in forward order.

    Parameters
    ----------
    labels
        The runs' names, in run order (the legend says them).
    parent
        The Qt parent.
    """

    def __init__(self, labels: Sequence[str], parent: QWidget | None = None) -> None:
        self.axis = SlantedAxis()
        super().__init__(parent, enableMenu=False, axisItems={"bottom": self.axis})
        self.labels = tuple(labels)
        self.setBackground(_background(self))
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.setMinimumHeight(PLOT_HEIGHT + 90)  # the slanted layer names take ~80 px
        self.setMaximumHeight(PLOT_HEIGHT + 150)
        self.setLabel("left", tr("gradient norm"), **SMALL)
        self.getAxis("left").setLogMode(False, True)  # values are log10(norm): ticks read 10^k
        self.showGrid(y=True, alpha=0.2)
        legend = self.addLegend(offset=(4, 4), labelTextSize="8pt", colCount=len(self.labels))
        legend.setBrush(pg.mkBrush(255, 255, 255, 170))
        width = 0.8 / max(len(self.labels), 1)
        self.bars = []
        for i, label in enumerate(self.labels):
            bar = pg.BarGraphItem(x=[], height=[], width=width, brush=pg.mkBrush(colour(i)), pen=None)
            self.addItem(bar)
            legend.addItem(bar, label)
            self.bars.append(bar)
        self.records: list[GradientRecord | None] = [None] * len(self.labels)
        self.layers: tuple[str, ...] = ()

    def set_records(self, records: Sequence[GradientRecord | None]) -> None:
        """Draw one record per run (``None``: that run's bars are empty). Zero norms get no bar."""
        self.records = list(records) + [None] * (len(self.labels) - len(records))
        shown = [r for r in self.records if r is not None]
        layers = max((r.layers for r in shown), key=len, default=())
        if layers != self.layers:
            self.layers = layers
            self.axis.set_labels(_thinned(layers))
            self.setXRange(-0.6, max(len(layers) - 0.4, 0.4), padding=0)
        logs = [np.log10(v) for r in shown for v in r.norms if v > 0 and math.isfinite(v)]
        floor = math.floor(min(logs)) - 1 if logs else -1.0
        top = math.ceil(max(logs)) + LEGEND_ROOM if logs else 1.0
        width = 0.8 / max(len(self.labels), 1)
        for i, (bar, record) in enumerate(zip(self.bars, self.records)):
            x, heights = self._bars(record)
            offset = -0.4 + width * (i + 0.5)
            bar.setOpts(x=x + offset, height=heights - floor, y0=np.full(len(x), floor), width=width)
        self.setYRange(floor, top, padding=0.02)

    def _bars(self, record: GradientRecord | None) -> tuple[np.ndarray, np.ndarray]:
        if record is None:
            return np.zeros(0), np.zeros(0)
        where = {name: i for i, name in enumerate(self.layers)}
        pairs = [(where[n], math.log10(v)) for n, v in zip(record.layers, record.norms)
                 if n in where and v > 0 and math.isfinite(v)]
        return np.array([p[0] for p in pairs], dtype=np.float64), np.array([p[1] for p in pairs], dtype=np.float64)

    def bar_data(self, index: int) -> tuple[np.ndarray, np.ndarray]:
        """Run ``index``'s bars: layer positions and the norms they stand for (not their logs)."""
        x, logs = self._bars(self.records[index])
        return x, 10.0 ** logs
