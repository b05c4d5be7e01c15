"""Progress and cancel of the pixel methods that run the model many times."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from cnnviz.core.analysis.attribution import attribute
from cnnviz.core.analysis.forward_progress import Cancelled


@pytest.fixture(scope="module")
def net():
    torch.manual_seed(0)
    return nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                         nn.Linear(4, 5)).eval()


@pytest.mark.parametrize("method,options", [("integrated-gradients", {"n_steps": 20, "internal_batch_size": 4}),
                                            ("smoothgrad", {"nt_samples": 12, "internal_batch_size": 3}),
                                            ("occlusion", {"window": 4, "stride": 2})])
def test_progress_counts_the_models_calls_up_to_the_total(net, method, options) -> None:
    x = torch.rand(1, 3, 16, 16)
    seen = []
    maps = attribute(net, x, method=method, progress=lambda d, t: seen.append((d, t)), **options)
    plain = attribute(net, x, method=method, **options)
    assert torch.allclose(maps["input"], plain["input"], atol=1e-6) or method == "smoothgrad"  # noise differs
    totals = {t for _, t in seen}
    assert len(totals) == 1 and seen[-1][0] == seen[-1][1]  # ends at the total
    done = [d for d, _ in seen]
    assert done == sorted(done) and len(seen) >= 4  # several steps, in order
    assert abs((len(seen) - 1) - seen[-1][1]) <= 2  # the estimate is the number of calls, give or take


def test_cancel_stops_between_two_calls_and_leaves_the_model_as_it_was(net) -> None:
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 3

    net.train()
    flags = [p.requires_grad for p in net.parameters()]
    with pytest.raises(Cancelled, match="attribution cancelled"):
        attribute(net, torch.rand(1, 3, 16, 16), method="integrated-gradients", n_steps=20, internal_batch_size=2,
                  cancel=cancel)
    assert len(calls) == 4 and net.training and [p.requires_grad for p in net.parameters()] == flags
    assert not net._forward_pre_hooks  # the hook is gone
    net.eval()
