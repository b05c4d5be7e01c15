"""Before the first window: missing xcb libraries end the app with one line that says what to install."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cnnviz.gui import platform_check
from cnnviz.gui.platform_check import APT_LINE, XCB_LIBRARIES, missing_libraries_message, missing_xcb_packages

X11 = {"DISPLAY": ":0"}


def finder(missing: set[str]):
    """A fake loader: every library loads but those named."""
    return lambda soname: soname not in missing


def test_missing_libraries_are_named_by_their_packages() -> None:
    load = finder({"libxcb-cursor.so.0", "libxcb-icccm.so.4"})
    assert missing_xcb_packages(X11, "linux", load) == ["libxcb-cursor0", "libxcb-icccm4"]
    assert missing_xcb_packages(X11, "linux", finder(set())) == []


def test_only_when_qt_would_use_xcb() -> None:
    nothing = finder(set(XCB_LIBRARIES))
    assert missing_xcb_packages(X11, "linux", nothing) == list(XCB_LIBRARIES.values())
    assert missing_xcb_packages({**X11, "QT_QPA_PLATFORM": "xcb"}, "linux", nothing) != []
    assert missing_xcb_packages({**X11, "QT_QPA_PLATFORM": "offscreen"}, "linux", nothing) == []
    assert missing_xcb_packages({}, "linux", nothing) == []  # no display
    assert missing_xcb_packages(X11, "darwin", nothing) == []
    assert missing_xcb_packages(X11, "win32", nothing) == []
    wayland = {**X11, "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}
    assert missing_xcb_packages(wayland, "linux", nothing) == []


def test_the_message_says_where_to_look() -> None:
    line = missing_libraries_message(["libxcb-cursor0", "libxcb-icccm4"])
    assert line.startswith("Qt cannot open a window: missing system libraries libxcb-cursor0 libxcb-icccm4 ")
    assert '(README, "Install and run": sudo apt-get install -y libxcb-cursor0 libxcb-icccm4 ' in line
    assert "dnf install -y xcb-util-cursor" in line and "\n" not in line
    readme = (Path(platform_check.__file__).parents[2] / "README.md").read_text()
    assert APT_LINE in readme and "xcb-util-cursor xcb-util-wm" in readme


def test_the_app_exits_2_with_one_line_before_qt_starts(tmp_path) -> None:
    code = ("import sys; import cnnviz.gui.platform_check as p; p.can_load = lambda soname: 'cursor' not in soname; "
            "from cnnviz.cli import main; sys.exit(main(sys.argv[1:]))")
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=":97", HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", code, "--weights", "none"], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        "cnnviz: error: Qt cannot open a window: missing system libraries libxcb-cursor0 (README, ")
