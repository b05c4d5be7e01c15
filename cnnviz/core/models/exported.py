"""torch.export programs (``.pt2``): read the archive's own index first, load only what runs no code,
and unflatten the program back to its module hierarchy so hooks, blocks and every dock see it.

``torch.export.load`` (torch 2.14, ``torch/export/pt2_archive/_package.py`` and
``torch/_export/serde/serialize.py``) runs code from the file in more places than its pickled parts:

- weights and constants the index marks ``use_pickle`` (tensor subclasses) are read with
  ``torch.load(weights_only=False)``, custom objects with ``pickle.loads`` or the TorchScript pickler;
  legacy ``data/weights/<model>.pt`` files and sample inputs that ``weights_only=True`` refuses fall back
  to ``weights_only=False`` too;
- ``data/aotinductor/`` holds compiled shared libraries that are opened;
- every symbolic-shape expression (``expr_str``) goes through ``sympy.sympify``, which evaluates it;
- ``guards_code`` strings are pasted into Python source and ``exec``'d by ``ep.module()``;
- a graph node's target resolves any ``torch.*`` attribute (``torch.os.system``...) and is called.

:func:`unsafe_parts` finds each of those from the index and the program's JSON without unpickling or
evaluating anything; :func:`load_exported` refuses an archive that has any unless ``trust_code``.
"""

from __future__ import annotations

import logging
import os
import warnings
import zipfile
from dataclasses import replace
from pathlib import Path

import torch
from torch import nn

from ..errors import CnnvizError, reason
from ..i18n import translator
from ..paths import file_problem, is_absent, shown_path
from ..spec import IMAGENET_MEAN, IMAGENET_STD, MNIST_INPUT, InputSpec, ModelInfo
from .exported_archive import (
    Archive,
    example_input_shape,
    input_shapes,
    is_export_archive,
    open_archive,
    pickled_entries,
    read_index,
    unsafe_parts,
)
from .exported_restore import name_root, restore_modules
from .weights import apply_state_dict, is_torchscript_archive, load_state_dict_file

tr = translator(__name__)

__all__ = ["is_export_archive", "load_exported", "pickled_entries", "unsafe_parts", "example_input_shape"]

_SHOWN = 4


# --------------------------------------------------------------------------- the input

def _input_spec(shapes: tuple[tuple[int | None, ...], ...] | None) -> tuple[InputSpec, bool]:
    """The input the program was exported for (channels and size); ``described`` False when unknown."""
    if not shapes or len(shapes) != 1 or len(shapes[0]) != 4:
        return InputSpec(), False
    _, c, h, w = shapes[0]
    if c not in (1, 3) or h is None or w is None:
        return InputSpec(), False
    if c == 1:
        return replace(MNIST_INPUT, size=(h, w)), True
    return InputSpec(3, (h, w), max(h, w) * 256 // 224 if max(h, w) >= 128 else None,
                     IMAGENET_MEAN, IMAGENET_STD), True


def _shape_check(name: str, shapes: tuple[tuple[int | None, ...], ...] | None):
    """A forward pre-hook saying in one line that a static program gets another input size."""
    def pre_hook(module: nn.Module, args: tuple) -> None:
        if not shapes or len(shapes) != 1 or not args or not isinstance(args[0], torch.Tensor):
            return
        want, got = shapes[0], tuple(args[0].shape)
        if len(want) != len(got) or any(w is not None and w != g for w, g in zip(want, got)):
            shown = "x".join("*" if w is None else str(w) for w in want)
            raise CnnvizError(tr("{name} takes {want} inputs only, not {got} (exported without dynamic shapes)").format(
                name=name, want=shown, got="x".join(map(str, got))))
    return pre_hook


# --------------------------------------------------------------------------- loading

def load_exported(path: str | os.PathLike[str], weights: str | os.PathLike[str] = "default", *,
                  trust_code: bool = False) -> tuple[nn.Module, ModelInfo]:
    """Load a torch.export program and unflatten it to its module hierarchy.

    Parameters
    ----------
    path
        A ``.pt2`` written by ``torch.export.save``.
    weights
        ``"default"``: the program's own; a weights file: loaded strictly into the unflattened module
        (its keys are the original module paths); ``"none"`` does not apply.
    trust_code
        Allow an archive with parts that run code (:func:`unsafe_parts`).

    Returns
    -------
    tuple of (nn.Module, ModelInfo)
        The unflattened module (children at the original paths, ``layer1.0.conv1``; common ``torch.nn``
        layers restored as themselves when that gives the same output bit for bit) and its info
        (``family="export"``, the input the program was exported for).

    Raises
    ------
    CnnvizError
        Not a torch.export program, unsafe parts without ``trust_code``, ``--weights none``, weights
        that do not fit, or a program torch cannot load.
    """
    path = Path(path)
    shown = shown_path(path)
    archive = _checked_archive(path, shown)
    key = os.fspath(weights or "default").strip()
    if key.lower() == "none":
        raise CnnvizError(tr("{path} is a torch.export program with its own weights; --weights none does not apply "
                             "to it (give default or a weights file)").format(path=shown))
    parts = read_index(archive, shown)
    if parts and not trust_code:
        listed = ", ".join(parts[:_SHOWN])
        if len(parts) > _SHOWN:
            listed = tr("{names} (+{count} more)").format(names=listed, count=len(parts) - _SHOWN)
        raise CnnvizError(tr("{path} holds parts that run code when loaded ({parts}); pass --trust-code (or confirm "
                             "in the app) only if you trust where it came from").format(path=shown, parts=listed))
    shapes = input_shapes(archive.json("models/model.json"))
    program = _load_program(path, shown)
    module = _unflatten(program, shown, shapes)
    if key.lower() != "default":
        apply_state_dict(module, load_state_dict_file(key), shown_path(key))
    module.register_forward_pre_hook(_shape_check(path.name, shapes))
    module.eval()  # as the program ran: batch norms on their running statistics
    spec, described = _input_spec(shapes)
    info = ModelInfo(path.stem, "export", spec, (), f"torch.export program {path.name}", described=described)
    return module, info


