"""The page of the lesson "Kinds of convolution": one input (what the model's res1.conv1 receives), five kinds of
convolution made from that layer's filters, and for each its filters, its output maps, its parameters,
multiply-adds, output shape and receptive field, side by side.

The tensor work runs in the render worker (:func:`~cnnviz.gui.lessons.conv_kinds_view.compute` through
``session.request_view``) after each capture.
"""

from __future__ import annotations

import html

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from ...core.analysis.receptive_field import ReceptiveField
from ...core.i18n import translator
from ...core.lessons.conv_costs import ConvCost
from ...core.lessons.conv_kinds import KIND_NAMES, KINDS, Kind
from ..mosaic_view import MosaicView
from ..widgets import ImageView, plain_label, rich_label
from .conv_kinds_view import KindsJob, KindsPictures, compute
from .page import ViewPage

tr = translator(__name__)

VIEW = "lesson:conv-kinds"
FILTER_SIDE = 150  # pixels: the filter pictures of one kind
MAPS_HEIGHT = 150  # pixels: the most one kind's output maps take


def _size(values) -> str:
    return "×".join(f"{v:g}" for v in values)


def _one(values) -> str:
    """``2`` for ``(2, 2)``, ``2×3`` otherwise."""
    return f"{values[0]:g}" if len(set(values)) == 1 else _size(values)


def _call(c: ConvCost) -> str:
    text = tr("{k} conv {cin}→{cout}").format(k=_size(c.kernel), cin=c.in_channels, cout=c.out_channels)
    if c.groups == c.in_channels and c.groups > 1:
        text += tr(", one per channel")
    elif c.groups > 1:
        text += tr(", {n} groups").format(n=c.groups)
    if max(c.dilation) > 1:
        text += tr(", dilation {d}").format(d=_one(c.dilation))
    if c.transposed:
        text += tr(", transposed, stride {s}").format(s=_one(c.stride))
    elif max(c.stride) > 1:
        text += tr(", stride {s}").format(s=_one(c.stride))
    return text


def _field(field: ReceptiveField | None) -> str:
    if field is None:
        return "—"
    if field.stride is None:
        return tr("the whole input")
    if max(field.stride) < 1:
        return tr("{size}, step {step:g}").format(size=_size(field.size), step=field.stride[0])
    return _size(field.size)


