"""The live input's controls in the status bar: the source and its rates, Pause / Resume, Stop.

:func:`live_for` gives a window its :class:`~cnnviz.gui.live_input.LiveInput` (made once, with these
controls, stopped when the window closes); the File menu's *Open video...* and *Camera* call
:func:`open_video_dialog` and :func:`open_camera`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from ...core.i18n import marker, translator
from ..live_input import LiveInput, LiveStats

tr = translator(__name__)
N_ = marker(__name__)

VIDEO_FILTER = N_("Videos (*.mp4 *.avi *.mkv *.mov *.webm *.m4v *.mpg *.mpeg *.ogv *.gif);;All files (*)")


class LiveControls(QWidget):
    """What the live input is doing (``camera: 30.0 frames/s in, 4.8 captured/s, 120 dropped``), with
    Pause / Resume and Stop; hidden while no source is open."""

    def __init__(self, live: LiveInput, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.live = live
        self.label = QLabel(self)
        self.pause_button = QPushButton(tr("Pause"), self)
        self.pause_button.setToolTip(tr("freeze the frame shown to look at it; Resume goes on with the newest"))
        self.stop_button = QPushButton(tr("Stop"), self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.label, self.pause_button, self.stop_button):
            layout.addWidget(widget)
        self.pause_button.clicked.connect(live.toggle_pause)
        self.stop_button.clicked.connect(live.stop)
        live.stats_changed.connect(self._on_stats)
        live.state_changed.connect(self._on_state)
        self.hide()

    def _on_stats(self, stats: LiveStats) -> None:
        self.label.setText(stats.text())

    def _on_state(self, state: str) -> None:
        self.setVisible(state != "stopped")
        self.pause_button.setText(tr("Resume") if state == "paused" else tr("Pause"))
        self.pause_button.setEnabled(state in ("playing", "paused"))


class _StopOnClose(QObject):
    def __init__(self, live: LiveInput, parent: QObject) -> None:
        super().__init__(parent)
        self.live = live

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Close:
            self.live.stop()
        return False


def live_for(window: Any) -> LiveInput:
    """The window's live input (made on first use, its controls added to the status bar)."""
    live = getattr(window, "live_input", None)
    if live is None:
        live = LiveInput(window.session, window)
        window.live_input = live
        window.live_controls = LiveControls(live, window)
        window.statusBar().addPermanentWidget(window.live_controls)
        window.installEventFilter(_StopOnClose(live, window))
    return live


def open_video(window: Any, path: str | Path, loop: bool = True) -> bool:
    """Play ``path`` as the window's input (False: one line said why not)."""
    return live_for(window).open_video(path, loop=loop)


def open_video_dialog(window: Any) -> None:
    path, _ = QFileDialog.getOpenFileName(window, tr("Open video"), "", tr(VIDEO_FILTER))
    if path:
        open_video(window, path)


def open_camera(window: Any, name: str | None = None) -> bool:
    """Show a camera as the window's input (False: ``no camera found`` or why not, said in one line)."""
    return live_for(window).open_camera(name)
