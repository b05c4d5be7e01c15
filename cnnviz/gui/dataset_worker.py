"""The Statistics dock's dataset pass: channel activity over digits, shapes or a folder, in its own thread.

A :class:`DatasetScanWorker` runs :func:`cnnviz.core.analysis.channel_activity.dataset_channel_activity` on
the session's model, holding the model's lock around each batch only (the app keeps capturing dropped
images between batches). It emits plain values: throttled progress (at most ~30 a second, the last one
always), the :class:`~cnnviz.core.analysis.channel_activity.ChannelActivity` when done, or one line when it
failed or was cancelled. It never touches widgets.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import torch
from PySide6.QtCore import QObject, Signal

from ..core.analysis.channel_activity import dataset_channel_activity
from . import jobs
from .workers import WorkerThread, failure_message, worker_threads_count

PROGRESS_INTERVAL_S = 1 / 30
CANCELLED = "scan cancelled"


@dataclass(frozen=True)
class ScanJob:
    """One scan: ``source`` (``digits``, ``shapes`` or a folder) through ``model``, at most ``limit`` images."""

    model: jobs.ModelResult
    source: str
    limit: int | None = None
    batch_size: int = 32


class DatasetScanWorker(WorkerThread):
    """Runs one :class:`ScanJob`; cancel with :meth:`cancel` (checked before every batch)."""

    progress = Signal(int, int)  # images done, total (-1: unknown)
    done = Signal(object)  # (ScanJob, ChannelActivity)
    failed = Signal(str)  # one line (CANCELLED when cancelled)

    def __init__(self, job: ScanJob, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.job = job
        self._cancel = threading.Event()
        self._last = 0.0
        self.progress_emitted = 0  # how many progress signals were sent (tests: throttled, never flooded)

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def stop(self, timeout_ms: int = 30000) -> bool:
        self.cancel()
        return self.wait(timeout_ms) if self.isRunning() else True

    def _report(self, done: int, total: int | None) -> None:
        now = time.monotonic()
        if now - self._last >= PROGRESS_INTERVAL_S or (total is not None and done >= total):
            self._last = now
            self.progress_emitted += 1
            self.progress.emit(int(done), -1 if total is None else int(total))

    def run(self) -> None:
        torch.set_num_threads(worker_threads_count())
        job = self.job
        try:
            activity = dataset_channel_activity(job.model.loaded, job.source, None, batch_size=job.batch_size,
                                                progress=self._report, cancel=self.cancelled, limit=job.limit,
                                                lock=job.model.lock)
        except Exception as exc:  # noqa: BLE001 - one line for the dock
            self.failed.emit(CANCELLED if self.cancelled() else failure_message(exc))
            return
        self.done.emit((job, activity))
