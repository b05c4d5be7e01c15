"""The images ``cnnviz units`` ranks: a built-in dataset or a folder, as a ``torch.utils.data.Dataset``.

:func:`open_units_dataset` opens ``digits``, ``shapes``, a torchvision dataset (``mnist``, ``fashion-mnist``,
``cifar10``: loaded, and downloaded when missing, as ``cnnviz train`` loads them) or a folder of images (flat or
with class sub-folders), listed as :mod:`cnnviz.core.analysis.activity_sources` lists one. Items are
``(tensor C x H x W preprocessed for the model, dataset index)``. A folder's files are decoded in
``__getitem__`` (so a ``DataLoader``'s worker processes do the decoding), each as a dropped image is
(:func:`~cnnviz.core.inputs.images.decode_image`, :func:`~cnnviz.core.inputs.images.preprocess`: grey
pictures repeated to RGB for an RGB model, RGB made grey for a grey one). A file that cannot be read gives
an :class:`Unreadable` item instead; :func:`collate_units` leaves it out of the batch and hands it on, and
:meth:`UnitsDataset.note_unreadable` counts it in the process that runs the model.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import torch
from torch import Tensor
from torch.utils.data import Dataset

from ..errors import CnnvizError, quoted
from ..i18n import translator
from ..spec import InputSpec
from .images import decode_image, preprocess

tr = translator(__name__)

__all__ = ["Unreadable", "UnitsDataset", "collate_units", "open_units_dataset"]

_SHOWN_REASONS = 1  # unreadable files named in the one line that counts them


@dataclass(frozen=True)
class Unreadable:
    """Stands for a file that could not be decoded (the reason in one line)."""

    reason: str


class UnitsDataset(Dataset):
    """Images to rank, each ``(tensor C x H x W, index)``, with a name per index.

    Build one with :func:`open_units_dataset` (or :meth:`from_tensor` for images already preprocessed).

    Attributes
    ----------
    source
        What the user gave (``"digits"``, a folder path, ...).
    names
        ``names[i]``: item ``i`` as the JSON's ``path`` says it (a file path, or ``"digits#123"``).
    spec
        The model's input contract the items are made for.
    notes
        Remarks worth showing a user (how images were converted for the model).
    """

    def __init__(self, source: str, names: list[str], spec: InputSpec, *, files: list[Path] | None = None,
                 parts: list[tuple[Any, Tensor]] | None = None, tensor: Tensor | None = None,
                 identity: dict | None = None, notes: tuple[str, ...] = ()) -> None:
        self.source, self.names, self.spec, self.notes = source, names, spec, notes
        self._files, self._tensor = files, tensor
        self._parts = parts or []
        # item i -> (part, position in it), for datasets held as tensors
        self._where = torch.cat([torch.stack([torch.full_like(pos, k), pos], 1) for k, (_, pos) in
                                 enumerate(self._parts)]) if self._parts else None
        self._identity = identity or {}
        self._unreadable: dict[int, str] = {}

    @classmethod
    def from_tensor(cls, images: Tensor, spec: InputSpec, source: str = "tensor") -> "UnitsDataset":
        """Images already preprocessed, float ``N x C x H x W``, named ``"<source>#<i>"``."""
        if not isinstance(images, Tensor) or images.dim() != 4 or len(images) == 0:
            raise CnnvizError(tr("the images must be a non-empty tensor N x C x H x W, not {got}").format(
                got=list(images.shape) if isinstance(images, Tensor) else type(images).__name__))
        digest = hashlib.blake2b(images.detach().cpu().contiguous().numpy().tobytes(), digest_size=16).hexdigest()
        return cls(source, [f"{source}#{i}" for i in range(len(images))], spec, tensor=images,
                   identity={"kind": "tensor", "content": digest})

    def __len__(self) -> int:
        return len(self.names)

    def __getitem__(self, i: int) -> tuple[Tensor | Unreadable, int]:
        i = int(i)
        if self._files is not None:
            try:
                return preprocess(decode_image(self._files[i]), self.spec)[0], i
            except CnnvizError as exc:
                return Unreadable(str(exc)), i
        if self._tensor is not None:
            return self._tensor[i], i
        part, pos = (int(v) for v in self._where[i])
        return self._parts[part][0].get_batch(torch.tensor([pos]))[0][0], i

    def __getitems__(self, indices: Sequence[int]) -> "list[tuple[Tensor | Unreadable, int]] | _Batch":
        """A batch's items; datasets held as tensors give the batch whole (one indexing per part), which
        :func:`collate_units` passes on as it is."""
        if self._files is not None:
            return [self[i] for i in indices]
        idx = torch.as_tensor(list(indices), dtype=torch.long)
        if self._tensor is not None:
            return _Batch(self._tensor[idx], idx)
        where = self._where[idx]
        parts = torch.unique(where[:, 0]).tolist()
        if len(parts) == 1:
            return _Batch(self._parts[parts[0]][0].get_batch(where[:, 1])[0], idx)
        x = None
        for part in parts:
            rows = torch.nonzero(where[:, 0] == part).flatten()
            batch = self._parts[part][0].get_batch(where[rows, 1])[0]
            x = batch.new_empty((len(idx), *batch.shape[1:])) if x is None else x
            x[rows] = batch
        return _Batch(x, idx)

    @property
    def input_shape(self) -> tuple[int, int, int]:
        """``(C, H, W)`` of every item."""
        return int(self.spec.channels), int(self.spec.size[0]), int(self.spec.size[1])

    # ---- unreadable files, counted where the model runs (worker processes cannot count for us)

    def note_unreadable(self, index: int, reason: str) -> None:
        """Count item ``index`` as unreadable (``reason``: the decoder's one line)."""
        self._unreadable[int(index)] = reason

    @property
    def skipped(self) -> int:
        """How many unreadable files were met and skipped so far."""
        return len(self._unreadable)

    def skipped_line(self) -> str | None:
        """One line counting the unreadable files and naming the first (None when there were none)."""
        if not self._unreadable:
            return None
        first = [self._unreadable[i] for i in sorted(self._unreadable)[:_SHOWN_REASONS]]
        return tr("skipped {skipped} unreadable file(s) of {count} (first: {first})").format(
            skipped=len(self._unreadable), count=len(self), first="; ".join(first))

    def identity(self) -> dict:
        """What the items depend on, for a cache key: the source and, for a folder, every file's name, size
        and modification time (read now); the input spec."""
        ident = {"source": self.source, "spec": repr(self.spec), **self._identity}
        if self._files is not None:
            digest = hashlib.blake2b(digest_size=16)
            for f in self._files:
                try:
                    st = f.stat()
                    digest.update(f"{f}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
                except OSError:
                    digest.update(f"{f}\0gone\n".encode("utf-8", "surrogateescape"))
            ident["files"] = digest.hexdigest()
        return ident


@dataclass(frozen=True)
class _Batch:
    """Items taken as one batch: images ``B x C x H x W`` and their indices."""

    x: Tensor
    index: Tensor


def collate_units(items: "list[tuple[Tensor | Unreadable, int]] | _Batch"
                  ) -> tuple[Tensor | None, Tensor, list[tuple[int, str]]]:
    """A ``DataLoader`` batch: ``(images B x C x H x W or None when none were readable, their indices [B],
    [(index, reason)] of the unreadable ones)``."""
    if isinstance(items, _Batch):
        return items.x, items.index, []
    good = [(x, i) for x, i in items if not isinstance(x, Unreadable)]
    bad = [(i, x.reason) for x, i in items if isinstance(x, Unreadable)]
    if not good:
        return None, torch.empty(0, dtype=torch.long), bad
    return torch.stack([x for x, _ in good]), torch.tensor([i for _, i in good], dtype=torch.long), bad


def open_units_dataset(source: str, spec: InputSpec, *, limit: int | None = None) -> UnitsDataset:
    """Open the images to rank for a model.

    Parameters
    ----------
    source
        ``digits``, ``shapes``, ``mnist``, ``fashion-mnist``, ``cifar10`` (their training then test images),
        or a folder of images (flat or with class sub-folders; hidden files skipped).
    spec
        The model's input contract (``model_info(name).input``).
    limit
        At most this many images, evenly spread over the source (None: all).

    Returns
    -------
    UnitsDataset

    Raises
    ------
    CnnvizError
        An empty name, a bad limit, a folder that is missing, unreadable or holds no image files.

    Examples
    --------
    >>> from cnnviz.core.spec import MNIST_INPUT
    >>> len(open_units_dataset("digits", MNIST_INPUT, limit=100))
    100
    """
    from ..analysis.activity_sources import _image_files, _named, _spread
    from .datasets import DATASET_NAMES, ImageDataset

    if not isinstance(source, (str, Path)) or not str(source).strip():
        raise CnnvizError(tr("no dataset given: use {names} or a folder of images").format(
            names=", ".join(DATASET_NAMES)))
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise CnnvizError(tr("the image limit must be a whole number of at least 1, not {limit}").format(
            limit=repr(limit)))
    text = str(source)
    key = text.strip().lower()
    if key not in DATASET_NAMES:
        return _folder(text, spec, limit, _image_files, _spread)
    split, notes = _named(key, spec, limit, None)
    train = split.train
    if split.val.images is train.images:  # digits, shapes: one tensor; index i is its image i
        whole = [(ImageDataset(train.images, train.labels, spec), f"{key}#")]
    else:  # torchvision: the training file, then the test file
        whole = [(ImageDataset(train.images, train.labels, spec), f"{key}#"),
                 (ImageDataset(split.val.images, split.val.labels, spec), f"{key}:test#")]
    sizes = [len(d) for d, _ in whole]
    chosen = _spread(sum(sizes), limit)
    parts, names, start = [], [], 0
    for dataset, prefix in whole:
        pos = chosen[(chosen >= start) & (chosen < start + len(dataset))] - start
        parts.append((dataset, pos))
        names.extend(f"{prefix}{p}" for p in pos.tolist())
        start += len(dataset)
    return UnitsDataset(key, names, spec, parts=parts, notes=(*notes, *split.notes),
                        identity={"kind": "builtin", "limit": limit, "available": sum(sizes)})


def _folder(text: str, spec: InputSpec, limit: int | None, image_files: Any, spread: Any) -> UnitsDataset:
    path = Path(text)
    try:
        is_folder = path.is_dir()
    except (OSError, ValueError) as exc:
        raise CnnvizError(tr("{path}: not a usable folder ({reason})").format(
            path=quoted(text), reason=getattr(exc, "strerror", None) or exc)) from exc
    if not is_folder:
        from .datasets import DATASET_NAMES
        what = tr("no such folder") if not path.exists() else tr("not a folder")
        raise CnnvizError(tr("{path}: {problem} (give {names} or a folder of images)").format(
            path=quoted(text), problem=what, names=", ".join(DATASET_NAMES)))
    files = image_files(path, None)
    chosen = [files[int(i)] for i in spread(len(files), limit)]
    return UnitsDataset(text, [str(f) for f in chosen], spec, files=chosen,
                        identity={"kind": "folder", "limit": limit})
