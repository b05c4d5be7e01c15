"""Saving from the app: the capture (.safetensors) loads back with the capture's keys and equal tensors, the
selected layer's activations (.npy) equal them; the writing runs in the render worker; bad paths and a full disk
are one line each, and the app goes on."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import numpy as np
import torch
from safetensors import safe_open
from safetensors.torch import load_file

from cnnviz.gui import share_data, share_files
from tests.gui.helpers import open_mnist


def errors_of(window) -> list[str]:
    seen: list[str] = []
    window.session.error.connect(seen.append)
    return seen


def wait_written(qtbot, window, count: int) -> list[share_data.Written]:
    writes = share_data.writes(window)
    qtbot.waitUntil(lambda: len(writes.done) >= count and not writes.busy())
    return writes.done


def test_capture_and_activations_load_back_equal(qtbot, window, images, tmp_path: Path, monkeypatch) -> None:
    open_mnist(qtbot, window, images[0])
    session = window.session
    cap = session.result.capture
    statuses: list[str] = []
    session.status.connect(statuses.append)
    kind = share_data.save_capture_to(window, tmp_path / "out" / "cap")  # a new folder is made, as the CLI does
    assert kind is not None and kind.startswith(share_data.VIEW_PREFIX)
    session.select_layer("incep1")
    share_data.save_activation_to(window, tmp_path / "incep1.npy")
    done = wait_written(qtbot, window, 2)
    assert [d.error for d in done] == [None, None]
    loaded = load_file(str(tmp_path / "out" / "cap.safetensors"))
    assert list(loaded) and set(loaded) == set(cap)
    for key in cap:
        assert torch.equal(loaded[key], cap[key].cpu()), key
    with safe_open(str(tmp_path / "out" / "cap.safetensors"), "pt") as f:
        meta = f.metadata()
    assert meta["model"] == "mnist_inception" and meta["weights"] == "none" and meta["image"] == str(images[0])
    assert {b["path"] for b in json.loads(meta["blocks"])} == {"incep1", "incep2"}
    array = np.load(tmp_path / "incep1.npy")
    assert array.shape == (1, 88, 12, 12) and np.array_equal(array, session.activation("incep1").numpy())
    assert any(s.startswith(f"wrote {len(cap)} tensors to") for s in statuses)
    assert any("wrote the activations to" in s for s in statuses)
    assert session.views.keys().isdisjoint({kind})  # the outcomes are not kept in the session

    asked = []
    monkeypatch.setattr(share_files, "ask_save_path",
                        lambda parent, caption, suggested, filters: asked.append(suggested) or str(tmp_path / "d"))
    share_data.save_activation_dialog(window)
    share_data.save_capture_dialog(window)
    wait_written(qtbot, window, 4)
    assert asked[0].endswith("incep1.npy") and asked[1].endswith("mnist_inception-digit0.safetensors")
    assert asked[0].startswith(str(tmp_path))  # the dialog starts where the last file went
    assert (tmp_path / "d.npy").is_file() and (tmp_path / "d.safetensors").is_file()


def test_bad_paths_and_a_full_disk_are_one_line(qtbot, window, images, tmp_path: Path, monkeypatch) -> None:
    errors = errors_of(window)
    assert share_data.save_capture_to(window, tmp_path / "early") is None  # nothing captured yet
    assert share_data.save_activation_dialog(window) is None
    assert errors == ["no capture to save yet: open an image first",
                      "no activations to save yet: open an image first"]
    open_mnist(qtbot, window, images[0])
    a_file = tmp_path / "a_file"
    a_file.write_text("x")
    for path in ("", a_file / "cap", tmp_path / ("n" * 300), "/proc/cnnviz-capture"):
        before = len(errors)
        assert share_data.save_capture_to(window, path) is None
        assert share_data.save_activation_to(window, path) is None
        assert len(errors) == before + 2 and all("\n" not in e for e in errors), errors
    assert share_data.save_activation_to(window, tmp_path / "x.npy", key="no_such_layer") is None
    assert "no layer selected" in errors[-1]

    import safetensors.torch

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safetensors.torch, "save_file", full)
    monkeypatch.setattr(np, "save", full)
    before = len(errors)
    share_data.save_capture_to(window, tmp_path / "full.safetensors")
    share_data.save_activation_to(window, tmp_path / "full.npy")
    done = wait_written(qtbot, window, 2)
    assert all(d.error and "No space left on device" in d.error for d in done)
    assert errors[before:] == [d.error for d in done]
    assert not list(tmp_path.glob("full*")) and not list(tmp_path.glob(".*.part"))  # nothing half-written is left
    assert window.isVisible() and window.session.result is not None
