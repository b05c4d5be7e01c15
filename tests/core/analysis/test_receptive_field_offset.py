"""Receptive-field offsets against truth: the box of input pixels with a non-zero gradient.

The truth model is the same network with every weight positive (``1 / fan_in``), zero biases, eval
mode, float64 and an all-ones input, so every window pixel has a path with a non-zero gradient.
Max pools are swapped for average pools of the same geometry (a max pool's gradient reaches only the
argmax); the analytic field always comes from the unchanged model.
"""

from __future__ import annotations

import pytest
import torch
import torchvision
from torch import nn

from cnnviz.core.errors import CnnvizError
from cnnviz.core.analysis.receptive_field import ReceptiveField
from cnnviz.core.analysis.summary import summarize

Box = tuple[int, int, int, int]  # top, left, height, width


class _Stop(Exception):
    pass


def _truth_model(model: nn.Module) -> nn.Module:
    model = model.double().eval()
    for name, module in list(model.named_modules()):
        if isinstance(module, nn.MaxPool2d):
            parent, _, attr = name.rpartition(".")
            setattr(model.get_submodule(parent) if parent else model, attr,
                    nn.AvgPool2d(module.kernel_size, module.stride, module.padding, module.ceil_mode))
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
                module.weight.fill_(1 / module.weight[0].numel())
                if module.bias is not None:
                    module.bias.zero_()
    return model


def truth_boxes(model: nn.Module, layer: str, shape: tuple[int, int, int],
                units: list[tuple[int, int]]) -> list[Box]:
    """For each unit ``(y, x)`` of ``layer``'s output, the box of input pixels it has a gradient for."""
    model = _truth_model(model)
    image = torch.ones((len(units), *shape), dtype=torch.float64, requires_grad=True)
    captured: list[torch.Tensor] = []

    def stop(module: nn.Module, args: object, output: torch.Tensor) -> None:
        captured.append(output)
        raise _Stop

    handle = model.get_submodule(layer).register_forward_hook(stop)
    try:
        model(image)
    except _Stop:
        pass
    finally:
        handle.remove()
    out = captured[0]
    sum(out[b, :, y, x].sum() for b, (y, x) in enumerate(units)).backward()
    boxes = []
    for grad in image.grad.abs().sum(dim=1):
        rows, cols = grad.sum(dim=1).nonzero()[:, 0], grad.sum(dim=0).nonzero()[:, 0]
        top, left = int(rows.min()), int(cols.min())
        boxes.append((top, left, int(rows.max()) - top + 1, int(cols.max()) - left + 1))
    return boxes


def some_units(height: int, width: int) -> list[tuple[int, int]]:
    """Every row and every column at least once, without the cost of the full grid."""
    return [(i % height, (3 * i + 1) % width) for i in range(max(height, width))]


def check_offsets(model: nn.Module, layer: str, shape: tuple[int, int, int], *,
                  tolerance: float = 1e-9, exact_size: bool = True) -> ReceptiveField:
    """Every interior unit's true box is centred at ``offset + unit * stride`` and fits ``size``."""
    summary = summarize(model, shape)
    field = summary.layer(layer).receptive_field
    assert field.stride is not None and field.offset is not None
    height, width = summary.layer(layer).output_shape[-2:]
    units = some_units(height, width)
    image_size = shape[1:]
    interior = 0
    for unit, box in zip(units, truth_boxes(model, layer, shape, units)):
        for dim in range(2):
            start, extent = box[dim], box[dim + 2]
            first = field.window(*unit)[dim]
            if first < 0 or first + field.size[dim] > image_size[dim] or start == 0 \
                    or start + extent == image_size[dim]:
                continue  # clipped at the border, or a tap in the padding
            interior += 1
            centre = start + (extent - 1) / 2
            expected = field.offset[dim] + unit[dim] * field.stride[dim]
            assert centre == pytest.approx(expected, abs=tolerance), unit
            assert extent <= field.size[dim]
            if exact_size:
                assert extent == field.size[dim]
    assert interior >= 4  # the checks above did run
    return field


def test_single_convolution_keeps_centres() -> None:
    field = check_offsets(nn.Sequential(nn.Conv2d(3, 4, 3, padding=1)), "0", (3, 32, 32))
    assert field == ReceptiveField((3, 3), (1, 1), (0, 0))
    unpadded = check_offsets(nn.Sequential(nn.Conv2d(3, 4, 3)), "0", (3, 32, 32))
    assert unpadded.offset == (1, 1)


def test_resnet_stem_convolution() -> None:
    field = check_offsets(nn.Sequential(nn.Conv2d(3, 8, 7, stride=2, padding=3)), "0", (3, 64, 64))
    assert field == ReceptiveField((7, 7), (2, 2), (0, 0))


def test_padded_max_pool() -> None:
    model = nn.Sequential(nn.Conv2d(3, 4, 5, padding=1), nn.MaxPool2d(3, stride=2, padding=1))
    field = check_offsets(model, "1", (3, 48, 48))
    # the conv's unit 0 is centred at 2 - 1 = 1; the pool's unit 0 at 1 + (1 - 1) * 1
    assert field == ReceptiveField((7, 7), (2, 2), (1, 1))


