"""One forward pass that records the output of every module, exactly and cheaply.

``capture(model, x)`` returns a :class:`Capture`: a read-only mapping from keys to tensors, in call
order, with the keys DESIGN.md fixes (``input``, ``output``, ``<module path>``, ``<path>#2`` for a
module's second call). Every tensor holds the values the module produced at the moment it produced
them.

How it stays fast: most module outputs are never modified after they are produced, so copying them
would be wasted memory traffic. A tensor is kept by reference, together with its autograd version
counter; anything changed later in place (``ReLU(inplace=True)`` on a batch-norm output, ResNet's
``out += identity``) bumps that counter. The first capture of a model copies everything and learns
which keys are changed later; later captures copy only those, at the moment they are produced, and
check every counter afterwards. If a counter moved anyway (a model whose control flow depends on
its input), that capture is redone with those keys copied too, so the result is always exact.

The outputs are taken by :class:`~cnnviz.core.capture.recorder.ForwardTaps` (a wrapper around each
submodule's ``forward`` for the duration of one capture, cheaper per call than forward hooks);
nothing stays on the model afterwards. Freed host memory is kept for reuse
(:func:`cnnviz.core.memory.keep_freed_memory`), so the next capture's tensors reuse the last one's
pages instead of faulting in fresh ones. A TorchScript model is captured as input and output only.
"""

from __future__ import annotations

import time
import weakref
from dataclasses import dataclass, field
from typing import Any

import torch
from torch import Tensor, nn

from ..errors import CnnvizError
from ..memory import keep_freed_memory
from .block_parts import PartsFromHooks
from .block_watch import BlockWatch
from .records import Capture, Derived, logits_of
from .recorder import ForwardTaps, _Recorder

__all__ = ["capture"]


@dataclass
class _Plan:
    """What a model taught us on earlier captures: which keys must be copied when produced."""

    copy_keys: set[str] = field(default_factory=set)
    learned: bool = False
    blocks: dict[str, Any] | None = None  # block path -> BlockPlan, once discovered


_PLANS: "weakref.WeakKeyDictionary[nn.Module, _Plan]" = weakref.WeakKeyDictionary()


def _run(model: nn.Module, x: Tensor, recorder: _Recorder, plan: _Plan,
         blocks: bool) -> tuple[Tensor, float, Any]:
    # A model known to have no blocks pays nothing; blocks whose parts are module outputs or
    # slices of their output need only an action around their forward; only the rest get the
    # function mode (whose hooks run after the taps, so a block's parts follow its output key).
    known = plan.blocks if blocks else {}
    watched = None if known is None else {p: bp for p, bp in known.items() if bp.strategy == "watch"}
    watch = BlockWatch(model, recorder, watched) if blocks and watched != {} else None
    before, after = PartsFromHooks(recorder, known).actions() if known else ({}, {})
    handles = []
    try:
        with ForwardTaps(model, recorder, before, after):
            if watch is not None:
                handles.extend(watch.install())
            start = time.perf_counter()
            output = model(x)
            logits = logits_of(output)
            if logits.device.type == "cuda":
                torch.cuda.synchronize(logits.device)
            return logits, time.perf_counter() - start, watch
    finally:
        if watch is not None:
            watch.close()
        for handle in handles:
            handle.remove()


def _set_mode(module: nn.Module, train_mode: bool) -> list[tuple[nn.Module, bool]]:
    """Put ``module`` in train or eval mode; the flags to restore afterwards (none if all were right)."""
    modes = [(m, m.training) for m in module.modules()]
    if any(training != train_mode for _, training in modes):
        module.train(train_mode)
        return modes
    return []


def _restore_modes(modes: list[tuple[nn.Module, bool]]) -> None:
    for m, training in modes:
        m.training = training


def _capture_script(module: torch.jit.ScriptModule, x: Tensor, train_mode: bool) -> Capture:
    """A TorchScript model: its input and output only (no hooks can be put on it, no blocks found)."""
    modes = _set_mode(module, train_mode)
    try:
        with torch.no_grad():
            start = time.perf_counter()
            logits = logits_of(module(x))
            if logits.device.type == "cuda":
                torch.cuda.synchronize(logits.device)
            seconds = time.perf_counter() - start
    finally:
        _restore_modes(modes)
    cap = Capture({"input": x.detach().clone(), "output": logits.detach().clone()}, forward_seconds=seconds)
    cap.extras["blocks"] = []
    return cap


def capture(model: nn.Module | Any, x: Tensor, *, train_mode: bool = False, blocks: bool = True) -> Capture:
    """Run ``model`` on ``x`` once and record every module's output.

    Parameters
    ----------
    model
        An ``nn.Module`` or a :class:`cnnviz.core.models.loader.LoadedModel` (its ``.module`` is used).
    x
        The input batch, already on the model's device.
    train_mode
        Run in training mode (dropout active, batch-norm using batch statistics). By default the
        capture runs in eval mode; the model's own train/eval flags are restored afterwards.
    blocks
        Also find Inception/residual blocks and record their parts (``<block>:branch0``,
        ``<block>:identity``, ``<block>:residual``, ``<block>:sum``). Off: module outputs only.

    Returns
    -------
    Capture
        ``input``, every module output in call order, the block parts, ``output``. For a
        ``torch.jit.ScriptModule`` (no Python hooks reach inside it): ``input`` and ``output`` only,
        ``blocks`` empty.

    Notes
    -----
    Nothing is left on the model: its ``forward`` methods are wrapped only while the capture runs,
    and its train/eval flags are restored. The first call in a process asks glibc to keep freed
    memory for reuse (:func:`cnnviz.core.memory.keep_freed_memory`, a process-wide setting that the
    cnnviz app and CLI make too): a capture holds a whole forward pass, and without it every capture
    pays for fresh pages (up to ~1.5x the forward on ResNet-50).
    """
    module = getattr(model, "module", model)
    if not isinstance(module, nn.Module):
        raise CnnvizError(f"capture needs a torch.nn.Module, not {type(module).__name__}")
    if isinstance(module, torch.jit.ScriptModule):
        return _capture_script(module, x, train_mode)
    keep_freed_memory()
    plan = _PLANS.setdefault(module, _Plan())
    modes = _set_mode(module, train_mode)
    try:
        with torch.no_grad():
            recorder = _Recorder(plan.copy_keys, copy_all=not plan.learned)
            logits, seconds, watch = _run(module, x, recorder, plan, blocks)
            if blocks and plan.blocks is None:
                plan.blocks = watch.found
            if not plan.learned:
                plan.copy_keys, plan.learned = recorder.changed_keys(), True
            elif stale := recorder.stale_keys():  # the model took another path this time: redo it exactly
                plan.copy_keys |= stale
                recorder = _Recorder(plan.copy_keys, copy_all=False)
                logits, seconds, _ = _run(module, x, recorder, plan, blocks)
    finally:
        _restore_modes(modes)
    for value in recorder.kept.values():
        if isinstance(value, Derived):
            value.seal()  # the recorder and its entries go now; only the kept tensors stay
    tensors = {"input": x.detach().clone(), **recorder.kept, "output": logits.detach().clone()}
    cap = Capture(tensors, forward_seconds=seconds, modules=recorder.types)
    cap.blocks = [bp.block for bp in plan.blocks.values()] if blocks and plan.blocks else []
    cap.extras["blocks"] = [{"path": b.path, "kind": b.kind} for b in cap.blocks]
    return cap
