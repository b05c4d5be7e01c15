"""The Statistics dock's dataset pass: channel activity over digits, shapes or a folder, in its own thread.

A :class:`DatasetScanWorker` runs :func:`cnnviz.core.analysis.channel_activity.dataset_channel_activity` on
the session's model, holding the model's lock around each batch only (the app keeps capturing dropped
images between batches). It emits plain values: throttled progress (at most ~30 a second, the last one
always), the :class:`~cnnviz.core.analysis.channel_activity.ChannelActivity` when done, or one line when it
failed or was cancelled. It never touches widgets.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from PySide6.QtCore import QObject, Signal

from ..core.analysis.channel_activity import dataset_channel_activity
from ..core.i18n import marker, translator
from . import jobs
from .workers import CancellableWorker, failure_message, worker_threads_count

tr = translator(__name__)
N_ = marker(__name__)

CANCELLED = N_("scan cancelled")  # emitted as tr(CANCELLED)


@dataclass(frozen=True)
class ScanJob:
    """One scan: ``source`` (``digits``, ``shapes`` or a folder) through ``model``, at most ``limit`` images."""

    model: jobs.ModelResult
    source: str
    limit: int | None = None
    batch_size: int = 32


class DatasetScanWorker(CancellableWorker):
    """Runs one :class:`ScanJob` (progress: images done, total); cancel with :meth:`cancel` (checked before
    every batch)."""

    done = Signal(object)  # (ScanJob, ChannelActivity)
    failed = Signal(str)  # one line (CANCELLED when cancelled)

    def __init__(self, job: ScanJob, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.job = job

    def run(self) -> None:
        torch.set_num_threads(worker_threads_count())
        job = self.job
        try:
            activity = dataset_channel_activity(job.model.loaded, job.source, None, batch_size=job.batch_size,
                                                progress=self.report, cancel=self.is_cancelled, limit=job.limit,
                                                lock=job.model.lock)
        except Exception as exc:  # noqa: BLE001 - one line for the dock
            self.failed.emit(tr(CANCELLED) if self.is_cancelled() else failure_message(exc))
            return
        self.done.emit((job, activity))
