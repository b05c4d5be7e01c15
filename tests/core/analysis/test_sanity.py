"""Honesty checks: cascading randomisation changes the trained course network's map and leaves alone a map that
does not depend on the layer randomised, the user's model stays as it was, Spearman equals a hand-computed
value with ties, deletion/insertion rank a perfect map above a random one, cancel and progress work, and bad
input is one line."""

from __future__ import annotations

import copy
import json

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from cnnviz.core.analysis import sanity
from cnnviz.core.analysis.attribution import attribute
from cnnviz.core.analysis.sanity import (cascade_order, deletion_insertion, randomisation_check, reinitialise,
                                         spearman)
from cnnviz.core.errors import CnnvizError
from cnnviz.core.inputs.images import load_image
from cnnviz.core.models.loader import load_model
from cnnviz.core.resources import resources_dir


@pytest.fixture(scope="module")
def course():
    loaded = load_model("mnist_inception")
    x = load_image(resources_dir() / "samples" / "digit_3.png", loaded.info)
    return loaded.module, x


class IgnoresTail(nn.Module):
    """Its output ignores ``tail``: the forward computes ``tail`` last, after the logits, and throws it away.
    So the cascade (reverse order of the forward) re-initialises ``tail`` first, and only then ``fc``, which
    the map does depend on."""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, 3, padding=1)
        self.conv2 = nn.Conv2d(4, 6, 3, padding=1)
        self.fc = nn.Linear(6 * 8 * 8, 5)
        self.tail = nn.Conv2d(6, 6, 3, padding=1)
        self.tail_output = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        features = F.relu(self.conv2(F.relu(self.conv1(x))))
        logits = self.fc(features.flatten(1))
        self.tail_output = self.tail(features).detach()  # computed, never used for the output
        return logits


class Evidence(nn.Module):
    """Class 0's logit rises with the mean of the pixels in ``mask`` (the evidence), class 1's is 0."""

    def __init__(self, mask: torch.Tensor) -> None:
        super().__init__()
        self.register_buffer("mask", mask)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        s = (x * self.mask).sum(dim=(1, 2, 3)) / self.mask.sum()
        return torch.stack([12 * s - 6, torch.zeros_like(s)], dim=1)


def _tiny() -> tuple[nn.Module, torch.Tensor]:
    torch.manual_seed(3)
    return IgnoresTail().eval(), torch.randn(1, 1, 8, 8, generator=torch.Generator().manual_seed(4))


def test_spearman_equals_a_hand_computed_value_with_ties() -> None:
    # ranks of a: 1, 2.5, 2.5, 4; of b: 1, 3, 2, 4 -> centred dot 4.5 over sqrt(4.5 * 5)
    a, b = torch.tensor([1.0, 2.0, 2.0, 3.0]), torch.tensor([1.0, 3.0, 2.0, 4.0])
    assert spearman(a, b) == pytest.approx(4.5 / (4.5 * 5) ** 0.5, abs=1e-12)
    assert spearman(a, a) == pytest.approx(1.0)
    assert spearman(a, -a) == pytest.approx(-1.0)
    assert spearman(torch.tensor([5.0, 1.0, 1.0, 1.0]), torch.tensor([2.0, 0.0, 0.0, 0.0])) == pytest.approx(1.0)
    assert spearman(torch.zeros(4), torch.zeros(4)) == 1.0
    assert spearman(torch.zeros(4), a) == 0.0
    with pytest.raises(CnnvizError):
        spearman(a, torch.zeros(3))


def test_randomisation_changes_the_trained_course_networks_map(course) -> None:
    module, x = course
    calls = []
    result = randomisation_check(module, x, method="gradcam", progress=lambda d, t: calls.append((d, t)))
    assert result.layer == "incep2" and result.method == "gradcam" and not result.cancelled
    assert result.total_steps == len(result.steps) == 17  # conv1, 7 in each Inception block, conv2, fc
    assert result.steps[0].layers == ("fc",) and result.steps[-1].layers == ("conv1",)
    assert result.changed
    assert result.steps[-1].spearman < 0.5
    assert calls == [(i, 17) for i in range(1, 18)]
    json.dumps(result.to_json_dict())


