"""The gradient-norms view: one backward of the shown digit in the render worker, a second course network
beside it, live records while the session's model trains, and no thread left behind (mnist_plain_deep
with random weights, in a plain QMainWindow)."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
import torch
from PySide6.QtWidgets import QMainWindow

import cnnviz.gui.panels.gradient_norms as view_module
from cnnviz.core.errors import CnnvizError
from cnnviz.core.training.optimizers import TrainConfig
from cnnviz.gui import training_worker
from cnnviz.gui.panels.gradient_norms import GradientNormsView, NormsResult
from cnnviz.gui.session import Session
from cnnviz.gui.training_worker import GradientLog, TrainingWorker, TrainJob, gradient_log

DIGIT = Path(__file__).resolve().parents[2] / "resources" / "samples" / "digit_3.png"
WAIT_MS = 30000


@pytest.fixture
def view(qtbot):
    """The view as the central widget of a window, on a session showing a digit through mnist_plain_deep."""
    session = Session()
    window = QMainWindow()
    widget = GradientNormsView(session)
    window.setCentralWidget(widget)
    window.resize(640, 420)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    torch.manual_seed(0)
    session.request_model("mnist_plain_deep", "none")
    session.open_paths([DIGIT])
    qtbot.waitUntil(lambda: widget.result is not None and session.is_idle(), timeout=WAIT_MS)
    yield widget
    window.close()
    assert session.shutdown(10000)


def test_one_backward_draws_every_layer_in_forward_order(view) -> None:
    result = view.result
    assert len(result.layers) == 20 and result.layers[0] == "stem" and result.layers[-1] == "fc"
    x, y = view.curve_data("current")
    assert list(x) == list(range(20)) and np.allclose(y, result.norms)
    assert view.plot.getPlotItem().getAxis("left").logMode  # a log scale
    assert "mnist_plain_deep: first/last" in view.note.text()
    assert result.norms[0] < 1e-4 * result.norms[-2]  # the plain chain's first layer barely gets a gradient


def test_side_by_side_draws_the_residual_twin_in_another_colour(qtbot, view) -> None:
    asked = view.requests
    view.set_compare("mnist_residual_deep")
    qtbot.waitUntil(lambda: view.result.compare == "mnist_residual_deep", timeout=WAIT_MS)
    assert view.requests == asked + 1
    result = view.result
    assert result.compare_layers == result.layers and not result.problem  # twins: the same layers
    (xa, ya), (xb, yb) = view.curve_data("current"), view.curve_data("compare")
    assert len(xa) == len(xb) == 20 and np.allclose(xb, xa) and np.allclose(yb, result.compare_norms)
    assert yb[0] > 1e4 * ya[0]  # the identity paths carry the gradient back to the first layer
    pens = {view.curves[k].opts["pen"].color().name() for k in ("current", "compare")}
    assert len(pens) == 2
    labels = [label.text for _, label in view.legend.items]
    assert any("mnist_residual_deep" in t for t in labels) and any("mnist_plain_deep" in t for t in labels)
    assert "mnist_residual_deep: first/last" in view.note.text()
    view.set_compare(None)
    qtbot.waitUntil(lambda: view.result.compare is None, timeout=WAIT_MS)
    assert len(view.curve_data("compare")[0]) == 0
    with pytest.raises(CnnvizError, match="unknown course network 'resnet81'"):
        view.set_compare("resnet81")


def test_nothing_is_computed_on_the_gui_thread(qtbot, view, monkeypatch) -> None:
    threads = []
    real = view_module.gradient_norms

    def spy(*args, **kwargs):
        threads.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(view_module, "gradient_norms", spy)
    view.set_compare("mnist_residual")
    qtbot.waitUntil(lambda: view.result.compare == "mnist_residual", timeout=WAIT_MS)
    assert threads == [False, False]  # the shown model and the compared one, both in the render worker


def test_live_records_arrive_while_the_sessions_model_trains(qtbot, view, monkeypatch) -> None:
    monkeypatch.setattr(training_worker, "GRADIENTS_EVERY", 1)  # every step of this short run
    session = view.session
    asked = view.requests
    job = TrainJob(session.model, "digits", TrainConfig(epochs=1, batch_size=16, device="cpu", probe_every=1000),
                   limit=(80, 16))
    worker = TrainingWorker(job)
    worker.start()
    try:
        qtbot.waitUntil(lambda: len(view.live) >= 2, timeout=WAIT_MS)
        x, y = view.curve_data("live")
        assert len(x) > 0 and np.allclose(y, [v for v in view.live[-1].norms if v > 0])
        assert view.live[-1].layers == view.result.layers
        assert any(t.xData is not None and len(t.xData) for t in view.traces)  # the earlier record, faint
        qtbot.waitUntil(worker.isFinished, timeout=WAIT_MS)
    finally:
        worker.stop(10000)
    qtbot.waitUntil(lambda: view.requests == asked + 1 and session.is_idle(), timeout=WAIT_MS)  # trained: again
    assert [r.step for r in view.live] == [1, 2, 3, 4, 5]
    assert "training step 5" in view.note.text()


def test_the_log_follows_one_run_with_a_cursor() -> None:
    log = GradientLog(keep=3)
    record = training_worker.GradientRecord
    log.begin()
    for step in range(1, 6):
        log.put(record(step, 1, ("a",), (float(step),)))
    run, count, new, active = log.since(0, 0)
    assert (run, count, active) == (1, 5, True) and [r.step for r in new] == [3, 4, 5]  # the newest kept
    assert log.since(run, count)[2] == []
    log.put(record(6, 1, ("a",), (6.0,)))
    log.end()
    assert [r.step for r in log.since(run, count)[2]] == [6] and not log.since(run, count)[3]
    module = torch.nn.Linear(1, 1)
    assert gradient_log(module) is gradient_log(module) and gradient_log(torch.nn.Linear(1, 1)) is not log


def test_inactive_it_asks_for_nothing_and_catches_up_when_active(qtbot, view) -> None:
    asked = view.requests
    view.set_active(False)
    view.set_compare("mnist_residual_deep")
    view.session.open_paths([DIGIT])  # a new capture while behind another tab
    qtbot.waitUntil(view.session.is_idle, timeout=WAIT_MS)
    assert view.requests == asked and not view._timer.isActive()
    view.set_active(True)
    qtbot.waitUntil(lambda: view.result.compare == "mnist_residual_deep", timeout=WAIT_MS)
    assert view.requests == asked + 1 and view._timer.isActive()


def test_a_result_for_old_choices_is_not_drawn(view) -> None:
    shown = view.result
    view.session.views[view_module.VIEW] = NormsResult(("stale",), ("x",), (1.0,))
    view._on_view(view_module.VIEW)
    assert view.result is shown
