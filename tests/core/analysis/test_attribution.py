"""Attribution: every map equals Captum's own for the same layer, class and settings (resnet18 and googlenet with
random weights), every-convolution Grad-CAM/LayerCAM from one pass equals the per-layer maps, Grad-CAM++ and
LayerCAM equal a straightforward reference, bad input is one line, and the model is left as it was."""

from __future__ import annotations

import types
import warnings

import numpy as np
import pytest
import torch
import torchvision
from captum.attr import (GuidedBackprop, GuidedGradCam, IntegratedGradients, LayerGradCam, NoiseTunnel, Occlusion,
                         Saliency)
from torch import nn

import cnnviz
from cnnviz.core.analysis.attribution import METHODS, PIXEL_METHODS, attribute, default_layer
from cnnviz.core.analysis.layer_cams import gradcam_all_layers, layercam_all_layers
from cnnviz.core.errors import CnnvizError

SIZE = 64


@pytest.fixture(autouse=True)
def _no_downloads(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a test tried to download")
    monkeypatch.setattr(torch.hub, "download_url_to_file", refuse)
    monkeypatch.setattr(torch.hub, "load_state_dict_from_url", refuse)


def _build(name: str) -> nn.Module:
    torch.manual_seed(0)
    kwargs = {"init_weights": True} if name == "googlenet" else {}
    return torchvision.models.get_model(name, weights=None, **kwargs).eval()


@pytest.fixture(scope="module")
def models() -> dict[str, nn.Module]:
    return {"resnet18": _build("resnet18"), "googlenet": _build("googlenet")}


@pytest.fixture(scope="module")
def x() -> torch.Tensor:
    return torch.randn(1, 3, SIZE, SIZE, generator=torch.Generator().manual_seed(1))


def _quiet(fn):
    with warnings.catch_warnings():  # Captum's own notes ("Setting backward hooks on ReLU activations" ...)
        warnings.simplefilter("ignore")
        return fn().detach()


def _close(a: torch.Tensor, b: torch.Tensor) -> None:
    assert a.shape == b.shape
    scale = max(float(b.abs().max()), 1e-12)
    torch.testing.assert_close(a, b, rtol=1e-5, atol=1e-5 * scale)


def _with_relu_modules(model: nn.Module) -> nn.Module:
    """GoogLeNet with each BasicConv2d's functional ReLU made an nn.ReLU module, which Captum can hook."""
    import copy

    model = copy.deepcopy(model)
    for m in model.modules():
        if type(m).__name__ == "BasicConv2d":
            m.relu = nn.ReLU(inplace=True)
            m.forward = types.MethodType(lambda self, x: self.relu(self.bn(self.conv(x))), m)
    return model


LAYERS = [("resnet18", "layer4"), ("resnet18", "layer2.0.conv1"), ("resnet18", "layer1.0.bn1"),
          ("googlenet", "inception4a"), ("googlenet", "conv2.conv")]


@pytest.mark.parametrize(("name", "layer"), LAYERS)
@pytest.mark.parametrize("target", [None, 7])
def test_gradcam_equals_captum(models, x, name, layer, target) -> None:
    model = models[name]
    ours = attribute(model, x, method="gradcam", layers=layer, target=target)
    cls = int(model(x).argmax()) if target is None else target
    assert ours.targets.tolist() == [cls]
    ref = _quiet(lambda: LayerGradCam(model, model.get_submodule(layer)).attribute(
        x, target=cls, relu_attributions=True))
    _close(ours[layer], ref)


@pytest.mark.parametrize(("name", "layer"), [("resnet18", "layer3.1.conv2"), ("googlenet", "inception4b")])
def test_guided_gradcam_equals_captum(models, x, name, layer) -> None:
    model = models[name]
    ours = attribute(model, x, method="guided-gradcam", layers=layer, target=3)
    reference = model if name == "resnet18" else _with_relu_modules(model)
    ref = _quiet(lambda: GuidedGradCam(reference, reference.get_submodule(layer)).attribute(x, target=3))
    _close(ours[layer], ref)


@pytest.mark.parametrize("name", ["resnet18", "googlenet"])
def test_guided_backprop_equals_captum_where_captum_sees_every_relu(models, x, name) -> None:
    model = models[name]
    ours = attribute(model, x, method="guided-backprop", target=5)["input"]
    reference = model if name == "resnet18" else _with_relu_modules(model)
    _close(ours, _quiet(lambda: GuidedBackprop(reference).attribute(x, target=5)))
    if name == "googlenet":  # its ReLUs are functional: Captum on the model itself gives the plain gradient
        plain = _quiet(lambda: GuidedBackprop(model).attribute(x, target=5))
        assert float((ours - plain).abs().max()) > 0.1 * float(plain.abs().max())


@pytest.mark.parametrize("name", ["resnet18", "googlenet"])
def test_pixel_methods_equal_captum(models, x, name) -> None:
    model = models[name]
    _close(attribute(model, x, method="saliency", target=2)["input"],
           _quiet(lambda: Saliency(model).attribute(x, target=2)))
    _close(attribute(model, x, method="integrated-gradients", target=2, n_steps=8)["input"],
           _quiet(lambda: IntegratedGradients(model).attribute(x, target=2, n_steps=8)))
    torch.manual_seed(3)
    ours = attribute(model, x, method="smoothgrad", target=2, nt_samples=3, stdevs=0.2)["input"]
    torch.manual_seed(3)
    ref = _quiet(lambda: NoiseTunnel(Saliency(model)).attribute(x, target=2, nt_type="smoothgrad", nt_samples=3,
                                                                 stdevs=0.2))
    _close(ours, ref)
    ours = attribute(model, x, method="occlusion", target=2, window=32, stride=32)["input"]
    ref = _quiet(lambda: Occlusion(model).attribute(x, target=2, sliding_window_shapes=(3, 32, 32),
                                                   strides=(3, 32, 32), baselines=0))
    _close(ours, ref)


@pytest.mark.parametrize("name", ["resnet18", "googlenet"])
def test_all_layer_gradcam_equals_the_per_layer_maps(models, x, name) -> None:
    model = models[name]
    maps = gradcam_all_layers(model, x, target=11)
    convs = [p for p, m in model.named_modules() if isinstance(m, nn.Conv2d)]
    ran = [p for p in convs if not p.startswith("aux")]  # GoogLeNet's auxiliary heads run in training only
    assert list(maps) == ran
    for layer in ran:
        _close(maps[layer], attribute(model, x, layers=layer, target=11)[layer])
    for layer in ran[:: max(1, len(ran) // 4)]:
        ref = _quiet(lambda: LayerGradCam(model, model.get_submodule(layer)).attribute(
            x, target=11, relu_attributions=True))
        _close(maps[layer], ref)
    assert set(attribute(model, x, layers="all", target=11)) == set(ran)


def test_all_layer_layercam_equals_the_per_layer_maps(models, x) -> None:
    model = models["resnet18"]
    maps = layercam_all_layers(model, x, target=4)
    for layer in maps:
        _close(maps[layer], attribute(model, x, method="layercam", layers=layer, target=4)[layer])


def _reference_acts_and_grads(model: nn.Module, x: torch.Tensor, layer: str, target: int):
    """The textbook way: a forward hook keeps a clone of the layer's output and a tensor hook its gradient."""
    kept = {}

    def hook(m, args, out):
        out = out.clone()
        kept["a"] = out.detach().numpy().astype(np.float64)
        out.register_hook(lambda g: kept.__setitem__("g", g.detach().numpy().astype(np.float64)))
        return out

    handle = model.get_submodule(layer).register_forward_hook(hook)
    try:
        model(x)[0, target].backward()
    finally:
        handle.remove()
        model.zero_grad(set_to_none=True)
    return kept["a"], kept["g"]


def _reference_gradcam_pp(a: np.ndarray, g: np.ndarray) -> np.ndarray:
    alpha = np.zeros_like(g)
    n, c, h, w = g.shape
    for k in range(c):
        total = a[0, k].sum()
        for i in range(h):
            for j in range(w):
                den = 2 * g[0, k, i, j] ** 2 + total * g[0, k, i, j] ** 3
                alpha[0, k, i, j] = g[0, k, i, j] ** 2 / den if den != 0 else 0.0
    weights = (alpha * np.maximum(g, 0)).sum(axis=(2, 3))
    return np.maximum((weights[:, :, None, None] * a).sum(axis=1, keepdims=True), 0)


def _reference_layercam(a: np.ndarray, g: np.ndarray) -> np.ndarray:
    return np.maximum((np.maximum(g, 0) * a).sum(axis=1, keepdims=True), 0)


@pytest.mark.parametrize(("name", "layer"), [("resnet18", "layer3"), ("resnet18", "layer2.1.conv1"),
                                             ("googlenet", "inception4c")])
def test_gradcam_pp_and_layercam_equal_a_reference(models, x, name, layer) -> None:
    model = models[name]
    a, g = _reference_acts_and_grads(model, x, layer, 9)
    for method, reference in (("gradcam++", _reference_gradcam_pp), ("layercam", _reference_layercam)):
        ours = attribute(model, x, method=method, layers=layer, target=9)[layer].double()
        expected = torch.from_numpy(reference(a, g))
        assert float(expected.abs().max()) > 0
        _close(ours, expected)


def test_an_output_changed_in_place_later_is_kept_as_produced() -> None:
    torch.manual_seed(0)
    model = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU(inplace=True), nn.Conv2d(8, 8, 3), nn.ReLU(inplace=True),
                          nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, 4)).eval()
    x = torch.randn(1, 3, 16, 16)
    maps = gradcam_all_layers(model, x, target=1)
    for layer in ("0", "2"):
        ref = _quiet(lambda: LayerGradCam(model, model.get_submodule(layer)).attribute(
            x, target=1, relu_attributions=True))
        _close(maps[layer], ref)


def test_default_layer_is_the_last_convolutional_block(models, x) -> None:
    assert default_layer(models["resnet18"], x) == "layer4"
    assert default_layer(models["googlenet"], x) == "inception5b"
    assert list(attribute(models["resnet18"], x)) == ["layer4"]


def test_a_later_call_of_a_module_has_its_own_key(models, x) -> None:
    maps = attribute(models["resnet18"], x, layers=["layer1.0.relu", "layer1.0.relu#2"], target=0)
    assert list(maps) == ["layer1.0.relu", "layer1.0.relu#2"]
    assert not torch.equal(maps["layer1.0.relu"], maps["layer1.0.relu#2"])


def _one_line_error(fn) -> str:
    with pytest.raises(CnnvizError) as info:
        fn()
    text = str(info.value)
    assert "\n" not in text
    return text


def test_bad_input_is_one_line_each(models, x) -> None:
    model = models["resnet18"]
    text = _one_line_error(lambda: attribute(model, x, method="gradcam-plus"))
    assert all(m in text for m in METHODS)
    text = _one_line_error(lambda: attribute(model, x, layers="layer9"))
    assert "'layer9'" in text and "conv1" in text and "'all'" in text
    assert "0-999" in _one_line_error(lambda: attribute(model, x, target=1000))
    assert "0-999" in _one_line_error(lambda: attribute(model, x, method="saliency", target=-1))
    assert "no layer" in _one_line_error(lambda: attribute(model, x, method="saliency", layers="layer4"))
    mlp = nn.Sequential(nn.Flatten(), nn.Linear(3 * SIZE * SIZE, 10))
    for method in ("gradcam", "layercam"):
        text = _one_line_error(lambda: attribute(mlp, x, method=method))
        assert "Grad-CAM needs one" in text and all(m in text for m in PIXEL_METHODS)
    assert attribute(mlp, x, method="saliency")["input"].shape == x.shape
    text = _one_line_error(lambda: attribute(model, x, layers="fc"))
    assert "no spatial dimensions" in text
    assert "integer" in _one_line_error(lambda: attribute(model, x, target="cat"))
    assert "no layer given" in _one_line_error(lambda: attribute(model, x, layers=[]))
    with torch.inference_mode():
        assert "inference_mode" in _one_line_error(lambda: attribute(model, x))
        frozen = x.clone()
    assert list(attribute(model, frozen, layers="layer4")) == ["layer4"]
    assert attribute(model, x, layers="layer4", target=np.int64(3)).targets.tolist() == [3]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # torch.jit.trace is deprecated
        scripted = torch.jit.trace(nn.Sequential(nn.Conv2d(3, 2, 3), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                                                 nn.Linear(2, 4)).eval(), x)
    text = _one_line_error(lambda: attribute(scripted, x, method="gradcam"))
    assert "TorchScript" in text and "saliency" in text
    assert attribute(scripted, x, method="saliency")["input"].shape == x.shape


def _small_net() -> nn.Module:
    torch.manual_seed(0)
    return nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4), nn.ReLU(), nn.Dropout(0.5), nn.Conv2d(4, 4, 3),
                         nn.ReLU(inplace=True), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4, 3))


