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

import ast
import io
import json
import os
import re
import warnings
import zipfile
from pathlib import Path
from typing import Any, Iterator

import torch
from torch import nn

from ..errors import CnnvizError, reason
from ..paths import file_problem, shown_path
from ..spec import IMAGENET_MEAN, IMAGENET_STD, InputSpec, ModelInfo
from .exported_restore import restore_modules
from .weights import apply_state_dict, is_torchscript_archive, load_state_dict_file

__all__ = ["is_export_archive", "load_exported", "pickled_entries", "unsafe_parts", "example_input_shape"]

_SHOWN = 4
_ATEN_TARGET = re.compile(r"^torch\.ops\.(aten|prims)\.[A-Za-z][A-Za-z0-9_]*\.[A-Za-z][A-Za-z0-9_]*$")
_SYM_TARGET = re.compile(r"^torch\._?sym_[a-z_]+$|^math\.(floor|ceil|trunc|sqrt)$")
_OPERATOR_TARGETS = {f"_operator.{n}" for n in (
    "getitem add sub mul floordiv truediv mod pow neg pos abs eq ne lt le gt ge and_ or_ not_").split()}
_EXPR_CHARS = re.compile(r"^[A-Za-z0-9_ .+\-*/%(),<>=!]*$")
_EXPR_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SYMBOL = re.compile(r"^[a-z]{1,4}\d+$")  # s0, u3, zuf1...
_QUOTED = re.compile(r"'(?:[a-z]{1,4}\d+|[0-9][0-9.e+-]*)'")  # Symbol('s31', ...), Float('1.5', ...)
_SYMPY_NAMES = frozenset((
    "Symbol Integer Rational Float Add Mul Pow Max Min Eq Ne Lt Le Gt Ge And Or Not Abs "
    "positive negative nonnegative nonpositive integer real finite zero nonzero even odd rational precision "
    "FloorDiv ModularIndexing Where PythonMod Mod CleanDiv CeilToInt FloorToInt CeilDiv LShift RShift "
    "PowByNatural FloatPow FloatTrueDiv IntTrueDiv IsNonOverlappingAndDenseIndicator TruncToFloat TruncToInt "
    "RoundToInt RoundDecimal ToFloat Identity True False oo").split())


# --------------------------------------------------------------------------- reading the archive

class _Archive:
    """The entries of a pt2 zip below its root folder, read with Python's zipfile (nothing unpickled)."""

    def __init__(self, path: Path) -> None:
        self.zip = zipfile.ZipFile(path)
        names = self.zip.namelist()
        if len(set(names)) != len(names):
            raise zipfile.BadZipFile("duplicate entry names")
        roots = {n.split("/", 1)[0] for n in names if n.count("/") == 1 and n.endswith("/archive_format")}
        if len(roots) != 1 or any("/" not in n for n in names):
            raise zipfile.BadZipFile("not a pt2 archive layout")
        self.root = roots.pop()
        prefix = self.root + "/"
        self.names = [n[len(prefix):] for n in names if n.startswith(prefix)]

    def read(self, name: str) -> bytes:
        return self.zip.read(f"{self.root}/{name}")

    def json(self, name: str) -> Any:
        return json.loads(self.read(name).decode("utf-8"))

    def models(self) -> list[str]:
        return [n[len("models/"):-len(".json")] for n in self.names
                if n.startswith("models/") and n.endswith(".json") and n.count("/") == 1]


def _open(path: Path) -> _Archive | None:
    if file_problem(path) is not None:
        return None
    try:
        archive = _Archive(path)
        if archive.read("archive_format") != b"pt2" or "model" not in archive.models():
            return None
        return archive
    except (OSError, zipfile.BadZipFile, KeyError, UnicodeDecodeError, ValueError, EOFError):
        return None


