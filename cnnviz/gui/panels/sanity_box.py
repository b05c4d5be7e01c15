"""The sanity-check box below the Attribution dock's map: does the map shown mean anything?

Two checks of :mod:`cnnviz.core.analysis.sanity`, each run only when its button is pressed, one at a time, in a
:class:`~cnnviz.gui.sanity_worker.SanityWorker` (progress "step k of n", Cancel):

- **Randomisation check** (Adebayo et al.): the rank correlation of the map with itself while the model's
  weights are re-initialised from the output down, per step, with a verdict line above and a few of the
  randomised maps beside the plot;
- **Deletion / insertion**: the class probability as the map's top pixels are deleted (or inserted), with
  each curve's area in the plot's title (its colour key) and a one-line reading.

A new subject (another model, image, method, layer or class) cancels a running check and greys what is shown,
saying it is stale. The box never computes on the GUI thread and its worker never touches a widget.
"""

from __future__ import annotations

from html import escape

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from ...core.analysis.sanity import CurvesResult, RandomisationResult
from ...core.i18n import marker, translator
from ...core.views.sanity_view import curves_reading, grouping_note, randomisation_verdict, step_labels
from ..sanity_worker import SanityOutcome, SanityRequest, SanityWorker
from ..slanted_axis import SlantedAxis
from ..widgets import ImageView, plain_label, rich_label

tr = translator(__name__)
N_ = marker(__name__)

NOTHING = N_("no map to check")
FUSION = N_("the checks explain one layer's map, not LayerCAM's fusion across layers: pick a layer")
STALE = N_("stale: the map changed since (run again)")
RHO_PEN, DELETION_PEN, INSERTION_PEN, GREY = (70, 130, 200), (200, 60, 50), (40, 150, 80), (165, 165, 165)
PLOT_HEIGHT = 150
SMALL = {"font-size": "8pt"}


def _caption(text: str) -> QLabel:
    label = plain_label(text, wrap=True)
    label.setStyleSheet("color: palette(placeholder-text); font-size: 8pt;")
    label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    return label


def _plot(left: str, bottom: str | None, axis: pg.AxisItem | None = None) -> pg.PlotWidget:
    plot = pg.PlotWidget(enableMenu=False, axisItems={"bottom": axis} if axis is not None else None)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.setMinimumHeight(PLOT_HEIGHT)
    plot.setLabel("left", left, **SMALL)
    if bottom:
        plot.setLabel("bottom", bottom, **SMALL)
    for side in ("left", "bottom"):
        plot.getAxis(side).enableAutoSIPrefix(False)
    return plot


