"""Per-layer shapes, parameters, multiply-adds and receptive fields of a model.

:func:`summarize` runs one forward pass of a throw-away copy of the model on the ``meta`` device (shapes
only, no arithmetic, no memory), so even large networks are summarised in a fraction of a second. MACs
come from :class:`torch.utils.flop_counter.FlopCounterMode` (one multiply-add = one MAC = 2 FLOPs, the
convention of torchvision's published "GFLOPS"); receptive fields from
:class:`~cnnviz.core.analysis.receptive_field.ReceptiveFieldMode`. ``Summary.to_json_dict()`` is the schema of
``cnnviz summary --json``.
"""

from __future__ import annotations

import copy
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterator

import torch
from torch import nn
from torch.utils._pytree import tree_flatten
from torch.utils.flop_counter import FlopCounterMode

from ..errors import CnnvizError, reason
from ..i18n import translator
from .receptive_field import ReceptiveField, ReceptiveFieldMode

__all__ = ["LayerSummary", "ReceptiveField", "Summary", "summarize"]

Shape = list[int] | list[list[int]] | None

tr = translator(__name__)


@dataclass(frozen=True)
class LayerSummary:
    """One named module, as seen on its first call.

    Parameters
    ----------
    name
        Module path as in ``model.named_modules()`` (``"layer1.0.conv1"``).
    type
        Module class name (``"Conv2d"``).
    output_shape
        Output shape without the batch dimension; a list of shapes when the module returns several
        tensors; ``None`` when it returns none.
    params
        Parameters of the module and its children.
    macs
        Multiply-adds of the module's first call, children included.
    receptive_field
        Receptive field of its (first) output tensor; ``None`` if that does not depend on the input.
    input_shape
        Shape of the tensor the module was called with, as its hooks saw it, without the batch
        dimension; a list of shapes when it was called with several tensors; ``None`` with none.
    """

    name: str
    type: str
    output_shape: Shape
    params: int
    macs: int
    receptive_field: ReceptiveField | None
    input_shape: Shape = None

    def to_json_dict(self) -> dict[str, Any]:
        """The layer entry of ``cnnviz summary --json``."""
        rf = None if self.receptive_field is None else self.receptive_field.to_json_dict()
        return {"name": self.name, "type": self.type, "input_shape": self.input_shape,
                "output_shape": self.output_shape, "params": self.params, "macs": self.macs, "receptive_field": rf}


@dataclass(frozen=True)
class Summary:
    """A model's totals and its layers in the order of their first call."""

    model: str
    input_shape: tuple[int, int, int]
    total_params: int
    total_macs: int
    layers: list[LayerSummary] = field(default_factory=list)

    def layer(self, name: str) -> LayerSummary:
        """The layer with this module path; :class:`CnnvizError` if there is none."""
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise CnnvizError(tr("summary of {model}: no layer named '{name}' (or it is never called)").format(
            model=self.model, name=name))

    def to_json_dict(self) -> dict[str, Any]:
        """``{"model", "input_shape", "total_params", "total_macs", "layers": [...]}``."""
        return {"model": self.model, "input_shape": list(self.input_shape),
                "total_params": self.total_params, "total_macs": self.total_macs,
                "layers": [layer.to_json_dict() for layer in self.layers]}


