"""The model dock: model, weights and device pickers above the layer tree."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QFileDialog, QFormLayout, QLabel, QVBoxLayout

from ...core.models import zoo
from ...core.device import available_devices
from ...core.models.weights import bundled_weights_path, pretrained_available
from .base import Panel
from .layer_tree import LayerTree, human

FILE_CHOICE = "@file"


def weight_choices(name: str) -> list[tuple[str, str]]:
    """``(label, weights)`` entries of the weights picker for a model."""
    if name in zoo.COURSE_MODELS:
        bundled = "bundled weights" if bundled_weights_path(name) else "bundled weights (not built yet: random)"
        first = [(bundled, "default")]
    elif name in zoo.torchvision_names():
        cached = pretrained_available(name)
        first = [("pretrained (cached)" if cached else "pretrained (download)", "default")]
    else:
        first = [("weights in the model file", "default")]
    return first + [("none (random init)", "none"), ("from file\u2026", FILE_CHOICE)]


class ModelPanel(Panel):
    """Choose the model, its weights and the device; browse and select its layers."""

    title = "Model"
    name = "model_dock"
    area = Qt.DockWidgetArea.LeftDockWidgetArea
    preferred_width = 380

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self.model_combo = self._model_combo()
        self.weights_combo = QComboBox()
        self.weights_combo.activated.connect(self._on_weights)
        self.device_combo = QComboBox()
        self.device_combo.addItems(["auto", *available_devices()])
        self.device_combo.activated.connect(lambda i: session.set_device(self.device_combo.itemText(i)))
        self.info = QLabel(wordWrap=True)
        self.tree = LayerTree()
        self.tree.layer_activated.connect(session.select_layer)
        form = QFormLayout()
        form.addRow("Model", self.model_combo)
        form.addRow("Weights", self.weights_combo)
        form.addRow("Device", self.device_combo)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(form)
        layout.addWidget(self.info)
        layout.addWidget(self.tree, 1)
        self.show_body()
        session.model_changed.connect(self._on_model)
        session.model_note_changed.connect(self._show_info)
        session.layer_selected.connect(self.tree.select)
        session.error.connect(lambda _message: self._sync_pickers())
        self._sync_pickers()

    def _model_combo(self) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItems(list(zoo.COURSE_MODELS))
        combo.insertSeparator(combo.count())
        combo.addItems(list(zoo.torchvision_names()))
        combo.setMaxVisibleItems(25)
        completer = QCompleter([combo.itemText(i) for i in range(combo.count()) if combo.itemText(i)], combo)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        combo.setCompleter(completer)
        combo.lineEdit().setPlaceholderText("search models")
        combo.activated.connect(lambda i: self._on_model_picked(combo.itemText(i)))
        return combo

    def _on_model_picked(self, name: str) -> None:
        current = self.session.model_request
        if name and (current is None or name != current.name):
            self.session.request_model(name, "default")

    def _on_weights(self, index: int) -> None:
        request = self.session.model_request
        choice = self.weights_combo.itemData(index)
        if request is None:
            return
        if choice == FILE_CHOICE:
            path, _ = QFileDialog.getOpenFileName(self, "Weights file", "",
                                                  "Weights (*.safetensors *.pt *.pth);;All files (*)")
            if not path:
                self._sync_pickers()
                return
            choice = path
        if choice != request.weights:
            self.session.request_model(request.name, choice)

    def _sync_pickers(self) -> None:
        """Show what is loaded (or, before anything is, what was asked for)."""
        model = self.session.model
        request = model.request if model is not None else self.session.model_request
        if request is None:
            return
        self.model_combo.setCurrentText(request.name)
        self.weights_combo.clear()
        for label, value in weight_choices(request.name):
            self.weights_combo.addItem(label, value)
        index = self.weights_combo.findData(request.weights)
        if index < 0:
            self.weights_combo.insertItem(0, Path(request.weights).name, request.weights)
            index = 0
        self.weights_combo.setCurrentIndex(index)
        self.device_combo.setCurrentText(request.device)

    def _on_model(self) -> None:
        model = self.session.model
        self._sync_pickers()
        self.tree.set_summary(model.summary if model else None)
        self.tree.select(self.session.layer)
        self._show_info()
        self.changed(self.tree.view.viewport())

    def _show_info(self) -> None:
        model = self.session.model
        if model is not None:
            spec = model.loaded.info.input
            shape = "\u00d7".join(str(s) for s in (spec.channels, *spec.size))
            s = model.summary
            totals = f", {human(s.total_params)} params, {human(s.total_macs)} MACs" if s else ""
            self.info.setText(f"<b>{model.loaded.name}</b>: input {shape}, "
                              f"{len(model.loaded.info.class_names)} classes{totals}<br>{model.note}")
        self.changed(self.info)
