"""``cnnviz.show``: the app's window on a user's own, live ``nn.Module``, from a script or a notebook.

In a script the call blocks until the window is closed (it runs the Qt event loop itself). In IPython or
Jupyter with a running Qt event loop (``%gui qt``), or when called from code that already runs inside a Qt
event loop, it returns the window at once and the prompt stays usable, as napari's viewer does. With
``screenshot`` it saves a picture once the images' docks are painted, closes the window and returns the path.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterable, Sequence
from numbers import Real
from dataclasses import replace
from pathlib import Path
from typing import Any

import torch
from PySide6.QtCore import QEvent, QEventLoop, QObject, QThread, QTimer, Signal
from PySide6.QtGui import QImageWriter
from PySide6.QtWidgets import QApplication
from torch import nn

from ..core.errors import CnnvizError
from ..core.i18n import translator
from ..core.models.loader import LoadedModel, from_module
from . import jobs
from .app import SCREENSHOT_TIMEOUT_S, _Screenshot, ensure_app, uncaught_exception_hook
from .gc_guard import GcGuard, install_gc_guard
from .live_session import LiveSession, model_result
from .main_window import MainWindow
from .platform_check import missing_libraries_message, missing_xcb_packages
from .show_images import ImageLike, default_images, image_files, image_items

tr = translator(__name__)

QT_EVENTLOOPS = ("qt", "qt5", "qt6")  # IPython's names for its Qt input hook (``%gui qt`` ...)
_GUARDED: set[MainWindow] = set()  # windows of ours open: garbage is collected from the event loop meanwhile
_OWN_GUARD: GcGuard | None = None  # the guard show() installed (released after its last window closes)
_OPEN: set[MainWindow] = set()  # windows returned at once: kept alive until closed, even if the caller drops them
_KEYWORDS = (("--input-size C H W", "input_size=(C, H, W)"), ("--input-size", "input_size"), ("--mean", "mean"),
             ("--std", "std"), ("--classes", "class_names"))


def show(model: nn.Module | LoadedModel, images: ImageLike | Iterable[ImageLike] = (), *,
         input_size: Sequence[int] | None = None, mean: Sequence[float] | float | None = None,
         std: Sequence[float] | float | None = None, class_names: Sequence[str] | None = None,
         screenshot: str | os.PathLike | None = None) -> MainWindow | Path | None:
    """Open cnnviz's window on your own network.

    The window shows ``model`` itself, not a copy: training it in the app's Training dock trains your
    object, and its ``training`` flag is left as you set it (captures run in eval mode and put it back).
    After changing the module in Python, File > Reload model looks at it again; the model dock's input form
    describes its input anew. It stays on its device (move it with ``.to()`` and show it again). The
    window's layout is neither restored nor saved, and your module is not remembered as the app's last model.

    Parameters
    ----------
    model
        Your ``nn.Module`` (a ``torch.jit.ScriptModule`` too: only its input and output are shown), or a
        :class:`cnnviz.LoadedModel` from :func:`cnnviz.load_model`.
    images
        Image files (``str`` / ``Path``), PIL images, or numpy arrays / tensors (``H x W``, ``H x W x C`` or
        ``C x H x W``; uint8, or floats in [0, 1]); one of them or a list. The first is shown, all are in the
        input strip. None given: a bundled sample (a digit for a 1-channel model, a photo otherwise).
    input_size
        ``(C, H, W)`` the model takes; by default guessed (channels from the first convolution, a 1-channel
        model gets 28x28 grey MNIST-style input).
    mean, std
        Per-channel normalisation after scaling pixels to [0, 1] (one value or one per channel).
    class_names
        The names of the model's outputs, for the predictions.
    screenshot
        Save a picture of the window here (any format Qt writes: ``.png``, ``.jpg`` ...) once every dock has
        painted the first image, close the window and return the path, without waiting for the user.

    Returns
    -------
    MainWindow or pathlib.Path or None
        With ``screenshot``: the path written. In a notebook or IPython with ``%gui qt`` (or inside a running
        Qt event loop): the window, returned at once (``window.session`` holds what it shows). In a script:
        None, once the user has closed the window.

    Raises
    ------
    TypeError
        ``model`` is not an ``nn.Module``, or an image is of a type that cannot be shown.
    CnnvizError
        A problem with your data: an image file that is missing or not an image, an array that is not a
        picture, an ``input_size`` / ``mean`` / ``std`` that does not fit the model, a screenshot path that
        cannot be written, a model that fails on its input while the screenshot is made, or no display.
    """
    _check_model(model)
    target = None if screenshot is None else screenshot_target(screenshot)
    pictures = image_items(images)
    loaded = _as_loaded(model, input_size, mean, std, class_names)
    missing = missing_xcb_packages()
    if missing and QApplication.instance() is None:
        raise CnnvizError(missing_libraries_message(missing))
    app = ensure_app()
    result = model_result(loaded, jobs.model_request(str(loaded.name), str(loaded.weights), str(loaded.device),
                                                     description=_description(input_size, mean, std, class_names)))
    session = LiveSession(loaded)
    window = MainWindow(session, settings=None)  # nothing restored or saved: the user's own module is no app setting
    session.setParent(window)
    files = image_files(pictures, window) or default_images(loaded)
    window.show()
    if target is not None:
        return _save_when_painted(window, result, files, target)
    _start(window, result, files)
    if event_loop_running(app):
        _keep_until_closed(window)
        return window
    _run_until_closed(window)
    return None


# --------------------------------------------------------------------------- the model

def _check_model(model: Any) -> None:
    if not isinstance(model, (nn.Module, LoadedModel)):
        hint = tr("; pass program.module()") if type(model).__name__ == "ExportedProgram" else ""
        raise TypeError(tr("cnnviz.show needs a torch.nn.Module, got {type}").format(type=type(model).__name__)
                        + hint)


def _as_loaded(model: Any, input_size, mean, std, class_names) -> LoadedModel:
    """The user's module wrapped as it is (no copy, no mode change), with its input described."""
    mean, std = _numbers(mean), _numbers(std)
    if isinstance(model, LoadedModel):
        if input_size is None and mean is None and std is None and class_names is None:
            return model
        spec = model.info.input
        return _described(model.module, str(model.name), input_size or (spec.channels, *spec.size),
                          spec.mean if mean is None else mean, spec.std if std is None else std,
                          model.info.class_names if class_names is None else class_names)
    name = getattr(model, "original_name", None) if isinstance(model, torch.jit.ScriptModule) else None
    return _described(model, name, input_size, mean, std, class_names)


