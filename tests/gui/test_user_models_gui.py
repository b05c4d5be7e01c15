"""The user's own network in the app: File > Open model..., dropping a .py file, asking before its code runs
(once per file until it changes), a broken file, reloading after an edit; timm's list and downloads."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from cnnviz.core.errors import CnnvizError
from cnnviz.gui import code_trust, jobs
from cnnviz.gui import main_window as main_window_module
from cnnviz.gui.panels import model_tree, timm_list
from tests.course_code import write_course_files
from tests.gui.helpers import open_mnist, wait_settled
from tests.gui.test_open import drop

MARKER_SOURCE = '''\
from pathlib import Path
import torch.nn as nn

Path({marker!r}).write_text("imported")


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(4, 10)

    def forward(self, x):
        return self.fc(self.pool(self.conv(x)).flatten(1))
'''


@pytest.fixture
def course(tmp_path: Path) -> dict[str, Path]:
    return write_course_files(tmp_path / "course")


@pytest.fixture
def asked(monkeypatch) -> list[str]:
    """The questions "run this code?" the app asked (each answered yes)."""
    questions: list[str] = []
    monkeypatch.setattr(main_window_module, "ask_to_run_code", lambda parent, name: questions.append(name) or True)
    return questions


def menu_action(window, text: str):
    file_menu = window.menuBar().actions()[0].menu()
    return next(a for a in file_menu.actions() if a.text().replace("&", "") == text)


def wait_for_model(qtbot, window, name: str) -> None:
    qtbot.waitUntil(lambda: window.session.model is not None and window.session.model.loaded.name == name
                    and window.session.result is not None and window.session.result.model is window.session.model
                    and window.is_settled(), timeout=30000)


def test_code_specs_and_archives_hold_code(tmp_path: Path, course) -> None:
    net = course["inception"]
    assert jobs.holds_code(f"{net}:Net") and jobs.holds_code("torchvision.models:resnet18")
    assert not jobs.holds_code("mnist_inception") and not jobs.holds_code("resnet18")
    assert not jobs.holds_code("timm/resnet18") and not jobs.holds_code(str(net))  # a .py without :NAME
    assert code_trust.module_candidates(net) == ["InceptionA", "Net"]
    assert code_trust.likely_network(net, ["InceptionA", "Net"]) == "Net"


def test_the_course_net_opens_by_the_menu_and_is_asked_about_once(qtbot, window, images, course, asked,
                                                                  monkeypatch) -> None:
    path = course["inception"]
    offered = []
    monkeypatch.setattr(model_tree, "open_file", lambda *args: str(path))
    monkeypatch.setattr(model_tree, "ask_model_name",
                        lambda parent, p, names, default: offered.append((p, names, default)) or default)
    open_mnist(qtbot, window, images[0], "mnist_residual")
    menu_action(window, "Open model\u2026").trigger()
    spec = f"{path}:Net"
    wait_for_model(qtbot, window, spec)
    assert offered == [(path, ["InceptionA", "Net"], "Net")] and asked == [spec]
    session, dock = window.session, window.docks["model_dock"]
    assert {"incep1", "incep2.branch5x5_2", "fc"} <= set(session.result.capture)
    assert session.result.capture["incep1"].shape[1] == 88  # 16 + 24 + 24 + 24, concatenated
    assert dock.tree.current_path() is not None and dock.model_combo.currentText() == spec
    assert dock.weights_combo.currentText() == "as the code builds it"
    form = dock.input_form
    assert form.isVisible() and (form.channels.value(), form.height.value(), form.width.value()) == (1, 28, 28)
    assert form.note.text().startswith("input guessed: 1x28x28 grey") and "first convolution conv1" in form.note.text()
    menu_action(window, "Open model\u2026").trigger()  # the same file again: not asked again
    qtbot.waitUntil(lambda: session.is_idle() and window.is_settled(), timeout=30000)
    assert asked == [spec] and session.model.loaded.name == spec


def test_a_dropped_py_file_opens_as_a_model_and_asks_again_after_it_changes(qtbot, window, images, course,
                                                                            asked, monkeypatch) -> None:
    path = course["resnet"]
    monkeypatch.setattr(model_tree, "ask_model_name", lambda parent, p, names, default: default)
    open_mnist(qtbot, window, images[0])
    spec = f"{path}:Net"
    assert drop(window, [path])
    wait_for_model(qtbot, window, spec)
    assert asked == [spec] and {"rblock1", "rblock2.conv2"} <= set(window.session.result.capture)
    assert window.session.result.request.label == str(images[0])  # the image stays
    assert drop(window, [path])  # unchanged: not asked again
    qtbot.waitUntil(lambda: not window.code_drops and window.session.is_idle(), timeout=30000)
    assert asked == [spec]
    path.write_text(path.read_text() + "\n# the student changed something\n")
    assert drop(window, [path])
    qtbot.waitUntil(lambda: len(asked) == 2 and window.session.is_idle(), timeout=30000)


def test_declining_imports_nothing_and_keeps_the_model(qtbot, window, images, tmp_path: Path, monkeypatch) -> None:
    marker = tmp_path / "imported.txt"
    path = tmp_path / "marked.py"
    path.write_text(MARKER_SOURCE.format(marker=str(marker)))
    monkeypatch.setattr(main_window_module, "ask_to_run_code", lambda parent, name: False)
    open_mnist(qtbot, window, images[0])
    before = window.session.model
    statuses = []
    window.session.status.connect(statuses.append)
    assert window.docks["model_dock"].open_model_path(path)  # one class: nothing to choose
    qtbot.waitUntil(window.is_settled)
    assert not marker.exists()
    assert window.session.model is before and window.session.model_request.name == "mnist_inception"
    assert f"{path}:Net was not loaded: it holds code, which was not allowed to run" in statuses
    assert window.docks["model_dock"].model_combo.currentText() == "mnist_inception"


def test_a_file_that_fails_to_import_is_one_line_and_the_model_stays(qtbot, window, images, tmp_path: Path,
                                                                     asked) -> None:
    path = tmp_path / "broken.py"
    path.write_text("import torch.nn as nn\n\n\nclass Net(nn.Module):\n    pass\n\n\n"
                    "raise ValueError('no such layer')\n")
    open_mnist(qtbot, window, images[0])
    before = window.session.model
    with qtbot.waitSignal(window.session.error, timeout=30000) as blocker:
        window.docks["model_dock"].open_model_path(path)
    message = blocker.args[0]
    assert "\n" not in message and "broken.py" in message and "8" in message and "ValueError" in message, message
    assert "no such layer" in message
    qtbot.waitUntil(lambda: window.session.is_idle() and window.is_settled(), timeout=30000)
    assert window.session.model is before and asked == [f"{path}:Net"]


def test_a_file_that_does_not_parse_is_one_line_before_anything_is_asked(qtbot, window, images, tmp_path: Path,
                                                                         asked) -> None:
    path = tmp_path / "typo.py"
    path.write_text("import torch.nn as nn\n\nclass Net(nn.Module)\n    pass\n")
    open_mnist(qtbot, window, images[0])
    with qtbot.waitSignal(window.session.error, timeout=10000) as blocker:
        assert not window.docks["model_dock"].open_model_path(path)
    assert blocker.args[0].startswith(f"{path}, line 3: SyntaxError") and asked == []
    empty = tmp_path / "empty.py"
    empty.write_text("x = 1\n")
    with qtbot.waitSignal(window.session.error, timeout=10000) as blocker:
        assert not window.docks["model_dock"].open_model_path(empty)
    assert blocker.args[0] == f"{empty} defines no nn.Module class or function to open"
    assert window.session.model.loaded.name == "mnist_inception"


def test_reload_after_an_edit_shows_the_new_architecture_and_keeps_image_and_layer(qtbot, window, images, course,
                                                                                   asked) -> None:
    path = course["resnet"]
    spec = f"{path}:Net"
    session = window.session
    session.open_paths([images[1]])
    session.request_model(spec)
    wait_for_model(qtbot, window, spec)
    session.select_layer("rblock1")
    assert session.result.capture["output"].shape[1] == 10
    path.write_text(path.read_text().replace("nn.Linear(512, 10)", "nn.Linear(512, 7)"))
    before = session.model
    menu_action(window, "Reload model").trigger()
    qtbot.waitUntil(lambda: session.model is not before and session.result is not None
                    and session.result.model is session.model and window.is_settled(), timeout=30000)
    assert asked == [spec, spec]  # changed since it was allowed: asked again
    assert session.result.capture["output"].shape[1] == 7 and len(session.model.loaded.info.class_names) == 7
    assert session.layer == "rblock1" and session.result.request.label == str(images[1])
    assert menu_action(window, "Reload model").shortcut().toString() == "F5"


def test_the_timm_entry_opens_a_filterable_list(qtbot, window, monkeypatch) -> None:
    names = [f"timm/net{i:04d}" for i in range(1000)] + ["timm/resnet50", "timm/inception_resnet_v2"]
    monkeypatch.setattr(model_tree, "timm_names", lambda: names)
    shown, requested = [], []
    monkeypatch.setattr(model_tree, "choose_timm_model", lambda parent, n: shown.append(len(n)) or "timm/resnet50")
    monkeypatch.setattr(window.session, "request_model", lambda name, *a, **k: requested.append(name))
    dock = window.docks["model_dock"]
    dock.model_combo.activated.emit(dock.model_combo.findData(model_tree.TIMM_CHOICE))
    assert shown == [1002] and requested == ["timm/resnet50"]
    listing = timm_list.TimmList(names)
    qtbot.addWidget(listing)
    listing.filter.setText("RESNET")
    assert listing.shown.rowCount() == 2 and listing.chosen() == "timm/resnet50"
    assert listing.count.text() == "2 of 1002"
    listing.filter.setText("no such net")
    assert listing.chosen() == ""


def test_a_typed_timm_name_is_asked_for(qtbot, window, monkeypatch) -> None:
    requested = []
    monkeypatch.setattr(window.session, "request_model", lambda name, *a, **k: requested.append(name))
    combo = window.docks["model_dock"].model_combo
    combo.setEditText("timm/resnet18.a1_in1k")
    combo.lineEdit().returnPressed.emit()
    assert requested == ["timm/resnet18.a1_in1k"]


def test_timm_weights_download_in_the_dialog_and_cancel(qtbot, window, images, monkeypatch) -> None:
    from cnnviz.core.models import timm_models

    started, cancelled = threading.Event(), threading.Event()
    calls = []

    def fake_download(name, progress=None, cancel=None, url=None):
        calls.append(name)
        progress(1000, 4000)
        started.set()
        while not cancel():
            cancelled.wait(0.01)
        raise CnnvizError("stopped")

    monkeypatch.setattr(timm_models, "timm_weights_cached", lambda name: None)
    monkeypatch.setattr(timm_models, "download_timm_weights", fake_download)
    open_mnist(qtbot, window, images[0])
    window.session.request_model("timm/resnet18")
    qtbot.waitUntil(lambda: window.download_dialog is not None and started.is_set(), timeout=10000)
    assert calls == ["timm/resnet18"]
    qtbot.waitUntil(lambda: "resnet18" in window.download_dialog.labelText(), timeout=10000)
    with qtbot.waitSignal(window.session.error, timeout=10000) as blocker:
        qtbot.mouseClick(window.download_dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    assert blocker.args[0] == "download cancelled"
    qtbot.waitUntil(lambda: window.session.is_idle() and window.download_dialog is None, timeout=10000)
    assert window.session.model.loaded.name == "mnist_inception"
    assert window.docks["model_dock"].weights_combo.itemText(0) == "bundled weights"
    wait_settled(qtbot, window)


def test_a_pt2_holds_code_only_with_parts_that_would_run(tmp_path: Path, monkeypatch) -> None:
    import torch
    from torch import nn

    from cnnviz.core.models import exported

    net = nn.Sequential(nn.Conv2d(3, 4, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4, 10))
    path = tmp_path / "plain.pt2"
    torch.export.save(torch.export.export(net.eval(), (torch.zeros(1, 3, 32, 32),)), str(path))
    assert not jobs.holds_code(str(path))  # raw tensor bytes only: opens without asking
    monkeypatch.setattr(exported, "unsafe_parts", lambda p: ["weight 0.weight"])
    assert jobs.code_kind(str(path)) == "a torch.export program with parts that run code"
    not_an_archive = tmp_path / "fake.pt2"
    not_an_archive.write_bytes(b"not a zip")
    monkeypatch.undo()
    assert not jobs.holds_code(str(not_an_archive))  # the loader says what it is; nothing is asked


def test_the_command_line_opens_a_code_spec_with_its_input_and_a_digit_for_a_grey_net(qtbot, window, course,
                                                                                      monkeypatch) -> None:
    from cnnviz.gui import app as app_module
    from tests.gui.test_app import gui_args

    monkeypatch.setattr(main_window_module, "ask_to_run_code", lambda parent, name: pytest.fail("asked"))
    spec = f"{course['resnet']}:Net"
    args = gui_args(model=spec, weights="default")
    args.trust_code, args.input_size, args.mean, args.std, args.classes = True, [1, 28, 28], [0.5], [0.5], None
    assert app_module.startup_problems(args) == []
    app_module.start_session(window, args, [])
    wait_for_model(qtbot, window, spec)
    qtbot.waitUntil(lambda: window.session.current_path() is not None and window.session.is_idle(), timeout=30000)
    assert window.session.current_path().name.startswith("digit_")  # not the photo a 3-channel model gets
    assert window.session.model.loaded.info.input.mean == (0.5,)
    assert window.session.model.request.input_size == (1, 28, 28)
    assert window.docks["model_dock"].input_form.note.text() == "as you described it"


def test_a_code_file_that_is_gone_is_not_asked_about_and_the_model_stays(qtbot, window, images, course,
                                                                         asked) -> None:
    path = course["inception"]
    open_mnist(qtbot, window, images[0])
    path.unlink()
    with qtbot.waitSignal(window.session.error, timeout=30000) as blocker:
        window.session.request_model(f"{path}:Net")
    assert str(path) in blocker.args[0] and "\n" not in blocker.args[0]
    qtbot.waitUntil(lambda: window.session.is_idle() and window.is_settled(), timeout=30000)
    assert asked == [] and window.session.model.loaded.name == "mnist_inception"
    assert not code_trust.names_missing_file("torchvision.models:resnet18")


def test_settings_remember_a_code_spec_by_its_absolute_file(tmp_path: Path, course, monkeypatch) -> None:
    monkeypatch.chdir(course["inception"].parent)
    assert main_window_module.absolute_choice("inception_net.py:Net") == f"{course['inception']}:Net"
    assert main_window_module.absolute_choice("torchvision.models:resnet18") == "torchvision.models:resnet18"
    assert main_window_module.absolute_choice("timm/resnet18") == "timm/resnet18"


def test_a_plain_pt2_opens_by_the_menu_without_asking(qtbot, window, images, tmp_path: Path, asked,
                                                       monkeypatch) -> None:
    import torch
    from torch import nn

    net = nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4, 10))
    path = tmp_path / "small.pt2"
    torch.export.save(torch.export.export(net.eval(), (torch.zeros(1, 1, 28, 28),)), str(path))
    monkeypatch.setattr(model_tree, "open_file", lambda *args: str(path))
    open_mnist(qtbot, window, images[0])
    menu_action(window, "Open model\u2026").trigger()
    wait_for_model(qtbot, window, str(path))
    assert asked == [] and {"0", "1", "4"} <= set(window.session.result.capture)
    assert window.docks["model_dock"].weights_combo.currentText() == "weights in the model file"


def test_weights_a_student_saved_load_into_their_net_from_the_weights_picker(qtbot, window, images, course,
                                                                             asked, monkeypatch) -> None:
    import torch

    from cnnviz.core.models.user_code import load_user_model

    spec = f"{course['inception']}:Net"
    net, _ = load_user_model(spec, trust_code=True)
    torch.manual_seed(0)
    for p in net.parameters():
        torch.nn.init.normal_(p, std=0.05)
    saved = course["inception"].parent / "net.pth"  # as people save them: DataParallel prefix, beside an epoch
    torch.save({"epoch": 3, "state_dict": {f"module.{k}": v for k, v in net.state_dict().items()}}, saved)
    session, dock = window.session, window.docks["model_dock"]
    session.open_paths([images[0]])
    session.request_model(spec)
    wait_for_model(qtbot, window, spec)
    monkeypatch.setattr(model_tree, "open_file", lambda *args: str(saved))
    before = session.model
    dock.weights_combo.activated.emit(dock.weights_combo.findData(model_tree.FILE_CHOICE))
    qtbot.waitUntil(lambda: session.model is not before and session.result is not None
                    and session.result.model is session.model and window.is_settled(), timeout=30000)
    assert asked == [spec]  # the same file, unchanged: asked once
    assert session.model.request.weights == str(saved) and dock.weights_combo.currentText() == "net.pth"
    assert torch.equal(session.model.loaded.module.fc.weight, net.fc.weight.to(session.model.loaded.device))


def test_dropping_two_py_files_opens_the_first_and_says_so(qtbot, window, images, course, asked,
                                                           monkeypatch) -> None:
    monkeypatch.setattr(model_tree, "ask_model_name", lambda parent, p, names, default: default)
    open_mnist(qtbot, window, images[0])
    with qtbot.waitSignal(window.session.status, timeout=30000) as said:
        assert drop(window, [course["resnet"], course["inception"]])
    assert "one model at a time" in said.args[0] and course["inception"].name in said.args[0]
    wait_for_model(qtbot, window, f"{course['resnet']}:Net")
