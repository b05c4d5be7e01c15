"""``cnnviz capture``: every layer's output for one image, to a .safetensors file."""

from __future__ import annotations

import argparse
import sys

from ..core.i18n import translator
from .common import capture_loaded, load_for, model_arguments

tr = translator(__name__)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("image")
    model_arguments(p)
    p.add_argument("-o", "--output", required=True, help="OUT.safetensors")


def run(args: argparse.Namespace) -> int:
    from ..core.capture.export import check_capture_output, save_capture
    from ..core.inputs.images import load_image

    check_capture_output(args.output)  # before the work, not after it
    loaded = load_for(args)
    x = load_image(args.image, loaded.info).to(loaded.device)
    cap = capture_loaded(loaded, x)
    meta = {"model": loaded.name, "weights": loaded.weights, "image": str(args.image),
            "blocks": cap.extras.get("blocks", [])}
    path = save_capture(cap, args.output, meta)
    print(tr("wrote {count} tensors to {path}").format(count=len(cap), path=path), file=sys.stderr)
    return 0
