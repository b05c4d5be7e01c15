"""The input dock: the image as given and as the network sees it, the input strip, the top-5 classes.

When a unit of some layer is clicked (``Session.unit_selected``), the picture as the network sees it
outlines that unit's receptive field (:func:`cnnviz.core.analysis.layer_facts.unit_window`).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QBoxLayout, QLabel, QListView, QListWidget, QListWidgetItem, QVBoxLayout

from ...core.analysis.layer_facts import unit_window
from ...core.analysis.summary import Summary
from ...core.i18n import marker, translator
from ..widgets import BarChart, Box, ImageView, plain_label, to_qimage
from .base import Panel

tr = translator(__name__)
N_ = marker(__name__)

NO_IMAGE = N_("Drop an image here (or anywhere on the window),\nor use File ▸ Open (Ctrl+O) or File ▸ Samples")

RF_HINT = N_("Click a unit in a feature map to outline its receptive field here.")
HINT_STYLE = "color: palette(placeholder-text);"
UNTRAINED = N_("random weights: these predictions mean nothing yet")
WARNING_STYLE = "color: #c0392b;"


def _caption(text: str = "") -> QLabel:
    label = plain_label(text)  # file names are shown as they are, never as HTML
    label.setStyleSheet("font-weight: bold;")
    return label


class InputPanel(Panel):
    """What goes into the network and what comes out of it."""

    title = N_("Input")
    name = "input_dock"
    area = Qt.DockWidgetArea.RightDockWidgetArea
    split_from = "feature_maps_dock"
    preferred_width = 340

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self.given_caption, self.view_caption = _caption(tr("As given")), _caption(tr("As the network sees it"))
        self.given = ImageView()
        self.view = ImageView()
        self.rf_caption = plain_label(tr(RF_HINT), wrap=True)  # what the outline on self.view shows; two lines kept

        self.rf_caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.rf_caption.setFixedHeight(self.rf_caption.fontMetrics().lineSpacing() * 2 + 4)
        self.rf_caption.setStyleSheet(HINT_STYLE)
        self.rf_box: Box | None = None  # the outline, in input pixels
        pictures = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        for caption, image, below in ((self.given_caption, self.given, None),
                                      (self.view_caption, self.view, self.rf_caption)):
            column = QVBoxLayout()
            column.addWidget(caption)
            column.addWidget(image, 1)
            if below is not None:
                column.addWidget(below)
            pictures.addLayout(column, 1)
        self._pictures = pictures
        self.strip = self._make_strip()
        self.strip_caption = _caption(tr("Inputs"))
        self.bars = BarChart()
        self.untrained = plain_label(tr(UNTRAINED), wrap=True)  # shown over the predictions of random weights
        self.untrained.setStyleSheet(WARNING_STYLE)
        self.untrained.hide()
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(pictures, 1)
        layout.addWidget(self.strip_caption)
        layout.addWidget(self.strip)
        layout.addWidget(_caption(tr("Top-5 predictions")))
        layout.addWidget(self.untrained)
        layout.addWidget(self.bars)
        session.image_changed.connect(self._on_image)
        session.capture_changed.connect(self._on_capture)
        session.unit_selected.connect(self._on_unit)
        session.model_changed.connect(self.clear_unit)
        session.layer_selected.connect(self.clear_unit)
        self.show_message(tr(NO_IMAGE))

    def _make_strip(self) -> QListWidget:
        strip = QListWidget()
        strip.setFlow(QListView.Flow.LeftToRight)
        strip.setWrapping(False)
        strip.setViewMode(QListView.ViewMode.IconMode)
        strip.setIconSize(QSize(40, 40))
        strip.setGridSize(QSize(92, 62))
        strip.setUniformItemSizes(True)
        strip.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        strip.setFixedHeight(82)
        strip.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        strip.currentRowChanged.connect(self._on_strip_row)
        return strip

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        wide = self.width() >= 560
        self._pictures.setDirection(QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom)
        super().resizeEvent(event)

    def _on_strip_row(self, row: int) -> None:
        if row >= 0:
            self.session.show_index(row)

    def _on_image(self) -> None:
        """Refill the strip with the session's files (the current one selected)."""
        s = self.session
        names = [p.name for p in s.files] or [s.image_label]
        blocked = self.strip.blockSignals(True)
        if [self.strip.item(i).text() for i in range(self.strip.count())] != names:
            self.strip.clear()
            for name in names:
                self.strip.addItem(QListWidgetItem(_blank_icon(), name))
        self.strip.setCurrentRow(s.index)
        self.strip.blockSignals(blocked)
        self.strip_caption.setText(tr("Inputs ({number} of {count})").format(number=s.index + 1, count=len(names)))
        self.changed(self.strip.viewport())

    def _on_capture(self) -> None:
        result = self.session.result
        if result is None:
            if self.message() is None:
                return  # a new model is on its way: keep the old picture until its capture arrives
            self.show_message(tr(NO_IMAGE))
            return
        self.show_body()
        spec = result.model.loaded.info.input
        self.given.set_array(result.display)
        self.view.set_array(result.view)
        self.given_caption.setText(tr("As given: {name}").format(name=_short(result.request.label)))
        sees = (tr("As the network sees it: {w}×{h}, inverted") if spec.invert
                else tr("As the network sees it: {w}×{h}"))
        self.view_caption.setText(sees.format(w=spec.size[1], h=spec.size[0]))
        untrained = result.model.untrained
        self.bars.set_items(result.top, highlight=None if untrained else 0, dimmed=untrained)
        self.untrained.setVisible(untrained)
        item = self.strip.item(result.request.index) if result.request.path is not None else self.strip.item(0)
        if item is not None and not item.data(Qt.ItemDataRole.UserRole):
            item.setData(Qt.ItemDataRole.UserRole, True)
            item.setIcon(QIcon(QPixmap.fromImage(to_qimage(result.display))))
        self.changed(self.given, self.view, self.bars, self.untrained)

    def _on_unit(self, key: str, row: int, col: int) -> None:
        """Outline the clicked unit's receptive field on the picture as the network sees it."""
        model = self.session.model
        summary = model.summary if model is not None else None
        box = unit_window(summary, key, row, col) if summary is not None else None
        where = tr("{key} (row {row}, col {col})").format(key=key, row=row, col=col)
        if box is not None:
            _, h_in, w_in = summary.input_shape
            top, left, height, width = box
            inside = top >= 0 and left >= 0 and top + height <= h_in and left + width <= w_in
            text = (tr("Receptive field of {unit}: {h}×{w} px") if inside else
                    tr("Receptive field of {unit}: {h}×{w} px (partly beyond the edge: padding)"))
            text = text.format(unit=where, h=_px(height), w=_px(width))
        elif summary is not None and any(layer.name == key for layer in summary.layers):
            text = tr("{unit} sees the whole input: its receptive field has no edges to draw").format(unit=where)
        else:
            text = tr("Receptive field of {unit}: not known for this key").format(unit=where)
        self.rf_box = box
        self.view.set_outline(self._to_view(box, summary))
        self.rf_caption.setText(text)
        self.rf_caption.setStyleSheet("")
        self.changed(self.view, self.rf_caption)

    def clear_unit(self, *args) -> None:
        """Remove the receptive-field outline (another model or layer)."""
        if self.view.outline() is None and self.rf_caption.text() == tr(RF_HINT):
            return
        self.rf_box = None
        self.view.set_outline(None)
        self.rf_caption.setText(tr(RF_HINT))
        self.rf_caption.setStyleSheet(HINT_STYLE)
        self.changed(self.view, self.rf_caption)

    def _to_view(self, box: Box | None, summary: Summary) -> Box | None:
        """A box in input pixels as a box in the pixels of the picture shown (the same size unless resized)."""
        result = self.session.result
        if box is None or result is None:
            return box
        _, h_in, w_in = summary.input_shape
        sy, sx = result.view.shape[0] / h_in, result.view.shape[1] / w_in
        top, left, height, width = box
        return top * sy, left * sx, height * sy, width * sx


def _px(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _blank_icon() -> QIcon:
    pixmap = QPixmap(40, 40)
    pixmap.fill(QColor(200, 200, 200))
    return QIcon(pixmap)


def _short(label: str, limit: int = 32) -> str:
    name = label.replace("\\", "/").rsplit("/", 1)[-1]
    return name if len(name) <= limit else name[: limit - 1] + "\u2026"
