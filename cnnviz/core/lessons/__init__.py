"""The course's lessons: each opens a model, an image and the docks that show one idea, with a short text and one
thing to do. Qt-free: a :class:`Lesson` says what to open; the computations each lesson shows live in its module
(``why_1x1``, ``shared_weights``, ``residual_depth``, ``alexnet_choices``, ``conv_kinds``); the pages that draw them
in :mod:`cnnviz.gui.lessons`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import lru_cache

from ..errors import CnnvizError
from ..i18n import Text, translator

tr = translator(__name__)

MODULES = ("why_1x1", "shared_weights", "residual_depth", "alexnet_choices", "conv_kinds")  # course order


@dataclass(frozen=True)
class Lesson:
    """What a lesson opens and says (texts marked with ``N_``, translated where shown)."""

    name: str  # cnnviz --lesson NAME
    title: Text
    model: str  # the zoo name the lesson loads
    text: Text  # short paragraphs, a blank line between them
    task: Text  # the one thing to do
    weights: str = "default"
    image: str = "digit_7.png"  # a file in resources/samples
    docks: tuple[str, ...] = ()  # dock object names shown, the first in front
    layer: str | None = None  # selected once the first capture is shown


@lru_cache(maxsize=1)
def lessons() -> dict[str, Lesson]:
    """Every lesson by name, in course order."""
    found = (importlib.import_module(f"{__name__}.{module}").LESSON for module in MODULES)
    return {lesson.name: lesson for lesson in found}


def lesson_names() -> list[str]:
    return list(lessons())


def get_lesson(name: str) -> Lesson:
    """The lesson called ``name`` (spaces, case and underscores forgiven).

    Raises
    ------
    CnnvizError
        No lesson has that name.
    """
    key = str(name).strip().lower().replace("_", "-").replace(" ", "-")
    found = lessons().get(key)
    if found is None:
        shown = str(name) if len(str(name)) <= 60 else str(name)[:57] + "..."
        raise CnnvizError(tr("unknown lesson '{name}'; the lessons are: {names}").format(
            name=shown, names=", ".join(lessons())))
    return found


def __getattr__(name: str):  # LESSONS, built on first use (each lesson module imports Lesson from here)
    if name == "LESSONS":
        return lessons()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
