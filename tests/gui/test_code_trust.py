"""code_trust reads code specs as the loader does (user_code.parse_code_spec): no second grammar to drift."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from cnnviz.gui import code_trust, jobs

SOURCE = "import torch.nn as nn\n\n\nclass Net(nn.Module):\n    pass\n"


@pytest.mark.parametrize("file_name", ["net.py", "NET.PY", "my net.Py"])
def test_a_file_spec_is_read_as_the_loader_reads_it(tmp_path: Path, file_name: str) -> None:
    path = tmp_path / file_name
    path.write_text(SOURCE, encoding="utf-8")
    spec = f"{path}:Net"
    assert code_trust.split_spec(spec) == (str(path), "Net")
    assert not code_trust.names_missing_file(spec)  # there: it is asked about, not loaded untrusted
    assert code_trust.code_file(spec) == path.resolve()
    assert code_trust.fingerprint(spec) == hashlib.sha256(path.read_bytes()).hexdigest()
    assert jobs.code_kind(spec) == "Python code"


@pytest.mark.parametrize("text", ["net.py", "net.py:", "net.py:1st", "resnet18", "timm/resnet18", "a/b:Net", ""])
def test_other_text_is_not_a_spec(text: str) -> None:
    assert code_trust.split_spec(text) is None and not code_trust.is_code_spec(text)


def test_a_package_module_spec() -> None:
    assert code_trust.split_spec("torchvision.models:resnet18") == ("torchvision.models", "resnet18")
    assert not code_trust.names_missing_file("torchvision.models:resnet18")


def test_an_unchanged_archive_is_hashed_once(tmp_path: Path, monkeypatch) -> None:
    archive = tmp_path / "big.pt"
    archive.write_bytes(b"x" * 4096)
    calls = []
    real = hashlib.sha256
    monkeypatch.setattr(code_trust.hashlib, "sha256", lambda *a: calls.append(1) or real(*a))
    first = code_trust.fingerprint(str(archive))
    assert code_trust.fingerprint(str(archive)) == first and len(calls) == 1
    archive.write_bytes(b"y" * 4097)  # changed: hashed again, and the fingerprint differs
    assert code_trust.fingerprint(str(archive)) != first and len(calls) == 2
