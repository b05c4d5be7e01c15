"""Loading models in the app: what really went wrong is said (bundled weights, summary, bugs in slots);
a model file that holds code asks first; a model that fails at start-up falls back to the default."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import pytest
import torch
from PySide6.QtCore import Qt
from torch import nn

from cnnviz.core.errors import CnnvizError
from cnnviz.gui import app as app_module
from cnnviz.gui import jobs
from cnnviz.gui import main_window as main_window_module
from cnnviz.gui.main_window import MainWindow
from cnnviz.gui.panels import model_tree
from tests.gui.helpers import open_mnist, settings_file, wait_settled
from tests.gui.test_app import gui_args


def scripted(path: Path) -> Path:
    """A small TorchScript archive (code the app must not run unasked)."""
    net = nn.Sequential(nn.Conv2d(3, 4, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4, 10))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # torch.jit.* are deprecated in this torch
        torch.jit.save(torch.jit.trace(net.eval(), torch.randn(1, 3, 32, 32)), str(path))
    return path


# ---------------------------------------------------------------------- what really happened

def test_bundled_weights_that_fail_to_load_say_why(tmp_path: Path, monkeypatch) -> None:
    broken = tmp_path / "mnist_inception.safetensors"
    broken.write_bytes(b"\x08\x00\x00\x00\x00\x00\x00\x00{not json")
    for module in ("cnnviz.core.models.loader", "cnnviz.gui.jobs"):
        monkeypatch.setattr(f"{module}.bundled_weights_path", lambda name: broken)
    result = jobs.load(jobs.ModelRequest("mnist_inception", "default"))
    assert result.untrained and "no bundled weights yet" not in result.note
    assert result.note.startswith("random weights: the bundled weights failed to load (")
    assert str(broken) in result.note


def test_a_failed_summary_is_said_in_the_model_dock_and_status_bar(qtbot, window, images, monkeypatch) -> None:
    def fail(*args, **kwargs):
        raise CnnvizError("the summary ran out of patience")

    monkeypatch.setattr(jobs, "summarize", fail)
    errors = []
    window.session.error.connect(errors.append)
    open_mnist(qtbot, window, images[0])
    assert window.session.model.summary is None
    assert errors == ["mnist_inception: no layer summary (the summary ran out of patience)"]
    assert "no layer summary: the summary ran out of patience" in window.docks["model_dock"].info.text()


def test_a_bug_in_a_slot_is_said_in_the_window_with_its_traceback(qtbot, window, capsys) -> None:
    errors = []
    window.session.error.connect(errors.append)
    hook = app_module.uncaught_exception_hook(window.session, debug=True)
    try:
        raise ZeroDivisionError("division by zero in a slot")
    except ZeroDivisionError:
        hook(*sys.exc_info())
    window.session.report_error("a user's mistake")
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "test_model_loading.py" in err
    assert "cnnviz: error: a user's mistake" in err  # --debug: every error line reaches stderr too
    assert errors[0] == "internal error: ZeroDivisionError: division by zero in a slot"


def test_debug_reaches_the_app(qtbot, images, tmp_path: Path, monkeypatch) -> None:
    seen = {}
    real = app_module.uncaught_exception_hook

    def spy(session, debug, echo_errors):
        seen["debug"] = debug
        return real(session, debug, echo_errors)

    monkeypatch.setattr(app_module, "uncaught_exception_hook", spy)
    args = gui_args(images[0], screenshot=tmp_path / "shot.png")
    args.debug = True
    assert app_module.run_app(args) == 0
    assert seen == {"debug": True} and sys.excepthook is not None


# ---------------------------------------------------------------------- code in model files

@pytest.mark.parametrize("answer", [False, True])
def test_a_torchscript_model_asks_before_its_code_runs(qtbot, window, images, tmp_path: Path, monkeypatch,
                                                       answer: bool) -> None:
    path = scripted(tmp_path / "scripted.pt")
    asked = []
    monkeypatch.setattr(main_window_module, "ask_to_run_code", lambda parent, p: asked.append(p) or answer)
    monkeypatch.setattr(model_tree, "open_file", lambda *args: str(path))
    open_mnist(qtbot, window, images[0])
    dock, session = window.docks["model_dock"], window.session
    dock.model_combo.activated.emit(dock.model_combo.findData(model_tree.FILE_CHOICE))  # "Open model file..."
    assert asked == [str(path)]
    if not answer:
        assert session.model.loaded.name == "mnist_inception" and session.is_idle()
        assert session.model_request.name == "mnist_inception"
        assert dock.model_combo.currentText() == "mnist_inception"
        return
    assert session.model_request.trust_code
    qtbot.waitUntil(lambda: session.model.loaded.name == str(path), timeout=20000)


def test_trust_code_on_the_command_line_asks_nothing(qtbot, window, tmp_path: Path, monkeypatch) -> None:
    path = scripted(tmp_path / "scripted.pt")
    monkeypatch.setattr(main_window_module, "ask_to_run_code", lambda parent, p: pytest.fail("asked"))
    args = gui_args(model=str(path), weights="default")
    args.trust_code = True
    app_module.start_session(window, args, [])
    assert window.session.model_request.trust_code
    qtbot.waitUntil(lambda: window.session.model is not None, timeout=20000)


# ---------------------------------------------------------------------- start-up

def test_settings_remember_model_files_as_absolute_paths(qtbot, tmp_path: Path, monkeypatch) -> None:
    from safetensors.torch import save_file

    from cnnviz.core.models import zoo

    save_file(zoo.build_model("mnist_residual").state_dict(), str(tmp_path / "mine.safetensors"))
    monkeypatch.chdir(tmp_path)
    window = MainWindow(settings=settings_file(tmp_path))
    qtbot.addWidget(window)
    window.session.request_model("mnist_residual", "mine.safetensors")
    qtbot.waitUntil(lambda: window.session.model is not None, timeout=20000)
    window.close()
    assert settings_file(tmp_path).value("model/weights") == str(tmp_path / "mine.safetensors")
    assert main_window_module.absolute_choice("resnet18") == "resnet18"
    assert main_window_module.absolute_choice("none") == "none"


def test_a_remembered_model_that_fails_to_load_falls_back_to_the_default(qtbot, tmp_path: Path) -> None:
    broken = tmp_path / "broken.safetensors"
    broken.write_bytes(b"not a checkpoint at all")
    settings = settings_file(tmp_path)
    settings.setValue("model/name", str(broken))
    settings.sync()
    window = MainWindow(settings=settings_file(tmp_path))
    qtbot.addWidget(window)
    window.show()
    statuses = []
    window.session.status.connect(statuses.append)
    app_module.start_session(window, gui_args(weights="default"), [])
    wait_settled(qtbot, window)
    model = window.session.model
    assert model.loaded.name == "mnist_inception" and model.request.weights == "default"
    assert any(s.startswith(f"{broken} could not be loaded (") and s.endswith("showing mnist_inception instead")
               for s in statuses), statuses
    window.close()
    assert settings_file(tmp_path).value("model/name") == "mnist_inception"  # the next start is not empty


# ---------------------------------------------------------------------- GoogLeNet's transform_input

def test_transform_input_checkbox_and_the_loaders_notes(qtbot, window, images, tmp_path: Path) -> None:
    from safetensors.torch import save_file

    from cnnviz.core.models import zoo

    dock, session = window.docks["model_dock"], window.session
    open_mnist(qtbot, window, images[0])
    assert not dock.transform_input.isEnabled() and dock.notes.isHidden()
    plain = tmp_path / "googlenet_plain.safetensors"  # a state dict without cnnviz metadata
    save_file(zoo.build_model("googlenet").state_dict(), str(plain))
    session.request_model("googlenet", str(plain))
    qtbot.waitUntil(lambda: session.model.loaded.name == "googlenet" and session.is_idle(), timeout=60000)
    assert dock.transform_input.isEnabled() and dock.transform_input.isChecked()  # torchvision's layout assumed
    assert dock.notes.isVisible() and dock.notes.textFormat() == Qt.TextFormat.PlainText
    assert "no cnnviz metadata: taken as torchvision's pretrained GoogLeNet layout (transform_input on)" in \
        dock.notes.text()
    dock.transform_input.click()  # off: reloaded with it forced
    qtbot.waitUntil(lambda: session.model.request.transform_input is False and session.is_idle(), timeout=60000)
    assert session.model.loaded.module.transform_input is False and not dock.transform_input.isChecked()
    assert session.model.request.weights == str(plain)


def test_a_torchscript_model_declined_at_start_up_shows_the_default(qtbot, window, tmp_path: Path,
                                                                    monkeypatch) -> None:
    path = scripted(tmp_path / "scripted.pt")
    monkeypatch.setattr(main_window_module, "ask_to_run_code", lambda parent, p: False)
    statuses = []
    window.session.status.connect(statuses.append)
    app_module.start_session(window, gui_args(model=str(path), weights="default"), [])
    wait_settled(qtbot, window)
    assert window.session.model.loaded.name == "mnist_inception"
    assert f"{path} was not loaded: it holds code, which was not allowed to run" in statuses
    assert any(s.startswith(f"{path} could not be loaded (its code was not allowed to run)") for s in statuses)


def test_a_screenshot_of_a_torchscript_model_without_trust_code_exits_2(qtbot, images, tmp_path: Path,
                                                                        capsys) -> None:
    path = scripted(tmp_path / "scripted.pt")
    out = tmp_path / "shot.png"
    assert app_module.run_app(gui_args(images[0], model=str(path), weights="default", screenshot=out)) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"cnnviz: error: {path} is a TorchScript model: loading it runs code stored in the file; "
                   "pass --trust-code only if you trust where it came from"]
    assert not out.exists()


def test_a_torchscript_model_is_shown_as_input_and_output_without_an_error(qtbot, images, tmp_path: Path,
                                                                           capsys) -> None:
    # its layers cannot be hooked, so there is no layer summary: that is what it is, said as a note, not an
    # error (the screenshot used to exit 2 with "no layer summary (... cannot be summarised ...)")
    path = scripted(tmp_path / "scripted.pt")
    result = jobs.load(jobs.ModelRequest(str(path), "default", device="cpu", trust_code=True))
    assert result.summary is None and result.summary_error == ""
    assert "TorchScript" in result.note and "input and output" in result.note
    out = tmp_path / "shot.png"
    args = gui_args(images[0], model=str(path), weights="default", screenshot=out)
    args.trust_code = True
    assert app_module.run_app(args) == 0, capsys.readouterr().err
    assert out.exists()


def test_a_torchscript_model_refusing_the_input_is_one_line(images, tmp_path: Path) -> None:
    net = nn.Sequential(nn.Conv2d(1, 4, 3), nn.Flatten(), nn.LazyLinear(10))
    path = tmp_path / "gray.pt"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.jit.* are deprecated, LazyLinear is experimental
        net(torch.zeros(1, 1, 28, 28))
        torch.jit.save(torch.jit.trace(net.eval(), torch.zeros(1, 1, 28, 28)), str(path))
    with pytest.raises(CnnvizError, match=r"fails on a 1x3x224x224 input"):  # the input the user described
        jobs.load(jobs.ModelRequest(str(path), "default", device="cpu", trust_code=True, input_size=(3, 224, 224)))
    model = jobs.load(jobs.ModelRequest(str(path), "default", device="cpu", trust_code=True))  # guessed: 1x28x28
    image = jobs.decode(jobs.ImageRequest(images[0].name, path=images[0]))
    result = jobs.run_capture(model, image)
    assert tuple(result.capture["input"].shape) == (1, 1, 28, 28) and len(result.top) > 0


def test_the_question_shows_the_path_as_plain_text(qtbot, window, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    seen = {}

    def answer(box) -> int:
        seen.update(text=box.text(), format=box.textFormat(), default=box.standardButton(box.defaultButton()))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "exec", answer)
    assert main_window_module.ask_to_run_code(window, "/tmp/<b>x</b>.pt")
    assert seen["text"].startswith("/tmp/<b>x</b>.pt\n\nThis file contains code that will run")
    assert seen["text"].endswith("Load it?") and seen["format"] == Qt.TextFormat.PlainText
    assert seen["default"] == QMessageBox.StandardButton.No  # Enter does not run the code
