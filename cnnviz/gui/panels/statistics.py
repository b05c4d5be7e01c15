"""The statistics dock: what a layer's activations look like, how many zeros each activation leaves along
depth, and which channels never fire over a dataset.

Pages (a :class:`QTabWidget`; :meth:`StatisticsPanel.add_page` adds more, e.g. gradient norms):

- **Layer**: the histogram of the selected layer's output for the image shown, with its share of exact
  zeros, min, max, mean and std on one line (:func:`~cnnviz.core.analysis.activation_stats.layer_histogram`).
- **Along depth**: per activation layer in forward order, the share of its outputs that are zero and the
  share of its channels zero over the whole image (:func:`~cnnviz.core.analysis.activation_stats.depth_statistics`);
  clicking a bar selects that layer.
- **Dataset**: dead and saturated channels over digits, shapes or a folder (:mod:`.statistics_dataset`).

The first two are computed in the render worker (:meth:`Session.request_view`) only while the dock is in
front and their page is shown; the dataset pass runs in its own cancellable thread.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QTabWidget, QVBoxLayout, QWidget

from ...core.analysis.activation_stats import Histogram, LayerStats, depth_statistics, layer_histogram
from ...core.errors import CnnvizError
from ...core.i18n import marker, translator
from ..widgets import plain_label
from .base import Panel
from .gradient_norms import GradientNormsView
from .statistics_dataset import DatasetPage
from .statistics_plots import DepthBars, HistogramPlot

tr = translator(__name__)
N_ = marker(__name__)

NO_IMAGE = N_("Drop an image to see the statistics of its activations")
BINS = 64
HIST_VIEW, DEPTH_VIEW = "statistics_histogram", "statistics_depth"


@dataclass(frozen=True)
class LayerHistogram:
    """What the worker made of one layer's output: its histogram and share of exact zeros."""

    key: tuple
    layer: str
    shape: tuple[int, ...]
    histogram: Histogram
    zero_fraction: float


@dataclass(frozen=True)
class DepthResult:
    """Per module output in forward order (:class:`LayerStats`), for the bars along depth."""

    key: tuple
    stats: tuple[LayerStats, ...]


def compute_histogram(key: tuple, layer: str, act: torch.Tensor) -> LayerHistogram | str:
    """The render worker's job for the Layer page (or the one-line reason there is none)."""
    try:
        hist = layer_histogram(act, bins=BINS)
    except CnnvizError as exc:
        return str(exc)
    zeros = float((act == 0).sum()) / max(act.numel(), 1)
    return LayerHistogram(key, layer, tuple(act.shape[1:]), hist, zeros)


def compute_depth(key: tuple, cap) -> DepthResult | str:
    """The render worker's job for the Along depth page."""
    try:
        return DepthResult(key, tuple(depth_statistics(cap)))
    except CnnvizError as exc:
        return str(exc)


def summary_line(result: LayerHistogram) -> str:
    """``layer 64×56×56: 47.1% zeros · min 0 · max 3.2 · mean 0.41 · std 0.52`` (and NaN / inf counts)."""
    h = result.histogram
    shape = "\u00d7".join(map(str, result.shape))
    parts = [tr("{layer} {shape}: {zeros} zeros").format(layer=result.layer, shape=shape,
                                                       zeros=f"{result.zero_fraction:.1%}")]
    if h.min is not None:
        parts += [tr("min {value}").format(value=f"{h.min:.4g}"), tr("max {value}").format(value=f"{h.max:.4g}"),
                  tr("mean {value}").format(value=f"{h.mean:.4g}"), tr("std {value}").format(value=f"{h.std:.4g}")]
    parts += [f"{n:,} {what}" for n, what in ((h.nan, "NaN"), (h.posinf, "+inf"), (h.neginf, "-inf")) if n]
    return " \u00b7 ".join(parts)


