"""One call from a model name (or file) and a weights choice to a ready, eval-mode module.

``load_model("resnet18")`` downloads torchvision's DEFAULT weights once (with progress) and loads
them safely; ``load_model("mnist_inception")`` uses the bundled weights; ``load_model("ckpt.safetensors")``
rebuilds the architecture a cnnviz checkpoint names; a TorchScript archive loads only with
``trust_code=True`` because it is code.
"""

from __future__ import annotations

import json
import os
import re
import warnings
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

import torch
import torchvision
from torch import Tensor, nn

from . import zoo
from ..device import resolve_device
from ..errors import CnnvizError
from ..spec import InputSpec, ModelInfo
from .weights import (
    CLASS_NAMES_KEY,
    MODEL_KEY,
    NUM_CLASSES_KEY,
    TRANSFORM_INPUT_KEY,
    apply_state_dict,
    bundled_weights_path,
    download_pretrained,
    is_safetensors_file,
    is_torchscript_archive,
    load_state_dict_file,
    pretrained_cache_path,
    read_checkpoint_metadata,
)

_MODEL_FILE_SUFFIXES = {".safetensors", ".pt", ".pth", ".pts", ".ptl", ".bin", ".zip", ".jit"}
_TRAIN_DATASET = {"mnist_inception": "digits", "mnist_residual": "digits", "alexnet_small": "shapes"}
# torchvision's DenseNet checkpoints use the old module names 'norm.1', 'conv.2'... (see its _load_state_dict).
_DENSENET_OLD_KEY = re.compile(
    r"^(.*denselayer\d+\.(?:norm|relu|conv))\.((?:[12])\.(?:weight|bias|running_mean|running_var))$"
)


@dataclass
class LoadedModel:
    """A model ready for inference, with what the rest of cnnviz needs to know about it.

    Attributes
    ----------
    module
        The network, in eval mode, on ``device``.
    info
        Its input contract and class names (``info.name`` is the architecture).
    name
        The model as the user named it (a built-in name or a file path).
    weights
        The weights as the user named them (``"default"``, ``"none"`` or a file path).
    device
        Where ``module`` lives.
    """

    module: nn.Module
    info: ModelInfo
    name: str
    weights: str
    device: torch.device


@dataclass(frozen=True)
class _Checkpoint:
    """What a cnnviz checkpoint's metadata says about the architecture it was saved from."""

    model: str | None = None
    num_classes: int | None = None
    class_names: tuple[str, ...] = ()
    transform_input: bool | None = None


