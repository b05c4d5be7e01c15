"""Block anatomy: blocks found in every family, their parts exact, the course's 1x1 numbers."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from cnnviz.core.models import zoo
from cnnviz.core.capture.anatomy import branch_costs, inception_blocks, residual_blocks, residual_strength
from cnnviz.core.capture.block_watch import find_blocks
from cnnviz.core.capture.run import capture
from tests.core.capture.oracles import reference_capture

FAMILIES = [  # name, input size, (inception blocks, residual blocks)
    ("googlenet", 64, (9, 0)),
    ("inception_v3", 96, (11, 0)),
    ("resnet18", 64, (0, 8)),
    ("resnet50", 64, (0, 16)),
    ("resnext50_32x4d", 64, (0, 16)),
    ("wide_resnet50_2", 64, (0, 16)),
    ("mobilenet_v2", 64, (0, 10)),
    ("mobilenet_v3_large", 64, (0, 10)),
    ("efficientnet_b0", 64, (0, 9)),
    ("efficientnet_v2_s", 64, (0, 35)),
    ("regnet_y_400mf", 64, (0, 16)),
    ("densenet121", 64, (4, 0)),
    ("mnist_inception", 28, (2, 0)),
    ("mnist_residual", 28, (0, 2)),
]

ACTIVATIONS = {"relu": F.relu, "relu_": F.relu}


def check_parts_exact(cap, model: nn.Module) -> None:
    for block in cap.blocks:
        out = cap[block.path]
        if block.kind == "residual":
            ident, resid, total = (cap[f"{block.path}:{p}"] for p in ("identity", "residual", "sum"))
            assert torch.equal(ident + resid, total), block.path
            expected = ACTIVATIONS[block.activation](total) if block.activation else total
            assert torch.equal(out, expected), block.path
        else:
            branches = [cap[f"{block.path}:branch{i}"] for i in range(len(block.branches))]
            assert torch.equal(torch.cat(branches, 1), out), block.path
            for branch, t in zip(block.branches, branches):
                assert t.shape[1] == branch.out_channels


@pytest.mark.parametrize("name,size,counts", FAMILIES)
def test_blocks_found_and_parts_exact(name: str, size: int, counts: tuple[int, int]) -> None:
    model = zoo.build_model(name).eval()
    x = torch.randn(1, zoo.model_info(name).input.channels, size, size)
    first, second = capture(model, x), capture(model, x)
    assert (len(inception_blocks(first.blocks)), len(residual_blocks(first.blocks))) == counts
    oracle = reference_capture(model, x)
    for cap in (first, second):
        check_parts_exact(cap, model)
        for key, expected in oracle.items():  # module outputs are still exact with blocks watched
            assert torch.equal(cap[key], expected), key
    assert [k for k in first] == [k for k in second]


def test_resnet_identity_and_residual_are_the_values_added() -> None:
    model = zoo.build_model("resnet18").eval()
    x = torch.randn(1, 3, 64, 64)
    capture(model, x)
    cap = capture(model, x)
    oracle = reference_capture(model, x)
    assert torch.equal(cap["layer1.0:identity"], oracle["maxpool"])  # plain shortcut: the block input
    assert torch.equal(cap["layer1.0:residual"], oracle["layer1.0.bn2"])  # before `out += identity`
    assert torch.equal(cap["layer2.0:identity"], oracle["layer2.0.downsample"])  # the projection
    block = {b.path: b for b in cap.blocks}["layer2.0"]
    assert block.shortcut == "projection" and block.activation is not None
    assert [s.kernel for s in block.shortcut_steps] == [(1, 1)]
    assert [s.kernel for s in block.residual_steps] == [(3, 3), (3, 3)]


def test_resnet_sum_equals_what_the_final_relu_receives() -> None:
    """An oracle outside the function mode: the input of the block's second `relu` call is the sum."""
    model = zoo.build_model("resnet18").eval()
    x = torch.randn(1, 3, 64, 64)
    capture(model, x)  # learn; the second capture rebuilds the sum from its parts on demand
    seen: dict[str, list[torch.Tensor]] = {"layer1.0": [], "layer2.0": []}
    handles = [model.get_submodule(f"{p}.relu").register_forward_pre_hook(
        lambda m, args, p=p: seen[p].append(args[0].clone())) for p in seen]
    try:
        cap = capture(model, x)
    finally:
        for h in handles:
            h.remove()
    for path, calls in seen.items():
        assert torch.equal(cap[f"{path}:sum"], calls[1]), path
        assert (cap[f"{path}:sum"] < 0).any()  # before the activation


