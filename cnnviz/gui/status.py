"""The status bar: messages and errors, the device, the last forward time, progress of long jobs."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from ..core.i18n import translator
from .session import Session

tr = translator(__name__)

BUSY_DELAY_MS = 300  # short jobs (a layer switch) never flash a busy bar


class StatusBar(QStatusBar):
    """Observes the session; the only widget that shows errors without a dialog."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.device = QLabel()
        self.forward = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(180)
        self.bar.setTextVisible(False)
        self.bar.hide()
        self.cancel = QPushButton(tr("Cancel"))
        self.cancel.hide()
        self.cancel.clicked.connect(session.cancel_download)
        for widget in (self.bar, self.cancel, self.forward, self.device):
            self.addPermanentWidget(widget)
        self._busy_timer = QTimer(self, singleShot=True, interval=BUSY_DELAY_MS)
        self._busy_timer.timeout.connect(self._show_busy)
        self._downloading = False
        session.status.connect(lambda text: self.showMessage(text, 10000))
        session.error.connect(self._on_error)
        session.busy_changed.connect(self._on_busy)
        session.progress.connect(self._on_progress)
        session.download_active.connect(self._on_download)
        session.model_changed.connect(self._on_model)
        session.capture_changed.connect(self._on_capture)

    def _on_error(self, message: str) -> None:
        self.setStyleSheet("QStatusBar { color: #c0392b; }")
        self.showMessage(tr("Error: {message}").format(message=message), 20000)
        QTimer.singleShot(20000, self, lambda: self.setStyleSheet(""))  # dropped if the bar is gone by then

    def _on_busy(self, busy: bool) -> None:
        if busy:
            self._busy_timer.start()
        else:
            self._busy_timer.stop()
            if not self._downloading:
                self.bar.hide()

    def _show_busy(self) -> None:
        if not self._downloading:
            self.bar.setRange(0, 0)
            self.bar.show()

    def _on_progress(self, done: int, total: int, what: str) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)
        self.bar.show()
        self.showMessage(megabytes(what, done, total))

    def _on_download(self, active: bool) -> None:
        self._downloading = active
        self.cancel.setVisible(active)
        if not active:
            self.bar.hide()

    def _on_model(self) -> None:
        model = self.session.model
        self.device.setText(tr("device: {device}").format(device=model.loaded.device) if model else "")

    def _on_capture(self) -> None:
        result = self.session.result
        if result is not None:
            self.forward.setText(tr("forward {ms} ms").format(ms=f"{result.forward_ms:.1f}"))


def megabytes(what: str, done: int, total: int) -> str:
    """``what: 1.2 MB of 46.8 MB`` (``of ...`` when the total is known), in the user's language."""
    if total > 0:
        return tr("{what}: {done} MB of {total} MB").format(what=what, done=f"{done / 1e6:.1f}",
                                                           total=f"{total / 1e6:.1f}")
    return tr("{what}: {done} MB").format(what=what, done=f"{done / 1e6:.1f}")
