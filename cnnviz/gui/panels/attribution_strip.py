"""The Attribution dock's depth strip (a class activation map of every convolution, in forward order, then
LayerCAM's fusion of them all, as a row of labelled thumbnails with a slider to scrub along depth) and the
render-worker jobs behind the dock's pictures, which return plain values.

:func:`compute_attribution` makes one map (any method, any layer). Every picture of the strip comes from
ONE job (:func:`compute_depth`): one forward and one
backward pass for all convolutions (:func:`~cnnviz.core.analysis.layer_cams.layer_pass`), the method's
maps and LayerCAM's (for the fusion) from the same pass, coloured on the model's device; the dock only
picks which one to show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPainter, QPalette, QPen
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QSizePolicy, QSlider, QVBoxLayout, QWidget

from ...core.analysis.attribution import LAYER_METHODS, Attribution, attribute
from ...core.analysis.cam_fusion import fuse_layer_cams
from ...core.analysis.layer_cams import CAM_METHODS, LayerPass, cams, layer_pass
from ...core.errors import CnnvizError
from ...core.i18n import marker, translator
from ...core.views.attribution_view import (METHOD_TITLES, DepthPictures, attribution_overlay, depth_pictures,
                                            fusion_title, overlay_title)
from ..widgets import plain_label, to_qimage
from .attribution_progress import BATCH

tr = translator(__name__)
N_ = marker(__name__)

FUSION_LABEL = N_("LayerCAM fusion")  # shown as tr(FUSION_LABEL)
THUMB = 64  # the longest side of a thumbnail on screen
CELL = 92  # a cell's width: the thumbnail and two lines of its label


@dataclass(frozen=True)
class AttributionResult:
    """A map to show: the input as the model sees it and the coloured map, both ``H x W x 3`` uint8."""

    key: tuple
    base: np.ndarray
    heat: np.ndarray
    title: str
    layer: str | None


def compute_attribution(key: tuple, model, x, view: np.ndarray, method: str, layer: str | None,
                        target: int | None, cmap: str, run: LayerPass | None = None, progress=None,
                        cancel=None) -> AttributionResult | str:
    """The render worker's job: the map of ``method`` for class ``target`` (None: the top class), coloured;
    or the one-line reason there is none. ``run``: the capture's own backward, which holds the layer
    (:class:`cnnviz.gui.jobs.Explained`), so a CAM method needs no pass of its own; ``progress`` and
    ``cancel``: the slow pixel methods', (:class:`~.attribution_progress.SlowJobs`)."""
    try:
        if run is not None and method in CAM_METHODS and layer in run.acts:
            maps = Attribution(cams(_only(run, layer), method), method, run.targets, run.logits)
        else:
            batch = BATCH if progress is not None or cancel is not None else None
            with model.lock:
                maps = attribute(model.loaded.module, x, method=method, layers=layer, target=target,
                                 internal_batch_size=batch, progress=progress, cancel=cancel)
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


@dataclass(frozen=True)
class DepthResult:
    """What the strip's job made: the convolutions explained (forward order), their pictures and the fusion's
    (the last of ``pictures``), and the class explained with its logit and probability."""

    key: tuple
    method: str
    layers: tuple[str, ...]
    pictures: DepthPictures
    target: int
    class_name: str
    score: float
    probability: float
    shown: AttributionResult | None = field(default=None, compare=False, repr=False)  # the entry last shown

    def count(self) -> int:
        """Entries of the strip: one per convolution and the fusion."""
        return len(self.layers) + 1

    def title(self, index: int) -> str:
        """The title of entry ``index`` (the last one: the fusion)."""
        if index >= len(self.layers):
            return fusion_title(len(self.layers), self.target, self.class_name, self.score, self.probability)
        return overlay_title(self.method, self.layers[index], self.target, self.class_name, self.score,
                             self.probability)

    def entry(self, index: int) -> AttributionResult:
        """Entry ``index`` as a map to show (layer ``"all"`` for the fusion)."""
        layer = self.layers[index] if index < len(self.layers) else "all"
        shown = self.shown
        if shown is None or shown.key[-1] != index:  # coloured when first shown (a table lookup), kept while shown
            shown = AttributionResult(self.key + (index,), self.pictures.base, self.pictures.heat(index),
                                      self.title(index), layer)
            object.__setattr__(self, "shown", shown)
        return shown


def entry_for(layers: Sequence[str], layer: str | None, order: dict[str, int]) -> int:
    """The strip's entry for a selected layer: itself, or the last convolution before it in the forward pass
    (``order``: capture key -> position), so a block selected elsewhere shows its last convolution."""
    if layer in layers:
        return list(layers).index(layer)
    here = order.get(layer or "", -1)
    before = [i for i, k in enumerate(layers) if order.get(k, len(order)) <= here]
    return before[-1] if before else 0


