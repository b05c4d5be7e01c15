"""The shared-weights lesson's page: it opens on the bundled mnist_inception, its sliders move the input and the
maps, and every number it shows equals a direct computation from the model."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
import torch

from cnnviz.core.lessons import shared_weights as sw
from cnnviz.gui.lessons import open_lesson
from cnnviz.gui.lessons.shared_weights import KIND, SharedWeightsPage
from cnnviz.gui.main_window import MainWindow
from tests.gui.helpers import settings_file, wait_settled

TIMEOUT_MS = 60000


@pytest.fixture
def opened(qtbot, tmp_path: Path):
    win = MainWindow(settings=settings_file(tmp_path))
    qtbot.addWidget(win)
    win.resize(1500, 1000)
    win.show()
    qtbot.waitExposed(win)
    page = open_lesson(win, "shared-weights")
    assert isinstance(page, SharedWeightsPage)
    wait_settled(qtbot, win, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: page.view is not None and page.is_settled(), timeout=TIMEOUT_MS)
    yield win, page
    win.close()


def _settle(qtbot, win, page) -> None:
    qtbot.waitUntil(lambda: page.is_settled() and win.is_settled(), timeout=TIMEOUT_MS)


def _direct(win, dx: int, dy: int, angle: float = 0.0):
    """The study computed here, on the session's own model and input, without the page."""
    model = win.session.model
    x = win.session.result.capture["input"]
    with model.lock:
        return sw.shift_study(model.loaded.module, x, dx, dy, angle, summary=model.summary,
                              fill=sw.black_value(model.loaded.info.input))


def _painted(widget) -> bool:
    image = widget.grab().toImage()
    arr = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return arr.std() > 1.0


def test_the_page_opens_paints_and_starts_unmoved(opened, qtbot):
    win, page = opened
    assert win.session.model.request.name == "mnist_inception"
    assert page.layer() == "conv1" and page.shift() == (0, 0, 0.0)
    numbers = page.numbers()
    assert numbers["shift_x"] == numbers["shift_y"] == numbers["rotation"] == 0
    for key, value in numbers.items():
        if key.startswith(("same_place:", "moved_along:")):
            assert value == pytest.approx(1.0, abs=1e-9), key
    for widget in (*page.inputs, *page.maps, page.plot):
        assert _painted(widget)
    assert page.weights_note.text() and "4,515,840" in page.weights_note.text()
    page.plot.grab()  # paints the axis
    assert sorted(page.axis.drawn) == sorted(layer.key for layer in page.view.layers)  # every bar named
    if os.environ.get("CNNVIZ_SHOT_DIR"):  # to look at it: CNNVIZ_SHOT_DIR=/tmp pytest ...
        page.set_shift(4, 0)
        qtbot.waitUntil(lambda: page.is_settled() and win.is_settled(), timeout=TIMEOUT_MS)
        page.grab().save(str(Path(os.environ["CNNVIZ_SHOT_DIR"]) / "shared_weights_page.png"))


def test_every_number_shown_equals_a_direct_computation(opened, qtbot):
    win, page = opened
    page.set_shift(4, -4)
    _settle(qtbot, win, page)
    study = _direct(win, 4, -4)
    numbers = page.numbers()
    assert (numbers["shift_x"], numbers["shift_y"], numbers["rotation"]) == (4, -4, 0.0)
    assert numbers["original_class"] == study.original_class and numbers["moved_class"] == study.moved_class
    assert numbers["original_probability"] == pytest.approx(study.original_probability, abs=1e-6)
    assert numbers["moved_probability"] == pytest.approx(study.moved_probability, abs=1e-6)
    for layer in study.layers:
        a, b = study.original[layer.key].double().flatten(), study.moved[layer.key].double().flatten()
        assert numbers[f"same_place:{layer.key}"] == pytest.approx(float(np.corrcoef(a, b)[0, 1]), abs=1e-9)
        if layer.compared:
            assert numbers[f"moved_along:{layer.key}"] == pytest.approx(1.0, abs=1e-6), layer.key
        else:
            assert f"moved_along:{layer.key}" not in numbers
    assert (numbers["layer_stride"], numbers["layer_shift_x"], numbers["layer_shift_y"]) == (1, 4, -4)
    conv1 = win.session.model.loaded.module.conv1
    assert numbers["conv_weights"] == conv1.weight.numel() == 250
    assert numbers["conv_biases"] == conv1.bias.numel() == 10
    assert (numbers["linear_inputs"], numbers["linear_outputs"]) == (28 * 28, 10 * 24 * 24)
    assert numbers["linear_weights"] == 784 * 5760 and numbers["linear_biases"] == 5760
    assert numbers["weight_ratio"] == pytest.approx(784 * 5760 / 250)
    assert (numbers["conv_positions_y"], numbers["conv_positions_x"]) == (24, 24)
    # the moved picture is the moved input
    view = win.session.views[KIND]
    moved = study.moved_input[0, 0] * 0.3081 + 0.1307
    assert np.array_equal(view.moved_input, moved.clamp(0, 1).mul(255).round().to(torch.uint8).numpy())


