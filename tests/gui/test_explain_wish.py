"""The Attribution dock's wish: the inference worker explains a capture with the capture's own forward."""

from __future__ import annotations

import pytest
import torch

from cnnviz.core.analysis.attribution import attribute
from cnnviz.core.analysis.layer_cams import cams
from cnnviz.gui import jobs
from cnnviz.gui.session import Session


@pytest.fixture
def session(qtbot):
    s = Session()
    yield s
    s.shutdown()


def _model_and_image(images):
    model = jobs.load(jobs.ModelRequest("mnist_inception", "none", device="cpu"))
    image = jobs.decode(jobs.ImageRequest(images[0].name, path=images[0]))
    return model, image


def test_run_capture_explains_what_was_wished(images) -> None:
    model, image = _model_and_image(images)
    wish = jobs.ExplainWish("layercam", ("incep1", "conv1"), target=3)
    result = jobs.run_capture(model, image, explain=wish)
    assert result.explained is not None and result.explained.wish == wish
    want = attribute(model.loaded.module, result.capture["input"], method="layercam", layers=["incep1", "conv1"],
                     target=3)
    maps = cams(result.explained.get(3, ["incep1", "conv1"]), "layercam")
    for key in ("incep1", "conv1"):
        torch.testing.assert_close(maps[key], want[key])
    assert "graph" not in result.capture.extras
    assert result.explained.get(None, ["incep1"]) is None  # explains class 3, not the top class
    assert result.explained.get(3, ["incep1", "incep2"]) is None  # incep2 was not wished for
    assert result.explained.get(3, ["incep1"]) is not None
    result.explained.release()
    assert result.explained.get(3, ["incep1"]) is None


def test_a_pixel_method_or_a_bad_class_is_not_explained_there(images) -> None:
    model, image = _model_and_image(images)
    assert jobs.run_capture(model, image, explain=jobs.ExplainWish("saliency", ())).explained is None
    bad = jobs.run_capture(model, image, explain=jobs.ExplainWish("gradcam", ("incep1",), target=99))
    assert bad.explained is None and "graph" not in bad.capture.extras  # the dock's own job says the range
    assert jobs.run_capture(model, image).explained is None


def test_the_session_passes_the_wish_to_the_worker(qtbot, session, images) -> None:
    session.wish_explanation(jobs.ExplainWish("gradcam", ("incep1",)))
    session.request_model("mnist_inception", "none")
    session.open_paths([images[0]])
    qtbot.waitUntil(lambda: session.result is not None, timeout=30000)
    run = session.result.explained.get(None, ["incep1"])
    assert run is not None and list(run.acts) == ["incep1"]
    assert int(run.targets[0]) == int(session.result.capture["output"].argmax())


def test_with_the_dock_in_front_a_drop_is_explained_by_its_capture(qtbot, window, monkeypatch) -> None:
    """After the first capture the dock wishes for its maps; the next drop's strip and map come from the
    capture's own backward: no Grad-CAM pass of their own."""
    import numpy as np

    from cnnviz.gui.panels import attribution_strip
    from tests.gui.test_attribution_panel import DIGIT, open_digit, wait_map

    panel = open_digit(qtbot, window, layer="incep2")  # a block: its map is one job, the strip another
    own = []
    real = attribution_strip.layer_pass
    monkeypatch.setattr(attribution_strip, "layer_pass", lambda *a, **k: own.append(1) or real(*a, **k))
    monkeypatch.setattr(attribution_strip, "attribute", lambda *a, **k: own.append(2) / 0)
    before = panel.shown_image()
    seven = DIGIT.with_name("digit_7.png")
    window.session.open_paths([seven])
    qtbot.waitUntil(lambda: window.session.result is not None and window.session.result.request.label == str(seven),
                    timeout=30000)
    wait_map(qtbot, window, panel, "Grad-CAM of incep2 for class ")
    assert own == [] and panel.strip.count() == 17  # 16 convolutions and the fusion
    assert not np.array_equal(panel.shown_image(), before)
    assert window.session.result.explained.get(None, ["incep2"]) is None  # released once the jobs had it
    window.docks["filters_dock"].raise_()  # behind a tab: captures keep no graph
    qtbot.waitUntil(lambda: window.session.workers.inference.explain is None, timeout=5000)
