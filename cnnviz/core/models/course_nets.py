"""The course networks, built exactly as the project's teaching documents describe them.

``MnistInception`` and ``MnistResidual`` take 1x28x28 digits; ``AlexNetSmall`` is the one-tower
AlexNet for 3x224x224 images. ``MnistPlainDeep`` and ``MnistResidualDeep`` are twins of 19 convolutions
that differ only in the skip connections: at initialisation the plain one's first-layer gradients are
about 10^6 times smaller than its last convolution's, the residual one's about the same size, and
in three epochs on the digits the residual one learns (96 %) while the plain one does not (10 %): the
course's question, why residual blocks let depth train. Every step is a module (not a functional
call) so that each one appears in the layer tree and in captures under a readable name.
"""

from __future__ import annotations

import torch
from torch import nn


class InceptionA(nn.Module):
    """Four parallel paths concatenated on channels: 1x1 (16), 5x5 (24), 3x3-3x3 (24), pool (24) = 88."""

    out_channels = 88

    def __init__(self, in_channels: int) -> None:
        super().__init__()
        self.branch1x1 = nn.Conv2d(in_channels, 16, kernel_size=1)
        self.branch5x5 = nn.Sequential(
            nn.Conv2d(in_channels, 16, kernel_size=1),
            nn.Conv2d(16, 24, kernel_size=5, padding=2),
        )
        self.branch3x3 = nn.Sequential(
            nn.Conv2d(in_channels, 16, kernel_size=1),
            nn.Conv2d(16, 24, kernel_size=3, padding=1),
            nn.Conv2d(24, 24, kernel_size=3, padding=1),
        )
        self.branch_pool = nn.Sequential(
            nn.AvgPool2d(kernel_size=3, stride=1, padding=1),
            nn.Conv2d(in_channels, 24, kernel_size=1),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        outputs = [self.branch1x1(x), self.branch5x5(x), self.branch3x3(x), self.branch_pool(x)]
        return torch.cat(outputs, dim=1)


class ResidualBlock(nn.Module):
    """``out = relu(x + conv2(relu(conv1(x))))`` with two 3x3 convolutions that keep the shape."""

    def __init__(self, channels: int) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, kernel_size=3, padding=1)
        self.relu1 = nn.ReLU()
        self.conv2 = nn.Conv2d(channels, channels, kernel_size=3, padding=1)
        self.relu = nn.ReLU()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.conv2(self.relu1(self.conv1(x)))
        return self.relu(x + y)


class PlainBlock(ResidualBlock):
    """:class:`ResidualBlock` without its skip connection (the same layers and parameter names):
    ``out = relu(conv2(relu(conv1(x))))``."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.relu(self.conv2(self.relu1(self.conv1(x))))


class MnistInception(nn.Module):
    """conv 1->10 k5, pool, ReLU, InceptionA(10), conv 88->20 k5, pool, ReLU, InceptionA(20), fc 1408->10."""

    def __init__(self, num_classes: int = 10) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 10, kernel_size=5)
        self.pool1 = nn.MaxPool2d(2)
        self.relu1 = nn.ReLU()
        self.incep1 = InceptionA(10)
        self.conv2 = nn.Conv2d(InceptionA.out_channels, 20, kernel_size=5)
        self.pool2 = nn.MaxPool2d(2)
        self.relu2 = nn.ReLU()
        self.incep2 = InceptionA(20)
        self.flatten = nn.Flatten()
        self.fc = nn.Linear(InceptionA.out_channels * 4 * 4, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.incep1(self.relu1(self.pool1(self.conv1(x))))
        x = self.incep2(self.relu2(self.pool2(self.conv2(x))))
        return self.fc(self.flatten(x))


class MnistResidual(nn.Module):
    """conv 1->16 k5, pool, ReLU, ResidualBlock(16), conv 16->32 k5, pool, ReLU, ResidualBlock(32), fc 512->10."""

    def __init__(self, num_classes: int = 10) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, kernel_size=5)
        self.pool1 = nn.MaxPool2d(2)
        self.relu1 = nn.ReLU()
        self.res1 = ResidualBlock(16)
        self.conv2 = nn.Conv2d(16, 32, kernel_size=5)
        self.pool2 = nn.MaxPool2d(2)
        self.relu2 = nn.ReLU()
        self.res2 = ResidualBlock(32)
        self.flatten = nn.Flatten()
        self.fc = nn.Linear(32 * 4 * 4, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.res1(self.relu1(self.pool1(self.conv1(x))))
        x = self.res2(self.relu2(self.pool2(self.conv2(x))))
        return self.fc(self.flatten(x))


class AlexNetSmall(nn.Module):
    """The one-tower AlexNet: five convolutions (48-128-192-192-128), overlapping 3/2 max-pools, dropout."""

    def __init__(self, num_classes: int = 10, dropout: float = 0.5) -> None:
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 48, kernel_size=11, stride=4, padding=2),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.Conv2d(48, 128, kernel_size=5, padding=2),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.Conv2d(128, 192, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.Conv2d(192, 192, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.Conv2d(192, 128, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
        )
        self.flatten = nn.Flatten()
        self.classifier = nn.Sequential(
            nn.Dropout(p=dropout),
            nn.Linear(128 * 6 * 6, 2048),
            nn.ReLU(inplace=True),
            nn.Dropout(p=dropout),
            nn.Linear(2048, 2048),
            nn.ReLU(inplace=True),
            nn.Linear(2048, num_classes),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.flatten(self.features(x)))


class _MnistDeep(nn.Module):
    """conv 1->16 k3, ReLU, 3 blocks, maxpool 2, 3 blocks, maxpool 2, 3 blocks (16 channels), flatten 784, fc 784->10.

    ``block`` is :class:`PlainBlock` or :class:`ResidualBlock`: the twins have the same layers, the
    same parameter names and shapes, and so the same state-dict layout.
    """

    width = 16
    blocks_per_stage = 3

    def __init__(self, block: type[nn.Module], num_classes: int = 10) -> None:
        super().__init__()
        c, n = self.width, self.blocks_per_stage
        self.stem = nn.Conv2d(1, c, kernel_size=3, padding=1)
        self.relu0 = nn.ReLU()
        self.stage1 = nn.Sequential(*(block(c) for _ in range(n)))
        self.pool1 = nn.MaxPool2d(2)
        self.stage2 = nn.Sequential(*(block(c) for _ in range(n)))
        self.pool2 = nn.MaxPool2d(2)
        self.stage3 = nn.Sequential(*(block(c) for _ in range(n)))
        self.flatten = nn.Flatten()
        self.fc = nn.Linear(c * 7 * 7, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.pool1(self.stage1(self.relu0(self.stem(x))))
        x = self.stage3(self.pool2(self.stage2(x)))
        return self.fc(self.flatten(x))


class MnistPlainDeep(_MnistDeep):
    """19 convolutions in a plain chain (nine :class:`PlainBlock`); its early layers barely get a gradient."""

    def __init__(self, num_classes: int = 10) -> None:
        super().__init__(PlainBlock, num_classes)


class MnistResidualDeep(_MnistDeep):
    """The same 19 convolutions with skip connections (nine :class:`ResidualBlock`)."""

    def __init__(self, num_classes: int = 10) -> None:
        super().__init__(ResidualBlock, num_classes)
