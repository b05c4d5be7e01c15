"""What :func:`~cnnviz.core.models.loader.load_model` says about a model it loaded: what it assumed
(GoogLeNet / Inception-v3's ``transform_input``) and what it found (weights that are not finite).

Each note is one plain-text line for people; the CLI prints them as ``cnnviz: note: ...``, the app in
its model dock.
"""

from __future__ import annotations

import torch
from torch import nn

__all__ = ["ARCH_NAMES", "assumed_layout_note", "force_transform_input", "non_finite_note"]

#: The torchvision architectures that have a ``transform_input`` switch, as people call them.
ARCH_NAMES = {"googlenet": "GoogLeNet", "inception_v3": "Inception-v3"}
_SHOWN = 4  # tensor names listed before "(+N more)"


def _on_off(value: bool) -> str:
    return "on" if value else "off"


def assumed_layout_note(arch: str, source: str) -> str:
    """The note for a GoogLeNet / Inception-v3 weights file that does not say how it was built."""
    label = ARCH_NAMES.get(arch, arch)
    return (f"{source} has no cnnviz metadata: taken as torchvision's pretrained {label} layout "
            f"(transform_input on); use --transform-input off if it was trained from scratch")


def force_transform_input(module: nn.Module, arch: str, value: bool | None, was: bool | None,
                          origin: str) -> str | None:
    """Set ``module.transform_input`` to ``value`` when the user asked for one; the note to show, if any.

    Parameters
    ----------
    module
        The built model.
    arch
        Its architecture's name (for messages).
    value
        ``True``/``False`` as asked (``--transform-input on|off``), ``None``: nothing asked.
    was
        What the weights' origin says (``None``: it says nothing).
    origin
        Who says ``was`` ("the checkpoint", "torchvision's pretrained weights").
    """
    if value is None:
        return None
    if isinstance(module, torch.jit.ScriptModule):
        return f"--transform-input {_on_off(value)} ignored: a TorchScript model's transform_input is fixed in the file"
    if not isinstance(getattr(module, "transform_input", None), bool):
        return f"--transform-input {_on_off(value)} ignored: only GoogLeNet and Inception-v3 have it, not {arch}"
    module.transform_input = value
    if was is not None and was != value:
        return f"transform_input forced {_on_off(value)}, although {origin} says {_on_off(was)}"
    return None


def non_finite_note(module: nn.Module) -> str | None:
    """``"N of M weights are not finite (NaN/inf), in: ..."`` when any parameter or buffer is, else ``None``."""
    bad: list[str] = []
    count = total = 0
    with torch.no_grad():
        for name, tensor in module.state_dict().items():
            if not tensor.is_floating_point() and not tensor.is_complex():
                continue
            total += tensor.numel()
            if bool(torch.isfinite(tensor).all()):
                continue
            count += int((~torch.isfinite(tensor)).sum())
            bad.append(name)
    if not bad:
        return None
    shown = ", ".join(bad[:_SHOWN]) + (f" (+{len(bad) - _SHOWN} more)" if len(bad) > _SHOWN else "")
    return (f"{count:,d} of {total:,d} weights are not finite (NaN/inf), in: {shown}; "
            "maps will be black or meaningless")
