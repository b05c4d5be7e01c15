"""The Attribution dock's class pickers: an editable list, the capture's top classes first, then every class,
filtered by any part of a name as the user types."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter


def class_combo(first: str) -> QComboBox:
    """An editable class picker whose list filters by any part of a name as the user types."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setMinimumContentsLength(16)
    combo.addItem(first, None)
    completer = combo.completer()
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    return combo


def fill_classes(combo: QComboBox, current: int | None, names: Sequence[str], outputs, top: Sequence[tuple[str, float]]
                 ) -> int | None:
    """Refill ``combo`` (its first item stays): ``top`` (name, probability) first, then one item per output
    (``outputs``: the capture's logits, or None); the choice ``current`` kept if listed (returned), else None."""
    combo.blockSignals(True)
    while combo.count() > 1:
        combo.removeItem(1)
    if outputs is not None or top:
        count = int(outputs.shape[-1]) if outputs is not None and outputs.dim() >= 1 else len(names)
        for name, p in top:
            index = list(names).index(name) if name in names else _class_index(name)
            if index is not None:
                combo.addItem(f"{index}: {name} ({p:.0%})", index)
        combo.insertSeparator(combo.count())
        for i in range(count):
            combo.addItem(f"{i}: {names[i]}" if i < len(names) else f"{i}", i)
    found = combo.findData(current) if current is not None else -1
    combo.setCurrentIndex(max(found, 0))
    combo.blockSignals(False)
    return current if found >= 0 else None


def choose(combo: QComboBox, target: int | None) -> int | None:
    """``target`` as an int (or None), shown as the combo's choice when the combo lists it."""
    target = None if target is None else int(target)
    found = combo.findData(target)
    if found >= 0:
        combo.setCurrentIndex(found)
    return target


def _class_index(name: str) -> int | None:
    """``"class 7"`` (how a model without names labels its outputs, in the user's language: ``"类别 7"``) -> 7."""
    head, _, tail = name.rpartition(" ")
    return int(tail) if head and tail.isdigit() else None
