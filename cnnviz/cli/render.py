"""``cnnviz render``: the app's views as PNG files, headless."""

from __future__ import annotations

import argparse
import os
import sys

import numpy as np
import torch

from ..core.i18n import translator
from .common import capture_loaded, load_for, model_arguments

tr = translator(__name__)

VIEWS = ("features", "filters", "inception", "residual", "gradcam")
#: the options only ``--view gradcam`` takes
ATTRIBUTION_OPTIONS = ("method", "target", "opacity")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("image")
    model_arguments(p)
    p.add_argument("--view", choices=VIEWS, default="features")
    p.add_argument("--layer", "-l", help=tr("layer or block (default: the first one that fits the view)"))
    p.add_argument("--cmap", default=None,
                   help=tr("colour map (gray, viridis, magma, inferno, coolwarm, seismic)"))
    p.add_argument("--method", default=None,
                   help=tr("gradcam view: the attribution method, as 'cnnviz attribute' takes it (default: "
                           "gradcam)"))
    p.add_argument("--target", "-t",
                   help=tr("gradcam view: the class to explain, its index or name (default: the top class)"))
    p.add_argument("--opacity", default=None,
                   help=tr("gradcam view: the map's opacity over the input, 0..1 (default: 0.5)"))
    p.add_argument("-o", "--output", required=True, help="OUT.png")


def default_feature_layer(cap) -> str:
    """The first block if the model has one, else the deepest layer whose maps are still at least 7x7."""
    if cap.blocks:
        return cap.blocks[0].path
    spatial = [k for k, t in cap.items() if k not in ("input", "output") and ":" not in k
               and t.dim() == 4 and t.shape[-1] >= 7]
    return spatial[-1] if spatial else "input"


def _mosaic_panel(t: torch.Tensor, **kwargs) -> np.ndarray:
    from ..core.views.mosaic import feature_mosaic

    return feature_mosaic(t[0], **kwargs).image


def render_features(cap, layer: str | None):
    key = cap.resolve_key(layer) if layer else default_feature_layer(cap)
    t = cap[key]
    shape = "x".join(str(s) for s in t.shape[1:])
    return [(f"{key} ({cap.module_types.get(key, 'input')}, {shape})", _mosaic_panel(t))], key


def render_inception(cap, layer: str | None):
    """Each branch of the block, all channels, on the block's one colour scale (as the Inception dock)."""
    from ..core.capture.anatomy import block_named
    from ..core.views.block_views import inception_view

    view = inception_view(cap, block_named(cap.blocks, layer, "inception"), max_shown=None)
    panels = []
    for branch in view.branches:
        saving = f" ({branch.cost.saving:.1f}x fewer MACs than without its 1x1)" if branch.cost.saving > 1.01 else ""
        panels.append((f"branch {branch.index + 1}: {branch.label}{saving}; {branch.energy_share:.0%} of the energy",
                       branch.part.image))
    then = f"; {view.residual_path}" if view.residual_path else ""  # Inception-ResNet: the cat begins F(x)
    return panels, f"{view.path} ({view.type_name}): {len(view.branches)} branches concatenated{then}"


def render_residual(cap, layer: str | None):
    """Input, shortcut, F(x), sum and output of the block on one colour scale (as the residual dock)."""
    from ..core.capture.anatomy import block_named
    from ..core.views.block_views import residual_view

    view = residual_view(cap, block_named(cap.blocks, layer, "residual"), max_shown=None)
    panels = [(part.title, part.image) for part in view.parts]
    denominator = "||x||" if view.shortcut == "identity" else "||shortcut(x)||"
    then = f"; {view.residual_path}" if view.residual_path else ""
    return panels, f"{view.path} ({view.type_name}): ||F(x)|| / {denominator} = {view.ratio:.3f}{then}"


def render_filters(model, layer: str | None, per_picture: int = 256):
    """The layer's filters (its first ``per_picture`` output filters) as one panel; settings in the footer."""
    from ..core.views.filter_view import filter_view

    view = filter_view(model, layer, per_page=per_picture)
    shown = f", {view.page_text}" if view.pages > 1 else ""
    label = f"{view.layer} ({view.type_name}, {view.kind}, weights {'x'.join(map(str, view.weight_shape))}{shown})"
    footer = "; ".join(t for t in (view.settings, view.layout_text, view.note) if t)
    footer += f". Weights {view.vmin:.3g} .. {view.vmax:.3g}, mean {view.mean:.3g}, std {view.std:.3g}"
    return [(label, view.image)], footer


