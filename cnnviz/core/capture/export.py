"""Writing a capture to a .safetensors file with its provenance in the metadata."""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..atomic import atomic_write
from .records import Capture
from ..errors import CnnvizError


def save_capture(cap: Capture, path: str | os.PathLike, metadata: dict[str, object]) -> Path:
    """Write every tensor of ``cap`` (on the CPU, contiguous) and ``metadata`` to ``path`` atomically.

    Metadata values that are not strings are stored as JSON (safetensors metadata is str -> str).
    """
    from safetensors.torch import save_file

    path = Path(path)
    if path.is_dir():
        raise CnnvizError(f"cannot write {path}: it is a directory")
    # Module outputs can be views of one another (flatten of a pooled map): safetensors wants
    # separate, contiguous storages.
    tensors = {key: t.detach().to("cpu", copy=True).contiguous() for key, t in cap.items()}
    meta = {k: v if isinstance(v, str) else json.dumps(v) for k, v in metadata.items()}
    return atomic_write(path, lambda tmp: save_file(tensors, str(tmp), metadata=meta), "")
