"""Sharing what a dock shows: export it as a PNG picture or an SVG drawing, or copy it to the clipboard.

Every dock's title bar gets a context menu (:func:`install_dock_sharing`); the File menu gets the same for the
dock in focus, and the saving of the capture and of a layer's activations (:func:`add_share_actions`, from
:mod:`cnnviz.gui.share_data`). Files are written all at once or not at all (:mod:`cnnviz.core.atomic`); a path
that cannot be written is one line in the status bar, and the app goes on.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QObject, QPoint, QRect
from PySide6.QtGui import QAction, QKeySequence, QPainter, QPixmap
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication, QDockWidget, QMenu, QWidget

from ..core.errors import CnnvizError
from ..core.i18n import marker, translator
from ..core.paths import shown_path
from . import share_data
from . import share_files as files

tr = translator(__name__)
N_ = marker(__name__)

FORMATS = {"png": N_("PNG images (*.png)"), "svg": N_("SVG drawings (*.svg)")}


# ---------------------------------------------------------------------- pictures of a widget

def png_bytes(widget: QWidget) -> bytes:
    """``widget`` as it looks now (:meth:`QWidget.grab`), encoded as PNG."""
    return _encoded(widget.grab())


def _encoded(pixmap: QPixmap) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    ok = pixmap.save(buffer, "PNG")
    buffer.close()
    if not ok or pixmap.isNull():
        raise CnnvizError(tr("the picture could not be made (the dock has no size)"))
    return bytes(data.data())


def svg_bytes(widget: QWidget, title: str = "") -> bytes:
    """``widget`` drawn into an SVG drawing (:class:`QSvgGenerator`): text and lines as vectors, pictures
    (feature maps, images) embedded as PNG."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(widget.size())
    generator.setViewBox(QRect(QPoint(0, 0), widget.size()))
    generator.setTitle(title)
    generator.setDescription("cnnviz")
    painter = QPainter()
    if widget.width() <= 0 or widget.height() <= 0 or not painter.begin(generator):
        raise CnnvizError(tr("the drawing could not be made (the dock has no size)"))
    try:
        widget.render(painter, QPoint(0, 0))
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


# ---------------------------------------------------------------------- docks

def content(dock: QDockWidget) -> QWidget:
    """What a dock shows (its widget, without the title bar)."""
    widget = dock.widget()
    if widget is None:
        raise CnnvizError(tr("the {title} dock shows nothing").format(title=dock.windowTitle()))
    return widget


def check_shown(dock: QDockWidget) -> None:
    """Raise a CnnvizError unless ``dock`` is on the screen (not closed, not behind another dock's tab)."""
    if not dock.isVisible() or not getattr(dock, "in_front", True):
        raise CnnvizError(tr("the {title} dock is not shown; bring it to the front first")
                          .format(title=dock.windowTitle()))


def export_dock(dock: QDockWidget, path: str | Path, fmt: str) -> Path:
    """Write what ``dock`` shows to ``path`` as ``fmt`` (``"png"`` or ``"svg"``); returns the path written
    (``.png`` / ``.svg`` added if missing).

    Raises
    ------
    CnnvizError
        ``fmt`` is unknown, the dock is not shown, or the path cannot be written (no name, a folder,
        too long a name, a folder that cannot be written, a full disk).
    """
    if fmt not in FORMATS:
        raise CnnvizError(tr("unknown picture format '{fmt}'; the formats are: png, svg").format(fmt=fmt))
    target = files.with_suffix(path, fmt)
    check_shown(dock)
    widget = content(dock)
    data = png_bytes(widget) if fmt == "png" else svg_bytes(widget, dock.windowTitle())
    return files.write_bytes(target, data)


def copy_dock(dock: QDockWidget) -> QPixmap:
    """Put a picture of what ``dock`` shows on the clipboard; returns it.

    Raises
    ------
    CnnvizError
        The dock is not shown.
    """
    check_shown(dock)
    pixmap = content(dock).grab()
    if pixmap.isNull():
        raise CnnvizError(tr("the picture could not be made (the dock has no size)"))
    QApplication.clipboard().setPixmap(pixmap)
    return pixmap


# ---------------------------------------------------------------------- dialogs and their outcome

def export_dock_to(window, dock: QDockWidget, path: str | Path, fmt: str) -> Path | None:
    """:func:`export_dock`, said in the status bar (the path written, or one line of why not)."""
    try:
        written = export_dock(dock, path, fmt)
    except CnnvizError as exc:
        window.session.report_error(str(exc))
        return None
    files.remember_folder(window, written)
    window.session.status.emit(tr("saved {title} to {path}").format(title=dock.windowTitle(),
                                                                    path=shown_path(written)))
    return written


def export_dock_dialog(window, dock: QDockWidget | None, fmt: str) -> Path | None:
    """Ask where to save ``dock`` as ``fmt``, then save it (None: cancelled or failed, said why)."""
    if dock is None:
        window.session.report_error(tr("no dock to export: click into a dock first"))
        return None
    name = files.file_stem(dock.objectName().removesuffix("_dock") or dock.windowTitle())
    suggested = str(files.start_folder(window) / f"{name}.{fmt}")
    path = files.ask_save_path(window, tr("Export {title}").format(title=dock.windowTitle()), suggested, tr(FORMATS[fmt]))
    return export_dock_to(window, dock, path, fmt) if path else None


