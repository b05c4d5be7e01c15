"""``cnnviz maximise``: a PNG of the model's input size (or --size), grey for a 1-channel model, the same file for
the same seed; each bad input one line with exit status 2."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from tests.cli.helpers import one_error_line, run_cli

BASE = ("maximise", "--model", "mnist_inception")

NO_CHANNELS_NET = '''
import torch
from torch import nn


class Total(nn.Module):
    def forward(self, x):
        return x.sum()


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3)
        self.total = Total()
        self.fc = nn.Linear(4 * 26 * 26, 10)

    def forward(self, x):
        y = self.conv(x)
        self.total(y)
        return self.fc(y.flatten(1))
'''


@pytest.fixture(autouse=True)
def _one_thread() -> Iterator[None]:
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # small steps: more threads only add contention on a shared machine
    yield
    torch.set_num_threads(threads)


def test_writes_a_grey_png_of_the_input_size(capsys, tmp_path: Path) -> None:
    out = tmp_path / "deep" / "incep1_5.png"
    code, _, err = run_cli(capsys, *BASE, "--layer", "incep1", "--channel", "5", "--steps", "16", "-o", out)
    assert code == 0, err
    with Image.open(out) as image:
        assert image.format == "PNG" and image.mode == "L" and image.size == (28, 28)
        pixels = np.asarray(image)
    assert pixels.std() > 0  # a picture, not a flat field
    assert f"wrote {out} (28x28): incep1 channel 5 reached" in err


def test_size_unit_and_the_seed(capsys, tmp_path: Path) -> None:
    args = (*BASE, "--layer", "conv2", "--channel", "3", "--unit", "2", "3", "--steps", "6", "--size", "40", "36")
    assert run_cli(capsys, *args, "--seed", "2", "-o", tmp_path / "a.png")[0] == 0
    assert run_cli(capsys, *args, "--seed", "2", "-o", tmp_path / "b.png")[0] == 0
    with Image.open(tmp_path / "a.png") as a, Image.open(tmp_path / "b.png") as b:
        assert a.size == (36, 40)
        assert np.array_equal(np.asarray(a), np.asarray(b))


def test_a_class_logit(capsys, tmp_path: Path) -> None:
    code, _, err = run_cli(capsys, *BASE, "--layer", "output", "--channel", "7", "--steps", "4",
                           "-o", tmp_path / "seven.png")
    assert code == 0 and "output channel 7 reached" in err


@pytest.mark.parametrize(("args", "needle"), [
    (("--layer", "incep", "--channel", "1"), "unknown layer 'incep'. Did you mean incep2, incep1"),
    (("--layer", "incep1", "--channel", "88"), "channel 88 is out of range: layer incep1 has channels 0-87"),
    (("--layer", "incep1", "--channel", "1", "--steps", "0"), "--steps must be at least 1, not 0"),
    (("--layer", "incep1", "--channel", "1", "--steps", "-3"), "--steps must be at least 1, not -3"),
    (("--layer", "incep1", "--channel", "1", "--unit", "12", "0"), "unit (12, 0) is out of range"),
    (("--layer", "incep1", "--channel", "1", "--size", "1", "2", "3"), "--size takes N or H W, not 3 numbers"),
    (("--layer", "incep1", "--channel", "1", "--size", "99999"), "the size must be 8-2048"),
    (("--layer", "x" * 5000, "--channel", "1"), "unknown layer"),
])
def test_bad_input_is_one_line(capsys, tmp_path: Path, args: tuple, needle: str) -> None:
    line = one_error_line(capsys, *BASE, *args, "-o", tmp_path / "out.png")
    assert needle in line
    assert not (tmp_path / "out.png").exists()


def test_an_output_that_cannot_be_written(capsys, tmp_path: Path) -> None:
    common = (*BASE, "--layer", "incep1", "--channel", "1", "--steps", "1")
    assert "end the name in .png" in one_error_line(capsys, *common, "-o", tmp_path / "out.txt")
    folder = tmp_path / "folder.png"
    folder.mkdir()
    assert "it is a folder" in one_error_line(capsys, *common, "-o", folder)
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert "cannot write" in one_error_line(capsys, *common, "-o", blocker / "out.png")
    assert "cannot write" in one_error_line(capsys, *common, "-o", tmp_path / ("n" * 300 + ".png"))


def test_a_layer_with_no_channels(capsys, tmp_path: Path) -> None:
    net = tmp_path / "net.py"
    net.write_text(NO_CHANNELS_NET, encoding="utf-8")
    code, _, err = run_cli(capsys, "maximise", "--model", f"{net}:Net", "--trust-code", "--input-size", "1", "28",
                           "28", "--layer", "total", "--channel", "0", "--steps", "2", "-o", tmp_path / "out.png")
    errors = [line for line in err.splitlines() if not line.startswith("cnnviz: note: ")]  # random weights: a note
    assert code == 2 and errors == ["cnnviz: error: layer total has no channels (its output is ()); "
                                    "choose a layer with channels"], err
