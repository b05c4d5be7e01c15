"""Top images per channel: stream a dataset through the model and keep, per channel of one layer, the
images whose spatial maximum is highest (:func:`top_units`).

The layer's output is taken by one forward hook on its module (``path#N``: the module's N-th call in a
forward pass) and reduced right there, on the model's device, to per-image candidates
(:func:`~cnnviz.core.analysis.units_topk.candidates`) merged into the best so far
(:func:`~cnnviz.core.analysis.units_topk.merge`): nothing else of the forward pass is recorded or copied, and
a later in-place change of that output (``ReLU(inplace=True)``) cannot reach values already reduced. The
images come through a ``torch.utils.data.DataLoader`` (its worker processes decode a folder's files).
"""

from __future__ import annotations

import difflib
import math
import threading
import time
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterator

import torch
from torch import Tensor, nn
from torch.utils.data import DataLoader

from ..capture.records import logits_of
from ..errors import CnnvizError, quoted
from ..i18n import translator
from ..inputs.units_data import UnitsDataset, collate_units
from .forward_progress import Cancelled
from .units_topk import TopUnits, candidates, empty, merge

tr = translator(__name__)

__all__ = ["CANCELLED", "MAX_TOP", "UnitsResult", "top_units"]

CANCELLED = "units cancelled"
MAX_TOP = 1000  # images kept per channel at most
UPDATE_SECONDS = 0.5  # on_update at most this often
_MAX_WORKERS = 64


@dataclass
class UnitsResult:
    """What :func:`top_units` found.

    Attributes
    ----------
    layer
        The capture key ranked.
    top
        Per channel the best images (on the CPU), see :class:`~cnnviz.core.analysis.units_topk.TopUnits`.
    names
        The dataset's names: ``names[top.index[c, k]]`` is the image's path (or ``"digits#123"``).
    skipped
        Unreadable files skipped.
    source
        The dataset as the user gave it.
    seconds
        Wall time of the run.
    notes
        Lines worth showing a user (conversions done, files skipped).
    """

    layer: str
    top: TopUnits
    names: list[str]
    skipped: int
    source: str
    seconds: float
    notes: tuple[str, ...] = field(default=())

    def to_json(self, model_name: str, weights: str | None) -> dict:
        """The DESIGN.md format: ``{"model", "weights", "layer", "top", "images_seen", "channels": [{"channel",
        "images": [{"path", "score", "y", "x"}]}]}``, best image first, empty slots left out."""
        t = self.top
        scores, index, ys, xs = t.scores.tolist(), t.index.tolist(), t.y.tolist(), t.x.tolist()
        channels = []
        for c in range(t.channels):
            images = [{"path": self.names[i], "score": s if math.isfinite(s) else None, "y": y, "x": x}
                      for s, i, y, x in zip(scores[c], index[c], ys[c], xs[c]) if i >= 0]
            channels.append({"channel": c, "images": images})
        return {"model": model_name, "weights": weights, "layer": self.layer, "top": t.top,
                "images_seen": t.images_seen, "channels": channels}


@dataclass
class _Layer:
    """Where a capture key's tensor comes from: a module's ``call``-th output, the model's input or output."""

    key: str
    module: nn.Module
    call: int  # 1: first call
    kind: str  # "module", "input" or "output"


def resolve_layer(module: nn.Module, layer: str) -> _Layer:
    """The module (and which call of it) behind a capture key; a CnnvizError naming the nearest keys."""
    if not isinstance(layer, str) or not layer.strip():
        raise CnnvizError(tr("no layer given: give a module path (cnnviz summary lists them), 'input' or 'output'"))
    if layer in ("input", "output"):
        return _Layer(layer, module, 1, layer)
    paths = {p: m for p, m in module.named_modules() if p}
    path, call = layer, 1
    head, sep, tail = layer.rpartition("#")
    if sep and tail.isdigit() and head:
        path, call = head, int(tail)
    if path in paths and call >= 1:
        return _Layer(layer, paths[path], call, "module")
    if ":" in layer and layer.split(":", 1)[0] in paths:
        raise CnnvizError(tr("{layer} is a part of a block, not a module's output: give a module path (e.g. "
                             "{examples})").format(
            layer=quoted(layer), examples=", ".join(_close(layer, list(paths), 3)) or tr("one from cnnviz summary")))
    close = _close(layer, ["input", *paths, "output"], 3) if len(layer) <= 200 else []
    if close:
        raise CnnvizError(tr("unknown layer {layer}. Did you mean {close}? (cnnviz summary lists the layers)").format(
            layer=quoted(layer), close=", ".join(close)))
    raise CnnvizError(tr("unknown layer {layer}. (cnnviz summary lists the layers)").format(layer=quoted(layer)))


