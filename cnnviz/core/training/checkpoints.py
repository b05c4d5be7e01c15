"""Writing a finished training run: the checkpoint and a JSON of its settings and history, atomically.

The JSON (``<checkpoint>.json``, the "sidecar") replaces an earlier run's record of that name, as the
checkpoint replaces the earlier checkpoint; any other file of that name is the user's and is never
overwritten (:func:`check_run_paths` refuses before training, :func:`save_run` again before writing).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from torch import nn

from ..atomic import atomic_write, check_writable
from ..errors import CnnvizError
from ..i18n import translator
from ..paths import shown_path
from .optimizers import TrainConfig
from ..models.weights import save_checkpoint

tr = translator(__name__)

RUN_RECORD_KEYS = frozenset({"model", "config", "history"})  # what every sidecar save_run writes holds
_LARGEST_RECORD = 64 << 20  # bytes; a bigger JSON is not one of ours


def sidecar_path(path: Path | str) -> Path:
    """Where :func:`save_run` writes the JSON of the run whose checkpoint is ``path``."""
    return Path(path).with_suffix(".json")


def check_run_paths(path: Path | str) -> Path:
    """Check before training that :func:`save_run` can write ``path`` and its JSON sidecar.

    Parameters
    ----------
    path
        The ``.safetensors`` checkpoint to be written.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    CnnvizError
        The name does not end in ``.safetensors``; either file cannot be written there (see
        :func:`cnnviz.core.atomic.check_writable`); or a file named like the sidecar exists and is not
        the record of an earlier cnnviz run.
    """
    path = _checkpoint_name(path)
    check_writable(path, tr("the checkpoint "))
    check_writable(sidecar_path(path), tr("the run's JSON "))
    _refuse_foreign_sidecar(path)
    return path


def is_run_record(path: Path | str) -> bool:
    """Whether ``path`` is a JSON file such as :func:`save_run` writes (so a new run may replace it)."""
    try:
        path = Path(path)
        if not path.is_file() or path.stat().st_size > _LARGEST_RECORD:
            return False
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # ValueError covers bad JSON and bad UTF-8
        return False
    return isinstance(document, dict) and RUN_RECORD_KEYS <= document.keys()


def _checkpoint_name(path: Path | str) -> Path:
    path = Path(path)
    if path.suffix.lower() != ".safetensors":
        raise CnnvizError(tr("the checkpoint {path}: its name must end in .safetensors").format(path=shown_path(path)))
    return path


def _refuse_foreign_sidecar(path: Path) -> None:
    side = sidecar_path(path)
    if os.path.exists(side) and not is_run_record(side):
        raise CnnvizError(tr("will not overwrite {path}: it is not the record of a cnnviz training run (the JSON "
                             "written beside the checkpoint); move it or give the checkpoint another name").format(
                                 path=shown_path(side)))


def save_run(
    model: nn.Module | Any,
    name: str,
    path: Path | str,
    config: TrainConfig,
    history: Iterable[Any],
    class_names: Iterable[str],
    *,
    dataset: str = "",
) -> Path:
    """Write a trained model as a cnnviz checkpoint plus ``<path>.json`` (settings and history), atomically.

    Parameters
    ----------
    model
        The trained module (or LoadedModel).
    name
        Its architecture's built-in name (``cnnviz.model`` in the checkpoint).
    path
        The ``.safetensors`` file; the JSON goes next to it with the suffix ``.json``.
    config, history, class_names
        Stored in the JSON (class names also in the checkpoint's metadata).
    dataset
        What it was trained on, for the record.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    CnnvizError
        The disk refuses (a folder that cannot be created, no space, no permission...), or a file
        named like the JSON exists and is not an earlier run's record: no new or half-written file is
        left, and files already at ``path`` are untouched.
    """
    path = _checkpoint_name(path)
    _refuse_foreign_sidecar(path)
    module = getattr(model, "module", model)
    names = [str(c) for c in class_names]
    records = [h.as_dict() if hasattr(h, "as_dict") else dict(h) for h in history]
    document = {"model": name, "dataset": dataset, "class_names": names, "config": config.to_dict(),
                "history": records}
    text = json.dumps(document, indent=1, allow_nan=False)
    final = records[-1] if records else {}
    meta = {"cnnviz.dataset": dataset, "cnnviz.val_accuracy": final.get("val_accuracy")}
    side = sidecar_path(path)
    extra = {k: v for k, v in meta.items() if v is not None}

    def write_both(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8")
        save_checkpoint(module, name, path, names, extra_metadata=extra)

    atomic_write(side, write_both, tr("checkpoint "))  # the JSON lands only once the weights have
    return path

