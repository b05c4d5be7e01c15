"""Where cnnviz's bundled files (sample images, small weights, icons) live."""

from __future__ import annotations

from pathlib import Path

import cnnviz


def resources_dir() -> Path:
    """The ``resources`` folder next to the ``cnnviz`` package (present in a source checkout).

    Returns
    -------
    pathlib.Path
        ``<repository>/resources``; it may not exist in an installation without the bundled files.
    """
    return Path(cnnviz.__file__).resolve().parent.parent / "resources"
