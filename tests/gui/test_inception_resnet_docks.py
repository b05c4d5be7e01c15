"""An Inception-ResNet block (timm's Block35) is in both block docks: its branches side by side in the Inception
dock (with what the 1x1 reductions save), its shortcut, F(x) and sum in the residual dock."""

from __future__ import annotations

import pytest
import torch

from cnnviz.core.analysis.summary import summarize
from cnnviz.core.models.loader import LoadedModel
from cnnviz.core.spec import InputSpec, ModelInfo
from cnnviz.gui import jobs

from tests.core.capture.test_inception_resnet import MiniInceptionResNet
from tests.gui.helpers import photo_png, wait_settled
from tests.gui.test_block_panels import plain, show_block, shown_titles


def adopt(qtbot, window, tmp_path, module: torch.nn.Module, name: str, size: int, dock: str):
    """Show ``module`` (random weights, a ``size`` x ``size`` RGB input) on a photo with ``dock`` in front."""
    module.eval()
    spec = InputSpec(3, (size, size), resize=None)
    loaded = LoadedModel(module, ModelInfo(name, "user", spec), name, "none", torch.device("cpu"))
    summary = summarize(module, (3, size, size), model_name=name)
    result = jobs.ModelResult(jobs.ModelRequest(name, "none", "cpu"), loaded, summary, "random weights",
                              untrained=True)
    panel = window.docks[dock]
    panel.raise_()
    window.session.adopt_model(result)
    window.session.open_paths([photo_png(tmp_path / "p.png")])
    wait_settled(qtbot, window)
    return panel


@pytest.fixture(scope="module")
def irv2():
    timm = pytest.importorskip("timm")
    torch.manual_seed(0)
    return timm.create_model("inception_resnet_v2", pretrained=False).eval()  # 55 M parameters: built once


def test_block35_in_both_docks(qtbot, window, tmp_path, irv2) -> None:
    panel = adopt(qtbot, window, tmp_path, irv2, "inception_resnet_v2", 75, "inception_dock")
    show_block(qtbot, window, panel, "repeat.0")
    labels = ["1x1 conv, 32", "1x1 -> 3x3, 32 -> 32", "1x1 -> 3x3 -> 3x3, 32 -> 64"]
    assert shown_titles(panel) == [f"{i + 1}: {label}" for i, label in enumerate(labels)]
    assert [plain(column[1].text()).split(" (")[0] for column in panel.columns[:3]] == [
        "channels 0\u201331 of the concatenation", "channels 32\u201363 of the concatenation",
        "channels 64\u2013127 of the concatenation"]
    info = plain(panel.info.text())
    assert "3 branches concatenated into 128 channels" in info and "Inception-ResNet" in info
    assert "1x1 conv (128 -> 320) of the 3 branches concatenated, \u00d7 0.17" in info
    costs = plain(panel.costs.text() + panel.cost_table.text() + panel.cost_total.text())
    assert "320 input channels" in costs and all(label in costs for label in labels)
    assert "Its branches: " in costs and "without their 1\u00d71 reductions" in costs  # F(x) has a 1x1 conv more
    assert all(column[2].has_image() for column in panel.columns[:3])
    inception_paths = [panel.combo.itemData(i) for i in range(panel.combo.count())]
    assert len(inception_paths) == 43 and inception_paths[:2] == ["mixed_5b", "repeat.0"]

    residual = window.docks["residual_dock"]
    residual.raise_()
    show_block(qtbot, window, residual, "repeat.0")
    titles = shown_titles(residual)
    assert len(titles) == 4 and titles[0].startswith("identity (x itself)")
    assert titles[1].startswith("residual F(x)") and titles[2].startswith("sum x + F(x)")
    assert titles[3].startswith("output (after relu)") and all("320 ch" in t for t in titles)
    assert "Inception-ResNet: F(x) = 1x1 conv (128 -> 320)" in plain(residual.info.text())
    assert len(residual.strength_paths) == 40 and residual.strength_paths[0] == "repeat.0"
    assert all(column[1].has_image() for column in residual.columns[:4])


def test_clicking_a_branch_channel_selects_the_branch(qtbot, window, tmp_path) -> None:
    torch.manual_seed(0)
    panel = adopt(qtbot, window, tmp_path, MiniInceptionResNet(), "mini", 12, "inception_dock")
    session = window.session
    show_block(qtbot, window, panel, "repeat.1")
    # the concatenation is not the block's output (it has 12 channels, the branches 16): the branch's own channel
    panel.columns[2][2].unit_clicked.emit(5, 1, 2)
    assert (session.layer, session.channel, session.unit) == ("repeat.1:branch2", 5, ("repeat.1", 1, 2))
    qtbot.waitUntil(window.is_settled)
    assert panel.view.path == "repeat.1" and panel.message() is None  # the dock stays on the block
    assert [column[2].selected for column in panel.columns[:3]] == [None, None, 5]
    assert torch.equal(session.activation(), session.result.capture["repeat.1:branch2"])
    # the plain Inception block of the same model still selects channels of its output
    show_block(qtbot, window, panel, "mixed")
    panel.columns[1][2].unit_clicked.emit(3, 0, 0)
    assert (session.layer, session.channel) == ("mixed", 7)