def no_strip_reason(method: str, model: str, has_convolutions: bool, failure: str | None = None) -> str:
    """One line saying why there is no depth strip ("" when there is one)."""
    if method not in CAM_METHODS:
        reason = tr("it explains the input's pixels, not a layer") if method not in LAYER_METHODS else \
            tr("it multiplies Grad-CAM by guided backprop at the input's pixels")
        return tr("No depth strip for {method}: {reason}; Grad-CAM, Grad-CAM++ and LayerCAM have one.").format(
            method=tr(METHOD_TITLES[method]), reason=reason)
    if not has_convolutions:
        return tr("No depth strip: {model} has no convolution.").format(model=model)
    return tr("No depth strip: {failure}").format(failure=failure) if failure else ""


def compute_depth(key: tuple, model, x, view: np.ndarray, method: str, layers: tuple[str, ...],
                  target: int | None, cmap: str, run: LayerPass | None = None) -> DepthResult | str:
    """The render worker's job: ``method``'s map of each convolution of ``layers`` and LayerCAM's fusion of
    them, coloured, from one forward and one backward pass (``run``: the capture's own, when it holds them);
    or the one-line reason there are none."""
    if not layers:
        return tr("the model has no convolution, which Grad-CAM needs; pick a pixel method")
    try:
        if run is None:
            with model.lock:
                run = layer_pass(model.loaded.module, x, list(layers), target, optional=True)
        else:
            run = _only(run, *layers)
        maps = cams(run, method)
        layer_maps = maps if method == "layercam" else cams(run, "layercam")
        ran = tuple(k for k in layers if k in maps)
        if not ran:
            raise CnnvizError(tr("no convolution of the model ran for this input"))
        fused = fuse_layer_cams(layer_maps, x.shape[-2:], layers=ran)
        pictures = depth_pictures(view, [maps[k] for k in ran] + [fused], [method] * len(ran) + ["layercam"],
                                  cmap=cmap, thumb=THUMB)
    except CnnvizError as exc:
        return str(exc)
    cls = int(run.targets[0])
    names = model.loaded.info.class_names
    logits = run.logits[0].float()
    return DepthResult(key, method, ran, pictures, cls, names[cls] if names and cls < len(names) else "",
                       float(logits[cls]), float(logits.softmax(0)[cls]))


def _only(run: LayerPass, *keys: str) -> LayerPass:
    """``run`` narrowed to ``keys`` (those it holds), in their order."""
    kept = [k for k in keys if k in run.acts]
    return LayerPass(run.logits, run.targets, {k: run.acts[k] for k in kept}, {k: run.grads.get(k) for k in kept})


def short_label(key: str) -> str:
    """A layer key as a thumbnail's label (torchvision's ``BasicConv2d`` wrapper's ``.conv`` dropped)."""
    return key[: -len(".conv")] if key.endswith(".conv") else key


def label_lines(text: str, metrics: QFontMetrics, width: int) -> list[str]:
    """``text`` in one line, or two split at the dot (or space) nearest its middle, each elided to ``width``."""
    if metrics.horizontalAdvance(text) <= width:
        return [text]
    cuts = [i + 1 for i, c in enumerate(text[:-1]) if c in ". "]
    if not cuts:
        return [metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, width)]
    cut = min(cuts, key=lambda i: max(metrics.horizontalAdvance(text[:i]), metrics.horizontalAdvance(text[i:])))
    return [metrics.elidedText(text[:cut].rstrip(), Qt.TextElideMode.ElideRight, width),
            metrics.elidedText(text[cut:], Qt.TextElideMode.ElideLeft, width)]


