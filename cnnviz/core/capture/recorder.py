"""The per-capture state that records every module's output, and the taps that feed it.

A tensor is kept by reference with its autograd version counter, or copied when the plan says it is
changed in place later; :meth:`_Recorder.stale_keys` tells afterwards which references went stale.

:class:`ForwardTaps` feeds the recorder. Rather than a forward hook per module (a hook sends every
call through ``nn.Module``'s slow path with hooks, ~10-20 us a call, and registering and removing
hundreds of them costs milliseconds), it puts a small wrapper around each submodule's ``forward``
in that module's instance ``__dict__`` for the duration of one capture, and takes it away after.
``nn.Module.__call__`` then keeps its fast path and calls the wrapper, which records the output
when ``forward`` returns: the same value, at the same moment, in the same order a forward hook
would see it. Modules that carry forward hooks of their own get a forward hook instead (so what is
recorded is what a hook sees after theirs); TorchScript submodules are left alone.
"""

from __future__ import annotations

from typing import Any, Callable

import torch
from torch import Tensor, nn

from .records import Derived

_MISSING = object()


class _Entry:
    """One tensor as the recorder saw it: the original, its version then, and what is kept."""

    __slots__ = ("tensor", "version", "stored", "copied", "keys")

    def __init__(self, tensor: Tensor, stored: Tensor, copied: bool) -> None:
        self.tensor = tensor
        self.version = tensor._version
        self.stored = stored
        self.copied = copied
        self.keys: list[str] = []


def _kept(t: Tensor, copy: bool) -> Tensor:
    if copy:
        return t.detach().clone()
    return t.detach() if t.requires_grad else t  # under no_grad outputs need no detaching


class _Recorder:
    """The per-capture state the taps and hooks write into.

    ``snapshot`` takes a tensor's current values (a copy, or a reference whose version counter is
    checked afterwards); ``assign`` files a snapshot under a key. A tensor seen again unchanged
    (a Sequential's output is its last child's output) shares the earlier snapshot. ``record`` is
    both for a module's output, on the path every module call takes (kept short).
    """

    def __init__(self, copy_keys: set[str], copy_all: bool) -> None:
        self.copy_keys = copy_keys
        self.copy_all = copy_all
        self.calls: dict[str, int] = {}
        self.entries: list[_Entry] = []
        self.by_id: dict[int, _Entry] = {}
        self.by_key: dict[str, Any] = {}
        self.types: dict[str, str] = {}

    @property
    def kept(self) -> dict[str, Any]:
        """Key -> what is kept (a tensor, or a :class:`Derived`), in the order keys were assigned."""
        return {k: e.stored for k, e in self.by_key.items()}

    def snapshot(self, t: Tensor, key: str | None = None, must_copy: bool = False) -> _Entry:
        need_copy = must_copy or self.copy_all or (key is not None and key in self.copy_keys)
        entry = self.by_id.get(id(t))
        if entry is not None and entry.tensor is t and entry.version == t._version:
            if need_copy and not entry.copied:
                entry.stored, entry.copied = t.detach().clone(), True
            return entry
        entry = _Entry(t, _kept(t, need_copy), need_copy)
        self.entries.append(entry)
        self.by_id[id(t)] = entry
        return entry

    def assign(self, key: str, entry: "_Entry | Derived") -> None:
        entry.keys.append(key)
        self.by_key[key] = entry

    def record(self, path: str, type_name: str, output: Tensor) -> None:
        """File a module's output under ``path`` (``path#2``... for its later calls)."""
        n = self.calls.get(path, 0) + 1
        self.calls[path] = n
        self.record_key(path if n == 1 else f"{path}#{n}", type_name, output)

    def record_key(self, key: str, type_name: str, t: Tensor) -> None:
        """File a module's output under ``key`` (what :meth:`snapshot` and :meth:`assign` do, inlined)."""
        self.types[key] = type_name
        entry = self.by_id.get(id(t))
        if entry is None or entry.tensor is not t or entry.version != t._version:
            copy = self.copy_all or key in self.copy_keys
            entry = _Entry(t, _kept(t, copy), copy)
            self.entries.append(entry)
            self.by_id[id(t)] = entry
        elif not entry.copied and (self.copy_all or key in self.copy_keys):
            entry.stored, entry.copied = t.detach().clone(), True
        entry.keys.append(key)
        self.by_key[key] = entry

    def module_key_of(self, t: Tensor) -> str | None:
        """The module output key under which ``t``'s current values were recorded, if any."""
        entry = self.by_id.get(id(t))
        if entry is None or entry.tensor is not t or entry.version != t._version:
            return None
        return next((k for k in entry.keys if ":" not in k), None)

    def hook_for(self, path: str, type_name: str):
        record = self.record

        def hook(module: nn.Module, args: Any, output: Any) -> None:
            if isinstance(output, Tensor):
                record(path, type_name, output)

        return hook

    def changed_keys(self) -> set[str]:
        """Keys whose original tensor was modified in place after it was recorded."""
        return {k for e in self.entries if e.tensor._version != e.version for k in e.keys}

    def stale_keys(self) -> set[str]:
        """Keys kept by reference whose tensor changed afterwards: their values are wrong."""
        return {k for e in self.entries if not e.copied and e.tensor._version != e.version for k in e.keys}


