"""The main window's menus: File (images, models, screenshots), View (docks, layout, language), Lessons, Help."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from ..core.i18n import translator
from ..core.inputs.images import sample_images
from ..core.lessons import lessons
from ..translation import LANGUAGES, SYSTEM
from .panels import live_controls
from .share import add_share_actions
from .theme import add_theme_menu

tr = translator(__name__)


class MenuHost(Protocol):
    """What the menus need of the main window (a Protocol, so this module does not import the window)."""

    session: Any
    docks: dict[str, Any]

    def menuBar(self) -> QMenuBar: ...
    def open_dialog(self) -> None: ...
    def open_model_dialog(self) -> bool: ...
    def reload_model(self) -> None: ...
    def paste(self) -> None: ...
    def save_screenshot_dialog(self) -> None: ...
    def close(self) -> bool: ...
    def reset_layout(self) -> None: ...
    def about(self) -> None: ...
    def open_lesson(self, name: str) -> None: ...
    def choose_language(self, language: str) -> None: ...
    def language_choice(self) -> str: ...


def _action(menu: QMenu, text: str, slot, shortcut: QKeySequence | str | None = None) -> QAction:
    action = menu.addAction(text)
    action.triggered.connect(lambda _checked=False: slot())
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    return action


def build_menus(window: MenuHost) -> QMenu:
    """Create the menus; returns the "Open recent" submenu (the window refills it)."""
    bar = window.menuBar()
    file_menu = bar.addMenu(tr("&File"))
    _action(file_menu, tr("&Open images\u2026"), window.open_dialog, QKeySequence.StandardKey.Open)
    recent = file_menu.addMenu(tr("Open &recent"))
    _action(file_menu, tr("&Paste image"), window.paste, QKeySequence.StandardKey.Paste)
    _action(file_menu, tr("Open &video\u2026"), lambda: live_controls.open_video_dialog(window))
    _action(file_menu, tr("&Camera"), lambda: live_controls.open_camera(window))
    samples = file_menu.addMenu(tr("&Samples"))
    for path in sample_images():
        _action(samples, path.name, lambda p=path: window.session.open_paths([p]))
    samples.setEnabled(bool(samples.actions()))
    file_menu.addSeparator()
    _action(file_menu, tr("Open &model\u2026"), window.open_model_dialog, "Ctrl+Shift+O")
    _action(file_menu, tr("Re&load model"), window.reload_model, "F5")  # after editing the model's code
    file_menu.addSeparator()
    _action(file_menu, tr("Pre&vious image"), lambda: window.session.step_image(-1), "PgUp")
    _action(file_menu, tr("&Next image"), lambda: window.session.step_image(1), "PgDown")
    file_menu.addSeparator()
    _action(file_menu, tr("Save &screenshot\u2026"), window.save_screenshot_dialog)
    add_share_actions(window, file_menu)  # export / copy a dock, save the capture or a layer's activations
    file_menu.addSeparator()
    _action(file_menu, tr("&Quit"), window.close, QKeySequence.StandardKey.Quit)

    view_menu = bar.addMenu(tr("&View"))
    for dock in window.docks.values():
        view_menu.addAction(dock.toggleViewAction())
    view_menu.addSeparator()
    _action(view_menu, tr("&Reset layout"), window.reset_layout)
    view_menu.addSeparator()
    _language_menu(view_menu.addMenu(tr("&Language")), window)
    add_theme_menu(window, view_menu)

    lessons_menu = bar.addMenu(tr("L&essons"))
    for lesson in lessons().values():
        _action(lessons_menu, tr(lesson.title), lambda name=lesson.name: window.open_lesson(name))

    help_menu = bar.addMenu(tr("&Help"))
    _action(help_menu, tr("&About cnnviz"), window.about)
    return recent


def _language_menu(menu: QMenu, window: MenuHost) -> None:
    """System / English / 简体中文, one checked; choosing one reopens the window in it."""
    group = QActionGroup(menu)
    choices = [(SYSTEM, tr("Follow the system")), *LANGUAGES.items()]
    for code, label in choices:
        action = _action(menu, label, lambda c=code: window.choose_language(c))
        action.setCheckable(True)
        action.setChecked(code == window.language_choice())
        group.addAction(action)


def fill_recent(menu: QMenu, window: MenuHost, paths: list[str]) -> None:
    """Refill the "Open recent" submenu."""
    menu.clear()
    for path in paths:
        _action(menu, Path(path).name, lambda p=path: window.session.open_paths([p])).setToolTip(path)
    menu.setEnabled(bool(paths))
