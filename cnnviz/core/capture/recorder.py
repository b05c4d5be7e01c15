"""The per-capture state the forward hooks write into: a snapshot of every tensor seen.

A tensor is kept by reference with its autograd version counter, or copied when the plan says it is
changed in place later; :meth:`_Recorder.stale_keys` tells afterwards which references went stale.
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
