"""The side-by-side training thread: both runs' records and gradient norms reach the mailbox the GUI polls,
pause holds both, stop ends the thread, a failing data factory is one line, and the runs equal the core's."""

from __future__ import annotations

import copy

import pytest

from cnnviz.core.errors import CnnvizError
from cnnviz.core.inputs.datasets import load_dataset
from cnnviz.core.models.zoo import build_model, model_info
from cnnviz.core.training.loop import TrainConfig
from cnnviz.core.training.side_by_side import side_by_side
from cnnviz.gui.side_by_side_worker import SideBySideWorker, SideRun


@pytest.fixture(scope="module")
def digits():
    return load_dataset("digits", spec=model_info("mnist_residual").input).subset(32, 8)


def _cfg(**kw) -> TrainConfig:
    return TrainConfig(**{"epochs": 1, "batch_size": 8, "device": "cpu", "optimizer": "sgd", "lr": 0.05, **kw})


def _runs(digits, epochs=1, count=2):
    return [SideRun(f"run {i}", build_model("mnist_residual"), lambda: digits, _cfg(epochs=epochs))
            for i in range(count)]


def _collect(worker, into):
    for mine, new in zip(into, worker.take()):
        mine.extend(new)
    return into


def test_records_and_gradients_of_both_runs_reach_the_mailbox(qtbot, digits):
    runs = _runs(digits)
    alone = [copy.deepcopy(r.module) for r in runs]
    worker = SideBySideWorker(runs, gradients_every=2)
    failures = []
    worker.failed.connect(failures.append)
    with qtbot.waitSignal(worker.finished, timeout=60000):
        worker.start()
    records = _collect(worker, [[], []])
    assert not failures
    for per_run in records:
        assert [r.step for r in per_run if r.kind == "step"] == [1, 2, 3, 4]
        assert per_run[-1].kind == "done" and not per_run[-1].stopped
    assert worker.take() == [[], []]  # taken once
    grads = worker.gradients()
    assert [g.step for g in grads] == [4, 4] and grads[0].layers[0] == "conv1"
    # the same runs trained by the core, in this thread, give the same losses
    expected = [[], []]
    for i, r in side_by_side([(m, digits, r.config) for m, r in zip(alone, runs)]):
        if r.kind == "step":
            expected[i].append(r.loss)
    got = [[r.loss for r in per_run if r.kind == "step"] for per_run in records]
    for mine, theirs in zip(got, expected):
        assert mine == pytest.approx(theirs, rel=1e-5)


def test_pause_holds_both_runs_and_stop_ends_the_thread(qtbot, digits):
    worker = SideBySideWorker(_runs(digits, epochs=50))
    records = [[], []]
    worker.start()
    qtbot.waitUntil(lambda: all(len(r) >= 1 for r in _collect(worker, records)), timeout=60000)
    worker.pause()
    assert worker.paused
    qtbot.waitUntil(lambda: worker.held, timeout=60000)
    held = [len(r) for r in _collect(worker, records)]
    assert worker.take() == [[], []] and worker.held  # nothing runs while held
    worker.resume()
    qtbot.waitUntil(lambda: sum(len(r) for r in _collect(worker, records)) > sum(held) + 2, timeout=60000)
    with qtbot.waitSignal(worker.finished, timeout=60000):
        worker.request_stop()
    _collect(worker, records)
    assert [r[-1].kind for r in records] == ["done", "done"] and all(r[-1].stopped for r in records)
    assert abs(records[0][-1].step - records[1][-1].step) <= 1  # lockstep
    assert worker.stop(1000)


def test_a_failing_data_factory_is_one_line(qtbot, digits):
    def broken():
        raise CnnvizError("unknown dataset 'nope'")

    runs = [SideRun("a", build_model("mnist_residual"), broken, _cfg())]
    worker = SideBySideWorker(runs)
    failures = []
    worker.failed.connect(failures.append)
    with qtbot.waitSignal(worker.finished, timeout=30000):
        worker.start()
    assert failures == ["unknown dataset 'nope'"]


def test_bad_settings_are_one_line_and_no_runs_are_refused(qtbot, digits):
    runs = [SideRun("a", build_model("mnist_residual"), lambda: digits, _cfg(batch_size=0))]
    worker = SideBySideWorker(runs)
    with qtbot.waitSignal(worker.failed, timeout=30000) as blocker:
        worker.start()
    worker.stop()
    assert "batch size" in blocker.args[0]
    with pytest.raises(CnnvizError):
        SideBySideWorker([])


def test_stop_before_start_and_while_paused(qtbot, digits):
    worker = SideBySideWorker(_runs(digits, epochs=50))
    assert worker.stop(1000)  # never started
    worker = SideBySideWorker(_runs(digits, epochs=50))
    worker.pause()
    worker.start()
    assert worker.stop(30000)
    assert not worker.isRunning()
