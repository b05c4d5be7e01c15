"""An unflattened torch.export program made to look like the model it came from.

``torch.export.unflatten`` gives every module of the original an ``InterpreterModule`` running its part
of the graph as ``torch.ops.aten`` calls. The paths are the original ones, but nothing is a
``nn.Conv2d`` any more: the filters dock, layer facts (MACs, receptive fields) and the input guess look
for ``torch.nn`` layers. :func:`restore_modules` puts back, from each ``InterpreterModule``'s recorded
type (``_ty``) and its one aten call, the common ``torch.nn`` layers (convolutions, linear layers,
batch norms, ReLUs, poolings, flatten, dropout) holding the program's own parameters, makes
``Sequential`` containers ``nn.Sequential`` again, and names the other modules' classes after the
originals (``BasicBlock``). It keeps the result only if the model's output is unchanged bit for bit.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Callable

import torch
from torch import nn
from torch.export.unflatten import InterpreterModule, UnflattenedModule
from torch.utils import _pytree as pytree

__all__ = ["name_root", "restore_modules"]

_NAMED_CLASSES: dict[tuple[str, type], type] = {}
_aten = torch.ops.aten


def restore_modules(root: nn.Module, x: torch.Tensor) -> bool:
    """Replace ``root``'s InterpreterModules by their ``torch.nn`` originals where that is exact.

    The restored layers behave as the originals in training mode too (batch norms then use batch
    statistics, dropout drops), where the program had eval behaviour baked in.

    Parameters
    ----------
    root
        What ``torch.export.unflatten`` returned (changed in place).
    x
        An input the program takes: the output before and after must be equal, else all is undone.

    Returns
    -------
    bool
        Whether the restored modules were kept.
    """
    training = root.training
    root.eval()  # the program's batch norms use running statistics: so do the restored ones in eval mode
    try:
        return _restore_all(root, x)
    finally:
        root.train(training)


def _restore_all(root: nn.Module, x: torch.Tensor) -> bool:
    with torch.no_grad():
        before = root(x)
    undo: list[Callable[[], None]] = []
    paths = [p for p, m in root.named_modules() if p and isinstance(m, InterpreterModule)]
    for path in sorted(paths, key=lambda p: -p.count(".")):  # children before their containers
        _restore_one(root, path, undo)
    try:
        with torch.no_grad():
            after = root(x)
        same = _same(before, after)
    except Exception:
        same = False
    if not same:
        for step in reversed(undo):
            step()
    return same


def _same(a: Any, b: Any) -> bool:
    fa, fb = pytree.tree_leaves(a), pytree.tree_leaves(b)
    return len(fa) == len(fb) and all(
        torch.equal(u, v) if isinstance(u, torch.Tensor) and isinstance(v, torch.Tensor) else u == v
        for u, v in zip(fa, fb))


def _restore_one(root: nn.Module, path: str, undo: list[Callable[[], None]]) -> None:
    parent_path, _, name = path.rpartition(".")
    parent = root.get_submodule(parent_path)
    module = parent._modules[name]
    type_path = getattr(module, "_ty", None) or ""
    cls_name = type_path.rsplit(".", 1)[-1]
    new = None
    if type_path.startswith("torch.nn.modules.") and not module._modules:
        new = _leaf(cls_name, module)
    elif type_path == "torch.nn.modules.container.Sequential":
        new = _sequential(module)
    if new is not None:
        parent._modules[name] = new.train(module.training)
        undo.append(lambda: parent._modules.__setitem__(name, module))
    elif cls_name.isidentifier() and type(module) is InterpreterModule:
        module.__class__ = _named_class(cls_name)
        undo.append(lambda: setattr(module, "__class__", InterpreterModule))


def name_root(root: nn.Module) -> None:
    """Name the unflattened program's class after the original model's (``ResNet``, not ``UnflattenedModule``),
    for messages and summaries."""
    cls_name = (getattr(root, "_ty", None) or "").rsplit(".", 1)[-1]
    if cls_name.isidentifier() and type(root) is UnflattenedModule:
        root.__class__ = _named_class(cls_name, UnflattenedModule)


def _named_class(name: str, base: type = InterpreterModule) -> type:
    """A subclass of ``base`` named like the original module's class (for summaries and docks)."""
    cls = _NAMED_CLASSES.get((name, base))
    if cls is None:
        cls = type(name, (base,), {"__module__": "cnnviz.exported", "__qualname__": name})
        _NAMED_CLASSES[(name, base)] = cls
    return cls


# --------------------------------------------------------------------------- the one aten call

