"""``cnnviz units``: per channel of a layer, the dataset images that excite it most, to a JSON file.

    cnnviz units digits --model mnist_inception --layer incep1 --top 9 -o units.json
    torchrun --nproc-per-node 8 -m cnnviz units /data/imagenet/train --model resnet50 --layer layer4 \\
        --device cuda --batch-size 256 --workers 8 -o units.json

The file (DESIGN.md ``units``): ``{"model", "weights", "layer", "top", "images_seen", "channels": [{"channel",
"images": [{"path", "score", "y", "x"}]}]}``. Under torchrun every process ranks its shard of the dataset
(:mod:`cnnviz.core.analysis.units_distributed`), the shards' top images are merged exactly, and rank 0 writes
the file a single process would. A single process reuses a result cached for the same weights, dataset,
layer and top (``--no-cache`` to rank again).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from contextlib import contextmanager, redirect_stderr
from dataclasses import dataclass
from typing import IO, Any, Iterator

from ..core.i18n import translator
from .common import model_arguments

tr = translator(__name__)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Add ``cnnviz units``'s options to a (sub)parser."""
    p.add_argument("dataset", metavar="DATASET",
                   help=tr("a folder of images (flat or one sub-folder per class), digits, shapes, mnist, "
                           "fashion-mnist or cifar10"))
    model_arguments(p)
    p.add_argument("--layer", "-l", required=True, help=tr("the layer whose channels are ranked (a module path; "
                                                           "cnnviz summary lists them)"))
    p.add_argument("--top", "-n", type=int, default=9, help=tr("images kept per channel (default: 9)"))
    p.add_argument("--batch-size", "-b", type=int, default=64, help=tr("images per forward pass (default: 64)"))
    p.add_argument("--workers", "-j", type=int, default=0,
                   help=tr("DataLoader worker processes decoding images (default: 0, in this process)"))
    p.add_argument("--limit", type=int, default=None, help=tr("rank only N items, spread evenly over the dataset"))
    p.add_argument("--no-cache", action="store_true", help=tr("rank again even when a cached result exists"))
    p.add_argument("-o", "--output", required=True, help="OUT.json")


def run(args: argparse.Namespace) -> int:
    """Run ``cnnviz units``; user-caused errors raise CnnvizError (the CLI prints one line, exit 2)."""
    from ..core.analysis import units_distributed as ud
    from ..core.errors import CnnvizError

    rank, size, _ = ud.world()
    try:  # what every rank finds alike (options, model, dataset, layer): said once, by rank 0
        with _quiet_unless(rank == 0):
            job = _prepare(args, rank)
    except CnnvizError:
        if rank == 0:
            raise
        return 2
    try:
        result = _rank_units(args, job, rank, size)
        if rank == 0:
            _write(args, result, job.loaded, size)
    except CnnvizError as exc:  # past the checks: what went wrong may be this rank's alone (its shard)
        if rank == 0:
            raise
        raise CnnvizError(tr("rank {rank} of {size}: {error}").format(rank=rank, size=size, error=exc)) from exc
    finally:
        ud.finish()
    return 0


@dataclass
class _Job:
    """What :func:`_prepare` found: the model, the dataset, the layer's capture key, this rank's device."""

    loaded: Any
    dataset: Any
    layer: str
    device: Any
    key: str | None = None  # the cache's name for the result (one process)


def _prepare(args: argparse.Namespace, rank: int) -> _Job:
    """Check everything that can be checked before any work: numbers, the output path, the model, the dataset,
    the layer."""
    from ..core.analysis import units_distributed as ud
    from ..core.analysis.units import resolve_layer
    from ..core.device import resolve_device
    from ..core.inputs.units_data import open_units_dataset
    from .common import load_for

    _check_numbers(args)
    if rank == 0:  # only rank 0 writes
        from ..core.atomic import check_writable

        check_writable(args.output, tr("units file "))
    device = ud.rank_device(resolve_device(args.device))  # under torchrun with CUDA: this rank's own GPU
    args.device = str(device)
    loaded = load_for(args)
    layer = resolve_layer(loaded.module, args.layer).key
    dataset = open_units_dataset(args.dataset, loaded.info.input, limit=args.limit)
    return _Job(loaded, dataset, layer, device)


def _check_numbers(args: argparse.Namespace) -> None:
    from ..core.analysis.units import MAX_TOP
    from ..core.errors import CnnvizError

    for name, value, least, most in (("--top", args.top, 1, MAX_TOP), ("--batch-size", args.batch_size, 1, 1 << 16),
                                     ("--workers", args.workers, 0, 64), ("--limit", args.limit, 1, None)):
        if value is not None and (value < least or (most is not None and value > most)):
            if most is not None:
                message = tr("{option} must be from {least} to {most}, got {value}")
            else:
                message = tr("{option} must be at least {least}, got {value}")
            raise CnnvizError(message.format(option=name, least=least, most=most, value=value))


