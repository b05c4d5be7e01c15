"""The app's training thread: trains the session's model in place while the docks watch it learn.

A :class:`TrainingWorker` loads the dataset (downloading it if needed), fits the model's classifier
to the dataset's classes, then iterates :func:`cnnviz.core.training.loop.train`, holding the model's lock
around every step so captures of dropped images never run at the same time as a step. Every
``probe_every`` steps it captures the probe image (:func:`jobs.run_capture`) in this thread.

Nothing is sent to the GUI per step: progress records, the newest probe and everything else go into
a :class:`TrainingMailbox` that the dock polls with a timer (at most ~30 Hz), so a fast loop can
never flood the event queue. ``pause()``, ``resume()`` and ``request_stop()`` are thread-safe.

Per-layer gradient norms (step 1, then every :data:`GRADIENTS_EVERY` steps) go to the trained
model's :class:`GradientLog` (:func:`gradient_log`), a bounded, non-draining latest-values log that
any view of that model may read with its own cursor (the Training dock drains its mailbox, so the
gradient view cannot share it); the records are plain floats.
"""

from __future__ import annotations

import gc
import io
import threading
import weakref
from collections import deque
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import torch
from PIL import Image
from PySide6.QtCore import QObject

from ..core.inputs.augment import augmented_batch
from ..core.training.checkpoints import save_run
from ..core.inputs.datasets import DatasetSplit, load_dataset
from ..core.device import resolve_device
from ..core.errors import CnnvizError
from ..core.i18n import translator
from ..core.models.loader import LoadedModel
from ..core.training.optimizers import TrainConfig
from ..core.analysis.summary import summarize
from ..core.analysis.gradient_stats import GradientRecord
from ..core.training.loop import GRADIENTS_EVERY, Progress, TrainControl, fit_classifier, train
from . import jobs
from .workers import WorkerThread, failure_message, worker_threads_count

tr = translator(__name__)

PREVIEW_COLUMNS = 8
GRADIENT_HISTORY = 100  # gradient records a log keeps (the newest)


@dataclass(frozen=True)
class TrainJob:
    """One run: train ``model`` on ``dataset`` (or, with ``preview``, only show an augmented batch).

    ``split`` reuses a dataset loaded before (same name and model input); ``limit`` cuts it to the
    first ``(train, val)`` examples (quick runs, tests); ``probe`` is the image whose capture the
    docks show (``None``: the first validation image).
    """

    model: jobs.ModelResult
    dataset: str
    config: TrainConfig
    probe: jobs.ImageRequest | None = None
    split: DatasetSplit | None = None
    limit: tuple[int | None, int | None] | None = None
    preview: int = 0


@dataclass
class TrainingUpdate:
    """What happened since the dock last looked (see :meth:`TrainingMailbox.take`)."""

    records: list[Progress] = field(default_factory=list)
    probe: jobs.CaptureResult | None = None
    stage: tuple[str, int, int | None] | None = None
    split: DatasetSplit | None = None
    model: jobs.ModelResult | None = None
    preview: np.ndarray | None = None
    notes: list[str] = field(default_factory=list)
    error: str | None = None

    def empty(self) -> bool:
        return not (self.records or self.notes) and all(
            v is None for v in (self.probe, self.stage, self.split, self.model, self.preview, self.error))


