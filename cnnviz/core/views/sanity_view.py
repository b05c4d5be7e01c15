"""The honesty checks of :mod:`cnnviz.core.analysis.sanity` put in words and small pictures (the app's sanity-check
box below the Attribution dock's map, and anything headless that reports a check).

- :func:`randomisation_verdict`: one line that says whether the map depends on the weights it should explain;
- :func:`curves_reading`: one line that reads the deletion and insertion areas;
- :func:`step_labels` and :func:`grouping_note`: the cascade's steps named by the module they reach, short enough
  for an axis, and how modules were grouped into steps;
- :func:`cascade_max_steps`: how many steps a cascade over so many modules gets (one per module for small
  networks, a dozen groups for big ones, so a check takes seconds);
- :func:`map_thumbnails`: the original map and a few randomised ones as one small coloured atlas.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import torch
from torch import Tensor

from ..analysis.sanity import CurvesResult, RandomisationResult, RandomisationStep
from ..errors import CnnvizError
from ..i18n import marker, translator
from .attribution_view import normalise_map
from .colormaps import lut

__all__ = ["GROUPED_STEPS", "ONE_PER_MODULE", "UNCHANGED", "cascade_max_steps", "curves_reading", "grouping_note",
           "map_thumbnails", "randomisation_verdict", "short_name", "step_labels", "thumbnail_steps"]

tr = translator(__name__)
N_ = marker(__name__)

#: a cascade over at most this many modules re-initialises one module per step
ONE_PER_MODULE = 20
#: a longer cascade is cut into this many steps of consecutive modules
GROUPED_STEPS = 12
#: a map whose rank correlation stays at or above this at every step "barely changes"
UNCHANGED = 0.9
#: what a deleted pixel becomes, as a reading says it
BASELINE_WORDS = {"blur": N_("blurred image"), "zeros": N_("zeros"), "mean": N_("mean colour"),
                  "minimum": N_("darkest value")}


def cascade_max_steps(modules: int) -> int | None:
    """``max_steps`` for :func:`~cnnviz.core.analysis.sanity.randomisation_check` on a model with ``modules``
    parameter-owning modules: None (one step each) up to :data:`ONE_PER_MODULE`, else :data:`GROUPED_STEPS`."""
    return None if modules <= ONE_PER_MODULE else GROUPED_STEPS


def short_name(path: str, width: int = 16) -> str:
    """A module path short enough for an axis: whole if it fits in ``width`` characters, else its trailing
    components that do, after an ellipsis (``features.denseblock4.denselayer16.conv2`` -> ``…denselayer16.conv2``);
    a single component too long is cut at its end."""
    if len(path) <= width:
        return path
    parts = path.split(".")
    kept = parts[-1]
    for part in reversed(parts[:-1]):
        if len(part) + 1 + len(kept) + 1 > width:
            break
        kept = f"{part}.{kept}"
    text = "\u2026" + kept
    return text if len(text) <= width else "\u2026" + kept[-(width - 1):]


def step_labels(steps: Sequence[RandomisationStep], width: int = 16) -> list[str]:
    """Each step named by the deepest module it re-initialised (the cascade runs from the output down, so that
    is how far the randomisation has reached), shortened by :func:`short_name`."""
    return [short_name(s.layers[-1], width) if s.layers else tr("step {step}").format(step=s.step) for s in steps]


def grouping_note(result: RandomisationResult) -> str:
    """How modules became steps: ``"17 steps, one module each"`` or ``"12 steps of 8-9 consecutive modules
    (107 modules)"`` (counted over the steps run; a cancelled check says how many of how many ran)."""
    sizes = [len(s.layers) for s in result.steps]
    one = result.total_steps == 1
    if result.cancelled:
        ran = (tr("{done} of {total} step") if one else tr("{done} of {total} steps")).format(
            done=len(sizes), total=result.total_steps)
    else:
        ran = (tr("{total} step") if one else tr("{total} steps")).format(total=result.total_steps)
    if not sizes:
        return ran
    if max(sizes) == 1:
        return tr("{steps}, one module each").format(steps=ran)
    low, high = min(sizes), max(sizes)
    each = str(low) if low == high else f"{low}-{high}"
    return tr("{steps} of {each} consecutive modules ({modules} modules)").format(steps=ran, each=each,
                                                                                 modules=sum(sizes))


