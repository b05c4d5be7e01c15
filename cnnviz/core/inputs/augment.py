"""Batch augmentation for training: random horizontal flip, random crop, AlexNet's PCA colour jitter.

Everything works on a normalised batch ``[B, C, H, W]`` on the batch's own device, with random
numbers drawn from a seeded CPU ``torch.Generator`` (so a run is reproducible on any device).

- flip: each image is mirrored left-right with probability 1/2.
- crop: each image is padded by an eighth of its side with black (pixel value 0, normalised) and a
  window of the original size is cut at a random offset (the CIFAR recipe; it shifts the content).
- pca_color (Krizhevsky et al. 2012, section 4.1): the eigenvectors ``p_i`` and eigenvalues
  ``lambda_i`` of the covariance of the training set's pixel values (channels on a 0..1 scale) are
  computed once; each image gets ``sum_i p_i * alpha_i * lambda_i`` added to every pixel, with
  ``alpha_i ~ N(0, 0.1)`` drawn per image (as fb.resnet.torch's ``Lighting`` does). With one channel
  it is a random brightness shift scaled by the pixel variance.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import torch
import torch.nn.functional as F
from torch import Tensor

from ..training.optimizers import TrainConfig

if TYPE_CHECKING:
    from .datasets import DatasetSplit

PCA_ALPHA_STD = 0.1
_PCA_IMAGES = 256  # images sampled to estimate the colour covariance
_PCA_PIXELS = 1_000_000  # pixel values used at most


def pca_basis(dataset, generator: torch.Generator | None = None) -> tuple[Tensor, Tensor]:
    """Eigenvalues ``[C]`` and eigenvectors ``[C, C]`` (columns) of the pixel covariance of ``dataset``.

    Parameters
    ----------
    dataset
        A :class:`cnnviz.core.inputs.datasets.ImageDataset` (its ``pixels`` give uint8 images).
    generator
        Chooses the sampled images and pixels (seeded for reproducibility).

    Returns
    -------
    tuple of torch.Tensor
        ``(eigenvalues, eigenvectors)`` on the CPU, eigenvalues clamped at 0.
    """
    n = len(dataset)
    positions = torch.randperm(n, generator=generator)[:_PCA_IMAGES]
    pixels = dataset.pixels(positions).to(torch.float64).div_(255.0)
    channels = pixels.shape[1]
    values = pixels.permute(1, 0, 2, 3).reshape(channels, -1)
    if values.shape[1] > _PCA_PIXELS:
        values = values[:, torch.randperm(values.shape[1], generator=generator)[:_PCA_PIXELS]]
    cov = torch.cov(values).reshape(channels, channels)
    eigenvalues, eigenvectors = torch.linalg.eigh(cov)
    return eigenvalues.clamp_min(0).to(torch.float32), eigenvectors.to(torch.float32)


class Augmenter:
    """Applies the enabled augmentations to normalised batches.

    Parameters
    ----------
    mean, std
        The normalisation of the batches (one value, or one per channel).
    flip, crop, pca_color
        Which augmentations are on.
    generator
        The source of randomness.
    pca
        ``(eigenvalues, eigenvectors)`` from :func:`pca_basis`; needed when ``pca_color`` is on.
    """

    def __init__(self, mean: tuple[float, ...], std: tuple[float, ...], *, flip: bool = False, crop: bool = False,
                 pca_color: bool = False, generator: torch.Generator | None = None,
                 pca: tuple[Tensor, Tensor] | None = None) -> None:
        if pca_color and pca is None:
            raise ValueError("pca_color needs the PCA basis of the training set (pca_basis)")
        self.flip, self.crop, self.pca_color = flip, crop, pca_color
        self.mean = torch.as_tensor(mean, dtype=torch.float32)
        self.std = torch.as_tensor(std, dtype=torch.float32)
        self.generator = generator if generator is not None else torch.Generator().manual_seed(0)
        self.pca = pca

    @property
    def active(self) -> bool:
        """Whether any augmentation is on."""
        return self.flip or self.crop or self.pca_color

    def __call__(self, x: Tensor) -> Tensor:
        """An augmented copy of the normalised batch ``x`` (``x`` itself when nothing is on)."""
        if self.flip:
            x = self._flip(x)
        if self.crop:
            x = self._crop(x)
        if self.pca_color:
            x = self._pca_jitter(x)
        return x

    def _per_channel(self, values: Tensor, x: Tensor) -> Tensor:
        return values.to(x.device, x.dtype).expand(x.shape[1]).reshape(1, -1, 1, 1)

    def _flip(self, x: Tensor) -> Tensor:
        mirror = (torch.rand(x.shape[0], generator=self.generator) < 0.5).to(x.device)
        return torch.where(mirror.reshape(-1, 1, 1, 1), x.flip(-1), x)

    def _crop(self, x: Tensor) -> Tensor:
        b, _, h, w = x.shape
        pad = max(1, round(min(h, w) / 8))
        fill = self._per_channel(-self.mean / self.std, x)  # pixel value 0 after normalisation
        padded = F.pad(x - fill, (pad, pad, pad, pad)).permute(0, 2, 3, 1)  # [B, H+2p, W+2p, C]
        dy = torch.randint(0, 2 * pad + 1, (b,), generator=self.generator).to(x.device)
        dx = torch.randint(0, 2 * pad + 1, (b,), generator=self.generator).to(x.device)
        rows = (dy[:, None] + torch.arange(h, device=x.device))[:, :, None]
        cols = (dx[:, None] + torch.arange(w, device=x.device))[:, None, :]
        batch = torch.arange(b, device=x.device)[:, None, None]
        return padded[batch, rows, cols].permute(0, 3, 1, 2).contiguous() + fill

    def _pca_jitter(self, x: Tensor) -> Tensor:
        eigenvalues, eigenvectors = self.pca
        alpha = torch.randn(x.shape[0], eigenvalues.numel(), generator=self.generator) * PCA_ALPHA_STD
        shift = (alpha * eigenvalues) @ eigenvectors.T  # [B, C] on the 0..1 pixel scale
        shift = shift.to(x.device, x.dtype) / self._per_channel(self.std, x).reshape(1, -1)
        return x + shift[:, :, None, None]


def augmenter_for(split: "DatasetSplit", config: TrainConfig, generator: torch.Generator) -> Augmenter:
    """The :class:`Augmenter` ``config`` asks for (with the PCA basis of ``split.train`` when needed)."""
    pca = pca_basis(split.train, generator) if config.pca_color else None
    return Augmenter(split.spec.mean, split.spec.std, flip=config.flip, crop=config.crop,
                     pca_color=config.pca_color, generator=generator, pca=pca)


def augmented_batch(split: "DatasetSplit", config: TrainConfig | None = None, n: int = 16) -> Tensor:
    """``n`` training images as one batch would see them: augmented as ``config`` says, normalised.

    Returns
    -------
    torch.Tensor
        float32 ``[n, C, H, W]`` on the CPU (fewer when the training set is smaller); undo the
        normalisation with ``split.spec.mean`` / ``std`` to show it.
    """
    config = (config or TrainConfig()).validated()
    generator = torch.Generator().manual_seed(config.seed)
    positions = torch.randperm(len(split.train), generator=generator)[:n]
    x, _ = split.train.get_batch(positions)
    return augmenter_for(split, config, generator)(x)

