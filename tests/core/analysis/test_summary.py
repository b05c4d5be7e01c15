"""Per-layer summary: totals against torchvision's published figures, shapes, receptive fields."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings

import pytest
import torch
from torch import nn

from cnnviz.core.models import zoo
from cnnviz.core.errors import CnnvizError
from cnnviz.core.analysis import summary as summary_module
from cnnviz.core.analysis.summary import Summary, summarize

# One or more of each torchvision family; built on the meta device (no weight init, no memory).
PUBLISHED = [
    "resnet18", "resnet50", "resnext50_32x4d", "wide_resnet50_2", "googlenet", "inception_v3",
    "alexnet", "vgg11", "squeezenet1_0", "squeezenet1_1", "densenet121", "mobilenet_v2",
    "mobilenet_v3_small", "mobilenet_v3_large", "efficientnet_b0", "efficientnet_v2_s",
    "regnet_y_400mf", "regnet_x_400mf", "shufflenet_v2_x1_0", "mnasnet0_5", "convnext_tiny",
]


def summarize_zoo(name: str) -> Summary:
    try:
        with torch.device("meta"):
            model = zoo.build_model(name, pretrained_layout=True)
    except NotImplementedError:  # RegNet's builder reads values while it initialises
        model = zoo.build_model(name, pretrained_layout=True)
    spec = zoo.model_info(name).input
    return summarize(model, (spec.channels, *spec.size), model_name=name)


def rf_formula(layers: list[tuple[int, int]]) -> tuple[int, int]:
    """r_out = r_in + (k - 1) * j_in, j_out = j_in * s over (kernel, stride) pairs."""
    size, jump = 1, 1
    for kernel, stride in layers:
        size, jump = size + (kernel - 1) * jump, jump * stride
    return size, jump


def rf_of(model: nn.Module, shape: tuple[int, int, int], layer: str) -> dict:
    return summarize(model, shape).layer(layer).to_json_dict()["receptive_field"]


@pytest.mark.parametrize("name", PUBLISHED)
def test_totals_match_torchvision_published_figures(name: str) -> None:
    meta = zoo.default_weights_enum(name).meta
    summary = summarize_zoo(name)
    assert summary.total_params == meta["num_params"]
    # torchvision's "GFLOPS" are GMACs measured at the crop size, rounded to 3 decimals.
    assert round(summary.total_macs / 1e9, 3) == pytest.approx(meta["_ops"], abs=1e-3)
    assert summary.total_macs > 0
    assert summary.model == name


def test_macs_of_a_layer_are_its_multiply_adds() -> None:
    summary = summarize(zoo.build_model("mnist_inception"), (1, 28, 28))
    conv1 = summary.layer("conv1")
    assert conv1.macs == 10 * 24 * 24 * 1 * 5 * 5
    assert summary.layer("fc").macs == 1408 * 10
    incep = summary.layer("incep1")
    assert incep.macs == sum(summary.layer(f"incep1.{b}").macs
                             for b in ("branch1x1", "branch5x5", "branch3x3", "branch_pool"))


def test_mnist_inception_shapes_params_and_order() -> None:
    model = zoo.build_model("mnist_inception")
    summary = summarize(model, (1, 28, 28), model_name="mnist_inception")
    assert summary.layer("conv1").output_shape == [10, 24, 24]
    assert summary.layer("conv1").params == 260
    assert summary.layer("incep1").output_shape == [88, 12, 12]
    assert summary.layer("incep2").output_shape == [88, 4, 4]
    assert summary.layer("flatten").output_shape == [1408]
    assert summary.total_params == zoo.count_parameters(model)
    names = [layer.name for layer in summary.layers]
    assert names[:4] == ["conv1", "pool1", "relu1", "incep1"]
    assert set(names) == {n for n, _ in model.named_modules() if n}


def test_json_schema_keys_exactly() -> None:
    data = summarize(zoo.build_model("mnist_residual"), (1, 28, 28), model_name="mnist_residual").to_json_dict()
    assert list(data) == ["model", "input_shape", "total_params", "total_macs", "layers"]
    assert data["input_shape"] == [1, 28, 28]
    for layer in data["layers"]:
        assert list(layer) == ["name", "type", "input_shape", "output_shape", "params", "macs", "receptive_field"]
        assert list(layer["receptive_field"]) == ["size", "stride"]
    assert json.loads(json.dumps(data)) == data


def test_caller_model_is_untouched() -> None:
    model = zoo.build_model("resnet18").train()
    before = {k: v.clone() for k, v in model.state_dict().items()}
    calls = []
    handle = model.layer1.register_forward_hook(lambda *args: calls.append(args))
    try:
        summary = summarize(model, (3, 64, 64))
    finally:
        handle.remove()
    assert summary.layer("layer1").output_shape == [64, 16, 16]
    assert calls == []
    assert all(m.training for m in model.modules())
    assert all(p.device.type == "cpu" for p in model.parameters())
    after = model.state_dict()
    assert all(torch.equal(before[k], after[k]) for k in before)


def test_uncalled_modules_are_left_out_but_their_parameters_counted() -> None:
    with torch.device("meta"):
        model = zoo.build_model("googlenet")  # aux heads present, unused in eval
    summary = summarize(model, (3, 224, 224))
    names = {layer.name for layer in summary.layers}
    assert "aux1" not in names and "aux1.conv" not in names and "inception4a" in names
    assert summary.total_params == zoo.count_parameters(model)
    assert summary.total_params > summary.total_params - zoo.count_parameters(model.aux1) > 0


def test_shared_module_is_reported_at_its_first_call() -> None:
    summary = summarize(zoo.build_model("resnet18"), (3, 224, 224))
    relus = [layer for layer in summary.layers if layer.name == "relu"]
    assert len(relus) == 1
    assert relus[0].output_shape == [64, 112, 112]


def test_receptive_field_of_stacked_convolutions() -> None:
    one = nn.Sequential(nn.Conv2d(1, 1, 3))
    two = nn.Sequential(nn.Conv2d(1, 1, 3), nn.Conv2d(1, 1, 3))
    assert rf_of(one, (1, 16, 16), "0") == {"size": [3, 3], "stride": [1, 1]}
    assert rf_of(two, (1, 16, 16), "1") == {"size": [5, 5], "stride": [1, 1]}
    dilated = nn.Sequential(nn.Conv2d(1, 1, 3, dilation=2))
    assert rf_of(dilated, (1, 16, 16), "0")["size"] == [5, 5]
    strip = nn.Sequential(nn.Conv2d(1, 1, (1, 7)), nn.Conv2d(1, 1, (7, 1), stride=(2, 1)))
    assert rf_of(strip, (1, 32, 32), "1") == {"size": [7, 7], "stride": [2, 1]}
    assert rf_of(strip, (1, 32, 32), "0") == {"size": [1, 7], "stride": [1, 1]}


def test_receptive_field_of_resnet_stem_and_layer4() -> None:
    summary = summarize(zoo.build_model("resnet18"), (3, 224, 224))
    stem = rf_formula([(7, 2), (3, 2)])
    assert summary.layer("maxpool").to_json_dict()["receptive_field"] == {"size": [stem[0]] * 2,
                                                                          "stride": [stem[1]] * 2}
    assert stem == (11, 4)
    # Longest path: stem, then two 3x3 convs per BasicBlock, the first of layers 2-4 with stride 2.
    path = [(7, 2), (3, 2)] + [(3, 1)] * 4
    for _ in range(3):
        path += [(3, 2)] + [(3, 1)] * 3
    size, stride = rf_formula(path)
    assert (size, stride) == (435, 32)  # the published figure for ResNet-18
    assert summary.layer("layer4").receptive_field.to_json_dict() == {"size": [size] * 2, "stride": [stride] * 2}


def test_receptive_field_becomes_whole_input_after_global_pool_or_flatten() -> None:
    model = nn.Sequential(nn.Conv2d(3, 4, 3), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4, 2))
    summary = summarize(model, (3, 20, 30))
    assert summary.layer("0").to_json_dict()["receptive_field"] == {"size": [3, 3], "stride": [1, 1]}
    for name in ("1", "2", "3"):
        assert summary.layer(name).to_json_dict()["receptive_field"] == {"size": [20, 30], "stride": None}
    flat = nn.Sequential(nn.Conv2d(3, 4, 3), nn.Flatten(), nn.Linear(4 * 18 * 28, 2))
    assert rf_of(flat, (3, 20, 30), "2") == {"size": [20, 30], "stride": None}


def test_receptive_field_of_branches_is_the_widest() -> None:
    summary = summarize(zoo.build_model("mnist_inception"), (1, 28, 28))
    branches = [summary.layer(f"incep1.{b}").receptive_field.size
                for b in ("branch1x1", "branch5x5", "branch3x3", "branch_pool")]
    pool1 = summary.layer("pool1").receptive_field
    assert pool1.size == rf_formula([(5, 1), (2, 2)])[:1] * 2
    assert summary.layer("incep1").receptive_field.size == max(branches)
    # widest branch: the 5x5 conv at stride 2 after pool1
    assert max(branches) == (pool1.size[0] + 4 * 2,) * 2


def test_squeeze_excitation_gate_keeps_the_local_field() -> None:
    summary = summarize_zoo("mobilenet_v3_small")
    block = summary.layer("features.1.block.1")  # SqueezeExcitation
    assert summary.layer("features.1.block.1.avgpool").to_json_dict()["receptive_field"]["stride"] is None
    assert block.receptive_field == summary.layer("features.1.block.0").receptive_field
    assert block.receptive_field.stride is not None


def test_channels_last_linear_keeps_the_local_field() -> None:
    summary = summarize_zoo("convnext_tiny")  # its blocks permute to NHWC and apply nn.Linear
    conv = summary.layer("features.1.0.block.0").receptive_field
    assert summary.layer("features.1.0.block.3").output_shape == [56, 56, 384]
    assert summary.layer("features.1.0.block.5").receptive_field == conv
    assert summary.layer("features.1.0").receptive_field == conv


def test_transposed_convolution_upsamples_the_stride() -> None:
    model = nn.Sequential(nn.Conv2d(1, 1, 3, stride=2), nn.ConvTranspose2d(1, 1, 4, stride=2))
    field = rf_of(model, (1, 16, 16), "1")
    # each output sees ceil(4 / 2) = 2 neighbouring inputs of stride 2; the stride halves
    assert field == {"size": [3 + 2, 3 + 2], "stride": [1, 1]}


class _Pair(nn.Module):
    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        return x[:, :1], x.mean(dim=(2, 3))


class _DataDependent(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.conv(x) if bool(x.abs().sum() >= 0) else x  # needs real values: not on meta


def test_module_returning_several_tensors() -> None:
    layer = summarize(nn.Sequential(nn.Conv2d(1, 2, 3), _Pair()), (1, 8, 8)).layer("1")
    assert layer.output_shape == [[1, 6, 6], [2]]
    assert layer.receptive_field.size == (3, 3)


def test_data_dependent_model_falls_back_to_cpu() -> None:
    summary = summarize(_DataDependent(), (1, 8, 8))
    assert summary.layer("conv").output_shape == [2, 6, 6]
    assert summary.total_macs == 2 * 6 * 6 * 9


@pytest.mark.parametrize("shape", [(3, 224), (0, 28, 28), (1, 28, 28.5), "1 28 28", (True, 28, 28)])
def test_bad_input_shape_is_a_user_error(shape: object) -> None:
    with pytest.raises(CnnvizError, match="input shape"):
        summarize(zoo.build_model("mnist_residual"), shape)  # type: ignore[arg-type]


def test_wrong_channel_count_is_a_user_error() -> None:
    with pytest.raises(CnnvizError, match=r"mnist_inception: forward pass fails on input shape \[3, 28, 28\]"):
        summarize(zoo.build_model("mnist_inception"), (3, 28, 28), model_name="mnist_inception")


def test_torchscript_is_refused() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # torch.jit.script is deprecated
        scripted = torch.jit.script(nn.Sequential(nn.Conv2d(1, 1, 3)))
    with pytest.raises(CnnvizError, match="TorchScript"):
        summarize(scripted, (1, 8, 8))


def test_unknown_layer_lookup_is_a_user_error() -> None:
    summary = summarize(zoo.build_model("mnist_residual"), (1, 28, 28), model_name="mnist_residual")
    with pytest.raises(CnnvizError, match="no layer named 'nope'"):
        summary.layer("nope")


class _TwoInputs(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.stem = nn.Conv2d(1, 4, 3)
        self.join = _Add()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.stem(x)
        return self.join(y, other=y[:, :2])


class _Add(nn.Module):
    def forward(self, a: torch.Tensor, other: torch.Tensor) -> torch.Tensor:
        return a[:, :2] + other


def test_layers_record_the_shapes_they_were_called_with() -> None:
    summary = summarize(_TwoInputs(), (1, 10, 10))
    assert summary.layer("stem").input_shape == [1, 10, 10]
    assert summary.layer("join").input_shape == [[4, 8, 8], [2, 8, 8]]  # keyword arguments too
    data = summary.to_json_dict()["layers"]
    assert data[0]["input_shape"] == [1, 10, 10] and data[1]["input_shape"] == [[4, 8, 8], [2, 8, 8]]


_HUGE_INPUT = """
import resource, sys
from cnnviz.core.errors import CnnvizError
from cnnviz.core.models import zoo
from cnnviz.core.analysis.summary import summarize
model = zoo.build_model("mnist_inception")
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    summarize(model, (1, 5000, 5000), model_name="mnist_inception")
except CnnvizError as exc:
    print(exc)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)  # KiB
