"""Channel activity over a dataset: how often each channel fires, and the dead and saturated ones.

:func:`dataset_channel_activity` streams a dataset (a built-in name loaded as training loads it, a folder of
images read one batch at a time, or any iterable of input tensors: :mod:`.activity_sources`) through the model, one capture per batch, and counts per layer and
channel the images in which the channel fires and those in which it saturates. Nothing here changes the
model: captures run through :func:`cnnviz.core.capture.run.capture`, which restores every module's
train/eval flag.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from dataclasses import asdict, dataclass
from typing import Any, Callable, Iterable

import torch
from torch import Tensor, nn

from ..capture.run import capture
from ..errors import CnnvizError
from ..i18n import translator
from .activation_stats import ACTIVATIONS, UPPER_BOUNDS
from .activity_sources import scan_source

tr = translator(__name__)

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
    """Channel activity of several layers over ``images`` inputs.

    Attributes
    ----------
    images
        Images scanned.
    layers
        One :class:`LayerActivity` per layer, in forward order.
    available
        Images the source holds (more than ``images`` when a limit cut it; None when unknown).
    skipped
        Files of a folder that could not be read (each with its reason), left out of ``images``.
    notes
        Remarks worth showing a user (how images were converted for the model, files skipped).
    """

    images: int
    layers: tuple[LayerActivity, ...]
    available: int | None = None
    skipped: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def layer(self, name: str) -> LayerActivity:
        for entry in self.layers:
            if entry.name == name:
                return entry
        raise CnnvizError(tr("unknown layer '{name}': the activity has {names}").format(
            name=name, names=", ".join(e.name for e in self.layers)))

    def to_json_dict(self) -> dict:
        return {"images": self.images, "available": self.available, "skipped": list(self.skipped),
                "notes": list(self.notes), "layers": [e.to_json_dict() for e in self.layers]}


def dataset_channel_activity(model: Any, images: Any, layers: list[str] | str | None, *, batch_size: int = 32,
                             progress: Callable[[int, int | None], Any] | None = None,
                             cancel: Callable[[], bool] | None = None, spec: Any = None, limit: int | None = None,
                             lock: AbstractContextManager | None = None) -> ChannelActivity:
    """How often each channel of each layer fires over a dataset; dead and saturated channels.

    Parameters
    ----------
    model
        An ``nn.Module`` or a loaded model (its ``.module``); run in eval mode by the capture, its own
        flags restored.
    images
        ``digits``, ``shapes`` (loaded as training loads them, :func:`load_dataset`, all images; grey digits
        are repeated on three channels for an RGB model, a note says so), a folder (every image file in it and
        its sub-folders, decoded and preprocessed as a dropped image is, one batch at a time; unreadable files
        skipped and counted), a ``DatasetSplit`` / ``ImageDataset``, a tensor ``[N, C, H, W]``, or an iterable
        of tensors ``[C, H, W]`` / batches ``[B, C, H, W]`` / ``(tensor, label)`` pairs, already preprocessed.
    layers
        Capture keys (module outputs), or ``None`` / ``"activations"`` for every activation module's output.
    batch_size
        Images per forward pass.
    progress
        Called as ``progress(images_done, total_or_None)`` after each batch (a folder's unreadable files
        count as done).
    cancel
        Polled before each batch (and while listing or reading a folder); returning true stops with
        ``CnnvizError("channel activity cancelled")``.
    spec
        The model's :class:`~cnnviz.core.spec.InputSpec` when ``images`` is a name and ``model`` a bare module.
    limit
        Scan at most this many images, evenly spread over the dataset or folder (the first ones of an
        iterable); ``available`` in the result says how many there were.
    lock
        Held around each batch's forward pass (the app's model lock, so other threads may use the model
        between batches).

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
        raise CnnvizError(tr("channel activity needs a torch.nn.Module, not {type}").format(
            type=type(module).__name__))
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise CnnvizError(tr("the batch size must be a positive integer, not {batch_size!r}").format(
            batch_size=batch_size))
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise CnnvizError(tr("the image limit must be a positive integer or None, not {limit!r}").format(limit=limit))
    if isinstance(layers, str) and layers != "activations":
        layers = [layers]
    source = scan_source(images, model, batch_size, spec, limit, cancel)
    device = next((p.device for p in module.parameters()), torch.device("cpu"))
    fire: dict[str, Tensor] = {}
    sat: dict[str, Tensor] = {}
    kinds: dict[str, str] = {}
    seen = 0
    for x in source.batches:
        if cancel is not None and cancel():
            raise CnnvizError(tr("channel activity cancelled"))
        with lock if lock is not None else nullcontext():
            kinds = _count(module, x.to(device), layers, kinds, fire, sat)
        seen += int(x.shape[0])
        if progress is not None:
            progress(seen + len(source.skipped), source.total)
    if seen == 0:
        if source.skipped:
            raise CnnvizError(tr("{folder}: none of its {n} image file(s) could be read ({skipped})").format(
                folder=source.folder, n=len(source.skipped), skipped=source.skipped[0]))
        raise CnnvizError(tr("channel activity needs at least one image"))
    if source.skipped and progress is not None:
        progress(seen + len(source.skipped), source.total)
    notes = source.notes + ((tr("skipped {n} unreadable file(s), e.g. {first}").format(
        n=len(source.skipped), first=source.skipped[0]),) if source.skipped else ())
    return ChannelActivity(seen, _layer_activities(kinds, fire, sat, seen), source.available,
                           tuple(source.skipped), notes)


