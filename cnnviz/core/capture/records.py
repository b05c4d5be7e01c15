"""What a capture returns: :class:`Capture`, the read-only mapping from keys to tensors.

Keys are the ones DESIGN.md fixes (``input``, ``output``, ``<module path>``, ``<path>#2`` for a
module's second call, ``<block>:branch<i>``, ``<block>:identity|residual|sum``). A :class:`Derived`
value is computed from other captured tensors on first access.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import torch
from torch import Tensor

from ..errors import CnnvizError
from ..i18n import translator

tr = translator(__name__)

__all__ = ["Capture", "Derived", "logits_of", "unknown_key_message"]


def logits_of(output: Any) -> Tensor:
    """The logits of a model's output (GoogLeNet/Inception-v3 return namedtuples in training mode)."""
    if isinstance(output, Tensor):
        return output
    logits = getattr(output, "logits", None)
    if isinstance(logits, Tensor):
        return logits
    if isinstance(output, (tuple, list)) and output and isinstance(output[0], Tensor):
        return output[0]
    raise CnnvizError(tr("the model returned {type}, not a tensor of logits").format(type=type(output).__name__))


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
        #: the model's Inception/residual blocks (:class:`cnnviz.core.capture.anatomy.Block`)
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
        """Attach a derived tensor (block parts come from :mod:`cnnviz.core.capture.anatomy`)."""
        self._tensors[key] = tensor

    def resolve_key(self, name: str) -> str:
        """The key for a user-typed layer name, or a CnnvizError suggesting the nearest keys."""
        if name in self._tensors:
            return name
        raise CnnvizError(unknown_key_message(name, list(self._tensors)))


def unknown_key_message(name: str, keys: list[str]) -> str:
    """``unknown layer 'x'.`` with the nearest keys as suggestions."""
    import difflib

    close = difflib.get_close_matches(name, keys, n=3, cutoff=0.4)
    if close:
        return tr("unknown layer '{name}'. Did you mean {close}?").format(name=name, close=", ".join(close))
    return tr("unknown layer '{name}'.").format(name=name)


class Derived:
    """A tensor computed on first access from other captured tensors, by the op the model ran.

    Used for a residual block's ``sum`` when the model changes it in place right away (ResNet's
    ``relu(out += identity)``): adding the captured residual and identity again is the same IEEE
    operation on the same values, so it gives the same bits, and costs nothing until someone looks.
    """

    __slots__ = ("fn", "entries", "keys", "sealed")

    def __init__(self, fn: Any, *entries: "_Entry") -> None:
        self.fn = fn
        self.entries = entries  # read at compute time: an entry's snapshot may be upgraded to a copy
        self.keys: list[str] = []
        self.sealed = False

    @property
    def stored(self) -> "Derived":
        """What the capture keeps under this value's keys: the value itself, computed on first access.
        (A property, not an attribute pointing at itself: that cycle kept every capture's tensors
        alive until Python's next full garbage collection.)"""
        return self

    def seal(self) -> None:
        """Hold the operands' kept tensors rather than the recorder's entries (which also hold the
        model's original tensors): called once the forward pass is over."""
        if not self.sealed:
            self.entries = tuple(e if isinstance(e, Tensor) else e.stored for e in self.entries)
            self.sealed = True

    def compute(self) -> Tensor:
        if self.sealed:
            return self.fn(*self.entries)
        return self.fn(*(e.stored for e in self.entries))
