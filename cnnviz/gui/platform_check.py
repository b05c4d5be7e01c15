"""Before the first window: can Qt open one on this desktop?

On Linux under X11, Qt's ``xcb`` platform plugin needs system libraries that a minimal desktop
(Debian 12 seen here) may lack; Qt then aborts with "could not load the Qt platform plugin xcb".
:func:`missing_xcb_packages` looks for those libraries first (no Qt imported), so the app can say
in one line which packages to install instead.
"""

from __future__ import annotations

import ctypes
import os
import sys
from typing import Callable, Mapping

from ..core.i18n import translator

tr = translator(__name__)

# soname the xcb plugin loads -> the Debian/Ubuntu package that installs it
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}
APT_LINE = "sudo apt-get install -y " + " ".join(XCB_LIBRARIES.values())
DNF_LINE = ("sudo dnf install -y xcb-util-cursor xcb-util-wm xcb-util-image xcb-util-keysyms "
            "xcb-util-renderutil libxkbcommon-x11")


def can_load(soname: str) -> bool:
    """Whether the dynamic loader finds and loads ``soname``."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def uses_xcb(env: Mapping[str, str], platform: str) -> bool:
    """Whether Qt would open its windows through xcb: Linux, an X display, no other platform asked for
    (and not a Wayland session, where Qt picks its Wayland plugin)."""
    if not platform.startswith("linux") or not env.get("DISPLAY"):
        return False
    asked = env.get("QT_QPA_PLATFORM", "").strip()
    if asked:
        return asked.split(";")[0].split(":")[0] == "xcb"
    return not (env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE") == "wayland")


def missing_xcb_packages(env: Mapping[str, str] | None = None, platform: str | None = None,
                         load: Callable[[str], bool] | None = None) -> list[str]:
    """The packages (Debian names) whose libraries Qt's xcb plugin needs and cannot load (``load``, by
    default :func:`can_load`, tries one soname); [] when the platform is not xcb or nothing is missing."""
    env = os.environ if env is None else env
    load = can_load if load is None else load
    if not uses_xcb(env, sys.platform if platform is None else platform):
        return []
    return [package for soname, package in XCB_LIBRARIES.items() if not load(soname)]


def missing_libraries_message(packages: list[str]) -> str:
    """The one line the app exits with when xcb's libraries are missing."""
    return tr("Qt cannot open a window: missing system libraries {packages} (README, \"Install and run\": {apt}; "
              "on Fedora: {dnf})").format(packages=" ".join(packages), apt=APT_LINE, dnf=DNF_LINE)
