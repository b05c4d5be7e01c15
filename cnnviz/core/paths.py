"""What a path given by a user really is, found without opening it, in words for one-line messages.

``os.stat`` can fail in more ways than "no such file": a name component over the file system's
limit (``ENAMETOOLONG``), a symbolic link loop (``ELOOP``), a folder that may not be entered
(``EACCES``). And a path that exists need not be a file one can read: a folder, a FIFO (opening
it for reading blocks until a writer comes), a device such as ``/dev/zero`` (endless). Callers ask
:func:`file_problem` first and refuse with their own wording; nothing here opens the path.
"""

from __future__ import annotations

import errno
import os
import stat

from .i18n import marker, translator

tr = translator(__name__)
N_ = marker(__name__)

__all__ = ["FOLDER", "MISSING", "file_problem", "is_missing", "shown_path"]

MISSING = "missing"
FOLDER = "folder"
_LONG_PART = 60  # path components longer than this are shortened in messages

_NOT_REGULAR = (
    (stat.S_ISFIFO, N_("a FIFO")),
    (stat.S_ISCHR, N_("a character device")),
    (stat.S_ISBLK, N_("a block device")),
    (stat.S_ISSOCK, N_("a socket")),
)


def file_problem(path: str | os.PathLike[str]) -> tuple[str, str] | None:
    """Why ``path`` is not a regular, readable file, or ``None`` when it is one.

    Parameters
    ----------
    path
        The path as the user gave it. It is never opened (a FIFO would block).

    Returns
    -------
    tuple of (str, str) or None
        ``(kind, words)``: ``kind`` is :data:`MISSING`, :data:`FOLDER`, ``"special"``, ``"loop"``,
        ``"too long"``, ``"denied"`` or ``"unreadable"``; ``words`` says it after the path
        ("is a folder", "is not a regular file (a FIFO)", "is a symbolic link loop" ...), in the user's
        language: compare ``kind``, not ``words`` (in English a plain missing file is ``"does not exist"``).
    """
    try:
        info = os.stat(path)
    except OSError as exc:
        return _stat_failure(path, exc)
    except ValueError:  # an embedded NUL character
        return "unreadable", tr("is not a usable path (it contains a NUL character)")
    if stat.S_ISDIR(info.st_mode):
        return FOLDER, tr("is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        kind = next((tr(words) for test, words in _NOT_REGULAR if test(info.st_mode)), tr("not a file"))
        return "special", tr("is not a regular file ({kind})").format(kind=kind)
    if not os.access(path, os.R_OK):
        return "denied", tr("cannot be read (permission denied)")
    return None


def is_absent(problem: tuple[str, str] | None) -> bool:
    """Whether a :func:`file_problem` says the file is simply not there (not a broken link, not a folder ...): the
    caller then says "not found" in its own words. Compares in any language."""
    return problem is not None and problem[0] == MISSING and problem[1] == tr("does not exist")


def _stat_failure(path: str | os.PathLike[str], exc: OSError) -> tuple[str, str]:
    code = exc.errno
    if code == errno.ENAMETOOLONG:
        return "too long", tr("has a name too long for the file system (a part of it is over 255 bytes, or the "
                              "whole path over 4096)")
    if code == errno.ELOOP:
        return "loop", tr("is a symbolic link loop (the links point at each other)")
    if code in (errno.EACCES, errno.EPERM):
        return "denied", tr("cannot be reached (permission denied on a folder above it)")
    if code in (errno.ENOENT, errno.ENOTDIR):
        target = _link_target(path)
        if target is not None:
            return MISSING, tr("is a broken symbolic link (to {target}, which does not exist)").format(
                target=shown_path(target))
        return MISSING, tr("does not exist")
    return "unreadable", tr("cannot be read ({reason})").format(reason=exc.strerror or type(exc).__name__)


def _link_target(path: str | os.PathLike[str]) -> str | None:
    try:
        return os.readlink(path)
    except (OSError, ValueError):
        return None


def shown_path(path: str | os.PathLike[str]) -> str:
    """``path`` for a message, with components over 60 characters shortened (``abc...(300 characters)``)."""
    text = os.fspath(path)
    parts = text.split(os.sep)
    if all(len(p) <= _LONG_PART for p in parts):
        return text
    return os.sep.join(p if len(p) <= _LONG_PART else tr("{start}...({count} characters)").format(
        start=p[:24], count=len(p)) for p in parts)


def is_missing(path: str | os.PathLike[str]) -> bool:
    """Whether nothing is at ``path`` (``False`` for files, folders, devices, loops, too-long names...)."""
    problem = file_problem(path)
    return problem is not None and problem[0] == MISSING
