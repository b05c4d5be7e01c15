"""The settings file: values of the wrong type are ignored and rewritten, never fatal; model paths are absolute;
a remembered model that fails to load falls back to the default."""

from __future__ import annotations

from pathlib import Path

import pytest

from cnnviz.gui.main_window import MainWindow
from tests.gui.helpers import settings_file

CORRUPT = {
    "geometry is text": ("[window]\ngeometry=notbytes\n", "window/geometry"),
    "state is text": ("[window]\nstate=hello\n", "window/state"),
    "state is an int": ("[window]\nstate=@Variant(\\0\\0\\0\\x2\\0\\0\\0\\x5)\n", "window/state"),
    "recent is an int": ("[General]\nrecent=@Variant(\\0\\0\\0\\x2\\0\\0\\0\\x5)\n", "recent"),
    "model name is an int": ("[model]\nname=@Variant(\\0\\0\\0\\x2\\0\\0\\0\\x5)\n", "model/name"),
}


@pytest.mark.parametrize("case", list(CORRUPT))
def test_a_corrupt_settings_file_is_ignored_and_rewritten(qtbot, tmp_path: Path, case: str) -> None:
    text, key = CORRUPT[case]
    (tmp_path / "cnnviz.ini").write_text(text)
    window = MainWindow(settings=settings_file(tmp_path))  # raised TypeError before
    qtbot.addWidget(window)
    assert window.remembered_model() is None
    assert [a.text() for a in window.recent_menu.actions()] == []
    window.save_settings()
    again = settings_file(tmp_path)
    if key != "model/name":
        assert type(again.value(key)).__name__ in ("QByteArray", "bytes", "list", "NoneType")
    else:
        assert again.value(key) is None
    window.close()


def test_bytes_that_are_not_a_saved_state_are_dropped(qtbot, tmp_path: Path) -> None:
    settings = settings_file(tmp_path)
    settings.setValue("window/state", b"not a state")
    settings.setValue("window/geometry", b"nor a geometry")
    settings.sync()
    window = MainWindow(settings=settings_file(tmp_path))
    qtbot.addWidget(window)
    assert window.settings.value("window/state") is None
    assert window.settings.value("window/geometry") is None
    window.close()
