"""The plots of N runs: curves per run (raw, smoothed, validation), error rate as 1 - accuracy, a dashed line,
and gradient bars on a log scale in forward order; zero norms get no bar."""

from __future__ import annotations

import math

import numpy as np
import pytest

from cnnviz.core.analysis.gradient_stats import GradientRecord
from cnnviz.core.training.loop import Progress
from cnnviz.gui.lessons.training_plots import RunCurves, RunGradients, smoothed


def _steps(losses, accuracy=0.25):
    return [Progress("step", i + 1, 1, 1, len(losses), loss=v, accuracy=accuracy) for i, v in enumerate(losses)]


def test_curves_of_three_runs(qtbot):
    curves = RunCurves(["a", "b", "c"], second="error")
    qtbot.addWidget(curves)
    assert not curves.refresh()  # nothing new
    curves.add(0, _steps([3.0, 2.0, 1.0]) + [Progress("epoch", 3, 1, 1, 3, val_loss=1.5, val_accuracy=0.75)])
    curves.add(2, _steps([1.0] * 300))  # past the first table's 256 rows
    assert curves.refresh() and not curves.refresh()
    x, y = curves.curve_data(0, "loss_smooth")
    assert list(x) == [1, 2, 3] and y == pytest.approx(smoothed(np.array([3.0, 2.0, 1.0])))
    assert y[1] == pytest.approx(0.9 * 3.0 + 0.1 * 2.0)
    assert curves.smoothed_loss(0) == pytest.approx(y[-1]) and math.isnan(curves.smoothed_loss(1))
    assert list(curves.curve_data(0, "second_raw")[1]) == [0.75] * 3  # error rate = 1 - accuracy
    assert list(curves.curve_data(0, "second_val")[1]) == [0.25] and list(curves.curve_data(0, "loss_val")[1]) == [1.5]
    assert [curves.points(i) for i in range(3)] == [3, 0, 300]
    curves.set_line("target", 0.1, "target", lower=True)
    curves.set_line("target", 0.2, "target", lower=True)  # replaced, not added
    assert curves.lines["target"][1].value() == 0.2 and curves.lines["target"][0] is curves.second_plot
    curves.set_line("target", None)
    assert "target" not in curves.lines
    curves.clear_data()
    assert curves.points(2) == 0
    with pytest.raises(ValueError):
        RunCurves(["a"], second="speed")


def test_gradient_bars_log_scale_forward_order(qtbot):
    bars = RunGradients(["plain", "residual"])
    qtbot.addWidget(bars)
    layers = ("stem", "b.conv1", "fc")
    bars.set_records([GradientRecord(1, 1, layers, (1e-8, 0.0, 0.5)), GradientRecord(1, 1, layers, (0.3, 0.2, 4.0))])
    x, norms = bars.bar_data(0)
    assert list(x) == [0, 2] and norms == pytest.approx([1e-8, 0.5])  # the zero norm has no bar
    x, norms = bars.bar_data(1)
    assert list(x) == [0, 1, 2] and norms == pytest.approx([0.3, 0.2, 4.0])
    assert bars.layers == layers and [t for _, t in bars.axis.labels] == list(layers)
    low, high = bars.getViewBox().viewRange()[1]
    assert low <= -9 and high >= math.log10(4.0)  # every bar fits, from below 1e-8
    bars.set_records([None, None])
    assert len(bars.bar_data(0)[0]) == 0
    many = tuple(f"layer{i}" for i in range(20))
    bars.set_records([GradientRecord(1, 1, many, (1.0,) * 20), None])
    named = [i for i, _ in bars.axis.labels]
    assert named[0] == 0 and named[-1] == 19 and len(named) <= 11  # the first and the last layer named