def _count(module: nn.Module, x: Tensor, layers: Any, kinds: dict[str, str], fire: dict[str, Tensor],
           sat: dict[str, Tensor]) -> dict[str, str]:
    """Capture one batch and add its per-channel fire and saturation counts; the layers measured."""
    try:
        cap = capture(module, x, blocks=False)
    except RuntimeError as exc:
        if isinstance(exc, torch.cuda.OutOfMemoryError):
            raise
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise CnnvizError(tr("the model cannot take these images {shape}: {first}").format(
            shape=list(x.shape), first=first)) from exc
    with cap:
        if not kinds:
            names = ([k for k in cap if cap.module_types.get(k) in ACTIVATIONS]
                     if layers in (None, "activations") else [cap.resolve_key(n) for n in layers])
            if not names:
                raise CnnvizError(tr("the model has no activation modules: name the layers to measure"))
            kinds = {n: cap.module_types.get(n, "") for n in names}
        for name, kind in kinds.items():
            t = cap[name].detach()
            if t.dim() < 2:
                raise CnnvizError(tr("layer '{name}' has no channels (output shape {shape})").format(
                    name=name, shape=list(t.shape)))
            flat = t.reshape(t.shape[0], t.shape[1], -1)
            bound = UPPER_BOUNDS.get(kind)
            on = flat >= bound if bound is not None else flat > 0
            f, s = (flat > 0).any(dim=2).sum(dim=0).cpu(), on.all(dim=2).sum(dim=0).cpu()
            fire[name] = fire[name] + f if name in fire else f
            sat[name] = sat[name] + s if name in sat else s
    return kinds


def _layer_activities(kinds: dict[str, str], fire: dict[str, Tensor], sat: dict[str, Tensor],
                      seen: int) -> tuple[LayerActivity, ...]:
    out = []
    for name, kind in kinds.items():
        f, s = fire[name], sat[name]
        bound = UPPER_BOUNDS.get(kind)
        out.append(LayerActivity(name, kind, int(f.numel()), tuple(int(v) for v in f), tuple(int(v) for v in s),
                                 tuple(int(i) for i in torch.nonzero(f == 0).reshape(-1)),
                                 tuple(int(i) for i in torch.nonzero(s == seen).reshape(-1)),
                                 f"at its upper bound {bound:g}" if bound is not None else "positive everywhere"))
    return tuple(out)
