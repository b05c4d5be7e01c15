"""The model picker's "timm models..." entry: a filterable list of timm's CNNs (about a thousand names).

A combo box of a thousand entries cannot be scrolled; a list with a filter field above it can: typing
``effnet``, ``resnet5`` or ``inception`` narrows it at once. The names come from
:func:`cnnviz.core.models.catalog.timm_names` (a cached list: timm is imported only when the cache is stale).
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from ...core.errors import CnnvizError, reason
from ...core.i18n import translator

tr = translator(__name__)


def timm_names() -> list[str]:
    """``timm/<arch>`` for each of timm's CNNs.

    Raises
    ------
    CnnvizError
        timm cannot be imported, or its list cannot be built.
    """
    try:
        from ...core.models.catalog import timm_names as names

        return list(names())
    except CnnvizError:
        raise
    except Exception as exc:  # noqa: BLE001 - timm missing or broken: the app goes on without its list
        raise CnnvizError(tr("timm's models cannot be listed ({why})").format(why=reason(exc))) from None


def timm_weights_cached(name: str) -> bool:
    """Whether ``name``'s pretrained weights are downloaded already (False when that cannot be told)."""
    try:
        from ...core.models.timm_models import timm_weights_cached as cached

        return cached(name) is not None
    except Exception:  # noqa: BLE001 - an unknown name or no timm: the loader says what is wrong
        return False


class TimmList(QDialog):
    """A filter field above the list of names; Enter or a double click opens the current one."""

    def __init__(self, names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("timm models"))
        self.resize(420, 560)
        self.names = QStringListModel(names, self)
        self.shown = QSortFilterProxyModel(self)
        self.shown.setSourceModel(self.names)
        self.shown.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(tr("filter {count} names (resnet, efficientnet, inception...)").format(
            count=len(names)))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._on_filter)
        self.filter.returnPressed.connect(self.accept)
        self.list = QListView()
        self.list.setModel(self.shown)
        self.list.setUniformItemSizes(True)  # a thousand rows lay out at once
        self.list.doubleClicked.connect(lambda _index: self.accept())
        self.count = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        self._on_filter("")

    def _on_filter(self, text: str) -> None:
        self.shown.setFilterFixedString(text.strip())
        if self.shown.rowCount() and not self.list.currentIndex().isValid():
            self.list.setCurrentIndex(self.shown.index(0, 0))
        self.count.setText(tr("{shown} of {count}").format(shown=self.shown.rowCount(), count=self.names.rowCount()))

    def chosen(self) -> str:
        """The current name ("" when the filter matches none)."""
        index = self.list.currentIndex()
        if not index.isValid() and self.shown.rowCount():
            index = self.shown.index(0, 0)
        return index.data() if index.isValid() else ""


def choose_timm_model(parent: QWidget | None, names: list[str]) -> str:
    """Ask for one of ``names`` (tests replace this); "" when the user cancels."""
    dialog = TimmList(names, parent)
    try:
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else ""
    finally:
        dialog.deleteLater()
