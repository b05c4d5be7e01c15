"""Light and dark: the app's colours follow the system, or the user's choice (View > Theme).

A choice is ``"system"`` (dark when :meth:`QStyleHints.colorScheme` says so, following its change signal),
``"light"`` or ``"dark"``; it is stored under ``ui/theme`` in the window's settings. Dark is Qt's Fusion style
with a dark :class:`QPalette`. Most of the app draws with palette colours, so it follows at once; what was
given its colours when it was made is restyled here (:func:`restyle_plots`): the backgrounds, axes, titles and
legends of pyqtgraph's plots, and widgets whose style sheets name ``palette(...)`` roles. Plots made later take
pyqtgraph's ``background`` / ``foreground`` options, set here too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QActionGroup, QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QWidget

from ..core.i18n import marker, translator

tr = translator(__name__)
N_ = marker(__name__)

SETTING = "ui/theme"
SYSTEM, LIGHT, DARK = "system", "light", "dark"
CHOICES = (SYSTEM, LIGHT, DARK)
LABELS = {SYSTEM: N_("Follow the &system"), LIGHT: N_("&Light"), DARK: N_("&Dark")}
FUSION = "fusion"
LEGEND_ALPHA = 190

Role, Group = QPalette.ColorRole, QPalette.ColorGroup

_DARK = {
    Role.Window: (45, 45, 48), Role.WindowText: (226, 226, 226), Role.Base: (30, 30, 32),
    Role.AlternateBase: (56, 56, 60), Role.ToolTipBase: (60, 60, 64), Role.ToolTipText: (226, 226, 226),
    Role.PlaceholderText: (150, 150, 150), Role.Text: (226, 226, 226), Role.Button: (56, 56, 60),
    Role.ButtonText: (226, 226, 226), Role.BrightText: (255, 90, 90), Role.Light: (80, 80, 84),
    Role.Midlight: (66, 66, 70), Role.Mid: (40, 40, 42), Role.Dark: (24, 24, 26), Role.Shadow: (0, 0, 0),
    Role.Highlight: (42, 130, 218), Role.HighlightedText: (255, 255, 255), Role.Link: (110, 170, 245),
    Role.LinkVisited: (180, 140, 240),
}
_DARK_DISABLED = {Role.WindowText: (120, 120, 120), Role.Text: (120, 120, 120), Role.ButtonText: (120, 120, 120),
                  Role.Highlight: (80, 80, 84), Role.HighlightedText: (160, 160, 160)}
_LIGHT = {  # Fusion's own light colours
    Role.Window: (239, 239, 239), Role.WindowText: (0, 0, 0), Role.Base: (255, 255, 255),
    Role.AlternateBase: (247, 247, 247), Role.ToolTipBase: (255, 255, 220), Role.ToolTipText: (0, 0, 0),
    Role.PlaceholderText: (110, 110, 110), Role.Text: (0, 0, 0), Role.Button: (239, 239, 239),
    Role.ButtonText: (0, 0, 0), Role.BrightText: (255, 255, 255), Role.Light: (255, 255, 255),
    Role.Midlight: (202, 202, 202), Role.Mid: (184, 184, 184), Role.Dark: (159, 159, 159),
    Role.Shadow: (118, 118, 118), Role.Highlight: (48, 140, 198), Role.HighlightedText: (255, 255, 255),
    Role.Link: (0, 0, 255), Role.LinkVisited: (255, 0, 255),
}
_LIGHT_DISABLED = {Role.WindowText: (190, 190, 190), Role.Text: (190, 190, 190), Role.ButtonText: (190, 190, 190),
                   Role.Highlight: (145, 145, 145), Role.HighlightedText: (255, 255, 255)}


def _palette(colours: dict, disabled: dict) -> QPalette:
    palette = QPalette()
    for role, rgb in colours.items():
        palette.setColor(role, QColor(*rgb))
    for role, rgb in disabled.items():
        palette.setColor(Group.Disabled, role, QColor(*rgb))
    if hasattr(Role, "Accent"):  # Qt >= 6.6
        palette.setColor(Role.Accent, palette.color(Role.Highlight))
    return palette


def dark_palette() -> QPalette:
    """The dark palette (light text on dark grey)."""
    return _palette(_DARK, _DARK_DISABLED)


def light_palette() -> QPalette:
    """The light palette (Fusion's own colours)."""
    return _palette(_LIGHT, _LIGHT_DISABLED)


def is_dark(palette: QPalette) -> bool:
    """Whether ``palette`` draws light text on a dark window."""
    return palette.color(Role.Window).lightness() < palette.color(Role.WindowText).lightness()


@dataclass
class _State:
    """What this module remembers about the app: the choice, and the style and palette it started with."""

    app: QApplication
    choice: str = SYSTEM
    style: str = ""
    palette: QPalette = field(default_factory=QPalette)
    scenes: dict[int, int] = field(default_factory=dict)  # items in each plot's scene when last restyled
    known: dict[str, set[str]] = field(default_factory=lambda: {"background": set(), "foreground": set(),
                                                                "legend": {QColor(255, 255, 255).name()}})


_state: _State | None = None


def _state_for(app: QApplication) -> _State:
    global _state
    if _state is None or _state.app is not app:
        _state = _State(app, style=app.style().name().lower(), palette=QPalette(app.palette()))
        app.styleHints().colorSchemeChanged.connect(_on_scheme_changed)
        start = pg.mkColor(pg.getConfigOption("foreground")).name()
        _remember(_state, _state.palette, start)
    return _state


def _remember(state: _State, palette: QPalette, *foregrounds: str) -> None:
    """Colours that were defaults at some time: an item drawn in one of them follows the theme."""
    state.known["background"].add(palette.color(Role.Window).name())
    state.known["foreground"].update({palette.color(Role.WindowText).name(), *foregrounds})
    state.known["legend"].add(palette.color(Role.Base).name())


def current_choice() -> str:
    """The choice applied last (``"system"`` before any)."""
    return _state.choice if _state is not None else SYSTEM


def system_is_dark(app: QApplication) -> bool:
    """Whether the system asks for dark colours (its colour scheme; where it says nothing, its palette)."""
    scheme = app.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Unknown:
        return is_dark(_state_for(app).palette)
    return scheme == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, choice: str) -> None:
    """Colour the app as ``choice`` says: ``"system"``, ``"light"`` or ``"dark"``, at once (plots included).

    Parameters
    ----------
    app
        The application.
    choice
        One of :data:`CHOICES`; ``"system"`` also follows the system's later changes between light and dark.

    Raises
    ------
    ValueError
        ``choice`` is not one of :data:`CHOICES`.
    """
    if choice not in CHOICES:
        raise ValueError(f"unknown theme {choice!r}; the themes are: {', '.join(CHOICES)}")
    state = _state_for(app)
    state.choice = choice
    _apply(state)


