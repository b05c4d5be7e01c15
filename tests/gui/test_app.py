"""run_app and ``cnnviz IMAGE --screenshot OUT``: a painted, non-blank picture, or exit 2 with one line."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import numpy as np
from PIL import Image

from cnnviz.gui import app as app_module
from cnnviz.gui.main_window import DEFAULT_SIZE, MainWindow
from tests.gui.helpers import open_mnist, settings_file


def gui_args(*images, model="mnist_inception", weights="none", screenshot=None, layer=None,
             dock=None) -> argparse.Namespace:
    return argparse.Namespace(images=[str(i) for i in images], model=model, weights=weights, device="auto",
                              trust_code=False, screenshot=str(screenshot) if screenshot else None, debug=False,
                              layer=layer, dock=dock)


def test_screenshot_in_process_is_painted_and_not_blank(qtbot, images, tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    assert app_module.run_app(gui_args(images[0], screenshot=out)) == 0
    picture = np.asarray(Image.open(out).convert("RGB")).astype(np.float32)
    assert picture.shape[:2] == (900, 1400)
    assert picture.std() > 20
    # the mosaic area (middle of the window) is not one flat colour
    middle = picture[150:600, 450:1000]
    assert middle.std() > 10


def test_screenshot_subprocess(images, tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    cmd = [sys.executable, "-m", "cnnviz", str(images[1]), "--model", "mnist_inception", "--weights", "none",
           "--screenshot", str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == ""
    assert np.asarray(Image.open(out).convert("L")).std() > 20


def test_screenshot_errors_exit_2_with_one_line(qtbot, tmp_path: Path, capsys) -> None:
    out = tmp_path / "shot.png"
    assert app_module.run_app(gui_args(tmp_path / "missing.png", screenshot=out)) == 2
    assert capsys.readouterr().err.strip() == f"cnnviz: error: {tmp_path / 'missing.png'}: no such file"
    assert app_module.run_app(gui_args(model="no_such_net", screenshot=out)) == 2
    assert capsys.readouterr().err.startswith("cnnviz: error: unknown model 'no_such_net'")
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    assert app_module.run_app(gui_args(broken, screenshot=out)) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("cnnviz: error: ") and "broken.jpg" in err[0]
    assert not out.exists()


def test_screenshot_timeout_exits_2(qtbot, images, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(app_module, "SCREENSHOT_TIMEOUT_S", 0.0)
    assert app_module.run_app(gui_args(images[0], screenshot=tmp_path / "shot.png")) == 2
    assert "timed out" in capsys.readouterr().err


def test_settings_round_trip(qtbot, images, tmp_path: Path) -> None:
    first = MainWindow(settings=settings_file(tmp_path))
    qtbot.addWidget(first)
    first.show()
    first.resize(1200, 780)
    open_mnist(qtbot, first, images[0], model="mnist_residual")
    first.docks["input_dock"].close()
    first.close()
    second = MainWindow(settings=settings_file(tmp_path))
    qtbot.addWidget(second)
    second.show()
    assert second.remembered_model() == ("mnist_residual", "none", "auto")
    # restoreGeometry keeps the window on the (small, offscreen) screen, so compare loosely
    assert (second.width(), second.height()) != DEFAULT_SIZE
    assert second.width() <= 1200 and second.height() <= 780
    assert not second.docks["input_dock"].isVisible() and second.docks["model_dock"].isVisible()
    assert [a.text() for a in second.recent_menu.actions()] == [images[0].name]
    second.reset_layout()
    assert second.docks["input_dock"].isVisible()
    second.close()


def test_remembered_model_is_used_when_the_command_line_names_none(qtbot, tmp_path: Path) -> None:
    settings = settings_file(tmp_path)
    settings.setValue("model/name", "mnist_residual")
    settings.setValue("model/weights", "none")
    settings.sync()
    window = MainWindow(settings=settings_file(tmp_path))
    qtbot.addWidget(window)
    app_module.start_session(window, gui_args(weights="default"), [])
    assert window.session.model_request.name == "mnist_residual"
    assert window.session.model_request.weights == "none"
    qtbot.waitUntil(lambda: window.session.result is not None, timeout=20000)
    assert window.session.result.request.path.name.startswith("digit_")  # the bundled sample digit
    window.close()


def test_screenshot_of_a_dock_on_a_layer(qtbot, images, tmp_path: Path, monkeypatch) -> None:
    seen = {}
    save = MainWindow.save_screenshot

    def spy(self, path):
        dock = self.docks["inception_dock"]
        seen.update(layer=self.session.layer, visible=dock.isVisible(), view=getattr(dock.view, "path", None))
        return save(self, path)

    monkeypatch.setattr(MainWindow, "save_screenshot", spy)
    out = tmp_path / "shot.png"
    assert app_module.run_app(gui_args(images[0], screenshot=out, layer="incep2", dock="inception")) == 0
    assert seen == {"layer": "incep2", "visible": True, "view": "incep2"}
    assert np.asarray(Image.open(out).convert("L")).std() > 20


def test_unknown_dock_or_layer_exits_2_with_one_line(qtbot, images, tmp_path: Path, capsys) -> None:
    out = tmp_path / "shot.png"
    assert app_module.run_app(gui_args(images[0], screenshot=out, dock="nope")) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("cnnviz: error: unknown dock 'nope'; the docks are: ")
    assert "inception" in err[0]
    assert app_module.run_app(gui_args(images[0], screenshot=out, layer="incep9")) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("cnnviz: error: unknown layer 'incep9'")
    assert not out.exists()


def test_dock_names() -> None:
    assert app_module.dock_name("feature-maps") == "feature_maps_dock"
    assert app_module.dock_name("Inception") == "inception_dock"
    assert app_module.dock_name("residual_dock") == "residual_dock"
    assert app_module.dock_name(None) is None
