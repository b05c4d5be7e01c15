"""Opening a lesson in the window: its model, image and docks, and its page in the Lesson dock.

Each lesson's page is the :class:`~cnnviz.gui.lessons.page.LessonPage` subclass in the module of the same name as
the lesson's core module (``gui/lessons/why_1x1.py`` for ``core/lessons/why_1x1.py``).
"""

from __future__ import annotations

import importlib
import inspect
from functools import lru_cache

from ...core.inputs.images import sample_images
from ...core.lessons import MODULES, Lesson, get_lesson
from ..when_captured import select_when_captured
from .page import LessonPage

__all__ = ["LessonPage", "open_lesson", "page_class", "pages"]


@lru_cache(maxsize=1)
def pages() -> dict[str, type[LessonPage]]:
    """Every lesson's page class by lesson name."""
    found: dict[str, type[LessonPage]] = {}
    for module in MODULES:
        loaded = importlib.import_module(f"{__name__}.{module}")
        for _, cls in inspect.getmembers(loaded, inspect.isclass):
            if issubclass(cls, LessonPage) and cls.lesson and cls.__module__ == loaded.__name__:
                found[cls.lesson] = cls
    return found


def page_class(name: str) -> type[LessonPage]:
    return pages()[get_lesson(name).name]


def open_lesson(window, name: str) -> LessonPage:
    """Open lesson ``name`` in ``window``: load its model (unless already shown), open its image, show its docks
    and the Lesson dock with its text and page; returns the page (started).

    Raises
    ------
    CnnvizError
        No lesson has that name.
    """
    lesson = get_lesson(name)
    session = window.session
    dock = window.docks["lesson_dock"]
    dock.close_lesson()
    request = session.model.request if session.model is not None else None
    if request is None or (request.name, request.weights) != (lesson.model, lesson.weights):
        session.request_model(lesson.model, lesson.weights)
    image = _sample(lesson)
    if image is not None and session.current_path() != image:
        session.open_paths([image])
    if lesson.layer:
        select_when_captured(session, lesson.layer)
    for shown in lesson.docks:
        if shown in window.docks:
            window.docks[shown].show()
    if lesson.docks and lesson.docks[0] in window.docks:
        window.docks[lesson.docks[0]].raise_()
    page = page_class(lesson.name)(window)
    dock.show_lesson(lesson, page)
    page.start()
    return page


def _sample(lesson: Lesson):
    return next((p for p in sample_images() if p.name == lesson.image), None)
