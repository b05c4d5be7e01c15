"""The thread that trains several models side by side while a lesson page watches them learn.

A :class:`SideBySideWorker` makes each run's dataset in its own thread, then steps every run in lockstep
with :func:`cnnviz.core.training.side_by_side.side_by_side`. What the runs report goes into a latest-value
mailbox (records since the last look, the newest gradient-norm record of each run) that the page's timer
polls with :meth:`SideBySideWorker.take` and :meth:`SideBySideWorker.gradients`: a fast producer never
floods the GUI's event queue. The worker owns its models (the page builds them); it never touches widgets.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import torch
from PySide6.QtCore import QObject, Signal
from torch import nn

from ..core.analysis.gradient_stats import GradientRecord
from ..core.errors import CnnvizError
from ..core.i18n import translator
from ..core.inputs.datasets import DatasetSplit
from ..core.training.loop import Progress, TrainControl
from ..core.training.optimizers import TrainConfig
from ..core.training.side_by_side import side_by_side
from .workers import WorkerThread, failure_message, worker_threads_count


tr = translator(__name__)

class _Control(TrainControl):
    """The runs' shared flags, saying whether the loop is parked at a pause right now."""

    def __init__(self) -> None:
        super().__init__()
        self.held = threading.Event()

    def wait(self) -> bool:
        if self.paused:
            self.held.set()
        try:
            return super().wait()
        finally:
            self.held.clear()


@dataclass(frozen=True)
class SideRun:
    """One run to train side by side.

    Attributes
    ----------
    label
        What the page calls the run ("plain", "residual").
    module
        The model, trained in place (the worker's own: nothing else may use it while it trains).
    split_factory
        Makes the data, in the worker thread (runs given the same factory share one split).
    config
        How to train it.
    """

    label: str
    module: nn.Module
    split_factory: Callable[[], DatasetSplit]
    config: TrainConfig


class SideBySideWorker(WorkerThread):
    """Trains ``runs`` in lockstep in one thread; the GUI polls what they report.

    Parameters
    ----------
    runs
        The runs, in the order :meth:`take` and :meth:`gradients` report them.
    gradients_every
        Steps between two gradient-norm records of a run.
    parent
        The Qt parent.
    """

    failed = Signal(str)  # one line: the data could not be made, a setting was refused, or a bug

    def __init__(self, runs: Sequence[SideRun], gradients_every: int = 10, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if not runs:
            raise CnnvizError(tr("side-by-side training needs at least one run"))
        self.runs = tuple(runs)
        self.gradients_every = gradients_every
        self.control = _Control()
        self._lock = threading.Lock()
        self._records: list[list[Progress]] = [[] for _ in self.runs]
        self._gradients: list[GradientRecord | None] = [None] * len(self.runs)
        self.steps = [0] * len(self.runs)  # the step of each run's newest record (read by the page)

    # ------------------------------------------------------------------ the mailbox (any thread)

    def take(self) -> list[list[Progress]]:
        """Per run, the records since the last take (oldest first)."""
        with self._lock:
            records, self._records = self._records, [[] for _ in self.runs]
        return records

    def gradients(self) -> list[GradientRecord | None]:
        """Per run, the newest gradient-norm record (``None`` before the first)."""
        with self._lock:
            return list(self._gradients)

    def _put_record(self, index: int, record: Progress) -> None:
        with self._lock:
            self._records[index].append(record)
            self.steps[index] = record.step

    def _put_gradients(self, index: int, record: GradientRecord) -> None:
        with self._lock:
            self._gradients[index] = record

    # ------------------------------------------------------------------ control (any thread)

    def pause(self) -> None:
        """Hold every run before its next step."""
        self.control.pause()

    def resume(self) -> None:
        """Let the runs go on."""
        self.control.resume()

    @property
    def paused(self) -> bool:
        """Whether a pause is in effect."""
        return self.control.paused

    @property
    def held(self) -> bool:
        """Whether the runs are parked at a pause: no step runs until resumed or stopped."""
        return self.control.held.is_set()

    @property
    def stopping(self) -> bool:
        """Whether a stop was asked for."""
        return self.control.stopped

    def request_stop(self) -> None:
        """End every run before its next step (each reports ``done`` with ``stopped``); does not wait."""
        self.control.stop()

    def stop(self, timeout_ms: int = 30000) -> bool:
        """End for good and wait at most ``timeout_ms``; True once the thread has ended."""
        self.request_stop()
        return self.wait(timeout_ms) if self.isRunning() else True

    # ------------------------------------------------------------------ the thread

    def run(self) -> None:
        torch.set_num_threads(worker_threads_count())
        try:
            self._run()
        except Exception as exc:  # noqa: BLE001 - reported to the page as one line
            self.failed.emit(failure_message(exc))

    def _run(self) -> None:
        splits: dict[int, DatasetSplit] = {}
        for run in self.runs:
            if self.stopping:
                return
            key = id(run.split_factory)
            if key not in splits:
                splits[key] = run.split_factory()
        triples = [(run.module, splits[id(run.split_factory)], run.config) for run in self.runs]
        records = side_by_side(triples, control=self.control, gradients=self._put_gradients,
                               gradients_every=self.gradients_every)
        gc.freeze()  # what exists now lives through the run: full collections skip it (as the training worker does)
        try:
            for index, record in records:
                self._put_record(index, record)
        finally:
            gc.unfreeze()
            records.close()
