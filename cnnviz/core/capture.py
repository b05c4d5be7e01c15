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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import torch
from torch import Tensor, nn

from .errors import CnnvizError

__all__ = ["Capture", "capture", "logits_of"]


@dataclass
class _Plan:
    """What a model taught us on earlier captures: which keys must be copied when produced."""

    copy_keys: set[str] = field(default_factory=set)
    learned: bool = False
    blocks: dict[str, Any] | None = None  # block path -> BlockPlan, once discovered


_PLANS: "weakref.WeakKeyDictionary[nn.Module, _Plan]" = weakref.WeakKeyDictionary()


def logits_of(output: Any) -> Tensor:
    """The logits of a model's output (GoogLeNet/Inception-v3 return namedtuples in training mode)."""
    if isinstance(output, Tensor):
        return output
    logits = getattr(output, "logits", None)
    if isinstance(logits, Tensor):
        return logits
    if isinstance(output, (tuple, list)) and output and isinstance(output[0], Tensor):
        return output[0]
    raise CnnvizError(f"the model returned {type(output).__name__}, not a tensor of logits")


class Capture(Mapping[str, Tensor]):
    """Everything one forward pass produced, by key, in the order it was produced.

    Index it like a dict (``cap["layer1.0"]``). It can be used as a context manager; leaving the
    ``with`` block drops the tensors so their memory is freed at once.
    """

    def __init__(self, tensors: dict[str, Tensor], *, forward_seconds: float = 0.0,
                 modules: dict[str, str] | None = None) -> None:
        self._tensors = tensors
        self.forward_seconds = forward_seconds
        #: module path -> module class name, for every key that is a module output
        self.module_types = modules or {}
        #: extra facts for export (block list ...)
        self.extras: dict[str, Any] = {}
        #: the model's Inception/residual blocks (:class:`cnnviz.core.anatomy.Block`)
        self.blocks: list[Any] = []

    def __getitem__(self, key: str) -> Tensor:
        try:
            value = self._tensors[key]
        except KeyError:
            raise KeyError(unknown_key_message(key, list(self._tensors))) from None
        if isinstance(value, Derived):
            value = self._tensors[key] = value.compute()
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self._tensors)

    def __len__(self) -> int:
        return len(self._tensors)

    def __enter__(self) -> "Capture":
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def __repr__(self) -> str:
        return f"<Capture {len(self)} tensors, forward {self.forward_seconds * 1e3:.1f} ms>"

    def release(self) -> None:
        """Drop every tensor (frees device memory now rather than at garbage collection)."""
        self._tensors = {}

    @property
    def device(self) -> torch.device:
        """The device the tensors live on."""
        return self._tensors["input"].device

    def to(self, device: torch.device | str) -> "Capture":
        """A copy of this capture with every tensor on ``device``."""
        moved = {k: v.to(device) for k, v in self.items()}
        out = Capture(moved, forward_seconds=self.forward_seconds, modules=dict(self.module_types))
        out.extras = dict(self.extras)
        out.blocks = list(self.blocks)
        return out

    def add(self, key: str, tensor: Tensor) -> None:
        """Attach a derived tensor (block parts come from :mod:`cnnviz.core.anatomy`)."""
        self._tensors[key] = tensor

    def residual_strength(self) -> dict[str, float]:
        """``||F(x)|| / ||identity||`` per residual block, in network order (see :mod:`.anatomy`)."""
        from .anatomy import residual_strength

        return residual_strength(self)

    def resolve_key(self, name: str) -> str:
        """The key for a user-typed layer name, or a CnnvizError suggesting the nearest keys."""
        if name in self._tensors:
            return name
        raise CnnvizError(unknown_key_message(name, list(self._tensors)))


def unknown_key_message(name: str, keys: list[str]) -> str:
    """``unknown layer 'x'.`` with the nearest keys as suggestions."""
    import difflib

    close = difflib.get_close_matches(name, keys, n=3, cutoff=0.4)
    hint = f" Did you mean {', '.join(close)}?" if close else ""
    return f"unknown layer '{name}'.{hint}"


