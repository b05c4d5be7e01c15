"""timm's convolutional networks as cnnviz models: ``timm/<arch>`` and ``timm/<arch>.<tag>``.

The architecture comes from ``timm.create_model``; the input (size, crop, mean, std, interpolation)
from the tag's pretrained config; ImageNet tags name their classes. Only the families listed in
:data:`CNN_MODULES` are offered (vision transformers, MLP models and hybrids with self-attention are
out of scope, as for torchvision). Pretrained weights are downloaded by cnnviz itself
(:func:`download_timm_weights`, with progress and cancel) into ``<torch hub>/checkpoints/timm/``,
read without running code (safetensors, or ``torch.load(weights_only=True)``), and handed to timm,
whose checkpoint filter and head adaptation then apply as they do for ``pretrained=True``.

timm is imported only by the functions that need it (``import timm`` takes seconds).
"""

from __future__ import annotations

import difflib
import os
import re
import urllib.parse
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from ..errors import CnnvizError, reason
from ..spec import InputSpec, ModelInfo

PREFIX = "timm/"
_NAME_RE = re.compile(r"^timm/([A-Za-z0-9_]+)(?:\.([A-Za-z0-9_]+))?$")

#: timm model modules whose networks are convolutional (checked one by one in timm 1.0.31: no
#: self-attention blocks; channel attention such as squeeze-excitation, ECA or split-attention is
#: convolutional and stays in, as in torchvision's EfficientNet). Left out: beit, byoanet, cait, coat,
#: convit, cpubone, crossvit, csatv2, davit, deit, edgenext, efficientformer(_v2), efficientvim,
#: efficientvit_*, eva, fastvit, focalnet, gcvit, hiera*, iformer, levit, lowformer, maxxvit, metaformer,
#: mlp_mixer, mobilenetv5, mobilevit, mvitv2, naflexvit, nest, nextvit, pit, pvt_v2, sequencer, shvit,
#: swiftformer, swin_*, tiny_vit, tnt, twins, visformer, vision_transformer*, vitamin, volo, xcit, ...
CNN_MODULES = (
    "byobnet", "convmixer", "convnext", "cspnet", "cspnext", "densenet", "dla", "dpn", "efficientnet",
    "fasternet", "ghostnet", "hardcorenas", "hgnet", "hrnet", "inception_next", "inception_resnet_v2",
    "inception_v3", "inception_v4", "lcnetv2", "mambaout", "mobilenetv3", "nasnet", "nfnet", "pnasnet",
    "rdnet", "regnet", "repghost", "repvit", "res2net", "resnest", "resnet", "resnetv2", "rexnet",
    "selecsls", "senet", "sknet", "starnet", "tresnet", "vgg", "vovnet", "xception", "xception_aligned",
)
#: Names inside those modules that carry attention all the same: CLIP ResNets' attention-pool head,
#: bilinear attention (BAT), MobileNetV4's hybrids with multi-query attention.
_ATTENTION_NAMES = re.compile(r"(_clip$|^bat_|^mobilenetv4_hybrid)")

ProgressCallback = Callable[[int, "int | None"], None]
CancelCallback = Callable[[], bool]


# --------------------------------------------------------------------------- names

def is_timm_name(text: str) -> bool:
    """Whether ``text`` is spelled as a timm model: ``timm/<arch>`` or ``timm/<arch>.<tag>``.

    Nothing is imported; the name need not exist (see :func:`resolve_timm_name`).
    """
    return isinstance(text, str) and _NAME_RE.match(text) is not None


@lru_cache(maxsize=1)
def _cnn_archs() -> tuple[str, ...]:
    import timm

    names = {n for module in CNN_MODULES for n in timm.list_models(module=module)}
    return tuple(sorted(n for n in names if not _ATTENTION_NAMES.search(n)))


def timm_cnn_names() -> list[str]:
    """The ``timm/<arch>`` names of timm's convolutional networks, sorted (imports timm)."""
    return [PREFIX + arch for arch in _cnn_archs()]


def resolve_timm_name(name: str) -> tuple[str, str]:
    """``(arch, tag)`` for a timm name; ``tag`` is the default pretrained tag when none is given
    (``""`` when the architecture has no pretrained weights in timm).

    Raises
    ------
    CnnvizError
        A misspelt name, a transformer (out of scope), an unknown architecture or tag, with the
        nearest names offered.
    """
    match = _NAME_RE.match(name) if isinstance(name, str) else None
    if match is None:
        raise CnnvizError(f"'{name}' is not a timm model name: write timm/<name> or timm/<name>.<tag> "
                          "(e.g. timm/resnet50.a1_in1k)")
    arch, tag = match.group(1), match.group(2) or ""
    if arch not in _cnn_archs():
        raise CnnvizError(_not_a_cnn_message(arch))
    tags = _pretrained_tags(arch)
    if tag and tag not in tags:
        known = ", ".join(tags[:6]) + (f" (+{len(tags) - 6} more)" if len(tags) > 6 else "")
        raise CnnvizError(f"timm/{arch} has no tag '{tag}'; its tags: {known or 'none (no pretrained weights)'}")
    return arch, tag or (tags[0] if tags else "")