def is_export_archive(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a zip with torch.export's pt2 layout (``<root>/archive_format`` = ``pt2`` and
    ``<root>/models/model.json``), as ``torch.export.save`` writes. Nothing in it is unpickled."""
    return _open(Path(path)) is not None


def pickled_entries(path: str | os.PathLike[str]) -> list[str]:
    """The weights and constants that the archive's own index marks as pickled.

    ``torch.export.load`` would unpickle them (tensor subclasses with ``torch.load(weights_only=False)``,
    custom objects with ``pickle.loads``); legacy whole-state-dict pickles count too.

    Raises
    ------
    CnnvizError
        A pt2 archive whose index cannot be read.

    Returns
    -------
    list of str
        ``"weight <fqn>"``, ``"constant <fqn>"`` or ``"<entry> (legacy pickle)"``, in index order;
        empty for a plain model's archive or for a file that is not a pt2 archive.
    """
    archive = _open(Path(path))
    return [] if archive is None else _unsafe_or_unreadable(archive, shown_path(path), _pickled)


def _pickled(archive: _Archive) -> list[str]:
    found = []
    for model in archive.models():
        for kind, folder, config in (("weight", "weights", f"data/weights/{model}_weights_config.json"),
                                     ("constant", "constants", f"data/constants/{model}_constants_config.json")):
            legacy = f"data/{folder}/{model}.pt"
            if legacy in archive.names:
                found.append(f"{legacy} (legacy pickle)")
            if config in archive.names:
                entries = archive.json(config).get("config", {})
                found += [f"{kind} {fqn}" for fqn, meta in entries.items() if meta.get("use_pickle")]
    return found


def unsafe_parts(path: str | os.PathLike[str]) -> list[str]:
    """Everything in the archive that ``torch.export.load`` or running the program would execute as code.

    The pickled entries (:func:`pickled_entries`), AOTInductor libraries, sample inputs that
    ``torch.load(weights_only=True)`` refuses, shape expressions that are not plain arithmetic on shape
    symbols, guards that are not plain comparisons of input sizes, and graph operators outside
    ``torch.ops.aten`` / ``prims`` and basic arithmetic. Empty for what ``torch.export.save`` writes
    for an ordinary CNN.
    """
    archive = _open(Path(path))
    return [] if archive is None else _unsafe_or_unreadable(archive, shown_path(path), _unsafe)


def _unsafe(archive: _Archive) -> list[str]:
    found = _pickled(archive)
    if any(n.startswith("data/aotinductor/") for n in archive.names):
        found.append("AOTInductor compiled code")
    for model in archive.models():
        found += _unsafe_sample_inputs(archive, model)
        program = archive.json(f"models/{model}.json")
        found += [f"operator {t}" for t in sorted(set(_targets(program))) if not _safe_target(t)]
        found += [f"shape expression {e!r}" for e in sorted(set(_values(program, "expr_str"))) if not _safe_expr(e)]
        found += [f"guard {g!r}" for g in program.get("guards_code") or () if not _safe_guard(g)]
    return found


def _unsafe_sample_inputs(archive: _Archive, model: str) -> list[str]:
    name = f"data/sample_inputs/{model}.pt"
    if name not in archive.names or not archive.zip.getinfo(f"{archive.root}/{name}").file_size:
        return []
    try:
        torch.load(io.BytesIO(archive.read(name)), map_location="cpu", weights_only=True)
    except Exception:  # torch.export.load would retry with weights_only=False
        return [f"{name} (a pickle that needs code)"]
    return []


def _walk(obj: Any) -> Iterator[dict]:
    stack = [obj]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            yield item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _targets(program: Any) -> Iterator[str]:
    for d in _walk(program):
        if isinstance(d.get("target"), str) and "inputs" in d:
            yield d["target"]
        if isinstance(d.get("as_operator"), str):
            yield d["as_operator"]


def _values(program: Any, key: str) -> Iterator[str]:
    for d in _walk(program):
        if isinstance(d.get(key), str):
            yield d[key]


def _safe_target(target: str) -> bool:
    return bool(_ATEN_TARGET.match(target) or _SYM_TARGET.match(target)) or target in _OPERATOR_TARGETS


def _safe_expr(text: str) -> bool:
    """Arithmetic on shape symbols and torch's sympy functions only (``sympy.sympify`` evaluates it)."""
    text = _QUOTED.sub("0", text)
    if not _EXPR_CHARS.match(text) or "__" in text or re.search(r"[A-Za-z_)]\s*\.", text):
        return False
    return all(_SYMBOL.match(n) or n in _SYMPY_NAMES for n in _EXPR_NAME.findall(text))


_GUARD_NODES = (ast.Expression, ast.Compare, ast.BoolOp, ast.BinOp, ast.UnaryOp, ast.Constant, ast.Subscript,
                ast.Load, ast.cmpop, ast.operator, ast.boolop, ast.unaryop)


def _safe_guard(text: str) -> bool:
    """A comparison of input sizes (``L['x'].size()[2] == 224``); torch pastes it into code it execs."""
    if not isinstance(text, str) or "\n" in text or "\r" in text:
        return False
    try:
        tree = ast.parse(text, mode="eval")
    except (SyntaxError, ValueError, RecursionError):
        return False
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == "L":
            continue
        if isinstance(node, ast.Attribute) and node.attr == "size":
            continue
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "size" \
                and not node.args and not node.keywords:
            continue
        if isinstance(node, ast.Constant) and not isinstance(node.value, (int, float, str, bool)):
            return False
        if not isinstance(node, _GUARD_NODES):
            return False
    return True


# --------------------------------------------------------------------------- the example input

def example_input_shape(path: str | os.PathLike[str]) -> tuple[tuple[int | None, ...], ...] | None:
    """The shapes of the program's tensor inputs as exported (``None`` for a dynamic dimension), read from
    its JSON; ``None`` when the archive does not record them."""
    archive = _open(Path(path))
    return None if archive is None else _unsafe_or_unreadable(
        archive, shown_path(path), lambda a: _input_shapes(a.json("models/model.json")))


