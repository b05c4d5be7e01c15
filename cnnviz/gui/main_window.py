"""The main window: docks from the registry, menus, drag and drop, status bar, saved layout."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMessageBox, QWidget

from .. import __version__
from ..core.errors import CnnvizError
from ..core.i18n import translator
from ..core.inputs.images import IMAGE_SUFFIXES
from ..core.models import zoo
from ..translation import LANGUAGES, SYSTEM
from . import code_trust, jobs
from .download_dialog import DownloadDialog
from .menus import build_menus, fill_recent
from .panels import DOCKS, Panel
from .session import Session
from .share import install_dock_sharing
from .status import StatusBar

tr = translator(__name__)

DEFAULT_SIZE = (1400, 900)
MAX_RECENT = 10
SIDE_DOCK = "model_dock"  # the left column (model, layer tree, layer facts) keeps its width when the window grows
MIDDLE_DOCK = "feature_maps_dock"  # ... and the maps in the middle get the room
LESSON_WIDTH = 520  # the right column's width while a lesson is shown (its text, sliders and plots)
LANGUAGE_KEY = "ui/language"


def ask_to_run_code(parent: QWidget | None, path: str) -> bool:
    """Ask before loading a model that holds code (the user's Python file, a TorchScript archive, a ``.pt2``
    with pickled entries); True when the user says yes."""
    kind = jobs.code_kind(path) or tr("a model that contains code")
    what = (tr("Opening it imports the file, which runs its code on this computer")
            if code_trust.is_code_spec(path)
            else tr("This file contains code that will run on this computer when it is loaded"))
    box = QMessageBox(QMessageBox.Icon.Warning, tr("Load a model that contains code?"),
                      tr("{path}\n\n{what} ({kind}). Load it only if you trust where it came from; you are asked "
                         "again if the file changes.\n\nLoad it?").format(path=path, what=what, kind=kind),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the path is shown as it is
    box.setDefaultButton(QMessageBox.StandardButton.No)
    answer = box.exec()
    box.deleteLater()
    return answer == QMessageBox.StandardButton.Yes


def absolute_choice(text: str) -> str:
    """A model or weights file as an absolute path, the file of ``FILE.py:NAME`` too; names (``resnet18``,
    ``timm/...``, ``package.module:NAME``, ``default``, ``none``) stay as they are."""
    if text in ("default", "none") or text in zoo.model_names():
        return text
    spec = code_trust.split_spec(text)
    if spec is not None:
        file = Path(spec[0]).expanduser()
        return f"{file.resolve()}:{spec[1]}" if code_trust.is_file_spec(text) and file.exists() else text
    path = Path(text).expanduser()
    return str(path.resolve()) if path.exists() else text


class MainWindow(QMainWindow):
    """The app's window. ``settled`` fires whenever every visible dock has painted the session's newest state."""

    settled = Signal()
    language_chosen = Signal(str)  # View > Language: the app reopens the window in it (app.py)

    def __init__(self, session: Session | None = None, settings: QSettings | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("cnnviz")
        self.session = session or Session(parent=self)
        self.session.confirm_code = lambda path: ask_to_run_code(self, path)
        self.settings = settings  # None: nothing is restored or saved
        self._recent: list[str] = []
        self.code_drops: list[str] = []  # dropped .py files not asked about yet
        self._check_queued = False
        self._window_size = None  # the size at the last resizeEvent
        self._side_width: int | None = None  # the left column's width as the user (or the layout) set it
        self.download_dialog: DownloadDialog | None = None
        central = QWidget()
        self.setCentralWidget(central)
        central.hide()  # the docks share the whole window
        self.setDockNestingEnabled(True)
        self.docks: dict[str, Panel] = {cls.name: cls(self.session, self) for cls in DOCKS}
        self.resize(*DEFAULT_SIZE)
        self._place_docks()
        self.docks[SIDE_DOCK].installEventFilter(self)
        self._default_state = self.saveState()
        self.recent_menu = build_menus(self)
        install_dock_sharing(self)  # each dock's title bar: export as PNG / SVG, copy
        self.setStatusBar(StatusBar(self.session, self))
        self._drops_only_here()
        for dock in self.docks.values():
            dock.painted.connect(self._queue_check)
        self.session.idle.connect(self._queue_check)
        self.session.image_changed.connect(self._remember_image)
        self.session.download_active.connect(self._on_download)
        self._restore()

    # ------------------------------------------------------------------ layout

    def _place_docks(self) -> None:
        placed: list[Panel] = []
        for dock in self.docks.values():
            cls = type(dock)
            if cls.tab_with in self.docks:
                self.tabifyDockWidget(self.docks[cls.tab_with], dock)
                continue
            if cls.split_from in self.docks:
                beside = self.docks[cls.split_from]
                self.splitDockWidget(beside, dock, cls.split_orientation)
                if cls.split_orientation == Qt.Orientation.Vertical:  # shares its column: no width of its own
                    self.resizeDocks([beside, dock], [560, 340], Qt.Orientation.Vertical)
                    continue
            else:
                self.addDockWidget(cls.area, dock)
            placed.append(dock)
        self.resizeDocks(placed, [d.preferred_width for d in placed], Qt.Orientation.Horizontal)
        for dock in self.docks.values():  # of tabbed docks, the first one placed starts in front
            if type(dock).tab_with is None and any(type(d).tab_with == dock.name for d in self.docks.values()):
                dock.raise_()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        """Remember the left column's width when it changes while the window keeps its size (a drag, a layout
        restored), so that a larger window gives its room to the maps, not to the layer tree."""
        if event.type() == QEvent.Type.Resize and obj is self.docks.get(SIDE_DOCK) and self.size() == self._window_size:
            self._side_width = obj.width()
        return super().eventFilter(obj, event)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        side, maps = self.docks.get(SIDE_DOCK), self._maps_in_front()
        if self._side_width is None and side is not None:
            self._side_width = side.width()
        elif side is not None and maps is not None and side.isVisible() and not side.isFloating():
            grown = side.width() - self._side_width  # Qt gives a window's new width to the left column
            if grown:
                self.resizeDocks([side, maps], [self._side_width, maps.width() + grown], Qt.Orientation.Horizontal)
        self._window_size = self.size()

    def _maps_in_front(self) -> Panel | None:
        """The dock in front in the middle column (the feature maps or a dock tabbed with it)."""
        middle = [d for d in self.docks.values() if d.name == MIDDLE_DOCK or type(d).tab_with == MIDDLE_DOCK]
        return next((d for d in middle if d.in_front and not d.isFloating()), None)

    def reset_layout(self) -> None:
        """Put every dock back where it starts, all of them shown."""
        self.restoreState(self._default_state)
        for dock in self.docks.values():
            dock.show()

    def _drops_only_here(self) -> None:
        """Drops anywhere reach the window: no child widget takes them for itself."""
        for widget in self.findChildren(QWidget):
            widget.setAcceptDrops(False)
        self.setAcceptDrops(True)

    # ------------------------------------------------------------------ settled (screenshots, benchmarks)

    def is_settled(self) -> bool:
        """The session waits for nothing and every visible dock has painted its newest content."""
        return self.session.is_idle() and all(d.is_settled() for d in self.docks.values() if d.isVisible())

    def _queue_check(self) -> None:
        if not self._check_queued:
            self._check_queued = True
            QTimer.singleShot(0, self._check)

    def _check(self) -> None:
        if not shiboken6.isValid(self):  # queued just before the window was deleted
            return
        self._check_queued = False
        if self.is_settled():
            self.settled.emit()

    # ------------------------------------------------------------------ opening images

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        mime = event.mimeData()
        if mime.hasUrls() or mime.hasImage():
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt's name
        event.acceptProposedAction()
        self.open_mime(event.mimeData())

    def open_mime(self, mime) -> bool:
        """Open what a drop or the clipboard carries: local files (a ``.py`` file is opened as a model, the
        rest as images), or an image."""
        local = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
        code = [p for p in local if Path(p).suffix.lower() == ".py"]
        if code:  # asked about after the drop has returned: no dialog inside the drag-and-drop's own loop
            if len(code) > 1:
                self.session.status.emit(tr("opening {name}: one model at a time ({others} not opened)").format(
                    name=Path(code[0]).name, others=", ".join(Path(p).name for p in code[1:])))
            self.code_drops.append(code[0])
            QTimer.singleShot(0, self._open_dropped_code)
            images = [p for p in local if p not in code]
            return self.session.open_paths(images) if images else True
        if local:
            return self.session.open_paths(local)
        if mime.hasImage():
            return self.open_qimage(QImage(mime.imageData()), "pasted image")
        text = mime.text().strip() if mime.hasText() else ""
        if text and "\n" not in text and Path(text).exists():
            return self.session.open_paths([text])
        if mime.hasUrls():
            message = tr("cannot open {what}: only image files and images can be opened").format(
                what=mime.urls()[0].toString())
        else:
            message = tr("cannot open that: only image files and images can be opened")
        self.session.report_error(message)
        return False

    def _open_dropped_code(self) -> None:
        if self.code_drops:
            self.docks["model_dock"].open_model_path(self.code_drops.pop(0))

    def open_qimage(self, image: QImage, label: str) -> bool:
        if image.isNull():
            self.session.report_error(tr("{label}: the image is empty").format(label=label))
            return False
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        self.session.open_bytes(bytes(data.data()), label)
        return True

    def paste(self) -> bool:
        return self.open_mime(QApplication.clipboard().mimeData())

    def open_dialog(self) -> None:
        start = str(Path(self._recent[0]).parent) if self._recent else ""
        pattern = " ".join(f"*{s}" for s in IMAGE_SUFFIXES)
        paths, _ = QFileDialog.getOpenFileNames(self, tr("Open images"), start,
                                                tr("Images ({pattern});;All files (*)").format(pattern=pattern))
        if paths:
            self.session.open_paths(paths)

    def open_model_dialog(self) -> bool:
        """File > Open model...: a model file, or a ``.py`` file and the class or factory in it."""
        return self.docks["model_dock"].open_model_file()

    def reload_model(self) -> None:
        """File > Reload model: load the current model again (an edited code file is read afresh)."""
        self.session.reload_model()

    def _remember_image(self) -> None:
        path = self.session.current_path()
        if path is None:
            return
        text = str(path.resolve())
        self._recent = [text] + [p for p in self._recent if p != text][: MAX_RECENT - 1]
        fill_recent(self.recent_menu, self, self._recent)

    # ------------------------------------------------------------------ other actions

    def save_screenshot(self, path: str | Path) -> bool:
        """Save a picture of the window (laid out as it will be shown); False if the file could not be written."""
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        return self.grab().save(str(path))

    def save_screenshot_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Save screenshot"), "cnnviz.png", tr("PNG images (*.png)"))
        if path and not self.save_screenshot(path):
            self.session.report_error(tr("{path}: could not write the screenshot").format(path=path))

    def about(self) -> None:
        QMessageBox.about(self, tr("About cnnviz"), tr(
            "<b>cnnviz {version}</b><p>See inside convolutional neural networks: feature maps of every layer, "
            "Inception branches, residual paths, attribution, what a unit looks for, and the course's lessons.</p>"
        ).format(version=__version__))

    def _on_download(self, active: bool) -> None:
        if active:
            self.download_dialog = DownloadDialog(self.session, self)
            self.download_dialog.show()
        else:
            self.download_dialog = None

    # ------------------------------------------------------------------ lessons and language

    def open_lesson(self, name: str):
        """Lessons menu: open lesson ``name`` (its model, image, docks and page); the page, or None (said why)."""
        from .lessons import open_lesson

        try:
            page = open_lesson(self, name)
        except CnnvizError as exc:
            self.session.report_error(str(exc))
            return None
        self._widen(self.docks["lesson_dock"], LESSON_WIDTH)
        return page

    def _widen(self, dock: Panel, width: int) -> None:
        if not dock.isFloating() and dock.width() < width:
            self.resizeDocks([dock], [width], Qt.Orientation.Horizontal)

    def language_choice(self) -> str:
        """The language chosen in View > Language: ``"system"``, ``"en"`` or ``"zh_CN"``."""
        value = self._setting(LANGUAGE_KEY, str) if self.settings is not None else None
        return value if value in (SYSTEM, *LANGUAGES) else SYSTEM

    def choose_language(self, language: str) -> None:
        """Remember ``language`` and ask the app to reopen the window in it."""
        if self.settings is not None:
            self.settings.setValue(LANGUAGE_KEY, language)
            self.settings.sync()
        self.language_chosen.emit(language)

    # ------------------------------------------------------------------ settings

    def _setting(self, key: str, kind: type | tuple[type, ...]):
        """The stored value of ``key`` if it has the type the window writes there; otherwise None, and the
        wrong value is removed (a hand-edited or corrupt settings file never stops the app)."""
        value = self.settings.value(key)
        if value is None or isinstance(value, kind):
            return value
        self.settings.remove(key)
        return None

    def remembered_model(self) -> tuple[str, str, str] | None:
        """The model (name, weights, device) in use when the window last closed."""
        if self.settings is None:
            return None
        name, weights, device = (self._setting(f"model/{k}", str) for k in ("name", "weights", "device"))
        if not name:
            return None
        return name, weights or "default", device or "auto"

    def _restore(self) -> None:
        if self.settings is None:
            return
        geometry = self._setting("window/geometry", (QByteArray, bytes))
        state = self._setting("window/state", (QByteArray, bytes))
        if geometry is not None and not self.restoreGeometry(geometry):
            self.settings.remove("window/geometry")
        if state is not None and not self.restoreState(state):
            self.settings.remove("window/state")
        recent = self._setting("recent", (str, list))
        recent = [recent] if isinstance(recent, str) else list(recent or [])
        self._recent = [p for p in recent if isinstance(p, str) and p][:MAX_RECENT]
        fill_recent(self.recent_menu, self, self._recent)

    def save_settings(self) -> None:
        if self.settings is None:
            return
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("recent", self._recent)
        request = self.session.model.request if self.session.model else None
        if request is not None:
            s.setValue("model/name", absolute_choice(request.name))
            s.setValue("model/weights", absolute_choice(request.weights))
            s.setValue("model/device", request.device)
        s.sync()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.save_settings()
        for dock in self.docks.values():
            dock.shutdown()
        self.session.shutdown()
        super().closeEvent(event)
