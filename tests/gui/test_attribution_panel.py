"""The attribution dock: Grad-CAM over the input, opacity without recomputing, methods, classes, bad layers,
and no work while behind another dock's tab (mnist_inception with its bundled weights, a bundled digit)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt

from cnnviz.gui.panels.attribution import AttributionPanel
from tests.gui.helpers import wait_settled

DIGIT = Path(__file__).resolve().parents[2] / "resources" / "samples" / "digit_3.png"


def front(window) -> AttributionPanel:
    panel = window.docks["attribution_dock"]
    panel.show()
    panel.raise_()
    return panel


def wait_map(qtbot, window, panel: AttributionPanel, title: str) -> None:
    """Wait until the dock shows a map whose title starts with ``title`` and everything has painted."""
    def done() -> None:
        assert window.session.is_idle() and panel.is_settled()
        assert panel.result is not None and panel.result.title.startswith(title)
        assert panel.shown_image() is not None

    qtbot.waitUntil(done, timeout=30000)


def open_digit(qtbot, window, layer: str = "incep1") -> AttributionPanel:
    panel = front(window)
    window.session.request_model("mnist_inception")  # its bundled weights
    window.session.open_paths([DIGIT])
    wait_settled(qtbot, window, str(DIGIT))
    window.session.select_layer(layer)
    wait_map(qtbot, window, panel, f"Grad-CAM of {layer} for class ")
    return panel


def test_gradcam_of_incep1_over_the_digit(qtbot, window) -> None:
    panel = open_digit(qtbot, window)
    picture = panel.shown_image()
    result = panel.result
    assert picture.shape == (28, 28, 3) and picture.dtype == np.uint8
    assert picture.std() > 10 and not np.array_equal(picture, result.base)  # a map, not the bare input
    assert result.title.startswith("Grad-CAM of incep1 for class 3") and "p=" in result.title
    assert panel.message() is None and "incep1" in panel.note.text()
    assert panel.class_combo.itemData(1) == 3  # the top class first
    strip = panel.strip  # every convolution and the fusion; incep1 is a block: the strip at its last convolution
    assert strip.count() == 17 and strip.keys[-1] == "LayerCAM fusion" and strip.keys[0] == "conv1"
    assert strip.keys[strip.current()] == "incep1.branch_pool.1"


def test_opacity_reblends_without_a_new_job(qtbot, window) -> None:
    panel = open_digit(qtbot, window)
    asked, before = panel.requests, panel.shown_image().copy()
    panel.opacity.setValue(100)
    assert np.array_equal(panel.shown_image(), panel.result.heat)
    panel.opacity.setValue(0)
    assert np.array_equal(panel.shown_image(), panel.result.base)
    assert not np.array_equal(before, panel.shown_image())
    assert panel.requests == asked


def test_saliency_repaints(qtbot, window) -> None:
    panel = open_digit(qtbot, window)
    gradcam = panel.shown_image().copy()
    i = panel.method_combo.findData("saliency")
    panel.method_combo.setCurrentIndex(i)
    panel.method_combo.activated.emit(i)
    wait_map(qtbot, window, panel, "Saliency for class 3")
    assert panel.result.layer is None and "pixel method" in panel.note.text()
    assert not np.array_equal(gradcam, panel.shown_image())


def test_another_class_changes_the_title(qtbot, window) -> None:
    panel = open_digit(qtbot, window)
    i = panel.class_combo.findData(5)
    assert i > 0
    panel.class_combo.setCurrentIndex(i)
    panel.class_combo.activated.emit(i)
    wait_map(qtbot, window, panel, "Grad-CAM of incep1 for class 5")
    assert panel.class_combo.completer().filterMode() == Qt.MatchFlag.MatchContains  # any class by name
    edit = panel.class_combo.lineEdit()
    edit.clear()
    qtbot.keyClicks(edit, "7: 7")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    wait_map(qtbot, window, panel, "Grad-CAM of incep1 for class 7")


def test_a_layer_without_a_spatial_output_says_so_in_one_line(qtbot, window) -> None:
    panel = open_digit(qtbot, window)
    window.session.select_layer("fc")
    qtbot.waitUntil(lambda: "needs a convolutional layer" in panel.note.text(), timeout=10000)
    assert "\n" not in panel.note.text() and "fc" in panel.note.text()
    assert panel.shown_image() is None and panel.method_combo.isEnabled()  # a pixel method can still be picked
    panel.set_method("saliency")
    wait_map(qtbot, window, panel, "Saliency for class 3")


def test_nothing_is_computed_behind_a_tab(qtbot, window) -> None:
    panel = open_digit(qtbot, window)
    window.docks["filters_dock"].raise_()
    qtbot.waitUntil(lambda: not panel.in_front, timeout=10000)
    asked = panel.requests
    panel.set_method("gradcam++")
    window.session.select_layer("incep2")
    assert panel.requests == asked and panel.result.title.startswith("Grad-CAM of incep1")
    panel.raise_()
    wait_map(qtbot, window, panel, "Grad-CAM++ of incep2")
    assert panel.requests == asked + 2  # Grad-CAM++'s depth strip, and the map of incep2 (a block, not in it)
    assert window.session.workers.render.runs["attribution_depth"] == 2  # Grad-CAM's, then Grad-CAM++'s
