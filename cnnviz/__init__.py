"""cnnviz: see inside convolutional neural networks.

The Python API (no Qt is imported, except by ``show``)::

    from cnnviz import load_model, load_image, capture, attribute, show
    model = load_model("mnist_inception")            # bundled trained weights
    x = load_image("digit.png", model.info)
    with capture(model, x) as cap:
        cap["incep1:branch2"]                         # keys as in DESIGN.md
    maps = attribute(model, x, method="gradcam", layers="all")   # every convolution, one pass
    show(net, ["digit.png"])                          # the app's window on your own live nn.Module
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "load_model": "cnnviz.core.models.loader",
    "LoadedModel": "cnnviz.core.models.loader",
    "load_image": "cnnviz.core.inputs.images",
    "capture": "cnnviz.core.capture.run",
    "Capture": "cnnviz.core.capture.records",
    "summarize": "cnnviz.core.analysis.summary",
    "attribute": "cnnviz.core.analysis.attribution",
    "Attribution": "cnnviz.core.analysis.attribution",
    "model_names": "cnnviz.core.models.zoo",
    "model_info": "cnnviz.core.models.zoo",
    "CnnvizError": "cnnviz.core.errors",
    "show": "cnnviz.gui.show",  # the window on a live nn.Module (imports Qt on first use)
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    # The API's modules import torch; each is imported on first use (PEP 562), so `import cnnviz` imports
    # no torch. The command line imports only the module of the command it runs (cli/parser.py): neither
    # `cnnviz --help` nor `--version` imports torch (`python -X importtime -m cnnviz --help` shows none).
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'cnnviz' has no attribute '{name}'")


def __dir__() -> list[str]:
    # the API's names are module attributes only once used: list them anyway (dir(), tab completion)
    return sorted(set(globals()) | set(_EXPORTS))
