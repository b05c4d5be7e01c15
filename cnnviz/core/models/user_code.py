"""The user's own code as a model: ``FILE.py:NAME`` and ``package.module:NAME``.

NAME is an ``nn.Module`` subclass or a function returning a module, called with no arguments.
Importing code runs it, so :func:`load_user_model` imports nothing unless ``trust_code`` is given.
A file is imported afresh on every load (a unique module name each time, no bytecode cache), with
its own folder first on ``sys.path`` and its sibling modules re-read, so a student who edits
``net.py`` or ``blocks.py`` and loads again sees the change (:mod:`.user_import`). Every mistake in the code (a syntax
error, an exception while importing or building, a missing NAME, arguments NAME needs) is one
line naming the file and line in the user's code.
"""

from __future__ import annotations

import hashlib
import inspect
import io
import os
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Callable

from torch import nn

from ..errors import CnnvizError, reason
from ..i18n import translator
from ..paths import file_problem, is_absent, shown_path
from ..spec import InputSpec, ModelInfo
from .user_import import IMPORTING, clip, folder_importable, import_file, import_module, run_user

tr = translator(__name__)

__all__ = ["CodeSpec", "UntrustedCodeError", "load_user_model", "looks_like_code", "parse_code_spec"]

_DOTTED = re.compile(r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$")
_PY_THEN_NAME = re.compile(r"^(.*?\.py):", re.IGNORECASE)  # FILE.py: followed by something that is not a NAME
_LISTED_LIMIT = 30  # characters of each name in a list of names
_NAMES_SHOWN = 6  # names listed before "(+N more)"


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
        return f"{where}:{clip(self.attr)}" if self.attr else str(where)

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
        raise CnnvizError(tr("'{text}' is not FILE.py:NAME: give the class or function that builds the model after "
                             "the colon, a Python name (e.g. --model {file}:Net)").format(text=clip(text, 80),
                                                                                           file=clip(bad[1], 80)))
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
    if choices:
        return tr("{where} needs :NAME, the class or function that builds the model (e.g. --model {where}:{example}); "
                  "it defines {names}").format(where=where, example=example, names=_few(choices))
    return tr("{where} needs :NAME, the class or function that builds the model (e.g. --model {where}:{example})"
              ).format(where=where, example=example)


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
        raise UntrustedCodeError(tr("{label} is Python code and loading it runs it: add --trust-code if you trust "
                                    "{where}").format(label=spec.label, where=_where(spec)))
    if spec.file is None:
        net = _build(spec, import_module(spec.module or ""))
    else:  # the folder stays importable while NAME builds (a constructor may import a sibling itself)
        with IMPORTING, folder_importable(spec.file.resolve().parent):
            net = _build(spec, import_file(spec.file))
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
        raise CnnvizError(tr("{text} is not user code: give FILE.py:NAME or package.module:NAME").format(
            text=clip(text, 80)))
    return spec


def _check_source(path: Path) -> None:
    """One line when ``path`` is not a readable, non-empty UTF-8 file (it is read, never run)."""
    where = shown_path(path)
    problem = file_problem(path)
    if is_absent(problem):
        raise CnnvizError(tr("model code file not found: {where}").format(where=where))
    if problem is not None:
        raise CnnvizError(tr("model code {where} {problem}").format(where=where, problem=problem[1]))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CnnvizError(tr("model code {where} cannot be read ({reason})").format(where=where, reason=reason(exc))
                          ) from None
    if not data.strip():
        raise CnnvizError(tr("model code {where} is empty").format(where=where))
    try:  # UTF-8, or what a PEP 263 coding line declares (as for `python FILE.py`)
        encoding = tokenize.detect_encoding(io.BytesIO(data).readline)[0]
    except SyntaxError:  # bytes that are not UTF-8 and no coding line: said below
        encoding = "utf-8"
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        if isinstance(exc, UnicodeDecodeError):
            raise CnnvizError(tr("model code {where} is not {encoding} text (byte {byte}); save it as UTF-8").format(
                where=where, encoding=encoding, byte=exc.start)) from None
        raise CnnvizError(tr("model code {where} is not {encoding} text; save it as UTF-8").format(
            where=where, encoding=encoding)) from None


# --------------------------------------------------------------------------- building

def _build(spec: CodeSpec, module: ModuleType) -> nn.Module:
    """Call NAME (say which names there are when it is missing or not given)."""
    if not spec.attr:
        raise CnnvizError(_missing_name_message(spec.file or Path("?"), _candidates(module), _example(module)))
    label = spec.label
    if not hasattr(module, spec.attr):
        choices = _candidates(module)
        found = (tr("it defines {names}").format(names=_few(choices)) if choices
                 else tr("it defines no nn.Module class or factory function"))
        raise CnnvizError(tr("{where}: there is no {name} in it; {found}").format(
            where=_where(spec), name=clip(spec.attr), found=found))
    obj = getattr(module, spec.attr)
    if isinstance(obj, nn.Module):
        return obj  # a module built at import time (net = Net())
    if inspect.isclass(obj) and not issubclass(obj, nn.Module):
        raise CnnvizError(tr("{label} is a class but not an nn.Module subclass").format(label=label))
    if not callable(obj):
        raise CnnvizError(tr("{label} is a {type}, not an nn.Module class or a function returning one").format(
            label=label, type=_type_name(obj)))
    needed = _required_parameters(obj)
    if needed:
        raise CnnvizError(tr("{label} needs arguments ({names}) but cnnviz calls it with none: give them defaults, "
                             "or add a function that builds the model with its arguments").format(
                                 label=label, names=_few(needed)))
    file = spec.file or getattr(module, "__file__", None)
    folder = Path(file).resolve().parent if file else None
    result = run_user(obj, folder, spec.file, label)
    if not isinstance(result, nn.Module):
        raise CnnvizError(tr("{label} returned a {type}, not an nn.Module").format(
            label=label, type=_type_name(result)))
    return result


def _required_parameters(obj: Callable) -> list[str]:
    try:
        signature = inspect.signature(obj)
    except (TypeError, ValueError):  # builtins and odd callables: just call them
        return []
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    return [clip(p.name) for p in signature.parameters.values()
            if p.kind in kinds and p.default is inspect.Parameter.empty]


def _module_classes(module: ModuleType) -> list[tuple[str, type]]:
    return [(name, obj) for name, obj in vars(module).items() if not name.startswith("_") and inspect.isclass(obj)
            and issubclass(obj, nn.Module) and obj.__module__ == module.__name__]


def _candidates(module: ModuleType) -> list[str]:
    """The nn.Module classes and model factories defined in ``module``, by name (factories as ``name()``)."""
    factories = [f"{clip(name, _LISTED_LIMIT)}()" for name, obj in vars(module).items()
                 if not name.startswith("_") and inspect.isfunction(obj) and obj.__module__ == module.__name__
                 and _returns_module(obj)]
    return [clip(name, _LISTED_LIMIT) for name, _ in _module_classes(module)] + factories


def _example(module: ModuleType) -> str | None:
    """The last nn.Module class defined in ``module`` that takes no arguments (the network, usually)."""
    built = [name for name, obj in _module_classes(module) if not _required_parameters(obj)]
    return clip(built[-1]) if built else None


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


# --------------------------------------------------------------------------- wording

def _where(spec: CodeSpec) -> str:
    return shown_path(spec.file) if spec.file is not None else tr("module {name}").format(name=spec.module)


def _few(names: list[str], shown: int = _NAMES_SHOWN) -> str:
    text = ", ".join(names[:shown])
    if len(names) <= shown:
        return text
    return tr("{names} (+{count} more)").format(names=text, count=len(names) - shown)


def _type_name(obj: Any) -> str:
    return clip(type(obj).__name__)
