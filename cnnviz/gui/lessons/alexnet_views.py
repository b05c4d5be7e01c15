"""The AlexNet lesson's work for the render worker (``session.request_view``): the augmentation rows of the image
shown, the max-pool sizes of the pair and of the model shown, and the final errors of two trained nets.

Each function returns a :class:`View` (``key`` says which request it answers, ``error`` holds one line when a
user-caused problem stopped it), so the page always hears back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from torch import Tensor, nn

from ...core.analysis.summary import Summary
from ...core.inputs.datasets import DatasetSplit
from ...core.lessons.alexnet_choices import augmentation_rows, eval_errors, get_comparison, pooling_facts
from ...core.spec import InputSpec
from ..workers import failure_message

__all__ = ["View", "errors_view", "pool_numbers", "pools_view", "preview_view"]


@dataclass(frozen=True)
class View:
    """What one request made: ``value`` (rows, facts or errors), or ``error`` (one line)."""

    key: Any
    value: Any = None
    error: str = ""
    extra: dict = field(default_factory=dict)


def _guard(key: Any, compute) -> View:
    try:
        return View(key, compute())
    except Exception as exc:  # noqa: BLE001 - the page always hears back (a bug's traceback goes to stderr)
        return View(key, error=failure_message(exc))


def preview_view(key: Any, x: Tensor, spec: InputSpec) -> View:
    """:func:`~cnnviz.core.lessons.augment_preview.augmentation_rows` of the capture's input ``x``."""
    return _guard(key, lambda: augmentation_rows(x, spec))


def pools_view(key: Any, comparison: str, module: nn.Module | None, summary: Summary | None) -> View:
    """Max-pool facts of the pair of ``comparison`` (a forward of one 1x28x28 digit) and, with ``extra["model"]``,
    of the model shown (read from its existing summary: no forward)."""
    def compute():
        nets = get_comparison(comparison).nets()
        return [pooling_facts(net, (1, 28, 28)) for net in nets]

    view = _guard(key, compute)
    if module is not None and summary is not None and not view.error:
        view.extra["model"] = pooling_facts(module, summary=summary)
    return view


def errors_view(key: Any, data: Callable[[], DatasetSplit], nets: tuple[nn.Module, ...]) -> View:
    """Eval-mode ``(training error, validation error)`` of each trained net on the data it trained on (``data()``,
    the runs' own split factory); ``extra["sizes"]``: how many training and validation images that was."""
    sizes = []

    def compute():
        split = data()
        sizes.extend((len(split.train), len(split.val)))
        return [eval_errors(net, split) for net in nets]

    view = _guard(key, compute)
    if sizes:
        view.extra["sizes"] = tuple(sizes)
    return view


def pool_numbers(view: View) -> dict[str, float]:
    """The numbers a :func:`pools_view` result shows, by key: ``pool.<run>.<layer>.in|out|kernel|stride|overlap``
    (sides) for the pair, ``model.<layer>.in|out|out_2x2`` for the model shown."""
    out: dict[str, float] = {}
    for i, facts in enumerate(view.value):
        for f in facts:
            key = f"pool.{i}.{f.name}"
            out.update({f"{key}.in": f.input_size[0], f"{key}.out": f.output_size[0], f"{key}.kernel": f.kernel,
                        f"{key}.stride": f.stride, f"{key}.overlap": f.overlap})
    for f in view.extra.get("model", []):
        out.update({f"model.{f.name}.in": f.input_size[0], f"model.{f.name}.out": f.output_size[0],
                    f"model.{f.name}.out_2x2": f.size_with_2x2[0]})
    return out
