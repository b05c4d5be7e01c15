"""The Attribution dock's depth strip and two classes side by side, on resnet18 at 64x64 with random weights
(the dock alone in a window): one entry per convolution and the fusion, all from one render job; scrubbing
selects the layer in the session and a layer selected elsewhere moves the strip; the fusion is not blank;
a second class shows a second, different picture; subject() and subject_changed follow the choices."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F
import torchvision
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QMainWindow

from cnnviz.core.analysis.attribution_common import convolutions
from cnnviz.core.analysis.layer_cams import gradcam_all_layers
from cnnviz.core.views.attribution_view import attribution_overlay, depth_pictures
from cnnviz.gui.jobs import InputDescription
from cnnviz.gui.panels.attribution import AttributionPanel
from cnnviz.gui.panels.attribution_strip import FUSION_LABEL, entry_for, label_lines, no_strip_reason, short_label
from cnnviz.gui.session import Session

CAT = Path(__file__).resolve().parents[2] / "resources" / "samples" / "cat.jpg"
RESNET18_CONVS = convolutions(torchvision.models.resnet18(weights=None))  # registration = forward order here


@pytest.fixture
def dock(qtbot):
    """The dock alone in a window, in front, on resnet18 (random weights, 3x64x64) and the sample cat."""
    session = Session()
    window = QMainWindow()
    panel = AttributionPanel(session)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
    window.resize(760, 760)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    session.request_model("resnet18", "none", description=InputDescription(input_size=(3, 64, 64)))
    session.open_paths([CAT])
    qtbot.waitUntil(lambda: session.result is not None and session.result.model is session.model, timeout=30000)
    yield panel
    session.shutdown(10000)
    window.close()


def runs(panel: AttributionPanel, kind: str) -> int:
    return panel.session.workers.render.runs[kind]


def wait_shown(qtbot, panel: AttributionPanel, title: str, compared: bool = False) -> None:
    def done() -> None:
        assert panel.session.is_idle() and panel.is_settled()
        assert panel.result is not None and panel.result.title.startswith(title)
        assert panel.shown_image() is not None
        assert not compared or panel.compared_image() is not None

    qtbot.waitUntil(done, timeout=30000)


def show_layer(qtbot, panel: AttributionPanel, layer: str) -> None:
    panel.session.select_layer(layer)
    wait_shown(qtbot, panel, f"Grad-CAM of {layer} for class ")


def test_one_entry_per_convolution_and_the_fusion_from_one_job(qtbot, dock) -> None:
    show_layer(qtbot, dock, "layer1.0.conv1")
    strip = dock.strip
    assert strip.isVisible() and strip.keys == [*RESNET18_CONVS, FUSION_LABEL] and strip.count() == 21
    assert strip.current() == RESNET18_CONVS.index("layer1.0.conv1") and strip.slider.maximum() == 20
    assert runs(dock, "attribution_depth") == 1 and runs(dock, "attribution") == 0
    assert len(strip.cells.images) == 21 and strip.cells.images[0].width() == 64
    assert "layer1.0.conv1" in strip.where.text() and "\n" not in dock.note.text()


def test_scrubbing_shows_another_map_and_selects_the_layer(qtbot, dock) -> None:
    show_layer(qtbot, dock, "layer1.0.conv1")
    before = dock.shown_image().copy()
    dock.strip.slider.setValue(RESNET18_CONVS.index("layer4.1.conv2"))
    assert dock.session.layer == "layer4.1.conv2"  # the other docks follow
    wait_shown(qtbot, dock, "Grad-CAM of layer4.1.conv2 for class ")
    assert not np.array_equal(before, dock.shown_image())
    target = RESNET18_CONVS.index("layer2.0.downsample.0")
    qtbot.mouseClick(dock.strip.cells, Qt.MouseButton.LeftButton, pos=dock.strip.thumb_center(target))
    assert dock.session.layer == "layer2.0.downsample.0" and dock.strip.current() == target
    wait_shown(qtbot, dock, "Grad-CAM of layer2.0.downsample.0")
    assert runs(dock, "attribution_depth") == 1 and dock.requests == 1  # every map came from the one job


def test_a_layer_selected_elsewhere_moves_the_strip(qtbot, dock) -> None:
    show_layer(qtbot, dock, "layer3.0.conv2")
    assert dock.strip.current() == RESNET18_CONVS.index("layer3.0.conv2")
    dock.session.select_layer("layer2")  # a block: its own map, the strip at its last convolution
    wait_shown(qtbot, dock, "Grad-CAM of layer2 for class ")
    assert dock.strip.current() == RESNET18_CONVS.index("layer2.1.conv2")
    assert runs(dock, "attribution") == 1 and runs(dock, "attribution_depth") == 1
    dock.session.select_layer("fc")
    qtbot.waitUntil(lambda: "needs a convolutional layer" in dock.note.text(), timeout=10000)
    assert "Pick one in the strip" in dock.note.text() and dock.strip.isVisible() and dock.shown_image() is None


def test_the_fusion_is_not_blank(qtbot, dock) -> None:
    show_layer(qtbot, dock, "layer4.0.conv1")
    with qtbot.waitSignal(dock.subject_changed) as signal:
        qtbot.mouseClick(dock.strip.cells, Qt.MouseButton.LeftButton, pos=dock.strip.thumb_center(20))
    assert signal.args == [("layercam", "all", None)] and dock.subject() == ("layercam", "all", None)
    wait_shown(qtbot, dock, "LayerCAM fusion of 20 convolutions for class ")
    assert dock.fusion and dock.session.layer == "layer4.0.conv1" and dock.strip.current() == 20
    heat = dock.result.heat
    assert heat.std() > 10 and not np.array_equal(heat, dock.result.base)
    dock.session.select_layer("layer1.0.conv2")  # chosen elsewhere: the strip follows and leaves the fusion
    wait_shown(qtbot, dock, "Grad-CAM of layer1.0.conv2")
    assert not dock.fusion and dock.strip.current() == RESNET18_CONVS.index("layer1.0.conv2")
    assert runs(dock, "attribution_depth") == 1


def test_two_classes_side_by_side(qtbot, dock) -> None:
    show_layer(qtbot, dock, "layer3.1.conv2")
    top = dock.class_combo.itemData(1)
    second = dock.compare_combo.itemData(2)  # the capture's second class (top five first)
    assert dock.compare_combo.itemText(0) == "none" and second is not None and second != top
    dock.set_compare(second)
    wait_shown(qtbot, dock, "Grad-CAM of layer3.1.conv2", compared=True)
    assert dock.image_b.isVisible() and dock.header_b.isVisible()
    assert f"for class {second}" in dock.result_b.title and "p=" in dock.result_b.title
    assert f"for class {top}" in dock.result.title
    assert not np.array_equal(dock.shown_image(), dock.compared_image())
    assert runs(dock, "attribution_depth_compare") == 1
    dock.opacity.setValue(0)  # one slider for both
    assert np.array_equal(dock.shown_image(), dock.compared_image())  # the bare input twice
    dock.strip.slider.setValue(RESNET18_CONVS.index("layer4.1.conv1"))
    wait_shown(qtbot, dock, "Grad-CAM of layer4.1.conv1", compared=True)
    assert dock.result_b.title.startswith("Grad-CAM of layer4.1.conv1")
    assert runs(dock, "attribution_depth_compare") == 1 and runs(dock, "attribution_depth") == 1
    dock.set_compare(None)
    qtbot.waitUntil(lambda: not dock.image_b.isVisible(), timeout=10000)
    assert dock.compared_image() is None


def test_subject_follows_method_layer_and_class(qtbot, dock) -> None:
    show_layer(qtbot, dock, "layer2.1.conv1")
    assert dock.subject() == ("gradcam", "layer2.1.conv1", None)
    with qtbot.waitSignal(dock.subject_changed) as signal:
        dock.set_target(7)
    assert signal.args == [("gradcam", "layer2.1.conv1", 7)]
    with qtbot.waitSignal(dock.subject_changed) as signal:
        dock.set_method("saliency")
    assert signal.args == [("saliency", None, 7)]
    wait_shown(qtbot, dock, "Saliency for class 7")
    assert not dock.strip.isVisible() and dock.strip_note.text().startswith("No depth strip for Saliency: ")
    assert "\n" not in dock.strip_note.text()
    dock.set_method("layercam")
    wait_shown(qtbot, dock, "LayerCAM of layer2.1.conv1 for class 7")
    assert dock.strip.isVisible() and not dock.strip_note.isVisible()


def test_labels_are_short_and_fit() -> None:
    assert short_label("inception4a.branch2.1.conv") == "inception4a.branch2.1"
    assert short_label("conv2.conv") == "conv2" and short_label("conv1") == "conv1" and short_label("layer1.0.conv1") == "layer1.0.conv1"
    metrics = QFontMetrics(QFont())
    lines = label_lines("inception4a.branch2.1", metrics, 86)
    assert len(lines) == 2 and lines[0] == "inception4a." and lines[1] == "branch2.1"


def test_strip_pictures_equal_each_layers_overlay() -> None:
    torch.manual_seed(0)
    model = torchvision.models.resnet18(weights=None).eval()
    x = torch.randn(1, 3, 64, 64)
    view = (torch.rand(64, 64, 3) * 255).to(torch.uint8).numpy()
    maps = gradcam_all_layers(model, x)
    keys = list(maps)[::7]
    pictures = depth_pictures(view, [maps[k] for k in keys], ["gradcam"] * len(keys), thumb=32)
    assert pictures.levels.shape == (len(keys), 64, 64) and pictures.thumbs.shape == (len(keys), 32, 32, 3)
    for i, key in enumerate(keys):
        overlay = attribution_overlay(view, maps[key], method="gradcam", opacity=1.0)
        assert np.array_equal(pictures.heat(i), overlay)
        heat = attribution_overlay(np.zeros((32, 32, 3), np.uint8), maps[key], method="gradcam", opacity=1.0)
        shrunk = F.interpolate(torch.from_numpy(view).permute(2, 0, 1)[None].float(), size=(32, 32), mode="area")
        want = shrunk[0].permute(1, 2, 0).numpy() * 0.4 + heat * 0.6  # the map at the thumbnail's size, over the view
        assert np.abs(pictures.thumbs[i].astype(float) - want).max() <= 1.0
    assert np.array_equal(pictures.base, view)


def test_where_the_strip_stands_and_why_there_is_none() -> None:
    order = {k: i for i, k in enumerate(["input", "conv1", "block.conv", "block", "fc", "output"])}
    layers = ("conv1", "block.conv")
    assert [entry_for(layers, k, order) for k in ("block.conv", "block", "fc", "input", None)] == [1, 1, 1, 0, 0]
    assert no_strip_reason("gradcam", "net", True) == ""
    assert no_strip_reason("gradcam", "mlp", False) == "No depth strip: mlp has no convolution."
    assert no_strip_reason("layercam", "net", True, "out of memory") == "No depth strip: out of memory"
    for method in ("saliency", "guided-gradcam"):
        line = no_strip_reason(method, "net", True)
        assert line.startswith("No depth strip for ") and "\n" not in line
