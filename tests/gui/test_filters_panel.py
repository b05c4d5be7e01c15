"""The filters dock: RGB first layers, grids, paging, per-group labels, messages, hover, refresh on new weights."""

from __future__ import annotations

import numpy as np
import torch
from PySide6.QtCore import QPointF, Qt

from cnnviz.core.views.colormaps import lut
from cnnviz.gui.panels.filters import HOVER_HINT, FiltersPanel
from tests.gui.helpers import open_mnist, photo_png, wait_settled


def grid_shape(rows: int, cols: int, kh: int, kw: int) -> tuple[int, int]:
    return rows * kh + (rows - 1), cols * kw + (cols - 1)


def filters_panel(window) -> FiltersPanel:
    """The window's filters dock (made here, tabbed with the feature maps, until it is registered), in front."""
    panel = window.docks.get("filters_dock")
    if panel is None:
        panel = FiltersPanel(window.session, window)
        window.tabifyDockWidget(window.docks["feature_maps_dock"], panel)
    panel.show()
    panel.raise_()
    return panel


def wait_filters(qtbot, window, panel: FiltersPanel, layer: str | None = None, message: str | None = None) -> None:
    """Wait until the dock shows the filters of ``layer`` (as selected) or a message containing ``message``."""
    def done() -> None:
        assert window.session.is_idle() and panel.is_settled()
        if message is not None:
            assert message in (panel.message() or "")
        else:
            assert panel.message() is None and panel.view is not None and panel.view.selected == layer

    qtbot.waitUntil(done, timeout=30000)


def open_photo(qtbot, window, tmp_path, model: str) -> FiltersPanel:
    panel = filters_panel(window)
    window.session.request_model(model, "none")
    window.session.open_paths([photo_png(tmp_path / "p.png")])
    wait_settled(qtbot, window)
    return panel


def hover(panel: FiltersPanel, x: float, y: float) -> str:
    panel._on_hover(panel.item.mapToScene(QPointF(x, y)))
    return panel.hover.text()


def test_empty_dock_asks_for_a_model(window) -> None:
    assert filters_panel(window).message() == "Load a model to see its filters"


def test_first_layer_is_rgb_tiles_and_hover_reads_a_weight(qtbot, window, tmp_path) -> None:
    panel = open_photo(qtbot, window, tmp_path, "resnet18")
    window.session.select_layer("conv1")
    wait_filters(qtbot, window, panel, "conv1")
    image = panel.shown_image()
    assert image.shape == (*grid_shape(8, 8, 7, 7), 3) and image.dtype == np.uint8 and image.std() > 10
    assert panel.item.lut is None  # RGB, not a colour map
    (x0, x1), (y0, y1) = panel.vb.viewRange()
    assert x0 <= 0 and y0 <= 0 and x1 >= 63 and y1 >= 63  # all of it in view
    header = panel.header.text()
    assert "conv1" in header and "kernel 7x7, stride 2, padding 3" in header and "64\u00d73\u00d77\u00d77" in header
    assert panel.mode_combo.isEnabled() and not panel.page_label.isVisible()
    assert panel.view.hist_counts.sum() == 64 * 3 * 7 * 7
    assert "std" in panel.stats.text()
    text = hover(panel, 8 + 2.5, 0.5)  # second tile, tap (0, 2)
    w = window.session.model.loaded.module.conv1.weight.detach()
    assert text.startswith("filter 1, tap (row 0, col 2): R ") and f"{float(w[1, 0, 0, 2]):.4g}" in text
    assert hover(panel, 7.5, 0.5) == HOVER_HINT  # the gap between tiles


def test_layer_without_weights_shows_a_message(qtbot, window, tmp_path) -> None:
    panel = open_photo(qtbot, window, tmp_path, "resnet18")
    window.session.select_layer("layer1.0.relu")
    wait_filters(qtbot, window, panel, message="ReLU has no filters: select a convolution or linear layer")
    assert panel.shown_image() is None


