"""The Inception and residual docks: branch columns with their real labels, one bar per residual block, clicks that
select, and a clear message where the selected layer has nothing to show."""

from __future__ import annotations

import html
import re

import pytest
from PySide6.QtCore import QPointF, Qt

from cnnviz.core.capture.anatomy import inception_blocks, residual_blocks
from cnnviz.core.views.block_views import MAX_SHOWN
from cnnviz.gui.panels.residual import BAR_SELECTED

from tests.gui.helpers import open_mnist, photo_png, wait_settled


def load(qtbot, window, tmp_path, model: str, dock: str):
    """Bring ``dock`` to the front of its tabs, open a photo in ``model`` (random weights), wait; the dock."""
    panel = window.docks[dock]
    panel.raise_()
    window.session.request_model(model, "none")
    window.session.open_paths([photo_png(tmp_path / "p.png")])
    wait_settled(qtbot, window)
    return panel


def show_block(qtbot, window, panel, layer: str, block: str | None = None) -> None:
    """Select ``layer`` and wait until ``panel`` shows the view of ``block`` (default: the layer itself), painted."""
    window.session.select_layer(layer)
    qtbot.waitUntil(lambda: panel.view is not None and panel.view.path == (block or layer)
                    and panel.message() is None and window.is_settled(), timeout=30000)


def plain(text: str) -> str:
    """What a rich-text label reads as: tags dropped, entities (names are escaped in it) decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def shown_titles(panel) -> list[str]:
    return [plain(column[0].text()) for column in panel.columns if column[0].isVisible()]


def blocks_of(window, kind: str):
    blocks = window.session.result.capture.blocks
    return inception_blocks(blocks) if kind == "inception" else residual_blocks(blocks)


def click_cell(qtbot, mosaic, cell: int) -> None:
    """A real mouse click in the centre of the mosaic's ``cell``-th cell."""
    grid, rect = mosaic.grid, mosaic.target_rect()
    row, col = divmod(cell, grid.cols)
    scale = rect.width() / grid.width
    x = rect.x() + (col * (grid.cell_w + grid.pad) + grid.cell_w / 2) * scale
    y = rect.y() + (row * (grid.cell_h + grid.pad) + grid.cell_h / 2) * scale
    qtbot.mouseClick(mosaic, Qt.MouseButton.LeftButton, pos=QPointF(x, y).toPoint())


class FakeClick:
    """What pyqtgraph's scene hands to sigMouseClicked handlers, reduced to what the chart reads."""

    def __init__(self, scene_pos: QPointF, button=Qt.MouseButton.LeftButton) -> None:
        self._pos, self._button = scene_pos, button

    def button(self):
        return self._button

    def scenePos(self) -> QPointF:  # noqa: N802 - pyqtgraph's name
        return self._pos


def click_bar(panel, index: int, button=Qt.MouseButton.LeftButton) -> None:
    vb = panel.chart.getPlotItem().vb
    panel._on_chart_click(FakeClick(vb.mapViewToScene(QPointF(index, 0.01)), button))


# ---------------------------------------------------------------------- Inception dock

