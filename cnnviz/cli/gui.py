"""``cnnviz [gui] [IMAGE ...]``: the desktop app."""

from __future__ import annotations

import argparse

from .common import model_arguments


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("images", nargs="*", metavar="IMAGE", help="images to open")
    model_arguments(p, model_required=False)
    p.add_argument("--layer", "-l", help="select this layer or block once the first image is captured")
    p.add_argument("--dock", help="bring this dock to the front: feature-maps, inception, residual, filters, "
                                  "attribution, statistics, compare, units, layer, training, input, model")
    live = p.add_mutually_exclusive_group()
    live.add_argument("--video", metavar="FILE", help="play this video file (looped) as the input")
    live.add_argument("--camera", nargs="?", const="", metavar="NAME",
                      help="show the default camera (or the one whose name contains NAME) as the input")
    p.add_argument("--lesson", metavar="NAME", help="open this lesson of the course: why-1x1, shared-weights, "
                                                    "residual, alexnet, conv-kinds")
    p.add_argument("--lang", metavar="LANG", help="the language of the window: en, zh_CN (default: the system's)")
    p.add_argument("--screenshot", metavar="PNG", help="save a picture of the window once painted, then exit")


def run(args: argparse.Namespace) -> int:
    from ..gui.app import run_app

    return run_app(args)
