"""The page of the lesson "Shared weights and location": sliders that move the input, the selected layer's maps
for the original and the moved input side by side, a per-layer chart of how much each output stays the same, and
the convolution's weight count beside a fully connected layer's.

The tensor work runs in the render worker (:func:`~cnnviz.gui.lessons.shared_weights_view.compute` through
``session.request_view``; the newest request wins, so a dragged slider stays light).
"""

from __future__ import annotations

import html

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout

from ...core.i18n import translator
from ...core.lessons.shared_weights import lesson_keys
from ..slanted_axis import SlantedAxis
from ..widgets import ImageView, plain_label, rich_label
from .page import ViewPage
from .shared_weights_view import ShiftJob, ShiftView, compute

tr = translator(__name__)

KIND = "lesson:shared-weights"
SAME = (70, 130, 200)  # blue: at the same places
ALONG = (230, 120, 40)  # orange: moved along with the input
SHIFT_RANGE = 10
ANGLE_RANGE = 90
PICTURE = 112  # pixels: the height of the input and of the maps
CHART = 230


class _SteepAxis(SlantedAxis):
    """Layer names slanted steeply, so that all ten fit under a chart as narrow as the Lesson dock."""

    ANGLE = 60.0


def _slider(low: int, high: int) -> QSlider:
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setRange(low, high)
    slider.setPageStep(1 if high <= SHIFT_RANGE else 5)
    slider.setTickPosition(QSlider.TickPosition.TicksBelow)
    slider.setTickInterval(2 if high <= SHIFT_RANGE else 15)
    return slider


