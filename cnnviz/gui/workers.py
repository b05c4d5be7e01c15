"""Where the app starts threads: inference, rendering and downloads here; the training thread in
:mod:`cnnviz.gui.training_worker`. Every one of them is a :class:`WorkerThread`, whose ``start``
registers it, so ``running_threads()`` (and the tests' check for threads left running) sees them all.

Each worker is a :class:`QThread` that takes requests from a *mailbox* holding only the newest
request of each kind, so a burst of requests (a user scrolling through images) runs once for the
last one. Every request carries a generation number; a result is emitted only if no newer request
arrived while it was computed (stale results are dropped here, and the session checks again).
Workers emit plain values (:mod:`cnnviz.gui.jobs`) and never touch widgets.
"""

from __future__ import annotations

import os
import threading
import time
import traceback
import weakref
from collections import Counter
from typing import Any, Callable

import shiboken6
import torch
from PySide6.QtCore import QObject, QThread, Signal

from ..core.errors import CnnvizError, internal_message, user_message
from ..core.i18n import translator
from . import jobs

tr = translator(__name__)

_THREADS: "weakref.WeakSet[QThread]" = weakref.WeakSet()


def running_threads() -> list[QThread]:
    """Worker threads (:class:`WorkerThread`) that are still running (tests fail if any outlive a test)."""
    return [t for t in list(_THREADS) if shiboken6.isValid(t) and t.isRunning()]


class WorkerThread(QThread):
    """A thread of the app: starting it registers it (like superqt's ``WorkerBase.start``).

    Subclasses implement ``run`` and :meth:`stop` (end for good, waiting at most ``timeout_ms``).
    """

    def start(self, *args: Any) -> None:
        _THREADS.add(self)
        super().start(*args)

    def stop(self, timeout_ms: int = 30000) -> bool:  # pragma: no cover - abstract
        raise NotImplementedError


def worker_threads_count() -> int:
    """Intra-op threads torch may use inside a worker: all cores but one (left to the GUI)."""
    return max(1, (os.cpu_count() or 2) - 1)


def failure_message(exc: BaseException) -> str:
    """The one line a worker reports for ``exc`` (:func:`cnnviz.core.errors.user_message`); for a bug,
    ``internal error: ...``, with the full traceback printed to stderr so that it is never lost."""
    message = user_message(exc)
    if message is None:
        traceback.print_exception(exc)
        message = internal_message(exc)
    return message