def _input_shapes(program: dict) -> tuple[tuple[int | None, ...], ...] | None:
    try:
        graph_module = program["graph_module"]
        values = graph_module["graph"]["tensor_values"]
        shapes = []
        for spec in graph_module["signature"]["input_specs"]:
            user = spec.get("user_input")
            if user is None:
                continue
            name = user["arg"]["as_tensor"]["name"]
            shapes.append(tuple(d["as_int"] if "as_int" in d else None for d in values[name]["sizes"]))
        return tuple(shapes) or None
    except (KeyError, TypeError):
        return None


def _input_spec(shapes: tuple[tuple[int | None, ...], ...] | None) -> tuple[InputSpec, bool]:
    """The input the program was exported for (channels and size); ``described`` False when unknown."""
    if not shapes or len(shapes) != 1 or len(shapes[0]) != 4:
        return InputSpec(), False
    _, c, h, w = shapes[0]
    if c not in (1, 3) or h is None or w is None:
        return InputSpec(), False
    if c == 1:
        return InputSpec(1, (h, w), None, (0.1307,), (0.3081,), invert=True), True
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
            raise CnnvizError(f"{name} takes {shown} inputs only, not {'x'.join(map(str, got))} "
                              "(exported without dynamic shapes)")
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
        raise CnnvizError(f"{shown} is a torch.export program with its own weights; --weights none does not apply "
                          "to it (give default or a weights file)")
    parts = _unsafe_or_unreadable(archive, shown)
    if parts and not trust_code:
        more = f" (+{len(parts) - _SHOWN} more)" if len(parts) > _SHOWN else ""
        raise CnnvizError(f"{shown} holds parts that run code when loaded ({', '.join(parts[:_SHOWN])}{more}); "
                          "pass --trust-code (or confirm in the app) only if you trust where it came from")
    shapes = _input_shapes(archive.json("models/model.json"))
    program = _load_program(path, shown)
    module = _unflatten(program, shown, shapes)
    if key.lower() != "default":
        apply_state_dict(module, load_state_dict_file(key), shown_path(key))
    module.register_forward_pre_hook(_shape_check(path.name, shapes))
    module.eval()  # as the program ran: batch norms on their running statistics
    spec, described = _input_spec(shapes)
    info = ModelInfo(path.stem, "export", spec, (), f"torch.export program {path.name}", described=described)
    return module, info


def _checked_archive(path: Path, shown: str) -> _Archive:
    problem = file_problem(path)
    if problem is not None:
        raise CnnvizError(f"model file not found: {shown}" if problem[1] == "does not exist"
                          else f"model path {shown} {problem[1]}")
    archive = _open(path)
    if archive is not None:
        return archive
    raise CnnvizError(f"{shown} is not a torch.export program: {_what_it_is(path)}")


def _what_it_is(path: Path) -> str:
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(4)
    except OSError as exc:
        return f"it cannot be read ({reason(exc)})"
    if size == 0:
        return "the file is empty"
    if is_torchscript_archive(path):
        return ("it is a TorchScript archive, which runs code: pass it under a .pt name with --trust-code "
                "if you trust where it came from")
    if zipfile.is_zipfile(path):
        return "it is a zip archive without torch.export's layout (archive_format, models/model.json)"
    if head == b"PK\x03\x04":
        return "a truncated or damaged zip archive"
    return "not a zip archive (torch.export.save writes one)"


def _unsafe_or_unreadable(archive: _Archive, shown: str, find=None) -> list[str]:
    """``find(archive)`` (:func:`_unsafe` by default); a damaged index is one CnnvizError."""
    try:
        return (find or _unsafe)(archive)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, EOFError, AttributeError, RuntimeError) as exc:
        raise CnnvizError(f"{shown} is a damaged torch.export program ({reason(exc)})") from None


def _load_program(path: Path, shown: str) -> torch.export.ExportedProgram:
    import logging

    logger = logging.getLogger("torch.export")
    level = logger.level
    logger.setLevel(logging.ERROR)  # torch logs a warning with a traceback before its fallback
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Accessing the data pointer of FakeTensor", category=UserWarning)
            return torch.export.load(os.fspath(path))
    except Exception as exc:  # the deserializer raises many kinds on a damaged program
        raise CnnvizError(f"{shown} could not be loaded as a torch.export program ({reason(exc)})") from None
    finally:
        logger.setLevel(level)


def _unflatten(program: torch.export.ExportedProgram, shown: str, shapes) -> nn.Module:
    try:
        module = torch.export.unflatten(program)
    except Exception as exc:
        raise CnnvizError(f"{shown}: the program cannot be unflattened to its modules ({reason(exc)})") from None
    example = _example_input(program, shapes)
    if example is not None:
        restore_modules(module, program, example)
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
