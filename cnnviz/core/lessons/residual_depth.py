"""Lesson "residual": why residual blocks let depth train.

Two networks of 19 convolutions, ``mnist_plain_deep`` and ``mnist_residual_deep`` (the same layers and
parameter names; the second adds each block's input to its output), start from the same random weights
(:func:`twins`) and train side by side on the bundled digits (:func:`twin_runs`, driven by
:func:`cnnviz.core.training.side_by_side.side_by_side`). Everything the lesson shows is read from the records
the training gives (:func:`reading`, :func:`matched`): each run's steps and recent loss, the first and last
layers' gradient norms of the same step, and how many times more gradient the residual net's first layer gets.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import torch
from torch import nn

from ..analysis.gradient_stats import GradientRecord
from ..i18n import marker
from ..inputs.datasets import DatasetSplit, load_dataset
from ..models.zoo import build_model, model_info
from ..training.loop import Progress
from ..training.optimizers import TrainConfig
from . import Lesson

__all__ = ["LESSON", "LOSS_WINDOW", "PLAIN", "RESIDUAL", "RunReading", "chance_loss", "first_layer_ratio", "lesson_config", "lesson_data",
           "matched", "reading", "twin_runs", "twins"]

N_ = marker(__name__)

PLAIN, RESIDUAL = "mnist_plain_deep", "mnist_residual_deep"
SEED = 0
LOSS_WINDOW = 20  # the loss shown is the mean of the last this many step losses

LESSON = Lesson(
    name="residual",
    title=N_("Why residual blocks let depth train"),
    model=RESIDUAL,
    weights="none",
    text=N_("Two networks of 19 convolutions start from the same random weights and learn the same digits side "
            "by side. The only difference: the residual one adds each block's input to the block's output "
            "(a shortcut), as ResNet does.\n\n"
            "In the plain chain, the gradient that reaches a layer is multiplied by the derivative of every layer "
            "after it. Each factor shrinks it a little; nineteen of them shrink it by orders of magnitude, so the "
            "first layers hardly learn and the loss hardly moves. The shortcuts carry the gradient back "
            "unchanged, and every layer of the residual twin learns.\n\n"
            "The bars are each layer's gradient norm on a log scale, the input on the left; the curves are the "
            "training losses (faint: each step; bold: smoothed; dots: validation after each epoch)."),
    task=N_("Compare the first bars of the two colours: the plain net's sit orders of magnitude below the residual "
            "one's. Then watch the losses: the plain one stays near chance (the dashed line) while the residual "
            "one falls."),
    docks=("residual_dock",),
    layer="stage1.0",
)


def twins(seed: int = SEED) -> tuple[nn.Module, nn.Module]:
    """``(plain, residual)``: the two networks with the same random weights, drawn from ``seed``.

    The plain net is built from ``seed`` (the caller's random generator is left as it was) and the residual
    one gets a copy of its weights: the twins have the same parameter names and shapes, so they differ only
    in their shortcuts.
    """
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        plain = build_model(PLAIN)
        residual = build_model(RESIDUAL)
    residual.load_state_dict(plain.state_dict())
    return plain, residual


def lesson_config(**changes) -> TrainConfig:
    """How the twins train: SGD with momentum 0.9, learning rate 0.01, batches of 32, 10 epochs (``changes``:
    fields to override, e.g. ``device="cpu"`` or fewer ``epochs`` for a quick run).

    Plain SGD, because an adaptive optimiser (Adam) rescales each weight's step by its own gradient's size and
    so hides the vanishing gradient the lesson shows. At 0.01 the residual twin reaches about 89 % validation
    accuracy in the first epoch and 98 % by the fifth while the plain one stays at chance; at 0.05 the residual
    twin, which has no batch normalisation, diverged in its fourth epoch.
    """
    settings = {"epochs": 10, "batch_size": 32, "optimizer": "sgd", "lr": 0.01, "momentum": 0.9, "seed": SEED}
    return TrainConfig(**{**settings, **changes})


def lesson_data(limit: tuple[int | None, int | None] | None = None) -> DatasetSplit:
    """The bundled digits, shaped for the twins (28 x 28, as MNIST), split with the lesson's seed; ``limit``
    cuts them to the first ``(train, val)`` examples."""
    split = load_dataset("digits", spec=model_info(PLAIN).input, split_seed=SEED)
    return split.subset(*limit) if limit is not None else split


def twin_runs(split: DatasetSplit, config: TrainConfig | None = None, seed: int = SEED
              ) -> list[tuple[nn.Module, DatasetSplit, TrainConfig]]:
    """The two runs for :func:`~cnnviz.core.training.side_by_side.side_by_side`: plain first, then residual."""
    plain, residual = twins(seed)
    config = config or lesson_config()
    return [(plain, split, config), (residual, split, config)]


def chance_loss(classes: int | None = None) -> float:
    """The cross-entropy of guessing among ``classes`` (default: the twins' ten digits), ``ln(classes)``: a net
    that learned nothing stays there."""
    return math.log(len(model_info(PLAIN).class_names) if classes is None else classes)


@dataclass(frozen=True)
class RunReading:
    """What the lesson says about one run, from its records.

    Attributes
    ----------
    step
        Steps trained (the newest record's).
    loss
        Mean loss of the last :data:`LOSS_WINDOW` steps (NaN before the first step).
    val_accuracy
        Validation accuracy after the newest epoch (NaN before the first epoch ends).
    first_norm, last_norm
        The first and the last layer's gradient norms in the gradient record shown (NaN when none).
    ended
        ``""`` while it goes on; ``"done"``, ``"stopped"`` or the error message once it has ended.
    """

    step: int
    loss: float
    val_accuracy: float
    first_norm: float
    last_norm: float
    ended: str = ""


def reading(records: Sequence[Progress], gradients: GradientRecord | None) -> RunReading:
    """One run's :class:`RunReading` from all its records so far and the gradient record shown."""
    steps = [r.loss for r in records if r.kind == "step"]
    window = steps[-LOSS_WINDOW:]
    loss = math.fsum(window) / len(window) if window else math.nan
    epochs = [r for r in records if r.kind == "epoch"]
    val = epochs[-1].val_accuracy if epochs else math.nan
    step = records[-1].step if records else 0
    ended = ""
    if records and records[-1].kind in ("done", "error"):
        last = records[-1]
        ended = last.message if last.kind == "error" else ("stopped" if last.stopped else "done")
    first = gradients.norms[0] if gradients is not None and gradients.norms else math.nan
    final = gradients.norms[-1] if gradients is not None and gradients.norms else math.nan
    return RunReading(step, loss, val, first, final, ended)


def matched(plain: Sequence[GradientRecord], residual: Sequence[GradientRecord]
            ) -> tuple[GradientRecord, GradientRecord] | None:
    """The newest gradient records of the same step in both runs (``None`` when they share no step yet)."""
    theirs = {r.step: r for r in residual}
    for mine in reversed(plain):
        if mine.step in theirs:
            return mine, theirs[mine.step]
    return None


def first_layer_ratio(plain: GradientRecord, residual: GradientRecord) -> float:
    """How many times the residual net's first-layer gradient norm exceeds the plain net's (same step)."""
    if not plain.norms or not residual.norms or plain.norms[0] <= 0:
        return math.inf if residual.norms and residual.norms[0] > 0 else math.nan
    return residual.norms[0] / plain.norms[0]