def _single_call(module: InterpreterModule) -> tuple[Any, dict[str, Any]] | None:
    """The module's only operator and its arguments by schema name (get_attr nodes resolved), or None."""
    nodes = list(module.graph.nodes)
    inputs = [n for n in nodes if n.op == "placeholder"]
    calls = [n for n in nodes if n.op == "call_function"]
    outputs = [n for n in nodes if n.op == "output"]
    if len(inputs) != 1 or len(calls) != 1 or any(n.op not in ("placeholder", "get_attr", "call_function", "output")
                                                    for n in nodes):
        return None
    call = calls[0]
    if not isinstance(call.target, torch._ops.OpOverload) or outputs[0].args[0] is not call:
        return None
    bound: dict[str, Any] = {}
    for i, arg in enumerate(call.target._schema.arguments):
        if i < len(call.args):
            value = call.args[i]
        elif arg.name in call.kwargs:
            value = call.kwargs[arg.name]
        elif arg.has_default_value():
            value = arg.default_value
        else:
            return None
        if isinstance(value, torch.fx.Node):
            if value is inputs[0] and i == 0:
                value = "input"
            elif value.op == "get_attr":
                value = getattr(module, value.target)
            else:
                return None
        bound[arg.name] = value
    return (call.target, bound) if bound.get(call.target._schema.arguments[0].name) == "input" else None


def _tuple(v: Any) -> Any:
    return tuple(v) if isinstance(v, (list, tuple)) else v


def _leaf(cls_name: str, module: InterpreterModule) -> nn.Module | None:
    found = _single_call(module)
    if found is None:
        return None
    op, a = found
    build = _BUILDERS.get((cls_name, op))
    return None if build is None else build(a, module)


def _conv(a: dict, module: nn.Module) -> nn.Module:
    w, groups = a["weight"], int(a["groups"])
    conv = nn.Conv2d(w.shape[1] * groups, w.shape[0], tuple(w.shape[2:]), _tuple(a["stride"]), _tuple(a["padding"]),
                     _tuple(a["dilation"]), groups, bias=a["bias"] is not None, device="meta")
    conv.weight = w
    conv.bias = a["bias"]
    return conv


def _linear(a: dict, module: nn.Module) -> nn.Module:
    w = a["weight"]
    linear = nn.Linear(w.shape[1], w.shape[0], bias=a["bias"] is not None, device="meta")
    linear.weight, linear.bias = w, a["bias"]
    return linear


def _batch_norm(a: dict, module: nn.Module) -> nn.Module | None:
    mean, var = a["running_mean"], a["running_var"]
    if a["training"] or mean is None or var is None:
        return None
    bn = nn.BatchNorm2d(mean.shape[0], eps=a["eps"], momentum=a["momentum"], affine=a["weight"] is not None,
                        device="meta")
    if a["weight"] is not None:
        bn.weight, bn.bias = a["weight"], a["bias"]
    bn.running_mean, bn.running_var = mean, var
    tracked = getattr(module, "num_batches_tracked", None)
    bn.num_batches_tracked = tracked if isinstance(tracked, torch.Tensor) else torch.tensor(0)
    return bn


def _max_pool(a: dict, module: nn.Module) -> nn.Module:
    kernel = _tuple(a["kernel_size"])
    return nn.MaxPool2d(kernel, _tuple(a["stride"]) or kernel, _tuple(a["padding"]), _tuple(a["dilation"]),
                        ceil_mode=bool(a["ceil_mode"]))


def _avg_pool(a: dict, module: nn.Module) -> nn.Module:
    kernel = _tuple(a["kernel_size"])
    return nn.AvgPool2d(kernel, _tuple(a["stride"]) or kernel, _tuple(a["padding"]), bool(a["ceil_mode"]),
                        bool(a["count_include_pad"]), a["divisor_override"])


def _dropout(a: dict, module: nn.Module) -> nn.Module | None:
    return None if a["train"] else nn.Dropout(float(a["p"]))


_BUILDERS: dict[tuple[str, Any], Callable[[dict, nn.Module], nn.Module | None]] = {
    ("Conv2d", _aten.conv2d.default): _conv,
    ("Linear", _aten.linear.default): _linear,
    ("BatchNorm2d", _aten.batch_norm.default): _batch_norm,
    ("ReLU", _aten.relu.default): lambda a, m: nn.ReLU(),
    ("ReLU", _aten.relu_.default): lambda a, m: nn.ReLU(inplace=True),
    ("MaxPool2d", _aten.max_pool2d.default): _max_pool,
    ("AvgPool2d", _aten.avg_pool2d.default): _avg_pool,
    ("AdaptiveAvgPool2d", _aten.adaptive_avg_pool2d.default): lambda a, m: nn.AdaptiveAvgPool2d(_tuple(a["output_size"])),
    ("Flatten", _aten.flatten.using_ints): lambda a, m: nn.Flatten(int(a["start_dim"]), int(a["end_dim"])),
    ("Dropout", _aten.dropout.default): _dropout,
}


def _sequential(module: InterpreterModule) -> nn.Module | None:
    """``nn.Sequential`` of the children when the graph only calls each child once, in order, on the last
    one's output (so discovery treats it as the plain container it was)."""
    nodes = list(module.graph.nodes)
    if [n.op for n in nodes] != ["placeholder", *["call_module"] * (len(nodes) - 2), "output"] or len(nodes) < 3:
        return None
    children = list(module._modules.items())
    previous = nodes[0]
    for node, (name, _) in zip(nodes[1:-1], children):
        if node.target != name or node.args != (previous,) or node.kwargs:
            return None
        previous = node
    if len(children) != len(nodes) - 2 or nodes[-1].args[0] is not previous:
        return None
    return nn.Sequential(OrderedDict(children))
