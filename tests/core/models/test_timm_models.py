"""timm's CNNs as cnnviz models: names, scope, input from the pretrained config, weights none / file /
default (downloaded from a local HTTP server on 127.0.0.1), parameter counts and exact capture."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import torch
from safetensors.torch import save_file

from cnnviz.core.analysis.summary import summarize
from cnnviz.core.capture.run import capture
from cnnviz.core.errors import CnnvizError
from cnnviz.core.models import download, timm_models
from cnnviz.core.models.timm_models import (
    download_timm_weights,
    is_timm_name,
    load_timm,
    timm_cnn_names,
    timm_weights_cached,
    timm_weights_url,
)
from tests.core.capture.oracles import reference_capture
from tests.core.models.local_server import LocalServer

TINY = "timm/test_resnet"  # timm's own 0.5 M-parameter test ResNet (tag r160_in1k, 3x160x160)
TINY_FILE = "test_resnet.r160_in1k.safetensors"


# --------------------------------------------------------------------------- names and scope

@pytest.mark.parametrize("text, expected", [
    ("timm/resnet50", True), ("timm/resnet50.a1_in1k", True), ("timm/efficientnet_b0.ra_in1k", True),
    ("resnet50", False), ("timm/", False), ("timm/resnet50.", False), ("timm/a.b.c", False),
    ("timm/res net", False), ("TIMM/resnet50", False), ("timm/../x", False),
])
def test_is_timm_name(text: str, expected: bool) -> None:
    assert is_timm_name(text) is expected


def test_cnn_names_hold_the_cnns_and_no_transformers() -> None:
    names = timm_cnn_names()
    assert names == sorted(names) and all(n.startswith("timm/") for n in names)
    for cnn in ("resnet18", "efficientnet_b0", "inception_resnet_v2", "convnext_tiny", "densenet121",
                "mobilenetv4_conv_small", "resnet50_clip_gap"):
        assert f"timm/{cnn}" in names
    for other in ("vit_base_patch16_224", "swin_tiny_patch4_window7_224", "deit_tiny_patch16_224",
                  "mixer_b16_224", "mobilenetv4_hybrid_medium", "resnet50_clip", "bat_resnext26ts",
                  "coatnet_0_rw_224", "levit_128", "efficientformer_l1", "convit_tiny"):
        assert f"timm/{other}" not in names


@pytest.mark.parametrize("name, words", [
    ("timm/vit_base_patch16_224", "is out of scope: cnnviz shows convolutional networks"),
    ("timm/swin_tiny_patch4_window7_224", "is out of scope"),
    ("timm/resnet19", "unknown timm model 'timm/resnet19'. Nearest timm CNNs: timm/resnet18"),
    ("timm/resnet18.no_such_tag", "timm/resnet18 has no tag 'no_such_tag'; its tags: a1_in1k"),
    ("timm/resnet 18", "is not a timm model name"),
])
def test_bad_names_are_one_line(name: str, words: str) -> None:
    with pytest.raises(CnnvizError) as info:
        load_timm(name, "none")
    assert words in str(info.value) and "\n" not in str(info.value)


# --------------------------------------------------------------------------- input and classes

def test_input_and_classes_come_from_the_pretrained_cfg() -> None:
    _, info = load_timm("timm/resnet18", "none")
    assert info.name == "timm/resnet18" and info.family == "timm" and info.described
    spec = info.input
    assert (spec.channels, spec.size, spec.resize, spec.interpolation) == (3, (224, 224), 235, "bicubic")
    assert spec.mean == pytest.approx((0.485, 0.456, 0.406)) and spec.std == pytest.approx((0.229, 0.224, 0.225))
    assert len(info.class_names) == 1000 and info.class_names[:2] == ("tench", "goldfish")
    assert "11.7 M parameters" in info.description


def test_a_tag_gives_its_own_input() -> None:
    _, default = load_timm("timm/resnet50", "none")  # a1_in1k: bicubic, crop 0.95
    _, info = load_timm("timm/resnet50.tv_in1k", "none")
    assert info.name == "timm/resnet50.tv_in1k"
    assert (default.input.resize, default.input.interpolation) == (235, "bicubic")
    assert (info.input.size, info.input.resize, info.input.interpolation) == ((224, 224), 256, "bilinear")


def test_squash_crop_resizes_straight_to_the_size() -> None:
    cfg = timm_models.pretrained_cfg("timm/dm_nfnet_f0")
    assert cfg.crop_mode == "squash"
    spec = timm_models.input_spec(cfg)
    assert spec.resize is None and spec.size == tuple(cfg.input_size[1:])


def test_imagenet_22k_and_other_class_names() -> None:
    cfg = timm_models.pretrained_cfg("timm/convnext_tiny.fb_in22k")
    names = timm_models.class_names(cfg, cfg.num_classes)
    assert len(names) == 21841 and not names[0].startswith("class ")
    assert timm_models.class_names(dataclasses.replace(cfg, num_classes=10), 10) == tuple(f"class {i}" for i in range(10))
    labelled = dataclasses.replace(cfg, num_classes=2, label_names=("cat", "dog"))
    assert timm_models.class_names(labelled, 2) == ("cat", "dog")


# --------------------------------------------------------------------------- summary and capture

@pytest.fixture(scope="module", params=[("timm/inception_resnet_v2", 75), ("timm/resnet26", 64),
                                        ("timm/efficientnet_b0", 64)], ids=lambda p: p[0])
def built(request) -> tuple[str, torch.nn.Module, int]:
    name, size = request.param
    module, info = load_timm(name, "none")
    assert info.family == "timm"
    return name, module.eval(), size


def test_summary_counts_timms_parameters(built) -> None:
    name, module, size = built
    summary = summarize(module, (3, size, size), model_name=name)
    assert summary.total_params == sum(p.numel() for p in module.parameters())


def test_capture_is_exact(built) -> None:
    _, module, size = built
    x = torch.randn(1, 3, size, size)
    oracle = reference_capture(module, x)
    cap = capture(module, x)
    assert oracle and all(torch.equal(cap[key], value) for key, value in oracle.items())
    with torch.no_grad():
        assert torch.equal(cap["output"], module(x))


# --------------------------------------------------------------------------- weights: none and files

def _tiny_state() -> dict[str, torch.Tensor]:
    module, _ = load_timm(TINY, "none")
    return {k: v.detach().clone().contiguous() for k, v in module.state_dict().items()}


def test_weights_file_loads_strictly(tmp_path: Path) -> None:
    state = _tiny_state()
    path = tmp_path / "tiny.safetensors"
    save_file(state, str(path))
    module, info = load_timm(TINY, str(path))
    assert all(torch.equal(module.state_dict()[k], v) for k, v in state.items())
    assert "weights from tiny.safetensors" in info.description


def test_weights_file_that_does_not_fit_names_the_keys(tmp_path: Path) -> None:
    state = _tiny_state()
    state.pop("fc.bias")
    state["extra.weight"] = torch.zeros(1)
    path = tmp_path / "bad.pth"
    torch.save(state, path)
    with pytest.raises(CnnvizError) as info:
        load_timm(TINY, str(path))
    message = str(info.value)
    assert "missing keys: fc.bias" in message and "unexpected keys: extra.weight" in message


def test_default_without_pretrained_weights_says_so() -> None:
    with pytest.raises(CnnvizError, match="has no pretrained weights in timm; use --weights none"):
        load_timm("timm/darknet17", "default")


# --------------------------------------------------------------------------- default weights: downloads

def _serve(server: LocalServer, data: bytes, monkeypatch: pytest.MonkeyPatch) -> str:
    """Serve ``data`` the way the hub does, and point the weights URL of every timm name at it."""
    path = "timm/test_resnet.r160_in1k/resolve/main/model.safetensors"
    server.files[path] = data
    url = f"{server.url}/{path}"
    monkeypatch.setattr(timm_models, "timm_weights_url", lambda name: url)
    return url


def _safetensors_bytes(state: dict[str, torch.Tensor], tmp_path: Path) -> bytes:
    path = tmp_path / "served.safetensors"
    save_file(state, str(path))
    data = path.read_bytes()
    path.unlink()
    return data


def test_weights_url_is_the_hub_file() -> None:
    assert timm_weights_url("timm/resnet18") == "https://huggingface.co/timm/resnet18.a1_in1k/resolve/main/model.safetensors"
    assert timm_weights_url("timm/resnet18.tv_in1k").startswith("https://huggingface.co/timm/resnet18.tv_in1k/")


def test_download_reports_progress_into_the_cache(server, hub_dir, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(download, "CHUNK_SIZE", 4096)
    data = _safetensors_bytes(_tiny_state(), tmp_path)
    url = _serve(server, data, monkeypatch)
    assert timm_weights_cached(TINY) is None
    calls: list[tuple[int, int | None]] = []
    path = download_timm_weights(TINY, progress=lambda d, t: calls.append((d, t)), url=url)
    assert path == hub_dir / "checkpoints" / "timm" / TINY_FILE and path.read_bytes() == data
    assert timm_weights_cached(TINY) == path and timm_weights_cached("timm/test_resnet.r160_in1k") == path
    assert calls[0] == (0, len(data)) and calls[-1] == (len(data), len(data)) and len(calls) > 3


def test_default_downloads_once_and_loads(server, hub_dir, tmp_path, monkeypatch) -> None:
    state = _tiny_state()
    state["fc.weight"].normal_()
    _serve(server, _safetensors_bytes(state, tmp_path), monkeypatch)
    calls: list[int] = []
    module, info = load_timm(TINY, "default", progress=lambda d, t: calls.append(d))
    assert calls and all(torch.equal(module.state_dict()[k], v) for k, v in state.items())
    assert "pretrained r160_in1k weights" in info.description
    assert module.pretrained_cfg.get("state_dict") is None  # no second copy of the weights kept alive
    server.files.clear()  # the second load comes from the cache
    again, _ = load_timm(TINY, "default", progress=lambda d, t: pytest.fail("downloaded twice"))
    assert torch.equal(again.fc.weight, state["fc.weight"])


def test_load_model_opens_timm_with_default_weights(server, hub_dir, tmp_path, monkeypatch) -> None:
    from cnnviz.core.models.loader import load_model

    state = _tiny_state()
    _serve(server, _safetensors_bytes(state, tmp_path), monkeypatch)
    loaded = load_model(TINY, "default", progress=lambda d, t: None)
    assert loaded.info.family == "timm" and not loaded.module.training
    assert torch.equal(loaded.module.fc.weight, state["fc.weight"])


def test_cancel_stops_and_leaves_nothing(server, hub_dir, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(download, "CHUNK_SIZE", 1024)
    _serve(server, _safetensors_bytes(_tiny_state(), tmp_path), monkeypatch)
    seen: list[int] = []
    with pytest.raises(CnnvizError, match="download cancelled"):
        load_timm(TINY, "default", progress=lambda d, t: seen.append(d), cancel=lambda: len(seen) >= 3)
    assert 0 < seen[-1] < 2_000_000
    assert timm_weights_cached(TINY) is None
    assert list((hub_dir / "checkpoints" / "timm").iterdir()) == []


def test_404_names_the_url_and_leaves_nothing(server, hub_dir, monkeypatch) -> None:
    url = f"{server.url}/timm/nothing/resolve/main/model.safetensors"
    monkeypatch.setattr(timm_models, "timm_weights_url", lambda name: url)
    with pytest.raises(CnnvizError, match="404") as info:
        load_timm(TINY, "default")
    assert url in str(info.value) and "\n" not in str(info.value)
    assert timm_weights_cached(TINY) is None


def test_corrupt_download_is_refused_and_not_kept(server, hub_dir, monkeypatch) -> None:
    _serve(server, b"this is not a safetensors file" * 100, monkeypatch)
    with pytest.raises(CnnvizError, match="weights downloaded for timm/test_resnet are unusable"):
        load_timm(TINY, "default")
    assert timm_weights_cached(TINY) is None


def test_corrupt_cached_file_says_how_to_recover(hub_dir, monkeypatch) -> None:
    path = hub_dir / "checkpoints" / "timm" / TINY_FILE
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00" * 64)
    with pytest.raises(CnnvizError, match="cached weights for timm/test_resnet are unusable") as info:
        load_timm(TINY, "default", progress=lambda d, t: pytest.fail("downloaded"))
    assert f"delete {path}" in str(info.value)


# --------------------------------------------------------------------------- the zoo's "did you mean"

def test_unknown_model_offers_timm_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cnnviz.core.models import catalog_cache, zoo

    monkeypatch.setattr(catalog_cache, "cache_dir", lambda: tmp_path / "no_cache_yet")
    assert "timm/cspdarknet53" in zoo.unknown_model_message("cspdarknet53")  # from timm itself
    rows = [{"name": "timm/resnet18", "family": "timm", "input_shape": [3, 224, 224], "classes": 1000,
             "description": "t"}]
    assert catalog_cache.write_cache(tmp_path / "no_cache_yet" / catalog_cache.CACHE_FILE,
                                     catalog_cache.cache_key(), rows)
    message = zoo.unknown_model_message("resnt18")  # from the cached catalog
    assert message.startswith("unknown model 'resnt18'. Did you mean resnet18") and "timm/resnet18?" in message
    assert "\n" not in message


@pytest.mark.parametrize("name", ["timm/" + "a" * 5000, "timm/resnet18." + "t" * 5000, "timm/" + "b" * 3000 + "-x"])
def test_very_long_names_are_cut_in_the_message(name: str) -> None:
    with pytest.raises(CnnvizError) as info:
        load_timm(name, "none")
    assert len(str(info.value)) < 300 and "characters" in str(info.value)


def test_a_very_long_unknown_model_is_cut_in_the_message() -> None:
    from cnnviz.core.models.zoo import unknown_model_message

    message = unknown_model_message("z" * 5000)
    assert len(message) < 300 and "5,000 characters" in message
    assert unknown_model_message("no_such_net").startswith("unknown model 'no_such_net'.")


def test_a_cnnviz_checkpoint_of_a_timm_net_trained_on_other_classes_opens(tmp_path: Path) -> None:
    import timm

    from cnnviz.core.models.loader import load_model
    from cnnviz.core.training.checkpoints import save_run
    from cnnviz.core.training.optimizers import TrainConfig

    torch.manual_seed(0)
    trained = timm.create_model("test_resnet", pretrained=False, num_classes=3).eval()
    path = save_run(trained, TINY, tmp_path / "run.safetensors", TrainConfig(), [], ["cat", "dog", "fox"])
    for loaded in (load_model(path), load_model(TINY, path)):  # the file as the model, or as its weights
        assert loaded.info.family == "timm" and loaded.info.class_names == ("cat", "dog", "fox")
        assert all(torch.equal(loaded.module.state_dict()[k], v) for k, v in trained.state_dict().items())