class Derived:
    """A tensor computed on first access from other captured tensors, by the op the model ran.

    Used for a residual block's ``sum`` when the model changes it in place right away (ResNet's
    ``relu(out += identity)``): adding the captured residual and identity again is the same IEEE
    operation on the same values, so it gives the same bits, and costs nothing until someone looks.
    """

    __slots__ = ("fn", "entries", "keys", "stored")

    def __init__(self, fn: Any, *entries: "_Entry") -> None:
        self.fn = fn
        self.entries = entries  # read at compute time: an entry's snapshot may be upgraded to a copy
        self.keys: list[str] = []
        self.stored = self

    def compute(self) -> Tensor:
        return self.fn(*(e.stored for e in self.entries))


class _Entry:
    """One tensor as the recorder saw it: the original, its version then, and what is kept."""

    __slots__ = ("tensor", "version", "stored", "copied", "keys")

    def __init__(self, tensor: Tensor, stored: Tensor, copied: bool) -> None:
        self.tensor = tensor
        self.version = tensor._version
        self.stored = stored
        self.copied = copied
        self.keys: list[str] = []


class _Recorder:
    """The per-capture state the hooks write into.

    ``snapshot`` takes a tensor's current values (a copy, or a reference whose version counter is
    checked afterwards); ``assign`` files a snapshot under a key. A tensor seen again unchanged
    (a Sequential's output is its last child's output) shares the earlier snapshot.
    """

    def __init__(self, copy_keys: set[str], copy_all: bool) -> None:
        self.copy_keys = copy_keys
        self.copy_all = copy_all
        self.calls: dict[str, int] = {}
        self.kept: dict[str, Tensor] = {}
        self.entries: list[_Entry] = []
        self.by_id: dict[int, _Entry] = {}
        self.by_key: dict[str, Any] = {}
        self.types: dict[str, str] = {}

    def snapshot(self, t: Tensor, key: str | None = None, must_copy: bool = False) -> _Entry:
        need_copy = must_copy or self.copy_all or (key is not None and key in self.copy_keys)
        entry = self.by_id.get(id(t))
        if entry is not None and entry.tensor is t and entry.version == t._version:
            if need_copy and not entry.copied:
                entry.stored, entry.copied = t.detach().clone(), True
                for k in entry.keys:
                    self.kept[k] = entry.stored
            return entry
        entry = _Entry(t, t.detach().clone() if need_copy else t.detach(), need_copy)
        self.entries.append(entry)
        self.by_id[id(t)] = entry
        return entry

    def assign(self, key: str, entry: "_Entry | Derived") -> None:
        entry.keys.append(key)
        self.kept[key] = entry.stored
        self.by_key[key] = entry

    def module_key_of(self, t: Tensor) -> str | None:
        """The module output key under which ``t``'s current values were recorded, if any."""
        entry = self.by_id.get(id(t))
        if entry is None or entry.tensor is not t or entry.version != t._version:
            return None
        return next((k for k in entry.keys if ":" not in k), None)

    def hook_for(self, path: str, type_name: str):
        def hook(module: nn.Module, args: Any, output: Any) -> None:
            if not isinstance(output, Tensor):
                return
            n = self.calls.get(path, 0) + 1
            self.calls[path] = n
            key = path if n == 1 else f"{path}#{n}"
            self.types[key] = type_name
            self.assign(key, self.snapshot(output, key))

        return hook

    def changed_keys(self) -> set[str]:
        """Keys whose original tensor was modified in place after it was recorded."""
        return {k for e in self.entries if e.tensor._version != e.version for k in e.keys}

    def stale_keys(self) -> set[str]:
        """Keys kept by reference whose tensor changed afterwards: their values are wrong."""
        return {k for e in self.entries if not e.copied and e.tensor._version != e.version for k in e.keys}


def _run(model: nn.Module, x: Tensor, recorder: _Recorder, plan: _Plan,
         blocks: bool) -> tuple[Tensor, float, Any]:
    from .block_watch import BlockWatch

    from .block_parts import PartsFromHooks

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
        An ``nn.Module`` or a :class:`cnnviz.core.models.LoadedModel` (its ``.module`` is used).
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
