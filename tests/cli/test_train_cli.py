"""``cnnviz train`` end to end on tiny runs, its errors, and the bundled weights it produced."""

from __future__ import annotations

import argparse
import json
import re
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest
import torch
from PIL import Image

from cnnviz import cli
from cnnviz.core.inputs.images import load_image
from cnnviz.core.models.loader import load_model
from cnnviz.core.resources import resources_dir
from cnnviz.core.models.weights import read_checkpoint_metadata
from cnnviz.cli.train import add_arguments as add_train_arguments


@pytest.fixture(autouse=True)
def _wired(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """One torch thread for the tiny runs."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # tiny runs: threads only add contention on a busy machine
    yield
    torch.set_num_threads(threads)


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="cnnviz train")
    add_train_arguments(parser)
    args = parser.parse_args(argv)
    args.command, args.debug = "train", False
    return cli.run_command(args)


def test_train_on_digits_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "runs" / "residual.safetensors"
    code = _run(["--model", "mnist_residual", "--dataset", "digits", "--epochs", "1", "--batch-size", "128",
                 "--device", "cpu", "--out", str(out)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    accuracy = float(re.search(r"validation accuracy ([\d.]+)%", captured.out).group(1)) / 100
    assert 0.3 < accuracy <= 1.0
    assert "epoch 1/1 [" in captured.err and "val loss" in captured.err
    history = json.loads(out.with_suffix(".json").read_text())["history"]
    assert history[-1]["val_accuracy"] == pytest.approx(accuracy, abs=5e-5)
    loaded = load_model(out)
    assert loaded.info.name == "mnist_residual" and loaded.info.class_names == tuple("0123456789")
    assert read_checkpoint_metadata(out)["cnnviz.dataset"] == "digits"


def test_train_on_a_folder_replaces_the_classifier_of_loaded_weights(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    start = tmp_path / "start.safetensors"
    assert _run(["--model", "mnist_inception", "--dataset", "digits", "--epochs", "1", "--batch-size", "256",
                 "--device", "cpu", "--out", str(start)]) == 0
    for name, value in (("dark", 30), ("light", 220)):
        for i in range(6):
            (tmp_path / "data" / name).mkdir(parents=True, exist_ok=True)
            Image.new("L", (20 + i, 20), value).save(tmp_path / "data" / name / f"{i}.png")
    out = tmp_path / "two.safetensors"
    code = _run(["--model", str(start), "--weights", "default", "--dataset", str(tmp_path / "data"),
                 "--epochs", "2", "--batch-size", "4", "--device", "cpu", "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    assert "replaced the classifier" in capsys.readouterr().err
    assert load_model(out).info.class_names == ("dark", "light")


@pytest.mark.parametrize(("argv", "message"), [
    (["--dataset", "{empty}"], "no class sub-folders"),
    (["--dataset", "no-such-dataset"], "unknown dataset"),
    (["--dataset", "digits", "--out", "{tmp}/model.pt"], "must end in .safetensors"),
    (["--dataset", "digits", "--out", "{blocker}/model.safetensors"], "cannot write the checkpoint"),
    (["--dataset", "digits", "--lr", "-1"], "learning rate"),
    (["--dataset", "digits", "--optimizer", "sgd", "--lr", "1e39"], "learning rate must be a number in (0, 1000]"),
    (["--dataset", "digits", "--optimizer", "adam", "--lr", "1e38"], "learning rate must be a number in (0, 1000]"),
    (["--dataset", "digits", "--lr", "nan"], "learning rate must be a number in (0, 1000], not nan"),
    (["--dataset", "digits", "--weight-decay", "1e39"], "weight decay must be a number in [0, 1], not 1e+39"),
    (["--dataset", "digits", "--momentum", "inf"], "momentum must be a number in [0, 1), not inf"),
    (["--dataset", "digits", "--seed", "99999999999999999999999"], "seed must be a whole number from 0 to"),
    (["--dataset", "digits", "--epochs", "0"], "epochs must be a whole number from 1 to 100,000"),
    (["--dataset", "digits", "--epochs", "100000000000"], "epochs must be a whole number from 1 to 100,000"),
    (["--dataset", "digits", "--batch-size", "0"], "batch size must be a whole number from 1 to 65,536"),
    (["--dataset", "digits", "--batch-size", "10000000000"], "batch size must be a whole number from 1 to 65,536"),
    (["--dataset", "digits", "--val-fraction", "1"], "validation fraction must be between 0 and 1"),
    (["--dataset", "digits", "--val-fraction", "nan"], "validation fraction must be between 0 and 1"),
    (["--dataset", "digits", "--model", "mnist_inceptoin"], "unknown model"),
])
def test_user_errors_exit_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str],
                                          message: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # where the default --out would go
    (tmp_path / "empty").mkdir()
    (tmp_path / "blocker").write_text("a file")
    argv = [a.format(empty=tmp_path / "empty", tmp=tmp_path, blocker=tmp_path / "blocker") for a in argv]
    model = [] if "--model" in argv else ["--model", "mnist_residual"]
    epochs = [] if "--epochs" in argv else ["--epochs", "1"]
    code = _run([*model, *argv, *epochs, "--device", "cpu"])
    err = capsys.readouterr().err
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cnnviz: error: ") and message in lines[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker", "empty"]


def test_a_diverged_run_is_not_saved(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A validation loss that is not finite ends the run with one line, like a training loss that is not."""
    from cnnviz.core.models import zoo

    build = zoo.build_model

    def nan_in_validation(name, **kw):
        model = build(name, **kw)
        calls = {"eval": 0}

        def poisoned(module, inputs, output):
            if not module.training:
                calls["eval"] += 1
                return output * float("nan") if calls["eval"] > 1 else output  # the first is the fit check
            return output

        model.register_forward_hook(poisoned)
        return model

    monkeypatch.setattr(zoo, "build_model", nan_in_validation)
    out = tmp_path / "diverged.safetensors"
    code = _run(["--model", "mnist_residual", "--dataset", "digits", "--epochs", "2", "--batch-size", "512",
                 "--device", "cpu", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip().splitlines()[-1].startswith("cnnviz: error: the validation loss became nan after step 2 "
                                                   "(epoch 1); training stopped")
    assert list(tmp_path.iterdir()) == []


def test_the_json_beside_the_checkpoint_replaces_a_run_record_but_not_a_users_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "run.safetensors"
    notes = tmp_path / "run.json"
    notes.write_text('{"my": "notes"}')
    argv = ["--model", "mnist_residual", "--dataset", "digits", "--epochs", "1", "--batch-size", "512",
            "--device", "cpu", "--out", str(out)]
    assert _run(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("cnnviz: error: will not overwrite ") and "training mnist_residual" not in err
    assert len(err.strip().splitlines()) == 1 and "it is not the record of a cnnviz training run" in err
    assert notes.read_text() == '{"my": "notes"}' and not out.exists()
    notes.unlink()
    assert _run(argv) == 0, capsys.readouterr().err
    first = json.loads(notes.read_text())
    assert _run([*argv, "--seed", "1"]) == 0, capsys.readouterr().err  # an earlier run's record is replaced
    assert json.loads(notes.read_text())["config"]["seed"] == 1 and first["config"]["seed"] == 0


# --------------------------------------------------------------------------- bundled weights

def _readme_commands() -> dict[str, list[str]]:
    text = (resources_dir() / "weights" / "README.md").read_text()
    found = {}
    for line in text.splitlines():
        if line.strip().startswith("cnnviz train "):
            argv = shlex.split(line.strip())[2:]
            parser = argparse.ArgumentParser()
            add_train_arguments(parser)
            args = parser.parse_args(argv)
            found[Path(args.out).stem] = argv
    return found


@pytest.mark.parametrize("name", ["mnist_inception", "mnist_residual"])
def test_bundled_weights_come_from_the_readme_command_and_read_every_sample_digit(name: str) -> None:
    argv = _readme_commands()[name]
    assert argv[argv.index("--model") + 1] == name and argv[argv.index("--dataset") + 1] == "digits"
    assert (resources_dir() / "weights" / f"{name}.safetensors").is_file()
    loaded = load_model(name)  # weights "default": the bundled file
    assert read_checkpoint_metadata(resources_dir() / "weights" / f"{name}.safetensors")["cnnviz.model"] == name
    x = torch.cat([load_image(resources_dir() / "samples" / f"digit_{d}.png", loaded.info) for d in range(10)])
    with torch.no_grad():
        predicted = loaded.module(x).argmax(1)
    assert predicted.tolist() == list(range(10))


def test_train_says_when_transform_input_does_not_apply(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "t.safetensors"
    code = _run(["--model", "mnist_inception", "--dataset", "digits", "--epochs", "1", "--batch-size", "256",
                 "--device", "cpu", "--transform-input", "on", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "cnnviz: note: --transform-input on ignored: only GoogLeNet and Inception-v3 have it" in err
    assert out.exists()



ALL_CONV_NET = '''\
import torch.nn as nn


def build(outputs=10):
    return nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.Conv2d(4, outputs, 1), nn.AdaptiveAvgPool2d(1),
                         nn.Flatten())


def build_features():
    return nn.Sequential(nn.Conv2d(1, 4, 3))
'''


def test_a_users_net_without_a_linear_classifier(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = tmp_path / "allconv.py"
    code.write_text(ALL_CONV_NET, encoding="utf-8")
    out = tmp_path / "run.safetensors"
    argv = ["--dataset", "digits", "--epochs", "1", "--trust-code", "--out", str(out)]
    assert _run(["--model", f"{code}:build", *argv]) == 0 and out.is_file()  # its 10 outputs fit the digits
    capsys.readouterr()
    for weights in ("default", "none"):
        assert _run(["--model", f"{code}:build_features", "--weights", weights, *argv]) == 2
        lines = capsys.readouterr().err.strip().splitlines()
        assert lines[-1].startswith("cnnviz: error: cannot train build_features on 10 classes: it gives no class scores")
        assert "--weights none" not in lines[-1] and "nn.Linear" in lines[-1]
