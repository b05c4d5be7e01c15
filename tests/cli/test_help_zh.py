"""The command line in Simplified Chinese: every command's --help, argparse's own words and the messages, with the
``cnnviz: error:`` prefix kept; under English exactly as before."""

from __future__ import annotations

import re

import pytest

from cnnviz import translation
from cnnviz.cli import argparse_zh, main
from cnnviz.cli.parser import COMMANDS

CJK = re.compile(r"[\u4e00-\u9fff]")
#: three or more English words in a row, joined by spaces or commas: a sentence left in English
ENGLISH_RUN = re.compile(r"\b[A-Za-z][a-z]+(?:[ ,]+[A-Za-z][a-z]+){2,}\b")


@pytest.fixture
def language(monkeypatch):
    """Run the CLI in a language (CNNVIZ_LANG); English is spoken again afterwards, whatever the test did."""

    def use(code: str) -> None:
        monkeypatch.setenv("CNNVIZ_LANG", code)

    yield use
    translation.install("en")
    argparse_zh.install("en")


def help_of(capsys, *args: str) -> str:
    with pytest.raises(SystemExit) as exit_:
        main([*args, "--help"])
    assert exit_.value.code == 0
    return capsys.readouterr().out


def prose(text: str) -> str:
    """The help without what stays as it is: the usage block, flags, metavars, choices, paths and examples."""
    body = text.split("\n\n", 1)[1]  # after the usage block
    body = re.sub(r"\{[^}]*\}|\[[^\]]*\]|<[^>]*>|'[^']*'", " ", body)
    body = re.sub(r"(?<![\w])-{1,2}[\w-]+", " ", body)  # --flags, -f
    return re.sub(r"\b[\w./:-]*[.:/_][\w./:-]*\b", " ", body)  # file.py:NAME, cnnviz.safetensors, mnist_inception


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_every_help_is_in_chinese(capsys, language, command):
    language("zh_CN")
    text = help_of(capsys, *([command] if command else []))
    assert text.startswith("用法：cnnviz") and "显示此帮助信息并退出" in text and "选项" in text
    left = ENGLISH_RUN.findall(prose(text))
    assert left == [], f"English left in cnnviz {command or ''} --help: {left}"


@pytest.mark.parametrize("command", [None, "train", "summary"])
def test_help_in_english_is_unchanged(capsys, language, command):
    language("zh_CN")
    help_of(capsys, *([command] if command else []))  # Chinese first: English must come back whole
    language("en")
    text = help_of(capsys, *([command] if command else []))
    assert not CJK.search(text)
    assert text.startswith("usage: cnnviz") and "show this help message and exit" in text
    if command is None:
        assert "See inside convolutional neural networks." in text and "positional arguments" in text
    else:
        assert COMMANDS[command] in " ".join(text.split())


def test_lang_flag_chooses_the_language(capsys, language):
    language("en")
    text = help_of(capsys, "--lang", "zh_CN")
    assert "打开 cnnviz 桌面应用。" in text and "窗口的语言" in text


def test_every_command_takes_lang_and_an_unknown_one_is_one_line(capsys, language):
    language("en")
    assert main(["summary", "mnist_inception", "--lang", "zh_CN"]) == 0
    assert "乘加次数" in capsys.readouterr().out
    translation.install("en")
    argparse_zh.install("en")
    assert main(["models", "--lang", "x" * 300]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("cnnviz: error: unknown language 'xxx") and len(err[0]) < 150
    assert "--lang LANG" in help_of(capsys, "capture")


def test_argparse_errors_keep_the_prefix(capsys, language):
    language("zh_CN")
    with pytest.raises(SystemExit) as exit_:
        main(["render", "x.png"])
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert exit_.value.code == 2
    assert last.startswith("cnnviz render: error: 缺少以下必需参数：") and "--model" in last
    with pytest.raises(SystemExit):
        main(["render", "x.png", "-m", "mnist_inception", "-o", "a.png", "--view", "nope"])
    assert "无效的选择：'nope'" in capsys.readouterr().err


def test_cnnviz_errors_keep_the_prefix(capsys, language, tmp_path):
    language("zh_CN")
    code = main(["maximise", "-m", "mnist_inception", "-l", "conv1", "-c", "0", "-o", str(tmp_path / "x.jpg")])
    lines = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and lines == [f"cnnviz: error: 无法写入 {tmp_path / 'x.jpg'}：文件名请以 .png 结尾"]


def test_summary_table_in_chinese(capsys, language):
    language("zh_CN")
    assert main(["summary", "mnist_residual"]) == 0
    out = capsys.readouterr().out
    header = next(line for line in out.splitlines() if line.startswith("层"))
    row = next(line for line in out.splitlines() if line.startswith("conv1 "))
    # the columns line up on a terminal: the header's "参数量" ends where the row's parameter count ends
    end = argparse_zh.display_width(header.split("乘加次数")[0].rstrip())
    assert row[end - 1].isdigit() and row[end] == " " and row[end - 12:end].strip() == "416"
    assert "总计：" in out and "个参数" in out


@pytest.mark.parametrize("width", [10, 24, 55])
def test_chinese_help_wraps_by_terminal_width(width):
    text = ("内置模型名（见 'cnnviz models'）、timm/NAME[.TAG]、FILE.py:NAME 或 package.module:NAME（你自己的代码，"
            "需加 --trust-code），或一个模型文件")
    lines = argparse_zh.wrap_wide(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        marks = len(line) - len(line.rstrip("，。、）"))
        hanging = marks and argparse_zh.display_width(line[:-marks]) <= width  # marks after a word hang
        assert argparse_zh.display_width(line) <= width or hanging or " " not in line and not CJK.search(line)
        assert not line.endswith("（") and not line.startswith(("，", "）", "、"))