@pytest.mark.parametrize("method", METHODS)
def test_the_model_is_left_as_it_was(method) -> None:
    model = _small_net()
    model.train()
    model[1].eval()  # a mixed state: each flag must come back as it was
    model[0].weight.requires_grad_(False)
    flags = [m.training for m in model.modules()]
    grads = [p.requires_grad for p in model.parameters()]
    x = torch.randn(2, 3, 12, 12)
    out = attribute(model, x, method=method, n_steps=4, nt_samples=2, window=6)
    assert all(torch.isfinite(v).all() for v in out.values())
    assert [m.training for m in model.modules()] == flags
    assert [p.requires_grad for p in model.parameters()] == grads
    assert all(p.grad is None for p in model.parameters())
    assert not any(m._forward_hooks or m._forward_pre_hooks for m in model.modules())


def test_eval_by_default_and_train_mode_on_request(models, x) -> None:
    model = _build("googlenet")
    model.train()  # GoogLeNet in training returns a namedtuple with the auxiliary logits
    evaluated = attribute(model, x, layers="inception4e", target=1)
    assert model.training
    _close(evaluated["inception4e"], attribute(models["googlenet"], x, layers="inception4e", target=1)["inception4e"])
    x2 = torch.cat([x, x.flip(3)])  # batch norm in training needs more than one value per channel
    trained = attribute(model, x2, layers="all", target=1, train_mode=True)
    assert "aux1.conv.conv" in trained and model.training
    assert attribute(model, x2, method="saliency", target=1, train_mode=True)["input"].shape == x2.shape


