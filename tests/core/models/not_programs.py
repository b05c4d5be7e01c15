"""Files named ``.pt2`` that are not torch.export programs, and the words cnnviz's message says about each."""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import torch

from cnnviz.core.models.course_nets import MnistResidual

#: (kind, words of the message) for :func:`write_not_a_program`
NOT_PROGRAMS = [
    ("random", "not a zip archive"),
    ("empty", "the file is empty"),
    ("zip", "zip archive without torch.export's layout"),
    ("truncated", "truncated or damaged zip"),
    ("torchscript", "TorchScript archive"),
]


def write_scripted(path: Path) -> Path:
    """A traced TorchScript model at ``path``."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # torch.jit.* are deprecated in this torch
        torch.jit.save(torch.jit.trace(MnistResidual().eval(), torch.zeros(1, 1, 28, 28)), str(path))
    return path


def write_not_a_program(path: Path, kind: str, program: Path) -> Path:
    """Write a file of ``kind`` (see :data:`NOT_PROGRAMS`) at ``path``; ``program`` is a real one to cut short."""
    if kind == "random":
        path.write_bytes(bytes(range(256)) * 8)
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "zip":
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("notes/readme.txt", "hello")
    elif kind == "truncated":
        data = program.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif kind == "torchscript":
        write_scripted(path)
    else:
        raise ValueError(kind)
    return path
