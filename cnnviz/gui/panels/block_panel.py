"""What the Inception and residual docks share: a block selector, and a view recomputed only when needed.

A block dock follows the selected layer: when it is a block of the dock's kind or lies inside one,
the dock asks the render worker for that block's view (:mod:`cnnviz.core.views.block_views`) and paints
it when it comes back. Docks hidden behind another tab ask nothing until they are shown.
"""

from __future__ import annotations

import math
from html import escape
from typing import Any, ClassVar

import numpy as np
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QSizePolicy, QToolButton, QWidget

from ...core.capture.anatomy import Block, block_of, inception_blocks, residual_blocks
from ...core.i18n import marker, translator
from ...core.views.colormaps import lut
from ..mosaic_view import MosaicView
from ..widgets import plain_label, rich_label
from .base import Panel

tr = translator(__name__)
N_ = marker(__name__)

NO_IMAGE = N_("Drop an image to see its blocks")


def colour(image: np.ndarray, cmap: str) -> np.ndarray:
    """uint8 levels through a colour map (an index into a 256-row table)."""
    return lut(cmap)[image]


def best_columns(count: int, width: float, height: float, aspect: float, label_height: float = 0.0) -> int:
    """How many of ``count`` pictures (height / width = ``aspect``) to put side by side in a ``width`` x
    ``height`` box so that each is as large as it can be (each row of pictures has ``label_height`` of text)."""
    best, best_width = count, -1.0
    for cols in range(count, 0, -1):  # one row first: more rows only when they really give more room
        rows = math.ceil(count / cols)
        if cols > 1 and math.ceil(count / (cols - 1)) == rows:
            continue  # fewer columns fill as many rows, each wider
        side = min(width / cols, max(height / rows - label_height, 0.0) / aspect)
        if side > best_width * 1.05:
            best, best_width = cols, side
    return best


