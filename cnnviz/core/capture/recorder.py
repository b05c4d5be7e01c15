"""The per-capture state that records every module's output.

A tensor is kept by reference with its autograd version counter, or copied when the plan says it is
changed in place later; :meth:`_Recorder.stale_keys` tells afterwards which references went stale.
:mod:`cnnviz.core.capture.taps` feeds it.
"""

from __future__ import annotations

from typing import Any

from torch import Tensor, nn

from .records import Derived


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
