"""Reading a torch.export archive (``.pt2``) without running anything from it: its layout, the entries its
index marks as pickled, every other part that ``torch.export.load`` or the program would execute as code
(see :mod:`cnnviz.core.models.exported`), and the shapes of the inputs it was exported for.
"""

from __future__ import annotations

import ast
import io
import json
import os
import re
import zipfile
from pathlib import Path
from typing import Any, Callable, Iterator

import torch

from ..errors import CnnvizError, reason
from ..i18n import translator
from ..paths import file_problem, shown_path

tr = translator(__name__)

__all__ = ["Archive", "example_input_shape", "input_shapes", "is_export_archive", "open_archive", "pickled_entries",
           "read_index", "unsafe_parts"]

_ATEN_TARGET = re.compile(r"^torch\.ops\.(aten|prims)\.[A-Za-z][A-Za-z0-9_]*\.[A-Za-z][A-Za-z0-9_]*$")
_FILE_OPS = frozenset({"save", "from_file"})  # aten::save(t, filename) writes a file, from_file reads one
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

class Archive:
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


def open_archive(path: Path) -> Archive | None:
    """The archive when ``path`` has torch.export's pt2 layout, else None (never raises, opens no FIFO)."""
    if file_problem(path) is not None:
        return None
    try:
        archive = Archive(path)
        if archive.read("archive_format") != b"pt2" or "model" not in archive.models():
            return None
        return archive
    except (OSError, zipfile.BadZipFile, KeyError, UnicodeDecodeError, ValueError, EOFError):
        return None


def is_export_archive(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a zip with torch.export's pt2 layout (``<root>/archive_format`` = ``pt2`` and
    ``<root>/models/model.json``), as ``torch.export.save`` writes. Nothing in it is unpickled."""
    return open_archive(Path(path)) is not None


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
    archive = open_archive(Path(path))
    return [] if archive is None else read_index(archive, shown_path(path), _pickled)


def _pickled(archive: Archive) -> list[str]:
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
    archive = open_archive(Path(path))
    return [] if archive is None else read_index(archive, shown_path(path), _unsafe)


def _unsafe(archive: Archive) -> list[str]:
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


def _unsafe_sample_inputs(archive: Archive, model: str) -> list[str]:
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
    """aten / prims operators (except those that write or read files), symbolic-size helpers, arithmetic."""
    if _ATEN_TARGET.match(target):
        return target.split(".")[3] not in _FILE_OPS
    return bool(_SYM_TARGET.match(target)) or target in _OPERATOR_TARGETS


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
    archive = open_archive(Path(path))
    return None if archive is None else read_index(
        archive, shown_path(path), lambda a: input_shapes(a.json("models/model.json")))


def input_shapes(program: dict) -> tuple[tuple[int | None, ...], ...] | None:
    """The user inputs' shapes in a program's JSON (``models/model.json``), None where not recorded."""
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


def read_index(archive: Archive, shown: str, find: Callable[[Archive], Any] | None = None) -> Any:
    """``find(archive)`` (the parts that run code by default), with a damaged index as one CnnvizError
    naming ``shown``."""
    try:
        return (find or _unsafe)(archive)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, EOFError, AttributeError, RuntimeError) as exc:
        raise CnnvizError(tr("{path} is a damaged torch.export program ({reason})").format(
            path=shown, reason=reason(exc))) from None
