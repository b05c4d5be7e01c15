"""A grid of AlexNet's augmentations of one image: a title and a row of augmented copies per kind."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from ...core.i18n import translator
from ...core.lessons.augment_preview import AUGMENTATIONS, AugmentRow
from ..widgets import ImageView, plain_label

tr = translator(__name__)

ROW_HEIGHT = 72  # pixels of one row of copies


class AugmentPreview(QWidget):
    """One row per kind of :data:`~cnnviz.core.lessons.augment_preview.AUGMENTATIONS`; :meth:`set_rows` fills them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.titles = [plain_label() for _ in AUGMENTATIONS]
        self.views = [ImageView(tr("waiting for the image…")) for _ in AUGMENTATIONS]
        heading = QLabel(tr("AlexNet's augmentations of this image"))
        heading.setStyleSheet("font-weight: bold;")
        grid = QGridLayout()
        for i, (title, view) in enumerate(zip(self.titles, self.views)):
            view.setFixedHeight(ROW_HEIGHT)
            grid.addWidget(title, i, 0)
            grid.addWidget(view, i, 1)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addLayout(grid)

    def set_rows(self, rows: Sequence[AugmentRow] | None) -> list[QWidget]:
        """Show ``rows`` (``None``: none); returns the widgets whose content changed."""
        shown = list(rows or []) + [None] * (len(self.views) - len(rows or []))
        for title, view, row in zip(self.titles, self.views, shown):
            title.setText(tr(row.label) if row is not None else "")
            view.set_array(row.image if row is not None else None)
        return [*self.titles, *self.views]
