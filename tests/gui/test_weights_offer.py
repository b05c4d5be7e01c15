"""Pretrained weights that cannot be downloaded: the model dock offers random weights, a file, or a retry;
a second model picked while the first one's weights download replaces that download. Local servers only."""

from __future__ import annotations

import socket
from pathlib import Path

import torch
from PySide6.QtCore import Qt

from cnnviz.core.models import zoo
from cnnviz.gui.panels import model_tree
from tests.gui.helpers import open_mnist
from tests.gui.test_download_dialog import hub, server  # noqa: F401 - fixtures

MODEL = "squeezenet1_1"  # the smallest torchvision CNN


def pick(dock, name: str) -> None:
    """Choose ``name`` in the model picker as a user does."""
    index = dock.model_combo.findText(name)
    dock.model_combo.setCurrentIndex(index)
    dock.model_combo.activated.emit(index)


def refused_url() -> str:
    """An address on 127.0.0.1 where nothing listens (the connection is refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/{MODEL}-12345678.pth"


def offered(qtbot, window) -> str:
    dock = window.docks["model_dock"]
    qtbot.waitUntil(lambda: dock.offer.isVisible() and window.session.is_idle(), timeout=30000)
    return dock.offer.text.text()


def test_a_refused_download_offers_the_ways_on_and_random_weights_load(qtbot, window, images, hub,  # noqa: F811
                                                                        monkeypatch) -> None:
    url = refused_url()
    monkeypatch.setattr("cnnviz.core.models.weights.pretrained_url", lambda model: url)
    open_mnist(qtbot, window, images[0])
    dock, session = window.docks["model_dock"], window.session
    pick(dock, MODEL)
    text = offered(qtbot, window)
    assert text.startswith(f"{MODEL}: its pretrained weights could not be downloaded (could not download {url}")
    assert "still shows mnist_inception" in text
    assert session.model.loaded.name == "mnist_inception"  # the old model stays, and the picker says so
    assert dock.model_combo.currentText() == "mnist_inception"
    assert [b.text() for b in (dock.offer.random_button, dock.offer.file_button, dock.offer.retry_button)] == [
        "Use random weights", "Open a weights file\u2026", "Retry"]
    qtbot.mouseClick(dock.offer.retry_button, Qt.MouseButton.LeftButton)
    assert offered(qtbot, window).startswith(f"{MODEL}: its pretrained weights could not be downloaded")
    qtbot.mouseClick(dock.offer.random_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: session.model.loaded.name == MODEL and session.is_idle(), timeout=30000)
    assert session.model.request.weights == "none" and not dock.offer.isVisible()
    assert dock.model_combo.currentText() == MODEL and dock.weights_combo.currentData() == "none"


def test_a_404_offers_a_weights_file(qtbot, window, images, server, hub, tmp_path: Path,  # noqa: F811
                                     monkeypatch) -> None:
    base, _ = server
    monkeypatch.setattr("cnnviz.core.models.weights.pretrained_url", lambda model: f"{base}/gone-12345678.pth")
    weights = tmp_path / "mine.pth"
    torch.save(zoo.build_model(MODEL, pretrained_layout=True).state_dict(), weights)
    asked = []
    monkeypatch.setattr(model_tree, "open_file", lambda *args: asked.append(args[1]) or str(weights))
    open_mnist(qtbot, window, images[0])
    dock, session = window.docks["model_dock"], window.session
    pick(dock, MODEL)
    assert "404" in offered(qtbot, window)
    qtbot.mouseClick(dock.offer.file_button, Qt.MouseButton.LeftButton)
    assert asked == [f"Weights file for {MODEL}"]
    qtbot.waitUntil(lambda: session.model.loaded.name == MODEL and session.is_idle(), timeout=30000)
    assert session.model.request.weights == str(weights) and not dock.offer.isVisible()


def test_a_second_model_picked_while_the_first_downloads_replaces_the_download(qtbot, window, server,  # noqa: F811
                                                                                hub, monkeypatch) -> None:
    base, _ = server
    monkeypatch.setattr("cnnviz.core.models.weights.pretrained_url", lambda model: f"{base}/slow/{model}-00000000.pth")
    dock, session = window.docks["model_dock"], window.session
    errors = []
    session.error.connect(errors.append)
    pick(dock, "squeezenet1_1")
    first = session.workers.download
    qtbot.waitUntil(lambda: window.download_dialog is not None and window.download_dialog.value() > 0, timeout=20000)
    pick(dock, "squeezenet1_0")  # raised "already downloading weights for squeezenet1_1" before
    assert dock.model_combo.currentText() == "squeezenet1_0" and session.model_request.name == "squeezenet1_0"
    qtbot.waitUntil(lambda: session.workers.download is not first and session.workers.download.isRunning(),
                    timeout=20000)
    assert session.workers.download.name == "squeezenet1_0" and not first.isRunning()
    assert errors == []  # the replaced download is not reported as a failure
    qtbot.waitUntil(lambda: "squeezenet1_0" in window.download_dialog.labelText(), timeout=20000)
    pick(dock, "mnist_residual")  # a model that needs no download cancels it
    qtbot.waitUntil(lambda: session.model is not None and session.is_idle(), timeout=30000)
    assert session.model.loaded.name == "mnist_residual" and dock.model_combo.currentText() == "mnist_residual"
    assert not session.workers.download.isRunning() and window.download_dialog is None
