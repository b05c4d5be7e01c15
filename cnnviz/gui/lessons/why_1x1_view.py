"""What the why-1x1 page asks the render worker for, and what comes back (Qt-free, plain values).

:func:`compute` runs the lesson's core (:mod:`cnnviz.core.lessons.why_1x1`): the course's two examples,
torchvision's inception3a and the 5x5 branch at the slider's reduction width on the lesson's image, and
colours the branch's maps. A :class:`LabCache` keeps the last image's :class:`ReductionLab` so that moving
the slider only runs the branch; it is used in the render worker only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from torch import Tensor

from ...core.errors import user_message
from ...core.lessons.inception_costs import BlockCost, paper_block_cost, torchvision_block_cost
from ...core.lessons.why_1x1 import CostExample, ReductionLab, ReductionView, course_examples
from ...core.views.colormaps import lut
from ...core.views.mosaic import Grid


class LabCache:
    """The :class:`ReductionLab` of the last image asked for (one slot), and the course's examples."""

    def __init__(self) -> None:
        self._image: Tensor | None = None
        self._lab: ReductionLab | None = None
        self._course: tuple[CostExample, CostExample] | None = None

    def lab(self, image: Tensor) -> ReductionLab:
        if self._lab is None or self._image is not image:
            self._lab, self._image = ReductionLab(image), image
        return self._lab

    def course(self) -> tuple[CostExample, CostExample]:
        if self._course is None:
            self._course = course_examples()
        return self._course


@dataclass(frozen=True)
class WidthJob:
    """One request: the branch at ``width`` on ``image`` (the model's input), maps drawn with ``cmap``."""

    key: tuple
    image: Tensor
    width: int
    cmap: str
    cache: LabCache


@dataclass(frozen=True)
class WidthView:
    """The numbers and pictures of one request (``error``: the one line to show instead)."""

    key: tuple
    course: tuple[CostExample, CostExample] | None = None
    reduction: ReductionView | None = None
    torchvision: BlockCost | None = None
    paper_as_torchvision: BlockCost | None = None  # the paper's block with torchvision's reduction widths
    maps: np.ndarray | None = None  # RGB
    full_maps: np.ndarray | None = None
    difference: np.ndarray | None = None
    grid: Grid | None = None
    error: str = ""


def _colour(image: np.ndarray, cmap: str) -> np.ndarray:
    return np.ascontiguousarray(lut("magma" if cmap == "auto" else cmap)[image])


def compute(job: WidthJob) -> WidthView:
    """Run in the render worker: the costs, the branch's maps at the width and without the reduction."""
    try:
        course = job.cache.course()
        view = job.cache.lab(job.image).at(job.width)
        tv = torchvision_block_cost()
        same = paper_block_cost(tv.branch("branch3").ops[0].out_channels)
        maps, full = _colour(view.maps.image, job.cmap), _colour(view.full_maps.image, job.cmap)
        difference = _colour(view.difference.image, job.cmap)
    except Exception as exc:  # a user's cause is one line; anything else is a bug and is raised
        message = user_message(exc)
        if message is None:
            raise
        return WidthView(job.key, error=message)
    return WidthView(job.key, course, view, tv, same, maps, full, difference, view.maps.grid)
