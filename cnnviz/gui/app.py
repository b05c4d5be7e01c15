"""Starting the desktop app: ``cnnviz [IMAGE ...] [--model M] [--weights W] [--device D] [--layer L] [--dock D]
[--screenshot PNG]``."""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QMessageLogContext, QObject, QSettings, QtMsgType, QTimer, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from ..core.models import zoo
from ..core.device import resolve_device
from ..core.errors import CnnvizError, internal_message
from ..core.i18n import translator
from ..core.inputs.images import sample_images
from ..core.paths import is_missing
from .. import translation
from ..translation import SYSTEM, choose_language
from . import jobs
from .gc_guard import install_gc_guard
from .main_window import LANGUAGE_KEY, MainWindow
from .platform_check import missing_libraries_message, missing_xcb_packages
from .session import Session, check_image_paths
from .when_captured import select_when_captured

tr = translator(__name__)

ORG = APP = "cnnviz"
DEFAULT_MODEL = "mnist_inception"
SCREENSHOT_TIMEOUT_S = 180.0
SCREENSHOT_FRAMES = 8  # with --video or --camera, the screenshot shows a frame at least this far in


def app_settings() -> QSettings:
    """Where the window keeps its layout, last model and recent files (an INI file per user)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG, APP)


def _qt_messages(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if "propagateSizeHints" in message:  # the offscreen platform (screenshots) says this for every window
        return
    print(message, file=sys.stderr)


def ensure_app() -> QApplication:
    """The QApplication (created once), with pyqtgraph set up for row-major uint8 images."""
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else APP])
    app.setOrganizationName(ORG)
    app.setApplicationName(APP)
    pg.setConfigOptions(imageAxisOrder="row-major", antialias=False)
    return app


def default_sample(model: str) -> Path | None:
    """A bundled sample that suits the model: a digit for 1-channel models, a photo otherwise."""
    samples = {p.name: p for p in sample_images()}
    try:
        grey = zoo.model_info(model).input.channels == 1
    except CnnvizError:
        grey = False
    for name in ("digit_7.png", "digit_3.png") if grey else ("cat.jpg", "coffee.jpg"):
        if name in samples:
            return samples[name]
    return next(iter(samples.values()), None)


def is_named(model: str) -> bool:
    """A built-in name, a timm name or a code spec (``FILE.py:NAME``): not a model file that may be missing."""
    return model in zoo.model_names() or model.startswith("timm/") or ":" in model


def input_description(args: argparse.Namespace) -> jobs.InputDescription | None:
    """``--input-size``, ``--mean``, ``--std``, ``--classes`` as the session takes them (None: none given).

    Raises
    ------
    CnnvizError
        The classes file cannot be read.
    """
    from ..core.inputs.describe import read_class_names

    size, mean, std = (getattr(args, k, None) for k in ("input_size", "mean", "std"))
    classes = getattr(args, "classes", None)
    if size is None and mean is None and std is None and not classes:
        return None
    return jobs.InputDescription(tuple(size) if size else None, tuple(mean) if mean else None,
                                 tuple(std) if std else None, read_class_names(classes) if classes else None,
                                 classes or None)


def startup_problems(args: argparse.Namespace) -> list[str]:
    """What is wrong with the command line: unknown model, bad device, images that cannot be opened."""
    problems = []
    if not is_named(args.model) and is_missing(args.model):  # code specs and timm names are checked when loaded
        problems.append(zoo.unknown_model_message(args.model))
    try:
        resolve_device(args.device)
    except CnnvizError as exc:
        problems.append(str(exc))
    problems += check_image_paths(args.images or [])[1]
    problem = lesson_problem(getattr(args, "lesson", None))
    if problem:
        problems.append(problem)
    return problems


def lesson_problem(name: str | None) -> str | None:
    """Why ``--lesson NAME`` cannot be opened (None: it can, or none was asked for)."""
    from ..core.lessons import get_lesson

    if name is None:
        return None
    try:
        get_lesson(name)
    except CnnvizError as exc:
        return str(exc)
    return None


def screenshot_layer(args: argparse.Namespace) -> str | None:
    """The layer a screenshot waits to see selected: ``--layer``, else the lesson's own."""
    from ..core.lessons import get_lesson

    if getattr(args, "layer", None) or lesson_problem(getattr(args, "lesson", None)) or not getattr(args, "lesson", None):
        return getattr(args, "layer", None)
    return get_lesson(args.lesson).layer


def language_problem(flag: str | None) -> str | None:
    try:
        choose_language(flag)
    except ValueError as exc:
        return str(exc)
    return None


def install_language(args: argparse.Namespace, settings: QSettings | None) -> str:
    """Speak the language of ``--lang``, ``CNNVIZ_LANG``, the setting or the system (in that order); returns it."""
    setting = settings.value(LANGUAGE_KEY) if settings is not None else None
    try:
        language = choose_language(getattr(args, "lang", None), setting if isinstance(setting, str) else None)
    except ValueError:  # reported by startup_problems
        language = choose_language(None, setting if isinstance(setting, str) else None)
    return language if translation.install(language) else "en"


