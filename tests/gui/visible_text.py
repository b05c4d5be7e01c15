"""What a person reads in a window, and which of it is still English (the zh_CN tests)."""

from __future__ import annotations

import html
import re

import pyqtgraph as pg
from PySide6.QtWidgets import (QAbstractButton, QComboBox, QDockWidget, QGroupBox, QHeaderView, QLabel, QLineEdit,
                               QMenu, QTabBar, QWidget)

CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")
WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
# names that stay as they are in a Chinese text: methods, networks, formats, datasets, units
NAMES = {
    "cnnviz", "relu", "tanh", "sigmoid", "gelu", "softmax", "grad", "cam", "gradcam", "layercam", "scorecam",
    "smoothgrad", "googlenet", "alexnet", "resnet", "inception", "vgg", "mnist", "cifar", "pytorch", "torchvision",
    "timm", "png", "svg", "npy", "jpg", "jpeg", "avi", "mp", "pt", "onnx", "safetensors", "torchscript", "cpu", "gpu",
    "cuda", "mps", "rgb", "bgr", "imagenet", "dropout", "batchnorm", "bn", "conv", "fc", "macs", "ms", "fps", "px",
    "kb", "mb", "gb", "id", "ok", "x", "k", "s", "n", "c", "h", "w", "d", "db", "sgd", "adam", "adamw", "lr", "ui",
    "qt", "hz", "viridis", "inferno", "magma", "plasma", "gray",
    "turbo", "cividis", "seismic", "coolwarm", "rmsprop", "jet", "rdbu", "l", "ii", "iii", "xai", "lrp", "ig",
    "captum", "unet", "mobilenet", "efficientnet", "regnet", "densenet", "squeezenet", "shufflenet", "python", "en",
    "zh", "cn", "py", "e", "f", "a",
    "i", "t", "v",
}


def strip_markup(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def english_words(text: str, names: set[str]) -> list[str]:
    """The English words of ``text`` that are not a name (of the model's layers, classes, files, or :data:`NAMES`);
    empty for a text that is translated (it has Chinese in it) or holds only names and numbers."""
    plain = strip_markup(text).replace("&", "")
    if CJK.search(plain):
        return []
    for name in sorted((n for n in names if " " in n), key=len, reverse=True):  # class names of several words
        plain = plain.replace(name, " ")
    plain = re.sub(r"\S*[\d_./\\:]\S*", " ", plain)  # identifiers (layer keys, model names), paths, numbers
    lower = {n.lower() for n in names}
    return [w for w in WORD.findall(plain) if w.lower() not in NAMES and w.lower() not in lower]


def _menu_texts(menu: QMenu, where: str):
    yield where, menu.title()
    for action in menu.actions():
        if action.menu() is not None:
            yield from _menu_texts(action.menu(), f"{where} > {action.menu().title()}")
        elif not action.isSeparator():
            yield f"{where} > action", action.text()
            if action.toolTip() != action.text().replace("&", ""):
                yield f"{where} > tooltip", action.toolTip()


def _plot_texts(widget: pg.PlotWidget, where: str):
    item = widget.getPlotItem()
    yield where + " title", item.titleLabel.text
    for side in ("left", "bottom", "right", "top"):
        axis = item.getAxis(side)
        if axis.isVisible():
            yield f"{where} {side} axis", axis.labelText
    legend = item.legend
    if legend is not None:
        for _, label in legend.items:
            yield where + " legend", label.text


def visible_texts(window) -> list[tuple[str, str]]:
    """(where, text) of every text shown in ``window``: menus, dock titles, and the visible widgets' labels,
    buttons, tab and combo texts, placeholders, headers, tooltips, plot titles, axes and legends."""
    found: list[tuple[str, str]] = []
    for action in window.menuBar().actions():
        if action.menu() is not None:
            found += list(_menu_texts(action.menu(), action.menu().title()))
    for widget in [window, *window.findChildren(QWidget)]:
        if widget is not window and not widget.isVisibleTo(window):
            continue
        where = f"{type(widget).__name__} {widget.objectName()}".strip()
        texts = [widget.toolTip()]
        if isinstance(widget, QDockWidget):
            texts.append(widget.windowTitle())
        if isinstance(widget, QLabel):
            texts.append(widget.text())
        if isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count())]
            texts += [widget.tabToolTip(i) for i in range(widget.count())]
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QHeaderView) and widget.model() is not None:
            model, horizontal = widget.model(), widget.orientation()
            count = model.columnCount() if horizontal.name == "Horizontal" else model.rowCount()
            texts += [str(model.headerData(i, horizontal) or "") for i in range(count)]
        if isinstance(widget, pg.PlotWidget):
            found += [(w, t) for w, t in _plot_texts(widget, where) if t]
        found += [(where, t) for t in texts if t]
    return found


def untranslated(window, names: set[str]) -> list[str]:
    """Each visible text still in English (``where: text``), once."""
    out, seen = [], set()
    for where, text in visible_texts(window):
        words = english_words(text, names)
        if words and text not in seen:
            seen.add(text)
            out.append(f"{where}: {text!r} (English: {' '.join(words)})")
    return out
