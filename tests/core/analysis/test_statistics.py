"""Layer statistics on hand-made models whose answers are known exactly."""

from __future__ import annotations

import json
import math

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from cnnviz.core.analysis.statistics import (dataset_channel_activity, depth_statistics, gradient_norms,
                                             layer_histogram)
from cnnviz.core.capture.run import capture
from cnnviz.core.errors import CnnvizError

DEAD, SATURATED = 0, 1  # channel 0: bias -100 (never fires); channel 1: bias +100 (always on)


class Net(nn.Module):
    """conv(1 -> 4, 3x3) -> activation -> max-pool -> flatten -> linear: channel 0 dead, channel 1 saturated."""

    def __init__(self, act: nn.Module) -> None:
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3, padding=1)
        self.act = act
        self.pool = nn.MaxPool2d(2)
        self.flat = nn.Flatten()
        self.fc = nn.Linear(4 * 4 * 4, 3)
        with torch.no_grad():
            self.conv.weight.uniform_(-0.1, 0.1)
            self.conv.bias.copy_(torch.tensor([-100.0, 100.0, 0.0, 0.0]))
            self.conv.weight[3].zero_()
            self.conv.weight[3, 0, 1, 1] = 1.0  # channel 3 is the input itself: fires, never saturates

    def forward(self, x):
        return self.fc(self.flat(self.pool(self.act(self.conv(x)))))


def _images(n: int, seed: int = 0) -> list[torch.Tensor]:
    g = torch.Generator().manual_seed(seed)
    return [torch.rand(1, 8, 8, generator=g) * 2 - 1 for _ in range(n)]


@pytest.fixture(scope="module")
def net() -> Net:
    torch.manual_seed(0)
    return Net(nn.ReLU())


# --- histograms -------------------------------------------------------------------------------------

def test_histogram_counts_every_finite_element_and_its_moments():
    t = torch.randn(3, 5, 7, generator=torch.Generator().manual_seed(1))
    h = layer_histogram(t, bins=10)
    assert sum(h.counts) == t.numel() and len(h.edges) == 11
    assert h.min == pytest.approx(float(t.min())) and h.max == pytest.approx(float(t.max()))
    assert h.edges[0] == pytest.approx(h.min) and h.edges[-1] == pytest.approx(h.max)
    assert h.mean == pytest.approx(float(t.double().mean()))
    assert h.std == pytest.approx(float(t.double().std(correction=0)))
    json.dumps(h.to_json_dict())


def test_histogram_counts_nan_and_infinities_apart():
    t = torch.tensor([1.0, 2.0, math.nan, math.inf, -math.inf, math.inf, 3.0])
    h = layer_histogram(t, bins=4)
    assert (h.nan, h.posinf, h.neginf) == (1, 2, 1)
    assert sum(h.counts) + h.nan + h.posinf + h.neginf == h.numel == 7
    assert (h.min, h.max, h.mean) == (1.0, 3.0, 2.0)


def test_histogram_of_a_constant_and_of_nothing_finite():
    h = layer_histogram(torch.full((4, 4), 2.5), bins=8)
    assert sum(h.counts) == 16 and h.edges[0] < 2.5 < h.edges[-1]
    assert (h.min, h.max, h.std) == (2.5, 2.5, 0.0)
    empty = layer_histogram(torch.tensor([math.nan, math.inf]))
    assert sum(empty.counts) == 0 and empty.min is None and empty.nan == 1 and empty.posinf == 1


@pytest.mark.parametrize("bins", [0, -3, 2.5, True])
def test_histogram_bad_bins_one_line(bins):
    with pytest.raises(CnnvizError, match="bins") as err:
        layer_histogram(torch.zeros(3), bins=bins)
    assert "\n" not in str(err.value)


# --- along depth ------------------------------------------------------------------------------------

def test_depth_statistics_find_the_killed_channel_and_exact_zero_fractions(net):
    x = torch.stack(_images(3))
    with capture(net, x) as cap:
        stats = depth_statistics(cap)
        assert [s.name for s in stats] == ["conv", "act", "pool", "flat", "fc"]
        by = {s.name: s for s in stats}
        for s in stats:
            assert s.zero_fraction == float((cap[s.name] == 0).double().mean())
            assert s.mean == pytest.approx(float(cap[s.name].double().mean()))
            assert s.std == pytest.approx(float(cap[s.name].double().std(correction=0)))
    assert by["act"].zero_channels == (DEAD,) and by["act"].zero_channel_count == 1
    assert by["pool"].zero_channels == (DEAD,)
    assert by["conv"].zero_channels == ()
    assert [s.is_activation for s in stats] == [False, True, False, False, False]
    assert [s.follows_activation for s in stats] == [False, False, True, True, False]
    json.dumps([s.to_json_dict() for s in stats])


