"""The Attribution, Statistics and Compare docks on each family the issue names: torchvision, the course
networks and timm (random weights): content, not a message."""

from __future__ import annotations

import pytest

from tests.gui.helpers import digit_png, photo_png, wait_settled

MODELS = [  # model, picture, a layer to select (a convolution or a block)
    ("googlenet", "photo", "inception4a"),
    ("resnet18", "photo", "layer2.0.conv1"),
    ("timm/resnet18", "photo", "layer2.0"),
    ("mnist_inception", "digit", "incep1"),
    ("mnist_residual_deep", "digit", "stage2.1"),
]


@pytest.mark.parametrize("model,picture,layer", MODELS)
def test_the_new_docks_show_content(qtbot, window, tmp_path, model, picture, layer) -> None:
    if model.startswith("timm/"):
        pytest.importorskip("timm")
    s = window.session
    image = photo_png(tmp_path / "p.png") if picture == "photo" else digit_png(tmp_path / "d.png", 3)
    other = photo_png(tmp_path / "q.png", size=80) if picture == "photo" else digit_png(tmp_path / "e.png", 5)
    s.request_model(model, "none")
    s.open_paths([image])
    wait_settled(qtbot, window)
    assert s.activation(layer) is not None, f"{model} has no {layer}"
    s.select_layer(layer)

    attribution = window.docks["attribution_dock"]
    attribution.raise_()

    def mapped() -> None:
        assert window.is_settled() and attribution.message() is None
        assert attribution.shown_image() is not None and attribution.result.title.startswith("Grad-CAM")
        assert attribution.strip.count() > 1  # every convolution, and the fusion

    qtbot.waitUntil(mapped, timeout=60000)
    assert attribution.sanity.subject() is not None  # the honesty checks follow the map shown

    statistics = window.docks["statistics_dock"]
    statistics.raise_()

    def measured() -> None:
        assert window.is_settled() and statistics.message() is None and statistics.histogram is not None

    qtbot.waitUntil(measured, timeout=60000)

    compare = window.docks["compare_dock"]
    compare.raise_()
    compare.set_b_image(other)

    def compared() -> None:
        assert window.is_settled() and compare.message() is None
        shown = compare.shown_images()
        assert shown and all(p is not None and p.size for row in shown for p in row)

    qtbot.waitUntil(compared, timeout=60000)
