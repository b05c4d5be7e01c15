"""What each ``cnnviz`` subcommand does (the argument parsing is in :mod:`cnnviz.cli`)."""

from __future__ import annotations

import argparse
import json
import sys


def _progress(label: str):
    from .core.download import cli_progress_bar

    return cli_progress_bar(label)


def load_for(args: argparse.Namespace):
    """The model named on the command line, on the requested device."""
    from .core.models import load_model

    return load_model(args.model, args.weights, device=getattr(args, "device", "cpu"),
                      trust_code=args.trust_code, progress=_progress(f"downloading {args.model} weights"))


def cmd_gui(args: argparse.Namespace) -> int:
    from .gui.app import run_app

    return run_app(args)


def cmd_models(args: argparse.Namespace) -> int:
    from .core import zoo

    rows = []
    for name in zoo.model_names():
        info = zoo.model_info(name)
        rows.append({"name": name, "family": info.family, "input_shape": [info.input.channels, *info.input.size],
                     "classes": len(info.class_names), "description": info.description})
    if args.json:
        print(json.dumps(rows, indent=1))
    else:
        for row in rows:
            shape = "x".join(map(str, row["input_shape"]))
            print(f"{row['name']:22s} {row['family']:12s} {shape:10s} {row['description']}")
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from .core.anatomy import block_report, find_blocks
    from .core.models import load_model
    from .core.summary import summarize

    loaded = load_model(args.model, args.weights, device="cpu", trust_code=args.trust_code,
                        progress=_progress(f"downloading {args.model} weights"))
    spec = loaded.info.input
    shape = tuple(args.input_size) if args.input_size else (spec.channels, *spec.size)
    summary = summarize(loaded.module, shape, model_name=loaded.name)
    data = summary.to_json_dict()
    data["blocks"] = [block_report(b) for b in find_blocks(loaded.module, shape)]
    if args.json:
        print(json.dumps(data, indent=1))
        return 0
    print(f"{data['model']}  input {tuple(data['input_shape'])}")
    print(f"{'layer':40s} {'type':22s} {'output':18s} {'params':>12s} {'MACs':>14s}  RF")
    for layer in data["layers"]:
        rf = layer["receptive_field"]
        rf_text = f"{rf['size'][0]}x{rf['size'][1]}" if rf else "-"
        print(f"{layer['name'][:40]:40s} {layer['type'][:22]:22s} {str(tuple(layer['output_shape'])):18s} "
              f"{layer['params']:12,d} {layer['macs']:14,d}  {rf_text}")
    print(f"total: {data['total_params']:,d} parameters, {data['total_macs']:,d} MACs "
          f"({data['total_macs'] / 1e9:.3f} GMACs)")
    for block in data["blocks"]:
        print(f"\n{block['kind']} block {block['path']} ({block['type']})")
        for br in block.get("branches", []):
            print(f"  branch {br['index']}: {br['label']:36s} {br['macs']:>14,d} MACs; without 1x1 reduction "
                  f"{br['direct_macs']:>14,d} ({br['saving']:.2f}x)")
        if block["kind"] == "residual":
            print(f"  shortcut: {block['shortcut']}; after the add: {block['activation'] or 'nothing'}")
    return 0


def cmd_capture(args: argparse.Namespace) -> int:
    from .core.capture import capture
    from .core.export import save_capture
    from .core.images import load_image

    loaded = load_for(args)
    x = load_image(args.image, loaded.info).to(loaded.device)
    cap = capture(loaded.module, x)
    meta = {"model": loaded.name, "weights": loaded.weights, "image": str(args.image),
            "blocks": cap.extras.get("blocks", [])}
    path = save_capture(cap, args.output, meta)
    print(f"wrote {len(cap)} tensors to {path}", file=sys.stderr)
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    from .render_command import cmd_render as render

    return render(args)


def cmd_train(args: argparse.Namespace) -> int:
    from .train_command import cmd_train as train

    return train(args)


COMMANDS = {
    "train": cmd_train,
    "render": cmd_render,
    "gui": cmd_gui,
    "models": cmd_models,
    "summary": cmd_summary,
    "capture": cmd_capture,
}
