"""The Attribution dock's wish: the inference worker explains a capture with the capture's own forward."""

from __future__ import annotations

import pytest
import torch

from cnnviz.core.analysis.attribution import attribute
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
    for key in ("incep1", "conv1"):
        torch.testing.assert_close(result.explained.maps[key], want[key])
    assert "graph" not in result.capture.extras


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
    explained = session.result.explained
    assert explained is not None and list(explained.maps) == ["incep1"]
    assert int(explained.maps.targets[0]) == int(session.result.capture["output"].argmax())