def _rank_units(args: argparse.Namespace, job: _Job, rank: int, size: int):
    """The :class:`UnitsResult` of the whole dataset: one process's (or the cache's), or under torchrun this
    rank's shard merged with every other rank's (on every rank)."""
    from dataclasses import replace

    from ..core.analysis import units_distributed as ud
    from ..core.analysis.units import top_units

    if size == 1:
        cached = _from_cache(args, job)
        if cached is not None:
            return cached
    device = ud.init(job.device)
    indices = ud.shard(len(job.dataset), rank, size) if size > 1 else None
    shown = len(job.dataset) if indices is None else len(indices)
    label = tr("ranking {layer}").format(layer=job.layer)
    if size > 1:
        label += " " + tr("(rank 0's shard of {size})").format(size=size)
    bar = Bar(label, shown) if rank == 0 else None
    try:
        result = top_units(job.loaded, job.dataset, job.layer, top=args.top, batch_size=args.batch_size,
                           num_workers=args.workers, device=device, indices=indices, progress=bar)
    finally:
        if bar is not None:
            bar.end()
    if size > 1:
        return replace(result, top=ud.gather_top(result.top), skipped=ud.sum_over_ranks(result.skipped),
                       notes=job.dataset.notes)
    _to_cache(args, job, result)
    return result


def _from_cache(args: argparse.Namespace, job: _Job):
    """A result cached for the same weights, dataset, layer and top (None: none, or ``--no-cache``)."""
    from ..core.analysis import units_cache

    job.key = units_cache.cache_key(job.loaded, job.dataset, job.layer, args.top)
    if args.no_cache:
        return None
    cached = units_cache.load(job.key)
    if cached is not None:
        print("cnnviz: note: " + tr("reused the cached ranking of {layer} over {source} (ranked in {seconds} s); "
                                    "--no-cache ranks again").format(layer=cached.layer, source=cached.source,
                                                                     seconds=f"{cached.seconds:.1f}"),
              file=sys.stderr)
    return cached


def _to_cache(args: argparse.Namespace, job: _Job, result) -> None:
    """Keep ``result`` for the next run; a cache that cannot be written is a note, not an error."""
    from ..core.analysis import units_cache
    from ..core.errors import CnnvizError

    try:
        units_cache.save(job.key, result)
    except CnnvizError as exc:
        print("cnnviz: note: " + tr("the ranking is not cached: {reason}").format(reason=exc), file=sys.stderr)


def _write(args: argparse.Namespace, result, loaded, size: int) -> None:
    from ..core.atomic import atomic_write

    doc = result.to_json(loaded.name, loaded.weights)

    def write(tmp) -> None:
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(doc, f, indent=1)
            f.write("\n")

    path = atomic_write(args.output, write, tr("units file "))
    notes = list(result.notes)
    if size > 1 and result.skipped:  # each rank's own line counts its shard only
        notes.append(tr("skipped {skipped} unreadable file(s) of {count}").format(skipped=result.skipped,
                                                                                  count=len(result.names)))
    for note in notes:
        print(f"cnnviz: note: {note}", file=sys.stderr)
    if result.top.channels == 1:
        message = tr("wrote the top {top} images of {channels} channel of {layer} over {seen} images to {path}")
    else:
        message = tr("wrote the top {top} images of {channels} channels of {layer} over {seen} images to {path}")
    print(message.format(top=result.top.top, channels=result.top.channels, layer=result.layer,
                         seen=result.top.images_seen, path=path), file=sys.stderr)


@contextmanager
def _quiet_unless(speak: bool) -> Iterator[None]:
    """stderr silenced unless ``speak`` (ranks other than 0 would repeat rank 0's notes)."""
    if speak:
        yield
        return
    with redirect_stderr(io.StringIO()):
        yield


class Bar:
    """``label [####....] done/total images  N img/s`` on stderr, redrawn at most ten times a second.

    Called as ``progress(done, total)`` by :func:`~cnnviz.core.analysis.units.top_units`.
    """

    def __init__(self, label: str, total: int, stream: IO[str] | None = None, width: int = 24) -> None:
        self.label, self.total, self.stream, self.width = label, total, stream, width
        self.start, self.last, self.drawn = time.perf_counter(), 0.0, False

    def __call__(self, done: int, total: int | None = None) -> None:
        total = self.total if not total else int(total)
        now = time.perf_counter()
        if now - self.last < 0.1 and done < total:
            return
        self.last = now
        filled = int(round(self.width * done / max(total, 1)))
        rate = done / max(now - self.start, 1e-9)
        out = self.stream if self.stream is not None else sys.stderr
        out.write(f"\r{self.label} [{'#' * filled}{'.' * (self.width - filled)}] " +
                  tr("{done}/{total} images {rate} img/s").format(done=done, total=total, rate=f"{rate:6.0f}"))
        out.flush()
        self.drawn = True

    def end(self) -> None:
        """End the bar's line (when one was drawn)."""
        if self.drawn:
            out = self.stream if self.stream is not None else sys.stderr
            out.write("\n")
            out.flush()
