"""The app in Simplified Chinese: every marked text translated, the compiled .qm current, nothing visible left in
English under zh_CN (every dock, every lesson), the language chosen as documented."""

from __future__ import annotations

import argparse

import pytest
import torch
from PySide6.QtCore import QTranslator

from cnnviz import translation
from cnnviz import translation_files as files
from cnnviz.core import i18n
from cnnviz.core.lessons import lessons
from cnnviz.gui.main_window import MainWindow
from tests.gui.helpers import settings_file, wait_settled
from tests.gui.visible_text import english_words, untranslated


@pytest.fixture
def chinese():
    assert translation.install("zh_CN")
    yield
    translation.install("en")


def test_every_marked_text_is_translated():
    assert files.problems(files.source_files()) == []


def test_the_compiled_translations_are_current():
    qm = QTranslator()
    assert qm.load(str(translation.qm_path("zh_CN")))
    stale = []
    for ts in sorted((files.translations_dir() / "zh_CN").glob("*.ts")):
        module = ts.stem
        for source, text in files.read_ts(ts).items():
            if qm.translate(module, source) != text:
                stale.append(f"{module}: {source!r}")
    assert stale == [], "run: python -m cnnviz.translation_files compile"


def test_texts_are_translated_under_zh_cn_and_english_otherwise(chinese):
    tr = i18n.translator("cnnviz.gui.menus")
    assert tr("&File") == "文件(&F)"
    marked = i18n.marker("cnnviz.gui.menus")("&View")
    assert i18n.translator("anywhere.else")(marked) == "视图(&V)"  # a Text is looked up where it was marked
    assert tr("no such text") == "no such text"
    translation.install("en")
    assert tr("&File") == "&File"


@pytest.mark.parametrize(("code", "expected"), [("zh_CN.UTF-8", "zh_CN"), ("zh-cn", "zh_CN"), ("zh_TW", "zh_CN"),
                                                ("zh", "zh_CN"), ("en_GB.UTF-8", "en"), ("C", "en"), ("", None),
                                                ("system", None), ("fr_FR", None), ("x" * 500, None)])
def test_language_codes(code, expected):
    assert translation.normalise(code) == expected


def test_the_language_comes_from_the_flag_then_the_environment_then_the_setting_then_the_system(monkeypatch):
    monkeypatch.delenv(translation.ENV, raising=False)
    for variable in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert translation.choose_language() == "zh_CN"
    assert translation.choose_language(setting="en") == "en"
    monkeypatch.setenv(translation.ENV, "zh_CN")
    assert translation.choose_language(setting="en") == "zh_CN"
    assert translation.choose_language("en", setting="zh_CN") == "en"
    assert translation.choose_language(None, setting=3) == "zh_CN"  # a corrupt setting is ignored
    with pytest.raises(ValueError, match="unknown language 'klingon'; the languages are: en, zh_CN"):
        translation.choose_language("klingon")


def test_a_missing_translation_file_leaves_english(monkeypatch, tmp_path):
    monkeypatch.setattr(translation, "qm_path", lambda language: tmp_path / "missing.qm")
    assert not translation.install("zh_CN")
    assert i18n.current_language() == "en"
    assert i18n.translator("cnnviz.gui.menus")("&File") == "&File"


def test_english_words_sees_english_and_not_names():
    names = {"incep1.branch5x5_2", "conv1"}
    assert english_words("Open images…", names) == ["Open", "images"]
    assert english_words("打开图像(&O)…", names) == []
    assert english_words("incep1.branch5x5_2 · conv1 · 3x3 · ReLU", names) == []
    assert english_words("<b>Grad-CAM</b> of tabby", names) == ["of", "tabby"]


def _layer_names(window) -> set[str]:
    names = set()
    result = window.session.result
    if result is not None:
        names |= {k for key in result.capture.keys() for k in (key, key.rsplit(".", 1)[-1])}
    model = window.session.model
    if model is not None:
        names |= {c.lower() for c in (getattr(model.loaded.info, "class_names", None) or ())}
        names |= {type(m).__name__ for m in model.loaded.module.modules()}  # the block pickers name the model's classes
    names |= set(translation.LANGUAGES.values())  # each language named in its own (View > Language)
    names |= {cls.__name__.lower() for cls in vars(torch.nn).values() if isinstance(cls, type)}
    return names


def test_no_english_is_left_in_any_dock_or_lesson_under_zh_cn(chinese, qtbot, tmp_path):
    window = MainWindow(settings=settings_file(tmp_path))
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    left = []
    try:
        window.session.request_model("mnist_inception", "default")
        window.session.open_paths([files.PACKAGE.parent / "resources" / "samples" / "digit_3.png"])
        wait_settled(qtbot, window)
        for name, dock in window.docks.items():
            dock.show()
            dock.raise_()
            qtbot.waitUntil(window.is_settled, timeout=60000)
            left += untranslated(window, _layer_names(window))
        for name in lessons():
            window.open_lesson(name)
            wait_settled(qtbot, window, timeout=120000)
            left += untranslated(window, _layer_names(window))
    finally:
        window.close()
    assert not left, "still in English under zh_CN:\n" + "\n".join(sorted(set(left)))


def test_view_language_reopens_the_window_in_chinese(qtbot, tmp_path, monkeypatch):
    from cnnviz.gui import app

    monkeypatch.delenv(translation.ENV, raising=False)
    window = MainWindow(settings=settings_file(tmp_path))  # not given to qtbot: the relaunch deletes it
    window.show()
    holder = {"window": window}
    args = argparse.Namespace(images=[], model="mnist_inception", weights="default", device="cpu", trust_code=False,
                              layer=None, dock=None, lesson=None, lang=None)
    app.follow_language(window, args, holder)
    try:
        window.choose_language("zh_CN")  # View > Language > 简体中文
        fresh = holder["window"]
        qtbot.addWidget(fresh)
        assert fresh is not window
        assert [a.text() for a in fresh.menuBar().actions()][0] == "文件(&F)"
        assert fresh.language_choice() == "zh_CN"
        wait_settled(qtbot, fresh)
    finally:
        translation.install("en")
        holder["window"].close()
