"""Training settings, and the optimisers and learning-rate schedules they name.

Optimisers: ``sgd`` (momentum, Nesterov), ``adam``, ``adamw``, ``rmsprop``; all take weight decay.
Schedules: ``none``; ``step`` (x0.1 every third of the epochs, stepped per epoch); ``cosine``
(cosine annealing to 0 over all steps, stepped per step); ``plateau`` (x0.1 when the validation loss
has not improved for two epochs).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from typing import Any

import torch
from torch import nn

from ..errors import CnnvizError

OPTIMIZERS: tuple[str, ...] = ("sgd", "adam", "adamw", "rmsprop")
SCHEDULERS: tuple[str, ...] = ("none", "step", "cosine", "plateau")
DEFAULT_LR = {"sgd": 0.01, "adam": 1e-3, "adamw": 1e-3, "rmsprop": 1e-3}
PLATEAU_PATIENCE = 2
DECAY_FACTOR = 0.1


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
        """This config with ``lr`` filled in, or a CnnvizError naming the first bad setting."""
        optimizer, scheduler = str(self.optimizer).lower(), str(self.scheduler).lower()
        if optimizer not in OPTIMIZERS:
            raise CnnvizError(f"unknown optimizer '{self.optimizer}'; use {', '.join(OPTIMIZERS)}")
        if scheduler not in SCHEDULERS:
            raise CnnvizError(f"unknown scheduler '{self.scheduler}'; use {', '.join(SCHEDULERS)}")
        lr = DEFAULT_LR[optimizer] if self.lr is None else float(self.lr)
        checks = [
            (self.epochs >= 1, f"epochs must be at least 1, not {self.epochs}"),
            (self.batch_size >= 1, f"batch size must be at least 1, not {self.batch_size}"),
            (math.isfinite(lr) and lr > 0, f"learning rate must be a positive number, not {lr}"),
            (0 <= self.momentum < 1, f"momentum must be in [0, 1), not {self.momentum}"),
            (math.isfinite(self.weight_decay) and self.weight_decay >= 0,
             f"weight decay must be zero or positive, not {self.weight_decay}"),
            (self.probe_every >= 1, f"probe_every must be at least 1, not {self.probe_every}"),
            (not (self.nesterov and (optimizer != "sgd" or self.momentum == 0)),
             "Nesterov momentum needs the sgd optimizer with momentum > 0"),
        ]
        for ok, message in checks:
            if not ok:
                raise CnnvizError(message)
        return replace(self, optimizer=optimizer, scheduler=scheduler, lr=lr)

    def to_dict(self) -> dict[str, Any]:
        """The settings as a JSON-ready dict."""
        return asdict(self)


def build_optimizer(params: Iterable[nn.Parameter], config: TrainConfig) -> torch.optim.Optimizer:
    """The optimiser ``config`` names, over the parameters that require gradients."""
    trainable = [p for p in params if p.requires_grad]
    if not trainable:
        raise CnnvizError("the model has no trainable parameters")
    lr, wd = float(config.lr if config.lr is not None else DEFAULT_LR[config.optimizer]), config.weight_decay
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