def randomisation_verdict(result: RandomisationResult, unchanged: float = UNCHANGED) -> str:
    """One line: did the map change while the model's weights were randomised from the top down?

    - it fell below the check's threshold: ``map changed: rank correlation falls to 0.12 by layer1.0.conv1 ->
      the map depends on the weights`` (the first step below the threshold);
    - it stayed at or above ``unchanged`` throughout: ``map barely changes (rho >= 0.9 throughout): it does
      not explain this model``;
    - in between: the lowest correlation and where, and that the map depends on the weights only weakly.

    A cancelled check says after how many steps, and speaks of what it saw so far.
    """
    steps = result.steps
    if not steps:
        return tr("cancelled before the first step: nothing to judge") if result.cancelled else \
            tr("no step to judge")
    first = next((s for s in steps if s.changed), None)
    low = min(steps, key=lambda s: s.spearman)
    if first is not None:
        verdict = tr("map changed: rank correlation falls to {rho} by {where} \u2192 the map depends on the "
                     "weights").format(rho=f"{first.spearman:.2f}", where=step_labels([first], width=40)[0])
    elif low.spearman >= unchanged:
        verdict = tr("map barely changes (\u03c1 \u2265 {unchanged} throughout): it does not explain this "
                     "model").format(unchanged=f"{unchanged:g}")
    else:
        verdict = tr("map changes a little (lowest \u03c1 {rho} at {where}, never below {threshold}): it depends "
                     "on the weights only weakly").format(rho=f"{low.spearman:.2f}",
                                                          where=step_labels([low], width=40)[0],
                                                          threshold=f"{result.threshold:g}")
    if result.cancelled:
        return tr("cancelled after {done} of {total} steps; so far the {verdict}").format(
            done=len(steps), total=result.total_steps, verdict=verdict)
    return tr("the {verdict}").format(verdict=verdict)


def curves_reading(result: CurvesResult) -> str:
    """One line reading the deletion and insertion areas: deletion AUC small is good (the class probability
    falls fast once the map's top pixels go), insertion AUC large is good (it rises fast as they come back)."""
    if result.cancelled or result.deletion_auc is None or result.insertion_auc is None:
        return tr("cancelled: the curves are unfinished, no areas")
    d, i = result.deletion_auc, result.insertion_auc
    if i - d >= 0.1:
        reading = tr("the map's top pixels carry the evidence")
    elif d - i >= 0.1:
        reading = tr("the map's top pixels are not what the model uses")
    else:
        reading = tr("the order of the map's pixels barely matters")
    base = tr(BASELINE_WORDS[result.baseline]) if result.baseline in BASELINE_WORDS else result.baseline
    return tr("deletion AUC {deletion} (small is good), insertion AUC {insertion} (large is good): {reading} "
              "(baseline: {baseline})").format(deletion=f"{d:.2f}", insertion=f"{i:.2f}", reading=reading,
                                               baseline=base)


def thumbnail_steps(maps: int, count: int = 4) -> tuple[int, ...]:
    """Which of ``maps`` maps (the original, then one per step) to show as ``count`` thumbnails: the original,
    the last, and steps evenly spread between (fewer when there are fewer maps)."""
    if maps <= 0:
        return ()
    if maps <= count:
        return tuple(range(maps))
    return tuple(sorted({round(k * (maps - 1) / (count - 1)) for k in range(count)}))


def map_thumbnails(maps: Sequence[Tensor], method: str, indices: Sequence[int], *, size: int = 48, pad: int = 2,
                   cols: int = 2, cmap: str = "inferno") -> np.ndarray:
    """The maps at ``indices`` as one ``H x W x 3`` uint8 atlas, ``cols`` thumbnails a row, each ``size`` pixels
    square, normalised like the overlay (:func:`~cnnviz.core.views.attribution_view.normalise_map`), coloured
    with ``cmap``, on white padding."""
    if not indices:
        raise CnnvizError(tr("no maps to draw as thumbnails"))
    if any(not 0 <= i < len(maps) for i in indices):
        raise CnnvizError(tr("thumbnail indices {indices} outside the {count} maps").format(indices=list(indices),
                                                                                          count=len(maps)))
    table = torch.from_numpy(lut(cmap))
    cols = max(1, min(cols, len(indices)))
    rows = math.ceil(len(indices) / cols)
    atlas = np.full((rows * size + (rows - 1) * pad, cols * size + (cols - 1) * pad, 3), 255, np.uint8)
    for n, i in enumerate(indices):
        plane = normalise_map(maps[i].detach().cpu(), method, size=(size, size))
        levels = (plane * 255).round().to(torch.long)
        r, c = divmod(n, cols)
        atlas[r * (size + pad):r * (size + pad) + size, c * (size + pad):c * (size + pad) + size] = \
            table[levels].numpy()
    return atlas
