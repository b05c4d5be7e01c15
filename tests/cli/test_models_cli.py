"""``cnnviz models``: course, torchvision and timm rows, the same columns and JSON keys, and no torch
import once the catalog is cached."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cnnviz.cli import main
from cnnviz.core.models import catalog, catalog_cache


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cnnviz"
    monkeypatch.setattr(catalog_cache, "cache_dir", lambda: folder)
    return folder


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return catalog.build_rows()


def test_json_lists_every_family_with_the_same_keys(cache: Path, rows, capsys, monkeypatch) -> None:
    monkeypatch.setattr(catalog, "build_rows", lambda: rows)
    assert main(["models", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed == rows and (cache / catalog_cache.CACHE_FILE).is_file()
    assert all(list(r) == ["name", "family", "input_shape", "classes", "description"] for r in listed)
    families = {r["name"]: r["family"] for r in listed}
    assert families["mnist_inception"] == "course" and families["googlenet"] == "torchvision"
    assert families["timm/inception_resnet_v2"] == "timm" and families["timm/efficientnet_b0"] == "timm"
    assert sum(f == "timm" for f in families.values()) > 300


def test_text_has_one_aligned_line_a_model(cache: Path, rows, capsys, monkeypatch) -> None:
    monkeypatch.setattr(catalog, "build_rows", lambda: rows)
    assert main(["models"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(rows)
    width = max(len(r["name"]) for r in rows)
    for line, row in zip(lines, rows):
        shape = "x".join(map(str, row["input_shape"]))
        assert line == f"{row['name']:{width}s} {row['family']:12s} {shape:10s} {row['description']}"
    assert lines[0].startswith("mnist_inception ")


def test_a_corrupt_cache_still_lists(cache: Path, rows, capsys, monkeypatch) -> None:
    monkeypatch.setattr(catalog, "build_rows", lambda: rows)
    cache.mkdir(parents=True)
    (cache / catalog_cache.CACHE_FILE).write_text('{"key": "torn')
    assert main(["models", "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == rows and err == ""


def test_listing_from_the_cache_imports_no_torch(tmp_path: Path, rows) -> None:
    folder = tmp_path / "cnnviz"
    assert catalog_cache.write_cache(folder / catalog_cache.CACHE_FILE, catalog_cache.cache_key(), rows)
    script = ("import sys, pathlib; from cnnviz.core.models import catalog_cache; "
              f"catalog_cache.cache_dir = lambda: pathlib.Path({str(folder)!r}); "
              "from cnnviz.cli import main; code = main(['models', '--json']); "
              "print('imported:', 'torch' in sys.modules, 'timm' in sys.modules, file=sys.stderr); sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONWARNINGS": "error"})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == rows
    assert done.stderr.strip() == "imported: False False"
