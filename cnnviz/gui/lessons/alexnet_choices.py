"""The page of the lesson "AlexNet's choices": pick a comparison (ReLU vs tanh, dropout off vs on, overlapping vs
non-overlapping pooling); the pair of small nets trains side by side in the background
(:class:`~cnnviz.gui.side_by_side_worker.SideBySideWorker`), their loss and error curves fill in live with the
target error as a dashed line, and the steps each needed to reach it, their ratio, the final errors and the
max-pool sizes are read from the records and the modules. Below, AlexNet's augmentations of the image shown.

A timer polls the worker's mailbox (:data:`POLL_MS`); tensor work (previews, pool sizes, final errors) runs in
the render worker (:mod:`cnnviz.gui.lessons.alexnet_views`).
"""

from __future__ import annotations

import math
from dataclasses import replace
from functools import partial

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout

from ...core.i18n import translator
from ...core.lessons import alexnet_choices as core
from ...core.training.loop import Progress
from ..side_by_side_worker import SideRun
from ..widgets import plain_label, rich_label
from .alexnet_preview import AugmentPreview
from .alexnet_text import pools_html, results_html, setup_text
from .alexnet_views import View, errors_view, pool_numbers, pools_view, preview_view
from .training_page import TrainingPage
from .training_plots import RunCurves

tr = translator(__name__)

POLL_MS = 200  # the mailbox is read 5 times a second (redrawing costs the training CPU time)
PREVIEW, POOLS, ERRORS = "lesson:alexnet:preview", "lesson:alexnet:pools", "lesson:alexnet:errors"
GRADIENTS_EVERY = 1_000_000  # this page shows no gradient norms: only step 1's is recorded


def _split(key: str, limit: tuple[int | None, int | None] | None):
    split = core.lesson_split(key)
    return split if limit is None else split.subset(*limit)


