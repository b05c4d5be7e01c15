"""The user's own code on the command line: the course notes' Net (InceptionA) and Net (ResidualBlock) from files
the test writes, summarised and captured exactly with weights saved the ways people save them; --trust-code gating
(nothing imported without it); every mistake in the code one line with exit status 2."""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

import pytest
import torch
from safetensors import safe_open
from torch import nn

from cnnviz.core.inputs.images import sample_images
from cnnviz.core.models.user_code import load_user_model
from tests.course_code import INCEPTION_NET_SOURCE, write_course_files
from tests.cli.helpers import one_error_line, run_cli

DIGIT = next(p for p in sample_images() if p.stem == "digit_3")


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> dict[str, Path]:
    return write_course_files(tmp_path_factory.mktemp("course"))


def trained_weights(course, key: str, path: Path, wrap=None) -> nn.Module:
    """Build the student's Net, change its weights (as training would) and save them as ``wrap(state_dict)``."""
    net, _ = load_user_model(f"{course[key]}:Net", trust_code=True)
    torch.manual_seed(3)
    with torch.no_grad():
        for p in net.parameters():
            p.add_(torch.randn_like(p) * 0.05)
    state = net.state_dict()
    torch.save(wrap(net, state) if wrap else state, path)
    return net


def read_capture(path: Path) -> tuple[dict[str, torch.Tensor], dict[str, str]]:
    with safe_open(str(path), "pt") as f:
        return {k: f.get_tensor(k) for k in f.keys()}, dict(f.metadata() or {})


# --------------------------------------------------------------------------- the course networks

def test_summary_of_the_course_inception_net(capsys, course):
    code, out, err = run_cli(capsys, "summary", f"{course['inception']}:Net", "--trust-code", "--json")
    assert code == 0, err
    data = json.loads(out)
    net, _ = load_user_model(f"{course['inception']}:Net", trust_code=True)
    assert data["input_shape"] == [1, 28, 28]  # guessed from the first convolution: grey MNIST-sized input
    assert data["total_params"] == sum(p.numel() for p in net.parameters())
    assert data["layers"][-1]["output_shape"] == [10]
    _, builtin, _ = run_cli(capsys, "summary", "mnist_inception", "--json")  # the same network, built in
    assert (data["total_params"], data["total_macs"]) == (json.loads(builtin)["total_params"],
                                                          json.loads(builtin)["total_macs"])
    blocks = {b["path"]: b for b in data["blocks"]}
    assert [b["out_channels"] for b in blocks["incep1"]["branches"]] == [16, 24, 24, 24]


def test_capture_of_the_course_inception_net_with_its_weights_is_exact(capsys, course, tmp_path):
    weights, out = tmp_path / "net.pth", tmp_path / "cap.safetensors"
    net = trained_weights(course, "inception", weights).eval()
    code, _, err = run_cli(capsys, "capture", DIGIT, "--model", f"{course['inception']}:Net", "--weights", weights,
                           "--trust-code", "-o", out)
    assert code == 0, err
    cap, meta = read_capture(out)
    for block in ("incep1", "incep2"):
        branches = [cap[f"{block}:branch{i}"] for i in range(4)]
        assert [b.shape[1] for b in branches] == [16, 24, 24, 24]
        assert torch.equal(torch.cat(branches, dim=1), cap[block])
    with torch.no_grad():
        assert torch.equal(net(cap["input"]), cap["output"])  # the weights from net.pth, not the code's init
    assert json.loads(meta["blocks"])[:2] == [{"path": "incep1", "kind": "inception"},
                                              {"path": "incep2", "kind": "inception"}]


