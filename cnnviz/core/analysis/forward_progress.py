"""Progress and cancel for attribution methods that run the model many times (integrated gradients,
SmoothGrad, occlusion): a forward pre-hook on the model counts its calls and stops the method between two
of them when asked (Captum's methods take no callbacks of their own)."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from torch import Tensor, nn

from ..errors import CnnvizError

__all__ = ["CANCELLED", "Cancelled", "expected_calls", "forward_progress"]

CANCELLED = "attribution cancelled"

Progress = Callable[[int, int], None] | None
Cancel = Callable[[], bool] | None


class Cancelled(CnnvizError):
    """The user cancelled a long attribution."""


@contextmanager
def forward_progress(module: nn.Module, total: int, progress: Progress = None, cancel: Cancel = None
                     ) -> Iterator[None]:
    """While the block runs, every call of ``module`` first checks ``cancel()`` (True: :class:`Cancelled` is
    raised, the method ends there) and then reports ``progress(done, total)``, ``done`` the calls begun so
    far, held below ``total`` until the block ends (``total`` is an estimate); then ``progress(total, total)``."""
    if progress is None and cancel is None:
        yield
        return
    total = max(1, int(total))
    calls = [0]

    def hook(_module: nn.Module, _args: object) -> None:
        if cancel is not None and cancel():
            raise Cancelled(CANCELLED)
        if progress is not None:
            progress(min(calls[0], total - 1), total)
        calls[0] += 1

    handle = module.register_forward_pre_hook(hook)
    try:
        yield
    finally:
        handle.remove()
    if progress is not None:
        progress(total, total)


def expected_calls(method: str, x: Tensor, *, n_steps: int = 50, internal_batch_size: int | None = None,
                   nt_samples: int = 25, window: tuple[int, ...] = (), stride: tuple[int, ...] = (),
                   perturbations_per_eval: int = 16) -> int:
    """About how many times ``method`` calls the model on ``x`` (one sample), the logits' own call included."""
    if method == "integrated-gradients":
        return 1 + math.ceil(n_steps / (internal_batch_size or n_steps))
    if method == "smoothgrad":
        return 1 + math.ceil(nt_samples / (internal_batch_size or nt_samples))
    if method == "occlusion":
        windows = 1
        for size, w, s in zip(x.shape[2:], window[1:], stride[1:]):
            windows *= max(1, (int(size) - int(w)) // max(1, int(s)) + 1)
        return 2 + math.ceil(windows / max(1, perturbations_per_eval))
    return 2