def test_dilated_convolution() -> None:
    model = nn.Sequential(nn.Conv2d(3, 4, 3, stride=2), nn.Conv2d(4, 4, 3, dilation=3, padding=1))
    field = check_offsets(model, "1", (3, 64, 64))
    # 1 + ((3 - 1) * 3 / 2 - 1) * 2
    assert field == ReceptiveField((3 + 2 * 3 * 2, 15), (2, 2), (5, 5))


@pytest.mark.parametrize("padding", [0, 1])
def test_ceil_mode_pool(padding: int) -> None:
    model = nn.Sequential(nn.Conv2d(3, 4, 3), nn.MaxPool2d(3, stride=2, padding=padding, ceil_mode=True))
    field = check_offsets(model, "1", (3, 40, 40))
    assert field.offset == (2 - padding, 2 - padding)
    assert summarize(model, (3, 40, 40)).layer("1").output_shape[-1] == 19 + padding  # ceil adds one


def test_resnet18_layer2() -> None:
    model = torchvision.models.resnet18(weights=None)
    field = check_offsets(model, "layer2.0.conv1", (3, 96, 96))
    assert field == ReceptiveField((51, 51), (8, 8), (0, 0))
    assert summarize(model, (3, 64, 64)).layer("layer2.0.conv1").receptive_field.offset == (0, 0)
    # the residual sum keeps the widest (main) branch's centre
    check_offsets(model, "layer2.0", (3, 96, 96))


class _Uneven(nn.Module):
    """Two branches with the same output size but different centres (a 2x2 window is off-centre)."""

    def __init__(self) -> None:
        super().__init__()
        self.wide = nn.Conv2d(3, 4, 3, stride=2, padding=1)
        self.narrow = nn.Conv2d(3, 4, 2, stride=2, padding=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.wide(x) + self.narrow(x)


def test_sum_of_branches_takes_the_widest_centre() -> None:
    model = nn.Sequential(_Uneven())
    assert summarize(model, (3, 33, 33)).layer("0.narrow").receptive_field.offset == (-0.5, -0.5)
    field = check_offsets(model, "0", (3, 33, 33))
    assert field == ReceptiveField((3, 3), (2, 2), (0, 0))


def test_googlenet_inception3a() -> None:
    model = torchvision.models.googlenet(weights=None, aux_logits=False, init_weights=False)
    field = check_offsets(model, "inception3a", (3, 96, 96))
    # conv1 7/2 p3, maxpool 3/2 ceil, conv3 3 p1, maxpool 3/2 ceil, then the 3x3 branches
    assert field == ReceptiveField((43, 43), (8, 8), (6, 6))


def test_transposed_convolution_is_within_half_a_stride() -> None:
    model = nn.Sequential(nn.ConvTranspose2d(3, 4, 4, stride=2, padding=1))
    field = check_offsets(model, "0", (3, 16, 16), tolerance=0.25, exact_size=False)
    assert field == ReceptiveField((2, 2), (0.5, 0.5), (-0.25, -0.25))


def test_adaptive_pool_offset_fits_the_bins() -> None:
    # 23 -> 5 bins of width 5 or 6; the line through their midpoints starts at (4.6 - 1) / 2
    model = nn.Sequential(nn.Conv2d(3, 4, 1), nn.AdaptiveAvgPool2d(5))
    field = check_offsets(model, "1", (3, 23, 23), tolerance=0.5, exact_size=False)
    assert field.offset == pytest.approx((1.8, 1.8))
    assert field.stride == pytest.approx((4.6, 4.6))


def test_window_of_a_unit() -> None:
    field = ReceptiveField((7, 5), (2, 4), (0, 1))
    assert field.window(0, 0) == (-3, -1, 7, 5)
    assert field.window(3, 2) == (3, 7, 7, 5)
    assert ReceptiveField((3.5, 3.5), (0.5, 0.5), (-0.25, -0.25)).window(1, 1) == (-1.0, -1.0, 3.5, 3.5)


def test_whole_input_field_has_no_offset_nor_window() -> None:
    model = nn.Sequential(nn.Conv2d(3, 4, 3), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4, 2))
    summary = summarize(model, (3, 20, 30))
    for name in ("1", "3"):
        field = summary.layer(name).receptive_field
        assert field.offset is None
        with pytest.raises(CnnvizError, match="whole input"):
            field.window(0, 0)
    assert summary.layer("0").receptive_field.window(0, 0) == (0, 0, 3, 3)
    # the public JSON is unchanged: no offset key
    assert summary.layer("0").receptive_field.to_json_dict() == {"size": [3, 3], "stride": [1, 1]}
    legacy = ReceptiveField((3, 3), (1, 1))  # old two-argument calls still work
    assert legacy.offset is None and legacy.to_json_dict() == {"size": [3, 3], "stride": [1, 1]}
    with pytest.raises(CnnvizError, match="where its windows lie"):
        legacy.window(0, 0)