def test_depth_statistics_bad_input_one_line():
    with pytest.raises(CnnvizError, match="Capture"):
        depth_statistics({"x": torch.zeros(1)})


# --- over a dataset ---------------------------------------------------------------------------------

def test_dead_and_saturated_channels_over_a_dataset(net):
    calls = []
    act = dataset_channel_activity(net, _images(10), ["act", "conv"], batch_size=4,
                                   progress=lambda done, total: calls.append((done, total)))
    assert calls == [(4, 10), (8, 10), (10, 10)]
    relu = act.layer("act")
    assert act.images == 10 and relu.channels == 4
    assert relu.dead == (DEAD,) and relu.saturated == (SATURATED,)
    assert relu.fire_counts[DEAD] == 0 and relu.fire_counts[SATURATED] == 10 and relu.fire_counts[3] == 10
    assert relu.saturation == "positive everywhere"
    assert act.layer("conv").dead == (DEAD,)  # the conv's outputs are all about -100 there
    json.dumps(act.to_json_dict())


def test_activity_by_default_measures_every_activation_and_bounded_ones_saturate_at_the_bound():
    torch.manual_seed(0)
    act = dataset_channel_activity(Net(nn.ReLU6()), torch.stack(_images(6)), None, batch_size=4)
    assert [e.name for e in act.layers] == ["act"]
    relu6 = act.layers[0]
    assert relu6.saturation == "at its upper bound 6" and relu6.saturated == (SATURATED,)
    assert relu6.dead == (DEAD,) and relu6.saturated_counts[3] == 0


def test_activity_over_a_built_in_dataset_as_training_loads_it(net):
    from cnnviz.core.inputs.datasets import load_dataset
    from cnnviz.core.spec import InputSpec

    spec = InputSpec(channels=1, size=(8, 8), resize=None, mean=(0.5,), std=(0.5,))
    split = load_dataset("shapes", spec=spec, per_class=4)
    act = dataset_channel_activity(net, split, ["act"], batch_size=8)
    assert act.images == len(split.train) + len(split.val)
    assert act.layer("act").dead == (DEAD,) and act.layer("act").saturated == (SATURATED,)


def test_activity_cancel_and_bad_input_one_line(net):
    polls = []

    def cancel():
        polls.append(1)
        return len(polls) > 1

    with pytest.raises(CnnvizError, match="cancelled"):
        dataset_channel_activity(net, _images(10), ["act"], batch_size=4, cancel=cancel)
    assert len(polls) == 2
    with pytest.raises(CnnvizError, match="unknown layer 'actt'.*act"):
        dataset_channel_activity(net, _images(2), ["actt"])
    with pytest.raises(CnnvizError, match="at least one image"):
        dataset_channel_activity(net, [], ["act"])
    with pytest.raises(CnnvizError, match="batch size"):
        dataset_channel_activity(net, _images(2), ["act"], batch_size=0)
    with pytest.raises(CnnvizError, match="tensors"):
        dataset_channel_activity(net, ["not a tensor"], ["act"])
    with pytest.raises(CnnvizError, match="spec"):
        dataset_channel_activity(net, "digits", ["act"])


# --- gradient norms ---------------------------------------------------------------------------------

class BNNet(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3, padding=1)
        self.bn = nn.BatchNorm2d(4)
        self.fc = nn.Linear(4, 3)

    def forward(self, x):
        return self.fc(F.adaptive_avg_pool2d(torch.relu(self.bn(self.conv(x))), 1).flatten(1))


def test_gradient_norms_equal_autograd_and_leave_the_model_as_it_was():
    torch.manual_seed(0)
    model = BNNet().train()
    x, t = torch.randn(4, 1, 6, 6), torch.tensor([0, 2, 1, 2])
    model.conv.weight.requires_grad_(False)  # a frozen weight: switched on for the pass, then off again
    sentinel = torch.full_like(model.fc.weight, 7.0)
    model.fc.weight.grad = sentinel
    buffers = {k: v.clone() for k, v in model.state_dict().items()}

    norms = gradient_norms(model, x, t)

    assert [n for n, _ in norms] == ["conv", "bn", "fc"]
    assert model.conv.weight.requires_grad is False and model.conv.bias.requires_grad is True
    assert model.fc.weight.grad is sentinel and bool((sentinel == 7.0).all())
    assert model.conv.bias.grad is None and model.training and model.bn.training
    for k, v in model.state_dict().items():
        assert torch.equal(v, buffers[k]), k  # batch norm's running statistics untouched
    ref = BNNet().train()
    ref.load_state_dict(buffers)
    loss = F.cross_entropy(ref(x), t)
    groups = [list(m.parameters()) for m in (ref.conv, ref.bn, ref.fc)]
    grads = torch.autograd.grad(loss, [p for g in groups for p in g])
    expected, i = [], 0
    for g in groups:
        expected.append(math.sqrt(sum(float(gr.double().pow(2).sum()) for gr in grads[i:i + len(g)])))
        i += len(g)
    assert [v for _, v in norms] == pytest.approx(expected, rel=1e-6)


