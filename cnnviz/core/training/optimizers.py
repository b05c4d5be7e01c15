"""Training settings, and the optimisers and learning-rate schedules they name.

Optimisers: ``sgd`` (momentum, Nesterov), ``adam``, ``adamw``, ``rmsprop``; all take weight decay.
Schedules: ``none``; ``step`` (x0.1 every third of the epochs, stepped per epoch); ``cosine``
(cosine annealing to 0 over all steps, stepped per step); ``plateau`` (x0.1 when the validation loss
has not improved for two epochs).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from typing import Any

import torch
from torch import nn

from ..errors import CnnvizError
from ..i18n import marker, translator

tr = translator(__name__)
N_ = marker(__name__)

OPTIMIZERS: tuple[str, ...] = ("sgd", "adam", "adamw", "rmsprop")
SCHEDULERS: tuple[str, ...] = ("none", "step", "cosine", "plateau")
DEFAULT_LR = {"sgd": 0.01, "adam": 1e-3, "adamw": 1e-3, "rmsprop": 1e-3}
PLATEAU_PATIENCE = 2
DECAY_FACTOR = 0.1

#: setting -> (words, lowest, highest, whether the lowest is allowed, whether the highest is allowed)
LIMITS: dict[str, tuple[str, float, float, bool, bool]] = {
    "epochs": (N_("epochs"), 1, 100_000, True, True),
    "batch_size": (N_("batch size"), 1, 65_536, True, True),
    "seed": (N_("seed"), 0, 2**64 - 1, True, True),  # what torch.Generator.manual_seed takes
    "probe_every": ("probe_every", 1, 1_000_000_000, True, True),
    "lr": (N_("learning rate"), 0.0, 1000.0, False, True),  # far above any that trains; float32-safe everywhere
    "momentum": (N_("momentum"), 0.0, 1.0, True, False),
    "weight_decay": (N_("weight decay"), 0.0, 1.0, True, True),
}


@dataclass(frozen=True)
class TrainConfig:
    """How to train.

    Attributes
    ----------
    epochs, batch_size
        Passes over the training set; images per step.
    optimizer
        ``sgd``, ``adam``, ``adamw`` or ``rmsprop``.
    lr
        Learning rate; ``None`` takes the optimiser's default (:data:`DEFAULT_LR`).
    momentum, nesterov
        For ``sgd`` (and ``momentum`` for ``rmsprop``); Nesterov needs momentum > 0.
    weight_decay
        L2 penalty (decoupled for ``adamw``).
    scheduler
        ``none``, ``step``, ``cosine`` or ``plateau``.
    flip, crop, pca_color
        Augmentations (see :mod:`cnnviz.core.inputs.augment`).
    device
        ``auto``, ``cpu``, ``cuda[:N]`` or ``mps``.
    seed
        Seeds the batch order and the augmentation (model initialisation is the caller's).
    probe_every
        Steps between two probe captures.
    """

    epochs: int = 10
    batch_size: int = 64
    optimizer: str = "adam"
    lr: float | None = None
    momentum: float = 0.9
    nesterov: bool = False
    weight_decay: float = 0.0
    scheduler: str = "none"
    flip: bool = False
    crop: bool = False
    pca_color: bool = False
    device: str = "auto"
    seed: int = 0
    probe_every: int = 50

    def validated(self) -> "TrainConfig":
        """This config with ``lr`` filled in, or a CnnvizError naming the first bad setting and its range.

        The ranges (:data:`LIMITS`) keep every value one that torch can hold: a learning rate of
        ``1e39`` does not fit a float32 step, and a seed above ``2**64 - 1`` does not fit a generator.
        """
        optimizer, scheduler = str(self.optimizer).lower(), str(self.scheduler).lower()
        if optimizer not in OPTIMIZERS:
            raise CnnvizError(tr("unknown optimizer '{name}'; use {names}").format(
                name=self.optimizer, names=", ".join(OPTIMIZERS)))
        if scheduler not in SCHEDULERS:
            raise CnnvizError(tr("unknown scheduler '{name}'; use {names}").format(
                name=self.scheduler, names=", ".join(SCHEDULERS)))
        lr = DEFAULT_LR[optimizer] if self.lr is None else self.lr
        for name in ("epochs", "batch_size", "seed", "probe_every"):
            _check_whole(name, getattr(self, name))
        for name, value in (("lr", lr), ("momentum", self.momentum), ("weight_decay", self.weight_decay)):
            _check_number(name, value)
        if self.nesterov and (optimizer != "sgd" or self.momentum == 0):
            raise CnnvizError(tr("Nesterov momentum needs the sgd optimizer with momentum > 0"))
        return replace(self, optimizer=optimizer, scheduler=scheduler, lr=float(lr))

    def to_dict(self) -> dict[str, Any]:
        """The settings as a JSON-ready dict."""
        return asdict(self)


def _range_text(name: str) -> str:
    words, low, high, low_in, high_in = LIMITS[name]
    return f"{'[' if low_in else '('}{low:g}, {high:g}{']' if high_in else ')'}"


def _check_whole(name: str, value: Any) -> None:
    """A whole number within LIMITS[name] (bools and floats are refused: 2.5 epochs mean nothing)."""
    words, low, high, _, _ = LIMITS[name]
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or not low <= value <= high:
        raise CnnvizError(tr("{setting} must be a whole number from {low} to {high}, not {value}").format(
            setting=tr(words), low=f"{low:,}", high=f"{high:,}", value=repr(value)))


def _check_number(name: str, value: Any) -> None:
    """A finite real number within LIMITS[name]."""
    words, low, high, low_in, high_in = LIMITS[name]
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        number = math.nan
    fits = (math.isfinite(number) and (low <= number if low_in else low < number)
            and (number <= high if high_in else number < high))
    if isinstance(value, bool) or not fits:
        raise CnnvizError(tr("{setting} must be a number in {range}, not {value}").format(
            setting=tr(words), range=_range_text(name), value=repr(value)))


def build_optimizer(params: Iterable[nn.Parameter], config: TrainConfig) -> torch.optim.Optimizer:
    """The optimiser ``config`` names, over the parameters that require gradients."""
    config = config.validated()  # the dock and scripts build configs too: no value torch cannot hold gets through
    trainable = [p for p in params if p.requires_grad]
    if not trainable:
        raise CnnvizError(tr("the model has no trainable parameters"))
    lr, wd = config.lr, config.weight_decay
    if config.optimizer == "sgd":
        return torch.optim.SGD(trainable, lr=lr, momentum=config.momentum, nesterov=config.nesterov, weight_decay=wd)
    if config.optimizer == "adam":
        return torch.optim.Adam(trainable, lr=lr, weight_decay=wd)
    if config.optimizer == "adamw":
        return torch.optim.AdamW(trainable, lr=lr, weight_decay=wd)
    return torch.optim.RMSprop(trainable, lr=lr, momentum=config.momentum, weight_decay=wd)


def build_scheduler(optimizer: torch.optim.Optimizer, config: TrainConfig, steps_per_epoch: int) -> Any:
    """The learning-rate schedule ``config`` names (``None`` for ``none``)."""
    if config.scheduler == "step":
        return torch.optim.lr_scheduler.StepLR(optimizer, step_size=max(1, config.epochs // 3), gamma=DECAY_FACTOR)
    if config.scheduler == "cosine":
        total = max(1, steps_per_epoch * config.epochs)
        return torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=total)
    if config.scheduler == "plateau":
        return torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode="min", factor=DECAY_FACTOR,
                                                          patience=PLATEAU_PATIENCE)
    return None


def step_scheduler(scheduler: Any, config: TrainConfig, *, per_epoch: bool, val_loss: float | None = None) -> None:
    """Advance ``scheduler`` after a step (``cosine``) or after an epoch's validation (``step``, ``plateau``)."""
    if scheduler is None or per_epoch != (config.scheduler != "cosine"):
        return
    if config.scheduler == "plateau":
        scheduler.step(val_loss)
    else:
        scheduler.step()