class BlockPanel(Panel):
    """A dock about one kind of block (``kind``: "inception" or "residual")."""

    kind: ClassVar[str] = ""
    noun: ClassVar[str] = ""  # N_("Inception block")
    a_noun: ClassVar[str] = ""  # N_("an Inception block"), in a sentence
    label_rows: ClassVar[int] = 1  # text labels above each column's mosaic
    reflow: ClassVar[bool] = False  # lay the columns out in as many rows as makes the mosaics largest

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self.block: Block | None = None
        self.view: Any = None
        self._wanted: tuple[int, str] | None = None  # (id of the capture, block path) asked for
        self.combo = QComboBox()
        self.combo.setMinimumContentsLength(18)
        self.combo.activated.connect(lambda i: session.select_layer(self.combo.itemData(i)))
        self.prev_button, self.next_button = QToolButton(), QToolButton()
        self.prev_button.setText("\u25c2")
        self.next_button.setText("\u25b8")
        self.prev_button.setToolTip(tr("Previous {noun}").format(noun=tr(self.noun)))
        self.next_button.setToolTip(tr("Next {noun}").format(noun=tr(self.noun)))
        self.prev_button.clicked.connect(lambda: self.step_block(-1))
        self.next_button.clicked.connect(lambda: self.step_block(1))
        self.info = rich_label(wrap=True)
        self.columns: list[tuple[Any, ...]] = []  # (label, ..., MosaicView) per column
        self.columns_box = QWidget()
        self.columns_grid = QGridLayout(self.columns_box)
        self.columns_grid.setContentsMargins(0, 0, 0, 0)
        self._shown = 0  # columns in use
        self._per_row = 0  # columns side by side in the grid now
        self.columns_box.installEventFilter(self)
        session.capture_changed.connect(self.refresh)
        session.layer_selected.connect(lambda _key: self.refresh())
        session.view_changed.connect(self._on_view)
        session.channel_selected.connect(lambda _ch: self.on_channel())
        self.show_message(tr(NO_IMAGE))

    def selector_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(plain_label(tr("Block")))
        row.addWidget(self.prev_button)
        row.addWidget(self.combo, 1)
        row.addWidget(self.next_button)
        return row

    def column(self, i: int) -> tuple[Any, ...]:
        """The ``i``-th column: ``label_rows`` labels above a :class:`MosaicView` (made when first needed)."""
        while len(self.columns) <= i:
            n = len(self.columns)
            labels = [rich_label(wrap=True) for _ in range(self.label_rows)]
            for row, label in enumerate(labels):
                label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # columns share evenly
                label.setAlignment(Qt.AlignmentFlag.AlignHCenter | (Qt.AlignmentFlag.AlignBottom if row == 0 else
                                                                    Qt.AlignmentFlag.AlignTop))
            mosaic = MosaicView()
            mosaic.unit_clicked.connect(lambda ch, r, c, n=n: self.on_unit_click(n, ch, r, c))
            mosaic.hovered.connect(lambda text, n=n: self.on_unit_hover(n, text))
            for row, widget in enumerate((*labels, mosaic)):
                self.columns_grid.addWidget(widget, row, n)
            self.columns.append((*labels, mosaic))
            self._per_row = 0  # placed in the first row: lay out again
        return self.columns[i]

    def show_columns(self, count: int) -> None:
        """Show the first ``count`` columns, sharing the width (in rows, with ``reflow``); hide the rest."""
        for i, widgets in enumerate(self.columns):
            for widget in widgets:
                widget.setVisible(i < count)
        self._shown = count
        self._place(self._columns_per_row(), force=True)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if obj is self.columns_box and event.type() == QEvent.Type.Resize and self.reflow:
            self._place(self._columns_per_row())
        return super().eventFilter(obj, event)

    def _columns_per_row(self) -> int:
        """How many columns side by side give the mosaics the largest size in the box (all in one row
        without ``reflow``)."""
        count = self._shown
        if not self.reflow or count <= 1:
            return max(count, 1)
        mosaic = self.columns[0][-1]
        aspect = mosaic.grid.height / mosaic.grid.width if mosaic.grid is not None and mosaic.grid.width else 1.0
        line = self.fontMetrics().lineSpacing()
        return best_columns(count, self.columns_box.width(), self.columns_box.height(), aspect,
                            label_height=line * (self.label_rows + 2))

    def _place(self, per_row: int, force: bool = False) -> None:
        if per_row == self._per_row and not force:
            return
        self._per_row = per_row
        grid, block = self.columns_grid, self.label_rows + 1
        for i, widgets in enumerate(self.columns):
            row, col = divmod(i, per_row) if i < self._shown else (0, i)
            for k, widget in enumerate(widgets):
                grid.removeWidget(widget)
                grid.addWidget(widget, row * block + k, col)
        for col in range(max(len(self.columns), grid.columnCount())):
            grid.setColumnStretch(col, 1 if col < min(per_row, self._shown) else 0)
        rows = math.ceil(self._shown / per_row) if self._shown else 0
        for r in range(grid.rowCount()):
            grid.setRowStretch(r, 1 if r % block == block - 1 and r < rows * block else 0)

    # ------------------------------------------------------------------ which block

    def blocks(self) -> list[Block]:
        result = self.session.result
        if result is None:
            return []
        blocks = result.capture.blocks
        return inception_blocks(blocks) if self.kind == "inception" else residual_blocks(blocks)

    def step_block(self, delta: int) -> None:
        blocks = self.blocks()
        if not blocks:
            return
        paths = [b.path for b in blocks]
        i = paths.index(self.block.path) if self.block is not None and self.block.path in paths else -delta
        self.session.select_layer(paths[min(max(i + delta, 0), len(paths) - 1)])

    def on_message_link(self, href: str) -> None:
        self.session.select_layer(href)

    def _fill_combo(self, blocks: list[Block]) -> None:
        paths = [b.path for b in blocks]
        if [self.combo.itemData(i) for i in range(self.combo.count())] != paths:
            self.combo.clear()
            for b in blocks:
                self.combo.addItem(f"{b.path}  ({b.type_name})", b.path)
        self.combo.setCurrentIndex(paths.index(self.block.path) if self.block is not None else -1)
        i = self.combo.currentIndex()
        self.prev_button.setEnabled(i > 0)
        self.next_button.setEnabled(0 <= i < len(paths) - 1)

    def refresh(self) -> None:
        """Follow the session: show a message, or ask for the selected block's view."""
        s = self.session
        if s.result is None:
            if self.message() is not None or not s.image_label:
                self.show_message(tr(NO_IMAGE))
            return
        blocks = self.blocks()
        if not blocks:
            self.block = None
            self.show_message(self.none_message(s.result.model.loaded.name))
            return
        self.block = block_of(s.result.capture.blocks, s.layer, self.kind)
        if self.block is None:
            first = blocks[0].path
            names = f"{first} \u2026 {blocks[-1].path}" if len(blocks) > 1 else first
            text = tr("Select {a_noun} or a layer inside one in the model tree (this model has {count}: {names})."
                      ).format(a_noun=tr(self.a_noun), count=len(blocks), names=escape(names))
            show = tr("Show {block}").format(block=escape(first))
            self.show_message(f"{text}<br><br><a href='{escape(first, quote=True)}'>{show}</a>", rich=True)
            return
        self._fill_combo(blocks)
        wanted = (id(s.result.capture), self.block.path)
        if self.in_front and wanted != self._wanted:
            self._wanted = wanted
            s.request_view(self.kind, self.compute, s.result.capture, self.block)

    def on_front(self) -> None:
        self.refresh()  # behind a tab, it asked for nothing

    def _on_view(self, kind: str) -> None:
        view = self.session.views.get(kind) if kind == self.kind else None
        if view is None or self.block is None or view.path != self.block.path:
            return
        self.view = view
        self.show_body()
        self.paint_view(view)
        if self.body.layout() is not None:
            self.body.layout().activate()  # lay out the new texts now, before anything is painted

    # ------------------------------------------------------------------ for subclasses

    @staticmethod
    def compute(capture, block):  # pragma: no cover - abstract; runs in the render worker
        raise NotImplementedError

    def none_message(self, model: str) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def paint_view(self, view) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def on_channel(self) -> None:
        """The session's channel changed."""

    def on_unit_click(self, column: int, channel: int, row: int, col: int) -> None:
        """A unit of column ``column``'s mosaic was clicked."""

    def on_unit_hover(self, column: int, text: str) -> None:
        """The mouse is over a unit of a column's mosaic (``text`` says which; empty when over none)."""
