"""timm's convolutional networks as cnnviz models: ``timm/<arch>`` and ``timm/<arch>.<tag>``.

The architecture comes from ``timm.create_model``; the input (size, crop, mean, std, interpolation)
from the tag's pretrained config; ImageNet tags name their classes. Only the families listed in
:data:`CNN_MODULES` are offered (vision transformers, MLP models and hybrids with self-attention are
out of scope, as for torchvision; names and scope: :mod:`.timm_names`). Pretrained weights are downloaded by cnnviz itself
(:func:`download_timm_weights`, with progress and cancel) into ``<torch hub>/checkpoints/timm/``,
read without running code (safetensors, or ``torch.load(weights_only=True)``), and handed to timm,
whose checkpoint filter and head adaptation then apply as they do for ``pretrained=True``.

timm is imported only by the functions that need it (``import timm`` takes seconds).
"""

from __future__ import annotations

import dataclasses
import os
import urllib.parse
from pathlib import Path
from typing import Any, Callable

from ..errors import CnnvizError, reason
from ..i18n import translator
from ..spec import InputSpec, ModelInfo
from .timm_names import CNN_MODULES, PREFIX, full_name, is_timm_name, resolve_timm_name, timm_cnn_names

__all__ = [
    "CNN_MODULES", "PREFIX", "download_timm_weights", "is_timm_name", "load_timm", "pretrained_cfg",
    "resolve_timm_name", "timm_cnn_names", "timm_weights_cached", "timm_weights_url",
]

tr = translator(__name__)

ProgressCallback = Callable[[int, "int | None"], None]
CancelCallback = Callable[[], bool]


def pretrained_cfg(name: str) -> Any:
    """timm's ``PretrainedCfg`` for a timm name (its tag, or the default tag)."""
    from timm.models import get_pretrained_cfg

    arch, tag = resolve_timm_name(name)
    cfg = get_pretrained_cfg(full_name(arch, tag))
    if cfg is None:
        raise CnnvizError(tr("timm has no configuration for timm/{name}").format(name=full_name(arch, tag)))
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
    raise CnnvizError(tr("timm/{arch} has no pretrained weights in timm; use --weights none or a file").format(
        arch=cfg.architecture))


def _cache_path(name: str, url: str) -> Path:
    import torch

    arch, tag = resolve_timm_name(name)
    suffix = Path(urllib.parse.urlparse(url).path).suffix.lower() or ".pth"
    return Path(torch.hub.get_dir()) / "checkpoints" / "timm" / f"{full_name(arch, tag)}{suffix}"


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
    full = full_name(arch, tag)
    weights = os.fspath(weights)
    key = weights.strip().lower()
    if key == "none":
        module = timm.create_model(full, pretrained=False)
        label = "random weights"
    elif key == "default":
        module = _pretrained_module(name, full, progress, cancel)
        label = f"pretrained {tag} weights"
    else:
        module, names = _module_with_file(full, weights)
        info = _model_info(name, pretrained_cfg(name), module, f"weights from {Path(weights).name}")
        return module, (dataclasses.replace(info, class_names=names) if names else info)
    return module, _model_info(name, pretrained_cfg(name), module, label)


def _module_with_file(full: str, path: str) -> tuple[Any, tuple[str, ...]]:
    """The architecture with the file's weights; a cnnviz checkpoint (trained on other classes) gives its
    class count and names."""
    import timm

    from ..paths import shown_path
    from .checkpoint import read_checkpoint
    from .weights import apply_state_dict, is_safetensors_file, load_state_dict_file

    state = load_state_dict_file(path)
    ckpt = read_checkpoint(path) if is_safetensors_file(path) else None
    classes = {"num_classes": ckpt.num_classes} if ckpt is not None and ckpt.num_classes is not None else {}
    module = timm.create_model(full, pretrained=False, **classes)
    apply_state_dict(module, state, shown_path(path))
    return module, tuple(ckpt.class_names) if ckpt is not None and ckpt.class_names else ()


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
            raise CnnvizError(tr("the weights downloaded for {name} are unusable: {reason}").format(
                name=name, reason=exc)) from None
        raise CnnvizError(tr("the cached weights for {name} are unusable ({reason}); delete {path} to download them "
                             "again").format(name=name, reason=exc, path=path)) from None
    return _timm_with_state(full, state, name)


def _timm_with_state(full: str, state: dict, name: str) -> Any:
    """``timm.create_model(pretrained=True)`` on a state dict read safely: timm's checkpoint filter,
    head adaptation and strict loading apply, and nothing is downloaded."""
    import timm

    overlay = {"state_dict": state, "custom_load": False, "file": None, "url": "", "hf_hub_id": None}
    try:
        module = timm.create_model(full, pretrained=True, pretrained_cfg_overlay=overlay)
    except (RuntimeError, KeyError, ValueError) as exc:
        raise CnnvizError(tr("the pretrained weights of {name} do not fit timm's {full}: {reason}").format(
            name=name, full=full, reason=reason(exc))) from None
    for cfg in (getattr(module, "pretrained_cfg", None), getattr(module, "default_cfg", None)):
        if isinstance(cfg, dict):
            cfg["state_dict"] = None  # the weights are copied into the module: do not keep a second copy
    return module
