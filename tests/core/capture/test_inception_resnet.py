"""Inception-ResNet blocks (``out = act(conv(cat(branches)) * scale + x)``, timm's Block35/17/8) are both an
Inception block and a residual block: ``<block>:branch<i>`` are the concatenation that begins the residual
path, ``<block>:identity/residual/sum`` the add, exactly, on the first capture and on later ones."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from cnnviz.core.capture.anatomy import block_named, block_of, block_report, inception_blocks, residual_blocks
from cnnviz.core.capture.block_watch import find_blocks
from cnnviz.core.capture.run import capture
from cnnviz.core.models import zoo
from cnnviz.core.views.block_views import inception_view, residual_path_text, residual_view


def conv_bn(cin: int, cout: int, k: int) -> nn.Sequential:
    """timm's ConvNormAct: conv, batch norm, an in-place ReLU."""
    return nn.Sequential(nn.Conv2d(cin, cout, k, padding=k // 2, bias=False), nn.BatchNorm2d(cout),
                         nn.ReLU(inplace=True))


class MiniBlock35(nn.Module):
    """timm's Block35 in small: three branches concatenated, a 1x1 conv back to the input's width, scaled, + x."""

    def __init__(self, c: int = 12, scale: float = 0.17, relu: bool = True) -> None:
        super().__init__()
        self.scale = scale
        self.branch0 = conv_bn(c, 4, 1)
        self.branch1 = nn.Sequential(conv_bn(c, 4, 1), conv_bn(4, 4, 3))
        self.branch2 = nn.Sequential(conv_bn(c, 4, 1), conv_bn(4, 6, 3), conv_bn(6, 8, 3))
        self.conv2d = nn.Conv2d(16, c, 1)
        self.act = nn.ReLU() if relu else None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x0 = self.branch0(x)
        x1 = self.branch1(x)
        x2 = self.branch2(x)
        out = torch.cat((x0, x1, x2), 1)
        out = self.conv2d(out)
        out = out * self.scale + x
        if self.act is not None:
            out = self.act(out)
        return out


class Plain(nn.Module):
    """A plain residual block and a plain Inception block beside them: they keep their kinds."""

    def __init__(self, c: int = 12) -> None:
        super().__init__()
        self.a = nn.Conv2d(c, 4, 1)
        self.b = nn.Conv2d(c, 8, 3, padding=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.cat((self.a(x), self.b(x)), 1)


class Residual(nn.Module):
    def __init__(self, c: int = 12) -> None:
        super().__init__()
        self.conv = nn.Conv2d(c, c, 3, padding=1)
        self.relu = nn.ReLU()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.relu(x + self.conv(x))


class MiniInceptionResNet(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 12, 3, padding=1), nn.ReLU())
        self.res = Residual()
        self.repeat = nn.Sequential(MiniBlock35(), MiniBlock35(scale=0.5))
        self.last = MiniBlock35(scale=1.0, relu=False)
        self.mixed = Plain()
        self.fc = nn.Linear(12, 5)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.last(self.repeat(self.res(self.stem(x))))
        return self.fc(self.mixed(x).mean((2, 3)))


IR_BLOCKS = ("repeat.0", "repeat.1", "last")


def cat_inputs(model: nn.Module, paths) -> tuple[dict[str, torch.Tensor], list]:
    """What each block's ``conv2d`` really receives (the concatenation), seen by independent cloning hooks."""
    seen: dict[str, torch.Tensor] = {}
    handles = [model.get_submodule(f"{p}.conv2d").register_forward_pre_hook(
        lambda m, args, p=p: seen.__setitem__(p, args[0].detach().clone())) for p in paths]
    return seen, handles


def check_exact(cap, seen: dict[str, torch.Tensor], paths) -> None:
    for path in paths:
        block = next(b for b in cap.blocks if b.path == path)
        branches = [cap[f"{path}:branch{i}"] for i in range(len(block.branches))]
        assert torch.equal(torch.cat(branches, 1), seen[path]), path
        identity, residual, total = cap[f"{path}:identity"], cap[f"{path}:residual"], cap[f"{path}:sum"]
        assert torch.equal(identity + residual, total), path
        assert torch.equal(residual, cap[f"{path}.conv2d"] * block.residual_scale), path  # F(x) includes the scale
        after = torch.relu(total) if block.activation else total
        assert torch.equal(after, cap[path]), path


@pytest.fixture(scope="module")
def mini() -> MiniInceptionResNet:
    torch.manual_seed(0)
    model = MiniInceptionResNet().eval()
    with torch.no_grad():  # batch norms that do something
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 2.0)
    return model


