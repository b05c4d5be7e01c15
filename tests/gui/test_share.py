"""Sharing a dock: PNG and SVG files that hold a picture, the clipboard, the title bar's menu and the File menu's
actions on the dock in focus; a path that cannot be written is one line and the app goes on."""

from __future__ import annotations

import io
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QPoint
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu

from cnnviz.gui import share, share_files
from tests.gui.helpers import open_mnist

SVG = "{http://www.w3.org/2000/svg}"
DRAWING = {"path", "image", "rect", "text", "polyline", "polygon", "line", "ellipse", "circle"}


def errors_of(window) -> list[str]:
    seen: list[str] = []
    window.session.error.connect(seen.append)
    return seen


def assert_picture(data: bytes, size) -> None:
    image = np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))
    assert image.shape[:2] == (size.height(), size.width())
    assert len(np.unique(image.reshape(-1, 3), axis=0)) > 10  # not one colour: the dock's content


def assert_drawing(path: Path) -> None:
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert tags & DRAWING, tags
    assert any(e.tag == f"{SVG}image" for e in root.iter())  # the feature maps are embedded pictures


def title_point(dock) -> QPoint:
    return QPoint(dock.width() // 2, dock.widget().geometry().top() // 2)


def test_export_png_svg_and_copy(qtbot, window, images, tmp_path: Path) -> None:
    open_mnist(qtbot, window, images[0])
    dock = window.docks["feature_maps_dock"]
    png = share.export_dock(dock, tmp_path / "maps", "png")
    assert png == tmp_path / "maps.png"
    assert_picture(png.read_bytes(), dock.widget().size())
    svg = share.export_dock(dock, tmp_path / "maps.svg", "svg")
    assert_drawing(svg)
    assert svg.stat().st_size > 1000
    QApplication.clipboard().clear()
    share.copy_dock(dock)
    pixmap = QApplication.clipboard().pixmap()
    assert not pixmap.isNull() and pixmap.size() == dock.widget().grab().size()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]  # no temporary file left


def test_title_bar_menu_exports_and_the_file_menu_follows_the_focus(qtbot, window, images, tmp_path: Path,
                                                                     monkeypatch) -> None:
    open_mnist(qtbot, window, images[0])
    share.install_dock_sharing(window)
    share.install_dock_sharing(window)  # again: no second filter, no second menu
    dock = window.docks["input_dock"]
    state = share.sharing(window)
    QApplication.sendEvent(dock, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 60),
                                                  dock.mapToGlobal(QPoint(5, 60))))
    assert state.menu is None  # a right-click on the content is the content's own
    point = title_point(dock)
    QApplication.sendEvent(dock, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, dock.mapToGlobal(point)))
    menu = state.menu
    assert menu is not None and state.last is dock
    texts = [a.text() for a in menu.actions()]
    assert texts[:3] == ["Export as &PNG\u2026", "Export as &SVG\u2026", "&Copy to clipboard"]
    asked = []
    monkeypatch.setattr(share_files, "ask_save_path",
                        lambda parent, caption, suggested, filters: asked.append(suggested) or str(tmp_path / "in"))
    menu.actions()[1].trigger()
    assert asked and asked[0].endswith("input.svg")
    assert_drawing(tmp_path / "in.svg")
    menu.close()

    file_menu = QMenu(window)
    share.add_share_actions(window, file_menu)
    actions = {a.text(): a for a in file_menu.actions() if a.text()}
    filters = window.docks["filters_dock"]
    filters.raise_()
    qtbot.waitUntil(lambda: filters.in_front)
    filters.widget().setFocus()
    filters.activateWindow()
    qtbot.waitUntil(lambda: share.focused_dock(window) is filters)
    QApplication.clipboard().clear()
    actions["Cop&y dock to clipboard"].trigger()
    assert QApplication.clipboard().pixmap().size() == filters.widget().grab().size()
    actions["E&xport dock as PNG\u2026"].trigger()
    assert (tmp_path / "in.png").is_file() and asked[-1].endswith("filters.png")
    monkeypatch.setattr(share_files, "ask_save_path", lambda *args: "")  # cancelled: nothing written, nothing said
    errors = errors_of(window)
    actions["Export dock as SV&G\u2026"].trigger()
    assert errors == []
    file_menu.deleteLater()


def test_paths_that_cannot_be_written_are_one_line(qtbot, window, images, tmp_path: Path) -> None:
    open_mnist(qtbot, window, images[0])
    dock = window.docks["feature_maps_dock"]
    errors = errors_of(window)
    a_file = tmp_path / "a_file"
    a_file.write_text("x")
    bad = {"empty": "", "blank": "   ", "under a file": a_file / "maps.png", "a folder": tmp_path / "folder.png",
           "too long a name": tmp_path / ("n" * 300), "read-only system folder": "/proc/cnnviz-maps.png"}
    (tmp_path / "folder.png").mkdir()
    for case, path in bad.items():
        before = len(errors)
        assert share.export_dock_to(window, dock, path, "png") is None, case
        assert len(errors) == before + 1 and "\n" not in errors[-1], (case, errors)
    assert errors[0] == "no file name given"
    assert "folder" in errors[3] and "bytes long" in errors[4]
    assert window.isVisible() and share.export_dock_to(window, dock, tmp_path / "still.png", "png") is not None


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_one_line(qtbot, window, images, tmp_path: Path) -> None:
    open_mnist(qtbot, window, images[0])
    errors = errors_of(window)
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert share.export_dock_to(window, window.docks["feature_maps_dock"], folder / "x.svg", "svg") is None
    finally:
        folder.chmod(0o700)
    assert len(errors) == 1 and "ermission" in errors[0]


def test_a_dock_behind_a_tab_or_no_capture(qtbot, window, tmp_path: Path) -> None:
    errors = errors_of(window)
    behind = window.docks["filters_dock"]
    qtbot.waitUntil(lambda: window.docks["feature_maps_dock"].in_front)
    assert not behind.in_front
    assert share.export_dock_to(window, behind, tmp_path / "f.png", "png") is None
    assert not share.copy_dock_said(window, behind)
    assert len(errors) == 2 and "not shown" in errors[0]
    assert share.focused_dock(window) is not behind
    with pytest.raises(Exception, match="unknown picture format"):
        share.export_dock(window.docks["model_dock"], tmp_path / "x.gif", "gif")
    assert not list(tmp_path.glob("f*"))
