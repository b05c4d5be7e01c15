"""The small network the AlexNet lesson trains, built with one of AlexNet's choices switched.

:class:`ChoiceNet` is a four-layer net in the spirit of the AlexNet paper's Figure 1 (a four-layer
convolutional network compared with ReLU and with tanh), sized for 28x28 digits so that a run takes
seconds on a CPU::

    conv 1->16 k5 p2, act, pool  ->  conv 16->32 k5 p2, act, pool  ->  flatten 32*7*7
    ->  fc 1568->64, act, [dropout 0.5]  ->  fc 64->10

Three switches (:class:`Choices`):

- ``activation``: ``"relu"`` or ``"tanh"`` (the same modules' place, no parameters either way).
- ``dropout``: ``True`` puts dropout (p = 0.5, :class:`SeededDropout`) before the last layer (AlexNet drops out before its fully
  connected layers); ``False`` puts an ``Identity`` there, so the layer names stay the same.
- ``pooling``: ``"overlapping"`` is AlexNet's max-pool of 3 with stride 2 (neighbouring windows share a row
  or a column); ``"non-overlapping"`` is the max-pool of 2 with stride 2 it was compared with. The paper says
  the two "produce output of equivalent dimensions"; here the overlapping pool pads by 1 so that on the even
  sides of this net (28, 14) it gives the same 14 and 7 the 2/2 pool gives (AlexNet's odd 55 and 27 needed no
  padding).

Whatever the choices, the nets have the same parameters (names and shapes), and :func:`choice_net` with the
same seed gives them the same initial values: a pair differs only in the switch being compared.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch import nn

__all__ = ["ACTIVATIONS", "POOLINGS", "ChoiceNet", "Choices", "SeededDropout", "choice_net"]

ACTIVATIONS: tuple[str, ...] = ("relu", "tanh")
POOLINGS: tuple[str, ...] = ("overlapping", "non-overlapping")
#: pooling -> (kernel, stride, padding)
POOL_SETTINGS: dict[str, tuple[int, int, int]] = {"overlapping": (3, 2, 1), "non-overlapping": (2, 2, 0)}
DROPOUT_P = 0.5
WIDTHS = (16, 32, 64)  # channels of the two convolutions, units of the hidden fully connected layer


@dataclass(frozen=True)
class Choices:
    """Which of AlexNet's choices a :class:`ChoiceNet` makes.

    Attributes
    ----------
    activation
        ``"relu"`` or ``"tanh"``.
    dropout
        Whether dropout (p = 0.5) comes before the last fully connected layer.
    pooling
        ``"overlapping"`` (3, stride 2) or ``"non-overlapping"`` (2, stride 2).
    """

    activation: str = "relu"
    dropout: bool = False
    pooling: str = "overlapping"

    def validated(self) -> "Choices":
        """These choices, or a ValueError naming the one that is not allowed."""
        if self.activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {', '.join(ACTIVATIONS)}, not {self.activation!r}")
        if self.pooling not in POOLINGS:
            raise ValueError(f"pooling must be one of {', '.join(POOLINGS)}, not {self.pooling!r}")
        if not isinstance(self.dropout, bool):
            raise ValueError(f"dropout must be True or False, not {self.dropout!r}")
        return self


class SeededDropout(nn.Dropout):
    """``nn.Dropout`` whose masks come from its own generator (seeded by :func:`choice_net`), so that a run drops
    the same units whichever thread trains it and whatever else draws from torch's global generator meanwhile.

    In training mode each value is kept with probability ``1 - p`` and scaled by ``1 / (1 - p)``; in eval mode
    the input passes unchanged.
    """

    def __init__(self, p: float = DROPOUT_P, seed: int = 0) -> None:
        super().__init__(p)
        self.generator = torch.Generator().manual_seed(int(seed))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.training or self.p == 0:
            return x
        keep = torch.rand(x.shape, generator=self.generator) >= self.p
        return x * keep.to(x.device, x.dtype) / (1.0 - self.p)


def _activation(name: str) -> nn.Module:
    return nn.ReLU() if name == "relu" else nn.Tanh()


def _pool(name: str) -> nn.MaxPool2d:
    kernel, stride, padding = POOL_SETTINGS[name]
    return nn.MaxPool2d(kernel_size=kernel, stride=stride, padding=padding)


class ChoiceNet(nn.Module):
    """Two convolutions and two fully connected layers with the activation, dropout and pooling ``choices``.

    Parameters
    ----------
    choices
        What to build (:class:`Choices`).
    in_channels
        Channels of the input (1 for the digits).
    size
        ``(height, width)`` of the input; both must be multiples of 4 (two poolings halve them).
    num_classes
        Outputs of the last layer.
    """

    def __init__(self, choices: Choices = Choices(), *, in_channels: int = 1, size: tuple[int, int] = (28, 28),
                 num_classes: int = 10) -> None:
        super().__init__()
        choices = choices.validated()
        if len(size) != 2 or any(int(s) < 4 or int(s) % 4 for s in size):
            raise ValueError(f"the input sides must be multiples of 4, not {tuple(size)}")
        c1, c2, hidden = WIDTHS
        self.choices = choices
        self.conv1 = nn.Conv2d(in_channels, c1, kernel_size=5, padding=2)
        self.act1 = _activation(choices.activation)
        self.pool1 = _pool(choices.pooling)
        self.conv2 = nn.Conv2d(c1, c2, kernel_size=5, padding=2)
        self.act2 = _activation(choices.activation)
        self.pool2 = _pool(choices.pooling)
        self.flatten = nn.Flatten()
        self.fc1 = nn.Linear(c2 * (int(size[0]) // 4) * (int(size[1]) // 4), hidden)
        self.act3 = _activation(choices.activation)
        self.dropout = SeededDropout(DROPOUT_P) if choices.dropout else nn.Identity()
        self.fc2 = nn.Linear(hidden, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.pool1(self.act1(self.conv1(x)))
        x = self.pool2(self.act2(self.conv2(x)))
        x = self.act3(self.fc1(self.flatten(x)))
        return self.fc2(self.dropout(x))


def choice_net(choices: Choices = Choices(), *, seed: int = 0, in_channels: int = 1,
               size: tuple[int, int] = (28, 28), num_classes: int = 10) -> ChoiceNet:
    """A :class:`ChoiceNet` initialised from ``seed`` as PyTorch initialises its layers by default.

    The values are drawn from a private generator (not torch's global one, which another thread may be using
    at the same time), so nets built with the same seed and input have equal initial parameters whatever their
    ``choices`` and whichever thread builds them: the parameters are drawn in the same order with the same
    shapes, and no choice has parameters.

    Raises
    ------
    ValueError
        For a choice that is not allowed or sides that are not multiples of 4.
    """
    net = ChoiceNet(choices, in_channels=in_channels, size=size, num_classes=num_classes)
    generator = torch.Generator().manual_seed(int(seed))
    with torch.no_grad():
        for layer in (net.conv1, net.conv2, net.fc1, net.fc2):
            # what nn.Conv2d / nn.Linear.reset_parameters do, with the generator
            nn.init.kaiming_uniform_(layer.weight, a=math.sqrt(5), generator=generator)
            bound = 1.0 / math.sqrt(layer.weight[0].numel())
            nn.init.uniform_(layer.bias, -bound, bound, generator=generator)
    if isinstance(net.dropout, SeededDropout):
        net.dropout.generator.manual_seed(int(seed))
    return net
