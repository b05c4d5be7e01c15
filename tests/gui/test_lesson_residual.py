"""The residual lesson's page in the window: it trains the twins in the background, its curves and gradient bars
fill, every number it shows equals a direct computation (the same training headless, the gradients of the first
batch), pause/resume/stop/start again work, closing the window ends the thread, and a failure is one line."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import torch

from cnnviz.core.analysis.gradient_stats import gradient_norms
from cnnviz.core.errors import CnnvizError
from cnnviz.core.lessons import residual_depth as core
from cnnviz.core.training.side_by_side import side_by_side
from cnnviz.gui.lessons.residual_depth import GRADIENTS_EVERY, ResidualDepthPage, sci
from cnnviz.gui.main_window import MainWindow
from cnnviz.gui.workers import worker_threads_count
from tests.gui.helpers import settings_file

TIMEOUT_MS = 120000
LIMIT = (32, 8)
QUICK = {"epochs": 3, "batch_size": 8, "device": "cpu"}  # 4 steps an epoch: gradient records at steps 1 and 10


@pytest.fixture
def quick(monkeypatch):
    monkeypatch.setattr(ResidualDepthPage, "data_limit", LIMIT)
    monkeypatch.setattr(ResidualDepthPage, "config_changes", QUICK)


def open_page(qtbot, tmp_path: Path):
    win = MainWindow(settings=settings_file(tmp_path))
    qtbot.addWidget(win)
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    page = win.open_lesson("residual")
    assert isinstance(page, ResidualDepthPage)
    return win, page


def headless():
    """The page's training, run by the core in this thread: per run, its records and gradient records."""
    records, grads = [[], []], [[], []]
    runs = core.twin_runs(core.lesson_data(LIMIT), core.lesson_config(**QUICK))
    before = torch.get_num_threads()
    torch.set_num_threads(worker_threads_count())  # as the worker: the same sums in the same order
    try:
        for i, record in side_by_side(runs, gradients=lambda i, g: grads[i].append(g),
                                      gradients_every=GRADIENTS_EVERY):
            records[i].append(record)
    finally:
        torch.set_num_threads(before)
    return records, grads


def test_the_page_trains_both_nets_and_every_number_is_computed(qtbot, tmp_path, quick):
    win, page = open_page(qtbot, tmp_path)
    try:
        qtbot.waitUntil(lambda: page.is_settled(), timeout=TIMEOUT_MS)
        qtbot.waitUntil(lambda: not page.running() and not page.timer.isActive(), timeout=TIMEOUT_MS)
        assert page.failure == "" and not page.error_label.isVisible()
        assert [page.curves.points(i) for i in (0, 1)] == [12, 12]
        assert len(page.curves.curve_data(1, "loss_val")[0]) == 3  # one validation dot per epoch
        numbers = page.numbers()
        records, grads = headless()
        assert numbers["gradient_step"] == 10 == grads[0][-1].step == grads[1][-1].step
        for key, mine, ref in (("plain", records[0], grads[0][-1]), ("residual", records[1], grads[1][-1])):
            losses = [r.loss for r in mine if r.kind == "step"]
            assert numbers[f"{key}.step"] == 12
            assert numbers[f"{key}.loss"] == pytest.approx(sum(losses[-core.LOSS_WINDOW:]) / len(losses), rel=1e-4)
            assert numbers[f"{key}.val_accuracy"] == pytest.approx([r for r in mine if r.kind == "epoch"][-1]
                                                                   .val_accuracy, abs=1e-6)
            assert numbers[f"{key}.first_norm"] == pytest.approx(ref.norms[0], rel=1e-3)
            assert numbers[f"{key}.first_over_last"] == pytest.approx(ref.norms[0] / ref.norms[-1], rel=1e-3)
        assert numbers["first_layer_ratio"] == pytest.approx(grads[1][-1].norms[0] / grads[0][-1].norms[0], rel=1e-3)
        assert numbers["chance_loss"] == pytest.approx(math.log(10))
        # the bars are the norms of the same step, for both nets, layers in forward order
        for i in (0, 1):
            x, norms = page.bars.bar_data(i)
            assert list(x) == list(range(20)) and norms == pytest.approx(grads[i][-1].norms, rel=1e-3)
        assert page.bars.layers[0] == "stem" and page.bars.layers[-1] == "fc"
        assert sci(numbers["first_layer_ratio"]) in page.verdict.text()
        assert "Finished: 12 steps" == page.status.text() and page.run_button.text() == "Start again"
    finally:
        win.close()


