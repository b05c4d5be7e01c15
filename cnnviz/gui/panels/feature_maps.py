"""The feature-maps dock: every channel of the selected layer as ONE mosaic image, and one channel large."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QGraphicsRectItem, QGridLayout, QHBoxLayout, QLabel, QSplitter,
                               QVBoxLayout, QWidget)

from ...core.views.colormaps import COLORMAPS, lut
from ..jobs import is_spatial
from ..session import AUTO_CMAP
from ..widgets import ImageView
from .base import Panel

NORMALIZE = (("per layer", "layer"), ("per channel", "channel"))
ORDER = (("by index", "index"), ("by mean activation", "mean"))
HOVER_HINT = "Hover over a map to read its values; click one to see it large. Left/Right walk channels."


def _combo(entries: list[tuple[str, str]], on_pick) -> QComboBox:
    combo = QComboBox()
    for label, value in entries:
        combo.addItem(label, value)
    combo.activated.connect(lambda i: on_pick(combo.itemData(i)))
    return combo


class FeatureMapsPanel(Panel):
    """The selected layer's channels, coloured, scaled and ordered as chosen."""

    title = "Feature maps"
    name = "feature_maps_dock"
    area = Qt.DockWidgetArea.RightDockWidgetArea
    preferred_width = 680

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        cmaps = [("auto", AUTO_CMAP)] + [(name, name) for name in COLORMAPS]
        self.cmap_combo = _combo(cmaps, lambda v: session.set_mosaic_settings(cmap=v))
        self.norm_combo = _combo(list(NORMALIZE), lambda v: session.set_mosaic_settings(normalize=v))
        self.order_combo = _combo(list(ORDER), lambda v: session.set_mosaic_settings(order=v))
        self.info = QLabel()
        self.plot = pg.GraphicsLayoutWidget()
        self.plot.setBackground(self.palette().color(self.backgroundRole()))
        self.vb = self.plot.addViewBox(lockAspect=True, invertY=True, enableMenu=False)
        self.item = pg.ImageItem(axisOrder="row-major")
        self.vb.addItem(self.item)
        self.highlight = QGraphicsRectItem()
        self.highlight.setPen(pg.mkPen(QColor(255, 40, 40), width=2, cosmetic=True))
        self.highlight.setZValue(10)
        self.vb.addItem(self.highlight)
        self.hover = QLabel(HOVER_HINT)
        self._shown_shape: tuple[int, ...] | None = None
        self._build_layout()
        self._connect(session)
        self.show_message("Drop an image to see its feature maps")

    def _build_layout(self) -> None:
        controls = QHBoxLayout()
        for label, combo in (("Colours", self.cmap_combo), ("Scale", self.norm_combo), ("Order", self.order_combo)):
            controls.addWidget(QLabel(label))
            controls.addWidget(combo)
        controls.addStretch(1)
        self.heat, self.overlay = ImageView("Click a channel"), ImageView()
        self.heat_caption, self.overlay_caption = QLabel(), QLabel()
        detail = QWidget()
        grid = QGridLayout(detail)
        grid.setContentsMargins(0, 4, 0, 0)
        grid.addWidget(self.heat_caption, 0, 0)
        grid.addWidget(self.overlay_caption, 0, 1)
        grid.addWidget(self.heat, 1, 0)
        grid.addWidget(self.overlay, 1, 1)
        grid.setRowStretch(1, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.plot)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([600, 220])
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(controls)
        layout.addWidget(self.info)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.hover)

    def _connect(self, session) -> None:
        session.capture_changed.connect(self._on_state)
        session.layer_selected.connect(lambda _key: self._on_state())
        session.mosaic_changed.connect(self._on_mosaic)
        session.settings_changed.connect(self._on_settings)
        session.channel_selected.connect(lambda _ch: self._place_highlight())
        session.channel_view_changed.connect(self._on_channel_view)
        self.plot.scene().sigMouseMoved.connect(self._on_hover)
        self.plot.scene().sigMouseClicked.connect(self._on_click)
        for key, step in ((Qt.Key.Key_Left, -1), (Qt.Key.Key_Right, 1)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: session.step_channel(step))

    # ------------------------------------------------------------------ what to show

    def _on_state(self) -> None:
        """Choose between the mosaic and a message for the current capture and layer."""
        s = self.session
        if s.result is None:
            if not s.image_label or self.message() is not None:
                self.show_message("Drop an image to see its feature maps")
            return  # else a new model's capture is on its way: keep the old maps until it arrives
        act = s.activation()
        if not is_spatial(act):
            shape = "no tensor output" if act is None else "shape " + "\u00d7".join(map(str, act.shape[1:]))
            self.show_message(f"Select a layer with a spatial output\n({s.layer or 'no layer'}: {shape})")
            return
        self.show_body()

    def _on_mosaic(self) -> None:
        result = self.session.mosaic
        if result is None:
            self._on_state()
            return
        self.show_body()
        mosaic = result.mosaic
        self.item.setImage(mosaic.image, autoLevels=False, levels=(0, 255))
        self.item.setLookupTable(lut(self.session.resolved_cmap()))
        if mosaic.image.shape != self._shown_shape:
            self._shown_shape = mosaic.image.shape
            self.vb.setRange(QRectF(0, 0, mosaic.image.shape[1], mosaic.image.shape[0]), padding=0.01)
        c, h, w = result.shape
        scale = "each channel on its own scale" if mosaic.per_channel else "one scale for the layer"
        self.info.setText(f"<b>{result.key}</b>: {c} channels of {h}\u00d7{w}, values "
                          f"{mosaic.vmin:.3g} \u2026 {mosaic.vmax:.3g} ({scale}, {self.session.resolved_cmap()})")
        self._place_highlight()
        self.changed(self.plot.viewport(), self.info)

    def _on_settings(self) -> None:
        s = self.session.settings
        for combo, value in ((self.cmap_combo, s.cmap), (self.norm_combo, s.normalize), (self.order_combo, s.order)):
            combo.setCurrentIndex(combo.findData(value))
        if self.session.mosaic is not None:
            self.item.setLookupTable(lut(self.session.resolved_cmap()))
            self.changed(self.plot.viewport())
        self._on_channel_view()

    def _place_highlight(self) -> None:
        mosaic, channel = self.session.mosaic, self.session.channel
        if mosaic is None or channel is None or channel not in mosaic.mosaic.grid.order:
            self.highlight.hide()
            return
        x, y, w, h = mosaic.mosaic.grid.rect(channel)
        self.highlight.setRect(QRectF(x - 0.5, y - 0.5, w + 1, h + 1))
        self.highlight.show()
        self.changed(self.plot.viewport())

    def _on_channel_view(self) -> None:
        view = self.session.channel_view
        if view is None:
            self.heat.set_array(None)
            self.overlay.set_array(None)
            self.heat_caption.setText("")
            self.overlay_caption.setText("")
        else:
            self.heat.set_array(lut(self.session.resolved_cmap())[view.heat])
            self.overlay.set_array(view.overlay)
            h, w = view.heat.shape
            self.heat_caption.setText(f"channel {view.channel} of {view.key} ({h}\u00d7{w})")
            self.overlay_caption.setText("over the input (upsampled)")
        self.changed(self.heat, self.overlay)

    # ------------------------------------------------------------------ mouse

    def _unit_at(self, scene_pos) -> tuple[int, int, int] | None:
        mosaic = self.session.mosaic
        if mosaic is None or not self.vb.sceneBoundingRect().contains(scene_pos):
            return None
        point = self.item.mapFromScene(scene_pos)
        return mosaic.mosaic.grid.unit_at(point.x(), point.y())

    def _on_hover(self, scene_pos) -> None:
        unit = self._unit_at(scene_pos)
        mosaic = self.session.mosaic
        act = self.session.activation(mosaic.key) if mosaic is not None else None
        if unit is None or act is None:
            self.hover.setText(HOVER_HINT)
            return
        channel, y, x = unit
        inside = channel < act.shape[1] and y < act.shape[2] and x < act.shape[3]
        value = float(act[0, channel, y, x]) if inside else float("nan")
        self.hover.setText(f"{mosaic.key}  channel {channel}  at (row {y}, col {x}):  {value:.4g}")

    def _on_click(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        unit = self._unit_at(event.scenePos())
        if unit is not None:
            self.session.select_channel(unit[0])
            self.session.select_unit(self.session.mosaic.key, unit[1], unit[2])

    def shown_image(self) -> np.ndarray | None:
        """The mosaic image on screen (for tests and benchmarks)."""
        return None if self.message() is not None else self.item.image
