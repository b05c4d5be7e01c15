"""Top images per channel over many processes: torchrun's world, a shard of the dataset per rank, an exact merge.

Under ``torchrun --nproc-per-node K -m cnnviz units ...`` every process reads the same dataset listing, takes
the items :func:`shard` gives its rank, ranks them with :func:`~cnnviz.core.analysis.units.top_units`, and
:func:`gather_top` all-gathers the per-rank :class:`~cnnviz.core.analysis.units_topk.TopUnits` and merges them
with :func:`~cnnviz.core.analysis.units_topk.merge`. That merge is a total order (score, then dataset index),
so the result is the one a single process computes, whatever the number of ranks. Outside torchrun
(``WORLD_SIZE`` unset or 1) every function here is a no-op for one process, so the same code runs both ways.

Examples
--------
>>> world()  # not under torchrun
(0, 1, 0)
>>> shard(10, rank=1, world_size=3).tolist()
[1, 4, 7]
"""

from __future__ import annotations

import os
from functools import reduce

import torch
import torch.distributed as dist

from ..errors import CnnvizError
from ..i18n import translator
from .units_topk import TopUnits, merge

tr = translator(__name__)

__all__ = ["finish", "gather_top", "init", "is_distributed", "rank_device", "shard", "sum_over_ranks", "world"]


def world() -> tuple[int, int, int]:
    """``(rank, world_size, local_rank)`` from torchrun's environment (``RANK``, ``WORLD_SIZE``, ``LOCAL_RANK``).

    Returns
    -------
    tuple of int
        ``(0, 1, 0)`` when not started by torchrun.

    Raises
    ------
    CnnvizError
        A variable that is not a whole number, or a rank outside the world.
    """
    rank, size, local = (_env_int(name, default) for name, default in
                         (("RANK", 0), ("WORLD_SIZE", 1), ("LOCAL_RANK", 0)))
    if size < 1 or not 0 <= rank < size or local < 0:
        raise CnnvizError(tr("torchrun's environment makes no sense: RANK={rank}, WORLD_SIZE={size}, "
                              "LOCAL_RANK={local}").format(rank=rank, size=size, local=local))
    return rank, size, local


def is_distributed() -> bool:
    """Whether this process is one of several (``WORLD_SIZE`` > 1)."""
    return world()[1] > 1


def rank_device(device: torch.device | str) -> torch.device:
    """The device this process computes on: ``device`` itself, except under torchrun with a CUDA device, where
    every process takes its own GPU, ``cuda:LOCAL_RANK``. Joins nothing (call it before loading the model).

    Raises
    ------
    CnnvizError
        A CUDA device with fewer GPUs on this node than processes started on it.
    """
    device = torch.device(device)
    _, size, local = world()
    if size == 1 or device.type != "cuda":
        return device
    gpus = torch.cuda.device_count() if torch.cuda.is_available() else 0
    per_node = max(_env_int("LOCAL_WORLD_SIZE", local + 1), local + 1)
    if gpus < per_node:
        raise CnnvizError(tr("torchrun started {per_node} processes on this node but it has {gpus} CUDA device(s); "
                              "use --nproc-per-node {gpus} or fewer, or --device cpu").format(
            per_node=per_node, gpus=gpus))
    return torch.device("cuda", local)


def init(device: torch.device | str) -> torch.device:
    """Join torchrun's process group when there is one, and say which device this rank computes on.

    Parameters
    ----------
    device
        The device the command asked for (already resolved, or its text: ``cpu``, ``cuda``, ...).

    Returns
    -------
    torch.device
        :func:`rank_device` of ``device``: under torchrun with a CUDA device ``cuda:LOCAL_RANK`` (made the current
        device; the group uses NCCL), otherwise ``device`` itself (the group uses gloo). Outside torchrun nothing
        is joined.

    Raises
    ------
    CnnvizError
        Too few GPUs (:func:`rank_device`), or a process group that cannot be set up.
    """
    device = rank_device(device)
    rank, size, _ = world()
    if size == 1:
        return device
    backend = "nccl" if device.type == "cuda" else "gloo"
    if device.type == "cuda":
        torch.cuda.set_device(device)
    if not dist.is_initialized():
        try:
            dist.init_process_group(backend, rank=rank, world_size=size)
        except (RuntimeError, ValueError) as exc:  # no MASTER_ADDR, unreachable master, ...
            raise CnnvizError(tr("cannot join torchrun's process group ({backend}, rank {rank} of {size}): "
                                 "{reason}").format(
                backend=backend, rank=rank, size=size, reason=" ".join(str(exc).split())[:200])) from exc
    return device


