"""Selecting a layer named before the model is loaded (``--layer``, a lesson), once the first capture is shown."""

from __future__ import annotations

from ..core.errors import CnnvizError


def select_when_captured(session, layer: str) -> None:
    """Select ``layer`` once the next capture is shown (an unknown name is reported, the app goes on)."""

    def on_capture() -> None:
        if session.result is None:
            return
        session.capture_changed.disconnect(on_capture)
        try:
            key = session.result.capture.resolve_key(layer)
        except CnnvizError as exc:
            session.report_error(str(exc))
            return
        session.select_layer(key)

    session.capture_changed.connect(on_capture)
