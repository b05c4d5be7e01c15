"""The model dock: pickers drive the session, the layer tree filters and follows the selection."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog
from safetensors.torch import save_file

from cnnviz.core.models import zoo
from cnnviz.gui.panels.layer_tree import PATH_ROLE
from tests.gui.helpers import open_mnist


def visible_paths(tree) -> list[str]:
    proxy, out = tree.proxy, []

    def walk(parent) -> None:
        for row in range(proxy.rowCount(parent)):
            index = proxy.index(row, 0, parent)
            out.append(index.data(PATH_ROLE))
            walk(index)

    walk(tree.view.rootIndex())
    return out


def test_tree_has_summary_columns_and_filter(qtbot, window, images) -> None:
    open_mnist(qtbot, window, images[0])
    tree = window.docks["model_dock"].tree
    assert visible_paths(tree)[:3] == ["conv1", "pool1", "relu1"]
    row = [tree.proxy.index(0, c).data() for c in range(5)]
    assert row == ["conv1", "Conv2d", "10\u00d724\u00d724", "260", "144.0k"]
    tree.filter.setText("branch3x3.1")
    assert visible_paths(tree) == ["incep1", "incep1.branch3x3", "incep1.branch3x3.1",
                                   "incep2", "incep2.branch3x3", "incep2.branch3x3.1"]
    tree.filter.setText("avgpool")
    assert [p for p in visible_paths(tree) if p.endswith(".0")] == ["incep1.branch_pool.0", "incep2.branch_pool.0"]
    tree.filter.clear()
    assert len(visible_paths(tree)) == len(tree.paths())


def test_selecting_a_layer_elsewhere_moves_the_tree(qtbot, window, images) -> None:
    open_mnist(qtbot, window, images[0])
    window.session.select_layer("incep2.branch5x5")
    assert window.docks["model_dock"].tree.current_path() == "incep2.branch5x5"


def test_model_combo_switches_model(qtbot, window, images) -> None:
    open_mnist(qtbot, window, images[0])
    panel = window.docks["model_dock"]
    index = panel.model_combo.findText("mnist_residual")
    panel.model_combo.activated.emit(index)
    assert window.session.model_request.name == "mnist_residual"
    qtbot.waitUntil(lambda: window.session.model.loaded.name == "mnist_residual", timeout=20000)
    names = [panel.model_combo.itemText(i) for i in range(panel.model_combo.count())]
    assert names[:len(zoo.COURSE_MODELS)] == list(zoo.COURSE_MODELS) and "resnet18" in names


def test_weights_from_a_file(qtbot, window, images, tmp_path: Path, monkeypatch) -> None:
    open_mnist(qtbot, window, images[0])
    weights = tmp_path / "mine.safetensors"
    save_file(zoo.build_model("mnist_inception").state_dict(), str(weights))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(weights), ""))
    combo = window.docks["model_dock"].weights_combo
    combo.activated.emit(combo.findData("@file"))
    qtbot.waitUntil(lambda: window.session.model.request.weights == str(weights), timeout=20000)
    assert combo.currentText() == "mine.safetensors"
    assert "none (random init)" in [combo.itemText(i) for i in range(combo.count())]


def test_filtering_never_changes_the_selected_layer(qtbot, window, images) -> None:
    open_mnist(qtbot, window, images[0])
    tree, session = window.docks["model_dock"].tree, window.session
    session.select_layer("incep1.branch5x5")
    tree.filter.setText("pool")  # hides the selected row
    assert session.layer == "incep1.branch5x5" and tree.current_path() is None
    assert not tree.view.selectionModel().hasSelection()
    tree.filter.setText("branch5x5")
    assert tree.current_path() == "incep1.branch5x5"
    tree.filter.clear()
    assert session.layer == "incep1.branch5x5" and tree.current_path() == "incep1.branch5x5"
    session.select_layer("fc")
    tree.filter.setText("conv")
    assert session.layer == "fc" and tree.current_path() is None


def test_the_open_model_dialog_offers_only_formats_that_load() -> None:
    # torch.export programs (.pt2) and the user's code (.py) load now (issue 11)
    from cnnviz.gui.panels.model_tree import MODEL_FILES

    offered = MODEL_FILES.split(";;")[0]
    assert "*.pt2" in offered and "*.py " in offered and "*.safetensors" in offered and "*.pt " in offered
