"""The user's own code as a model: ``FILE.py:NAME`` and ``package.module:NAME``.

NAME is an ``nn.Module`` subclass or a function returning a module, called with no arguments.
Importing code runs it, so :func:`load_user_model` imports nothing unless ``trust_code`` is given.
A file is imported afresh on every load (a unique module name each time, no bytecode cache), with
its own folder first on ``sys.path`` and its sibling modules re-read, so a student who edits
``net.py`` or ``blocks.py`` and loads again sees the change. Every mistake in the code (a syntax
error, an exception while importing or building, a missing NAME, arguments NAME needs) is one
line naming the file and line in the user's code.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import inspect
import io
import itertools
import os
import re
import sys
import threading
import tokenize
import traceback
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Callable

from torch import nn

from ..errors import CnnvizError, one_line, reason
from ..paths import file_problem, shown_path
from ..spec import InputSpec, ModelInfo

__all__ = ["CodeSpec", "UntrustedCodeError", "load_user_model", "looks_like_code", "parse_code_spec"]

_DOTTED = re.compile(r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$")
_PY_THEN_NAME = re.compile(r"^(.*?\.py):", re.IGNORECASE)  # FILE.py: followed by something that is not a NAME
_NAME_LIMIT = 40  # characters of one name shown in a message
_LISTED_LIMIT = 30  # characters of each name in a list of names
_NAMES_SHOWN = 6  # names listed before "(+N more)"
_LOADS = itertools.count(1)  # makes every import of a file a new module
_IMPORTING = threading.Lock()  # sys.path and sys.modules are shared: one user import at a time


class _MissingName(CnnvizError):
    """A ``.py`` file given without ``:NAME``."""


class UntrustedCodeError(CnnvizError):
    """Loading this model would run the user's code, and trust was not given (the app asks, then retries)."""


@dataclass(frozen=True)
class CodeSpec:
    """Where the user's model is: a ``.py`` file or an importable module, and the name in it.

    Attributes
    ----------
    file
        The ``.py`` file as given (``None`` for a package module).
    module
        The dotted module name (``None`` for a file).
    attr
        The class or function that builds the model.
    """

    file: Path | None
    module: str | None
    attr: str

    @property
    def label(self) -> str:
        """``FILE.py:NAME`` or ``package.module:NAME``, for messages and titles."""
        where = shown_path(self.file) if self.file is not None else self.module
        return f"{where}:{_clip(self.attr)}" if self.attr else str(where)

    def fingerprint(self) -> str | None:
        """The SHA-256 of the file's bytes (``None`` for a package module, or a file that cannot be read).

        The app asks for trust once per file until this changes.
        """
        if self.file is None or file_problem(self.file) is not None:
            return None
        try:
            return hashlib.sha256(self.file.read_bytes()).hexdigest()
        except OSError:
            return None


# --------------------------------------------------------------------------- parsing

def parse_code_spec(text: str) -> CodeSpec | None:
    """Read ``FILE.py:NAME`` or ``package.module:NAME``; ``None`` when ``text`` is not user code.

    Parameters
    ----------
    text
        What the user gave as the model. Paths may be relative, absolute or Windows paths
        (``C:\\work\\net.py:Net``).

    Returns
    -------
    CodeSpec or None
        ``None`` for a built-in name, a ``timm/...`` name or a file path without ``:NAME``.

    Raises
    ------
    CnnvizError
        A ``.py`` file without ``:NAME`` (it says to add one).
    """
    text = os.fspath(text).strip()
    if not text or text.startswith("timm/"):
        return None
    left, sep, attr = text.rpartition(":")
    if sep and attr.isidentifier():
        if left.lower().endswith(".py"):
            return CodeSpec(Path(left), None, attr)
        if _DOTTED.match(left):
            return CodeSpec(None, left, attr)
    elif text.lower().endswith(".py"):
        raise _MissingName(_missing_name_message(Path(text)))
    bad = _PY_THEN_NAME.match(text)
    if bad:  # net.py:, net.py:1st, net.py:Net:extra
        raise CnnvizError(f"'{_clip(text, 80)}' is not FILE.py:NAME: give the class or function that builds the "
                          f"model after the colon, a Python name (e.g. --model {_clip(bad[1], 80)}:Net)")
    return None


def looks_like_code(text: str) -> bool:
    """Whether ``text`` names user code: a code spec, or a ``.py`` file whose ``:NAME`` is missing."""
    text = os.fspath(text).strip()
    try:
        return parse_code_spec(text) is not None
    except CnnvizError:
        return True


def _missing_name_message(path: Path, choices: list[str] | None = None, example: str | None = None) -> str:
    where = shown_path(path)
    example = example or "Net"
    listed = f"; it defines {_few(choices)}" if choices else ""
    return (f"{where} needs :NAME, the class or function that builds the model "
            f"(e.g. --model {where}:{example}){listed}")