Before = Callable[[tuple], None]  # called with a block's positional arguments before its forward
After = Callable[[], None]  # called after the block's own output was recorded


def _tap(forward: Callable, record: Callable, path: str, type_name: str,
         before: Before | None, after: After | None) -> Callable:
    calls = 0  # this module's calls in this capture: its keys are path, path#2, path#3...

    if before is None and after is None:
        def tapped(*args: Any, **kwargs: Any) -> Any:
            nonlocal calls
            out = forward(*args, **kwargs)
            if isinstance(out, Tensor):
                calls += 1
                record(path if calls == 1 else f"{path}#{calls}", type_name, out)
            return out
        return tapped

    def tapped_block(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        if before is not None:
            before(args)
        out = forward(*args, **kwargs)
        if isinstance(out, Tensor):
            calls += 1
            record(path if calls == 1 else f"{path}#{calls}", type_name, out)
            if after is not None:
                after()
        return out
    return tapped_block


#: torch's activation modules whose ``inplace`` flag only chooses where the same values are written
INPLACE_ACTIVATIONS = frozenset({nn.ReLU, nn.ReLU6, nn.SiLU, nn.Hardswish, nn.Hardsigmoid, nn.LeakyReLU,
                                 nn.ELU, nn.CELU, nn.SELU, nn.Hardtanh, nn.Mish, nn.Threshold})


class ForwardTaps:
    """Records every submodule's output into ``recorder`` while installed (a context manager).

    ``before``/``after`` map a module path to a block-part action run around that module's forward
    (:class:`cnnviz.core.capture.block_parts.PartsFromHooks`), after its output is recorded. With
    ``outplace``, torch's in-place activation modules run out of place while installed
    (``substituted`` says whether there were any): their inputs then stay as they were produced.
    """

    def __init__(self, model: nn.Module, recorder: _Recorder, before: dict[str, Before] | None = None,
                 after: dict[str, After] | None = None, *, outplace: bool = False) -> None:
        self.model = model
        self.recorder = recorder
        self.before = before or {}
        self.after = after or {}
        self.outplace = outplace
        self._saved: list[tuple[dict, Any]] = []
        self._handles: list[Any] = []
        self._inplace: list[dict] = []
        self.substituted = False  # whether any in-place activation ran out of place under these taps

    def __enter__(self) -> "ForwardTaps":
        record = self.recorder.record_key
        try:
            for path, module in self.model.named_modules():
                if path and not isinstance(module, torch.jit.ScriptModule):
                    self._install(module, path, record)
        except BaseException:
            self.__exit__()
            raise
        return self

    def _install(self, module: nn.Module, path: str, record: Callable) -> None:
        type_name = type(module).__name__
        own = module.__dict__
        if self.outplace and type(module) in INPLACE_ACTIVATIONS and own.get("inplace") is True:
            own["inplace"] = False
            self._inplace.append(own)
            self.substituted = True
        before, after = self.before.get(path), self.after.get(path)
        if module._forward_hooks:  # the user's own hooks run after forward: record what they leave
            if before is not None:
                self._handles.append(module.register_forward_pre_hook(lambda m, args: before(args)))
            self._handles.append(module.register_forward_hook(self.recorder.hook_for(path, type_name)))
            if after is not None:
                self._handles.append(module.register_forward_hook(lambda m, args, out: after()))
            return
        previous = own.get("forward", _MISSING)
        self._saved.append((own, previous))
        own["forward"] = _tap(module.forward, record, path, type_name, before, after)

    def __exit__(self, *exc: object) -> None:
        for own, previous in reversed(self._saved):
            if previous is _MISSING:
                own.pop("forward", None)
            else:
                own["forward"] = previous
        self._saved.clear()
        for own in self._inplace:
            own["inplace"] = True
        self._inplace.clear()
        for handle in self._handles:
            handle.remove()
        self._handles.clear()
