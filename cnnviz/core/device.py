"""Turning ``--device auto|cpu|cuda[:N]|mps`` into a torch.device that really exists here."""

from __future__ import annotations

import re

import torch

from .errors import CnnvizError
from .i18n import translator

tr = translator(__name__)

_DEVICE_RE = re.compile(r"^(auto|cpu|mps|cuda(:\d+)?)$")


def resolve_device(text: str | torch.device | None = "auto") -> torch.device:
    """The device named by ``text``; ``auto`` picks CUDA, then MPS, then the CPU."""
    if isinstance(text, torch.device):
        return text
    text = (text or "auto").strip().lower()
    if not _DEVICE_RE.match(text):
        raise CnnvizError(tr("unknown device '{device}'; use auto, cpu, cuda, cuda:N or mps").format(device=text))
    if text == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if torch.backends.mps.is_available():
            return torch.device("mps")
        return torch.device("cpu")
    if text.startswith("cuda"):
        if not torch.cuda.is_available():
            raise CnnvizError(tr("device '{device}' requested but CUDA is not available on this machine").format(
                device=text))
        index = int(text.split(":")[1]) if ":" in text else 0
        if index >= torch.cuda.device_count():
            raise CnnvizError(tr("device '{device}' does not exist; this machine has {count} CUDA device(s)").format(
                device=text, count=torch.cuda.device_count()))
    if text == "mps" and not torch.backends.mps.is_available():
        raise CnnvizError(tr("device 'mps' requested but Apple's MPS backend is not available here"))
    return torch.device(text)


def available_devices() -> list[str]:
    """Names of the devices this machine offers, for pickers: cpu, then each CUDA GPU, then mps."""
    names = ["cpu"] + [f"cuda:{i}" for i in range(torch.cuda.device_count())]
    if torch.backends.mps.is_available():
        names.append("mps")
    return names
