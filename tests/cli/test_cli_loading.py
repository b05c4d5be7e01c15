"""The command line on models, weights and images that are odd, broken or hostile: one line each,
notes on stderr, TorchScript summaries, and --transform-input on every command that takes a model."""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path

import pytest
import torch
import torchvision
from safetensors.torch import save_file

from cnnviz.cli import main
from cnnviz.cli.parser import build_gui_parser, build_parser
from cnnviz.core.inputs.images import sample_images
from cnnviz.core.models.course_nets import MnistResidual
from tests.cli.helpers import one_error_line, run_cli

DIGIT = next(p for p in sample_images() if p.stem.startswith("digit"))
LONG = "y" * 300


@pytest.fixture(scope="module")
def scripted(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ts") / "net.pt"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # torch.jit.* are deprecated in this torch
        torch.jit.save(torch.jit.trace(MnistResidual().eval(), torch.zeros(1, 1, 28, 28)), str(path))
    return path


# --------------------------------------------------------------------------- TorchScript summary

def test_torchscript_summary_json_gives_tree_params_and_shapes(capsys, scripted):
    code, out, err = run_cli(capsys, "summary", str(scripted), "--trust-code", "--input-size", "1", "28", "28",
                             "--json")
    assert code == 0, err
    data = json.loads(out)
    assert list(data)[:5] == ["model", "input_shape", "total_params", "total_macs", "layers"]
    assert data["input_shape"] == [1, 28, 28] and data["output_shape"] == [10]
    assert data["total_params"] == sum(p.numel() for p in MnistResidual().parameters())
    assert data["total_macs"] is None and data["blocks"] == [] and data["notes"] == []
    layers = {layer["name"]: layer for layer in data["layers"]}
    assert layers["conv1"] == {"name": "conv1", "type": "Conv2d", "input_shape": None, "output_shape": None,
                               "params": 416, "macs": None, "receptive_field": None}
    assert layers["res1"]["type"] == "ResidualBlock" and layers["res1"]["params"] == 2 * 2320


def test_torchscript_summary_text_and_its_errors(capsys, scripted):
    code, out, err = run_cli(capsys, "summary", str(scripted), "--trust-code", "--input-size", "1", "28", "28")
    assert code == 0, err
    assert "TorchScript: input (1, 28, 28) -> output (10,)" in out and "res1.conv2" in out
    code, out, err = run_cli(capsys, "summary", str(scripted), "--trust-code")  # the input guessed, said in a note
    assert code == 0 and "TorchScript: input (1, 28, 28)" in out and "input guessed: 1x28x28" in out, err
    assert "--input-size C H W" in one_error_line(capsys, "summary", str(scripted), "--trust-code",
                                                  "--input-size", "3", "224", "224")
    assert "does not apply" in one_error_line(capsys, "summary", str(scripted), "--trust-code", "--weights", "none")
    assert "outside 1..4096" in one_error_line(capsys, "summary", str(scripted), "--trust-code",
                                         "--input-size", "1", "60000", "60000")
    assert "--trust-code" in one_error_line(capsys, "summary", str(scripted))


@pytest.mark.parametrize("command", [["capture", "-o", "x.safetensors"], ["render", "-o", "x.png"]])
def test_torchscript_model_refusing_the_input_is_one_line(capsys, scripted, tmp_path, command):
    # A TorchScript model does not describe its input: this one takes 1x28x28, and a forward failing on
    # the input it is given used to end the command in a traceback. Given 3x224x224 it is one line;
    # given nothing, its first convolution's channel count guesses 1x28x28, which it takes.
    name, *rest = command
    out = str(tmp_path / rest[-1])
    line = one_error_line(capsys, name, str(DIGIT), "--model", str(scripted), "--trust-code", *rest[:-1], out,
                          "--input-size", "3", "224", "224")
    assert "fails on a 1x3x224x224 input" in line and "expected input" in line
    assert not os.path.exists(out)
    code, _, err = run_cli(capsys, name, str(DIGIT), "--model", str(scripted), "--trust-code", *rest[:-1], out)
    assert code == 0, err
    assert "input guessed: 1x28x28 grey" in err and os.path.exists(out)


def test_summary_help_explains_input_size_and_trust_code(capsys):
    with pytest.raises(SystemExit):
        main(["summary", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--input-size C H W the input to summarise" in text
    assert "--trust-code allow running the model's code" in text and "TorchScript" in text


# --------------------------------------------------------------------------- notes and --transform-input

@pytest.mark.parametrize("command", ["capture", "render", "gui", "train"])
def test_every_model_command_takes_transform_input(command):
    base = {"gui": [], "train": ["train", "--model", "googlenet", "--dataset", "digits"]}.get(
        command, [command, "img.png", "--model", "googlenet", "-o", "out"])
    parser = build_gui_parser() if command == "gui" else build_parser(command)
    assert parser.parse_args(base + ["--transform-input", "off"]).transform_input == "off"
    assert parser.parse_args(base).transform_input is None
    assert build_parser("summary").parse_args(["summary", "googlenet", "--transform-input", "on"]).transform_input == "on"


def test_summary_says_what_it_assumed_for_a_googlenet_file(capsys, tmp_path):
    net = torchvision.models.GoogLeNet(aux_logits=False, init_weights=False, transform_input=False)
    torch.save(net.state_dict(), tmp_path / "scratch.pth")
    code, out, err = run_cli(capsys, "summary", "googlenet", "--weights", str(tmp_path / "scratch.pth"), "--json")
    assert code == 0, err
    (note,) = json.loads(out)["notes"]
    assert "transform_input on" in note and "--transform-input off" in note
    code, out, err = run_cli(capsys, "summary", "googlenet", "--weights", str(tmp_path / "scratch.pth"))
    assert code == 0 and out.startswith(f"note: {note}\ngooglenet"), out[:300]
    code, out, err = run_cli(capsys, "summary", "googlenet", "--weights", str(tmp_path / "scratch.pth"),
                             "--transform-input", "off")
    assert code == 0 and "note" not in err + out and out.startswith("googlenet")


def test_capture_prints_non_finite_weights_as_a_note(capsys, tmp_path):
    state = MnistResidual().state_dict()
    state["conv1.weight"].fill_(float("nan"))
    save_file({k: v.contiguous() for k, v in state.items()}, str(tmp_path / "nan.safetensors"))
    code, _, err = run_cli(capsys, "capture", str(DIGIT), "--model", "mnist_residual",
                           "--weights", str(tmp_path / "nan.safetensors"), "-o", str(tmp_path / "c.safetensors"))
    assert code == 0, err
    notes = [line for line in err.splitlines() if line.startswith("cnnviz: note: ")]
    assert len(notes) == 1 and "400 of" in notes[0] and "conv1.weight" in notes[0]


# --------------------------------------------------------------------------- one line for every odd path

def _capture(image: str, model: str = "mnist_residual", weights: str = "none", out: str = "unused.safetensors"):
    return ["capture", image, "--model", model, "--weights", weights, "-o", out]


def test_odd_paths_give_one_line(capsys, tmp_path):
    (tmp_path / "loop1.png").symlink_to(tmp_path / "loop2.png")
    (tmp_path / "loop2.png").symlink_to(tmp_path / "loop1.png")
    out = str(tmp_path / "o.safetensors")
    cases = [
        (_capture(str(tmp_path / f"{LONG}.png"), out=out), "too long"),
        (_capture(str(DIGIT), model=str(tmp_path / f"{LONG}.safetensors"), out=out), "too long"),
        (_capture(str(DIGIT), weights=str(tmp_path / f"{LONG}.pth"), out=out), "too long"),
        (_capture(str(tmp_path / "loop1.png"), out=out), "symbolic link loop"),
        (_capture(str(DIGIT), model="", out=out), "empty model name"),
        (_capture(str(DIGIT), model="/dev/zero", out=out), "not a regular file (a character device)"),
        (["summary", str(tmp_path / "loop1.png")], "symbolic link loop"),
        (["summary", LONG], "too long"),
    ]
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.pt")
        cases.append((["summary", str(tmp_path / "pipe.pt")], "not a regular file (a FIFO)"))
        cases.append((_capture(str(tmp_path / "pipe.pt"), out=out), "not a regular file (a FIFO)"))
    for argv, needle in cases:
        line = one_error_line(capsys, *argv)
        assert needle in line and LONG not in line, (argv[:4], line)


def test_the_apps_arguments_give_one_line_for_odd_paths(tmp_path):
    pytest.importorskip("PySide6")
    import argparse

    from cnnviz.gui.app import startup_problems

    (tmp_path / "l1.png").symlink_to(tmp_path / "l2.png")
    (tmp_path / "l2.png").symlink_to(tmp_path / "l1.png")
    images = [str(tmp_path / f"{LONG}.png"), str(tmp_path / "l1.png"), str(tmp_path / "none.png")]
    args = argparse.Namespace(model=str(tmp_path / f"{LONG}.pt"), device="cpu", images=images)
    problems = startup_problems(args)  # the too-long model path is left to load_model, which says it
    assert [p.split(": ", 1)[1][:22] for p in problems] == ["has a name too long fo", "is a symbolic link loo",
                                                            "no such file"]
