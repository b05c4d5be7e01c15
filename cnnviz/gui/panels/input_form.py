"""The model dock's input form: what a model takes (C x H x W, mean, std, class names), for models that do not
say (the user's code, TorchScript, ``.pt2``) and for any other.

It shows the input the loaded model is fed, with where that came from (the model's own description, the
guess from its first convolution, or what the user gave); Apply asks the session to load the model again
with the values in the form (``applied``), after checking them with the loader's own rules
(:func:`cnnviz.core.inputs.describe.requested_spec`). A mistake is one line (``problem``); the model stays.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox,
                               QWidget)

from ...core.errors import CnnvizError
from ...core.i18n import marker, translator
from ...core.inputs.describe import MAX_SIDE, InputRequest, read_class_names, requested_spec
from ...core.paths import shown_path
from ...core.spec import InputSpec, ModelInfo
from ..jobs import InputDescription
from ..widgets import plain_label

tr = translator(__name__)
N_ = marker(__name__)

CLASS_FILES = N_("Class names (*.txt *.names *.csv);;All files (*)")
GUESSED = N_("guessed from the first convolution; change it and Apply")
GUESS_NOTE = "input guessed"  # how the loader's note about the guess begins (matched, not shown: untranslated)
GIVEN = N_("as you described it")
OWN = N_("as the model describes it")
# the loader's messages name the command line's flags; the form names its fields
_FIELDS = (("--input-size", N_("input size")), ("--mean", N_("mean")), ("--std", N_("std")),
           ("--classes", N_("the classes file")))


def choose_classes_file(parent: QWidget | None) -> str:
    """Ask for a class-names file (tests replace this); "" when the user cancels."""
    path, _ = QFileDialog.getOpenFileName(parent, tr("Class names, one a line"), "", tr(CLASS_FILES))
    return path


def numbers(text: str, field: str) -> tuple[float, ...]:
    """``"0.485, 0.456 0.406"`` -> ``(0.485, 0.456, 0.406)``.

    Raises
    ------
    CnnvizError
        Empty, or something that is not a number.
    """
    parts = [p for p in re.split(r"[\s,;]+", text.strip()) if p]
    if not parts:
        raise CnnvizError(tr("{field}: give 1 value, or one per channel").format(field=field))
    try:
        return tuple(float(p) for p in parts)
    except ValueError:
        bad = next(p for p in parts if not _is_number(p))
        raise CnnvizError(tr("{field}: '{value}' is not a number").format(field=field, value=bad[:20])) from None


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def shown_numbers(values: tuple[float, ...]) -> str:
    """``(0.485, 0.456, 0.406)`` -> ``"0.485, 0.456, 0.406"``; equal values once."""
    if len(set(values)) == 1:
        values = values[:1]
    return ", ".join(f"{v:.4g}" for v in values)


def form_message(message: str) -> str:
    """A loader message about a flag, reworded for the form's fields."""
    for flag, field in _FIELDS:
        message = message.replace(flag, tr(field))
    return message