def copy_dock_said(window, dock: QDockWidget | None) -> bool:
    """:func:`copy_dock`, said in the status bar."""
    if dock is None:
        window.session.report_error(tr("no dock to copy: click into a dock first"))
        return False
    try:
        copy_dock(dock)
    except CnnvizError as exc:
        window.session.report_error(str(exc))
        return False
    window.session.status.emit(tr("copied {title} to the clipboard").format(title=dock.windowTitle()))
    return True


# ---------------------------------------------------------------------- which dock: the one in focus

class DockSharing(QObject):
    """The window's sharing state: the dock used last (focus, a right-click on its title) and the title bars'
    context menus (an event filter on each dock)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.setObjectName("dock_sharing")
        self.window = window
        self.last: QDockWidget | None = None
        self.menu: QMenu | None = None  # the context menu shown last
        self._docks: set[int] = set()
        QApplication.instance().focusChanged.connect(self._on_focus)

    def watch(self, dock: QDockWidget) -> None:
        if id(dock) not in self._docks:
            self._docks.add(id(dock))
            dock.installEventFilter(self)

    def _on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        dock = dock_of(new)
        if dock is not None and dock.window() is self.window:
            self.last = dock

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.ContextMenu and isinstance(obj, QDockWidget) and on_title(obj, event.pos()):
            self.last = obj
            self.menu = dock_menu(self.window, obj)
            self.menu.popup(event.globalPos())
            return True
        return False


def dock_of(widget: QWidget | None) -> QDockWidget | None:
    """The dock that holds ``widget``, if any."""
    while widget is not None and not isinstance(widget, QDockWidget):
        widget = widget.parentWidget()
    return widget


def on_title(dock: QDockWidget, pos: QPoint) -> bool:
    """Whether ``pos`` (in the dock's coordinates) is on its title bar (above its content)."""
    widget = dock.widget()
    return widget is not None and 0 <= pos.y() < widget.geometry().top()


def sharing(window) -> DockSharing:
    """The window's :class:`DockSharing` (made on first use)."""
    found = window.findChild(DockSharing, "dock_sharing")
    return found if found is not None else DockSharing(window)


def focused_dock(window) -> QDockWidget | None:
    """The dock to export from the File menu: the one holding the keyboard focus, else the one used last,
    else the largest dock on the screen."""
    shown = [d for d in window.findChildren(QDockWidget) if d.window() is window and _on_screen(d)]
    dock = dock_of(QApplication.focusWidget())
    if dock in shown:
        return dock
    last = sharing(window).last
    if last in shown:
        return last
    return max(shown, key=lambda d: d.width() * d.height(), default=None)


def _on_screen(dock: QDockWidget) -> bool:
    try:
        check_shown(dock)
    except CnnvizError:
        return False
    return True


# ---------------------------------------------------------------------- menus

def _add(menu: QMenu, text: str, slot, shortcut: str | None = None) -> QAction:
    action = menu.addAction(text)
    action.triggered.connect(lambda _checked=False: slot())
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    return action


def dock_menu(window, dock: QDockWidget) -> QMenu:
    """The context menu of ``dock``'s title bar: export as PNG / SVG, copy, and the window's dock toggles."""
    menu = QMenu(window)
    menu.setObjectName("dock_share_menu")
    _add(menu, tr("Export as &PNG\u2026"), lambda: export_dock_dialog(window, dock, "png"))
    _add(menu, tr("Export as &SVG\u2026"), lambda: export_dock_dialog(window, dock, "svg"))
    _add(menu, tr("&Copy to clipboard"), lambda: copy_dock_said(window, dock))
    toggles = window.createPopupMenu() if hasattr(window, "createPopupMenu") else None
    if toggles is not None and toggles.actions():
        menu.addSeparator()
        toggles.setParent(menu, toggles.windowFlags())
        toggles.setTitle(tr("&Docks"))
        menu.addMenu(toggles)
    menu.aboutToHide.connect(menu.deleteLater)
    return menu


def install_dock_sharing(window) -> None:
    """Give every dock of ``window`` a title-bar context menu: Export as PNG…, Export as SVG…, Copy to clipboard
    (calling it again also covers docks added since)."""
    share = sharing(window)
    for dock in window.findChildren(QDockWidget):
        share.watch(dock)


def add_share_actions(window, file_menu: QMenu) -> None:
    """Add to the File menu: Export dock as PNG… / SVG…, Copy dock (the dock in focus), Save capture
    (.safetensors)…, Save layer's activations (.npy)…"""
    sharing(window)  # follows the focus from now on
    file_menu.addSeparator()
    _add(file_menu, tr("E&xport dock as PNG\u2026"), lambda: export_dock_dialog(window, focused_dock(window), "png"))
    _add(file_menu, tr("Export dock as SV&G\u2026"), lambda: export_dock_dialog(window, focused_dock(window), "svg"))
    _add(file_menu, tr("Cop&y dock to clipboard"), lambda: copy_dock_said(window, focused_dock(window)),
         "Ctrl+Shift+C")
    file_menu.addSeparator()
    _add(file_menu, tr("Save cap&ture (.safetensors)\u2026"), lambda: share_data.save_capture_dialog(window))
    _add(file_menu, tr("Save layer's &activations (.npy)\u2026"), lambda: share_data.save_activation_dialog(window))


__all__ = ["add_share_actions", "copy_dock", "dock_menu", "export_dock", "focused_dock", "install_dock_sharing",
           "png_bytes", "svg_bytes"]