class TrainingMailbox:
    """Latest-value slots (probe, loading stage) and lists (records, notes) behind one lock."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._update = TrainingUpdate()

    def put(self, **values) -> None:
        """Replace slots (``probe=``, ``stage=``, ``split=``, ``model=``, ``preview=``, ``error=``)."""
        with self._lock:
            for key, value in values.items():
                setattr(self._update, key, value)

    def record(self, record: Progress) -> None:
        with self._lock:
            self._update.records.append(record)

    def note(self, text: str) -> None:
        with self._lock:
            self._update.notes.append(text)

    def take(self) -> TrainingUpdate:
        """Everything since the last take (the slots emptied)."""
        with self._lock:
            update, self._update = self._update, TrainingUpdate()
        return update


class GradientLog:
    """The gradient-norm records of one model's latest training run, newest last; thread-safe.

    The training thread calls :meth:`begin`, :meth:`put` and :meth:`end`; readers call
    :meth:`since` with the count they have seen, so several views can follow one run.
    """

    def __init__(self, keep: int = GRADIENT_HISTORY) -> None:
        self._lock = threading.Lock()
        self._records: deque[GradientRecord] = deque(maxlen=keep)
        self.run = 0  # one more for every run begun
        self.count = 0  # records put in this run
        self.active = False

    def begin(self) -> None:
        """A new run starts: the old records are dropped."""
        with self._lock:
            self._records.clear()
            self.run, self.count, self.active = self.run + 1, 0, True

    def put(self, record: GradientRecord) -> None:
        with self._lock:
            self._records.append(record)
            self.count += 1

    def end(self) -> None:
        with self._lock:
            self.active = False

    def since(self, run: int, count: int) -> tuple[int, int, list[GradientRecord], bool]:
        """``(run, count, records, active)``: the records after ``count`` of ``run`` (all kept, for another
        run), the current run and count to ask with next time, and whether the run goes on."""
        with self._lock:
            if run != self.run:
                count = 0
            new = list(self._records)[max(0, len(self._records) - (self.count - count)):]
            return self.run, self.count, new, self.active


_LOGS: "weakref.WeakKeyDictionary[torch.nn.Module, GradientLog]" = weakref.WeakKeyDictionary()
_LOGS_LOCK = threading.Lock()


def gradient_log(module: torch.nn.Module) -> GradientLog:
    """The gradient log of ``module`` (made on first use; it lives as long as the module)."""
    with _LOGS_LOCK:
        log = _LOGS.get(module)
        if log is None:
            log = _LOGS[module] = GradientLog()
        return log


class TrainingWorker(WorkerThread):
    """Runs one :class:`TrainJob`; results go to ``box``. Start it with ``start()`` (which registers it)."""

    def __init__(self, job: TrainJob, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.job = job
        self.box = TrainingMailbox()
        self._pause = TrainControl()  # pause/resume, waited on outside the model's lock
        self._loop = TrainControl()  # only ever stopped: the loop never blocks holding the lock
        self._probe_lock = threading.Lock()
        self._next_probe: jobs.ImageRequest | None = None
        self._closing = False
        self._held = threading.Event()  # set while the loop is parked at a pause
        self.last_step = 0  # the step of the newest record put in the box

    # ------------------------------------------------------------------ control (any thread)

    def pause(self) -> None:
        self._pause.pause()

    def resume(self) -> None:
        self._pause.resume()

    @property
    def paused(self) -> bool:
        return self._pause.paused

    @property
    def held(self) -> bool:
        """Whether the loop is parked at a pause: no step runs until it is resumed or stopped."""
        return self._held.is_set()

    @property
    def stopping(self) -> bool:
        return self._loop.stopped

    def request_stop(self) -> None:
        """End before the next step; the docks get one last probe of the trained model."""
        self._loop.stop()
        self._pause.stop()

    def stop(self, timeout_ms: int = 30000) -> bool:
        """End for good (the app is closing): no last probe; wait for the thread. True once it ended."""
        self._closing = True
        self.request_stop()
        return self.wait(timeout_ms) if self.isRunning() else True

    def set_probe_image(self, request: jobs.ImageRequest) -> None:
        """Probe another image from the next probe on (decoded in the training thread)."""
        with self._probe_lock:
            self._next_probe = request

    # ------------------------------------------------------------------ the thread

    def run(self) -> None:
        torch.set_num_threads(worker_threads_count())
        try:
            self._run()
        except Exception as exc:  # noqa: BLE001 - reported to the dock as one line
            if not self.stopping:
                self.box.put(error=failure_message(exc))

    def _run(self) -> None:
        job = self.job
        split = job.split or self._load()
        self.box.put(split=split)
        if self.stopping:
            return
        if job.limit is not None:
            split = split.subset(*job.limit)
        for note in split.notes:
            self.box.note(f"{split.name}: {note}")
        if job.preview:
            self.box.put(preview=preview_grid(augmented_batch(split, job.config, job.preview), split))
            return
        model = self._fit(split)
        decoded = self._first_probe(split)
        self._train(model, split, decoded)

    def _load(self) -> DatasetSplit:
        job = self.job

        def progress(stage: str, done: int, total: int | None) -> None:
            self.box.put(stage=(stage, int(done), None if total is None else int(total)))

        return load_dataset(job.dataset, spec=job.model.loaded.info.input, split_seed=job.config.seed,
                            progress=progress, cancel=lambda: self.stopping)

    def _fit(self, split: DatasetSplit) -> jobs.ModelResult:
        """The model to train: the job's, or (new classes, new device) a ModelResult the app adopts."""
        model, names = self.job.model, tuple(split.class_names)
        loaded = model.loaded
        device = resolve_device(self.job.config.device)
        fitted = False
        if len(loaded.info.class_names) != len(names):
            with model.lock:
                try:
                    fitted = fit_classifier(loaded.module, len(names))
                except CnnvizError:
                    pass  # not a linear classifier: train() says whether its outputs fit
        if loaded.info.class_names == names and device == loaded.device and not fitted:
            return model
        new = LoadedModel(loaded.module, replace(loaded.info, class_names=names), loaded.name, loaded.weights, device)
        summary = model.summary
        if fitted:  # the layer list changed: summarise again
            spec = loaded.info.input
            with model.lock:
                try:
                    summary = summarize(loaded.module, (spec.channels, *spec.size), model_name=loaded.name)
                except CnnvizError:
                    summary = None
            self.box.note(tr("new classifier with {count} outputs for {dataset}'s classes").format(
                count=len(names), dataset=split.name))
        result = jobs.ModelResult(replace(model.request, device=str(device)), new, summary,
                                  tr("trained on {dataset}").format(dataset=split.name), model.lock)
        self.box.put(model=result)
        return result

    def _first_probe(self, split: DatasetSplit) -> jobs.DecodedImage:
        if self.job.probe is not None:
            try:
                return jobs.decode(self.job.probe)
            except CnnvizError as exc:
                self.box.note(tr("probe image: {why}; using a validation image").format(why=exc))
        return jobs.decode(validation_image(split))

    def _train(self, model: jobs.ModelResult, split: DatasetSplit, decoded: jobs.DecodedImage) -> None:
        module, config = model.loaded.module, self.job.config
        log = gradient_log(module)
        with model.lock:
            records = train(module, split, config, control=self._loop, gradients=log.put,
                            gradients_every=GRADIENTS_EVERY)
            backup = {k: v.detach().to("cpu", copy=True) for k, v in module.state_dict().items()}
        decoded = self._probe(model, decoded)
        gc.freeze()  # what exists now lives through the run: a full collection then skips it (~200 ms saved)
        log.begin()
        try:
            while True:
                self._hold_while_paused()
                with model.lock:
                    record = next(records, None)
                if record is None:
                    break
                if record.kind == "error":
                    with model.lock:
                        module.load_state_dict(backup)
                    record = replace(record, message=record.message + tr("; the weights were put back as they "
                                                                          "were before this run"))
                self.box.record(record)
                self.last_step = record.step
                if record.kind == "step" and record.step % config.probe_every == 0:
                    decoded = self._probe(model, decoded)
        finally:
            gc.unfreeze()
            with model.lock:
                records.close()
            log.end()
        if not self._closing:
            self._probe(model, decoded)

    def _hold_while_paused(self) -> None:
        """A pause holds the loop here, between steps and never inside the model's lock."""
        if self._pause.paused:
            self._held.set()
        self._pause.wait()
        self._held.clear()

    def _probe(self, model: jobs.ModelResult, decoded: jobs.DecodedImage) -> jobs.DecodedImage:
        """Capture the probe image (switching first to one the dock asked for); return the image used."""
        with self._probe_lock:
            request, self._next_probe = self._next_probe, None
        if request is not None:
            try:
                decoded = jobs.decode(request)
            except CnnvizError:
                pass  # the inference worker reports a bad image; keep probing the old one
        self.box.put(probe=jobs.run_capture(model, decoded))
        return decoded


