"""What can be known of a TorchScript model without module hooks: its module tree, the parameters of
each module, and the shapes of one real forward pass's input and output.

TorchScript runs neither module hooks nor on the ``meta`` device, so the per-layer output shapes,
MACs and receptive fields of :func:`cnnviz.core.analysis.summary.summarize` are unknown here: they
are ``None`` in :meth:`ScriptedSummary.to_json_dict`, which otherwise has the keys of
``cnnviz summary --json``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import torch
from torch import nn
from torch.utils._pytree import tree_flatten

from ..errors import CnnvizError, one_line
from ..i18n import translator

tr = translator(__name__)

__all__ = ["MAX_PIXELS", "ScriptedLayer", "ScriptedSummary", "summarize_scripted"]

#: The largest input (height x width) a real forward pass is run on for a summary (2048 x 2048).
MAX_PIXELS = 2048 * 2048
_MAX_CHANNELS = 64


@dataclass(frozen=True)
class ScriptedLayer:
    """One named submodule: its path, its class name as scripted, its parameters (children included)."""

    name: str
    type: str
    params: int

    def to_json_dict(self) -> dict[str, Any]:
        """The layer entry of ``cnnviz summary --json``; what TorchScript cannot tell is ``None``."""
        return {"name": self.name, "type": self.type, "input_shape": None, "output_shape": None,
                "params": self.params, "macs": None, "receptive_field": None}


@dataclass(frozen=True)
class ScriptedSummary:
    """A TorchScript model's module tree and its input and output shapes (no batch dimension)."""

    model: str
    input_shape: tuple[int, int, int]
    output_shape: list[int] | list[list[int]]
    total_params: int
    layers: list[ScriptedLayer] = field(default_factory=list)

    def to_json_dict(self) -> dict[str, Any]:
        """``cnnviz summary --json``'s keys, ``total_macs`` ``None``, plus ``output_shape`` and ``"torchscript"``."""
        return {"model": self.model, "input_shape": list(self.input_shape), "total_params": self.total_params,
                "total_macs": None, "layers": [layer.to_json_dict() for layer in self.layers],
                "output_shape": self.output_shape, "torchscript": True}


def summarize_scripted(module: nn.Module, input_shape: tuple[int, int, int], *,
                       model_name: str = "") -> ScriptedSummary:
    """Summarise a TorchScript model: its named modules, their parameters, and one forward on zeros.

    Parameters
    ----------
    module
        A loaded ``torch.jit.ScriptModule`` (traced or scripted).
    input_shape
        ``(C, H, W)`` of one input; a zeros tensor ``(1, C, H, W)`` is run through the model once,
        on the device of its parameters, without gradients.
    model_name
        Name shown in the summary.

    Raises
    ------
    CnnvizError
        The shape is not three positive sizes, is larger than :data:`MAX_PIXELS` (a real forward pass
        would need that much memory), or the model fails on it.
    """
    shape = _checked_shape(input_shape)
    name = model_name or getattr(module, "original_name", type(module).__name__)
    layers = [ScriptedLayer(path, _type_name(sub), sum(p.numel() for p in sub.parameters()))
              for path, sub in module.named_modules() if path]
    output = _forward_once(module, shape, name)
    total = sum(p.numel() for p in module.parameters())
    return ScriptedSummary(name, shape, output, total, layers)


def _type_name(module: nn.Module) -> str:
    return getattr(module, "original_name", None) or type(module).__name__


def _checked_shape(input_shape: Any) -> tuple[int, int, int]:
    values = tuple(input_shape) if isinstance(input_shape, (tuple, list, torch.Size)) else ()
    if len(values) != 3 or not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in values):
        raise CnnvizError(tr("summary: input shape must be three positive sizes C H W, got {shape}").format(
            shape=repr(input_shape)))
    channels, height, width = values
    if channels > _MAX_CHANNELS or height * width > MAX_PIXELS:
        raise CnnvizError(tr("summary: input {shape} is too large for a TorchScript model, which is summarised by a "
                             "real forward pass (at most {channels} channels and {pixels} pixels)").format(
                                 shape=f"{channels}x{height}x{width}", channels=_MAX_CHANNELS,
                                 pixels=f"{MAX_PIXELS:,d}"))
    return values  # type: ignore[return-value]


def _forward_once(module: nn.Module, shape: tuple[int, int, int], name: str) -> list[int] | list[list[int]]:
    param = next(iter(module.parameters()), None)
    device = param.device if param is not None else torch.device("cpu")
    dtype = param.dtype if param is not None and param.is_floating_point() else torch.float32
    try:
        with torch.no_grad():
            result = module(torch.zeros((1, *shape), dtype=dtype, device=device))
    except MemoryError:
        raise CnnvizError(tr("summary of {name}: not enough memory for one forward pass on {shape}").format(
            name=name, shape=list(shape))) from None
    except Exception as exc:  # noqa: BLE001 - the TorchScript interpreter raises RuntimeError and its own types
        raise CnnvizError(tr("summary of {name}: the TorchScript model fails on a zeros input of shape {shape} "
                             "({reason}); give its input size with --input-size C H W").format(
                                 name=name, shape=list(shape), reason=_last_line(exc))) from None
    shapes = [list(t.shape[1:]) for t in tree_flatten(result)[0] if isinstance(t, torch.Tensor)]
    return shapes[0] if len(shapes) == 1 else shapes


def input_refused(name: str, shape: Sequence[int], exc: BaseException) -> CnnvizError:
    """The one line for a TorchScript model whose own code fails on the input cnnviz gave it.

    Parameters
    ----------
    name : str
        The model as the user named it.
    shape : sequence of int
        The input's shape without the batch dimension.
    exc : BaseException
        What the TorchScript interpreter raised.
    """
    return CnnvizError(tr("{name}: the TorchScript model fails on an input of shape {shape} ({reason}); a TorchScript "
                          "model does not describe its input, so it is given 3x224x224 images normalised with "
                          "ImageNet's mean and std").format(name=name, shape=list(shape), reason=_last_line(exc)))


def _last_line(exc: BaseException) -> str:
    """The reason of a TorchScript error: its last non-empty line (the first lines are the script's traceback)."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return one_line(lines[-1], 200) if lines else type(exc).__name__