def _described(module: nn.Module, name, input_size, mean, std, class_names) -> LoadedModel:
    try:
        loaded = from_module(module, name=name, input_size=input_size, mean=mean, std=std, class_names=class_names)
    except CnnvizError as exc:
        raise CnnvizError(python_words(str(exc))) from None
    return replace(loaded, notes=tuple(python_words(note) for note in loaded.notes))


def python_words(text: str) -> str:
    """A message about the command line's input options, worded with :func:`show`'s keywords instead."""
    for flag, keyword in _KEYWORDS:
        text = text.replace(flag, keyword)
    return text


def _description(input_size, mean, std, class_names) -> jobs.InputDescription:
    """What :func:`show` was told about the input, kept with the model (Reload describes it the same way)."""
    size = None if input_size is None else tuple(int(v) for v in input_size)
    mean, std = ((None if v is None else tuple(float(x) for x in _numbers(v))) for v in (mean, std))
    names = None if class_names is None else tuple(str(n) for n in class_names)
    return jobs.InputDescription(size, mean, std, names)


def _numbers(values: Any) -> Any:
    """One number as a one-element tuple (``mean=0.5``); anything else as given."""
    return (float(values),) if isinstance(values, Real) and not isinstance(values, bool) else values


def _start(window: MainWindow, result: jobs.ModelResult, files: list[Path]) -> None:
    window.session.show_live(result)
    if files:
        window.session.open_paths(files)


# --------------------------------------------------------------------------- screenshot

def screenshot_target(screenshot: Any) -> Path:
    """The screenshot's path, checked before any window opens: a format Qt writes, in a folder one may write."""
    if not isinstance(screenshot, (str, os.PathLike)):
        raise TypeError(tr("screenshot must be a file path, got {type}").format(type=type(screenshot).__name__))
    path = Path(os.fspath(screenshot)).expanduser()
    formats = {bytes(f).decode().lower() for f in QImageWriter.supportedImageFormats()}
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in formats:
        raise CnnvizError(tr("{path}: cannot save a screenshot as '{suffix}'; give a .png (or .jpg, .bmp ...) file")
                          .format(path=path, suffix=path.suffix or path.name))
    folder = path.parent
    if path.is_dir():
        raise CnnvizError(tr("{path}: is a folder; give the screenshot's file name").format(path=path))
    if not folder.is_dir():
        raise CnnvizError(tr("{path}: cannot write the screenshot: the folder {folder} does not exist").format(
            path=path, folder=folder))
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise CnnvizError(tr("{path}: cannot write the screenshot (permission denied)").format(path=path))
    return path


