"""The bar the model dock shows when a model's pretrained weights could not be downloaded: the ways on.

Offline or behind a proxy, torchvision's weights cannot be fetched. The bar says why, and offers
random weights, a weights file from disk, or another try; the model shown until then stays.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ...core.i18n import translator
from ..widgets import plain_label

tr = translator(__name__)

RANDOM, FILE, RETRY = "none", "file", "default"


class WeightsOffer(QFrame):
    """"<model>: pretrained weights could not be downloaded (<why>)" with three buttons.

    ``chosen(model, choice)`` says which: ``"none"`` (random weights), ``"file"`` or ``"default"`` (retry).
    """

    chosen = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("WeightsOffer { background: palette(alternate-base); border: 1px solid #c0392b; }")
        self.model = ""
        self.text = plain_label(wrap=True)
        self.random_button = QPushButton(tr("Use random weights"))
        self.file_button = QPushButton(tr("Open a weights file…"))
        self.retry_button = QPushButton(tr("Retry"))
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button, choice in ((self.random_button, RANDOM), (self.file_button, FILE), (self.retry_button, RETRY)):
            button.clicked.connect(lambda _checked=False, c=choice: self._choose(c))
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.hide()

    def offer(self, model: str, reason: str, shown: str | None) -> None:
        """Say that ``model``'s weights could not be downloaded, and what is shown instead (``shown``)."""
        self.model = model
        # each sentence brings its own leading space (none in Chinese)
        instead = tr(" The app still shows {model}.").format(model=shown) if shown and shown != model else ""
        ways = tr(" Use random weights (the maps of an untrained network), a weights file you have, or try again.")
        failed = tr("{model}: its pretrained weights could not be downloaded ({why}).").format(model=model, why=reason)
        self.text.setText(f"{failed}{instead}{ways}")
        self.show()

    def withdraw(self) -> None:
        self.model = ""
        self.hide()

    def _choose(self, choice: str) -> None:
        model = self.model
        self.withdraw()
        self.chosen.emit(model, choice)
