"""The layer tree of the model dock: the module hierarchy with type, output shape, params and MACs."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTreeView, QVBoxLayout, QWidget

from ...core.analysis.summary import LayerSummary, Summary
from ...core.i18n import marker, translator

tr = translator(__name__)
N_ = marker(__name__)

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
FILTER_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = (N_("Layer"), N_("Type"), N_("Output"), N_("Params"), N_("MACs"))


def human(n: int) -> str:
    """1234 -> '1.2k', 3_400_000 -> '3.4M'."""
    for unit, size in (("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if abs(n) >= size:
            return f"{n / size:.1f}{unit}"
    return str(n)


def shape_text(shape) -> str:
    if shape is None:
        return "-"
    if shape and isinstance(shape[0], list):
        return ", ".join(shape_text(s) for s in shape)
    return "\u00d7".join(str(s) for s in shape) if shape else tr("scalar")


def _row(layer: LayerSummary) -> list[QStandardItem]:
    short = layer.name.rsplit(".", 1)[-1]
    cells = [short, layer.type, shape_text(layer.output_shape), human(layer.params), human(layer.macs)]
    items = [QStandardItem(text) for text in cells]
    for item in items:
        item.setEditable(False)
    items[0].setData(layer.name, PATH_ROLE)
    items[0].setData(f"{layer.name} {layer.type}", FILTER_ROLE)
    items[0].setToolTip(f"{layer.name} ({layer.type})")
    for item in items[3:]:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return items


class LayerTree(QWidget):
    """A filter box over a tree of layers; emits ``layer_activated(path)`` when the current row changes."""

    layer_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterRole(FILTER_ROLE)
        self.proxy.setFilterKeyColumn(0)
        self.filter = QLineEdit(placeholderText=tr("Filter layers by name or type"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._on_filter)
        self.view = QTreeView()
        self.view.setModel(self.proxy)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setIndentation(12)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(36)
        for col, width in enumerate((130, 92)):  # names and types may be long: the user can widen them
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        for col in range(2, len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.view.selectionModel().currentChanged.connect(self._on_current)
        self._items: dict[str, QStandardItem] = {}
        self._selected: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.view)

    def set_summary(self, summary: Summary | None) -> None:
        """Rebuild the tree from a model summary (module paths nest at their dots)."""
        blocked = self.blockSignals(True)  # rebuilding moves the current row: not a user's choice
        self.model.removeRows(0, self.model.rowCount())
        self._items = {}
        rows = {layer.name: _row(layer) for layer in (summary.layers if summary else [])}
        for name, items in rows.items():
            parent = self._parent_of(name, rows)
            (parent.appendRow if parent is not None else self.model.appendRow)(items)
            self._items[name] = items[0]
        self.view.expandToDepth(0)
        self.blockSignals(blocked)

    @staticmethod
    def _parent_of(name: str, rows: dict[str, list[QStandardItem]]) -> QStandardItem | None:
        parts = name.split(".")
        for n in range(len(parts) - 1, 0, -1):
            prefix = ".".join(parts[:n])
            if prefix in rows:
                return rows[prefix][0]
        return None

    def paths(self) -> list[str]:
        """Every layer path in the tree, in call order."""
        return list(self._items)

    def current_path(self) -> str | None:
        index = self.view.currentIndex()
        return index.siblingAtColumn(0).data(PATH_ROLE) if index.isValid() else None

    def select(self, path: str | None) -> None:
        """Show ``path`` as the selected row (without signalling: it reflects a choice already made)."""
        self._selected = path
        if path is None or path != self.current_path():
            self._show_selected()

    def _show_selected(self) -> None:
        item = self._items.get(self._selected or "")
        index = self.proxy.mapFromSource(item.index()) if item is not None else QModelIndex()
        blocked = self.blockSignals(True)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)
        else:  # not in the tree, or hidden by the filter: no row looks selected
            self.view.selectionModel().clearSelection()
            self.view.setCurrentIndex(QModelIndex())
        self.blockSignals(blocked)

    def _on_current(self, current: QModelIndex, previous: QModelIndex) -> None:
        path = current.siblingAtColumn(0).data(PATH_ROLE) if current.isValid() else None
        if path and not self.signalsBlocked():
            self._selected = path
            self.layer_activated.emit(path)

    def _on_filter(self, text: str) -> None:
        """Filter rows; the selected layer stays selected (filtering is not choosing a layer)."""
        blocked = self.blockSignals(True)
        self.proxy.setFilterFixedString(text.strip())
        if text.strip():
            self.view.expandAll()
        self.blockSignals(blocked)
        self._show_selected()