def test_gradient_norms_of_the_target_logit_and_the_predicted_class(net):
    x = torch.stack(_images(2))
    logits = net(x)
    top = logits.argmax(1)
    assert gradient_norms(net, x) == gradient_norms(net, x, top)
    norms = dict(gradient_norms(net, x, 1, objective="logit"))
    w = torch.autograd.grad(net(x)[:, 1].sum(), [net.fc.weight, net.fc.bias])
    assert norms["fc"] == pytest.approx(math.sqrt(sum(float(g.double().pow(2).sum()) for g in w)))
    assert net.fc.weight.grad is None


def test_gradient_norms_bad_input_one_line(net):
    x = torch.stack(_images(2))
    with pytest.raises(CnnvizError, match=r"outside the model's classes 0\.\.2"):
        gradient_norms(net, x, 3)
    with pytest.raises(CnnvizError, match="unknown objective 'loss'"):
        gradient_norms(net, x, objective="loss")
    with pytest.raises(CnnvizError, match="3 targets for a batch of 2"):
        gradient_norms(net, x, torch.tensor([0, 1, 2]))
    with pytest.raises(CnnvizError, match="no parameters"):
        gradient_norms(nn.Flatten(), x)


class Chain(nn.Module):
    """20 sigmoid layers, plain (``x = s(Wx)``) or residual (``x = x + s(Wx)``)."""

    def __init__(self, residual: bool, depth: int = 20, width: int = 16) -> None:
        super().__init__()
        self.residual = residual
        self.inp = nn.Linear(8, width)
        self.layers = nn.ModuleList(nn.Linear(width, width) for _ in range(depth))
        self.head = nn.Linear(width, 4)

    def forward(self, x):
        x = self.inp(x)
        for layer in self.layers:
            y = torch.sigmoid(layer(x))
            x = x + y if self.residual else y
        return self.head(x)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_plain_deep_chain_vanishes_and_the_residual_one_does_not(seed):
    x, t = torch.randn(16, 8, generator=torch.Generator().manual_seed(seed)), torch.arange(16) % 4
    ratios = {}
    for residual in (False, True):
        torch.manual_seed(seed)
        norms = dict(gradient_norms(Chain(residual), x, t))
        first, last = norms["layers.0"], norms["layers.19"]
        ratios[residual] = first / last
    # sigmoid' <= 1/4: twenty plain layers shrink the gradient by ~1e-16; the identity path keeps it
    assert ratios[False] < 1e-8
    assert ratios[True] > 1e-2


def test_activity_of_a_loaded_course_network_over_digits_by_name():
    import cnnviz

    loaded = cnnviz.load_model("mnist_residual", weights="default")
    calls = []
    act = dataset_channel_activity(loaded, "digits", None, batch_size=512,
                                   progress=lambda done, total: calls.append((done, total)))
    assert act.images == 1797 and calls[-1] == (1797, 1797) and len(calls) == 4
    assert [e.name for e in act.layers] == ["relu1", "res1.relu1", "res1.relu", "relu2", "res2.relu1", "res2.relu"]
    for e in act.layers:
        assert all(0 <= c <= act.images for c in e.fire_counts)
        assert set(e.dead) == {c for c in range(e.channels) if e.fire_counts[c] == 0}


# --- sources of a scan: folders, limits, conversions, bad input ----------------------------------------

SPEC8 = dict(channels=1, size=(8, 8), resize=None, mean=(0.5,), std=(0.5,))


def _folder(root, n: int, corrupt: int = 0, nested: bool = False):
    from PIL import Image

    root.mkdir(parents=True, exist_ok=True)
    g = torch.Generator().manual_seed(3)
    for i in range(n):
        place = root / f"class{i % 2}" if nested else root
        place.mkdir(exist_ok=True)
        pixels = (torch.rand(12, 12, generator=g) * 255).to(torch.uint8).numpy()
        Image.fromarray(pixels, mode="L").save(place / f"img{i:03d}.png")
    for i in range(corrupt):
        (root / f"broken{i}.png").write_bytes(b"not a png at all")
    (root / "notes.txt").write_text("not an image")
    return root


