"""The course notes' own networks as source text, and files holding them, for tests that open user code.

``INCEPTION_NET_SOURCE`` is the notes' ``class Net`` built from ``InceptionA`` (MNIST, 1x28x28 in, 10 out),
``RESNET_SOURCE`` their ``class Net`` built from ``ResidualBlock``, written exactly as a student would.
"""

from __future__ import annotations

from pathlib import Path

INCEPTION_NET_SOURCE = '''\
import torch
import torch.nn as nn
import torch.nn.functional as F


class InceptionA(nn.Module):
    def __init__(self, in_channels):
        super(InceptionA, self).__init__()
        self.branch1x1 = nn.Conv2d(in_channels, 16, kernel_size=1)

        self.branch5x5_1 = nn.Conv2d(in_channels, 16, kernel_size=1)
        self.branch5x5_2 = nn.Conv2d(16, 24, kernel_size=5, padding=2)

        self.branch3x3_1 = nn.Conv2d(in_channels, 16, kernel_size=1)
        self.branch3x3_2 = nn.Conv2d(16, 24, kernel_size=3, padding=1)
        self.branch3x3_3 = nn.Conv2d(24, 24, kernel_size=3, padding=1)

        self.branch_pool = nn.Conv2d(in_channels, 24, kernel_size=1)

    def forward(self, x):
        branch1x1 = self.branch1x1(x)

        branch5x5 = self.branch5x5_1(x)
        branch5x5 = self.branch5x5_2(branch5x5)

        branch3x3 = self.branch3x3_1(x)
        branch3x3 = self.branch3x3_2(branch3x3)
        branch3x3 = self.branch3x3_3(branch3x3)

        branch_pool = F.avg_pool2d(x, kernel_size=3, stride=1, padding=1)
        branch_pool = self.branch_pool(branch_pool)

        outputs = [branch1x1, branch5x5, branch3x3, branch_pool]
        return torch.cat(outputs, dim=1)


class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(1, 10, kernel_size=5)
        self.conv2 = nn.Conv2d(88, 20, kernel_size=5)

        self.incep1 = InceptionA(in_channels=10)
        self.incep2 = InceptionA(in_channels=20)

        self.mp = nn.MaxPool2d(2)
        self.fc = nn.Linear(1408, 10)

    def forward(self, x):
        in_size = x.size(0)
        x = F.relu(self.mp(self.conv1(x)))
        x = self.incep1(x)
        x = F.relu(self.mp(self.conv2(x)))
        x = self.incep2(x)
        x = x.view(in_size, -1)
        x = self.fc(x)
        return x
'''

RESNET_SOURCE = '''\
import torch
import torch.nn as nn
import torch.nn.functional as F


class ResidualBlock(nn.Module):
    def __init__(self, channels):
        super(ResidualBlock, self).__init__()
        self.channels = channels
        self.conv1 = nn.Conv2d(channels, channels, kernel_size=3, padding=1)
        self.conv2 = nn.Conv2d(channels, channels, kernel_size=3, padding=1)

    def forward(self, x):
        y = F.relu(self.conv1(x))
        y = self.conv2(y)
        return F.relu(x + y)


class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(1, 16, kernel_size=5)
        self.conv2 = nn.Conv2d(16, 32, kernel_size=5)
        self.mp = nn.MaxPool2d(2)

        self.rblock1 = ResidualBlock(16)
        self.rblock2 = ResidualBlock(32)

        self.fc = nn.Linear(512, 10)

    def forward(self, x):
        in_size = x.size(0)
        x = self.mp(F.relu(self.conv1(x)))
        x = self.rblock1(x)
        x = self.mp(F.relu(self.conv2(x)))
        x = self.rblock2(x)
        x = x.view(in_size, -1)
        x = self.fc(x)
        return x
'''

# The blocks in a file of their own, imported by the network's file as ``python net.py`` would.
BLOCKS_SOURCE = INCEPTION_NET_SOURCE.split("class Net(nn.Module):")[0]
SIBLING_NET_SOURCE = "from blocks import InceptionA\n" + INCEPTION_NET_SOURCE.replace(
    BLOCKS_SOURCE, "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n\n")


def write_course_files(folder: Path) -> dict[str, Path]:
    """Write the course networks into ``folder``; returns ``{"inception": ..., "resnet": ..., "blocks": ...,
    "sibling": ...}`` (``sibling`` is ``net_with_sibling.py``, which imports ``InceptionA`` from ``blocks.py``)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {"inception": ("inception_net.py", INCEPTION_NET_SOURCE), "resnet": ("resnet_net.py", RESNET_SOURCE),
             "blocks": ("blocks.py", BLOCKS_SOURCE), "sibling": ("net_with_sibling.py", SIBLING_NET_SOURCE)}
    paths = {}
    for key, (name, text) in files.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths[key] = path
    return paths