def dock_name(name: str | None) -> str | None:
    """``"feature-maps"`` -> ``"feature_maps_dock"``; ``None`` stays ``None``."""
    return None if name is None else name.strip().lower().replace("-", "_").removesuffix("_dock") + "_dock"


def dock_problem(window: MainWindow, name: str | None) -> str | None:
    dock = dock_name(name)
    if dock is None or dock in window.docks:
        return None
    known = ", ".join(d.removesuffix("_dock").replace("_", "-") for d in window.docks)
    return tr("unknown dock '{name}'; the docks are: {known}").format(name=name, known=known)


def uncaught_exception_hook(session: Session, debug: bool, echo_errors: bool = True):
    """A ``sys.excepthook`` for the app: a bug in a slot is said in the status bar (not only on stderr), and
    its full traceback goes to stderr (with ``debug`` and ``echo_errors`` also the line of every error the
    window shows; a screenshot prints its error itself)."""
    def hook(kind, exc, tb) -> None:
        traceback.print_exception(kind, exc, tb, file=sys.stderr)
        session.report_error(internal_message(exc))

    if debug and echo_errors:
        session.error.connect(lambda message: print(f"cnnviz: error: {message}", file=sys.stderr))
    return hook


def start_session(window: MainWindow, args: argparse.Namespace, problems: list[str]) -> None:
    """Ask for the model and images the command line names (or the remembered / default ones); if that
    model cannot be loaded, the built-in default is shown, with a status line that says why."""
    session = window.session
    session.trust_code = bool(args.trust_code)
    name, weights, device = args.model, args.weights, args.device
    remembered = window.remembered_model()
    if remembered and name == DEFAULT_MODEL and weights == "default":
        name, weights = remembered[:2]
        device = remembered[2] if device == "auto" else device
        if not is_named(name) and is_missing(name):
            problems = [*problems, tr("the model used last, {name}, is gone; showing {default}").format(
                name=name, default=DEFAULT_MODEL)]
    description = None
    try:
        description = input_description(args) if name == args.model else None
    except CnnvizError as exc:
        problems = [*problems, str(exc)]
    if problems:
        session.report_error(problems[0])
    if not is_named(name) and is_missing(name):
        name, weights = DEFAULT_MODEL, "default"
    try:
        resolve_device(device)
    except CnnvizError:
        device = "auto"
    session.device = device
    session.fallback = jobs.ModelRequest(DEFAULT_MODEL, "default", device)
    files = check_image_paths(args.images or [])[0]
    lesson = getattr(args, "lesson", None)
    if lesson and lesson_problem(lesson) is None:
        window.open_lesson(lesson)  # its model, image and docks
        if files:
            session.open_paths(files)
    else:
        session.request_model(name, weights, description=description)
    if getattr(args, "layer", None):
        select_when_captured(window.session, args.layer)
    dock = dock_name(getattr(args, "dock", None))
    if dock in window.docks:
        window.docks[dock].show()
        window.docks[dock].raise_()
    if lesson and lesson_problem(lesson) is None:
        return
    sample = default_sample(name)
    if start_live(window, args):
        return
    if files:
        session.open_paths(files)
    elif sample is not None:
        session.open_paths([sample])
        if name not in zoo.model_names():  # the user's code, timm, a file: its input is known once loaded
            suit_sample_to_model(window, sample)


def start_live(window: MainWindow, args: argparse.Namespace) -> bool:
    """Play ``--video FILE`` or show ``--camera [NAME]``; True if one started (otherwise, if asked for, one
    line says why, and the images or the sample are shown instead)."""
    from .panels import live_controls

    video, camera = getattr(args, "video", None), getattr(args, "camera", None)
    if video is not None:
        started = live_controls.open_video(window, video)
    elif camera is not None:
        started = live_controls.open_camera(window, camera or None)
    else:
        return False
    if started and getattr(args, "screenshot", None):  # a few frames in, freeze one so that the window settles
        live = window.live_input
        live.stats_changed.connect(lambda stats: stats.captured >= SCREENSHOT_FRAMES and live.pause())
    return started


def suit_sample_to_model(window: MainWindow, sample: Path) -> None:
    """Once the first model is loaded, show a digit instead of the photo ``sample`` if the model takes grey
    input (the course's own Net, opened from the student's file)."""
    session = window.session

    def on_model() -> None:
        session.model_changed.disconnect(on_model)
        digit = default_sample("mnist_inception")
        shown = session.current_path()  # None: the sample is not decoded yet
        if session.model.loaded.info.input.channels == 1 and shown in (None, sample) and digit:
            session.open_paths([digit])

    session.model_changed.connect(on_model)