def test_googlenet_inception_dock(qtbot, window, tmp_path) -> None:
    panel = load(qtbot, window, tmp_path, "googlenet", "inception_dock")
    session = window.session
    assert session.layer == "conv1"  # not in a block: a message with a link to the first block
    message = panel.message()
    assert message is not None and "Inception block" in message and "9" in message
    assert "href='inception3a'" in message and "inception5b" in message
    panel.on_message_link("inception3a")
    assert session.layer == "inception3a"
    qtbot.waitUntil(lambda: panel.view is not None and panel.view.path == "inception3a" and window.is_settled())
    assert panel.message() is None
    paths = [b.path for b in blocks_of(window, "inception")]
    assert len(paths) == 9 and paths[0] == "inception3a" and paths[-1] == "inception5b"
    assert [panel.combo.itemData(i) for i in range(panel.combo.count())] == paths
    assert panel.combo.currentIndex() == 0
    assert not panel.prev_button.isEnabled() and panel.next_button.isEnabled()
    labels = ["1x1 conv, 64", "1x1 -> 3x3, 96 -> 128", "1x1 -> 3x3, 16 -> 32", "3x3 max-pool -> 1x1, 32"]
    assert shown_titles(panel) == [f"{i + 1}: {label}" for i, label in enumerate(labels)]
    assert [plain(column[1].text()).split(" of the")[0] for column in panel.columns] == [
        "channels 0\u201363", "channels 64\u2013191", "channels 192\u2013223", "channels 224\u2013255"]
    energy = panel.energy.items()
    assert [label for label, _ in energy] == [f"{i + 1}: {label}" for i, label in enumerate(labels)]
    assert [share for _, share in energy] == [b.energy_share for b in panel.view.branches]
    assert sum(share for _, share in energy) == pytest.approx(1.0)
    costs = plain(panel.costs.text() + panel.cost_table.text() + panel.cost_total.text())
    assert "Why 1\u00d71?" in costs and "192 input channels" in costs
    assert all(label in costs for label in labels)
    for _, _, mosaic in panel.columns:
        assert mosaic.has_image() and mosaic.grid is not None

    # a channel of branch 2 is channel 64 + c of the block's output
    panel.columns[1][2].unit_clicked.emit(3, 0, 0)
    assert (session.layer, session.channel, session.unit) == ("inception3a", 67, ("inception3a", 0, 0))
    assert [column[2].selected for column in panel.columns] == [None, 3, None, None]
    # a real click on the first cell of branch 4 (index order): channel 224 + 0
    click_cell(qtbot, panel.columns[3][2], 0)
    assert (session.layer, session.channel) == ("inception3a", 224)
    assert [column[2].selected for column in panel.columns] == [None, None, None, 0]
    # branch 2 has 128 channels: its 64 strongest are drawn, strongest first; cell 5 is not channel 5
    wide = panel.columns[1][2]
    assert len(wide.grid.order) == 64 and list(wide.grid.order) != list(range(64))
    click_cell(qtbot, wide, 5)
    assert session.channel == 64 + wide.grid.order[5]
    assert wide.selected == wide.grid.order[5]
    rect = wide.target_rect()
    # a click on the padding between two cells is on no unit
    scale = rect.width() / wide.grid.width
    beside = QPointF(rect.x() + (wide.grid.cell_w + 0.5) * scale, rect.y() + 0.5 * wide.grid.cell_h * scale)
    assert wide.unit_at(beside.x(), beside.y()) is None
    qtbot.mouseClick(wide, Qt.MouseButton.LeftButton, pos=beside.toPoint())
    assert session.channel == 64 + wide.grid.order[5]

    # a layer inside a block shows that block; the session keeps the layer
    show_block(qtbot, window, panel, "inception4a.branch2.1.conv", "inception4a")
    assert session.layer == "inception4a.branch2.1.conv" and panel.combo.currentIndex() == 2
    assert shown_titles(panel)[1] == "2: 1x1 -> 3x3, 96 -> 208"
    assert [column[2].selected for column in panel.columns] == [None] * 4  # the block is not the layer
    panel.next_button.click()
    assert session.layer == "inception4b"


def test_googlenet_layer_outside_blocks_links_to_the_first(qtbot, window, tmp_path) -> None:
    panel = load(qtbot, window, tmp_path, "googlenet", "inception_dock")
    show_block(qtbot, window, panel, "inception3b")
    window.session.select_layer("maxpool3")  # between blocks
    qtbot.waitUntil(window.is_settled)
    message = panel.message()
    assert message is not None and "Select a" in message and "Inception block" in message
    assert "maxpool3" not in message and "this model has 9" in message
    panel.on_message_link("inception3a")
    assert window.session.layer == "inception3a"
    qtbot.waitUntil(lambda: panel.view.path == "inception3a" and panel.message() is None and window.is_settled())