def load_model(
    model: str | os.PathLike[str],
    weights: str | os.PathLike[str] = "default",
    *,
    device: str | torch.device = "cpu",
    trust_code: bool = False,
    progress: Callable[[int, int | None], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> LoadedModel:
    """Build a model and load its weights.

    Parameters
    ----------
    model
        A built-in name (``cnnviz models``), a cnnviz checkpoint (``.safetensors`` naming its
        architecture) or a TorchScript archive.
    weights
        ``"none"`` (random init), ``"default"`` (bundled weights for course networks, torchvision's
        DEFAULT weights otherwise, downloaded once into torch's hub cache) or a weights file path.
    device
        ``auto``, ``cpu``, ``cuda[:N]``, ``mps`` or a torch.device.
    trust_code
        Allow loading a TorchScript archive, which runs code stored in the file.
    progress, cancel
        Passed to the download of pretrained weights (see :func:`cnnviz.core.models.download.download_file`).

    Returns
    -------
    LoadedModel
        The module in eval mode on the resolved device, with its info.

    Raises
    ------
    CnnvizError
        Unknown model, missing or unsafe files, weights that do not fit, failed downloads.
    """
    dev = resolve_device(device)
    model = os.fspath(model)
    weights = os.fspath(weights or "default").strip()
    if model in zoo.COURSE_MODELS or model in zoo.torchvision_names():
        module, info = _load_builtin(model, weights, progress, cancel)
    elif _looks_like_path(model):
        module, info = _load_model_file(Path(model), weights, dev, trust_code)
    else:
        raise CnnvizError(zoo.unknown_model_message(model))
    module.eval()
    module.to(dev)
    return LoadedModel(module, info, model, weights, dev)


def _looks_like_path(text: str) -> bool:
    path = Path(text)
    return "/" in text or "\\" in text or path.suffix.lower() in _MODEL_FILE_SUFFIXES or path.exists()


# --------------------------------------------------------------------------- built-in names

def _load_builtin(name: str, weights: str, progress, cancel) -> tuple[nn.Module, ModelInfo]:
    key = weights.lower()
    if key == "none":
        return zoo.build_model(name), zoo.model_info(name)
    if key != "default":
        return _load_weights_file(name, Path(weights))
    if name in zoo.COURSE_MODELS:
        path = bundled_weights_path(name)
        if path is None:
            raise CnnvizError(
                f"there are no bundled weights for {name} yet; make them with 'cnnviz train --model {name} "
                f"--dataset {_TRAIN_DATASET.get(name, 'digits')} --out resources/weights/{name}.safetensors' "
                "or use --weights none")
        return _load_weights_file(name, path)
    return _load_pretrained(name, progress, cancel), zoo.model_info(name)


def _load_pretrained(name: str, progress, cancel) -> nn.Module:
    """torchvision's DEFAULT weights, from the hub cache or downloaded into it first."""
    path = pretrained_cache_path(name)
    if not path.is_file():
        path = download_pretrained(name, progress=progress, cancel=cancel)
    module = zoo.build_model(name, pretrained_layout=True)
    state = _fit_state_to_model(module, load_state_dict_file(path))
    apply_state_dict(module, state, str(path))
    _drop_aux_heads(module)  # as torchvision's builders do when given weights (aux_logits not asked for)
    return module


def _load_weights_file(name: str, path: Path, base: _Checkpoint = _Checkpoint()) -> tuple[nn.Module, ModelInfo]:
    """Build ``name`` to match the weights file (or ``base``'s description) and load it."""
    state = load_state_dict_file(path)
    ckpt = _checkpoint_of(path) if is_safetensors_file(path) else _Checkpoint()
    if ckpt.model is None:
        ckpt = base
    elif ckpt.model != name:
        raise CnnvizError(f"{path} holds weights for {ckpt.model}, not {name}; pass it as --model {path}")
    module = _build(name, ckpt)
    apply_state_dict(module, _fit_state_to_model(module, state), str(path))
    return module, _info_for(name, ckpt)


def _build(name: str, ckpt: _Checkpoint) -> nn.Module:
    """The architecture ``name`` laid out for loaded weights, with the checkpoint's class count.

    GoogLeNet/Inception-v3 files without cnnviz metadata are taken to be torchvision's layout
    (``transform_input=True``).
    """
    module = zoo.build_model(name, pretrained_layout=True, num_classes=ckpt.num_classes)
    if ckpt.transform_input is not None and hasattr(module, "transform_input"):
        module.transform_input = ckpt.transform_input
    return module


def _info_for(name: str, ckpt: _Checkpoint) -> ModelInfo:
    info = zoo.model_info(name)
    if ckpt.class_names:
        return replace(info, class_names=ckpt.class_names)
    if ckpt.num_classes is not None and ckpt.num_classes != len(info.class_names):
        return replace(info, class_names=tuple(f"class {i}" for i in range(ckpt.num_classes)))
    return info


# --------------------------------------------------------------------------- fitting state dicts

def _fit_state_to_model(module: nn.Module, state: Mapping[str, Tensor]) -> Mapping[str, Tensor]:
    """Rename DenseNet's legacy keys and match GoogLeNet/Inception-v3's auxiliary heads to the file."""
    if isinstance(module, torchvision.models.DenseNet):
        state = _with_metadata(state, ((_DENSENET_OLD_KEY.sub(r"\1\2", k), v) for k, v in state.items()))
    heads = _aux_head_names(module)
    if not heads:
        return state
    in_file = any(_top_name(k) in heads for k in state)
    if not in_file:
        _drop_aux_heads(module)
    elif any(getattr(module, h, None) is None for h in heads):
        state = _with_metadata(state, ((k, v) for k, v in state.items() if _top_name(k) not in heads))
    return state


def _with_metadata(old: Mapping[str, Tensor], items) -> OrderedDict:
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


def _drop_aux_heads(module: nn.Module) -> None:
    heads = _aux_head_names(module)
    if heads:
        module.aux_logits = False
        for head in heads:
            setattr(module, head, None)


# --------------------------------------------------------------------------- model files

def _load_model_file(path: Path, weights: str, dev: torch.device, trust_code: bool) -> tuple[nn.Module, ModelInfo]:
    if not path.is_file():
        raise CnnvizError(f"model file not found: {path}" if not path.exists() else f"model path {path} is a folder")
    if is_torchscript_archive(path):
        return _load_torchscript(path, weights, dev, trust_code)
    if not is_safetensors_file(path):
        raise CnnvizError(f"{path} is neither a TorchScript model nor a cnnviz checkpoint; if it holds weights, "
                          f"pass it as --weights {path} with --model NAME")
    ckpt = _checkpoint_of(path)
    if ckpt.model is None:
        raise CnnvizError(f"{path} holds weights but does not name its architecture; "
                          f"pass --model NAME --weights {path}")
    if ckpt.model not in zoo.COURSE_MODELS and ckpt.model not in zoo.torchvision_names():
        raise CnnvizError(f"{path} was saved from the architecture '{ckpt.model}', which cnnviz does not know")
    key = weights.lower()
    if key == "none":
        return _build(ckpt.model, ckpt), _info_for(ckpt.model, ckpt)
    return _load_weights_file(ckpt.model, path if key == "default" else Path(weights), base=ckpt)


def _checkpoint_of(path: Path) -> _Checkpoint:
    """Parse (and check) the cnnviz metadata of a ``.safetensors`` file."""
    meta = read_checkpoint_metadata(path)
    num_classes = None
    if NUM_CLASSES_KEY in meta:
        try:
            num_classes = int(meta[NUM_CLASSES_KEY])
        except ValueError:
            num_classes = 0
        if num_classes < 1:
            raise CnnvizError(f"{path}: metadata {NUM_CLASSES_KEY} is not a positive number: {meta[NUM_CLASSES_KEY]!r}")
    names = _json_field(meta, CLASS_NAMES_KEY, list, path) or []
    if not all(isinstance(n, str) for n in names):
        raise CnnvizError(f"{path}: metadata {CLASS_NAMES_KEY} must be a JSON list of strings")
    if names and num_classes is not None and num_classes != len(names):
        raise CnnvizError(f"{path}: metadata names {len(names)} classes but {NUM_CLASSES_KEY} is {num_classes}")
    return _Checkpoint(meta.get(MODEL_KEY) or None, num_classes or (len(names) or None), tuple(names),
                       _json_field(meta, TRANSFORM_INPUT_KEY, bool, path))


def _json_field(meta: Mapping[str, str], key: str, kind: type, path: Path):
    if key not in meta:
        return None
    try:
        value = json.loads(meta[key])
    except json.JSONDecodeError:
        value = None
    if not isinstance(value, kind):
        raise CnnvizError(f"{path}: metadata {key} is not a JSON {kind.__name__}: {meta[key][:60]!r}")
    return value


def _load_torchscript(path: Path, weights: str, dev: torch.device, trust_code: bool) -> tuple[nn.Module, ModelInfo]:
    """``torch.jit.load`` behind the explicit ``trust_code`` opt-in."""
    if not trust_code:
        raise CnnvizError(f"{path} is a TorchScript model: loading it runs code stored in the file. "
                          "Pass --trust-code (or confirm in the app) only if you trust where it came from")
    key = weights.lower()
    if key == "none":
        raise CnnvizError(f"{path} is a TorchScript model with its own weights; --weights none does not apply to it")
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r".*torch\.jit.*deprecated", category=FutureWarning)
            module = torch.jit.load(str(path), map_location=dev)
    except Exception as exc:  # torch raises RuntimeError/ValueError for broken archives
        reason = " ".join(str(exc).split())[:120] or type(exc).__name__
        raise CnnvizError(f"{path} could not be loaded as a TorchScript model ({reason})") from exc
    if key != "default":
        apply_state_dict(module, load_state_dict_file(weights), weights)
    info = ModelInfo(path.stem, "file", InputSpec(), (), f"TorchScript model {path.name}")
    return module, info