def _close(name: str, keys: list[str], n: int) -> list[str]:
    return difflib.get_close_matches(name, keys, n=n, cutoff=0.4)


class _Tap:
    """One forward hook that reduces the layer's output to candidates and merges them into the best."""

    def __init__(self, layer: _Layer, top: int, device: torch.device) -> None:
        self.layer, self.top_n, self.device = layer, top, device
        self.best: TopUnits | None = None
        self.index: Tensor | None = None
        self.calls = 0
        self.taken = False
        self.thread: int | None = None  # the thread whose forward the hook serves (others' passes go by)

    @contextmanager
    def installed(self) -> Iterator["_Tap"]:
        layer = self.layer
        if layer.kind == "input":
            handle = layer.module.register_forward_pre_hook(lambda _m, args: self._input(args))
        else:
            handle = layer.module.register_forward_hook(lambda _m, _args, out: self._hook(out))
        try:
            yield self
        finally:
            handle.remove()

    def run(self, module: nn.Module, x: Tensor, index: Tensor) -> None:
        self.index, self.calls, self.taken = index, 0, False
        self.thread = threading.get_ident()
        try:
            module(x)
        finally:
            self.thread = None
        if not self.taken:
            runs = (tr("ran {calls} time(s) per forward pass").format(calls=self.calls) if self.calls
                    else tr("did not run in the forward pass"))
            raise CnnvizError(tr("layer {key}: its module {runs} (in eval mode)").format(
                key=quoted(self.layer.key), runs=runs))

    def _hook(self, out: Any) -> None:
        if self.thread != threading.get_ident():
            return
        self.calls += 1
        if self.calls == self.layer.call:
            self._take(logits_of(out) if self.layer.kind == "output" else out)

    def _input(self, args: tuple) -> None:
        if self.thread == threading.get_ident():
            self._take(args[0] if args else None)

    def _take(self, out: Any) -> None:
        key = quoted(self.layer.key)
        if not isinstance(out, Tensor):
            raise CnnvizError(tr("layer {key} gives a {type}, not a tensor: units need a tensor output").format(
                key=key, type=type(out).__name__))
        if out.dim() < 2:
            raise CnnvizError(tr("layer {key} has no channel dimension (its output has shape {shape}): units need N "
                                  "x C (x H x W)").format(key=key, shape=tuple(out.shape)))
        if out.dim() > 4 or len(out) != len(self.index):
            raise CnnvizError(tr("layer {key}: units need an output N x C, N x C x L or N x C x H x W with N the "
                                  "batch ({n}), got shape {shape}").format(
                key=key, n=len(self.index), shape=tuple(out.shape)))
        act = out[:, :, None, :] if out.dim() == 3 else out
        found = candidates(act, self.index)
        self.best = merge(empty(found.channels, self.top_n, self.device) if self.best is None else self.best, found)
        self.taken = True


@contextmanager
def _eval_mode(module: nn.Module) -> Iterator[None]:
    """Every module in eval mode while the block runs; each one's own flag restored afterwards."""
    flags = [(m, m.training) for m in module.modules()]
    module.eval()
    try:
        yield
    finally:
        for m, training in flags:
            m.training = training


def _device(module: nn.Module, device: str | torch.device | None) -> torch.device:
    where = next((t.device for t in [*module.parameters(), *module.buffers()]), torch.device("cpu"))
    if device is None:
        return where
    try:
        wanted = torch.device(device)
    except (RuntimeError, TypeError) as exc:
        raise CnnvizError(tr("unknown device {device}").format(device=quoted(str(device)))) from exc
    other_index = wanted.index is not None and where.index is not None and wanted.index != where.index
    if wanted.type != where.type or other_index:
        raise CnnvizError(tr("the model is on {where}, not {wanted}: load it there first").format(
            where=where, wanted=wanted))
    return where


def _check_numbers(top: Any, batch_size: Any, num_workers: Any) -> None:
    for name, value, low, high in (("top", top, 1, MAX_TOP), (tr("batch size"), batch_size, 1, 1 << 16),
                                   (tr("number of workers"), num_workers, 0, _MAX_WORKERS)):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise CnnvizError(tr("the {name} must be a whole number from {low} to {high}, not {value!r}").format(
                name=name, low=low, high=high, value=value))


