"""Statistics of activations: one layer's histogram, zeros along depth, and channel activity over a dataset.

- :func:`layer_histogram`: the distribution of one captured tensor (NaN and infinities counted apart).
- :func:`depth_statistics`: per module output, in forward order, the fraction of exact zeros, the
  channels that are zero over the whole input, mean and standard deviation, and whether the layer is an
  activation or follows one (where zeros mean something: a ReLU's output, the max-pool after it).
- :func:`dataset_channel_activity`: over a dataset, per layer and channel, how often the channel fires,
  the channels that never fire ("dead") and the ones that always saturate.

Nothing here changes the model: captures run through :func:`cnnviz.core.capture.run.capture`, which
restores every module's train/eval flag.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

import torch
from torch import Tensor, nn

from ..capture.run import capture
from ..errors import CnnvizError

__all__ = ["ACTIVATIONS", "ChannelActivity", "Histogram", "LayerActivity", "LayerStats",
           "dataset_channel_activity", "depth_statistics", "layer_histogram"]

#: module class names counted as activations
ACTIVATIONS = frozenset({
    "ReLU", "ReLU6", "LeakyReLU", "PReLU", "RReLU", "ELU", "SELU", "CELU", "GELU", "SiLU", "Mish",
    "Hardswish", "Hardsigmoid", "Hardtanh", "Sigmoid", "Tanh", "Softplus", "Threshold", "LogSigmoid",
    "Tanhshrink", "Softsign",
})
#: modules that keep an activation's zeros zero (a layer after one of these still "follows" the activation)
_ZERO_KEEPING = frozenset({"MaxPool1d", "MaxPool2d", "MaxPool3d", "AdaptiveMaxPool1d", "AdaptiveMaxPool2d",
                           "AdaptiveMaxPool3d", "Dropout", "Dropout2d", "Dropout1d", "Dropout3d",
                           "AlphaDropout", "Flatten", "Identity", "Unflatten"})
#: activations bounded above, and their upper bound (a channel "saturates" when it sits at it)
_UPPER_BOUND = {"ReLU6": 6.0, "Hardsigmoid": 1.0}


@dataclass(frozen=True)
class Histogram:
    """The distribution of one tensor's finite values.

    Attributes
    ----------
    counts
        ``bins`` counts; ``sum(counts)`` is the number of finite elements.
    edges
        ``bins + 1`` bin edges (the last bin includes its right edge). A constant tensor gets
        edges ``value - 0.5 .. value + 0.5``; one with no finite value gets ``0 .. 1`` and zero counts.
    min, max, mean, std
        Of the finite values (``None`` when there is none; ``std`` is the population standard deviation).
    nan, posinf, neginf
        Elements left out of the counts.
    numel
        Elements in the tensor.
    """

    counts: tuple[int, ...]
    edges: tuple[float, ...]
    min: float | None
    max: float | None
    mean: float | None
    std: float | None
    nan: int
    posinf: int
    neginf: int
    numel: int

    def to_json_dict(self) -> dict:
        return asdict(self)


def layer_histogram(t: Tensor, bins: int = 64) -> Histogram:
    """The histogram of one captured activation (any shape, on any device).

    Parameters
    ----------
    t
        The tensor (e.g. ``cap["layer1.0"]``).
    bins
        Number of equal-width bins between the finite minimum and maximum.

    Returns
    -------
    Histogram
    """
    if not isinstance(t, Tensor):
        raise CnnvizError(f"a histogram needs a tensor, not {type(t).__name__}")
    if isinstance(bins, bool) or not isinstance(bins, int) or bins < 1:
        raise CnnvizError(f"the number of bins must be a positive integer, not {bins!r}")
    x = t.detach().reshape(-1)
    x = x.to(torch.float64)
    finite_mask = torch.isfinite(x)
    nan = int(torch.isnan(x).sum())
    posinf = int((x == math.inf).sum())
    neginf = int((x == -math.inf).sum())
    finite = x[finite_mask]
    if finite.numel() == 0:
        return Histogram((0,) * bins, tuple(float(e) for e in torch.linspace(0.0, 1.0, bins + 1)),
                         None, None, None, None, nan, posinf, neginf, t.numel())
    lo, hi = float(finite.min()), float(finite.max())
    a, b = (lo - 0.5, hi + 0.5) if lo == hi else (lo, hi)
    counts = torch.histc(finite, bins=bins, min=a, max=b).tolist()
    edges = torch.linspace(a, b, bins + 1, dtype=torch.float64)
    return Histogram(tuple(int(c) for c in counts), tuple(float(e) for e in edges), lo, hi,
                     float(finite.mean()), float(finite.std(correction=0)), nan, posinf, neginf, t.numel())


@dataclass(frozen=True)
class LayerStats:
    """One module output's statistics (see :func:`depth_statistics`)."""

    name: str
    type: str
    shape: tuple[int, ...]
    is_activation: bool
    follows_activation: bool
    zero_fraction: float
    zero_channels: tuple[int, ...]
    mean: float
    std: float

    @property
    def zero_channel_count(self) -> int:
        return len(self.zero_channels)

    def to_json_dict(self) -> dict:
        return {**asdict(self), "shape": list(self.shape), "zero_channels": list(self.zero_channels),
                "zero_channel_count": self.zero_channel_count}


