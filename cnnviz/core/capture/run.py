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

Copies cost memory traffic, and most of them would be for activation modules that overwrite their
input (``nn.ReLU(inplace=True)`` after a batch norm, in ResNet, MobileNet, EfficientNet). During a
capture those modules run out of place instead (``inplace`` off while the capture runs): the same
values in a new tensor, and their input stays as produced, so it needs no copy. The first capture
of a model checks that this changes nothing the model computes (its logits equal, bit for bit,
those of a plain forward pass with the activations in place); a model whose code relies on the
side effect (``self.relu(x); return x``) fails the check and keeps its in-place activations.
Train-mode captures (dropout is random, so there is nothing to compare) keep them too.

The outputs are taken by :class:`~cnnviz.core.capture.taps.ForwardTaps` (a wrapper around each
submodule's ``forward`` for the duration of one capture, cheaper per call than forward hooks);
nothing stays on the model afterwards. Freed host memory is kept for reuse
(:func:`cnnviz.core.memory.keep_freed_memory`), so the next capture's tensors reuse the last one's
pages instead of faulting in fresh ones. A TorchScript model is captured as input and output only.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import torch
from torch import Tensor, nn

from ..errors import CnnvizError
from ..i18n import translator
from .frozen import frozen_parameters
from ..memory import keep_freed_memory
from .block_parts import PartsFromHooks
from .block_watch import BlockWatch
from .records import Capture, Derived, logits_of
from .recorder import _Recorder
from .taps import ForwardTaps, Layout

tr = translator(__name__)

__all__ = ["Graph", "capture"]


@dataclass
class _Plan:
    """What a model taught us on earlier captures: which keys must be copied when produced."""

    copy_keys: set[str] = field(default_factory=set)
    learned: bool = False
    blocks: dict[str, Any] | None = None  # block path -> BlockPlan, once discovered
    #: may in-place activation modules run out of place (None: not checked yet)
    outplace: bool | None = None
    #: the copy keys of train-mode captures (activations in place), learned on the first one
    train: "_Plan | None" = None
    layout: Layout = field(default_factory=lambda: Layout(nn.Module()))  # the model's modules, walked once
    lock: Any = field(default_factory=threading.RLock)  # held while a capture of the model runs


_PLANS: "weakref.WeakKeyDictionary[nn.Module, _Plan]" = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()  # guards _PLANS


@dataclass
class _Pass:
    """One forward pass under the taps: the logits, the forward's seconds, and what it learned."""

    logits: Tensor
    seconds: float
    recorder: _Recorder
    found: dict[str, Any] | None  # blocks discovered (when discovering)
    substituted: bool  # whether any in-place activation ran out of place


def _run(model: nn.Module, x: Tensor, recorder: _Recorder, root: _Plan, blocks: bool, outplace: bool) -> _Pass:
    # A model known to have no blocks pays nothing; blocks whose parts are module outputs or
    # slices of their output need only an action around their forward; only the rest get the
    # function mode (whose hooks run after the taps, so a block's parts follow its output key).
    known = root.blocks if blocks else {}
    watched = None if known is None else {p: bp for p, bp in known.items() if bp.strategy == "watch"}
    watch = BlockWatch(model, recorder, watched) if blocks and watched != {} else None
    before, after = PartsFromHooks(recorder, known).actions() if known else ({}, {})
    handles = []
    try:
        with ForwardTaps(root.layout, recorder, before, after, outplace=outplace) as taps:
            if watch is not None:
                handles.extend(watch.install())
            start = time.perf_counter()
            logits = logits_of(model(x))
            if logits.device.type == "cuda":
                torch.cuda.synchronize(logits.device)
            seconds = time.perf_counter() - start
        return _Pass(logits, seconds, recorder, watch.found if watch is not None else None, taps.substituted)
    finally:
        if watch is not None:
            watch.close()
        for handle in handles:
            handle.remove()


def _learn(model: nn.Module, x: Tensor, root: _Plan, plan: _Plan, blocks: bool) -> _Pass:
    """A model's first capture (in this mode): copy everything, and learn what needs copying."""
    outplace = plan.outplace is not False
    run = _run(model, x, _Recorder(set(), copy_all=True), root, blocks, outplace)
    if run.substituted and plan.outplace is None:
        plain = logits_of(model(x))  # the activations in place, as the model's code has them
        plan.outplace = bool(plain.shape == run.logits.shape and torch.equal(plain, run.logits))
        if not plan.outplace:
            run = _run(model, x, _Recorder(set(), copy_all=True), root, blocks, False)
    if blocks and root.blocks is None:
        root.blocks = run.found
    plan.copy_keys, plan.learned = run.recorder.changed_keys(), True
    return run


def _record(model: nn.Module, x: Tensor, root: _Plan, plan: _Plan, blocks: bool) -> _Pass:
    if not plan.learned or (blocks and root.blocks is None):
        return _learn(model, x, root, plan, blocks)
    outplace = bool(plan.outplace)
    run = _run(model, x, _Recorder(plan.copy_keys, copy_all=False), root, blocks, outplace)
    if stale := run.recorder.stale_keys():  # the model took another path this time: redo it exactly
        plan.copy_keys |= stale
        run = _run(model, x, _Recorder(plan.copy_keys, copy_all=False), root, blocks, outplace)
    return run


def _set_mode(module: nn.Module, train_mode: bool, modules: list[nn.Module] | None = None
              ) -> list[tuple[nn.Module, bool]]:
    """Put ``module`` in train or eval mode; the flags to restore afterwards (none if all were right)."""
    modes = [(m, m.training) for m in (module.modules() if modules is None else modules)]
    if any(training != train_mode for _, training in modes):
        module.train(train_mode)
        return modes
    return []


def _restore_modes(modes: list[tuple[nn.Module, bool]]) -> None:
    for m, training in modes:
        m.training = training


def _plans(module: nn.Module, train_mode: bool) -> tuple[_Plan, _Plan]:
    """The model's plan (blocks, eval-mode copies) and the one for this mode's copies."""
    root = _PLANS.get(module)
    if root is None or not root.layout.fits(module):  # new, or its modules changed: learn it afresh
        root = _PLANS[module] = _Plan(layout=Layout(module))
    if not train_mode:
        return root, root
    if root.train is None:
        root.train = _Plan(outplace=False)
    return root, root.train


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


def capture(model: nn.Module | Any, x: Tensor, *, train_mode: bool = False, blocks: bool = True,
            graph_keys: Sequence[str] = ()) -> Capture:
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
    graph_keys
        Keys whose gradient the caller wants from this same pass (an attribution map explained with the
        capture's own forward, :func:`cnnviz.core.analysis.capture_cams.explain_capture`). The forward then
        runs with autograd on (parameters frozen, the graph starting at the input) and
        ``cap.extras["graph"]`` holds a :class:`Graph` of the logits and those keys' original tensors (a key
        whose output was changed in place later, or did not run, is left out). The caller pops it: it holds
        the pass's saved tensors.

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
        raise CnnvizError(tr("capture needs a torch.nn.Module, not {type}").format(type=type(module).__name__))
    if isinstance(module, torch.jit.ScriptModule):
        return _capture_script(module, x, train_mode)
    keep_freed_memory()
    with _LOCK:
        root, plan = _plans(module, train_mode)
    with root.lock:  # one capture of a model at a time: its taps and plan are shared
        modes = _set_mode(module, train_mode, [module, *root.layout.submodules])
        try:
            if graph_keys:
                with frozen_parameters(module), torch.enable_grad():
                    run = _record(module, x.detach().requires_grad_(True), root, plan, blocks)
            else:
                with torch.no_grad():
                    run = _record(module, x, root, plan, blocks)
        finally:
            _restore_modes(modes)
    recorder, logits = run.recorder, run.logits
    graph = _graph(recorder, logits, graph_keys) if graph_keys else None
    for value in recorder.kept.values():
        if isinstance(value, Derived):
            value.seal()  # the recorder and its entries go now; only the kept tensors stay
    tensors = {"input": x.detach().clone(), **recorder.kept, "output": logits.detach().clone()}
    cap = Capture(tensors, forward_seconds=run.seconds, modules=recorder.types)
    cap.blocks = [bp.block for bp in root.blocks.values()] if blocks and root.blocks else []
    cap.extras["blocks"] = [{"path": b.path, "kind": b.kind} for b in cap.blocks]
    if graph is not None:
        cap.extras["graph"] = graph
    return cap


@dataclass
class Graph:
    """A capture's forward kept for one backward: the logits and some keys' outputs, still on the graph."""

    logits: Tensor
    outputs: dict[str, Tensor]


def _graph(recorder: _Recorder, logits: Tensor, keys: Sequence[str]) -> Graph:
    outputs = {}
    for key in keys:
        entry = recorder.by_key.get(key)
        t = getattr(entry, "tensor", None)  # a Derived block part has none
        if isinstance(t, Tensor) and t.requires_grad and t._version == entry.version:
            outputs[key] = t
    return Graph(logits, outputs)