def test_googlenet_third_branch_has_its_real_3x3_kernel() -> None:
    blocks = find_blocks(zoo.build_model("googlenet"), (3, 224, 224))
    block = blocks[0]
    assert block.path == "inception3a"
    assert [s.kernel for s in block.branches[2].steps] == [(1, 1), (3, 3)]
    assert [b.label for b in block.branches] == [
        "1x1 conv, 64", "1x1 -> 3x3, 96 -> 128", "1x1 -> 3x3, 16 -> 32", "3x3 max-pool -> 1x1, 32"]


def test_inception_v3_reduction_block_has_its_functional_pool_branch() -> None:
    model = zoo.build_model("inception_v3").eval()
    x = torch.randn(1, 3, 96, 96)
    cap = capture(model, x)
    block = {b.path: b for b in cap.blocks}["Mixed_6a"]
    pool = block.branches[-1]
    assert pool.label.startswith("3x3/2 max-pool") and pool.steps[0].module is None  # F.max_pool2d
    with torch.no_grad():
        expected = F.max_pool2d(cap["Mixed_5d"], kernel_size=3, stride=2)
    assert torch.equal(cap[f"Mixed_6a:branch{pool.index}"], expected)
    e = {b.path: b for b in cap.blocks}["Mixed_7b"]  # InceptionE: nested concatenations
    assert [br.out_channels for br in e.branches] == [320, 768, 768, 192]