def _module_outputs(cap: Any) -> list[tuple[str, str, Tensor]]:
    return [(k, cap.module_types[k], cap[k]) for k in cap if k in cap.module_types and isinstance(cap[k], Tensor)]


def _follows(entries: list[tuple[str, str, Tensor]]) -> list[bool]:
    """Whether each layer's output still carries an activation's zeros: a zero-keeping module (max-pool,
    dropout, flatten, a ``Sequential`` ending in one) run right after an activation or after another such."""
    out, carrying = [], False
    for _, kind, _ in entries:
        keeps = carrying and (kind in _ZERO_KEEPING or kind == "Sequential")
        out.append(keeps)
        carrying = kind in ACTIVATIONS or keeps
    return out


def depth_statistics(cap: Any) -> list[LayerStats]:
    """Per module output, in forward order: zeros, all-zero channels, mean and standard deviation.

    Parameters
    ----------
    cap
        A :class:`~cnnviz.core.capture.records.Capture` (``cnnviz.capture(model, x)``).

    Returns
    -------
    list of LayerStats
        One per module output (keys like ``features.1``, ``relu#2``). ``zero_fraction`` is the share of
        elements exactly 0; ``zero_channels`` the channels (dim 1) that are exactly 0 at every position
        of every image in the batch (for a ``[B, C]`` output, every image); ``is_activation`` marks
        activation modules (:data:`ACTIVATIONS`) and ``follows_activation`` the zero-keeping modules
        (max-pool, dropout, flatten) run right after one or after another such, whose output keeps
        its zeros: in both, zeros mean "not firing" (a convolution fed by a ReLU is not marked). Mean and std are over the finite elements.
    """
    if not hasattr(cap, "module_types"):
        raise CnnvizError(f"depth statistics need a Capture (cnnviz.capture(model, x)), not {type(cap).__name__}")
    entries = _module_outputs(cap)
    stats = []
    for (name, kind, t), follows in zip(entries, _follows(entries)):
        x = t.detach()
        finite = x[torch.isfinite(x)].to(torch.float64) if x.is_floating_point() else x.to(torch.float64)
        zeros = x == 0
        if x.dim() >= 2:
            per_channel = zeros.transpose(0, 1).reshape(x.shape[1], -1).all(dim=1)
            channels = tuple(int(i) for i in torch.nonzero(per_channel).reshape(-1))
        else:
            channels = ()
        mean = float(finite.mean()) if finite.numel() else math.nan
        std = float(finite.std(correction=0)) if finite.numel() else math.nan
        stats.append(LayerStats(name, kind, tuple(x.shape), kind in ACTIVATIONS, follows,
                                float(zeros.sum()) / max(x.numel(), 1), channels, mean, std))
    return stats