def test_a_map_does_not_change_while_layers_it_does_not_depend_on_are_randomised(monkeypatch) -> None:
    module, x = _tiny()
    assert cascade_order(module, x) == ["tail", "fc", "conv2", "conv1"]
    changed = []

    def checked(m: nn.Module) -> None:  # each module of the copy really gets new weights
        before = [p.clone() for p in m.parameters(recurse=False)]
        reinitialise(m)
        changed.append(all(not torch.equal(b, p) for b, p in zip(before, m.parameters(recurse=False))))

    monkeypatch.setattr(sanity, "reinitialise", checked)
    result = randomisation_check(module, x, method="gradcam", layer="conv2", keep_maps=True)
    assert changed == [True] * 4
    first, after_tail, after_fc = result.maps[:3]
    assert result.steps[0].layers == ("tail",)
    assert torch.equal(after_tail, first) and result.steps[0].spearman == 1.0 and not result.steps[0].changed
    # not by accident: the step that re-initialises what the map depends on does change it
    assert not torch.equal(after_fc, first) and result.steps[1].spearman < 0.9
    saliency = randomisation_check(module, x, method="saliency", keep_maps=True)
    assert saliency.layer == "input" and torch.equal(saliency.maps[1], saliency.maps[0])
    assert not torch.equal(saliency.maps[2], saliency.maps[0])


def test_reinitialise_changes_a_layers_weights() -> None:
    module, _ = _tiny()
    before = {k: v.clone() for k, v in module.tail.state_dict().items()}
    reinitialise(module.tail)
    assert all(not torch.equal(before[k], v) for k, v in module.tail.state_dict().items())
    custom = nn.Module()
    custom.w = nn.Parameter(torch.full((3, 3), 2.0))
    reinitialise(custom)
    assert not torch.equal(custom.w, torch.full((3, 3), 2.0))


def test_the_users_model_is_untouched() -> None:
    module, x = _tiny()
    module.train()
    module.conv1.eval()
    flags = [m.training for m in module.modules()]
    state = copy.deepcopy(module.state_dict())
    saliency = torch.rand(8, 8)
    rng = torch.get_rng_state()
    randomisation_check(module, x, layer="conv2", seed=5)
    deletion_insertion(module, x, saliency, steps=4)
    assert [m.training for m in module.modules()] == flags
    assert module.state_dict().keys() == state.keys()
    assert all(torch.equal(v, state[k]) for k, v in module.state_dict().items())
    assert torch.equal(torch.get_rng_state(), rng)
    assert all(p.requires_grad for p in module.parameters())


def test_the_same_seed_gives_the_same_steps_and_another_does_not() -> None:
    module, x = _tiny()
    a = randomisation_check(module, x, layer="conv2", seed=1)
    b = randomisation_check(module, x, layer="conv2", seed=1)
    c = randomisation_check(module, x, layer="conv2", seed=2)
    assert [s.spearman for s in a.steps] == [s.spearman for s in b.steps]
    assert [s.spearman for s in a.steps] != [s.spearman for s in c.steps]


def test_max_steps_groups_consecutive_layers(course) -> None:
    module, x = course
    result = randomisation_check(module, x, max_steps=3)
    assert result.total_steps == 3
    assert [p for s in result.steps for p in s.layers] == cascade_order(module, x)


def test_cancel_stops_early_and_says_so() -> None:
    module, x = _tiny()
    calls = []
    result = randomisation_check(module, x, layer="conv2", progress=lambda d, t: calls.append((d, t)),
                                 cancel=lambda: len(calls) >= 2)
    assert result.cancelled and len(result.steps) == 2 and result.total_steps == 4
    assert calls == [(1, 4), (2, 4)]
    assert result.to_json_dict()["cancelled"] is True


@pytest.fixture(scope="module")
def evidence():
    mask = torch.zeros(1, 1, 16, 16)
    mask[..., 4:10, 6:12] = 1.0
    x = mask + 0.1 * torch.rand(1, 1, 16, 16, generator=torch.Generator().manual_seed(0))  # bright evidence
    return Evidence(mask), x, mask


