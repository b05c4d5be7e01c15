"""The model catalog: built once, cached as JSON in the user's cache folder, read back without torch;
a corrupt, stale or unwritable cache never stops the listing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cnnviz.core.models import catalog, catalog_cache

ROWS = [
    {"name": "mnist_inception", "family": "course", "input_shape": [1, 28, 28], "classes": 10, "description": "c"},
    {"name": "timm/resnet18", "family": "timm", "input_shape": [3, 224, 224], "classes": 1000, "description": "t"},
]


class _Cache(type(Path())):  # a Path that also counts the catalog's builds
    builds: list[int]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> _Cache:
    """The catalog's cache folder in tmp_path; ``build_rows`` counts its calls (``cache.builds``) and returns ROWS."""
    folder = _Cache(tmp_path / "cache" / "cnnviz")
    folder.builds = []
    monkeypatch.setattr(catalog_cache, "cache_dir", lambda: folder)
    monkeypatch.setattr(catalog, "build_rows", lambda: folder.builds.append(1) or [dict(r) for r in ROWS])
    return folder


def test_rows_are_built_once_then_read_from_the_cache(cache: Path) -> None:
    assert catalog.model_rows() == ROWS
    assert json.loads((cache / "models.json").read_text())["rows"] == ROWS
    assert catalog.model_rows() == ROWS and catalog.timm_names() == ["timm/resnet18"]
    assert len(cache.builds) == 1
    assert [p.name for p in cache.iterdir()] == ["models.json"]  # no temporary file left


@pytest.mark.parametrize("content", [
    b"", b"{not json", b"\xff\xfe garbage", b"[]", b'{"key": 1, "rows": []}', b"null",
])
def test_a_corrupt_cache_is_rebuilt_silently(cache: Path, content: bytes) -> None:
    cache.mkdir(parents=True)
    (cache / "models.json").write_bytes(content)
    assert catalog.model_rows() == ROWS
    assert len(cache.builds) == 1
    assert json.loads((cache / "models.json").read_text())["rows"] == ROWS


def test_rows_of_the_wrong_shape_are_rebuilt(cache: Path) -> None:
    cache.mkdir(parents=True)
    bad = [dict(ROWS[0], classes="ten")]
    (cache / "models.json").write_text(json.dumps({"key": catalog_cache.cache_key(), "rows": bad}))
    assert catalog.model_rows() == ROWS and len(cache.builds) == 1


def test_another_version_rebuilds(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    catalog.model_rows()
    real = catalog_cache.metadata.version
    monkeypatch.setattr(catalog_cache.metadata, "version", lambda p: "99.0" if p == "timm" else real(p))
    assert catalog_cache.cache_key()["versions"]["timm"] == "99.0"
    catalog.model_rows()
    catalog.model_rows()
    assert len(cache.builds) == 2


def test_key_reads_versions_and_the_defining_files() -> None:
    key = catalog_cache.cache_key()
    assert set(key["versions"]) == {"cnnviz", "torch", "torchvision", "timm"}
    assert key["versions"]["torch"] and key["versions"]["timm"]
    assert all(isinstance(v, int) for v in key["sources"].values())


def test_an_unwritable_cache_folder_still_lists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    monkeypatch.setattr(catalog_cache, "cache_dir", lambda: blocker / "cnnviz")
    monkeypatch.setattr(catalog, "build_rows", lambda: [dict(r) for r in ROWS])
    assert catalog.model_rows() == ROWS
    assert blocker.read_text() == "not a folder"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG_CACHE_HOME is the Linux convention")
def test_cache_dir_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CNNVIZ_CACHE_DIR", str(tmp_path / "own"))
    assert catalog_cache.cache_dir() == tmp_path / "own"
    monkeypatch.delenv("CNNVIZ_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert catalog_cache.cache_dir() == tmp_path / "cnnviz"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert catalog_cache.cache_dir() == Path.home() / ".cache" / "cnnviz"


@pytest.fixture(scope="module")
def real_rows() -> list[dict]:
    return catalog.build_rows()


def test_built_rows_list_course_torchvision_and_timm(real_rows: list[dict]) -> None:
    names = [r["name"] for r in real_rows]
    families = [r["family"] for r in real_rows]
    assert names[:3] == ["mnist_inception", "mnist_residual", "alexnet_small"]
    assert families == sorted(families, key=["course", "torchvision", "timm"].index)
    assert all(set(r) == set(catalog.ROW_KEYS) for r in real_rows)
    by_name = {r["name"]: r for r in real_rows}
    assert by_name["resnet18"]["family"] == "torchvision" and by_name["resnet18"]["classes"] == 1000
    irv2 = by_name["timm/inception_resnet_v2"]
    assert irv2["input_shape"] == [3, 299, 299] and irv2["classes"] == 1000 and "tf_in1k" in irv2["description"]
    assert "no pretrained weights" in by_name["timm/darknet17"]["description"]
    assert not any(n.startswith(("vit_", "timm/vit_", "timm/swin", "timm/deit")) for n in names)


def test_a_fresh_process_lists_from_the_cache_without_torch(real_rows, tmp_path: Path) -> None:
    folder = tmp_path / "cnnviz"
    assert catalog_cache.write_cache(folder / catalog_cache.CACHE_FILE, catalog_cache.cache_key(), real_rows)
    script = ("import sys; from cnnviz.core.models import catalog, catalog_cache; "
              f"catalog_cache.cache_dir = lambda: __import__('pathlib').Path({str(folder)!r}); "
              "rows = catalog.model_rows(); "
              "print(len(rows), 'torch' in sys.modules, 'timm' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONWARNINGS": "error"}, timeout=120).stdout.split()
    assert out == [str(len(real_rows)), "False", "False"]