# --------------------------------------------------------------------------- loading

def load_user_model(spec_text: str, *, trust_code: bool) -> tuple[nn.Module, ModelInfo]:
    """Import the user's code and build the model it names.

    Parameters
    ----------
    spec_text
        ``FILE.py:NAME`` or ``package.module:NAME`` (see :func:`parse_code_spec`).
    trust_code
        Importing runs the code: without this nothing is imported and :class:`UntrustedCodeError` is raised.

    Returns
    -------
    tuple of (nn.Module, ModelInfo)
        The module as the code builds it (its own init, its own mode), and ``ModelInfo(family="user",
        described=False)``: user code does not say what input it takes.

    Raises
    ------
    CnnvizError
        One line for every mistake: the file missing, a folder, not UTF-8 or empty; no trust; a syntax
        error or exception in the code (``file:line: Type: message``); NAME missing, needing arguments,
        or returning something that is not a module; a package module that cannot be imported.
    """
    spec = _spec_or_bare_file(os.fspath(spec_text).strip())
    if spec.file is not None:
        _check_source(spec.file)
    if not trust_code and not spec.attr:
        raise CnnvizError(_missing_name_message(spec.file))  # listing what it defines would mean importing it
    if not trust_code:
        raise UntrustedCodeError(f"{spec.label} is Python code and loading it runs it: "
                                 f"add --trust-code if you trust {_where(spec)}")
    if spec.file is None:
        net = _build(spec, _import_module(spec.module or ""))
    else:  # the folder stays importable while NAME builds (a constructor may import a sibling itself)
        with _IMPORTING, _folder_importable(spec.file.resolve().parent):
            net = _build(spec, _import_file(spec.file))
    where = shown_path(spec.file) if spec.file is not None else spec.module
    info = ModelInfo(name=spec.attr, family="user", input=InputSpec(), class_names=(),
                     description=f"{spec.attr} from {where}", described=False)
    return net, info


def _spec_or_bare_file(text: str) -> CodeSpec:
    """The spec ``text`` holds; a ``.py`` file without ``:NAME`` gets an empty ``attr``."""
    try:
        spec = parse_code_spec(text)
    except _MissingName:  # FILE.py alone
        return CodeSpec(Path(text), None, "")
    if spec is None:
        raise CnnvizError(f"{_clip(text, 80)} is not user code: give FILE.py:NAME or package.module:NAME")
    return spec


