"""The ``cnnviz`` command: the desktop app by default, and headless subcommands for scripts.

Every error a user can cause ends in one line ``cnnviz: error: ...`` on stderr and exit status 2;
``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Callable, Sequence

from . import __version__

SUBCOMMANDS = ("models", "summary", "capture", "render", "attribute", "train", "gui")


def _common_model_args(p: argparse.ArgumentParser, *, model_required: bool = True) -> None:
    p.add_argument("--model", "-m", required=model_required, default=None if model_required else "mnist_inception",
                   help="a built-in model name (see 'cnnviz models') or a model file")
    p.add_argument("--weights", "-w", default="default",
                   help="none | default (bundled or torchvision pretrained) | a .safetensors/.pt file")
    p.add_argument("--device", "-d", default="auto", help="auto | cpu | cuda[:N] | mps")
    p.add_argument("--trust-code", action="store_true",
                   help="allow loading TorchScript archives, which contain code")


def build_parser() -> argparse.ArgumentParser:
    """The subcommand parser (the app's own options are in :func:`build_gui_parser`)."""
    parser = argparse.ArgumentParser(
        prog="cnnviz", description="See inside convolutional neural networks.",
        epilog="Without a subcommand, cnnviz opens the desktop app: cnnviz [IMAGE ...] [--model M] ...")
    parser.add_argument("--version", action="version", version=f"cnnviz {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("gui", help="open the desktop app (the default)")
    _gui_args(p)

    p = sub.add_parser("models", help="list the built-in models")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser("summary", help="shapes, parameters, MACs and receptive fields per layer")
    p.add_argument("model", help="a built-in model name or a model file")
    p.add_argument("--weights", "-w", default="none", help="none (default) | default | a weights file")
    p.add_argument("--input-size", nargs=3, type=int, metavar=("C", "H", "W"))
    p.add_argument("--trust-code", action="store_true")
    p.add_argument("--json", action="store_true", help="print JSON (schema in DESIGN.md)")

    p = sub.add_parser("capture", help="record every layer's output for one image to .safetensors")
    p.add_argument("image")
    _common_model_args(p)
    p.add_argument("-o", "--output", required=True, help="OUT.safetensors")

    from .render_command import add_render_arguments

    p = sub.add_parser("render", help="draw a view (features, filters, inception, residual) to a PNG")
    p.add_argument("image")
    _common_model_args(p)
    add_render_arguments(p)

    from .train_command import add_train_arguments

    p = sub.add_parser("train", help="train a model on digits, shapes, MNIST, CIFAR-10 or a folder")
    add_train_arguments(p)
    return parser


def _gui_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("images", nargs="*", metavar="IMAGE", help="images to open")
    _common_model_args(p, model_required=False)
    p.add_argument("--layer", "-l", help="select this layer or block once the first image is captured")
    p.add_argument("--dock", help="bring this dock to the front: feature-maps, inception, residual, filters, layer, "
                                  "training, input, model")
    p.add_argument("--screenshot", metavar="PNG", help="save a picture of the window once painted, then exit")


def build_gui_parser() -> argparse.ArgumentParser:
    """The parser for plain ``cnnviz [IMAGE ...]``."""
    parser = argparse.ArgumentParser(prog="cnnviz", description="Open the cnnviz desktop app.",
                                     epilog=f"Subcommands: {', '.join(SUBCOMMANDS)} (cnnviz COMMAND --help).")
    parser.add_argument("--version", action="version", version=f"cnnviz {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    _gui_args(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``cnnviz`` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    first = next((a for a in argv if not a.startswith("-")), None)
    if first in SUBCOMMANDS or any(a in ("-h", "--help") for a in argv[:1]):
        args = build_parser().parse_args(argv)
        if args.command is None:
            args = build_gui_parser().parse_args(argv)
            args.command = "gui"
    else:
        args = build_gui_parser().parse_args(argv)
        args.command = "gui"
    return run_command(args)


def run_command(args: argparse.Namespace) -> int:
    """Run a parsed command, turning user-caused errors into one line and exit status 2."""
    from .commands import COMMANDS
    from .core.memory import keep_freed_memory

    keep_freed_memory()  # captures hold a whole forward pass: reuse freed pages instead of faulting new ones

    handler: Callable[[argparse.Namespace], int] = COMMANDS[args.command]
    try:
        return handler(args)
    except BrokenPipeError:  # `cnnviz models | head`: the reader left; that is fine
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps interpreter shutdown quiet
        return 0
    except KeyboardInterrupt:
        print("cnnviz: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - mapped to one line below, or re-raised
        message = user_error_message(exc)
        if message is None or getattr(args, "debug", False):
            raise
        print(f"cnnviz: error: {message}", file=sys.stderr)
        return 2


def user_error_message(exc: BaseException) -> str | None:
    """The one-line message for an error the user caused, or None for a bug."""
    from .core.errors import CnnvizError

    if isinstance(exc, CnnvizError):
        return str(exc)
    try:
        import torch

        if isinstance(exc, torch.cuda.OutOfMemoryError):
            return "out of GPU memory; try a smaller input, another model or --device cpu"
    except ImportError:  # pragma: no cover - torch is a dependency
        pass
    return None
