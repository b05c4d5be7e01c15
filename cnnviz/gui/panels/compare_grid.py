"""The Compare dock's pictures: three titled columns, A | B | difference, one row per compared tensor (one for a
layer's maps or an attribution map; one per branch or path of a block), each row as tall as its pictures are
at the column's width, so no empty bands surround them."""

from __future__ import annotations

from html import escape

import numpy as np
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QWidget

from ..widgets import ImageView, plain_label, rich_label

MIN_HEIGHT = 48


class CompareGrid(QWidget):
    """Column titles above rows of three pictures; a row's label above it when there are several rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.titles = [rich_label(wrap=True) for _ in range(3)]
        self.rows: list[tuple[QLabel, ImageView, ImageView, ImageView]] = []
        self._aspects: list[float] = []  # height / width of each shown row's pictures
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        for col, label in enumerate(self.titles):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)
            self.grid.addWidget(label, 0, col)
            self.grid.setColumnStretch(col, 1)
        self.installEventFilter(self)

    def set_titles(self, a: str, b: str, diff: str, numbers: str = "") -> None:
        """Bold column titles (plain text, escaped here); ``numbers`` on a line of their own under the third."""
        for label, text in zip(self.titles, (a, b, diff)):
            label.setText(f"<b>{escape(text, quote=False)}</b>")
        if numbers:
            self.titles[2].setText(f"{self.titles[2].text()}<br>{escape(numbers, quote=False)}")

    def set_rows(self, rows: list[tuple[str, np.ndarray, np.ndarray, np.ndarray]]) -> list[QWidget]:
        """Show ``(label, A, B, difference)`` rows (uint8 pictures); the widgets whose content changed come back."""
        self._grow(len(rows))
        changed: list[QWidget] = []
        for i, (label, *views) in enumerate(self.rows):
            shown = i < len(rows)
            label.setVisible(shown and len(rows) > 1)
            label.setText(rows[i][0] if shown else "")
            for k, view in enumerate(views):
                view.setVisible(shown)
                view.set_array(rows[i][1 + k] if shown else None)
            changed += [label, *views]
        self._aspects = [max(p.shape[0] / p.shape[1] for p in row[1:]) for row in rows]
        self.fit()
        return changed + list(self.titles)

    def _grow(self, count: int) -> None:
        while len(self.rows) < count:
            n = len(self.rows)
            label = plain_label()
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            views = [ImageView() for _ in range(3)]
            self.grid.addWidget(label, 1 + 2 * n, 0, 1, 3)
            for col, view in enumerate(views):
                self.grid.addWidget(view, 2 + 2 * n, col)
            self.rows.append((label, *views))
        for r in range(self.grid.rowCount()):
            self.grid.setRowStretch(r, 0)
        self.grid.setRowStretch(1 + 2 * len(self.rows), 1)  # rows sit at the top, the room left below them

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if obj is self and event.type() == QEvent.Type.Resize:
            self.fit()
        return super().eventFilter(obj, event)

    def fit(self) -> None:
        """Each row as tall as its pictures at the column's width, all rows within the box."""
        count = len(self._aspects)
        if not count:
            return
        hs, vs = max(self.grid.horizontalSpacing(), 0), max(self.grid.verticalSpacing(), 0)
        width = max((self.width() - 2 * hs) // 3, 1)
        used = max(t.heightForWidth(width) for t in self.titles) + vs
        if count > 1:
            used += count * (self.rows[0][0].sizeHint().height() + vs)
        room = max((self.height() - used) // count - vs, MIN_HEIGHT)
        for (_, *views), aspect in zip(self.rows, self._aspects):
            height = max(min(int(round(width * aspect)), room), MIN_HEIGHT)
            for view in views:
                view.setFixedHeight(height)