def test_block_is_both_inception_and_residual(mini) -> None:
    blocks = {b.path: b for b in find_blocks(mini, (3, 12, 12))}
    assert {p: b.kind for p, b in blocks.items()} == {
        "res": "residual", "repeat.0": "inception_residual", "repeat.1": "inception_residual",
        "last": "inception_residual", "mixed": "inception"}
    block = blocks["repeat.0"]
    assert block.parts == ("repeat.0:branch0", "repeat.0:branch1", "repeat.0:branch2",
                           "repeat.0:identity", "repeat.0:residual", "repeat.0:sum")
    assert [b.label for b in block.branches] == ["1x1 conv, 4", "1x1 -> 3x3, 4 -> 4", "1x1 -> 3x3 -> 3x3, 4 -> 8"]
    assert [b.channel_range for b in block.branches] == [(0, 4), (4, 8), (8, 16)]  # of the cat, not the output
    assert block.shortcut == "identity" and block.activation == "relu" and block.residual_scale == pytest.approx(0.17)
    assert block.concatenates and block.adds and not block.branches_are_output
    assert blocks["last"].activation is None and blocks["last"].residual_scale == 1.0
    assert not blocks["res"].concatenates and blocks["res"].residual_scale is None
    assert not blocks["mixed"].adds and blocks["mixed"].branches_are_output
    listed = list(blocks.values())
    assert [b.path for b in inception_blocks(listed)] == ["repeat.0", "repeat.1", "last", "mixed"]
    assert [b.path for b in residual_blocks(listed)] == ["res", "repeat.0", "repeat.1", "last"]
    for kind in ("inception", "residual"):
        assert block_named(listed, "repeat.1", kind).path == "repeat.1"
        assert block_of(listed, "repeat.1.branch2.1.0", kind).path == "repeat.1"
        assert block_of(listed, "repeat.1:branch2", kind).path == "repeat.1"


@pytest.mark.parametrize("train_mode", [False, True])
def test_parts_are_exact_on_first_and_later_captures(mini, train_mode: bool) -> None:
    x = torch.randn(2, 3, 12, 12, generator=torch.Generator().manual_seed(1))
    seen, handles = cat_inputs(mini, IR_BLOCKS)
    try:
        for _ in range(3):  # the first capture discovers; later ones follow the plan
            seen.clear()
            cap = capture(mini, x, train_mode=train_mode)
            check_exact(cap, seen, IR_BLOCKS)
            assert torch.equal(cap["repeat.0:identity"], cap["res"])
    finally:
        for h in handles:
            h.remove()
    assert cap.extras["blocks"][1] == {"path": "repeat.0", "kind": "inception_residual"}


def test_report_and_views_show_both_halves(mini) -> None:
    cap = capture(mini, torch.randn(1, 3, 12, 12))
    block = block_named(cap.blocks, "repeat.0", "inception")
    report = block_report(block)
    assert report["kind"] == "inception_residual" and report["shortcut"] == "identity"
    assert report["residual_scale"] == pytest.approx(0.17)
    assert [b["label"] for b in report["branches"]] == [b.label for b in block.branches]
    assert report["branches"][2]["weights"] == 12 * 4 + 4 * 6 * 9 + 6 * 8 * 9  # from the block's 12 channels
    assert "residual_scale" not in block_report(block_named(cap.blocks, "res", "residual"))  # unchanged
    text = residual_path_text(block)
    assert text == "F(x) = 1x1 conv (16 -> 12) of the 3 branches concatenated, \u00d7 0.17; output = relu(x + F(x))"
    assert residual_path_text(block_named(cap.blocks, "last", "residual")).endswith("branches concatenated; output = x + F(x)")
    view = inception_view(cap, block)
    assert view.out_channels == 16 and view.size == (12, 12) and view.residual_path == text
    assert [b.part.key for b in view.branches] == ["repeat.0:branch0", "repeat.0:branch1", "repeat.0:branch2"]
    assert sum(b.energy_share for b in view.branches) == pytest.approx(1.0)
    rview = residual_view(cap, block)
    assert [p.key for p in rview.parts] == ["repeat.0:identity", "repeat.0:residual", "repeat.0:sum", "repeat.0"]
    assert rview.residual_path == text and [p for p, _ in rview.strengths] == ["res", "repeat.0", "repeat.1", "last"]
    plain = inception_view(cap, block_named(cap.blocks, "mixed", "inception"))
    assert plain.residual_path == "" and plain.out_channels == 12
    assert residual_view(cap, block_named(cap.blocks, "res", "residual")).residual_path == ""


