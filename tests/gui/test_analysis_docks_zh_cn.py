"""The Attribution, Compare, Statistics and Units docks in Simplified Chinese after real work (a sanity check run,
B chosen, a dataset scanned, units found and a channel maximised): nothing they show is left in English, and
their texts are back in English once English is installed again."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMenuBar

from cnnviz import translation
from cnnviz.core.resources import resources_dir
from cnnviz.gui.main_window import MainWindow
from tests.gui.helpers import settings_file, wait_settled
from tests.gui.visible_text import untranslated

# notation the docks keep in Chinese too: the two sides compared, the areas, the distances and colour maps
NOTATION = {"A", "B", "AUC", "L2", "Spearman", "p", "coolwarm", "InceptionA", "Conv2d", "ReLU", "LayerCAM",
            "mnist_inception", "digits", "shapes", "digit_3.png", "digit_7.png"}


def _left(dock, session) -> list[str]:
    """The dock's visible texts still in English (its menus: none; it is a dock)."""
    names = set(NOTATION)
    if session.result is not None:
        names |= {k for key in session.result.capture.keys() for k in (key, key.rsplit(".", 1)[-1])}
    bar = QMenuBar()
    dock.menuBar = lambda: bar  # visible_text reads a window's menus; a dock has none
    try:
        return [f"{dock.name}: {line}" for line in untranslated(dock, names)]
    finally:
        del dock.menuBar


@pytest.fixture
def chinese_window(qtbot, tmp_path):
    assert translation.install("zh_CN")
    window = MainWindow(settings=settings_file(tmp_path))
    qtbot.addWidget(window)
    window.resize(1500, 950)
    window.show()
    qtbot.waitExposed(window)
    samples = resources_dir() / "samples"
    window.session.request_model("mnist_inception", "default")
    window.session.open_paths([samples / "digit_3.png", samples / "digit_7.png"])
    try:
        wait_settled(qtbot, window)
        yield window
    finally:
        window.close()
        translation.install("en")


def test_the_analysis_docks_speak_chinese_after_real_work(chinese_window, qtbot):
    win, left = chinese_window, []
    att = win.docks["attribution_dock"]
    att.raise_()
    qtbot.waitUntil(lambda: att.shown_image() is not None, timeout=60000)
    assert "Grad-CAM" in att.header.text() and "类别" in att.header.text()
    att.sanity.run_check("curves")
    qtbot.waitUntil(lambda: att.sanity.state() == "idle" and att.sanity.curves is not None, timeout=60000)
    assert "删除 AUC" in att.sanity.curves_verdict.text()
    left += _left(att, win.session)
    att.set_method("saliency")
    qtbot.waitUntil(lambda: att.result is not None and att.result.layer is None, timeout=60000)
    assert att.strip_note.text().startswith("显著性 没有深度条")
    left += _left(att, win.session)

    cmp = win.docks["compare_dock"]
    cmp.raise_()
    cmp.set_b_image(resources_dir() / "samples" / "digit_7.png")
    qtbot.waitUntil(lambda: cmp.result is not None, timeout=60000)
    assert "个通道" in cmp.result.title and "同一色标" in cmp.note.text()
    left += _left(cmp, win.session)

    stats = win.docks["statistics_dock"]
    stats.raise_()
    stats.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: stats.depth is not None, timeout=60000)
    left += _left(stats, win.session)
    stats.tabs.setCurrentIndex(2)
    page = stats.dataset_page
    page.set_source("digits")
    page.limit_spin.setValue(60)
    page.scan()
    qtbot.waitUntil(lambda: not page.scanning() and page.activity is not None, timeout=60000)
    assert "张图像" in page.status.text() and page.channels.count() > 0
    assert all("通道" in page.channels.item(i).text() or "无" in page.channels.item(i).text()
               for i in range(page.channels.count()))
    left += _left(stats, win.session)

    units = win.docks["units_dock"]
    units.raise_()
    units.set_source("digits")
    units.limit_spin.setValue(60)
    units.find()
    qtbot.waitUntil(lambda: not units.busy() and units.found is not None and bool(units.tiles), timeout=60000)
    units.steps_spin.setValue(5)
    units.maximise()
    qtbot.waitUntil(lambda: not units.busy() and units.maximised is not None, timeout=60000)
    assert units.max_line.text().startswith("最大化结果") and units.status.text().startswith("已用 5 步")
    assert units.limit_spin.prefix() == "最多 " and units.limit_spin.suffix() == " 张图像"
    left += _left(units, win.session)
    assert sorted(set(left)) == []


def test_their_texts_are_english_without_a_translator(window):
    att, units = window.docks["attribution_dock"], window.docks["units_dock"]
    assert att.method_combo.itemText(att.method_combo.findData("saliency")) == "Saliency"
    assert units.find_button.text() == "Find" and units.limit_spin.suffix() == " images"
    assert window.docks["statistics_dock"].tabs.tabText(1) == "Along depth"


def test_the_class_pickers_list_the_top_classes_of_a_model_without_names_in_any_language(qtbot):
    import torch

    from cnnviz.gui.panels.class_picker import class_combo, fill_classes

    combo = class_combo("最高类别")
    qtbot.addWidget(combo)
    logits = torch.zeros(1, 10)
    fill_classes(combo, None, (), logits, [("类别 7", 0.5), ("class 2", 0.25)])  # the top list as jobs names them
    assert [combo.itemData(i) for i in (1, 2)] == [7, 2] and combo.itemText(1) == "7: 类别 7 (50%)"
