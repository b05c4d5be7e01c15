"""The attribution dock: why the network chose a class, as a map over the input (the picture
``cnnviz render --view gradcam`` draws).

The render worker runs :func:`cnnviz.core.analysis.attribution.attribute` under the model's lock and
colours the map (:func:`~cnnviz.core.views.attribution_view.attribution_overlay` at full opacity);
the dock blends that over the input with the opacity slider, so moving it recomputes nothing.
Like the feature maps, the dock asks for work only while it is in front.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QLabel, QSlider, QVBoxLayout

from ...core.analysis.attribution import LAYER_METHODS, METHODS, attribute
from ...core.errors import CnnvizError
from ...core.views.attribution_view import METHOD_TITLES, attribution_overlay, overlay_title
from ..jobs import is_spatial
from ..session import AUTO_CMAP
from ..widgets import ImageView, plain_label, rich_label
from .base import Panel

NO_IMAGE = "Drop an image to see which of its pixels the network's choice rests on"
DEFAULT_CMAP = "inferno"
TOP = 5


@dataclass(frozen=True)
class AttributionResult:
    """What the worker made: the input as the model sees it and the coloured map, both ``H x W x 3`` uint8."""

    key: tuple
    base: np.ndarray
    heat: np.ndarray
    title: str
    layer: str | None


def compute_attribution(key: tuple, model, x, view: np.ndarray, method: str, layer: str | None,
                        target: int | None, cmap: str) -> AttributionResult | str:
    """The render worker's job: the map of ``method`` for class ``target`` (None: the top class), coloured;
    or the one-line reason there is none."""
    try:
        with model.lock:
            maps = attribute(model.loaded.module, x, method=method, layers=layer, target=target)
        ((shown_layer, amap),) = maps.items()
        heat = attribution_overlay(view, amap, method=maps.method, opacity=1.0, cmap=cmap)
    except CnnvizError as exc:
        return str(exc)
    img = np.asarray(view)
    base = np.ascontiguousarray(np.broadcast_to(img.reshape(*img.shape[:2], -1), heat.shape))
    cls = int(maps.targets[0])
    names = model.loaded.info.class_names
    name = names[cls] if names and cls < len(names) else ""
    logits = maps.logits[0].float()
    title = overlay_title(maps.method, shown_layer, cls, name, float(logits[cls]), float(logits.softmax(0)[cls]))
    return AttributionResult(key, base, heat, title, None if shown_layer == "input" else shown_layer)


def blend(base: np.ndarray, heat: np.ndarray, opacity: float) -> np.ndarray:
    """``base * (1 - opacity) + heat * opacity``, rounded, as uint8 (what the overlay does, on the host)."""
    out = base.astype(np.float32) * (1.0 - opacity) + heat.astype(np.float32) * opacity
    return np.ascontiguousarray(np.clip(np.rint(out), 0, 255).astype(np.uint8))


class AttributionPanel(Panel):
    """The input with the chosen method's map for the chosen class over it."""

    title = "Attribution"
    name = "attribution_dock"
    area = Qt.DockWidgetArea.RightDockWidgetArea
    tab_with = "feature_maps_dock"
    preferred_width = 680

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self.result: AttributionResult | None = None
        self.picture: np.ndarray | None = None  # the blended picture on screen
        self.requests = 0  # how many maps this dock asked the worker for (tests: none while behind a tab)
        self._wanted: tuple | None = None
        self._capture_serial = 0
        self.method = "gradcam"
        self.target: int | None = None  # None: the capture's top class
        self.method_combo = QComboBox()
        for method in METHODS:
            self.method_combo.addItem(METHOD_TITLES[method], method)
        self.method_combo.activated.connect(lambda i: self.set_method(self.method_combo.itemData(i)))
        self.class_combo = QComboBox()
        self.class_combo.setEditable(True)
        self.class_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.class_combo.setMinimumContentsLength(18)
        completer = self.class_combo.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.class_combo.activated.connect(lambda i: self.set_target(self.class_combo.itemData(i)))
        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setRange(0, 100)
        self.opacity.setValue(50)
        self.opacity.setMaximumWidth(140)
        self.opacity.valueChanged.connect(lambda _v: self._blend())
        self.header = rich_label(wrap=True)
        self.note = plain_label()
        self.note.setStyleSheet("color: palette(placeholder-text);")
        self.image = ImageView("computing\u2026")
        self._build_layout()
        session.capture_changed.connect(self._on_capture)
        session.model_changed.connect(self._on_capture)
        session.layer_selected.connect(lambda _key: self.refresh())
        session.cmap_changed.connect(self.refresh)
        session.view_changed.connect(self._on_view)
        self.show_message(NO_IMAGE)

    def _build_layout(self) -> None:
        controls = QHBoxLayout()
        for label, widget in (("Method", self.method_combo), ("Class", self.class_combo), ("Opacity", self.opacity)):
            controls.addWidget(QLabel(label))
            controls.addWidget(widget)
        controls.addStretch(1)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(controls)
        layout.addWidget(self.header)
        layout.addWidget(self.image, 1)
        layout.addWidget(self.note)

    # ------------------------------------------------------------------ the dock's own choices

    def set_method(self, method: str) -> None:
        """Explain with another method (a name of :data:`~cnnviz.core.analysis.attribution.METHODS`)."""
        if method not in METHODS:
            raise CnnvizError(f"unknown attribution method '{method}'; choose one of: {', '.join(METHODS)}")
        self.method_combo.setCurrentIndex(self.method_combo.findData(method))
        if method != self.method:
            self.method = method
            self.refresh()

    def set_target(self, target: int | None) -> None:
        """Explain class ``target`` (an index of the model's output), or the top class with None."""
        target = None if target is None else int(target)
        found = self.class_combo.findData(target)
        if found >= 0:
            self.class_combo.setCurrentIndex(found)
        if target != self.target:
            self.target = target
            self.refresh()

    def opacity_value(self) -> float:
        return self.opacity.value() / 100.0

    # ------------------------------------------------------------------ what to ask for

    def _class_names(self) -> tuple[str, ...]:
        s = self.session
        return tuple(s.model.loaded.info.class_names) if s.model is not None else ()

    def _fill_classes(self) -> None:
        """The capture's top five first, then every class (type to filter by name)."""
        s, names = self.session, self._class_names()
        combo = self.class_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("top class", None)
        if s.result is not None:
            outputs = s.result.capture.get("output")
            count = int(outputs.shape[-1]) if outputs is not None and outputs.dim() >= 1 else len(names)
            for name, p in s.result.top[:TOP]:
                index = names.index(name) if name in names else _class_index(name)
                if index is not None:
                    combo.addItem(f"{index}: {name} ({p:.0%})", index)
            combo.insertSeparator(combo.count())
            for i in range(count):
                combo.addItem(f"{i}: {names[i]}" if i < len(names) else f"{i}", i)
        found = combo.findData(self.target) if self.target is not None else -1
        if self.target is not None and found < 0:
            self.target = None
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)

    def _on_capture(self) -> None:
        self._capture_serial += 1
        self._fill_classes()
        self.refresh()

    def on_front(self) -> None:
        self.refresh()  # behind a tab, it asked for nothing

    def refresh(self) -> None:
        """Follow the session: a message, or ask for the map of the current image, layer, method and class."""
        s = self.session
        if s.result is None or s.model is None or s.result.model is not s.model:
            if s.result is None:
                self.result = self.picture = None
                self.show_message(NO_IMAGE)
            return
        self.show_body()
        layer = None
        if self.method in LAYER_METHODS:
            act = s.activation()
            if not s.layer or s.layer in ("input", "output") or not is_spatial(act):
                shape = "no tensor output" if act is None else "shape " + "\u00d7".join(map(str, act.shape[1:]))
                self._show_problem(f"{METHOD_TITLES[self.method]} needs a convolutional layer with a spatial output; "
                                   f"{s.layer or 'no layer'} gives {shape}. Select one, or pick a pixel method.")
                return
            layer = s.layer
        if not self.in_front:
            return
        cmap = DEFAULT_CMAP if s.cmap == AUTO_CMAP else s.cmap
        key = (self._capture_serial, self.method, layer, self.target, cmap)
        if key == self._wanted:
            return
        self._wanted = key
        self.requests += 1
        self.note.setText(f"computing {METHOD_TITLES[self.method]}\u2026")
        self.changed(self.note)
        s.request_view("attribution", compute_attribution, key, s.model, s.result.capture["input"], s.result.view,
                       self.method, layer, self.target, cmap)

    def _show_problem(self, text: str) -> None:
        self._wanted = None
        self.result = self.picture = None
        self.header.setText("")
        self.image.set_array(None)
        self.image.set_hint("")
        self.note.setText(text)
        self.changed(self.header, self.image, self.note)

    # ------------------------------------------------------------------ what came back

    def _on_view(self, kind: str) -> None:
        if kind != "attribution":
            return
        result = self.session.views.get(kind)
        if isinstance(result, str):
            wanted = self._wanted
            self._show_problem(result.splitlines()[0] if result else "no map")
            self._wanted = wanted  # the same choices would fail again: asked for again only when one changes
        elif isinstance(result, AttributionResult) and result.key == self._wanted:
            self.result = result
            self.show_body()
            self.header.setText(f"<b>{escape(result.title)}</b>")
            how = "pixel method: the layer selection does not matter" if result.layer is None else \
                f"map at {result.layer}, upsampled to the input"
            self.note.setText(f"{how}; the input as the model sees it, {result.base.shape[0]}\u00d7"
                              f"{result.base.shape[1]}")
            self._blend()
            self.changed(self.header, self.note)

    def _blend(self) -> None:
        result = self.result
        if result is None:
            return
        self.picture = blend(result.base, result.heat, self.opacity_value())
        self.image.set_array(self.picture)
        self.changed(self.image)

    def shown_image(self) -> np.ndarray | None:
        """The picture on screen (for tests and benchmarks)."""
        return None if self.message() is not None else self.picture


def _class_index(name: str) -> int | None:
    """``"class 7"`` (how a model without names labels its outputs) -> 7."""
    head, _, tail = name.rpartition(" ")
    return int(tail) if head == "class" and tail.isdigit() else None