def test_activity_over_a_folder_streams_every_image_nested_or_not(net, tmp_path):
    from cnnviz.core.spec import InputSpec

    spec = InputSpec(**SPEC8)
    calls = []
    for nested in (False, True):
        folder = _folder(tmp_path / f"n{nested}", 7, nested=nested)
        act = dataset_channel_activity(net, folder, ["act"], batch_size=3, spec=spec,
                                       progress=lambda d, t: calls.append((d, t)))
        assert act.images == act.available == 7 and act.skipped == () and act.layer("act").dead == (DEAD,)
    assert calls[:3] == [(3, 7), (6, 7), (7, 7)]


def test_a_limit_spreads_the_images_and_says_how_many_there_were(net, tmp_path):
    from cnnviz.core.spec import InputSpec

    act = dataset_channel_activity(net, _folder(tmp_path / "f", 9), ["act"], spec=InputSpec(**SPEC8), limit=4)
    assert (act.images, act.available) == (4, 9)
    assert dataset_channel_activity(net, torch.stack(_images(10)), ["act"], limit=3).images == 3
    assert dataset_channel_activity(net, _images(10), ["act"], limit=3, batch_size=2).images == 3
    split = dataset_channel_activity(net, "shapes", ["act"], spec=InputSpec(**SPEC8), limit=20)
    assert split.images == 20 and split.available >= 20
    with pytest.raises(CnnvizError, match="image limit"):
        dataset_channel_activity(net, _images(2), ["act"], limit=0)


def test_corrupt_files_are_skipped_and_counted_and_a_folder_of_only_those_is_one_line(net, tmp_path):
    from cnnviz.core.spec import InputSpec

    spec, calls = InputSpec(**SPEC8), []
    act = dataset_channel_activity(net, _folder(tmp_path / "some", 4, corrupt=2), ["act"], spec=spec,
                                   progress=lambda d, t: calls.append((d, t)))
    assert act.images == 4 and len(act.skipped) == 2 and calls[-1] == (6, 6)
    assert any("skipped 2 unreadable" in n for n in act.notes)
    with pytest.raises(CnnvizError, match=r"none of its 3 image file\(s\) could be read") as err:
        dataset_channel_activity(net, _folder(tmp_path / "bad", 0, corrupt=3), ["act"], spec=spec)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("case, pattern", [("empty", "no image files"), ("missing", "no such folder"),
                                           ("file", "not a folder")])
def test_unusable_folders_one_line(net, tmp_path, case, pattern):
    from cnnviz.core.spec import InputSpec

    path = tmp_path / case
    if case == "empty":
        (path / "sub").mkdir(parents=True)
        (path / ".hidden.png").write_bytes(b"")
    elif case == "file":
        path.write_text("x")
    with pytest.raises(CnnvizError, match=pattern) as err:
        dataset_channel_activity(net, path, ["act"], spec=InputSpec(**SPEC8))
    assert "\n" not in str(err.value)


def test_cancel_while_reading_a_folder(net, tmp_path):
    from cnnviz.core.spec import InputSpec

    folder = _folder(tmp_path / "f", 6)
    with pytest.raises(CnnvizError, match="cancelled"):
        dataset_channel_activity(net, folder, ["act"], spec=InputSpec(**SPEC8), cancel=lambda: True)


def test_grey_digits_into_an_rgb_model_are_converted_and_a_note_says_so():
    from cnnviz.core.spec import InputSpec

    class Rgb(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.conv, self.act = nn.Conv2d(3, 2, 3), nn.ReLU()

        def forward(self, x):
            return self.act(self.conv(x))

    spec = InputSpec(channels=3, size=(16, 16), resize=None, mean=(0.5,) * 3, std=(0.5,) * 3)
    act = dataset_channel_activity(Rgb(), "digits", None, spec=spec, limit=10)
    assert act.images == 10 and act.available == 1797
    assert act.notes == ("digits are grey 28\u00d728 pages: repeated on 3 channels and resized to 16\u00d716 "
                         "for this model",)


def test_images_the_model_cannot_take_one_line_and_the_lock_is_held_per_batch(net):
    import threading

    with pytest.raises(CnnvizError, match=r"cannot take these images \[2, 3, 8, 8\]") as err:
        dataset_channel_activity(net, torch.zeros(2, 3, 8, 8), ["act"])
    assert "\n" not in str(err.value)

    class Counting:
        def __init__(self) -> None:
            self.lock, self.entered = threading.RLock(), 0

        def __enter__(self):
            self.lock.acquire()
            self.entered += 1

        def __exit__(self, *exc):
            self.lock.release()

    lock = Counting()
    dataset_channel_activity(net, _images(5), ["act"], batch_size=2, lock=lock)
    assert lock.entered == 3