def summarize(model: nn.Module, input_shape: tuple[int, int, int], *, model_name: str = "") -> Summary:
    """Summarise every module of ``model`` for one input of shape ``(C, H, W)``.

    The caller's model is not touched: a copy without hooks, whose parameters are shape-only ``meta``
    tensors, runs one forward pass in eval mode with batch size 1. Only when some op cannot run on
    ``meta`` is a zero-filled CPU copy run instead, and only if the input and the activations the meta
    pass saw before it stopped stay under :data:`CPU_FALLBACK_BYTES` (the CPU pass would stop at the
    same layer, so that bounds what it allocates; for a small input it words shape errors better).
    Over that bound, a model that refuses the shape is reported from the meta pass: nothing is allocated.

    Parameters
    ----------
    model
        Any ``nn.Module`` taking a ``(1, C, H, W)`` tensor.
    input_shape
        ``(C, H, W)`` of one input.
    model_name
        Name shown in the summary (default: the model's class name).

    Returns
    -------
    Summary
        Layers are the named modules other than the root, in the order of their first call; modules
        never called (GoogLeNet's auxiliary heads in eval mode) are left out. A module called several
        times (ResNet's shared ``relu``) is reported as seen on its first call. ``total_params``
        counts every parameter, including those of modules never called; ``total_macs`` counts the
        whole forward pass.

    Raises
    ------
    CnnvizError
        If ``input_shape`` is not three positive sizes, the model is TorchScript, the forward
        pass fails on that shape, or it would need a real forward pass too large to run.
    """
    shape = _checked_shape(input_shape)
    name = model_name or type(model).__name__
    if isinstance(model, torch.jit.ScriptModule):
        raise CnnvizError(tr("summary of {model}: TorchScript models cannot be summarised (no module hooks)").format(
            model=name))
    meta = _Tally()
    try:
        layers, flops = _trace(_shadow_copy(model, "meta"), shape, meta)
    except _TRACE_ERRORS as exc:
        if meta.activation_bytes <= CPU_FALLBACK_BYTES:
            layers, flops = _trace_on_cpu(model, shape, name)
        elif not _needs_real_values(exc):
            raise _shape_error(name, shape, exc) from exc
        else:
            raise CnnvizError(tr("summary of {model}: input shape {shape} is too large to summarise with a real "
                                 "forward pass (its activations need over {gib} GiB); try a smaller --input-size"
                                 ).format(model=name, shape=list(shape),
                                          gib=f"{meta.activation_bytes / 2**30:.1f}")) from exc
    total_params = sum(p.numel() for p in model.parameters())
    return Summary(name, shape, total_params, flops // 2, layers)


#: The most activation memory (summed over the layers a meta pass reached) a CPU fallback may need.
CPU_FALLBACK_BYTES = 2**30
_TRACE_ERRORS = (RuntimeError, NotImplementedError, TypeError, ValueError, IndexError)


def _needs_real_values(exc: BaseException) -> bool:
    """Whether a meta pass failed for want of real tensors (no meta kernel, a value read), not the shape."""
    return isinstance(exc, NotImplementedError) or "meta" in str(exc).lower()


def _shape_error(name: str, shape: tuple[int, int, int], exc: BaseException) -> CnnvizError:
    return CnnvizError(tr("summary of {model}: forward pass fails on input shape {shape}: {why}").format(
        model=name, shape=list(shape), why=reason(exc, 200)))


def _checked_shape(input_shape: Any) -> tuple[int, int, int]:
    values = tuple(input_shape) if isinstance(input_shape, (tuple, list, torch.Size)) else ()
    if len(values) != 3 or not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in values):
        raise CnnvizError(tr("summary: input shape must be three positive sizes C H W, got {shape}").format(
            shape=repr(input_shape)))
    return values  # type: ignore[return-value]


def _trace_on_cpu(model: nn.Module, shape: tuple[int, int, int], name: str) -> tuple[list[LayerSummary], int]:
    try:
        return _trace(_shadow_copy(model, "cpu"), shape, _Tally())
    except _TRACE_ERRORS as exc:
        raise _shape_error(name, shape, exc) from exc


def _shadow_copy(model: nn.Module, device: str) -> nn.Module:
    """A deep copy in eval mode whose parameters and buffers are empty ``meta`` (or zero CPU) tensors.

    The copy gets no hooks: hooks registered by others would otherwise be copied with their owners.
    """
    def blank(t: torch.Tensor) -> torch.Tensor:
        return torch.empty_like(t, device="meta") if device == "meta" else torch.zeros_like(t, device=device)

    memo: dict[int, Any] = {}
    for module in model.modules():
        for key, value in vars(module).items():
            if "hooks" in key and isinstance(value, dict):
                memo[id(value)] = type(value)()
    for p in model.parameters():
        memo[id(p)] = nn.Parameter(blank(p.detach()), requires_grad=p.requires_grad)
    for b in model.buffers():
        memo[id(b)] = blank(b)
    return copy.deepcopy(model, memo).eval()


