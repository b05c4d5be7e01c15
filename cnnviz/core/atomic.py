"""Writing a file all at once or not at all: a temp file in the same folder, then a rename.

:func:`check_writable` says before any long work whether :func:`atomic_write` will be able to write a
path: the folder exists (or can be created) and takes new files, the name fits the file system's
limits, and the temporary name that will really be used can be created. :func:`atomic_write`'s
temporary name is short whatever the final name (``.<first characters of the name>.XXXXXXXX.part``),
so a legal final name never fails for its temporary one, and the finished file gets the mode of any
new file (``0666`` less the umask), not ``mkstemp``'s private ``0600``.
"""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path
from typing import Callable

from .errors import CnnvizError
from .i18n import translator
from .paths import shown_path

tr = translator(__name__)

__all__ = ["atomic_write", "check_writable", "new_file_mode"]

NAME_MAX = 255  # when the file system does not say (os.pathconf)
PATH_MAX = 4096
TEMP_SUFFIX = ".part"
_KEPT = 24  # characters of the final name kept in the temporary name, to recognise a leftover
_RANDOM = 8  # characters mkstemp adds
_UMASK_LOCK = threading.Lock()


def atomic_write(path: str | os.PathLike, write: Callable[[Path], None], what: str) -> Path:
    """Call ``write(tmp)`` on a temp file beside ``path``, then rename it onto ``path``.

    Parameters
    ----------
    path
        The file to write; its folder is created if needed.
    write
        Writes the whole content to the path it is given.
    what
        Names the file in messages (``"checkpoint "``: note the trailing space; ``""`` for none).

    Returns
    -------
    pathlib.Path
        ``path``, now holding what ``write`` wrote, with the mode of a new file (``0666 & ~umask``).

    Raises
    ------
    CnnvizError
        On any OSError (``cannot write <what><path>: <reason>``); nothing is left behind and a file
        already at ``path`` is untouched.
    """
    path = Path(path)
    tmp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = _new_temp(path)
        write(tmp)
        os.chmod(tmp, new_file_mode())
        os.replace(tmp, path)
    except OSError as exc:
        raise CnnvizError(_cannot_write(what, path, exc.strerror or exc)) from exc
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
    return path


def check_writable(path: str | os.PathLike, what: str = "") -> Path:
    """Make sure now that :func:`atomic_write` can write ``path`` later (before the work, not after it).

    Creates the folder if needed, and creates and removes the temporary file that
    :func:`atomic_write` would use. Nothing is left at ``path``.

    Parameters
    ----------
    path
        The file to be written.
    what
        Names the file in messages, as for :func:`atomic_write`.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    CnnvizError
        ``path`` is a folder, a part of it is longer than the file system allows (``NAME_MAX`` bytes
        for a name, ``PATH_MAX`` for the whole path), or the folder cannot be created or written.
    """
    path = Path(path)
    try:
        _check_lengths(path, what)
        if path.is_dir():
            raise CnnvizError(_cannot_write(what, path, tr("it is a folder; give a file name")))
        path.parent.mkdir(parents=True, exist_ok=True)
        _new_temp(path).unlink()
    except OSError as exc:
        raise CnnvizError(_cannot_write(what, path, exc.strerror or exc)) from exc
    except ValueError as exc:  # an embedded NUL character
        raise CnnvizError(_cannot_write(what, path, exc)) from exc
    return path


def _cannot_write(what: str, path: Path, why: object) -> str:
    """``cannot write WHAT PATH: WHY`` (``what``, e.g. ``"units file "``, translated by the caller)."""
    return tr("cannot write {what}{path}: {reason}").format(what=what, path=shown_path(path), reason=why)


def new_file_mode() -> int:
    """The mode a new file gets here: ``0o666`` less the process's umask."""
    return 0o666 & ~_umask()


def _umask() -> int:
    try:  # Linux says it without changing it (os.umask can only be read by setting it)
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def _new_temp(path: Path) -> Path:
    """Create (empty, private) the temporary file beside ``path``: its name fits wherever ``path``'s does."""
    budget = _limit(path.parent, "PC_NAME_MAX", NAME_MAX) - len(".") - len(".") - _RANDOM - len(TEMP_SUFFIX)
    kept = path.name[:_KEPT]
    while kept and len(os.fsencode(kept)) > budget:
        kept = kept[:-1]
    fd, name = tempfile.mkstemp(prefix=f".{kept}.", suffix=TEMP_SUFFIX, dir=path.parent)
    os.close(fd)
    return Path(name)


def _check_lengths(path: Path, what: str) -> None:
    """Refuse a name (or a folder name in the path) or a whole path longer than the file system takes."""
    name_max = _limit(path.parent, "PC_NAME_MAX", NAME_MAX)
    for part in path.parts:
        size = len(os.fsencode(part))
        if size > name_max and part != path.anchor:
            which = tr("its name") if part == path.name else tr("the folder name {name}").format(name=shown_path(part))
            raise CnnvizError(_cannot_write(what, path, tr("{which} is {size} bytes long; this file system takes at "
                                                           "most {most}").format(which=which, size=size,
                                                                                 most=name_max)))
    path_max = _limit(path.parent, "PC_PATH_MAX", PATH_MAX)
    size = len(os.fsencode(os.path.abspath(path)))
    if size >= path_max:
        raise CnnvizError(_cannot_write(what, path, tr("the whole path is {size} bytes long; this system takes at "
                                                       "most {most}").format(size=size, most=path_max - 1)))


def _limit(folder: Path, name: str, default: int) -> int:
    """``os.pathconf(name)`` of the nearest existing folder at or above ``folder``, or ``default``."""
    here = Path(os.path.abspath(folder))
    while not os.path.isdir(here) and here.parent != here:
        here = here.parent
    try:
        value = os.pathconf(here, name)
    except (AttributeError, ValueError, OSError):  # not on this platform, or not for this file system
        return default
    return value if value > 0 else default
