"""The attribution dock: why the network chose a class, as a map over the input (the picture
``cnnviz render --view gradcam`` draws), at every depth, for one class or two side by side.

For Grad-CAM, Grad-CAM++ and LayerCAM a depth strip (:mod:`.attribution_strip`) holds the map of every
convolution and LayerCAM's fusion, all from one render-worker job per (capture, method, class, colour
map), kept while the capture lasts; scrubbing it selects that layer in the session (the other docks
follow) and a layer selected elsewhere moves it. A layer that is not a convolution (a block, a branch)
and the other methods get one map each (:func:`~.attribution_strip.compute_attribution`, which runs
:func:`cnnviz.core.analysis.attribution.attribute` under the model's lock). Maps come coloured at full
opacity; the dock blends them over the input with the opacity slider, so moving it recomputes nothing.
Like the feature maps, the dock asks for work only while it is in front.
"""

from __future__ import annotations

from html import escape

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSlider, QSplitter, QVBoxLayout, QWidget

from ...core.analysis.attribution import LAYER_METHODS, METHODS
from ...core.analysis.attribution_common import convolutions
from ...core.analysis.forward_progress import CANCELLED
from ...core.analysis.layer_cams import CAM_METHODS
from ...core.errors import CnnvizError
from ...core.i18n import marker, translator
from ...core.views.attribution_view import METHOD_TITLES
from ..jobs import ExplainWish, is_spatial
from ..session import AUTO_CMAP
from ..widgets import ImageView, plain_label, rich_label
from .attribution_strip import (FUSION_LABEL, AttributionResult, DepthResult, DepthStrip, blend, compute_attribution,
                                compute_depth, entry_for, no_strip_reason)
from .attribution_progress import SLOW_METHODS, SlowJobs
from .base import Panel
from .class_picker import choose, class_combo, fill_classes
from .sanity_box import SanityBox

tr = translator(__name__)
N_ = marker(__name__)

NO_IMAGE = N_("Drop an image to see which of its pixels the network's choice rests on")
DEFAULT_CMAP = "inferno"
TOP = 5
SINGLE = ("attribution", "attribution_compare")  # the render jobs of one map, per side
DEPTH = ("attribution_depth", "attribution_depth_compare")  # the strip's jobs, per side
KEEP = 8  # strips kept per capture (methods and classes the user went back to come back at once)