"""


def test_a_huge_input_the_model_refuses_is_one_line_without_a_big_allocation() -> None:
    # One 1x5000x5000 CPU forward pass of mnist_inception needs about 5 GB; the meta pass needs nothing.
    done = subprocess.run([sys.executable, "-c", _HUGE_INPUT], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    message, grown_kib = done.stdout.strip().splitlines()
    assert message.startswith("summary of mnist_inception: forward pass fails on input shape [1, 5000, 5000]: ")
    assert int(grown_kib) < 200 * 1024  # peak RSS grew by less than 200 MiB


@pytest.mark.parametrize("shape", [(1, 1, 1), (1, 4, 4)])
def test_an_input_too_small_for_the_model_is_one_line(shape: tuple[int, int, int]) -> None:
    with pytest.raises(CnnvizError, match=r"forward pass fails on input shape \[1, \d, \d\]: .*[Kk]ernel size"):
        summarize(zoo.build_model("mnist_inception"), shape)


def test_no_cpu_fallback_beyond_the_bound(monkeypatch) -> None:
    monkeypatch.setattr(summary_module, "CPU_FALLBACK_BYTES", 2**20)  # 1 MiB: the 4 MB input is over it
    with pytest.raises(CnnvizError, match=r"too large to summarise with a real forward pass"):
        summarize(_DataDependent(), (1, 1000, 1000))
    assert summarize(_DataDependent(), (1, 8, 8)).layer("conv").output_shape == [2, 6, 6]  # small: falls back
