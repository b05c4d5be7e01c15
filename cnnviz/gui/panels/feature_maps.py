"""The feature-maps dock: every channel of the selected layer as ONE mosaic image, and one channel large.

The dock owns what it shows: how maps are scaled and ordered (:class:`MosaicSettings`), the mosaic
and the channel view. It asks the render worker for them (:meth:`Session.request_view`) only while
it is in front; behind another dock's tab it asks nothing, and catches up when it is shown.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QGraphicsRectItem, QGridLayout, QHBoxLayout, QLabel, QSplitter,
                               QVBoxLayout, QWidget)

from ...core.errors import CnnvizError
from ...core.i18n import marker, translator
from ...core.views.colormaps import COLORMAPS, is_diverging, lut
from .. import jobs
from ..jobs import is_spatial
from ..session import AUTO_CMAP
from ..widgets import ImageView
from .base import Panel

tr = translator(__name__)
N_ = marker(__name__)

NORMALIZE = ((N_("per layer"), "layer"), (N_("per channel"), "channel"))
ORDER = ((N_("by index"), "index"), (N_("by mean activation"), "mean"))
HOVER_HINT = N_("Hover over a map to read its values; click one to see it large. Left/Right walk channels.")
NO_IMAGE = N_("Drop an image to see its feature maps")


@dataclass(frozen=True)
class MosaicSettings:
    """How the dock draws feature maps: one scale per layer or per channel, channels by index or by mean."""

    normalize: str = "layer"
    order: str = "index"

    def __post_init__(self) -> None:
        if self.normalize not in dict(NORMALIZE).values():
            raise CnnvizError(f"unknown scaling '{self.normalize}' (layer or channel)")
        if self.order not in dict(ORDER).values():
            raise CnnvizError(f"unknown order '{self.order}' (index or mean)")


def _combo(entries: list[tuple[str, str]], on_pick) -> QComboBox:
    combo = QComboBox()
    for label, value in entries:
        combo.addItem(tr(label), value)  # the label shown, the value kept
    combo.activated.connect(lambda i: on_pick(combo.itemData(i)))
    return combo


class FeatureMapsPanel(Panel):
    """The selected layer's channels, coloured, scaled and ordered as chosen."""

    title = N_("Feature maps")
    name = "feature_maps_dock"
    area = Qt.DockWidgetArea.RightDockWidgetArea
    preferred_width = 680

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        cmaps = [(N_("auto"), AUTO_CMAP)] + [(name, name) for name in COLORMAPS]
        self.settings = MosaicSettings()
        self.mosaic: jobs.MosaicResult | None = None  # the newest mosaic of the selected layer
        self.channel_view: jobs.ChannelResult | None = None
        self._wanted_mosaic: tuple | None = None  # what was last asked for (None: ask again)
        self._wanted_channel: tuple | None = None
        self.cmap_combo = _combo(cmaps, session.set_cmap)
        self.norm_combo = _combo(list(NORMALIZE), lambda v: self.set_mosaic_settings(normalize=v))
        self.order_combo = _combo(list(ORDER), lambda v: self.set_mosaic_settings(order=v))
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
        self.hover = QLabel(tr(HOVER_HINT))
        self._shown_shape: tuple[int, ...] | None = None
        self._build_layout()
        self._connect(session)
        self.show_message(tr(NO_IMAGE))

    def _build_layout(self) -> None:
        controls = QHBoxLayout()
        for label, combo in ((tr("Colours"), self.cmap_combo), (tr("Scale"), self.norm_combo),
                             (tr("Order"), self.order_combo)):
            controls.addWidget(QLabel(label))
            controls.addWidget(combo)
        controls.addStretch(1)
        self.heat, self.overlay = ImageView(tr("Click a channel")), ImageView()
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
        session.capture_changed.connect(self._on_capture)
        session.layer_selected.connect(lambda _key: self.refresh())
        session.channel_selected.connect(lambda _ch: self._on_channel())
        session.cmap_changed.connect(self._on_cmap)
        session.view_changed.connect(self._on_view)
        self.plot.scene().sigMouseMoved.connect(self._on_hover)
        self.plot.scene().sigMouseClicked.connect(self._on_click)
        for key, step in ((Qt.Key.Key_Left, -1), (Qt.Key.Key_Right, 1)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self.step_channel(step))

    # ------------------------------------------------------------------ the dock's own settings

    def set_mosaic_settings(self, **changes: str) -> None:
        """Change the scaling (``normalize``: layer or channel) or the order (``order``: index or mean)."""
        new = replace(self.settings, **changes)
        if new == self.settings:
            return
        self.settings = new
        for combo, value in ((self.norm_combo, new.normalize), (self.order_combo, new.order)):
            combo.setCurrentIndex(combo.findData(value))
        self.refresh()

    def resolved_cmap(self) -> str:
        """The colour map the maps are drawn with now ("auto": coolwarm for a signed mosaic, else magma)."""
        cmap = self.session.cmap
        if cmap != AUTO_CMAP:
            return cmap
        return "coolwarm" if self.mosaic is not None and self.mosaic.mosaic.signed else "magma"

    def step_channel(self, delta: int) -> None:
        """Walk channels in the order the mosaic shows them."""
        channel = self.session.channel
        if self.mosaic is None or channel is None:
            return
        order = self.mosaic.mosaic.grid.order
        pos = order.index(channel) if channel in order else 0
        self.session.select_channel(order[min(max(pos + delta, 0), len(order) - 1)])

    # ------------------------------------------------------------------ what to ask for

    def _on_capture(self) -> None:
        self._wanted_mosaic = self._wanted_channel = None  # a new capture: everything is asked for again
        self.refresh()

    def on_front(self) -> None:
        self.refresh()  # behind a tab, it asked for nothing

    def refresh(self) -> None:
        """Follow the session: show a message, or ask for the selected layer's mosaic and channel."""
        s = self.session
        if s.result is None:
            self.mosaic = self.channel_view = None
            if not s.image_label or self.message() is not None:
                self.show_message(tr(NO_IMAGE))
            return  # else a new model's capture is on its way: keep the old maps on screen until it arrives
        act = s.activation()
        if not is_spatial(act):
            self.mosaic = self.channel_view = None
            shape = tr("no tensor output") if act is None else tr("shape {shape}").format(
                shape="×".join(map(str, act.shape[1:])))
            self.show_message(tr("Select a layer with a spatial output\n({layer}: {shape})").format(
                layer=s.layer or tr("no layer"), shape=shape))
            return
        self.show_body()
        if not self.in_front:
            return
        wanted = (s.layer, self.settings)
        if wanted != self._wanted_mosaic:
            self._wanted_mosaic = wanted
            job = jobs.MosaicJob(s.layer, act, self.settings.normalize, self.settings.order)
            s.request_view("mosaic", jobs.render_mosaic, job)
        self._request_channel(act)

    def _request_channel(self, act) -> None:
        s = self.session
        if s.channel is None:
            self._show_channel(None)
            return
        heat_cmap = "magma" if s.cmap == AUTO_CMAP or is_diverging(s.cmap) else s.cmap
        wanted = (s.layer, s.channel, heat_cmap)
        if wanted != self._wanted_channel:
            self._wanted_channel = wanted
            s.request_view("channel", jobs.render_channel, jobs.ChannelJob(s.layer, s.channel, act, s.result.view,
                                                                            heat_cmap))

    def _on_channel(self) -> None:
        self._place_highlight()
        act = self.session.activation()
        if self.in_front and is_spatial(act) and self.session.result is not None:
            self._request_channel(act)

    def _on_cmap(self) -> None:
        self.cmap_combo.setCurrentIndex(self.cmap_combo.findData(self.session.cmap))
        if self.mosaic is not None:
            self.item.setLookupTable(lut(self.resolved_cmap()))
            self._set_info()
            self.changed(self.plot.viewport(), self.info)
        self._show_channel(self.channel_view)
        self._on_channel()  # the channel's overlay is coloured with the map too

    # ------------------------------------------------------------------ what came back

    def _on_view(self, kind: str) -> None:
        s = self.session
        result = s.views.get(kind) if kind in ("mosaic", "channel") else None
        if result is None or result.key != s.layer or s.result is None:
            return
        if kind == "mosaic" and (result.normalize, result.order) == (self.settings.normalize, self.settings.order):
            self._show_mosaic(result)
        elif kind == "channel" and result.channel == s.channel:
            self._show_channel(result)

    def _show_mosaic(self, result: jobs.MosaicResult) -> None:
        self.mosaic = result
        self.show_body()
        mosaic = result.mosaic
        self.item.setImage(mosaic.image, autoLevels=False, levels=(0, 255))
        self.item.setLookupTable(lut(self.resolved_cmap()))
        if mosaic.image.shape != self._shown_shape:
            self._shown_shape = mosaic.image.shape
            self.vb.setRange(QRectF(0, 0, mosaic.image.shape[1], mosaic.image.shape[0]), padding=0.01)
        self._set_info()
        self._place_highlight()
        self.changed(self.plot.viewport(), self.info)

    def _set_info(self) -> None:
        result = self.mosaic
        mosaic = result.mosaic
        c, h, w = result.shape
        scale = tr("each channel on its own scale") if mosaic.per_channel else tr("one scale for the layer")
        self.info.setText(tr("<b>{key}</b>: {channels} channels of {h}×{w}, values {vmin} … {vmax} ({scale}, "
                             "{cmap})").format(key=result.key, channels=c, h=h, w=w, vmin=f"{mosaic.vmin:.3g}",
                                               vmax=f"{mosaic.vmax:.3g}", scale=scale, cmap=self.resolved_cmap()))

    def _place_highlight(self) -> None:
        mosaic, channel = self.mosaic, self.session.channel
        if mosaic is None or channel is None or channel not in mosaic.mosaic.grid.order:
            self.highlight.hide()
            return
        x, y, w, h = mosaic.mosaic.grid.rect(channel)
        self.highlight.setRect(QRectF(x - 0.5, y - 0.5, w + 1, h + 1))
        self.highlight.show()
        self.changed(self.plot.viewport())

    def _show_channel(self, view: jobs.ChannelResult | None) -> None:
        self.channel_view = view
        if view is None:
            self.heat.set_array(None)
            self.overlay.set_array(None)
            self.heat_caption.setText("")
            self.overlay_caption.setText("")
        else:
            self.heat.set_array(lut(self.resolved_cmap())[view.heat])
            self.overlay.set_array(view.overlay)
            h, w = view.heat.shape
            self.heat_caption.setText(tr("channel {channel} of {key} ({h}×{w})").format(
                channel=view.channel, key=view.key, h=h, w=w))
            self.overlay_caption.setText(tr("over the input (upsampled)"))
        self.changed(self.heat, self.overlay)

    # ------------------------------------------------------------------ mouse

    def _unit_at(self, scene_pos) -> tuple[int, int, int] | None:
        mosaic = self.mosaic
        if mosaic is None or not self.vb.sceneBoundingRect().contains(scene_pos):
            return None
        point = self.item.mapFromScene(scene_pos)
        return mosaic.mosaic.grid.unit_at(point.x(), point.y())

    def _on_hover(self, scene_pos) -> None:
        unit = self._unit_at(scene_pos)
        mosaic = self.mosaic
        act = self.session.activation(mosaic.key) if mosaic is not None else None
        if unit is None or act is None:
            self.hover.setText(tr(HOVER_HINT))
            return
        channel, y, x = unit
        inside = channel < act.shape[1] and y < act.shape[2] and x < act.shape[3]
        value = float(act[0, channel, y, x]) if inside else float("nan")
        self.hover.setText(tr("{key}  channel {channel}  at (row {row}, col {col}):  {value}").format(
            key=mosaic.key, channel=channel, row=y, col=x, value=f"{value:.4g}"))

    def _on_click(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        unit = self._unit_at(event.scenePos())
        if unit is not None:
            self.session.select_channel(unit[0])
            self.session.select_unit(self.mosaic.key, unit[1], unit[2])

    def shown_image(self) -> np.ndarray | None:
        """The mosaic image on screen (for tests and benchmarks)."""
        return None if self.message() is not None else self.item.image
