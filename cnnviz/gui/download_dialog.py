"""A small non-modal dialog that shows a weights download and lets the user cancel it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..core.i18n import translator
from .session import Session
from .status import megabytes

tr = translator(__name__)


class DownloadDialog(QProgressDialog):
    """Shows the session's download progress; Cancel stops the download. Closes itself when done."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(tr("Downloading pretrained weights\u2026"), tr("Cancel"), 0, 0, parent)
        self.setWindowTitle(tr("Downloading weights"))
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumDuration(0)
        self.session = session
        self._finished = False
        self.canceled.connect(self._on_cancel)
        session.progress.connect(self._on_progress)
        session.download_active.connect(self._on_active)

    def _on_cancel(self) -> None:
        if not self._finished:
            self.session.cancel_download()

    def _on_progress(self, done: int, total: int, what: str) -> None:
        if total > 0:
            self.setMaximum(total)
            self.setValue(min(done, total))
        self.setLabelText(megabytes(what, done, total))

    def _on_active(self, active: bool) -> None:
        if not active:
            self._finished = True
            self.session.progress.disconnect(self._on_progress)
            self.session.download_active.disconnect(self._on_active)
            self.hide()
            self.deleteLater()
