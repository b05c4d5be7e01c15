"""torch.export programs (.pt2): resnet18 unflattened to its module paths with exact capture, archives whose
parts run code refused without trust_code (nothing run), and files that are not programs in one line each."""

from __future__ import annotations

import json
import os
import pickle
import warnings
import zipfile
from pathlib import Path

import pytest
import torch
import torchvision
from safetensors.torch import save_file
from torch import nn

from cnnviz.core.capture.run import capture
from cnnviz.core.errors import CnnvizError
from cnnviz.core.models.course_nets import MnistResidual
from cnnviz.core.models.exported import (
    example_input_shape,
    is_export_archive,
    load_exported,
    pickled_entries,
    unsafe_parts,
)
from tests.core.models.not_programs import NOT_PROGRAMS, write_not_a_program


@pytest.fixture(scope="module")
def resnet(tmp_path_factory):
    """resnet18 (random weights, eval) exported with batch 1 and saved; the eager model beside it."""
    torch.manual_seed(0)
    model = torchvision.models.resnet18(weights=None).eval()
    x = torch.randn(1, 3, 224, 224)
    program = torch.export.export(model, (x,))
    path = tmp_path_factory.mktemp("pt2") / "resnet18.pt2"
    torch.export.save(program, str(path))
    return path, model, program, x


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """A small grey-input CNN exported with a dynamic batch (example batch 2)."""
    net = nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4, 10)).eval()
    program = torch.export.export(net, (torch.randn(2, 1, 28, 28),),
                                  dynamic_shapes=({0: torch.export.Dim("batch")},))
    path = tmp_path_factory.mktemp("pt2") / "small.pt2"
    torch.export.save(program, str(path))
    return path, net


