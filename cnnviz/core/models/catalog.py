"""Every model cnnviz can open by name, listed fast: course networks, torchvision's CNNs, timm's CNNs.

Building the list imports torch, torchvision and timm (several seconds), so :func:`model_rows` builds
it once and keeps it as JSON in the user's cache folder (:func:`cache_dir`), keyed by the installed
versions of cnnviz, torch, torchvision and timm (read with :mod:`importlib.metadata`) and by the
files of cnnviz that define the names. Later calls read the file without importing torch. A cache
file that is unreadable, corrupt or stale is rebuilt silently; a cache folder that cannot be written
still gives the list (built each time).

Each row is a dict with the keys of ``cnnviz models --json``: ``name``, ``family`` ("course",
"torchvision" or "timm"), ``input_shape`` ``[C, H, W]``, ``classes`` (how many) and ``description``.
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
_SOURCES = ("catalog.py", "zoo.py", "course_nets.py", "timm_models.py")


def cache_dir() -> Path:
    """The platform's per-user cache folder for cnnviz (``$XDG_CACHE_HOME/cnnviz`` or ``~/.cache/cnnviz``
    on Linux, ``~/Library/Caches/cnnviz`` on macOS, ``%LOCALAPPDATA%\\cnnviz\\Cache`` on Windows)."""
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


def model_rows() -> list[dict[str, Any]]:
    """All models cnnviz knows by name (course networks, torchvision, then timm), from the cache when
    it is fresh; otherwise built (imports torch, torchvision and timm) and cached."""
    key = cache_key()
    path = cache_dir() / CACHE_FILE
    rows = _read_cache(path, key)
    if rows is None:
        rows = build_rows()
        _write_cache(path, key, rows)
    return rows


def timm_names() -> list[str]:
    """The ``timm/<arch>`` names in :func:`model_rows` (no import of timm when the cache is fresh)."""
    return [row["name"] for row in model_rows() if row["family"] == "timm"]


# --------------------------------------------------------------------------- building

def build_rows() -> list[dict[str, Any]]:
    """The rows, built from the zoo and timm (slow: imports torch, torchvision and timm)."""
    from . import zoo

    rows = []
    for name in zoo.model_names():
        info = zoo.model_info(name)
        rows.append(_row(name, info.family, [info.input.channels, *info.input.size], len(info.class_names),
                         info.description))
    return rows + timm_rows()


def timm_rows() -> list[dict[str, Any]]:
    """One row per timm CNN architecture, described by its default pretrained config."""
    from timm.models import get_pretrained_cfg

    from .timm_models import timm_cnn_names

    rows = []
    for name in timm_cnn_names():
        arch = name.split("/", 1)[1]
        cfg = get_pretrained_cfg(arch)
        shape = [int(v) for v in cfg.input_size] if cfg is not None else [3, 224, 224]
        classes = int(cfg.num_classes or 0) if cfg is not None else 0
        rows.append(_row(name, "timm", shape, classes, _timm_description(arch, cfg)))
    return rows


def _timm_description(arch: str, cfg: Any) -> str:
    if cfg is None or not (cfg.hf_hub_id or cfg.url or cfg.file):
        return f"timm {arch} (no pretrained weights)"
    crop = f", crop {cfg.crop_pct:g}" if cfg.crop_pct else ""
    return f"timm {arch} (default weights {cfg.tag}; {cfg.interpolation}{crop})"


def _row(name: str, family: str, shape: list[int], classes: int, description: str) -> dict[str, Any]:
    return {"name": name, "family": family, "input_shape": shape, "classes": classes, "description": description}


# --------------------------------------------------------------------------- the cache file

def _read_cache(path: Path, key: dict[str, Any]) -> list[dict[str, Any]] | None:
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


def _write_cache(path: Path, key: dict[str, Any], rows: list[dict[str, Any]]) -> bool:
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