class AttributionPanel(Panel):
    """The input with the chosen method's map for the chosen class over it (and a second class's beside it)."""

    title = N_("Attribution")
    name = "attribution_dock"
    area = Qt.DockWidgetArea.RightDockWidgetArea
    tab_with = "feature_maps_dock"
    preferred_width = 680

    subject_changed = Signal(object)  # (method, layer or None, target or None), see subject()

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self.result: AttributionResult | None = None  # the map shown (the first class's)
        self.result_b: AttributionResult | None = None  # the second class's, beside it
        self.picture: np.ndarray | None = None  # the blended pictures on screen
        self.picture_b: np.ndarray | None = None
        self.requests = 0  # how many jobs this dock asked the worker for (tests: none while behind a tab)
        self.method = "gradcam"
        self.target: int | None = None  # None: the capture's top class
        self.compare: int | None = None  # None: one class only
        self.fusion = False  # the strip's last entry is shown instead of the selected layer
        self._capture_serial = 0
        self._depth: dict[tuple, DepthResult] = {}
        self._single: dict[str, AttributionResult] = {}
        self._asked: dict[str, tuple] = {}  # per job kind, the key asked for last
        self._errors: dict[str, tuple[tuple, str, bool]] = {}  # per job kind, a key that failed, why, cancelled
        self._convs: list[str] = []  # the model's convolutions in forward order (the strip's entries)
        self._order: dict[str, int] = {}  # capture key -> position in the forward pass
        self._subject: tuple | None = None
        self._build_widgets()
        self._build_layout()
        session.capture_changed.connect(self._on_capture)
        session.model_changed.connect(self._on_capture)
        session.layer_selected.connect(self._on_layer)
        session.cmap_changed.connect(self.refresh)
        session.view_changed.connect(self._on_view)
        self.visibilityChanged.connect(self._on_shown)
        self.show_message(tr(NO_IMAGE))

    def _build_widgets(self) -> None:
        self.method_combo = QComboBox()
        for method in METHODS:
            self.method_combo.addItem(tr(METHOD_TITLES[method]), method)
        self.method_combo.activated.connect(lambda i: self.set_method(self.method_combo.itemData(i)))
        self.class_combo = class_combo(tr("top class"))
        self.class_combo.activated.connect(lambda i: self.set_target(self.class_combo.itemData(i)))
        self.compare_combo = class_combo(tr("none"))
        self.compare_combo.activated.connect(lambda i: self.set_compare(self.compare_combo.itemData(i)))
        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setRange(0, 100)
        self.opacity.setValue(50)
        self.opacity.setMaximumWidth(140)
        self.opacity.valueChanged.connect(lambda _v: self._blend())
        self.header, self.header_b = rich_label(wrap=True), rich_label(wrap=True)
        self.image, self.image_b = ImageView(tr("computing\u2026")), ImageView(tr("computing\u2026"))
        self.side_b = QWidget()  # the second class's title and picture
        self.strip = DepthStrip()
        self.strip.picked.connect(self._on_picked)
        self.strip_note = plain_label(wrap=True)
        self.sanity = SanityBox()  # the honesty checks of the map shown, on request
        self.slow = SlowJobs()  # progress and Cancel of integrated gradients, SmoothGrad and occlusion
        self.note = plain_label(wrap=True)
        for label in (self.strip_note, self.note):
            label.setStyleSheet("color: palette(placeholder-text);")

    def _build_layout(self) -> None:
        rows = [((tr("Method"), self.method_combo), (tr("Opacity"), self.opacity)),
                ((tr("Class"), self.class_combo), (tr("Compare with"), self.compare_combo))]
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(6, 6, 6, 6)
        for row in rows:
            controls = QHBoxLayout()
            for label, widget in row:
                controls.addWidget(QLabel(label))
                controls.addWidget(widget)
            controls.addStretch(1)
            layout.addLayout(controls)
        pictures = QHBoxLayout()
        for column, header, image in ((QWidget(), self.header, self.image), (self.side_b, self.header_b, self.image_b)):
            inner = QVBoxLayout(column)
            inner.setContentsMargins(0, 0, 0, 0)
            inner.addWidget(header)
            inner.addWidget(image, 1)
            pictures.addWidget(column, 1)
        top = QWidget()  # the maps and the strip; the honesty checks below, the split between them draggable
        above = QVBoxLayout(top)
        above.setContentsMargins(0, 0, 0, 0)
        above.addLayout(pictures, 1)
        above.addWidget(self.strip)
        above.addWidget(self.strip_note)
        above.addWidget(self.note)
        above.addWidget(self.slow)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(top)
        self.split.addWidget(self.sanity)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 1)
        self.split.setChildrenCollapsible(True)
        self.sanity.plots_shown.connect(self._on_plots)
        layout.addWidget(self.split, 1)
        self.side_b.hide()

    # ------------------------------------------------------------------ the dock's own choices

    def set_method(self, method: str) -> None:
        """Explain with another method (a name of :data:`~cnnviz.core.analysis.attribution.METHODS`)."""
        if method not in METHODS:
            raise CnnvizError(tr("unknown attribution method '{method}'; choose one of: {methods}").format(
                method=method, methods=", ".join(METHODS)))
        self.method_combo.setCurrentIndex(self.method_combo.findData(method))
        if method != self.method:
            self.method = method
            self.refresh()
        elif any(failed[2] for failed in self._errors.values()):  # picked again after a cancel
            self._errors.clear()
            self._asked = {k: v for k, v in self._asked.items() if k not in SINGLE}
            self.refresh()

    def set_target(self, target: int | None) -> None:
        """Explain class ``target`` (an index of the model's output), or the top class with None."""
        target = choose(self.class_combo, target)
        if target != self.target:
            self.target = target
            self.refresh()

    def set_compare(self, target: int | None) -> None:
        """Show class ``target``'s map beside the first one's (same method and layer); None: one class only."""
        target = choose(self.compare_combo, target)
        if target != self.compare:
            self.compare = target
            self.refresh()

    def show_fusion(self) -> None:
        """Show LayerCAM's fusion of every convolution (the strip's last entry)."""
        if not self.fusion:
            self.fusion = True
            self.refresh()

    def opacity_value(self) -> float:
        return self.opacity.value() / 100.0

    def subject(self) -> tuple[str, str | None, int | None]:
        """What the map explains: ``(method, layer, target)``; layer None for pixel methods (or no usable
        layer), ``"all"`` with method ``layercam`` for the fusion; target None for the top class."""
        if self.fusion and self.method in CAM_METHODS:
            return ("layercam", "all", self.target)
        if self.method not in LAYER_METHODS:
            return (self.method, None, self.target)
        layer = self.session.layer
        usable = layer not in (None, "", "input", "output") and is_spatial(self.session.activation())
        return (self.method, layer if usable else None, self.target)

    # ------------------------------------------------------------------ following the session

    def _class_names(self) -> tuple[str, ...]:
        s = self.session
        return tuple(s.model.loaded.info.class_names) if s.model is not None else ()

    def _fill_classes(self, combo: QComboBox, current: int | None) -> int | None:
        s = self.session
        return fill_classes(combo, current, self._class_names(), s.result.capture.get("output") if s.result else None,
                            s.result.top[:TOP] if s.result else [])

    def _on_capture(self) -> None:
        self._capture_serial += 1
        for kept in (self._depth, self._single, self._asked, self._errors):
            kept.clear()
        s = self.session
        self._order = {k: i for i, k in enumerate(s.result.capture)} if s.result is not None else {}
        module = s.model.loaded.module if s.model is not None else None
        convs = convolutions(module) if module is not None else []
        ran = sorted((k for k in convs if k in self._order), key=self._order.__getitem__)
        self._convs = ran + [k for k in convs if k not in self._order]
        self.target = self._fill_classes(self.class_combo, self.target)
        self.compare = self._fill_classes(self.compare_combo, self.compare)
        self.refresh()

    def _on_layer(self, _key: str) -> None:
        self.fusion = False
        self.refresh()

    def _on_picked(self, index: int) -> None:
        """The user clicked a thumbnail or moved the depth slider."""
        depth = self._depth.get(self._depth_key(self.target))
        if depth is None:
            return
        if index >= len(depth.layers):
            self.show_fusion()
            return
        self.fusion = False
        self.session.select_layer(depth.layers[index])  # the other docks follow
        self.refresh()

    def on_front(self) -> None:
        self.refresh()  # behind a tab, it asked for nothing

    # ------------------------------------------------------------------ what to ask for

    def _cmap(self) -> str:
        return DEFAULT_CMAP if self.session.cmap == AUTO_CMAP else self.session.cmap

    def _depth_key(self, target: int | None) -> tuple:
        return (self._capture_serial, self.method, target, self._cmap())

    def _plan(self, target: int | None) -> tuple[str, tuple | str]:
        """How one side's map is made: ``("depth", key)`` (from the strip), ``("single", key)`` or
        ``("problem", one line)``."""
        s = self.session
        if self.method in CAM_METHODS and not self._convs:
            return "problem", tr("{method} needs a convolution and {model} has none; pick a pixel method "
                                 "(saliency, integrated gradients ...)").format(method=tr(METHOD_TITLES[self.method]),
                                                                                model=s.model.loaded.info.name)
        if self.method in CAM_METHODS and (self.fusion or s.layer in self._convs):
            return "depth", self._depth_key(target)
        layer = None
        if self.method in LAYER_METHODS:
            act = s.activation()
            if not s.layer or s.layer in ("input", "output") or not is_spatial(act):
                shape = tr("no tensor output") if act is None else \
                    tr("shape {shape}").format(shape="\u00d7".join(map(str, act.shape[1:])))
                where = tr("Pick one in the strip or select one, or pick a pixel method.") \
                    if self.method in CAM_METHODS else tr("Select one, or pick a pixel method.")
                return "problem", tr("{method} needs a convolutional layer with a spatial output; {layer} gives "
                                     "{shape}. {where}").format(method=tr(METHOD_TITLES[self.method]),
                                                                layer=s.layer or tr("no layer"), shape=shape,
                                                                where=where)
            layer = s.layer
        return "single", (self._capture_serial, self.method, layer, target, self._cmap())

    def refresh(self) -> None:
        """Follow the session: a message, or ask for (and show) the maps of the current choices."""
        s = self.session
        subject = self.subject()
        if subject != self._subject:
            self._subject = subject
            self.subject_changed.emit(subject)
        if s.result is None or s.model is None or s.result.model is not s.model:
            if s.result is None:
                self.result = self.result_b = self.picture = self.picture_b = None
                self.sanity.clear()
                self.show_message(NO_IMAGE)
            return
        self.show_body()
        self._update_wish()
        self._feed_sanity(subject)
        if not self.in_front:
            return  # nothing asked for, nothing redrawn: on_front catches up
        if self.method not in SLOW_METHODS:
            self.slow.drop()  # a slow map still running is not wanted any more: the worker is freed
        for side, target in enumerate([self.target] + ([self.compare] if self.compare is not None else [])):
            how, key = self._plan(target)
            if how == "single":
                self._ask(SINGLE[side], key, compute_attribution, key, s.model, s.result.capture["input"],
                          s.result.view, self.method, key[2], target, key[4], self._taken(target, [key[2]]),
                          slow=self.method in SLOW_METHODS)
            if self.method in CAM_METHODS and self._convs and (side == 0 or how == "depth"):
                key = self._depth_key(target)
                self._ask(DEPTH[side], key, compute_depth, key, s.model, s.result.capture["input"],
                          s.result.view, self.method, tuple(self._convs), target, key[3],
                          self._taken(target, self._convs))
        if s.result.explained is not None:
            s.result.explained.release()  # the jobs have it, or it did not fit what was asked
        self._show()

    def _on_plots(self, shown: bool) -> None:
        """A check's plots appeared: give them about 40 % of the height (the user may drag the split)."""
        if shown:
            total = sum(self.split.sizes())
            self.split.setSizes([total - max(300, total * 2 // 5), max(300, total * 2 // 5)])

    def _feed_sanity(self, subject: tuple) -> None:
        """The honesty checks follow the map shown (a layer method without a usable layer: nothing to check)."""
        method, layer, target = subject
        if method in LAYER_METHODS and layer is None:
            self.sanity.clear()
        else:
            self.sanity.set_subject(self.session.model, self.session.result.capture["input"], method, layer, target)

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        return self.sanity.shutdown(timeout_ms)

    def _wish(self) -> ExplainWish | None:
        """What this dock will ask for after the next capture (the inference worker then computes it with the
        capture's own forward): every convolution, and the selected layer, for the first class."""
        s = self.session
        if not self.in_front or self.method not in CAM_METHODS or not self._convs or s.model is None:
            return None
        extra = () if s.layer in self._convs or s.layer in (None, "", "input", "output") else (s.layer,)
        return ExplainWish(self.method, (*self._convs, *extra), self.target)

    def _update_wish(self) -> None:
        self.session.wish_explanation(self._wish())

    def _on_shown(self, visible: bool) -> None:
        if not visible:  # behind a tab or closed: the captures need not keep their graph
            self.session.wish_explanation(None)

    def _taken(self, target: int | None, layers) -> object:
        """The capture's own backward for ``target`` if it holds ``layers`` (None otherwise)."""
        explained = self.session.result.explained
        return None if explained is None or None in layers else explained.get(target, layers)

    def _ask(self, kind: str, key: tuple, fn, *args, slow: bool = False) -> None:
        known = self._depth if kind in DEPTH else {}
        single = self._single.get(kind)
        if key in known or (single is not None and single.key == key) or self._asked.get(kind) == key:
            return
        self._asked[kind] = key
        self.requests += 1
        if slow:  # progress and Cancel below the map; an older slow job of this kind is cancelled
            args = (*args, *self.slow.start(kind, tr(METHOD_TITLES[self.method])))
        self.session.request_view(kind, fn, *args)

    # ------------------------------------------------------------------ what came back

    def _on_view(self, kind: str) -> None:
        if kind not in SINGLE + DEPTH:
            return
        result = self.session.views.get(kind)
        if kind in SINGLE:
            self.slow.finish(kind)
        if isinstance(result, str):
            line = result.splitlines()[0] if result else tr("no map")
            cancelled = CANCELLED in line
            if cancelled:
                line = tr("{method} attribution cancelled: pick it again under Method to compute it").format(
                    method=tr(METHOD_TITLES[self.method]))
            self._errors[kind] = (self._asked.get(kind, ()), line, cancelled)
        elif isinstance(result, DepthResult) and result.key == self._asked.get(kind):
            self._depth[result.key] = result
            while len(self._depth) > KEEP:
                self._depth.pop(next(iter(self._depth)))
        elif isinstance(result, AttributionResult) and result.key == self._asked.get(kind):
            self._single[kind] = result
        else:
            return
        self._show()

    def _side(self, side: int, target: int | None) -> AttributionResult | str | None:
        """One side's map, the one-line reason there is none, or None while it is being computed."""
        how, key = self._plan(target)
        if how == "problem":
            return key
        kind = (DEPTH if how == "depth" else SINGLE)[side]
        failed = self._errors.get(kind)
        if failed is not None and failed[0] == key:
            return failed[1]
        if how == "single":
            single = self._single.get(kind)
            return single if single is not None and single.key == key else None
        depth = self._depth.get(key)
        if depth is None:
            return None
        if not self.fusion and self.session.layer not in depth.layers:
            return tr("{layer} did not run in the forward pass; pick another layer in the strip").format(
                layer=self.session.layer)
        return depth.entry(depth.count() - 1 if self.fusion else depth.layers.index(self.session.layer))

    def _show(self) -> None:
        s = self.session
        if s.result is None or s.model is None or self.message() is not None:
            return
        self._show_strip()
        first = self._side(0, self.target)
        self.result = first if isinstance(first, AttributionResult) else None
        second = self._side(1, self.compare) if self.compare is not None else None
        self.result_b = second if isinstance(second, AttributionResult) else None
        for header, image, shown in ((self.header, self.image, first), (self.header_b, self.image_b, second)):
            header.setText(f"<b>{escape(shown.title)}</b>" if isinstance(shown, AttributionResult) else "")
            if not isinstance(shown, AttributionResult):
                image.set_array(None)
                image.set_hint("" if isinstance(shown, str) else tr("computing\u2026"))
        self.side_b.setVisible(self.compare is not None)
        self.note.setText(self._note(first if first is not None else second))
        self._blend()
        self.changed(self.header, self.header_b, self.note, self.strip_note)

    def _note(self, shown: AttributionResult | str | None) -> str:
        if isinstance(shown, str):
            return shown
        if shown is None:
            return tr("computing {method}\u2026").format(method=tr(METHOD_TITLES[self.method])) \
                if self.in_front else ""
        size = tr("the input as the model sees it, {height}\u00d7{width}").format(height=shown.base.shape[0],
                                                                                   width=shown.base.shape[1])
        if shown.layer is None:
            return tr("pixel method: the layer selection does not matter; {size}").format(size=size)
        if shown.layer == "all":
            return tr("{fusion}: per pixel the largest of every convolution's LayerCAM, each normalised "
                      "(shallow ones tanh-scaled); {size}").format(fusion=tr(FUSION_LABEL), size=size)
        return tr("map at {layer}, upsampled to the input; {size}").format(layer=shown.layer, size=size)

    def _show_strip(self) -> None:
        key = self._depth_key(self.target)
        depth, failed = self._depth.get(key), self._errors.get(DEPTH[0], ((), "", False))
        why = no_strip_reason(self.method, self.session.model.loaded.info.name, bool(self._convs),
                              failed[1] if failed[0] == key else None)
        self.strip_note.setText(why)
        self.strip_note.setVisible(bool(why))
        self.strip.setVisible(not why and (depth is not None or self.strip.count() > 0))
        self.strip.setEnabled(depth is not None)  # an older strip stays in place, greyed, until this one comes
        if why or depth is None:
            return
        if self.strip.source is not depth:
            self.strip.set_entries([*depth.layers, tr(FUSION_LABEL)], depth.pictures.thumbs, source=depth)
            self.changed(self.strip.cells)
        if self.fusion:
            self.strip.set_current(depth.count() - 1)
        else:
            self.strip.set_current(entry_for(depth.layers, self.session.layer, self._order), self.session.layer)

    def _blend(self) -> None:
        alpha = self.opacity_value()
        self.picture = None if self.result is None else blend(self.result.base, self.result.heat, alpha)
        self.picture_b = None if self.result_b is None else blend(self.result_b.base, self.result_b.heat, alpha)
        for image, picture in ((self.image, self.picture), (self.image_b, self.picture_b)):
            if picture is not None or image.has_image():
                image.set_array(picture)
                self.changed(image)

    def shown_image(self) -> np.ndarray | None:
        """The picture on screen (for tests and benchmarks)."""
        return None if self.message() is not None else self.picture

    def compared_image(self) -> np.ndarray | None:
        """The second class's picture beside it, or None."""
        return None if self.message() is not None or self.compare is None else self.picture_b
