"""The slow pixel methods in the Attribution dock: progress while the model runs again and again, Cancel,
and computing again when the method is picked again."""

from __future__ import annotations

import threading

from cnnviz.gui.panels.attribution import AttributionPanel
from tests.gui.test_attribution_panel import open_digit


def gate_model(panel: AttributionPanel, after: int):
    """Hold the model's calls from the ``after``-th one on until the returned event is set."""
    calls, release = [0], threading.Event()

    def hook(_m, _args):
        calls[0] += 1
        if calls[0] > after:
            release.wait(20)

    handle = panel.session.model.loaded.module.register_forward_pre_hook(hook)
    return calls, release, handle


def test_integrated_gradients_shows_progress_and_can_be_cancelled(qtbot, window) -> None:
    panel = open_digit(qtbot, window)
    calls, release, handle = gate_model(panel, after=3)
    try:
        panel.set_method("integrated-gradients")
        qtbot.waitUntil(lambda: panel.slow.isVisible() and panel.slow.bar.value() >= 2, timeout=20000)
        assert panel.slow.bar.maximum() == 11  # the logits, then 50 steps 5 at a time
        qtbot.mouseClick(panel.slow.cancel_button, qtbot_left())
        assert "cancelling" in panel.slow.what.text()
        release.set()
        qtbot.waitUntil(lambda: not panel.slow.isVisible() and "cancelled" in panel.note.text(), timeout=20000)
        assert panel.result is None and calls[0] <= 5  # it stopped at the next call
    finally:
        release.set()
        handle.remove()
    panel.set_method("integrated-gradients")  # picked again: computed again, to the end
    qtbot.waitUntil(lambda: panel.result is not None and panel.result.title.startswith("Integrated gradients"),
                    timeout=30000)
    assert not panel.slow.isVisible() and panel.shown_image() is not None


def test_a_newer_request_cancels_the_slow_one(qtbot, window) -> None:
    panel = open_digit(qtbot, window)
    calls, release, handle = gate_model(panel, after=2)
    try:
        panel.set_method("occlusion")
        qtbot.waitUntil(lambda: calls[0] >= 3, timeout=20000)  # held inside occlusion
        panel.set_method("saliency")  # the slow job is cancelled, the new one waits behind it only briefly
        release.set()
        qtbot.waitUntil(lambda: panel.result is not None and panel.result.title.startswith("Saliency"),
                        timeout=20000)
        assert not panel.slow.isVisible() and calls[0] < 12  # occlusion alone would call it 45 times here
    finally:
        release.set()
        handle.remove()


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
