"""The docks of the main window, one file each.

Adding a dock is one step: write a :class:`~cnnviz.gui.panels.base.Panel` subclass in its own file
and append the class to :data:`DOCKS`. The main window creates every dock listed here, places it
(``area``, ``split_from``, ``tab_with``), gives it a View-menu toggle and saves its layout.
"""

from __future__ import annotations

from .attribution import AttributionPanel
from .base import Panel
from .compare import ComparePanel
from .feature_maps import FeatureMapsPanel
from .filters import FiltersPanel
from .inception import InceptionPanel
from .input import InputPanel
from .inspector import InspectorPanel
from .lesson import LessonPanel
from .model_tree import ModelPanel
from .residual import ResidualPanel
from .statistics import StatisticsPanel
from .training import TrainingPanel
from .units import UnitsPanel

DOCKS: list[type[Panel]] = [ModelPanel, FeatureMapsPanel, InputPanel, InceptionPanel, ResidualPanel, FiltersPanel,
                            AttributionPanel, StatisticsPanel, ComparePanel, UnitsPanel, InspectorPanel, TrainingPanel,
                            LessonPanel]

__all__ = ["AttributionPanel", "ComparePanel", "DOCKS", "FeatureMapsPanel", "FiltersPanel", "InceptionPanel",
           "InputPanel", "InspectorPanel", "LessonPanel", "ModelPanel", "Panel", "ResidualPanel", "StatisticsPanel", "TrainingPanel",
           "UnitsPanel"]
