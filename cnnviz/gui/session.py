"""The state every panel observes: model, image, selected layer, channel and unit, last capture, colour map.

A user action calls a method here; the session asks a worker (:mod:`cnnviz.gui.workers`) and, when
the plain result comes back, stores it and emits a signal. Panels connect to the signals and read
the attributes; they never talk to each other or to workers. What only one dock shows (the feature
maps' mosaic, the filters, a block's view) is that dock's own state: it asks for it with
:meth:`Session.request_view` while it is in front, and keeps the result.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

import torch
from PySide6.QtCore import QObject, Signal

from ..core.views.colormaps import COLORMAPS
from ..core.errors import CnnvizError
from ..core.i18n import translator
from ..core.inputs.images import IMAGE_SUFFIXES
from ..core.paths import FOLDER, file_problem, is_absent, shown_path
from ..core.analysis.summary import Summary
from . import code_trust, jobs
from .downloads import Download, Downloads
from .workers import Workers

tr = translator(__name__)

AUTO_CMAP = "auto"  # each dock picks: magma for non-negative maps, coolwarm for signed ones


def check_image_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """Split dropped/opened paths into image files and one-line problems (folders, other files)."""
    files, problems = [], []
    for raw in paths:
        path = Path(raw)
        problem = file_problem(path)  # stat only: a too-long name, a link loop or a FIFO is one line, never opened
        if problem is not None and problem[0] == FOLDER:
            problems.append(tr("{path}: is a folder; open or drop image files instead").format(path=path))
        elif problem is not None:
            why = tr("no such file") if is_absent(problem) else problem[1]
            problems.append(tr("{path}: {problem}").format(path=shown_path(path), problem=why))
        elif path.suffix.lower() not in IMAGE_SUFFIXES:
            problems.append(tr("{path}: not an image file (unknown type '{suffix}')").format(
                path=path, suffix=path.suffix or path.name))
        else:
            files.append(path)
    return files, problems


def default_layer(summary: Summary | None) -> str | None:
    """The first layer with a spatial (C x H x W) output, where a first look is most telling."""
    if summary is None:
        return None
    for layer in summary.layers:
        shape = layer.output_shape
        if isinstance(shape, list) and len(shape) == 3 and all(isinstance(s, int) for s in shape):
            return layer.name
    return summary.layers[0].name if summary.layers else None


class Session(QObject):
    """What the window shows, and the requests that change it."""

    model_changed = Signal()
    model_note_changed = Signal()  # the same model, another note for people ("trained on digits ...")
    image_changed = Signal()
    capture_changed = Signal()
    layer_selected = Signal(str)
    channel_selected = Signal(int)
    cmap_changed = Signal()  # the colour map the docks draw maps with
    view_changed = Signal(str)  # a dock's computed view (see request_view) arrived
    unit_selected = Signal(str, int, int)  # layer key, row, column of a clicked unit
    busy_changed = Signal(bool)
    progress = Signal(int, int, str)  # done, total (-1: unknown), what
    download_active = Signal(bool)
    model_request_changed = Signal()  # a model asked for will not come (the pickers name the loaded one)
    weights_unavailable = Signal(object, str)  # jobs.ModelRequest whose pretrained weights failed, why
    error = Signal(str)
    status = Signal(str)
    idle = Signal()

    def __init__(self, workers: Workers | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workers = workers or Workers(self)
        self.device = "auto"
        self.trust_code = False
        self.confirm_code: Callable[[str], bool] | None = None  # asks the user before a file's code runs
        self.code_trust = code_trust.CodeTrust()  # the files whose code the user allowed, as they were then
        self.fallback: jobs.ModelRequest | None = None  # loaded when the first model asked for fails
        self._fallback_reason: str | None = None
        self.model: jobs.ModelResult | None = None
        self.model_request: jobs.ModelRequest | None = None
        self.files: list[Path] = []
        self.index = 0
        self.image_label = ""
        self.result: jobs.CaptureResult | None = None
        self.layer: str | None = None
        self.channel: int | None = None
        self.cmap = AUTO_CMAP
        self.views: dict[str, object] = {}
        self.unit: tuple[str, int, int] | None = None
        self._view_gens: dict[str, int] = {}
        self._gen = self._settled = self._capture_gen = 0
        self._rgen = self._rsettled = 0
        self.downloads = Downloads(self.workers, self)
        self._busy = False
        self._connect_workers()

    def _connect_workers(self) -> None:
        inf, ren = self.workers.inference, self.workers.render
        inf.model_ready.connect(self._on_model_ready)
        inf.image_ready.connect(self._on_image_ready)
        inf.captured.connect(self._on_captured)
        inf.failed.connect(self._on_failed)
        inf.settled.connect(self._on_settled)
        ren.view_ready.connect(self._on_view)
        ren.failed.connect(self._on_failed)
        ren.settled.connect(self._on_render_settled)
        self.downloads.active.connect(self.download_active)
        self.downloads.progress.connect(self.progress)
        self.downloads.done.connect(self._on_download_done)
        self.downloads.failed.connect(self._on_download_failed)

    # ------------------------------------------------------------------ state queries

    def is_idle(self) -> bool:
        """No request is waiting for a result."""
        return self._gen <= self._settled and self._rgen <= self._rsettled and not self.downloads.busy()

    def activation(self, key: str | None = None) -> torch.Tensor | None:
        """The selected (or named) layer's output in the last capture."""
        key = self.layer if key is None else key
        if self.result is None or key is None:
            return None
        return self.result.capture.get(key)

    def current_path(self) -> Path | None:
        """The file of the image shown, if it is a file."""
        return self.files[self.index] if self.files else None

    # ------------------------------------------------------------------ requests

    def _submit(self, kind: str, value: object) -> None:
        self._gen += 1
        self.workers.inference.submit(kind, self._gen, value)
        self._update_busy()

    def request_model(self, name: str, weights: str = "default", device: str | None = None,
                      transform_input: bool | None = None,
                      description: jobs.InputDescription | None = None) -> None:
        """Load a model (downloading torchvision's or timm's pretrained weights first when needed);
        ``transform_input`` forces GoogLeNet's / Inception-v3's input transform on or off (None: what the
        weights say); ``description``: what the user said about its input (None: what was said for this
        model before, if it is the one asked for last).

        A model that holds code (user code, a TorchScript archive, a ``.pt2`` with pickled entries) loads only
        after ``confirm_code(name)`` says yes (unless ``trust_code``); the answer holds for its file until the
        file changes. Otherwise nothing is imported and the model shown stays (with none shown yet, the
        fallback). With no ``confirm_code`` to ask (screenshots), it is an error.
        """
        if description is None:
            last = self.model_request
            description = last.description if last is not None and last.name == name else None
        kind = jobs.code_kind(name)
        if kind is not None and code_trust.names_missing_file(name):
            kind = None  # nothing there to run: loaded untrusted, the loader says the file is missing
        request = jobs.model_request(name, weights, device or self.device, self.trust_code or kind is not None,
                                     transform_input, description)
        self.model_request = request
        if kind is not None and not self.trust_code and not self._code_allowed(name, kind):
            return
        if jobs.needs_download(name, weights):
            self.download_pretrained(name, then=request)
            return
        self.downloads.drop()  # the model it was for is no longer wanted
        self._submit("model", request)

    def _code_allowed(self, name: str, kind: str) -> bool:
        """Whether ``name``'s code may run: allowed before and unchanged since, or allowed now by the user."""
        print_ = code_trust.fingerprint(name)
        if self.code_trust.allowed(name, print_):
            return True
        if self.confirm_code is None:
            self.error.emit(tr("{name} is {kind}: loading it runs code stored in the file; pass --trust-code only "
                               "if you trust where it came from").format(name=name, kind=kind))
            self._on_model_failed(tr("its code may run only with --trust-code"))
            return False
        if not self.confirm_code(name):
            self.status.emit(tr("{name} was not loaded: it holds code, which was not allowed to run").format(
                name=name))
            self._on_model_failed(tr("its code was not allowed to run"))
            return False
        self.code_trust.allow(name, print_)
        return True

    def reload_model(self) -> None:
        """Load the current model again as it was asked for (a code file is read and imported afresh; asked
        about again if it changed since it was allowed); the image and the selected layer stay where they can."""
        request = self.model.request if self.model is not None else self.model_request
        if request is None:
            self.status.emit(tr("no model to reload"))
            return
        self.request_model(request.name, request.weights, request.device, request.transform_input,
                           request.description)

    def _model_request_failed(self) -> None:
        """The model asked for will not come: the pickers name the loaded one again."""
        self.model_request = self.model.request if self.model is not None else None
        self.model_request_changed.emit()

    def adopt_model(self, result: jobs.ModelResult) -> None:
        """Make a model built elsewhere (the one being trained) the app's model; it is captured as usual."""
        self._submit("adopt", result)

    def set_model_note(self, note: str, trained: bool = True) -> None:
        """Say what the current model now is (after training it in place) without reloading anything;
        ``trained``: its predictions now mean something (it no longer has random weights)."""
        if self.model is not None:
            self.model.note = note
            self.model.untrained = self.model.untrained and not trained
            self.model_note_changed.emit()

    def show_probe(self, result: jobs.CaptureResult) -> None:
        """Show a capture made outside the inference worker (the training thread's probe) as the newest."""
        self._on_captured(max(self._gen, self._capture_gen), result)

    def set_device(self, device: str) -> None:
        """Run on another device (the model is reloaded there)."""
        self.device = device
        if self.model_request is not None:
            req = self.model_request
            self.request_model(req.name, req.weights, device, req.transform_input, req.description)

    def open_paths(self, paths: Iterable[str | Path]) -> bool:
        """Open image files: the first is shown, all go into the input strip. False if none can be."""
        files, problems = check_image_paths(paths)
        if not files:
            self.error.emit(problems[0] if problems else tr("nothing to open"))
            return False
        if problems:
            self.status.emit(tr("skipped {count} item(s): {first}").format(count=len(problems), first=problems[0]))
        self._open(files, 0)
        return True

    def _open(self, files: list[Path], index: int) -> None:
        path = files[index]
        self._submit("image", jobs.ImageRequest(str(path), path=path, files=tuple(files), index=index))

    def open_bytes(self, data: bytes, label: str | None = None) -> None:
        """Show an image held in memory (a paste; ``label`` None: "pasted image")."""
        self._submit("image", jobs.ImageRequest(label or tr("pasted image"), data=bytes(data)))

    def open_frame(self, frame, label: str | None = None) -> int:
        """Show a decoded uint8 RGB frame (H x W x 3 numpy array, a live video's); returns the request's
        generation (the inference worker's ``settled`` reaches it once the frame is captured or superseded)."""
        self._submit("image", jobs.ImageRequest(label or tr("video frame"), frame=frame))
        return self._gen

    def show_index(self, index: int) -> None:
        """Show the ``index``-th image of the input strip."""
        if 0 <= index < len(self.files) and index != self.index:
            self._open(self.files, index)

    def step_image(self, delta: int) -> None:
        if self.files:
            self.show_index(min(max(self.index + delta, 0), len(self.files) - 1))

    def select_layer(self, key: str | None) -> None:
        """Select a layer for every panel (no forward pass: the capture holds every layer)."""
        if key == self.layer:
            return
        self.layer = key
        self.channel = 0 if jobs.is_spatial(self.activation()) else None
        self.layer_selected.emit(key or "")

    def select_channel(self, channel: int) -> None:
        act = self.activation()
        if not jobs.is_spatial(act) or not 0 <= channel < act.shape[1] or channel == self.channel:
            return
        self.channel = int(channel)
        self.channel_selected.emit(self.channel)

    def select_unit(self, key: str, row: int, col: int) -> None:
        """A unit (one position of one layer's maps) was clicked: the input dock outlines what it sees."""
        self.unit = (key, int(row), int(col))
        self.unit_selected.emit(key, int(row), int(col))

    def request_view(self, kind: str, fn, *args) -> None:
        """Compute ``fn(*args)`` in the render worker; the result lands in ``views[kind]`` with
        ``view_changed(kind)``. A newer request of the same kind supersedes an older one."""
        self._view_gens[kind] = self._request_render(f"view:{kind}", jobs.ViewJob(kind, fn, args))

    def wish_explanation(self, wish: jobs.ExplainWish | None) -> None:
        """Tell the inference worker what the Attribution dock in front will ask for after each capture, so that
        the capture's own forward serves it (None: nothing; the dock behind a tab, or a pixel method)."""
        self.workers.inference.explain = wish

    def set_cmap(self, cmap: str) -> None:
        """Draw maps with another colour map (a name of :data:`COLORMAPS`, or ``"auto"``) in every dock."""
        if cmap != AUTO_CMAP and cmap not in COLORMAPS:
            raise CnnvizError(tr("unknown colour map '{name}'").format(name=cmap))
        if cmap != self.cmap:
            self.cmap = cmap
            self.cmap_changed.emit()

    # ------------------------------------------------------------------ rendering

    def _request_render(self, kind: str, job: object) -> int:
        self._rgen += 1
        self.workers.render.submit(kind, self._rgen, job)
        self._update_busy()
        return self._rgen

    # ------------------------------------------------------------------ results

    def _apply_model(self, result: jobs.ModelResult) -> None:
        self.model = result
        self.unit = None
        keys = {layer.name for layer in result.summary.layers} if result.summary else set()
        if self.layer not in keys:
            self.layer = default_layer(result.summary)
            self.channel = None
        self.model_changed.emit()

    def _on_model_ready(self, gen: int, result: jobs.ModelResult) -> None:
        self._apply_model(result)
        self.result = None
        self.capture_changed.emit()
        reason, self._fallback_reason = self._fallback_reason, None
        self.status.emit(reason or tr("{model} on {device}: {note}").format(
            model=result.loaded.name, device=result.loaded.device, note=result.note))
        if result.summary_error:
            self.error.emit(tr("{model}: no layer summary ({reason})").format(model=result.loaded.name,
                                                                              reason=result.summary_error))

    def _on_image_ready(self, gen: int, request: jobs.ImageRequest) -> None:
        if request.path is not None:
            self.files, self.index = list(request.files), request.index
        else:
            self.files, self.index = [], 0
        self.image_label = request.label
        self.image_changed.emit()

    def _on_captured(self, gen: int, result: jobs.CaptureResult) -> None:
        if gen < self._capture_gen:
            return
        self._capture_gen = gen
        if result.model is not self.model:
            self._apply_model(result.model)
        self.result = result
        layer = self.layer
        if self.layer is None:
            self.layer = next((k for k, v in result.capture.items() if k != "input" and jobs.is_spatial(v)), None)
        act = self.activation()
        if self.channel is None or not jobs.is_spatial(act) or self.channel >= act.shape[1]:
            self.channel = 0 if jobs.is_spatial(act) else None
        self.capture_changed.emit()
        if self.layer != layer:
            self.layer_selected.emit(self.layer or "")

    def _on_view(self, gen: int, kind: str, result: object) -> None:
        if gen >= self._view_gens.get(kind, 0):
            self.views[kind] = result
            self.view_changed.emit(kind)

    def _on_failed(self, gen: int, kind: str, message: str) -> None:
        self.error.emit(message)
        if kind == "model":
            self._on_model_failed(message)

    def _on_model_failed(self, message: str) -> None:
        """Keep the model shown; with none shown yet, load the fallback (the built-in default) instead."""
        failed, fallback = self.model_request, self.fallback
        if self.model is None and failed is not None and fallback is not None and \
                (failed.name, failed.weights) != (fallback.name, fallback.weights):
            self._fallback_reason = tr("{failed} could not be loaded ({reason}); showing {fallback} instead").format(
                failed=failed.name, reason=message, fallback=fallback.name)
            self.request_model(fallback.name, fallback.weights, fallback.device)
            return
        self._model_request_failed()

    def _on_settled(self, gen: int) -> None:
        self._settled = max(self._settled, gen)
        self._update_busy()

    def _on_render_settled(self, gen: int) -> None:
        self._rsettled = max(self._rsettled, gen)
        self._update_busy()

    def _update_busy(self) -> None:
        busy = not self.is_idle()
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)
        if not busy:
            self.idle.emit()

    # ------------------------------------------------------------------ downloads

    def download_pretrained(self, name: str, url: str | None = None,
                            then: jobs.ModelRequest | None = None) -> None:
        """Download torchvision's pretrained weights in the background; then load ``then``, if given.
        A download already running for another model is cancelled (see :mod:`cnnviz.gui.downloads`)."""
        self.downloads.start(Download(name, url, then))
        self._update_busy()

    def cancel_download(self) -> None:
        self.downloads.cancel()

    def _on_download_done(self, path: str, download: Download) -> None:
        self.status.emit(tr("downloaded {path}").format(path=path))
        if download.then is not None:
            self._submit("model", download.then)
        self._update_busy()

    def _on_download_failed(self, message: str, download: Download, cancelled: bool) -> None:
        self.error.emit(message)
        request = download.then if download.then == self.model_request else None  # still the one wanted?
        if request is not None and not cancelled:
            self.weights_unavailable.emit(request, message)  # the model dock offers the ways on
        if request is not None and self.model is None:  # show something rather than nothing
            self.request_model(request.name, "none", request.device)
        elif request is not None:
            self._model_request_failed()
        self._update_busy()

    def report_error(self, message: str) -> None:
        """Show a user's mistake (a folder dropped...) the same way worker errors are shown."""
        self.error.emit(message)

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        """Stop every worker for good (the window calls this when it closes); later requests are ignored."""
        return self.workers.stop_all(timeout_ms)
