"""The Layer inspector dock and the receptive-field outline on the input picture."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt

from cnnviz.core.analysis.layer_facts import unit_window
from cnnviz.gui.panels.input import RF_HINT
from cnnviz.gui.panels.inspector import NO_LAYER, InspectorPanel
from tests.gui.helpers import open_mnist, photo_png, wait_settled


def inspector(window) -> InspectorPanel:
    """The window's inspector dock (added here while the dock registry does not list it)."""
    panel = window.docks.get("inspector_dock")
    if panel is None:
        panel = InspectorPanel(window.session, window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
        panel.show()
    return panel


def settle(qtbot, window, panel) -> None:
    wait_settled(qtbot, window)
    qtbot.waitUntil(lambda: panel.is_settled() and window.docks["input_dock"].is_settled(), timeout=10000)


def open_zoo(qtbot, window, name: str, tmp_path: Path) -> None:
    window.session.request_model(name, "none")
    window.session.open_paths([photo_png(tmp_path / "photo.png")])
    qtbot.waitUntil(lambda: window.session.model is not None and window.session.model.loaded.name == name,
                    timeout=60000)
    wait_settled(qtbot, window)


def grab(view) -> np.ndarray:
    image = view.grab().toImage().convertToFormat(view.grab().toImage().Format.Format_RGB888)
    return np.array(image.constBits(), dtype=np.uint8).reshape(image.height(), image.bytesPerLine())[
        :, : image.width() * 3].reshape(image.height(), image.width(), 3).copy()


def test_message_when_nothing_is_selected(qtbot, window, images) -> None:
    panel = inspector(window)
    assert panel.message() == NO_LAYER and panel.facts is None
    open_mnist(qtbot, window, images[0])
    assert panel.message() is None and panel.facts is not None
    window.session.select_layer(None)
    assert panel.message() == NO_LAYER and panel.text() == NO_LAYER


def test_resnet18_layers_and_receptive_field_outline(qtbot, window, tmp_path) -> None:
    panel, session = inspector(window), window.session
    open_zoo(qtbot, window, "resnet18", tmp_path)
    session.select_layer("conv1")
    text = panel.text()
    assert "Conv2d" in text and "9,408" in text and f"{3 * 224 * 224 * 64 * 112 * 112:,}" in text
    assert "12,845,056\u00d7" in text  # the ratio, stated in the weight-sharing box
    session.select_layer("maxpool")
    assert "No parameters: a fixed max over each 3x3 window" in panel.text()
    assert "Weight sharing" not in panel.text()

    session.select_layer("layer2.0.conv1")
    settle(qtbot, window, panel)
    view = window.docks["input_dock"].view
    plain = grab(view)
    session.select_unit("layer2.0.conv1", 3, 5)
    settle(qtbot, window, panel)
    input_dock = window.docks["input_dock"]
    expected = unit_window(session.model.summary, "layer2.0.conv1", 3, 5)
    assert expected == (-1, 15, 51, 51)  # 8y - 25 by hand (see tests/core/analysis/test_layer_facts.py)
    assert input_dock.rf_box == expected and view.outline() == expected  # the view is 224x224 input pixels
    assert "layer2.0.conv1 (row 3, col 5): 51\u00d751 px" in input_dock.rf_caption.text()
    assert "input rows -1\u201349, cols 15\u201365" in panel.text()

    target, rect = view.target_rect(), view.outline_rect()
    scale = target.width() / 224
    assert rect.top() == target.top()  # clipped: row -1 lies in the padding
    assert abs(rect.left() - (target.left() + 15 * scale)) < 1e-6
    assert abs(rect.height() - 50 * scale) < 1e-6 and abs(rect.width() - 51 * scale) < 1e-6
    changed = np.argwhere((grab(view) != plain).any(axis=2))
    assert len(changed) > 100  # the outline was painted ...
    assert changed[:, 0].min() >= rect.top() - 2 and changed[:, 0].max() <= rect.bottom() + 2
    assert changed[:, 1].min() >= rect.left() - 2 and changed[:, 1].max() <= rect.right() + 2  # ... only there

    session.select_unit("fc", 0, 0)
    assert input_dock.rf_box is None and view.outline() is None
    assert "sees the whole input" in input_dock.rf_caption.text()
    session.select_unit("layer2.0.conv1", 0, 0)
    session.select_layer("layer1")  # another layer: the outline goes
    assert view.outline() is None and input_dock.rf_caption.text() == RF_HINT


def test_googlenet_block_branch_key_and_outline(qtbot, window, tmp_path) -> None:
    panel, session = inspector(window), window.session
    open_zoo(qtbot, window, "googlenet", tmp_path)
    session.select_layer("inception3a")
    text = panel.text()
    assert "Inception" in text and "4 direct children (branch1, branch2, branch3, branch4)" in text
    assert "192\u00d728\u00d728" in text and "256\u00d728\u00d728" in text
    session.select_layer("inception3a:branch2")
    assert "branch 2 of the Inception block 'inception3a'" in panel.text()
    assert panel.facts.name == "inception3a"
    key = "inception3a.branch3.1.conv"
    session.select_layer(key)
    assert "3x3" in panel.text()
    session.select_unit(key, 10, 12)
    settle(qtbot, window, panel)
    box = window.docks["input_dock"].view.outline()
    rf = session.model.summary.layer(key).receptive_field
    assert box == unit_window(session.model.summary, key, 10, 12)
    assert box[2:] == rf.size and box[0] == rf.offset[0] + 10 * rf.stride[0] - (rf.size[0] - 1) / 2


def test_course_net_and_model_change(qtbot, window, images) -> None:
    panel, session = inspector(window), window.session
    open_mnist(qtbot, window, images[0])
    session.select_layer("conv1")
    assert "250" in panel.text() and "5x5" in panel.text()
    assert "a 5x5 conv with 10 filters on 1 channel has 250 weights" in panel.text()
    session.select_unit("conv1", 2, 3)
    settle(qtbot, window, panel)
    dock = window.docks["input_dock"]
    assert dock.rf_box == unit_window(session.model.summary, "conv1", 2, 3) == (2, 3, 5, 5)
    assert "5\u00d75 px" in dock.rf_caption.text() and "padding" not in dock.rf_caption.text()
    session.select_layer("pool1")
    assert "No parameters" in panel.text() and dock.view.outline() is None
    session.select_unit("pool1", 0, 0)
    assert dock.view.outline() is not None
    session.request_model("mnist_residual", "none")
    qtbot.waitUntil(lambda: session.model.loaded.name == "mnist_residual", timeout=20000)
    assert dock.view.outline() is None and session.unit is None
    session.select_layer("res1")
    assert "ResidualBlock" in panel.text() and "conv1, relu1, conv2, relu" in panel.text()