class StatisticsPanel(Panel):
    """Histogram of the selected layer, zeros along depth, dead channels over a dataset."""

    title = N_("Statistics")
    name = "statistics_dock"
    area = Qt.DockWidgetArea.RightDockWidgetArea
    tab_with = "feature_maps_dock"
    preferred_width = 680

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self.requests = 0  # histograms and depth passes asked for (tests: none while behind a tab)
        self.histogram: LayerHistogram | None = None
        self.depth: DepthResult | None = None
        self.depth_rows: list[LayerStats] = []  # the bars shown, in order
        self._wanted: dict[str, tuple | None] = {HIST_VIEW: None, DEPTH_VIEW: None}
        self._capture_serial = 0
        background = self.palette().color(self.backgroundRole())
        self.tabs = QTabWidget()
        self.hist_plot = HistogramPlot(background)
        self.hist_summary = plain_label()
        self.log_box = QCheckBox(tr("log counts"))
        self.log_box.setChecked(True)
        self.log_box.toggled.connect(lambda _on: self._draw_histogram())
        self.depth_bars = DepthBars(background, tr("share of zeros"))
        self.depth_bars.bar_clicked.connect(self._on_depth_bar)
        self.depth_bars.hovered.connect(self._on_depth_hover)
        self.every_layer = QCheckBox(tr("every layer, not only activations"))
        self.every_layer.toggled.connect(lambda _on: self._draw_depth())
        self.depth_line = plain_label()
        self.dataset_page = DatasetPage(session, background, self.changed)
        self.tabs.addTab(self._layer_page(), tr("Layer"))
        self.tabs.addTab(self._depth_page(), tr("Along depth"))
        self.tabs.addTab(self.dataset_page, tr("Dataset"))
        self.gradients = GradientNormsView(session)  # per-layer gradient norms: one backward, live while training
        self.tabs.addTab(self.gradients, tr("Gradients"))
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        self.tabs.currentChanged.connect(lambda _i: self._gradients_active())
        self.visibilityChanged.connect(lambda _v: self._gradients_active())
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.tabs)
        session.capture_changed.connect(self._on_capture)
        session.model_changed.connect(self._on_capture)
        session.layer_selected.connect(self._on_layer)
        session.view_changed.connect(self._on_view)
        self.show_message(tr(NO_IMAGE))

    def _layer_page(self) -> QWidget:
        page = QWidget()
        top = QHBoxLayout()
        top.addWidget(self.hist_summary, 1)
        top.addWidget(self.log_box)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.hist_plot, 1)
        return page

    def _depth_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.every_layer)
        layout.addWidget(self.depth_bars, 1)
        layout.addWidget(self.depth_line)
        return page

    def _gradients_active(self) -> None:
        """The gradient page works only while it is the page in front of a dock in front."""
        self.gradients.set_active(self.in_front and self.tabs.currentWidget() is self.gradients)

    def add_page(self, title: str, widget: QWidget) -> int:
        """Add a page (e.g. the gradient norms) after the others; returns its index."""
        return self.tabs.addTab(widget, title)

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        return self.dataset_page.stop(timeout_ms)

    # ------------------------------------------------------------------ what to ask for

    def _on_capture(self) -> None:
        self._capture_serial += 1
        self.refresh()

    def _on_layer(self, _key: str) -> None:
        if self.depth is not None:
            self._select_depth_bar()
        self.refresh()

    def on_front(self) -> None:
        self.refresh()  # behind a tab, it asked for nothing

    def refresh(self) -> None:
        """Follow the session: ask for the shown page's numbers for the current capture (only while in front)."""
        s = self.session
        if s.result is None or s.model is None or s.result.model is not s.model:
            if s.result is None:
                self.histogram = self.depth = None
                self.show_message(tr(NO_IMAGE))
            return
        self.show_body()
        if not self.in_front:
            return
        page = self.tabs.currentIndex()
        if page == 0:
            self._ask_histogram()
        elif page == 1:
            key = (self._capture_serial,)
            if key != self._wanted[DEPTH_VIEW]:
                self._ask(DEPTH_VIEW, key, compute_depth, key, s.result.capture)

    def _ask_histogram(self) -> None:
        s = self.session
        act = s.activation()
        if not isinstance(act, torch.Tensor):
            self._wanted[HIST_VIEW] = None
            self.histogram = None
            self.hist_plot.set_histogram([0], [0.0, 1.0], log=False)
            self.hist_summary.setText(tr("{layer} has no tensor output: select another layer").format(
                layer=s.layer or tr("no layer")))
            self.changed(self.hist_summary, self.hist_plot.viewport())
            return
        key = (self._capture_serial, s.layer)
        if key != self._wanted[HIST_VIEW]:
            self.hist_summary.setText(tr("computing the histogram of {layer}\u2026").format(layer=s.layer))
            self.changed(self.hist_summary)
            self._ask(HIST_VIEW, key, compute_histogram, key, s.layer, act)

    def _ask(self, kind: str, key: tuple, fn, *args) -> None:
        self._wanted[kind] = key
        self.requests += 1
        self.session.request_view(kind, fn, *args)

    # ------------------------------------------------------------------ what came back

    def _on_view(self, kind: str) -> None:
        if kind not in self._wanted:
            return
        result = self.session.views.get(kind)
        if isinstance(result, str):
            (self.hist_summary if kind == HIST_VIEW else self.depth_line).setText(result.splitlines()[0])
            self.changed(self.hist_summary, self.depth_line)
        elif kind == HIST_VIEW and isinstance(result, LayerHistogram) and result.key == self._wanted[kind]:
            self.histogram = result
            self._draw_histogram()
        elif kind == DEPTH_VIEW and isinstance(result, DepthResult) and result.key == self._wanted[kind]:
            self.depth = result
            self._draw_depth()

    def _draw_histogram(self) -> None:
        result = self.histogram
        if result is None:
            return
        self.hist_plot.set_histogram(result.histogram.counts, result.histogram.edges, log=self.log_box.isChecked())
        self.hist_summary.setText(summary_line(result))
        self.changed(self.hist_summary, self.hist_plot.viewport())

    def _draw_depth(self) -> None:
        if self.depth is None:
            return
        every = self.every_layer.isChecked()
        rows = [s for s in self.depth.stats if every or s.is_activation]
        self.depth_rows = rows
        channels = [s.zero_channel_count / s.shape[1] if len(s.shape) >= 2 and s.shape[1] else 0.0 for s in rows]
        self.depth_bars.set_bars([s.name for s in rows], [(tr("outputs that are 0"), [s.zero_fraction for s in rows]),
                                                          (tr("channels 0 over the whole image"), channels)])
        self._select_depth_bar()
        if not rows:
            self.depth_line.setText(tr("no activation modules (ReLUs called as functions are not seen): "
                                       "tick \u201cevery layer\u201d"))
        self.changed(self.depth_bars.viewport(), self.depth_line)

    def _select_depth_bar(self) -> None:
        names = [s.name for s in self.depth_rows]
        self.depth_bars.select(names.index(self.session.layer) if self.session.layer in names else None)
        self._on_depth_hover(-1)  # the line names the selected layer until the mouse points at another
        self.changed(self.depth_bars.viewport(), self.depth_line)

    def _on_depth_bar(self, index: int) -> None:
        if 0 <= index < len(self.depth_rows):
            self.session.select_layer(self.depth_rows[index].name)

    def _on_depth_hover(self, index: int) -> None:
        rows = self.depth_rows
        if not rows:
            return
        if not 0 <= index < len(rows):
            chosen = self.depth_bars.selected
            if chosen is None:
                self.depth_line.setText(tr("{count} layers in forward order: hover over a bar for its numbers, "
                                           "click one to select the layer").format(count=len(rows)))
                return
            index = chosen
        s = rows[index]
        channels = s.shape[1] if len(s.shape) >= 2 else 0
        self.depth_line.setText(tr("{layer} ({type}): {zeros} of its outputs are 0; {dead} of {channels} channels "
                                   "are 0 over the whole image").format(layer=s.name, type=s.type,
                                                                       zeros=f"{s.zero_fraction:.1%}",
                                                                       dead=s.zero_channel_count, channels=channels))