def _on_scheme_changed(*_args) -> None:
    if _state is not None and _state.choice == SYSTEM:
        _apply(_state)


def _apply(state: _State) -> None:
    app = state.app
    dark = state.choice == DARK or (state.choice == SYSTEM and system_is_dark(app))
    if dark or state.choice == LIGHT:
        style, palette = FUSION, dark_palette() if dark else light_palette()
    else:
        style, palette = state.style, QPalette(state.palette)
    if style and app.style().name().lower() != style:
        app.setStyle(style)
    app.setPalette(palette)
    _remember(state, palette)
    restyle_plots(app, labels=True)
    _refresh_widgets(app)


def plot_colours(palette: QPalette | None = None) -> tuple[QColor, QColor]:
    """The background and foreground (axes, text) a plot has in ``palette`` (default: the app's)."""
    palette = palette or QApplication.palette()
    return palette.color(Role.Window), palette.color(Role.WindowText)


def restyle_plots(root: QApplication | QWidget | None = None, labels: bool = False) -> int:
    """Give pyqtgraph's plots under ``root`` (default: every window) the palette's colours where they have a
    theme's default ones (colours a panel chose itself stay); ``labels`` also redraws titles that use the
    foreground. New plots get them through pyqtgraph's options. Returns the number of views looked at."""
    background, foreground = plot_colours()
    state = _state
    known = state.known if state is not None else {"background": set(), "foreground": set(), "legend": set()}
    if root is None or isinstance(root, QApplication):
        widgets = QApplication.topLevelWidgets()
    else:
        widgets = [root]
    views = [v for w in widgets for v in ([w] if isinstance(w, pg.GraphicsView) else []) +
             w.findChildren(pg.GraphicsView)]
    for view in views:
        _restyle_view(view, background, foreground, known, labels)
    pg.setConfigOptions(background=background, foreground=foreground)
    return len(views)


def restyle_new_plots(window: QWidget) -> None:
    """After a window settled: plots a dock made since the theme was applied (a lesson's, with a white legend
    box) get the dark theme's colours. In light colours what docks make is already right: nothing to do."""
    if _state is None or not is_dark(QApplication.palette()):
        return
    scene_sizes = {id(v): len(v.scene().items()) if v.scene() is not None else 0
                   for v in window.findChildren(pg.GraphicsView)}
    if scene_sizes != _state.scenes:  # a plot or an item (a legend) came or went
        _state.scenes = scene_sizes
        restyle_plots(window)


