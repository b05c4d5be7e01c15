"""One call from a model name (or file) and a weights choice to a ready, eval-mode module.

``load_model("resnet18")`` downloads torchvision's DEFAULT weights once (with progress) and loads
them safely; ``load_model("mnist_inception")`` uses the bundled weights; ``load_model("ckpt.safetensors")``
rebuilds the architecture a cnnviz checkpoint names; a TorchScript archive loads only with
``trust_code=True`` because it is code. The user's own code (``net.py:Net``, ``package.module:Net``,
also only with ``trust_code``), timm's CNNs (``timm/resnet50.a1_in1k``) and torch.export programs
(``.pt2``) load here too; a model that does not describe its input gets a checked guess
(:mod:`cnnviz.core.inputs.describe`). :func:`from_module` wraps a live module the user already has.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

import torch
from torch import Tensor, nn

from . import zoo
from ..device import resolve_device
from ..errors import CnnvizError, one_line
from ..i18n import translator
from ..paths import file_problem, is_absent, is_missing, shown_path
from ..inputs.describe import describe_model, input_request
from ..spec import InputSpec, ModelInfo
from .checkpoint import CheckpointMeta, clipped_name, read_checkpoint, tensor_shapes
from .notes import assumed_layout_note, force_transform_input, non_finite_note
from .torchvision_layout import drop_aux_heads, fit_state_to_model, with_metadata
from .weights import (
    apply_state_dict,
    bundled_weights_path,
    download_pretrained,
    is_safetensors_file,
    is_torchscript_archive,
    load_state_dict_file,
    pretrained_cache_path,
)

tr = translator(__name__)

_MODEL_FILE_SUFFIXES = {".safetensors", ".pt", ".pth", ".pts", ".ptl", ".bin", ".zip", ".jit", ".pt2"}
_TRAIN_DATASET = {"mnist_inception": "digits", "mnist_residual": "digits", "alexnet_small": "shapes"}



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
    notes
        Plain-text lines about what was assumed or found while loading (GoogLeNet's
        ``transform_input`` taken from torchvision's layout, weights that are NaN or infinite...),
        for people: the CLI prints them as ``cnnviz: note: ...``.
    """

    module: nn.Module
    info: ModelInfo
    name: str
    weights: str
    device: torch.device
    notes: tuple[str, ...] = ()


@dataclass
class _Request:
    """What the user asked for besides the model and weights, and the notes gathered on the way."""

    transform_input: bool | None = None
    notes: list[str] = field(default_factory=list)

    def note(self, text: str | None) -> None:
        if text:
            self.notes.append(text)


