"""``cnnviz summary``: shapes, parameters, MACs and receptive fields per layer, as a table or JSON."""

from __future__ import annotations

import argparse
import json

from .common import progress


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("model", help="a built-in model name or a model file")
    p.add_argument("--weights", "-w", default="none", help="none (default) | default | a weights file")
    p.add_argument("--input-size", nargs=3, type=int, metavar=("C", "H", "W"))
    p.add_argument("--trust-code", action="store_true")
    p.add_argument("--json", action="store_true", help="print JSON (schema in DESIGN.md)")


def run(args: argparse.Namespace) -> int:
    from ..core.capture.anatomy import block_report
    from ..core.capture.block_watch import find_blocks
    from ..core.models.loader import load_model
    from ..core.analysis.summary import summarize

    loaded = load_model(args.model, args.weights, device="cpu", trust_code=args.trust_code,
                        progress=progress(f"downloading {args.model} weights"))
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
