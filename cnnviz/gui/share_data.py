"""Saving what the app computed: the whole capture (``.safetensors``, as ``cnnviz capture`` writes it) and the
selected layer's activations (``.npy``).

The path is checked at once in the GUI thread (a folder that cannot be written, too long a name: one line in
the status bar); the writing, which can be large, runs in the render worker
(:meth:`~cnnviz.gui.session.Session.request_view`), all at once or not at all (:mod:`cnnviz.core.atomic`), and
its outcome is said in the status bar when it comes back.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from PySide6.QtCore import QObject

from ..core.atomic import atomic_write, check_writable
from ..core.capture.export import check_capture_output, save_capture
from ..core.capture.records import Capture
from ..core.errors import CnnvizError
from ..core.i18n import translator
from ..core.paths import shown_path
from . import share_files as files

tr = translator(__name__)

VIEW_PREFIX = "share:"  # the render worker's view kinds of these writes
_serial = itertools.count(1)


@dataclass(frozen=True)
class Written:
    """What a write in the worker came to: the file and how many tensors it holds, or the one-line reason
    it could not be written."""

    path: Path
    tensors: int = 0
    error: str | None = None


# ---------------------------------------------------------------------- the writing (worker thread; no Qt)

def capture_metadata(result) -> dict[str, object]:
    """The metadata ``cnnviz capture`` stores: model, weights, image, blocks (a :class:`jobs.CaptureResult`)."""
    loaded, request = result.model.loaded, result.request
    image = str(request.path) if request.path is not None else request.label
    return {"model": str(loaded.name), "weights": str(loaded.weights), "image": image,
            "blocks": result.capture.extras.get("blocks", [])}


def write_capture(cap: Capture, path: Path, metadata: dict[str, object]) -> Written:
    """Write every tensor of ``cap`` to ``path`` (:func:`cnnviz.core.capture.export.save_capture`)."""
    try:
        written = save_capture(cap, path, metadata)
    except CnnvizError as exc:
        return Written(Path(path), error=str(exc))
    return Written(written, len(cap))


def activation_array(tensor: torch.Tensor) -> np.ndarray:
    """``tensor`` as a numpy array on the CPU (bfloat16 and other types numpy lacks as float32)."""
    t = tensor.detach().to("cpu")
    if t.is_floating_point() and t.dtype not in (torch.float16, torch.float32, torch.float64):
        t = t.float()
    return np.ascontiguousarray(t.numpy())


def write_activation(tensor: torch.Tensor, path: Path) -> Written:
    """Write ``tensor`` (a layer's output, batch dimension first) to ``path`` with :func:`numpy.save`."""
    array = activation_array(tensor)

    def write(tmp: Path) -> None:
        with open(tmp, "wb") as f:  # a file object: np.save given a name would add ".npy" to the temp name
            np.save(f, array, allow_pickle=False)

    try:
        written = atomic_write(check_writable(path), write, "")
    except CnnvizError as exc:
        return Written(Path(path), error=str(exc))
    return Written(written, 1)


# ---------------------------------------------------------------------- the GUI side

class Writes(QObject):
    """The writes a window sent to the render worker, said in the status bar when each comes back."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.setObjectName("share_writes")
        self.session = window.session
        self.pending: dict[str, str] = {}  # view kind -> what was written ("capture" / "activations")
        self.done: list[Written] = []  # every outcome, newest last (tests and scripts read it)
        self.session.view_changed.connect(self._on_view)

    def submit(self, what: str, fn, *args) -> str:
        kind = f"{VIEW_PREFIX}{what}:{next(_serial)}"
        self.pending[kind] = what
        self.session.request_view(kind, fn, *args)
        return kind

    def _on_view(self, kind: str) -> None:
        what = self.pending.pop(kind, None)
        if what is None:
            return
        outcome: Written = self.session.views.pop(kind)
        self.done.append(outcome)
        if outcome.error is not None:
            self.session.report_error(outcome.error)
        elif what == "capture":
            self.session.status.emit(tr("wrote {count} tensors to {path}").format(
                count=outcome.tensors, path=shown_path(outcome.path)))
        else:
            self.session.status.emit(tr("wrote the activations to {path}").format(path=shown_path(outcome.path)))

    def busy(self) -> bool:
        """Whether a write has not come back yet."""
        return bool(self.pending)


def writes(window) -> Writes:
    """The window's :class:`Writes` (made on first use)."""
    found = window.findChild(Writes, "share_writes")
    return found if found is not None else Writes(window)


def _target(window, path: str | Path, suffix: str) -> Path | None:
    """``path`` with ``suffix``, checked now; None (said in the status bar) if it cannot be written."""
    try:
        target = files.with_suffix(path, suffix)
        return check_capture_output(target) if suffix == "safetensors" else check_writable(target)
    except CnnvizError as exc:
        window.session.report_error(str(exc))
        return None


def save_capture_to(window, path: str | Path) -> str | None:
    """Write the capture shown to ``path`` (``.safetensors`` added if missing) in the background; returns the
    write's view kind, or None when there is nothing to save or the path cannot be written (said why)."""
    result = window.session.result
    if result is None:
        window.session.report_error(tr("no capture to save yet: open an image first"))
        return None
    target = _target(window, path, "safetensors")
    if target is None:
        return None
    files.remember_folder(window, target)
    return writes(window).submit("capture", write_capture, result.capture, target, capture_metadata(result))


def save_activation_to(window, path: str | Path, key: str | None = None) -> str | None:
    """Write the selected (or ``key``'s) layer's activations to ``path`` (``.npy`` added if missing) in the
    background; returns the write's view kind, or None (said why)."""
    session = window.session
    key = session.layer if key is None else key
    if session.result is None:
        session.report_error(tr("no activations to save yet: open an image first"))
        return None
    if key is None or key not in session.result.capture:
        session.report_error(tr("no layer selected: select a layer in the model tree first"))
        return None
    target = _target(window, path, "npy")
    if target is None:
        return None
    files.remember_folder(window, target)
    return writes(window).submit("activations", write_activation, session.activation(key), target)


def save_capture_dialog(window) -> str | None:
    """File > Save capture…: ask where, then save."""
    result = window.session.result
    if result is None:
        window.session.report_error(tr("no capture to save yet: open an image first"))
        return None
    image = result.request.path.stem if result.request.path is not None else result.request.label
    name = files.file_stem(f"{Path(str(result.model.loaded.name)).stem}-{image}")
    path = files.ask_save_path(window, tr("Save capture"), str(files.start_folder(window) / f"{name}.safetensors"),
                               tr("safetensors files (*.safetensors)"))
    return save_capture_to(window, path) if path else None


def save_activation_dialog(window) -> str | None:
    """File > Save layer's activations…: ask where, then save the selected layer's."""
    session = window.session
    if session.result is None or session.layer is None:
        return save_activation_to(window, "unused")  # says what is missing
    path = files.ask_save_path(window, tr("Save the activations of {layer}").format(layer=session.layer),
                               str(files.start_folder(window) / f"{files.file_stem(session.layer)}.npy"),
                               tr("NumPy arrays (*.npy)"))
    return save_activation_to(window, path) if path else None


__all__ = ["Written", "capture_metadata", "save_activation_dialog", "save_activation_to", "save_capture_dialog",
           "save_capture_to", "write_activation", "write_capture"]