class _Shot(_Screenshot):
    """``cnnviz --screenshot``'s waiter, ending a local event loop and keeping its error for an exception."""

    def __init__(self, loop: QEventLoop, window: MainWindow, path: Path) -> None:
        self.loop, self.message = loop, None
        super().__init__(QApplication.instance(), window, str(path), SCREENSHOT_TIMEOUT_S)

    def _finish(self, code: int, message: str | None) -> None:
        if self.code is None:
            self.code, self.message = code, message
            QTimer.singleShot(0, self.loop.quit)


def _save_when_painted(window: MainWindow, result: jobs.ModelResult, files: list[Path], target: Path) -> Path:
    loop = QEventLoop()
    shot = _Shot(loop, window, target)
    _start(window, result, files)
    try:
        if shot.code is None:
            loop.exec()
    finally:
        _dispose(window)
    if shot.code != 0:
        raise CnnvizError(shot.message or tr("{path}: could not write the screenshot").format(path=target))
    return target


# --------------------------------------------------------------------------- event loop

def event_loop_running(app: QApplication | None = None) -> bool:
    """Whether a Qt event loop already runs for us, so :func:`show` must not block.

    True in IPython / Jupyter whose shell runs Qt's input hook (``%gui qt``, ``active_eventloop`` ``"qt"``,
    ``"qt5"`` or ``"qt6"``; napari's test: the hook starts and stops the loop between prompts, so the loop
    level alone would miss it), and when this thread is inside a running Qt event loop (called from a slot,
    a timer or a nested loop: ``loopLevel() > 0``).
    """
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None and hasattr(ipython, "get_ipython") else None
    if shell is not None and str(getattr(shell, "active_eventloop", None) or "").lower() in QT_EVENTLOOPS:
        return True
    app = app or QApplication.instance()
    return app is not None and QThread.currentThread().loopLevel() > 0


class _CloseWatcher(QObject):
    """Emits ``closed`` when the window it watches gets its close event."""

    closed = Signal()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Close:
            self.closed.emit()
        return False


def _watch_close(window: MainWindow, then) -> None:
    watcher = _CloseWatcher(window)
    window.installEventFilter(watcher)
    watcher.closed.connect(then)


def _guard_garbage(app: QApplication, window: MainWindow) -> None:
    """Garbage is collected from the event loop while a window of ours is open (:mod:`.gc_guard`); after
    the last one closes, Python collects by itself again, as in the user's code before."""
    global _OWN_GUARD
    _GUARDED.add(window)
    if _OWN_GUARD is None and app.findChild(GcGuard) is None:  # an app that guards already keeps its own
        _OWN_GUARD = install_gc_guard(app)


def _unguard_garbage(window: MainWindow) -> None:
    global _OWN_GUARD
    _GUARDED.discard(window)
    if _OWN_GUARD is not None and not _GUARDED:
        _OWN_GUARD.release()
        _OWN_GUARD.setParent(None)
        _OWN_GUARD.deleteLater()
        _OWN_GUARD = None


def _keep_until_closed(window: MainWindow) -> None:
    _OPEN.add(window)

    def closed() -> None:
        _OPEN.discard(window)
        _remove_images(window)
        _unguard_garbage(window)

    _watch_close(window, closed)


def _run_until_closed(window: MainWindow) -> None:
    """Run the event loop until the user closes the window; Ctrl+C in the terminal closes it too."""
    loop = QEventLoop()
    _watch_close(window, lambda: QTimer.singleShot(0, loop.quit))
    previous_hook = sys.excepthook
    sys.excepthook = uncaught_exception_hook(window.session, debug=False)
    main = threading.current_thread() is threading.main_thread()
    previous_sigint = signal.signal(signal.SIGINT, lambda *_: window.close()) if main else None
    ticks = QTimer(window)  # lets Python run now and then, so that the Ctrl+C handler gets its turn
    ticks.timeout.connect(lambda: None)
    ticks.start(200)
    try:
        loop.exec()
    finally:
        ticks.stop()
        sys.excepthook = previous_hook
        if main:
            signal.signal(signal.SIGINT, previous_sigint)
        _dispose(window)


def _remove_images(window: MainWindow) -> None:
    folder = getattr(window, "_show_images", None)
    if folder is not None:
        folder.cleanup()


def _dispose(window: MainWindow) -> None:
    """Close the window (its workers stop), delete it and the temporary images.

    The zero-time timers its docks queued before it closed (a check whether all are painted...) run first:
    one turn of a local loop, ended by a timer queued after them, so that none runs on a deleted dock.
    """
    window.close()
    _remove_images(window)
    _unguard_garbage(window)
    drain = QEventLoop()
    QTimer.singleShot(0, drain.quit)
    drain.exec()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