@dataclass(frozen=True)
class LayerActivity:
    """One layer's channel activity over a dataset (see :func:`dataset_channel_activity`)."""

    name: str
    type: str
    channels: int
    fire_counts: tuple[int, ...]
    saturated_counts: tuple[int, ...]
    dead: tuple[int, ...]
    saturated: tuple[int, ...]
    saturation: str

    def to_json_dict(self) -> dict:
        return {**asdict(self), **{k: list(getattr(self, k)) for k in
                                   ("fire_counts", "saturated_counts", "dead", "saturated")}}


@dataclass(frozen=True)
class ChannelActivity:
    """Channel activity of several layers over ``images`` inputs."""

    images: int
    layers: tuple[LayerActivity, ...]

    def layer(self, name: str) -> LayerActivity:
        for entry in self.layers:
            if entry.name == name:
                return entry
        raise CnnvizError(f"unknown layer '{name}': the activity has {', '.join(e.name for e in self.layers)}")

    def to_json_dict(self) -> dict:
        return {"images": self.images, "layers": [e.to_json_dict() for e in self.layers]}


def _batches(images: Any, model: Any, batch_size: int, spec: Any) -> tuple[Iterable[Tensor], int | None]:
    """Input batches ``[B, C, H, W]`` from a dataset name or folder, a dataset, or an iterable of tensors."""
    from ..inputs.datasets import DatasetSplit, ImageDataset, load_dataset

    if isinstance(images, (str, Path)):
        spec = spec or getattr(getattr(model, "info", None), "input", None)
        if spec is None:
            raise CnnvizError("a dataset by name needs the model's input spec: pass spec= or a loaded model")
        images = load_dataset(images, spec=spec)
    if isinstance(images, DatasetSplit):  # the whole dataset: training then validation images
        parts = [images.train, images.val]
        total = sum(len(p) for p in parts)
        return ((p.get_batch(torch.arange(i, min(i + batch_size, len(p))))[0]
                 for p in parts for i in range(0, len(p), batch_size)), total)
    if isinstance(images, ImageDataset):
        return ((images.get_batch(torch.arange(i, min(i + batch_size, len(images))))[0]
                 for i in range(0, len(images), batch_size)), len(images))
    if isinstance(images, Tensor):
        images = [images] if images.dim() == 3 else list(images.split(batch_size))
    try:
        total = len(images)  # type: ignore[arg-type]
    except TypeError:
        total = None
    return _grouped(images, batch_size), total


def _grouped(items: Iterable[Any], batch_size: int) -> Iterable[Tensor]:
    pending: list[Tensor] = []
    for item in items:
        x = item[0] if isinstance(item, (tuple, list)) else item
        if not isinstance(x, Tensor) or x.dim() not in (3, 4):
            raise CnnvizError("the images must be tensors [C, H, W] or batches [B, C, H, W], "
                              f"not {type(x).__name__}{list(x.shape) if isinstance(x, Tensor) else ''}")
        if x.dim() == 4:
            if pending:
                yield torch.stack(pending)
                pending = []
            yield x
            continue
        pending.append(x)
        if len(pending) == batch_size:
            yield torch.stack(pending)
            pending = []
    if pending:
        yield torch.stack(pending)


