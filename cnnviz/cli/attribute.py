"""``cnnviz attribute``: the raw attribution map of one image for one class, to a .safetensors file.

Keys (DESIGN.md): ``input``, and ``attribution`` (at the layer's resolution for the Grad-CAM family,
the input's for pixel-space methods), or with ``--layer all`` one ``attribution:<layer>`` per
convolution, all from one forward and one backward pass.
"""

from __future__ import annotations

import argparse
import sys

from ..core.i18n import translator
from .common import load_for, model_arguments

tr = translator(__name__)

#: the methods, as cnnviz.core.analysis.attribution.METHODS (not imported here: it imports torch)
METHODS = ("gradcam", "gradcam++", "layercam", "guided-gradcam", "saliency", "guided-backprop",
           "integrated-gradients", "smoothgrad", "occlusion")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("image")
    model_arguments(p)
    p.add_argument("--method", default="gradcam",
                   help=tr("{methods} (default: gradcam)").format(methods=" | ".join(METHODS)))
    p.add_argument("--layer", "-l", help=tr("the layer (a module path) for the Grad-CAM family, or 'all' for every "
                                            "convolution (default: the last convolutional block)"))
    p.add_argument("--target", "-t", help=tr("the class to explain: its index or name (default: the top class)"))
    p.add_argument("-o", "--output", required=True, help="OUT.safetensors")


def _target(value: str | None, class_names) -> int | None:
    """``--target`` as a class index: an integer, or one of the model's class names."""
    from ..core.errors import CnnvizError

    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        pass
    names = list(class_names or ())
    if value in names:
        return names.index(value)
    lowered = [n.lower() for n in names]
    if value.lower() in lowered:
        return lowered.index(value.lower())
    if not names:
        raise CnnvizError(tr("--target '{value}' is not a class index, and the model has no class names")
                          .format(value=value))
    raise CnnvizError(tr("--target '{value}' is not a class index or one of the model's {count} class names")
                      .format(value=value, count=len(names)))


def run(args: argparse.Namespace) -> int:
    from ..core.analysis.attribution import attribute
    from ..core.capture.export import check_capture_output, save_capture
    from ..core.inputs.images import load_image

    check_capture_output(args.output)  # before the work, not after it
    loaded = load_for(args)
    target = _target(args.target, loaded.info.class_names)
    x = load_image(args.image, loaded.info).to(loaded.device)
    maps = attribute(loaded.module, x, method=args.method, layers=args.layer, target=target)
    if args.layer == "all":
        tensors = {f"attribution:{key}": m for key, m in maps.items()}
    else:
        ((layer, m),) = maps.items()
        tensors = {"attribution": m}
    cls = int(maps.targets[0])
    names = loaded.info.class_names
    class_name = names[cls] if names and cls < len(names) else ""
    meta = {"model": loaded.name, "weights": loaded.weights, "image": str(args.image), "method": maps.method,
            "layers": list(maps) if args.layer == "all" else [layer], "target": cls, "target_name": class_name,
            "score": float(maps.logits[0, cls])}
    path = save_capture({"input": x, **tensors}, args.output, meta)
    named = f" ({class_name})" if class_name else ""
    where = tr("{count} layers").format(count=len(maps)) if args.layer == "all" else layer
    print(tr("wrote {method} of class {cls}{named} at {where} to {path}").format(
        method=maps.method, cls=cls, named=named, where=where, path=path), file=sys.stderr)
    return 0
