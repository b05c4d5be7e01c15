"""The Layer inspector dock: what the selected layer is, what it costs, what it sees, and why that matters."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout

from ...core.errors import CnnvizError
from ...core.i18n import marker, translator
from ...core.analysis.layer_facts import LayerFacts, layer_facts, unit_window
from .base import Panel
from .layer_tree import human, shape_text

tr = translator(__name__)
N_ = marker(__name__)

NO_LAYER = N_("Select a layer in the model tree")


class InspectorPanel(Panel):
    """Type, settings, shapes, parameters, MACs and receptive field of the selected layer, with notes."""

    title = N_("Layer")
    name = "inspector_dock"
    area = Qt.DockWidgetArea.LeftDockWidgetArea
    split_from = "model_dock"  # under the layer tree, beside the input's receptive-field outline
    split_orientation = Qt.Orientation.Vertical
    preferred_width = 340

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self.facts: LayerFacts | None = None
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setFrameShape(QTextBrowser.Shape.NoFrame)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.browser)
        session.model_changed.connect(self.refresh)
        session.layer_selected.connect(self.refresh)
        session.unit_selected.connect(self.refresh)
        self.refresh()

    def text(self) -> str:
        """What the dock shows, as plain text (the message when it shows one)."""
        return self.message() or self.browser.toPlainText()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """A theme switched live: the text's grey is written into its markup, so it is written again."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.refresh()

    def refresh(self, *args) -> None:
        """Show the facts of the session's selected layer (only formatting: no tensor work)."""
        model, key = self.session.model, self.session.layer
        same = self.facts is not None and self.facts.key == key
        self.facts = None
        if model is None or not key:
            self.show_message(tr(NO_LAYER))
            return
        try:
            self.facts = layer_facts(model.loaded.module, model.summary, key)
        except CnnvizError as exc:
            self.show_message(f"{exc}\n\n{tr(NO_LAYER)}")
            return
        scroll = self.browser.verticalScrollBar().value() if same else 0  # a clicked unit keeps the place
        self.browser.setHtml(self._html(self.facts))
        self.browser.verticalScrollBar().setValue(scroll)
        self.show_body()
        self.changed(self.browser.viewport())

    # ------------------------------------------------------------------ html

    def _html(self, f: LayerFacts) -> str:
        dim = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        parts = [f"<h3 style='margin-bottom:0'>{escape(f.key)}</h3>",
                 f"<div style='color:{dim}'>{escape(f.type)}"
                 + (" &middot; " + tr("module {name}").format(name=escape(f.name)) if f.name != f.key else "")
                 + "</div>"]
        rows = [(tr("Output"), shape_text(f.output_shape))]
        if f.input_shape is not None:
            rows.insert(0, (tr("Input"), shape_text(f.input_shape)))
        rows += [(tr("Parameters"), _count(f.params)), (tr("MACs"), _count(f.macs)),
                 (tr("Receptive field"), f.receptive_field_text())]
        unit = self._unit_row(f)
        if unit is not None:
            rows.append(unit)
        if f.children is not None:
            rows.append((tr("Children"), str(f.children)))
        parts.append(_table(rows, dim))
        if f.conv_weights is not None:
            parts.append(self._sharing(f))
        if f.child_costs:
            parts.append(_heading(tr("Inside")) + _costs(f.child_costs, dim))
        if f.settings:
            parts.append(_heading(tr("Settings")) + _table(f.settings, dim))
        if f.notes:
            parts.append(_heading(tr("What it means"))
                         + "".join(f"<p style='margin-top:2px'>{escape(note)}</p>" for note in f.notes))
        return "".join(parts)

    def _sharing(self, f: LayerFacts) -> str:
        """The weight-sharing comparison as a small boxed table: this conv vs a fully connected layer."""
        rows = [(tr("Convolution (shared filters)"), f"{f.conv_weights:,}")]
        if f.dense_conv_weights is not None:
            rows.append((tr("Dense conv (groups = 1)"), f"{f.dense_conv_weights:,}"))
        if f.equivalent_fc_params is not None:
            rows.append((tr("Fully connected"), f"{f.equivalent_fc_params:,}"))
        cells = "".join(f"<tr><td>{escape(a)}</td><td align='right'><b>{escape(b)}</b></td></tr>" for a, b in rows)
        if f.fc_ratio is not None:
            needs = tr("A fully connected layer needs <b>{ratio}×</b> as many weights.").format(
                ratio=f"{f.fc_ratio:,.0f}")
            cells += f"<tr><td colspan='2'>{needs}</td></tr>"
        return (_heading(tr("Weight sharing"))
                + "<div>" + tr("Weights to turn the same input into the same output:") + "</div>"
                f"<table border='1' cellspacing='0' cellpadding='4' style='border-color:#d0a000'>{cells}</table>")

    def _unit_row(self, f: LayerFacts) -> tuple[str, str] | None:
        """The clicked unit's window in input pixels, when it is a unit of this layer."""
        unit, summary = self.session.unit, self.session.model.summary
        if unit is None or summary is None or unit[0] != f.key:
            return None
        box = unit_window(summary, *unit)
        label = tr("Unit (row {row}, col {col})").format(row=unit[1], col=unit[2])
        if box is None:
            return label, tr("sees the whole input")
        top, left, height, width = box
        return label, tr("input rows {top}–{bottom}, cols {left}–{right}").format(
            top=_n(top), bottom=_n(top + height - 1), left=_n(left), right=_n(left + width - 1))


def _heading(text: str) -> str:
    return f"<h4 style='margin-bottom:2px'>{text}</h4>"


def _table(rows: list[tuple[str, str]], dim: str) -> str:
    cells = "".join(f"<tr><td style='color:{dim}; padding-right:12px'>{escape(label)}</td>"
                    f"<td>{escape(value)}</td></tr>" for label, value in rows)
    return f"<table cellspacing='0' cellpadding='2'>{cells}</table>"


def _costs(rows: list[tuple[str, str, int | None, int | None]], dim: str) -> str:
    """A block's direct children with their parameters and MACs."""
    pad = "style='padding-left:12px'"
    head = "".join(f"<td style='color:{dim}; padding-left:{12 if a == 'right' else 0}px' align='{a}'>{t}</td>"
                   for t, a in ((tr("child"), "left"), (tr("type"), "left"), (tr("params"), "right"),
                                (tr("MACs"), "right")))
    cells = "".join(f"<tr><td>{escape(name)}</td><td {pad}>{escape(kind)}</td>"
                    f"<td align='right' {pad}>{'-' if p is None else human(p)}</td>"
                    f"<td align='right' {pad}>{'-' if m is None else human(m)}</td></tr>"
                    for name, kind, p, m in rows)
    return f"<table cellspacing='0' cellpadding='2'><tr>{head}</tr>{cells}</table>"


def _count(n: int | None) -> str:
    if n is None:
        return "-"
    return f"{n:,}" if abs(n) < 1000 else f"{n:,} ({human(n)})"


def _n(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
