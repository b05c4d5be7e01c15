"""The Compare dock: A | B | difference for two images or two sets of weights, on the course networks
(mnist_inception with its bundled weights, mnist_residual with random ones) and bundled digits."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from safetensors.torch import save_file

from cnnviz.core.views.compare_view import centre_colour
from cnnviz.gui.panels.compare import ComparePanel
from tests.gui.helpers import wait_settled

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
DIGIT, OTHER = SAMPLES / "digit_3.png", SAMPLES / "digit_7.png"


@pytest.fixture
def panel(window) -> ComparePanel:
    """The dock tabbed with the feature maps, as the main window would place it, and in front."""
    dock = ComparePanel(window.session, window)
    window.tabifyDockWidget(window.docks["feature_maps_dock"], dock)
    window.docks[dock.name] = dock  # settled checks and closing include it
    dock.show()
    dock.raise_()
    return dock


def open_digit(qtbot, window, model: str = "mnist_inception", weights: str = "default", layer: str = "incep1",
               images=(DIGIT,)) -> None:
    window.session.request_model(model, weights)
    window.session.open_paths(list(images))
    wait_settled(qtbot, window, str(images[0]))
    window.session.select_layer(layer)


def wait_result(qtbot, window, panel: ComparePanel) -> None:
    def done() -> None:
        assert window.session.is_idle() and panel.is_settled()
        assert panel.result is not None and panel.result.key == panel._wanted and panel.problem.text() == ""

    qtbot.waitUntil(done, timeout=30000)


def wait_problem(qtbot, window, panel: ComparePanel) -> str:
    def done() -> None:
        assert window.session.is_idle() and panel.problem.text()

    qtbot.waitUntil(done, timeout=30000)
    return panel.problem.text()


def diff_of(panel: ComparePanel, row: int = 0) -> float:
    return panel.result.rows[row].diff.max_abs


def test_the_same_image_gives_no_difference(qtbot, window, panel) -> None:
    open_digit(qtbot, window)
    panel.set_b_image(DIGIT)
    wait_result(qtbot, window, panel)
    assert panel.result.max_abs == 0 and panel.result.rel_l2 == 0
    a, b, diff = panel.shown_images()[0]
    assert np.array_equal(a, b) and (diff == centre_colour()).all()
    assert panel.pictures.titles[0].text() == "<b>A: digit_3.png</b>" and "B: digit_3.png" in panel.pictures.titles[1].text()
    assert "max |a\u2212b| 0" in panel.pictures.titles[2].text()


def test_another_image_differs_and_the_dock_paints_three_pictures(qtbot, window, panel) -> None:
    open_digit(qtbot, window)
    panel.set_b_image(OTHER)
    wait_result(qtbot, window, panel)
    assert panel.result.max_abs > 0 and panel.result.rel_l2 > 0
    a, b, diff = panel.shown_images()[0]
    assert a.shape == b.shape == diff.shape and a.std() > 5 and b.std() > 5 and diff.std() > 5
    row = panel.pictures.rows[0]
    assert all(view.isVisible() and view.has_image() for view in row[1:])
    grab = panel.grab().toImage()  # painted: three pictures side by side, not a blank dock
    y = row[1].mapTo(panel, row[1].rect().center()).y()
    for view in row[1:]:
        left, right = view.mapTo(panel, view.rect().topLeft()).x(), view.mapTo(panel, view.rect().topRight()).x()
        assert len({grab.pixel(x, y) for x in range(left, right, 3)}) > 10
    assert "B: digit_7.png" in panel.pictures.titles[1].text() and "incep1: 88 channels" in panel.header.text()


def test_next_image_of_the_input_strip(qtbot, window, panel) -> None:
    open_digit(qtbot, window, images=(DIGIT, OTHER, SAMPLES / "digit_1.png"))
    panel.next_image()
    assert panel.paths["image"] == OTHER and panel.path_edit.text() == str(OTHER)
    panel.next_image()
    assert panel.paths["image"] == SAMPLES / "digit_1.png"
    panel.next_image()  # round the strip, past A itself
    assert panel.paths["image"] == OTHER
    wait_result(qtbot, window, panel)
    assert panel.result.max_abs > 0


def test_a_b_image_of_another_size_is_preprocessed_like_a(qtbot, window, panel, tmp_path) -> None:
    from PIL import Image

    big = tmp_path / "big seven.png"
    Image.open(OTHER).resize((97, 61)).save(big)
    open_digit(qtbot, window)
    panel.set_b_image(big)
    wait_result(qtbot, window, panel)
    a, b, _ = panel.shown_images()[0]
    assert a.shape == b.shape and panel.result.max_abs > 0


def test_remembered_weights_then_a_change_differs_only_after_it(qtbot, window, panel) -> None:
    open_digit(qtbot, window, layer="conv1")
    panel.remember()
    wait_result(qtbot, window, panel)
    assert panel.kind == "snapshot" and panel.result.max_abs == 0
    assert "weights remembered at" in panel.pictures.titles[1].text() and "weights now" in panel.pictures.titles[0].text()
    first = panel._cache.a_capture
    window.session.select_layer("incep1")  # another layer: the same captures, no forward pass
    wait_result(qtbot, window, panel)
    assert panel._cache.a_capture is first and panel.result.max_abs == 0
    window.session.select_layer("conv1")
    model = window.session.model
    with model.lock, torch.no_grad():
        model.loaded.module.conv2.weight.mul_(1.5)  # a change in place, as a training step makes
    panel.recompute()
    wait_result(qtbot, window, panel)
    assert panel._cache.a_capture is not first  # A is the model as it is now
    assert panel.result.max_abs == 0  # conv1 comes before the change
    for layer in ("conv2", "incep2"):
        window.session.select_layer(layer)
        wait_result(qtbot, window, panel)
        assert panel.result.max_abs > 0, layer


def test_a_weights_file_loads_into_a_copy(qtbot, window, panel, tmp_path) -> None:
    open_digit(qtbot, window, layer="incep2")
    module = window.session.model.loaded.module
    state = {k: v.clone() for k, v in module.state_dict().items()}
    state["fc.weight"] = state["fc.weight"] * 0  # after every layer drawn: the maps stay the same
    state["incep2.branch1x1.weight"] = state["incep2.branch1x1.weight"] + 1
    path = tmp_path / "other.safetensors"
    save_file(state, str(path))
    before = module.incep2.branch1x1.weight.clone()
    panel.set_b_weights(path)
    wait_result(qtbot, window, panel)
    assert panel.result.max_abs > 0 and "B: weights: other.safetensors" in panel.pictures.titles[1].text()
    assert torch.equal(module.incep2.branch1x1.weight, before)  # the user's model is untouched
    window.session.select_layer("incep1")
    wait_result(qtbot, window, panel)
    assert panel.result.max_abs == 0


def test_bad_weights_files_say_one_line(qtbot, window, panel, tmp_path) -> None:
    open_digit(qtbot, window)
    state = {k: v.clone() for k, v in window.session.model.loaded.module.state_dict().items()}
    state["conv1.weight"] = torch.zeros(3, 1, 5, 5)
    wrong, empty, corrupt = tmp_path / "wrong.safetensors", tmp_path / "empty.pt", tmp_path / "corrupt.pt"
    save_file(state, str(wrong))
    empty.write_bytes(b"")
    corrupt.write_bytes(b"\x00garbage" * 50)
    panel.set_b_weights(wrong)
    text = wait_problem(qtbot, window, panel)
    assert "\n" not in text and "conv1.weight" in text and "expected 10x1x5x5, got 3x1x5x5" in text
    for path, words in ((empty, "is empty"), (corrupt, "not a PyTorch weights file")):
        panel.set_b_weights(path)
        text = wait_problem(qtbot, window, panel)
        assert "\n" not in text and words in text, text
    assert panel.shown_images() is None


def test_an_image_that_cannot_be_decoded_says_one_line(qtbot, window, panel, tmp_path) -> None:
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not a png at all")
    open_digit(qtbot, window)
    panel.set_b_image(broken)
    text = wait_problem(qtbot, window, panel)
    assert "\n" not in text and "broken.png" in text


def test_inception_branches_and_attribution(qtbot, window, panel) -> None:
    open_digit(qtbot, window)
    panel.set_b_image(OTHER)
    panel.set_view("inception")
    wait_result(qtbot, window, panel)
    assert panel.view == "inception" and len(panel.result.rows) == 4
    assert panel.pictures.rows[0][0].text().startswith("1: ") and all(r.diff.max_abs > 0 for r in panel.result.rows)
    assert panel.result.max_abs == max(r.diff.max_abs for r in panel.result.rows)
    panel.set_view("attribution")
    wait_result(qtbot, window, panel)
    (a, b, diff), = panel.shown_images()
    assert a.shape == b.shape == diff.shape == (28, 28, 3)
    assert panel.result.spearman is not None and "Spearman" in panel.pictures.titles[2].text()
    assert "A's top class" in panel.header.text()
    window.session.select_layer("conv1")  # no block here: the block views are not offered
    wait_result(qtbot, window, panel)
    combo = panel.view_combo
    assert not combo.model().item(combo.findData("inception")).isEnabled()
    assert panel.view == "attribution"


def test_residual_paths(qtbot, window, panel) -> None:
    open_digit(qtbot, window, model="mnist_residual", weights="none", layer="res1")
    panel.set_b_image(OTHER)
    panel.set_view("residual")
    wait_result(qtbot, window, panel)
    labels = [r.label for r in panel.result.rows]
    assert len(labels) == 4 and labels[1].startswith("residual F(x)") and panel.result.max_abs > 0
    window.session.select_layer("conv1")
    wait_result(qtbot, window, panel)
    assert panel.view == "maps" and panel.wanted_view == "residual"


def test_nothing_is_computed_behind_a_tab(qtbot, window, panel) -> None:
    open_digit(qtbot, window)
    panel.set_b_image(OTHER)
    wait_result(qtbot, window, panel)
    asked = panel.requests
    window.docks["feature_maps_dock"].raise_()
    qtbot.waitUntil(lambda: not panel.in_front)
    window.session.select_layer("incep2")
    panel.set_view("attribution")
    qtbot.waitUntil(window.session.is_idle)
    assert panel.requests == asked
    panel.raise_()
    wait_result(qtbot, window, panel)
    assert panel.requests == asked + 1 and panel.result.view == "attribution"


def test_a_new_model_clears_the_remembered_weights(qtbot, window, panel) -> None:
    open_digit(qtbot, window)
    panel.remember()
    wait_result(qtbot, window, panel)
    open_digit(qtbot, window, model="mnist_residual", weights="none", layer="res1")
    text = wait_problem(qtbot, window, panel)
    assert "The model changed" in text and "mnist_inception" in text and panel.snapshot is None
