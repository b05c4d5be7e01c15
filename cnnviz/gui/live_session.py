"""The session of a window opened by :func:`cnnviz.show` on the user's own, live module.

That model has no name to load it by: asking for it again (File > Reload model after changing it in Python,
the input form's Apply) describes the same object afresh in a worker, with the input the user gave, and
shows it; nothing is loaded or copied. Any other model is loaded as usual.
"""

from __future__ import annotations

import threading

import torch
from PySide6.QtCore import QObject

from ..core.analysis.summary import summarize
from ..core.errors import CnnvizError
from ..core.i18n import marker, translator
from ..core.models.loader import LoadedModel, from_module
from . import jobs
from .session import Session

LIVE_VIEW = "live-model"  # the render worker's slot for describing the live module again
tr = translator(__name__)
N_ = marker(__name__)

LIVE_NOTE = N_("your own module, live (training here trains it)")


def model_result(loaded: LoadedModel, request: jobs.ModelRequest | None = None,
                 lock: threading.RLock | None = None) -> jobs.ModelResult:
    """What a session shows for ``loaded``: its layer summary (run on a shape-only copy; ``loaded.module`` is not
    touched) and a note saying that it is the user's own object. ``lock``: the one of the model it replaces."""
    request = request or jobs.ModelRequest(str(loaded.name), str(loaded.weights), str(loaded.device))
    note, summary, why = tr(LIVE_NOTE), None, ""
    if isinstance(loaded.module, torch.jit.ScriptModule):
        note += tr(jobs.TORCHSCRIPT_NOTE)
    else:
        spec = loaded.info.input
        try:
            summary = summarize(loaded.module, (spec.channels, *spec.size), model_name=str(loaded.name))
        except CnnvizError as exc:
            why = str(exc)
    result = jobs.ModelResult(request, loaded, summary, note, summary_error=why)
    if lock is not None:
        result.lock = lock
    return result


def describe_live(live: LoadedModel, request: jobs.ModelRequest, lock: threading.RLock) -> jobs.ModelResult:
    """The live module described again with ``request``'s input (run in a worker, holding the model's lock); a
    model that describes its own input (one from ``load_model``) keeps its description unless another is given."""
    if live.info.described and not request.description.given():
        return model_result(live, request, lock)
    with lock:
        loaded = from_module(live.module, name=request.name, **jobs.description_kwargs(request))
    return model_result(loaded, request, lock)


class LiveSession(Session):
    """A :class:`Session` whose first model is ``live``, the user's module itself."""

    def __init__(self, live: LoadedModel, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.live = live
        self.view_changed.connect(self._on_live_view)

    def show_live(self, result: jobs.ModelResult) -> None:
        """Show the live module (described in ``result``) as the model asked for; nothing replaces it if it fails."""
        self.fallback = None
        self.device = result.request.device
        self.model_request = result.request
        self.adopt_model(result)

    def is_live(self, name: str, weights: str) -> bool:
        return name == str(self.live.name) and weights == str(self.live.weights)

    def request_model(self, name: str, weights: str = "default", device: str | None = None,
                      transform_input: bool | None = None,
                      description: jobs.InputDescription | None = None) -> None:
        """As :meth:`Session.request_model`; the live module is described again instead of loaded (it stays on
        its device: moving it is the user's call, ``net.to(...)``)."""
        if not self.is_live(name, weights):
            super().request_model(name, weights, device, transform_input, description)
            return
        shown = self.model.loaded if self.model is not None and self.model.loaded.module is self.live.module else None
        here = str((shown or self.live).device)  # the Training dock may have moved it
        if device not in (None, "auto", here):
            self.device = here
            self.error.emit(tr("{name} is your own module on {device}: move it in Python ({variable}.to(...)) and "
                               "show it again").format(name=name, device=here, variable=name.lower()))
            self._model_request_failed()
            return
        if description is None and self.model_request is not None and self.model_request.name == name:
            description = self.model_request.description
        request = jobs.model_request(name, weights, here, description=description)
        self.model_request = request
        lock = self.model.lock if self.model is not None else threading.RLock()
        self.request_view(LIVE_VIEW, describe_live, self.live, request, lock)

    def _on_live_view(self, kind: str) -> None:
        if kind == LIVE_VIEW:
            self.adopt_model(self.views.pop(kind))

    def _on_failed(self, gen: int, kind: str, message: str) -> None:
        super()._on_failed(gen, kind, message)
        if kind == f"view:{LIVE_VIEW}":
            self._model_request_failed()  # the module shown stays, with the input it had
