"""Where :func:`~cnnviz.core.analysis.channel_activity.dataset_channel_activity` gets its batches.

A built-in dataset name is loaded as ``cnnviz train`` loads it (:func:`cnnviz.core.inputs.datasets.load_dataset`);
a folder of images (with class sub-folders or not) is listed, then decoded and preprocessed as a dropped image
is (:func:`cnnviz.core.inputs.images.decode_image`, :func:`~cnnviz.core.inputs.images.preprocess`), one batch at
a time, so a huge folder is never held in memory; datasets, tensors and iterables of tensors are batched as
they are. A limit keeps an evenly spread subset.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import torch
from torch import Tensor

from ..errors import CnnvizError
from ..i18n import translator
from ..inputs.images import IMAGE_SUFFIXES, decode_image, preprocess

tr = translator(__name__)

__all__ = ["ScanSource", "scan_source"]


@dataclass
class ScanSource:
    """Batches ``[B, C, H, W]`` to scan, how many images they hold and what to tell the user about them.

    ``skipped`` fills while a folder's batches are read (one reason per unreadable file).
    """

    batches: Iterable[Tensor]
    total: int | None  # images that will be scanned (None: unknown)
    available: int | None  # images the source holds
    notes: tuple[str, ...] = ()
    skipped: list[str] = field(default_factory=list)  # unreadable files met while streaming a folder
    folder: Path | None = None


def _spread(total: int, limit: int | None) -> Tensor:
    """Positions of at most ``limit`` of ``total`` items, evenly spread (all of them without a limit)."""
    if limit is None or limit >= total:
        return torch.arange(total)
    return torch.linspace(0, total - 1, limit).round().to(torch.int64)


def scan_source(images: Any, model: Any, batch_size: int, spec: Any, limit: int | None,
                cancel: Callable[[], bool] | None) -> ScanSource:
    """The batches of a dataset name, a folder, a dataset, a tensor or an iterable of tensors.

    Parameters
    ----------
    images, batch_size, spec, limit, cancel
        As :func:`~cnnviz.core.analysis.channel_activity.dataset_channel_activity` takes them.
    model
        The model (its ``info.input`` is the spec for a name or folder when ``spec`` is None).

    Returns
    -------
    ScanSource
        The batches (a lazy iterable), how many images they hold and notes for the user.
    """
    from ..inputs.datasets import DATASET_NAMES, DatasetSplit, ImageDataset

    notes: tuple[str, ...] = ()
    if isinstance(images, (str, Path)):
        spec = spec or getattr(getattr(model, "info", None), "input", None)
        if spec is None:
            raise CnnvizError(tr("a dataset by name needs the model's input spec: pass spec= or a loaded model"))
        if str(images).strip().lower() not in DATASET_NAMES:
            return _folder_source(Path(images), spec, batch_size, limit, cancel)
        images, notes = _named(str(images).strip().lower(), spec, limit, cancel)
    if isinstance(images, DatasetSplit):  # the whole dataset: training then validation images
        notes = (*notes, *images.notes)
        images = [images.train, images.val]
    if isinstance(images, ImageDataset):
        images = [images]
    if isinstance(images, list) and images and all(isinstance(p, ImageDataset) for p in images):
        return _dataset_source(images, batch_size, limit, notes)
    if isinstance(images, Tensor):
        images = [images] if images.dim() == 3 else list(images[_spread(len(images), limit)].split(batch_size))
        return ScanSource(_grouped(images, batch_size), sum(len(x) if x.dim() == 4 else 1 for x in images), None)
    try:
        available: int | None = len(images)  # type: ignore[arg-type]
    except TypeError:
        available = None
    total = available if limit is None or available is None else min(limit, available)
    return ScanSource(_grouped(images, batch_size, limit), total, available)


def _named(key: str, spec: Any, limit: int | None, cancel: Callable[[], bool] | None) -> tuple[Any, tuple[str, ...]]:
    """A built-in dataset as training loads it (shapes: only as many as the limit needs), and a note on digits."""
    from ..inputs.datasets import SHAPES_PER_CLASS, load_dataset
    from ..inputs.shapes import SHAPE_NAMES

    per_class = SHAPES_PER_CLASS if limit is None else max(2, min(SHAPES_PER_CLASS, -(-limit // len(SHAPE_NAMES))))
    split = load_dataset(key, spec=spec, cancel=cancel, per_class=per_class)
    if key != "digits":
        return split, ()
    repeated, resized = spec.channels == 3, tuple(spec.size) != (28, 28)
    if repeated and resized:
        note = tr("digits are grey 28\u00d728 pages: repeated on 3 channels and resized to {h}\u00d7{w} "
                  "for this model")
    elif repeated:
        note = tr("digits are grey 28\u00d728 pages: repeated on 3 channels for this model")
    elif resized:
        note = tr("digits are grey 28\u00d728 pages: resized to {h}\u00d7{w} for this model")
    else:
        return split, ()
    return split, (note.format(h=spec.size[0], w=spec.size[1]),)


def _dataset_source(parts: list[Any], batch_size: int, limit: int | None, notes: tuple[str, ...]) -> ScanSource:
    """Batches of datasets taken one after the other (evenly spread over all of them with a limit)."""
    sizes = [len(p) for p in parts]
    chosen = _spread(sum(sizes), limit)
    starts = torch.tensor([0, *sizes]).cumsum(0)
    picks = [chosen[(chosen >= starts[i]) & (chosen < starts[i + 1])] - starts[i] for i in range(len(parts))]
    batches = (p.get_batch(pos[i:i + batch_size])[0] for p, pos in zip(parts, picks) for i in range(0, len(pos), batch_size))
    return ScanSource(batches, len(chosen), sum(sizes), notes)


def _folder_source(path: Path, spec: Any, batch_size: int, limit: int | None,
                   cancel: Callable[[], bool] | None) -> ScanSource:
    """Every image file under ``path`` (class sub-folders or not), decoded and preprocessed as a dropped image
    is, one batch at a time (a huge folder is never held in memory; unreadable files are skipped and counted)."""
    files = _image_files(path, cancel)
    chosen = [files[int(i)] for i in _spread(len(files), limit)]
    source = ScanSource((), len(chosen), len(files), folder=path)
    source.batches = _decoded(chosen, spec, batch_size, source.skipped, cancel)
    return source


def _image_files(path: Path, cancel: Callable[[], bool] | None) -> list[Path]:
    if not path.exists():
        raise CnnvizError(tr("{path}: no such folder (give digits, shapes or a folder of images)").format(path=path))
    if not path.is_dir():
        raise CnnvizError(tr("{path}: not a folder (give digits, shapes or a folder of images)").format(path=path))
    files = []
    try:
        for i, p in enumerate(path.rglob("*")):
            if i % 512 == 0 and cancel is not None and cancel():
                raise CnnvizError(tr("channel activity cancelled"))
            if p.suffix.lower() in IMAGE_SUFFIXES and not any(part.startswith(".") for part in
                                                                p.relative_to(path).parts) and p.is_file():
                files.append(p)
    except OSError as exc:
        raise CnnvizError(tr("{path}: cannot read the folder ({reason})").format(
            path=path, reason=exc.strerror or exc)) from exc
    if not files:
        raise CnnvizError(tr("{path}: no image files in it or in its sub-folders").format(path=path))
    return sorted(files)


def _decoded(files: list[Path], spec: Any, batch_size: int, skipped: list[str],
             cancel: Callable[[], bool] | None) -> Iterable[Tensor]:
    pending: list[Tensor] = []
    for file in files:
        if cancel is not None and cancel():
            raise CnnvizError(tr("channel activity cancelled"))
        try:
            pending.append(preprocess(decode_image(file), spec)[0])
        except CnnvizError as exc:
            skipped.append(str(exc))
            continue
        if len(pending) == batch_size:
            yield torch.stack(pending)
            pending = []
    if pending:
        yield torch.stack(pending)


def _grouped(items: Iterable[Any], batch_size: int, limit: int | None = None) -> Iterable[Tensor]:
    pending: list[Tensor] = []
    left = limit
    for item in items:
        if left is not None and left <= 0:
            break
        x = item[0] if isinstance(item, (tuple, list)) else item
        if not isinstance(x, Tensor) or x.dim() not in (3, 4):
            raise CnnvizError(tr("the images must be tensors [C, H, W] or batches [B, C, H, W], not {what}").format(
                what=f"{type(x).__name__}{list(x.shape) if isinstance(x, Tensor) else ''}"))
        if x.dim() == 4:
            x = x if left is None else x[:left]
            left = None if left is None else left - len(x)
            if pending:
                yield torch.stack(pending)
                pending = []
            yield x
            continue
        pending.append(x)
        left = None if left is None else left - 1
        if len(pending) == batch_size:
            yield torch.stack(pending)
            pending = []
    if pending:
        yield torch.stack(pending)
