"""Remake the README's screenshots of issue 13 (the Units dock: top images per channel, and Maximise).

    QT_QPA_PLATFORM=offscreen python resources/screenshots/make_issue13.py [NAME ...]

NAME is a picture's name without ``.png`` (all of them by default). Each picture is a fresh window (1400x900,
no saved settings) on mnist_inception with its bundled weights and a bundled digit, the Units dock in front,
the digits ranked for ``incep1`` (a Find that has run; a second run takes it from the cache), waited on until
it has painted, then saved beside this script. The window helpers are those of ``make_issue12.py``. The live
video picture (``live_video.png``) is made by ``cnnviz --video FILE --screenshot PNG`` (see the README).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent.parent)]  # make_issue12's helpers; cnnviz from this checkout

from make_issue12 import close_right_column, main, open_window, save, settle, wait_for  # noqa: E402

LAYER = "incep1"
CHANNEL = 16  # one whose top patches read well: a stroke's end (tried: 3, 16, 40)
LIMIT = 1000  # digits ranked, spread over the 1,797


def found_units(channel: int = CHANNEL):
    """A window whose Units dock has ranked the digits for ``incep1`` and shows ``channel``'s top patches."""
    window = open_window("mnist_inception", "default", "digit_3.png", "units_dock", LAYER)
    close_right_column(window)  # the dock's two halves get the room
    panel = window.docks["units_dock"]
    panel.set_source("digits")
    panel.limit_spin.setValue(LIMIT)
    panel.channel_spin.setValue(channel)
    panel.find()
    wait_for(lambda: not panel.busy() and panel.found is not None, "the top images")
    wait_for(lambda: len(panel.tiles) == panel.top_spin.value(), "the channel's patches")
    settle(window, "the units dock")
    return window, panel


def dock_units() -> None:
    """Channel 16 of incep1: the 9 digits that excite it most, each one's receptive-field patch and score."""
    window, _panel = found_units()
    save(window, "dock_units")


def dock_units_maximise() -> None:
    """The same channel after Maximise: the image optimised for its centre unit beside the patches."""
    window, panel = found_units()
    panel.maximise()
    wait_for(lambda: not panel.busy() and panel.maximised is not None, "the maximised image")
    settle(window, "the maximised image")
    save(window, "dock_units_maximise")


PICTURES = {f.__name__: f for f in (dock_units, dock_units_maximise)}


if __name__ == "__main__":
    main(sys.argv[1:], PICTURES)
