"""Every dock on every family the issue names: content where the model has something to show, a message where not."""

from __future__ import annotations

import pytest

from cnnviz.core.capture.anatomy import inception_blocks, residual_blocks
from tests.gui.helpers import digit_png, photo_png, wait_settled

MODELS = [  # model, picture, a layer to select
    ("googlenet", "photo", "inception4a"),
    ("inception_v3", "photo", "Mixed_7b"),
    ("resnet18", "photo", "layer2.0"),
    ("mobilenet_v2", "photo", "features.3"),
    ("mnist_inception", "digit", "incep1"),
    ("mnist_residual", "digit", "res1"),
]
TABBED = ("feature_maps_dock", "inception_dock", "residual_dock", "filters_dock")


@pytest.mark.parametrize("model,picture,layer", MODELS)
def test_each_dock_shows_content_or_a_message(qtbot, window, tmp_path, model, picture, layer) -> None:
    s = window.session
    image = photo_png(tmp_path / "p.png") if picture == "photo" else digit_png(tmp_path / "d.png", 3)
    s.request_model(model, "none")
    s.open_paths([image])
    wait_settled(qtbot, window)
    s.select_layer(layer)
    blocks = s.result.capture.blocks
    has = {"inception_dock": bool(inception_blocks(blocks)), "residual_dock": bool(residual_blocks(blocks))}
    for name in TABBED:
        dock = window.docks[name]
        dock.raise_()

        def shown() -> None:
            assert window.is_settled()
            if name in has and not has[name]:
                assert "has no" in (dock.message() or "")
            elif name in has:
                assert dock.message() is None and dock.view is not None and dock.view.path == layer
            else:
                assert dock.message() is None

        qtbot.waitUntil(shown, timeout=30000)
    inspector = window.docks["inspector_dock"]
    assert inspector.facts is not None and inspector.facts.key == layer
    assert layer in inspector.text()
