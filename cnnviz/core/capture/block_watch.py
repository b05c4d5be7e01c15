"""Seeing concatenations and residual additions while a forward pass runs.

A :class:`BlockWatch` puts a forward pre-hook and hook on candidate modules (any module with
children and a ``forward`` of its own) and, while one of them runs, a ``TorchFunctionMode`` that
sees every torch call, functional ones included (Inception-v3's ``F.max_pool2d`` branch). Outside
blocks the mode is not active, so the rest of the forward pays nothing.

On a model's first capture the watch *discovers*: it follows every tensor's path from the block's
input (its convolutions and poolings, and how many ops deep it is), and when the block returns it
checks whether the output is a channel ``cat`` or an ``add`` of two same-shaped tensors (possibly
followed by one activation). An ``add`` whose computed operand descends from a channel ``cat`` of
the block's own (Inception-ResNet: ``conv(cat(branches)) * scale + x``) makes the block both: its
branches are that ``cat``'s operands. On later captures only the known blocks are watched and only
their deciding ops are recorded.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

import torch
from torch import Tensor, nn
from torch.overrides import TorchFunctionMode

from ..errors import CnnvizError, reason
from ..i18n import translator
from .anatomy import Block, Branch, Step, call_arg, parallel_step, shared_prefix, step_of_call
from .records import Derived

tr = translator(__name__)

CAT_NAMES = frozenset({"cat", "concat", "concatenate"})
ADD_NAMES = frozenset({"add", "__add__", "__radd__"})
IADD_NAMES = frozenset({"add_", "__iadd__"})
MUL_NAMES = frozenset({"mul", "__mul__", "__rmul__", "multiply"})


@dataclass
class BlockPlan:
    """What discovery learned about one block: its description and which of its ops made its output."""

    block: Block
    op_index: int
    identity_arg: int = 0
    #: how later captures get the parts: "slice" (channel slices of the output), "modules" (outputs
    #: of the block's own submodules or its input, read from the capture's hooks) or "watch" (the
    #: function mode, for parts that only exist inside the forward)
    strategy: str = "watch"
    sources: tuple[str, str] = ("", "")  # "modules": key per add operand, "" = the block's input
    sum_is_output: bool = False
    #: for an "inception_residual" block: the index of the cat whose operands are its branches
    cat_index: int | None = None


@dataclass
class _Op:
    index: int
    kind: str  # "cat" or "add"
    result: Tensor
    operands: list[Tensor]
    entries: list[Any]
    sum_entry: Any = None
    result_version: int = 0
    sources: tuple[str | None, ...] = ()


@dataclass
class _Frame:
    path: str
    key: str
    type_name: str
    x: Tensor | None
    op_count: int = 0
    ops: list[_Op] = field(default_factory=list)
    pending: list[tuple[str, Any]] = field(default_factory=list)
    depth: dict[int, int] = field(default_factory=dict)
    lineage: dict[int, tuple[Step, ...]] = field(default_factory=dict)
    parent: dict[int, tuple[Tensor, str]] = field(default_factory=dict)
    inplace_last: dict[int, str] = field(default_factory=dict)
    #: tensor id -> the channel cat of this block's own (not a child's) that the tensor descends from
    cat_source: dict[int, _Op] = field(default_factory=dict)
    #: tensor id -> the Python number it is the product of a tensor with (``out * self.scale``)
    scaled: dict[int, float] = field(default_factory=dict)
    alive: list[Tensor] = field(default_factory=list)


def is_candidate(module: nn.Module) -> bool:
    """Modules that may be blocks: they have children and a forward of their own (not TorchScript's)."""
    if isinstance(module, torch.jit.ScriptModule):
        return False
    forward = type(module).forward
    if forward is nn.Module.forward or forward is nn.Sequential.forward:
        return False
    return any(True for _ in module.children())


class BlockWatch(TorchFunctionMode):
    """Hooks + a scoped function mode that record block parts into a capture recorder."""

    def __init__(self, model: nn.Module, recorder: Any, plans: dict[str, BlockPlan] | None) -> None:
        super().__init__()
        self.model = model
        self.recorder = recorder
        self.plans = plans
        self.discovering = plans is None
        self.found: dict[str, BlockPlan] = {}
        self.frames: list[_Frame] = []
        self.calls: dict[str, int] = {}
        self.active = False
        self.weight_paths = {id(m.weight): p for p, m in model.named_modules()
                             if isinstance(getattr(m, "weight", None), Tensor)}

    # -- hooks ---------------------------------------------------------------------------------
    def install(self) -> list[Any]:
        handles = []
        for path, module in self.model.named_modules():
            if not path or not (path in self.plans if self.plans is not None else is_candidate(module)):
                continue
            handles.append(module.register_forward_pre_hook(self._pre_hook(path)))
            handles.append(module.register_forward_hook(self._post_hook))
        return handles

    def _pre_hook(self, path: str):
        def pre_hook(module: nn.Module, args: tuple) -> None:
            n = self.calls.get(path, 0) + 1
            self.calls[path] = n
            x = args[0] if args and isinstance(args[0], Tensor) else None
            if not self.active:
                self.__enter__()
                self.active = True
            self.frames.append(_Frame(path, path if n == 1 else f"{path}#{n}", type(module).__name__, x))
        return pre_hook

    def _post_hook(self, module: nn.Module, args: tuple, output: Any) -> None:
        frame = self.frames.pop()
        if not self.frames:
            self.close()
        if self.discovering:
            self._finalize_discovery(frame, output)
        else:
            for key, entry in frame.pending:
                self.recorder.assign(key, entry)

    def close(self) -> None:
        """Leave the function mode (also after a forward that raised)."""
        if self.active:
            self.active = False
            self.__exit__(None, None, None)

    # -- the function mode ---------------------------------------------------------------------
    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        frame = self.frames[-1] if self.frames else None
        if frame is None:
            return func(*args, **kwargs)
        name = getattr(func, "__name__", "")
        if isinstance(func, torch._ops.OpOverload):  # torch.export programs call aten.add_.Tensor, aten.cat.default
            name = name.split(".", 1)[0]
        if name in CAT_NAMES:
            result = self._cat(frame, func, args, kwargs)
        elif name in ADD_NAMES or name in IADD_NAMES:
            result = self._add(frame, name in IADD_NAMES, func, args, kwargs)
        else:
            result = func(*args, **kwargs)
        if self.discovering:
            self._trace(frame, name, args, kwargs, result)
        return result

    def _claim(self) -> list[tuple[_Frame, int]]:
        """Number a deciding-op candidate in every active frame (a block's count includes its children's
        ops, the same whether the children are watched, as in discovery, or not)."""
        claimed = []
        for f in self.frames:
            claimed.append((f, f.op_count))
            f.op_count += 1
        return claimed

    def _deciders(self, claimed: list[tuple[_Frame, int]]) -> list[_Frame]:
        return [f for f, i in claimed if self.plans[f.path].op_index == i]

    def _branch_deciders(self, claimed: list[tuple[_Frame, int]]) -> list[_Frame]:
        """Frames whose branches this cat makes: as their output, or as the start of their residual path."""
        return [f for f, i in claimed if i in (self.plans[f.path].op_index, self.plans[f.path].cat_index)]

    def _cat(self, frame: _Frame, func, args: tuple, kwargs: dict) -> Any:
        tensors = list(call_arg(args, kwargs, 0, "tensors", ()))
        dim = call_arg(args, kwargs, 1, "dim", 0)
        ok = (len(tensors) >= 2 and all(isinstance(t, Tensor) and t.dim() >= 2 for t in tensors)
              and dim in (1, 1 - tensors[0].dim()))
        if not ok:
            return func(*args, **kwargs)
        claimed = self._claim()
        if self.discovering:
            entries = [self.recorder.snapshot(t) for t in tensors]
            result = func(*args, **kwargs)
            for f, index in claimed:
                op = _Op(index, "cat", result, tensors, entries, result_version=result._version)
                f.ops.append(op)
                if f is frame:  # the block's own cat (a child block's cat is the child's)
                    f.cat_source[id(result)] = op
            return result
        for f in self._branch_deciders(claimed):
            keys = [f"{f.key}:branch{i}" for i in range(len(tensors))]
            f.pending.extend((k, self.recorder.snapshot(t, key=k)) for k, t in zip(keys, tensors))
        return func(*args, **kwargs)

    def _add(self, frame: _Frame, inplace: bool, func, args: tuple, kwargs: dict) -> Any:
        a = args[0] if args else kwargs.get("input")
        b = call_arg(args, kwargs, 1, "other", None)
        ok = (isinstance(a, Tensor) and isinstance(b, Tensor) and a.shape == b.shape and a.dim() >= 2
              and kwargs.get("alpha", 1) == 1)
        if not ok:
            return func(*args, **kwargs)
        claimed = self._claim()
        if self.discovering:
            sources = (self.recorder.module_key_of(a), self.recorder.module_key_of(b))
            entries = [self.recorder.snapshot(a, must_copy=inplace), self.recorder.snapshot(b)]
            result = func(*args, **kwargs)
            total = self.recorder.snapshot(result)
            for f, index in claimed:
                f.ops.append(_Op(index, "add", result, [a, b], entries, total, result._version, sources))
            return result
        deciders = self._deciders(claimed)
        if not deciders:
            return func(*args, **kwargs)
        operands = [(a, inplace), (b, False)]
        before = []
        for f in deciders:
            ident = self.plans[f.path].identity_arg
            names = {ident: f"{f.key}:identity", 1 - ident: f"{f.key}:residual"}
            before.append([(names[i], self.recorder.snapshot(t, key=names[i], must_copy=cp))
                           for i, (t, cp) in enumerate(operands)])
        result = func(*args, **kwargs)
        for f, parts in zip(deciders, before):
            sum_key = f"{f.key}:sum"
            if sum_key in self.recorder.copy_keys and not inplace_changed_operands(parts):
                # changed in place right after (an in-place activation): rebuilt from the parts on demand
                total = Derived(torch.add, parts[0][1], parts[1][1])
            else:
                total = self.recorder.snapshot(result, key=sum_key)
            parts.sort(key=lambda kv: kv[0].endswith(":residual"))  # identity, residual, sum
            f.pending.extend([*parts, (sum_key, total)])
        return result

    # -- discovery -------------------------------------------------------------------------------
    def _trace(self, frame: _Frame, name: str, args: tuple, kwargs: dict, result: Any) -> None:
        if not isinstance(result, Tensor):
            return
        ins = [t for a in args for t in (a if isinstance(a, (list, tuple)) else (a,)) if isinstance(t, Tensor)]
        depth = 1 + max((frame.depth.get(id(t), 0) for t in ins), default=0)
        lineage = max((frame.lineage.get(id(t), ()) for t in ins), key=len, default=())
        if name == "cat" and len(ins) > 1:
            lineage = parallel_step(tuple(frame.lineage.get(id(t), ()) for t in ins), result) or lineage
        step = step_of_call(name, args, kwargs, result, self.weight_paths)
        if step is not None:
            lineage = (*lineage, step)
        if any(result is t for t in ins):
            frame.inplace_last[id(result)] = name
        elif len(ins) == 1:
            frame.parent[id(result)] = (ins[0], name)
            if name in MUL_NAMES and len(args) == 2 and isinstance(_other(args, ins[0]), (int, float)):
                frame.scaled[id(result)] = float(_other(args, ins[0]))
        if id(result) not in frame.cat_source:
            source = next((frame.cat_source[id(t)] for t in ins if id(t) in frame.cat_source), None)
            if source is not None:
                frame.cat_source[id(result)] = source
        frame.depth[id(result)] = depth
        frame.lineage[id(result)] = lineage
        frame.alive.append(result)

    def _finalize_discovery(self, frame: _Frame, output: Any) -> None:
        if not isinstance(output, Tensor):
            return
        op, activation = self._deciding_op(frame, output)
        if op is None:
            self._report_to_parent(frame, output)
            return
        block, identity_arg, parts = self._describe(frame, op, output, activation)
        if frame.key == frame.path:  # parts are recorded for a block's first call only
            self.found[frame.path] = self._plan(frame, op, block, identity_arg, output)
            for key, entry in parts:
                self.recorder.assign(key, entry)
        self._report_to_parent(frame, output)

    def _plan(self, frame: _Frame, op: _Op, block: Block, identity_arg: int, out: Tensor) -> BlockPlan:
        """Choose the cheapest way later captures can get this block's parts exactly."""
        plan = BlockPlan(block, op.index, identity_arg)
        if op.kind == "cat":
            if block.activation is None and op.result is out:
                plan.strategy = "slice"
            return plan
        cat = self._branch_cat(frame, op, identity_arg)
        if cat is not None:  # branches and residual parts both come from the function mode
            plan.cat_index = cat.index
            return plan
        inside = frame.path + "."
        sources = []
        for t, key in zip(op.operands, op.sources):
            if t is frame.x:
                sources.append("")
            elif key is not None and key.startswith(inside):
                sources.append(key)
        if len(sources) == 2:
            plan.strategy, plan.sources = "modules", (sources[0], sources[1])
            plan.sum_is_output = op.result is out and out._version == op.result_version
        return plan

    def _deciding_op(self, frame: _Frame, out: Tensor) -> tuple[_Op | None, str | None]:
        for op in reversed(frame.ops):
            if op.result is out:
                changed = out._version != op.result_version
                return op, frame.inplace_last.get(id(out)) if changed else None
            parent = frame.parent.get(id(out))
            if parent is not None and parent[0] is op.result:
                return op, parent[1]
        return None, None

    def _describe(self, frame: _Frame, op: _Op, out: Tensor, activation: str | None):
        in_shape = tuple(frame.x.shape[1:]) if frame.x is not None else ()
        common = dict(path=frame.path, type_name=frame.type_name, in_shape=in_shape,
                      out_shape=tuple(out.shape[1:]), activation=activation)
        if op.kind == "cat":
            branches, keys = self._branches(frame, op)
            kind = "dense" if any(t is frame.x for t in op.operands) else "inception"
            block = Block(kind=kind, branches=branches, parts=tuple(keys), **common)
            return block, 0, list(zip(keys, op.entries))
        a, b = op.operands
        if a is frame.x or b is frame.x:
            identity_arg = 0 if a is frame.x else 1
        else:
            identity_arg = 0 if frame.depth.get(id(a), 0) < frame.depth.get(id(b), 0) else 1
        ident, resid = op.operands[identity_arg], op.operands[1 - identity_arg]
        keys = [f"{frame.key}:identity", f"{frame.key}:residual", f"{frame.key}:sum"]
        entries = [op.entries[identity_arg], op.entries[1 - identity_arg], op.sum_entry]
        residual = dict(residual_steps=frame.lineage.get(id(resid), ()),
                        shortcut="identity" if ident is frame.x else "projection",
                        shortcut_steps=frame.lineage.get(id(ident), ()), residual_scale=frame.scaled.get(id(resid)))
        cat = self._branch_cat(frame, op, identity_arg)
        if cat is None:
            block = Block(kind="residual", parts=tuple(keys), **residual, **common)
            return block, identity_arg, list(zip(keys, entries))
        branches, branch_keys = self._branches(frame, cat)
        block = Block(kind="inception_residual", branches=branches, parts=(*branch_keys, *keys), **residual, **common)
        return block, identity_arg, [*zip(branch_keys, cat.entries), *zip(keys, entries)]

    @staticmethod
    def _branch_cat(frame: _Frame, op: _Op, identity_arg: int) -> _Op | None:
        """The block's own channel cat that begins the residual path of the add ``op``, if there is one
        (and the shortcut does not come from it, and the block's input is not one of its parts)."""
        ident, resid = op.operands[identity_arg], op.operands[1 - identity_arg]
        cat = frame.cat_source.get(id(resid))
        if cat is None or frame.cat_source.get(id(ident)) is cat or any(t is frame.x for t in cat.operands):
            return None
        return cat

    @staticmethod
    def _branches(frame: _Frame, cat: _Op) -> tuple[tuple[Branch, ...], list[str]]:
        """The branches a cat joins (their steps after what they share), and their part keys."""
        lineages = [frame.lineage.get(id(t), ()) for t in cat.operands]
        shared = shared_prefix(lineages)  # SqueezeNet's squeeze conv feeds every branch
        branches, start = [], 0
        for i, t in enumerate(cat.operands):
            c = t.shape[1]
            branches.append(Branch(i, lineages[i][shared:], c, (start, start + c)))
            start += c
        return tuple(branches), [f"{frame.key}:branch{i}" for i in range(len(cat.operands))]

    def _report_to_parent(self, frame: _Frame, out: Tensor) -> None:
        """Make a finished child transparent to its parent: its ops extend the path from its input."""
        if not self.frames:
            return
        parent = self.frames[-1]
        base = id(frame.x)  # a child fed a list (DenseNet's layers) starts from nothing known
        parent.depth[id(out)] = parent.depth.get(base, 0) + frame.depth.get(id(out), 1)
        parent.lineage[id(out)] = parent.lineage.get(base, ()) + frame.lineage.get(id(out), ())
        if base in parent.cat_source:
            parent.cat_source[id(out)] = parent.cat_source[base]
        parent.alive.append(out)


def _other(args: tuple, t: Tensor) -> Any:
    """Of a binary op's two arguments, the one that is not ``t``."""
    return args[1] if args[0] is t else args[0]


def inplace_changed_operands(parts: list[tuple[str, Any]]) -> bool:
    """Whether an operand snapshot is a reference that is already stale (then copy the sum instead)."""
    return any(not entry.copied and entry.tensor._version != entry.version for _, entry in parts)


def discover(model: nn.Module, x: Tensor) -> list[Block]:
    """Run ``model`` on ``x`` once (meta tensors are fine) and return the blocks found."""
    from .recorder import _Recorder

    recorder = _Recorder(set(), copy_all=False)
    watch = BlockWatch(model, recorder, None)
    handles = watch.install()
    try:
        with torch.no_grad():
            model(x)
    finally:
        watch.close()
        for h in handles:
            h.remove()
    return [plan.block for plan in watch.found.values()]


def find_blocks(model: nn.Module, input_shape: tuple[int, ...]) -> list[Block]:
    """The model's blocks, found by one forward pass on the meta device (no compute, caller's model untouched).

    ``input_shape`` is ``(C, H, W)``.
    """
    meta_model = copy.deepcopy(model).to("meta").eval()
    x = torch.zeros((1, *input_shape), device="meta")
    try:
        return discover(meta_model, x)
    except RuntimeError as exc:
        raise CnnvizError(tr("cannot run the model on an input of shape {shape}: {reason}").format(
            shape=tuple(input_shape), reason=reason(exc, 160))) from exc