def _input_dtype(model: nn.Module) -> torch.dtype:
    for p in model.parameters():
        if p.is_floating_point():
            return p.dtype
    return torch.float32


class _Tally:
    """What a trace saw before it ended or failed: the bytes of every first-call module output."""

    def __init__(self) -> None:
        self.activation_bytes = 0


def _trace(net: nn.Module, shape: tuple[int, int, int], tally: _Tally) -> tuple[list[LayerSummary], int]:
    """One forward pass of ``net`` recording each module's first call; returns layers and FLOPs."""
    device = next(iter(net.parameters()), torch.empty(0)).device
    image = torch.zeros((1, *shape), dtype=_input_dtype(net), device=device)
    tally.activation_bytes += image.numel() * image.element_size()
    receptive = ReceptiveFieldMode()
    with torch.no_grad(), FlopCounterMode(display=False) as counter:
        recorder = _Recorder(net, counter, receptive, tally)
        with receptive, recorder.hooked():
            receptive.watch(image)
            net(image)
    return recorder.layers(), counter.get_total_flops()


class _Recorder:
    """Module hooks that note each module's first call: FLOPs counted meanwhile, output shape and field."""

    def __init__(self, net: nn.Module, counter: FlopCounterMode, receptive: ReceptiveFieldMode,
                 tally: _Tally) -> None:
        self._modules = [(n, m) for n, m in net.named_modules() if n]
        self._tally = tally
        self._counter = counter
        self._receptive = receptive
        self._started: dict[str, int] = {}  # name -> FLOPs counted when its first call began
        self._done: dict[str, LayerSummary] = {}

    @contextmanager
    def hooked(self) -> Iterator[None]:
        """Hooks on every module for the duration of the block."""
        handles = []
        try:
            for name, module in self._modules:
                handles.append(module.register_forward_pre_hook(self._pre_hook(name)))
                handles.append(module.register_forward_hook(self._post_hook(name, module), with_kwargs=True))
            yield
        finally:
            for handle in handles:
                handle.remove()

    def _pre_hook(self, name: str) -> Any:
        def hook(module: nn.Module, args: Any) -> None:
            if name not in self._started:
                self._started[name] = self._counter.get_total_flops()
        return hook

    def _post_hook(self, name: str, module: nn.Module) -> Any:
        def hook(module: nn.Module, args: Any, kwargs: Any, output: Any) -> None:
            if name in self._done:
                return
            tensors = _tensors(output)
            inputs = _tensors((args, kwargs))
            self._tally.activation_bytes += sum(t.numel() * t.element_size() for t in tensors)
            macs = (self._counter.get_total_flops() - self._started[name]) // 2
            rf = self._receptive.field_of(tensors[0]) if tensors else None
            self._done[name] = LayerSummary(name, type(module).__name__, _shape_of(output, tensors),
                                            sum(p.numel() for p in module.parameters()), macs, rf,
                                            _shape_of(inputs[0] if len(inputs) == 1 else inputs, inputs))
        return hook

    def layers(self) -> list[LayerSummary]:
        """Layers in the order of their first call."""
        return [self._done[name] for name in self._started if name in self._done]


def _tensors(value: Any) -> list[torch.Tensor]:
    return [t for t in tree_flatten(value)[0] if isinstance(t, torch.Tensor)]


def _shape_of(output: Any, tensors: list[torch.Tensor]) -> Shape:
    """Shape without the batch dimension; one per tensor when the output holds several."""
    shapes = [list(t.shape[1:]) for t in tensors]
    if isinstance(output, torch.Tensor):
        return shapes[0]
    return shapes or None