class SharedWeightsPage(ViewPage):
    """Move the input with sliders; see the maps move and which layers stay the same."""

    lesson = "shared-weights"

    def __init__(self, window, parent=None) -> None:
        super().__init__(window, parent)
        self._serial = 0  # one more for every capture shown
        self.dx_slider, self.dy_slider = _slider(-SHIFT_RANGE, SHIFT_RANGE), _slider(-SHIFT_RANGE, SHIFT_RANGE)
        self.angle_slider = _slider(-ANGLE_RANGE, ANGLE_RANGE)
        self.dx_value, self.dy_value, self.angle_value = QLabel(), QLabel(), QLabel()
        self.reset_button = QPushButton(tr("Reset"))
        self.reset_button.setToolTip(tr("Back to the original position"))
        self.layer_combo = QComboBox()
        self.layer_combo.setToolTip(tr("The layer whose feature maps are drawn for both inputs"))
        self.inputs = [ImageView(tr("waiting for the image…")) for _ in range(2)]
        self.predictions = [plain_label() for _ in range(2)]
        self.maps = [ImageView(tr("waiting for the maps…")) for _ in range(2)]
        self.layer_note = plain_label(wrap=True)
        self.weights_note = rich_label(wrap=True)
        lines = self.fontMetrics().lineSpacing()
        self.layer_note.setMinimumHeight(5 * lines)  # room for the longest note: the layout stays put as it changes
        self.weights_note.setMinimumHeight(5 * lines)
        self._build_chart()
        self._lay_out()
        for slider in (self.dx_slider, self.dy_slider, self.angle_slider):
            slider.valueChanged.connect(self._moved)
        self.reset_button.clicked.connect(self.reset)
        self.layer_combo.currentIndexChanged.connect(self._layer_picked)
        self.session.capture_changed.connect(self._on_capture)
        self.session.view_changed.connect(self._on_view)
        self.session.layer_selected.connect(self._on_layer_selected)
        self.session.cmap_changed.connect(self.refresh)
        self._show_values()

    def _build_chart(self) -> None:
        self.axis = _SteepAxis()
        self.plot = pg.PlotWidget(background=self.palette().color(self.backgroundRole()),
                                  axisItems={"bottom": self.axis})
        self.plot.setFixedHeight(CHART)
        item = self.plot.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.setMouseEnabled(x=False, y=False)
        item.showGrid(y=True, alpha=0.25)
        item.setLabel("left", tr("similarity to the original"))
        self.same_bars = pg.BarGraphItem(x=[], height=[], width=0.38, brush=SAME, pen=None)
        self.along_bars = pg.BarGraphItem(x=[], height=[], width=0.38, brush=ALONG, pen=None)
        item.addItem(self.same_bars)
        item.addItem(self.along_bars)
        swatch = '<span style="color: rgb({}, {}, {});">&#9632;</span> {}'
        self.legend = rich_label("&nbsp;&nbsp;".join((swatch.format(*SAME, html.escape(tr("at the same places"))),
                                                      swatch.format(*ALONG, html.escape(
                                                          tr("moved along with the input"))))), wrap=True)
        item.addLine(y=1.0, pen=pg.mkPen((120, 120, 120), style=Qt.PenStyle.DashLine))

    def _lay_out(self) -> None:
        controls = QGridLayout()
        rows = ((tr("Shift right"), self.dx_slider, self.dx_value), (tr("Shift down"), self.dy_slider, self.dy_value),
                (tr("Rotate"), self.angle_slider, self.angle_value))
        for row, (label, slider, value) in enumerate(rows):
            controls.addWidget(QLabel(label), row, 0)
            controls.addWidget(slider, row, 1)
            value.setMinimumWidth(48)
            controls.addWidget(value, row, 2)
        controls.addWidget(self.reset_button, 2, 3)
        layer_row = QHBoxLayout()
        layer_row.addWidget(QLabel(tr("Layer")))
        layer_row.addWidget(self.layer_combo, 1)
        pictures = QGridLayout()
        for row, title in enumerate((tr("Original"), tr("Moved"))):
            heading = QLabel(title)
            heading.setStyleSheet("font-weight: bold;")
            side = QVBoxLayout()
            side.addWidget(heading)
            side.addWidget(self.predictions[row])
            side.addStretch(1)
            pictures.addLayout(side, row, 0)
            self.inputs[row].setFixedSize(PICTURE, PICTURE)
            pictures.addWidget(self.inputs[row], row, 1)
            self.maps[row].setFixedHeight(PICTURE)
            pictures.addWidget(self.maps[row], row, 2)
        pictures.setColumnStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.error_label)
        layout.addLayout(layer_row)
        layout.addLayout(pictures)
        layout.addWidget(self.layer_note)
        layout.addWidget(self.legend)
        layout.addWidget(self.plot)
        layout.addWidget(self.weights_note)

    # ------------------------------------------------------------------ the lesson's life

    def shift(self) -> tuple[int, int, float]:
        """``(dx, dy, angle)`` as the sliders are set."""
        return self.dx_slider.value(), self.dy_slider.value(), float(self.angle_slider.value())

    def set_shift(self, dx: int, dy: int, angle: float = 0.0) -> None:
        """Set the sliders (as a user dragging them would); values beyond their range are clamped."""
        for slider, value in ((self.dx_slider, dx), (self.dy_slider, dy), (self.angle_slider, angle)):
            slider.blockSignals(True)
            slider.setValue(int(round(value)))
            slider.blockSignals(False)
        self._moved()

    def reset(self) -> None:
        self.set_shift(0, 0, 0.0)

    def layer(self) -> str | None:
        return self.layer_combo.currentData()

    def _moved(self, *_args) -> None:
        self._show_values()
        self.refresh()

    def _show_values(self) -> None:
        dx, dy, angle = self.shift()
        self.dx_value.setText(tr("{n} px").format(n=dx))
        self.dy_value.setText(tr("{n} px").format(n=dy))
        self.angle_value.setText(tr("{n}°").format(n=int(angle)))

    # ------------------------------------------------------------------ following the session

    def _on_capture(self) -> None:
        result = self.session.result
        if result is None:
            return
        model = result.model  # the model this capture came from (another may be loading)
        self._serial += 1
        keys = [k for k in lesson_keys(model.loaded.module, result.capture)
                if k != "input" and result.capture[k].dim() == 4]
        current = self.layer() or self.session.layer
        self.layer_combo.blockSignals(True)
        self.layer_combo.clear()
        for key in keys:
            self.layer_combo.addItem(key, key)
        index = self.layer_combo.findData(current)
        self.layer_combo.setCurrentIndex(index if index >= 0 else 0)
        self.layer_combo.blockSignals(False)
        self.refresh()

    def _on_layer_selected(self, key: str) -> None:
        index = self.layer_combo.findData(key)
        if index >= 0 and index != self.layer_combo.currentIndex():
            self.layer_combo.setCurrentIndex(index)

    def _layer_picked(self, _index: int) -> None:
        key = self.layer()
        if key and key != self.session.layer and self.session.result is not None \
                and key in self.session.result.capture:
            self.session.select_layer(key)
        self.refresh()

    def refresh(self) -> None:
        """Ask the render worker for the study of the sliders' position (the newest request wins)."""
        result = self.session.result
        if result is None:
            return
        model = result.model
        dx, dy, angle = self.shift()
        key = (self._serial, dx, dy, angle, self.layer(), self.session.cmap)
        if key == self._wanted:
            return
        self._wanted = key
        job = ShiftJob(key, model, result.capture["input"], dx, dy, angle, self.layer() or "", self.session.cmap)
        self.session.request_view(KIND, compute, job)

    def _on_view(self, kind: str) -> None:
        view = self.newest_view(kind, KIND, ShiftView, self._wanted)
        if view is not None:
            self.view = view
            if not view.error:
                self._draw(view)

    # ------------------------------------------------------------------ drawing

    def _class_name(self, index: int) -> str:
        names = self.view.class_names if self.view is not None else ()
        return names[index] if index < len(names) else str(index)

    def _draw(self, view: ShiftView) -> None:
        for picture, array in zip(self.inputs, (view.original_input, view.moved_input)):
            picture.set_array(array)
        for label, cls, p in zip(self.predictions, (view.original_class, view.moved_class),
                                 (view.original_probability, view.moved_probability)):
            label.setText(tr("predicted {name}\n({p:.1f} %)").format(name=self._class_name(cls), p=100 * p))
        for maps, array in zip(self.maps, (view.original_maps, view.moved_maps)):
            maps.set_array(array, smooth=False)
            if array is None:
                maps.set_hint(tr("this layer has no maps"))
        self.layer_note.setText(self._layer_text(view))
        self.weights_note.setText(self._weights_text(view))
        self._draw_chart(view)
        self.changed(*self.inputs, *self.predictions, *self.maps, self.layer_note, self.weights_note, self.plot)

    def _layer_text(self, view: ShiftView) -> str:
        move = view.layer(self.layer() or "")
        if move is None or move.stride is None:
            return ""
        sy, sx = move.map_shift
        text = tr("{layer}: stride {stride}, so its maps should move {x:g} of their pixels right and {y:g} down "
                  "(the shift divided by the stride).").format(layer=move.key, stride=move.stride[1], x=sx, y=sy)
        if view.grid is not None and len(view.grid.order) < view.channels:
            text += " " + tr("Drawn: its first {shown} of {channels} channels.").format(
                shown=len(view.grid.order), channels=view.channels)
        if move.moved_along is not None:
            text += " " + tr("Moved along, the original maps match the moved input's with similarity {s:.3f} "
                             "({n} positions away from the borders).").format(s=move.moved_along, n=move.compared)
        elif view.key[3]:
            text += " " + tr("A rotation is not a shift: nothing moves the maps along with it.")
        else:
            text += " " + tr("Its receptive fields are too wide: no unit stays away from the borders.")
        return text

    def _weights_text(self, view: ShiftView) -> str:
        w = view.weights
        if w is None:
            return ""
        positions = " × ".join(str(v) for v in w.output_shape[1:])
        return tr("<b>{layer}</b>: {weights:,} weights + {biases:,} biases, the same ones at all {positions} "
                  "positions. A fully connected layer from the same {n_in:,} inputs to the same {n_out:,} outputs "
                  "needs {linear:,} weights + {linear_biases:,} biases: {ratio:,.0f} times as many.").format(
            layer=html.escape(w.key), weights=w.conv_weights, biases=w.conv_biases, positions=positions,
            n_in=w.linear_in, n_out=w.linear_out, linear=w.linear_weights, linear_biases=w.linear_biases,
            ratio=w.ratio)

    def _draw_chart(self, view: ShiftView) -> None:
        xs = list(range(len(view.layers)))
        same = [layer.same_place for layer in view.layers]
        along = [(x, layer.moved_along) for x, layer in zip(xs, view.layers) if layer.moved_along is not None]
        self.same_bars.setOpts(x=[x - 0.2 for x in xs], height=same)
        self.along_bars.setOpts(x=[x + 0.2 for x, _ in along], height=[v for _, v in along])
        self.axis.set_labels([(x, layer.key) for x, layer in zip(xs, view.layers)])
        low = min([0.0] + same + [v for _, v in along])
        self.plot.getPlotItem().setYRange(low - 0.05, 1.1, padding=0)
        self.plot.getPlotItem().setXRange(-1.4, len(xs) - 0.4, padding=0)

    def numbers(self) -> dict[str, float]:
        """Every number the page shows (the sliders, the predictions, the bars, the layer's note, the weights)."""
        view = self.view
        dx, dy, angle = self.shift()
        out: dict[str, float] = {"shift_x": dx, "shift_y": dy, "rotation": angle}
        if view is None or view.error:
            return out
        out.update(original_class=view.original_class, original_probability=view.original_probability,
                   moved_class=view.moved_class, moved_probability=view.moved_probability)
        for layer in view.layers:
            out[f"same_place:{layer.key}"] = layer.same_place
            if layer.moved_along is not None:
                out[f"moved_along:{layer.key}"] = layer.moved_along
        move = view.layer(self.layer() or "")
        if move is not None and move.stride is not None:
            out.update(layer_stride=move.stride[1], layer_shift_x=move.map_shift[1], layer_shift_y=move.map_shift[0])
            if move.moved_along is not None:
                out.update(layer_moved_along=move.moved_along, layer_compared=move.compared)
        if view.grid is not None:
            out.update(layer_channels=view.channels, layer_channels_drawn=len(view.grid.order))
        w = view.weights
        if w is not None:
            out.update(conv_weights=w.conv_weights, conv_biases=w.conv_biases, linear_inputs=w.linear_in,
                       linear_outputs=w.linear_out, linear_weights=w.linear_weights,
                       linear_biases=w.linear_biases, weight_ratio=w.ratio)
            for i, v in enumerate(w.output_shape[1:]):
                out[f"conv_positions_{'yx'[i] if len(w.output_shape) == 3 else i}"] = v
        return out
