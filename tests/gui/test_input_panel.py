"""The Input dock: a random network's predictions are marked as meaningless; file names are plain text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from cnnviz.gui.panels.input import UNTRAINED
from tests.gui.helpers import digit_png, open_mnist, wait_settled

HTML_NAME = "<h1>BIG<i>x<font color=red>red.png"


def test_random_weights_say_their_predictions_mean_nothing_yet(qtbot, window, images) -> None:
    dock = window.docks["input_dock"]
    open_mnist(qtbot, window, images[0])  # random weights
    assert dock.untrained.isVisible() and dock.untrained.text() == UNTRAINED
    assert dock.bars.dimmed and len(dock.bars.items()) == 5
    window.session.request_model("mnist_inception", "default")  # the bundled, trained weights
    qtbot.waitUntil(lambda: window.session.model.request.weights == "default", timeout=20000)
    wait_settled(qtbot, window)
    assert not dock.untrained.isVisible() and not dock.bars.dimmed


def test_trained_in_the_session_the_warning_goes(qtbot, window, images) -> None:
    dock = window.docks["input_dock"]
    open_mnist(qtbot, window, images[0])
    window.session.set_model_note("trained on digits in this session")
    assert not window.session.model.untrained
    window.session.open_paths([images[1]])
    wait_settled(qtbot, window, str(images[1]))
    assert not dock.untrained.isVisible()


def test_a_file_name_that_looks_like_html_is_shown_as_it_is(qtbot, window, tmp_path: Path) -> None:
    image = digit_png(tmp_path / HTML_NAME)
    open_mnist(qtbot, window, image)
    caption = window.docks["input_dock"].given_caption
    assert caption.textFormat() == Qt.TextFormat.PlainText
    assert caption.text().endswith(HTML_NAME[:31] + "\u2026")  # shortened, not rendered
    shown = [label for label in window.findChildren(QLabel) if "<h1>" in label.text()]
    assert shown and all(label.textFormat() == Qt.TextFormat.PlainText for label in shown)
