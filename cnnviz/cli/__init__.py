"""The ``cnnviz`` command: the desktop app by default, and headless subcommands for scripts.

One module per command (``gui``, ``models``, ``summary``, ``capture``, ``render``, ``train``), each with
``add_arguments`` and ``run``; :mod:`.parser` builds the parsers, :mod:`.common` holds the model options
and loading they share. Every error a user can cause ends in one line ``cnnviz: error: ...`` on stderr
and exit status 2; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Sequence

from ..core.errors import user_message as user_error_message  # the one wording, shared with the GUI
from ..core.i18n import translator
from . import argparse_zh
from .console import StderrLine
from .parser import COMMANDS, build_gui_parser, build_parser, command_module

__all__ = ["main", "run_command", "user_error_message"]

tr = translator(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``cnnviz`` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    install_language(argv)  # before any parser is built: help texts are translated as they are made
    first = next((a for a in argv if not a.startswith("-")), None)
    if first in COMMANDS:
        args = build_parser(first).parse_args(argv)
    elif any(a in ("-h", "--help") for a in argv[:1]):
        args = build_parser("gui").parse_args(argv)
    else:
        args = build_gui_parser().parse_args(argv)
        args.command = "gui"
    return run_command(args)


def install_language(argv: Sequence[str]) -> str:
    """Speak the language of ``--lang`` (when given and known), else of ``CNNVIZ_LANG`` or the system; also in
    argparse's own words. Returns the language. An unknown ``--lang`` is left for the app to say."""
    from ..translation import choose_language, install, install_for_cli

    flag = next((a.split("=", 1)[1] for a in argv if a.startswith("--lang=")), None)
    if flag is None and "--lang" in argv[:-1]:
        flag = argv[argv.index("--lang") + 1]
    try:
        language = choose_language(flag) if flag is not None else None
    except ValueError:
        language = None
    if language is None or not install(language):
        language = install_for_cli()
    argparse_zh.install(language)
    return language


def run_command(args: argparse.Namespace) -> int:
    """Run a parsed command, turning user-caused errors into one line and exit status 2."""
    from ..core.memory import keep_freed_memory

    keep_freed_memory()  # captures hold a whole forward pass: reuse freed pages instead of faulting new ones
    language = getattr(args, "lang", None)
    if language is not None and args.command != "gui":  # the app says it in its own way (and in its window)
        from ..translation import choose_language

        try:
            choose_language(language)
        except ValueError as exc:
            print(f"cnnviz: error: {exc}", file=sys.stderr)
            return 2
    stderr = StderrLine()  # a last line must not be glued to a progress bar left open
    try:
        with stderr:
            return command_module(args.command).run(args)
    except BrokenPipeError:  # `cnnviz models | head`: the reader left; that is fine
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps interpreter shutdown quiet
        return 0
    except KeyboardInterrupt:
        print(f"{stderr.break_if_open()}cnnviz: " + tr("interrupted"), file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - mapped to one line below, or re-raised
        message = user_error_message(exc)
        if message is None or getattr(args, "debug", False):
            raise
        print(f"{stderr.break_if_open()}cnnviz: error: {message}", file=sys.stderr)
        return 2
