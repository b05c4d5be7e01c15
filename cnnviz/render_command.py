"""``cnnviz render``: the app's views as PNG files, headless."""

from __future__ import annotations

import argparse
import sys

import numpy as np
import torch

VIEWS = ("features", "filters", "inception", "residual")


def add_render_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--view", choices=VIEWS, default="features")
    p.add_argument("--layer", "-l", help="layer or block (default: the first one that fits the view)")
    p.add_argument("--cmap", default=None, help="colour map (gray, viridis, magma, inferno, coolwarm, seismic)")
    p.add_argument("-o", "--output", required=True, help="OUT.png")


def default_feature_layer(cap) -> str:
    """The first block if the model has one, else the deepest layer whose maps are still at least 7x7."""
    if cap.blocks:
        return cap.blocks[0].path
    spatial = [k for k, t in cap.items() if k not in ("input", "output") and ":" not in k
               and t.dim() == 4 and t.shape[-1] >= 7]
    return spatial[-1] if spatial else "input"


def _mosaic_panel(t: torch.Tensor, **kwargs) -> np.ndarray:
    from .core.render import feature_mosaic

    return feature_mosaic(t[0], **kwargs).image


def render_features(cap, layer: str | None):
    key = cap.resolve_key(layer) if layer else default_feature_layer(cap)
    t = cap[key]
    shape = "x".join(str(s) for s in t.shape[1:])
    return [(f"{key} ({cap.module_types.get(key, 'input')}, {shape})", _mosaic_panel(t))], key


def render_inception(cap, layer: str | None):
    from .core.anatomy import block_named, branch_costs

    block = block_named(cap.blocks, layer, "inception")
    panels = []
    for branch, cost in zip(block.branches, branch_costs(block)):
        saving = f" ({cost.saving:.1f}x fewer MACs than without its 1x1)" if cost.saving > 1.01 else ""
        panels.append((f"branch {branch.index}: {branch.label}{saving}",
                       _mosaic_panel(cap[f"{block.path}:branch{branch.index}"])))
    return panels, f"{block.path} ({block.type_name}): {len(block.branches)} branches concatenated"


def render_residual(cap, layer: str | None):
    from .core.anatomy import block_named, residual_strength

    block = block_named(cap.blocks, layer, "residual")
    parts = [("identity" if block.shortcut == "identity" else "shortcut (projection)", f"{block.path}:identity"),
             ("residual F(x)", f"{block.path}:residual"), ("sum", f"{block.path}:sum"),
             (f"output ({block.activation or 'no activation'})", block.path)]
    tensors = [cap[k][0] for _, k in parts]
    scale = max(float(t.abs().max()) for t in tensors)  # one colour scale for all four
    panels = [(name, _mosaic_panel(t[None], scale=scale, signed=True)) for (name, _), t in zip(parts, tensors)]
    ratio = residual_strength(cap)[block.path]
    return panels, f"{block.path} ({block.type_name}): ||F(x)|| / ||x|| = {ratio:.3f}"


def render_filters(model, layer: str | None):
    from .core.errors import CnnvizError
    from .core.render import filter_grid

    modules = dict(model.named_modules())
    convs = [n for n, m in modules.items() if isinstance(m, (torch.nn.Conv2d, torch.nn.ConvTranspose2d, torch.nn.Linear))]
    if not convs:
        raise CnnvizError("this model has no convolution or linear layers")
    name = layer or convs[0]
    if name not in modules:
        import difflib

        close = difflib.get_close_matches(name, convs, n=3, cutoff=0.4)
        raise CnnvizError(f"unknown layer '{name}'." + (f" Did you mean {', '.join(close)}?" if close else ""))
    m = modules[name]
    if name not in convs:
        raise CnnvizError(f"'{name}' is a {type(m).__name__}, which has no filters; try {', '.join(convs[:4])}")
    weight = m.weight.detach()
    if isinstance(m, torch.nn.ConvTranspose2d):
        weight = weight.transpose(0, 1)
    is_conv = weight.dim() == 4
    mode = "rgb" if is_conv and weight.shape[1] == 3 else "grid"
    mosaic = filter_grid(weight, mode=mode, dilation=m.dilation if is_conv else (1, 1))
    settings = (f"kernel {tuple(m.kernel_size)}, stride {tuple(m.stride)}, padding {m.padding}, "
                f"dilation {tuple(m.dilation)}, groups {m.groups}" if is_conv else
                f"{m.in_features} -> {m.out_features}")
    return [(f"{name} ({type(m).__name__}, weights {tuple(weight.shape)})", mosaic.image)], settings


def cmd_render(args: argparse.Namespace) -> int:
    from .commands import load_for
    from .core.capture import capture
    from .core.images import load_image
    from .core.render import compose

    loaded = load_for(args)
    if args.view == "filters":
        panels, footer = render_filters(loaded.module, args.layer)
    else:
        x = load_image(args.image, loaded.info).to(loaded.device)
        cap = capture(loaded.module, x)
        panels, footer = {"features": render_features, "inception": render_inception,
                          "residual": render_residual}[args.view](cap, args.layer)
    cmap = args.cmap or ("coolwarm" if args.view in ("filters", "residual") else "magma")
    image = compose(panels, cmap=cmap, title=f"{loaded.name} - {args.view}", footer=footer)
    try:
        image.save(args.output)
    except (OSError, ValueError) as exc:
        from .core.errors import CnnvizError

        raise CnnvizError(f"cannot write {args.output}: {exc}") from exc
    print(f"wrote {args.output} ({image.width}x{image.height})", file=sys.stderr)
    return 0
