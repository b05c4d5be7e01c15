"""cnnviz.show: the app's window on the user's own live module, from a script (blocking), from a notebook with a
running Qt loop (returns at once) and with ``screenshot`` (saved once painted); exact captures; bad input."""

from __future__ import annotations

import importlib.util
import signal
import sys
import types
import warnings
from pathlib import Path

import numpy as np
import pytest
import shiboken6
import torch
from PIL import Image
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

import cnnviz
from cnnviz.core.errors import CnnvizError
from cnnviz.core.inputs.images import sample_images
from cnnviz.core.models.loader import load_model
from cnnviz.gui import jobs
from cnnviz.gui import show as show_module
from cnnviz.gui.main_window import MainWindow
from cnnviz.gui.panels.training import TrainingPanel
from tests.course_code import write_course_files
from tests.gui.helpers import wait_settled

RUN_MS = 60000


@pytest.fixture
def course(tmp_path: Path) -> dict[str, types.ModuleType]:
    """The course notes' networks imported from the files a student would have written."""
    modules = {}
    for key, path in write_course_files(tmp_path / "course").items():
        if key in ("inception", "resnet"):
            spec = importlib.util.spec_from_file_location(f"course_{key}_{tmp_path.name}", path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            modules[key] = module
    return modules


@pytest.fixture
def digit() -> Path:
    return next(p for p in sample_images() if p.name == "digit_3.png")


def shown_windows() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


class _Shell:
    def __init__(self, loop: str | None) -> None:
        self.active_eventloop = loop


def fake_ipython(monkeypatch, loop: str | None) -> None:
    """An IPython whose shell runs ``loop`` as its GUI event loop (``%gui qt`` sets ``"qt"``)."""
    module = types.ModuleType("IPython")
    module.get_ipython = lambda: _Shell(loop)
    monkeypatch.setitem(sys.modules, "IPython", module)


@pytest.fixture
def no_ipython(monkeypatch) -> None:
    monkeypatch.delitem(sys.modules, "IPython", raising=False)


def never_block(monkeypatch) -> None:
    """A wrong branch fails the test at once instead of waiting for a window nobody closes."""
    def blocked(window) -> None:
        window.close()
        raise AssertionError("show() blocked although an event loop was running")

    monkeypatch.setattr(show_module, "_run_until_closed", blocked)


def show_at_once(qtbot, monkeypatch, *args, **kwargs) -> MainWindow:
    """``cnnviz.show`` as in Jupyter with ``%gui qt``: the window comes back at once; wait until it is painted."""
    fake_ipython(monkeypatch, "qt")
    never_block(monkeypatch)
    window = cnnviz.show(*args, **kwargs)
    assert isinstance(window, MainWindow) and window.isVisible()
    qtbot.addWidget(window)
    wait_settled(qtbot, window)
    return window


def state(module: torch.nn.Module) -> dict[str, torch.Tensor]:
    return {k: v.detach().clone() for k, v in module.state_dict().items()}


# --------------------------------------------------------------------------- screenshot

def test_screenshot_of_the_course_net_is_written_and_leaves_the_users_module_as_it_was(
        course, digit, tmp_path: Path) -> None:
    net = course["inception"].Net()
    before, windows = state(net), len(shown_windows())
    out = tmp_path / "net.png"
    assert cnnviz.show(net, [digit], screenshot=out) == out
    with Image.open(out) as image:
        picture = np.asarray(image.convert("RGB"))
    assert picture.shape[0] > 400 and picture.shape[1] > 600
    assert len(np.unique(picture.reshape(-1, 3), axis=0)) > 200  # docks painted, not a blank window
    assert net.training  # as the user left it (constructed modules train)
    assert all(torch.equal(before[k], v) for k, v in net.state_dict().items())
    assert len(shown_windows()) == windows  # the window is closed again


def test_screenshot_of_a_loaded_model_and_of_a_scriptmodule(tmp_path: Path) -> None:
    loaded = load_model("mnist_inception", "none")
    assert cnnviz.show(loaded, screenshot=tmp_path / "a.png").is_file()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # torch.jit.script is deprecated
        scripted = torch.jit.script(loaded.module)
    assert cnnviz.show(scripted, screenshot=tmp_path / "b.jpg").is_file()  # its input guessed from its convolutions


# --------------------------------------------------------------------------- the live module, exactly

@pytest.mark.parametrize("training", [True, False])
def test_the_window_shows_the_users_object_with_exact_inception_branches(
        qtbot, monkeypatch, course, digit, training: bool) -> None:
    net = course["inception"].Net()
    net.train(training)
    window = show_at_once(qtbot, monkeypatch, net, digit)
    session = window.session
    assert session.model.loaded.module is net  # no copy
    cap = session.result.capture
    for block in ("incep1", "incep2"):
        branches = [cap[f"{block}:branch{i}"] for i in range(4)]
        assert [b.shape[1] for b in branches] == [16, 24, 24, 24]
        assert torch.equal(torch.cat(branches, dim=1), cap[block])
    assert net.training is training and all(m.training is training for m in net.modules())
    assert session.files == [digit]


def test_the_course_resnet_identity_plus_residual_is_the_sum(qtbot, monkeypatch, course, digit) -> None:
    net = course["resnet"].Net()
    window = show_at_once(qtbot, monkeypatch, net, [digit])
    cap = window.session.result.capture
    assert window.session.model.loaded.module is net
    for block in ("rblock1", "rblock2"):
        assert torch.equal(cap[f"{block}:identity"] + cap[f"{block}:residual"], cap[f"{block}:sum"])
    assert net.training


def test_training_in_the_app_trains_the_users_object(qtbot, monkeypatch, course, digit) -> None:
    net = course["inception"].Net()
    window = show_at_once(qtbot, monkeypatch, net, digit, class_names=[str(i) for i in range(10)])
    before = state(net)
    panel = window.docks[TrainingPanel.name]
    panel.limit = (64, 64)  # one step of 64
    panel.epochs_spin.setValue(1)
    panel.start_button.click()
    qtbot.waitUntil(lambda: not panel.is_running(), timeout=RUN_MS)
    assert panel.last_record is not None and panel.last_record.step >= 1
    assert window.session.model.loaded.module is net
    assert any(not torch.equal(before[k], v) for k, v in net.state_dict().items())  # their object learnt
    assert net.training  # the loop put the user's mode back


def test_images_in_memory_go_into_the_input_strip(qtbot, monkeypatch, course) -> None:
    grey = np.zeros((28, 28), np.uint8)
    grey[6:22, 12:16] = 255
    chw = np.random.default_rng(0).random((3, 40, 30)).astype(np.float32)
    window = show_at_once(qtbot, monkeypatch, course["inception"].Net(),
                          [Image.fromarray(grey), grey, chw, torch.from_numpy(chw)])
    files = window.session.files
    assert len(files) == 4 and all(f.is_file() and f.suffix == ".png" for f in files)
    with Image.open(files[1]) as second, Image.open(files[2]) as third:
        assert np.array_equal(np.asarray(second), grey) and third.size == (30, 40)
    window.close()
    assert not any(f.exists() for f in files)  # the temporary folder goes with the window


# --------------------------------------------------------------------------- blocking or not

def test_event_loop_running_from_ipython_shells(monkeypatch) -> None:
    for loop, running in (("qt", True), ("qt5", True), ("qt6", True), ("tk", False), (None, False)):
        fake_ipython(monkeypatch, loop)
        assert show_module.event_loop_running() is running, loop
    module = types.ModuleType("IPython")
    module.get_ipython = lambda: None  # IPython imported, but no shell (a plain script)
    monkeypatch.setitem(sys.modules, "IPython", module)
    assert not show_module.event_loop_running()


def test_event_loop_running_inside_a_qt_loop(qapp, no_ipython) -> None:
    assert not show_module.event_loop_running()  # a test (or a script) runs outside any loop
    seen = []
    loop = QEventLoop()
    QTimer.singleShot(0, lambda: (seen.append(show_module.event_loop_running()), loop.quit()))
    loop.exec()
    assert seen == [True]


def test_show_from_inside_a_running_loop_returns_the_window_at_once(qtbot, monkeypatch, no_ipython,
                                                                    course, digit) -> None:
    never_block(monkeypatch)
    got = []
    loop = QEventLoop()
    QTimer.singleShot(0, lambda: (got.append(cnnviz.show(course["inception"].Net(), digit)), loop.quit()))
    loop.exec()
    window = got[0]
    assert isinstance(window, MainWindow) and window in show_module._OPEN
    qtbot.addWidget(window)
    wait_settled(qtbot, window)
    window.close()
    assert window not in show_module._OPEN


def test_in_a_script_show_blocks_until_the_window_is_closed(qtbot, monkeypatch, no_ipython, course, digit) -> None:
    made, seen = [], {}

    class Recording(MainWindow):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            made.append(self)

    def close_when_painted() -> None:  # runs inside show()'s own event loop
        window = made[0]

        def done() -> None:
            if "result" not in seen and window.session.result is not None:
                seen["result"] = window.session.result
                window.close()

        window.settled.connect(done)

    monkeypatch.setattr(show_module, "MainWindow", Recording)
    handler, hook = signal.getsignal(signal.SIGINT), sys.excepthook
    net = course["inception"].Net()
    QTimer.singleShot(0, close_when_painted)
    assert cnnviz.show(net, digit) is None
    assert seen["result"].model.loaded.module is net
    assert not shiboken6.isValid(made[0])  # closed and deleted
    assert signal.getsignal(signal.SIGINT) is handler and sys.excepthook is hook  # both put back


# --------------------------------------------------------------------------- bad input

@pytest.mark.parametrize("model", ["resnet18", object(), None])
def test_a_model_that_is_not_a_module_is_a_type_error(model) -> None:
    with pytest.raises(TypeError, match="needs a torch.nn.Module"):
        cnnviz.show(model)


def test_bad_images_are_one_clear_error_and_no_window_opens(course, tmp_path: Path) -> None:
    net, windows = course["inception"].Net(), len(shown_windows())
    text = tmp_path / "notes.png"
    text.write_text("not a picture")
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    cases = [(tmp_path / "missing.png", "no such file"), (text, "not an image file"), (tmp_path, "is a folder"),
             (other, "not an image file"), (np.zeros((2, 3, 4, 5)), "is not a picture"),
             (np.full((8, 8), 2.5), "are not pixels")]
    for images, words in cases:
        with pytest.raises(CnnvizError, match=words):
            cnnviz.show(net, images)
    with pytest.raises(TypeError, match=r"images\[1\]"):
        cnnviz.show(net, [np.zeros((8, 8), np.uint8), 5])
    assert len(shown_windows()) == windows


def test_an_input_description_that_does_not_fit_is_one_line_in_python_words(course) -> None:
    net = course["inception"].Net()
    with pytest.raises(CnnvizError, match="input_size takes three numbers"):
        cnnviz.show(net, input_size=(1, 28))
    with pytest.raises(CnnvizError, match="forward fails on a 1x3x224x224 input"):
        cnnviz.show(net, input_size=(3, 224, 224))
    with pytest.raises(CnnvizError, match="std"):
        cnnviz.show(net, std=0)


def test_a_screenshot_path_that_cannot_be_written_is_refused_before_a_window_opens(course, tmp_path: Path) -> None:
    net, windows = course["inception"].Net(), len(shown_windows())
    blocker = tmp_path / "file.txt"
    blocker.write_text("")
    cases = [(tmp_path / "no" / "such" / "shot.png", "does not exist"), (blocker / "shot.png", "does not exist"),
             (tmp_path / "shot.xyz", "cannot save a screenshot as"), (tmp_path / "shot", "cannot save a screenshot")]
    for path, words in cases:
        with pytest.raises(CnnvizError, match=words):
            cnnviz.show(net, screenshot=path)
    (tmp_path / "dir.png").mkdir()
    with pytest.raises(CnnvizError, match="is a folder"):
        cnnviz.show(net, screenshot=tmp_path / "dir.png")
    with pytest.raises(TypeError, match="screenshot must be a file path"):
        cnnviz.show(net, screenshot=3)
    assert len(shown_windows()) == windows


def test_a_model_failing_while_the_screenshot_is_made_is_raised(tmp_path: Path, digit) -> None:
    class Moody(torch.nn.Module):  # takes the described input once (the check), then fails
        def __init__(self) -> None:
            super().__init__()
            self.conv = torch.nn.Conv2d(1, 4, 3)
            self.calls = 0

        def forward(self, x):
            self.calls += 1
            if self.calls > 1:
                raise ValueError("moody today")
            return self.conv(x).flatten(1)

    with pytest.raises(CnnvizError, match="moody today"):
        cnnviz.show(Moody(), digit, input_size=(1, 28, 28), screenshot=tmp_path / "x.png")
    assert not (tmp_path / "x.png").exists()


# --------------------------------------------------------------------------- asking for the live module again

def wait_for_model(qtbot, window: MainWindow, test) -> None:
    qtbot.waitUntil(lambda: window.session.model is not None and test(window.session.model)
                    and window.is_settled(), timeout=RUN_MS)


def test_reload_describes_the_changed_live_module_again(qtbot, monkeypatch, course, digit) -> None:
    net = course["inception"].Net()
    window = show_at_once(qtbot, monkeypatch, net, digit)
    session, first = window.session, window.session.model
    net.fc = torch.nn.Sequential(torch.nn.Linear(1408, 10))  # the user edits their network in the notebook
    session.reload_model()
    wait_for_model(qtbot, window, lambda m: m is not first)
    assert session.model.loaded.module is net and session.model.lock is first.lock
    assert "fc.0" in {layer.name for layer in session.model.summary.layers}
    qtbot.waitUntil(lambda: "fc.0" in session.result.capture, timeout=RUN_MS)
    assert net.training


def test_the_input_form_describes_the_live_module_or_says_why_not(qtbot, monkeypatch, course, digit) -> None:
    net = course["inception"].Net()
    window = show_at_once(qtbot, monkeypatch, net, digit)
    session, first = window.session, window.session.model
    note = window.docks["model_dock"].input_form.note.text()
    assert note.startswith("input guessed: 1x28x28") and note.endswith("; change it and Apply")
    assert "input_size" not in note  # the form is how to change it here, not show()'s keywords
    request = first.request
    errors = []
    session.error.connect(errors.append)
    session.request_model(request.name, request.weights, description=jobs.InputDescription(input_size=(1, 32, 32)))
    qtbot.waitUntil(lambda: bool(errors), timeout=RUN_MS)
    assert "forward fails on a 1x1x32x32 input" in errors[0]
    assert session.model is first and session.model_request == first.request  # the model shown stays
    names = tuple("zero one two three four five six seven eight nine".split())
    session.request_model(request.name, request.weights, description=jobs.InputDescription(class_names=names))
    wait_for_model(qtbot, window, lambda m: m is not first)
    assert session.model.loaded.module is net and session.model.loaded.info.class_names == names
    assert session.model.request.class_names == names  # a reload keeps them
    qtbot.waitUntil(lambda: session.result.model is session.model, timeout=RUN_MS)
    assert session.result.top[0][0] in names


def test_the_live_module_stays_on_its_device_and_other_models_load_as_usual(qtbot, monkeypatch, course, digit) -> None:
    net = course["inception"].Net()
    window = show_at_once(qtbot, monkeypatch, net, digit)
    session, first = window.session, window.session.model
    errors = []
    session.error.connect(errors.append)
    session.set_device("cuda")
    assert errors and "move it in Python" in errors[0] and session.model is first and session.device == "cpu"
    session.request_model("mnist_residual", "none")
    wait_for_model(qtbot, window, lambda m: m.loaded.name == "mnist_residual")
    assert session.model.loaded.module is not net