def load_model(
    model: str | os.PathLike[str],
    weights: str | os.PathLike[str] = "default",
    *,
    device: str | torch.device = "cpu",
    trust_code: bool = False,
    progress: Callable[[int, int | None], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    transform_input: bool | None = None,
    input_size: Sequence[int] | None = None,
    mean: Sequence[float] | None = None,
    std: Sequence[float] | None = None,
    class_names: Sequence[str] | None = None,
) -> LoadedModel:
    """Build a model and load its weights.

    Parameters
    ----------
    model
        A built-in name (``cnnviz models``), ``timm/<name>[.<tag>]``, the user's code
        (``FILE.py:NAME`` or ``package.module:NAME``, a class or a function returning a module, called
        with no arguments; only with ``trust_code``), a cnnviz checkpoint (``.safetensors`` naming its
        architecture), a torch.export program (``.pt2``) or a TorchScript archive.
    weights
        ``"none"`` (random init), ``"default"`` (bundled weights for course networks, torchvision's
        DEFAULT weights otherwise, downloaded once into torch's hub cache) or a weights file path.
    device
        ``auto``, ``cpu``, ``cuda[:N]``, ``mps`` or a torch.device.
    trust_code
        Allow running code: the user's ``.py`` file, a TorchScript archive, a ``.pt2`` with pickled parts.
    progress, cancel
        Passed to the download of pretrained weights (see :func:`cnnviz.core.models.download.download_file`).
    transform_input
        GoogLeNet / Inception-v3 only: ``True``/``False`` forces whether the model re-normalises its
        input itself; ``None`` takes it from the weights (a cnnviz checkpoint's metadata, torchvision's
        layout for its pretrained weights and for files without metadata, said in ``notes``).
    input_size, mean, std, class_names
        ``(C, H, W)``, per-channel numbers and the class names, for models that do not describe their
        input (or to change what one does); not given: the model's own, or a guess said in ``notes``.

    Returns
    -------
    LoadedModel
        The module in eval mode on the resolved device, with its info and notes.

    Raises
    ------
    CnnvizError
        Unknown model, missing or unsafe files, weights that do not fit, failed downloads.
    """
    dev = resolve_device(device)
    model = os.fspath(model)
    if not model.strip():
        raise CnnvizError(tr("empty model name: give a built-in name (see 'cnnviz models') or a model file"))
    weights = os.fspath(weights or "default").strip()
    request = _Request(transform_input)
    described = input_request(input_size, mean, std, class_names)
    module, info = _load_any(model, weights, dev, trust_code, progress, cancel, request)
    module.eval()
    module.to(dev)
    if weights.lower() != "none":
        request.note(non_finite_note(module))
    info, input_notes = describe_model(module, info, described, dev)
    return LoadedModel(module, info, model, weights, dev, tuple(request.notes + input_notes))


def from_module(module: nn.Module, *, name: str | None = None, input_size: Sequence[int] | None = None,
                mean: Sequence[float] | None = None, std: Sequence[float] | None = None,
                class_names: Sequence[str] | None = None) -> LoadedModel:
    """A :class:`LoadedModel` around the user's own, live module: not copied, not moved, its train/eval
    mode left as it is (the check forward runs in eval mode and restores it).

    Raises
    ------
    TypeError
        ``module`` is not an ``nn.Module``.
    CnnvizError
        The input description is wrong or the forward fails on it.
    """
    if not isinstance(module, nn.Module):
        raise TypeError(f"expected a torch.nn.Module, not {type(module).__name__}")
    label = name or type(module).__name__
    dev = next((t.device for t in (*module.parameters(), *module.buffers())), torch.device("cpu"))
    info = ModelInfo(label, "user", InputSpec(), (), f"{label} (a live module from Python)", described=False)
    info, notes = describe_model(module, info, input_request(input_size, mean, std, class_names), dev)
    return LoadedModel(module, info, label, "live", dev, tuple(notes))


def _load_any(model: str, weights: str, dev: torch.device, trust_code: bool, progress, cancel,
              request: _Request) -> tuple[nn.Module, ModelInfo]:
    """Dispatch on what ``model`` names: a built-in, timm, the user's code, or a file."""
    if model in zoo.COURSE_MODELS or model in zoo.torchvision_names():
        return _load_builtin(model, weights, progress, cancel, request)
    if model.startswith("timm/"):
        from .timm_models import load_timm

        module, info = load_timm(model, weights, progress=progress, cancel=cancel)
        request.note(force_transform_input(module, info.name, request.transform_input, None, ""))
        return module, info
    from .user_code import looks_like_code

    if looks_like_code(model):  # FILE.py:NAME, package.module:NAME, or a FILE.py that lacks its :NAME
        return _load_user_code(model, weights, trust_code, request)
    if _looks_like_path(model):
        return _load_model_file(Path(model), weights, dev, trust_code, request)
    raise CnnvizError(zoo.unknown_model_message(model))


def _load_user_code(spec: str, weights: str, trust_code: bool, request: _Request) -> tuple[nn.Module, ModelInfo]:
    """The user's class or factory, with the weights file loaded strictly (``none``/``default``: as built)."""
    from .user_code import load_user_model

    module, info = load_user_model(spec, trust_code=trust_code)
    request.note(force_transform_input(module, info.name, request.transform_input, None, ""))
    if weights.lower() not in ("none", "default"):
        apply_state_dict(module, load_state_dict_file(weights), shown_path(weights))
        names = read_checkpoint(weights).class_names if is_safetensors_file(weights) else ()
        if names:  # a cnnviz training run of this code names its classes
            info = replace(info, class_names=tuple(names))
    elif weights.lower() == "default":
        request.note(f"{info.name} has the weights its code gives it (random unless the code loads some); "
                     "give --weights FILE to load a state dict")
    return module, info


def _looks_like_path(text: str) -> bool:
    path = Path(text)
    return "/" in text or "\\" in text or path.suffix.lower() in _MODEL_FILE_SUFFIXES or not is_missing(text)


# --------------------------------------------------------------------------- built-in names

def _load_builtin(name: str, weights: str, progress, cancel, request: _Request) -> tuple[nn.Module, ModelInfo]:
    key = weights.lower()
    if key == "none":
        module = zoo.build_model(name)
        request.note(force_transform_input(module, name, request.transform_input, None, ""))
        return module, zoo.model_info(name)
    if key != "default":
        return _load_weights_file(name, Path(weights), request)
    if name in zoo.COURSE_MODELS:
        path = bundled_weights_path(name)
        if path is None:
            raise CnnvizError(tr(
                "there are no bundled weights for {name} yet; make them with 'cnnviz train --model {name} "
                "--dataset {dataset} --out resources/weights/{name}.safetensors' or use --weights none").format(
                    name=name, dataset=_TRAIN_DATASET.get(name, "digits")))
        return _load_weights_file(name, path, request)
    module = _load_pretrained(name, progress, cancel)
    request.note(force_transform_input(module, name, request.transform_input, getattr(module, "transform_input", None),
                                       "torchvision's pretrained weights"))
    return module, zoo.model_info(name)


def _load_pretrained(name: str, progress, cancel) -> nn.Module:
    """torchvision's DEFAULT weights, from the hub cache or downloaded into it first."""
    path = pretrained_cache_path(name)
    if not path.is_file():
        path = download_pretrained(name, progress=progress, cancel=cancel)
    module = zoo.build_model(name, pretrained_layout=True)
    state = fit_state_to_model(module, load_state_dict_file(path))
    apply_state_dict(module, state, str(path))
    drop_aux_heads(module)  # as torchvision's builders do when given weights (aux_logits not asked for)
    return module


def _load_weights_file(name: str, path: Path, request: _Request,
                       base: CheckpointMeta = CheckpointMeta()) -> tuple[nn.Module, ModelInfo]:
    """Build ``name`` to match the weights file (or ``base``'s description) and load it."""
    state = load_state_dict_file(path)
    ckpt = read_checkpoint(path) if is_safetensors_file(path) else CheckpointMeta()
    if ckpt.model is None:
        ckpt = base
    elif ckpt.model != name:
        raise CnnvizError(tr("{path} holds weights for {saved}, not {name}; pass it as --model {path}").format(
            path=shown_path(path), saved=clipped_name(ckpt.model), name=name))
    source = shown_path(path)
    _check_fits(name, ckpt, {k: v.shape for k, v in state.items()}, source, versions_from=state)
    module = _build(name, ckpt, request, source)
    apply_state_dict(module, fit_state_to_model(module, state), source)
    return module, _info_for(name, ckpt)


def _check_fits(name: str, ckpt: CheckpointMeta, shapes: Mapping[str, Sequence[int]], source: str,
                versions_from: Mapping[str, Tensor] | None = None) -> None:
    """Load tensors of these shapes into ``name`` built on the meta device: a misfit is refused unallocated.

    ``versions_from`` lends its module-version metadata (old BatchNorm files lack ``num_batches_tracked``).
    """
    try:
        with torch.device("meta"):
            shell = zoo.build_model(name, pretrained_layout=True, num_classes=ckpt.num_classes)
    except (RuntimeError, ValueError, TypeError, OverflowError) as exc:
        raise CnnvizError(f"{source}: cannot build {name} with {ckpt.num_classes} classes "
                          f"({type(exc).__name__})") from None
    ghosts = with_metadata(versions_from or {}, ((k, torch.empty(tuple(s), device="meta")) for k, s in shapes.items()))
    apply_state_dict(shell, fit_state_to_model(shell, ghosts), source, assign=True)


def _build(name: str, ckpt: CheckpointMeta, request: _Request, source: str) -> nn.Module:
    """The architecture ``name`` laid out for loaded weights, with the checkpoint's class count.

    GoogLeNet/Inception-v3 files without cnnviz metadata are taken to be torchvision's layout
    (``transform_input=True``), and a note says so unless the user chose.
    """
    module = zoo.build_model(name, pretrained_layout=True, num_classes=ckpt.num_classes)
    if not isinstance(getattr(module, "transform_input", None), bool):
        request.note(force_transform_input(module, name, request.transform_input, None, ""))
        return module
    if ckpt.transform_input is not None:
        module.transform_input = ckpt.transform_input
    elif request.transform_input is None:
        request.note(assumed_layout_note(name, source))
    request.note(force_transform_input(module, name, request.transform_input, ckpt.transform_input,
                                       "the checkpoint"))
    return module


def _info_for(name: str, ckpt: CheckpointMeta) -> ModelInfo:
    info = zoo.model_info(name)
    if ckpt.class_names:
        return replace(info, class_names=ckpt.class_names)
    if ckpt.num_classes is not None and ckpt.num_classes != len(info.class_names):
        return replace(info, class_names=tuple(f"class {i}" for i in range(ckpt.num_classes)))
    return info


# --------------------------------------------------------------------------- model files

def _load_model_file(path: Path, weights: str, dev: torch.device, trust_code: bool,
                     request: _Request) -> tuple[nn.Module, ModelInfo]:
    problem = file_problem(path)
    if problem is not None:
        kind, words = problem
        shown = shown_path(path)
        raise CnnvizError(tr("model file not found: {path}").format(path=shown) if is_absent(problem)
                          else tr("model path {path} {problem}").format(path=shown, problem=words))
    if path.suffix.lower() == ".pt2":
        from .exported import load_exported

        module, info = load_exported(path, weights, trust_code=trust_code)
        request.note(force_transform_input(module, info.name, request.transform_input, None, ""))
        return module, info
    if is_torchscript_archive(path):
        module, info = _load_torchscript(path, weights, dev, trust_code)
        request.note(force_transform_input(module, info.name, request.transform_input, None, ""))
        return module, info
    if not is_safetensors_file(path):
        raise CnnvizError(tr("{path} is neither a TorchScript model nor a cnnviz checkpoint; if it holds weights, "
                             "pass it as --weights {path} with --model NAME").format(path=shown_path(path)))
    ckpt = read_checkpoint(path)
    if ckpt.model is None:
        raise CnnvizError(tr("{path} holds weights but does not name its architecture; pass --model NAME --weights "
                             "{path}").format(path=shown_path(path)))
    key = weights.lower()
    if ckpt.model.startswith("timm/"):  # cnnviz train's run of a timm network
        from .timm_models import load_timm

        module, info = load_timm(ckpt.model, str(path) if key == "default" else weights)
        request.note(force_transform_input(module, info.name, request.transform_input, None, ""))
        return module, info
    if ckpt.model not in zoo.COURSE_MODELS and ckpt.model not in zoo.torchvision_names():
        own_code = ckpt.model.isidentifier() and len(ckpt.model) <= 60  # a class name, as cnnviz train saves it
        hint = tr("; if it is your own code, open it with --model FILE.py:{name} --weights {path} --trust-code").format(
            name=ckpt.model, path=shown_path(path)) if own_code else ""
        raise CnnvizError(tr("{path} was saved from the architecture '{name}', which cnnviz does not know").format(
            path=shown_path(path), name=clipped_name(ckpt.model)) + hint)
    if key == "none":
        _check_fits(ckpt.model, ckpt, tensor_shapes(path), shown_path(path))
        return _build(ckpt.model, ckpt, request, shown_path(path)), _info_for(ckpt.model, ckpt)
    return _load_weights_file(ckpt.model, path if key == "default" else Path(weights), request, base=ckpt)


def _load_torchscript(path: Path, weights: str, dev: torch.device, trust_code: bool) -> tuple[nn.Module, ModelInfo]:
    """``torch.jit.load`` behind the explicit ``trust_code`` opt-in."""
    if not trust_code:
        raise CnnvizError(tr("{path} is a TorchScript model: loading it runs code stored in the file. Pass "
                             "--trust-code (or confirm in the app) only if you trust where it came from").format(
                                 path=shown_path(path)))
    key = weights.lower()
    if key == "none":
        raise CnnvizError(tr("{path} is a TorchScript model with its own weights; --weights none does not apply to "
                             "it").format(path=shown_path(path)))
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r".*torch\.jit.*deprecated", category=FutureWarning)
            module = torch.jit.load(str(path), map_location=dev)
    except Exception as exc:  # torch raises RuntimeError/ValueError for broken archives
        why = one_line(str(exc).split(" (Could this error message be improved?")[0], 120) or type(exc).__name__
        raise CnnvizError(tr("{path} could not be loaded as a TorchScript model ({reason})").format(
            path=shown_path(path), reason=why)) from exc
    if key != "default":
        apply_state_dict(module, load_state_dict_file(weights), shown_path(weights))
    info = ModelInfo(path.stem, "file", InputSpec(), (), f"TorchScript model {path.name}", described=False)
    return module, info
