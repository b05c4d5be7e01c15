"""GUI test set-up: offscreen Qt, settings in a temporary folder, and no worker thread left behind."""

from __future__ import annotations

import gc
from pathlib import Path

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QSettings

from cnnviz.gui.gc_guard import install_gc_guard
from cnnviz.gui.main_window import MainWindow
from cnnviz.gui.workers import running_threads
from tests.gui.helpers import digit_png, settings_file


@pytest.fixture(autouse=True, scope="session")
def _garbage_from_the_event_loop(qapp):
    """As in the app (cnnviz/gui/gc_guard.py): no garbage collection in the middle of a Qt call, where
    freeing a closed window's pyqtgraph menus deadlocked a QObject::disconnect."""
    guard = install_gc_guard(qapp)
    yield guard
    guard.release()


@pytest.fixture(autouse=True)
def _collect_after_each_test():
    """The garbage a test leaves (its closed window) is collected between tests, not inside the next one."""
    yield
    gc.collect()


@pytest.fixture(autouse=True)
def _no_dangling_workers(qapp):
    """Fail a test that leaves a worker thread running (like napari's _dangling_qthread_pool)."""
    pg.setConfigOptions(imageAxisOrder="row-major")
    yield
    alive = running_threads()
    for thread in alive:
        thread.stop(10000)
    if alive:
        pytest.fail(f"{len(alive)} worker thread(s) still running after the test: {alive}")


@pytest.fixture(autouse=True)
def _temporary_settings(tmp_path: Path) -> Path:
    """QSettings of the app go to a temporary folder, never the user's."""
    folder = tmp_path / "settings"
    folder.mkdir()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture
def images(tmp_path: Path) -> list[Path]:
    return [digit_png(tmp_path / f"digit{i}.png", i) for i in range(3)]


@pytest.fixture
def window(qtbot, tmp_path: Path):
    """A shown main window with its own settings file."""
    win = MainWindow(settings=settings_file(tmp_path))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