def shard(n_items: int, rank: int, world_size: int) -> torch.Tensor:
    """The dataset indices rank ``rank`` of ``world_size`` takes: ``rank, rank + world_size, ...`` (strided, so
    every rank gets nearly as many items, the folders' classes spread evenly, and the split is deterministic).

    Returns
    -------
    torch.Tensor
        int64 indices, ascending; the shards of all ranks together are ``0 .. n_items - 1``, each once.
    """
    if n_items < 0 or world_size < 1 or not 0 <= rank < world_size:
        raise ValueError(tr("no shard {rank} of {world_size} for {n_items} items").format(
            rank=rank, world_size=world_size, n_items=n_items))
    return torch.arange(n_items, dtype=torch.long)[rank::world_size].contiguous()


def gather_top(top: TopUnits) -> TopUnits:
    """The merge of every rank's ``top`` (all ranks call it; every rank gets the whole result).

    Parameters
    ----------
    top
        This rank's top images (the same channel and top counts on every rank).

    Returns
    -------
    TopUnits
        On the CPU: the best ``top.top`` images per channel over all ranks, ``images_seen`` summed; ``top``
        itself (on the CPU) for one process.
    """
    if not _group_active():
        return top.to("cpu")
    on = _collective_device()
    shape = torch.tensor([top.channels, top.top], dtype=torch.long, device=on)
    shapes = _all_gather(shape)
    if any(not torch.equal(s, shapes[0]) for s in shapes):
        found = sorted({tuple(s.tolist()) for s in shapes})
        raise CnnvizError(tr("the ranks ranked different layers (channels x top: {found}); give every process the "
                              "same command").format(found=found))
    parts = [_all_gather(t.to(on).contiguous()) for t in (top.scores, top.index, top.y, top.x)]
    seen = _all_gather(torch.tensor([top.images_seen], dtype=torch.long, device=on))
    ranks = [TopUnits(*(p[r].cpu() for p in parts), int(seen[r].item())) for r in range(len(seen))]
    return reduce(merge, ranks)


def sum_over_ranks(value: int) -> int:
    """``value`` summed over all ranks (e.g. the unreadable files each rank skipped); ``value`` for one process."""
    if not _group_active():
        return int(value)
    total = torch.tensor([int(value)], dtype=torch.long, device=_collective_device())
    dist.all_reduce(total)
    return int(total.item())


def finish() -> None:
    """Leave the process group (when this process joined one)."""
    if dist.is_available() and dist.is_initialized():
        dist.destroy_process_group()


def _group_active() -> bool:
    return dist.is_available() and dist.is_initialized() and dist.get_world_size() > 1


def _collective_device() -> torch.device:
    """Where tensors must be for the group's backend: this rank's GPU for NCCL, the CPU for gloo."""
    if dist.get_backend() == "nccl":
        return torch.device("cuda", torch.cuda.current_device())
    return torch.device("cpu")


def _all_gather(t: torch.Tensor) -> list[torch.Tensor]:
    out = [torch.empty_like(t) for _ in range(dist.get_world_size())]
    dist.all_gather(out, t)
    return out


def _env_int(name: str, default: int) -> int:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        return int(text)
    except ValueError:
        raise CnnvizError(tr("torchrun's {name} is {text!r}, not a whole number").format(
            name=name, text=text[:40])) from None
