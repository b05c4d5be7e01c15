"""The training dock's live curves: loss and accuracy against the step, cheap to redraw while training."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg

from ...core.i18n import translator
from ...core.training.loop import Progress

tr = translator(__name__)

SMOOTHING = 0.9
TRAIN_COLUMNS = ("step", "loss_raw", "loss_train", "accuracy_raw", "accuracy_train")
TRAIN_PEN, VAL_PEN = (70, 130, 200), (230, 120, 40)


class LiveCurves(pg.GraphicsLayoutWidget):
    """Loss and accuracy against the step: training (raw and smoothed) per step, validation per epoch."""

    def __init__(self, background) -> None:
        super().__init__()
        self.setBackground(background)
        self.loss_plot = self.addPlot(row=0, col=0)
        self.acc_plot = self.addPlot(row=1, col=0)
        self.acc_plot.setXLink(self.loss_plot)
        self.curves = {}
        for plot, name, label in ((self.loss_plot, "loss", tr("loss")), (self.acc_plot, "accuracy", tr("accuracy"))):
            plot.setLabel("left", label)
            plot.disableAutoRange()  # ranges change only when needed: axes are costly to repaint
            plot.setDownsampling(auto=True, mode="peak")
            plot.setClipToView(True)
            plot.setMenuEnabled(False)
            plot.hideButtons()
            legend = plot.addLegend(offset=(-4, 4) if name == "loss" else (-4, -4), labelTextSize="8pt")
            legend.setBrush(pg.mkBrush(255, 255, 255, 170))
            self.curves[f"{name}_raw"] = plot.plot(pen=pg.mkPen((*TRAIN_PEN, 70), width=1))
            self.curves[f"{name}_train"] = plot.plot(pen=pg.mkPen(TRAIN_PEN, width=2), name=tr("train (smoothed)"))
            self.curves[f"{name}_val"] = plot.plot(pen=pg.mkPen(VAL_PEN, width=2), symbol="o", symbolSize=6,
                                                   symbolBrush=VAL_PEN, symbolPen=None, name=tr("validation"))
        self.acc_plot.setYRange(0, 1, padding=0.02)
        self.acc_plot.setLabel("bottom", tr("step"))
        self.clear_data()

    def set_steps(self, total: int) -> None:
        """The x axis spans the whole run, so the curves grow towards its end."""
        self.loss_plot.setXRange(0, max(total, 1), padding=0.02)

    def clear_data(self) -> None:
        self._table = np.zeros((256, len(TRAIN_COLUMNS)))  # one row per step, grown by doubling
        self._rows = 0
        self.val_steps: list[int] = []
        self.val = {"loss_val": [], "accuracy_val": []}
        self._loss_top = 0.0
        self._dirty = True
        self.refresh()

    def add_step(self, record: Progress) -> None:
        if self._rows == len(self._table):
            self._table = np.concatenate([self._table, np.zeros_like(self._table)])
        row, previous = self._table[self._rows], self._table[self._rows - 1] if self._rows else None
        row[0], row[1], row[3] = record.step, record.loss, record.accuracy
        for raw in (1, 3):  # smoothed = exponential moving average of the raw values
            row[raw + 1] = row[raw] if previous is None else SMOOTHING * previous[raw + 1] + (1 - SMOOTHING) * row[raw]
        self._rows += 1
        self._grow_loss_range(record.loss)
        self._dirty = True

    def add_epoch(self, record: Progress) -> None:
        self.val_steps.append(record.step)
        self.val["loss_val"].append(record.val_loss)
        self.val["accuracy_val"].append(record.val_accuracy)
        self._grow_loss_range(record.val_loss)
        self._dirty = True

    def _grow_loss_range(self, loss: float) -> None:
        if math.isfinite(loss) and loss > self._loss_top:
            self._loss_top = loss * 1.1
            self.loss_plot.setYRange(0, self._loss_top, padding=0)

    def refresh(self) -> bool:
        """Hand new points to the plots; False when there was nothing new."""
        if not self._dirty:
            return False
        self._dirty = False
        table = self._table[:self._rows]
        for column, key in enumerate(TRAIN_COLUMNS[1:], start=1):
            self.curves[key].setData(table[:, 0], table[:, column])
        for key, values in self.val.items():
            self.curves[key].setData(self.val_steps, values)
        return True

    def points(self) -> int:
        """How many training steps the curves hold."""
        return self._rows