class Mailbox:
    """Newest request per kind, with the generation it was sent at; thread-safe."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._slots: dict[str, tuple[int, Any]] = {}
        self._closed = False
        self.latest = 0  # newest generation ever put

    def put(self, kind: str, gen: int, value: Any) -> None:
        with self._cond:
            self._slots[kind] = (gen, value)
            self.latest = max(self.latest, gen)
            self._cond.notify_all()

    def take(self) -> dict[str, tuple[int, Any]] | None:
        """Wait for requests and take them all; None once closed."""
        with self._cond:
            while not self._slots and not self._closed:
                self._cond.wait()
            if self._closed:
                return None
            slots, self._slots = self._slots, {}
            return slots

    def pending(self, kind: str | None = None) -> bool:
        with self._cond:
            return bool(self._slots) if kind is None else kind in self._slots

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._slots.clear()
            self._cond.notify_all()


class _MailboxThread(WorkerThread):
    """A thread that serves a mailbox until stopped; subclasses implement :meth:`handle`."""

    failed = Signal(int, str, str)  # generation, kind, message
    settled = Signal(int)  # every request up to this generation is done

    def __init__(self, threads: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.box = Mailbox()
        self._threads = threads
        self._stopped = False

    def submit(self, kind: str, gen: int, value: Any) -> None:
        """Queue a request (replacing an older one of its kind); ignored once the worker was stopped."""
        if self._stopped:
            return
        self.box.put(kind, gen, value)
        if not self.isRunning():
            self.start()

    def stop(self, timeout_ms: int = 30000) -> bool:
        """Drop pending requests, let the current one finish, and end the thread for good."""
        self._stopped = True
        self.box.close()
        return self.wait(timeout_ms) if self.isRunning() else True

    def run(self) -> None:
        torch.set_num_threads(self._threads)
        while (slots := self.box.take()) is not None:
            for kind, (gen, value) in sorted(slots.items(), key=lambda item: item[1][0]):
                try:
                    self.handle(kind, gen, value)
                except Exception as exc:  # noqa: BLE001 - reported to the session, thread keeps serving
                    self.failed.emit(gen, kind, failure_message(exc))
            self.after_batch()
            if not self.box.pending():
                self.settled.emit(max(gen for gen, _ in slots.values()))

    def handle(self, kind: str, gen: int, value: Any) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def after_batch(self) -> None:
        """Called after each batch of requests (in the worker thread)."""

    def superseded(self, gen: int) -> bool:
        """Whether a request newer than ``gen`` has arrived."""
        return self.box.latest > gen


class InferenceWorker(_MailboxThread):
    """Loads models and runs captures; holds the current model and decoded image.

    Kinds: ``"model"`` (:class:`jobs.ModelRequest`), ``"adopt"`` (a :class:`jobs.ModelResult` made
    elsewhere, e.g. the model being trained) and ``"image"`` (:class:`jobs.ImageRequest`).
    After any change it captures the current image with the current model, unless a newer request
    is already waiting.
    """

    model_ready = Signal(int, object)  # gen, jobs.ModelResult
    image_ready = Signal(int, object)  # gen, jobs.ImageRequest (decoded fine)
    captured = Signal(int, object)  # gen, jobs.CaptureResult

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(worker_threads_count(), parent)
        self._model: jobs.ModelResult | None = None
        self._image: jobs.DecodedImage | None = None
        self._dirty = False
        self._gen = 0
        #: what the Attribution dock in front will ask for (set from the GUI thread; read at each capture)
        self.explain: jobs.ExplainWish | None = None
        self.forward_runs = 0
        self.load_runs = 0

    def handle(self, kind: str, gen: int, value: Any) -> None:
        self._gen = max(self._gen, gen)
        if kind == "model":
            self.load_runs += 1
            self._model = jobs.load(value)
            self.model_ready.emit(gen, self._model)
        elif kind == "adopt":
            self._model = value
            self.model_ready.emit(gen, self._model)
        else:
            self._image = jobs.decode(value)
            self.image_ready.emit(gen, value)
        self._dirty = True

    def after_batch(self) -> None:
        if not (self._dirty and self._model and self._image) or self.box.pending() or self.box.closed:
            return
        gen = self._gen
        try:
            self.forward_runs += 1
            result = jobs.run_capture(self._model, self._image, explain=self.explain)
        except Exception as exc:  # noqa: BLE001
            self._dirty = False
            self.failed.emit(gen, "capture", failure_message(exc))
            return
        if self.superseded(gen):  # stale: the next batch captures again
            return
        self._dirty = False
        self.captured.emit(gen, result)


class RenderWorker(_MailboxThread):
    """Turns activations into uint8 images on their device.

    Kinds: ``"view:<name>"``, a dock's :class:`jobs.ViewJob` (the feature maps' ``mosaic`` and
    ``channel``, ``filters``, ``inception`` ...); each name has its own mailbox slot, so one dock's
    burst of requests never delays another's. ``runs`` counts the jobs run per name.
    """

    view_ready = Signal(int, str, object)  # gen, view name, whatever the job returned

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(1, parent)
        self.runs: Counter[str] = Counter()

    def handle(self, kind: str, gen: int, value: Any) -> None:
        self.runs[value.kind] += 1
        result = value.run()
        if not self.box.pending(kind):
            self.view_ready.emit(gen, value.kind, result)


class CancellableWorker(WorkerThread):
    """A thread that runs one long job (a download, a dataset scan, a sanity check) and can be cancelled.

    The job checks :meth:`is_cancelled` between its steps and reports through :meth:`report`, which emits
    ``progress(done, total)`` at most ~30 times a second (the last step always); ``progress_emitted``
    counts them (tests: throttled, never flooded), ``clock`` is what the throttle reads.
    """

    progress = Signal(int, int)  # done, total (-1: unknown)
    clock = staticmethod(time.monotonic)
    PROGRESS_INTERVAL = 1 / 30

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._last = 0.0
        self.progress_emitted = 0

    def cancel(self) -> None:
        """Ask the job to stop after its current step (any thread)."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def stop(self, timeout_ms: int = 30000) -> bool:
        """Cancel and wait for the thread (at most ``timeout_ms``); True once it has ended."""
        self.cancel()
        return self.wait(timeout_ms) if self.isRunning() else True

    def report(self, done: int, total: int | None) -> None:
        now = self.clock()
        if now - self._last >= self.PROGRESS_INTERVAL or (total is not None and done >= total):
            self._last = now
            self.progress_emitted += 1
            self.progress.emit(int(done), -1 if total is None else int(total))


class DownloadWorker(CancellableWorker):
    """Downloads torchvision's pretrained weights for one model; cancellable, with throttled progress
    (bytes done, total)."""

    done = Signal(str)  # the cached file
    failed = Signal(str)

    def __init__(self, name: str, url: str | None = None, parent: QObject | None = None,
                 fetch: Callable[..., Any] | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.url = url
        self._fetch = fetch

    def run(self) -> None:
        fetch = self._fetch or jobs.weights_fetcher(self.name)  # torchvision's or timm's
        try:
            path = fetch(self.name, progress=self.report, cancel=self.is_cancelled, url=self.url)
        except Exception as exc:  # noqa: BLE001
            self.failed.emit(tr("download cancelled") if self.is_cancelled() else failure_message(exc))
            return
        self.done.emit(str(path))


class Workers(QObject):
    """The app's workers, started on first use and stopped together."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.inference = InferenceWorker(self)
        self.render = RenderWorker(self)
        self.download: DownloadWorker | None = None
        self._stopped = False

    def start_download(self, name: str, url: str | None = None) -> DownloadWorker:
        """Start downloading ``name``'s pretrained weights (one download at a time)."""
        if self._stopped:
            raise CnnvizError(tr("the app is closing; no new downloads"))
        if self.download is not None and self.download.isRunning():
            raise CnnvizError(tr("already downloading weights for {model}").format(model=self.download.name))
        self.download = DownloadWorker(name, url, self)
        self.download.start()
        return self.download

    def stop_all(self, timeout_ms: int = 30000) -> bool:
        """Stop every worker for good; True when all have ended."""
        self._stopped = True
        ok = True
        for worker in (self.download, self.inference, self.render):
            if worker is not None:
                ok = worker.stop(timeout_ms) and ok
        return ok
