"""The filters dock: the selected convolution's (or linear layer's) weights as a picture, and their histogram."""

from __future__ import annotations

from html import escape

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QToolButton, QVBoxLayout

from ...core.views.colormaps import lut
from ...core.errors import CnnvizError
from ...core.i18n import marker, translator
from ...core.views.filter_view import FilterView, filter_view
from ..widgets import plain_label, rich_label
from .base import Panel

tr = translator(__name__)
N_ = marker(__name__)

MODES = ((N_("auto"), "auto"), (N_("RGB tiles"), "rgb"), (N_("grid: filters × inputs"), "grid"),
         (N_("channel mean"), "mean"))
HOVER_HINT = N_("Hover over the filters to read a weight.")
NO_MODEL = N_("Load a model to see its filters")
NO_LAYER = N_("Select a convolution or linear layer to see its filters")
PER_PAGE = 64


def compute_filters(model, layer: str, mode: str, page: int, blocks) -> FilterView | str:
    """The render worker's job: the view, or the one-line reason there is none (shown as the dock's message)."""
    try:
        return filter_view(model.loaded.module, layer, mode, page, PER_PAGE, blocks=blocks, lock=model.lock)
    except CnnvizError as exc:
        return str(exc)


class FiltersPanel(Panel):
    """The weights of the selected layer, a page of filters at a time; refreshed while the model trains."""

    title = N_("Filters")
    name = "filters_dock"
    area = Qt.DockWidgetArea.RightDockWidgetArea
    tab_with = "feature_maps_dock"
    preferred_width = 680

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self.view: FilterView | None = None
        self._mode, self._page = "auto", 0
        self._stale = False  # work is asked for only while the dock is in front
        self._shown_shape: tuple[int, ...] | None = None
        self._cropped = False  # only part of a very wide (tall) picture is in view
        self.header = rich_label(wrap=True)
        self.mode_combo = QComboBox()
        for label, value in MODES:
            self.mode_combo.addItem(tr(label), value)
        self.mode_combo.activated.connect(lambda i: self._set_mode(self.mode_combo.itemData(i)))
        self.prev_button, self.next_button = QToolButton(), QToolButton()
        self.prev_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.next_button.setArrowType(Qt.ArrowType.RightArrow)
        self.prev_button.clicked.connect(lambda: self._step_page(-1))
        self.next_button.clicked.connect(lambda: self._step_page(1))
        self.page_label = plain_label()
        self.layout_label = plain_label(wrap=True)
        self.layout_label.setStyleSheet("color: palette(placeholder-text);")
        self._build_plots()
        self.stats = plain_label()
        self.hover = plain_label(tr(HOVER_HINT))
        self._build_layout()
        session.model_changed.connect(self._on_new_layer)
        session.layer_selected.connect(lambda _key: self._on_new_layer())
        session.capture_changed.connect(self._refresh)
        session.view_changed.connect(self._on_view)
        self.plot.scene().sigMouseMoved.connect(self._on_hover)
        self.show_message(tr(NO_MODEL))

    def _build_plots(self) -> None:
        background = self.palette().color(self.backgroundRole())
        self.plot = pg.GraphicsLayoutWidget()
        self.plot.setBackground(background)
        self.vb = self.plot.addViewBox(lockAspect=True, invertY=True, enableMenu=False)
        self.item = pg.ImageItem(axisOrder="row-major")
        self.vb.addItem(self.item)
        self.hist = pg.PlotWidget(enableMenu=False)
        self.hist.setBackground(background)
        self.hist.setMouseEnabled(x=False, y=False)
        self.hist.hideButtons()
        self.hist.setFixedHeight(130)
        self.hist.setLabel("bottom", tr("weight"))
        self.hist.setLabel("left", tr("count"))
        for side in ("bottom", "left"):  # weights of 0.01 read 0.01, not 10 (x0.001)
            self.hist.getAxis(side).enableAutoSIPrefix(False)
        self.bars = pg.BarGraphItem(x0=[0.0], x1=[1.0], height=[0.0], brush=pg.mkBrush(90, 110, 200),
                                    pen=pg.mkPen(None))
        self.hist.addItem(self.bars)
        self.zero_line = pg.InfiniteLine(0.0, angle=90, pen=pg.mkPen(200, 40, 40, width=1))
        self.hist.addItem(self.zero_line)

    def _build_layout(self) -> None:
        controls = QHBoxLayout()
        controls.addWidget(QLabel(tr("Show")))
        controls.addWidget(self.mode_combo)
        controls.addStretch(1)
        for widget in (self.prev_button, self.page_label, self.next_button):
            controls.addWidget(widget)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.header)
        layout.addLayout(controls)
        layout.addWidget(self.layout_label)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.hover)
        layout.addWidget(self.hist)
        layout.addWidget(self.stats)

    # ------------------------------------------------------------------ requests

    def _on_new_layer(self) -> None:
        """Another layer or model: back to the first page, and to "auto" if RGB tiles were chosen."""
        self._page = 0
        if self._mode == "rgb":
            self._mode = "auto"
            self.mode_combo.setCurrentIndex(self.mode_combo.findData("auto"))
        self._refresh()

    def _set_mode(self, mode: str) -> None:
        if mode != self._mode:
            self._mode = mode
            self._refresh()

    def _step_page(self, delta: int) -> None:
        pages = self.view.pages if self.view is not None else 1
        page = min(max(self._page + delta, 0), pages - 1)
        if page != self._page:
            self._page = page
            self._refresh()

    def on_front(self) -> None:
        if self._stale:
            self._refresh()

    def _refresh(self) -> None:
        """Ask the render worker for the current layer's filters (only while the dock can be seen)."""
        s = self.session
        if s.model is None:
            self.view = None
            self.show_message(tr(NO_MODEL))
            return
        if not s.layer:
            self.view = None
            self.show_message(tr(NO_LAYER))
            return
        if not self.in_front:
            self._stale = True
            return
        self._stale = False
        blocks = s.result.capture.blocks if s.result is not None and s.result.model is s.model else None
        s.request_view("filters", compute_filters, s.model, s.layer, self._mode, self._page, blocks)

    # ------------------------------------------------------------------ showing

    def _on_view(self, kind: str) -> None:
        if kind != "filters" or self.session.model is None:
            return
        result = self.session.views.get("filters")
        if isinstance(result, str):
            self.view = None
            self.show_message(result)
        elif isinstance(result, FilterView):
            self._show(result)

    def _show(self, view: FilterView) -> None:
        self.view = view
        self._page = view.page
        self.show_body()
        if view.mode == "rgb":
            self.item.setLookupTable(None)
        else:
            self.item.setLookupTable(lut("coolwarm"))
        self.item.setImage(view.image, autoLevels=False, levels=(0, 255))
        cropped = self._fit(*view.image.shape[:2]) if view.image.shape != self._shown_shape else self._cropped
        self._shown_shape, self._cropped = view.image.shape, cropped
        self._show_text(view)
        self._show_controls(view)
        self._show_histogram(view)
        self.changed(self.plot.viewport(), self.hist.viewport(), self.header)

    def _fit(self, h: int, w: int) -> bool:
        """Show the whole picture, or, when it is far wider than the box, its full height from the left
        edge (when far taller, its top third), to be dragged along. True when only a part is in view."""
        box_w, box_h = max(1.0, self.vb.width()), max(1.0, self.vb.height())
        side = 1.5 * max(h, w)  # pan and zoom out no further than this square (room for any box shape)
        self.vb.setLimits(xMin=w / 2 - side, xMax=w / 2 + side, yMin=h / 2 - side, yMax=h / 2 + side)
        if w / h > 2 * box_w / box_h:
            rect = QRectF(0, 0, h * box_w / box_h, h)
        elif h / w > 2 * box_h / box_w:
            shown_h = max(w * box_h / box_w, h / 3)
            shown_w = shown_h * box_w / box_h
            rect = QRectF((w - shown_w) / 2, 0, shown_w, shown_h)
        else:
            rect = QRectF(0, 0, w, h)
        self.vb.setRange(rect, padding=0.01)
        return rect.width() < w or rect.height() < h

    def _show_text(self, view: FilterView) -> None:
        shape = "\u00d7".join(map(str, view.weight_shape))
        note = f"<br><i>{escape(view.note)}</i>" if view.note else ""
        weights = tr("weights {shape} ({count} values)").format(shape=shape, count=f"{view.count:,}")
        self.header.setText(f"<b>{escape(view.layer)}</b> \u2014 {escape(view.type_name)}, {view.kind}<br>"
                            f"{escape(view.settings)}<br>{weights}{note}")
        scroll = tr(" — drag to see the rest, wheel to zoom") if self._cropped else ""
        self.layout_label.setText(view.layout_text + scroll)
        self.hover.setText(tr(HOVER_HINT))

    def _show_controls(self, view: FilterView) -> None:
        matrix = view.mode == "matrix"
        self.mode_combo.setEnabled(not matrix)
        rgb_item = self.mode_combo.model().item(self.mode_combo.findData("rgb"))
        rgb_item.setEnabled(view.can_rgb)
        self.mode_combo.setCurrentIndex(self.mode_combo.findData(self._mode))
        paged = view.pages > 1
        for widget in (self.prev_button, self.page_label, self.next_button):
            widget.setVisible(paged)
        self.page_label.setText(view.page_text)
        self.prev_button.setEnabled(view.page > 0)
        self.next_button.setEnabled(view.page < view.pages - 1)

    def _show_histogram(self, view: FilterView) -> None:
        edges = view.hist_edges
        self.bars.setOpts(x0=edges[:-1], x1=edges[1:], height=view.hist_counts.astype(float))
        self.hist.setXRange(float(edges[0]), float(edges[-1]), padding=0.02)
        self.hist.setYRange(0, max(1.0, float(view.hist_counts.max())), padding=0.05)
        self.stats.setText(tr("weights: min {min}   max {max}   mean {mean}   std {std}   (all {count} of this "
                              "layer)").format(min=f"{view.vmin:.4g}", max=f"{view.vmax:.4g}",
                                               mean=f"{view.mean:.4g}", std=f"{view.std:.4g}",
                                               count=f"{view.count:,}"))

    # ------------------------------------------------------------------ mouse

    def _on_hover(self, scene_pos) -> None:
        if self.view is None or not self.vb.sceneBoundingRect().contains(scene_pos):
            self.hover.setText(tr(HOVER_HINT))
            return
        point = self.item.mapFromScene(scene_pos)
        self.hover.setText(self.view.describe(point.x(), point.y()) or tr(HOVER_HINT))

    def shown_image(self) -> np.ndarray | None:
        """The picture on screen (for tests and benchmarks)."""
        return None if self.message() is not None else self.item.image
