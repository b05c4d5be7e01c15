"""The model catalog's cache file: where it lives, what it depends on, reading and writing it.

Kept apart from :mod:`.catalog` (which builds the rows from the zoo and timm) so that the zoo can
read the cached timm names for its "did you mean" without importing what imports the zoo. Nothing
here imports torch.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

CACHE_FILE = "models.json"
FORMAT = 1
ROW_KEYS = ("name", "family", "input_shape", "classes", "description")
_PACKAGES = ("cnnviz", "torch", "torchvision", "timm")
# the files whose code decides which names exist and how they are described
_SOURCES = ("catalog.py", "catalog_cache.py", "zoo.py", "course_nets.py", "timm_models.py", "timm_names.py")


def cache_dir() -> Path:
    """The platform's per-user cache folder for cnnviz (``$XDG_CACHE_HOME/cnnviz`` or ``~/.cache/cnnviz``
    on Linux, ``~/Library/Caches/cnnviz`` on macOS, ``%LOCALAPPDATA%\\cnnviz\\Cache`` on Windows);
    ``$CNNVIZ_CACHE_DIR`` when it is set."""
    if os.environ.get("CNNVIZ_CACHE_DIR"):
        return Path(os.environ["CNNVIZ_CACHE_DIR"])
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "cnnviz" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "cnnviz"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cnnviz"


def cache_key() -> dict[str, Any]:
    """What the cached list depends on: package versions and the mtimes of the defining files (no import)."""
    versions = {}
    for package in _PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    here = Path(__file__).resolve().parent
    sources = {}
    for name in _SOURCES:
        try:
            sources[name] = (here / name).stat().st_mtime_ns
        except OSError:
            sources[name] = None
    return {"format": FORMAT, "versions": versions, "sources": sources}


def read_cache(path: Path, key: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The cached rows, or ``None`` when the file is missing, unreadable, corrupt or for another key."""
    try:
        with path.open(encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    rows = data.get("rows")
    if not isinstance(rows, list) or not rows or not all(_valid_row(r) for r in rows):
        return None
    return rows


def _valid_row(row: Any) -> bool:
    return (isinstance(row, dict) and set(row) == set(ROW_KEYS) and isinstance(row["name"], str)
            and isinstance(row["family"], str) and isinstance(row["input_shape"], list)
            and isinstance(row["classes"], int) and isinstance(row["description"], str))


def write_cache(path: Path, key: dict[str, Any], rows: list[dict[str, Any]]) -> bool:
    """Write the cache atomically; ``False`` (and nothing left behind) when the folder is not writable."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"key": key, "rows": rows}, f)
        os.replace(tmp, path)
        return True
    except OSError:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        return False


def cached_rows() -> list[dict[str, Any]] | None:
    """The rows in the cache file when it is there and fresh, else ``None`` (nothing is built)."""
    return read_cache(cache_dir() / CACHE_FILE, cache_key())