class ConvKindsPage(ViewPage):
    """Five kinds of convolution on one input: filters, maps and what each costs and sees."""

    lesson = "conv-kinds"

    def __init__(self, window, parent=None) -> None:
        super().__init__(window, parent)
        self._serial = 0
        self.table_label = rich_label(wrap=True)
        self.input_title = rich_label(wrap=True)
        self.input_maps = MosaicView(tr("waiting for the maps…"))
        self.titles = {k: rich_label(wrap=True) for k in KINDS}
        self.filters = {k: [ImageView() for _ in range(2 if k == "depthwise-separable" else 1)] for k in KINDS}
        self.outputs = {k: MosaicView(tr("waiting for the maps…")) for k in KINDS}
        self.transposed_note = plain_label(wrap=True)
        self._lay_out()
        self.session.capture_changed.connect(self._on_capture)
        self.session.view_changed.connect(self._on_view)
        self.session.cmap_changed.connect(self.refresh)

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.error_label)
        layout.addWidget(self.table_label)
        self.input_maps.setMaximumHeight(MAPS_HEIGHT)
        layout.addWidget(self.input_title)
        layout.addWidget(self.input_maps)
        for kind in KINDS:
            layout.addWidget(self.titles[kind])
            row = QHBoxLayout()
            pictures = QVBoxLayout()
            pictures.setSpacing(4)
            for picture in self.filters[kind]:
                palette = picture.palette()  # the space beside a picture in the dock's own colour
                palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
                picture.setPalette(palette)
                side = FILTER_SIDE if len(self.filters[kind]) == 1 else (FILTER_SIDE - 4) // 2
                picture.setFixedSize(FILTER_SIDE, side)
                pictures.addWidget(picture)
            pictures.addStretch(1)
            row.addLayout(pictures)
            self.outputs[kind].setMaximumHeight(MAPS_HEIGHT)
            row.addWidget(self.outputs[kind], 1)
            layout.addLayout(row)
        layout.addWidget(self.transposed_note)
        layout.addStretch(1)

    # ------------------------------------------------------------------ the lesson's life

    def _on_capture(self) -> None:
        if self.session.result is None:
            return
        self._serial += 1
        self.refresh()

    def refresh(self) -> None:
        """Ask the render worker for the kinds on the current capture (the newest request wins)."""
        result, model = self.session.result, self.session.model
        if result is None or model is None or "input" not in result.capture:
            return
        key = (self._serial, self.session.cmap)
        if key == self._wanted:
            return
        self._wanted = key
        self.session.request_view(VIEW, compute, KindsJob(key, model, result.capture["input"], self.session.cmap))

    def _on_view(self, kind: str) -> None:
        view = self.newest_view(kind, VIEW, KindsPictures, self._wanted)
        if view is not None:
            self.view = view
            if not view.error:
                self._draw(view)

    # ------------------------------------------------------------------ drawing

    def _draw(self, view: KindsPictures) -> None:
        kinds = view.kinds
        c, h, w = kinds.input.shape
        self.table_label.setText(self._table(kinds.kinds))
        self.input_title.setText(tr("<b>Input</b>: what {layer} receives, {c} maps of {h}×{w}").format(
            layer=html.escape(kinds.layer), c=c, h=h, w=w))
        self.input_maps.set_mosaic(view.input.rgb, view.input.grid)
        for k in kinds.kinds:
            self.titles[k.kind].setText(self._title(k))
            for picture, (label, filters) in zip(self.filters[k.kind], view.filters[k.kind]):
                picture.set_array(filters.rgb, smooth=False)
                picture.setToolTip(tr(label))
            self.outputs[k.kind].set_mosaic(view.outputs[k.kind].rgb, view.outputs[k.kind].grid)
        self.transposed_note.setText(self._transposed_text(kinds.kind("transposed"), (h, w)))
        self.changed(self.table_label, self.input_title, self.input_maps, *self.titles.values(),
                     *(p for pictures in self.filters.values() for p in pictures), *self.outputs.values(),
                     self.transposed_note)

    def _table(self, kinds: list[Kind]) -> str:
        head = "".join(f"<th align='{a}'>{html.escape(t)}</th>" for t, a in (
            (tr("kind"), "left"), (tr("parameters"), "right"), (tr("multiply-adds"), "right"),
            (tr("output"), "right"), (tr("receptive field"), "right"), (tr("in the image"), "right")))
        rows = "".join(
            f"<tr><td>{html.escape(tr(KIND_NAMES[k.kind]))}</td><td align='right'>{k.params:,}</td>"
            f"<td align='right'>{k.macs:,}</td><td align='right'>{_size(k.output_shape)}</td>"
            f"<td align='right'>{html.escape(_field(k.field))}</td>"
            f"<td align='right'>{html.escape(_field(k.image_field))}</td></tr>" for k in kinds)
        note = html.escape(tr("Parameters count weights and biases; multiply-adds are for one image; receptive "
                              "fields are in pixels of the input maps, then of the image."))
        return f"<table cellspacing='4'><tr>{head}</tr>{rows}</table><small>{note}</small>"

    @staticmethod
    def _title(k: Kind) -> str:
        calls = html.escape(tr(", then ").join(_call(c) for c in k.calls))
        text = tr("{params:,} parameters, {macs:,} multiply-adds").format(params=k.params, macs=k.macs)
        if k.change is not None and k.kind != "standard":
            text += tr("; its maps differ from the standard's by {change:.0f} %").format(change=100 * k.change)
        return tr("<b>{kind}</b>: {calls}").format(kind=html.escape(tr(KIND_NAMES[k.kind])), calls=calls) \
            + f"<br>{html.escape(text)}"

    @staticmethod
    def _transposed_text(k: Kind, size: tuple[int, int]) -> str:
        field = k.field
        if field.stride is None or max(field.stride) >= 1:
            return ""
        return tr("Transposed: each output value is made from at most {taps} input values, and neighbouring outputs "
                  "are {step:g} of an input pixel apart, so the {h}×{w} maps become {oh}×{ow}: it spreads each input "
                  "value over a {k} patch of a larger map instead of summing a patch into one value.").format(
            taps=_size(field.size), step=field.stride[0], h=size[0], w=size[1], oh=k.output_shape[1],
            ow=k.output_shape[2], k=_size(k.calls[0].kernel))

    def numbers(self) -> dict[str, float]:
        """Every number the page shows: the input's shape and, per kind, its costs, shape and fields."""
        view = self.view
        if view is None or view.error:
            return {}
        out: dict[str, float] = {}
        for axis, v in zip("chw", view.kinds.input.shape):
            out[f"input_{axis}"] = v
        for k in view.kinds.kinds:
            out[f"{k.kind}:params"], out[f"{k.kind}:macs"] = k.params, k.macs
            for axis, v in zip("chw", k.output_shape):
                out[f"{k.kind}:output_{axis}"] = v
            if k.change is not None:
                out[f"{k.kind}:change"] = k.change
            for name, field in (("field", k.field), ("image_field", k.image_field)):
                if field is not None:
                    out[f"{k.kind}:{name}_h"], out[f"{k.kind}:{name}_w"] = field.size
                    if field.stride is not None:
                        out[f"{k.kind}:{name}_stride"] = field.stride[0]
            for i, c in enumerate(k.calls):
                out[f"{k.kind}:{i}:kernel"], out[f"{k.kind}:{i}:groups"] = c.kernel[0], c.groups
                out[f"{k.kind}:{i}:dilation"], out[f"{k.kind}:{i}:stride"] = c.dilation[0], c.stride[0]
                out[f"{k.kind}:{i}:in"], out[f"{k.kind}:{i}:out"] = c.in_channels, c.out_channels
        return out
