"""Python's cyclic garbage collector, run only from the GUI thread's event loop.

Left to itself, the collector runs whenever enough objects were allocated: in a worker thread, or in the
GUI thread in the middle of a Qt call. If it then frees the last Python reference to a Qt object in a
reference cycle (pyqtgraph's view-box menus, a closed window's docks), that object is destroyed right
there. Inside ``QObject::disconnect``, which holds a signal mutex, destroying a ``QMenu`` locks the same
mutex: the GUI thread deadlocks (seen here in PySide6 6.11). :class:`GcGuard` turns automatic collection
off and collects from a timer instead, at the event loop's own pace, where no Qt call is in progress (the
recipe calibre and other Qt applications use).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

__all__ = ["GcGuard", "install_gc_guard"]

INTERVAL_MS = 500


class GcGuard(QObject):
    """While it exists, garbage is collected every ``INTERVAL_MS`` on the thread that owns it (the GUI
    thread), generation by generation as Python's own thresholds would; :meth:`release` hands collection
    back to Python."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        self._threshold = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect)
        self._timer.start()
        was_enabled = self._was_enabled
        self.destroyed.connect(lambda *_: gc.enable() if was_enabled else None)

    def collect(self) -> int:
        """Collect the generations whose counts passed Python's thresholds; the number of objects freed."""
        counts = gc.get_count()
        freed = 0
        for generation in range(3):
            if counts[generation] <= self._threshold[generation]:
                break
            freed = gc.collect(generation)
        return freed

    def release(self) -> None:
        """Stop collecting here and let Python collect by itself again (as before the guard)."""
        self._timer.stop()
        if self._was_enabled:
            gc.enable()


def install_gc_guard(app: QObject) -> GcGuard:
    """The application's guard (one per application; made on first use)."""
    guard = app.findChild(GcGuard)
    return guard if guard is not None else GcGuard(app)