class SanityBox(QWidget):
    """Honesty checks of one attribution map, on request.

    Call :meth:`set_subject` whenever the map shown changes, :meth:`shutdown` when the dock closes.
    """

    state_changed = Signal(str)  # "idle", "running" or "cancelling"
    plots_shown = Signal(bool)  # the plots appeared (a check has a result) or went (nothing checked)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._subject: tuple | None = None
        self._worker: SanityWorker | None = None
        self._retiring: list[SanityWorker] = []  # cancelled workers still finishing their step
        self._ended: SanityWorker | None = None
        self.randomisation: SanityOutcome | None = None
        self.curves: SanityOutcome | None = None
        self.stale = False
        self.random_button = QPushButton(tr("Randomisation check"))
        self.random_button.setToolTip(tr("Re-initialise the weights from the output down and watch the map change"))
        self.curves_button = QPushButton(tr("Deletion / insertion"))
        self.curves_button.setToolTip(tr("Delete (insert) the map's top pixels and watch the class probability"))
        self.baseline_combo = QComboBox()
        for name, text in (("blur", tr("blurred")), ("zeros", tr("zeros")), ("mean", tr("mean colour")),
                           ("minimum", tr("darkest"))):
            self.baseline_combo.addItem(text, name)
        self.baseline_combo.setToolTip(tr("What a deleted pixel becomes, and what insertion starts from"))
        self.random_button.clicked.connect(lambda: self.run_check("randomisation"))
        self.curves_button.clicked.connect(lambda: self.run_check("curves"))
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(180)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.status = plain_label(tr(NOTHING), wrap=True)
        self.status.setStyleSheet("color: palette(placeholder-text);")
        self.random_verdict = rich_label(wrap=True)
        self.curves_verdict = rich_label(wrap=True)
        self.rho_caption = _caption("")
        self.rho_axis = SlantedAxis()
        self.rho_plot = _plot(tr("rank corr. \u03c1"), None, self.rho_axis)
        self.rho_plot.setYRange(-1, 1, padding=0.05)
        self.rho_plot.addItem(pg.InfiniteLine(0.5, angle=0, pen=pg.mkPen(150, 150, 150, style=Qt.PenStyle.DashLine)))
        self.rho_curve = self.rho_plot.plot()
        self.thumbs = ImageView("")
        self.thumbs.setFixedWidth(100)
        self.thumbs.setMinimumHeight(64)
        self.thumbs_caption = plain_label()
        self.thumbs_caption.setStyleSheet("font-size: 8pt;")
        self.thumbs_caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.curve_plot = _plot(tr("p(class)"), tr("fraction of pixels"))
        self.curve_plot.setRange(xRange=(0, 1), yRange=(0, 1), padding=0.03)
        self.curve_caption = _caption("")
        self.curve_caption.setTextFormat(Qt.TextFormat.RichText)
        self.deletion_curve = self.curve_plot.plot()
        self.insertion_curve = self.curve_plot.plot()
        self._build_layout()
        self._set_background()
        self._draw()
        self._update_controls()

    def _build_layout(self) -> None:
        buttons, running = QHBoxLayout(), QHBoxLayout()  # two rows: the dock stays narrow enough for a laptop
        for widget in (self.random_button, self.curves_button, self.baseline_combo):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        for widget in (self.bar, self.cancel_button):
            running.addWidget(widget)
        running.addWidget(self.status, 1)
        thumbs = QVBoxLayout()
        thumbs.addWidget(self.thumbs, 1)
        thumbs.addWidget(self.thumbs_caption)
        self.plots = QWidget()  # shown once a check has a result: until then the map keeps the room
        plots = QHBoxLayout(self.plots)
        plots.setContentsMargins(0, 0, 0, 0)
        for widgets, stretch in (((self.rho_caption, self.rho_plot), 3), ((self.curve_caption, self.curve_plot), 2)):
            column = QVBoxLayout()
            column.setSpacing(0)
            column.addWidget(widgets[0])
            column.addWidget(widgets[1], 1)
            plots.addLayout(column, stretch)
            if widgets[1] is self.rho_plot:
                plots.addLayout(thumbs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(buttons)
        layout.addLayout(running)
        layout.addWidget(self.random_verdict)
        layout.addWidget(self.curves_verdict)
        layout.addWidget(self.plots, 1)

    def _set_background(self) -> None:
        background = self.palette().color(self.backgroundRole())
        for plot in (self.rho_plot, self.curve_plot):
            plot.setBackground(background)

    # ------------------------------------------------------------------ what to check

    def set_subject(self, model, x=None, method: str = "gradcam", layer: str | None = None,
                    target: int | None = None) -> None:
        """The map to check: ``method`` at ``layer`` for class ``target`` (None: the top class) of ``model`` (a
        :class:`~cnnviz.gui.jobs.ModelResult`) on the input tensor ``x``; ``model`` None when there is none.
        ``(method, layer, target)`` as the Attribution dock's ``subject()`` gives them (layer None: a pixel
        method or the default layer; ``"all"``, the fusion, cannot be checked and the box says so).
        Another subject than before cancels a running check and marks what is shown as stale."""
        subject = None if model is None or x is None else (model, x, method, layer, target)
        if _same(subject, self._subject):
            return
        self._subject = subject
        self._retire()
        if subject is None:
            self.randomisation = self.curves = None
            self.stale = False
            self.status.setText(tr(NOTHING))
        else:
            self.stale = self.randomisation is not None or self.curves is not None
            self.status.setText(tr(FUSION) if not self._checkable() else tr(STALE) if self.stale else "")
        self._draw()
        self._update_controls()

    def _checkable(self) -> bool:
        return self._subject is not None and self._subject[3] != "all"

    def clear(self) -> None:
        """Nothing to check (no image or no model): a running check is cancelled and the results go."""
        self.set_subject(None)

    def subject(self) -> tuple | None:
        """``(model, x, method, layer, target)``, or None."""
        return self._subject

    # ------------------------------------------------------------------ running

    def state(self) -> str:
        """``"running"``, ``"cancelling"`` (a cancelled check finishing its step) or ``"idle"``."""
        if self._worker is not None:
            return "cancelling" if self._worker.is_cancelled() else "running"
        return "cancelling" if self._retiring else "idle"

    def run_check(self, kind: str) -> SanityWorker | None:
        """Start the ``"randomisation"`` or ``"curves"`` check of the subject (nothing while one runs or
        there is no subject); returns the worker started."""
        if not self._checkable() or self.state() != "idle":
            return None
        model, x, method, layer, target = self._subject
        baseline = self.baseline_combo.currentData()
        worker = SanityWorker(SanityRequest(kind, model, x, method, layer, target, baseline=baseline))
        worker.progress.connect(self._on_progress)
        worker.done.connect(self._on_done)
        worker.cancelled.connect(self._on_cancelled)
        worker.failed.connect(self._on_failed)
        worker.finished.connect(self._on_finished)
        self._worker = worker
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.bar.setFormat(tr("starting\u2026"))
        self.status.setText("")
        worker.start()
        self._update_controls()
        return worker

    def cancel(self) -> None:
        """Stop the running check after its current step; the box says "cancelled" when it has stopped."""
        if self._worker is not None:
            self._worker.cancel()
            self.status.setText(tr("cancelling\u2026"))
            self._update_controls()

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        """Cancel and wait for every check still running (the dock is closing); True once all have ended."""
        workers = [w for w in (self._worker, *self._retiring) if w is not None]
        ok = all([w.stop(timeout_ms) for w in workers])
        self._worker = None
        self._retiring = [w for w in self._retiring if w.isRunning()]
        self._update_controls()
        return ok

    def _retire(self) -> None:
        """Cancel the running check; it finishes its step in the background, its results ignored."""
        if self._worker is not None:
            self._worker.cancel()
            self._retiring.append(self._worker)
            self._worker = None

    def _current(self) -> bool:
        return self._worker is not None and self.sender() is self._worker

    def _on_progress(self, done: int, total: int) -> None:
        if self._current():
            self.bar.setRange(0, max(total, 1))
            self.bar.setValue(done)
            self.bar.setFormat(tr("step %v of %m"))

    def _on_done(self, outcome: SanityOutcome) -> None:
        if self._current():
            self._store(outcome)
            self.status.setText("")

    def _on_cancelled(self, outcome: SanityOutcome) -> None:
        if self._current():
            self._store(outcome)
            self.status.setText(tr("cancelled"))

    def _on_failed(self, message: str) -> None:
        if self._current():
            self.status.setText(message.splitlines()[0] if message else tr("the check failed"))

    def _on_finished(self) -> None:
        worker = self.sender()
        self._ended = worker  # held until the next one ends: not freed inside its own signal
        if worker is self._worker:
            self._worker = None
        self._retiring = [w for w in self._retiring if w is not worker]
        self._update_controls()

    def _store(self, outcome: SanityOutcome) -> None:
        if outcome.request.kind == "randomisation":
            self.randomisation = outcome
        else:
            self.curves = outcome
        if self.stale:  # the other check's result is still of the old subject
            self.randomisation = outcome if outcome.request.kind == "randomisation" else None
            self.curves = outcome if outcome.request.kind == "curves" else None
            self.stale = False
        self._draw()

    def _update_controls(self) -> None:
        state = self.state()
        idle = state == "idle" and self._checkable()
        self.random_button.setEnabled(idle)
        self.curves_button.setEnabled(idle)
        self.baseline_combo.setEnabled(state == "idle")
        busy = state != "idle"
        self.bar.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(state == "running")
        self.state_changed.emit(state)

    # ------------------------------------------------------------------ drawing

    def _verdict(self, label, title: str, text: str | None) -> None:
        if text is None:
            not_run = escape(tr("not run (press its button)"))
            label.setText(f"<b>{title}</b>: <span style='color: gray'>{not_run}</span>")
        elif self.stale:
            label.setText(f"<span style='color: gray'><b>{title}</b> {escape(tr('(stale)'))}: {escape(text)}</span>")
        else:
            label.setText(f"<b>{title}</b>: {escape(text)}")

    def _draw(self) -> None:
        rand = self.randomisation.result if self.randomisation is not None else None
        curves = self.curves.result if self.curves is not None else None
        self._verdict(self.random_verdict, tr("Randomisation"), None if rand is None else randomisation_verdict(rand))
        self._verdict(self.curves_verdict, tr("Deletion / insertion"),
                      None if curves is None else curves_reading(curves))
        self._draw_rho(rand)
        self._draw_curves(curves)
        shown = rand is not None or curves is not None
        if shown != self.plots.isVisibleTo(self):
            self.plots.setVisible(shown)
            self.setMaximumHeight(16777215 if shown else self.sizeHint().height())
            self.plots_shown.emit(shown)

    def _draw_rho(self, result: RandomisationResult | None) -> None:
        pen = GREY if self.stale else RHO_PEN
        if result is None or not result.steps:
            self.rho_curve.setData([], [])
            self.rho_axis.set_labels([])
            self.rho_caption.setText(tr("the map against itself as the weights are randomised from the output down"))
            self.thumbs.set_array(None)
            self.thumbs_caption.setText("")
            self.thumbs.setVisible(False)
            self.thumbs_caption.setVisible(False)
            return
        x = np.arange(1, len(result.steps) + 1, dtype=float)
        y = np.array([s.spearman for s in result.steps])
        self.rho_curve.setData(x, y, pen=pg.mkPen(pen, width=2), symbol="o", symbolSize=5, symbolBrush=pen,
                               symbolPen=None)
        self.rho_axis.set_labels([(i + 1.0, t) for i, t in enumerate(step_labels(result.steps, width=18))])
        self.rho_plot.setXRange(0.5, result.total_steps + 0.5, padding=0)
        self.rho_caption.setText(tr("weights randomised from the output down to each module: {note}").format(
            note=grouping_note(result)))
        outcome = self.randomisation
        atlas = outcome.thumbnails if outcome is not None else None
        if atlas is not None and self.stale:  # grey, like the rest of a stale result
            atlas = np.repeat(atlas.mean(axis=2, keepdims=True).astype(np.uint8), 3, axis=2)
        self.thumbs.set_array(atlas)
        self.thumbs.setVisible(atlas is not None)
        self.thumbs_caption.setVisible(atlas is not None)
        steps = outcome.thumbnail_steps if outcome is not None else ()
        after = [str(i) for i in steps if i > 0]
        later = "" if not after else (tr(";\nafter step {steps}") if len(after) == 1 else
                                      tr(";\nafter steps {steps}")).format(steps=", ".join(after))
        self.thumbs_caption.setText(tr("the map before") + later)

    def _draw_curves(self, result: CurvesResult | None) -> None:
        if result is None:
            self.deletion_curve.setData([], [])
            self.insertion_curve.setData([], [])
            self.curve_caption.setText(tr("class probability as the map's top pixels are deleted or inserted"))
            self.curve_plot.setLabel("left", tr("p(class)"), **SMALL)
            return
        keys = []
        for curve, values, name, area, colour in (
                (self.deletion_curve, result.deletion, tr("deletion"), result.deletion_auc, DELETION_PEN),
                (self.insertion_curve, result.insertion, tr("insertion"), result.insertion_auc, INSERTION_PEN)):
            colour = GREY if self.stale else colour
            curve.setData(np.array(result.fractions[:len(values)]), np.array(values), pen=pg.mkPen(colour, width=2))
            keys.append(f"<b style='color: rgb{colour}'>\u2014&nbsp;{name}</b>&nbsp;"
                        + (f"AUC&nbsp;{area:.2f}" if area is not None else escape(tr("(unfinished)"))))
        self.curve_caption.setText(" &nbsp; ".join(keys))
        self.curve_plot.setLabel("left", tr("p(class {target})").format(target=result.target), **SMALL)


def _same(a: tuple | None, b: tuple | None) -> bool:
    """Subjects are the same when they hold the same model and input objects and equal choices."""
    if a is None or b is None:
        return a is b
    return a[0] is b[0] and a[1] is b[1] and a[2:] == b[2:]
