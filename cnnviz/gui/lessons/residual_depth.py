"""The page of the lesson "Why residual blocks let depth train": the plain and the residual twin train side by side
in the background (:class:`~cnnviz.gui.side_by_side_worker.SideBySideWorker`); their loss curves and per-layer
gradient norms fill in live, so the plain net's vanishing gradients are seen, not told.

A timer polls the worker's mailbox (:data:`POLL_MS`); every number shown is read from the records the training
gave (:func:`cnnviz.core.lessons.residual_depth.reading`), and the gradient bars of both nets are those of the
same step (:func:`~cnnviz.core.lessons.residual_depth.matched`).
"""

from __future__ import annotations

import html
import math
from collections import deque
from types import MappingProxyType

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout

from ...core.analysis.gradient_stats import GradientRecord
from ...core.i18n import marker, translator
from ...core.lessons import residual_depth as core
from ...core.training.loop import Progress
from ..side_by_side_worker import SideRun
from ..widgets import plain_label, rich_label
from .training_page import TrainingPage
from .training_plots import RunCurves, RunGradients, colour

tr = translator(__name__)
N_ = marker(__name__)

POLL_MS = 100  # the mailbox is read 10 times a second
DRAW_EVERY = 5  # polls between two redraws (twice a second: painting is the GUI thread's costly part)
GRADIENTS_EVERY = 10  # steps between two gradient records of a run
KEPT = 16  # gradient records kept per run to find a step both have
RUN_LABELS = (N_("plain"), N_("residual"))


_SUPERSCRIPT = str.maketrans("-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")


def _num(value: float, form: str) -> str:
    return format(value, form) if math.isfinite(value) else "--"


def sci(value: float) -> str:
    """A norm or a ratio as a teacher writes it: ``3.8×10⁻¹⁰``, ``4.0×10⁸``; plain between 0.01 and 1000."""
    if not math.isfinite(value):
        return "--"
    if value == 0 or 0.01 <= abs(value) < 1000:
        return f"{value:.3g}"
    mantissa, exponent = f"{value:.1e}".split("e")
    return f"{mantissa}\u00d710{str(int(exponent)).translate(_SUPERSCRIPT)}"


