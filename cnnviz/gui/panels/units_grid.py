"""The Units dock's grid of top images: each one's receptive-field patch, titled with its score and name.

Tiles are :class:`~cnnviz.core.views.unit_patches.UnitTile` values computed off the GUI thread; here they only
become pixmaps (scaled up with crisp pixels) on buttons. Clicking one emits :attr:`PatchGrid.clicked`.
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QToolButton, QWidget

from ...core.i18n import translator
from ...core.views.unit_patches import UnitTile
from ..widgets import to_qimage

tr = translator(__name__)

TILE_PX = 84


def tile_title(tile: UnitTile) -> str:
    """``8.12`` over the image's short name (a file's name, or ``digits#123``)."""
    name = Path(tile.name).name if "/" in tile.name or "\\" in tile.name else tile.name
    if len(name) > 16:
        name = name[:7] + "\u2026" + name[-8:]
    return f"{tile.score:.3g}\n{name}"


class PatchGrid(QWidget):
    """Buttons showing tiles, best first, left to right then down (about as many columns as rows)."""

    clicked = Signal(object)  # UnitTile

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tiles: list[UnitTile] = []
        self.buttons: list[QToolButton] = []
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(4)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def set_tiles(self, tiles: list[UnitTile]) -> None:
        for button in self.buttons:
            self._grid.removeWidget(button)
            button.deleteLater()
        self.tiles, self.buttons = list(tiles), []
        columns = max(1, math.ceil(math.sqrt(len(tiles))))
        for i, tile in enumerate(tiles):
            button = QToolButton()
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            pixmap = QPixmap.fromImage(to_qimage(tile.patch))
            pixmap = pixmap.scaled(TILE_PX, TILE_PX, Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.FastTransformation)
            button.setIcon(QIcon(pixmap))
            button.setIconSize(QSize(TILE_PX, TILE_PX))
            button.setText(tile_title(tile))
            button.setToolTip(tr("#{rank}: {name}\nscore {score} at y={y}, x={x}\nclick to open it as the input")
                              .format(rank=tile.rank + 1, name=tile.name, score=f"{tile.score:.4g}", y=tile.y,
                                      x=tile.x))
            button.clicked.connect(lambda _checked=False, t=tile: self.clicked.emit(t))
            self._grid.addWidget(button, i // columns, i % columns)
            self.buttons.append(button)
