"""Pretrained-weights downloads for the session: one at a time, and a newer one replaces an older one.

Picking a second torchvision model while the first one's weights download cancels the first
download; the second starts as soon as the first has ended (its thread noticed the cancel), so
there is never more than one download thread and never an "already downloading" error.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from ..core.i18n import translator
from . import jobs
from .workers import DownloadWorker, Workers

tr = translator(__name__)


@dataclass(frozen=True)
class Download:
    """What to download (``name``'s weights, from ``url`` or torchvision's address) and what to load after."""

    name: str
    url: str | None = None
    then: jobs.ModelRequest | None = None


class Downloads(QObject):
    """Runs :class:`Download` s one at a time through :meth:`Workers.start_download`.

    Signals: ``active(bool)`` when downloading starts / ends (it stays on while a replaced download
    hands over to its successor); ``progress(done, total, what)``; ``done(path, download)``;
    ``failed(message, download, cancelled)`` (``cancelled``: the user stopped it).
    """

    active = Signal(bool)
    progress = Signal(int, int, str)
    done = Signal(str, object)
    failed = Signal(str, object, bool)

    def __init__(self, workers: Workers, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workers = workers
        self.current: Download | None = None  # the one running
        self.pending: Download | None = None  # the one that starts when the running one has ended
        self._worker: DownloadWorker | None = None
        self._dropped = False  # the running download's result is wanted by no one: end it quietly

    def busy(self) -> bool:
        return self.current is not None or self.pending is not None

    def wanted(self) -> Download | None:
        """The download whose result is still wanted (the pending one replaces the running one)."""
        return self.pending or self.current

    def start(self, download: Download) -> None:
        """Download now, or once the running download (cancelled here) has ended."""
        same = self.current is not None and self.current.name == download.name and self.pending is None
        if same and not self._worker.is_cancelled():
            self.current = download  # the same file: keep downloading it, load what was asked last
            return
        if self.current is not None:
            self.pending = download
            self._worker.cancel()
            return
        self._begin(download)

    def cancel(self) -> None:
        """Stop the running download (the user's Cancel) and drop any that waits."""
        self.pending = None
        if self._worker is not None:
            self._worker.cancel()

    def drop(self) -> None:
        """Another model was asked for: nothing downloading is wanted any more (ends without a word)."""
        if self.busy():
            self._dropped = True
            self.cancel()

    def _begin(self, download: Download) -> None:
        worker = self.workers.start_download(download.name, download.url)
        self.current, self._worker = download, worker
        worker.progress.connect(self._on_progress)
        worker.done.connect(self._on_done)
        worker.failed.connect(self._on_failed)
        self.active.emit(True)

    def _on_progress(self, done: int, total: int) -> None:
        if self.sender() is self._worker and self.pending is None and self.current is not None:
            self.progress.emit(done, total, tr("downloading {model} weights").format(model=self.current.name))

    def _finish(self) -> Download | None:
        """The running worker has ended: start the pending download, or say that downloading stopped."""
        ended, worker, self.current, self._worker = self.current, self._worker, None, None
        ended, self._dropped = (None if self._dropped else ended), False
        if worker is not None:
            worker.wait()  # it has emitted its last signal: this returns at once
        if self.pending is not None:
            pending, self.pending = self.pending, None
            self._begin(pending)
            return None  # replaced: its result is not wanted
        self.active.emit(False)
        return ended  # None when it was dropped

    def _on_done(self, path: str) -> None:
        if self.sender() is not self._worker:
            return
        ended = self._finish()
        if ended is not None:
            self.done.emit(path, ended)

    def _on_failed(self, message: str) -> None:
        if self.sender() is not self._worker:
            return
        user_cancelled = self._worker.is_cancelled()
        ended = self._finish()
        if ended is not None:
            self.failed.emit(message, ended, user_cancelled)