def test_deep_layer_is_paged_and_can_show_channel_means(qtbot, window, tmp_path) -> None:
    panel = open_photo(qtbot, window, tmp_path, "resnet18")
    window.session.select_layer("layer4.0.conv2")
    wait_filters(qtbot, window, panel, "layer4.0.conv2")
    assert panel.shown_image().shape == grid_shape(64, 512, 3, 3)
    (x0, x1), (y0, y1) = panel.vb.viewRange()  # far too wide for the box: full height, dragged sideways
    assert y0 <= 0 and y1 >= 255 and x1 - x0 < 2047 / 2 and "drag to see the rest" in panel.layout_label.text()
    assert panel.page_label.isVisible() and panel.page_label.text() == "filters 1-64 of 512"
    assert not panel.prev_button.isEnabled() and panel.next_button.isEnabled()
    rgb = panel.mode_combo.model().item(panel.mode_combo.findData("rgb"))
    assert not rgb.isEnabled()
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.view.page == 1 and panel.is_settled() and window.session.is_idle())
    assert panel.page_label.text() == "filters 65-128 of 512" and panel.prev_button.isEnabled()
    assert hover(panel, 0.5, 0.5).startswith("filter 64, input channel 0, tap (row 0, col 0)")
    panel.mode_combo.setCurrentIndex(panel.mode_combo.findData("mean"))
    panel.mode_combo.activated.emit(panel.mode_combo.currentIndex())
    qtbot.waitUntil(lambda: panel.view.mode == "mean" and panel.is_settled() and window.session.is_idle())
    assert panel.shown_image().shape == grid_shape(8, 8, 3, 3) and panel.view.page == 1
    assert np.array_equal(panel.item.lut, lut("coolwarm"))
    window.session.select_layer("layer4.1.conv1")  # a new layer starts at its first page
    wait_filters(qtbot, window, panel, "layer4.1.conv1")
    assert panel.view.page == 0 and panel.view.mode == "mean"


def test_depthwise_convolution_is_labelled_per_group(qtbot, window, tmp_path) -> None:
    panel = open_photo(qtbot, window, tmp_path, "mobilenet_v2")
    window.session.select_layer("features.1.conv.0.0")
    wait_filters(qtbot, window, panel, "features.1.conv.0.0")
    header = panel.header.text()
    assert "depthwise convolution" in header and "per group" in header and "groups 32" in header
    assert panel.shown_image().shape == grid_shape(6, 6, 3, 3)


def test_course_net_block_branch_and_linear(qtbot, window, images) -> None:
    panel = filters_panel(window)
    open_mnist(qtbot, window, images[0])
    session = window.session
    session.select_layer("incep1")
    wait_filters(qtbot, window, panel, "incep1")
    assert panel.view.layer == "incep1.branch1x1" and "showing its first layer with weights" in panel.header.text()
    session.select_layer("incep2:branch1")  # a capture key: the branch's first convolution
    wait_filters(qtbot, window, panel, "incep2:branch1")
    assert panel.view.layer == "incep2.branch5x5.0" and panel.shown_image().shape == grid_shape(16, 20, 1, 1)
    session.select_layer("fc")
    wait_filters(qtbot, window, panel, "fc")
    assert panel.shown_image().shape == (10, 1408) and not panel.mode_combo.isEnabled()
    assert "linear" in panel.header.text()


def test_new_weights_repaint_the_filters(qtbot, window, images) -> None:
    panel = filters_panel(window)
    open_mnist(qtbot, window, images[0], model="mnist_residual")
    session = window.session
    session.select_layer("conv1")
    wait_filters(qtbot, window, panel, "conv1")
    before = panel.view.vmax
    module = session.model.loaded.module
    with session.model.lock, torch.no_grad():
        module.conv1.weight.mul_(3.0)  # as a training step would
    session.capture_changed.emit()  # as the training thread's probe capture does
    qtbot.waitUntil(lambda: abs(panel.view.vmax - 3 * before) < 1e-6 and panel.is_settled())


def test_hidden_dock_waits_until_it_is_shown(qtbot, window, images) -> None:
    panel = filters_panel(window)
    open_mnist(qtbot, window, images[0])
    wait_filters(qtbot, window, panel, window.session.layer)
    window.docks["feature_maps_dock"].raise_()
    qtbot.waitUntil(lambda: panel.visibleRegion().isEmpty())
    window.session.select_layer("conv2")
    qtbot.waitUntil(window.session.is_idle)
    assert panel.view.selected != "conv2"  # nothing was computed for a dock nobody sees
    panel.raise_()
    wait_filters(qtbot, window, panel, "conv2")
    assert panel.shown_image().shape == grid_shape(20, 88, 5, 5)