def test_the_maps_move_with_the_slider(opened, qtbot):
    win, page = opened
    page.layer_combo.setCurrentIndex(page.layer_combo.findData("pool1"))
    _settle(qtbot, win, page)
    assert win.session.layer == "pool1"  # the Feature maps dock follows the page's layer
    before = win.session.views[KIND].moved_maps.copy()
    page.set_shift(4, 0)
    _settle(qtbot, win, page)
    view = win.session.views[KIND]
    numbers = page.numbers()
    assert (numbers["layer_stride"], numbers["layer_shift_x"]) == (2, 2.0)
    assert numbers["moved_along:pool1"] == pytest.approx(1.0, abs=1e-6)
    assert not np.array_equal(view.moved_maps, before)
    assert np.array_equal(view.original_maps, before)  # the original stays where it was
    # each drawn map moved 2 of its pixels right: cell (0, 0) of the moved mosaic, columns 2.., equals the
    # original's columns ..-2 (away from the borders the colours are the same)
    h, w = view.grid.cell_h, view.grid.cell_w
    inner = slice(3, h - 3)
    assert np.array_equal(view.moved_maps[inner, 2 + 3:w - 3], view.original_maps[inner, 3:w - 5])


def test_rotation_and_a_layer_with_wide_fields(opened, qtbot):
    win, page = opened
    page.set_shift(0, 0, 30)
    _settle(qtbot, win, page)
    study = _direct(win, 0, 0, 30.0)
    numbers = page.numbers()
    assert numbers["rotation"] == 30.0 and not any(k.startswith("moved_along:") for k in numbers)
    assert numbers["same_place:fc"] == pytest.approx(study.layers[-1].same_place, abs=1e-9)
    assert "rotation" in page.layer_note.text()
    page.set_shift(4, 4, 0)
    page.layer_combo.setCurrentIndex(page.layer_combo.findData("incep2"))
    _settle(qtbot, win, page)
    assert "layer_moved_along" not in page.numbers() and "borders" in page.layer_note.text()
    page.set_shift(99, -99, 500)  # beyond the sliders: clamped to them
    _settle(qtbot, win, page)
    assert page.shift() == (10, -10, 90.0) and page.numbers()["shift_x"] == 10


def test_a_burst_of_slider_moves_shows_the_last(opened, qtbot):
    win, page = opened
    for dx in range(-6, 7):
        page.dx_slider.setValue(dx)
    _settle(qtbot, win, page)
    assert win.session.views[KIND].key[1:4] == (6, 0, 0.0) and page.numbers()["shift_x"] == 6
    page.reset()
    _settle(qtbot, win, page)
    assert page.numbers()["same_place:fc"] == pytest.approx(1.0)


def test_it_follows_another_model(opened, qtbot):
    win, page = opened
    page.set_shift(-4, 4)
    win.session.request_model("mnist_residual", "default")
    qtbot.waitUntil(lambda: win.session.model.request.name == "mnist_residual" and page.view is not None
                    and page.view.layer("res1") is not None, timeout=TIMEOUT_MS)
    _settle(qtbot, win, page)
    assert [page.layer_combo.itemData(i) for i in range(page.layer_combo.count())] == [
        "conv1", "pool1", "relu1", "res1", "conv2", "pool2", "relu2", "res2"]
    study = _direct(win, -4, 4)
    numbers = page.numbers()
    for layer in study.layers:
        assert numbers[f"same_place:{layer.key}"] == pytest.approx(layer.same_place, abs=1e-9), layer.key
    assert numbers["conv_weights"] == win.session.model.loaded.module.conv1.weight.numel() == 400
    assert numbers["linear_outputs"] == 16 * 24 * 24
    assert (numbers["layer_channels"], numbers["layer_channels_drawn"]) == (16, 6)


def _page_texts(page) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QWidget

    texts = [page.plot.getPlotItem().getAxis("left").labelText]
    for widget in page.findChildren(QWidget):
        if not widget.isVisibleTo(page):
            continue
        texts.append(widget.toolTip())
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
    return [t for t in texts if t]


def test_the_page_speaks_chinese(qtbot, tmp_path: Path):
    from cnnviz import translation
    from tests.gui.visible_text import english_words

    assert translation.install("zh_CN")
    win = MainWindow(settings=settings_file(tmp_path))
    qtbot.addWidget(win)
    try:
        win.resize(1500, 1000)
        win.show()
        page = open_lesson(win, "shared-weights")
        wait_settled(qtbot, win, timeout=TIMEOUT_MS)
        names = set(win.session.result.capture.keys()) | {"input"}
        left = []
        for dx, dy, angle, layer in [(0, 0, 0, "conv1"), (3, 0, 0, "pool2"), (0, 0, 20, "conv2"),
                                     (4, 4, 0, "incep2")]:
            page.layer_combo.setCurrentIndex(page.layer_combo.findData(layer))
            page.set_shift(dx, dy, angle)
            _settle(qtbot, win, page)
            left += [t for t in _page_texts(page) if english_words(t, names)]
        assert "权重" in page.weights_note.text() and "步幅" in page.layer_note.text()
        assert sorted(set(left)) == []
    finally:
        win.close()
        translation.install("en")
