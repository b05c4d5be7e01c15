"""``cnnviz models``: every model cnnviz opens by name (course, torchvision, timm), one a line or as JSON.

The list comes from :func:`cnnviz.core.models.catalog.model_rows`, cached in the user's cache folder,
so that this command imports no torch once the cache is built.
"""

from __future__ import annotations

import argparse
import json

from ..core.i18n import translator

tr = translator(__name__)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help=tr("print JSON"))


def run(args: argparse.Namespace) -> int:
    from ..core.models.catalog import model_rows

    rows = model_rows()
    if args.json:
        print(json.dumps(rows, indent=1))
    else:
        width = max([22] + [len(row["name"]) for row in rows])
        for row in rows:
            shape = "x".join(map(str, row["input_shape"]))
            print(f"{row['name']:{width}s} {row['family']:12s} {shape:10s} {row['description']}")
    return 0
