"""The Attribution dock's progress bar and Cancel button for the pixel methods that run the model many times
(integrated gradients, SmoothGrad, occlusion: seconds on a CPU, and they hold the render worker meanwhile).

:meth:`SlowJobs.start` gives a job the two callables it passes to
:func:`~cnnviz.core.analysis.attribution.attribute` (``progress`` and ``cancel``); the job runs in the render
worker and reports through a queued signal, so no widget is touched there. Cancel (or a newer request of the
same kind) stops the job between two of the model's calls.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

from ...core.i18n import translator
from ..widgets import plain_label

tr = translator(__name__)

SLOW_METHODS = ("integrated-gradients", "smoothgrad", "occlusion")
BATCH = 5  # inputs per model call for integrated gradients and SmoothGrad: a progress step, a chance to cancel


class SlowJobs(QWidget):
    """Progress and Cancel for the slow maps in flight, one per job kind (the first class's, the second's)."""

    _reported = Signal(str, int, int)  # kind, done, total: emitted in the render worker, received here

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._events: dict[str, threading.Event] = {}
        self._done: dict[str, tuple[int, int]] = {}
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(220)
        self.what = plain_label()
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel_all)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.what)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel_button)
        layout.addStretch(1)
        self._reported.connect(self._on_reported)
        self.hide()

    def start(self, kind: str, what: str) -> tuple[Callable[[int, int], None], Callable[[], bool]]:
        """A new job of ``kind`` (an older one of that kind is cancelled): its ``progress`` and ``cancel``."""
        old = self._events.get(kind)
        if old is not None:
            old.set()
        event = self._events[kind] = threading.Event()
        self._done[kind] = (0, 1)
        self.what.setText(tr("computing {what}\u2026").format(what=what))
        self._update()
        reported = self._reported

        def progress(done: int, total: int) -> None:
            if not event.is_set():
                reported.emit(kind, int(done), int(total))

        return progress, event.is_set

    def drop(self) -> None:
        """The slow maps in flight are not wanted any more (another method, image or model): cancel them and
        hide the bar."""
        for event in self._events.values():
            event.set()
        self._events.clear()
        self._done.clear()
        self._update()

    def finish(self, kind: str) -> None:
        """The job of ``kind`` came back (a map, a failure or its cancellation)."""
        self._events.pop(kind, None)
        self._done.pop(kind, None)
        self._update()

    def cancel_all(self) -> None:
        """Cancel every slow job in flight (they end between two of the model's calls)."""
        for event in self._events.values():
            event.set()
        self.what.setText(tr("cancelling\u2026"))
        self.cancel_button.setEnabled(False)

    def running(self) -> bool:
        return bool(self._events)

    def _on_reported(self, kind: str, done: int, total: int) -> None:
        if kind in self._events and not self._events[kind].is_set():
            self._done[kind] = (done, total)
            self._update()

    def _update(self) -> None:
        if not self._events:
            self.hide()
            return
        done = sum(d for d, _ in self._done.values())
        total = sum(t for _, t in self._done.values())
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(done)
        self.cancel_button.setEnabled(not all(e.is_set() for e in self._events.values()))
        self.show()
