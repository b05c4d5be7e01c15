"""``cnnviz summary``: shapes, parameters, MACs and receptive fields per layer, as a table or JSON.

A TorchScript model (``--trust-code``) runs no module hooks and not on the meta device: its summary
is its module tree, the parameters per module and the input and output shapes of one real forward
pass on zeros; per-layer shapes, MACs and receptive fields are ``null`` in ``--json``.
"""

from __future__ import annotations

import argparse
import json

from ..core.i18n import translator
from .argparse_zh import ljust, rjust
from .common import (MODEL_HELP, TRUST_CODE_HELP, input_arguments, input_description, progress,
                     transform_input_argument, transform_input_of)

tr = translator(__name__)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("model", help=tr(MODEL_HELP))
    p.add_argument("--weights", "-w", default=None,
                   help=tr("none | default | a weights file (default: none; a TorchScript model's own weights)"))
    input_arguments(p, size_help=tr("the input to summarise the model on (default: the model's own, or a guess)"))
    p.add_argument("--trust-code", action="store_true", help=tr(TRUST_CODE_HELP))
    transform_input_argument(p)
    p.add_argument("--json", action="store_true", help=tr("print JSON (schema in DESIGN.md)"))


def _weights(args: argparse.Namespace) -> str:
    """``--weights`` as given; when not given, random init, except for a TorchScript model's own weights."""
    if args.weights is not None:
        return args.weights
    from ..core.models.weights import is_torchscript_archive

    own = is_torchscript_archive(args.model) or str(args.model).lower().endswith(".pt2")  # .pt2: torch.export
    return "default" if own else "none"


def run(args: argparse.Namespace) -> int:
    import torch

    from ..core.models.loader import load_model

    loaded = load_model(args.model, _weights(args), device="cpu", trust_code=args.trust_code,
                        progress=progress(tr("downloading {model} weights").format(model=args.model)),
                        transform_input=transform_input_of(args), **input_description(args))
    spec = loaded.info.input
    shape = (spec.channels, *spec.size)
    if isinstance(loaded.module, torch.jit.ScriptModule):
        data = _scripted_data(loaded, shape)
    else:
        data = _module_data(loaded, shape)
    data["notes"] = list(loaded.notes)
    if args.json:
        print(json.dumps(data, indent=1))
        return 0
    for note in loaded.notes:  # part of the summary: on stdout, before the table
        print(tr("note: {note}").format(note=note))
    (_print_scripted if data.get("torchscript") else _print_table)(data)
    return 0


def _module_data(loaded, shape) -> dict:
    from ..core.analysis.summary import summarize
    from ..core.capture.anatomy import block_report
    from ..core.capture.block_watch import find_blocks

    data = summarize(loaded.module, shape, model_name=loaded.name).to_json_dict()
    data["blocks"] = [block_report(b) for b in find_blocks(loaded.module, shape)]
    return data


def _scripted_data(loaded, shape) -> dict:
    from ..core.models.scripted import summarize_scripted

    data = summarize_scripted(loaded.module, shape, model_name=loaded.name).to_json_dict()
    data["blocks"] = []
    return data


def _header(*columns: tuple[str, int, bool]) -> str:
    """A table's header line: (text, width, right-aligned) per column, one space between."""
    return " ".join(rjust(text, width) if right else ljust(text, width) for text, width, right in columns)


def _print_table(data: dict) -> None:
    print(tr("{model}  input {shape}").format(model=data["model"], shape=tuple(data["input_shape"])))
    print(_header((tr("layer"), 40, False), (tr("type"), 22, False), (tr("output"), 18, False),
                  (tr("params"), 12, True), (tr("MACs"), 14, True)) + "  " + tr("RF"))
    for layer in data["layers"]:
        rf = layer["receptive_field"]
        rf_text = f"{rf['size'][0]}x{rf['size'][1]}" if rf else "-"
        print(f"{layer['name'][:40]:40s} {layer['type'][:22]:22s} {str(tuple(layer['output_shape'])):18s} "
              f"{layer['params']:12,d} {layer['macs']:14,d}  {rf_text}")
    print(tr("total: {params} parameters, {macs} MACs ({gmacs} GMACs)").format(
        params=f"{data['total_params']:,d}", macs=f"{data['total_macs']:,d}", gmacs=f"{data['total_macs'] / 1e9:.3f}"))
    for block in data["blocks"]:
        print("\n" + tr("{kind} block {path} ({type})").format(kind=block["kind"], path=block["path"],
                                                              type=block["type"]))
        for br in block.get("branches", []):
            print("  " + tr("branch {index}: {label} {macs} MACs; without 1x1 reduction {direct} ({saving}x)").format(
                index=br["index"], label=ljust(br["label"], 36), macs=f"{br['macs']:>14,d}",
                direct=f"{br['direct_macs']:>14,d}", saving=f"{br['saving']:.2f}"))
        if "shortcut" in block:  # residual and Inception-ResNet blocks
            print("  " + tr("shortcut: {shortcut}; after the add: {activation}").format(
                shortcut=block["shortcut"], activation=block["activation"] or tr("nothing")))


def _print_scripted(data: dict) -> None:
    print(tr("{model}  TorchScript: input {shape} -> output {output}").format(
        model=data["model"], shape=tuple(data["input_shape"]), output=_shape_text(data["output_shape"])))
    print(tr("(TorchScript runs no module hooks: per-layer shapes, MACs and receptive fields are unknown)"))
    print(_header((tr("layer"), 40, False), (tr("type"), 22, False), (tr("params"), 12, True)))
    for layer in data["layers"]:
        print(f"{layer['name'][:40]:40s} {layer['type'][:22]:22s} {layer['params']:12,d}")
    print(tr("total: {params} parameters").format(params=f"{data['total_params']:,d}"))


def _shape_text(shape) -> str:
    if shape and isinstance(shape[0], list):
        return ", ".join(str(tuple(s)) for s in shape)
    return str(tuple(shape))