class InputForm(QWidget):
    """C, H, W spin boxes, mean and std fields, a classes-file button, Apply and Reset.

    Signals: ``applied(InputDescription)`` (Reset sends an empty one: the model's own input, or the guess);
    ``problem(str)``, one line about a value that cannot be used.
    """

    applied = Signal(object)
    problem = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._base = InputSpec()
        self._outputs: int | None = None  # the model's output count, when known
        self._class_names: tuple[str, ...] | None = None  # read from the file chosen here
        self._classes_file: str | None = None
        self.channels, self.height, self.width = self._spin(1, 3), self._spin(1, 4 * MAX_SIDE), \
            self._spin(1, 4 * MAX_SIDE)
        self.mean, self.std = QLineEdit(), QLineEdit()
        self.mean.setPlaceholderText(tr("1 value, or one per channel"))
        self.std.setPlaceholderText(tr("1 value, or one per channel"))
        self.classes_button = QPushButton(tr("Classes file…"))
        self.classes_button.clicked.connect(self._choose_classes)
        self.classes_label = QLabel()
        self.apply_button = QPushButton(tr("Apply"))
        self.apply_button.clicked.connect(self.apply)
        self.reset_button = QPushButton(tr("Reset"))
        self.reset_button.setToolTip(tr("The model's own input description, or the guess"))
        self.reset_button.clicked.connect(lambda: self.applied.emit(InputDescription()))
        self.note = plain_label(wrap=True)
        self.note.setStyleSheet("color: palette(placeholder-text);")
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        times = [QLabel("\u00d7"), QLabel("\u00d7")]
        form.addRow("C \u00d7 H \u00d7 W", self._row(self.channels, times[0], self.height, times[1], self.width,
                                                   stretch=True))
        form.addRow(tr("Mean"), self._row(self.mean, QLabel(tr("Std")), self.std))
        classes = self._row(self.classes_button, self.classes_label, stretch=True)
        classes.layout().addWidget(self.apply_button)
        classes.layout().addWidget(self.reset_button)
        form.addRow(tr("Classes"), classes)
        form.addRow(self.note)

    @staticmethod
    def _spin(low: int, high: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        return spin

    @staticmethod
    def _row(*widgets: QWidget, stretch: bool = False) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            layout.addWidget(widget)
        if stretch:
            layout.addStretch(1)
        return row

    # ------------------------------------------------------------------ showing

    def show_model(self, info: ModelInfo, description: InputDescription, notes: tuple[str, ...] = ()) -> None:
        """Show the input ``info`` says the model is fed, and where it came from (``notes``: the loader's, whose
        note about a guess is shown here, without its command-line advice)."""
        spec = info.input
        self._base = spec
        names = info.class_names
        self._outputs = len(names) if names else None
        self._class_names, self._classes_file = description.class_names, description.classes_file
        self.channels.setValue(spec.channels)
        self.height.setValue(spec.size[0])
        self.width.setValue(spec.size[1])
        self.mean.setText(shown_numbers(spec.mean))
        self.std.setText(shown_numbers(spec.std))
        self._show_classes(names, description.classes_file)
        self.note.setText(self.source(info, description, notes))

    @staticmethod
    def source(info: ModelInfo, description: InputDescription, notes: tuple[str, ...] = ()) -> str:
        """Where the input shown comes from, in a few words."""
        if description.given():
            return tr(GIVEN)
        if info.described:
            return tr(OWN)
        guess = next((n for n in notes if n.startswith(GUESS_NOTE)), None)
        if guess is None:
            return tr(GUESSED)
        return tr("{guess}; change it and Apply").format(guess=guess.split("; give ")[0])

    def _show_classes(self, names: tuple[str, ...], path: str | None) -> None:
        first = f"{', '.join(names[:5])}{', ...' if len(names) > 5 else ''}"
        self.classes_label.setText(tr("{count} names").format(count=len(names)) if names else tr("none"))
        tip = tr("{count} names from {file}: {first}") if path else tr("{count} names: {first}")
        self.classes_label.setToolTip(tip.format(count=len(names), file=shown_path(path) if path else "",
                                                 first=first) if names else "")

    # ------------------------------------------------------------------ reading

    def description(self) -> InputDescription:
        """The values in the form, checked as the loader checks them.

        Raises
        ------
        CnnvizError
            One line about the first value that cannot be used.
        """
        size = (self.channels.value(), self.height.value(), self.width.value())
        request = InputRequest(size, self._typed(self.mean, self._base.mean, tr(_FIELDS[1][1])),
                               self._typed(self.std, self._base.std, tr(_FIELDS[2][1])), self._class_names)
        try:
            requested_spec(self._base, request)
        except CnnvizError as exc:
            raise CnnvizError(form_message(str(exc))) from None
        names = self._class_names
        if names is not None and self._outputs is not None and len(names) != self._outputs:
            raise CnnvizError(tr("the classes file names {count} classes but the model has {outputs} outputs"
                                 ).format(count=len(names), outputs=self._outputs))
        return InputDescription(size, request.mean, request.std, names, self._classes_file if names else None)

    def _typed(self, field: QLineEdit, shown: tuple[float, ...], name: str) -> tuple[float, ...] | None:
        """The field's numbers; None when the channels changed and the field still shows the model's numbers,
        which do not fit the new count (the loader then takes that count's usual ones: MNIST's for grey,
        ImageNet's for RGB)."""
        values = numbers(field.text(), name)
        channels = self.channels.value()
        if channels != self._base.channels and field.text() == shown_numbers(shown) and len(values) not in (1, channels):
            return None
        return values

    def apply(self) -> bool:
        """Send the form's values (``applied``), or say in one line why they cannot be used."""
        try:
            description = self.description()
        except CnnvizError as exc:
            self.problem.emit(str(exc))
            return False
        self.applied.emit(description)
        return True

    def _choose_classes(self) -> None:
        path = choose_classes_file(self)
        if not path:
            return
        try:
            names = read_class_names(path)
        except CnnvizError as exc:
            self.problem.emit(form_message(str(exc)))
            return
        self._class_names, self._classes_file = names, path
        self._show_classes(names, path)
