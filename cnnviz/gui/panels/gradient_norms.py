"""Per-layer gradient norms on a log scale: one backward of the shown image, live while training, and a
second course network beside it (the course's question: why residual blocks let depth train).

:class:`GradientNormsView` draws, in forward order, the norm of each layer's parameter gradients
(:func:`cnnviz.core.analysis.gradient_stats.gradient_norms`, cross-entropy against each model's own
predicted class) for the current capture, computed in the render worker. While the session's model
trains, the training thread's records (:func:`cnnviz.gui.training_worker.gradient_log`) are drawn
as they come: the newest in green, the earlier ones as a faint trace. "Compare with" adds a course
network with random weights (seed 0) on the same image, preprocessed for it, in another colour.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pyqtgraph as pg
import torch
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...core.analysis.gradient_stats import GradientRecord, gradient_norms
from ...core.errors import CnnvizError
from ...core.i18n import translator
from ...core.inputs.images import preprocess
from ...core.models import zoo
from .. import jobs
from ..training_worker import gradient_log

tr = translator(__name__)

VIEW = "gradient_norms"
POLL_MS = 200  # the training log is read at most 5 times a second, only while the view is shown
TRACES = 8  # earlier live records drawn faintly
LABEL_PX = 120  # room for one layer name under the axis (every layer gets a tick, every few a name)
COMPARE_SEED = 0
CURRENT_PEN, COMPARE_PEN, LIVE_PEN = (70, 130, 200), (230, 120, 40), (40, 160, 90)
ERROR_STYLE = "color: #c0392b;"


@dataclass(frozen=True)
class NormsResult:
    """What the render worker computed: the current model's norms and, if asked for, the compared model's."""

    key: tuple
    layers: tuple[str, ...]
    norms: tuple[float, ...]
    compare: str | None = None
    compare_layers: tuple[str, ...] = ()
    compare_norms: tuple[float, ...] = ()
    problem: str = ""  # why the compared model has no curve (one line)


@lru_cache(maxsize=2)
def _course_model(name: str, device: str) -> torch.nn.Module:
    """A course network with random weights drawn from COMPARE_SEED (the global RNG left as it was)."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(COMPARE_SEED)
        module = zoo.build_model(name)
    return module.to(device).eval()


def compare_norms(name: str, x: torch.Tensor, image: jobs.DecodedImage | None) -> list[tuple[str, float]]:
    """The gradient norms of course network ``name`` (random weights) on the same image as ``x``."""
    spec = zoo.model_info(name).input
    module = _course_model(name, str(x.device))
    if image is not None:
        x = preprocess(image.image, spec).to(x.device)
    elif tuple(x.shape[1:]) != (spec.channels, *spec.size):
        raise CnnvizError(tr("{name} takes {wanted} inputs, not {given}").format(
            name=name, wanted=f"{spec.channels}x{spec.size[0]}x{spec.size[1]}", given="x".join(map(str, x.shape[1:]))))
    return gradient_norms(module, x)


def compute_norms(key: tuple, model: jobs.ModelResult, x: torch.Tensor, request: jobs.ImageRequest | None,
                  compare: str | None) -> NormsResult | str:
    """The render worker's job: the norms of ``model`` on ``x`` (under its lock), and of ``compare``
    on the same image; or the one line saying why there are none."""
    try:
        with model.lock:
            own = gradient_norms(model.loaded, x)
    except CnnvizError as exc:
        return str(exc)
    layers, norms = tuple(n for n, _ in own), tuple(v for _, v in own)
    if not compare:
        return NormsResult(key, layers, norms)
    try:
        image = jobs.decode(request) if request is not None else None
        other = compare_norms(compare, x, image)
    except CnnvizError as exc:
        return NormsResult(key, layers, norms, compare, problem=f"{compare}: {exc}")
    return NormsResult(key, layers, norms, compare, tuple(n for n, _ in other), tuple(v for _, v in other))


def ratio_text(norms: tuple[float, ...] | list[float]) -> str:
    """``first/last 3.1e-07``: how much smaller the first layer's gradient is than the last one's."""
    if len(norms) < 2 or not norms[-1] > 0:
        return tr("first/last {ratio}").format(ratio="--")
    return tr("first/last {ratio}").format(ratio=f"{norms[0] / norms[-1]:.1e}")


def _positive(x: np.ndarray, y) -> tuple[np.ndarray, np.ndarray]:
    """The points a log axis can show (zero or non-finite norms left out)."""
    y = np.asarray(y, dtype=np.float64)
    keep = np.isfinite(y) & (y > 0)
    return x[keep], y[keep]


