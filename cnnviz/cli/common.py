"""What the commands share: the model options, loading the model they name, and download progress."""

from __future__ import annotations

import argparse
import sys
from typing import Iterable

TRUST_CODE_HELP = "allow loading TorchScript archives, which contain code"
TRANSFORM_INPUT_HELP = ("GoogLeNet / Inception-v3: whether the model re-normalises its input itself "
                        "(default: as the weights say; on for torchvision's layout)")


def model_arguments(p: argparse.ArgumentParser, *, model_required: bool = True) -> None:
    """``--model``, ``--weights``, ``--device``, ``--trust-code`` and ``--transform-input``."""
    p.add_argument("--model", "-m", required=model_required, default=None if model_required else "mnist_inception",
                   help="a built-in model name (see 'cnnviz models') or a model file")
    p.add_argument("--weights", "-w", default="default",
                   help="none | default (bundled or torchvision pretrained) | a .safetensors/.pt file")
    p.add_argument("--device", "-d", default="auto", help="auto | cpu | cuda[:N] | mps")
    p.add_argument("--trust-code", action="store_true", help=TRUST_CODE_HELP)
    transform_input_argument(p)


def transform_input_argument(p: argparse.ArgumentParser) -> None:
    """``--transform-input on|off`` (default: not given, ``None`` after :func:`transform_input_of`)."""
    p.add_argument("--transform-input", choices=("on", "off"), default=None, help=TRANSFORM_INPUT_HELP)


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
        print(f"cnnviz: note: {note}", file=sys.stderr)


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
                        trust_code=args.trust_code, progress=progress(f"downloading {args.model} weights"),
                        transform_input=transform_input_of(args))
    print_notes(loaded.notes)
    return loaded
