"""``cnnviz maximise``: the input that excites one channel of a layer the most, written as a PNG.

The image is the model's input before normalisation, at the model's input size (or ``--size``): a
1-channel model gives a grey PNG, a 3-channel one an RGB PNG.
"""

from __future__ import annotations

import argparse
import sys

from ..core.i18n import translator
from .common import load_for, model_arguments

tr = translator(__name__)


def add_arguments(p: argparse.ArgumentParser) -> None:
    model_arguments(p)
    p.add_argument("--layer", "-l", required=True,
                   help=tr("a module path (see 'cnnviz summary'), or 'output' for a class logit"))
    p.add_argument("--channel", "-c", type=int, required=True,
                   help=tr("the channel (the class for --layer output)"))
    p.add_argument("--unit", nargs=2, type=int, metavar=("Y", "X"),
                   help=tr("maximise the channel at this one position instead of its mean"))
    p.add_argument("--steps", type=int, default=256, help=tr("optimisation steps (default: 256)"))
    p.add_argument("--size", nargs="+", type=int, metavar="N",
                   help=tr("the image's size: N or H W (default: the model's input size)"))
    p.add_argument("--seed", type=int, default=0, help=tr("the same seed gives the same image (default: 0)"))
    p.add_argument("--lr", type=float, default=0.05, help=tr("Adam's learning rate (default: 0.05)"))
    p.add_argument("-o", "--output", required=True, help="OUT.png")


def _size(values: list[int] | None):
    from ..core.errors import CnnvizError

    if values is None:
        return None
    if len(values) > 2:
        raise CnnvizError(tr("--size takes N or H W, not {count} numbers").format(count=len(values)))
    return values[0] if len(values) == 1 else tuple(values)


def run(args: argparse.Namespace) -> int:
    from PIL import Image

    from ..core.analysis.maximise import maximise
    from ..core.atomic import check_writable
    from ..core.errors import CnnvizError
    from .render import save_image

    if not args.output.lower().endswith(".png"):
        raise CnnvizError(tr("cannot write {path}: end the name in .png").format(path=args.output))
    if args.steps < 1:
        raise CnnvizError(tr("--steps must be at least 1, not {steps}").format(steps=args.steps))
    size = _size(args.size)
    check_writable(args.output)  # before the work, not after it
    loaded = load_for(args)
    unit = tuple(args.unit) if args.unit else None
    result = maximise(loaded, args.layer, args.channel, unit=unit, steps=args.steps, size=size,
                      lr=args.lr, seed=args.seed)
    save_image(Image.fromarray(result.image), args.output)
    h, w = result.image.shape[:2]
    where = tr(" at ({y}, {x})").format(y=unit[0], x=unit[1]) if unit else ""
    print(tr("wrote {path} ({w}x{h}): {layer} channel {channel}{where} reached {activation} after {steps} steps")
          .format(path=args.output, w=w, h=h, layer=args.layer, channel=args.channel, where=where,
                  activation=f"{result.activation:.4g}", steps=result.steps_run), file=sys.stderr)
    return 0
