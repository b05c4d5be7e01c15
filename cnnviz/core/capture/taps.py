"""Taps on a model's ``forward`` methods: how a capture sees every module's output cheaply.

A forward hook per module sends every call through ``nn.Module``'s slow path with hooks (~10-20 us
a call), and registering and removing hundreds of them costs milliseconds per capture. Instead,
while one capture runs, each submodule's instance ``__dict__`` holds a small wrapper around its
``forward``; ``nn.Module.__call__`` keeps its fast path and calls the wrapper, which records the
output when ``forward`` returns: the same value, at the same moment and in the same order a forward
hook would see it. The wrappers are made once per model (:class:`Layout`) and are inert unless a
capture is live; they sit on the model only for the duration of a capture (:class:`ForwardTaps`
puts them there and takes them away, also when the forward raises), so nothing stays on the
user's model (deep copies, pickles and TorchScript see it as it was).

Modules with forward hooks of their own get a forward hook instead (so what is recorded is what a
hook sees after theirs), as do modules whose ``forward`` the user patched; TorchScript submodules
are left alone (their calls do not go through Python).
"""

from __future__ import annotations

from typing import Any, Callable

import torch
from torch import Tensor, nn

from .recorder import _Recorder

_MISSING = object()

Before = Callable[[tuple], None]  # called with a block's positional arguments before its forward
After = Callable[[], None]  # called after the block's own output was recorded

#: torch's activation modules whose ``inplace`` flag only chooses where the same values are written
INPLACE_ACTIVATIONS = frozenset({nn.ReLU, nn.ReLU6, nn.SiLU, nn.Hardswish, nn.Hardsigmoid, nn.LeakyReLU,
                                 nn.ELU, nn.CELU, nn.SELU, nn.Hardtanh, nn.Mish, nn.Threshold})


class _Live:
    """What the persistent taps record into: the live capture's recorder, or None between captures."""

    __slots__ = ("record",)

    def __init__(self) -> None:
        self.record: Callable[[str, str, Tensor], None] | None = None


def _persistent_tap(forward: Callable, live: _Live, path: str, type_name: str) -> Callable:
    def tapped(*args: Any, **kwargs: Any) -> Any:
        out = forward(*args, **kwargs)
        record = live.record
        if record is not None and isinstance(out, Tensor):
            record(path, type_name, out)
        return out
    return tapped


def _block_tap(forward: Callable, record: Callable, path: str, type_name: str,
               before: Before | None, after: After | None) -> Callable:
    def tapped_block(*args: Any, **kwargs: Any) -> Any:
        if before is not None:
            before(args)
        out = forward(*args, **kwargs)
        if isinstance(out, Tensor):
            record(path, type_name, out)
            if after is not None:
                after()
        return out
    return tapped_block


class _Tapped:
    """One submodule as the taps see it."""

    __slots__ = ("path", "module", "type_name", "own", "cls_forward", "tap")

    def __init__(self, path: str, module: nn.Module, live: _Live) -> None:
        self.path = path
        self.module = module
        self.type_name = type(module).__name__
        self.own = module.__dict__
        self.cls_forward = type(module).forward
        self.tap = None if "forward" in self.own else _persistent_tap(module.forward, live, path, self.type_name)


class Layout:
    """A model's submodules as a capture needs them, walked once and reused while the model's tree is
    the same (:meth:`fits` compares every module's children: much cheaper than walking again).

    It holds the submodules, not the model itself (it lives in a weak-keyed table of models).
    """

    def __init__(self, model: nn.Module) -> None:
        self.live = _Live()
        named = [(p, m) for p, m in model.named_modules() if p and m is not model]
        #: every submodule (their train/eval flags are saved and restored with the model's)
        self.submodules = [m for _, m in named]
        #: the submodules the taps record (not TorchScript ones)
        self.tapped = [_Tapped(p, m, self.live) for p, m in named if not isinstance(m, torch.jit.ScriptModule)]
        self._root_children = dict(model._modules)
        self._children = [(t.module, dict(t.module._modules)) for t in self.tapped]

    def fits(self, model: nn.Module) -> bool:
        """Whether ``model``'s module tree is still the one walked."""
        return model._modules == self._root_children and all(
            m._modules == children for m, children in self._children)


class ForwardTaps:
    """Records every submodule's output into ``recorder`` while installed (a context manager).

    ``before``/``after`` map a module path to a block-part action run around that module's forward
    (:class:`cnnviz.core.capture.block_parts.PartsFromHooks`), after its output is recorded. With
    ``outplace``, torch's in-place activation modules run out of place while installed
    (``substituted`` says whether there were any): their inputs then stay as they were produced.
    """

    def __init__(self, layout: Layout, recorder: _Recorder, before: dict[str, Before] | None = None,
                 after: dict[str, After] | None = None, *, outplace: bool = False) -> None:
        self.layout = layout
        self.recorder = recorder
        self.before = before or {}
        self.after = after or {}
        self.outplace = outplace
        self._plain: list[dict] = []  # instance dicts holding a persistent tap
        self._saved: list[tuple[dict, Any]] = []  # instance dicts holding a one-off tap, and what was there
        self._handles: list[Any] = []
        self._inplace: list[dict] = []
        self.substituted = False  # whether any in-place activation ran out of place under these taps

    def __enter__(self) -> "ForwardTaps":
        record = self.recorder.record
        special = self.before.keys() | self.after.keys()
        try:
            for t in self.layout.tapped:
                own = t.own
                if self.outplace and own.get("inplace") is True and type(t.module) in INPLACE_ACTIVATIONS:
                    own["inplace"] = False
                    self._inplace.append(own)
                    self.substituted = True
                if (t.tap is not None and "forward" not in own and not t.module._forward_hooks
                        and t.path not in special and type(t.module).forward is t.cls_forward):
                    own["forward"] = t.tap
                    self._plain.append(own)
                else:
                    self._install(t, record)
            self.layout.live.record = record
        except BaseException:
            self.__exit__()
            raise
        return self

    def _install(self, t: _Tapped, record: Callable) -> None:
        module, path, own = t.module, t.path, t.own
        before, after = self.before.get(path), self.after.get(path)
        if module._forward_hooks:  # the user's own hooks run after forward: record what they leave
            if before is not None:
                self._handles.append(module.register_forward_pre_hook(lambda m, args: before(args)))
            self._handles.append(module.register_forward_hook(self.recorder.hook_for(path, t.type_name)))
            if after is not None:
                self._handles.append(module.register_forward_hook(lambda m, args, out: after()))
            return
        previous = own.get("forward", _MISSING)
        self._saved.append((own, previous))
        own["forward"] = _block_tap(module.forward, record, path, t.type_name, before, after)

    def __exit__(self, *exc: object) -> None:
        self.layout.live.record = None
        for own in self._plain:
            own.pop("forward", None)
        self._plain.clear()
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
