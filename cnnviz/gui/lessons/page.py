"""The interactive part of a lesson, shown in the Lesson dock under the lesson's text."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtWidgets import QWidget

from ..widgets import plain_label

ERROR_STYLE = "color: #c0392b;"


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
        self.error_label = plain_label(wrap=True)  # the page places it; newest_view() fills it
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()

    def attach(self, mark) -> None:
        """The Lesson dock shows this page: ``mark(*widgets)`` is its :meth:`Panel.changed`."""
        self._mark = mark

    def start(self) -> None:
        """The lesson was opened (its model and image are asked for and may still be loading)."""

    def stop(self, timeout_ms: int = 30000) -> bool:
        """The lesson closes (another one opens, or the window closes): end what the page runs; True once ended."""
        return True

    def newest_view(self, kind: str, wanted_kind: str, view_type: type, wanted_key: object):
        """The render worker's answer ``session.views[wanted_kind]`` when the ``view_changed(kind)`` just emitted is
        it and it answers this page's newest request (its ``key`` is ``wanted_key``), else None. Its ``error``, if
        any, is shown in :attr:`error_label` and the status bar (the caller then draws nothing new)."""
        view = self.session.views.get(wanted_kind)
        if kind != wanted_kind or not isinstance(view, view_type) or view.key != wanted_key:
            return None
        self.error_label.setVisible(bool(view.error))
        self.error_label.setText(view.error)
        if view.error:
            self.session.report_error(view.error)
            self.changed(self.error_label)
        return view

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


class ViewPage(LessonPage):
    """A page drawn from one view at a time that the render worker computes for it: ``_wanted`` is the key of its
    newest request (None: none is pending or wanted), ``view`` the answer drawn. Subclasses ask for a view in
    ``_on_capture`` (also when the lesson opens) and take it with :meth:`newest_view`."""

    def __init__(self, window, parent: QWidget | None = None) -> None:
        super().__init__(window, parent)
        self.view = None
        self._wanted: tuple | None = None

    def _on_capture(self) -> None:  # pragma: no cover - each page asks for its own view
        raise NotImplementedError

    def start(self) -> None:
        self._on_capture()

    def stop(self, timeout_ms: int = 30000) -> bool:
        self._wanted = None  # an answer still on its way is not drawn
        return True

    def is_settled(self) -> bool:
        if self.session.result is None:
            return self.session.is_idle()
        return self._wanted is None or (self.view is not None and self.view.key == self._wanted)