def _not_a_cnn_message(arch: str) -> str:
    import timm

    close = difflib.get_close_matches(arch, _cnn_archs(), n=3, cutoff=0.6)
    hint = f" Nearest timm CNNs: {', '.join(PREFIX + c for c in close)}." if close else ""
    if arch in timm.list_models():
        return f"timm/{arch} is out of scope: cnnviz shows convolutional networks.{hint}"
    return f"unknown timm model 'timm/{arch}'.{hint or ' Run cnnviz models for the list.'}"


def _pretrained_tags(arch: str) -> list[str]:
    """The architecture's pretrained tags, timm's default first."""
    import timm

    return [n.split(".", 1)[1] for n in timm.list_pretrained(arch) if n.split(".", 1)[0] == arch]


def _full_name(arch: str, tag: str) -> str:
    return f"{arch}.{tag}" if tag else arch


def pretrained_cfg(name: str) -> Any:
    """timm's ``PretrainedCfg`` for a timm name (its tag, or the default tag)."""
    from timm.models import get_pretrained_cfg

    arch, tag = resolve_timm_name(name)
    cfg = get_pretrained_cfg(_full_name(arch, tag))
    if cfg is None:
        raise CnnvizError(f"timm has no configuration for timm/{_full_name(arch, tag)}")
    return cfg


# --------------------------------------------------------------------------- input and classes

def input_spec(cfg: Any) -> InputSpec:
    """The cnnviz input contract of a timm pretrained config.

    ``crop_mode`` "center" resizes the shorter side to ``int(H / crop_pct)`` then centre-crops, as
    timm's eval transform does for a square input. "squash" (timm: resize both sides to ``size /
    crop_pct`` ignoring the aspect, then crop) becomes a straight resize to ``size``: exact when
    ``crop_pct`` is 1 (all but a few NFNet/EfficientNetV2 tags), otherwise the image keeps the border
    timm would crop. "border" (none of timm's CNNs uses it) is taken as "center".
    """
    channels, height, width = (int(v) for v in cfg.input_size)
    crop_pct = float(cfg.crop_pct or 1.0)
    resize = None if cfg.crop_mode == "squash" else int(min(height, width) / crop_pct)
    channels_mean = tuple(float(v) for v in cfg.mean)
    channels_std = tuple(float(v) for v in cfg.std)
    interpolation = cfg.interpolation if cfg.interpolation in ("bilinear", "bicubic", "nearest") else "bilinear"
    return InputSpec(channels, (height, width), resize, channels_mean, channels_std, interpolation=interpolation)


def class_names(cfg: Any, num_classes: int) -> tuple[str, ...]:
    """Names of the model's outputs: the config's own, ImageNet's for ImageNet tags, else ``class i``."""
    if cfg.label_names and len(cfg.label_names) == num_classes:
        return tuple(str(n) for n in cfg.label_names)
    from timm.data import ImageNetInfo, infer_imagenet_subset

    subset = infer_imagenet_subset(cfg.to_dict()) if num_classes else None
    if subset:
        try:
            info = ImageNetInfo(subset)
        except Exception:  # noqa: BLE001 - a subset timm names but does not ship: fall back
            info = None
        if info is not None and info.num_classes() == num_classes:
            return tuple(info.index_to_description(i).split(",")[0].strip() for i in range(num_classes))
    return tuple(f"class {i}" for i in range(num_classes))


def _model_info(name: str, cfg: Any, module: Any, weights_label: str) -> ModelInfo:
    count = sum(p.numel() for p in module.parameters())
    classes = int(getattr(module, "num_classes", 0) or cfg.num_classes or 0)
    description = f"timm {cfg.architecture} ({weights_label}; {count / 1e6:.1f} M parameters)"
    return ModelInfo(name, "timm", input_spec(cfg), class_names(cfg, classes), description)


# --------------------------------------------------------------------------- weights: where and download

def timm_weights_url(name: str) -> str:
    """Where the tag's pretrained weights are downloaded from.

    timm's own choice: the Hugging Face hub (``model.safetensors``, or the config's file name) when
    the config names a hub repository, else the config's URL.

    Raises
    ------
    CnnvizError
        The architecture has no pretrained weights in timm (or the name is not a timm CNN).
    """
    cfg = pretrained_cfg(name)
    if cfg.hf_hub_id:
        filename = cfg.hf_hub_filename or "model.safetensors"
        return f"https://huggingface.co/{cfg.hf_hub_id}/resolve/main/{filename}"
    if cfg.url:
        return cfg.url
    raise CnnvizError(f"timm/{cfg.architecture} has no pretrained weights in timm; use --weights none or a file")


