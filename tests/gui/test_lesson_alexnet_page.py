"""The AlexNet lesson's page in the window: the pair trains in the background, its curves fill, every number it shows
equals a direct computation (the same training headless, eval-mode errors, max-pool sizes from a forward, the
augmentation rows of the image shown), another comparison can be picked and started, closing the window ends the
thread, and a failure is one line."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from cnnviz.core.errors import CnnvizError
from cnnviz.core.lessons import alexnet_choices as core
from cnnviz.core.lessons import choice_runs
from cnnviz.core.training.side_by_side import side_by_side
from cnnviz.gui.lessons import training_plots
from cnnviz.gui.lessons.alexnet_choices import AlexNetPage
from cnnviz.gui.main_window import MainWindow
from tests.gui.helpers import settings_file

TIMEOUT_MS = 120000
LIMIT = (48, 16)
QUICK = {"epochs": 2, "batch_size": 8}  # 6 steps an epoch
TARGET = 90  # percent: both reach it within 12 steps


@pytest.fixture
def quick(monkeypatch):
    monkeypatch.setattr(AlexNetPage, "data_limit", LIMIT)
    monkeypatch.setattr(AlexNetPage, "config_changes", QUICK)


def open_page(qtbot, tmp_path: Path):
    win = MainWindow(settings=settings_file(tmp_path))
    qtbot.addWidget(win)
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    page = win.open_lesson("alexnet")
    assert isinstance(page, AlexNetPage)
    return win, page


def headless(key: str):
    """The page's training of comparison ``key``, run by the core in this thread: the nets and their records."""
    comparison = core.get_comparison(key)
    split = core.lesson_split(key).subset(*LIMIT)
    config = comparison.config.__class__(**{**comparison.config.to_dict(), **QUICK})
    nets = comparison.nets()
    records = [[], []]
    for i, record in side_by_side([(net, split, config) for net in nets]):
        records[i].append(record)
    return nets, records, split


def test_the_page_trains_the_pair_and_every_number_is_computed(qtbot, tmp_path, quick):
    win, page = open_page(qtbot, tmp_path)
    try:
        page.target.setValue(TARGET)
        qtbot.waitUntil(lambda: page.is_settled(), timeout=TIMEOUT_MS)
        qtbot.waitUntil(lambda: not page.running() and page.errors is not None and page.is_settled(),
                        timeout=TIMEOUT_MS)
        assert page.failure == "" and not page.error_label.isVisible()
        assert [page.curves.points(i) for i in (0, 1)] == [12, 12]
        assert page.state_label.text() == "Finished: 12 steps each." and page.start_button.text() == "Start again"
        numbers = page.numbers()
        nets, records, split = headless("activation")
        steps = core.compare_steps(records, TARGET / 100)
        assert numbers["target"] == TARGET / 100
        assert (numbers["epochs"], numbers["batch_size"], numbers["step"]) == (2, 8, 12)
        assert (numbers["lr"], numbers["momentum"]) == (core.get_comparison("activation").config.lr, 0.9)
        assert (numbers["train_images"], numbers["val_images"]) == (len(split.train), len(split.val)) == LIMIT
        assert page.setup_label.text() == ("Both nets: 2 epochs of SGD (momentum 0.9, learning rate 0.01) in "
                                           "batches of 8, on the first 48 training digits.")
        for i in (0, 1):
            assert numbers[f"steps.{i}"] == steps.steps[i]
            train, val = core.eval_errors(nets[i], split)
            assert (numbers[f"train_error.{i}"], numbers[f"val_error.{i}"]) == pytest.approx((train, val), abs=1e-9)
            assert numbers[f"gap.{i}"] == pytest.approx(val - train)
            # the bold error curve is the running error steps_to_target reads: it crosses the line there
            x, y = page.curves.curve_data(i, "second_smooth")
            errors = [1 - r.accuracy for r in records[i] if r.kind == "step"]
            assert y == pytest.approx(training_plots.smoothed(np.array(errors)))
            assert x[np.argmax(y < TARGET / 100)] == steps.steps[i]
        assert numbers["ratio"] == pytest.approx(steps.steps[1] / steps.steps[0])
        assert choice_runs.SMOOTHING == training_plots.SMOOTHING
        assert f"{steps.ratio:.2f}×" in page.result_label.text()
        # the pair's max-pools (3x3, stride 2, pad 1) and AlexNet's, from direct forwards
        x = torch.zeros(1, 1, 28, 28)
        for name in ("pool1", "pool2"):
            assert numbers[f"pool.0.{name}.in"] == x.shape[-1]
            x = F.max_pool2d(x, 3, 2, 1)
            assert numbers[f"pool.0.{name}.out"] == x.shape[-1] and numbers[f"pool.0.{name}.overlap"] == 1
        module = page.session.model.loaded.module
        x = torch.zeros(1, 3, 224, 224)
        for i, layer in enumerate(module.features):
            if isinstance(layer, torch.nn.MaxPool2d):
                assert numbers[f"model.features.{i}.in"] == x.shape[-1]
                assert numbers[f"model.features.{i}.out_2x2"] == F.max_pool2d(x, 2, 2).shape[-1]
            with torch.no_grad():
                x = layer(x)
            if isinstance(layer, torch.nn.MaxPool2d):
                assert numbers[f"model.features.{i}.out"] == x.shape[-1]
        # the augmentation rows are those of the capture's input
        rows = core.augmentation_rows(page.session.result.capture["input"], page.session.model.loaded.info.input)
        assert [v.has_image() for v in page.augmentations.views] == [True] * 4
        assert all(np.array_equal(a.image, b.image) for a, b in zip(rows, page.preview.value))
        assert [t.text() for t in page.augmentations.titles] == [str(r.label) for r in rows]
    finally:
        win.close()


