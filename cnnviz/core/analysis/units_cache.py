"""A disk cache of :func:`~cnnviz.core.analysis.units.top_units` results, under ``$CNNVIZ_CACHE_DIR/units/``.

:func:`cache_key` names a result by everything it depends on: the weights' content (a hash of every
parameter and buffer, with the module's class and the tensors' names, shapes and dtypes), the dataset's
identity (:meth:`~cnnviz.core.inputs.units_data.UnitsDataset.identity`: the source, and for a folder every
file's name, size and modification time), the layer, ``top``, the input spec and the shard. :func:`save`
writes a result atomically; :func:`load` returns it, or None for a miss (no file, or one that cannot be read).
"""

from __future__ import annotations

import hashlib
import json
import weakref
from pathlib import Path
from typing import Any, Sequence

import torch
from torch import Tensor, nn

from ..atomic import atomic_write
from ..errors import CnnvizError
from ..i18n import translator
from ..models.catalog_cache import cache_dir
from ..inputs.units_data import UnitsDataset
from .units import UnitsResult
from .units_topk import TopUnits

tr = translator(__name__)

__all__ = ["cache_key", "load", "save", "units_cache_dir", "weights_hash"]

_FORMAT = 1
# module -> (the tensors' version counters when hashed, the hash): in-place changes bump the counters
_HASHES: "weakref.WeakKeyDictionary[nn.Module, tuple[tuple[tuple[int, int], ...], str]]" = weakref.WeakKeyDictionary()


def units_cache_dir() -> Path:
    """Where cached results live: ``<cnnviz cache>/units`` (``$CNNVIZ_CACHE_DIR/units`` when it is set)."""
    return cache_dir() / "units"


def weights_hash(model: nn.Module | Any) -> str:
    """A hash of the model's weights: its class, and every parameter's and buffer's name, shape, dtype and
    values (remembered until one of them changes in place)."""
    module = getattr(model, "module", model)
    tensors = list(module.state_dict(keep_vars=True).items())
    versions = tuple((id(t), t._version) for _, t in tensors)
    known = _HASHES.get(module)
    if known is not None and known[0] == versions:
        return known[1]
    digest = hashlib.blake2b(f"{type(module).__module__}.{type(module).__qualname__}".encode(), digest_size=20)
    for name, t in tensors:
        t = t.detach()
        digest.update(f"{name}\0{tuple(t.shape)}\0{t.dtype}\n".encode())
        digest.update(t.cpu().contiguous().reshape(-1).view(torch.uint8).numpy().tobytes() if t.numel() else b"")
    _HASHES[module] = (versions, digest.hexdigest())
    return digest.hexdigest()


def cache_key(model: nn.Module | Any, dataset: UnitsDataset, layer: str, top: int,
              indices: Sequence[int] | Tensor | None = None) -> str:
    """The name of a result: a hex digest of the weights' hash, the dataset's identity, the layer, ``top``
    and the shard (``indices``; None for the whole dataset)."""
    shard = None if indices is None else hashlib.blake2b(
        torch.as_tensor(indices, dtype=torch.long).numpy().tobytes(), digest_size=16).hexdigest()
    parts = {"format": _FORMAT, "weights": weights_hash(model), "dataset": dataset.identity(), "layer": layer,
             "top": int(top), "shard": shard}
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:40]


def _file(key: str) -> Path:
    if not isinstance(key, str) or not key.isalnum() or len(key) > 128:
        raise CnnvizError(tr("not a units cache key: {key!r:.80}").format(key=key))
    return units_cache_dir() / f"{key}.pt"


def save(key: str, result: UnitsResult) -> Path:
    """Write ``result`` under ``key`` (atomically: a reader never sees half a file).

    Raises
    ------
    CnnvizError
        When the cache folder cannot be written (the caller may carry on without the cache).
    """
    t = result.top
    payload = {"format": _FORMAT, "layer": result.layer, "names": list(result.names), "skipped": int(result.skipped),
               "source": result.source, "seconds": float(result.seconds), "notes": list(result.notes),
               "scores": t.scores.cpu(), "index": t.index.cpu(), "y": t.y.cpu(), "x": t.x.cpu(),
               "images_seen": int(t.images_seen)}
    return atomic_write(_file(key), lambda tmp: torch.save(payload, tmp), "units cache ")


def load(key: str) -> UnitsResult | None:
    """The result saved under ``key``, or None when there is none (or the file cannot be read)."""
    path = _file(key)
    try:
        data = torch.load(path, map_location="cpu", weights_only=True)
        if not isinstance(data, dict) or data.get("format") != _FORMAT:
            return None
        top = TopUnits(data["scores"], data["index"], data["y"], data["x"], int(data["images_seen"]))
        return UnitsResult(data["layer"], top, list(data["names"]), int(data["skipped"]), data["source"],
                           float(data["seconds"]), tuple(data["notes"]))
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - a damaged or foreign file is a miss; the next save replaces it
        return None
