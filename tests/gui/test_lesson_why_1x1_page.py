"""The why-1x1 page in the window: every number it shows equals the core's direct computation, the slider
recomputes (newest width wins), and it paints in English and in Chinese."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from cnnviz import translation
from cnnviz.core.lessons.inception_costs import paper_block_cost, torchvision_block, torchvision_block_cost
from cnnviz.core.lessons.why_1x1 import ReductionLab
from cnnviz.gui.lessons.why_1x1 import KIND
from cnnviz.gui.main_window import MainWindow
from tests.gui.helpers import settings_file, wait_settled

TIMEOUT_MS = 120000


def open_page(qtbot, tmp_path: Path):
    win = MainWindow(settings=settings_file(tmp_path))
    qtbot.addWidget(win)
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    page = win.open_lesson("why-1x1")
    qtbot.waitUntil(lambda: page.view is not None, timeout=TIMEOUT_MS)
    wait_settled(qtbot, win, timeout=TIMEOUT_MS)
    return win, page


def shown_width(page) -> int | None:
    return None if page.view is None or page.view.reduction is None else page.view.reduction.width


def test_every_number_is_the_cores_and_the_slider_recomputes(qtbot, tmp_path):
    win, page = open_page(qtbot, tmp_path)
    try:
        numbers = page.numbers()
        assert (numbers["course_direct_macs"], numbers["course_reduced_macs"]) == (120_422_400, 12_443_648)
        assert (numbers["course_direct_weights"], numbers["course_reduced_weights"]) == (819_200, 50_688)
        assert numbers["course_macs_ratio"] == pytest.approx(120_422_400 / 12_443_648)
        lab = ReductionLab(win.session.result.capture["input"])
        for width in (16, 4):
            if width != page.width():
                page.set_width(width)
                qtbot.waitUntil(lambda: shown_width(page) == width and page.is_settled(), timeout=TIMEOUT_MS)
                wait_settled(qtbot, win, timeout=TIMEOUT_MS)
                numbers = page.numbers()
            core = lab.at(width)
            assert numbers["width"] == numbers["shown_width"] == width
            assert numbers["branch_macs"] == 28 * 28 * (192 * width + width * 32 * 25) == core.branch_macs
            assert numbers["branch_weights"] == 192 * width + width * 32 * 25 == core.branch_weights
            assert numbers["direct_macs"] == 120_422_400
            assert numbers["change"] == pytest.approx(core.change, rel=1e-5)
            assert numbers["kept"] == pytest.approx(core.kept, rel=1e-6)
            paper = paper_block_cost(width)
            assert (numbers["block_macs"], numbers["block_weights"]) == (paper.macs, paper.weights)
            assert numbers["paper:branch3:1:kernel"] == 5
        assert f"{lab.at(4).branch_macs:,}" in page.branch_label.text()
        tv = torchvision_block_cost()
        assert numbers["torchvision:branch3:1:kernel"] == 3
        real = torchvision_block("cpu")
        assert numbers["torchvision:branch3:1:in"] == real.branch3[1].conv.in_channels
        assert numbers["torchvision:branch3:1:out"] == real.branch3[1].conv.out_channels
        assert (numbers["course_macs:in"], numbers["course_macs:out"], numbers["course_macs:kernel"]) == (192, 32, 5)
        assert numbers["torchvision:macs"] == tv.macs and numbers["torchvision:branch3:macs"] == tv.branch("branch3").macs
        assert "3×3 conv 16→32" in page.table_label.text()
        same = paper_block_cost(16)  # torchvision's branch3 reduces to 16 too
        assert numbers["paper_as_torchvision:branch3:macs"] == same.branch("branch3").macs == 12_443_648
        assert "6,021,120 multiply-adds where the paper&#x27;s needs 12,443,648" in page.table_label.text()
        assert all(picture.has_image() for picture in page.maps)
    finally:
        win.close()


def test_a_dragged_slider_runs_few_jobs_and_shows_the_last_width(qtbot, tmp_path):
    win, page = open_page(qtbot, tmp_path)
    try:
        runs = win.session.workers.render.runs[KIND]
        for width in range(20, 60):
            page.set_width(width)
        qtbot.waitUntil(lambda: shown_width(page) == 59 and page.is_settled(), timeout=TIMEOUT_MS)
        assert win.session.workers.render.runs[KIND] - runs < 10
        page.set_width(500)  # beyond the range: clamped, as a slider does
        qtbot.waitUntil(lambda: shown_width(page) == 192 and page.is_settled(), timeout=TIMEOUT_MS)
        assert page.numbers()["change"] < 1e-4  # all 192 directions: the unreduced 5x5 itself
    finally:
        win.close()


def test_the_page_speaks_chinese(qtbot, tmp_path):
    assert translation.install("zh_CN")
    try:
        win, page = open_page(qtbot, tmp_path)
        try:
            assert "乘加" in page.branch_label.text()
            assert "分支" in page.table_label.text()
            assert all(np.isfinite(v) for v in page.numbers().values())
        finally:
            win.close()
    finally:
        translation.install("en")


def test_closing_the_lesson_while_its_width_is_computed_is_quiet(qtbot, tmp_path):
    win, page = open_page(qtbot, tmp_path)
    try:
        errors = []
        win.session.error.connect(errors.append)
        page.set_width(150)
        page.refresh()  # asked now, not after the pause
        win.docks["lesson_dock"].close_lesson()
        qtbot.waitUntil(win.session.is_idle, timeout=TIMEOUT_MS)
        other = win.open_lesson("conv-kinds")
        qtbot.waitUntil(lambda: other.view is not None and other.is_settled(), timeout=TIMEOUT_MS)
        assert not errors
    finally:
        win.close()
