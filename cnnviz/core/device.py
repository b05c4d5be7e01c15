"""Turning ``--device auto|cpu|cuda[:N]|mps`` into a torch.device that really exists here."""

from __future__ import annotations

import re

import torch

from .errors import CnnvizError

_DEVICE_RE = re.compile(r"^(auto|cpu|mps|cuda(:\d+)?)$")


def resolve_device(text: str | torch.device | None = "auto") -> torch.device:
    """The device named by ``text``; ``auto`` picks CUDA, then MPS, then the CPU."""
    if isinstance(text, torch.device):
        return text
    text = (text or "auto").strip().lower()
    if not _DEVICE_RE.match(text):
        raise CnnvizError(f"unknown device '{text}'; use auto, cpu, cuda, cuda:N or mps")
    if text == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if torch.backends.mps.is_available():
            return torch.device("mps")
        return torch.device("cpu")
    if text.startswith("cuda"):
        if not torch.cuda.is_available():
            raise CnnvizError(f"device '{text}' requested but CUDA is not available on this machine")
        index = int(text.split(":")[1]) if ":" in text else 0
        if index >= torch.cuda.device_count():
            raise CnnvizError(f"device '{text}' does not exist; this machine has {torch.cuda.device_count()} CUDA device(s)")
    if text == "mps" and not torch.backends.mps.is_available():
        raise CnnvizError("device 'mps' requested but Apple's MPS backend is not available here")
    return torch.device(text)


def available_devices() -> list[str]:
    """Names of the devices this machine offers, for pickers: cpu, then each CUDA GPU, then mps."""
    names = ["cpu"] + [f"cuda:{i}" for i in range(torch.cuda.device_count())]
    if torch.backends.mps.is_available():
        names.append("mps")
    return names