def test_capture_of_the_course_resnet_in_a_training_checkpoint_is_exact(capsys, course, tmp_path):
    weights, out = tmp_path / "checkpoint.pt", tmp_path / "cap.safetensors"

    def checkpoint(net, state):
        opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
        return {"epoch": 3, "model_state_dict": {f"module.{k}": v for k, v in state.items()},
                "optimizer_state_dict": opt.state_dict()}

    net = trained_weights(course, "resnet", weights, checkpoint).eval()
    code, _, err = run_cli(capsys, "capture", DIGIT, "--model", f"{course['resnet']}:Net", "--weights", weights,
                           "--trust-code", "-o", out)
    assert code == 0, err
    cap, _ = read_capture(out)
    for block in ("rblock1", "rblock2"):
        assert torch.equal(cap[f"{block}:identity"] + cap[f"{block}:residual"], cap[f"{block}:sum"])
        assert torch.equal(torch.relu(cap[f"{block}:sum"]), cap[block])
    with torch.no_grad():
        assert torch.equal(net(cap["input"]), cap["output"])


def test_sibling_import_and_package_module(capsys, course, tmp_path, monkeypatch):
    code, out, err = run_cli(capsys, "summary", f"{course['sibling']}:Net", "--trust-code", "--json")
    assert code == 0, err
    assert {b["path"] for b in json.loads(out)["blocks"]} >= {"incep1", "incep2"}
    (tmp_path / "student_nets").mkdir()
    (tmp_path / "student_nets" / "__init__.py").write_text("")
    (tmp_path / "student_nets" / "resnet.py").write_text(course["resnet"].read_text())
    monkeypatch.syspath_prepend(str(tmp_path))
    code, out, err = run_cli(capsys, "summary", "student_nets.resnet:Net", "--trust-code", "--json")
    assert code == 0, err
    assert {b["path"] for b in json.loads(out)["blocks"]} >= {"rblock1", "rblock2"}
    for name in ("student_nets", "student_nets.resnet"):
        monkeypatch.delitem(sys.modules, name, raising=False)


# --------------------------------------------------------------------------- trust

@pytest.mark.parametrize("command", ["summary", "capture"])
def test_without_trust_code_exit_2_and_nothing_imported(capsys, tmp_path, command):
    marker = tmp_path / "imported.txt"
    path = tmp_path / "net.py"
    path.write_text(f"with open({str(marker)!r}, 'w'):\n    pass\n" + INCEPTION_NET_SOURCE, encoding="utf-8")
    args = (["summary", f"{path}:Net"] if command == "summary"
            else ["capture", DIGIT, "--model", f"{path}:Net", "-o", tmp_path / "cap.safetensors"])
    line = one_error_line(capsys, *args)
    assert "--trust-code" in line and "net.py" in line
    assert not marker.exists() and not (tmp_path / "cap.safetensors").exists()


# --------------------------------------------------------------------------- mistakes in the code

BAD_CODE = {
    "syntax": ("import torch\nclass Net(nn.Module:\n    pass\n", "Net", r"bad\.py:2: SyntaxError: "),
    "raises": ("import torch\n\nraise RuntimeError('no GPU here')\n", "Net", r"bad\.py:3: RuntimeError: no GPU here$"),
    "missing_import": ("import torchvisionx\n", "Net",
                       r"bad\.py:1: ModuleNotFoundError: No module named 'torchvisionx'"),
    "no_name": ("import torch.nn as nn\n\nclass Model(nn.Module):\n    pass\n", "Net",
                r"there is no Net in it; it defines Model$"),
    "needs_args": ("import torch.nn as nn\n\nclass Net(nn.Module):\n    def __init__(self, classes):\n"
                   "        super().__init__()\n", "Net", r"Net needs arguments \(classes\)"),
    "not_a_module": ("def Net():\n    return 42\n", "Net", r"Net returned a int, not an nn.Module$"),
    "init_fails": ("import torch.nn as nn\n\nclass Net(nn.Module):\n    def __init__(self):\n"
                   "        super().__init__()\n        self.fc = nn.Linear(3, 4)\n        self.fc.nope()\n",
                   "Net", r"bad\.py:7: AttributeError: 'Linear' object has no attribute 'nope'"),
    "forward_fails": ("import torch.nn as nn\n\nclass Net(nn.Module):\n    def __init__(self):\n"
                      "        super().__init__()\n        self.fc = nn.Linear(3, 4)\n\n"
                      "    def forward(self, x):\n        return self.fc(x)\n", "Net",
                      r"Net's forward fails on a .*--input-size C H W"),
}