def _cache_path(name: str, url: str) -> Path:
    import torch

    arch, tag = resolve_timm_name(name)
    suffix = Path(urllib.parse.urlparse(url).path).suffix.lower() or ".pth"
    return Path(torch.hub.get_dir()) / "checkpoints" / "timm" / f"{_full_name(arch, tag)}{suffix}"


def timm_weights_cached(name: str) -> Path | None:
    """The cached file of the tag's pretrained weights, or ``None`` when they are not downloaded yet
    (or the name has no pretrained weights)."""
    try:
        path = _cache_path(name, timm_weights_url(name))
    except CnnvizError:
        return None
    return path if path.is_file() else None


def download_timm_weights(name: str, progress: ProgressCallback | None = None,
                          cancel: CancelCallback | None = None, url: str | None = None) -> Path:
    """Download the tag's pretrained weights into ``<torch hub>/checkpoints/timm/`` (replacing any file there).

    Parameters
    ----------
    name
        ``timm/<arch>`` (default tag) or ``timm/<arch>.<tag>``.
    progress, cancel
        Passed to :func:`cnnviz.core.models.download.download_file` (``progress(done, total)``; a
        ``cancel()`` that returns true stops the download and leaves nothing behind).
    url
        Download from here instead of :func:`timm_weights_url` (tests; the file keeps its cache name).

    Returns
    -------
    pathlib.Path
        The cached file.
    """
    from .download import download_file

    url = url or timm_weights_url(name)
    # No hash check, as timm does by default: hub files carry no hash in their names, and some of the
    # older release files' name suffixes are not SHA-256 prefixes. A broken file fails to load instead.
    return download_file(url, _cache_path(name, url), sha256_prefix=None, progress=progress, cancel=cancel)


# --------------------------------------------------------------------------- loading

def load_timm(name: str, weights: str = "default", *, progress: ProgressCallback | None = None,
              cancel: CancelCallback | None = None) -> tuple[Any, ModelInfo]:
    """Build a timm CNN with its weights.

    Parameters
    ----------
    name
        ``timm/<arch>`` or ``timm/<arch>.<tag>``; the tag (default: timm's) gives the input and classes.
    weights
        ``"none"`` (random init, the tag's number of classes), ``"default"`` (the tag's pretrained
        weights, downloaded once with ``progress``/``cancel``), or a weights file loaded strictly.

    Returns
    -------
    tuple of (torch.nn.Module, ModelInfo)
        The module (in train mode, as timm builds it; the loader sets eval) and its description.

    Raises
    ------
    CnnvizError
        Not a timm CNN, no pretrained weights, a failed or cancelled download, weights that do not fit.
    """
    import timm

    arch, tag = resolve_timm_name(name)
    full = _full_name(arch, tag)
    weights = os.fspath(weights)
    key = weights.strip().lower()
    if key == "none":
        module = timm.create_model(full, pretrained=False)
        label = "random weights"
    elif key == "default":
        module = _pretrained_module(name, full, progress, cancel)
        label = f"pretrained {tag} weights"
    else:
        module = _module_with_file(full, weights)
        label = f"weights from {Path(weights).name}"
    return module, _model_info(name, pretrained_cfg(name), module, label)


def _module_with_file(full: str, path: str) -> Any:
    import timm

    from .weights import apply_state_dict, load_state_dict_file
    from ..paths import shown_path

    state = load_state_dict_file(path)
    module = timm.create_model(full, pretrained=False)
    apply_state_dict(module, state, shown_path(path))
    return module


def _pretrained_module(name: str, full: str, progress: ProgressCallback | None, cancel: CancelCallback | None) -> Any:
    from .weights import load_state_dict_file

    path = timm_weights_cached(name)
    fresh = path is None
    if fresh:
        path = download_timm_weights(name, progress=progress, cancel=cancel)
    try:
        state = load_state_dict_file(path)
    except CnnvizError as exc:
        if fresh:  # a corrupt download must not stay in the cache
            path.unlink(missing_ok=True)
            raise CnnvizError(f"the weights downloaded for {name} are unusable: {exc}") from None
        raise CnnvizError(f"the cached weights for {name} are unusable ({exc}); delete {path} to download "
                          "them again") from None
    return _timm_with_state(full, state, name)


def _timm_with_state(full: str, state: dict, name: str) -> Any:
    """``timm.create_model(pretrained=True)`` on a state dict read safely: timm's checkpoint filter,
    head adaptation and strict loading apply, and nothing is downloaded."""
    import timm

    overlay = {"state_dict": state, "custom_load": False, "file": None, "url": "", "hf_hub_id": None}
    try:
        module = timm.create_model(full, pretrained=True, pretrained_cfg_overlay=overlay)
    except (RuntimeError, KeyError, ValueError) as exc:
        raise CnnvizError(f"the pretrained weights of {name} do not fit timm's {full}: {reason(exc)}") from None
    for cfg in (getattr(module, "pretrained_cfg", None), getattr(module, "default_cfg", None)):
        if isinstance(cfg, dict):
            cfg["state_dict"] = None  # the weights are copied into the module: do not keep a second copy
    return module
