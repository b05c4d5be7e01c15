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
"""

from __future__ import annotations

import time
import weakref
from dataclasses import dataclass, field
from typing import Any

import torch
from torch import Tensor, nn

from ..errors import CnnvizError
from .block_parts import PartsFromHooks
from .block_watch import BlockWatch
from .records import Capture, logits_of
from .recorder import _Recorder

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
    # slices of their output need only hooks; only the rest get the function mode.
    known = plan.blocks if blocks else {}
    watched = None if known is None else {p: bp for p, bp in known.items() if bp.strategy == "watch"}
    watch = BlockWatch(model, recorder, watched) if blocks and watched != {} else None
    hooked = PartsFromHooks(model, recorder, known) if known else None
    handles = []
    try:
        for path, module in model.named_modules():
            if path:
                handles.append(module.register_forward_hook(recorder.hook_for(path, type(module).__name__)))
        for parts in (watch, hooked):  # after the recorder's hooks, so a block's parts follow its output key
            if parts is not None:
                handles.extend(parts.install())
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
    """
    module = getattr(model, "module", model)
    if not isinstance(module, nn.Module):
        raise CnnvizError(f"capture needs a torch.nn.Module, not {type(module).__name__}")
    plan = _PLANS.setdefault(module, _Plan())
    modes = [(m, m.training) for m in module.modules()]
    module.train(train_mode)
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
        for m, training in modes:
            m.training = training
    tensors = {"input": x.detach().clone(), **recorder.kept, "output": logits.detach().clone()}
    cap = Capture(tensors, forward_seconds=seconds, modules=recorder.types)
    cap.blocks = [bp.block for bp in plan.blocks.values()] if blocks and plan.blocks else []
    cap.extras["blocks"] = [{"path": b.path, "kind": b.kind} for b in cap.blocks]
    return cap