def _order(dataset: UnitsDataset, indices: Sequence[int] | Tensor | None) -> list[int]:
    if indices is None:
        return list(range(len(dataset)))
    order = torch.as_tensor(indices, dtype=torch.long).flatten() if len(indices) else torch.empty(0, dtype=torch.long)
    if len(order) and (int(order.min()) < 0 or int(order.max()) >= len(dataset)):
        raise CnnvizError(tr("image indices must be from 0 to {last}").format(last=len(dataset) - 1))
    return order.tolist()


def top_units(model: nn.Module | Any, dataset: UnitsDataset, layer: str, *, top: int = 9, batch_size: int = 64,
              num_workers: int = 0, device: str | torch.device | None = None,
              indices: Sequence[int] | Tensor | None = None, progress: Callable[[int, int], None] | None = None,
              cancel: Callable[[], bool] | None = None, on_update: Callable[[TopUnits], None] | None = None,
              ) -> UnitsResult:
    """Per channel of ``layer``, the ``top`` images of ``dataset`` whose channel maximum is highest.

    Parameters
    ----------
    model
        An ``nn.Module`` or a :class:`~cnnviz.core.models.loader.LoadedModel`. It runs in eval mode (every
        module's flag restored afterwards), without autograd; nothing is left on it.
    dataset
        From :func:`~cnnviz.core.inputs.units_data.open_units_dataset`.
    layer
        A capture key: a module path, ``<path>#N`` (the module's N-th call in a forward), ``input`` or
        ``output``.
    top
        Images kept per channel (1 to :data:`MAX_TOP`).
    batch_size, num_workers
        The ``DataLoader``'s (workers decode a folder's files in their own processes).
    device
        Where the model is (default: where its parameters are); batches go there.
    indices
        The dataset indices to run (a shard); default all.
    progress
        ``progress(done, total)`` after every batch (images, unreadable ones included).
    cancel
        Polled before every batch; true stops with :class:`~cnnviz.core.analysis.forward_progress.Cancelled`.
    on_update
        Called with the best so far (a CPU copy) about every half second of work.

    Returns
    -------
    UnitsResult

    Raises
    ------
    CnnvizError
        Unknown layer (with the nearest names), a layer without channels, bad numbers, a model on another
        device, no readable image.

    Examples
    --------
    >>> from cnnviz.core.models.loader import load_model
    >>> from cnnviz.core.inputs.units_data import open_units_dataset
    >>> model = load_model("mnist_inception")
    >>> result = top_units(model, open_units_dataset("digits", model.info.input, limit=200), "conv1", top=3)
    >>> len(result.to_json("mnist_inception", "default")["channels"][0]["images"])
    3
    """
    module = getattr(model, "module", model)
    if not isinstance(module, nn.Module):
        raise CnnvizError(tr("units need a torch.nn.Module, not {type}").format(type=type(module).__name__))
    if not isinstance(dataset, UnitsDataset):
        raise CnnvizError(tr("units need a dataset from open_units_dataset, not {type}").format(
            type=type(dataset).__name__))
    _check_numbers(top, batch_size, num_workers)
    target = resolve_layer(module, layer)
    where = _device(module, device)
    order = _order(dataset, indices)
    start = time.perf_counter()
    tap = _Tap(target, top, where)
    loader = DataLoader(dataset, batch_size=batch_size, sampler=order, num_workers=num_workers,
                        collate_fn=collate_units, pin_memory=where.type == "cuda")
    done, last_update = 0, time.perf_counter()
    with _eval_mode(module), torch.no_grad(), tap.installed():
        if not order:  # an empty shard: learn the channels from one blank image
            tap.run(module, torch.zeros(1, *dataset.input_shape, device=where), torch.tensor([0], device=where))
            tap.best = empty(tap.best.channels, top, where)
        for x, index, bad in loader:
            if cancel is not None and cancel():
                raise Cancelled(CANCELLED)
            for i, why in bad:
                dataset.note_unreadable(i, why)
            if x is not None:
                tap.run(module, x.to(where, non_blocking=True), index.to(where, non_blocking=True))
            done += len(index) + len(bad)
            if progress is not None:
                progress(done, len(order))
            if on_update is not None and tap.best is not None and time.perf_counter() - last_update >= UPDATE_SECONDS:
                on_update(tap.best.to("cpu"))
                last_update = time.perf_counter()
    if tap.best is None:
        raise CnnvizError(tr("{source}: none of its {n} image(s) could be read ({reason})").format(
            source=dataset.source, n=len(order), reason=dataset.skipped_line() or tr("no images")))
    notes = (*dataset.notes, *([line] if (line := dataset.skipped_line()) else []))
    return UnitsResult(target.key, tap.best.to("cpu"), list(dataset.names), dataset.skipped, dataset.source,
                       time.perf_counter() - start, notes)
