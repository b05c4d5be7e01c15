"""The theme: dark and light switch the palette and every dock's plots (background, axes, legends) live; the choice
is stored under ui/theme and restored; a corrupt stored value is ignored; "system" follows the system's changes."""

from __future__ import annotations

from pathlib import Path

import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QMenu

from cnnviz.gui import theme
from cnnviz.gui.main_window import MainWindow
from tests.gui.helpers import settings_file

Role = QPalette.ColorRole


@pytest.fixture(autouse=True)
def _restore_theme(qapp):
    """Each test starts and ends with the app's own colours and pyqtgraph's own options."""
    options = dict(pg.CONFIG_OPTIONS)
    yield
    theme.apply_theme(qapp, theme.SYSTEM)
    pg.setConfigOptions(**options)


def views(window) -> list[pg.GraphicsView]:
    return window.findChildren(pg.GraphicsView)


def axes(window) -> list[pg.AxisItem]:
    return [item for view in views(window) for item in view.scene().items() if isinstance(item, pg.AxisItem)]


def assert_plots_follow(window, palette: QPalette) -> None:
    background, foreground = palette.color(Role.Window).name(), palette.color(Role.WindowText).name()
    found = views(window)
    assert len(found) >= 8  # feature maps, filters (2), residual, statistics, gradient norms, training ...
    assert all(v.backgroundBrush().color().name() == background for v in found), \
        [(type(v).__name__, v.backgroundBrush().color().name()) for v in found]
    assert axes(window) and all(a.pen().color().name() == foreground for a in axes(window))
    assert all(a.textPen().color().name() == foreground for a in axes(window))
    assert pg.mkColor(pg.getConfigOption("background")).name() == background  # plots made later


def test_dark_and_light_switch_the_palette_and_the_plots(qapp, window) -> None:
    theme.apply_theme(qapp, theme.DARK)
    assert theme.is_dark(qapp.palette()) and qapp.style().name().lower() == "fusion"
    assert qapp.palette().color(Role.Window) == theme.dark_palette().color(Role.Window)
    assert_plots_follow(window, theme.dark_palette())
    legends = [i for v in views(window) for i in v.scene().items() if isinstance(i, pg.LegendItem)]
    assert legends
    for item in legends:  # the legends' text stays readable on their box
        text, box = pg.mkColor(item.labelTextColor() or pg.getConfigOption("foreground")), item.brush().color()
        assert abs(text.lightness() - box.lightness()) > 100, (text.name(), box.name())
    fresh = pg.PlotWidget()  # made after the switch: the theme's colours too
    assert fresh.backgroundBrush().color().name() == theme.dark_palette().color(Role.Window).name()
    fresh.deleteLater()

    theme.apply_theme(qapp, theme.LIGHT)
    assert not theme.is_dark(qapp.palette())
    assert_plots_follow(window, theme.light_palette())
    with pytest.raises(ValueError, match="unknown theme"):
        theme.apply_theme(qapp, "purple")
    assert theme.current_choice() == theme.LIGHT


def test_the_choice_is_stored_and_restored(qtbot, qapp, tmp_path: Path) -> None:
    first = MainWindow(settings=settings_file(tmp_path))
    qtbot.addWidget(first)
    menu = theme.add_theme_menu(first, QMenu(first))
    labels = [a.text() for a in menu.actions()]
    assert labels == ["Follow the &system", "&Light", "&Dark"] and menu.actions()[0].isChecked()
    menu.actions()[2].trigger()
    assert theme.is_dark(qapp.palette()) and [a.isChecked() for a in menu.actions()] == [False, False, True]
    assert first.settings.value(theme.SETTING) == "dark"
    first.settings.sync()
    first.close()
    theme.apply_theme(qapp, theme.SYSTEM)
    assert not theme.is_dark(qapp.palette())

    again = MainWindow(settings=settings_file(tmp_path))
    qtbot.addWidget(again)
    menu = theme.add_theme_menu(again, QMenu(again))
    assert theme.current_choice() == theme.DARK and theme.is_dark(qapp.palette())
    assert [a.isChecked() for a in menu.actions()] == [False, False, True]
    assert_plots_follow(again, theme.dark_palette())
    late = pg.PlotWidget(parent=again)  # a lesson's plot, made after the theme, with its own white legend box
    legend = late.addLegend()
    legend.setBrush(pg.mkBrush(255, 255, 255, 170))
    again.settled.emit()  # the window settles: plots made since are restyled
    assert legend.brush().color().lightness() < 100 and legend.brush().color().alpha() == 170
    assert late.backgroundBrush().color() == theme.dark_palette().color(Role.Window)
    again.close()


def test_a_corrupt_stored_value_is_ignored(qtbot, qapp, tmp_path: Path) -> None:
    window = MainWindow(settings=settings_file(tmp_path))
    qtbot.addWidget(window)
    for stored in ("purple", 7, ["dark"], ""):
        window.settings.setValue(theme.SETTING, stored)
        menu = theme.add_theme_menu(window, QMenu(window))
        assert theme.current_choice() == theme.SYSTEM and menu.actions()[0].isChecked(), stored
        assert window.settings.value(theme.SETTING) is None  # removed: the next start does not trip on it
    window.close()
    bare = MainWindow(settings=None)  # no settings: the system's
    qtbot.addWidget(bare)
    assert theme.add_theme_menu(bare, QMenu(bare)).actions()[0].isChecked()
    bare.close()


def test_system_follows_the_systems_change(qapp, monkeypatch) -> None:
    dark = {"on": False}
    monkeypatch.setattr(theme, "system_is_dark", lambda app: dark["on"])
    theme.apply_theme(qapp, theme.SYSTEM)
    assert not theme.is_dark(qapp.palette())
    dark["on"] = True
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert theme.is_dark(qapp.palette())
    theme.apply_theme(qapp, theme.LIGHT)  # a choice of its own: the system's changes no longer matter
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert not theme.is_dark(qapp.palette())
    dark["on"] = False
    theme.apply_theme(qapp, theme.SYSTEM)
    assert not theme.is_dark(qapp.palette())


def test_links_shown_before_the_switch_take_the_new_link_colour(qtbot, qapp) -> None:
    label = QLabel("<a href='x'>Show incep1</a>")
    qtbot.addWidget(label)
    label.resize(160, 40)
    label.show()
    qtbot.waitExposed(label)
    label.grab()  # laid out, with the light palette's link colour
    theme.apply_theme(qapp, theme.DARK)
    qtbot.waitUntil(lambda: label.palette().color(Role.Window) == theme.dark_palette().color(Role.Window))
    link = theme.dark_palette().color(Role.Link)
    pixels = label.grab().toImage()
    colours = {pixels.pixelColor(x, y).name() for x in range(pixels.width()) for y in range(pixels.height())}
    assert link.name() in colours
