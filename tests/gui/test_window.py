"""The window opens, shows a capture as a painted mosaic, switches layers without a forward pass."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from cnnviz.core.errors import CnnvizError
from cnnviz.core.views.colormaps import lut
from cnnviz.gui.panels import DOCKS
from cnnviz.gui.workers import running_threads

from tests.gui.helpers import expected_mosaic_shape, open_mnist, photo_png, wait_settled


def feature_panel(window):
    return window.docks["feature_maps_dock"]


def test_every_registered_dock_is_in_the_window_and_view_menu(window) -> None:
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    toggles = {a.text() for a in view_menu.actions()}
    for cls in DOCKS:
        dock = window.docks[cls.name]
        assert dock.isVisible() and dock.title in toggles
    assert window.width() >= 1000 and window.height() >= 700


def test_empty_docks_say_what_to_do(window) -> None:
    assert "Drop an image" in window.docks["input_dock"].message()
    assert "Drop an image" in feature_panel(window).message()


def test_image_gives_capture_and_painted_mosaic(qtbot, window, images) -> None:
    open_mnist(qtbot, window, images[0])
    session, panel = window.session, feature_panel(window)
    assert session.layer == "conv1"
    act = session.activation()
    image = panel.shown_image()
    assert image is not None and image.dtype == np.uint8 and image.flags["C_CONTIGUOUS"]
    assert image.shape == expected_mosaic_shape(*act.shape[1:])
    assert image.std() > 1.0  # not blank
    assert panel.item.levels is not None and list(panel.item.levels) == [0, 255]
    assert np.array_equal(panel.item.lut, lut(panel.resolved_cmap()))
    top = window.docks["input_dock"].bars.items()
    assert len(top) == 5 and all(0.0 <= p <= 1.0 for _, p in top)
    assert [p for _, p in top] == sorted((p for _, p in top), reverse=True)
    assert window.statusBar().forward.text().startswith("forward")


def test_layer_switch_repaints_without_forward(qtbot, window, images) -> None:
    open_mnist(qtbot, window, images[0])
    session, panel = window.session, feature_panel(window)
    forwards = window.session.workers.inference.forward_runs
    renders = window.session.workers.render.runs["mosaic"]
    tree = window.docks["model_dock"].tree
    row = next(tree.proxy.index(r, 0) for r in range(tree.proxy.rowCount()) if tree.proxy.index(r, 0).data() == "incep1")
    tree.view.setCurrentIndex(row)  # as a click on the row does
    qtbot.waitUntil(lambda: panel.mosaic is not None and panel.mosaic.key == "incep1" and window.is_settled())
    assert panel.shown_image().shape == expected_mosaic_shape(88, 12, 12)
    assert panel.shown_image().std() > 1.0
    # Down walks to the next layer in the tree, again without a forward pass.
    tree.view.setFocus()
    qtbot.keyClick(tree.view, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: session.layer == "incep1.branch1x1" and panel.mosaic is not None
                    and panel.mosaic.key == "incep1.branch1x1")
    assert panel.shown_image().shape == expected_mosaic_shape(16, 12, 12)
    assert session.workers.inference.forward_runs == forwards
    assert session.workers.render.runs["mosaic"] >= renders + 2


def test_non_spatial_layer_shows_message(qtbot, window, images) -> None:
    open_mnist(qtbot, window, images[0])
    window.session.select_layer("fc")
    qtbot.waitUntil(lambda: window.is_settled())
    message = feature_panel(window).message()
    assert message is not None and "spatial output" in message and "10" in message


def test_scale_order_and_colours(qtbot, window, images) -> None:
    open_mnist(qtbot, window, images[0])
    session, panel = window.session, feature_panel(window)
    runs = session.workers.render.runs
    renders = runs["mosaic"]
    before = panel.shown_image().copy()
    panel.set_mosaic_settings(normalize="channel")
    qtbot.waitUntil(lambda: panel.mosaic is not None and panel.mosaic.normalize == "channel" and window.is_settled())
    assert runs["mosaic"] == renders + 1
    assert panel.norm_combo.currentData() == "channel"
    assert not np.array_equal(panel.shown_image(), before)
    session.set_cmap("gray")  # only the lookup table changes: nothing is re-rendered
    qtbot.waitUntil(window.is_settled)
    assert runs["mosaic"] == renders + 1
    assert np.array_equal(panel.item.lut, lut("gray"))
    assert panel.cmap_combo.currentData() == "gray"
    panel.set_mosaic_settings(order="mean")
    qtbot.waitUntil(lambda: panel.mosaic.order == "mean" and window.is_settled())
    act = session.activation()[0]
    means = act.mean(dim=(1, 2))
    order = panel.mosaic.mosaic.grid.order
    assert all(means[a] >= means[b] for a, b in zip(order, order[1:]))


def _viewport_point(panel, x: float, y: float) -> QPoint:
    scene = panel.item.mapToScene(QPointF(x, y))
    return panel.plot.mapFromScene(scene)


def test_click_hover_and_arrow_keys_on_channels(qtbot, window, images) -> None:
    open_mnist(qtbot, window, images[0])
    session, panel = window.session, feature_panel(window)
    grid = panel.mosaic.mosaic.grid
    x, y, w, h = grid.rect(5)
    point = _viewport_point(panel, x + w / 2, y + h / 2)
    qtbot.mouseMove(panel.plot.viewport(), point)
    qtbot.waitUntil(lambda: "channel 5" in panel.hover.text())
    qtbot.mouseClick(panel.plot.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: panel.channel_view is not None and panel.channel_view.channel == 5)
    assert panel.channel_view.heat.shape == tuple(session.activation().shape[2:])
    assert panel.channel_view.overlay.shape == (28, 28, 3)
    assert panel.heat.has_image() and panel.overlay.has_image()
    panel.step_channel(1)
    assert session.channel == grid.order[grid.order.index(5) + 1]
    panel.plot.setFocus()
    window.activateWindow()
    qtbot.keyClick(panel.plot, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: session.channel == 5)


def test_model_and_device_switch(qtbot, window, images) -> None:
    open_mnist(qtbot, window, images[0])
    session = window.session
    session.request_model("mnist_residual", "none")
    qtbot.waitUntil(lambda: session.result is not None and session.result.model.loaded.name == "mnist_residual"
                    and window.is_settled(), timeout=30000)
    tree = window.docks["model_dock"].tree
    assert "res1.conv1" in tree.paths() and "incep1" not in tree.paths()
    assert session.result.request.label == str(images[0])  # the image stays
    session.set_device("cpu")
    qtbot.waitUntil(lambda: session.model.request.device == "cpu" and window.is_settled())
    assert str(session.model.loaded.device) == "cpu"
    assert window.docks["model_dock"].device_combo.currentText() == "cpu"


def test_torchvision_model_at_full_size(qtbot, window, tmp_path) -> None:
    photo = photo_png(tmp_path / "photo.png")
    window.session.request_model("resnet18", "none")
    window.session.open_paths([photo])
    wait_settled(qtbot, window, str(photo), timeout=60000)
    session = window.session
    assert session.layer == "conv1"
    assert feature_panel(window).shown_image().shape == expected_mosaic_shape(64, 112, 112)
    assert len(session.result.top) == 5 and session.result.view.shape == (224, 224, 3)


def test_closing_the_window_stops_every_worker(qtbot, window, images) -> None:
    open_mnist(qtbot, window, images[0])
    assert running_threads()  # inference and render threads are alive while the window is open
    window.close()
    assert running_threads() == []


@pytest.mark.parametrize("missing_dock", ["input_dock", "model_dock"])
def test_hidden_docks_do_not_block_settling_and_reset_layout(qtbot, window, images, missing_dock) -> None:
    window.docks[missing_dock].close()
    open_mnist(qtbot, window, images[0])
    assert not window.docks[missing_dock].isVisible()
    window.reset_layout()
    assert all(d.isVisible() for d in window.docks.values())


def test_feature_maps_behind_a_tab_compute_nothing_until_shown(qtbot, window, images) -> None:
    panel = feature_panel(window)
    window.docks["filters_dock"].raise_()  # the feature maps' tab goes behind the filters'
    qtbot.waitUntil(lambda: not panel.in_front)
    open_mnist(qtbot, window, images[0])
    assert panel.shown_image() is None and panel.mosaic is None  # nothing rendered for a dock nobody sees
    assert window.session.workers.render.runs["mosaic"] == 0
    panel.raise_()
    qtbot.waitUntil(lambda: panel.shown_image() is not None and window.is_settled())
    assert panel.shown_image().shape == expected_mosaic_shape(*window.session.activation().shape[1:])
    assert window.session.workers.render.runs["mosaic"] == 1


def test_unknown_settings_are_refused_in_one_line(window) -> None:
    with pytest.raises(CnnvizError, match="unknown colour map 'nope'"):
        window.session.set_cmap("nope")
    with pytest.raises(CnnvizError, match="unknown scaling 'sideways'"):
        feature_panel(window).set_mosaic_settings(normalize="sideways")
