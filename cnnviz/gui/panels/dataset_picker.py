"""Which images a dock goes through: the bundled digits, generated shapes, or a folder of images (typed, or
picked with Browse...). The Statistics dock's Dataset page scans them, the Units dock ranks them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from ...core.i18n import marker, translator

tr = translator(__name__)
N_ = marker(__name__)

FOLDER = "folder"
SOURCES = (("digits", N_("digits (1,797 handwritten)")), ("shapes", N_("shapes (generated)")),
           (FOLDER, N_("a folder:")))
#: the folder dialog's title for the verbs the docks use (any other verb: "Folder of images to {verb}")
TITLES = {"rank": N_("Folder of images to rank"), "scan": N_("Folder of images to scan")}


class DatasetPicker(QWidget):
    """"Dataset [digits | shapes | a folder:] [folder ...] [Browse...]"; ``verb`` says what the dock does with the
    images (in the folder dialog's title)."""

    def __init__(self, verb: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._verb = verb
        self.source_combo = QComboBox()
        for data, label in SOURCES:
            self.source_combo.addItem(tr(label), data)
        self.folder_edit = QLineEdit()
        self.folder_edit.setPlaceholderText(tr("folder of images (sub-folders too)"))
        self.folder_edit.textEdited.connect(lambda _t: self.source_combo.setCurrentIndex(len(SOURCES) - 1))
        self.browse_button = QPushButton(tr("Browse\u2026"))
        self.browse_button.clicked.connect(self.browse)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(tr("Dataset")))
        row.addWidget(self.source_combo)
        row.addWidget(self.folder_edit, 1)
        row.addWidget(self.browse_button)

    def set_source(self, source: str | Path) -> None:
        """``digits``, ``shapes`` or a folder next."""
        found = self.source_combo.findData(str(source))
        if found < 0 or str(source) == FOLDER:
            self.folder_edit.setText(str(source))
            found = len(SOURCES) - 1
        self.source_combo.setCurrentIndex(found)

    def source(self) -> str:
        data = self.source_combo.currentData()
        return self.folder_edit.text().strip() if data == FOLDER else str(data)

    def browse(self) -> None:
        title = tr(TITLES[self._verb]) if self._verb in TITLES else \
            tr("Folder of images to {verb}").format(verb=self._verb)
        folder = QFileDialog.getExistingDirectory(self, title, self.folder_edit.text())
        if folder:
            self.set_source(folder)
