"""The Units dock: the dataset images that excite a channel most, and an image optimised to excite it.

The user picks digits, shapes or a folder, how many top images per channel, and presses Find: a
:class:`~cnnviz.gui.units_worker.UnitsWorker` ranks the dataset for the selected layer of the session's model
(progress and Cancel; the best so far shown while it runs; a result cached on disk comes back at once). For
the selected channel the dock shows the top images' receptive-field patches, best first, each titled with
its score; clicking one opens that image as the input. Maximise runs
:class:`~cnnviz.gui.units_worker.MaximiseWorker` for the channel and shows the image as it forms, then its
activation beside the best dataset image's score. Every problem is one line under the controls.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QVBoxLayout

from ...core.views.unit_patches import top_tiles
from ...core.i18n import marker, translator
from ..units_worker import MaximiseWorker, UnitsJob, UnitsWorker
from ..widgets import plain_label
from .base import Panel
from .dataset_picker import DatasetPicker
from .units_grid import PatchGrid
from .units_maximise import MaximiseMixin, spin_box

TILES_VIEW = "units_tiles"
DEFAULT_TOP = 9
DEFAULT_LIMIT = 2000
tr = translator(__name__)
N_ = marker(__name__)

NO_MODEL = N_("Load a model to find the images that excite its channels most.")
HINT = N_("Press Find to rank the dataset's images for each channel of {layer}.")  # shown as tr(HINT).format(...)


def _shown(source: str) -> str:
    return source if source in ("digits", "shapes") else (Path(source).name or source)


def _tiles_job(serial: int, *args):
    """:func:`top_tiles` in the render worker, tagged with the request's serial; a failure is one line."""
    from ..workers import failure_message

    try:
        return serial, top_tiles(*args)
    except Exception as exc:  # noqa: BLE001 - shown in the dock
        return serial, failure_message(exc)


