"""Layer facts: settings, the recorded input shapes, the weight-sharing numbers, and unit windows."""

from __future__ import annotations

import copy
from functools import lru_cache

import pytest
import torch
from torch import nn

from cnnviz.core.models import zoo
from cnnviz.core.errors import CnnvizError
from cnnviz.core.analysis.layer_facts import layer_facts, unit_window
from cnnviz.core.analysis.summary import Summary, summarize


@lru_cache(maxsize=None)
def zoo_model(name: str) -> tuple[nn.Module, Summary]:
    model = zoo.build_model(name)
    spec = zoo.model_info(name).input
    return model, summarize(model, (spec.channels, *spec.size), model_name=name)


def test_resnet18_conv1_weight_sharing_numbers() -> None:
    model, summary = zoo_model("resnet18")
    facts = layer_facts(model, summary, "conv1")
    assert (facts.type, facts.params, facts.conv_weights) == ("Conv2d", 9408, 64 * 3 * 7 * 7)
    assert facts.input_shape == [3, 224, 224]
    assert facts.output_shape == [64, 112, 112]
    assert facts.equivalent_fc_params == 3 * 224 * 224 * 64 * 112 * 112
    assert facts.fc_ratio == pytest.approx(3 * 224 * 224 * 64 * 112 * 112 / 9408)
    assert facts.macs == summary.layer("conv1").macs > 0
    settings = dict(facts.settings)
    assert settings["kernel"] == "7x7" and settings["stride"] == "2" and settings["padding"] == "3"
    assert settings["bias"] == "no" and settings["groups"] == "1"
    assert facts.receptive_field_text() == "7x7 px, stride 2 px"
    text = " ".join(facts.notes)
    assert "9,408" in text and f"{3 * 224 * 224 * 64 * 112 * 112:,}" in text


def test_input_shapes_come_from_the_layer_that_feeds_it() -> None:
    model, summary = zoo_model("resnet18")
    # The 1x1 projection reads the block's input (layer1's output), not the block's conv2 output.
    down = layer_facts(model, summary, "layer2.0.downsample.0")
    assert down.input_shape == [64, 56, 56]
    assert layer_facts(model, summary, "layer2.0.conv1").input_shape == [64, 56, 56]
    assert layer_facts(model, summary, "layer2.0.conv2").input_shape == [128, 28, 28]
    assert layer_facts(model, summary, "layer2.0").input_shape == [64, 56, 56]
    assert layer_facts(model, summary, "fc").input_shape == [512]


def test_maxpool_has_no_parameters() -> None:
    model, summary = zoo_model("resnet18")
    facts = layer_facts(model, summary, "maxpool")
    assert facts.params == 0 and facts.conv_weights is None and facts.equivalent_fc_params is None
    assert facts.input_shape == [64, 112, 112]
    assert dict(facts.settings) == {"kernel": "3x3", "stride": "2", "padding": "1", "dilation": "1",
                                    "ceil mode": "no"}
    assert facts.notes[0].startswith("No parameters: a fixed max over each 3x3 window")
    assert "112x112 into 56x56" in facts.notes[0]


def test_whole_input_field_and_linear() -> None:
    model, summary = zoo_model("resnet18")
    facts = layer_facts(model, summary, "fc")
    assert facts.receptive_field_text() == "the whole input (224x224 px)"
    assert dict(facts.settings) == {"in features": "512", "out features": "1000", "bias": "yes"}
    assert facts.params == 513_000 and "512,000 weights (+1,000 biases)" in facts.notes[0]
    assert unit_window(summary, "fc", 0, 0) is None
    assert "average" in layer_facts(model, summary, "avgpool").notes[0]


def test_mobilenet_v2_depthwise_saving() -> None:
    model, summary = zoo_model("mobilenet_v2")
    conv = model.get_submodule("features.2.conv.1.0")
    assert conv.groups == conv.in_channels == 96  # the depthwise 3x3 of the second inverted residual
    facts = layer_facts(model, summary, "features.2.conv.1.0")
    assert facts.conv_weights == facts.params == 96 * 3 * 3
    assert facts.dense_conv_weights == 96 * 96 * 3 * 3
    assert facts.input_shape == [96, 112, 112] and facts.output_shape == [96, 56, 56]
    assert any(n.startswith("Depthwise") and "96x fewer" in n for n in facts.notes)
    pointwise = layer_facts(model, summary, "features.2.conv.0.0")
    assert pointwise.dense_conv_weights is None and any("1x1 convolution" in n for n in pointwise.notes)


