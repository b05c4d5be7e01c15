"""What the AlexNet lesson measures: pairs of :class:`~cnnviz.core.lessons.choice_nets.ChoiceNet` trained
side by side, and the numbers read from their progress records and modules.

- :data:`COMPARISONS`: ReLU vs tanh, no dropout vs dropout, overlapping vs non-overlapping pooling; each pair is
  built from one seed (equal initial weights), trains on the same data with the same settings and so the same
  batches (the batch order comes from ``TrainConfig.seed``).
- :func:`steps_to_target`: the first step at which the running training error (an exponential moving average
  of the batches' errors, weight :data:`SMOOTHING`) is below a target (the paper: 25 % on CIFAR-10, reached six times sooner with ReLU).
- :func:`eval_errors`: eval-mode error on the training and the validation images (the gap dropout narrows).
- :func:`pooling_facts`: each max-pool's window, stride and the size of what goes in and comes out.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import torch
from torch import nn

from ..analysis.summary import Summary, summarize
from ..i18n import Text, marker
from ..inputs.datasets import DatasetSplit, load_dataset
from ..spec import MNIST_INPUT
from ..training.loop import Progress
from ..training.optimizers import TrainConfig
from .choice_nets import ChoiceNet, Choices, choice_net

N_ = marker(__name__)

__all__ = ["COMPARISONS", "SMOOTHING", "TARGET_ERROR", "Comparison", "PoolFacts", "StepsComparison",
           "compare_steps", "eval_errors", "get_comparison", "lesson_split", "pooling_facts", "running_error",
           "steps_to_target"]

TARGET_ERROR = 0.25  # the paper's target: 25 % training error
SMOOTHING = 0.9  # the running training error's moving average (the same as the plots' bold curves)
DATASET = "digits"
#: the paper trained with SGD, momentum 0.9; one learning rate for both nets of a pair
CONFIG = TrainConfig(epochs=3, batch_size=32, optimizer="sgd", lr=0.01, momentum=0.9, seed=0, device="cpu")


@dataclass(frozen=True)
class Comparison:
    """Two nets that differ in one of AlexNet's choices, and how they are trained.

    Attributes
    ----------
    key
        ``"activation"``, ``"dropout"`` or ``"pooling"``.
    title
        What is compared (marked for translation; show it with ``tr(title)``).
    labels
        The two runs' names (marked for translation).
    choices
        The two nets' :class:`Choices`.
    config
        The training settings of both runs.
    train_images
        How many training images both use (``None``: all); dropout's pair gets few, so that it can overfit.
    """

    key: str
    title: Text
    labels: tuple[Text, Text]
    choices: tuple[Choices, Choices]
    config: TrainConfig = CONFIG
    train_images: int | None = None

    def nets(self, seed: int = 0, num_classes: int = 10) -> tuple[ChoiceNet, ChoiceNet]:
        """The two nets, with equal initial parameters (both from ``seed``)."""
        return tuple(choice_net(c, seed=seed, num_classes=num_classes) for c in self.choices)  # type: ignore


COMPARISONS: dict[str, Comparison] = {
    "activation": Comparison("activation", N_("ReLU vs tanh"), (N_("ReLU"), N_("tanh")),
                             (Choices(activation="relu"), Choices(activation="tanh"))),
    "dropout": Comparison("dropout", N_("Dropout off vs on"), (N_("no dropout"), N_("dropout 0.5")),
                          (Choices(dropout=False), Choices(dropout=True)),
                          replace(CONFIG, epochs=30), train_images=200),
    "pooling": Comparison("pooling", N_("Overlapping vs non-overlapping pooling"),
                          (N_("overlapping 3/2"), N_("non-overlapping 2/2")),
                          (Choices(pooling="overlapping"), Choices(pooling="non-overlapping"))),
}


def get_comparison(key: str) -> Comparison:
    """The comparison named ``key``; ValueError naming the ones there are."""
    try:
        return COMPARISONS[key]
    except KeyError:
        raise ValueError(f"unknown comparison {key!r}; use {', '.join(COMPARISONS)}") from None


@lru_cache(maxsize=1)
def _digits() -> DatasetSplit:
    return load_dataset(DATASET, spec=MNIST_INPUT)


def lesson_split(key: str) -> DatasetSplit:
    """The data both runs of comparison ``key`` train on (the digits, cut to ``train_images``; loaded once)."""
    comparison = get_comparison(key)
    return _digits().subset(train=comparison.train_images)


# --------------------------------------------------------------------------- steps to a target error

def _step_errors(records: Iterable[Progress]) -> list[tuple[int, float]]:
    return [(r.step, 1.0 - r.accuracy) for r in records if r.kind == "step" and math.isfinite(r.accuracy)]


def running_error(records: Iterable[Progress], smoothing: float = SMOOTHING) -> list[tuple[int, float]]:
    """``(step, running training error)`` for every step record: the exponential moving average of the batches'
    errors, ``e[0] = v[0]``, ``e[i] = smoothing * e[i-1] + (1 - smoothing) * v[i]`` (the bold curve of the plots).

    Parameters
    ----------
    records
        One run's progress records in order (other kinds than ``"step"`` are skipped).
    smoothing
        The weight of the past, in [0, 1) (0: each batch's own error).
    """
    if isinstance(smoothing, bool) or not isinstance(smoothing, (int, float)) or not 0.0 <= smoothing < 1.0:
        raise ValueError(f"smoothing must be a number in [0, 1), not {smoothing!r}")
    out: list[tuple[int, float]] = []
    for step, error in _step_errors(records):
        out.append((step, error if not out else smoothing * out[-1][1] + (1.0 - smoothing) * error))
    return out


def steps_to_target(records: Iterable[Progress], target: float = TARGET_ERROR,
                    smoothing: float = SMOOTHING) -> int | None:
    """The first step whose running training error (:func:`running_error`) is below ``target``; None if none yet."""
    if isinstance(target, bool) or not isinstance(target, (int, float)) or not 0.0 < target < 1.0:
        raise ValueError(f"the target error must be between 0 and 1 (exclusive), not {target!r}")
    return next((step for step, error in running_error(records, smoothing) if error < target), None)


@dataclass(frozen=True)
class StepsComparison:
    """Steps each run took to the target error, and how many times more the second took (None: not reached)."""

    target: float
    smoothing: float
    steps: tuple[int | None, int | None]
    ratio: float | None


def compare_steps(records: Sequence[Iterable[Progress]], target: float = TARGET_ERROR,
                  smoothing: float = SMOOTHING) -> StepsComparison:
    """:func:`steps_to_target` of two runs and ``steps[1] / steps[0]`` (the paper's "six times faster")."""
    if len(records) != 2:
        raise ValueError(f"compare_steps needs the records of two runs, not {len(records)}")
    a, b = (steps_to_target(r, target, smoothing) for r in records)
    return StepsComparison(target, smoothing, (a, b), None if a is None or b is None else b / a)


# --------------------------------------------------------------------------- errors, pooling

def eval_errors(module: nn.Module, split: DatasetSplit, batch_size: int = 256) -> tuple[float, float]:
    """``(training error, validation error)`` of ``module`` in eval mode (dropout off), on the CPU.

    Every module's train/eval flag is restored afterwards.
    """
    modes = [(m, m.training) for m in module.modules()]
    device = next(module.parameters()).device
    module.eval()
    try:
        with torch.no_grad():
            return tuple(_error(module, part, batch_size, device) for part in (split.train, split.val))  # type: ignore
    finally:
        for m, training in modes:
            m.training = training


def _error(module: nn.Module, dataset, batch_size: int, device: torch.device) -> float:
    wrong = 0
    for start in range(0, len(dataset), batch_size):
        x, y = dataset.get_batch(torch.arange(start, min(start + batch_size, len(dataset))))
        wrong += int((module(x.to(device)).argmax(1).cpu() != y).sum())
    return wrong / len(dataset)


@dataclass(frozen=True)
class PoolFacts:
    """One max-pool layer: its window and stride, what goes in and comes out (``(H, W)``)."""

    name: str
    kernel: int
    stride: int
    padding: int
    input_size: tuple[int, int]
    output_size: tuple[int, int]

    @property
    def overlap(self) -> int:
        """Rows (and columns) two neighbouring windows share: ``kernel - stride`` (0: no overlap)."""
        return max(0, self.kernel - self.stride)

    @property
    def size_with_2x2(self) -> tuple[int, int]:
        """What a non-overlapping 2x2 max-pool with stride 2 would make of the same input."""
        return tuple((n - 2) // 2 + 1 for n in self.input_size)  # type: ignore[return-value]


def _first(value) -> int:
    return int(value[0] if isinstance(value, (tuple, list)) else value)


def pooling_facts(module: nn.Module, input_shape: tuple[int, int, int] | None = None, *,
                  summary: Summary | None = None) -> list[PoolFacts]:
    """Every ``MaxPool2d`` of ``module`` in forward order, with the sizes a forward of ``input_shape`` gives.

    An existing ``summary`` of ``module`` (:func:`cnnviz.core.analysis.summary.summarize`) is read instead of
    running a forward: then only module attributes are read.
    """
    if summary is None:
        if input_shape is None:
            raise ValueError("pooling_facts needs the input shape or a summary of the module")
        summary = summarize(module, input_shape)
    out = []
    for layer in summary.layers:
        try:
            m = module.get_submodule(layer.name)
        except AttributeError:  # not a module path (a repeated call's name)
            continue
        if not isinstance(m, nn.MaxPool2d) or not layer.input_shape:
            continue
        shape_in = layer.input_shape[0] if isinstance(layer.input_shape[0], (list, tuple)) else layer.input_shape
        out.append(PoolFacts(layer.name, _first(m.kernel_size), _first(m.stride), _first(m.padding),
                             (int(shape_in[-2]), int(shape_in[-1])),
                             (int(layer.output_shape[-2]), int(layer.output_shape[-1]))))
    return out
