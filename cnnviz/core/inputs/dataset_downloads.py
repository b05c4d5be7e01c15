"""MNIST, Fashion-MNIST and CIFAR-10 through torchvision, downloaded by cnnviz with visible progress.

torchvision's own downloader cannot report progress or be cancelled, so the files are fetched here
with :func:`cnnviz.core.models.download.download_file` from the URLs torchvision's dataset classes name
(``mirrors`` + ``resources`` for the MNIST family, ``url`` + ``tgz_md5`` for CIFAR-10), checked
against torchvision's MD5 sums, unpacked where torchvision expects them, and only then read by
the torchvision class with ``download=False``.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import torch
import torchvision.datasets as tvd
from torch import Tensor

from ..models.download import download_file
from ..errors import CnnvizError, reason
from ..i18n import translator

tr = translator(__name__)

StageProgress = Callable[[str, int, "int | None"], None]
CancelCallback = Callable[[], bool]

TORCHVISION_DATASETS = {"mnist": "MNIST", "fashion-mnist": "FashionMNIST", "cifar10": "CIFAR10"}
_LABELS = {"mnist": "MNIST", "fashion-mnist": "Fashion-MNIST", "cifar10": "CIFAR-10"}


@dataclass(frozen=True)
class TorchvisionArrays:
    """A torchvision dataset's official train and test sets as uint8 ``[N, C, H, W]`` tensors."""

    train_images: Tensor
    train_labels: Tensor
    test_images: Tensor
    test_labels: Tensor
    class_names: tuple[str, ...]


def default_root() -> Path:
    """``<torch hub dir>/datasets``, where downloaded datasets are kept by default."""
    return Path(torch.hub.get_dir()) / "datasets"


def load_torchvision_arrays(
    name: str,
    root: Path | str | None = None,
    progress: StageProgress | None = None,
    cancel: CancelCallback | None = None,
) -> TorchvisionArrays:
    """Download (once) and read one of :data:`TORCHVISION_DATASETS`.

    Parameters
    ----------
    name
        ``mnist``, ``fashion-mnist`` or ``cifar10``.
    root
        Where the files are kept (torchvision's layout below it); :func:`default_root` when ``None``.
    progress
        Called as ``progress(stage, done, total)``; for downloads ``done``/``total`` are bytes.
    cancel
        Polled between download chunks; returning true stops with a CnnvizError.

    Returns
    -------
    TorchvisionArrays
        The official train and test sets.

    Raises
    ------
    CnnvizError
        Failed or cancelled downloads, corrupted files (MD5 mismatch), unreadable files.
    """
    root = Path(root) if root is not None else default_root()
    cls = getattr(tvd, TORCHVISION_DATASETS[name])
    if name == "cifar10":
        _ensure_cifar(cls, root, progress, cancel)
    else:
        _ensure_mnist_family(cls, root, name, progress, cancel)
    if progress is not None:
        progress(f"reading {_LABELS[name]}", 0, None)
    try:
        train, test = cls(str(root), train=True, download=False), cls(str(root), train=False, download=False)
    except Exception as exc:  # torchvision raises RuntimeError/ValueError/pickle errors for bad files
        raise CnnvizError(tr("the {dataset} files in {folder} are unreadable ({reason}); delete them to download them "
                             "again").format(dataset=_LABELS[name], folder=root, reason=reason(exc))) from exc
    names = tuple(str(d) for d in range(10)) if name == "mnist" else tuple(str(c) for c in train.classes)
    return TorchvisionArrays(*_as_tensors(train), *_as_tensors(test), names)


def _as_tensors(dataset: object) -> tuple[Tensor, Tensor]:
    """``(uint8 [N, C, H, W], int64 [N])`` from an MNIST-like or CIFAR-like torchvision dataset."""
    data = getattr(dataset, "data")
    if isinstance(data, np.ndarray):  # CIFAR: [N, H, W, C]
        images = torch.from_numpy(np.ascontiguousarray(data.transpose(0, 3, 1, 2)))
    else:  # MNIST family: [N, H, W]
        images = data.unsqueeze(1).contiguous()
    labels = torch.as_tensor(np.asarray(getattr(dataset, "targets")), dtype=torch.int64)
    return images.to(torch.uint8), labels


def _ensure_mnist_family(cls: type, root: Path, name: str, progress: StageProgress | None,
                         cancel: CancelCallback | None) -> None:
    """Fetch and gunzip each of ``cls.resources`` into ``root/<cls>/raw`` unless already there."""
    raw = root / cls.__name__ / "raw"
    for filename, md5 in cls.resources:
        target = raw / filename.removesuffix(".gz")
        if target.is_file():
            continue
        urls = [f"{mirror}{filename}" for mirror in cls.mirrors]
        archive = _fetch(urls, raw / filename, md5, f"{_LABELS[name]} {filename}", progress, cancel)
        try:
            _gunzip(archive, target)
        finally:
            archive.unlink(missing_ok=True)


def _ensure_cifar(cls: type, root: Path, progress: StageProgress | None, cancel: CancelCallback | None) -> None:
    """Fetch and unpack CIFAR-10's archive into ``root`` unless its batches are already there and intact."""
    from torchvision.datasets.utils import check_integrity

    folder = root / cls.base_folder
    files = [*cls.train_list, *cls.test_list, [cls.meta["filename"], cls.meta["md5"]]]
    if all(check_integrity(str(folder / f), md5) for f, md5 in files):
        return
    archive = _fetch([cls.url], root / cls.filename, cls.tgz_md5, f"CIFAR-10 {cls.filename}", progress, cancel)
    try:
        if progress is not None:
            progress("unpacking CIFAR-10", 0, None)
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(root, filter="data")
    except (OSError, tarfile.TarError, EOFError) as exc:
        raise CnnvizError(tr("cannot unpack {archive}: {reason}").format(archive=archive, reason=reason(exc))) from exc
    finally:
        archive.unlink(missing_ok=True)


def _fetch(urls: list[str], dest: Path, md5: str | None, label: str, progress: StageProgress | None,
           cancel: CancelCallback | None) -> Path:
    """Download the first of ``urls`` that works and matches ``md5``."""
    errors: list[str] = []
    bar = (lambda done, total: progress(f"downloading {label}", done, total)) if progress else None
    for url in urls:
        try:
            download_file(url, dest, sha256_prefix=None, progress=bar, cancel=cancel)
        except CnnvizError as exc:
            if cancel is not None and cancel():
                raise
            errors.append(str(exc))
            continue
        if not md5 or _md5(dest) == md5:
            return dest
        dest.unlink(missing_ok=True)
        errors.append(tr("{url} is corrupted (MD5 does not match torchvision's)").format(url=url))
    raise CnnvizError(tr("could not download {label}: {reason}").format(
        label=label, reason=errors[-1] if errors else tr("no URL to download from")))


def _md5(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _gunzip(archive: Path, target: Path) -> None:
    """Decompress ``archive`` into ``target`` atomically (a temporary file, then a rename)."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out, gzip.open(archive, "rb") as src:
            shutil.copyfileobj(src, out, 1 << 20)
        os.replace(tmp, target)
    except (OSError, EOFError) as exc:
        raise CnnvizError(tr("cannot unpack {archive}: {reason}").format(archive=archive, reason=reason(exc))) from exc
    finally:
        tmp.unlink(missing_ok=True)
