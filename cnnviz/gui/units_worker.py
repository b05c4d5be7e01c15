"""The Units dock's long jobs, each in its own thread: ranking a dataset's top images per channel, and
optimising an image that excites one channel.

A :class:`UnitsWorker` opens the dataset (:func:`cnnviz.core.inputs.units_data.open_units_dataset`) and runs
:func:`cnnviz.core.analysis.units.top_units` on the session's model, or takes the result from the disk cache
(:mod:`cnnviz.core.analysis.units_cache`) when the same weights, dataset, layer and top were ranked before.
A :class:`MaximiseWorker` runs :func:`cnnviz.core.analysis.maximise.maximise`. Both hold the model's lock while
they use it, emit plain values only (throttled progress, copies of the best so far, uint8 images, the final
result, or one line when they failed or were cancelled) and never touch widgets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import torch
from PySide6.QtCore import QObject, Signal

from ..core.errors import CnnvizError
from ..core.i18n import marker, translator
from . import jobs
from .workers import CancellableWorker, failure_message, worker_threads_count

tr = translator(__name__)
N_ = marker(__name__)

FIND_CANCELLED = N_("search for top images cancelled")  # emitted as tr(FIND_CANCELLED)
MAXIMISE_CANCELLED = N_("maximisation cancelled")


@dataclass(frozen=True)
class UnitsJob:
    """Rank ``source``'s images (``digits``, ``shapes`` or a folder; at most ``limit``) for every channel of
    ``layer`` of ``model``, keeping the ``top`` best of each."""

    model: jobs.ModelResult
    source: str
    layer: str
    top: int = 9
    limit: int | None = None
    batch_size: int = 64
    use_cache: bool = True


@dataclass(frozen=True)
class UnitsFound:
    """What a finished :class:`UnitsJob` gives the dock: the job, the opened dataset (to cut patches from),
    the ``UnitsResult``, and whether it came from the disk cache."""

    job: UnitsJob
    dataset: Any
    result: Any
    cached: bool


def _copy(top: Any) -> Any:
    """A copy of a ``TopUnits`` on the CPU that the worker will not change afterwards."""
    from ..core.analysis.units_topk import TopUnits

    return TopUnits(*(t.detach().to("cpu", copy=True) for t in (top.scores, top.index, top.y, top.x)),
                    int(top.images_seen))


class UnitsWorker(CancellableWorker):
    """Runs one :class:`UnitsJob`; ``progress(done, total)`` throttled, ``update`` with the best so far (a
    CPU copy, at most ~30 a second), then ``done`` (a :class:`UnitsFound`) or ``failed`` (one line)."""

    opened = Signal(object)  # (UnitsJob, UnitsDataset): the images being ranked (to cut patches from)
    update = Signal(object)  # (UnitsJob, TopUnits): the best so far
    done = Signal(object)  # UnitsFound
    failed = Signal(str)

    def __init__(self, job: UnitsJob, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.job = job
        self.updates_emitted = 0

    def run(self) -> None:
        torch.set_num_threads(worker_threads_count())
        try:
            found = self._find()
        except Exception as exc:  # noqa: BLE001 - one line for the dock
            self.failed.emit(tr(FIND_CANCELLED) if self.is_cancelled() else failure_message(exc))
            return
        if self.is_cancelled():
            self.failed.emit(tr(FIND_CANCELLED))
            return
        self.done.emit(found)

    def _find(self) -> UnitsFound:
        from ..core.analysis import units_cache
        from ..core.analysis.units import top_units
        from ..core.inputs.units_data import open_units_dataset

        job, loaded = self.job, self.job.model.loaded
        dataset = open_units_dataset(job.source, loaded.info.input, limit=job.limit)
        self.opened.emit((job, dataset))
        key = units_cache.cache_key(loaded, dataset, job.layer, job.top) if job.use_cache else None
        result = units_cache.load(key) if key is not None else None
        if result is not None:
            return UnitsFound(job, dataset, result, True)
        with job.model.lock:
            result = top_units(loaded, dataset, job.layer, top=job.top, batch_size=job.batch_size,
                               progress=self.report, cancel=self.is_cancelled, on_update=self._on_update)
        if key is not None and not self.is_cancelled():
            try:
                units_cache.save(key, result)
            except CnnvizError:  # an unwritable cache folder: the result is still shown
                pass
        return UnitsFound(job, dataset, result, False)

    def _on_update(self, top: Any) -> None:  # top_units calls it about twice a second
        self.updates_emitted += 1
        self.update.emit((self.job, _copy(top)))


def peak_score(loaded: Any, x: torch.Tensor, layer: str, channel: int) -> float:
    """The channel's spatial maximum on the input ``x`` ``[1, C, H, W]``: the score :func:`top_units` ranks
    dataset images by (maximise raises the channel's mean, a different number)."""
    from ..core.analysis.units import top_units
    from ..core.inputs.units_data import UnitsDataset

    images = UnitsDataset.from_tensor(x.detach().to("cpu"), loaded.info.input, source="maximised")
    return float(top_units(loaded, images, layer, top=1, batch_size=1).top.scores[channel, 0])


@dataclass(frozen=True)
class MaximiseJob:
    """Optimise an input that excites ``channel`` of ``layer`` of ``model`` for ``steps`` steps: its ``unit``
    ``(y, x)`` (one position, as a dataset image's peak is), or the channel's mean when ``unit`` is None."""

    model: jobs.ModelResult
    layer: str
    channel: int
    steps: int = 256
    unit: tuple[int, int] | None = None
    seed: int = 0


class MaximiseWorker(CancellableWorker):
    """Runs one :class:`MaximiseJob`: ``progress(step, steps)``, ``step`` with the image as it forms (a copy,
    at most ~30 a second), then ``done`` (the ``MaximiseResult``) or ``failed`` (one line)."""

    step = Signal(object)  # (MaximiseJob, step, uint8 image, activation)
    done = Signal(object)  # (MaximiseJob, MaximiseResult, score: the channel's maximum on the image)
    failed = Signal(str)

    def __init__(self, job: MaximiseJob, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.job = job
        self.steps_emitted = 0
        self._last_step = float("-inf")

    def run(self) -> None:
        from ..core.analysis.maximise import maximise

        torch.set_num_threads(worker_threads_count())
        job = self.job
        try:
            with job.model.lock:
                result = maximise(job.model.loaded, job.layer, job.channel, unit=job.unit, steps=job.steps, seed=job.seed,
                                  progress=self.report, cancel=self.is_cancelled, on_step=self._on_step)
                score = None if self.is_cancelled() else peak_score(job.model.loaded, result.input, job.layer,
                                                                    job.channel)
        except Exception as exc:  # noqa: BLE001 - one line for the dock
            self.failed.emit(tr(MAXIMISE_CANCELLED) if self.is_cancelled() else failure_message(exc))
            return
        if self.is_cancelled():
            self.failed.emit(tr(MAXIMISE_CANCELLED))
            return
        self.done.emit((job, result, score))

    def _on_step(self, step: int, image: Any, activation: float) -> None:
        now = self.clock()
        if now - self._last_step < self.PROGRESS_INTERVAL:
            return
        self._last_step = now
        self.steps_emitted += 1
        self.step.emit((self.job, int(step), image.copy(), float(activation)))