def _restyle_view(view: pg.GraphicsView, background: QColor, foreground: QColor, known: dict, labels: bool) -> None:
    now = view.backgroundBrush().color().name()
    if now != background.name() and now in known["background"]:
        view.setBackground(background)
    if view.scene() is None:
        return
    legend = QApplication.palette().color(Role.Base)  # the one just set (widgets hear of it later)
    for item in view.scene().items():
        if isinstance(item, pg.AxisItem):
            if _follows(item.pen().color(), foreground, known):
                item.setPen(foreground)
            if _follows(item.textPen().color(), foreground, known):
                item.setTextPen(foreground)
        elif isinstance(item, pg.LegendItem):
            _restyle_legend(item, legend, foreground, known)
        elif labels and isinstance(item, pg.LabelItem) and item.opts.get("color") is None and item.text:
            item.setText(item.text)


def _follows(colour: QColor, target: QColor, known: dict) -> bool:
    name = colour.name()
    return name != target.name() and name in known["foreground"]


def _restyle_legend(legend: pg.LegendItem, base: QColor, foreground: QColor, known: dict) -> None:
    """A legend whose text has the default colour gets the theme's text on the theme's base colour."""
    text = legend.labelTextColor()
    if text is not None and pg.mkColor(text).name() not in known["foreground"]:
        return  # the panel chose its colours: they stay together
    if text is None or pg.mkColor(text).name() != foreground.name():
        legend.setLabelTextColor(foreground)
    brush = legend.brush().color()
    if brush.name() in known["legend"] and brush.name() != base.name():
        fill = QColor(base)
        fill.setAlpha(brush.alpha() if brush.alpha() < 255 else LEGEND_ALPHA)
        legend.setBrush(pg.mkBrush(fill))


def _refresh_widgets(app: QApplication) -> None:
    """What keeps the old colours until it is set again: style sheets read ``palette(...)`` when they are set,
    and a label's links keep the link colour they were laid out with."""
    for window in app.topLevelWidgets():
        for widget in [window, *window.findChildren(QWidget)]:
            sheet = widget.styleSheet()
            if "palette(" in sheet:
                widget.setStyleSheet(sheet)
            if isinstance(widget, QLabel) and "<a " in widget.text():
                text = widget.text()
                widget.clear()  # setText of the same text does nothing
                widget.setText(text)


# ---------------------------------------------------------------------- settings and the menu

def stored_choice(settings) -> str:
    """The choice stored in ``settings`` (a QSettings, or None); a missing or corrupt value is ``"system"``
    (a corrupt one is removed)."""
    if settings is None:
        return SYSTEM
    value = settings.value(SETTING)
    if isinstance(value, str) and value in CHOICES:
        return value
    if value is not None:
        settings.remove(SETTING)
    return SYSTEM


def choose_theme(window, choice: str) -> None:
    """Apply ``choice`` now and store it in the window's settings (if it has any)."""
    apply_theme(QApplication.instance(), choice)
    settings = getattr(window, "settings", None)
    if settings is not None:
        settings.setValue(SETTING, choice)
    menu = window.findChild(QMenu, "theme_menu")
    if menu is not None:
        for action in menu.actions():
            action.setChecked(action.data() == choice)


def add_theme_menu(window, view_menu: QMenu) -> QMenu:
    """Add View > Theme (follow the system / light / dark, one checked) and apply the stored choice.

    Parameters
    ----------
    window
        The main window: its ``settings`` (a QSettings, or None) keep the choice under ``ui/theme``; its
        ``settled`` signal (if any) restyles plots that docks made since.
    view_menu
        The View menu.

    Returns
    -------
    QMenu
        The Theme submenu.
    """
    menu = view_menu.addMenu(tr("&Theme"))
    menu.setObjectName("theme_menu")
    group = QActionGroup(menu)
    choice = stored_choice(getattr(window, "settings", None))
    for code in CHOICES:
        action = menu.addAction(tr(LABELS[code]))
        action.setData(code)
        action.setCheckable(True)
        action.setChecked(code == choice)
        action.triggered.connect(lambda _checked=False, c=code: choose_theme(window, c))
        group.addAction(action)
    apply_theme(QApplication.instance(), choice)
    settled = getattr(window, "settled", None)
    if settled is not None:
        settled.connect(lambda: restyle_new_plots(window))
    return menu


__all__ = ["CHOICES", "SETTING", "add_theme_menu", "apply_theme", "choose_theme", "current_choice",
           "dark_palette", "is_dark", "light_palette", "plot_colours", "restyle_plots", "stored_choice",
           "system_is_dark"]
