"""Files that sharing writes: names (the suffix, a safe stem), the save dialog and its start folder, and
writing bytes all at once or not at all (:mod:`cnnviz.core.atomic`)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from ..core.atomic import atomic_write, check_writable
from ..core.errors import CnnvizError
from ..core.i18n import translator

tr = translator(__name__)

FOLDER_SETTING = "share/folder"


def with_suffix(path: str | Path, fmt: str) -> Path:
    """``path`` ending in ``.<fmt>`` (added when it has another ending or none, as file dialogs do).

    Raises
    ------
    CnnvizError
        No file name was given.
    """
    text = str(path).strip()
    if not text or Path(text).name in ("", ".", ".."):
        raise CnnvizError(tr("no file name given"))
    path = Path(text).expanduser()
    return path if path.suffix.lower() == f".{fmt}" else path.with_name(f"{path.name}.{fmt}")


def write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically; a CnnvizError (one line) says why it cannot be."""
    check_writable(path)

    def write(tmp: Path) -> None:
        with open(tmp, "wb") as f:
            f.write(data)

    return atomic_write(path, write, "")


def file_stem(text: str) -> str:
    """A file name made of ``text`` (a dock, a layer key): letters, digits, ``-``, ``_`` and ``.``."""
    stem = re.sub(r"[^\w.-]+", "_", text).strip("._")
    return stem or "cnnviz"


def ask_save_path(parent: QWidget, caption: str, suggested: str, filters: str) -> str:
    """The file the user names in a save dialog, or ``""`` when cancelled (tests replace this function)."""
    path, _ = QFileDialog.getSaveFileName(parent, caption, suggested, filters)
    return path


def start_folder(window) -> Path:
    """Where save dialogs start: the folder saved into last (kept in the settings), else the current one."""
    settings = getattr(window, "settings", None)
    value = settings.value(FOLDER_SETTING) if settings is not None else None
    if isinstance(value, str) and value and Path(value).is_dir():
        return Path(value)
    if value is not None and settings is not None:
        settings.remove(FOLDER_SETTING)
    return Path.cwd()


def remember_folder(window, path: Path) -> None:
    settings = getattr(window, "settings", None)
    if settings is not None:
        settings.setValue(FOLDER_SETTING, str(Path(path).resolve().parent))