def render_gradcam(loaded, image, args: argparse.Namespace):
    """The input as the network sees it and the attribution map over it (as the Attribution dock)."""
    from ..core.analysis.attribution import attribute
    from ..core.errors import CnnvizError
    from ..core.inputs.images import model_view, preprocess
    from ..core.views.attribution_view import CAM_FAMILY, attribution_overlay, check_opacity, overlay_title
    from .attribute import _target

    if args.layer == "all":
        raise CnnvizError(tr("render --view gradcam draws one layer; name one (cnnviz attribute --layer all "
                             "writes every convolution's map)"))
    opacity = 0.5 if args.opacity is None else check_opacity(args.opacity)
    spec = loaded.info.input
    x = preprocess(image, spec).to(loaded.device)
    view = model_view(image, spec)
    target = _target(args.target, loaded.info.class_names)
    maps = attribute(loaded.module, x, method=args.method or "gradcam", layers=args.layer, target=target)
    ((layer, amap),) = maps.items()
    picture = attribution_overlay(view, amap, method=maps.method, opacity=opacity,
                                  cmap=args.cmap or "inferno")
    cls = int(maps.targets[0])
    names = loaded.info.class_names
    name = names[cls] if names and cls < len(names) else ""
    logits = maps.logits[0].float()
    score, probability = float(logits[cls]), float(logits.softmax(0)[cls])
    h, w = view.shape[:2]
    panels = [(f"input as the model sees it ({h}x{w})", view if view.ndim == 3 else view.repeat(3).reshape(h, w, 3)),
              (overlay_title(maps.method, layer, cls, name, score, probability), picture)]
    at = "x".join(str(s) for s in amap.shape[2:])
    how = ("ReLU'd, divided by its maximum" if maps.method in CAM_FAMILY
           else "absolute value, largest over channels, divided by its 99.5th percentile")
    sized = "at the input's size" if tuple(amap.shape[2:]) == (h, w) else f"upsampled bilinearly to {h}x{w}"
    footer = f"map {at} ({how}), {sized}, {args.cmap or 'inferno'} at opacity {float(opacity):g}"
    return panels, footer


def image_format(path: str) -> str:
    """The Pillow format that ``path``'s extension names (``.png`` -> ``PNG``), or a CnnvizError."""
    from PIL import Image

    from ..core.errors import CnnvizError

    suffix = os.path.splitext(str(path))[1].lower()
    known = Image.registered_extensions()
    if suffix not in known or known[suffix] not in Image.SAVE:
        raise CnnvizError(tr("cannot write {path}: '{suffix}' is not an image type that can be written; end the "
                             "name in .png (or .jpg, .webp, .tif)").format(path=path,
                                                                          suffix=suffix or tr("no extension")))
    return known[suffix]


def save_image(image, path: str) -> None:
    """Write ``image`` to ``path`` all at once (a temporary file, then a rename), in the extension's format."""
    from ..core.atomic import atomic_write
    from ..core.errors import CnnvizError

    fmt = image_format(path)
    try:
        atomic_write(path, lambda tmp: image.save(tmp, format=fmt), "")
    except ValueError as exc:  # Pillow: a mode this format cannot hold
        raise CnnvizError(tr("cannot write {path}: {reason}").format(path=path, reason=exc)) from exc


def run(args: argparse.Namespace) -> int:
    from ..core.atomic import check_writable
    from ..core.errors import CnnvizError
    from ..core.inputs.images import decode_image, load_image
    from ..core.views.mosaic import compose

    image_format(args.output)
    check_writable(args.output)  # before the work: the name, the folder and the temporary file
    given = [f"--{name}" for name in ATTRIBUTION_OPTIONS if getattr(args, name) is not None]
    if given and args.view != "gradcam":
        raise CnnvizError(tr("{options}: only for --view gradcam, not --view {view}").format(
            options=", ".join(given), view=args.view))
    if args.view == "gradcam":
        from ..core.views.attribution_view import check_opacity
        from ..core.views.colormaps import lut

        lut(args.cmap or "inferno")  # a bad colour map or opacity is said before the model loads
        if args.opacity is not None:
            check_opacity(args.opacity)
    loaded = load_for(args)
    if args.view == "gradcam":
        panels, footer = render_gradcam(loaded, decode_image(args.image), args)
    elif args.view == "filters":
        panels, footer = render_filters(loaded.module, args.layer)
    else:
        x = load_image(args.image, loaded.info).to(loaded.device)
        cap = capture_loaded(loaded, x)
        panels, footer = {"features": render_features, "inception": render_inception,
                          "residual": render_residual}[args.view](cap, args.layer)
    cmap = args.cmap or ("coolwarm" if args.view in ("filters", "residual") else "magma")
    image = compose(panels, cmap=cmap, title=f"{loaded.name} - {args.view}", footer=footer)
    save_image(image, args.output)
    print(tr("wrote {path} ({width}x{height})").format(path=args.output, width=image.width, height=image.height),
          file=sys.stderr)
    return 0
