"""The Statistics dock: the layer histogram, zeros along depth (a bar per activation, a click selects it), the
dataset scan (progress, cancel, one line per bad input), and no work while behind a tab. A hand-made model
whose answers are known, mnist_residual with its bundled weights for the scan, resnet18 at 64x64 for RGB."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
import torchvision
from PySide6.QtCore import Qt
from torch import nn

from cnnviz.core.models.loader import from_module
from cnnviz.gui.dataset_worker import CANCELLED
from cnnviz.gui.live_session import model_result
from cnnviz.gui.panels.statistics import StatisticsPanel
from tests.gui.helpers import digit_png, wait_settled

DIGIT = Path(__file__).resolve().parents[2] / "resources" / "samples" / "digit_3.png"
DEAD = 2  # channel of act1 that never fires (bias -100)


class TwoRelus(nn.Module):
    """conv(1 -> 4) -> ReLU -> conv(4 -> 6) -> ReLU -> max-pool -> flatten -> linear, input 1x16x16."""

    def __init__(self) -> None:
        super().__init__()
        torch.manual_seed(0)
        self.conv1, self.act1 = nn.Conv2d(1, 4, 3, padding=1), nn.ReLU()
        self.conv2, self.act2 = nn.Conv2d(4, 6, 3, padding=1), nn.ReLU()
        self.pool, self.flat, self.fc = nn.MaxPool2d(4), nn.Flatten(), nn.Linear(6 * 4 * 4, 3)
        with torch.no_grad():
            self.conv1.bias[DEAD] = -100.0

    def forward(self, x):
        return self.fc(self.flat(self.pool(self.act2(self.conv2(self.act1(self.conv1(x)))))))


@pytest.fixture
def stats(window) -> StatisticsPanel:
    """The dock in the window, tabbed with the feature maps (where the lead registers it) and in front."""
    panel = StatisticsPanel(window.session, window)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
    window.tabifyDockWidget(window.docks["feature_maps_dock"], panel)
    window.docks[panel.name] = panel  # settled checks and closeEvent's shutdown see it
    panel.painted.connect(window._queue_check)
    panel.show()
    panel.raise_()
    return panel


def adopt(qtbot, window, module: nn.Module, size: tuple[int, int, int], image: Path, layer: str) -> None:
    channels = size[0]
    loaded = from_module(module, input_size=size, mean=(0.5,) * channels, std=(0.5,) * channels)
    window.session.adopt_model(model_result(loaded))
    window.session.open_paths([image])
    wait_settled(qtbot, window, str(image))
    window.session.select_layer(layer)


def hand_made(qtbot, window, tmp_path, layer: str = "act1") -> TwoRelus:
    model = TwoRelus()
    adopt(qtbot, window, model, (1, 16, 16), digit_png(tmp_path / "d.png"), layer)
    return model


def wait_histogram(qtbot, window, panel, layer: str) -> None:
    def done() -> None:
        assert window.is_settled() and panel.histogram is not None and panel.histogram.layer == layer

    qtbot.waitUntil(done, timeout=30000)


def show_depth(qtbot, window, panel) -> None:
    panel.tabs.setCurrentIndex(1)

    def done() -> None:
        assert window.is_settled() and panel.depth is not None and panel.depth_rows

    qtbot.waitUntil(done, timeout=30000)


def test_histogram_bins_hold_every_element_and_the_summary_says_the_zeros(qtbot, window, stats, tmp_path):
    hand_made(qtbot, window, tmp_path)
    wait_histogram(qtbot, window, stats, "act1")
    act = window.session.activation("act1")
    h = stats.histogram.histogram
    assert sum(h.counts) == act.numel() == 4 * 16 * 16
    zeros = float((act == 0).double().mean())
    assert zeros >= 0.25 and stats.histogram.zero_fraction == pytest.approx(zeros)  # channel 2 alone is a quarter
    line = stats.hist_summary.text()
    assert line.startswith(f"act1 4\u00d716\u00d716: {zeros:.1%} zeros") and "mean" in line and "\n" not in line
    assert stats.hist_plot.heights.max() > 0
    window.session.select_layer("act2")  # follows the selection
    wait_histogram(qtbot, window, stats, "act2")
    assert sum(stats.histogram.histogram.counts) == 6 * 16 * 16


def test_depth_page_has_one_bar_per_activation_and_a_click_selects_its_layer(qtbot, window, stats, tmp_path):
    hand_made(qtbot, window, tmp_path)
    show_depth(qtbot, window, stats)
    bars = stats.depth_bars
    assert bars.labels == ["act1", "act2"] and bars.selected == 0
    first = stats.depth_rows[0]
    assert first.zero_channels == (DEAD,) and bars.series[1][1][0] == pytest.approx(1 / 4)
    assert bars.series[0][1][0] == pytest.approx(float((window.session.activation("act1") == 0).double().mean()))
    view = bars.mapFromScene(bars.scene_pos_of(1, 0.05))
    qtbot.mouseClick(bars.viewport(), Qt.MouseButton.LeftButton, pos=view)
    qtbot.waitUntil(lambda: window.session.layer == "act2", timeout=5000)
    assert bars.selected == 1 and "act2 (ReLU)" in stats.depth_line.text()
    stats.every_layer.setChecked(True)
    assert bars.labels[:3] == ["conv1", "act1", "conv2"]


def test_many_layers_get_thinned_tick_labels(qtbot, window, stats, tmp_path):
    bars = stats.depth_bars
    bars.resize(500, 300)
    labels = [f"layer{i // 3 + 1}.{i % 3}.relu#{i % 3 + 1}" for i in range(50)]
    bars.set_bars(labels, [("zeros", [0.5] * 50)])
    step = bars.shown_ticks[1] - bars.shown_ticks[0]
    assert 1 < len(bars.shown_ticks) < 15 and bars.shown_ticks == list(range(step // 2, 50, step))


def test_no_bar_ends_under_the_legend(qtbot, window, stats):
    bars = stats.depth_bars
    bars.resize(500, 260)
    bars.set_bars(["a", "b", "c"], [("zeros", [0.1, 0.2, 0.5]), ("channels", [0.0, 0.1, 0.45])])
    qtbot.waitUntil(lambda: bars.legend.isVisible() and bars.legend.sceneBoundingRect().height() > 0, timeout=5000)
    bars._fit_top()
    tallest = bars.scene_pos_of(2, 0.5).y()  # scene y grows downwards
    assert tallest > bars.legend.sceneBoundingRect().bottom() and bars.top <= 1.0


def test_nothing_is_computed_behind_a_tab(qtbot, window, stats, tmp_path):
    hand_made(qtbot, window, tmp_path)
    wait_histogram(qtbot, window, stats, "act1")
    window.docks["feature_maps_dock"].raise_()
    qtbot.waitUntil(lambda: not stats.in_front, timeout=10000)
    asked = stats.requests
    window.session.select_layer("act2")
    stats.tabs.setCurrentIndex(1)
    stats.tabs.setCurrentIndex(0)
    assert stats.requests == asked and stats.histogram.layer == "act1"
    stats.raise_()
    wait_histogram(qtbot, window, stats, "act2")
    assert stats.requests == asked + 1
    stats.tabs.setCurrentIndex(2)  # the dataset page computes nothing by itself
    window.session.select_layer("act1")
    assert stats.requests == asked + 1


def dataset_page(qtbot, window, stats, model: str = "mnist_residual"):
    window.session.request_model(model)  # its bundled weights
    window.session.open_paths([DIGIT])
    wait_settled(qtbot, window, str(DIGIT))
    stats.tabs.setCurrentIndex(2)
    return stats.dataset_page


def test_scan_of_the_digits_finishes_with_progress_and_lists_dead_channels(qtbot, window, stats):
    page = dataset_page(qtbot, window, stats)
    seen = []
    page.set_source("digits")
    page.scan()
    page.worker.progress.connect(lambda done, total: seen.append((done, total)))
    assert page.cancel_button.isEnabled() and not page.scan_button.isEnabled()
    qtbot.waitUntil(lambda: not page.scanning(), timeout=60000)
    assert seen and seen[-1] == (1797, 1797)
    act = page.activity
    assert act.images == 1797 and [e.name for e in act.layers][:2] == ["relu1", "res1.relu1"]
    assert page.status.text().startswith("1,797 images of digits: ") and "\n" not in page.status.text()
    assert page.bars.labels == [e.name for e in act.layers] and page.scan_button.isEnabled()
    layer = next(i for i, e in enumerate(act.layers) if e.dead or e.saturated)
    view = page.bars.mapFromScene(page.bars.scene_pos_of(layer, 0.02))
    qtbot.mouseClick(page.bars.viewport(), Qt.MouseButton.LeftButton, pos=view)
    qtbot.waitUntil(lambda: window.session.layer == act.layers[layer].name, timeout=5000)
    item = page.channels.item(0)
    channel = item.data(Qt.ItemDataRole.UserRole)
    assert channel in act.layers[layer].dead + act.layers[layer].saturated
    page.channels.itemClicked.emit(item)
    assert window.session.channel == channel


def test_cancel_stops_the_scan(qtbot, window, stats):
    page = dataset_page(qtbot, window, stats)
    page.set_source("shapes")
    page.scan()
    page.cancel()
    qtbot.waitUntil(lambda: not page.scanning(), timeout=60000)
    assert page.status.text() == CANCELLED and page.activity is None and page.scan_button.isEnabled()


@pytest.mark.parametrize("case, words", [("empty", "no image files"), ("missing", "no such folder"),
                                         ("corrupt", "could be read"), ("blank", "type a folder")])
def test_a_bad_folder_is_one_line_and_the_app_keeps_running(qtbot, window, stats, tmp_path, case, words):
    page = dataset_page(qtbot, window, stats)
    folder = tmp_path / case
    if case in ("empty", "corrupt"):
        folder.mkdir()
    if case == "corrupt":
        for i in range(3):
            (folder / f"x{i}.jpg").write_bytes(b"\xff\xd8 not really a jpeg")
    page.set_source("" if case == "blank" else folder)
    page.scan()
    qtbot.waitUntil(lambda: not page.scanning() and words in page.status.text(), timeout=30000)
    assert "\n" not in page.status.text() and page.scan_button.isEnabled()
    page.set_source("digits")
    page.limit_spin.setValue(50)
    page.scan()
    qtbot.waitUntil(lambda: not page.scanning() and page.activity is not None, timeout=30000)
    assert "50 images of digits (evenly spread over 1,797" in page.status.text()


def test_grey_digits_into_an_rgb_model_are_converted_and_said_in_one_line(qtbot, window, stats, tmp_path):
    torch.manual_seed(0)
    adopt(qtbot, window, torchvision.models.resnet18(), (3, 64, 64), DIGIT, "relu")
    stats.tabs.setCurrentIndex(2)
    page = stats.dataset_page
    page.limit_spin.setValue(16)
    page.scan()
    qtbot.waitUntil(lambda: not page.scanning(), timeout=60000)
    text = page.status.text()
    assert "digits are grey 28\u00d728 pages: repeated on 3 channels and resized to 64\u00d764" in text
    assert page.activity.images == 16 and "\n" not in text


def test_closing_the_window_during_a_scan_stops_it(qtbot, window, stats):
    page = dataset_page(qtbot, window, stats)
    page.set_source("shapes")
    page.scan()
    worker = page.worker
    window.close()
    assert not worker.isRunning()


def test_progress_is_throttled_and_the_last_one_always_sent(qtbot):
    from cnnviz.gui.dataset_worker import DatasetScanWorker, ScanJob

    worker = DatasetScanWorker(ScanJob(None, "digits"))
    seen = []
    worker.progress.connect(lambda done, total: seen.append((done, total)))
    for done in range(1, 5001):
        worker.report(done, 5000)
    assert seen[-1] == (5000, 5000) and len(seen) < 100
    worker.deleteLater()