def test_message_says_an_inception_block(qtbot, window, images) -> None:
    window.docks["inception_dock"].raise_()
    open_mnist(qtbot, window, images[0])
    assert window.session.layer == "conv1"
    assert "Select an Inception block" in window.docks["inception_dock"].message()


def test_inception_v3_columns_follow_the_block(qtbot, window, tmp_path) -> None:
    panel = load(qtbot, window, tmp_path, "inception_v3", "inception_dock")
    blocks = {b.path: b for b in blocks_of(window, "inception")}
    for path in ("Mixed_7b", "Mixed_6a"):  # 4 branches, then 3: the fourth column is hidden again
        show_block(qtbot, window, panel, path)
        block = blocks[path]
        assert len(panel.view.branches) == len(block.branches)
        assert shown_titles(panel) == [f"{b.index + 1}: {b.label}" for b in block.branches]
        assert [label for label, _ in panel.energy.items()] == shown_titles(panel)
        assert sum(1 for column in panel.columns if column[2].isVisible()) == len(block.branches)
    assert len(blocks) == 11 and panel.combo.count() == 11
    assert len(panel.columns) == 4 and not panel.columns[3][0].isVisible()


# ---------------------------------------------------------------------- residual dock

def test_resnet18_residual_dock(qtbot, window, tmp_path) -> None:
    panel = load(qtbot, window, tmp_path, "resnet18", "residual_dock")
    session = window.session
    message = panel.message()
    assert message is not None and "Select a residual block" in message and "href='layer1.0'" in message
    paths = [b.path for b in blocks_of(window, "residual")]
    assert len(paths) == 8
    show_block(qtbot, window, panel, "layer2.0")
    assert panel.combo.count() == 8 and panel.combo.currentIndex() == 2
    titles = shown_titles(panel)
    assert len(titles) == 5 and titles[0].startswith("input x (layer1)")
    assert "projection" in titles[1] and titles[2].startswith("residual F(x)")
    assert titles[3].startswith("sum") and titles[4].startswith("output (after relu)")
    assert "64 ch" in titles[0] and all("128 ch" in t for t in titles[1:])
    assert panel.strength_paths == paths
    heights = panel.bars.opts["height"]
    assert len(heights) == 8 and list(heights) == pytest.approx([r for _, r in panel.view.strengths])
    brushes = panel.bars.opts["brushes"]
    assert [i for i, b in enumerate(brushes) if b is BAR_SELECTED] == [2]
    assert f"{panel.view.ratio:.3f}" in panel.ratio.text()

    click_bar(panel, 3, Qt.MouseButton.RightButton)  # only a left click selects
    assert session.layer == "layer2.0"
    click_bar(panel, 3)
    assert session.layer == paths[3] == "layer2.1"
    qtbot.waitUntil(lambda: panel.view.path == "layer2.1" and window.is_settled())
    titles = shown_titles(panel)
    assert len(titles) == 4 and titles[0].startswith("identity")  # the fifth column is hidden
    assert [i for i, b in enumerate(panel.bars.opts["brushes"]) if b is BAR_SELECTED] == [3]

    # a unit clicked in F(x) is a unit of the block's output grid
    panel.columns[1][1].unit_clicked.emit(5, 2, 1)
    assert session.unit == ("layer2.1", 2, 1)

    window.docks["inception_dock"].raise_()
    qtbot.waitUntil(window.is_settled)
    message = window.docks["inception_dock"].message()
    assert message is not None and "resnet18 has no Inception blocks" in message


def test_mobilenet_v2_has_residual_blocks_and_no_inception(qtbot, window, tmp_path) -> None:
    panel = load(qtbot, window, tmp_path, "mobilenet_v2", "residual_dock")
    paths = [b.path for b in blocks_of(window, "residual")]
    assert len(paths) == 10
    panel.next_button.click()  # from outside any block: the first one
    assert window.session.layer == paths[0]
    show_block(qtbot, window, panel, paths[0])
    assert panel.combo.count() == 10 and len(panel.strength_paths) == 10
    assert len(panel.bars.opts["height"]) == 10
    assert len(shown_titles(panel)) == 4 and shown_titles(panel)[-1].startswith("output")
    inception = window.docks["inception_dock"]
    inception.raise_()
    qtbot.waitUntil(window.is_settled)
    assert "has no Inception blocks" in inception.message()


