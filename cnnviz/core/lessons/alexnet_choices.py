"""The lesson "AlexNet's choices": ReLU over tanh, dropout, overlapping max-pooling and data augmentation, each
measured on the same small network trained twice side by side on the same digits.

The nets are :class:`~cnnviz.core.lessons.choice_nets.ChoiceNet` (built by :func:`choice_net`); the comparisons,
steps to a target error, errors and pooling sizes are in :mod:`cnnviz.core.lessons.choice_runs`; the preview of
the augmentations in :mod:`cnnviz.core.lessons.augment_preview`. The lesson opens the one-tower AlexNet
(``alexnet_small``, random weights) on a photograph, with its first overlapping max-pool selected (55x55 in,
27x27 out).
"""

from __future__ import annotations

from ..i18n import marker
from . import Lesson
from .augment_preview import AUGMENTATIONS, AugmentRow, augmentation_rows
from .choice_nets import ACTIVATIONS, POOLINGS, ChoiceNet, Choices, choice_net
from .choice_runs import (COMPARISONS, SMOOTHING, TARGET_ERROR, Comparison, PoolFacts, StepsComparison, compare_steps,
                          eval_errors, get_comparison, lesson_split, pooling_facts, running_error, steps_to_target)

N_ = marker(__name__)

__all__ = ["ACTIVATIONS", "AUGMENTATIONS", "COMPARISONS", "LESSON", "POOLINGS", "SMOOTHING", "TARGET_ERROR",
           "AugmentRow", "ChoiceNet", "Choices", "Comparison", "PoolFacts", "StepsComparison", "augmentation_rows",
           "choice_net", "compare_steps", "eval_errors", "get_comparison", "lesson_split", "pooling_facts",
           "running_error", "steps_to_target"]

LESSON = Lesson(
    name="alexnet",
    title=N_("AlexNet's choices"),
    model="alexnet_small",
    weights="none",
    image="cat.jpg",
    text=N_("AlexNet (2012) won ImageNet with a few choices that are now everywhere: ReLU instead of tanh, "
            "dropout before its fully connected layers, max-pooling windows that overlap (3x3, stride 2), and "
            "more training images made from each one by flips, shifted crops and small colour changes.\n\n"
            "The paper trained a four-layer network on CIFAR-10 with ReLU and with tanh and reached 25 % "
            "training error six times sooner with ReLU. Here a small network of the same shape trains twice "
            "on the same digits, side by side, with the same starting weights and the same batches: only the "
            "choice you pick differs. The numbers are what this run measures, not the paper's: in a net this "
            "small, on easy data, tanh units rarely saturate and the gap can shrink or even turn around. ReLU's "
            "advantage is that it does not saturate, which counts most in deep nets trained for long.\n\n"
            "The Feature maps dock shows the one-tower AlexNet (random weights) at its first max-pool, whose "
            "3x3 windows overlap: each shares a row and a column with the next. The page reads from the model "
            "what size each of its pools makes of its input, and what a non-overlapping 2x2 pool would make."),
    task=N_("Watch which bold error curve drops below the dashed target line first, and read the ratio of "
            "their steps; then pick dropout or pooling and press Start."),
    docks=("feature_maps_dock",),
    layer="features.2",
)
