"""``cnnviz models``: the built-in model names, one a line or as JSON."""

from __future__ import annotations

import argparse
import json


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int:
    from ..core.models import zoo

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