def test_grouped_conv_saving() -> None:
    model, summary = zoo_model("resnext50_32x4d")
    facts = layer_facts(model, summary, "layer1.0.conv2")
    assert dict(facts.settings)["groups"] == "32"
    assert facts.dense_conv_weights == facts.conv_weights * 32
    assert any(n.startswith("Grouped: 32 groups") for n in facts.notes)


def test_googlenet_inception_block_and_its_branch_key() -> None:
    model, summary = zoo_model("googlenet")
    block = layer_facts(model, summary, "inception3a")
    assert block.type == "Inception" and block.children == 4
    assert block.params == summary.layer("inception3a").params == sum(
        p.numel() for p in model.inception3a.parameters())
    assert block.input_shape == [192, 28, 28] and block.output_shape == [256, 28, 28]
    assert "4 direct children (branch1, branch2, branch3, branch4)" in block.notes[0]
    assert [c[0] for c in block.child_costs] == ["branch1", "branch2", "branch3", "branch4"]
    assert sum(c[2] for c in block.child_costs) == block.params
    assert sum(c[3] for c in block.child_costs) == block.macs  # the concatenation costs no MACs
    branch = layer_facts(model, summary, "inception3a:branch2")
    assert branch.name == "inception3a" and branch.key == "inception3a:branch2"
    assert branch.params == block.params and "branch 2 of the Inception block" in branch.notes[0]
    # torchvision's third branch is really 3x3 (not the paper's 5x5): the settings say what the model has.
    assert dict(layer_facts(model, summary, "inception3a.branch3.1.conv").settings)["kernel"] == "3x3"


def test_capture_keys_and_unknown_keys() -> None:
    model, summary = zoo_model("resnet18")
    again = layer_facts(model, summary, "relu#2")
    assert again.name == "relu" and "call 2" in again.notes[0]
    assert layer_facts(model, summary, "layer1.0:residual").name == "layer1.0"
    assert layer_facts(model, summary, "input").output_shape == [3, 224, 224]
    out = layer_facts(model, summary, "output")
    assert out.params == summary.total_params and out.macs == summary.total_macs
    for bad in ("layer9", "conv1.weight.x", "nope:branch0", ""):
        with pytest.raises(CnnvizError):
            layer_facts(model, summary, bad)


def test_a_3x3_conv_with_10_filters_has_90_weights_whatever_the_image_size() -> None:
    net = nn.Sequential(nn.Conv2d(1, 10, kernel_size=3, bias=False), nn.ReLU())
    small = layer_facts(net, summarize(net, (1, 28, 28)), "0")
    large = layer_facts(net, summarize(net, (1, 280, 280)), "0")
    assert small.conv_weights == large.conv_weights == small.params == 90
    assert small.equivalent_fc_params == 28 * 28 * 10 * 26 * 26
    assert large.equivalent_fc_params == 280 * 280 * 10 * 278 * 278
    assert "a 3x3 conv with 10 filters on 1 channel has 90 weights" in " ".join(large.notes)


def test_course_net_layers() -> None:
    model, summary = zoo_model("mnist_inception")
    conv = layer_facts(model, summary, "conv1")
    assert (conv.conv_weights, conv.params) == (250, 260)
    assert conv.equivalent_fc_params == 28 * 28 * 10 * 24 * 24
    assert layer_facts(model, summary, "incep1.branch_pool.0").params == 0
    fc = layer_facts(model, summary, "fc")
    assert fc.input_shape == [1408] and fc.params == 1408 * 10 + 10
    assert layer_facts(model, summary, "flatten").input_shape == [88, 4, 4]


def test_summary_missing_still_gives_settings() -> None:
    model, _ = zoo_model("mnist_inception")
    facts = layer_facts(model, None, "conv1")
    assert facts.params == 260 and facts.macs is None and facts.output_shape is None
    assert dict(facts.settings)["kernel"] == "5x5"


@pytest.mark.parametrize("name,key", [("resnet18", "layer2.0.conv1"), ("resnet18", "conv1"),
                                      ("googlenet", "inception4a"), ("mnist_inception", "conv2")])
