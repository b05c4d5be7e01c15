"""The honesty checks in words and pictures: the verdict says changed / barely changes / a little, names where,
speaks of a cancel; the curves' reading; short step names; the grouping; the cascade's step policy; the
thumbnail atlas (hand-made results, no model)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from cnnviz.core.analysis.sanity import CurvesResult, RandomisationResult, RandomisationStep
from cnnviz.core.errors import CnnvizError
from cnnviz.core.views.colormaps import lut
from cnnviz.core.views.sanity_view import (GROUPED_STEPS, ONE_PER_MODULE, cascade_max_steps, curves_reading,
                                           grouping_note, map_thumbnails, randomisation_verdict, short_name,
                                           step_labels, thumbnail_steps)


def _result(rhos, layers=None, total=None, cancelled=False, threshold=0.5) -> RandomisationResult:
    layers = layers or [(f"layer{i}.0.conv{i}",) for i in range(len(rhos))]
    steps = tuple(RandomisationStep(i + 1, tuple(g), r, r < threshold) for i, (g, r) in enumerate(zip(layers, rhos)))
    return RandomisationResult("gradcam", "layer4", 3, threshold, total or len(rhos), steps,
                               any(s.changed for s in steps), cancelled)


def _curves(deletion, insertion, cancelled=False) -> CurvesResult:
    return CurvesResult(1, "blur", 4, (0, 0.25, 0.5, 0.75, 1), (), (), deletion, insertion, cancelled)


def test_a_map_that_falls_below_the_threshold_changed_and_the_line_says_where() -> None:
    text = randomisation_verdict(_result([0.95, 0.7, 0.12, -0.3]))
    assert text == ("the map changed: rank correlation falls to 0.12 by layer2.0.conv2 \u2192 "
                    "the map depends on the weights")


def test_a_map_that_stays_put_does_not_explain_the_model() -> None:
    text = randomisation_verdict(_result([1.0, 0.97, 0.93]))
    assert text.startswith("the map barely changes (\u03c1 \u2265 0.9 throughout)")
    assert text.endswith("it does not explain this model")


def test_in_between_is_weak_and_names_the_lowest() -> None:
    text = randomisation_verdict(_result([0.95, 0.62, 0.8], layers=[("fc",), ("layer4.1.conv2",), ("conv1",)]))
    assert "changes a little" in text and "lowest \u03c1 0.62 at layer4.1.conv2" in text and "weakly" in text


def test_a_cancelled_check_says_how_far_it_got() -> None:
    text = randomisation_verdict(_result([0.99, 0.98], total=17, cancelled=True))
    assert text.startswith("cancelled after 2 of 17 steps; so far the map barely changes")
    assert randomisation_verdict(_result([], total=17, cancelled=True)).startswith("cancelled before the first step")
    assert "\n" not in text


def test_the_curves_reading() -> None:
    good = curves_reading(_curves(0.1, 0.8))
    assert good.startswith("deletion AUC 0.10 (small is good), insertion AUC 0.80 (large is good)")
    assert "carry the evidence" in good and "baseline: blurred image" in good
    assert "not what the model uses" in curves_reading(_curves(0.8, 0.2))
    assert "barely matters" in curves_reading(_curves(0.5, 0.52))
    assert curves_reading(_curves(None, None, cancelled=True)).startswith("cancelled")


def test_short_names_keep_the_tail_of_the_path() -> None:
    assert short_name("layer1.0.conv1") == "layer1.0.conv1"
    assert short_name("features.denseblock4.denselayer16.conv2", 20) == "\u2026denselayer16.conv2"
    assert short_name("a_very_long_single_component_name", 10) == "\u2026nent_name"
    assert all(len(short_name(p, 12)) <= 12 for p in ("incep2.branch3x3.2", "x" * 40, "a.b.c.d.e.f.g"))


def test_each_step_is_named_by_the_deepest_module_it_reached() -> None:
    result = _result([0.9, 0.1], layers=[("fc", "layer4.1.bn2"), ("layer4.1.conv2", "layer4.1.bn1")])
    assert step_labels(result.steps) == ["layer4.1.bn2", "layer4.1.bn1"]
    assert grouping_note(result) == "2 steps of 2 consecutive modules (4 modules)"
    assert grouping_note(_result([0.9, 0.8, 0.7])) == "3 steps, one module each"
    assert grouping_note(_result([1.0])) == "1 step, one module each"
    grouped = _result([0.9, 0.8], layers=[("a", "b", "c"), ("d", "e")], total=12, cancelled=True)
    assert grouping_note(grouped) == "2 of 12 steps of 2-3 consecutive modules (5 modules)"


def test_small_networks_get_one_step_per_module_big_ones_a_dozen() -> None:
    assert cascade_max_steps(17) is None and cascade_max_steps(ONE_PER_MODULE) is None
    assert cascade_max_steps(107) == GROUPED_STEPS == 12


def test_thumbnails_the_original_the_last_and_between() -> None:
    assert thumbnail_steps(18) == (0, 6, 11, 17)
    assert thumbnail_steps(3) == (0, 1, 2) and thumbnail_steps(0) == ()
    maps = [torch.zeros(1, 4, 4), torch.ones(1, 4, 4)]
    maps[0][0, 0, 0] = 1.0  # a single hot pixel at the top left
    atlas = map_thumbnails(maps, "gradcam", (0, 1), size=8, pad=2, cols=2)
    assert atlas.shape == (8, 18, 3) and atlas.dtype == np.uint8
    top = lut("inferno")[255]
    assert np.array_equal(atlas[0, 0], top) and np.array_equal(atlas[7, 7], lut("inferno")[0])
    assert np.all(atlas[:, 8:10] == 255)  # the white gap
    assert np.array_equal(atlas[4, 14], top)  # the constant map is 1 everywhere
    with pytest.raises(CnnvizError, match="outside the 2 maps"):
        map_thumbnails(maps, "gradcam", (0, 5))
