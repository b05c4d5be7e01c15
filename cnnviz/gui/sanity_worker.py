"""The thread that runs one honesty check (:mod:`cnnviz.core.analysis.sanity`) for the sanity-check box.

A :class:`SanityWorker` runs one :class:`SanityRequest` and ends: the randomisation check (on a copy of the model
taken under the model's lock, so captures and training steps are not held up while the cascade runs) or the
deletion and insertion curves of the map (run under the lock, as the Attribution dock's map is). It emits plain
values only: ``progress(done, total)`` at most ~30 times a second (and always the last), then exactly one of
``done(SanityOutcome)``, ``cancelled(SanityOutcome)`` (what the check saw before it stopped) or ``failed(str)``
(one line). ``cancel()`` is thread-safe; the core stops after its current step.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from PySide6.QtCore import QObject, Signal
from torch import Tensor

from ..core.analysis.attribution import LAYER_METHODS, attribute
from ..core.analysis.sanity import CurvesResult, RandomisationResult, deletion_insertion, randomisation_check
from ..core.errors import CnnvizError
from ..core.i18n import translator
from ..core.views.attribution_view import normalise_map
from ..core.views.sanity_view import cascade_max_steps, map_thumbnails, thumbnail_steps
from . import jobs
from .workers import CancellableWorker, failure_message, worker_threads_count

tr = translator(__name__)

KINDS = ("randomisation", "curves")


@dataclass(frozen=True)
class SanityRequest:
    """One check: ``kind`` (``"randomisation"`` or ``"curves"``) of the map of ``method`` at ``layer`` (None for
    the pixel methods and the default layer) for class ``target`` (None: the top class) of ``model`` on ``x``."""

    kind: str
    model: jobs.ModelResult
    x: Tensor
    method: str
    layer: str | None
    target: int | None
    steps: int = 20  # deletion / insertion: points along the pixel fraction
    baseline: str = "blur"
    seed: int = 0


@dataclass(frozen=True)
class SanityOutcome:
    """What a check found: the core's result, and for the randomisation check a few maps as one uint8 atlas
    (``thumbnails``; the original first) with the index of each among the original and the steps
    (``thumbnail_steps``: 0 is the original, k the map after step k)."""

    request: SanityRequest
    result: RandomisationResult | CurvesResult
    thumbnails: np.ndarray | None = None
    thumbnail_steps: tuple[int, ...] = ()


def _owners(module: torch.nn.Module) -> int:
    return sum(1 for m in module.modules() if any(True for _ in m.parameters(recurse=False)))


def run_randomisation(request: SanityRequest, progress=None, cancel=None) -> SanityOutcome:
    """The cascading randomisation check of ``request`` (in the calling thread)."""
    with request.model.lock:  # a copy, so the cascade itself runs without holding up captures
        try:
            work = copy.deepcopy(request.model.loaded.module)
        except Exception as exc:  # noqa: BLE001 - whatever the model's attributes refuse
            raise CnnvizError(tr("the randomisation check needs a copy of the model and it cannot be copied: "
                                 "{error}").format(error=exc)) from None
    result = randomisation_check(work, request.x, method=request.method, layer=request.layer, target=request.target,
                                 progress=progress, cancel=cancel, seed=request.seed,
                                 max_steps=cascade_max_steps(_owners(work)), keep_maps=True)
    shown = thumbnail_steps(len(result.maps))
    atlas = map_thumbnails(result.maps, result.method, shown) if shown else None
    return SanityOutcome(request, result, atlas, shown)


def run_curves(request: SanityRequest, progress=None, cancel=None) -> SanityOutcome:
    """The deletion and insertion curves of the request's map (in the calling thread, under the model's lock)."""
    with request.model.lock:
        module = request.model.loaded.module
        maps = attribute(module, request.x, method=request.method,
                         layers=request.layer if request.method in LAYER_METHODS else None, target=request.target)
        plane = normalise_map(next(iter(maps.values()))[0], maps.method)  # the ranking the overlay shows
        result = deletion_insertion(module, request.x, plane, target=int(maps.targets[0]), steps=request.steps,
                                    baseline=request.baseline, progress=progress, cancel=cancel)
    return SanityOutcome(request, result)


class SanityWorker(CancellableWorker):
    """Runs one :class:`SanityRequest`, then ends. Start it with ``start()`` (which registers it)."""

    done = Signal(object)  # SanityOutcome
    cancelled = Signal(object)  # SanityOutcome of the steps run before the cancel
    failed = Signal(str)  # one line

    def __init__(self, request: SanityRequest, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if request.kind not in KINDS:
            raise CnnvizError(tr("unknown check '{kind}'; choose one of: {kinds}").format(kind=request.kind,
                                                                                       kinds=", ".join(KINDS)))
        self.request = request

    def run(self) -> None:
        torch.set_num_threads(worker_threads_count())
        job: Any = run_randomisation if self.request.kind == "randomisation" else run_curves
        try:
            outcome = job(self.request, progress=self.report, cancel=self.is_cancelled)
        except Exception as exc:  # noqa: BLE001 - one line for the box, the thread ends
            self.failed.emit(failure_message(exc))
            return
        (self.cancelled if outcome.result.cancelled else self.done).emit(outcome)
