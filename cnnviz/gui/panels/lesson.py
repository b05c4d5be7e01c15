"""The Lesson dock: the open lesson's title, its short text, the one thing to do, and its page (sliders, plots)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ...core.i18n import marker, translator
from ...core.lessons import Lesson, lessons
from ..widgets import plain_label
from .base import Panel

tr = translator(__name__)
N_ = marker(__name__)

TASK_STYLE = ("QFrame#lesson_task { border-left: 4px solid #3a7bd5; background: palette(alternate-base); "
              "padding: 6px; }")


class LessonPanel(Panel):
    """Shows one lesson at a time (Lessons menu, ``cnnviz --lesson NAME``); a message with every lesson otherwise."""

    title = N_("Lesson")
    name = "lesson_dock"
    tab_with = "input_dock"  # the right column, widened while a lesson is shown
    preferred_width = 480

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self.window_ = parent
        self.lesson: Lesson | None = None
        self.page = None
        self.picker = QComboBox()
        self.picker.addItem(tr("Choose a lesson…"), None)
        for lesson in lessons().values():
            self.picker.addItem(tr(lesson.title), lesson.name)
        self.picker.activated.connect(self._picked)
        self.heading = plain_label(wrap=True)
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.text = plain_label(wrap=True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.task_title = QLabel(tr("Try this"))
        self.task_title.setStyleSheet("font-weight: bold;")
        self.task = plain_label(wrap=True)
        task_box = QFrame()
        task_box.setObjectName("lesson_task")
        task_box.setStyleSheet(TASK_STYLE)
        task_layout = QVBoxLayout(task_box)
        task_layout.setContentsMargins(8, 4, 8, 4)
        task_layout.addWidget(self.task_title)
        task_layout.addWidget(self.task)
        self.page_holder = QVBoxLayout()
        self.page_holder.setContentsMargins(0, 0, 0, 0)
        content = QWidget()
        layout = QVBoxLayout(content)
        top = QHBoxLayout()
        top.addWidget(self.picker, 1)
        layout.addLayout(top)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addWidget(task_box)
        layout.addLayout(self.page_holder, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self.body)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._show_choices()

    def _show_choices(self) -> None:
        links = "".join(f'<li><a href="{html.escape(name)}">{html.escape(tr(lesson.title))}</a></li>'
                        for name, lesson in lessons().items())
        self.show_message(f"{html.escape(tr('Choose a lesson of the course:'))}<ul>{links}</ul>", rich=True)

    def on_message_link(self, href: str) -> None:
        self.open(href)

    def _picked(self, index: int) -> None:
        name = self.picker.itemData(index)
        if name:
            self.open(name)

    def open(self, name: str) -> None:
        from ..lessons import open_lesson  # the pages import the docks' modules: imported when first used

        open_lesson(self.window_, name)

    def show_lesson(self, lesson: Lesson, page) -> None:
        """Show ``lesson``'s texts and ``page`` (the previous page was closed)."""
        self.lesson, self.page = lesson, page
        self.setWindowTitle(f"{tr(self.title)}: {tr(lesson.title)}")
        self.picker.setCurrentIndex(max(0, self.picker.findData(lesson.name)))
        self.heading.setText(tr(lesson.title))
        self.text.setText(tr(lesson.text))
        self.task.setText(tr(lesson.task))
        page.attach(self.changed)
        self.page_holder.addWidget(page)
        self.show_body()
        self.show()
        self.raise_()
        self.changed(self.heading, self.text, self.task, page)

    def close_lesson(self, timeout_ms: int = 30000) -> bool:
        """End the page shown (its threads stopped) and show the list of lessons; True once it has ended."""
        ended = True
        if self.page is not None:
            ended = self.page.stop(timeout_ms)
            self.page_holder.removeWidget(self.page)
            self.page.deleteLater()
            self.page, self.lesson = None, None
            self.setWindowTitle(tr(self.title))
            self._show_choices()
        return ended

    def is_settled(self) -> bool:
        return super().is_settled() and (self.page is None or self.page.is_settled())

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        return self.close_lesson(timeout_ms)
