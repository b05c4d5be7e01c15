"""Which models run code when they load, and which of those files the user has already allowed to run.

Importing a user's ``FILE.py:NAME`` (or ``package.module:NAME``), loading a TorchScript archive, or a ``.pt2``
program whose archive holds pickled entries runs code from the file. The app asks before that happens, once
per file until the file changes: :class:`CodeTrust` keeps the fingerprint (sha256) of each file the user
allowed, and a file whose fingerprint differs (the student edited it) is asked about again.

The classes and factories a ``.py`` file offers are found with :mod:`ast`, without running the file.
No Qt here.
"""

from __future__ import annotations

import ast
import hashlib
import sys
from pathlib import Path

from ..core.errors import CnnvizError, one_line
from ..core.i18n import translator
from ..core.models.user_code import CodeSpec, parse_code_spec
from ..core.paths import shown_path

tr = translator(__name__)

MAX_SOURCE_BYTES = 8 * 1024 * 1024  # a Python file bigger than this is not someone's network


def _code_spec(model: str) -> CodeSpec | None:
    """The loader's own reading of ``model`` (None for anything that is not ``FILE.py:NAME`` /
    ``package.module:NAME``, a ``.py`` without a name included: the loader words that)."""
    try:
        return parse_code_spec(model)
    except CnnvizError:
        return None


def split_spec(model: str) -> tuple[str, str] | None:
    """``("FILE.py" or "package.module", "NAME")`` for a code spec; None for anything else."""
    spec = _code_spec(model)
    if spec is None:
        return None
    return (str(spec.file) if spec.file is not None else spec.module or ""), spec.attr


def is_code_spec(model: str) -> bool:
    """Whether ``model`` names a class or factory in Python code (``FILE.py:NAME``, ``package.module:NAME``)."""
    return _code_spec(model) is not None


def is_file_spec(model: str) -> bool:
    """Whether ``model`` is ``FILE.py:NAME`` (not ``package.module:NAME``)."""
    spec = _code_spec(model)
    return spec is not None and spec.file is not None


def _module_file(dotted: str) -> Path | None:
    """The file of ``package.module`` on ``sys.path``, found without importing anything."""
    parts = dotted.split(".")
    for entry in [*sys.path]:
        base = Path(entry or ".").joinpath(*parts)
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.is_file():
                return candidate.resolve()
    return None


def code_file(model: str) -> Path | None:
    """The file whose contents run when ``model`` loads (the ``.py`` of a spec, or the archive itself)."""
    spec = _code_spec(model)
    if spec is not None:
        if spec.file is not None:
            path = spec.file.expanduser()
            return path.resolve() if path.is_file() else None
        return _module_file(spec.module or "")
    path = Path(model).expanduser()
    return path.resolve() if path.is_file() else None


def names_missing_file(model: str) -> bool:
    """``FILE.py:NAME`` (or an archive) whose file does not exist: nothing can run, the loader says so."""
    spec = _code_spec(model)
    if spec is not None and spec.file is None:
        return False  # package.module: found by the import system, maybe not as a file
    return not (spec.file if spec is not None else Path(model)).expanduser().exists()


_DIGESTS: dict[tuple, str] = {}  # (path, inode, size, mtime) -> sha256: an unchanged archive is hashed once


def _sha256(path: Path) -> str:
    """The file's sha256, read once per version of the file (a model archive may be hundreds of MB, and this
    runs on the GUI thread whenever the model is asked for again: a device change, Reload)."""
    stat = path.stat()
    key = (str(path), stat.st_ino, stat.st_size, stat.st_mtime_ns)
    if key not in _DIGESTS:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        _DIGESTS[key] = digest.hexdigest()
    return _DIGESTS[key]


def fingerprint(model: str) -> str | None:
    """The sha256 of the code ``model`` runs (``CodeSpec.fingerprint()`` for a file spec, the module's file
    found on ``sys.path`` for ``package.module:NAME``, the archive's bytes otherwise); None if unreadable."""
    spec = _code_spec(model)
    if spec is not None and spec.file is not None:
        return spec.fingerprint()
    path = code_file(model)
    try:
        return _sha256(path) if path is not None else None
    except OSError:
        return None


