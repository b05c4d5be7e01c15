"""What every dock has: the session it observes, a centred message when it has nothing to show,
and a record of which of its widgets still owe a paint of their newest content."""

from __future__ import annotations

from typing import ClassVar

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QStackedWidget, QWidget

from ...core.i18n import translator
from ..session import Session
from ..widgets import plain_label

tr = translator(__name__)


class Panel(QDockWidget):
    """A dock that observes the session.

    Subclasses set ``title``, ``name`` (the objectName QSettings stores the layout under) and
    ``area``; optionally ``split_from`` (the name of a dock to sit to the right of, or below when
    ``split_orientation`` is vertical) or ``tab_with``.
    They build their content in ``self.body`` and call :meth:`changed` for each widget whose
    content they replaced; :meth:`is_settled` is true once every such visible widget has painted.
    """

    title: ClassVar[str] = ""
    name: ClassVar[str] = ""
    area: ClassVar[Qt.DockWidgetArea] = Qt.DockWidgetArea.RightDockWidgetArea
    split_from: ClassVar[str | None] = None
    split_orientation: ClassVar[Qt.Orientation] = Qt.Orientation.Horizontal
    tab_with: ClassVar[str | None] = None
    preferred_width: ClassVar[int] = 400

    painted = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(tr(self.title), parent)  # a title marked N_ in the dock's module
        self.setObjectName(self.name)
        self.session = session
        self._dirty: list[QWidget] = []
        self._watched: set[int] = set()
        self._message = plain_label(wrap=True)
        self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._message.setMargin(24)
        self._message.setStyleSheet("color: palette(placeholder-text); font-size: 13pt;")
        self._message.linkActivated.connect(self.on_message_link)
        self.in_front = False  # shown and not behind another dock's tab (tabbed docks stay "visible" to Qt)
        self.visibilityChanged.connect(self._on_visibility)
        self.body = QWidget()
        self._stack = QStackedWidget()
        self._stack.addWidget(self._message)
        self._stack.addWidget(self.body)
        self.setWidget(self._stack)

    def show_message(self, text: str, rich: bool = False) -> None:
        """Show a centred message instead of the content: plain text (messages quote file and layer names),
        or, with ``rich``, markup the dock wrote itself (every outside name in it escaped)."""
        self._message.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
        self._message.setText(text)
        self._stack.setCurrentWidget(self._message)
        self.changed(self._message)

    def _on_visibility(self, visible: bool) -> None:
        self.in_front = visible
        if visible:
            self.on_front()

    def on_front(self) -> None:
        """The dock was shown or its tab brought to the front (docks that skip work while hidden catch up)."""

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        """The window is closing: end whatever this dock runs (True once it has ended)."""
        return True

    def on_message_link(self, href: str) -> None:
        """A link in the message was clicked (messages may offer one, e.g. "show inception3a")."""

    def message(self) -> str | None:
        """The message shown, or None when the content is shown."""
        return self._message.text() if self._stack.currentWidget() is self._message else None

    def show_body(self) -> None:
        if self._stack.currentWidget() is not self.body:
            self._stack.setCurrentWidget(self.body)

    def changed(self, *widgets: QWidget) -> None:
        """Mark widgets whose content changed: they owe a paint."""
        for widget in widgets:
            if id(widget) not in self._watched:
                self._watched.add(id(widget))
                widget.installEventFilter(self)
            if widget not in self._dirty:
                self._dirty.append(widget)
            widget.update()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and obj in self._dirty:
            self._dirty.remove(obj)
            QTimer.singleShot(0, self.painted.emit)  # runs after this paint has finished
        return False

    def is_settled(self) -> bool:
        """Every visible widget of this dock has painted its newest content."""
        self._dirty = [w for w in self._dirty if shiboken6.isValid(w)]  # a page closed with its widgets
        return not any(w.isVisible() and not w.visibleRegion().isEmpty() for w in self._dirty)
