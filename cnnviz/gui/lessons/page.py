"""The interactive part of a lesson, shown in the Lesson dock under the lesson's text."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtWidgets import QWidget


class LessonPage(QWidget):
    """One lesson's controls and pictures.

    Subclasses set ``lesson`` (the :class:`~cnnviz.core.lessons.Lesson`'s name), build their widgets in
    ``__init__``, start their work in :meth:`start` and end it in :meth:`stop`. They mark each widget whose content
    they replaced with :meth:`changed` (the window counts as painted once those have painted) and list every number
    they show in :meth:`numbers`, so that tests compare each with a direct computation from the model.
    """

    lesson: ClassVar[str] = ""

    def __init__(self, window, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_ = window  # the MainWindow (not QWidget.window(), which a page keeps)
        self.session = window.session
        self._mark = None  # the dock's changed(), set when the dock shows the page

    def attach(self, mark) -> None:
        """The Lesson dock shows this page: ``mark(*widgets)`` is its :meth:`Panel.changed`."""
        self._mark = mark

    def start(self) -> None:
        """The lesson was opened (its model and image are asked for and may still be loading)."""

    def stop(self, timeout_ms: int = 30000) -> bool:
        """The lesson closes (another one opens, or the window closes): end what the page runs; True once ended."""
        return True

    def changed(self, *widgets: QWidget) -> None:
        """Mark widgets whose content changed: they owe a paint."""
        if self._mark is not None:
            self._mark(*widgets)
        else:
            for widget in widgets:
                widget.update()

    def is_settled(self) -> bool:
        """The page waits for nothing (the dock checks the marked widgets itself); override while work is pending."""
        return True

    def numbers(self) -> dict[str, float]:
        """Every number the page shows, by a stable key."""
        return {}