# ---------------------------------------------------------------------- course networks

def test_mnist_inception(qtbot, window, images) -> None:
    panel = window.docks["inception_dock"]
    panel.raise_()
    open_mnist(qtbot, window, images[0], "mnist_inception")
    blocks = blocks_of(window, "inception")
    assert len(blocks) == 2
    show_block(qtbot, window, panel, blocks[0].path)
    assert panel.combo.count() == 2
    assert shown_titles(panel) == [f"{b.index + 1}: {b.label}" for b in blocks[0].branches]
    assert sum(share for _, share in panel.energy.items()) == pytest.approx(1.0)
    assert [len(column[2].grid.order) for column in panel.columns] == [
        min(b.out_channels, MAX_SHOWN) for b in blocks[0].branches]


def test_mnist_residual(qtbot, window, images) -> None:
    panel = window.docks["residual_dock"]
    panel.raise_()
    open_mnist(qtbot, window, images[0], "mnist_residual")
    paths = [b.path for b in blocks_of(window, "residual")]
    assert len(paths) == 2
    show_block(qtbot, window, panel, paths[1])
    assert panel.strength_paths == paths and len(panel.bars.opts["height"]) == 2
    click_bar(panel, 0)
    assert window.session.layer == paths[0]
    qtbot.waitUntil(lambda: panel.view.path == paths[0] and window.is_settled())
    assert 4 <= len(shown_titles(panel)) <= 5
    # ratios below 1 are read off the axis as they are: no SI prefix turning 0.31 into "310 (x0.001)"
    ticks = panel.chart.getAxis("left").tickStrings([0.2, 0.4], 1.0, 0.2)
    assert ticks == ["0.2", "0.4"] and "x0.001" not in panel.chart.getAxis("left").labelString()


def area(widget) -> int:
    return widget.width() * widget.height()


@pytest.mark.parametrize("size, share", [((1920, 1080), 0.5), ((1400, 900), 0.35)])
def test_the_residual_maps_get_most_of_the_dock(qtbot, window, tmp_path, size, share) -> None:
    window.resize(*size)  # maximised on a 1920x1080 screen: the room goes to the maps, not the layer tree
    panel = load(qtbot, window, tmp_path, "resnet18", "residual_dock")
    show_block(qtbot, window, panel, "layer2.0")
    qtbot.waitUntil(lambda: panel.body.width() > size[0] / 2.5, timeout=10000)
    mosaics = [column[-1] for column in panel.columns[:5]]
    assert all(m.isVisible() for m in mosaics)

    def cells() -> int:
        return sum(area(m) for m in mosaics)

    # the dock's layout settles over a few passes of the event loop (slower on a loaded machine): wait for it
    qtbot.waitUntil(lambda: window.is_settled() and cells() > share * area(panel.body), timeout=10000)
    pictures = sum(m.target_rect().width() * m.target_rect().height() for m in mosaics)
    assert cells() > 1.5 * area(panel.chart)  # the chart took most before
    assert pictures > 0.8 * cells()  # the pictures fill their cells
    assert min(m.target_rect().width() for m in mosaics) > size[0] / 8  # about 90 px wide each before
    assert area(panel.chart) < 0.25 * area(panel.body)  # a modest, fixed height
    assert window.docks["model_dock"].width() < 500


def test_columns_per_row() -> None:
    from cnnviz.gui.panels.block_panel import best_columns

    assert best_columns(5, 1200, 300, 1.0) == 5  # wide and low: one row
    assert best_columns(5, 650, 650, 1.0) == 3  # square: two rows of three
    assert best_columns(5, 300, 1500, 1.0) == 1  # tall and narrow: one column
    assert best_columns(4, 800, 800, 1.0, label_height=30) == 2
    assert best_columns(1, 100, 100, 1.0) == 1