def test_unit_window_matches_the_summary_field(name: str, key: str) -> None:
    _, summary = zoo_model(name)
    rf = summary.layer(key).receptive_field
    top, left, height, width = unit_window(summary, key, 3, 5)
    assert (height, width) == rf.size
    next_top, next_left, _, _ = unit_window(summary, key, 4, 7)
    assert (next_top - top, (next_left - left) / 2) == rf.stride


def test_unit_window_of_resnet18_by_hand() -> None:
    """conv1 (k7 s2 p3), maxpool (k3 s2 p1), four 3x3 convs, then k3 s2 p1: unit y sees rows 8y-25 ... 8y+25."""
    _, summary = zoo_model("resnet18")
    assert unit_window(summary, "layer2.0.conv1", 3, 5) == (8 * 3 - 25, 8 * 5 - 25, 51, 51)
    assert unit_window(summary, "conv1", 0, 0) == (-3, -3, 7, 7)
    assert unit_window(summary, "input", 4, 9) == (4, 9, 1, 1)
    assert unit_window(summary, "layer1.0:sum", 0, 0) is None  # not a summary layer


def test_unit_window_is_where_the_gradient_reaches() -> None:
    """A window inside the picture is exactly the input region the unit's value depends on (positive
    weights); at the edges that region lies within the clipped window (padding taps reach nothing)."""
    net = nn.Sequential(nn.Conv2d(1, 2, 5, stride=2, padding=1), nn.AvgPool2d(3, stride=2, padding=1),
                        nn.Conv2d(2, 2, 3, dilation=2, padding=1))
    with torch.no_grad():
        for p in net.parameters():
            p.fill_(1.0)
    summary = summarize(net, (1, 40, 40))
    inside = 0
    for row, col in ((2, 3), (4, 2), (5, 5), (0, 0), (7, 7)):
        image = torch.zeros(1, 1, 40, 40, requires_grad=True)
        net(image)[0, 0, row, col].backward()
        ys, xs = torch.nonzero(image.grad[0, 0], as_tuple=True)
        reached = (ys.min().item(), xs.min().item(), ys.max().item(), xs.max().item())
        top, left, height, width = unit_window(summary, "2", row, col)
        assert (height, width) == (25, 25)
        if top >= 0 and left >= 0 and top + height <= 40 and left + width <= 40:
            assert reached == (top, left, top + height - 1, left + width - 1)
            inside += 1
        else:
            assert reached[0] >= max(top, 0) and reached[1] >= max(left, 0)
            assert reached[2] <= min(top + height, 40) - 1 and reached[3] <= min(left + width, 40) - 1
    assert inside == 3


@pytest.mark.parametrize("name", ["googlenet", "mobilenet_v2", "mnist_residual"])
def test_each_conv_and_pool_turns_its_recorded_input_into_its_recorded_output(name: str) -> None:
    model, summary = zoo_model(name)
    checked = 0
    for layer in summary.layers:
        module = model.get_submodule(layer.name)
        if isinstance(module, (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d)):
            facts = layer_facts(model, summary, layer.name)
            shadow = copy.deepcopy(module).to("meta")  # the module really turns that input into the recorded output
            assert list(shadow(torch.empty(1, *facts.input_shape, device="meta")).shape[1:]) == layer.output_shape
            checked += 1
    assert checked >= 8


def test_transposed_conv() -> None:
    net = nn.Sequential(nn.Conv2d(1, 4, 3, stride=2), nn.ConvTranspose2d(4, 2, 3, stride=2))
    summary = summarize(net, (1, 28, 28))
    facts = layer_facts(net, summary, "1")
    assert facts.input_shape == [4, 13, 13] and facts.output_shape == [2, 27, 27]
    assert dict(facts.settings)["output padding"] == "0" and any("Transposed" in n for n in facts.notes)


class _PooledFirst(nn.Module):
    """A convolution fed by a functional op: no module's output holds its input."""

    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, stride=2, padding=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.conv(torch.nn.functional.avg_pool2d(x, 2))


def test_input_shape_is_what_the_module_was_called_with() -> None:
    net = _PooledFirst()
    facts = layer_facts(net, summarize(net, (3, 32, 32)), "conv")
    assert facts.input_shape == [3, 16, 16] and facts.output_shape == [8, 8, 8]  # not an estimate
    assert "input_exact" not in vars(facts)
