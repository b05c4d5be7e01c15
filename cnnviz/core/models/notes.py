"""What :func:`~cnnviz.core.models.loader.load_model` says about a model it loaded: what it assumed
(GoogLeNet / Inception-v3's ``transform_input``) and what it found (weights that are not finite).

Each note is one plain-text line for people; the CLI prints them as ``cnnviz: note: ...``, the app in
its model dock.
"""

from __future__ import annotations

import torch
from torch import nn

from ..i18n import marker, translator

tr = translator(__name__)
N_ = marker(__name__)

__all__ = ["ARCH_NAMES", "assumed_layout_note", "force_transform_input", "non_finite_note"]

#: The torchvision architectures that have a ``transform_input`` switch, as people call them.
ARCH_NAMES = {"googlenet": "GoogLeNet", "inception_v3": "Inception-v3"}
_SHOWN = 4  # tensor names listed before "(+N more)"
# the origins callers name (in English), shown in the user's language
_ORIGINS = {"the checkpoint": N_("the checkpoint"),
            "torchvision's pretrained weights": N_("torchvision's pretrained weights")}


def _on_off(value: bool) -> str:
    return "on" if value else "off"


def assumed_layout_note(arch: str, source: str) -> str:
    """The note for a GoogLeNet / Inception-v3 weights file that does not say how it was built."""
    label = ARCH_NAMES.get(arch, arch)
    return tr("{source} has no cnnviz metadata: taken as torchvision's pretrained {label} layout (transform_input "
              "on); use --transform-input off if it was trained from scratch").format(source=source, label=label)


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
        return tr("--transform-input {value} ignored: a TorchScript model's transform_input is fixed in the file"
                  ).format(value=_on_off(value))
    if not isinstance(getattr(module, "transform_input", None), bool):
        return tr("--transform-input {value} ignored: only GoogLeNet and Inception-v3 have it, not {arch}").format(
            value=_on_off(value), arch=arch)
    module.transform_input = value
    if was is not None and was != value:
        return tr("transform_input forced {value}, although {origin} says {was}").format(
            value=_on_off(value), origin=tr(_ORIGINS[origin]) if origin in _ORIGINS else origin,
            was=_on_off(was))
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
    shown = ", ".join(bad[:_SHOWN])
    if len(bad) > _SHOWN:
        shown = tr("{names} (+{count} more)").format(names=shown, count=len(bad) - _SHOWN)
    return tr("{count} of {total} weights are not finite (NaN/inf), in: {names}; maps will be black or meaningless"
              ).format(count=f"{count:,d}", total=f"{total:,d}", names=shown)