class GradientNormsView(QWidget):
    """A log-scale plot of gradient norm per layer, in forward order (see the module's docstring).

    Attributes
    ----------
    result
        The newest :class:`NormsResult` (``None`` before the first).
    live
        The training records of the current run received so far (at most the log's history).
    requests
        How many times a computation was asked of the render worker.
    """

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.result: NormsResult | None = None
        self.live: list[GradientRecord] = []
        self.requests = 0
        self._serial = 0  # one more for every capture to compute for
        self._wanted: tuple | None = None
        self._cursor = (0, 0)  # (run, count) of the training log read so far
        self._log_module: torch.nn.Module | None = None
        self._training = False
        self._axis_layers: tuple[str, ...] = ()
        self._active = True  # the dock holding this page may say it is behind another dock's tab
        self._timer = QTimer(self, interval=POLL_MS)
        self._timer.timeout.connect(self.poll)
        self._build()
        session.capture_changed.connect(self._on_capture)
        session.model_changed.connect(self._on_model)
        session.view_changed.connect(self._on_view)

    def _build(self) -> None:
        self.compare_combo = QComboBox()
        self.compare_combo.addItem(tr("nothing"), None)
        for name in zoo.COURSE_MODELS:
            self.compare_combo.addItem(tr("{name} (random weights)").format(name=name), name)
        self.compare_combo.setToolTip(tr("a course network drawn beside the current model, on the same image"))
        self.compare_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.plot = pg.PlotWidget(background=self.palette().color(self.backgroundRole()))
        plot = self.plot.getPlotItem()
        plot.setLogMode(y=True)
        plot.showGrid(y=True, alpha=0.25)
        plot.setLabel("left", tr("gradient norm"))
        plot.setLabel("bottom", tr("layer, in forward order"))
        plot.setMenuEnabled(False)
        plot.hideButtons()
        self.legend = plot.addLegend(offset=(-4, -4), labelTextSize="8pt")  # bottom right: small late norms are rare
        self.legend.setBrush(pg.mkBrush(255, 255, 255, 190))
        self._legend: tuple = ()
        self.traces = [plot.plot(pen=pg.mkPen((*LIVE_PEN, 45), width=1)) for _ in range(TRACES)]
        self.curves = {
            "current": plot.plot(pen=pg.mkPen(CURRENT_PEN, width=2), symbol="o", symbolSize=5,
                                 symbolBrush=CURRENT_PEN, symbolPen=None),
            "compare": plot.plot(pen=pg.mkPen(COMPARE_PEN, width=2), symbol="t", symbolSize=6,
                                 symbolBrush=COMPARE_PEN, symbolPen=None),
            "live": plot.plot(pen=pg.mkPen(LIVE_PEN, width=2)),
        }
        self.note = QLabel(wordWrap=True)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Compare with")))
        row.addWidget(self.compare_combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.note)
        self._draw()

    # ------------------------------------------------------------------ choices

    def set_compare(self, name: str | None) -> None:
        """Draw course network ``name`` beside the current model (``None``: nothing)."""
        index = self.compare_combo.findData(name)
        if index < 0:
            raise CnnvizError(tr("unknown course network '{name}'; use {names}").format(
                name=name, names=", ".join(zoo.COURSE_MODELS)))
        self.compare_combo.setCurrentIndex(index)

    def compare(self) -> str | None:
        return self.compare_combo.currentData()

    # ------------------------------------------------------------------ following the session

    def set_active(self, active: bool) -> None:
        """Whether the page is really in front (a dock behind another dock's tab is still "visible" to Qt):
        inactive, it neither computes nor reads the training log; made active again, it catches up."""
        self._active = bool(active)
        self._follow()

    def _shown(self) -> bool:
        return self._active and self.isVisible()

    def _follow(self) -> None:
        if not self._shown():
            self._timer.stop()
            return
        self._timer.start()
        self.poll()
        self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._follow()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().hideEvent(event)
        self._timer.stop()

    def _on_model(self) -> None:
        model = self.session.model
        if model is None or model.loaded.module is not self._log_module:
            self.result, self.live, self._wanted = None, [], None
            self._draw()
        self.refresh()

    def _on_capture(self) -> None:
        if not self._training:  # while training, the live records are the news; one backward again at the end
            self._serial += 1
            self.refresh()

    def refresh(self) -> None:
        """Ask the render worker for the norms of the current capture (and the compared model), if shown."""
        s = self.session
        if s.result is None or s.model is None or s.result.model is not s.model:
            self._say(tr("open an image to see the gradient norms of one backward pass") if s.result is None else "")
            return
        if not self._shown():
            return
        key = (self._serial, id(s.model), self.compare())
        if key == self._wanted:
            return
        self._wanted = key
        self.requests += 1
        self._say(tr("computing the gradients of one backward pass\u2026"))
        s.request_view(VIEW, compute_norms, key, s.model, s.result.capture["input"], s.result.request,
                       self.compare())

    def _on_view(self, kind: str) -> None:
        if kind != VIEW:
            return
        result = self.session.views.get(kind)
        if isinstance(result, str):
            self.result = None
            self._say(result.splitlines()[0] if result else tr("no gradients"), error=True)
            self._draw()
        elif isinstance(result, NormsResult) and result.key == self._wanted:
            self.result = result
            self._draw()
            self._say_result()

    def poll(self) -> None:
        """Take the new records of the session's model's training run (the timer calls this while shown)."""
        model = self.session.model
        if model is None:
            return
        module = model.loaded.module
        if module is not self._log_module:
            self._log_module, self._cursor, self.live = module, (0, 0), []
        run, count, new, active = gradient_log(module).since(*self._cursor)
        if run != self._cursor[0]:
            self.live = []
        self._cursor = (run, count)
        ended = self._training and not active
        self._training = active
        if new:
            self.live = (self.live + new)[-max(TRACES + 1, 1):]
            self._draw()
            self._say_result()
        if ended:  # the weights changed: one backward of the trained model
            self._serial += 1
            self.refresh()

    # ------------------------------------------------------------------ drawing

    def _layers(self) -> tuple[str, ...]:
        if self.result is not None:
            return self.result.layers
        return self.live[-1].layers if self.live else ()

    def _draw(self) -> None:
        layers = self._layers()
        n = len(layers)
        result = self.result
        self._set(self.curves["current"], np.arange(n), result.norms if result else ())
        if result is not None and result.compare_norms:
            m = len(result.compare_norms)
            x = np.linspace(0, n - 1, m) if m > 1 and n > 1 else np.arange(m, dtype=np.float64)
            self._set(self.curves["compare"], x, result.compare_norms)
        else:
            self._set(self.curves["compare"], np.arange(0), ())
        records = self.live
        for i, trace in enumerate(self.traces):
            j = len(records) - 2 - i
            self._set(trace, *self._live_xy(records[j], layers) if j >= 0 else (np.arange(0), ()))
        self._set(self.curves["live"], *self._live_xy(records[-1], layers) if records else (np.arange(0), ()))
        self._label_axis(layers or (records[-1].layers if records else ()))
        self._sync_legend()

    def _sync_legend(self) -> None:
        """One legend entry per curve drawn, named for what it shows."""
        model = self.session.model
        name = model.loaded.name if model is not None else tr("this model")
        result, live = self.result, self.live
        entries = []
        if result is not None:
            entries.append(("current", tr("{name}, one backward").format(name=name)))
            if result.compare_norms:
                entries.append(("compare", tr("{name} (random weights)").format(name=result.compare)))
        if live:
            entries.append(("live", tr("training, newest record (earlier ones faint)")))
        if tuple(entries) == self._legend:
            return
        self._legend = tuple(entries)
        self.legend.clear()
        for key, label in entries:
            self.legend.addItem(self.curves[key], label)

    @staticmethod
    def _live_xy(record: GradientRecord, layers: tuple[str, ...]) -> tuple[np.ndarray, tuple[float, ...]]:
        if record.layers == layers or not layers:
            return np.arange(len(record.norms)), record.norms
        where = {name: i for i, name in enumerate(layers)}
        pairs = [(where[name], v) for name, v in zip(record.layers, record.norms) if name in where]
        return np.array([p[0] for p in pairs], dtype=np.float64), tuple(p[1] for p in pairs)

    @staticmethod
    def _set(item: pg.PlotDataItem, x: np.ndarray, y) -> None:
        item.setData(*_positive(np.asarray(x, dtype=np.float64), y))

    def _label_axis(self, layers: tuple[str, ...]) -> None:
        self._axis_layers = layers
        room = max(2, self.plot.width() // LABEL_PX)
        every = max(1, math.ceil(len(layers) / room))
        named = list(range(0, len(layers), every))
        if layers and named[-1] != len(layers) - 1:
            if len(layers) - 1 - named[-1] < every / 2:
                named.pop()  # the last layer's name rather than one crowding it
            named.append(len(layers) - 1)
        major = [(i, layers[i]) for i in named]
        minor = [(i, "") for i in range(len(layers))]
        self.plot.getPlotItem().getAxis("bottom").setTicks([major, minor])

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._label_axis(self._axis_layers)

    def curve_data(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """The points drawn for ``current``, ``compare`` or ``live``, as norms (empty arrays when none)."""
        item = self.curves[name]
        x, y = item.xData, item.yData  # getData() gives log10 of y on a log axis
        return (np.zeros(0), np.zeros(0)) if x is None else (np.asarray(x), np.asarray(y))

    def _say_result(self) -> None:
        parts = []
        result = self.result
        name = self.session.model.loaded.name if self.session.model is not None else tr("this model")
        if result is not None:
            parts.append(f"{name}: {ratio_text(result.norms)}")
            if result.compare_norms:
                parts.append(f"{result.compare}: {ratio_text(result.compare_norms)}")
        if self.live:
            last = self.live[-1]
            parts.append(tr("training step {step}: {ratio}").format(step=last.step, ratio=ratio_text(last.norms)))
        text = " \u00b7 ".join(parts)
        problem = result.problem if result is not None else ""
        self._say(f"{text}; {problem}" if problem and text else problem or text, error=bool(problem))

    def _say(self, text: str, error: bool = False) -> None:
        self.note.setText(text)
        style = ERROR_STYLE if error else ""
        if self.note.styleSheet() != style:
            self.note.setStyleSheet(style)
