"""A lesson page that trains two runs side by side (the residual and AlexNet lessons): its training thread, the
timer that polls it, and Pause / Resume / Stop."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QTimer

from ..side_by_side_worker import SideBySideWorker, SideRun
from .page import LessonPage


class TrainingPage(LessonPage):
    """Subclasses make ``self.timer`` (a QTimer polling the worker's mailbox) and implement ``_failed(message)``
    and ``_show_state()``; they start a training with :meth:`run_side_by_side`."""

    timer: QTimer

    def __init__(self, window, parent=None) -> None:
        super().__init__(window, parent)
        self.worker: SideBySideWorker | None = None

    def run_side_by_side(self, runs: Sequence[SideRun], gradients_every: int, on_finished: Callable[[], None]) -> None:
        """Train ``runs`` in a new thread, polled by the page's timer."""
        self.error_label.hide()
        self.worker = SideBySideWorker(runs, gradients_every=gradients_every)
        self.worker.failed.connect(self._failed)
        self.worker.finished.connect(on_finished)
        self.worker.start()
        self.timer.start()

    def stop(self, timeout_ms: int = 30000) -> bool:
        self.timer.stop()
        ended = self.worker.stop(timeout_ms) if self.worker is not None else True
        self._show_state()
        return ended

    def running(self) -> bool:
        """Whether the training thread is alive."""
        return self.worker is not None and self.worker.isRunning()

    def pause(self) -> None:
        if self.running():
            self.worker.pause()
            self._show_state()

    def resume(self) -> None:
        if self.running():
            self.worker.resume()
            self._show_state()

    def request_stop(self) -> None:
        """End the training before its next step (the curves stay)."""
        if self.running():
            self.worker.request_stop()
            self._show_state()

    def _failed(self, message: str) -> None:  # pragma: no cover - each page says it its way
        raise NotImplementedError

    def _show_state(self) -> None:  # pragma: no cover
        raise NotImplementedError
