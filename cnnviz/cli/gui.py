"""``cnnviz [gui] [IMAGE ...]``: the desktop app."""

from __future__ import annotations

import argparse

from ..core.i18n import translator
from .common import model_arguments

tr = translator(__name__)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("images", nargs="*", metavar="IMAGE", help=tr("images to open"))
    model_arguments(p, model_required=False)
    p.add_argument("--layer", "-l", help=tr("select this layer or block once the first image is captured"))
    p.add_argument("--dock", help=tr("bring this dock to the front: feature-maps, inception, residual, filters, "
                                     "attribution, statistics, compare, units, layer, training, input, model"))
    live = p.add_mutually_exclusive_group()
    live.add_argument("--video", metavar="FILE", help=tr("play this video file (looped) as the input"))
    live.add_argument("--camera", nargs="?", const="", metavar="NAME",
                      help=tr("show the default camera (or the one whose name contains NAME) as the input"))
    p.add_argument("--lesson", metavar="NAME", help=tr("open this lesson of the course: why-1x1, "
                                                       "shared-weights, residual, alexnet, conv-kinds"))
    p.add_argument("--lang", metavar="LANG",
                   help=tr("the language of the window: en, zh_CN (default: the system's)"))
    p.add_argument("--screenshot", metavar="PNG", help=tr("save a picture of the window once painted, then exit"))


def run(args: argparse.Namespace) -> int:
    from ..gui.app import run_app

    return run_app(args)
