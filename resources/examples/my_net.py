"""A student's own network for the 28x28 digits: the course's two ideas in one block.

``InceptionResA`` runs three Inception branches side by side (1x1; 1x1 -> 3x3; 1x1 -> 3x3 -> 3x3),
concatenates them, mixes them back to the block's width with a 1x1 convolution and adds the block's
input, as Inception-ResNet does: ``out = relu(x + scale * conv1x1(cat(branches)))``.

    cnnviz resources/samples/digit_3.png --model resources/examples/my_net.py:Net --trust-code
"""

import torch
import torch.nn as nn
import torch.nn.functional as F


class InceptionResA(nn.Module):
    def __init__(self, channels, scale=0.5):
        super().__init__()
        self.scale = scale
        self.branch1x1 = nn.Conv2d(channels, 8, kernel_size=1)
        self.branch3x3_1 = nn.Conv2d(channels, 8, kernel_size=1)
        self.branch3x3_2 = nn.Conv2d(8, 8, kernel_size=3, padding=1)
        self.branch3x3dbl_1 = nn.Conv2d(channels, 8, kernel_size=1)
        self.branch3x3dbl_2 = nn.Conv2d(8, 12, kernel_size=3, padding=1)
        self.branch3x3dbl_3 = nn.Conv2d(12, 16, kernel_size=3, padding=1)
        self.mix = nn.Conv2d(8 + 8 + 16, channels, kernel_size=1)

    def forward(self, x):
        b1 = F.relu(self.branch1x1(x))
        b2 = F.relu(self.branch3x3_2(F.relu(self.branch3x3_1(x))))
        b3 = F.relu(self.branch3x3dbl_1(x))
        b3 = F.relu(self.branch3x3dbl_2(b3))
        b3 = F.relu(self.branch3x3dbl_3(b3))
        out = torch.cat([b1, b2, b3], dim=1)
        out = self.mix(out)
        return F.relu(x + self.scale * out)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, kernel_size=5)
        self.block1 = InceptionResA(16)
        self.conv2 = nn.Conv2d(16, 32, kernel_size=5)
        self.block2 = InceptionResA(32)
        self.mp = nn.MaxPool2d(2)
        self.fc = nn.Linear(32 * 4 * 4, 10)

    def forward(self, x):
        x = F.relu(self.mp(self.conv1(x)))
        x = self.block1(x)
        x = F.relu(self.mp(self.conv2(x)))
        x = self.block2(x)
        return self.fc(torch.flatten(x, 1))