class OddlyNamed(nn.Module):
    """A user's module: a cat and an add in forward, nothing named like torchvision."""

    def __init__(self) -> None:
        super().__init__()
        self.a = nn.Conv2d(4, 3, 1)
        self.b = nn.Conv2d(4, 5, 3, padding=1)
        self.mix = nn.Conv2d(8, 4, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = torch.cat((self.a(x), self.b(x)), 1)
        return torch.tanh(self.mix(y) + x)


class Net(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.stem = nn.Conv2d(3, 4, 3, padding=1)
        self.thing = OddlyNamed()
        self.wrap = nn.Sequential(OddlyNamed())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.wrap(self.thing(self.stem(x))).mean((2, 3))


def test_inception_v3_split_arms_are_labelled_and_costed_both() -> None:
    """InceptionE's 1x1 feeds a 1x3 and a 3x1 side by side; both arms are in the label and the cost."""
    model = zoo.build_model("inception_v3").eval()
    block = next(b for b in find_blocks(model, (3, 299, 299)) if b.path == "Mixed_7c")
    labels = [b.label for b in block.branches]
    assert labels[1] == "1x1 -> (1x3 | 3x1), 384 -> 768"
    assert labels[2] == "1x1 -> 3x3 -> (1x3 | 3x1), 448 -> 768"
    mod = model.Mixed_7c
    convs = [mod.branch3x3_1, mod.branch3x3_2a, mod.branch3x3_2b]
    assert branch_costs(block)[1].weights == sum(c.conv.weight.numel() for c in convs)
    # without the 1x1, both arms read the block's 2048 input channels
    assert branch_costs(block)[1].direct_weights == 2048 * 384 * 3 * 2


def test_hand_written_module_with_cat_and_add_is_found() -> None:
    model = Net().eval()
    x = torch.randn(2, 3, 10, 10)
    capture(model, x)
    cap = capture(model, x)
    blocks = {b.path: b for b in cap.blocks}
    assert set(blocks) == {"thing", "wrap.0"}
    thing = blocks["thing"]
    # its residual path begins with a channel cat of two paths of x: Inception-ResNet style, so both kinds
    assert thing.kind == "inception_residual" and thing.activation == "tanh" and thing.shortcut == "identity"
    assert torch.equal(cap["thing:identity"], cap["stem"])
    assert torch.equal(cap["thing"], torch.tanh(cap["thing:sum"]))
    assert torch.equal(cap["thing:residual"], cap["thing.mix"])
    # the concatenation inside is not the block's output, so it is not reported as a second block


class CourseBlock(nn.Module):
    """The course's example: 1x1 branch and a 1x1 -> 5x5 branch on a 192-channel input."""

    def __init__(self, cin: int, reduce: int, cout: int) -> None:
        super().__init__()
        self.one = nn.Conv2d(cin, 64, 1, bias=False)
        self.five = nn.Sequential(nn.Conv2d(cin, reduce, 1, bias=False),
                                  nn.Conv2d(reduce, cout, 5, padding=2, bias=False))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.cat([self.one(x), self.five(x)], 1)


class Holder(nn.Module):
    def __init__(self, block: nn.Module) -> None:
        super().__init__()
        self.block = block

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.block(x)


def test_course_numbers_for_the_1x1_reduction() -> None:
    block = find_blocks(Holder(CourseBlock(192, 16, 32)), (192, 28, 28))[0]
    cost = branch_costs(block)[1]
    assert cost.macs == 12_443_648
    assert cost.direct_macs == 120_422_400
    assert cost.saving == pytest.approx(120_422_400 / 12_443_648)
    weights = branch_costs(find_blocks(Holder(CourseBlock(512, 24, 64)), (512, 14, 14))[0])[1]
    assert (weights.weights, weights.direct_weights) == (50_688, 819_200)
    one = branch_costs(block)[0]
    assert one.macs == one.direct_macs == 192 * 64 * 28 * 28


def test_residual_strength_is_the_norm_ratio() -> None:
    model = zoo.build_model("resnet18").eval()
    cap = capture(model, torch.randn(1, 3, 64, 64))
    strength = residual_strength(cap)
    assert list(strength) == [b.path for b in cap.blocks]
    for path, ratio in strength.items():
        r = cap[f"{path}:residual"].norm() / cap[f"{path}:identity"].norm()
        assert ratio == pytest.approx(r.item(), rel=1e-5)


def test_model_without_blocks_gets_no_watch_and_no_extra_keys(monkeypatch) -> None:
    import cnnviz.core.capture.block_watch as bw

    model = zoo.build_model("alexnet_small").eval()
    x = torch.randn(1, 3, 224, 224)
    capture(model, x)
    made = []
    monkeypatch.setattr(bw.BlockWatch, "install", lambda self: made.append(1) or [])
    cap = capture(model, x)
    assert made == [] and cap.blocks == []
    assert not any(":" in k for k in cap)
    assert list(cap) == list(capture(model, x, blocks=False))


class Functional(nn.Module):
    """Parts that exist only inside forward: they need the function mode on every capture."""

    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Conv2d(4, 4, 3, padding=1)
        self.left = nn.Conv2d(4, 2, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = x + F.relu(self.conv(x)) * 0.5
        y.relu_()
        return F.relu(torch.cat([self.left(y), F.max_pool2d(y, 3, 1, 1)], 1))


class FunctionalNet(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.stem = nn.Conv2d(1, 4, 3, padding=1)
        self.inner = Holder(Functional())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.inner(self.stem(x))


def test_blocks_with_functional_parts_use_the_watch_and_stay_exact() -> None:
    from cnnviz.core.capture.run import _PLANS

    model = FunctionalNet().eval()
    x = torch.randn(1, 1, 9, 9)
    first, second = capture(model, x), capture(model, x)
    plans = _PLANS[model].blocks
    assert {p: bp.strategy for p, bp in plans.items()} == {"inner.block": "watch"}
    block = plans["inner.block"].block
    assert block.kind == "inception" and block.activation == "relu"
    stem = second["stem"]
    with torch.no_grad():
        y = stem + F.relu(model.inner.block.conv(stem)) * 0.5
        y = y.relu()
        parts = [model.inner.block.left(y), F.max_pool2d(y, 3, 1, 1)]
    for cap in (first, second):
        for i, expected in enumerate(parts):
            assert torch.equal(cap[f"inner.block:branch{i}"], expected)
        assert torch.equal(cap["inner.block"], F.relu(torch.cat(parts, 1)))
    assert list(first) == list(second)
