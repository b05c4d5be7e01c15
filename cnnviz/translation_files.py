"""The translation sources: find the strings marked with ``tr(...)`` / ``N_(...)``, keep them in Qt's ``.ts`` files,
compile those to the ``.qm`` the app loads.

One ``.ts`` file per module and language, ``resources/translations/<language>/<module>.ts``, whose one context is
the module's name (the context :mod:`cnnviz.core.i18n` looks texts up under). A developer's tool::

    python -m cnnviz.translation_files update [FILE.py ...]      # the .ts files of those modules (default: all)
    python -m cnnviz.translation_files todo [FILE.py ...]        # JSON {"source": ""} of texts not yet translated
    python -m cnnviz.translation_files fill T.json [FILE.py ...] # {"source": "translation"} into those .ts files
    python -m cnnviz.translation_files check [FILE.py ...]       # problems, one a line; exit status 1 if any
    python -m cnnviz.translation_files compile                   # resources/translations/cnnviz_<language>.qm

Compiling runs Qt's ``lrelease`` (shipped with PySide6). Only literals can be found: a ``tr(f"...")`` is reported by
``check``.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import cnnviz

PACKAGE = Path(cnnviz.__file__).resolve().parent
LANGUAGE = "zh_CN"
MARKERS = ("tr", "N_")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\(?\w*\)?[sdfr]")


@dataclass(frozen=True)
class Marked:
    """One marked literal (``text``) at ``line`` of a module, or a call that cannot be found (``problem``)."""

    text: str
    line: int
    problem: str | None = None


def translations_dir() -> Path:
    from .core.resources import resources_dir

    return resources_dir() / "translations"


def module_of(path: Path) -> str:
    """``.../cnnviz/gui/menus.py`` -> ``cnnviz.gui.menus`` (``__init__.py`` -> the package)."""
    parts = path.resolve().relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def ts_path(module: str, language: str = LANGUAGE) -> Path:
    return translations_dir() / language / f"{module}.ts"


def source_files(args: list[str] | None = None) -> list[Path]:
    """The given files, or every module of the package."""
    if args:
        return [Path(a).resolve() for a in args]
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def marked(path: Path) -> list[Marked]:
    """The literals ``tr("...")`` and ``N_("...")`` marked in a file, in order, and the marked calls whose
    argument is built (an f-string, a ``+`` or ``%`` of literals) and so cannot be translated."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MARKERS):
            continue
        if len(node.args) != 1 or node.keywords:
            found.append(Marked("", node.lineno, f"{node.func.id}() takes one literal"))
            continue
        arg = node.args[0]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            found.append(Marked(arg.value, node.lineno))
        elif isinstance(arg, (ast.JoinedStr, ast.BinOp)):
            found.append(Marked("", node.lineno, f"{node.func.id}() of a built string (use a literal and .format)"))
    return sorted(found, key=lambda m: m.line)


def read_ts(path: Path) -> dict[str, str]:
    """Finished translations of a ``.ts`` file by source text (empty when there is none)."""
    if not path.exists():
        return {}
    out = {}
    for message in ET.parse(path).getroot().iter("message"):
        source, translation = message.findtext("source"), message.find("translation")
        if source and translation is not None and translation.get("type") is None and translation.text:
            out[source] = translation.text
    return out


def write_ts(path: Path, module: str, messages: list[Marked], translations: dict[str, str], rel: str,
             language: str = LANGUAGE) -> None:
    """Write the ``.ts`` file of one module: each marked text once, with its translation or marked unfinished."""
    root = ET.Element("TS", version="2.1", language=language)
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = module
    seen = set()
    for m in messages:
        if m.problem or m.text in seen:
            continue
        seen.add(m.text)
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "location", filename=rel)  # no line: edits elsewhere leave the file alone
        ET.SubElement(message, "source").text = m.text
        translation = ET.SubElement(message, "translation")
        if m.text in translations:
            translation.text = translations[m.text]
        else:
            translation.set("type", "unfinished")
    ET.indent(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = ET.tostring(root, encoding="unicode")
    path.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{text}\n', encoding="utf-8")


def update(files: list[Path], extra: dict[str, str] | None = None) -> list[Path]:
    """(Re)write the ``.ts`` file of each file that marks texts (keeping its translations; ``extra`` adds some);
    returns the files written. A module that marks nothing loses its ``.ts`` file."""
    written = []
    for path in files:
        module, messages = module_of(path), marked(path)
        target = ts_path(module)
        translations = {**read_ts(target), **(extra or {})}
        if not any(not m.problem for m in messages):
            target.unlink(missing_ok=True)
            continue
        write_ts(target, module, messages, translations, str(path.resolve().relative_to(PACKAGE.parent)))
        written.append(target)
    return written


def placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def problems(files: list[Path]) -> list[str]:
    """Every marked text without a translation, with different placeholders, or that cannot be found."""
    out = []
    for path in files:
        module = module_of(path)
        translations = read_ts(ts_path(module))
        for m in marked(path):
            where = f"{path.relative_to(PACKAGE.parent)}:{m.line}"
            if m.problem:
                out.append(f"{where}: {m.problem}")
            elif m.text not in translations:
                out.append(f"{where}: not translated: {m.text!r}")
            elif placeholders(m.text) != placeholders(translations[m.text]):
                out.append(f"{where}: placeholders differ: {m.text!r} -> {translations[m.text]!r}")
    return out


def lrelease() -> list[str]:
    """The command that runs Qt's lrelease (PySide6's wrapper, beside this Python)."""
    script = Path(sys.executable).with_name("pyside6-lrelease")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from PySide6.scripts.pyside_tool import lrelease; sys.exit(lrelease())"]


def compile_qm(language: str = LANGUAGE, target: Path | None = None) -> Path:
    """Compile every ``.ts`` file of ``language`` into one ``.qm`` (default: the one the app loads)."""
    sources = sorted((translations_dir() / language).glob("*.ts"))
    target = target or translations_dir() / f"cnnviz_{language}.qm"
    if not sources:
        raise SystemExit(f"no .ts files in {translations_dir() / language}")
    subprocess.run([*lrelease(), "-silent", *map(str, sources), "-qm", str(target)], check=True)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cnnviz.translation_files", description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=["update", "todo", "fill", "check", "compile"])
    parser.add_argument("args", nargs="*", help="fill: the JSON file first; then the modules (default: all)")
    ns = parser.parse_args(argv)
    if ns.action == "compile":
        print(compile_qm())
        return 0
    if ns.action == "fill":
        if not ns.args:
            parser.error("fill needs a JSON file of {source: translation}")
        extra = json.loads(Path(ns.args[0]).read_text(encoding="utf-8"))
        files = source_files(ns.args[1:])
        for path in update(files, {k: v for k, v in extra.items() if isinstance(v, str) and v.strip()}):
            print(path)
        return 0
    files = source_files(ns.args)
    if ns.action == "update":
        for path in update(files):
            print(path)
        return 0
    if ns.action == "todo":
        todo = {}
        for path in files:
            done = read_ts(ts_path(module_of(path)))
            todo.update({m.text: "" for m in marked(path) if not m.problem and m.text not in done})
        print(json.dumps(todo, ensure_ascii=False, indent=1))
        return 0
    found = problems(files)
    print("\n".join(found) if found else "ok")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