def test_render_views_of_an_inception_resnet_block(mini) -> None:
    from cnnviz.cli.render import render_inception, render_residual

    cap = capture(mini, torch.randn(1, 3, 12, 12))
    then = "F(x) = 1x1 conv (16 -> 12) of the 3 branches concatenated, \u00d7 0.17; output = relu(x + F(x))"
    panels, footer = render_inception(cap, "repeat.0")
    assert len(panels) == 3 and footer == f"repeat.0 (MiniBlock35): 3 branches concatenated; {then}"
    panels, footer = render_residual(cap, "repeat.0")
    assert len(panels) == 4 and footer.startswith("repeat.0 (MiniBlock35): ||F(x)|| / ||x||") and footer.endswith(then)
    assert render_inception(cap, "mixed")[1] == "mixed (Plain): 2 branches concatenated"  # as before


@pytest.mark.parametrize("name, shape", [("googlenet", (3, 224, 224)), ("inception_v3", (3, 299, 299)),
                                         ("resnet18", (3, 224, 224)), ("mnist_inception", (1, 28, 28)),
                                         ("mnist_residual", (1, 28, 28))])
def test_other_models_keep_their_kinds(name: str, shape) -> None:
    kinds = {b.kind for b in find_blocks(zoo.build_model(name), shape)}
    assert kinds == ({"residual"} if "res" in name else {"inception"})


# ---------------------------------------------------------------------- timm's inception_resnet_v2

@pytest.fixture(scope="module")
def irv2():
    timm = pytest.importorskip("timm")
    torch.manual_seed(0)
    model = timm.create_model("inception_resnet_v2", pretrained=False).eval()  # 55 M parameters: built once
    return model


def test_timm_inception_resnet_v2_blocks(irv2) -> None:
    blocks = find_blocks(irv2, (3, 75, 75))  # the smallest input it takes is about 75x75
    kinds = {b.path: (b.kind, b.type_name) for b in blocks}
    assert [p for p, (k, _) in kinds.items() if k == "inception"] == ["mixed_5b", "mixed_6a", "mixed_7a"]
    both = [p for p, (k, _) in kinds.items() if k == "inception_residual"]
    assert both == ([f"repeat.{i}" for i in range(10)] + [f"repeat_1.{i}" for i in range(20)]
                    + [f"repeat_2.{i}" for i in range(9)] + ["block8"])
    by = {b.path: b for b in blocks}
    assert [b.label for b in by["repeat.0"].branches] == ["1x1 conv, 32", "1x1 -> 3x3, 32 -> 32",
                                                          "1x1 -> 3x3 -> 3x3, 32 -> 64"]
    assert by["repeat.0"].residual_scale == pytest.approx(0.17) and by["repeat.0"].activation == "relu"
    assert [b.label for b in by["repeat_1.0"].branches] == ["1x1 conv, 192", "1x1 -> 1x7 -> 7x1, 128 -> 192"]
    assert by["block8"].activation is None and by["block8"].residual_scale == 1.0  # no_relu, scale 1


def test_timm_inception_resnet_v2_parts_are_exact(irv2) -> None:
    x = torch.randn(1, 3, 75, 75, generator=torch.Generator().manual_seed(2))
    paths = ["repeat.0", "repeat.9", "repeat_1.0", "repeat_2.8", "block8"]
    seen, handles = cat_inputs(irv2, paths)
    try:
        for _ in range(2):  # discovery, then the learned plan
            seen.clear()
            cap = capture(irv2, x)
            check_exact(cap, seen, paths)
    finally:
        for h in handles:
            h.remove()
    view = inception_view(cap, block_named(cap.blocks, "repeat.0", "inception"))
    assert view.out_channels == 128 and view.in_channels == 320
    assert view.residual_path.startswith("F(x) = 1x1 conv (128 -> 320) of the 3 branches concatenated, \u00d7 0.17")