@pytest.mark.parametrize("case", sorted(BAD_CODE))
def test_bad_code_is_one_line_with_exit_2(capsys, tmp_path, case):
    source, name, pattern = BAD_CODE[case]
    path = tmp_path / "bad.py"
    path.write_text(source, encoding="utf-8")
    line = one_error_line(capsys, "summary", f"{path}:{name}", "--trust-code")
    assert re.search(pattern, line), line


@pytest.mark.parametrize(("spec", "pattern"), [
    ("{d}/absent.py:Net", r"model code file not found: .*absent\.py"),
    ("{d}/inception_net.py", r"inception_net\.py needs :NAME, .*--model .*inception_net\.py:Net"),
    ("no_such_student_pkg.nets:Net", r"cannot import no_such_student_pkg\.nets"),
])
def test_bad_specs_are_one_line_with_exit_2(capsys, course, spec, pattern):
    line = one_error_line(capsys, "summary", spec.format(d=course["inception"].parent), "--trust-code")
    assert re.search(pattern, line), line


def test_weights_for_another_network_are_named_key_by_key(capsys, course, tmp_path):
    weights = tmp_path / "resnet.pth"
    trained_weights(course, "resnet", weights)
    line = one_error_line(capsys, "capture", DIGIT, "--model", f"{course['inception']}:Net", "--weights", weights,
                          "--trust-code", "-o", tmp_path / "cap.safetensors")
    assert "do not fit Net: missing keys: incep1.branch1x1.weight" in line
    assert "unexpected keys: rblock1.conv1.weight" in line and "mis-shaped keys: conv1.weight" in line


@pytest.mark.parametrize(("extra", "pattern"), [
    (["--input-size", "3", "0", "0"], r"--input-size: 0x0 is outside 1\.\.4096"),
    (["--mean", "0.5", "0.5"], r"--mean takes 1 value for a 1-channel input, not 2"),
    (["--classes", "@empty"], r"classes file .*empty\.txt is empty"),
    (["--classes", "@binary"], r"classes file .*binary\.txt is not text"),
    (["--classes", "@missing"], r"classes file .*missing\.txt does not exist"),
])
def test_bad_input_descriptions_are_one_line_with_exit_2(capsys, course, tmp_path, extra, pattern):
    files = {"@empty": tmp_path / "empty.txt", "@binary": tmp_path / "binary.txt", "@missing": tmp_path / "missing.txt"}
    files["@empty"].write_bytes(b"")
    files["@binary"].write_bytes(bytes(range(256)) * 4)
    args = [str(files.get(a, a)) for a in extra]
    line = one_error_line(capsys, "summary", f"{course['inception']}:Net", "--trust-code", *args)
    assert re.search(pattern, line), line


@pytest.mark.parametrize(("model", "pattern"), [
    ("@gone.py:Net", r"model code file not found: .*gone\.py"),
    ("@net.py:", r"is not FILE\.py:NAME: give the class or function"),
    ("timm/vit_base_patch16_224", r"timm/vit_base_patch16_224 is out of scope"),
    ("timm/resnt50", r"unknown timm model 'timm/resnt50'\. Nearest timm CNNs: timm/resnet50"),
    ("timm/" + "x" * 3000, r"\(3,005 characters\)"),
    ("@noise.pt2", r"noise\.pt2 is not a torch\.export program"),
])
def test_bad_models_are_one_line_with_exit_2(capsys, tmp_path, model, pattern):
    (tmp_path / "noise.pt2").write_bytes(bytes(random.Random(0).getrandbits(8) for _ in range(4096)))
    model = model.replace("@", f"{tmp_path}/")
    line = one_error_line(capsys, "summary", model, "--trust-code")
    assert re.search(pattern, line) and len(line) < 400, line
