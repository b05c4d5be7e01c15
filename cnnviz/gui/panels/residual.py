"""The residual dock: a block's input, shortcut, residual path, sum and output on one colour scale, and
||F(x)|| / ||x|| for every residual block of the network (click a bar to select that block).

Inception-ResNet blocks are here too; the dock says how their F(x) is made from the concatenated
branches that the Inception dock shows.
"""

from __future__ import annotations

from html import escape

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout

from ...core.i18n import marker, translator
from ...core.views.block_views import ResidualView, residual_view
from ..session import AUTO_CMAP
from ..widgets import plain_label, rich_label
from .block_panel import BlockPanel, colour

BAR = pg.mkBrush(70, 130, 200)
BAR_SELECTED = pg.mkBrush(230, 120, 40)
CHART_HEIGHT = 170

tr = translator(__name__)
N_ = marker(__name__)

CLICK_HINT = N_("Click a unit to outline its receptive field on the input.")


class ResidualPanel(BlockPanel):
    """The selected residual block's paths side by side, and the strength of every block's residual."""

    title = N_("Residual")
    name = "residual_dock"
    tab_with = "feature_maps_dock"
    kind = "residual"
    noun = N_("residual block")
    a_noun = N_("a residual block")
    reflow = True  # five mosaics: in two rows when the dock is narrow, so the maps get the room

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self.ratio = rich_label(wrap=True)
        self.hover = plain_label(tr(CLICK_HINT))
        self.chart = pg.PlotWidget(enableMenu=False)
        self.chart.setBackground(self.palette().color(self.backgroundRole()))
        self.chart.setMouseEnabled(False, False)
        self.chart.hideButtons()
        self.chart.setLabel("left", tr("||F(x)|| / ||shortcut||"))
        self.chart.getAxis("left").enableAutoSIPrefix(False)  # 0.31 reads 0.31, not 310 (x0.001)
        self.chart.setFixedHeight(CHART_HEIGHT)  # the maps the dock is for take the rest
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.8, brush=BAR)
        self.chart.addItem(self.bars)
        self.chart.scene().sigMouseClicked.connect(self._on_chart_click)
        self.strength_paths: list[str] = []
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self.selector_row())
        layout.addWidget(self.info)
        layout.addWidget(self.columns_box, 1)
        layout.addWidget(self.hover)
        layout.addWidget(self.ratio)
        chart_title = rich_label(tr("<b>Every residual block for this image</b>: how large F(x) is next to what "
                                    "the shortcut adds (x itself, or its projection); click a bar to select its "
                                    "block"), wrap=True)
        layout.addWidget(chart_title)
        layout.addWidget(self.chart)

    @staticmethod
    def compute(capture, block) -> ResidualView:
        return residual_view(capture, block)

    def none_message(self, model: str) -> str:
        return tr("{model} has no residual blocks: no layer adds its input back to what it computed.\n"
                  "Try resnet18, resnet50, mobilenet_v2 or mnist_residual.").format(model=model)

    def paint_view(self, view: ResidualView) -> None:
        cmap = self.session.cmap
        cmap = "coolwarm" if cmap == AUTO_CMAP else cmap
        kind = tr("identity: x is added unchanged") if view.shortcut == "identity" else \
            tr("projection: x is first reshaped by a 1×1 convolution (and batch norm) to match F(x)")
        branches = ("<br>" + tr("Inception-ResNet: {path} (the Inception dock shows the branches).").format(
            path=escape(view.residual_path)) if view.residual_path else "")
        self.info.setText(tr("<b>{path}</b> ({type}), shortcut is {kind}. One colour scale for all: ±{vmax} "
                             "({cmap}).").format(path=escape(view.path), type=escape(view.type_name), kind=kind,
                                                 vmax=f"{view.vmax:.3g}", cmap=cmap) + branches)
        for i, part in enumerate(view.parts):
            title, mosaic = self.column(i)
            sizes = dict(channels=part.channels, shown=part.shown, h=part.size[0], w=part.size[1])
            size = (tr("{channels} ch, first {shown}, {h}×{w}") if part.shown < part.channels
                    else tr("{channels} ch, {h}×{w}")).format(**sizes)
            title.setText(f"<b>{escape(part.title)}</b><br>{size}")
            mosaic.set_mosaic(colour(part.image, cmap), part.grid)
            self.changed(mosaic)
        self.show_columns(len(view.parts))
        denominator = "||x||" if view.shortcut == "identity" else tr("||shortcut(x)||")
        meaning = (tr("the residual path adds more than it passes through") if view.ratio > 1 else
                   tr("the residual path is a correction on top of what the shortcut passes through"))
        self.ratio.setText(f"||F(x)|| / {denominator} = <b>{view.ratio:.3f}</b>: {meaning}")
        self._paint_chart(view)
        self.changed(self.info, self.ratio, self.chart.viewport())

    def _paint_chart(self, view: ResidualView) -> None:
        self.strength_paths = [path for path, _ in view.strengths]
        heights = np.array([value for _, value in view.strengths], dtype=float)
        brushes = [BAR_SELECTED if path == view.path else BAR for path in self.strength_paths]
        x = np.arange(len(heights))
        self.bars.setOpts(x=x, height=np.nan_to_num(heights, posinf=0.0), width=0.8, brushes=brushes)
        axis = self.chart.getAxis("bottom")
        step = max(1, len(x) // 8)
        axis.setTicks([[(i, self.strength_paths[i]) for i in range(0, len(x), step)]])
        self.chart.setXRange(-0.6, len(x) - 0.4, padding=0)
        top = float(np.nanmax(heights[np.isfinite(heights)])) if np.isfinite(heights).any() else 1.0
        self.chart.setYRange(0, top * 1.1 if top > 0 else 1.0, padding=0)

    def _on_chart_click(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not self.strength_paths:
            return
        point = self.chart.getPlotItem().vb.mapSceneToView(event.scenePos())
        i = int(round(point.x()))
        if 0 <= i < len(self.strength_paths) and abs(point.x() - i) <= 0.4:
            self.session.select_layer(self.strength_paths[i])

    def _key_of(self, column: int) -> str | None:
        view = self.view
        if view is None or column >= len(view.parts):
            return None
        key = view.parts[column].key
        return view.path if key.startswith(view.path + ":") else key  # parts share the output's grid

    def on_unit_click(self, column: int, channel: int, row: int, col: int) -> None:
        key = self._key_of(column)
        if key is not None:
            self.session.select_unit(key, row, col)

    def on_unit_hover(self, column: int, text: str) -> None:
        view = self.view
        if view is None or column >= len(view.parts) or not text:
            self.hover.setText(tr(CLICK_HINT))
            return
        self.hover.setText(f"{view.parts[column].title}: {text}")
