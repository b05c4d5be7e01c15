"""Downloads against a local HTTP server on 127.0.0.1: progress, hash checks, cancel, errors, no leftovers."""

from __future__ import annotations

import io
import socket
from pathlib import Path

import pytest
import torch
from torch import nn
from torchvision.models import resnet18

from cnnviz.core.models import download, weights
from cnnviz.core.models.download import cli_progress_bar, download_file
from cnnviz.core.errors import CnnvizError
from cnnviz.core.models.loader import load_model
from tests.core.models.local_server import LocalServer


def _state_bytes(module: nn.Module) -> bytes:
    buffer = io.BytesIO()
    torch.save(module.state_dict(), buffer)
    return buffer.getvalue()


def _tiny() -> nn.Module:
    return nn.Sequential(nn.Conv2d(3, 16, 3), nn.ReLU(), nn.Flatten(), nn.Linear(16 * 6 * 6, 10))


def test_download_reports_progress_and_verifies_hash(server, hub_dir, monkeypatch):
    monkeypatch.setattr(download, "CHUNK_SIZE", 1024)
    data = _state_bytes(_tiny())
    url = server.add(data, "tiny")
    calls: list[tuple[int, int | None]] = []
    path = weights.download_pretrained("tiny", progress=lambda d, t: calls.append((d, t)), url=url)
    assert path == hub_dir / "checkpoints" / url.rsplit("/", 1)[1]
    assert path.read_bytes() == data
    assert calls[0] == (0, len(data)) and calls[-1] == (len(data), len(data))
    done = [d for d, _ in calls]
    assert len(done) > 3 and all(b > a for a, b in zip(done, done[1:]))
    loaded = weights.load_state_dict_file(path)
    assert torch.equal(loaded["3.weight"], torch.load(io.BytesIO(data), weights_only=True)["3.weight"])
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_hash_mismatch_is_refused_and_leaves_nothing(server, hub_dir):
    url = server.add(b"corrupted bytes" * 100, "tiny", claimed_hash=b"the real file")
    with pytest.raises(CnnvizError, match="corrupted") as info:
        weights.download_pretrained("tiny", url=url)
    assert url in str(info.value)
    checkpoints = hub_dir / "checkpoints"
    assert not checkpoints.exists() or list(checkpoints.iterdir()) == []


def test_failed_download_keeps_the_existing_file(server, tmp_path):
    dest = tmp_path / "keep.bin"
    dest.write_bytes(b"old")
    url = server.add(b"new content", "keep", claimed_hash=b"other")
    with pytest.raises(CnnvizError):
        download_file(url, dest, sha256_prefix=url.rsplit("-", 1)[1][:8])
    assert dest.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.bin"]


def test_cancel_stops_and_leaves_nothing(server, tmp_path, monkeypatch):
    monkeypatch.setattr(download, "CHUNK_SIZE", 1024)
    url = server.add(bytes(64 * 1024), "big")
    seen: list[int] = []
    with pytest.raises(CnnvizError, match="download cancelled"):
        download_file(url, tmp_path / "big.pth", sha256_prefix=None,
                      progress=lambda d, t: seen.append(d), cancel=lambda: len(seen) >= 3)
    assert 0 < seen[-1] < 64 * 1024
    assert list(tmp_path.iterdir()) == []


def test_404_names_the_url(server, tmp_path):
    with pytest.raises(CnnvizError, match="404") as info:
        download_file(f"{server.url}/missing-0000.pth", tmp_path / "m.pth", sha256_prefix=None)
    assert f"{server.url}/missing-0000.pth" in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_truncated_body_is_refused(server, tmp_path):
    url = server.add(b"x" * 5000, "short")
    server.short.add(url.rsplit("/", 1)[1])
    with pytest.raises(CnnvizError, match="could not download"):
        download_file(url, tmp_path / "s.pth", sha256_prefix=None, timeout=5)
    assert list(tmp_path.iterdir()) == []


def test_connection_refused_is_a_cnnviz_error(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/w-1234.pth"
    with pytest.raises(CnnvizError, match="could not download") as info:
        download_file(url, tmp_path / "w.pth", sha256_prefix="1234", timeout=5)
    assert url in str(info.value) and "\n" not in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_cli_progress_bar_draws_on_stderr(capsys):
    draw = cli_progress_bar("resnet18.pth", width=10)
    draw(0, 2_000_000)
    draw(1_000_000, 2_000_000)
    draw(2_000_000, 2_000_000)
    draw(2_000_000, 2_000_000)  # after completion nothing more is drawn
    err = capsys.readouterr().err
    assert err.startswith("\rresnet18.pth [..........]")
    assert err.endswith("[##########] 2.0/2.0 MB 100%\n")
    assert err.count("\n") == 1
    unknown = cli_progress_bar("x")
    unknown(3_500_000, None)
    assert capsys.readouterr().err == "\rx 3.5 MB"


def test_load_model_downloads_default_weights_once(server, hub_dir, monkeypatch):
    served = resnet18()
    with torch.no_grad():
        served.fc.weight.normal_()
    url = server.add(_state_bytes(served), "resnet18")
    monkeypatch.setattr(weights, "pretrained_url", lambda name: url)
    calls: list[tuple[int, int | None]] = []
    assert not weights.pretrained_available("resnet18")
    loaded = load_model("resnet18", "default", progress=lambda d, t: calls.append((d, t)))
    assert weights.pretrained_available("resnet18")
    assert calls and calls[-1][0] == calls[-1][1] == weights.pretrained_cache_path("resnet18").stat().st_size
    got = loaded.module.state_dict()
    assert all(torch.equal(got[k], v) for k, v in served.state_dict().items())
    assert not loaded.module.training and loaded.info.family == "torchvision"

    server.files.clear()  # a second load must come from the cache, not the (now empty) server
    again = load_model("resnet18", "default", progress=lambda d, t: pytest.fail("downloaded twice"))
    assert torch.equal(again.module.fc.weight, served.fc.weight)
