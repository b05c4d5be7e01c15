"""torchvision's checkpoints laid out as its builders load them: DenseNet's legacy key names renamed, and
GoogLeNet's / Inception-v3's auxiliary heads matched to the file (dropped when the file has none, as
torchvision's builders do when given weights without ``aux_logits``).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Mapping

import torchvision
from torch import Tensor, nn

__all__ = ["drop_aux_heads", "fit_state_to_model", "with_metadata"]

# torchvision's DenseNet checkpoints use the old module names 'norm.1', 'conv.2'... (see its _load_state_dict).
_DENSENET_OLD_KEY = re.compile(
    r"^(.*denselayer\d+\.(?:norm|relu|conv))\.((?:[12])\.(?:weight|bias|running_mean|running_var))$"
)


def fit_state_to_model(module: nn.Module, state: Mapping[str, Tensor]) -> Mapping[str, Tensor]:
    """Rename DenseNet's legacy keys and match GoogLeNet/Inception-v3's auxiliary heads to the file."""
    if isinstance(module, torchvision.models.DenseNet):
        state = with_metadata(state, ((_DENSENET_OLD_KEY.sub(r"\1\2", k), v) for k, v in state.items()))
    heads = _aux_head_names(module)
    if not heads:
        return state
    in_file = any(_top_name(k) in heads for k in state)
    if not in_file:
        drop_aux_heads(module)
    elif any(getattr(module, h, None) is None for h in heads):
        state = with_metadata(state, ((k, v) for k, v in state.items() if _top_name(k) not in heads))
    return state


def with_metadata(old: Mapping[str, Tensor], items) -> OrderedDict:
    new = OrderedDict(items)
    metadata = getattr(old, "_metadata", None)
    if metadata is not None:
        new._metadata = metadata  # type: ignore[attr-defined]
    return new


def _top_name(key: str) -> str:
    return key.removeprefix("module.").split(".", 1)[0]


def _aux_head_names(module: nn.Module) -> tuple[str, ...]:
    if isinstance(module, torchvision.models.GoogLeNet):
        return ("aux1", "aux2")
    if isinstance(module, torchvision.models.Inception3):
        return ("AuxLogits",)
    return ()


def drop_aux_heads(module: nn.Module) -> None:
    heads = _aux_head_names(module)
    if heads:
        module.aux_logits = False
        for head in heads:
            setattr(module, head, None)
