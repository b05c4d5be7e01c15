"""Writing a capture to a .safetensors file with its provenance in the metadata."""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..atomic import atomic_write, check_writable
from .records import Capture


def save_capture(cap: Capture, path: str | os.PathLike, metadata: dict[str, object]) -> Path:
    """Write every tensor of ``cap`` (on the CPU, contiguous) and ``metadata`` to ``path`` atomically.

    Metadata values that are not strings are stored as JSON (safetensors metadata is str -> str).
    The file gets the mode of any new file (``0666`` less the umask). A command checks ``path`` with
    :func:`check_capture_output` before its work; a CnnvizError says why it cannot be written.
    """
    from safetensors.torch import save_file

    path = check_capture_output(path)
    # Module outputs can be views of one another (flatten of a pooled map): safetensors wants
    # separate, contiguous storages.
    tensors = {key: t.detach().to("cpu", copy=True).contiguous() for key, t in cap.items()}
    meta = {k: v if isinstance(v, str) else json.dumps(v) for k, v in metadata.items()}
    return atomic_write(path, lambda tmp: save_file(tensors, str(tmp), metadata=meta), "")


def check_capture_output(path: str | os.PathLike) -> Path:
    """Make sure ``path`` can be written (folder, name lengths, the temporary file) before capturing.

    Raises
    ------
    CnnvizError
        ``path`` is a folder, too long a name for the file system, or in a folder that cannot be written.
    """
    return check_writable(path)
