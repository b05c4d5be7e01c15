"""Opening images: real drag-and-drop events, paste, the input strip, and bad files changing nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QColor
from PySide6.QtWidgets import QApplication

from tests.gui.helpers import open_mnist, wait_settled


def drop(window, paths, at_widget=None) -> bool:
    """Deliver a drag-enter and a drop of ``paths`` to the window, over ``at_widget`` (default: its centre)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    target = at_widget or window
    pos = QPointF(target.mapTo(window, QPoint(target.width() // 2, target.height() // 2)))
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos.toPoint(), actions, mime, buttons, mods)  # QPoint: PySide6 < 6.12 takes no QPointF
    handle = window.windowHandle()
    QApplication.sendEvent(handle, enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(pos, actions, mime, buttons, mods)
    QApplication.sendEvent(handle, event)
    return event.isAccepted()


def test_drop_on_the_mosaic_opens_first_and_fills_strip(qtbot, window, images) -> None:
    open_mnist(qtbot, window, images[0])
    mosaic_view = window.docks["feature_maps_dock"].plot.viewport()
    assert drop(window, images[1:], at_widget=mosaic_view)
    wait_settled(qtbot, window, str(images[1]))
    session, strip = window.session, window.docks["input_dock"].strip
    assert session.files == images[1:] and session.index == 0
    assert [strip.item(i).text() for i in range(strip.count())] == [p.name for p in images[1:]]
    session.step_image(1)
    wait_settled(qtbot, window, str(images[2]))
    assert strip.currentRow() == 1
    strip.setCurrentRow(0)  # clicking the strip steps back
    wait_settled(qtbot, window, str(images[1]))


def test_drop_on_the_layer_tree_and_filter_box(qtbot, window, images) -> None:
    open_mnist(qtbot, window, images[0])
    for widget in (window.docks["model_dock"].tree.view.viewport(), window.docks["model_dock"].tree.filter):
        assert drop(window, [images[2]], at_widget=widget)
        wait_settled(qtbot, window, str(images[2]))
        assert drop(window, [images[0]], at_widget=widget)
        wait_settled(qtbot, window, str(images[0]))


def _assert_rejected(qtbot, window, paths, expected: str, before) -> None:
    with qtbot.waitSignal(window.session.error, timeout=10000) as blocker:
        drop(window, paths)
    assert expected in blocker.args[0]
    qtbot.waitUntil(window.is_settled)
    assert window.session.result is before  # nothing else changed
    assert expected in window.statusBar().currentMessage()


def test_folder_non_image_and_broken_image_change_nothing(qtbot, window, images, tmp_path: Path) -> None:
    open_mnist(qtbot, window, images[0])
    window.session.open_paths(images)
    wait_settled(qtbot, window, str(images[0]))
    before, files = window.session.result, list(window.session.files)
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"garbage" * 20)
    _assert_rejected(qtbot, window, [tmp_path], "is a folder", before)
    _assert_rejected(qtbot, window, [text], "not an image file", before)
    _assert_rejected(qtbot, window, [broken], "broken.png", before)
    assert window.session.files == files
    strip = window.docks["input_dock"].strip
    assert strip.count() == len(images)


def test_paste_an_image_from_the_clipboard(qtbot, window) -> None:
    window.session.request_model("mnist_inception", "none")
    image = QImage(50, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    for x in range(10, 40):
        image.setPixelColor(x, x - 5, QColor("black"))
    QApplication.clipboard().setImage(image)
    assert window.paste()
    wait_settled(qtbot, window, "pasted image")
    assert window.session.files == []
    assert window.docks["input_dock"].given.has_image()


def test_recent_files_menu_lists_opened_images(qtbot, window, images) -> None:
    open_mnist(qtbot, window, images[0])
    window.session.open_paths([images[1]])
    wait_settled(qtbot, window, str(images[1]))
    names = [a.text() for a in window.recent_menu.actions()]
    assert names[:2] == [images[1].name, images[0].name]
    window.recent_menu.actions()[1].trigger()
    wait_settled(qtbot, window, str(images[0]))
