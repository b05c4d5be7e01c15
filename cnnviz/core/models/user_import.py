"""Running the user's model code: importing a ``.py`` file afresh or a package module, and saying in one line
what the code raised.

A file is imported under a new module name on every load, with no bytecode cache, while its own folder is
first on ``sys.path`` and the sibling modules it shadows are evicted from ``sys.modules`` (cnnviz, installed
packages and the standard library never are), so an edited ``net.py`` or ``blocks.py`` is read again.
``sys.path`` and ``sys.modules`` are shared by every thread: imports of user files take turns
(:data:`IMPORTING`). Whatever the code raises becomes ``file:line: Type: message`` at the user's deepest frame.
"""

from __future__ import annotations

import importlib
import importlib.util
import itertools
import os
import re
import sys
import threading
import traceback
from pathlib import Path
from types import ModuleType
from typing import Any, Callable

from ..errors import CnnvizError, one_line, reason
from ..i18n import translator
from ..paths import shown_path

tr = translator(__name__)

__all__ = ["IMPORTING", "clip", "folder_importable", "import_file", "import_module", "run_user"]

NAME_LIMIT = 40  # characters of one name shown in a message
_LOADS = itertools.count(1)  # makes every import of a file a new module
IMPORTING = threading.Lock()  # sys.path and sys.modules are shared: one user import at a time


def clip(name: str, limit: int = NAME_LIMIT) -> str:
    """``name`` cut to ``limit`` characters (ending in ``...``) for a message."""
    return name if len(name) <= limit else f"{name[:limit - 3]}..."


# --------------------------------------------------------------------------- importing

def import_file(path: Path) -> ModuleType:
    """Execute ``path`` as a new module (within :class:`folder_importable` of its folder)."""
    folder = path.resolve().parent
    stem = re.sub(r"\W", "_", path.stem)[:NAME_LIMIT]
    name = f"_cnnviz_user_{next(_LOADS)}_{stem}"
    source = path.read_bytes()
    try:
        code = compile(source, str(path), "exec", dont_inherit=True)
    except SyntaxError as exc:
        raise CnnvizError(_syntax_message(exc, path)) from None
    except ValueError as exc:  # NUL bytes
        raise CnnvizError(tr("model code {path} is not Python source ({reason})").format(
            path=shown_path(path), reason=reason(exc))) from None
    module_spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(module_spec)  # type: ignore[arg-type]
    sys.modules[name] = module  # dataclasses, pickling and inspect look classes up by module name
    try:
        run_user(lambda: exec(code, module.__dict__), folder, path)  # noqa: S102 - trusted by the user
    except CnnvizError:
        sys.modules.pop(name, None)
        raise
    return module


def import_module(dotted: str) -> ModuleType:
    top = dotted.split(".")[0]
    try:
        top_spec = importlib.util.find_spec(top)
    except (ImportError, ValueError) as exc:
        raise CnnvizError(tr("cannot import {name} ({reason})").format(name=clip(dotted, 80), reason=reason(exc))
                          ) from None
    if top_spec is None:
        raise CnnvizError(tr("cannot import {name}: no module named {top} (install it, or run cnnviz from the folder "
                             "that holds it, or add that folder to PYTHONPATH)").format(name=clip(dotted, 80),
                                                                                         top=clip(top)))
    roots = list(top_spec.submodule_search_locations or []) or [os.path.dirname(top_spec.origin or "")]
    folder = Path(roots[0]).resolve() if roots and roots[0] else None

    def do_import() -> ModuleType:
        with IMPORTING:  # not while a file's folder is first on sys.path; afresh, so that Reload sees an edit
            for name, module in list(sys.modules.items()):
                if (name == top or name.startswith(top + ".")) and not _protected(module):
                    del sys.modules[name]
            importlib.invalidate_caches()
            try:
                return importlib.import_module(dotted)
            except ModuleNotFoundError as exc:
                if exc.name and (dotted == exc.name or dotted.startswith(exc.name + ".")):  # not found, not failing
                    raise CnnvizError(tr("cannot import {name} ({reason})").format(
                        name=clip(dotted, 80), reason=reason(exc))) from None
                raise

    return run_user(do_import, folder, None, tr("module {name}").format(name=clip(dotted, 80)))


class folder_importable:
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


# --------------------------------------------------------------------------- errors in the user's code

def run_user(call: Callable[[], Any], folder: Path | None, path: Path | None,
              label: str | None = None) -> Any:
    """``call()``, with an exception raised by the user's code turned into ``file:line: Type: message``."""
    try:
        return call()
    except CnnvizError:
        raise
    except SyntaxError as exc:  # in a sibling module the file imports
        raise CnnvizError(_syntax_message(exc, Path(exc.filename) if exc.filename else path)) from None
    except (Exception, SystemExit) as exc:  # noqa: BLE001 - the user's code may raise anything
        where = _user_frame(exc, folder, path, label if label is not None else tr("the model code"))
        why = f"{exc.code}" if isinstance(exc, SystemExit) else reason(exc)
        raise CnnvizError(f"{where}: {type(exc).__name__}: {clip(why, 120)}") from None


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
    where = shown_path(path) if path is not None else tr("the model code")
    line = f":{exc.lineno}" if exc.lineno else ""
    return f"{where}{line}: SyntaxError: {one_line(exc.msg or 'invalid syntax', 120)}"
