"""The lessons as a teacher opens them: from the Lessons menu, the Lesson dock's list, ``cnnviz --lesson NAME``; in
English and in Chinese; each with its model, image, docks, texts and a page that paints and stops."""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from cnnviz import translation
from cnnviz.core.errors import CnnvizError
from cnnviz.core.i18n import translator
from cnnviz.core.inputs.images import sample_images
from cnnviz.core.lessons import MODULES, get_lesson, lessons
from cnnviz.core.models import zoo
from cnnviz.gui import app as app_module
from cnnviz.gui.lessons import pages
from cnnviz.gui.main_window import MainWindow
from tests.gui.helpers import settings_file, wait_settled

NAMES = list(lessons())
LESSON_TIMEOUT_MS = 120000


@pytest.fixture
def window(qtbot, tmp_path: Path):
    win = MainWindow(settings=settings_file(tmp_path))
    qtbot.addWidget(win)
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def menu_action(window: MainWindow, text: str):
    for top in window.menuBar().actions():
        menu = top.menu()
        for action in menu.actions() if menu is not None else []:
            if action.text() == text:
                return action
    raise AssertionError(f"no menu action {text!r}")


def test_every_lesson_of_the_course_is_there_with_a_page():
    assert len(NAMES) == len(MODULES) == 5
    assert NAMES == ["why-1x1", "shared-weights", "residual", "alexnet", "conv-kinds"]
    assert set(pages()) == set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_a_lesson_names_what_exists(name, window):
    lesson = get_lesson(name)
    assert lesson.model in zoo.model_names()
    assert lesson.image in {p.name for p in sample_images()}
    assert all(dock in window.docks for dock in lesson.docks)
    assert lesson.text.strip() and lesson.task.strip()
    assert len(lesson.task) < 400  # one thing to do, not a second text


def test_lesson_names_are_forgiving_and_unknown_ones_say_the_list():
    assert get_lesson(" Why_1x1 ").name == "why-1x1"
    with pytest.raises(CnnvizError, match=r"unknown lesson 'nope'; the lessons are: why-1x1, shared-weights"):
        get_lesson("nope")
    with pytest.raises(CnnvizError) as info:
        get_lesson("x" * 5000)
    assert len(str(info.value)) < 200


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("name", NAMES)
def test_each_lesson_opens_from_the_menu_and_paints(name, language, qtbot, tmp_path):
    assert translation.install(language)
    win = MainWindow(settings=settings_file(tmp_path))  # built in the language, as the app builds it
    qtbot.addWidget(win)
    try:
        win.resize(1600, 1000)
        win.show()
        lesson = get_lesson(name)
        tr = translator("anywhere")  # a lesson's texts are looked up where they were marked
        menu_action(win, tr(lesson.title)).trigger()
        dock = win.docks["lesson_dock"]
        qtbot.waitUntil(lambda: win.session.model is not None and win.session.model.request.name == lesson.model,
                        timeout=LESSON_TIMEOUT_MS)
        wait_settled(qtbot, win, timeout=LESSON_TIMEOUT_MS)
        assert dock.lesson is lesson and dock.isVisible()
        assert dock.heading.text() == tr(lesson.title)
        assert dock.task.text() == tr(lesson.task)
        if language == "zh_CN":
            assert dock.task.text() != str(lesson.task)  # the lesson's own texts are translated
        for shown in lesson.docks:
            assert win.docks[shown].isVisible()
        assert win.session.current_path().name == lesson.image
        numbers = dock.page.numbers()
        assert numbers and all(np.isfinite(v) for v in numbers.values())
    finally:
        win.close()
        translation.install("en")


def test_opening_another_lesson_stops_the_first_page(window, qtbot, monkeypatch):
    stopped = []
    first = window.open_lesson(NAMES[0])
    monkeypatch.setattr(first, "stop", lambda timeout_ms=30000: stopped.append(True) or True)
    second = window.open_lesson(NAMES[1])
    assert stopped == [True]
    assert window.docks["lesson_dock"].page is second
    wait_settled(qtbot, window, timeout=LESSON_TIMEOUT_MS)


def test_an_unknown_lesson_is_one_line_and_the_window_goes_on(window, qtbot):
    errors = []
    window.session.error.connect(errors.append)
    assert window.open_lesson("nope") is None
    assert errors and errors[0].startswith("unknown lesson 'nope'")
    assert window.docks["lesson_dock"].page is None


def test_the_lesson_dock_lists_the_lessons_and_a_link_opens_one(window, qtbot):
    dock = window.docks["lesson_dock"]
    message = dock.message()
    assert all(f'href="{name}"' in message for name in NAMES)
    dock.on_message_link(NAMES[1])
    assert dock.lesson.name == NAMES[1]
    wait_settled(qtbot, window, timeout=LESSON_TIMEOUT_MS)
    dock.close_lesson()
    assert dock.page is None and dock.message() is not None


def lesson_args(lesson, screenshot, lang=None):
    return argparse.Namespace(images=[], model="mnist_inception", weights="default", device="auto", trust_code=False,
                              screenshot=str(screenshot), debug=False, layer=None, dock=None, lesson=lesson, lang=lang)


def test_cnnviz_lesson_screenshot_in_chinese(qtbot, tmp_path):
    out = tmp_path / "lesson.png"
    try:
        assert app_module.run_app(lesson_args("shared-weights", out, lang="zh_CN")) == 0
    finally:
        translation.install("en")
    picture = np.asarray(Image.open(out).convert("RGB")).astype(np.float32)
    assert picture.std() > 20


@pytest.mark.parametrize(("lesson", "lang", "expected"), [
    ("nope", None, "unknown lesson 'nope'; the lessons are: why-1x1"),
    ("why-1x1", "klingon", "unknown language 'klingon'; the languages are: en, zh_CN"),
])
def test_bad_lesson_or_language_exits_2_with_one_line(lesson, lang, expected, qtbot, tmp_path, capsys):
    assert app_module.run_app(lesson_args(lesson, tmp_path / "x.png", lang=lang)) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"cnnviz: error: {expected}")
    assert not (tmp_path / "x.png").exists()
