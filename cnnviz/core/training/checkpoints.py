"""Writing a finished training run: the checkpoint and a JSON of its settings and history, atomically."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from torch import nn

from ..atomic import atomic_write
from ..errors import CnnvizError
from .optimizers import TrainConfig
from ..models.weights import save_checkpoint


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
        The disk refuses (a folder that cannot be created, no space, no permission...): no new or
        half-written file is left, and files already at ``path`` are untouched.
    """
    path = Path(path)
    if path.suffix.lower() != ".safetensors":
        raise CnnvizError(f"checkpoint {path}: the file name must end in .safetensors")
    module = getattr(model, "module", model)
    names = [str(c) for c in class_names]
    records = [h.as_dict() if hasattr(h, "as_dict") else dict(h) for h in history]
    document = {"model": name, "dataset": dataset, "class_names": names, "config": config.to_dict(),
                "history": records}
    text = json.dumps(document, indent=1, allow_nan=False)
    final = records[-1] if records else {}
    meta = {"cnnviz.dataset": dataset, "cnnviz.val_accuracy": final.get("val_accuracy")}
    side = path.with_suffix(".json")
    extra = {k: v for k, v in meta.items() if v is not None}

    def write_both(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8")
        os.chmod(tmp, 0o644)  # mkstemp makes it private; give it an ordinary file's mode
        save_checkpoint(module, name, path, names, extra_metadata=extra)

    atomic_write(side, write_both, "checkpoint ")  # the JSON lands only once the weights have
    return path