class AlexNetPage(TrainingPage):
    """Train a pair that differs in one of AlexNet's choices; compare steps to a target error and final errors."""

    lesson = "alexnet"
    data_limit: tuple[int | None, int | None] | None = None  # the first (train, val) images only (quick runs)
    config_changes: dict = {}  # TrainConfig fields to override (quick runs)

    def __init__(self, window, parent=None) -> None:
        super().__init__(window, parent)
        self.key = "activation"
        self.records: list[list[Progress]] = [[], []]
        self.nets: tuple = ()
        self.failure = ""
        self.errors: View | None = None
        self.pools: View | None = None
        self.preview: View | None = None
        self._wanted: dict[str, object] = {}
        self._serial = 0
        self._data = partial(_split, self.key, self.data_limit)
        self.combo = QComboBox()
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(12)
        for key, comparison in core.COMPARISONS.items():
            self.combo.addItem(tr(comparison.title), key)
        self.target = QSpinBox()
        self.target.setRange(1, 99)
        self.target.setSuffix(" %")
        self.target.setValue(round(100 * core.TARGET_ERROR))
        self.target.setToolTip(tr("The running training error each net has to get below"))
        self.start_button = QPushButton(tr("Start"))
        self.stop_button = QPushButton(tr("Stop"))
        self.setup_label = plain_label(wrap=True)
        self.state_label = plain_label(wrap=True)
        self.curves = RunCurves(self._labels(), second="error")
        self.result_label = rich_label(wrap=True)
        self.pool_label = rich_label(wrap=True)
        self.augmentations = AugmentPreview()
        self.timer = QTimer(self, interval=POLL_MS)
        self.timer.timeout.connect(self.poll)
        self._lay_out()
        self.combo.currentIndexChanged.connect(self._picked)
        self.target.valueChanged.connect(self._target_moved)
        self.start_button.clicked.connect(self.start_training)
        self.stop_button.clicked.connect(self.request_stop)
        self.session.capture_changed.connect(self._on_capture)
        self.session.model_changed.connect(self._ask_pools)
        self.session.view_changed.connect(self._on_view)
        self._show_state()

    def _lay_out(self) -> None:
        pick = QHBoxLayout()
        pick.addWidget(QLabel(tr("Compare")))
        pick.addWidget(self.combo, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("target error")))
        row.addWidget(self.target)
        row.addStretch(1)
        row.addWidget(self.start_button)
        row.addWidget(self.stop_button)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 4, 0, 0)
        self.layout_.addLayout(pick)
        self.layout_.addLayout(row)
        self.layout_.addWidget(self.setup_label)
        self.layout_.addWidget(self.state_label)
        self.layout_.addWidget(self.error_label)
        self.layout_.addWidget(self.curves)
        self.layout_.addWidget(self.result_label)
        self.layout_.addWidget(self.pool_label)
        self.layout_.addWidget(self.augmentations)

    def _labels(self) -> tuple[str, str]:
        return tuple(tr(label) for label in core.get_comparison(self.key).labels)  # type: ignore[return-value]

    # ------------------------------------------------------------------ the lesson's life

    def start(self) -> None:
        self._on_capture()
        self._ask_pools()
        self.start_training()

    def is_settled(self) -> bool:
        """Settled once the pool sizes and the preview are shown and the curves have their first points."""
        if any(self._pending(kind, attr) for kind, attr in ((POOLS, "pools"), (PREVIEW, "preview"),
                                                              (ERRORS, "errors"))):
            return False
        if self.session.result is None and not self.session.is_idle():
            return False
        return self.failure != "" or not self.running() or all(self.curves.points(i) for i in range(2))

    def _pending(self, kind: str, attr: str) -> bool:
        wanted, got = self._wanted.get(kind), getattr(self, attr)
        return wanted is not None and (got is None or got.key != wanted)

    def comparison(self) -> str:
        """The comparison picked: ``"activation"``, ``"dropout"`` or ``"pooling"``."""
        return self.key

    def set_comparison(self, key: str) -> None:
        """Pick a comparison as a user choosing it in the list would (ignored while training)."""
        index = self.combo.findData(core.get_comparison(key).key)
        self.combo.setCurrentIndex(index)

    def config(self):
        """How the picked pair trains (its comparison's settings, with :attr:`config_changes`)."""
        config = core.get_comparison(self.key).config
        return replace(config, **self.config_changes) if self.config_changes else config

    def target_error(self) -> float:
        """The target error, as a fraction."""
        return self.target.value() / 100.0

    def start_training(self) -> None:
        """Train the picked pair from step 0 (the same initial weights and batches every time)."""
        if self.running():
            return
        comparison, config = core.get_comparison(self.key), self.config()
        data = partial(_split, self.key, self.data_limit)  # one object: both runs share one split
        self.nets = comparison.nets()
        runs = [SideRun(label, net, data, config) for label, net in zip(self._labels(), self.nets)]
        self.records, self.failure, self.errors = [[], []], "", None
        self._wanted[ERRORS] = None
        self._data = data
        self._replace_curves()
        self.run_side_by_side(runs, GRADIENTS_EVERY, self._finished)
        self._show_results()
        self._show_state()

    def _replace_curves(self) -> None:
        if tuple(self.curves.labels) != self._labels():
            old = self.curves
            self.curves = RunCurves(self._labels(), second="error")
            self.layout_.replaceWidget(old, self.curves)
            old.deleteLater()
        self.curves.clear_data()
        self._draw_target()

    def _draw_target(self) -> None:
        self.curves.set_line("target", self.target_error(), tr("target {value} %").format(value=self.target.value()),
                             lower=True)
        self.changed(self.curves)

    def _picked(self, *_args) -> None:
        key = self.combo.currentData()
        if key == self.key:
            return
        self.key = key
        self._ask_pools()
        self._show_state()

    def _target_moved(self, *_args) -> None:
        self._draw_target()
        self._show_results()

    def _failed(self, message: str) -> None:
        self.failure = message
        self.error_label.setText(message)
        self.error_label.show()
        self.session.report_error(message)
        self.changed(self.error_label)

    def _finished(self) -> None:
        self.poll()
        self.timer.stop()
        if self.nets and not self.failure and any(self.records):
            self._serial += 1
            key = ("errors", self._serial)
            self._wanted[ERRORS] = key
            self.session.request_view(ERRORS, errors_view, key, self._data, self.nets)
        self._show_state()

    # ------------------------------------------------------------------ polling the worker

    def poll(self) -> None:
        """Take the worker's new records and redraw what changed (the timer calls this)."""
        worker = self.worker
        if worker is None:
            return
        new = worker.take()
        if not any(self.records) and any(new):  # the x axis spans the whole run: the curves grow towards its end
            self.curves.set_steps(max(r[0].total_steps for r in new if r))
        for i, records in enumerate(new):
            self.records[i].extend(records)
            self.curves.add(i, records)
        if self.curves.refresh():
            self.changed(self.curves)
        if any(new):
            self._show_results()
        self._show_state()

    # ------------------------------------------------------------------ the image and the model shown

    def _on_capture(self) -> None:
        result, model = self.session.result, self.session.model
        if result is None or model is None or "input" not in result.capture:
            return
        self._serial += 1
        key = ("preview", self._serial)
        self._wanted[PREVIEW] = key
        self.session.request_view(PREVIEW, preview_view, key, result.capture["input"], model.loaded.info.input)

    def _ask_pools(self) -> None:
        model = self.session.model
        module = model.loaded.module if model is not None else None
        summary = model.summary if model is not None else None
        self._serial += 1
        key = ("pools", self.key, self._serial)
        self._wanted[POOLS] = key
        self.session.request_view(POOLS, pools_view, key, self.key, module, summary)

    def _on_view(self, kind: str) -> None:
        view = self.session.views.get(kind)
        if kind not in (PREVIEW, POOLS, ERRORS) or not isinstance(view, View) or view.key != self._wanted.get(kind):
            return
        if view.error:
            self.session.report_error(view.error)
        if kind == PREVIEW:
            self.preview = view
            self._draw_preview(view)
        elif kind == POOLS:
            self.pools = view
            self._draw_pools(view)
        else:
            self.errors = view
            self._show_results()

    # ------------------------------------------------------------------ words, numbers and pictures

    def steps(self):
        """:class:`~cnnviz.core.lessons.choice_runs.StepsComparison` of the records so far."""
        return core.compare_steps(self.records, self.target_error())

    def _show_results(self) -> None:
        labels = self._labels() if not self.running() else tuple(run.label for run in self.worker.runs)
        errors = self.errors.value if self.errors is not None and not self.errors.error else None
        sizes = self.errors.extra.get("sizes") if errors is not None else None
        self.result_label.setText(results_html(self.key, labels, self.steps(), self.target.value(), errors, sizes))
        self.changed(self.result_label)

    def _draw_pools(self, view: View) -> None:
        model = self.session.model.loaded.name if self.session.model is not None else ""
        text = "" if view.error else pools_html(self._labels(), view.value, model, view.extra.get("model", []))
        self.pool_label.setText(text)
        self.changed(self.pool_label)

    def _draw_preview(self, view: View) -> None:
        self.changed(*self.augmentations.set_rows(None if view.error else view.value))

    def _show_state(self) -> None:
        running = self.running()
        worker = self.worker
        self.combo.setEnabled(not running)
        limit = self.data_limit[0] if self.data_limit else None
        train_images = min(filter(None, (core.get_comparison(self.key).train_images, limit)), default=None)
        self.setup_label.setText(setup_text(self.config().validated(), train_images))
        self.start_button.setEnabled(not running)
        self.stop_button.setEnabled(running and not worker.stopping)
        self.start_button.setText(tr("Start again") if worker is not None and not running else tr("Start"))
        last = [records[-1] for records in self.records if records]
        if self.failure:
            text = tr("The training failed.")
        elif worker is None:
            text = tr("Press Start to train both nets.")
        elif running and not last:
            text = tr("Loading the digits…")
        elif running:
            text = tr("Training: step {step} of {total}.").format(step=min(r.step for r in last),
                                                                 total=last[0].total_steps)
        elif last and any(r.stopped for r in last):
            text = tr("Stopped after step {step}.").format(step=min(r.step for r in last))
        else:
            text = tr("Finished: {steps} steps each.").format(steps=min((r.step for r in last), default=0))
        self.state_label.setText(text)
        self.changed(self.setup_label, self.state_label, self.start_button, self.stop_button)

    def numbers(self) -> dict[str, float]:
        config = self.config().validated()
        out: dict[str, float] = {"target": self.target_error(), "epochs": config.epochs, "lr": config.lr,
                                 "momentum": config.momentum, "batch_size": config.batch_size}
        last = [records[-1].step for records in self.records if records]
        if last:
            out["step"] = min(last)
        steps = self.steps()
        for i, s in enumerate(steps.steps):
            if s is not None:
                out[f"steps.{i}"] = float(s)
        if steps.ratio is not None:
            out["ratio"] = steps.ratio
        if self.errors is not None and not self.errors.error:
            for i, (train, val) in enumerate(self.errors.value):
                out[f"train_error.{i}"], out[f"val_error.{i}"], out[f"gap.{i}"] = train, val, val - train
            out["train_images"], out["val_images"] = self.errors.extra["sizes"]
        if self.pools is not None and not self.pools.error:
            out.update(pool_numbers(self.pools))
        return {k: float(v) for k, v in out.items() if math.isfinite(float(v))}
