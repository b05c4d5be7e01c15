"""Writing outputs from the command line: names at the file system's limits, modes, and a last line after a bar.

A finished run must never be lost for its file name: ``train --out``, ``capture -o`` and ``render -o``
check the name that will really be written (and its temporary name) before the work.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
import torch

from cnnviz import cli
from cnnviz.cli.train import EpochBar
from cnnviz.core.atomic import atomic_write, check_writable
from cnnviz.core.errors import CnnvizError
from cnnviz.core.inputs.images import sample_images
from cnnviz.core.models.download import cli_progress_bar
from cnnviz.core.training.loop import Progress

DIGIT = next(p for p in sample_images() if p.stem == "digit_3")
NAME_MAX = 255


@pytest.fixture(autouse=True)
def _one_thread_and_umask() -> Iterator[None]:
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    umask = os.umask(0o002)  # not the usual 022: the modes below must follow the umask, not a fixed 0644
    yield
    os.umask(umask)
    torch.set_num_threads(threads)


def _name(length: int, suffix: str) -> str:
    return "n" * (length - len(suffix)) + suffix


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _one_error_line(err: str, needle: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cnnviz: error: ") and needle in lines[0], err


# --------------------------------------------------------------------------- core

def test_atomic_write_takes_a_name_of_the_largest_legal_length(tmp_path: Path) -> None:
    path = tmp_path / _name(NAME_MAX, ".bin")
    temps: list[str] = []

    def write(tmp: Path) -> None:
        temps.append(tmp.name)
        tmp.write_bytes(b"data")

    assert check_writable(path) == path and not path.exists()
    atomic_write(path, write, "")
    assert path.read_bytes() == b"data" and len(temps[0]) <= NAME_MAX and temps[0].endswith(".part")
    assert sorted(tmp_path.iterdir()) == [path]
    assert _mode(path) == 0o664


@pytest.mark.parametrize("parts", [(_name(NAME_MAX + 1, ".bin"),), (_name(300, ""), "x.bin")])
def test_a_name_over_the_limit_is_refused_in_one_line_before_any_work(tmp_path: Path, parts: tuple[str, ...]) -> None:
    path = tmp_path.joinpath(*parts)
    with pytest.raises(CnnvizError, match=r"bytes long; this file system takes at most 255") as info:
        check_writable(path, "the checkpoint ")
    message = str(info.value)
    assert "\n" not in message and ("its name is 256 bytes" in message if len(parts) == 1 else
                                    "the folder name nnnnnnnnnnnnnnnnnnnnnnnn...(300 characters)" in message)
    assert list(tmp_path.iterdir()) == []


def test_check_writable_refuses_a_folder_and_an_unwritable_place(tmp_path: Path) -> None:
    with pytest.raises(CnnvizError, match="it is a folder"):
        check_writable(tmp_path)
    (tmp_path / "file").write_text("a file")
    with pytest.raises(CnnvizError, match="cannot write"):
        check_writable(tmp_path / "file" / "x.png")


# --------------------------------------------------------------------------- commands

def _train(tmp_path: Path, out: str) -> int:
    return cli.main(["train", "--model", "mnist_residual", "--dataset", "digits", "--epochs", "1", "--batch-size",
                     "256", "--device", "cpu", "--out", str(tmp_path / out)])


def test_train_writes_a_checkpoint_whose_name_has_the_largest_legal_length(tmp_path: Path, capsys) -> None:
    out = _name(NAME_MAX, ".safetensors")
    assert _train(tmp_path, out) == 0, capsys.readouterr().err
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == sorted([out, out.removesuffix(".safetensors") + ".json"])
    assert {_mode(p) for p in tmp_path.iterdir()} == {0o664}  # not mkstemp's 0600, not a fixed 0644


@pytest.mark.parametrize("out", [_name(NAME_MAX + 1, ".safetensors"), _name(300, "") + "/run.safetensors"])
def test_train_refuses_a_name_over_the_limit_before_training(tmp_path: Path, capsys, out: str) -> None:
    assert _train(tmp_path, out) == 2
    err = capsys.readouterr().err
    _one_error_line(err, "bytes long; this file system takes at most 255")
    assert "training mnist_residual" not in err and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("command", "suffix"), [("capture", ".safetensors"), ("render", ".png")])
def test_capture_and_render_write_the_largest_legal_name_and_refuse_a_longer_one(
        tmp_path: Path, capsys, command: str, suffix: str) -> None:
    longest = tmp_path / _name(NAME_MAX, suffix)
    argv = [command, str(DIGIT), "--model", "mnist_inception", "--weights", "none", "--device", "cpu", "-o"]
    assert cli.main([*argv, str(longest)]) == 0, capsys.readouterr().err
    assert sorted(tmp_path.iterdir()) == [longest] and _mode(longest) == 0o664
    capsys.readouterr()
    assert cli.main([*argv, str(tmp_path / _name(NAME_MAX + 1, suffix))]) == 2
    _one_error_line(capsys.readouterr().err, "its name is 256 bytes long")
    assert sorted(tmp_path.iterdir()) == [longest]


def test_render_refuses_an_unknown_image_type_before_the_work(tmp_path: Path, capsys,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("cnnviz.cli.render.load_for", lambda args: pytest.fail("the model was loaded"))
    assert cli.main(["render", str(DIGIT), "--model", "mnist_inception", "-o", str(tmp_path / "out.xyz")]) == 2
    _one_error_line(capsys.readouterr().err, "'.xyz' is not an image type")


# --------------------------------------------------------------------------- a last line after a progress bar

def _run_with(handler, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(cli, "command_module", lambda name: SimpleNamespace(run=handler))
    return cli.run_command(argparse.Namespace(command="models", debug=False))


def test_interrupted_starts_a_new_line_after_an_open_progress_bar(capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    def downloading(args) -> int:
        draw = cli_progress_bar("downloading weights")
        draw(10, 100)  # the bar's line is open
        raise KeyboardInterrupt

    assert _run_with(downloading, monkeypatch) == 130
    err = capsys.readouterr().err
    assert err.endswith("\ncnnviz: interrupted\n") and "%\ncnnviz: interrupted" in err
    assert err.startswith("\rdownloading weights")


def test_interrupted_during_an_epoch_bar_and_an_error_after_one(capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    step = Progress("step", 3, 1, 2, 10, loss=1.0, accuracy=0.5)

    def training(args) -> int:
        EpochBar()(step)
        raise KeyboardInterrupt

    def failing(args) -> int:
        EpochBar()(step)
        raise CnnvizError("cannot go on")

    assert _run_with(training, monkeypatch) == 130
    err = capsys.readouterr().err
    assert err.startswith("\repoch 1/2 [") and err.endswith(" acc 50.00%\ncnnviz: interrupted\n")
    assert _run_with(failing, monkeypatch) == 2
    assert capsys.readouterr().err.endswith("%\ncnnviz: error: cannot go on\n")


def test_no_empty_line_when_the_last_line_was_ended(capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    def noted(args) -> int:
        print("a note", file=sys.stderr)
        raise KeyboardInterrupt

    assert _run_with(noted, monkeypatch) == 130
    assert capsys.readouterr().err == "a note\ncnnviz: interrupted\n"
    assert type(sys.stderr).__name__ != "_Watched"  # the wrapper is gone after the command