def trust_key(model: str) -> str:
    """What is allowed: the file (any NAME in an allowed file may load), or the spec text without one."""
    path = code_file(model)
    return str(path) if path is not None else model.strip()


class CodeTrust:
    """The files the user allowed to run, each with the fingerprint it had then."""

    def __init__(self) -> None:
        self._allowed: dict[str, str] = {}

    def allowed(self, model: str, print_: str | None = None) -> bool:
        """Whether ``model``'s file was allowed and has not changed since (``print_``: its fingerprint now)."""
        print_ = fingerprint(model) if print_ is None else print_
        return print_ is not None and self._allowed.get(trust_key(model)) == print_

    def allow(self, model: str, print_: str | None) -> None:
        """Remember that the user allowed ``model``'s file as it was when asked (``print_``)."""
        if print_ is not None:
            self._allowed[trust_key(model)] = print_


# --------------------------------------------------------------------------- what a .py file offers

def _mentions_module(base: ast.expr) -> bool:
    """``nn.Module``, ``Module``, ``torch.nn.Module``, ``nn.Sequential``... (a torch.nn base, by its name)."""
    names = {node.id for node in ast.walk(base) if isinstance(node, ast.Name)}
    names |= {node.attr for node in ast.walk(base) if isinstance(node, ast.Attribute)}
    return bool(names & {"Module", "Sequential", "ModuleList", "ModuleDict"}) or "nn" in names


def _source_tree(path: Path) -> ast.Module:
    try:
        if path.stat().st_size > MAX_SOURCE_BYTES:
            raise CnnvizError(tr("{path}: too big for a Python model file ({size} MB)").format(
                path=shown_path(path), size=f"{path.stat().st_size / 1e6:.0f}"))
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise CnnvizError(tr("{path}: not a Python file (not UTF-8 text)").format(path=shown_path(path))) from None
    except OSError as exc:
        raise CnnvizError(tr("{path}: cannot be read ({reason})").format(path=shown_path(path),
                                                                        reason=exc.strerror or exc)) from None
    try:
        return ast.parse(text, filename=str(path))
    except SyntaxError as exc:
        raise CnnvizError(tr("{path}, line {line}: SyntaxError: {message}").format(
            path=shown_path(path), line=exc.lineno, message=one_line(exc.msg or "", 120))) from None
    except ValueError as exc:  # null bytes
        raise CnnvizError(tr("{path}: not a Python file ({reason})").format(path=shown_path(path),
                                                                           reason=one_line(str(exc), 80))) from None


def module_candidates(path: Path) -> list[str]:
    """The names ``FILE.py:NAME`` can take, found without running the file: classes whose bases mention
    ``Module`` (or another ``torch.nn`` container), then top-level public functions (factories).

    Raises
    ------
    CnnvizError
        The file cannot be read, is not UTF-8 text, or does not parse (file, line and error).
    """
    tree = _source_tree(path)
    classes = [node for node in tree.body if isinstance(node, ast.ClassDef)]
    module_classes: set[str] = set()
    for _ in classes:  # a class deriving from a Module class of the same file is one too
        for node in classes:
            if node.name not in module_classes and any(
                    _mentions_module(b) or (isinstance(b, ast.Name) and b.id in module_classes) for b in node.bases):
                module_classes.add(node.name)
    names = [node.name for node in classes if node.name in module_classes]
    names += [node.name for node in tree.body
              if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("_")]
    return names


def likely_network(path: Path, names: list[str]) -> str | None:
    """The name to offer first: the last Module class no other candidate class uses (the network built from
    the blocks above it, as the course notes write it); else the first name."""
    if not names:
        return None
    tree = _source_tree(path)
    classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef) and node.name in names}
    used = {n.id for node in classes.values() for n in ast.walk(node) if isinstance(n, ast.Name) and n.id != node.name}
    unused = [name for name in classes if name not in used]
    return unused[-1] if unused else names[0]
