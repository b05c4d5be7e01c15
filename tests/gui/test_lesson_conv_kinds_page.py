"""The conv-kinds page in the window: every number it shows equals a direct computation from the model's modules,
its pictures are drawn, a model without a fitting convolution is one line, and it paints in Chinese."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from cnnviz import translation
from cnnviz.core.inputs.images import sample_images
from cnnviz.core.lessons.conv_kinds import KINDS, conv_kinds, kind_modules, layer_input
from cnnviz.gui.main_window import MainWindow
from tests.gui.helpers import settings_file, wait_settled

TIMEOUT_MS = 120000


def open_page(qtbot, tmp_path: Path):
    win = MainWindow(settings=settings_file(tmp_path))
    qtbot.addWidget(win)
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    page = win.open_lesson("conv-kinds")
    qtbot.waitUntil(lambda: page.view is not None, timeout=TIMEOUT_MS)
    wait_settled(qtbot, win, timeout=TIMEOUT_MS)
    return win, page


def test_every_number_is_computed_from_the_models_modules(qtbot, tmp_path):
    win, page = open_page(qtbot, tmp_path)
    try:
        numbers = page.numbers()
        model = win.session.model
        got = layer_input(model.loaded.module, win.session.result.capture["input"], "res1.conv1", lock=model.lock)
        assert (numbers["input_c"], numbers["input_h"], numbers["input_w"]) == tuple(got.x.shape[1:]) == (16, 12, 12)
        modules = kind_modules(got.weight, got.bias)
        for kind in KINDS:
            module = modules[kind]
            assert numbers[f"{kind}:params"] == sum(p.numel() for p in module.parameters())
            with FlopCounterMode(display=False) as counter:
                y = module(got.x)
            assert numbers[f"{kind}:macs"] == counter.get_total_flops() // 2
            convs = [m for m in module.modules() if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d))]
            for i, conv in enumerate(convs):
                assert (numbers[f"{kind}:{i}:in"], numbers[f"{kind}:{i}:out"]) == (conv.in_channels, conv.out_channels)
                assert (numbers[f"{kind}:{i}:kernel"], numbers[f"{kind}:{i}:groups"]) == (conv.kernel_size[0], conv.groups)
                assert (numbers[f"{kind}:{i}:dilation"], numbers[f"{kind}:{i}:stride"]) == (conv.dilation[0], conv.stride[0])
            assert (numbers[f"{kind}:output_c"], numbers[f"{kind}:output_h"], numbers[f"{kind}:output_w"]) == \
                tuple(y.shape[1:])
        assert numbers["standard:field_h"] == 3 and numbers["dilated:field_h"] == (3 - 1) * 2 + 1
        assert numbers["transposed:field_h"] == 2 and numbers["transposed:field_stride"] == 0.5
        assert numbers["standard:image_field_h"] == 10  # relu1 sees 6 pixels, 2 apart: 6 + 2 * 2
        core = conv_kinds(got.x, got.weight, got.bias, input_field=got.field)
        for k in core.kinds:
            if k.change is not None and k.kind != "standard":
                assert numbers[f"{k.kind}:change"] == pytest.approx(k.change, rel=1e-5)
                assert f"{100 * k.change:.0f} %" in page.titles[k.kind].text()
        assert f"{numbers['depthwise-separable:macs']:,}" in page.table_label.text()
        assert all(p.has_image() for pictures in page.filters.values() for p in pictures)
        assert all(m.has_image() for m in page.outputs.values()) and page.input_maps.has_image()
        assert "24×24" in page.transposed_note.text()
    finally:
        win.close()


def test_other_models_lend_their_first_fitting_convolution(qtbot, tmp_path):
    win, page = open_page(qtbot, tmp_path)
    try:
        errors = []
        win.session.error.connect(errors.append)
        win.session.request_model("alexnet_small", "none")  # its 3x3s go 128->192, 192->192: 192 fits
        qtbot.waitUntil(lambda: win.session.model.request.name == "alexnet_small" and page.view is not None
                        and page.view.key == page._wanted and page.is_settled(), timeout=TIMEOUT_MS)
        assert page.view.kinds.layer == "features.8" and page.numbers()["input_c"] == 192
        win.session.request_model("mnist_inception", "none")  # 24 -> 24 inside incep1's 3x3 branch
        qtbot.waitUntil(lambda: win.session.model.request.name == "mnist_inception" and page.view is not None
                        and page.view.key == page._wanted and page.is_settled(), timeout=TIMEOUT_MS)
        assert page.view.kinds.layer == "incep1.branch3x3.2" and not errors
    finally:
        win.close()


def test_a_model_without_a_fitting_convolution_is_one_line(qtbot, tmp_path, monkeypatch):
    win, page = open_page(qtbot, tmp_path)
    try:
        errors = []
        win.session.error.connect(errors.append)
        monkeypatch.setattr("cnnviz.gui.lessons.conv_kinds_view.template_layer", lambda module: None)
        win.session.open_paths([next(p for p in sample_images() if p.name == "digit_3.png")])
        qtbot.waitUntil(lambda: bool(page.view.error) and page.is_settled(), timeout=TIMEOUT_MS)
        assert len(errors) == 1 and "no 3×3 convolution with as many outputs as inputs" in errors[0]
        assert "\n" not in errors[0] and page.error_label.isVisible() and page.numbers() == {}
    finally:
        win.close()


def test_the_page_speaks_chinese(qtbot, tmp_path):
    assert translation.install("zh_CN")
    try:
        win, page = open_page(qtbot, tmp_path)
        try:
            assert "参数" in page.table_label.text() and "感受野" in page.table_label.text()
            assert "转置卷积" in page.transposed_note.text()
            assert all(np.isfinite(v) for v in page.numbers().values())
        finally:
            win.close()
    finally:
        translation.install("en")
