"""The model dock: model, weights and device pickers above the layer tree.

When a torchvision model's pretrained weights cannot be downloaded, a bar here offers the ways on
(:mod:`cnnviz.gui.panels.weights_offer`).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QCompleter, QFileDialog, QFormLayout, QInputDialog, QToolButton,
                               QVBoxLayout)

from ...core.errors import CnnvizError
from ...core.i18n import marker, translator
from ...core.models import zoo
from ...core.device import available_devices
from ...core.models.notes import ARCH_NAMES
from ...core.models.weights import bundled_weights_path, pretrained_available
from ...core.paths import shown_path
from .. import code_trust, jobs
from ..widgets import plain_label, rich_label
from .base import Panel
from .input_form import GUESS_NOTE, InputForm
from .layer_tree import LayerTree, human
from .timm_list import choose_timm_model, timm_names, timm_weights_cached
from .weights_offer import FILE, WeightsOffer

tr = translator(__name__)
N_ = marker(__name__)

FILE_CHOICE = "@file"
TIMM_CHOICE = "@timm"
MODEL_FILES = N_("Models (*.py *.safetensors *.pt *.pth *.pt2 *.pts *.ptl *.jit *.zip);;Python code (*.py);;"
                 "torch.export programs (*.pt2);;All files (*)")
WEIGHT_FILES = N_("Weights (*.safetensors *.pt *.pth);;All files (*)")


def open_file(parent, title: str, pattern: str) -> str:
    """Ask for one file (tests replace this); "" when the user cancels."""
    path, _ = QFileDialog.getOpenFileName(parent, title, "", tr(pattern))
    return path


def ask_model_name(parent, path: Path, names: list[str], default: str | None) -> str:
    """Ask which class or factory of ``path`` builds the model (tests replace this); "" when cancelled."""
    current = names.index(default) if default in names else 0
    name, ok = QInputDialog.getItem(parent, tr("Open model"),
                                    tr("{file} defines these. Which one is the model?").format(file=path.name),
                                    names, current, False)
    return name if ok else ""


def weight_choices(name: str) -> list[tuple[str, str]]:
    """``(label, weights)`` entries of the weights picker for a model."""
    if name in zoo.COURSE_MODELS:
        bundled = tr("bundled weights") if bundled_weights_path(name) else tr("bundled weights (not built yet: random)")
        first = [(bundled, "default")]
    elif name in zoo.torchvision_names():
        cached = pretrained_available(name)
        first = [(tr("pretrained (cached)") if cached else tr("pretrained (download)"), "default")]
    elif jobs.is_timm(name):
        first = [(tr("pretrained (cached)") if timm_weights_cached(name) else tr("pretrained (download)"), "default")]
    elif code_trust.is_code_spec(name):
        first = [(tr("as the code builds it"), "default")]
    else:
        first = [(tr("weights in the model file"), "default")]
    return first + [(tr("none (random init)"), "none"), (tr("from file…"), FILE_CHOICE)]


class ModelPanel(Panel):
    """Choose the model, its weights and the device; browse and select its layers."""

    title = N_("Model")
    name = "model_dock"
    area = Qt.DockWidgetArea.LeftDockWidgetArea
    preferred_width = 380

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self._shown_name: str | None = None  # the model the dock showed last
        self.model_combo = self._model_combo()
        self.weights_combo = QComboBox()
        self.weights_combo.activated.connect(self._on_weights)
        self.device_combo = QComboBox()
        self.device_combo.addItem(tr("auto"), "auto")  # shown translated; the device asked for is the data
        for device in available_devices():
            self.device_combo.addItem(device, device)
        self.device_combo.activated.connect(lambda i: session.set_device(self.device_combo.itemData(i)))
        self.transform_input = QCheckBox("transform_input")
        self.transform_input.setToolTip(tr("GoogLeNet / Inception-v3: re-normalise the input from ImageNet's "
                                           "mean/std to (x - 0.5) / 0.5 first, as torchvision's pretrained weights "
                                           "expect. Off for a model trained from scratch with torchvision's builder."))
        self.transform_input.clicked.connect(self._on_transform_input)
        self.info = rich_label(wrap=True)
        self.notes = plain_label(wrap=True)  # what loading the model assumed (LoadedModel.notes)
        self.notes.setStyleSheet("color: palette(placeholder-text);")
        self.notes.hide()
        self.offer = WeightsOffer()
        self.offer.chosen.connect(self._on_offer)
        self.tree = LayerTree()
        self.tree.layer_activated.connect(session.select_layer)
        self.input_toggle, self.input_form = self._input_section()
        form = QFormLayout()
        form.addRow(tr("Model"), self.model_combo)
        form.addRow(tr("Weights"), self.weights_combo)
        form.addRow(tr("Device"), self.device_combo)
        form.addRow(tr("Input"), self.transform_input)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(form)
        layout.addWidget(self.input_toggle)
        layout.addWidget(self.input_form)
        layout.addWidget(self.offer)
        layout.addWidget(self.info)
        layout.addWidget(self.notes)
        layout.addWidget(self.tree, 1)
        self.show_body()
        session.model_changed.connect(self._on_model)
        session.model_note_changed.connect(self._show_info)
        session.layer_selected.connect(self.tree.select)
        session.error.connect(lambda _message: self._sync_pickers())
        session.model_request_changed.connect(self._sync_pickers)
        session.weights_unavailable.connect(self._on_weights_unavailable)
        self._sync_pickers()

    def _model_combo(self) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItems(list(zoo.COURSE_MODELS))
        combo.insertSeparator(combo.count())
        combo.addItems(list(zoo.torchvision_names()))
        combo.insertSeparator(combo.count())
        combo.addItem(tr("timm models…"), TIMM_CHOICE)
        combo.addItem(tr("Open model file…"), FILE_CHOICE)
        combo.setMaxVisibleItems(25)
        completer = QCompleter([combo.itemText(i) for i in range(combo.count()) if combo.itemText(i)], combo)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        combo.setCompleter(completer)
        combo.lineEdit().setPlaceholderText(tr("search models, or type timm/NAME, FILE.py:NAME"))
        combo.lineEdit().returnPressed.connect(self._on_typed)
        combo.activated.connect(self._on_model_index)
        return combo

    def _on_model_index(self, index: int) -> None:
        choice = self.model_combo.itemData(index)
        if choice == FILE_CHOICE:
            self.open_model_file()
        elif choice == TIMM_CHOICE:
            self.open_timm_list()
        else:
            self._on_model_picked(self.model_combo.itemText(index))

    def _on_typed(self) -> None:
        """A name typed in the picker that is not one of its entries: a timm name, a code spec, a file."""
        text = self.model_combo.currentText().strip()
        if not text or self.model_combo.findText(text) >= 0:
            return  # an entry: activated() takes it
        spec = code_trust.split_spec(text)
        if text.lower().endswith(".py"):
            self.open_model_path(text)
        elif spec is not None and code_trust.is_file_spec(text):
            self._on_model_picked(f"{Path(spec[0]).expanduser().resolve()}:{spec[1]}")
        else:
            path = Path(text).expanduser()
            self._on_model_picked(str(path.resolve()) if path.exists() else text)

    def open_model_file(self) -> bool:
        """File > Open model...: ask for a model file (for a ``.py`` file, which class or factory); load it."""
        path = open_file(self, tr("Open model"), MODEL_FILES)
        if not path:
            self._sync_pickers()
            return False
        return self.open_model_path(path)

    def open_model_path(self, path: str | Path) -> bool:
        """Load a model file (a dropped ``.py`` file too: its class or factory is asked for); False if nothing
        was asked for (cancelled, or the file offers no model: one line says why)."""
        path = Path(path).expanduser().resolve()
        name = self._code_spec_for(path) if path.suffix.lower() == ".py" else str(path)
        if name is None:
            self._sync_pickers()
            return False
        self.offer.withdraw()
        self.session.request_model(name, "default")
        return True

    def _code_spec_for(self, path: Path) -> str | None:
        """``FILE.py:NAME`` for the class or factory the user picks among those the file defines (read with
        ast, nothing run); None when there is none or the user cancels."""
        try:
            names = code_trust.module_candidates(path)
            default = code_trust.likely_network(path, names)
        except CnnvizError as exc:
            self.session.report_error(str(exc))
            return None
        if not names:
            self.session.report_error(tr("{file} defines no nn.Module class or function to open").format(
                file=shown_path(path)))
            return None
        name = names[0] if len(names) == 1 else ask_model_name(self, path, names, default)
        return f"{path}:{name}" if name else None

    def open_timm_list(self) -> bool:
        """The "timm models..." entry: a filterable list of timm's CNNs; the one picked is loaded."""
        try:
            names = timm_names()
        except CnnvizError as exc:
            self.session.report_error(str(exc))
            self._sync_pickers()
            return False
        name = choose_timm_model(self, names)
        if not name:
            self._sync_pickers()
            return False
        self._on_model_picked(name)
        return True

    def _on_model_picked(self, name: str) -> None:
        current = self.session.model_request
        if name and (current is None or name != current.name):
            self.offer.withdraw()
            self.session.request_model(name, "default")

    def _input_section(self) -> tuple[QToolButton, InputForm]:
        toggle = QToolButton()
        toggle.setText(tr("Input"))
        toggle.setToolTip(tr("What the model is fed: size, normalisation, class names"))
        toggle.setCheckable(True)
        toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toggle.setArrowType(Qt.ArrowType.RightArrow)
        toggle.setAutoRaise(True)
        form = InputForm()
        form.hide()
        toggle.toggled.connect(self._show_input_form)
        form.applied.connect(self._on_input_applied)
        form.problem.connect(self.session.report_error)
        return toggle, form

    def _show_input_form(self, shown: bool) -> None:
        self.input_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.input_form.setVisible(shown)

    def _on_input_applied(self, description: jobs.InputDescription) -> None:
        model = self.session.model
        if model is not None:
            req = model.request
            self.session.request_model(req.name, req.weights, req.device, req.transform_input, description)

    def _show_input(self, model: jobs.ModelResult | None, was: str | None) -> None:
        """The form shows the model's input; it opens by itself for a model that does not describe its own."""
        if model is None:
            return
        description, info = model.request.description, model.loaded.info
        self.input_form.show_model(info, description, model.loaded.notes)
        spec = info.input
        origin = tr("as you described it") if description.given() else tr("its own") if info.described else \
            tr("guessed")
        shape = "\u00d7".join(map(str, (spec.channels, *spec.size)))
        self.input_toggle.setText(tr("Input {shape}, {origin}").format(shape=shape, origin=origin))
        if model.request.name != was:
            self.input_toggle.setChecked(not info.described or description.given())

    def _on_weights_unavailable(self, request, reason: str) -> None:
        model = self.session.model
        self.offer.offer(request.name, reason, model.loaded.name if model is not None else None)
        self.changed(self.offer)

    def _on_offer(self, name: str, choice: str) -> None:
        if choice == FILE:
            path = open_file(self, tr("Weights file for {model}").format(model=name), WEIGHT_FILES)
            if not path:
                self.offer.show()
                return
            choice = str(Path(path).resolve())
        self.session.request_model(name, choice)

    def _on_weights(self, index: int) -> None:
        request = self.session.model_request
        choice = self.weights_combo.itemData(index)
        if request is None:
            return
        if choice == FILE_CHOICE:
            path = open_file(self, tr("Weights file"), WEIGHT_FILES)
            if not path:
                self._sync_pickers()
                return
            choice = str(Path(path).resolve())
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
        index = self.device_combo.findData(request.device)
        if index >= 0:
            self.device_combo.setCurrentIndex(index)
        else:
            self.device_combo.setCurrentText(request.device)
        self._sync_transform_input()

    def _on_transform_input(self, checked: bool) -> None:
        request = self.session.model.request if self.session.model is not None else None
        if request is not None:
            self.session.request_model(request.name, request.weights, request.device, bool(checked))

    def _sync_transform_input(self) -> None:
        """The checkbox shows the loaded module's switch; only GoogLeNet and Inception-v3 have one."""
        model = self.session.model
        value = getattr(model.loaded.module, "transform_input", None) if model is not None else None
        has_it = model is not None and model.loaded.info.name in ARCH_NAMES and isinstance(value, bool)
        self.transform_input.setEnabled(has_it)
        self.transform_input.setChecked(bool(value) if has_it else False)

    def _on_model(self) -> None:
        model = self.session.model
        if model is not None and model.request.name == self.offer.model:
            self.offer.withdraw()
        self._show_input(model, self._shown_name)
        self._shown_name = model.request.name if model is not None else None
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
            head = tr("<b>{model}</b>: input {shape}, {classes} classes").format(
                model=escape(model.loaded.name), shape=shape, classes=len(model.loaded.info.class_names))
            totals = tr(", {params} params, {macs} MACs").format(params=human(s.total_params),
                                                                 macs=human(s.total_macs)) if s else ""
            why = ("<br>" + tr("no layer summary: {why}").format(why=escape(model.summary_error))
                   if model.summary_error else "")
            self.info.setText(f"{head}{totals}<br>{escape(model.note)}{why}")
            notes = [n for n in model.loaded.notes if not n.startswith(GUESS_NOTE)]  # the input form says it
            self.notes.setText("\n".join(notes))
            self.notes.setVisible(bool(notes))
        self.changed(self.info)
