"""Block views: Inception branches and residual paths drawn from one capture, their numbers computed directly."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from cnnviz.core.models import zoo
from cnnviz.core.capture.anatomy import block_named, block_of, inception_blocks, residual_blocks
from cnnviz.core.views.block_views import MAX_SHOWN, block_input_key, inception_view, residual_view
from cnnviz.core.capture.run import capture
from cnnviz.core.errors import CnnvizError
from cnnviz.core.views.mosaic import feature_mosaic


@pytest.fixture(scope="module")
def googlenet_cap():
    torch.manual_seed(0)
    return capture(zoo.build_model("googlenet").eval(), torch.randn(1, 3, 64, 64))


@pytest.fixture(scope="module")
def resnet18():
    torch.manual_seed(1)
    model = zoo.build_model("resnet18").eval()
    x = torch.randn(1, 3, 64, 64)
    return model, x, capture(model, x)


def block(cap, path: str):
    return {b.path: b for b in cap.blocks}[path]


# ---------------------------------------------------------------------- Inception

def test_inception3a_branches_labels_and_channel_ranges(googlenet_cap) -> None:
    view = inception_view(googlenet_cap, block(googlenet_cap, "inception3a"))
    assert [b.label for b in view.branches] == [
        "1x1 conv, 64", "1x1 -> 3x3, 96 -> 128", "1x1 -> 3x3, 16 -> 32", "3x3 max-pool -> 1x1, 32"]
    assert [b.index for b in view.branches] == [0, 1, 2, 3]
    ranges = [b.channel_range for b in view.branches]
    assert ranges == [(0, 64), (64, 192), (192, 224), (224, 256)]
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:])) and ranges[-1][1] == view.out_channels == 256
    assert view.in_channels == 192 and view.size == tuple(googlenet_cap["inception3a"].shape[2:])
    assert [b.part.channels for b in view.branches] == [64, 128, 32, 32]
    assert [b.cost.label for b in view.branches] == [b.label for b in view.branches]


def test_inception_energy_shares_are_computed_from_the_capture(googlenet_cap) -> None:
    cap = googlenet_cap
    view = inception_view(cap, block(cap, "inception3a"))
    total = float(cap["inception3a"].double().square().sum())
    expected = [float(cap[f"inception3a:branch{i}"].double().square().sum()) / total for i in range(4)]
    shares = [b.energy_share for b in view.branches]
    assert shares == pytest.approx(expected, rel=1e-5)
    assert sum(shares) == pytest.approx(1.0, abs=1e-6)
    assert len({round(s, 4) for s in shares}) == 4  # not a uniform split
    branches = [cap[f"inception3a:branch{i}"] for i in range(4)]
    assert view.vmax == pytest.approx(max(float(t.abs().max()) for t in branches))
    assert view.signed == any(bool((t < 0).any()) for t in branches)


def test_inception_mosaics_show_at_most_max_shown_strongest_channels(googlenet_cap) -> None:
    cap = googlenet_cap
    view = inception_view(cap, block(cap, "inception3a"))
    for branch in view.branches:
        part, grid = branch.part, branch.part.grid
        assert part.key == f"inception3a:branch{branch.index}"
        assert part.shown == min(part.channels, MAX_SHOWN) and len(set(grid.order)) == part.shown
        assert grid.rows * grid.cols >= part.shown and (grid.rows - 1) * grid.cols < part.shown
        assert part.image.dtype == np.uint8 and part.image.shape[:2] == (grid.height, grid.width)
        assert part.image.std() > 0  # not blank
    wide = view.branches[1]  # 128 channels: the 64 with the highest mean are drawn, highest first
    means = cap["inception3a:branch1"][0].mean(dim=(1, 2))
    top = torch.argsort(means, descending=True, stable=True)[:MAX_SHOWN].tolist()
    assert wide.part.channels > MAX_SHOWN and list(wide.part.grid.order) == top
    assert list(wide.part.grid.order) != list(range(MAX_SHOWN))
    assert list(view.branches[0].part.grid.order) == list(range(64))  # no more than MAX_SHOWN: index order
    # every branch is drawn on the block's one scale: the same picture feature_mosaic makes with it
    expected = feature_mosaic(cap["inception3a:branch1"], order="mean", max_channels=MAX_SHOWN,
                              scale=view.vmax, signed=view.signed)
    assert (wide.part.image == expected.image).all()


def test_inception_view_of_a_capture_without_blocks_says_so() -> None:
    torch.manual_seed(0)
    model = zoo.build_model("mnist_inception").eval()
    x = torch.randn(1, 1, 28, 28)
    blocks = capture(model, x).blocks
    bare = capture(model, x, blocks=False)
    with pytest.raises(CnnvizError, match="blocks=True"):
        inception_view(bare, inception_blocks(blocks)[0])


# ---------------------------------------------------------------------- residual

def test_residual_identity_block_has_four_parts(resnet18) -> None:
    _, _, cap = resnet18
    view = residual_view(cap, block(cap, "layer1.0"))
    assert view.shortcut == "identity" and view.type_name == "BasicBlock"
    assert [p.key for p in view.parts] == ["layer1.0:identity", "layer1.0:residual", "layer1.0:sum", "layer1.0"]
    assert "identity" in view.parts[0].title and "relu" in view.parts[-1].title
    assert block_input_key(cap, block(cap, "layer1.0")) == "layer1.0:identity"


def test_residual_projection_block_starts_with_the_block_input(resnet18) -> None:
    model, x, cap = resnet18
    b = block(cap, "layer2.0")
    view = residual_view(cap, b)
    assert view.shortcut == "projection"
    assert [p.key for p in view.parts] == ["layer1", "layer2.0:identity", "layer2.0:residual", "layer2.0:sum",
                                           "layer2.0"]
    assert block_input_key(cap, b) == "layer1"
    assert [p.channels for p in view.parts] == [64, 128, 128, 128, 128]
    assert view.parts[0].size == tuple(cap["layer1"].shape[2:]) != view.parts[1].size  # stride 2
    seen = []  # what layer2.0 really received
    handle = model.get_submodule("layer2.0").register_forward_pre_hook(lambda m, args: seen.append(args[0].clone()))
    try:
        with torch.no_grad():
            model(x)
    finally:
        handle.remove()
    assert torch.equal(cap["layer1"], seen[0])


def test_residual_ratio_and_strengths_are_computed_directly(resnet18) -> None:
    _, _, cap = resnet18
    paths = [b.path for b in residual_blocks(cap.blocks)]
    assert len(paths) == 8
    for path in ("layer1.0", "layer2.0", "layer4.1"):
        view = residual_view(cap, block(cap, path))
        expected = float(torch.linalg.vector_norm(cap[f"{path}:residual"].double())
                         / torch.linalg.vector_norm(cap[f"{path}:identity"].double()))
        assert view.ratio == pytest.approx(expected, rel=1e-5)
        assert [p for p, _ in view.strengths] == paths
        assert dict(view.strengths)[path] == view.ratio
    ratios = [r for _, r in view.strengths]
    assert all(r > 0 for r in ratios) and len({round(r, 4) for r in ratios}) == 8


def test_residual_parts_share_one_scale(resnet18) -> None:
    _, _, cap = resnet18
    view = residual_view(cap, block(cap, "layer2.0"))
    tensors = [cap[p.key] for p in view.parts]
    peaks = [float(t.abs().max()) for t in tensors]
    assert view.vmax == pytest.approx(max(peaks))
    assert len({round(p, 3) for p in peaks}) > 1  # the parts differ, so one scale is a real choice
    for part, t in zip(view.parts, tensors):  # each drawn with the shared scale, channels in index order
        expected = feature_mosaic(t, max_channels=MAX_SHOWN, scale=view.vmax, signed=True)
        assert (part.image == expected.image).all(), part.key
        assert list(part.grid.order) == list(range(min(part.channels, MAX_SHOWN)))
    own = feature_mosaic(tensors[1], max_channels=MAX_SHOWN, signed=True)  # its own scale would differ
    assert not (own.image == view.parts[1].image).all()


def test_mobilenet_v2_residual_blocks_are_identity() -> None:
    torch.manual_seed(0)
    cap = capture(zoo.build_model("mobilenet_v2").eval(), torch.randn(1, 3, 64, 64))
    blocks = residual_blocks(cap.blocks)
    assert len(blocks) == 10
    view = residual_view(cap, blocks[0])
    assert view.shortcut == "identity" and len(view.parts) == 4 and len(view.strengths) == 10
    assert view.parts[-1].title == "output"  # no activation after the add


# ---------------------------------------------------------------------- block_of

class Res(nn.Module):
    def __init__(self, body: nn.Module | None = None) -> None:
        super().__init__()
        self.body = body if body is not None else nn.Conv2d(4, 4, 3, padding=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.relu(self.body(x) + x)


class Nested(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.stem = nn.Conv2d(3, 4, 3, padding=1)
        self.outer = Res(nn.Sequential(Res(), nn.Conv2d(4, 4, 1)))
        self.head = nn.Conv2d(4, 2, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.outer(self.stem(x))).mean((2, 3))


def test_block_of_finds_the_innermost_block() -> None:
    blocks = capture(Nested().eval(), torch.randn(1, 3, 8, 8)).blocks
    assert sorted(b.path for b in blocks) == ["outer", "outer.body.0"]
    assert block_of(blocks, "outer.body.0.body", "residual").path == "outer.body.0"
    assert block_of(blocks, "outer.body.0", "residual").path == "outer.body.0"
    assert block_of(blocks, "outer.body.1", "residual").path == "outer"
    assert block_of(blocks, "outer:sum", "residual").path == "outer"
    for outside in ("stem", "head", "outerx", None, ""):
        assert block_of(blocks, outside, "residual") is None
    assert block_of(blocks, "outer.body.0", "inception") is None


def test_block_of_in_torchvision_models(googlenet_cap, resnet18) -> None:
    blocks = googlenet_cap.blocks
    assert block_of(blocks, "inception3a.branch2.1.conv", "inception").path == "inception3a"
    assert block_of(blocks, "inception4e:branch3", "inception").path == "inception4e"
    assert block_of(blocks, "conv1", "inception") is None
    assert block_of(blocks, "maxpool3", "inception") is None
    assert block_of(blocks, "inception3a", "residual") is None
    blocks = resnet18[2].blocks
    assert block_of(blocks, "layer2.0.downsample.0", "residual").path == "layer2.0"
    assert block_of(blocks, "layer3.1.bn2", "residual").path == "layer3.1"
    assert block_of(blocks, "layer2", "residual") is None  # holds blocks, is not one
    assert block_of(blocks, "fc", "residual") is None


@pytest.mark.parametrize("outer_first", [False, True])
@pytest.mark.parametrize("name", ["outer.body.0.body", "outer.body.0", "outer.body.0:sum", "outer.body.1", "outer"])
def test_command_line_and_dock_pick_the_same_block(name: str, outer_first: bool) -> None:
    from cnnviz.cli.render import render_residual

    cap = capture(Nested().eval(), torch.randn(1, 3, 8, 8))
    if outer_first:  # blocks listed outer first (by path): the lookup must not depend on the order
        cap.blocks = sorted(cap.blocks, key=lambda b: b.path)
    in_the_dock = block_of(cap.blocks, name, "residual")  # what BlockPanel.refresh shows for the selected layer
    assert block_named(cap.blocks, name, "residual") is in_the_dock
    _, footer = render_residual(cap, name)  # cnnviz render --view residual --layer NAME
    assert footer.startswith(f"{in_the_dock.path} (")
    assert in_the_dock.path == ("outer.body.0" if name.startswith("outer.body.0") else "outer")
