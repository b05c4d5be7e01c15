"""The Statistics dock's "Dataset" page: dead and saturated channels of every activation over a dataset.

The user picks digits, shapes or a folder of images (typed, or chosen with a dialog), an image limit, and
presses Scan: a :class:`~cnnviz.gui.dataset_worker.DatasetScanWorker` runs the pass with progress and Cancel.
The result is a bar per activation layer (the share of its channels that never fire, and of those always
on), and the dead and saturated channels of the selected layer; clicking a bar selects that layer, clicking
a channel shows it in the other docks. Every problem (a missing or empty folder, unreadable images, images
the model cannot take, a cancel) is one line under the controls.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QHBoxLayout, QListWidget, QListWidgetItem, QProgressBar, QPushButton, QSpinBox,
                               QVBoxLayout, QWidget)

from ...core.analysis.channel_activity import ChannelActivity
from ...core.i18n import marker, translator
from ..dataset_worker import DatasetScanWorker, ScanJob
from ..session import Session
from ..widgets import plain_label
from .statistics_plots import DepthBars
from .dataset_picker import DatasetPicker

DEFAULT_LIMIT = 2000
MAX_LIMIT = 1_000_000
tr = translator(__name__)
N_ = marker(__name__)

HINT = N_("Scan a dataset through the model to find the channels that never fire (dead) or are always on.")


class DatasetPage(QWidget):
    """Controls, progress, per-layer bars and the selected layer's dead channels."""

    def __init__(self, session: Session, background, changed: Callable[..., None]) -> None:
        super().__init__()
        self.session = session
        self._changed = changed  # the dock's record of widgets that owe a paint
        self.worker: DatasetScanWorker | None = None
        self.activity: ChannelActivity | None = None
        self.scanned_model = None
        self.layer_index: int | None = None
        self.picker = DatasetPicker("scan")  # digits, shapes or a folder
        self.source_combo, self.folder_edit = self.picker.source_combo, self.picker.folder_edit
        self.browse_button = self.picker.browse_button
        self.limit_spin = QSpinBox()
        self.limit_spin.setRange(1, MAX_LIMIT)
        self.limit_spin.setValue(DEFAULT_LIMIT)
        self.limit_spin.setPrefix(tr("at most "))
        self.limit_spin.setSuffix(tr(" images"))
        self.limit_spin.setGroupSeparatorShown(True)
        self.scan_button = QPushButton(tr("Scan"))
        self.scan_button.clicked.connect(self.scan)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setMaximumHeight(14)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status = plain_label(tr(HINT), wrap=True)
        self.bars = DepthBars(background, tr("share of the layer's channels"))
        self.bars.bar_clicked.connect(self._on_bar)
        self.layer_title = plain_label(wrap=True)
        self.channels = QListWidget()
        self.channels.setMaximumHeight(150)
        self.channels.itemClicked.connect(self._on_channel)
        self._build_layout()
        session.model_changed.connect(self._on_model)
        session.layer_selected.connect(self._follow_layer)

    def _build_layout(self) -> None:
        source = QHBoxLayout()
        source.addWidget(self.picker, 1)
        run = QHBoxLayout()
        run.addWidget(self.limit_spin)
        run.addWidget(self.scan_button)
        run.addWidget(self.cancel_button)
        run.addWidget(self.progress, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(source)
        layout.addLayout(run)
        layout.addWidget(self.status)
        layout.addWidget(self.bars, 1)
        layout.addWidget(self.layer_title)
        layout.addWidget(self.channels)

    # ------------------------------------------------------------------ choosing and scanning

    def set_source(self, source: str | Path) -> None:
        """``digits``, ``shapes`` or a folder next."""
        self.picker.set_source(source)

    def source(self) -> str:
        return self.picker.source()

    def scanning(self) -> bool:
        return self.worker is not None

    def scan(self) -> None:
        """Start the pass over the chosen dataset (nothing happens while one runs)."""
        model, source = self.session.model, self.source()
        if self.worker is not None:
            return
        if model is None:
            self._say(tr("load a model first"))
            return
        if not source:
            self._say(tr("type a folder of images, or choose one with Browse\u2026"))
            return
        self.worker = DatasetScanWorker(ScanJob(model, source, self.limit_spin.value()), self)
        self.worker.progress.connect(self._on_progress)
        self.worker.done.connect(self._on_done)
        self.worker.failed.connect(self._say)
        self.worker.finished.connect(self._on_finished)
        self.scan_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)  # busy until the first batch is through
        self.progress.show()
        self._say(tr("loading {source}\u2026").format(source=_shown(source)))
        self.worker.start()

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self._say(tr("cancelling\u2026"))

    def stop(self, timeout_ms: int = 30000) -> bool:
        """End a running scan (the window is closing); True once it has ended."""
        return self.worker.stop(timeout_ms) if self.worker is not None else True

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        source = _shown(self.worker.job.source) if self.worker else ""
        self._say((tr("scanning {source}: {done} of {total} images") if total > 0 else
                   tr("scanning {source}: {done} images")).format(source=source, done=f"{done:,}", total=f"{total:,}"))

    def _on_finished(self) -> None:
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.deleteLater()
        self.scan_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.progress.hide()

    def _on_done(self, payload) -> None:
        job, activity = payload
        if job.model is not self.session.model:
            self._say(tr("the model changed during the scan: scan again"))
            return
        self.activity, self.scanned_model = activity, job.model
        dead = sum(len(e.dead) for e in activity.layers)
        saturated = sum(len(e.saturated) for e in activity.layers)
        cut = (tr(" (evenly spread over {available}; raise the limit to scan more)").format(
            available=f"{activity.available:,}") if activity.available and activity.available > activity.images else "")
        notes = "".join(f"; {n}" for n in activity.notes)
        self._say(tr("{images} images of {source}{cut}: {dead} dead and {saturated} always-on channels in {layers} "
                     "activation layers{notes}").format(images=f"{activity.images:,}", source=_shown(job.source),
                                                        cut=cut, dead=f"{dead:,}", saturated=f"{saturated:,}",
                                                        layers=len(activity.layers), notes=notes))
        self.bars.set_bars([e.name for e in activity.layers], [
            (tr("dead (never fire)"), [len(e.dead) / max(e.channels, 1) for e in activity.layers]),
            (tr("saturated (always on)"), [len(e.saturated) / max(e.channels, 1) for e in activity.layers])])
        names = [e.name for e in activity.layers]
        self._show_layer(names.index(self.session.layer) if self.session.layer in names else 0)
        self._changed(self.bars.viewport())

    # ------------------------------------------------------------------ following the selection

    def _on_model(self) -> None:
        if self.session.model is self.scanned_model:
            return
        if self.worker is not None:
            self.worker.cancel()
        self.activity = self.scanned_model = self.layer_index = None
        self.bars.set_bars([], [])
        self.channels.clear()
        self.layer_title.setText("")
        self._say(tr(HINT))

    def _follow_layer(self, key: str) -> None:
        names = [e.name for e in self.activity.layers] if self.activity is not None else []
        if key in names:
            self._show_layer(names.index(key))

    def _on_bar(self, index: int) -> None:
        if self.activity is None:
            return
        self._show_layer(index)
        self.session.select_layer(self.activity.layers[index].name)

    def _show_layer(self, index: int) -> None:
        layer = self.activity.layers[index]
        self.layer_index = index
        self.bars.select(index)
        self.layer_title.setText(tr("{layer} ({type}): {dead} dead and {saturated} always-on ({saturation}) of "
                                    "{channels} channels").format(layer=layer.name, type=layer.type,
                                                                  dead=len(layer.dead), saturated=len(layer.saturated),
                                                                  saturation=_saturation(layer.saturation),
                                                                  channels=layer.channels)
                                 + (tr("; click one to show it") if layer.dead or layer.saturated else ""))
        self.channels.clear()
        images = self.activity.images
        for channel in layer.dead:
            self._add_channel(channel, tr("channel {channel}: dead, fired in none of {images} images").format(
                channel=channel, images=f"{images:,}"))
        for channel in layer.saturated:
            self._add_channel(channel, tr("channel {channel}: saturated in all {images} images").format(
                channel=channel, images=f"{images:,}"))
        if not (layer.dead or layer.saturated):
            none = QListWidgetItem(tr("none: every channel fired in some image and rested in another"))
            none.setFlags(Qt.ItemFlag.NoItemFlags)
            self.channels.addItem(none)
        self._changed(self.bars.viewport(), self.layer_title, self.channels.viewport())

    def _add_channel(self, channel: int, text: str) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, channel)
        self.channels.addItem(item)

    def _on_channel(self, item: QListWidgetItem) -> None:
        if self.activity is None or self.layer_index is None or item.data(Qt.ItemDataRole.UserRole) is None:
            return
        name = self.activity.layers[self.layer_index].name
        self.session.select_layer(name)
        self.session.select_channel(int(item.data(Qt.ItemDataRole.UserRole)))

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self._changed(self.status)


def _saturation(meaning: str) -> str:
    """What "saturated" meant for a layer (the core's words, kept in its JSON) in the user's language."""
    bound = "at its upper bound "
    if meaning.startswith(bound):
        return tr("at its upper bound {bound}").format(bound=meaning[len(bound):])
    return tr("positive everywhere") if meaning == "positive everywhere" else meaning


def _shown(source: str) -> str:
    return source if source in ("digits", "shapes") else (Path(source).name or source)