def _check_source(path: Path) -> None:
    """One line when ``path`` is not a readable, non-empty UTF-8 file (it is read, never run)."""
    where = shown_path(path)
    problem = file_problem(path)
    if problem is not None and problem[1] == "does not exist":
        raise CnnvizError(f"model code file not found: {where}")
    if problem is not None:
        raise CnnvizError(f"model code {where} {problem[1]}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CnnvizError(f"model code {where} cannot be read ({reason(exc)})") from None
    if not data.strip():
        raise CnnvizError(f"model code {where} is empty")
    try:  # UTF-8, or what a PEP 263 coding line declares (as for `python FILE.py`)
        encoding = tokenize.detect_encoding(io.BytesIO(data).readline)[0]
    except SyntaxError:  # bytes that are not UTF-8 and no coding line: said below
        encoding = "utf-8"
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        at = f" (byte {exc.start})" if isinstance(exc, UnicodeDecodeError) else ""
        raise CnnvizError(f"model code {where} is not {encoding} text{at}; save it as UTF-8") from None


def _import_file(path: Path) -> ModuleType:
    """Execute ``path`` as a new module (within :class:`_folder_importable` of its folder)."""
    folder = path.resolve().parent
    stem = re.sub(r"\W", "_", path.stem)[:_NAME_LIMIT]
    name = f"_cnnviz_user_{next(_LOADS)}_{stem}"
    source = path.read_bytes()
    try:
        code = compile(source, str(path), "exec", dont_inherit=True)
    except SyntaxError as exc:
        raise CnnvizError(_syntax_message(exc, path)) from None
    except ValueError as exc:  # NUL bytes
        raise CnnvizError(f"model code {shown_path(path)} is not Python source ({reason(exc)})") from None
    module_spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(module_spec)  # type: ignore[arg-type]
    sys.modules[name] = module  # dataclasses, pickling and inspect look classes up by module name
    try:
        _run_user(lambda: exec(code, module.__dict__), folder, path)  # noqa: S102 - trusted by the user
    except CnnvizError:
        sys.modules.pop(name, None)
        raise
    return module


def _import_module(dotted: str) -> ModuleType:
    top = dotted.split(".")[0]
    try:
        top_spec = importlib.util.find_spec(top)
    except (ImportError, ValueError) as exc:
        raise CnnvizError(f"cannot import {_clip(dotted, 80)} ({reason(exc)})") from None
    if top_spec is None:
        raise CnnvizError(f"cannot import {_clip(dotted, 80)}: no module named {_clip(top)} "
                          "(install it, or run cnnviz from the folder that holds it, or add that folder to PYTHONPATH)")
    roots = list(top_spec.submodule_search_locations or []) or [os.path.dirname(top_spec.origin or "")]
    folder = Path(roots[0]).resolve() if roots and roots[0] else None

    def do_import() -> ModuleType:
        try:
            return importlib.import_module(dotted)
        except ModuleNotFoundError as exc:
            if exc.name and (dotted == exc.name or dotted.startswith(exc.name + ".")):  # not found, not failing
                raise CnnvizError(f"cannot import {_clip(dotted, 80)} ({reason(exc)})") from None
            raise

    return _run_user(do_import, folder, None, f"module {_clip(dotted, 80)}")


class _folder_importable:
    """Within: ``folder`` first on ``sys.path``, its modules imported before evicted, no ``.pyc`` written."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.entry = str(folder)

    def __enter__(self) -> None:
        shadowed = _top_level_names(self.folder)  # what `import x` finds in the folder once it is first
        for name, module in list(sys.modules.items()):
            if (name.split(".")[0] in shadowed or _lives_in(module, self.folder)) and not _protected(module):
                del sys.modules[name]
        self.bytecode = sys.dont_write_bytecode
        sys.dont_write_bytecode = True  # a .pyc written now could outlive an edit within the same second
        sys.path.insert(0, self.entry)
        importlib.invalidate_caches()

    def __exit__(self, *exc: object) -> None:
        sys.dont_write_bytecode = self.bytecode
        if sys.path and sys.path[0] == self.entry:
            del sys.path[0]
        elif self.entry in sys.path:
            sys.path.remove(self.entry)


def _top_level_names(folder: Path) -> set[str]:
    """The modules and packages a folder holds, by import name."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return set()
    return {e.stem for e in entries if e.suffix == ".py" and e.stem.isidentifier()} | {
        e.name for e in entries if e.name.isidentifier() and e.is_dir()}


def _lives_in(module: Any, folder: Path) -> bool:
    """Whether ``module`` was imported from a file under ``folder``."""
    file = getattr(module, "__file__", None)
    return bool(file) and Path(file).is_relative_to(folder)


def _protected(module: Any) -> bool:
    """cnnviz, installed packages and the standard library: never evicted, whatever a model file is called.

    Modules without a file are protected unless they are namespace packages outside site-packages.
    """
    file = getattr(module, "__file__", None)
    if not file:
        return getattr(module, "__path__", None) is None or any("-packages" in p for p in module.__path__)
    resolved = _resolved(file)
    if resolved is None or "-packages" in Path(file).as_posix():
        return True
    return any(resolved.is_relative_to(p) for p in _PROTECTED_ROOTS)


_PROTECTED_ROOTS = tuple({Path(__file__).resolve().parents[2], Path(sys.prefix).resolve(),
                          Path(sys.base_prefix).resolve(), Path(os.__file__).resolve().parent})


# --------------------------------------------------------------------------- building

def _build(spec: CodeSpec, module: ModuleType) -> nn.Module:
    """Call NAME (say which names there are when it is missing or not given)."""
    if not spec.attr:
        raise CnnvizError(_missing_name_message(spec.file or Path("?"), _candidates(module), _example(module)))
    label = spec.label
    if not hasattr(module, spec.attr):
        choices = _candidates(module)
        found = f"it defines {_few(choices)}" if choices else "it defines no nn.Module class or factory function"
        raise CnnvizError(f"{_where(spec)}: there is no {_clip(spec.attr)} in it; {found}")
    obj = getattr(module, spec.attr)
    if isinstance(obj, nn.Module):
        return obj  # a module built at import time (net = Net())
    if inspect.isclass(obj) and not issubclass(obj, nn.Module):
        raise CnnvizError(f"{label} is a class but not an nn.Module subclass")
    if not callable(obj):
        raise CnnvizError(f"{label} is a {_type_name(obj)}, not an nn.Module class or a function returning one")
    needed = _required_parameters(obj)
    if needed:
        raise CnnvizError(f"{label} needs arguments ({_few(needed)}) but cnnviz calls it with none: give them "
                          "defaults, or add a function that builds the model with its arguments")
    file = spec.file or getattr(module, "__file__", None)
    folder = Path(file).resolve().parent if file else None
    result = _run_user(obj, folder, spec.file, label)
    if not isinstance(result, nn.Module):
        raise CnnvizError(f"{label} returned a {_type_name(result)}, not an nn.Module")
    return result


def _required_parameters(obj: Callable) -> list[str]:
    try:
        signature = inspect.signature(obj)
    except (TypeError, ValueError):  # builtins and odd callables: just call them
        return []
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    return [_clip(p.name) for p in signature.parameters.values()
            if p.kind in kinds and p.default is inspect.Parameter.empty]


def _module_classes(module: ModuleType) -> list[tuple[str, type]]:
    return [(name, obj) for name, obj in vars(module).items() if not name.startswith("_") and inspect.isclass(obj)
            and issubclass(obj, nn.Module) and obj.__module__ == module.__name__]


def _candidates(module: ModuleType) -> list[str]:
    """The nn.Module classes and model factories defined in ``module``, by name (factories as ``name()``)."""
    factories = [f"{_clip(name, _LISTED_LIMIT)}()" for name, obj in vars(module).items()
                 if not name.startswith("_") and inspect.isfunction(obj) and obj.__module__ == module.__name__
                 and _returns_module(obj)]
    return [_clip(name, _LISTED_LIMIT) for name, _ in _module_classes(module)] + factories


def _example(module: ModuleType) -> str | None:
    """The last nn.Module class defined in ``module`` that takes no arguments (the network, usually)."""
    built = [name for name, obj in _module_classes(module) if not _required_parameters(obj)]
    return _clip(built[-1]) if built else None


def _returns_module(function: Callable) -> bool:
    """A function annotated to return an nn.Module, or unannotated and callable with no arguments."""
    annotation = inspect.signature(function).return_annotation
    if annotation is inspect.Signature.empty:
        return not _required_parameters(function)
    if isinstance(annotation, str):  # `from __future__ import annotations`: look the dotted name up
        head, *rest = annotation.strip("'\"").split(".")
        annotation = function.__globals__.get(head)
        for part in rest:
            annotation = getattr(annotation, part, None)
    return inspect.isclass(annotation) and issubclass(annotation, nn.Module)


# --------------------------------------------------------------------------- errors in the user's code

def _run_user(call: Callable[[], Any], folder: Path | None, path: Path | None,
              label: str = "the model code") -> Any:
    """``call()``, with an exception raised by the user's code turned into ``file:line: Type: message``."""
    try:
        return call()
    except CnnvizError:
        raise
    except SyntaxError as exc:  # in a sibling module the file imports
        raise CnnvizError(_syntax_message(exc, Path(exc.filename) if exc.filename else path)) from None
    except (Exception, SystemExit) as exc:  # noqa: BLE001 - the user's code may raise anything
        where = _user_frame(exc, folder, path, label)
        why = f"{exc.code}" if isinstance(exc, SystemExit) else reason(exc)
        raise CnnvizError(f"{where}: {type(exc).__name__}: {_clip(why, 120)}") from None


def _user_frame(exc: BaseException, folder: Path | None, path: Path | None, label: str) -> str:
    """``file:line`` of the deepest traceback frame in the user's folder (else the file itself)."""
    inside = [f for f in traceback.extract_tb(exc.__traceback__)
              if folder is not None and (_resolved(f.filename) or Path("/nowhere")).is_relative_to(folder)]
    if not inside:
        return shown_path(path) if path is not None else label
    best = inside[-1]
    shown = path if path is not None and _resolved(best.filename) == _resolved(path) else Path(best.filename)
    return f"{shown_path(shown)}:{best.lineno}"


def _resolved(filename: str | os.PathLike[str]) -> Path | None:
    """The real path of a file (``None`` for ``<frozen ...>`` and ``<string>`` frames, or when it fails)."""
    if os.fspath(filename).startswith("<"):
        return None
    try:
        return Path(filename).resolve()
    except OSError:
        return None


def _syntax_message(exc: SyntaxError, path: Path | None) -> str:
    where = shown_path(path) if path is not None else "the model code"
    line = f":{exc.lineno}" if exc.lineno else ""
    return f"{where}{line}: SyntaxError: {one_line(exc.msg or 'invalid syntax', 120)}"


# --------------------------------------------------------------------------- wording

def _where(spec: CodeSpec) -> str:
    return shown_path(spec.file) if spec.file is not None else f"module {spec.module}"


def _clip(name: str, limit: int = _NAME_LIMIT) -> str:
    return name if len(name) <= limit else f"{name[:limit - 3]}..."


def _few(names: list[str], shown: int = _NAMES_SHOWN) -> str:
    text = ", ".join(names[:shown])
    return text + (f" (+{len(names) - shown} more)" if len(names) > shown else "")


def _type_name(obj: Any) -> str:
    return _clip(type(obj).__name__)