def dataset_channel_activity(model: Any, images: Any, layers: list[str] | str | None, *, batch_size: int = 32,
                             progress: Callable[[int, int | None], Any] | None = None,
                             cancel: Callable[[], bool] | None = None, spec: Any = None) -> ChannelActivity:
    """How often each channel of each layer fires over a dataset; dead and saturated channels.

    Parameters
    ----------
    model
        An ``nn.Module`` or a loaded model (its ``.module``); run in eval mode by the capture, its own
        flags restored.
    images
        ``digits``, ``shapes`` or a folder (loaded as training loads them, :func:`load_dataset`, all
        images), a ``DatasetSplit`` / ``ImageDataset``, a tensor ``[N, C, H, W]``, or an iterable of
        tensors ``[C, H, W]`` / batches ``[B, C, H, W]`` / ``(tensor, label)`` pairs, already preprocessed.
    layers
        Capture keys (module outputs), or ``None`` / ``"activations"`` for every activation module's output.
    batch_size
        Images per forward pass.
    progress
        Called as ``progress(images_done, total_or_None)`` after each batch.
    cancel
        Polled before each batch; returning true stops with ``CnnvizError("... cancelled")``.
    spec
        The model's :class:`~cnnviz.core.spec.InputSpec` when ``images`` is a name and ``model`` a bare module.

    Returns
    -------
    ChannelActivity
        Per layer and channel (dim 1 of the output), over the images:

        - ``fire_counts[c]``: images in which channel ``c`` fires, i.e. its maximum over all positions is > 0;
        - ``dead``: channels that fire in no image;
        - ``saturated_counts[c]``: images in which channel ``c`` is saturated at *every* position: for
          activations bounded above (ReLU6: 6, Hardsigmoid: 1; ``saturation`` names the bound) the value
          equals the bound, otherwise the value is > 0 (the unit is always on: it never uses its
          nonlinearity and is effectively linear);
        - ``saturated``: channels saturated in every image.
    """
    module = getattr(model, "module", model)
    if not isinstance(module, nn.Module):
        raise CnnvizError(f"channel activity needs a torch.nn.Module, not {type(module).__name__}")
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise CnnvizError(f"the batch size must be a positive integer, not {batch_size!r}")
    if isinstance(layers, str) and layers != "activations":
        layers = [layers]
    batches, total = _batches(images, model, batch_size, spec)
    device = next((p.device for p in module.parameters()), torch.device("cpu"))
    fire: dict[str, Tensor] = {}
    sat: dict[str, Tensor] = {}
    kinds: dict[str, str] = {}
    seen = 0
    for x in batches:
        if cancel is not None and cancel():
            raise CnnvizError("channel activity cancelled")
        with capture(module, x.to(device), blocks=False) as cap:
            if not kinds:
                names = ([k for k in cap if cap.module_types.get(k) in ACTIVATIONS]
                         if layers in (None, "activations") else [cap.resolve_key(n) for n in layers])
                if not names:
                    raise CnnvizError("the model has no activation modules: name the layers to measure")
                kinds = {n: cap.module_types.get(n, "") for n in names}
            for name, kind in kinds.items():
                t = cap[name].detach()
                if t.dim() < 2:
                    raise CnnvizError(f"layer '{name}' has no channels (output shape {list(t.shape)})")
                flat = t.reshape(t.shape[0], t.shape[1], -1)
                bound = _UPPER_BOUND.get(kind)
                on = flat >= bound if bound is not None else flat > 0
                f, s = (flat > 0).any(dim=2).sum(dim=0).cpu(), on.all(dim=2).sum(dim=0).cpu()
                fire[name] = fire[name] + f if name in fire else f
                sat[name] = sat[name] + s if name in sat else s
        seen += int(x.shape[0])
        if progress is not None:
            progress(seen, total)
    if seen == 0:
        raise CnnvizError("channel activity needs at least one image")
    out = []
    for name, kind in kinds.items():
        f, s = fire[name], sat[name]
        bound = _UPPER_BOUND.get(kind)
        out.append(LayerActivity(name, kind, int(f.numel()), tuple(int(v) for v in f), tuple(int(v) for v in s),
                                 tuple(int(i) for i in torch.nonzero(f == 0).reshape(-1)),
                                 tuple(int(i) for i in torch.nonzero(s == seen).reshape(-1)),
                                 f"at its upper bound {bound:g}" if bound is not None else "positive everywhere"))
    return ChannelActivity(seen, tuple(out))