def test_a_batch_explains_each_samples_own_class(models, x) -> None:
    model = models["resnet18"]
    x2 = torch.cat([x, torch.randn_like(x)])
    both = attribute(model, x2, layers="layer3")
    for i in range(2):
        one = attribute(model, x2[i:i + 1], layers="layer3")
        assert one.targets.tolist() == [both.targets[i].item()]
        _close(both["layer3"][i:i + 1], one["layer3"])


def test_the_public_api_names_it() -> None:
    assert cnnviz.attribute is attribute


@pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA device")
@pytest.mark.parametrize("method", ["gradcam", "layercam", "guided-backprop", "saliency"])
def test_on_the_gpu_as_on_the_cpu(models, x, method) -> None:
    import copy

    model = models["resnet18"]
    gpu = copy.deepcopy(model).cuda()
    ours = attribute(gpu, x.cuda(), method=method, target=3)
    cpu = attribute(model, x, method=method, target=3)
    for key in cpu:
        assert ours[key].device.type == "cuda"
        torch.testing.assert_close(ours[key].cpu(), cpu[key], rtol=1e-3, atol=1e-3 * float(cpu[key].abs().max()))


@pytest.mark.parametrize("method", ["gradcam", "gradcam++", "layercam"])
def test_every_layer_from_one_forward_and_one_backward_without_weight_gradients(models, x, monkeypatch,
                                                                                  method) -> None:
    model = models["resnet18"]
    attribute(model, x, method=method, layers="all")  # what the model changes in place is learned by now
    forwards, backwards = [], []
    handle = model.register_forward_pre_hook(
        lambda m, args: forwards.append(all(not p.requires_grad for p in m.parameters())))
    grad = torch.autograd.grad

    def counted(outputs, inputs, *args, **kwargs):
        backwards.append(len(inputs))
        return grad(outputs, inputs, *args, **kwargs)

    monkeypatch.setattr(torch.autograd, "grad", counted)
    try:
        maps = attribute(model, x, method=method, layers="all")
    finally:
        handle.remove()
    assert forwards == [True]  # one forward, every parameter frozen
    assert backwards == [len(maps)] == [20]  # one backward, to the 20 convolutions' outputs only
    assert all(p.requires_grad and p.grad is None for p in model.parameters())


def test_nothing_stays_behind_after_many_calls() -> None:
    import gc
    import weakref

    model = _small_net().eval()
    x = torch.randn(1, 3, 12, 12)
    for _ in range(200):
        attribute(model, x)
        attribute(model, x, method="guided-backprop")
    assert not any(m._forward_hooks or m._forward_pre_hooks or m._backward_hooks for m in model.modules())
    gone = weakref.ref(model)
    del model
    gc.collect()
    assert gone() is None  # what is learned per model (default layer, in-place outputs) does not keep it alive


def test_occlusion_window_defaults_to_an_eighth_of_the_side() -> None:
    from cnnviz.core.analysis.pixel_methods import occlusion_window

    assert occlusion_window(torch.zeros(1, 3, 224, 160), None, None) == ((3, 20, 20), (3, 10, 10))
    assert occlusion_window(torch.zeros(1, 1, 4, 4), None, None) == ((1, 1, 1), (1, 1, 1))
    assert occlusion_window(torch.zeros(1, 3, 64, 64), 16, 8) == ((3, 16, 16), (3, 8, 8))
