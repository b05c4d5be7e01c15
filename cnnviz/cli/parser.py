"""The argument parsers: ``cnnviz [IMAGE ...]`` for the app and ``cnnviz COMMAND ...`` for the rest.

Each command is a module of this package with ``add_arguments(parser)`` and ``run(args) -> int``.
Only the command being run has its module imported (``cnnviz --help`` and ``cnnviz models`` do not
import torch through another command's options).
"""

from __future__ import annotations

import argparse
import importlib
from types import ModuleType

from .. import __version__
from ..core.i18n import marker, translator
from .argparse_zh import HelpFormatter

tr = translator(__name__)
N_ = marker(__name__)

#: command -> one line of help (translated where shown); the module of the same name in this package does the work
COMMANDS = {
    "gui": N_("open the desktop app (the default)"),
    "models": N_("list the models cnnviz opens by name (course, torchvision, timm)"),
    "summary": N_("shapes, parameters, MACs and receptive fields per layer"),
    "capture": N_("record every layer's output for one image to .safetensors"),
    "render": N_("draw a view (features, filters, inception, residual, gradcam) to a PNG"),
    "attribute": N_("why the network decided: an attribution map (Grad-CAM ...) of one image to .safetensors"),
    "train": N_("train a model on digits, shapes, MNIST, CIFAR-10 or a folder"),
    "units": N_("per channel of a layer, the dataset images that excite it most, to JSON (torchrun: many GPUs)"),
    "maximise": N_("the input that excites a channel of a layer the most (activation maximisation) to a PNG"),
}


def command_module(name: str) -> ModuleType:
    """The module that implements ``cnnviz NAME``."""
    if name not in COMMANDS:
        raise KeyError(name)
    return importlib.import_module(f"{__package__}.{name}")


def _top(prog_description: str, epilog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cnnviz", description=prog_description, epilog=epilog,
                                     formatter_class=HelpFormatter)
    parser.add_argument("--version", action="version", version=f"cnnviz {__version__}",
                        help=tr("show program's version number and exit"))
    parser.add_argument("--debug", action="store_true", help=tr("show tracebacks for errors"))
    return parser


def build_parser(selected: str | None = None) -> argparse.ArgumentParser:
    """The subcommand parser; only ``selected`` (all when None) gets its full set of options."""
    parser = _top(tr("See inside convolutional neural networks."),
                  tr("Without a subcommand, cnnviz opens the desktop app: cnnviz [IMAGE ...] [--model M] ..."))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, text in COMMANDS.items():
        help_text = tr(text)
        p = sub.add_parser(name, help=help_text, description=help_text, formatter_class=HelpFormatter)
        if selected is None or name == selected:
            command_module(name).add_arguments(p)
            if name != "gui":  # the app's --lang is among its own options
                p.add_argument("--lang", metavar="LANG", help=tr(
                    "the language of help and messages: en, zh_CN (default: CNNVIZ_LANG, else the system's)"))
    return parser


def build_gui_parser() -> argparse.ArgumentParser:
    """The parser for plain ``cnnviz [IMAGE ...]``."""
    parser = _top(tr("Open the cnnviz desktop app."),
                  tr("Subcommands: {commands} (cnnviz COMMAND --help).").format(commands=", ".join(COMMANDS)))
    command_module("gui").add_arguments(parser)
    return parser
