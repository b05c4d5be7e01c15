"""The one exception type for errors a user can cause, and the one place that words exceptions for people.

A :class:`CnnvizError`'s message is a single line meant for people: the CLI prints it as
``cnnviz: error: <message>`` and exits 2; the GUI shows it in the status bar or a dialog and carries on.
:func:`user_message` says which exceptions are the user's (and in which words); everything else is a
bug, which the GUI words with :func:`internal_message` (and logs with its traceback). :func:`reason`
shortens a library's exception for inside one of our messages ("corrupt image (<reason>)").
"""

from __future__ import annotations

import sys

from .i18n import marker, translator

tr = translator(__name__)
N_ = marker(__name__)

OUT_OF_GPU_MEMORY = N_("out of GPU memory; try a smaller input, another model or the CPU (--device cpu)")


class CnnvizError(Exception):
    """A user-caused error (bad file, unknown model, unknown layer...) with a one-line message."""

    def __init__(self, message: str) -> None:
        super().__init__(one_line(str(message), limit=None))


def one_line(text: str, limit: int | None = 160) -> str:
    """``text`` on one line (runs of white space, new lines included, become one space), at most ``limit`` long.

    Examples
    --------
    >>> one_line("Error(s) in loading:\\n\\tMissing key(s): fc.weight")
    'Error(s) in loading: Missing key(s): fc.weight'
    """
    text = " ".join(text.split())
    if limit is not None and len(text) > limit:
        return text[: limit - 3] + "..."
    return text


def reason(exc: BaseException, limit: int = 120) -> str:
    """Why ``exc`` was raised, as a short line to put inside another message.

    The exception's text on one line, or its type's name when the text says nothing (empty, or only
    a number such as a ``KeyError(0)``).
    """
    text = one_line(str(exc), limit)
    return text if text and not text.isdigit() else type(exc).__name__


def quoted(text: str, limit: int = 60) -> str:
    """A name the user typed, quoted for a message: ``'resnt18'``; cut to ``limit`` characters (and its
    length said) when longer, escaped when it holds unprintable characters."""
    if len(text) <= limit and text.isprintable():
        return f"'{text}'"
    return repr(text[:limit]) + (f" ({len(text):,d} characters)" if len(text) > limit else "")


def user_message(exc: BaseException) -> str | None:
    """The one line to show for an error the user caused, or None when ``exc`` is a bug.

    A :class:`CnnvizError` is worded already; running out of GPU memory is the user's to fix (a
    smaller input, another device). Torch is not imported here: if it was never imported, no torch
    error can have been raised.
    """
    if isinstance(exc, CnnvizError):
        return str(exc)
    torch = sys.modules.get("torch")
    if torch is not None and isinstance(exc, torch.cuda.OutOfMemoryError):
        return tr(OUT_OF_GPU_MEMORY)
    return None


def internal_message(exc: BaseException) -> str:
    """The one line for a bug: ``internal error: <type>: <first line of its text>``."""
    lines = str(exc).strip().splitlines()
    first = one_line(lines[0]) if lines else ""
    kind = type(exc).__name__
    return (tr("internal error: {kind}: {message}").format(kind=kind, message=first) if first
            else tr("internal error: {kind}").format(kind=kind))
