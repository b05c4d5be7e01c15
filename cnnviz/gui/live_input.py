"""Live input: a camera or a video file (Qt Multimedia) as the session's input stream.

A :class:`LiveInput` plays a source into a ``QVideoSink``. Every frame that arrives is counted, and the
newest one is kept (as the ``QVideoFrame``, not converted); it goes to the session as a numpy RGB frame
(:meth:`Session.open_frame`: no PNG encoding) only when the frame sent before it has been captured, so the
inference worker holds at most one frame and the docks always follow the newest: when the model is slower
than the source, frames are *dropped*, never queued (a newer request arriving while a capture runs would
also make the worker throw that capture away). :meth:`pause` freezes the frame shown (the docks keep
it), :meth:`resume` goes on. :class:`LiveStats` holds the rates shown: frames in per second from the
source, frames captured per second, frames dropped.

Qt Multimedia is imported when a source is opened, so the app runs where it cannot load (then opening a
video or a camera is one line that says why).
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QImage

from ..core.errors import CnnvizError
from ..core.i18n import translator
from ..core.paths import file_problem, is_absent, shown_path

tr = translator(__name__)

RATE_WINDOW_S = 2.0  # the rates are counted over the last two seconds
STATS_INTERVAL_MS = 500
MAX_FRAME_SIDE = 1024  # bigger frames are scaled down before they are sent (the model resizes anyway)


def multimedia() -> Any:
    """The ``PySide6.QtMultimedia`` module.

    Raises
    ------
    CnnvizError
        Qt Multimedia cannot be loaded here (a system library is missing, e.g. libpulse).
    """
    try:
        from PySide6 import QtMultimedia
    except ImportError as exc:
        raise CnnvizError(tr("video and camera input need Qt Multimedia, which cannot be loaded here ({reason})")
                          .format(reason=exc)) from None
    return QtMultimedia


def frame_to_rgb(frame: Any, max_side: int = MAX_FRAME_SIDE) -> np.ndarray | None:
    """A ``QVideoFrame`` as a C-contiguous uint8 H x W x 3 RGB array (None: an invalid or empty frame);
    frames wider or taller than ``max_side`` are scaled down first."""
    if frame is None or not frame.isValid():
        return None
    image = frame.toImage()
    if image.isNull():
        return None
    if max(image.width(), image.height()) > max_side:
        image = image.scaled(max_side, max_side, Qt.AspectRatioMode.KeepAspectRatio)
    return qimage_to_rgb(image)


def qimage_to_rgb(image: QImage) -> np.ndarray:
    """A ``QImage`` as a C-contiguous uint8 H x W x 3 RGB array (a copy)."""
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    h, w, stride = image.height(), image.width(), image.bytesPerLine()
    rows = np.frombuffer(image.constBits(), dtype=np.uint8, count=stride * h).reshape(h, stride)
    return np.ascontiguousarray(rows[:, :w * 3].reshape(h, w, 3))


@dataclass
class LiveStats:
    """What the live controls show: the source, its rates and the frames dropped."""

    source: str = ""
    frames_in: int = 0  # frames the source delivered
    sent: int = 0  # frames sent to the model
    captured: int = 0  # frames the model captured (and the docks show)
    in_rate: float = 0.0  # frames in per second
    captured_rate: float = 0.0  # frames captured per second
    paused: bool = False

    @property
    def dropped(self) -> int:
        """Frames never sent (a newer one came while the model was busy, or while paused)."""
        return max(0, self.frames_in - self.sent)

    def text(self) -> str:
        """One line: ``camera: 30.0 frames/s in, 4.8 captured/s, 120 dropped``."""
        source = tr("{source} (paused)").format(source=self.source) if self.paused else self.source
        return tr("{source}: {rate_in} frames/s in, {rate_captured} captured/s, {dropped} dropped").format(
            source=source, rate_in=f"{self.in_rate:.1f}", rate_captured=f"{self.captured_rate:.1f}",
            dropped=self.dropped)


def frame_label(source: str) -> str:
    """What a frame of ``source`` is called, before its number: ``camera X frame`` (``... frame 12``)."""
    return tr("{source} frame").format(source=source)


def _rate(stamps: deque, now: float, since: float) -> float:
    """Events per second over the last :data:`RATE_WINDOW_S` (or since ``since``, if later)."""
    while stamps and now - stamps[0] > RATE_WINDOW_S:
        stamps.popleft()
    return len(stamps) / max(min(RATE_WINDOW_S, now - since), 0.25)


class LiveInput(QObject):
    """Plays a camera or a video file into ``session``, newest frame only.

    Signals: ``stats_changed(LiveStats)`` twice a second while a source is open, ``state_changed(str)``
    (``"playing"``, ``"paused"``, ``"ended"``, ``"stopped"``), ``failed(str)`` (also said through the
    session's ``error``). ``clock`` is what the arrival times read; ``max_in_flight`` (tests) the most
    frames ever sent and not yet captured (1).
    """

    stats_changed = Signal(object)
    state_changed = Signal(str)
    failed = Signal(str)
    clock = staticmethod(time.monotonic)

    def __init__(self, session: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.stats = LiveStats()
        self.loop = False
        self.max_in_flight = 0
        self.last_arrival: float | None = None  # when the frame the docks show now arrived
        self.last_captured_gen = 0
        self._player = self._camera = self._capture = self._sink = None
        self._latest: tuple[Any, float, int] | None = None  # the newest frame not sent: it, when it came, its number
        self._flight: tuple[int, float, str] | None = None  # the frame sent: its generation, arrival, label
        self._in: deque = deque()
        self._sent_gens: deque = deque(maxlen=16)
        self._done: deque = deque()
        self._t0 = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(STATS_INTERVAL_MS)
        self._timer.timeout.connect(self._emit_stats)
        self._seen = session.workers.inference.box.latest  # the newest generation the worker has settled
        session.workers.inference.settled.connect(self._on_settled)
        session.image_changed.connect(self._on_image_changed)

    # ------------------------------------------------------------------ sources

    def is_open(self) -> bool:
        return self._player is not None or self._camera is not None

    @property
    def paused(self) -> bool:
        return self.stats.paused

    def open_video(self, path: str | Path, loop: bool = True) -> bool:
        """Play a video file (looped if ``loop``); False, with one line said, if it cannot be opened."""
        path = Path(path)
        problem = file_problem(path)
        if problem is not None:
            why = tr("no such file") if is_absent(problem) else problem[1]
            return self._fail(tr("{path}: {problem}").format(path=shown_path(path), problem=why))
        if path.stat().st_size == 0:
            return self._fail(tr("{path}: the video file is empty").format(path=shown_path(path)))
        try:
            qm = multimedia()
        except CnnvizError as exc:
            return self._fail(str(exc))
        self.stop()
        self.loop = loop
        self._sink = qm.QVideoSink(self)
        self._sink.videoFrameChanged.connect(self._on_frame)
        player = self._player = qm.QMediaPlayer(self)
        player.setVideoSink(self._sink)
        player.setLoops(qm.QMediaPlayer.Loops.Infinite if loop else 1)
        player.errorOccurred.connect(lambda _e, text: self._source_failed(
            tr("{name}: cannot play this video").format(name=path.name) + (f" ({text})" if text else "")))
        player.mediaStatusChanged.connect(self._on_media_status)
        self._start(path.name)
        player.setSource(QUrl.fromLocalFile(str(path.resolve())))
        player.play()
        return True

    def open_camera(self, name: str | None = None) -> bool:
        """Show a camera (the default one, or the first whose description contains ``name``); False, with
        one line said (``no camera found``), if there is none."""
        try:
            qm = multimedia()
        except CnnvizError as exc:
            return self._fail(str(exc))
        devices = list(qm.QMediaDevices.videoInputs())
        if not devices:
            return self._fail(tr("no camera found"))
        device = qm.QMediaDevices.defaultVideoInput() if name is None else None
        if name is not None:
            device = next((d for d in devices if name.lower() in d.description().lower()), None)
            if device is None:
                known = ", ".join(d.description() for d in devices)
                return self._fail(tr("no camera named '{name}'; the cameras are: {known}").format(name=name,
                                                                                                  known=known))
        if device is None or device.isNull():
            device = devices[0]
        self.stop()
        self._sink = qm.QVideoSink(self)
        self._sink.videoFrameChanged.connect(self._on_frame)
        self._camera = qm.QCamera(device, self)
        said = tr("camera {name}").format(name=device.description())
        self._camera.errorOccurred.connect(lambda _e, text: self._source_failed(f"{said}: {text}"))
        self._capture = qm.QMediaCaptureSession(self)
        self._capture.setCamera(self._camera)
        self._capture.setVideoSink(self._sink)
        self._start(said)
        self._camera.start()
        return True

    def _start(self, label: str) -> None:
        self.stats = LiveStats(source=label)
        self._t0 = self.clock()
        self._in.clear()
        self._done.clear()
        self._timer.start()
        self.state_changed.emit("playing")
        self._emit_stats()

    def stop(self) -> None:
        """Close the source (the docks keep the last frame shown)."""
        player, camera, self._player, self._camera = self._player, self._camera, None, None
        if player is not None:
            player.stop()
            player.setVideoSink(None)
            player.deleteLater()
        if camera is not None:
            camera.stop()
            camera.deleteLater()
        if self._capture is not None:
            self._capture.deleteLater()
        if self._sink is not None:
            self._sink.videoFrameChanged.disconnect(self._on_frame)
            self._sink.deleteLater()
        self._capture = self._sink = None
        self._latest = None
        was_open = self._timer.isActive()
        self._timer.stop()
        if was_open:
            self.stats.paused = False
            self._emit_stats()
            self.state_changed.emit("stopped")

    def pause(self) -> None:
        """Freeze the frame shown (the docks keep it; a video stops where it is)."""
        if not self.is_open() or self.stats.paused:
            return
        self.stats.paused = True
        self._latest = None
        if self._player is not None:
            self._player.pause()
        self.state_changed.emit("paused")
        self._emit_stats()

    def resume(self) -> None:
        """Go on from a pause."""
        if not self.is_open() or not self.stats.paused:
            return
        self.stats.paused = False
        if self._player is not None:
            self._player.play()
        self.state_changed.emit("playing")
        self._emit_stats()

    def toggle_pause(self) -> None:
        self.resume() if self.stats.paused else self.pause()

    # ------------------------------------------------------------------ frames

    def _on_frame(self, frame: Any) -> None:
        sender = self.sender()
        if frame is None or not frame.isValid() or not self.is_open() or sender not in (None, self._sink):
            return  # also a frame queued by a source that was stopped since
        now = self.clock()
        self.stats.frames_in += 1
        self._in.append(now)
        if self.stats.paused:
            return
        self._latest = (QVideoFrameCopy(frame), now, self.stats.frames_in)  # replaces (drops) one not sent yet
        if self._flight is None:
            self._send()

    def _send(self) -> None:
        if self._latest is None or self.session.workers.inference.box.latest > self._seen:
            return  # nothing new, or the worker still has a request of the user's (sent once it is settled)
        latest, self._latest = self._latest, None
        rgb = frame_to_rgb(latest[0].frame)
        if rgb is None:
            return
        self.stats.sent += 1
        label = f"{frame_label(self.stats.source)} {latest[2]}"  # the source's frame number (since opened)
        gen = self.session.open_frame(rgb, label)
        self._flight = (gen, latest[1], label)
        self._sent_gens.append(gen)  # in flight: sent, not settled yet (counted, not assumed)
        self.max_in_flight = max(self.max_in_flight, sum(g > self._seen for g in self._sent_gens))

    def _on_settled(self, gen: int) -> None:
        self._seen = max(self._seen, gen)
        if self._flight is None:
            if self._latest is not None and not self.stats.paused:
                self._send()
            return
        if gen < self._flight[0]:
            return
        sent_gen, arrival, label = self._flight
        self._flight = None
        result = self.session.result
        if result is not None and result.request.label == label:  # captured, not superseded
            self.stats.captured += 1
            self._done.append(self.clock())
            self.last_arrival, self.last_captured_gen = arrival, sent_gen
        if self.is_open() and not self.stats.paused:
            self._send()

    def _on_image_changed(self) -> None:
        """The user opened an image of their own: the live source stops (the docks show that image)."""
        if self.is_open() and not self.session.image_label.startswith(frame_label(self.stats.source) + " "):
            self.stop()
            self.session.status.emit(tr("live input stopped: an image was opened"))

    def _on_media_status(self, status: Any) -> None:
        qm = multimedia()
        if status == qm.QMediaPlayer.MediaStatus.InvalidMedia:
            self._source_failed(tr("{source}: not a video this player can read").format(source=self.stats.source))
        elif status == qm.QMediaPlayer.MediaStatus.EndOfMedia and not self.loop:
            self.state_changed.emit("ended")
            self._emit_stats()

    def _emit_stats(self) -> None:
        now = self.clock()
        self.stats.in_rate = _rate(self._in, now, self._t0)
        self.stats.captured_rate = _rate(self._done, now, self._t0)
        self.stats_changed.emit(self.stats)

    def _source_failed(self, message: str) -> None:
        """The open source failed (said once: a player may say it twice, or after it was closed)."""
        if self.is_open():
            self.stop()
            self._fail(message)

    def _fail(self, message: str) -> bool:
        self.failed.emit(message)
        self.session.report_error(message)
        return False


class QVideoFrameCopy:
    """Holds a ``QVideoFrame`` (a shared, reference-counted handle: no pixels are copied)."""

    __slots__ = ("frame",)

    def __init__(self, frame: Any) -> None:
        self.frame = type(frame)(frame)
