"""The pretrained-weights download: dialog with progress, cancel, then the model loads (local server only)."""

from __future__ import annotations

import hashlib
import http.server
import io
import threading
import time
from pathlib import Path

import pytest
import torch
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from cnnviz.core.models import zoo

MODEL = "squeezenet1_1"  # the smallest torchvision CNN: its weights file is ~5 MB


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if not self.path.startswith("/slow/"):
            super().do_GET()
            return
        size, chunk = 64 * 1024 * 1024, b"\0" * 65536
        self.send_response(200)
        self.send_header("Content-Length", str(size))
        self.end_headers()
        try:
            for _ in range(size // len(chunk)):
                self.wfile.write(chunk)
                time.sleep(0.02)
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture
def server(tmp_path: Path):
    """An HTTP server on 127.0.0.1 serving ``tmp_path / "www"``; yields (base URL, folder)."""
    www = tmp_path / "www"
    www.mkdir()
    handler = lambda *a, **k: _Handler(*a, directory=str(www), **k)  # noqa: E731
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", www
    httpd.shutdown()
    httpd.server_close()
    thread.join(10)


@pytest.fixture
def hub(tmp_path: Path, monkeypatch) -> Path:
    """torch.hub's cache in a temporary folder."""
    folder = tmp_path / "hub"
    monkeypatch.setattr(torch.hub, "_hub_dir", str(folder))
    return folder / "checkpoints"


def _serve_weights(www: Path) -> str:
    """A real state dict for MODEL, named torch.hub-style with its own SHA-256 prefix."""
    buffer = io.BytesIO()
    torch.save(zoo.build_model(MODEL, pretrained_layout=True).state_dict(), buffer)
    data = buffer.getvalue()
    name = f"{MODEL}-{hashlib.sha256(data).hexdigest()[:8]}.pth"
    (www / name).write_bytes(data)
    return name


def test_picking_pretrained_weights_downloads_with_a_dialog_then_loads(qtbot, window, server, hub,
                                                                       monkeypatch) -> None:
    base, www = server
    name = _serve_weights(www)
    monkeypatch.setattr("cnnviz.core.models.weights.pretrained_url", lambda model: f"{base}/{name}")
    session = window.session
    progress = []
    session.progress.connect(lambda done, total, what: progress.append((done, total)))
    session.request_model(MODEL, "default")
    assert window.download_dialog is not None and window.download_dialog.isVisible()
    qtbot.waitUntil(lambda: session.model is not None, timeout=30000)
    assert (hub / name).is_file()
    assert progress and progress[-1][0] == progress[-1][1] == (www / name).stat().st_size
    assert window.download_dialog is None
    assert session.model.loaded.name == MODEL and session.model.request.weights == "default"
    assert window.docks["model_dock"].weights_combo.currentText() == "pretrained (cached)"


def test_cancelling_the_download_leaves_nothing_behind(qtbot, window, server, hub) -> None:
    base, _ = server
    session = window.session
    session.download_pretrained(MODEL, url=f"{base}/slow/{MODEL}-00000000.pth")
    dialog = window.download_dialog
    qtbot.waitUntil(lambda: dialog.value() > 0, timeout=20000)
    with qtbot.waitSignal(session.error, timeout=20000) as blocker:
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    assert blocker.args[0] == "download cancelled"
    qtbot.waitUntil(lambda: not session.workers.download.isRunning(), timeout=20000)
    assert list(hub.iterdir()) == []  # no partial file
    assert window.download_dialog is None and session.is_idle()
    assert window.statusBar().cancel.isHidden()


def test_failed_download_is_reported(qtbot, window, server, hub) -> None:
    base, _ = server
    with qtbot.waitSignal(window.session.error, timeout=20000) as blocker:
        window.session.download_pretrained(MODEL, url=f"{base}/missing-12345678.pth")
    assert "404" in blocker.args[0]
    assert not hub.exists() or list(hub.iterdir()) == []
