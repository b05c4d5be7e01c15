"""What the commands share: the model options, loading the model they name, and download progress."""

from __future__ import annotations

import argparse


def model_arguments(p: argparse.ArgumentParser, *, model_required: bool = True) -> None:
    """``--model``, ``--weights``, ``--device`` and ``--trust-code``."""
    p.add_argument("--model", "-m", required=model_required, default=None if model_required else "mnist_inception",
                   help="a built-in model name (see 'cnnviz models') or a model file")
    p.add_argument("--weights", "-w", default="default",
                   help="none | default (bundled or torchvision pretrained) | a .safetensors/.pt file")
    p.add_argument("--device", "-d", default="auto", help="auto | cpu | cuda[:N] | mps")
    p.add_argument("--trust-code", action="store_true",
                   help="allow loading TorchScript archives, which contain code")


def progress(label: str):
    """A download progress bar on stderr."""
    from ..core.models.download import cli_progress_bar

    return cli_progress_bar(label)


def load_for(args: argparse.Namespace):
    """The model named on the command line, on the requested device."""
    from ..core.models.loader import load_model

    return load_model(args.model, args.weights, device=getattr(args, "device", "cpu"),
                      trust_code=args.trust_code, progress=progress(f"downloading {args.model} weights"))