def _checked_archive(path: Path, shown: str) -> Archive:
    problem = file_problem(path)
    if problem is not None:
        raise CnnvizError(tr("model file not found: {path}").format(path=shown) if is_absent(problem)
                          else tr("model path {path} {problem}").format(path=shown, problem=problem[1]))
    archive = open_archive(path)
    if archive is not None:
        return archive
    raise CnnvizError(tr("{path} is not a torch.export program: {why}").format(path=shown, why=_what_it_is(path)))


def _what_it_is(path: Path) -> str:
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(4)
    except OSError as exc:
        return tr("it cannot be read ({reason})").format(reason=reason(exc))
    if size == 0:
        return tr("the file is empty")
    if is_torchscript_archive(path):
        return tr("it is a TorchScript archive, which runs code: pass it under a .pt name with --trust-code if you "
                  "trust where it came from")
    if zipfile.is_zipfile(path):
        return tr("it is a zip archive without torch.export's layout (archive_format, models/model.json)")
    if head == b"PK\x03\x04":
        return tr("a truncated or damaged zip archive")
    return tr("not a zip archive (torch.export.save writes one)")


def _load_program(path: Path, shown: str) -> torch.export.ExportedProgram:
    logger = logging.getLogger("torch.export")
    level = logger.level
    logger.setLevel(logging.ERROR)  # torch logs a warning with a traceback before its fallback
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Accessing the data pointer of FakeTensor", category=UserWarning)
            return torch.export.load(os.fspath(path))
    except Exception as exc:  # the deserializer raises many kinds on a damaged program
        raise CnnvizError(tr("{path} could not be loaded as a torch.export program ({reason})").format(
            path=shown, reason=reason(exc))) from None
    finally:
        logger.setLevel(level)


def _unflatten(program: torch.export.ExportedProgram, shown: str, shapes) -> nn.Module:
    try:
        module = torch.export.unflatten(program)
    except Exception as exc:
        raise CnnvizError(tr("{path}: the program cannot be unflattened to its modules ({reason})").format(
            path=shown, reason=reason(exc))) from None
    example = _example_input(program, shapes)
    if example is not None:
        restore_modules(module, example)
    name_root(module)
    _drop_fake_values(module)
    return module


def _drop_fake_values(module: nn.Module) -> None:
    """Forget the graphs' fake example values (FakeTensors with symbolic sizes cannot be deep-copied, as
    summaries do, and keep the tracer's shape environment alive); the input check they served is
    :func:`_shape_check`'s."""
    module.check_input_constraints = False
    for sub in module.modules():
        graph = sub.__dict__.get("graph")
        if isinstance(graph, torch.fx.Graph):
            for node in graph.nodes:
                for key in ("val", "example_value", "unbacked_bindings"):
                    node.meta.pop(key, None)
                if node.op == "get_attr":
                    _adopt_constant(sub, node.target)


def _adopt_constant(module: nn.Module, target: str) -> None:
    """A lifted tensor constant (a plain attribute after unflattening) becomes a non-persistent buffer,
    so that ``.to(device)`` moves it with the weights (it stays out of the state dict)."""
    owner_path, _, name = target.rpartition(".")
    owner = module.get_submodule(owner_path) if owner_path else module
    value = owner.__dict__.get(name)
    if isinstance(value, torch.Tensor) and not isinstance(value, nn.Parameter):
        delattr(owner, name)
        owner.register_buffer(name, value, persistent=False)


def _example_input(program: torch.export.ExportedProgram, shapes) -> torch.Tensor | None:
    args = (program.example_inputs or ((), {}))[0]
    if len(args) == 1 and isinstance(args[0], torch.Tensor):
        return args[0].detach().clone()
    if shapes and len(shapes) == 1 and all(d is not None for d in shapes[0]):
        return torch.randn(*shapes[0], generator=torch.Generator().manual_seed(0))
    return None
