"""LayerCAM fusion: one map fuses to itself normalised, a hand-made pair to its known maximum, torch-cam's
``LayerCAM.fuse_cams`` formula written out by hand, and the fusion of resnet18's every convolution (random
weights) is a non-blank map at the input's size."""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn.functional as F
import torchvision

from cnnviz.core.analysis.cam_fusion import fuse_layer_cams, layercam_fusion, shallow_layers
from cnnviz.core.analysis.layer_cams import layercam_all_layers
from cnnviz.core.errors import CnnvizError
from cnnviz.core.views.attribution_view import normalise_map


def test_one_map_fuses_to_itself_normalised() -> None:
    torch.manual_seed(0)
    amap = torch.randn(1, 1, 5, 7)
    fused = fuse_layer_cams({"a": amap}, (20, 28))
    assert fused.shape == (1, 1, 20, 28) and fused.dtype == torch.float32
    torch.testing.assert_close(fused[0, 0], normalise_map(amap, "layercam", (20, 28)))
    assert 0.5 < float(fused.max()) <= 1.0  # normalised at the layer's resolution, then upsampled


def test_shape_of_a_batch_and_each_sample_normalised_alone() -> None:
    maps = {"deep": torch.rand(2, 1, 2, 2) + 0.1, "mid": torch.rand(2, 1, 4, 4), "fine": torch.rand(2, 1, 8, 8)}
    maps["deep"][1] *= 1000.0  # the second sample's scale must not touch the first's
    fused = fuse_layer_cams(maps, (16, 16))
    assert fused.shape == (2, 1, 16, 16)
    assert 0.0 <= float(fused.min()) and float(fused.max()) <= 1.0
    torch.testing.assert_close(fused[0], fuse_layer_cams({k: m[:1] for k, m in maps.items()}, (16, 16))[0])
    assert shallow_layers(maps) == ["mid", "fine"]


def test_a_hand_made_pair() -> None:
    a = torch.tensor([[1.0, 2.0], [0.0, 4.0]])  # /4 -> [[.25, .5], [0, 1]], scaled: tanh(2 m)
    b = torch.tensor([[3.0, 0.0], [0.0, -5.0]])  # ReLU, /3 -> [[1, 0], [0, 0]]
    plain = fuse_layer_cams({"a": a, "b": b}, (2, 2), shallow="none")
    torch.testing.assert_close(plain[0, 0], torch.tensor([[1.0, 0.5], [0.0, 1.0]]))
    scaled = fuse_layer_cams({"a": a, "b": b}, (2, 2), shallow={"a"})
    t = math.tanh
    torch.testing.assert_close(scaled[0, 0], torch.tensor([[1.0, t(1.0)], [0.0, t(2.0)]]))
    only_b = fuse_layer_cams({"a": a, "b": b}, (2, 2), layers=["b"])
    torch.testing.assert_close(only_b[0, 0], torch.tensor([[1.0, 0.0], [0.0, 0.0]]))


def test_equals_torch_cams_formula() -> None:
    """torch-cam: each CAM min-max normalised, ``tanh(2 cam)`` (LayerCAM._scale_cams), bilinear upsampling to
    the target shape, then the maximum over layers (_CAM._fuse_cams)."""
    torch.manual_seed(1)
    maps = {f"l{s}": F.relu(torch.randn(1, 1, s, s)) for s in (16, 8, 4, 2)}
    for m in maps.values():
        m.view(-1)[0] = 0.0  # min 0: min-max normalisation is division by the maximum

    def torchcam(cam: torch.Tensor) -> torch.Tensor:
        cam = cam[:, 0].clone()
        cam -= cam.flatten(1).min(-1).values[:, None, None]
        cam /= cam.flatten(1).max(-1).values[:, None, None]
        cam = torch.tanh(2.0 * cam)
        return F.interpolate(cam.unsqueeze(1), (32, 32), mode="bilinear", align_corners=False)

    expected = torch.stack([torchcam(m) for m in maps.values()]).max(dim=0).values
    torch.testing.assert_close(fuse_layer_cams(maps, (32, 32), shallow="all"), expected)


def test_zero_maps_stay_zero_and_bad_input_is_one_line() -> None:
    assert float(fuse_layer_cams({"a": torch.zeros(1, 1, 3, 3)}, (6, 6)).abs().max()) == 0.0
    for maps, size, kwargs, words in [({}, (4, 4), {}, "at least one"),
                                      ({"a": torch.rand(1, 1, 2, 2)}, (4, 4), {"layers": ["b"]}, "no map for b"),
                                      ({"a": torch.rand(1, 3, 2, 2)}, (4, 4), {}, "expected (N, 1, h, w)"),
                                      ({"a": torch.rand(1, 1, 2, 2)}, (4,), {}, "(H, W)"),
                                      ({"a": torch.rand(1, 1, 2, 2)}, (4, 4), {"shallow": "some"}, "shallow")]:
        with pytest.raises(CnnvizError) as info:
            fuse_layer_cams(maps, size, **kwargs)
        assert words in str(info.value) and "\n" not in str(info.value)


def test_resnet18_every_convolution_fused() -> None:
    torch.manual_seed(0)
    model = torchvision.models.resnet18(weights=None).eval()
    x = torch.randn(1, 3, 64, 64)
    fused = layercam_fusion(model, x)
    assert fused.shape == (1, 1, 64, 64)
    assert float(fused.max()) > 0.5 and float(fused.std()) > 0.01  # not blank, not flat
    maps = layercam_all_layers(model, x)
    assert len(maps) == 20
    torch.testing.assert_close(fused, fuse_layer_cams(maps, (64, 64)))
    assert not model.training and all(p.requires_grad for p in model.parameters())
