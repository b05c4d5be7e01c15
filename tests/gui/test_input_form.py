"""The model dock's input form: the guess shown for a model that does not describe its input, values applied
(the model is described again), and bad values refused in one line with the model kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from cnnviz.core.errors import CnnvizError
from cnnviz.core.spec import InputSpec, ModelInfo
from cnnviz.gui.jobs import InputDescription
from cnnviz.gui.panels import input_form
from cnnviz.gui.panels.input_form import InputForm
from tests.gui.helpers import photo_png

ANY_SIZE_SOURCE = '''\
import torch.nn as nn


class Net(nn.Module):
    """Takes any RGB size: convolution, global pooling, 4 classes."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(8, 4)

    def forward(self, x):
        return self.fc(self.pool(self.conv(x).relu()).flatten(1))
'''


@pytest.fixture
def any_size(tmp_path: Path) -> str:
    path = tmp_path / "any_size.py"
    path.write_text(ANY_SIZE_SOURCE)
    return f"{path}:Net"


def open_user_model(qtbot, window, spec: str, image: Path) -> None:
    session = window.session
    session.trust_code = True  # as with --trust-code: nothing to ask
    session.open_paths([image])
    session.request_model(spec)
    qtbot.waitUntil(lambda: session.model is not None and session.model.loaded.name == spec
                    and session.result is not None and session.result.model is session.model
                    and window.is_settled(), timeout=30000)


def fill(form: InputForm, c: int, h: int, w: int, mean: str, std: str) -> None:
    form.channels.setValue(c)
    form.height.setValue(h)
    form.width.setValue(w)
    form.mean.setText(mean)
    form.std.setText(std)


def test_the_guess_is_shown_and_applied_values_describe_the_model_again(qtbot, window, tmp_path: Path, any_size,
                                                                        monkeypatch) -> None:
    classes = tmp_path / "shapes.txt"
    classes.write_text("circle\nsquare\ntriangle\nstar\n")
    monkeypatch.setattr(input_form, "choose_classes_file", lambda parent: str(classes))
    open_user_model(qtbot, window, any_size, photo_png(tmp_path / "photo.png"))
    session, form = window.session, window.docks["model_dock"].input_form
    assert form.isVisible() and "guessed: 3x224x224 RGB" in form.note.text() and "first convolution" in form.note.text()
    assert (form.channels.value(), form.height.value(), form.width.value()) == (3, 224, 224)  # RGB guess
    assert form.mean.text() == "0.485, 0.456, 0.406"
    fill(form, 3, 64, 48, "0.5", "0.25")
    form.classes_button.click()
    assert form.classes_label.text() == "4 names" and form.classes_label.toolTip().startswith("4 names from")
    before = session.model
    form.apply_button.click()
    qtbot.waitUntil(lambda: session.model is not before and session.result is not None
                    and session.result.model is session.model and window.is_settled(), timeout=30000)
    info = session.model.loaded.info
    assert info.input.size == (64, 48) and info.input.mean == (0.5,) * 3 and info.input.std == (0.25,) * 3
    assert info.class_names == ("circle", "square", "triangle", "star")
    assert tuple(session.result.capture["input"].shape) == (1, 3, 64, 48)
    assert session.result.top[0][0] in info.class_names
    assert session.model.request.classes_file == str(classes) and form.note.text() == input_form.GIVEN
    session.reload_model()  # the description goes with the model when it loads again
    qtbot.waitUntil(lambda: session.model.loaded.info.input.size == (64, 48) and session.is_idle()
                    and session.model.request.input_size == (3, 64, 48), timeout=30000)
    before = session.model
    form.reset_button.click()  # back to the guess
    qtbot.waitUntil(lambda: session.model is not before and session.is_idle(), timeout=30000)
    assert session.model.loaded.info.input.size == (224, 224) and not session.model.request.description.given()


@pytest.mark.parametrize("values, expected", [
    ((3, 64, 64, "0.5", "0"), "std values must be finite and above 0"),
    ((3, 64, 64, "0.5 0.5", "1"), "mean takes 1 or 3 values for a 3-channel input, not 2"),
    ((3, 9000, 64, "0.5", "1"), "input size: 9000x64 is outside 1..4096 pixels a side"),
    ((2, 64, 64, "0.5", "1"), "input size: 2 channels; cnnviz feeds grey (1) or RGB (3) images"),
    ((3, 64, 64, "half", "1"), "mean: 'half' is not a number"),
    ((3, 64, 64, "", "1"), "mean: give 1 value, or one per channel"),
])
def test_bad_values_are_one_line_and_the_model_stays(qtbot, window, tmp_path: Path, any_size, values,
                                                     expected: str) -> None:
    open_user_model(qtbot, window, any_size, photo_png(tmp_path / "photo.png"))
    session, form = window.session, window.docks["model_dock"].input_form
    before, loads = session.model, session.workers.inference.load_runs
    fill(form, *values)
    with qtbot.waitSignal(session.error, timeout=5000) as blocker:
        form.apply_button.click()
    assert expected in blocker.args[0] and "\n" not in blocker.args[0], blocker.args[0]
    assert session.model is before and session.is_idle() and session.workers.inference.load_runs == loads


@pytest.mark.parametrize("content, expected", [
    (b"", "is empty"),
    (b"\x89PNG\r\n\x1a\n\0\0\0", "is not text"),
    (None, "is over 8 MiB"),
    (b"one\ntwo\nthree\n", "the classes file names 3 classes but the model has 4 outputs"),
])
def test_bad_classes_files_are_one_line_and_the_model_stays(qtbot, window, tmp_path: Path, any_size, monkeypatch,
                                                            content, expected: str) -> None:
    classes = tmp_path / "classes.txt"
    if content is None:
        with classes.open("wb") as handle:  # sparse: 9 MB of nothing
            handle.truncate(9 * 1024 * 1024)
    else:
        classes.write_bytes(content)
    monkeypatch.setattr(input_form, "choose_classes_file", lambda parent: str(classes))
    open_user_model(qtbot, window, any_size, photo_png(tmp_path / "photo.png"))
    session, form = window.session, window.docks["model_dock"].input_form
    before, loads = session.model, session.workers.inference.load_runs
    with qtbot.waitSignal(session.error, timeout=5000) as blocker:
        form.classes_button.click()
        if "outputs" in expected:  # a file that reads well but does not fit: refused when applied
            form.apply_button.click()
    assert expected in blocker.args[0] and "\n" not in blocker.args[0], blocker.args[0]
    assert form.classes_label.toolTip() == "4 names: class 0, class 1, class 2, class 3" or "outputs" in expected
    assert session.model is before and session.workers.inference.load_runs == loads


def test_an_input_the_forward_refuses_is_one_line_and_the_model_stays(qtbot, window, images) -> None:
    from tests.course_code import write_course_files

    spec = f"{write_course_files(images[0].parent / 'course')['inception']}:Net"
    open_user_model(qtbot, window, spec, images[0])
    session, form = window.session, window.docks["model_dock"].input_form
    assert (form.channels.value(), form.height.value(), form.width.value()) == (1, 28, 28)  # grey, MNIST-style
    before = session.model
    fill(form, 1, 32, 32, "0.1307", "0.3081")  # the course Net's fc takes 28x28 only
    with qtbot.waitSignal(session.error, timeout=30000) as blocker:
        form.apply_button.click()
    assert "forward fails on a 1x1x32x32 input" in blocker.args[0] and "\n" not in blocker.args[0]
    qtbot.waitUntil(lambda: session.is_idle() and window.is_settled(), timeout=30000)
    assert session.model is before and session.model_request == before.request
    assert window.docks["model_dock"].model_combo.currentText() == spec


def test_a_built_in_model_is_described_as_it_describes_itself(qtbot) -> None:
    form = InputForm()
    qtbot.addWidget(form)
    info = ModelInfo("mnist_inception", "course", InputSpec(1, (28, 28), None, (0.1307,), (0.3081,), invert=True),
                     tuple(str(i) for i in range(10)))
    form.show_model(info, InputDescription())
    assert form.note.text() == input_form.OWN and form.mean.text() == "0.1307"
    assert form.classes_label.text() == "10 names" and form.classes_label.toolTip() == "10 names: 0, 1, 2, 3, 4, ..."
    assert form.description() == InputDescription((1, 28, 28), (0.1307,), (0.3081,))
    form.std.setText("-1")
    with pytest.raises(CnnvizError, match="std values must be finite and above 0, not -1"):
        form.description()


def test_changing_only_the_channels_takes_that_channel_counts_normalisation(qtbot) -> None:
    form = InputForm()
    qtbot.addWidget(form)
    info = ModelInfo("net", "user", InputSpec(), tuple(f"class {i}" for i in range(4)), "", described=False)
    form.show_model(info, InputDescription())
    assert form.mean.text() == "0.485, 0.456, 0.406"
    form.channels.setValue(1)  # the user's grey net; the mean and std fields are left as shown
    description = form.description()
    assert description.input_size == (1, 224, 224) and description.mean is None and description.std is None
    form.mean.setText("0.5")  # a value the user typed is theirs
    assert form.description().mean == (0.5,)