@dataclass(frozen=True)
class SaveOutcome:
    """What saving a checkpoint gave: the file, or one line saying why not."""

    path: Path
    error: str = ""


def save_checkpoint_job(model: jobs.ModelResult, path: Path, config: TrainConfig, history: list[Progress],
                        dataset: str) -> SaveOutcome:
    """Write ``model`` with :func:`save_run` (atomic), holding its lock so no training step changes it meanwhile."""
    try:
        with model.lock:
            save_run(model.loaded, model.loaded.info.name, path, config, history, model.loaded.info.class_names,
                     dataset=dataset)
    except CnnvizError as exc:
        return SaveOutcome(path, str(exc))
    except OSError as exc:
        return SaveOutcome(path, tr("cannot write the checkpoint {file}: {why}").format(
            file=path, why=exc.strerror or exc))
    return SaveOutcome(path)


def validation_image(split: DatasetSplit) -> jobs.ImageRequest:
    """The first validation image as a PNG the app can open (as given: un-inverted for MNIST-style models)."""
    pixels = split.val.pixels(torch.tensor([0]))[0].numpy()
    if split.spec.invert:
        pixels = 255 - pixels
    array = pixels[0] if pixels.shape[0] == 1 else pixels.transpose(1, 2, 0)
    buffer = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(array)).save(buffer, format="PNG")
    label = split.class_names[int(split.val.targets[0])]
    return jobs.ImageRequest(tr("validation image ({label})").format(label=label), data=buffer.getvalue())


def preview_grid(batch: torch.Tensor, split: DatasetSplit, columns: int = PREVIEW_COLUMNS) -> np.ndarray:
    """Normalised images ``[N, C, H, W]`` shown as the network sees them: uint8 tiles in rows, 2 px apart."""
    channels = batch.shape[1]
    mean = torch.as_tensor(split.spec.mean, dtype=torch.float32).expand(channels).reshape(1, -1, 1, 1)
    std = torch.as_tensor(split.spec.std, dtype=torch.float32).expand(channels).reshape(1, -1, 1, 1)
    images = (batch * std + mean).clamp(0, 1).mul(255).round().to(torch.uint8).numpy()
    n, _, h, w = images.shape
    cols = min(columns, n)
    rows = -(-n // cols)
    pad = 2
    grid = np.full((channels, rows * (h + pad) - pad, cols * (w + pad) - pad), 128, dtype=np.uint8)
    for i, image in enumerate(images):
        r, c = divmod(i, cols)
        grid[:, r * (h + pad):r * (h + pad) + h, c * (w + pad):c * (w + pad) + w] = image
    return grid[0] if channels == 1 else np.ascontiguousarray(grid[:3].transpose(1, 2, 0))
