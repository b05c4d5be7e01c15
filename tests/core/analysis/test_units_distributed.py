"""units_distributed: torchrun's world read from the environment, strided shards that cover the dataset once,
and two CPU processes (gloo) whose gathered top images equal one process's ranking of the whole dataset."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
import torch
import torch.multiprocessing as mp

from cnnviz.core.analysis import units_distributed as ud
from cnnviz.core.analysis import units_topk
from cnnviz.core.errors import CnnvizError

ITEMS, CHANNELS, TOP = 37, 6, 5


def _activations() -> torch.Tensor:
    """A random layer output over the whole 'dataset', with ties (rounded values) so the order's tie-break counts."""
    g = torch.Generator().manual_seed(13)
    return (torch.randn(ITEMS, CHANNELS, 4, 5, generator=g) * 4).round()


def _whole() -> units_topk.TopUnits:
    act = _activations()
    return units_topk.merge(units_topk.empty(CHANNELS, TOP), units_topk.candidates(act, torch.arange(ITEMS)))


def free_port() -> int:
    """A TCP port nobody listens on now (for MASTER_PORT)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _rank(rank: int, world_size: int, port: int, out: str) -> None:
    """One process of the world: join with gloo, rank its shard in batches of 3, gather, save what it got."""
    import os

    os.environ.update(RANK=str(rank), WORLD_SIZE=str(world_size), LOCAL_RANK=str(rank),
                      LOCAL_WORLD_SIZE=str(world_size), MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port))
    device = ud.init("cpu")
    try:
        act = _activations()
        mine = ud.shard(ITEMS, *ud.world()[:2])
        top = units_topk.empty(CHANNELS, TOP)
        for batch in mine.split(3):
            top = units_topk.merge(top, units_topk.candidates(act[batch], batch))
        gathered = ud.gather_top(top)
        skipped = ud.sum_over_ranks(rank + 1)
        torch.save({"top": gathered, "skipped": skipped, "device": str(device)}, Path(out) / f"rank{rank}.pt")
    finally:
        ud.finish()


@pytest.fixture
def torchrun_env(monkeypatch):
    for name in ("RANK", "WORLD_SIZE", "LOCAL_RANK", "LOCAL_WORLD_SIZE"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_one_process_outside_torchrun(torchrun_env) -> None:
    assert ud.world() == (0, 1, 0) and not ud.is_distributed()
    assert ud.init("cpu") == torch.device("cpu")
    top = _whole()
    assert ud.gather_top(top) is not None and torch.equal(ud.gather_top(top).scores, top.scores)
    assert ud.sum_over_ranks(4) == 4
    ud.finish()  # nothing joined: nothing to leave


def test_world_from_torchrun_variables(torchrun_env) -> None:
    torchrun_env.setenv("RANK", "3")
    torchrun_env.setenv("WORLD_SIZE", "8")
    torchrun_env.setenv("LOCAL_RANK", "1")
    assert ud.world() == (3, 8, 1) and ud.is_distributed()


@pytest.mark.parametrize("env, needle", [({"WORLD_SIZE": "two"}, "WORLD_SIZE"), ({"RANK": "5", "WORLD_SIZE": "2"},
                                          "RANK=5"), ({"WORLD_SIZE": "0"}, "WORLD_SIZE=0")])
def test_nonsense_environment_is_one_line(torchrun_env, env, needle) -> None:
    for k, v in env.items():
        torchrun_env.setenv(k, v)
    with pytest.raises(CnnvizError, match=needle):
        ud.world()


def test_more_processes_than_gpus_is_refused(torchrun_env) -> None:
    for k, v in {"RANK": "1", "WORLD_SIZE": "4", "LOCAL_RANK": "1", "LOCAL_WORLD_SIZE": "4"}.items():
        torchrun_env.setenv(k, v)
    torchrun_env.setattr(torch.cuda, "is_available", lambda: True)
    torchrun_env.setattr(torch.cuda, "device_count", lambda: 2)
    with pytest.raises(CnnvizError, match="started 4 processes on this node but it has 2 CUDA"):
        ud.init("cuda")


@pytest.mark.parametrize("n, world_size", [(0, 3), (1, 2), (10, 3), (37, 8), (5, 7)])
def test_shards_cover_every_item_once(n, world_size) -> None:
    parts = [ud.shard(n, r, world_size) for r in range(world_size)]
    assert torch.equal(torch.cat(parts).sort().values, torch.arange(n))
    assert max(len(p) for p in parts) - min(len(p) for p in parts) <= 1
    assert all(torch.equal(p, ud.shard(n, r, world_size)) for r, p in enumerate(parts))


def test_no_shard_outside_the_world() -> None:
    with pytest.raises(ValueError):
        ud.shard(10, 2, 2)


def test_two_gloo_processes_gather_what_one_process_ranks(tmp_path: Path, torchrun_env) -> None:
    mp.spawn(_rank, args=(2, free_port(), str(tmp_path)), nprocs=2, join=True)
    whole = _whole()
    for rank in range(2):
        got = torch.load(tmp_path / f"rank{rank}.pt", weights_only=False)
        top = got["top"]
        for name in ("scores", "index", "y", "x"):
            assert torch.equal(getattr(top, name), getattr(whole, name)), (rank, name)
        assert top.images_seen == ITEMS and got["skipped"] == 1 + 2 and got["device"] == "cpu"