@pytest.mark.parametrize("baseline", ["zeros", "blur", "mean", "minimum"])
def test_a_perfect_map_deletes_faster_and_inserts_faster_than_a_random_one(evidence, baseline) -> None:
    model, x, mask = evidence
    perfect = deletion_insertion(model, x, mask[0, 0] * x[0, 0], steps=32, baseline=baseline)
    random = deletion_insertion(model, x, torch.rand(16, 16, generator=torch.Generator().manual_seed(1)), steps=32,
                                baseline=baseline)
    for r in (perfect, random):
        assert 0.0 <= r.deletion_auc <= 1.0 and 0.0 <= r.insertion_auc <= 1.0
        assert r.target == 0 and len(r.deletion) == len(r.insertion) == len(r.fractions) == 33
        assert r.fractions[0] == 0.0 and r.fractions[-1] == 1.0
        assert r.deletion[0] == pytest.approx(r.insertion[-1])
    margin = 0.02 if baseline == "blur" else 0.2  # a blurred 6x6 square still holds much of its evidence
    assert perfect.deletion_auc < random.deletion_auc - margin
    assert perfect.insertion_auc > random.insertion_auc + margin
    json.dumps(perfect.to_json_dict())


def test_a_low_resolution_map_is_upsampled_and_batches_do_not_change_the_curves(evidence) -> None:
    model, x, mask = evidence
    coarse = F.avg_pool2d(mask, 4)  # (1, 1, 4, 4)
    one = deletion_insertion(model, x, coarse, steps=10, batch_size=1, baseline="zeros")
    many = deletion_insertion(model, x, coarse, steps=10, batch_size=64, baseline="zeros")
    assert one.deletion == pytest.approx(many.deletion) and one.insertion == pytest.approx(many.insertion)
    assert one.deletion_auc < 0.5 < one.insertion_auc


def test_curves_cancel_and_progress(evidence) -> None:
    model, x, mask = evidence
    calls = []
    full = deletion_insertion(model, x, mask, steps=9, batch_size=5, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)] and not full.cancelled
    calls.clear()
    part = deletion_insertion(model, x, mask, steps=9, batch_size=5, progress=lambda d, t: calls.append((d, t)),
                              cancel=lambda: len(calls) >= 1)
    assert part.cancelled and len(part.deletion) == 5 and part.insertion == ()
    assert part.deletion_auc is None and part.insertion_auc is None


def test_the_curves_on_the_course_network(course) -> None:
    module, x = course
    maps = attribute(module, x, method="gradcam")
    result = deletion_insertion(module, x, maps["incep2"], steps=8)
    assert result.target == 3 and 0.0 <= result.deletion_auc <= 1.0 and 0.0 <= result.insertion_auc <= 1.0


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"saliency_map": torch.rand(2, 8, 8)}, "saliency map must be"),
    ({"saliency_map": torch.rand(1, 1, 1, 8, 8)}, "saliency map must be"),
    ({"saliency_map": torch.full((8, 8), float("nan"))}, "NaN"),
    ({"steps": 0}, "steps must be"),
    ({"steps": 10**6}, "steps must be an integer from 1 to 64"),
    ({"baseline": "noise"}, "unknown baseline 'noise'; choose one of: blur, zeros, mean"),
    ({"target": 9}, "outside the model's classes 0-4"),
])
def test_bad_curve_input_is_one_line(kwargs, message) -> None:
    module, x = _tiny()
    args = {"saliency_map": torch.rand(8, 8), **kwargs}
    with pytest.raises(CnnvizError, match=message) as info:
        deletion_insertion(module, x, **args)
    assert "\n" not in str(info.value)


def test_bad_randomisation_input_is_one_line() -> None:
    module, x = _tiny()
    for kwargs, message in [({"x": torch.rand(2, 1, 8, 8)}, "takes one image"),
                            ({"target": 7}, "outside the model's classes 0-4"),
                            ({"method": "nope"}, "unknown attribution method"),
                            ({"layer": "nope"}, "unknown layer"),
                            ({"max_steps": 0}, "max_steps must be at least 1")]:
        with pytest.raises(CnnvizError, match=message) as info:
            randomisation_check(module, kwargs.pop("x", x), **kwargs)
        assert "\n" not in str(info.value)


def test_the_darkest_baseline_is_each_channels_minimum() -> None:
    from cnnviz.core.analysis.sanity import _baseline

    x = torch.rand(1, 3, 8, 8)
    base = _baseline(x, "minimum")
    assert base.shape == x.shape and torch.equal(base[0, :, 3, 5], x.amin(dim=(2, 3))[0])
