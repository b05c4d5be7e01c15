"""Grad-CAM family from a capture's own forward (``capture(..., graph_keys=...)`` + ``explain_capture``)."""

from __future__ import annotations

import pytest
import torch
import torchvision

from cnnviz.core.analysis.attribution import attribute
from cnnviz.core.analysis.capture_cams import explain_capture
from cnnviz.core.capture.run import capture
from cnnviz.core.models.zoo import build_model

KEYS = ["layer1.0.conv1", "layer3.1", "layer4"]


@pytest.fixture(scope="module")
def resnet():
    torch.manual_seed(0)
    return torchvision.models.resnet18(weights=None).eval()


@pytest.fixture(scope="module")
def x():
    torch.manual_seed(1)
    return torch.randn(1, 3, 64, 64)


def test_a_capture_kept_on_the_graph_records_the_same_values(resnet, x) -> None:
    plain = capture(resnet, x)
    kept = capture(resnet, x, graph_keys=KEYS)
    assert list(plain) == list(kept)
    assert all(torch.equal(plain[k], kept[k]) for k in plain)
    assert set(kept.extras["graph"].outputs) == set(KEYS)
    assert not any(kept[k].requires_grad for k in kept)  # what the capture hands out is detached
    assert all(p.requires_grad for p in resnet.parameters()) and not resnet.training


@pytest.mark.parametrize("method", ["gradcam", "gradcam++", "layercam"])
@pytest.mark.parametrize("target", [None, 7])
def test_maps_equal_attribute(resnet, x, method, target) -> None:
    got = explain_capture(capture(resnet, x, graph_keys=KEYS), method, target)
    want = attribute(resnet, x, method=method, layers=KEYS, target=target)
    assert list(got) == KEYS and torch.equal(got.targets, want.targets)
    for key in KEYS:
        torch.testing.assert_close(got[key], want[key], rtol=1e-5, atol=1e-7)


def test_on_a_course_network(x) -> None:
    torch.manual_seed(2)
    net = build_model("mnist_inception").eval()
    digit = torch.randn(1, 1, 28, 28)
    cap = capture(net, digit, graph_keys=["incep1"])
    got = explain_capture(cap, "gradcam")
    torch.testing.assert_close(got["incep1"], attribute(net, digit, layers="incep1")["incep1"])
    assert "graph" not in cap.extras  # taken out: the pass's saved tensors are freed


def test_an_output_changed_in_place_later_is_left_out(resnet, x) -> None:
    # BasicBlock's ``out += identity`` writes into bn2's output after it was recorded
    cap = capture(resnet, x, graph_keys=["layer1.0.bn2", "layer4"])
    assert list(cap.extras["graph"].outputs) == ["layer4"]


def test_nothing_to_explain_gives_none(resnet, x) -> None:
    assert explain_capture(capture(resnet, x)) is None
    assert explain_capture(capture(resnet, x, graph_keys=["no.such.layer"])) is None
    with pytest.raises(ValueError):
        explain_capture(capture(resnet, x, graph_keys=KEYS), "saliency")


def test_a_class_outside_the_model_says_the_range(resnet, x) -> None:
    from cnnviz.core.errors import CnnvizError
    with pytest.raises(CnnvizError, match="outside the model's classes 0-999"):
        explain_capture(capture(resnet, x, graph_keys=KEYS), "gradcam", 1000)
