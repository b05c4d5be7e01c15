"""Block parts from hooks alone, for blocks whose parts need no look inside their forward.

Discovery (:mod:`cnnviz.core.capture.block_watch`) decides per block. For a concatenating block whose
output is the concatenation itself, branch ``i`` is the channel slice ``[start, stop)`` of the
output. For a residual block whose two operands are its input and outputs of its own submodules
(ResNet's ``bn2`` and ``downsample``, MobileNet's ``conv``...), the parts are those outputs, which
the capture records anyway; the sum is the output itself when nothing follows the add, and is
otherwise rebuilt from the parts on first access. Later captures then cost one action per block,
run by the capture's forward taps.
"""

from __future__ import annotations

from typing import Any

import torch
from torch import Tensor

from .records import Derived


def _slicer(start: int, stop: int):
    def take(t: Tensor) -> Tensor:
        return t[:, start:stop]
    return take


class PartsFromHooks:
    """Assigns block parts from the recorder's entries when each known block returns.

    :meth:`actions` gives what :class:`cnnviz.core.capture.taps.ForwardTaps` runs around each
    known block's forward: before it (keeping the block's input, when it is the identity), and
    after the block's own output was recorded (assigning the parts).
    """

    def __init__(self, recorder: Any, plans: dict[str, Any]) -> None:
        self.recorder = recorder
        self.plans = {p: bp for p, bp in plans.items() if bp.strategy in ("slice", "modules")}
        self.inputs: dict[str, Any] = {}
        self.calls: dict[str, int] = {}

    def actions(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """``(before, after)``: block path -> action."""
        before, after = {}, {}
        for path, plan in self.plans.items():
            if plan.strategy == "modules" and "" in plan.sources:
                before[path] = self._before(path)
            after[path] = self._after(path)
        return before, after

    def _before(self, path: str):
        key = f"{path}:identity"

        def keep_input(args: tuple) -> None:
            if path not in self.inputs and args and isinstance(args[0], Tensor):
                self.inputs[path] = self.recorder.snapshot(args[0], key=key)
        return keep_input

    def _after(self, path: str):
        plan = self.plans[path]

        def assign_parts() -> None:
            self.calls[path] = self.calls.get(path, 0) + 1
            if self.calls[path] > 1 or path not in self.recorder.by_key:
                return  # parts are recorded for a block's first call only
            if plan.strategy == "slice":
                self._slices(path, plan)
            else:
                self._residual(path, plan)
        return assign_parts

    def _slices(self, path: str, plan: Any) -> None:
        out = self.recorder.by_key[path]
        for branch in plan.block.branches:
            self.recorder.assign(f"{path}:branch{branch.index}", Derived(_slicer(*branch.channel_range), out))

    def _residual(self, path: str, plan: Any) -> None:
        operands = [self.inputs.get(path) if src == "" else self.recorder.by_key.get(src) for src in plan.sources]
        if any(e is None for e in operands):
            return
        ident = plan.identity_arg
        self.recorder.assign(f"{path}:identity", operands[ident])
        self.recorder.assign(f"{path}:residual", operands[1 - ident])
        total = self.recorder.by_key[path] if plan.sum_is_output else Derived(torch.add, *operands)
        self.recorder.assign(f"{path}:sum", total)
