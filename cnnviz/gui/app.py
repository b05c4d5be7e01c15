"""Starting the desktop app. (The window arrives with the desktop-app issue; until then, help.)"""

from __future__ import annotations

import argparse


def run_app(args: argparse.Namespace) -> int:
    from ..cli import build_parser

    build_parser().print_help()
    return 0