def _rewrite(src: Path, dst: Path, edit=None, add: dict[str, bytes] | None = None) -> Path:
    """A copy of a pt2 zip with entries (named below the root folder) changed by ``edit(name, data)``."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_STORED) as zout:
        root = zin.namelist()[0].split("/", 1)[0]
        for name in zin.namelist():
            rel = name.split("/", 1)[1]
            data = zin.read(name)
            zout.writestr(name, edit(rel, data) if edit else data)
        for rel, data in (add or {}).items():
            zout.writestr(f"{root}/{rel}", data)
    return dst


def _edit_program(src: Path, dst: Path, change) -> Path:
    def edit(rel: str, data: bytes) -> bytes:
        if rel != "models/model.json":
            return data
        program = json.loads(data)
        change(program)
        return json.dumps(program).encode()
    return _rewrite(src, dst, edit)


def _walk(obj):
    if isinstance(obj, dict):
        yield obj
        for v in obj.values():
            yield from _walk(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _walk(v)


class _MakesFolder:
    def __init__(self, path: Path) -> None:
        self.path = str(path)

    def __reduce__(self):
        return os.mkdir, (self.path,)


# --------------------------------------------------------------------------- a plain program

def test_plain_resnet18_archive_has_nothing_that_runs_code(resnet):
    path = resnet[0]
    assert is_export_archive(path)
    assert pickled_entries(path) == [] and unsafe_parts(path) == []
    assert example_input_shape(path) == ((1, 3, 224, 224),)


def test_loads_without_trust_code_with_module_paths_and_torch_nn_layers(resnet):
    path, model, _, _ = resnet
    module, info = load_exported(path, "default", trust_code=False)
    assert (info.name, info.family, info.described) == ("resnet18", "export", True)
    assert (info.input.channels, info.input.size) == (3, (224, 224))
    assert info.description == "torch.export program resnet18.pt2"
    types = {p: type(m).__name__ for p, m in module.named_modules()}
    assert {p: t for p, t in types.items() if p} == {p: type(m).__name__ for p, m in model.named_modules() if p}
    assert isinstance(module.get_submodule("layer1.0.conv1"), nn.Conv2d) and not module.training
    assert module.get_submodule("layer2.0.downsample.0").stride == (2, 2)


def test_capture_keys_are_module_paths_equal_to_eager_bit_for_bit(resnet):
    path, model, program, x = resnet
    module, _ = load_exported(path, "default", trust_code=False)
    with torch.no_grad():
        expected = program.module()(x)
    with capture(module, x) as got, capture(model, x) as eager:
        assert list(got.keys()) == list(eager.keys())
        assert {"layer1.0.conv1", "layer1.0.relu#2", "layer4.1", "fc"} <= set(got.keys())
        unequal = [k for k in eager.keys() if not torch.equal(got[k], eager[k])]
        assert unequal == []
        assert torch.equal(got["output"], expected)
        assert [b.path for b in got.blocks] == [f"layer{i}.{j}" for i in range(1, 5) for j in (0, 1)]
        assert got.blocks == eager.blocks
        assert torch.equal(got["layer2.0:identity"] + got["layer2.0:residual"], got["layer2.0:sum"])


def test_a_weights_file_loads_into_the_module_paths(resnet, tmp_path):
    path, _, _, x = resnet
    torch.manual_seed(1)
    other = torchvision.models.resnet18(weights=None).eval()
    weights = tmp_path / "other.safetensors"
    save_file({k: v.contiguous() for k, v in other.state_dict().items()}, str(weights))
    module, _ = load_exported(path, str(weights), trust_code=False)
    with torch.no_grad():
        assert torch.equal(module(x), other(x))


def test_weights_that_do_not_fit_and_weights_none_are_one_line(resnet, tmp_path):
    path = resnet[0]
    weights = tmp_path / "residual.safetensors"
    save_file(MnistResidual().state_dict(), str(weights))
    with pytest.raises(CnnvizError, match="do not fit ResNet: ") as fit:  # the original's class, not torch's
        load_exported(path, str(weights), trust_code=False)
    with pytest.raises(CnnvizError, match="--weights none does not apply") as none:
        load_exported(path, "none", trust_code=False)
    assert "\n" not in str(fit.value) + str(none.value)


def test_a_fixed_size_program_fed_another_size_says_so(resnet):
    module, _ = load_exported(resnet[0], "default", trust_code=False)
    with pytest.raises(CnnvizError, match=r"takes 1x3x224x224 inputs only, not 1x3x112x112"):
        module(torch.zeros(1, 3, 112, 112))


def test_a_dynamic_batch_program_captures_one_image(small):
    path, net = small
    assert example_input_shape(path) == ((None, 1, 28, 28),) and unsafe_parts(path) == []
    module, info = load_exported(path, "default", trust_code=False)
    assert (info.input.channels, info.input.size, info.described) == (1, (28, 28), True)
    x = torch.randn(1, 1, 28, 28)
    with capture(module, x) as cap, torch.no_grad():
        assert cap["output"].shape == (1, 10) and torch.equal(cap["output"], net(x))
        assert torch.equal(cap["0"], net[0](x))


# --------------------------------------------------------------------------- parts that run code

def test_a_pickled_weight_is_refused_without_trust_code_and_not_run(resnet, tmp_path):
    marker = tmp_path / "ran"

    def edit(rel: str, data: bytes) -> bytes:
        if rel == "data/weights/model_weights_config.json":
            config = json.loads(data)
            config["config"]["fc.bias"]["use_pickle"] = True
            config["config"]["fc.bias"]["path_name"] = "weight_pickled"
            return json.dumps(config).encode()
        return data

    bad = _rewrite(resnet[0], tmp_path / "pickled.pt2", edit,
                   add={"data/weights/weight_pickled": pickle.dumps(_MakesFolder(marker), protocol=2)})
    assert pickled_entries(bad) == ["weight fc.bias"]
    with pytest.raises(CnnvizError, match=r"run code when loaded \(weight fc\.bias\).*--trust-code"):
        load_exported(bad, "default", trust_code=False)
    assert not marker.exists()


def test_a_tensor_pickled_by_torch_save_loads_with_trust_code(resnet, tmp_path):
    """What torch.export.save writes for a tensor subclass: a torch.save pickle marked use_pickle."""
    path, model, _, x = resnet
    import io

    buffer = io.BytesIO()
    torch.save(nn.Parameter(model.fc.bias.detach().clone()), buffer)

    def edit(rel: str, data: bytes) -> bytes:
        if rel == "data/weights/model_weights_config.json":
            config = json.loads(data)
            config["config"]["fc.bias"].update(use_pickle=True, path_name="weight_pickled")
            return json.dumps(config).encode()
        return data

    bad = _rewrite(path, tmp_path / "subclass.pt2", edit, add={"data/weights/weight_pickled": buffer.getvalue()})
    with pytest.raises(CnnvizError, match="weight fc.bias"):
        load_exported(bad, "default", trust_code=False)
    module, _ = load_exported(bad, "default", trust_code=True)
    with torch.no_grad():
        assert torch.equal(module(x), model(x))


def test_a_shape_expression_that_sympify_would_run_is_refused(small, tmp_path):
    marker = tmp_path / "ran"
    payload = f"__import__('os').mkdir({str(marker)!r})"

    def change(program):
        for d in _walk(program):
            if isinstance(d.get("expr_str"), str):
                d["expr_str"] = f"{payload} or {d['expr_str']}"

    bad = _edit_program(small[0], tmp_path / "expr.pt2", change)
    assert pickled_entries(bad) == [] and unsafe_parts(bad)[0].startswith("shape expression")
    with pytest.raises(CnnvizError, match="shape expression"):
        load_exported(bad, "default", trust_code=False)
    assert not marker.exists()
    with warnings.catch_warnings():  # proof that the check is needed: torch.export.load evaluates it
        warnings.simplefilter("ignore")
        try:
            torch.export.load(str(bad))
        except Exception:
            pass
    assert marker.exists()


@pytest.mark.parametrize("what", ["guard", "operator", "file_op", "aoti", "sample_inputs", "legacy"])
def test_other_parts_that_run_code_are_refused(small, tmp_path, what):
    marker = tmp_path / "ran"
    src = small[0]
    if what == "guard":
        bad = _edit_program(src, tmp_path / "g.pt2", lambda p: p.__setitem__(
            "guards_code", [f"__import__('os').mkdir({str(marker)!r}) is None"]))
    elif what == "operator":
        def change(program):
            node = next(d for d in _walk(program) if d.get("target") == "torch.ops.aten.relu.default")
            node["target"] = "torch.os.getcwd"
        bad = _edit_program(src, tmp_path / "o.pt2", change)
    elif what == "file_op":  # aten::save(t, filename) would write anywhere (a shell's rc file...)
        def change(program):
            node = next(d for d in _walk(program) if d.get("target") == "torch.ops.aten.relu.default")
            node["target"] = "torch.ops.aten.save.default"
        bad = _edit_program(src, tmp_path / "f.pt2", change)
    elif what == "aoti":
        bad = _rewrite(src, tmp_path / "a.pt2", add={"data/aotinductor/model/model.so": b"\x7fELF"})
    elif what == "sample_inputs":
        payload = pickle.dumps(_MakesFolder(marker), protocol=2)
        bad = _rewrite(src, tmp_path / "s.pt2", lambda rel, data: payload if rel == "data/sample_inputs/model.pt" else data)
    else:
        bad = _rewrite(src, tmp_path / "l.pt2", add={"data/weights/model.pt": b"\x80\x02N."})
    words = {"guard": "guard", "operator": "operator torch.os.getcwd", "file_op": "operator torch.ops.aten.save",
             "aoti": "AOTInductor",
             "sample_inputs": "sample_inputs", "legacy": "legacy pickle"}[what]
    with pytest.raises(CnnvizError, match=words) as info:
        load_exported(bad, "default", trust_code=False)
    assert "--trust-code" in str(info.value) and not marker.exists()


# --------------------------------------------------------------------------- files that are not programs

@pytest.mark.parametrize("kind, words", [*NOT_PROGRAMS, ("top_level", "without torch.export's layout")])
def test_files_that_are_not_programs_are_one_line(resnet, tmp_path, kind, words):
    path = tmp_path / "bad.pt2"
    if kind != "top_level":
        write_not_a_program(path, kind, resnet[0])
    else:  # the pre-2.8 layout torch.export.load falls back to (it unpickles with weights_only=False)
        _rewrite(resnet[0], path)
        with zipfile.ZipFile(path, "a") as z:
            z.writestr("version", "8.20")
    assert not is_export_archive(path) and pickled_entries(path) == []
    with pytest.raises(CnnvizError, match=words) as info:
        load_exported(path, "default", trust_code=True)
    message = str(info.value)
    assert "\n" not in message and "bad.pt2 is not a torch.export program: " in message


def test_a_missing_file_is_one_line(tmp_path):
    with pytest.raises(CnnvizError, match="model file not found"):
        load_exported(tmp_path / "nothing.pt2", "default", trust_code=False)


def test_an_inception_program_gets_its_branches_exactly(tmp_path):
    from cnnviz.core.models.zoo import build_model

    torch.manual_seed(0)
    model = build_model("mnist_inception").eval()
    x = torch.randn(1, 1, 28, 28)
    path = tmp_path / "net.pt2"
    torch.export.save(torch.export.export(model, (x,)), str(path))
    module, info = load_exported(path, "default", trust_code=False)
    assert (info.input.channels, info.input.size) == (1, (28, 28))
    with capture(module, x) as got, capture(model, x) as eager:
        assert list(got.keys()) == list(eager.keys()) and got.blocks == eager.blocks
        assert all(torch.equal(got[k], eager[k]) for k in eager.keys())
        block = got.blocks[0]
        assert block.kind == "inception" and type(module.get_submodule(block.path)).__name__ == "InceptionA"
        branches = [got[f"{block.path}:branch{i}"] for i in range(4)]
        assert torch.equal(torch.cat(branches, 1), got[block.path])


def test_a_dynamic_shape_program_summarises(small):
    from cnnviz.core.analysis.summary import summarize

    module, _ = load_exported(small[0], "default", trust_code=False)
    summary = summarize(module, (1, 28, 28))  # deep-copies the module: no fake tensors left in its graphs
    assert sum(p.numel() for p in small[1].parameters()) == 90
    assert "0" in {layer.name for layer in summary.layers}


class _Scaled(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)
        self.scale = torch.tensor([2.0])  # a plain tensor attribute: export lifts it as a constant

    def forward(self, x):
        return self.conv(x) * self.scale


def test_a_lifted_tensor_constant_moves_with_the_module(tmp_path):
    model = _Scaled().eval()
    x = torch.randn(1, 3, 8, 8)
    path = tmp_path / "scaled.pt2"
    torch.export.save(torch.export.export(model, (x,)), str(path))
    module, _ = load_exported(path, "default", trust_code=False)
    with torch.no_grad():
        assert torch.equal(module(x), model(x))
    assert set(module.state_dict()) == set(model.state_dict())
    module.to("meta")  # as .to("cuda") would: every tensor the graphs read goes along
    assert module.scale.device.type == "meta"


def test_a_damaged_index_is_one_line(resnet, tmp_path):
    bad = _rewrite(resnet[0], tmp_path / "damaged.pt2",
                   lambda rel, data: b"{not json" if rel == "data/weights/model_weights_config.json" else data)
    for call in (lambda: load_exported(bad, "default", trust_code=True), lambda: unsafe_parts(bad)):
        with pytest.raises(CnnvizError, match="damaged.pt2 is a damaged torch.export program"):
            call()
