"""``cnnviz units``: the DESIGN.md JSON of a small generated folder, equal to a brute-force ranking; each bad input
one line with exit status 2; and two processes under torchrun (gloo) writing exactly the file one process writes."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from cnnviz.cli.units import Bar

from tests.cli.helpers import one_error_line, run_cli

REPO = Path(__file__).resolve().parents[2]
IMAGES = 14


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """Fourteen 28x28 grey pictures (bright strokes on black) in two class sub-folders, and one corrupt file."""
    root = tmp_path_factory.mktemp("units_folder")
    rng = np.random.default_rng(13)
    for i in range(IMAGES):
        sub = root / ("a" if i % 2 else "b")
        sub.mkdir(exist_ok=True)
        img = np.zeros((28, 28), np.uint8)
        r, c = rng.integers(4, 20, size=2)
        img[r:r + rng.integers(3, 9), c:c + rng.integers(2, 8)] = rng.integers(120, 256)
        Image.fromarray(img).save(sub / f"img{i:02d}.png")
    (root / "a" / "broken.png").write_bytes(b"not a png at all")
    return root


@pytest.fixture(autouse=True)
def one_process(monkeypatch) -> None:
    """Not under torchrun (a test that wants a world sets its variables itself)."""
    for name in ("RANK", "WORLD_SIZE", "LOCAL_RANK", "LOCAL_WORLD_SIZE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def single(folder: Path, tmp_path_factory) -> Path:
    """One process's file for the folder (top 3 of incep1), computed with one thread as torchrun's processes
    compute (it sets OMP_NUM_THREADS=1): a convolution's sums split over another number of threads may end
    in another last bit."""
    out = tmp_path_factory.mktemp("units_out") / "one.json"
    from cnnviz.cli import main

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        assert main(["units", str(folder), "--model", "mnist_inception", "--layer", "incep1", "--top", "3",
                     "--batch-size", "4", "--no-cache", "-o", str(out)]) == 0
    finally:
        torch.set_num_threads(threads)
    return out


def _brute_force(folder: Path, doc: dict) -> dict[int, list[tuple[str, float, int, int]]]:
    """Per channel every readable image's maximum and where, sorted (score desc, then the file's place)."""
    from cnnviz.core.capture.run import capture
    from cnnviz.core.inputs.images import load_image
    from cnnviz.core.models.loader import load_model

    loaded = load_model("mnist_inception")
    rows: dict[int, list] = {}
    for order, path in enumerate(sorted(str(p) for p in folder.rglob("img*.png"))):
        act = capture(loaded.module, load_image(path, loaded.info), blocks=False)["incep1"][0]
        flat = act.reshape(act.shape[0], -1)
        score, where = flat.max(dim=1)
        for c in range(act.shape[0]):
            rows.setdefault(c, []).append((path, float(score[c]), int(where[c]) // act.shape[2],
                                           int(where[c]) % act.shape[2], order))
    return {c: sorted(r, key=lambda t: (-t[1], t[4])) for c, r in rows.items()}


def test_the_file_is_designs_json_and_the_brute_force_ranking(single: Path, folder: Path) -> None:
    doc = json.loads(single.read_text())
    assert set(doc) == {"model", "weights", "layer", "top", "images_seen", "channels"}
    assert (doc["model"], doc["weights"], doc["layer"], doc["top"]) == ("mnist_inception", "default", "incep1", 3)
    assert doc["images_seen"] == IMAGES
    assert [ch["channel"] for ch in doc["channels"]] == list(range(88))
    for ch in doc["channels"]:
        assert len(ch["images"]) == 3
        assert all(set(im) == {"path", "score", "y", "x"} for im in ch["images"])
        scores = [im["score"] for im in ch["images"]]
        assert scores == sorted(scores, reverse=True)
    expected = _brute_force(folder, doc)
    for ch in doc["channels"]:
        want = expected[ch["channel"]][:3]
        got = [(Path(im["path"]).name, im["y"], im["x"]) for im in ch["images"]]
        assert got == [(Path(p).name, y, x) for p, _, y, x, _ in want], ch["channel"]
        assert [im["score"] for im in ch["images"]] == pytest.approx([s for _, s, *_ in want], rel=1e-5, abs=1e-5)


def test_a_second_run_reuses_the_cache(capsys, folder: Path, tmp_path: Path, single: Path, monkeypatch) -> None:
    monkeypatch.setenv("CNNVIZ_CACHE_DIR", str(tmp_path / "cache"))
    args = ("units", folder, "--model", "mnist_inception", "--layer", "incep1", "--top", "3")
    code, _, err = run_cli(capsys, *args, "-o", tmp_path / "first.json")
    assert code == 0 and "cached" not in err, err
    code, _, err = run_cli(capsys, *args, "-o", tmp_path / "second.json")
    assert code == 0 and "cached" in err, err
    first, second = (json.loads((tmp_path / n).read_text()) for n in ("first.json", "second.json"))
    assert first == second
    assert _places(first) == _places(json.loads(single.read_text()))  # scores: see the single fixture


def _places(doc: dict) -> list:
    return [[(im["path"], im["y"], im["x"]) for im in ch["images"]] for ch in doc["channels"]]


@pytest.mark.parametrize("extra, needle", [
    (("--model", "no_such_model", "--layer", "incep1"), "no_such_model"),
    (("--model", "mnist_inception", "--layer", "no_such_layer"), "no_such_layer"),
    (("--model", "mnist_inception", "--layer", "incep1", "--top", "0"), "--top"),
    (("--model", "mnist_inception", "--layer", "incep1", "--batch-size", "0"), "--batch-size"),
    (("--model", "mnist_inception", "--layer", "incep1", "--workers", "-1"), "--workers"),
    (("--model", "mnist_inception", "--layer", "incep1", "--top", "1001"), "from 1 to 1000"),
    (("--model", "mnist_inception", "--layer", "incep1", "--limit", "0"), "--limit"),
    (("--model", "mnist_inception", "--layer", "incep1:branch0"), "part of a block"),
    (("--model", "mnist_inception", "--layer", "incep1", "--device", "tpu"), "unknown device"),
])
def test_bad_options_are_one_line(capsys, folder: Path, tmp_path: Path, extra, needle) -> None:
    line = one_error_line(capsys, "units", folder, *extra, "-o", tmp_path / "u.json")
    assert needle in line
    assert not (tmp_path / "u.json").exists()


def test_bad_datasets_and_outputs_are_one_line(capsys, folder: Path, tmp_path: Path) -> None:
    model = ("--model", "mnist_inception", "--layer", "incep1")
    empty = tmp_path / "empty"
    empty.mkdir()
    assert one_error_line(capsys, "units", empty, *model, "-o", tmp_path / "u.json")
    assert one_error_line(capsys, "units", tmp_path / "nowhere", *model, "-o", tmp_path / "u.json")
    (tmp_path / "a_file").write_text("x")
    line = one_error_line(capsys, "units", folder, *model, "-o", tmp_path / "a_file" / "u.json")
    assert "cannot write" in line
    assert "folder" in one_error_line(capsys, "units", folder, *model, "-o", tmp_path)
    assert "not a folder" in one_error_line(capsys, "units", folder / "a" / "img01.png", *model, "-o",
                                            tmp_path / "u.json")
    assert "5,000 characters" in one_error_line(capsys, "units", "d" * 5000, *model, "-o", tmp_path / "u.json")
    assert not (tmp_path / "u.json").exists()


def test_under_torchrun_only_rank_0_says_a_shared_error(capsys, folder: Path, tmp_path: Path, monkeypatch) -> None:
    """Every rank meets a bad layer before any waits for another; rank 1 fails quietly, rank 0 says it."""
    for k, v in {"RANK": "1", "WORLD_SIZE": "2", "LOCAL_RANK": "1", "LOCAL_WORLD_SIZE": "2"}.items():
        monkeypatch.setenv(k, v)
    code, out, err = run_cli(capsys, "units", folder, "--model", "mnist_inception", "--layer", "nope",
                             "-o", tmp_path / "u.json")
    assert (code, out, err) == (2, "", "")
    monkeypatch.setenv("RANK", "0")
    monkeypatch.setenv("LOCAL_RANK", "0")
    assert "unknown layer 'nope'" in one_error_line(capsys, "units", folder, "--model", "mnist_inception",
                                                    "--layer", "nope", "-o", tmp_path / "u.json")


def test_cuda_under_torchrun_with_fewer_gpus_than_processes(capsys, folder: Path, tmp_path: Path,
                                                            monkeypatch) -> None:
    for k, v in {"RANK": "0", "WORLD_SIZE": "4", "LOCAL_RANK": "0", "LOCAL_WORLD_SIZE": "4"}.items():
        monkeypatch.setenv(k, v)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 1)
    line = one_error_line(capsys, "units", folder, "--model", "mnist_inception", "--layer", "incep1",
                          "--device", "cuda", "-o", tmp_path / "u.json")
    assert "4 processes" in line and "1 CUDA" in line


def test_the_bar_ends_its_line() -> None:
    import io

    out = io.StringIO()
    bar = Bar("ranking incep1", 10, stream=out)
    bar(0, 10)
    bar(10, 10)
    bar.end()
    assert out.getvalue().endswith("\n") and out.getvalue().count("\n") == 1
    assert "[########################] 10/10" in out.getvalue()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_two_processes_under_torchrun_write_the_file_of_one(folder: Path, single: Path, tmp_path: Path) -> None:
    out = tmp_path / "two.json"
    env = {**os.environ, "CNNVIZ_CACHE_DIR": str(tmp_path / "cache"), "OMP_NUM_THREADS": "1",
           "PYTHONPATH": str(REPO)}
    for name in ("RANK", "WORLD_SIZE", "LOCAL_RANK", "LOCAL_WORLD_SIZE"):
        env.pop(name, None)
    cmd = [sys.executable, "-m", "torch.distributed.run", "--nproc-per-node", "2", "--nnodes", "1",
           "--master-addr", "127.0.0.1", "--master-port", str(_free_port()),
           "-m", "cnnviz", "units", str(folder), "--model", "mnist_inception", "--layer", "incep1", "--top", "3",
           "--batch-size", "4", "-o", str(out)]
    done = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(out.read_text()) == json.loads(single.read_text())
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").rglob("*.*"))
