"""Lesson why-1x1: the course's four numbers, the paper's and torchvision's inception 3a, the reduction lab.

Every count is compared with an independent one: torch's FlopCounterMode (FLOPs / 2) on real CPU
modules, and the formula out_h * out_w * out_c * in_c / groups * kh * kw.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from cnnviz.core.errors import CnnvizError
from cnnviz.core.inputs.images import load_image
from cnnviz.core.lessons.conv_costs import conv_costs
from cnnviz.core.lessons.inception_costs import (PaperInception, block_cost, paper_block_cost,
                                                 torchvision_block, torchvision_block_cost)
from cnnviz.core.lessons.why_1x1 import LESSON, ReductionLab, block_input, cost_example, course_examples
from cnnviz.core.models.zoo import model_info, model_names

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "digit_7.png"


def flop_counter_macs(module: nn.Module, x: torch.Tensor) -> int:
    with torch.no_grad(), FlopCounterMode(display=False) as counter:
        module(x)
    return counter.get_total_flops() // 2


def formula_macs(conv: nn.Conv2d, size: int) -> int:
    """A map-size-preserving convolution: out_h * out_w * out_c * in_c / groups * kh * kw."""
    kh, kw = conv.kernel_size
    return size * size * conv.out_channels * conv.in_channels // conv.groups * kh * kw


@pytest.fixture(scope="module")
def digit() -> torch.Tensor:
    x = load_image(SAMPLE, model_info("mnist_inception"))
    return x if x.dim() == 4 else x[None]


@pytest.fixture(scope="module")
def lab(digit) -> ReductionLab:
    return ReductionLab(digit)


def test_the_course_four_numbers_come_from_the_modules():
    macs, weights = course_examples()
    assert macs.direct_macs == 120_422_400
    assert macs.reduced_macs == 12_443_648
    assert weights.direct_weights == 819_200
    assert weights.reduced_weights == 50_688


def test_course_counts_agree_with_torch_flop_counter_and_the_formula():
    macs, weights = course_examples()
    direct = nn.Conv2d(192, 32, 5, padding=2)
    reduced = nn.Sequential(nn.Conv2d(192, 16, 1), nn.Conv2d(16, 32, 5, padding=2))
    x = torch.zeros(1, 192, 28, 28)
    assert macs.direct_macs == flop_counter_macs(direct, x) == formula_macs(direct, 28)
    assert macs.reduced_macs == flop_counter_macs(reduced, x) == sum(formula_macs(c, 28) for c in reduced)
    big = nn.Conv2d(512, 64, 5)
    small = [nn.Conv2d(512, 24, 1), nn.Conv2d(24, 64, 5)]
    assert weights.direct_weights == big.weight.numel()
    assert weights.reduced_weights == sum(c.weight.numel() for c in small)
    # biases exist on the modules but are left out, as the course leaves them out
    assert {c.biases for c in weights.direct + weights.reduced} == {64, 24}


def test_cost_example_refuses_bad_sizes():
    with pytest.raises(CnnvizError, match="reduce"):
        cost_example(192, 32, 5, 0)
    with pytest.raises(CnnvizError, match="kernel"):
        cost_example(192, 32, True)


def test_conv_costs_refuse_a_bad_shape():
    with pytest.raises(CnnvizError, match="three positive sizes"):
        conv_costs(nn.Conv2d(3, 4, 3), (3, 0, 8))
    with pytest.raises(CnnvizError, match="refuses input shape"):
        conv_costs(nn.Conv2d(3, 4, 3), (5, 8, 8))


def test_paper_block_is_laid_out_as_drawn_and_its_cost_is_torchs():
    cost = paper_block_cost(16)
    kernels = {b.name: [op.kernel for op in b.ops] for b in cost.branches}
    assert kernels == {"branch1": [(1, 1)], "branch2": [(1, 1), (3, 3)], "branch3": [(1, 1), (5, 5)],
                       "branch4": [(3, 3), (1, 1)]}
    assert cost.branches[3].ops[0].kind == "max-pool"
    assert cost.output_shape == (256, 28, 28)
    assert cost.branch("branch3").macs == 12_443_648
    block = PaperInception(16)
    x = torch.zeros(1, 192, 28, 28)
    assert block(x).shape == (1, 256, 28, 28)
    assert cost.macs == flop_counter_macs(block, x)
    assert cost.weights == sum(m.weight.numel() for m in block.modules() if isinstance(m, nn.Conv2d))


def test_torchvision_branch3_is_really_3x3_and_costed_from_its_modules():
    real = torchvision_block("cpu")
    assert real.branch3[1].conv.kernel_size == (3, 3)
    cost = torchvision_block_cost()
    assert [op.kernel for op in cost.branch("branch3").ops] == [(1, 1), (3, 3)]
    x = torch.zeros(1, 192, 28, 28)
    assert cost.macs == flop_counter_macs(real.eval(), x)
    assert cost.weights == sum(m.weight.numel() for m in real.modules() if isinstance(m, nn.Conv2d))
    assert cost.output_shape == (256, 28, 28) == tuple(real(x).shape[1:])
    assert cost.branch("branch3").macs == 28 * 28 * (192 * 16 + 16 * 32 * 9)
    assert block_cost(real).macs == cost.macs


def test_block_input_is_192_by_28_by_28_and_repeatable(digit):
    x = block_input(digit)
    assert x.shape == (1, 192, 28, 28)
    assert torch.equal(x, block_input(digit))
    assert x.std() > 0
    with pytest.raises(CnnvizError, match=r"\[1, C, H, W\]"):
        block_input(torch.zeros(28, 28))


@pytest.mark.parametrize("width", [1, 4, 16, 64, 192])
def test_reduction_costs_are_counted_from_the_branch_run(lab, width):
    view = lab.at(width)
    branch = lab.branch(width)
    assert view.branch_macs == flop_counter_macs(branch, lab.x) == 28 * 28 * (192 * width + width * 32 * 25)
    assert view.branch_weights == sum(m.weight.numel() for m in branch if isinstance(m, nn.Conv2d))
    assert view.direct_macs == 120_422_400
    assert view.block.macs == flop_counter_macs(PaperInception(width), lab.x)
    assert view.maps.image.shape == view.full_maps.image.shape == view.difference.image.shape
    assert (view.maps.grid.cell_h, view.maps.grid.cell_w, len(view.maps.grid.order)) == (28, 28, 32)


def test_the_output_change_is_measured_against_the_unreduced_5x5(lab):
    full = torch.relu(lab.conv5(lab.x))
    changes = {}
    for width in (4, 16, 64, 192):
        y = lab.branch(width)(lab.x)
        direct = float((y - full).norm() / full.norm())
        view = lab.at(width)
        assert view.change == pytest.approx(direct, rel=1e-5, abs=1e-6)
        changes[width] = view.change
    assert changes[192] < 1e-4  # all 192 directions: the unreduced 5x5 itself
    assert changes[4] > changes[16] > changes[64] > changes[192]
    energy = lab.x[0].flatten(1).pow(2).sum()
    kept = lab.directions[:16] @ lab.x[0].flatten(1)
    assert lab.at(16).kept == pytest.approx(float(kept.pow(2).sum() / energy), rel=1e-4)


def test_bad_widths_are_refused(lab):
    for width in (0, 193, 2.5, True):
        with pytest.raises(CnnvizError, match="reduction width"):
            lab.at(width)


def test_the_lesson_opens_a_model_of_the_zoo():
    assert LESSON.name == "why-1x1"
    assert LESSON.model in model_names()
    assert LESSON.docks[0] == "inception_dock"


def test_the_lab_leaves_torchs_global_generator_alone(digit):
    state = torch.random.get_rng_state()
    ReductionLab(digit).at(8)
    course_examples()
    assert torch.equal(state, torch.random.get_rng_state())
