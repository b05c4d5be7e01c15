"""The training dock: live curves and probes, pause/resume/stop, errors as one line, checkpoints."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from PySide6.QtCore import Qt

from cnnviz.core.models.loader import load_model
from cnnviz.core.training.loop import Progress
from cnnviz.gui.panels.training import ERROR_STYLE, TrainingPanel
from cnnviz.gui.training_worker import TrainingMailbox, TrainingWorker
from cnnviz.gui.workers import running_threads
from tests.gui.helpers import digit_png, open_mnist, wait_settled

RUN_MS = 60000


@pytest.fixture
def panel(qtbot, window, images):
    """The training dock on a window showing a digit through mnist_inception with random weights."""
    dock = window.docks.get(TrainingPanel.name)
    if dock is None:  # not registered in DOCKS: add it as the window would
        dock = TrainingPanel(window.session, window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        window.docks[dock.name] = dock
    dock.show()
    dock.raise_()
    open_mnist(qtbot, window, images[0])
    dock.limit = (320, 64)  # 5 steps of 64 per epoch
    dock.probe_spin.setValue(1)
    yield dock
    dock.shutdown()


def weights(panel: TrainingPanel) -> dict[str, torch.Tensor]:
    return {k: v.detach().clone() for k, v in panel.session.model.loaded.module.state_dict().items()}


def run(qtbot, panel: TrainingPanel, epochs: int = 1) -> None:
    panel.epochs_spin.setValue(epochs)
    panel.start_button.click()
    assert panel.is_running()
    qtbot.waitUntil(lambda: not panel.is_running(), timeout=RUN_MS)


def training_threads() -> list:
    return [t for t in running_threads() if isinstance(t, TrainingWorker)]


def has_error(panel: TrainingPanel) -> bool:
    return panel.status.styleSheet() == ERROR_STYLE


def test_mailbox_keeps_the_newest_probe_and_every_record() -> None:
    box = TrainingMailbox()
    records = [Progress("step", i, 1, 1, 3) for i in (1, 2, 3)]
    box.put(probe="old")
    for record in records:
        box.record(record)
    box.put(probe="new", stage=("reading", 1, 2))
    update = box.take()
    assert update.probe == "new" and update.records == records and update.stage == ("reading", 1, 2)
    assert box.take().empty()


def test_training_draws_curves_animates_docks_and_leaves_the_trained_model(qtbot, window, panel) -> None:
    session = window.session
    model, before = session.model, weights(panel)
    first = session.result
    run(qtbot, panel, epochs=2)
    assert not training_threads()
    assert panel.curves.points() == 10 and len(panel.curves.val_steps) == 2
    assert panel.curves.curves["loss_train"].getData()[0] is not None
    assert [r.kind for r in panel.history] == ["epoch", "epoch", "done"]
    assert "validation accuracy" in panel.status.text() and not has_error(panel)
    assert panel.progress.value() == panel.progress.maximum() == 10
    assert panel.probes_shown >= 2  # live captures reached the docks
    assert session.model is model and session.result is not first and session.result.model is model
    assert session.result.request == first.request  # the probe is the image the user is looking at
    assert not torch.equal(session.result.capture["output"], first.capture["output"])
    after = weights(panel)
    assert any(not torch.equal(before[k], after[k]) for k in before)  # the app's model is the trained one
    assert not session.model.loaded.module.training  # modes restored: eval, as the app keeps it
    assert session.model.note.startswith("trained on digits in this session (10 steps")
    assert "trained on digits" in window.docks["model_dock"].info.text()  # the model dock says so too
    qtbot.waitUntil(window.is_settled, timeout=10000)  # the dock's curves painted (screenshots wait for this)


def test_pause_resume_stop_and_captures_while_paused(qtbot, window, panel, images) -> None:
    session = window.session
    panel.epochs_spin.setValue(50)
    panel.start_button.click()
    qtbot.waitUntil(lambda: panel.last_record is not None and panel.last_record.step >= 2, timeout=RUN_MS)
    worker = panel.worker
    panel.pause_button.click()
    assert panel.pause_button.text() == "Resume"
    qtbot.waitUntil(lambda: worker.held, timeout=RUN_MS)  # parked between steps: none runs until resumed
    held = worker.last_step
    qtbot.waitUntil(lambda: panel.last_record.step == held, timeout=RUN_MS)  # the dock shows the last one
    session.open_paths([images[1]])  # a capture runs while training is paused (no lock held)
    wait_settled(qtbot, window, str(images[1]), timeout=10000)
    assert worker.held and worker.last_step == held and panel.last_record.step == held and panel.is_running()
    panel.pause_button.click()
    assert panel.pause_button.text() == "Pause"
    qtbot.waitUntil(lambda: panel.last_record.step > held + 2, timeout=RUN_MS)
    qtbot.waitUntil(lambda: panel.probes_shown and session.result.request.label == str(images[1]), timeout=RUN_MS)
    panel.stop_button.click()
    qtbot.waitUntil(lambda: not panel.is_running(), timeout=RUN_MS)
    assert not training_threads()
    assert panel.history[-1].stopped and "stopped after step" in panel.status.text()
    assert panel.last_record.step < panel.last_record.total_steps


def test_shutdown_ends_training_at_once(qtbot, panel) -> None:
    panel.epochs_spin.setValue(50)
    panel.start_button.click()
    qtbot.waitUntil(lambda: panel.last_record is not None, timeout=RUN_MS)
    worker, total = panel.worker, panel.last_record.total_steps
    assert panel.shutdown()  # True: the thread has ended
    assert not training_threads() and not panel.is_running()
    assert worker.isFinished() and worker.last_step < total  # it ended the run, not waited for it


def test_closing_the_window_ends_training(qtbot, window, panel) -> None:
    panel.epochs_spin.setValue(50)
    panel.start_button.click()
    qtbot.waitUntil(lambda: panel.last_record is not None, timeout=RUN_MS)
    worker, total = panel.worker, panel.last_record.total_steps
    window.close()
    assert not training_threads()
    assert worker.isFinished() and worker.last_step < total


def test_stop_while_the_dataset_loads(qtbot, window, panel) -> None:
    before = weights(panel)
    panel.start_button.click()  # digits take about a second to prepare
    panel.stop_button.click()
    qtbot.waitUntil(lambda: not panel.is_running(), timeout=RUN_MS)
    assert panel.status.text() == "stopped before training began" and not has_error(panel)
    assert not panel.history and all(torch.equal(before[k], v) for k, v in weights(panel).items())


def test_bad_folders_say_why_and_the_app_keeps_working(qtbot, window, panel, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    one = tmp_path / "one"
    (one / "cats").mkdir(parents=True)
    digit_png(one / "cats" / "a.png")
    for folder, words in ((empty, "no class sub-folders"), (one, "only one class"),
                          (tmp_path / "missing", "unknown dataset")):
        panel.set_dataset(folder)
        run(qtbot, panel)
        assert has_error(panel) and words in panel.status.text()
        assert "\n" not in panel.status.text()
    panel.set_dataset("digits")
    run(qtbot, panel)
    assert not has_error(panel) and panel.history[-1].kind == "done"


def test_a_diverging_learning_rate_names_the_step_and_keeps_the_weights(qtbot, window, panel) -> None:
    before = weights(panel)
    panel.lr_edit.setText("1000")  # the highest allowed
    run(qtbot, panel)
    assert has_error(panel)
    assert "at step 2" in panel.status.text() and "learning rate" in panel.status.text()
    assert panel.progress.format().startswith("failed at step 2/")
    after = weights(panel)
    assert all(torch.equal(before[k], after[k]) for k in before)  # put back as before the run
    panel.lr_edit.setText("fast")
    panel.start_button.click()
    assert not panel.is_running() and "'fast' is not a number" in panel.status.text()
    window.session.open_paths([window.session.files[0]])
    assert window.session.result is not None


def test_checkpoint_is_saved_whole_or_not_at_all(qtbot, window, panel, tmp_path: Path) -> None:
    run(qtbot, panel)
    out = tmp_path / "ckpt" / "digits"
    panel.save_checkpoint(out)  # ".safetensors" is added
    qtbot.waitUntil(lambda: panel.status.text().startswith("saved"), timeout=20000)
    saved = out.with_name("digits.safetensors")
    assert saved.is_file() and saved.with_suffix(".json").is_file()
    loaded = load_model(saved, device="cpu")
    trained = window.session.model.loaded.module.state_dict()
    assert all(torch.equal(v, trained[k]) for k, v in loaded.module.state_dict().items())
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    before = sorted(p.name for p in tmp_path.iterdir())
    panel.save_checkpoint(blocker / "run.safetensors")
    qtbot.waitUntil(lambda: has_error(panel), timeout=20000)
    assert "blocker" in panel.status.text()
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_preview_shows_an_augmented_batch_without_training(qtbot, window, panel) -> None:
    before = weights(panel)
    panel.flip_check.setChecked(True)
    panel.crop_check.setChecked(True)
    panel.preview_button.click()
    qtbot.waitUntil(lambda: not panel.is_running(), timeout=RUN_MS)
    assert panel.preview_view.has_image() and panel.preview_box.isVisible()
    assert "flip, crop" in panel.preview_caption.text()
    assert not has_error(panel) and not panel.history
    after = weights(panel)
    assert all(torch.equal(before[k], after[k]) for k in before)


def test_another_dataset_refits_the_classifier_and_the_app_adopts_it(qtbot, window, panel) -> None:
    session = window.session
    old = session.model
    panel.set_dataset("shapes")
    panel.limit = (128, 32)
    run(qtbot, panel)
    assert panel.history[-1].kind == "done" and not has_error(panel)
    qtbot.waitUntil(lambda: session.model is panel.run_model, timeout=10000)
    assert session.model is not old and session.model.loaded.module is old.loaded.module
    assert session.model.loaded.info.class_names[:3] == ("circle", "square", "triangle")
    qtbot.waitUntil(lambda: session.result is not None and session.result.model is session.model, timeout=10000)
    assert session.result.top[0][0] in session.model.loaded.info.class_names


def test_opening_another_model_while_training_is_not_undone_by_probes(qtbot, window, panel) -> None:
    session = window.session
    panel.epochs_spin.setValue(50)
    panel.start_button.click()
    qtbot.waitUntil(lambda: panel.probes_shown >= 2, timeout=RUN_MS)
    session.request_model("mnist_residual", "none")
    qtbot.waitUntil(lambda: session.model.loaded.name == "mnist_residual" and session.result is not None
                    and session.result.model is session.model, timeout=RUN_MS)
    shown, step = panel.probes_shown, panel.last_record.step
    qtbot.waitUntil(lambda: panel.last_record.step >= step + 3, timeout=RUN_MS)
    assert panel.probes_shown == shown and session.model.loaded.name == "mnist_residual"
    trained = panel.run_model
    panel.stop_button.click()
    qtbot.waitUntil(lambda: not panel.is_running(), timeout=10000)
    assert panel.run_model is trained and trained.loaded.name == "mnist_inception"  # Save still saves the run
    session.request_model("mnist_inception", "none")
    qtbot.waitUntil(lambda: session.model.loaded.name == "mnist_inception", timeout=RUN_MS)
    assert panel.run_model is None and not panel.history and panel.curves.points() == 0
