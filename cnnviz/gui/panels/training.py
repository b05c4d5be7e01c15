"""The training dock: train the app's model while every other dock shows it learning.

Settings become a :class:`~cnnviz.core.training.optimizers.TrainConfig`; a
:class:`~cnnviz.gui.training_worker.TrainingWorker` trains the session's model in place. A timer
(at most ~30 Hz) drains the worker's mailbox: progress records feed the curves and the ETA bar, and
the newest probe capture goes to :meth:`Session.show_probe`, so the feature-map, Inception, residual
and filter docks animate. Errors are one line in the dock; the app keeps working.
"""

from __future__ import annotations

import math
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFileDialog, QGridLayout, QHBoxLayout, QLabel,
                               QLineEdit, QProgressBar, QPushButton, QSpinBox, QSplitter, QVBoxLayout, QWidget)

from ...core.inputs.datasets import DATASET_NAMES, DatasetSplit
from ...core.device import available_devices
from ...core.errors import CnnvizError
from ...core.i18n import marker, translator
from ...core.training.optimizers import DEFAULT_LR, OPTIMIZERS, SCHEDULERS, TrainConfig
from ...core.training.loop import Progress
from .. import jobs
from ..training_worker import SaveOutcome, TrainingUpdate, TrainingWorker, TrainJob, save_checkpoint_job
from ..widgets import ImageView
from .training_curves import LiveCurves
from .base import Panel

POLL_MS = 33  # the mailbox is read at most ~30 times a second
REDRAW_S = 0.2  # curves and ETA bar are redrawn at most 5 times a second
PREVIEW_IMAGES = 16
SAVE_VIEW = "training_checkpoint"
FOLDER_CHOICE = "@folder"
tr = translator(__name__)
N_ = marker(__name__)

DATASET_LABELS = {"digits": N_("digits (UCI, offline)"), "shapes": N_("shapes (generated)"),
                  "mnist": N_("MNIST (download)"), "fashion-mnist": N_("Fashion-MNIST (download)"),
                  "cifar10": N_("CIFAR-10 (download)")}
SCHEDULE_LABELS = {"none": N_("none"), "step": N_("step"), "cosine": N_("cosine"), "plateau": N_("plateau")}
NOT_STARTED = N_("not started")
ERROR_STYLE = "color: #c0392b;"


def clock(seconds: float) -> str:
    """``m:ss`` (or ``h:mm:ss``) for a duration; ``--`` when unknown."""
    if not math.isfinite(seconds):
        return "--"
    s = int(round(seconds))
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