def test_pick_another_comparison_stop_and_start_again(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(AlexNetPage, "data_limit", LIMIT)
    monkeypatch.setattr(AlexNetPage, "config_changes", {**QUICK, "epochs": 500})
    win, page = open_page(qtbot, tmp_path)
    try:
        qtbot.waitUntil(lambda: page.curves.points(1) >= 1, timeout=TIMEOUT_MS)
        assert not page.combo.isEnabled() and not page.start_button.isEnabled()
        page.stop_button.click()
        qtbot.waitUntil(lambda: not page.running(), timeout=TIMEOUT_MS)
        page.poll()
        assert page.state_label.text().startswith("Stopped after step") and page.combo.isEnabled()
        assert abs(page.curves.points(0) - page.curves.points(1)) <= 1  # lockstep
        page.set_comparison("pooling")
        assert page.comparison() == "pooling"
        qtbot.waitUntil(lambda: page.pools is not None and page.pools.key[1] == "pooling", timeout=TIMEOUT_MS)
        numbers = page.numbers()
        assert numbers["pool.1.pool1.kernel"] == 2 and numbers["pool.1.pool1.overlap"] == 0
        assert numbers["pool.1.pool1.out"] == numbers["pool.0.pool1.out"] == 14  # equivalent dimensions
        old = page.worker
        page.start_button.click()
        assert page.worker is not old and page.running()
        assert page.curves.labels == ("overlapping 3/2", "non-overlapping 2/2")
        qtbot.waitUntil(lambda: page.curves.points(0) >= 1, timeout=TIMEOUT_MS)
        assert page.records[0][0].step == 1
        with pytest.raises(ValueError, match="unknown comparison"):
            page.set_comparison("batchnorm")
    finally:
        win.close()
    assert not page.running()  # closing the window ended the training


def test_a_failure_is_one_line(qtbot, tmp_path, quick, monkeypatch):
    def broken(key):
        raise CnnvizError("the digits could not be read")

    monkeypatch.setattr(core, "lesson_split", broken)
    win, page = open_page(qtbot, tmp_path)
    try:
        qtbot.waitUntil(lambda: page.failure != "", timeout=TIMEOUT_MS)
        assert page.error_label.text() == "the digits could not be read"
        qtbot.waitUntil(lambda: not page.running(), timeout=TIMEOUT_MS)
        page.poll()
        assert page.state_label.text() == "The training failed." and page.errors is None
        qtbot.waitUntil(page.is_settled, timeout=TIMEOUT_MS)
    finally:
        win.close()


def test_another_model_and_a_grey_image_are_previewed_and_their_pools_read(qtbot, tmp_path, quick):
    win, page = open_page(qtbot, tmp_path)
    try:
        qtbot.waitUntil(page.is_settled, timeout=TIMEOUT_MS)
        page.request_stop()
        session = win.session
        session.request_model("mnist_inception", "default")
        session.open_paths([Path(core.__file__).parents[3] / "resources" / "samples" / "digit_3.png"])
        qtbot.waitUntil(lambda: session.model is not None and session.model.loaded.name == "mnist_inception"
                        and session.result is not None and session.result.model is session.model
                        and page.is_settled() and page.preview.value[0].image.ndim == 2
                        and "model.pool1.in" in page.numbers(), timeout=TIMEOUT_MS)
        assert page.preview.value[0].image.shape == (28, 6 * 28 + 5 * 2)  # six grey copies, 2 px apart
        numbers = page.numbers()
        x = torch.zeros(1, 1, 28, 28)
        module = session.model.loaded.module
        with torch.no_grad():
            x = module.conv1(x)
            assert numbers["model.pool1.in"] == x.shape[-1] == 24
            assert numbers["model.pool1.out"] == module.pool1(x).shape[-1] == 12
        assert "Max-pools of mnist_inception:" in page.pool_label.text()
    finally:
        win.close()
