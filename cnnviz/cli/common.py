"""What the commands share: the model options, loading the model they name, and download progress."""

from __future__ import annotations

import argparse
import sys
from typing import Iterable

from ..core.i18n import marker, translator

tr = translator(__name__)
N_ = marker(__name__)

#: help texts several commands share (marked here, translated where a parser is built: ``tr(MODEL_HELP)``)
TRUST_CODE_HELP = N_("allow running the model's code: a FILE.py:NAME or package.module:NAME model, a TorchScript "
                   "archive, a .pt2 program with pickled parts")
MODEL_HELP = N_("a built-in model name (see 'cnnviz models'), timm/NAME[.TAG], FILE.py:NAME or package.module:NAME "
              "(your own code, with --trust-code), or a model file (.safetensors checkpoint, .pt2, TorchScript)")
TRANSFORM_INPUT_HELP = N_("GoogLeNet / Inception-v3: whether the model re-normalises its input itself "
                        "(default: as the weights say; on for torchvision's layout)")


def model_arguments(p: argparse.ArgumentParser, *, model_required: bool = True) -> None:
    """``--model``, ``--weights``, ``--device``, ``--trust-code``, ``--transform-input`` and the input description."""
    p.add_argument("--model", "-m", required=model_required, default=None if model_required else "mnist_inception",
                   help=tr(MODEL_HELP))
    p.add_argument("--weights", "-w", default="default",
                   help=tr("none | default (bundled, torchvision's or timm's pretrained) | a .safetensors/.pt/.pth "
                           "file"))
    p.add_argument("--device", "-d", default="auto", help="auto | cpu | cuda[:N] | mps")
    p.add_argument("--trust-code", action="store_true", help=tr(TRUST_CODE_HELP))
    transform_input_argument(p)
    input_arguments(p)


def input_arguments(p: argparse.ArgumentParser, *, size_help: str | None = None) -> None:
    """``--input-size C H W``, ``--mean``, ``--std`` and ``--classes FILE``, for models that do not describe
    their input (default: the model's own, or a guess from its first convolution, said in a note)."""
    p.add_argument("--input-size", nargs=3, type=int, metavar=("C", "H", "W"),
                   help=size_help or tr("the input the model takes (default: its own, or a guess)"))
    p.add_argument("--mean", nargs="+", type=float, metavar="M", help=tr("per-channel mean (1 or C values)"))
    p.add_argument("--std", nargs="+", type=float, metavar="S", help=tr("per-channel std (1 or C values)"))
    p.add_argument("--classes", metavar="FILE", help=tr("class names, one a line"))


def input_description(args: argparse.Namespace) -> dict:
    """The input-description keywords of ``load_model`` from the command line."""
    from ..core.inputs.describe import read_class_names

    classes = getattr(args, "classes", None)
    return {"input_size": getattr(args, "input_size", None), "mean": getattr(args, "mean", None),
            "std": getattr(args, "std", None), "class_names": read_class_names(classes) if classes else None}


def transform_input_argument(p: argparse.ArgumentParser) -> None:
    """``--transform-input on|off`` (default: not given, ``None`` after :func:`transform_input_of`)."""
    p.add_argument("--transform-input", choices=("on", "off"), default=None,
                   help=tr(TRANSFORM_INPUT_HELP))


def transform_input_of(args: argparse.Namespace) -> bool | None:
    """``--transform-input`` as ``load_model`` takes it: True, False, or None when not given."""
    value = getattr(args, "transform_input", None)
    return None if value is None else value == "on"


def progress(label: str):
    """A download progress bar on stderr."""
    from ..core.models.download import cli_progress_bar

    return cli_progress_bar(label)


def print_notes(notes: Iterable[str]) -> None:
    """Each of ``LoadedModel.notes`` as ``cnnviz: note: ...`` on stderr."""
    for note in notes:
        print(f"cnnviz: note: {note}", file=sys.stderr)  # the prefix, like ``cnnviz: error:``, stays English


def capture_loaded(loaded, x):
    """:func:`~cnnviz.core.capture.run.capture` of a loaded model; a TorchScript model's own code failing
    on the input (it does not describe its input, so it may not take cnnviz's default) is the user's one line."""
    import torch

    from ..core.capture.run import capture
    from ..core.models.scripted import input_refused

    try:
        return capture(loaded.module, x)
    except RuntimeError as exc:
        if not isinstance(loaded.module, torch.jit.ScriptModule) or isinstance(exc, torch.cuda.OutOfMemoryError):
            raise
        raise input_refused(str(loaded.name), x.shape[1:], exc) from exc


def load_for(args: argparse.Namespace):
    """The model named on the command line, on the requested device; its notes printed to stderr."""
    from ..core.models.loader import load_model

    loaded = load_model(args.model, args.weights, device=getattr(args, "device", "cpu"),
                        trust_code=args.trust_code,
                        progress=progress(tr("downloading {model} weights").format(model=args.model)),
                        transform_input=transform_input_of(args), **input_description(args))
    print_notes(loaded.notes)
    return loaded
