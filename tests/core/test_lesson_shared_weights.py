"""The shared-weights lesson's numbers, each against a direct computation: moved inputs, maps that move by the
shift divided by the layer's stride, per-layer similarities, and the weight count beside a fully connected layer."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from torch import nn

from cnnviz.core.analysis.summary import summarize
from cnnviz.core.capture.run import capture
from cnnviz.core.errors import CnnvizError
from cnnviz.core.inputs.images import load_image
from cnnviz.core.lessons import shared_weights as sw
from cnnviz.core.models.loader import load_model
from cnnviz.core.models.zoo import model_names
from cnnviz.core.resources import resources_dir

IMAGE = resources_dir() / "samples" / "digit_7.png"


@pytest.fixture(scope="module", params=["mnist_inception", "mnist_residual"])
def course(request):
    loaded = load_model(request.param)
    x = load_image(IMAGE, loaded.info)
    return loaded, x, summarize(loaded.module, (1, 28, 28)), sw.black_value(loaded.info.input)


@pytest.fixture(scope="module")
def inception():
    loaded = load_model("mnist_inception")
    return loaded, load_image(IMAGE, loaded.info), summarize(loaded.module, (1, 28, 28))


def test_lesson_opens_a_course_model_and_a_layer_it_has(inception):
    loaded, x, _ = inception
    assert sw.LESSON.name == "shared-weights" and sw.LESSON.model in model_names()
    assert (resources_dir() / "samples" / sw.LESSON.image).is_file()
    assert sw.LESSON.layer in capture(loaded.module, x, blocks=False)


def test_a_shift_moves_whole_pixels_and_fills_what_comes_in():
    x = torch.arange(2 * 5 * 6, dtype=torch.float32).reshape(2, 5, 6)
    for dx, dy in [(2, 1), (-3, 2), (0, -4), (5, 0)]:
        out = sw.move_image(x, dx, dy, fill=(-1.0, -2.0))
        for c, fill in enumerate((-1.0, -2.0)):
            for y in range(5):
                for col in range(6):
                    inside = 0 <= y - dy < 5 and 0 <= col - dx < 6
                    want = x[c, y - dy, col - dx] if inside else fill
                    assert out[c, y, col] == want, (dx, dy, c, y, col)
    assert torch.equal(sw.move_image(x, 0, 0), x)


def test_a_quarter_turn_is_rot90_anticlockwise():
    x = torch.rand(1, 1, 7, 7)
    turned = sw.move_image(x, angle=90.0, fill=-5.0)
    torch.testing.assert_close(turned, torch.rot90(x, 1, dims=(-2, -1)), atol=1e-5, rtol=0)
    small = sw.move_image(x, angle=10.0, fill=-5.0)
    assert small[0, 0, 3, 3] == pytest.approx(float(x[0, 0, 3, 3]), abs=1e-5)  # the centre stays
    assert float(small[0, 0, 0, 0]) < float(x.min())  # a corner comes from outside: partly the fill


@pytest.mark.parametrize("kwargs", [dict(dx=1.5), dict(dx=True), dict(dy="2"), dict(dx=28), dict(dy=-30),
                                    dict(angle=float("nan")), dict(angle=181), dict(angle="90"), dict(fill=(1, 2))])
def test_bad_moves_are_one_line(kwargs):
    with pytest.raises(CnnvizError) as info:
        sw.move_image(torch.zeros(1, 1, 28, 28), **kwargs)
    assert "\n" not in str(info.value)
    with pytest.raises(CnnvizError):
        sw.move_image(torch.zeros(28, 28))


def _window_inside(field, index: int, axis: int, size: int) -> bool:
    centre = field.offset[axis] + index * field.stride[axis]
    half = (field.size[axis] - 1) / 2
    return centre - half >= 0 and centre + half <= size - 1


LAYERS = {"mnist_inception": {"conv1": 1, "pool1": 2, "incep1.branch1x1": 2, "incep1": 2, "conv2": 2, "pool2": 4,
                              "incep2.branch1x1": 4},
          "mnist_residual": {"conv1": 1, "pool1": 2, "res1": 2, "res1.conv2": 2, "pool2": 4, "res2.conv1": 4}}


@pytest.mark.parametrize("dx, dy", [(4, -4), (-4, 8)])
def test_maps_move_by_the_shift_divided_by_the_stride(course, dx, dy):
    """For a shift that is a multiple of the cumulative stride, the moved input's maps equal the original's
    shifted by shift/stride, at every unit whose receptive field lies inside the image for both."""
    loaded, x, summary, fill = course
    a = capture(loaded.module, x, blocks=False)
    b = capture(loaded.module, sw.move_image(x, dx, dy, fill=fill), blocks=False)
    checked = set()
    for key, stride in LAYERS[loaded.name].items():
        field = summary.layer(key).receptive_field
        assert field.stride == (stride, stride), key
        ky, kx = dy // stride, dx // stride
        orig, moved = a[key][0], b[key][0]
        h, w = orig.shape[-2:]
        rows = [y for y in range(h) if 0 <= y - ky < h and _window_inside(field, y, 0, 28)
                and _window_inside(field, y - ky, 0, 28)]
        cols = [c for c in range(w) if 0 <= c - kx < w and _window_inside(field, c, 1, 28)
                and _window_inside(field, c - kx, 1, 28)]
        if field.size[0] + max(abs(dx), abs(dy)) > 28:  # no unit of so wide a field stays inside once moved
            assert not rows or not cols, key
            continue
        assert rows and cols, key
        checked.add(stride)
        want = orig[:, [y - ky for y in rows]][:, :, [c - kx for c in cols]]
        got = moved[:, rows][:, :, cols]
        scale = float(orig.abs().max())
        torch.testing.assert_close(got, want, atol=1e-5 * scale, rtol=0, msg=key)
        if stride == 1:  # conv1 has no padding: every unit both maps share is compared
            assert len(rows) == h - abs(ky) and len(cols) == w - abs(kx)
        ua, ub = sw.aligned(a[key], b[key], field, dx, dy, (28, 28))
        assert ua.shape[-2:] == (len(rows), len(cols)) and torch.equal(ub[0], got), key
    assert checked == ({1, 2, 4} if max(abs(dx), abs(dy)) == 4 else {1, 2})


def test_a_shift_off_the_stride_does_not_move_the_maps_exactly(inception):
    loaded, x, summary = inception
    study = sw.shift_study(loaded.module, x, 3, 0, summary=summary, fill=sw.black_value(loaded.info.input))
    by_key = {layer.key: layer for layer in study.layers}
    assert by_key["conv1"].moved_along == pytest.approx(1.0, abs=1e-6)
    assert by_key["pool1"].map_shift == (0.0, 1.5) and by_key["pool1"].moved_along < 0.99
    assert by_key["pool2"].map_shift == (0.0, 0.75)


def _corr(a: torch.Tensor, b: torch.Tensor) -> float:
    return float(np.corrcoef(a.double().flatten().numpy(), b.double().flatten().numpy())[0, 1])


def test_every_number_of_a_study_equals_a_direct_computation(inception):
    loaded, x, summary = inception
    fill = sw.black_value(loaded.info.input)
    assert fill == pytest.approx((-0.1307 / 0.3081,))
    study = sw.shift_study(loaded.module, x, 4, 4, summary=summary, fill=fill)
    moved_x = sw.move_image(x, 4, 4, fill=fill)
    assert torch.equal(study.moved_input, moved_x)
    keys = [layer.key for layer in study.layers]
    assert keys == ["input", "conv1", "pool1", "relu1", "incep1", "conv2", "pool2", "relu2", "incep2", "fc"]
    with torch.no_grad():
        p, q = loaded.module(x).softmax(-1)[0], loaded.module(moved_x).softmax(-1)[0]
    assert (study.original_class, study.moved_class) == (int(p.argmax()), int(q.argmax()))
    assert study.original_probability == pytest.approx(float(p.max()), abs=1e-6)
    assert study.moved_probability == pytest.approx(float(q.max()), abs=1e-6)
    for layer in study.layers:
        a, b = study.original[layer.key], study.moved[layer.key]
        assert layer.same_place == pytest.approx(_corr(a, b), abs=1e-9), layer.key
        if layer.key == "fc":
            assert (layer.stride, layer.moved_along, layer.compared) == (None, None, 0)
            continue
        stride = summary.layer(layer.key).receptive_field.stride if layer.key != "input" else (1, 1)
        assert layer.stride == stride and layer.map_shift == (4 / stride[0], 4 / stride[1])
        if layer.compared:
            assert layer.moved_along == pytest.approx(1.0, abs=1e-6), layer.key
        else:
            assert layer.moved_along is None
    assert {layer.key for layer in study.layers if layer.compared == 0} == {"incep2", "fc"}  # fields of 40 px
    turned = sw.shift_study(loaded.module, x, 0, 0, 15.0, summary=summary, fill=fill)
    assert all(layer.moved_along is None for layer in turned.layers)


def test_similarity_of_constant_tensors():
    zeros = torch.zeros(3, 4)
    assert sw.similarity(zeros, zeros) == 1.0 and sw.similarity(zeros, torch.ones(3, 4)) == 0.0
    assert sw.similarity(torch.tensor([1.0, 2.0]), torch.tensor([2.0, 1.0])) == pytest.approx(-1.0)


def test_a_study_leaves_train_flags_as_they_were(inception):
    loaded, x, summary = inception
    model = loaded.module
    model.train()
    model.incep1.eval()
    try:
        before = [m.training for m in model.modules()]
        sw.shift_study(model, x, 1, 2, 5.0, summary=summary)
        assert [m.training for m in model.modules()] == before
    finally:
        model.eval()


def test_weight_count_of_conv1_beside_a_fully_connected_layer(inception):
    loaded, _, summary = inception
    count = sw.weight_count(loaded.module, summary, "conv1")
    conv1 = loaded.module.conv1
    assert (count.conv_weights, count.conv_biases) == (conv1.weight.numel(), conv1.bias.numel()) == (250, 10)
    assert (count.input_shape, count.output_shape) == ((1, 28, 28), (10, 24, 24))
    assert (count.linear_in, count.linear_out) == (784, 5760)
    assert count.linear_weights == 784 * 5760 == 4_515_840 and count.linear_biases == 5760
    assert count.ratio == pytest.approx(4_515_840 / 250)


def test_weight_count_formula_equals_a_real_linear_layer():
    model = nn.Sequential(nn.Conv2d(2, 3, kernel_size=3, bias=False), nn.ReLU())
    summary = summarize(model, (2, 6, 6))
    count = sw.weight_count(model, summary, "0")
    linear = nn.Linear(count.linear_in, count.linear_out)
    assert count.linear_weights == linear.weight.numel() == 72 * 48
    assert count.linear_biases == linear.bias.numel() and count.conv_biases == 0
    assert count.conv_weights == sum(p.numel() for p in model[0].parameters()) == 54


@pytest.mark.parametrize("key", ["fc", "relu1", "nope", ""])
def test_weight_count_of_a_layer_that_is_not_a_convolution(inception, key):
    loaded, _, summary = inception
    with pytest.raises(CnnvizError):
        sw.weight_count(loaded.module, summary, key)


def test_valid_span_of_a_whole_input_field():
    from cnnviz.core.analysis.receptive_field import ReceptiveField

    with pytest.raises(ValueError):
        sw.valid_span(ReceptiveField((28, 28), None), 0, 28, 4)
    assert sw.valid_span(ReceptiveField((5, 5), (1, 1), (2.0, 2.0)), 0, 28, 24) == (0, 24)
    assert math.isclose(sw.similarity(torch.ones(1), torch.ones(1)), 1.0)


def test_half_steps_round_up_in_both_directions(inception):
    _, _, summary = inception
    field = summary.layer("pool1").receptive_field  # stride 2, every unit of its 12 x 12 inside the image
    maps = torch.arange(12.0).expand(1, 1, 12, 12)
    for dx, step in [(1, 1), (3, 2), (-1, 0), (-3, -1), (4, 2)]:  # 0.5 -> 1, 1.5 -> 2, -0.5 -> 0, -1.5 -> -1
        a, b = sw.aligned(maps, torch.roll(maps, step, dims=-1), field, dx, 0, (28, 28))
        assert b.shape[-1] == 12 - abs(step) and torch.equal(a, b), dx
