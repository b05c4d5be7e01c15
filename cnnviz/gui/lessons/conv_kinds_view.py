"""What the conv-kinds page asks the render worker for, and what comes back (Qt-free, plain values).

:func:`compute` finds the model's template convolution, takes what it receives on the lesson's image (under the
model's lock), runs :func:`cnnviz.core.lessons.conv_kinds.conv_kinds` and colours the input, the filters and
the outputs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from torch import Tensor

from ...core.errors import CnnvizError, user_message
from ...core.i18n import translator
from ...core.lessons.conv_kinds import GROUPS, KindsView, conv_kinds, layer_input, template_layer
from ...core.views.colormaps import lut
from ...core.views.mosaic import Grid, Mosaic
from ..jobs import ModelResult

tr = translator(__name__)


@dataclass(frozen=True)
class KindsJob:
    """One request: the five kinds on what the model's template convolution receives from ``image``."""

    key: tuple
    model: ModelResult
    image: Tensor
    cmap: str


@dataclass(frozen=True)
class Picture:
    """A coloured mosaic and its layout."""

    rgb: np.ndarray
    grid: Grid


@dataclass(frozen=True)
class KindsPictures:
    """The numbers (``kinds``) and the pictures of one request (``error``: the one line to show instead)."""

    key: tuple
    kinds: KindsView | None = None
    input: Picture | None = None
    filters: dict[str, list[tuple[str, Picture]]] = field(default_factory=dict)
    outputs: dict[str, Picture] = field(default_factory=dict)
    error: str = ""


def _picture(mosaic: Mosaic, cmap: str) -> Picture:
    name = cmap if cmap != "auto" else ("coolwarm" if mosaic.signed else "magma")
    return Picture(np.ascontiguousarray(lut(name)[mosaic.image]), mosaic.grid)


def compute(job: KindsJob) -> KindsPictures:
    """Run in the render worker: the template's input, the five kinds, their pictures."""
    module = job.model.loaded.module
    try:
        with job.model.lock:
            layer = template_layer(module)
        if layer is None:
            raise CnnvizError(tr("{model} has no 3×3 convolution with as many outputs as inputs (a multiple of "
                                 "{groups}) to make the kinds from; open the lesson again to load its model").format(
                model=job.model.loaded.name, groups=GROUPS))
        got = layer_input(module, job.image, layer, lock=job.model.lock)
        view = conv_kinds(got.x, got.weight, got.bias, layer=layer, input_field=got.field)
        filters = {k.kind: [(label, _picture(m, job.cmap)) for label, m in k.filters] for k in view.kinds}
        outputs = {k.kind: _picture(k.maps, job.cmap) for k in view.kinds}
        picture = _picture(view.input_maps, job.cmap)
    except Exception as exc:  # a user's cause is one line; anything else is a bug and is raised
        message = user_message(exc)
        if message is None:
            raise
        return KindsPictures(job.key, error=message)
    return KindsPictures(job.key, view, picture, filters, outputs)
