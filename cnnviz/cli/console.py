"""Whether the command left a line open on stderr (a progress bar redrawn with ``\\r``), so a last message starts afresh.

Progress bars (downloads, ``cnnviz train``'s epochs) redraw one line with ``\\r`` and end it only when
they finish. When Ctrl-C or an error comes in between, ``cnnviz: interrupted`` must not be glued to the
bar. :class:`StderrLine` watches every write to ``sys.stderr`` while a command runs, in one place,
whoever writes.
"""

from __future__ import annotations

import sys
from typing import Any

__all__ = ["StderrLine"]


class StderrLine:
    """While entered, ``sys.stderr`` passes through a wrapper that notes whether the last write ended a line.

    Examples
    --------
    >>> line = StderrLine()
    >>> with line:
    ...     _ = sys.stderr.write("\\rdownloading  40%")
    >>> line.open, repr(line.break_if_open())
    (True, "'\\\\n'")
    """

    def __init__(self) -> None:
        self.open = False
        self._saved: Any = None

    def __enter__(self) -> "StderrLine":
        self._saved = sys.stderr
        if self._saved is not None:  # pythonw has no stderr
            sys.stderr = _Watched(self._saved, self)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if isinstance(sys.stderr, _Watched) and sys.stderr.owner is self:
            sys.stderr = self._saved

    def break_if_open(self) -> str:
        """``"\\n"`` when the last text written to stderr did not end its line, else ``""``."""
        return "\n" if self.open else ""


class _Watched:
    """A text stream that forwards everything to ``stream`` and tells ``owner`` how each write ended."""

    def __init__(self, stream: Any, owner: StderrLine) -> None:
        self.stream, self.owner = stream, owner

    def write(self, text: str) -> int:
        written = self.stream.write(text)
        if text:
            self.owner.open = not text.endswith("\n")
        return written

    def writelines(self, lines: Any) -> None:
        for text in lines:
            self.write(text)

    def __getattr__(self, name: str) -> Any:  # flush, fileno, isatty, encoding ...
        return getattr(self.stream, name)
