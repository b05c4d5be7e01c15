"""Channel activity over a dataset: how often each channel fires, and the dead and saturated ones.

:func:`dataset_channel_activity` streams a dataset (a built-in name or a folder, loaded as training loads
it, or any iterable of input tensors) through the model, one capture per batch, and counts per layer and
channel the images in which the channel fires and those in which it saturates. Nothing here changes the
model: captures run through :func:`cnnviz.core.capture.run.capture`, which restores every module's
train/eval flag.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

import torch
from torch import Tensor, nn

from ..capture.run import capture
from ..errors import CnnvizError
from .activation_stats import ACTIVATIONS, UPPER_BOUNDS

__all__ = ["ChannelActivity", "LayerActivity", "dataset_channel_activity"]


@dataclass(frozen=True)
class LayerActivity:
    """One layer's channel activity over a dataset (see :func:`dataset_channel_activity`).

    Attributes
    ----------
    name, type, channels
        The capture key, the module's class name, its channel count.
    fire_counts, saturated_counts
        Per channel, the images in which it fired / was saturated at every position.
    dead, saturated
        Channels that fired in no image / were saturated in every image.
    saturation
        What "saturated" meant for this layer (``positive everywhere`` or ``at its upper bound 6``).
    """

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
                bound = UPPER_BOUNDS.get(kind)
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
        bound = UPPER_BOUNDS.get(kind)
        out.append(LayerActivity(name, kind, int(f.numel()), tuple(int(v) for v in f), tuple(int(v) for v in s),
                                 tuple(int(i) for i in torch.nonzero(f == 0).reshape(-1)),
                                 tuple(int(i) for i in torch.nonzero(s == seen).reshape(-1)),
                                 f"at its upper bound {bound:g}" if bound is not None else "positive everywhere"))
    return ChannelActivity(seen, tuple(out))