class UnitsPanel(MaximiseMixin, Panel):
    """Top dataset images per channel of the selected layer, and the channel's maximising image."""

    title = N_("Units")
    name = "units_dock"
    area = Qt.DockWidgetArea.RightDockWidgetArea
    tab_with = "feature_maps_dock"
    preferred_width = 560

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self.worker: UnitsWorker | None = None
        self.max_worker: MaximiseWorker | None = None
        self.dataset = None  # the dataset ranked (or being ranked): patches are cut from it
        self.found = None  # UnitsFound of the last finished Find
        self.top = None  # TopUnits shown: the best so far while Find runs, then the result's
        self.top_layer: str | None = None  # the layer self.top ranks
        self.tiles: list = []
        self.updates_shown = 0
        self.maximised = None  # (MaximiseJob, MaximiseResult) of the last finished run
        self._serial = 0
        self.batch_size = 64
        self.picker = DatasetPicker("rank")  # digits, shapes or a folder
        self.source_combo, self.folder_edit = self.picker.source_combo, self.picker.folder_edit
        self.browse_button = self.picker.browse_button
        self.top_spin = spin_box(1, 100, DEFAULT_TOP, tr("top "), "")
        self.limit_spin = spin_box(1, 10_000_000, DEFAULT_LIMIT, tr("at most "), tr(" images"))
        self.find_button = QPushButton(tr("Find"))
        self.find_button.clicked.connect(self.find)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setMaximumHeight(14)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.channel_spin = spin_box(0, 0, 0, tr("channel "), "")
        self.channel_spin.valueChanged.connect(self._on_channel_spin)
        self.status = plain_label(wrap=True)
        self.grid = PatchGrid()
        self.grid.clicked.connect(self.open_tile)
        self._build_maximise()
        self._build_layout()
        session.model_changed.connect(self._on_model)
        session.layer_selected.connect(lambda _key: self._on_layer())
        session.capture_changed.connect(self._sync_channels)
        session.channel_selected.connect(self._on_session_channel)
        session.view_changed.connect(self._on_view)
        self._on_model()

    def _build_layout(self) -> None:
        source = QHBoxLayout()
        source.addWidget(self.picker, 1)
        run = QHBoxLayout()
        for widget in (self.top_spin, self.limit_spin, self.find_button, self.cancel_button):
            run.addWidget(widget)
        run.addWidget(self.progress, 1)
        unit = QHBoxLayout()
        for widget in (self.channel_spin, self.steps_spin, self.mean_box, self.max_button):
            unit.addWidget(widget)
        unit.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.max_view, 1)
        right.addWidget(self.max_line)
        views = QHBoxLayout()
        views.addWidget(self.grid, 3, Qt.AlignmentFlag.AlignTop)
        views.addLayout(right, 2)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(6, 6, 6, 6)
        for row in (source, run, unit):
            layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addLayout(views, 1)

    # ------------------------------------------------------------------ what is selected

    def _shape(self) -> list[int] | None:
        """The selected layer's output shape ``[C]`` or ``[C, H, W]`` (the model's summary), None without channels."""
        model, layer = self.session.model, self.session.layer
        if model is None or layer is None or model.summary is None:
            return None
        entry = next((e for e in model.summary.layers if e.name == layer), None)
        shape = entry.output_shape if entry is not None else None
        if isinstance(shape, list) and shape and all(isinstance(s, int) for s in shape) and shape[0] > 0:
            return shape
        return None

    def channels(self) -> int | None:
        """Channels of the selected layer's output, None if it has none."""
        shape = self._shape()
        return shape[0] if shape is not None else None

    def channel(self) -> int:
        return self.channel_spin.value()

    def set_source(self, source: str | Path) -> None:
        """``digits``, ``shapes`` or a folder next."""
        self.picker.set_source(source)

    def source(self) -> str:
        return self.picker.source()

    def busy(self) -> bool:
        return self.worker is not None or self.max_worker is not None

    # ------------------------------------------------------------------ Find

    def find(self) -> None:
        """Rank the chosen dataset for the selected layer (nothing happens while a job runs)."""
        s, source = self.session, self.source()
        if self.busy():
            return
        if s.model is None:
            return self._say(tr("load a model first"))
        if not source:
            return self._say(tr("type a folder of images, or choose one with Browse\u2026"))
        if self.channels() is None:
            return self._say(tr("{layer} has no channels to rank: select a layer with channels").format(
                layer=s.layer or tr("this layer")))
        self._clear_result()
        job = UnitsJob(s.model, source, s.layer, self.top_spin.value(), self.limit_spin.value(),
                       self.batch_size)
        self.worker = UnitsWorker(job, self)
        self.worker.opened.connect(self._on_opened)
        self.worker.progress.connect(self._on_progress)
        self.worker.update.connect(self._on_update)
        self.worker.done.connect(self._on_found)
        self.worker.failed.connect(lambda line, j=job: self._on_failed(j.model, line, "search"))
        self.worker.finished.connect(self._on_finished)
        self._started(tr("loading {source}\u2026").format(source=_shown(source)))
        self.worker.start()

    def _on_opened(self, payload) -> None:
        job, dataset = payload
        if self.worker is not None and job is self.worker.job:
            self.dataset = dataset

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        if self.worker is not None:
            self._say((tr("ranking {source} for {layer}: {done} of {total} images") if total > 0 else
                       tr("ranking {source} for {layer}: {done} images")).format(
                source=_shown(self.worker.job.source), layer=self.worker.job.layer, done=f"{done:,}",
                total=f"{total:,}"))
        elif self.max_worker is not None:
            self.max_line.setText((tr("step {done} of {total}") if total > 0 else tr("step {done}")).format(
                done=f"{done:,}", total=f"{total:,}"))
            self.changed(self.max_line)

    def _on_update(self, payload) -> None:
        job, top = payload
        if self.worker is None or job is not self.worker.job or self.dataset is None:
            return
        self.updates_shown += 1
        self.top, self.top_layer = top, job.layer
        self._request_tiles()

    def _on_found(self, found) -> None:
        if found.job.model is not self.session.model:
            return self._say(tr("the model changed during the search: press Find again"))
        result = found.result
        self.found, self.dataset, self.top, self.top_layer = found, found.dataset, result.top, result.layer
        skipped = tr("; {count} unreadable file(s) skipped").format(count=f"{result.skipped:,}") \
            if result.skipped else ""
        how = tr("from the cache") if found.cached else tr("in {seconds} s").format(seconds=f"{result.seconds:.1f}")
        self._say(tr("top {top} of {images} images of {source} for each of the {channels} channels of {layer} "
                     "({how}){skipped}; click one to open it").format(
            top=result.top.top, images=f"{result.top.images_seen:,}", source=_shown(found.job.source),
            channels=result.top.channels, layer=result.layer, how=how, skipped=skipped))
        self._request_tiles()

    # ------------------------------------------------------------------ running and stopping

    def _started(self, text: str) -> None:
        self.find_button.setEnabled(False)
        self.max_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)  # busy until the first step is through
        self.progress.show()
        self._say(text)

    def cancel(self) -> None:
        for worker in (self.worker, self.max_worker):
            if worker is not None:
                worker.cancel()
                self._say(tr("cancelling\u2026"))

    def _on_failed(self, model, line: str, what: str) -> None:
        if model is not self.session.model:
            line = tr("the model changed: the search was cancelled") if what == "search" else \
                tr("the model changed: the maximisation was cancelled")
        self._say(line)

    def _on_finished(self) -> None:
        for attr in ("worker", "max_worker"):
            worker = getattr(self, attr)
            if worker is not None and worker.isFinished():
                setattr(self, attr, None)
                worker.deleteLater()
        if not self.busy():
            self.find_button.setEnabled(True)
            self.max_button.setEnabled(True)
            self.cancel_button.setEnabled(False)
            self.progress.hide()

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        ok = True
        for worker in (self.worker, self.max_worker):
            if worker is not None:
                ok = worker.stop(timeout_ms) and ok
        return ok

    # ------------------------------------------------------------------ tiles

    def _request_tiles(self) -> None:
        model, top = self.session.model, self.top
        if model is None or top is None or self.dataset is None:
            return
        channel = self.channel()
        if not 0 <= channel < top.channels:
            return self._say(tr("channel {channel} is out of range: the ranked layer has {channels}").format(
                channel=channel, channels=top.channels))
        layer = self.top_layer
        self._serial += 1
        self.session.request_view(TILES_VIEW, _tiles_job, self._serial, self.dataset, list(self.dataset.names), top,
                                  channel, model.summary, layer, model.loaded.info.input)

    def _on_view(self, kind: str) -> None:
        if kind != TILES_VIEW:
            return
        serial, tiles = self.session.views.get(TILES_VIEW, (None, None))
        if serial != self._serial:
            return
        if isinstance(tiles, str):
            return self._say(tiles)
        self.tiles = tiles
        self.grid.set_tiles(tiles)
        self.show_body()
        self.changed(self.grid)

    def open_tile(self, tile) -> None:
        """Open a top image as the session's input (a file by its path; a built-in item from its pixels), its
        peak selected as the unit (the Input dock outlines what it sees)."""
        if tile.png is None:
            if not self.session.open_paths([tile.name]):
                return
        else:
            self.session.open_bytes(tile.png, tile.name)
        if self.top_layer is not None:
            self.session.select_unit(self.top_layer, tile.y, tile.x)

    # ------------------------------------------------------------------ following the session

    def _clear_result(self) -> None:
        self.found = self.top = self.dataset = self.top_layer = None
        self.tiles = []
        self.updates_shown = 0
        self.grid.set_tiles([])

    def _on_model(self) -> None:
        was_busy = self.busy()
        self.cancel()
        self._clear_result()
        self.maximised = None
        self.max_view.set_array(None)
        self.max_line.setText("")
        if self.session.model is None:
            return self.show_message(tr(NO_MODEL))
        self.show_body()
        self._sync_channels()
        self._say(tr("the model changed: the running job was cancelled") if was_busy
                  else tr(HINT).format(layer=self.session.layer or tr("the selected layer")))

    def _on_layer(self) -> None:
        self._sync_channels()
        if (self.found is None or self.found.result.layer != self.session.layer) and not self.busy():
            self._say(tr(HINT).format(layer=self.session.layer))

    def _sync_channels(self) -> None:
        channels = self.channels()
        before = self.channel_spin.value()
        self.channel_spin.blockSignals(True)
        self.channel_spin.setRange(0, max((channels or 1) - 1, 0))
        if self.session.channel is not None and 0 <= self.session.channel < (channels or 0):
            self.channel_spin.setValue(self.session.channel)
        self.channel_spin.blockSignals(False)
        self.channel_spin.setEnabled(channels is not None)
        if self.channel_spin.value() != before:
            self._request_tiles()

    def _on_session_channel(self, channel: int) -> None:
        if channel != self.channel_spin.value() and 0 <= channel <= self.channel_spin.maximum():
            self.channel_spin.setValue(channel)  # shows its tiles through _on_channel_spin

    def _on_channel_spin(self, channel: int) -> None:
        self.session.select_channel(channel)
        if self.maximised is not None and self.maximised[0].channel != channel:
            self.max_line.setText(tr("(the image above maximises channel {channel})").format(
                channel=self.maximised[0].channel))
        self._request_tiles()

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.changed(self.status)
