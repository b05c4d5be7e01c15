"""The compare view: A and B on one scale, and a - b on a symmetric diverging scale with its numbers."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from cnnviz.core.analysis.sanity import spearman
from cnnviz.core.errors import CnnvizError
from cnnviz.core.views.colormaps import lut
from cnnviz.core.views.compare_view import (centre_colour, combined, difference, draw, shared_scale, side_by_side)
from cnnviz.core.views.mosaic import ZERO_LEVEL, feature_mosaic


def acts(seed: int = 0, shape=(1, 6, 5, 7)) -> torch.Tensor:
    return torch.randn(shape, generator=torch.Generator().manual_seed(seed))


def test_identical_tensors_give_zero_and_the_centre_colour() -> None:
    a = acts()
    diff = difference(a, a.clone())
    assert diff.max_abs == 0 and diff.l2 == 0 and diff.rel_l2 == 0
    centre = lut("coolwarm")[ZERO_LEVEL]
    assert np.array_equal(centre_colour(), centre)
    assert diff.image.dtype == np.uint8 and diff.image.shape[2] == 3
    assert (diff.image == centre).all()  # every pixel, padding included


def test_numbers_of_a_difference() -> None:
    a, b = acts(0), acts(1)
    diff = difference(a, b, rank=True)
    d = (a - b).double()
    assert diff.max_abs == pytest.approx(float(d.abs().max()), rel=1e-6)
    assert diff.rel_l2 == pytest.approx(float(d.norm() / a.double().norm()), rel=1e-5)
    assert diff.spearman == pytest.approx(spearman(a, b))
    assert "max |a\u2212b|" in diff.summary() and "Spearman" in diff.summary()
    assert difference(a, b).spearman is None


def test_difference_is_signed_and_symmetric_around_the_centre() -> None:
    a = torch.zeros(1, 1, 2, 2)
    b = torch.tensor([[[[1.0, -1.0], [0.5, 0.0]]]])
    diff = difference(a, b)  # a - b = [[-1, 1], [-0.5, 0]]
    table = lut("coolwarm")
    levels = feature_mosaic(a - b, scale=1.0, signed=True).image
    assert levels.tolist() == [[1, 255], [64, 128]]  # -1 -> 1, +1 -> 255, 0 -> 128
    assert np.array_equal(diff.image, table[levels])
    assert diff.scale == 1.0


def test_a_given_scale_is_used() -> None:
    a, b = torch.zeros(2, 3, 3), torch.full((2, 3, 3), 0.5)
    diff = difference(a, b, scale=2.0)
    assert diff.max_abs == 0.5 and diff.scale == 2.0
    expected = lut("coolwarm")[feature_mosaic(a - b, scale=2.0, signed=True).image]
    assert np.array_equal(diff.image, expected)


def test_planes_are_drawn_as_they_are() -> None:
    a, b = torch.rand(9, 11), torch.rand(9, 11)
    diff = difference(a, b, rank=True)
    assert diff.image.shape == (9, 11, 3)
    assert -1.0 <= diff.spearman <= 1.0


def test_side_by_side_shares_one_scale() -> None:
    a, b = acts(0), 3 * acts(1)
    pair = side_by_side(a, b)
    scale, signed = shared_scale((a, b))
    assert pair.scale == pytest.approx(scale) and pair.signed and signed and pair.cmap == "coolwarm"
    assert np.array_equal(pair.a, draw(a, scale=scale, signed=True))
    levels = feature_mosaic(b, scale=scale, signed=True).image
    assert np.array_equal(pair.b, lut("coolwarm")[levels])
    same = side_by_side(a.relu(), a.relu())
    assert not same.signed and same.cmap == "magma" and np.array_equal(same.a, same.b)


def test_channels_pick_and_order_cells() -> None:
    a = acts(0, (1, 8, 4, 4))
    b = a.clone()
    b[0, 5] += 1.0
    chosen = difference(a, b, channels=[5, 0])
    assert chosen.max_abs == pytest.approx(1.0) and chosen.image.shape == (4, 9, 3)
    assert difference(a, b, channels=[0, 1]).max_abs == 0


def test_combined_numbers_over_parts() -> None:
    a1, b1, a2, b2 = acts(0), acts(1), acts(2), acts(3)
    max_abs, rel = combined([difference(a1, b1), difference(a2, b2)])
    d = torch.cat([(a1 - b1).flatten(), (a2 - b2).flatten()]).double()
    ref = torch.cat([a1.flatten(), a2.flatten()]).double()
    assert max_abs == pytest.approx(float(d.abs().max()), rel=1e-6)
    assert rel == pytest.approx(float(d.norm() / ref.norm()), rel=1e-5)


def test_zero_reference_and_bad_input() -> None:
    zero = torch.zeros(1, 2, 3, 3)
    assert difference(zero, zero).rel_l2 == 0
    assert math.isinf(difference(zero, torch.ones(1, 2, 3, 3)).rel_l2)
    with pytest.raises(CnnvizError, match="differ in shape"):
        difference(acts(), acts(shape=(1, 6, 5, 6)))
    with pytest.raises(CnnvizError, match="diverging"):
        difference(acts(), acts(), cmap="magma")
    with pytest.raises(CnnvizError, match="cannot draw"):
        difference(torch.zeros(5), torch.zeros(5))


def test_non_finite_values_count_as_zero() -> None:
    a = acts()
    b = a.clone()
    b[0, 0, 0, 0] = float("nan")
    diff = difference(a, b)
    assert math.isfinite(diff.max_abs)