class TrainingPanel(Panel):
    """Settings, Start / Pause / Stop, live curves, ETA, augmented-batch preview and checkpoint saving."""

    title = N_("Training")
    name = "training_dock"
    tab_with = "input_dock"
    preferred_width = 380

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self.worker: TrainingWorker | None = None
        self.limit: tuple[int | None, int | None] | None = None  # cut of the dataset: quick looks and tests
        self.history: list[Progress] = []
        self.run_config: TrainConfig | None = None
        self.run_dataset = ""
        self.run_model: jobs.ModelResult | None = None
        self.probes_shown = 0
        self.last_record: Progress | None = None
        self._models: tuple[jobs.ModelResult, ...] = ()  # the model being trained, and what the app adopted
        self._notes: list[str] = []
        self._awaiting_image = False
        self._probe_request: jobs.ImageRequest | None = None
        self._split: tuple[str, object, DatasetSplit] | None = None
        self._drawn = 0.0
        self._bar_record: Progress | None = None
        self._timer = QTimer(self, interval=POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._build()
        session.model_changed.connect(self._on_model)
        session.capture_changed.connect(self._on_capture)
        session.image_changed.connect(self._on_image)
        session.error.connect(self._on_session_error)
        session.view_changed.connect(self._on_view)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self._on_model()

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        self.dataset_combo = QComboBox()
        for name in DATASET_NAMES:
            self.dataset_combo.addItem(tr(DATASET_LABELS[name]) if name in DATASET_LABELS else name, name)
        self.dataset_combo.addItem(tr("folder…"), FOLDER_CHOICE)
        self.dataset_combo.setToolTip(tr("MNIST, Fashion-MNIST and CIFAR-10 are downloaded on first use; a folder "
                                         "holds one sub-folder of images per class"))
        self.dataset_combo.activated.connect(self._on_dataset_picked)
        self._dataset_index = 0
        self.optimizer_combo = QComboBox()
        self.optimizer_combo.addItems(list(OPTIMIZERS))
        self.optimizer_combo.setCurrentText("adam")
        self.optimizer_combo.currentTextChanged.connect(self._on_optimizer)
        self.lr_edit = QLineEdit()
        self.lr_edit.setToolTip(tr("learning rate; empty: the optimiser's default"))
        self.batch_spin = _spin(1, 4096, 64)
        self.epochs_spin = _spin(1, 1000, 10)
        self.schedule_combo = QComboBox()
        for name in SCHEDULERS:  # shown translated; the scheduler's name is the data
            self.schedule_combo.addItem(tr(SCHEDULE_LABELS[name]) if name in SCHEDULE_LABELS else name, name)
        self.decay_spin = _dspin(0.0, 1.0, 0.0, 5, 1e-4)
        self.momentum_spin = _dspin(0.0, 0.999, 0.9, 3, 0.05)
        self.nesterov_check = QCheckBox(tr("Nesterov"))
        self.flip_check, self.crop_check = QCheckBox(tr("flip")), QCheckBox(tr("crop"))
        self.pca_check = QCheckBox(tr("PCA colour"))
        self.pca_check.setToolTip(tr("AlexNet's colour jitter along the principal components of the RGB values"))
        self.device_combo = QComboBox()
        self.probe_spin = _spin(1, 100000, 50)
        self.probe_spin.setSuffix(tr(" steps"))
        self.probe_spin.setToolTip(tr("how often the other docks get a new capture of the shown image"))
        self.start_button, self.pause_button = QPushButton(tr("Start")), QPushButton(tr("Pause"))
        self.stop_button = QPushButton(tr("Stop"))
        self.preview_button = QPushButton(tr("Preview batch"))
        self.preview_button.setToolTip(tr("one augmented training batch, as the network will see it"))
        self.save_button = QPushButton(tr("Save checkpoint…"))
        self.start_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(self.stop)
        self.preview_button.clicked.connect(self.preview)
        self.save_button.clicked.connect(self.save_checkpoint_dialog)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.setFormat(tr(NOT_STARTED))
        self.progress.setValue(0)
        self.status = QLabel(wordWrap=True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.curves = LiveCurves(self.palette().color(self.backgroundRole()))
        self.preview_caption = QLabel()
        self.preview_view = ImageView()
        self.preview_box = QWidget()
        box = QVBoxLayout(self.preview_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.preview_caption)
        box.addWidget(self.preview_view, 1)
        self.preview_box.hide()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.curves)
        splitter.addWidget(self.preview_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self._settings_grid())
        layout.addLayout(_row(self.start_button, self.pause_button, self.stop_button))
        layout.addLayout(_row(self.preview_button, self.save_button))
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)
        self._settings = [self.dataset_combo, self.optimizer_combo, self.lr_edit, self.batch_spin, self.epochs_spin,
                          self.schedule_combo, self.decay_spin, self.momentum_spin, self.nesterov_check,
                          self.flip_check, self.crop_check, self.pca_check, self.device_combo, self.probe_spin]
        self._on_optimizer("adam")
        self._sync_buttons()

    def _settings_grid(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        rows = [
            ((tr("Dataset"), self.dataset_combo),),
            ((tr("Optimiser"), self.optimizer_combo), (tr("Learning rate"), self.lr_edit)),
            ((tr("Batch"), self.batch_spin), (tr("Epochs"), self.epochs_spin)),
            ((tr("Schedule"), self.schedule_combo), (tr("Weight decay"), self.decay_spin)),
            ((tr("Momentum"), self.momentum_spin), (None, self.nesterov_check)),
            ((tr("Device"), self.device_combo), (tr("Probe every"), self.probe_spin)),
        ]
        for r, pairs in enumerate(rows):
            if len(pairs) == 1:
                grid.addWidget(QLabel(pairs[0][0]), r, 0)
                grid.addWidget(pairs[0][1], r, 1, 1, 3)
                continue
            for c, (label, widget) in enumerate(pairs):
                if label:
                    grid.addWidget(QLabel(label), r, 2 * c)
                    grid.addWidget(widget, r, 2 * c + 1)
                else:
                    grid.addWidget(widget, r, 2 * c, 1, 2)
        augment = QHBoxLayout()
        for check in (self.flip_check, self.crop_check, self.pca_check):
            augment.addWidget(check)
        augment.addStretch(1)
        grid.addWidget(QLabel(tr("Augment")), len(rows), 0)
        grid.addLayout(augment, len(rows), 1, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        return grid

    # ------------------------------------------------------------------ settings

    def _on_optimizer(self, name: str) -> None:
        self.lr_edit.setPlaceholderText(f"{DEFAULT_LR.get(name, 1e-3):g}")
        self.momentum_spin.setEnabled(name in ("sgd", "rmsprop") and self.worker is None)
        self.nesterov_check.setEnabled(name == "sgd" and self.worker is None)

    def _on_dataset_picked(self, index: int) -> None:
        if self.dataset_combo.itemData(index) != FOLDER_CHOICE:
            self._dataset_index = index
            return
        folder = QFileDialog.getExistingDirectory(self, tr("Dataset folder (one sub-folder of images per class)"))
        if folder:
            self.set_dataset(folder)
        else:
            self.dataset_combo.setCurrentIndex(self._dataset_index)

    def set_dataset(self, name_or_folder: str | Path) -> None:
        """Choose a dataset by name, or a folder of class sub-folders."""
        text = str(name_or_folder)
        index = self.dataset_combo.findData(text)
        if index < 0:
            index = self.dataset_combo.count() - 1  # before "folder..."
            self.dataset_combo.insertItem(index, Path(text).name or text, text)
            self.dataset_combo.setItemData(index, text, Qt.ItemDataRole.ToolTipRole)
        self.dataset_combo.setCurrentIndex(index)
        self._dataset_index = index

    def dataset(self) -> str:
        return str(self.dataset_combo.currentData())

    def config(self) -> TrainConfig:
        """The settings as a validated TrainConfig (CnnvizError names a bad one)."""
        text = self.lr_edit.text().strip()
        try:
            lr = float(text) if text else None
        except ValueError:
            raise CnnvizError(tr("learning rate '{text}' is not a number").format(text=text)) from None
        return TrainConfig(epochs=self.epochs_spin.value(), batch_size=self.batch_spin.value(),
                           optimizer=self.optimizer_combo.currentText(), lr=lr,
                           momentum=self.momentum_spin.value(), nesterov=self.nesterov_check.isChecked(),
                           weight_decay=self.decay_spin.value(), scheduler=str(self.schedule_combo.currentData()),
                           flip=self.flip_check.isChecked(), crop=self.crop_check.isChecked(),
                           pca_color=self.pca_check.isChecked(), device=self.device_combo.currentText(),
                           probe_every=self.probe_spin.value()).validated()

    def _on_model(self) -> None:
        model = self.session.model
        if model is None:
            self.show_message(tr("Open a model to train it"))
            return
        self.show_body()
        if self.worker is None and not self._ours(model):
            self._forget_run()
        if self.worker is None:
            devices = available_devices()
            current = str(model.loaded.device)
            if current not in devices:
                devices.insert(0, current)
            self.device_combo.clear()
            self.device_combo.addItems(devices)
            self.device_combo.setCurrentText(current)
        self._sync_buttons()

    def _forget_run(self) -> None:
        """Another model is shown: what the dock saves and plots is about that one now."""
        self.history, self.last_record, self._models = [], None, ()
        self.run_config, self.run_dataset, self.run_model = None, "", None
        self.curves.clear_data()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat(tr(NOT_STARTED))

    # ------------------------------------------------------------------ running

    def is_running(self) -> bool:
        """Whether a worker (training or preview) is active."""
        return self.worker is not None

    def start(self) -> None:
        """Train the app's model with the settings shown."""
        if self.worker is not None:
            return
        job = self._job()
        if job is None:
            return
        self.history, self.last_record, self.probes_shown, self._notes = [], None, 0, []
        self.run_config, self.run_dataset, self.run_model = job.config, _dataset_label(job.dataset), job.model
        result = self.session.result
        self._probe_request = result.request if result is not None and result.model is job.model else None
        self._models = (job.model,)
        self.curves.clear_data()
        self._launch(TrainJob(job.model, job.dataset, job.config, self._probe_request, job.split, self.limit))
        self._say(tr("loading {dataset}…").format(dataset=self.run_dataset))

    def preview(self) -> None:
        """Show one augmented batch of the chosen dataset (loaded in the worker)."""
        if self.worker is None and (job := self._job()) is not None:
            self._launch(TrainJob(job.model, job.dataset, job.config, split=job.split, limit=self.limit,
                                  preview=PREVIEW_IMAGES))
            self._say(tr("loading {dataset} for a preview…").format(dataset=_dataset_label(job.dataset)))

    def _job(self) -> TrainJob | None:
        model = self.session.model
        if model is None:
            self._say(tr("open a model first"), error=True)
            return None
        try:
            config = self.config()
        except CnnvizError as exc:
            self._say(str(exc), error=True)
            return None
        dataset = self.dataset()
        cached = self._split
        spec = model.loaded.info.input
        split = cached[2] if cached is not None and cached[0] == dataset and cached[1] == spec else None
        return TrainJob(model, dataset, config, split=split, limit=self.limit)

    def _launch(self, job: TrainJob) -> None:
        self.worker = TrainingWorker(job, self)
        self.worker.start()
        self._timer.start()
        self._sync_buttons()

    def toggle_pause(self) -> None:
        worker = self.worker
        if worker is None or worker.job.preview or worker.stopping:
            return
        if worker.paused:
            worker.resume()
            self._say(tr("training on {dataset}").format(dataset=self.run_dataset))
        else:
            worker.pause()
            step = self.last_record.step if self.last_record else 0
            self._say(tr("paused after step {step}").format(step=step))
        self._sync_buttons()

    def stop(self) -> None:
        """Stop after the current step; the docks get one last capture of the trained model."""
        if self.worker is not None and not self.worker.stopping:
            self.worker.request_stop()
            self._say(tr("stopping…"))
            self._sync_buttons()

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        """End training for good (the window is closing); True once the thread has ended."""
        worker, self.worker = self.worker, None
        self._timer.stop()
        return worker.stop(timeout_ms) if worker is not None else True

    def _poll(self) -> None:
        worker = self.worker
        if worker is None:
            self._timer.stop()
            return
        ended = worker.isFinished()  # read first: nothing is put after the thread has finished
        self._apply(worker.box.take(), worker, final=ended)
        if ended:
            worker.wait()
            self.worker = None
            self._timer.stop()
            if worker.stopping and (worker.job.preview or self.last_record is None):
                self._say(tr("preview cancelled") if worker.job.preview else tr("stopped before training began"))
                self.progress.setRange(0, 1)
                self.progress.setFormat(tr(NOT_STARTED))
            self._sync_buttons()

    def _apply(self, update: TrainingUpdate, worker: TrainingWorker, final: bool = False) -> None:
        if not update.empty():
            self._handle(update, worker)
        self._redraw(final)

    def _handle(self, update: TrainingUpdate, worker: TrainingWorker) -> None:
        if update.stage is not None:
            self._show_stage(*update.stage)
        if update.split is not None and worker.job.dataset in DATASET_NAMES:
            self._split = (worker.job.dataset, worker.job.model.loaded.info.input, update.split)
        if update.model is not None:
            self.run_model = update.model
            self._models = (*self._models, update.model)
            self.session.adopt_model(update.model)
        for note in update.notes:
            self._notes.append(note)
            self._say(note)
        for record in update.records:
            self._on_record(record)
        if update.probe is not None:
            self._show_probe(update.probe)
        if update.preview is not None:
            self._show_preview(update.preview, worker.job)
        if update.error is not None:
            self._say(update.error, error=True)
            self._bar_record = None
            if self.last_record is None or worker.job.preview:
                self.progress.setRange(0, 1)
                self.progress.setValue(0)
            self.progress.setFormat(tr("failed") if self.last_record and not worker.job.preview else tr(NOT_STARTED))

    def _redraw(self, now: bool) -> None:
        """Curves and ETA bar get the new steps at most every REDRAW_S (painting is the GUI's main cost)."""
        tick = time.monotonic()
        if not now and tick - self._drawn < REDRAW_S:
            return
        self._drawn = tick
        record, self._bar_record = self._bar_record, None
        if record is not None:
            self.progress.setRange(0, max(record.total_steps, 1))
            self.progress.setValue(record.step)
            rate = "" if math.isnan(record.samples_per_second) else " \u00b7 " + tr("{rate} img/s").format(
                rate=f"{record.samples_per_second:,.0f}")
            where = tr("epoch {epoch}/{epochs} · step {step}/{steps}").format(
                epoch=record.epoch, epochs=record.epochs, step=record.step, steps=record.total_steps)
            eta = tr("ETA {time}").format(time=clock(record.eta_seconds))
            self.progress.setFormat(f"{where}{rate} \u00b7 {eta}")
        if self.curves.refresh():
            self.changed(self.curves.viewport())

    def _show_stage(self, stage: str, done: int, total: int | None) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        else:
            self.progress.setRange(0, 0)
        self.progress.setFormat(f"{stage} %p%")

    def _on_record(self, record: Progress) -> None:
        self.last_record = record
        if record.kind == "step":
            if not self.curves.points():
                self.curves.set_steps(record.total_steps)
                self._say("; ".join([tr("training on {dataset}").format(dataset=self.run_dataset), *self._notes]))
            self.curves.add_step(record)
            self._bar_record = record
            return
        self.history.append(record)
        if record.kind == "epoch":
            self.curves.add_epoch(record)
            self._say(tr("epoch {epoch}: validation accuracy {accuracy} (loss {loss})").format(
                epoch=record.epoch, accuracy=f"{record.val_accuracy:.1%}", loss=f"{record.val_loss:.3f}"))
            return
        if record.kind == "error":
            self._say(record.message, error=True)
            ended = tr("failed at step {step}/{steps}")
        else:
            done = record.message or tr("done")
            if math.isfinite(record.val_accuracy):
                done += tr("; validation accuracy {accuracy}").format(accuracy=f"{record.val_accuracy:.1%}")
            self._say(tr("{outcome} in {time}").format(outcome=done, time=clock(record.elapsed)))
            ended = tr("stopped at step {step}/{steps}") if record.stopped else tr("done at step {step}/{steps}")
            if record.step > 0 and self._ours(self.session.model):
                accuracy = (tr(", validation {accuracy}").format(accuracy=f"{record.val_accuracy:.1%}")
                            if math.isfinite(record.val_accuracy) else "")
                self.session.set_model_note(tr("trained on {dataset} in this session ({steps} steps{accuracy})").format(
                    dataset=self.run_dataset, steps=record.step, accuracy=accuracy))
                self.session.status.emit(tr("the app's model is now the one trained on {dataset} ({steps} steps)"
                                            ).format(dataset=self.run_dataset, steps=record.step))
        self._bar_record = None
        self.progress.setRange(0, max(record.total_steps, 1))
        self.progress.setValue(record.step)
        self.progress.setFormat(ended.format(step=record.step, steps=record.total_steps))

    def _show_probe(self, probe: jobs.CaptureResult) -> None:
        """Give the newest probe to the session, unless the user has moved on to another model or image."""
        if self._probe_request is None:
            self._probe_request = probe.request
        if self._awaiting_image or probe.request != self._probe_request or not self._ours(self.session.model):
            return
        self.probes_shown += 1
        self.session.show_probe(probe)

    def _ours(self, model: jobs.ModelResult | None) -> bool:
        """Whether ``model`` is the one trained (or the app's adoption of it)."""
        return any(model is m for m in self._models)

    def _on_image(self) -> None:
        """The user opened another image: no probe of the old one until its capture is shown."""
        self._awaiting_image = self.worker is not None

    def _on_session_error(self, _message: str) -> None:
        self._awaiting_image = False  # the opened image failed: go on probing the old one

    def _on_capture(self) -> None:
        """A capture the user asked for (another image) while training: probe that image from now on."""
        result, worker = self.session.result, self.worker
        if worker is None or worker.job.preview or result is None or not self._ours(result.model):
            return
        self._awaiting_image = False
        if result.request != self._probe_request:
            self._probe_request = result.request
            worker.set_probe_image(result.request)

    def _show_preview(self, grid, job: TrainJob) -> None:
        augments = [n for n, on in ((tr("flip"), job.config.flip), (tr("crop"), job.config.crop),
                                    (tr("PCA colour"), job.config.pca_color)) if on]
        how = ", ".join(augments) if augments else tr("no augmentation")
        self.preview_caption.setText(tr("One {dataset} batch as the network sees it ({how})").format(
            dataset=_dataset_label(job.dataset), how=how))
        self.preview_view.set_array(grid, smooth=False)
        self.preview_box.show()
        self._say(tr("preview of {count} training images ({how})").format(count=PREVIEW_IMAGES, how=how))
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat(tr(NOT_STARTED))
        self.changed(self.preview_view)

    # ------------------------------------------------------------------ checkpoints

    def save_checkpoint_dialog(self) -> None:
        model = self.run_model or self.session.model
        if model is None:
            return
        default = f"{model.loaded.info.name}-{self.run_dataset or 'untrained'}.safetensors"
        path, _ = QFileDialog.getSaveFileName(self, tr("Save checkpoint"), default,
                                              tr("cnnviz checkpoints (*.safetensors)"))
        if path:
            self.save_checkpoint(path)

    def save_checkpoint(self, path: str | Path) -> None:
        """Write the trained model (or the app's model) to ``path`` in the background, atomically."""
        model = self.run_model or self.session.model
        if model is None:
            self._say(tr("open a model first"), error=True)
            return
        path = Path(path)
        if path.suffix.lower() != ".safetensors":
            path = path.with_name(path.name + ".safetensors")
        config = self.run_config or self._config_or_default()
        self.session.request_view(SAVE_VIEW, save_checkpoint_job, model, path, config, list(self.history),
                                  self.run_dataset)
        self._say(tr("saving {file}…").format(file=path.name))

    def _config_or_default(self) -> TrainConfig:
        try:
            return self.config()
        except CnnvizError:
            return TrainConfig().validated()

    def _on_view(self, kind: str) -> None:
        if kind != SAVE_VIEW:
            return
        outcome: SaveOutcome = self.session.views[kind]
        if outcome.error:
            self._say(outcome.error, error=True)
        else:
            self._say(tr("saved {file} and {json}").format(file=outcome.path,
                                                            json=outcome.path.with_suffix('.json').name))

    # ------------------------------------------------------------------ looks

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        style = ERROR_STYLE if error else ""
        if self.status.styleSheet() != style:
            self.status.setStyleSheet(style)
        self.changed(self.status)

    def _sync_buttons(self) -> None:
        worker = self.worker
        running = worker is not None
        training = running and not worker.job.preview
        has_model = self.session.model is not None
        for widget in self._settings:
            widget.setEnabled(not running)
        if not running:
            self._on_optimizer(self.optimizer_combo.currentText())
        self.start_button.setEnabled(has_model and not running)
        self.preview_button.setEnabled(has_model and not running)
        self.pause_button.setEnabled(training and not worker.stopping)
        self.pause_button.setText(tr("Resume") if training and worker.paused else tr("Pause"))
        self.stop_button.setEnabled(running and not worker.stopping)  # also cancels a preview's download
        self.save_button.setEnabled(has_model)


def _spin(low: int, high: int, value: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    return spin


def _dspin(low: float, high: float, value: float, decimals: int, step: float) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setDecimals(decimals)
    spin.setRange(low, high)
    spin.setSingleStep(step)
    spin.setValue(value)
    return spin


def _row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    return row


def _dataset_label(dataset: str) -> str:
    return dataset if dataset in DATASET_NAMES else Path(dataset).name

