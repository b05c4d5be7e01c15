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

#: command -> one line of help; the module of the same name in this package does the work
COMMANDS = {
    "gui": "open the desktop app (the default)",
    "models": "list the models cnnviz opens by name (course, torchvision, timm)",
    "summary": "shapes, parameters, MACs and receptive fields per layer",
    "capture": "record every layer's output for one image to .safetensors",
    "render": "draw a view (features, filters, inception, residual, gradcam) to a PNG",
    "attribute": "why the network decided: an attribution map (Grad-CAM ...) of one image to .safetensors",
    "train": "train a model on digits, shapes, MNIST, CIFAR-10 or a folder",
    "units": "per channel of a layer, the dataset images that excite it most, to JSON (torchrun: many GPUs)",
    "maximise": "the input that excites a channel of a layer the most (activation maximisation) to a PNG",
}


def command_module(name: str) -> ModuleType:
    """The module that implements ``cnnviz NAME``."""
    if name not in COMMANDS:
        raise KeyError(name)
    return importlib.import_module(f"{__package__}.{name}")


def _top(prog_description: str, epilog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cnnviz", description=prog_description, epilog=epilog)
    parser.add_argument("--version", action="version", version=f"cnnviz {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    return parser


def build_parser(selected: str | None = None) -> argparse.ArgumentParser:
    """The subcommand parser; only ``selected`` (all when None) gets its full set of options."""
    parser = _top("See inside convolutional neural networks.",
                  "Without a subcommand, cnnviz opens the desktop app: cnnviz [IMAGE ...] [--model M] ...")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        if selected is None or name == selected:
            command_module(name).add_arguments(p)
    return parser


def build_gui_parser() -> argparse.ArgumentParser:
    """The parser for plain ``cnnviz [IMAGE ...]``."""
    parser = _top("Open the cnnviz desktop app.", f"Subcommands: {', '.join(COMMANDS)} (cnnviz COMMAND --help).")
    command_module("gui").add_arguments(parser)
    return parser