def test_step_one_gradients_are_those_of_the_first_batch_and_vanish_in_the_plain_net(qtbot, tmp_path, quick):
    win, page = open_page(qtbot, tmp_path)
    try:
        qtbot.waitUntil(lambda: page.pair is not None, timeout=TIMEOUT_MS)
        page.request_stop()
        qtbot.waitUntil(lambda: not page.running(), timeout=TIMEOUT_MS)
        first = [h[0] for h in page.history]
        assert [r.step for r in first] == [1, 1]
        split = core.lesson_data(LIMIT)
        order = torch.randperm(len(split.train), generator=torch.Generator().manual_seed(QUICK.get("seed", 0)))
        x, y = split.train.get_batch(order[:QUICK["batch_size"]])
        for net, record in zip(core.twins(), first):
            direct = gradient_norms(net.train(), x, y)
            assert [n for n, _ in direct] == list(record.layers)
            assert [v for _, v in direct] == pytest.approx(record.norms, rel=1e-3)
        plain, residual = first
        assert residual.norms[0] > 1000 * plain.norms[0]  # what the lesson shows: the plain net's first layer starves
    finally:
        win.close()


def test_pause_resume_stop_and_start_again(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(ResidualDepthPage, "data_limit", LIMIT)
    monkeypatch.setattr(ResidualDepthPage, "config_changes", {**QUICK, "epochs": 500})
    win, page = open_page(qtbot, tmp_path)
    try:
        qtbot.waitUntil(lambda: page.curves.points(1) >= 1, timeout=TIMEOUT_MS)
        page.run_button.click()  # Pause
        assert page.worker.paused and page.run_button.text() == "Resume"
        qtbot.waitUntil(lambda: page.worker.held, timeout=TIMEOUT_MS)
        page.poll()
        held = [page.curves.points(i) for i in (0, 1)]
        assert page.status.text().startswith("Paused at step")
        page.poll()
        assert [page.curves.points(i) for i in (0, 1)] == held
        page.run_button.click()  # Resume
        qtbot.waitUntil(lambda: page.curves.points(1) > held[1], timeout=TIMEOUT_MS)
        page.stop_button.click()
        qtbot.waitUntil(lambda: not page.running() and not page.timer.isActive(), timeout=TIMEOUT_MS)
        assert page.status.text().startswith("Stopped at step") and not page.stop_button.isEnabled()
        assert abs(page.curves.points(0) - page.curves.points(1)) <= 1  # lockstep
        old = page.worker
        page.run_button.click()  # Start again: fresh twins, fresh curves
        assert page.worker is not old and page.running()
        qtbot.waitUntil(lambda: page.curves.points(0) >= 1, timeout=TIMEOUT_MS)
        assert page.records[0][0].step == 1
    finally:
        win.close()
    assert not page.running()  # closing the window ended the training


def test_numbers_are_written_as_a_teacher_would():
    assert (sci(4.0e8), sci(3.79e-10), sci(0.305), sci(2.0), sci(0.0)) == ("4.0×10⁸", "3.8×10⁻¹⁰", "0.305", "2", "0")
    assert sci(float("nan")) == "--" and sci(1234.0) == "1.2×10³"


def test_a_failure_is_one_line(qtbot, tmp_path, quick, monkeypatch):
    def broken(limit=None):
        raise CnnvizError("the digits could not be read")

    monkeypatch.setattr(core, "lesson_data", broken)
    win, page = open_page(qtbot, tmp_path)
    try:
        qtbot.waitUntil(lambda: page.failure != "", timeout=TIMEOUT_MS)
        assert page.error_label.text() == "the digits could not be read"
        qtbot.waitUntil(lambda: not page.running(), timeout=TIMEOUT_MS)
        page.poll()
        assert page.status.text() == "Training failed" and page.is_settled()
    finally:
        win.close()