class ResidualDepthPage(TrainingPage):
    """Start, pause and stop the twins' training; watch their losses and gradient norms."""

    lesson = "residual"
    data_limit: tuple[int | None, int | None] | None = None  # the first (train, val) digits only (quick runs)
    config_changes = MappingProxyType({})  # TrainConfig fields to override (quick runs)

    def __init__(self, window, parent=None) -> None:
        super().__init__(window, parent)
        self.labels = tuple(tr(label) for label in RUN_LABELS)
        self.records: list[list[Progress]] = [[], []]
        self.history: list[deque[GradientRecord]] = [deque(maxlen=KEPT), deque(maxlen=KEPT)]
        self.pair: tuple[GradientRecord, GradientRecord] | None = None
        self.readings: list[core.RunReading] | None = None
        self.failure = ""
        self._polls = 0
        self._fresh = False  # records came that the words and numbers do not show yet
        self.run_button = QPushButton(tr("Pause"))
        self.run_button.clicked.connect(self._run_clicked)
        self.stop_button = QPushButton(tr("Stop"))
        self.stop_button.clicked.connect(self.request_stop)
        self.run_button.setToolTip(tr("Pause or resume both trainings; after a stop, train new twins from step 0"))
        self.stop_button.setToolTip(tr("End both trainings before their next step (the curves stay)"))
        self.status = plain_label(wrap=True)
        self.curves = RunCurves(self.labels, second="accuracy")
        self.curves.set_line("chance", core.chance_loss(), tr("chance"))
        self.gradient_title = plain_label(wrap=True)
        self.gradient_title.setStyleSheet("font-weight: bold;")
        self.bars = RunGradients(self.labels)
        self.table = rich_label(wrap=True)
        self.verdict = rich_label(wrap=True)
        self.timer = QTimer(self, interval=POLL_MS)
        self.timer.timeout.connect(self.poll)
        self._lay_out()
        self._show_state()

    def _lay_out(self) -> None:
        row = QHBoxLayout()
        row.addWidget(self.run_button)
        row.addWidget(self.stop_button)
        row.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        layout.addWidget(self.gradient_title)
        layout.addWidget(self.bars)
        layout.addWidget(self.verdict)
        layout.addWidget(self.table)
        layout.addWidget(self.curves)
        layout.addStretch(1)

    # ------------------------------------------------------------------ the lesson's life

    def start(self) -> None:
        self.start_training()

    def is_settled(self) -> bool:
        """Settled once both nets' first gradient norms are drawn (or the training has ended)."""
        return self.pair is not None or self.failure != "" or not self.running()

    def start_training(self) -> None:
        """Train new twins (the same random weights as every time) from step 0."""
        if self.running():
            return
        plain, residual = core.twins()
        config = core.lesson_config(**self.config_changes)
        limit = self.data_limit

        def data():
            return core.lesson_data(limit)

        runs = [SideRun(label, module, data, config) for label, module in zip(self.labels, (plain, residual))]
        self.records, self.pair, self.readings, self.failure = [[], []], None, None, ""
        self.history = [deque(maxlen=KEPT), deque(maxlen=KEPT)]
        self.curves.clear_data()
        self.bars.set_records([None, None])
        self.run_side_by_side(runs, GRADIENTS_EVERY, self.poll)
        self._show_numbers()
        self._show_state()

    def _run_clicked(self) -> None:
        if not self.running():
            self.start_training()
        elif self.worker.paused:
            self.resume()
        else:
            self.pause()

    def _failed(self, message: str) -> None:
        self.failure = message
        self.error_label.setText(message)
        self.error_label.show()
        self.session.report_error(message)
        self.changed(self.error_label)

    # ------------------------------------------------------------------ polling the worker

    def poll(self) -> None:
        """Take the worker's new records and gradient norms (the timer calls this); every :data:`DRAW_EVERY`-th
        time, and for the first gradient records and at the end, redraw what changed."""
        worker = self.worker
        if worker is None:
            return
        new = worker.take()
        for i, records in enumerate(new):
            self.records[i].extend(records)
            self.curves.add(i, records)
            if records:
                self.curves.set_steps(records[-1].total_steps)
        for kept, record in zip(self.history, worker.gradients()):
            if record is not None and (not kept or kept[-1].step != record.step):
                kept.append(record)
        self._fresh = self._fresh or any(new)
        self._polls += 1
        ended = not worker.isRunning()
        first = self.pair is None and core.matched(self.history[0], self.history[1]) is not None
        if ended or first or self._polls % DRAW_EVERY == 0:
            self._draw(ended)

    def _draw(self, ended: bool) -> None:
        if self.curves.refresh():
            self.changed(self.curves)
        pair = core.matched(self.history[0], self.history[1])
        moved = pair is not None and pair != self.pair
        if moved:
            self.pair = pair
            self.bars.set_records(pair)
            self.changed(self.bars)
        if moved or self._fresh:
            self._fresh = False
            self._show_numbers()
        if ended:
            self.timer.stop()
        self._show_state()

    # ------------------------------------------------------------------ words and numbers

    def _show_numbers(self) -> None:
        pair = self.pair or (None, None)
        self.readings = [core.reading(records, record) for records, record in zip(self.records, pair)]
        plain, residual = self.readings
        if self.pair is None:
            self.gradient_title.setText(tr("Gradient norm of each layer (the first records come after step 1)"))
            self.verdict.setText("")
        else:
            step = self.pair[0].step
            self.gradient_title.setText(tr("Gradient norm of each layer at step {step}").format(step=step))
            ratio = core.first_layer_ratio(*self.pair)
            self.verdict.setText(tr(
                "At step {step} the residual net's first layer gets <b>{ratio}</b> times the gradient of the "
                "plain net's first layer.").format(step=step, ratio=html.escape(sci(ratio))))
        self.table.setText(self._table(plain, residual))
        self.changed(self.gradient_title, self.verdict, self.table)

    def _table(self, plain: core.RunReading, residual: core.RunReading) -> str:
        head = "".join(f"<th align='right' style='color: rgb{colour(i)}'>&nbsp;&nbsp;{html.escape(label)}</th>"
                       for i, label in enumerate(self.labels))
        rows = [
            (tr("steps"), [str(r.step) for r in (plain, residual)]),
            (tr("loss (mean of the last {n} steps)").format(n=core.LOSS_WINDOW),
             [_num(r.loss, ".3f") for r in (plain, residual)]),
            (tr("validation accuracy (last epoch)"), [_num(r.val_accuracy, ".1%") for r in (plain, residual)]),
            (tr("first layer's gradient norm"), [sci(r.first_norm) for r in (plain, residual)]),
            (tr("first layer / last layer"), [sci(_ratio(r)) for r in (plain, residual)]),
        ]
        body = "".join(f"<tr><td>{html.escape(name)}</td>"
                       + "".join(f"<td align='right'>&nbsp;&nbsp;{html.escape(v)}</td>" for v in values) + "</tr>"
                       for name, values in rows)
        return f"<table cellspacing='2'><tr><th></th>{head}</tr>{body}</table>"

    def _show_state(self) -> None:
        worker, readings = self.worker, self.readings
        step = max((r.step for r in readings), default=0) if readings else 0
        total = next((r.total_steps for records in self.records for r in reversed(records)), 0)
        if worker is None:
            text = tr("Not started")
        elif self.failure:
            text = tr("Training failed")
        elif not worker.isRunning():
            ended = [r.ended for r in readings] if readings else []
            text = (tr("Stopped at step {step}").format(step=step) if "stopped" in ended or not ended
                    else tr("Finished: {step} steps").format(step=step))
            errors = [f"{label}: {e}" for label, e in zip(self.labels, ended) if e not in ("", "done", "stopped")]
            if errors:
                self.error_label.setText("; ".join(errors))
                self.error_label.show()
        elif worker.stopping:
            text = tr("Stopping…")
        elif worker.paused:
            text = tr("Paused at step {step}").format(step=step)
        elif not step:
            text = tr("Loading the digits and starting…")
        else:
            text = tr("Training: step {step} of {total}").format(step=step, total=total)
        button = (tr("Start again") if not self.running() else tr("Resume") if worker.paused else tr("Pause"))
        if self.status.text() != text:
            self.status.setText(text)
            self.changed(self.status)
        if self.run_button.text() != button:
            self.run_button.setText(button)
        self.stop_button.setEnabled(self.running() and not worker.stopping)

    def numbers(self) -> dict[str, float]:
        """Every number the page shows, by key: ``plain.step``, ``residual.loss``, ``gradient_step`` ..."""
        out: dict[str, float] = {"chance_loss": core.chance_loss()}
        for key, r in zip(("plain", "residual"), self.readings or ()):
            values = {"step": r.step, "loss": r.loss, "val_accuracy": r.val_accuracy, "first_norm": r.first_norm,
                      "first_over_last": _ratio(r)}
            out.update({f"{key}.{name}": float(v) for name, v in values.items() if math.isfinite(v)})
        if self.pair is not None:
            out["gradient_step"] = float(self.pair[0].step)
            ratio = core.first_layer_ratio(*self.pair)
            if math.isfinite(ratio):
                out["first_layer_ratio"] = ratio
        return out


def _ratio(r: core.RunReading) -> float:
    return r.first_norm / r.last_norm if math.isfinite(r.first_norm) and r.last_norm > 0 else math.nan
