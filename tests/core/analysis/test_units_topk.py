"""Top-N per channel: exact, and the same however the images are split or batched."""

from __future__ import annotations

import pytest
import torch

from cnnviz.core.analysis.units_topk import candidates, empty, merge
from cnnviz.core.errors import CnnvizError


def brute(acts: torch.Tensor, top: int):
    """Per channel: sorted (score desc, index asc) list of (score, index, y, x)."""
    n, c, h, w = acts.shape
    out = []
    for ch in range(c):
        rows = []
        for i in range(n):
            plane = acts[i, ch].reshape(-1)
            k = int(plane.argmax())
            rows.append((float(plane[k]), i, k // w, k % w))
        rows.sort(key=lambda r: (-r[0], r[1]))
        out.append(rows[:top])
    return out


def run(acts: torch.Tensor, top: int, batch: int, order=None):
    order = list(range(len(acts))) if order is None else order
    best = empty(acts.shape[1], top)
    for start in range(0, len(order), batch):
        idx = torch.tensor(order[start:start + batch])
        best = merge(best, candidates(acts[idx], idx))
    return best


def as_rows(best, ch):
    return [(float(s), int(i), int(y), int(x)) for s, i, y, x in
            zip(best.scores[ch], best.index[ch], best.y[ch], best.x[ch]) if int(i) >= 0]


@pytest.mark.parametrize("batch", [1, 3, 7, 50])
def test_equals_brute_force_whatever_the_batches(batch) -> None:
    torch.manual_seed(0)
    acts = torch.randn(23, 4, 5, 6)
    acts[5, 2] = acts[9, 2] = 9.0  # a tie: the lower index first
    best = run(acts, top=5, batch=batch)
    want = brute(acts, 5)
    for ch in range(4):
        assert as_rows(best, ch) == want[ch]
    assert best.images_seen == 23


def test_shards_merged_equal_one_pass() -> None:
    torch.manual_seed(1)
    acts = torch.randn(31, 3, 4, 4).round()  # many ties
    one = run(acts, top=6, batch=8)
    shards = [run(acts, 6, 4, order=list(range(r, 31, 3))) for r in range(3)]
    merged = merge(merge(shards[0], shards[1]), shards[2])
    for t in ("scores", "index", "y", "x"):
        assert torch.equal(getattr(one, t), getattr(merged, t))


def test_fewer_images_than_top_leave_empty_slots() -> None:
    best = run(torch.randn(2, 3, 2, 2), top=4, batch=1)
    assert (best.index[:, 2:] == -1).all() and torch.isinf(best.scores[:, 2:]).all()


def test_vectors_nan_and_bad_shapes() -> None:
    v = torch.tensor([[1.0, float("nan")], [2.0, 0.5]])
    best = merge(empty(2, 2), candidates(v, torch.tensor([0, 1])))
    assert best.index[0].tolist() == [1, 0] and best.index[1].tolist() == [1, 0]  # NaN ranks last
    with pytest.raises(CnnvizError, match="layer with channels"):
        candidates(torch.randn(2, 3, 4), torch.arange(2))
    with pytest.raises(CnnvizError, match="no channels"):
        empty(0, 3)