class _Screenshot(QObject):
    """Waits for the first settled window with a capture, saves it, and ends the event loop."""

    def __init__(self, app: QApplication, window: MainWindow, path: str, timeout_s: float,
                 layer: str | None = None) -> None:
        super().__init__(window)
        self.app, self.window, self.path, self.layer = app, window, path, layer
        self.code: int | None = None
        window.settled.connect(self._on_settled)
        window.session.error.connect(lambda message: self._finish(2, message))
        QTimer.singleShot(int(timeout_s * 1000), lambda: self._finish(
            2, tr("timed out after {seconds} s waiting for the window to finish painting").format(
                seconds=f"{timeout_s:g}")))

    def _on_settled(self) -> None:
        session = self.window.session
        wanted = self.layer is None or session.layer == self.layer
        if self.code is None and session.result is not None and wanted:
            ok = self.window.save_screenshot(self.path)
            self._finish(0 if ok else 2, None if ok else tr("{path}: could not write the screenshot").format(
                path=self.path))

    def _finish(self, code: int, message: str | None) -> None:
        if self.code is not None:
            return
        self.code = code
        if message:
            print(f"cnnviz: error: {message}", file=sys.stderr)
        QTimer.singleShot(0, lambda: self.app.exit(code))  # also right if called before exec() runs


def _load_multimedia() -> None:
    """Load Qt Multimedia and its media backend before any worker thread starts: the backend's libraries loading
    while a worker sets up torch's threads deadlocked (``--video``, about one start in two); a failure is
    reported when the video or camera is opened."""
    from .live_input import multimedia

    try:
        player = multimedia().QMediaPlayer()  # the first player loads the FFmpeg backend
    except CnnvizError:
        return
    player.deleteLater()


def follow_language(window: MainWindow, args: argparse.Namespace, holder: dict) -> None:
    """A language chosen in ``window``'s View menu reopens it in that language (:func:`relaunch`)."""
    window.language_chosen.connect(lambda language: relaunch(window, args, language, holder))


def relaunch(window: MainWindow, args: argparse.Namespace, language: str, holder: dict) -> MainWindow:
    """View > Language: open a new window in ``language`` showing the same model, image, layer and lesson, then
    close ``window`` (its layout, model and recent files saved first, so the new one restores them);
    ``holder["window"]`` becomes the new window."""
    session = window.session
    lesson = window.docks["lesson_dock"].lesson
    shown = session.current_path()
    again = argparse.Namespace(**{**vars(args), "images": [str(shown)] if shown else [], "model": DEFAULT_MODEL,
                                  "weights": "default", "device": session.device, "layer": session.layer,
                                  "lesson": lesson.name if lesson else None, "lang": None, "dock": None,
                                  "video": None, "camera": None, "input_size": None, "mean": None, "std": None,
                                  "classes": None})
    window.save_settings()
    translation.install(choose_language(None if language == SYSTEM else language))
    fresh = MainWindow(settings=window.settings)
    follow_language(fresh, again, holder)
    fresh.show()  # before the old one closes: the app ends when its last window closes
    holder["window"] = fresh
    sys.excepthook = uncaught_exception_hook(fresh.session, bool(getattr(args, "debug", False)))
    start_session(fresh, again, [])
    window.close()
    window.deleteLater()
    return fresh


def run_app(args: argparse.Namespace) -> int:
    """Open the window; with ``args.screenshot``, save a picture once everything is painted and return.

    Returns
    -------
    int
        The exit status: 0, or 2 after a user error in screenshot mode (``cnnviz: error: ...`` on stderr).
    """
    shot = getattr(args, "screenshot", None)
    problems = startup_problems(args)
    language_flag = language_problem(getattr(args, "lang", None))
    if language_flag:
        problems.append(language_flag)
    if shot and problems:
        print(f"cnnviz: error: {problems[0]}", file=sys.stderr)
        return 2
    missing = missing_xcb_packages()
    if missing and QApplication.instance() is None:
        print(f"cnnviz: error: {missing_libraries_message(missing)}", file=sys.stderr)
        return 2
    if shot:
        qInstallMessageHandler(_qt_messages)
    app = ensure_app()
    install_gc_guard(app)  # garbage collected from the event loop only (gc_guard.py: a deadlock otherwise)
    if getattr(args, "video", None) is not None or getattr(args, "camera", None) is not None:
        _load_multimedia()
    settings = None if shot else app_settings()
    install_language(args, settings)
    window = MainWindow(settings=settings)
    if shot:
        window.session.confirm_code = None  # nobody to ask: a model file with code needs --trust-code
    problem = dock_problem(window, getattr(args, "dock", None))
    if problem and shot:
        print(f"cnnviz: error: {problem}", file=sys.stderr)
        window.deleteLater()
        return 2
    if problem:
        problems.append(problem)
    holder = {"window": window}
    follow_language(window, args, holder)
    window.show()
    waiter = _Screenshot(app, window, shot, SCREENSHOT_TIMEOUT_S, screenshot_layer(args)) if shot else None
    start_session(window, args, problems)
    previous_hook = sys.excepthook
    sys.excepthook = uncaught_exception_hook(window.session, bool(getattr(args, "debug", False)), not shot)
    try:
        code = app.exec()
    finally:
        sys.excepthook = previous_hook
    holder["window"].close()
    holder["window"].deleteLater()
    return waiter.code if waiter is not None and waiter.code is not None else code