class _Cells(QWidget):
    """The thumbnails, painted in one widget (one cell per entry), the current one framed."""

    clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.images: list[QImage] = []
        self.labels: list[list[str]] = []
        self.current = -1
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1.0))
        self.setFont(font)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def row_height(self) -> int:
        return 6 + THUMB + 4 + 2 * self.fontMetrics().lineSpacing() + 4

    def set_entries(self, labels: Sequence[str], thumbs: Sequence[np.ndarray]) -> None:
        metrics = self.fontMetrics()
        self.images = [to_qimage(t) for t in thumbs]
        self.labels = [label_lines(text, metrics, CELL - 6) for text in labels]
        self.setFixedSize(max(1, len(self.images)) * CELL, self.row_height())
        self.update()

    def cell_rect(self, index: int) -> QRect:
        return QRect(index * CELL, 0, CELL, self.height())

    def thumb_rect(self, index: int) -> QRect:
        """Where thumbnail ``index`` is drawn (aspect kept inside a THUMB x THUMB box)."""
        image = self.images[index]
        scale = THUMB / max(image.width(), image.height(), 1)
        w, h = round(image.width() * scale), round(image.height() * scale)
        return QRect(index * CELL + (CELL - w) // 2, 6 + (THUMB - h) // 2, w, h)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        index = int(event.position().x()) // CELL
        if 0 <= index < len(self.images):
            self.clicked.emit(index)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        metrics = self.fontMetrics()
        first, last = max(0, event.rect().left() // CELL), min(len(self.images) - 1, event.rect().right() // CELL)
        for i in range(first, last + 1):
            cell = self.cell_rect(i)
            if i == self.current:
                painter.fillRect(cell.adjusted(1, 1, -1, -1), palette.color(QPalette.ColorRole.Highlight))
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, self.images[i].width() > THUMB // 2)
            painter.drawImage(self.thumb_rect(i), self.images[i])
            role = QPalette.ColorRole.HighlightedText if i == self.current else QPalette.ColorRole.Text
            painter.setPen(QPen(palette.color(role)))
            y = 6 + THUMB + 4
            for line in self.labels[i]:
                painter.drawText(QRect(cell.x() + 3, y, CELL - 6, metrics.lineSpacing()),
                                 Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, line)
                y += metrics.lineSpacing()
        painter.end()


class DepthStrip(QWidget):
    """A row of thumbnails along depth with a slider; ``picked(index)`` when the user clicks one or scrubs."""

    picked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keys: list[str] = []
        self.source: object = None  # what the entries were made from (the dock's DepthResult)
        self.cells = _Cells()
        self.cells.clicked.connect(self._pick)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.cells)
        self.scroll.setWidgetResizable(False)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.scroll.setFixedHeight(self.cells.row_height() + self.scroll.horizontalScrollBar().sizeHint().height() + 4)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 0)
        self.slider.setPageStep(1)
        self.slider.valueChanged.connect(self._pick)
        self.where = plain_label()
        self.where.setMinimumWidth(220)
        self.where.setMaximumWidth(340)
        self.where.setWordWrap(True)  # "incep2 (not a convolution), nearest: ..." never widens the dock
        row = QHBoxLayout()
        row.addWidget(plain_label(tr("Depth")))
        row.addWidget(self.slider, 1)
        row.addWidget(self.where)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.scroll)
        layout.addLayout(row)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(CELL * 6, self.scroll.height() + self.slider.sizeHint().height() + 4)

    def set_entries(self, keys: Sequence[str], thumbs: Sequence[np.ndarray], source: object = None) -> None:
        """Show ``keys`` (layer keys, then :data:`FUSION_LABEL`) with their thumbnails (``source``: what they
        were made from); the current entry stays."""
        self.keys = list(keys)
        self.source = source
        self.cells.set_entries([short_label(k) for k in self.keys], thumbs)
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(0, len(self.keys) - 1))
        self.slider.blockSignals(False)
        self.set_current(min(max(self.cells.current, 0), len(self.keys) - 1))

    def count(self) -> int:
        return len(self.keys)

    def current(self) -> int:
        """The entry highlighted (-1 with none)."""
        return self.cells.current

    def set_current(self, index: int, shown: str | None = None) -> None:
        """Highlight entry ``index`` and scroll it into view (no ``picked``: the dock's own choice). ``shown``: the
        layer whose map is shown when it is not an entry (a block), the entry then only the nearest one."""
        if not self.keys:
            return
        index = min(max(int(index), 0), len(self.keys) - 1)
        self.slider.blockSignals(True)
        self.slider.setValue(index)
        self.slider.blockSignals(False)
        where = f"{index + 1}/{len(self.keys)}: {self.keys[index]}"
        self.where.setText(where if shown is None or shown == self.keys[index] else
                           tr("{layer} (not a convolution), nearest: {where}").format(layer=shown, where=where))
        if index != self.cells.current:
            self.cells.current = index
            self.cells.update()
        cell = self.cells.cell_rect(index)
        self.scroll.ensureVisible(cell.center().x(), cell.center().y(), CELL, 0)

    def thumb_center(self, index: int):
        """Where thumbnail ``index`` is in the cells widget (for tests that click it)."""
        return self.cells.thumb_rect(index).center()

    def _pick(self, index: int) -> None:
        self.set_current(index)
        self.picked.emit(int(index))
