"""Lesson conv-kinds: each kind's parameters, multiply-adds, output shape and receptive field, computed
independently (sum of numel, FlopCounterMode / 2, the formulas) and compared with what the lesson says."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from cnnviz.core.analysis.receptive_field import ReceptiveFieldMode
from cnnviz.core.analysis.summary import summarize
from cnnviz.core.errors import CnnvizError
from cnnviz.core.inputs.images import load_image
from cnnviz.core.lessons.conv_costs import conv_costs
from cnnviz.core.lessons.conv_kinds import (KINDS, LESSON, conv_kinds, kind_modules, layer_input,
                                            template_layer)
from cnnviz.core.models.loader import load_model
from cnnviz.core.models.zoo import build_model

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "digit_7.png"


@pytest.fixture(scope="module")
def model():
    return load_model(LESSON.model)


@pytest.fixture(scope="module")
def image(model) -> torch.Tensor:
    x = load_image(SAMPLE, model.info)
    return x if x.dim() == 4 else x[None]


@pytest.fixture(scope="module")
def view(model, image):
    got = layer_input(model.module, image, template_layer(model.module))
    return conv_kinds(got.x, got.weight, got.bias, layer=got.layer, input_field=got.field)


def flop_counter_macs(module: nn.Module, x: torch.Tensor) -> int:
    with torch.no_grad(), FlopCounterMode(display=False) as counter:
        module(x)
    return counter.get_total_flops() // 2


def test_the_template_is_the_models_res1_conv1_and_its_input_is_relu1s_output(model, image, view):
    assert view.layer == "res1.conv1"
    got = layer_input(model.module, image, "res1.conv1")
    assert got.field == summarize(model.module, (1, 28, 28)).layer("relu1").receptive_field
    seen = {}
    handle = model.module.relu1.register_forward_hook(lambda m, a, out: seen.setdefault("relu1", out.clone()))
    try:
        with torch.no_grad():
            model.module(image)
    finally:
        handle.remove()
    assert torch.equal(view.input, seen["relu1"][0])


def test_the_standard_kind_is_the_trained_layer_itself(model, view):
    with torch.no_grad():
        expected = model.module.res1.conv1(view.input[None])[0]
    assert torch.allclose(view.kind("standard").output, expected, atol=1e-6)


def test_parameters_are_the_modules_numel_and_the_closed_forms(view):
    c, k = 16, 9
    expected = {"standard": c * c * k + c, "grouped": c * (c // 4) * k + c,
                "depthwise-separable": c * k + c * c + c, "dilated": c * c * k + c, "transposed": c * c * k + c}
    for kind in view.kinds:
        assert kind.params == sum(p.numel() for p in kind.module.parameters()) == expected[kind.kind]


def test_macs_agree_with_torch_flop_counter_and_the_formula(view):
    x = view.input[None]
    hw = 12 * 12
    formula = {"standard": hw * 16 * 16 * 9, "grouped": hw * 16 * 4 * 9, "depthwise-separable": hw * 16 * 9 + hw * 16 * 16,
               "dilated": hw * 16 * 16 * 9, "transposed": hw * 16 * 16 * 9}  # transposed: per input element
    for kind in view.kinds:
        assert kind.macs == flop_counter_macs(kind.module, x) == formula[kind.kind], kind.kind
        assert kind.macs == sum(c.macs for c in conv_costs(kind.module, (16, 12, 12)))


def test_output_shapes_are_the_ones_claimed(view):
    x = view.input[None]
    for kind in view.kinds:
        with torch.no_grad():
            assert tuple(kind.module(x).shape[1:]) == kind.output_shape
        assert kind.maps.grid.cell_h == kind.output_shape[1]
    assert view.kind("transposed").output_shape == (16, 24, 24)
    assert {view.kind(k).output_shape for k in KINDS if k != "transposed"} == {(16, 12, 12)}
    m = view.kind("transposed").module
    reference = F.conv_transpose2d(x, m.weight, m.bias, stride=2, padding=1, output_padding=1)
    assert torch.allclose(view.kind("transposed").output, reference[0])


def test_receptive_fields_follow_the_formulas(view):
    k, d = 3, 2
    assert view.kind("standard").field.size == (k, k)
    assert view.kind("grouped").field.size == (k, k)
    assert view.kind("depthwise-separable").field.size == (k, k)  # 3x3 then 1x1
    assert view.kind("dilated").field.size == ((k - 1) * d + 1,) * 2
    transposed = view.kind("transposed").field
    assert transposed.size == (2, 2) and transposed.stride == (0.5, 0.5)  # ceil(3 / 2) inputs, 2x upsampling
    # in image pixels: conv1 (5x5) then pool 2 gives the input maps a 6-pixel field with stride 2
    assert view.kind("standard").image_field.size == (6 + 2 * 2,) * 2
    assert view.kind("dilated").image_field.size == (6 + 4 * 2,) * 2


def test_image_fields_equal_a_field_traced_from_the_image(model, image, view):
    net = model.module
    for kind in view.kinds:
        chain = nn.Sequential(net.conv1, net.pool1, net.relu1, kind.module)
        mode = ReceptiveFieldMode()
        with torch.no_grad(), mode:
            mode.watch(image)
            field = mode.field_of(chain(image))
        assert kind.image_field.size == field.size and kind.image_field.stride == field.stride, kind.kind


def test_the_kinds_are_made_from_the_template(view, model):
    w = model.module.res1.conv1.weight.detach()
    grouped = view.kind("grouped").module.weight
    assert torch.equal(grouped[5], w[5, 4:8])  # output 5 is in group 1: inputs 4..7
    assert torch.equal(view.kind("dilated").module.weight, w)
    depthwise, pointwise = view.kind("depthwise-separable").module
    rebuilt = pointwise.weight[:, :, 0, 0][:, :, None, None] * depthwise.weight[:, 0][None]
    for i in range(16):  # per input channel the best rank-one split of the template's filters
        u, s, vh = torch.linalg.svd(w[:, i].reshape(16, 9))
        best = s[0] * torch.outer(u[:, 0], vh[0])
        assert torch.allclose(rebuilt[:, i].reshape(16, 9), best, atol=1e-5)


def test_layer_input_restores_every_train_flag(image):
    net = build_model("mnist_residual")
    net.train()
    net.res1.eval()
    flags = [m.training for m in net.modules()]
    layer_input(net, image, "res1.conv1")
    assert [m.training for m in net.modules()] == flags
    assert not net.conv1._forward_pre_hooks and not net.res1.conv1._forward_pre_hooks


def test_template_layer_finds_one_or_none():
    assert template_layer(build_model("mnist_plain_deep")) == "stage1.0.conv1"
    assert template_layer(build_model("mnist_inception")) == "incep1.branch3x3.2"  # 24 -> 24, 3x3
    assert template_layer(nn.Sequential(nn.Conv2d(3, 8, 3), nn.Conv2d(8, 8, 3, stride=2))) is None


def test_bad_input_is_one_clear_error(view, model, image):
    with pytest.raises(CnnvizError, match="no layer 'nope'"):
        layer_input(model.module, image, "nope")
    with pytest.raises(CnnvizError, match="multiple of 4"):
        kind_modules(torch.zeros(6, 6, 3, 3), None)
    with pytest.raises(CnnvizError, match=r"\[1, 16, H, W\]"):
        conv_kinds(torch.zeros(1, 8, 12, 12), torch.zeros(16, 16, 3, 3), None)


def test_without_bias_the_kinds_have_none():
    modules = kind_modules(torch.randn(8, 8, 3, 3), None)
    assert all(p.dim() == 4 for m in modules.values() for p in m.parameters())


def test_the_kinds_leave_torchs_global_generator_alone(model, image):
    state = torch.random.get_rng_state()
    got = layer_input(model.module, image, "res1.conv1")
    conv_kinds(got.x, got.weight, got.bias, input_field=got.field)
    assert torch.equal(state, torch.random.get_rng_state())
