"""Every model cnnviz can open by name, listed fast: course networks, torchvision's CNNs, timm's CNNs.

Building the list imports torch, torchvision and timm (several seconds), so :func:`model_rows` builds
it once and keeps it as JSON in the user's cache folder (:mod:`.catalog_cache`), keyed by the
installed versions of cnnviz, torch, torchvision and timm (read with :mod:`importlib.metadata`) and
by the files of cnnviz that define the names. Later calls read the file without importing torch. A cache
file that is unreadable, corrupt or stale is rebuilt silently; a cache folder that cannot be written
still gives the list (built each time).

Each row is a dict with the keys of ``cnnviz models --json``: ``name``, ``family`` ("course",
"torchvision" or "timm"), ``input_shape`` ``[C, H, W]``, ``classes`` (how many) and ``description``.
"""

from __future__ import annotations

from typing import Any

from . import catalog_cache

ROW_KEYS = catalog_cache.ROW_KEYS


def model_rows() -> list[dict[str, Any]]:
    """All models cnnviz knows by name (course networks, torchvision, then timm), from the cache when
    it is fresh; otherwise built (imports torch, torchvision and timm) and cached."""
    key = catalog_cache.cache_key()
    path = catalog_cache.cache_dir() / catalog_cache.CACHE_FILE
    rows = catalog_cache.read_cache(path, key)
    if rows is None:
        rows = build_rows()
        catalog_cache.write_cache(path, key, rows)
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

    from .timm_names import timm_cnn_names

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


