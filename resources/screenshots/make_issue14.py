"""Remake the README's screenshots of issue 14: each lesson (in English, two in Chinese) and the dark theme.

    QT_QPA_PLATFORM=offscreen python resources/screenshots/make_issue14.py [NAME ...]

NAME is a picture's name without ``.png`` (all of them by default). Each picture is a fresh window (1600x1000, no
saved settings) with a lesson opened from its Lessons-menu action, moved to the state the README describes (the
shift lesson shifted by 4 pixels, the reduction width at 4, the two trainings some steps in), waited on until
everything is painted, then saved beside this script. The zh_CN pictures need a CJK font (fonts-wqy-microhei).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_issue12 import HERE, wait_for  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from cnnviz import translation  # noqa: E402
from cnnviz.core.i18n import translator  # noqa: E402
from cnnviz.core.lessons import get_lesson  # noqa: E402
from cnnviz.gui.app import ensure_app  # noqa: E402
from cnnviz.gui.main_window import MainWindow  # noqa: E402

SIZE = (1600, 1000)
TRAINING_STEPS = 120  # the two trainings' step reached before the picture (both runs)


def lesson_window(name: str, language: str = "en", theme: str | None = None) -> MainWindow:
    """A window in ``language`` with lesson ``name`` opened from the Lessons menu and settled."""
    translation.install(language)
    window = MainWindow(settings=None)
    window.resize(*SIZE)
    window.show()
    if theme is not None:
        from cnnviz.gui.theme import apply_theme

        apply_theme(QApplication.instance(), theme)
    title = translator("anywhere")(get_lesson(name).title)
    action = next(a for top in window.menuBar().actions() if top.menu() for a in top.menu().actions()
                  if a.text() == title)
    action.trigger()
    settle(window, name)
    return window


def settle(window: MainWindow, what: str) -> None:
    for _ in range(2):
        wait_for(lambda: window.session.result is not None and window.is_settled(), what)
        QApplication.processEvents()


def trained(window: MainWindow, steps: int = TRAINING_STEPS) -> None:
    """Wait until both of the page's runs have reached ``steps`` (or ended), then pause them."""
    page = window.docks["lesson_dock"].page

    def far_enough() -> bool:
        records = page.records
        return not page.running() or all(r and r[-1].step >= steps for r in records)

    wait_for(far_enough, f"{steps} training steps", timeout_s=900)
    if page.running():
        page.worker.pause()
    wait_for(lambda: page.worker.held if page.running() else True, "the training to pause")
    QApplication.processEvents()
    page.poll()
    settle(window, "the curves")


def save(window: MainWindow, name: str) -> None:
    QApplication.processEvents()
    path = HERE / f"{name}.png"
    if not window.save_screenshot(path):
        raise SystemExit(f"{path}: could not write the screenshot")
    print(path)
    window.close()
    QApplication.processEvents()
    translation.install("en")


def why_1x1(language: str = "en") -> MainWindow:
    window = lesson_window("why-1x1", language)
    window.docks["lesson_dock"].page.set_width(4)
    settle(window, "width 4")
    return window


def shared_weights(language: str = "en") -> MainWindow:
    window = lesson_window("shared-weights", language)
    window.docks["lesson_dock"].page.set_shift(4, 0)
    settle(window, "a shift of 4 px")
    return window


def residual(language: str = "en") -> MainWindow:
    window = lesson_window("residual", language)
    trained(window)
    return window


def alexnet(language: str = "en") -> MainWindow:
    window = lesson_window("alexnet", language)
    trained(window, steps=10**9)  # to the end: the steps to the target of both
    return window


def conv_kinds(language: str = "en") -> MainWindow:
    return lesson_window("conv-kinds", language)


def dark() -> MainWindow:
    return lesson_window("why-1x1", "en", theme="dark")


PICTURES = {
    "lesson_why_1x1": why_1x1,
    "lesson_shared_weights": shared_weights,
    "lesson_residual": residual,
    "lesson_alexnet": alexnet,
    "lesson_conv_kinds": conv_kinds,
    "lesson_why_1x1_zh": lambda: why_1x1("zh_CN"),
    "lesson_residual_zh": lambda: residual("zh_CN"),
    "dark_theme": dark,
}


def main(names: list[str]) -> None:
    ensure_app().setQuitOnLastWindowClosed(False)  # each picture's window is closed before the next opens
    unknown = [n for n in names if n not in PICTURES]
    if unknown:
        raise SystemExit(f"unknown picture(s) {', '.join(unknown)}; the pictures are: {', '.join(PICTURES)}")
    for name in names or list(PICTURES):
        save(PICTURES[name](), name)


if __name__ == "__main__":
    main(sys.argv[1:])
