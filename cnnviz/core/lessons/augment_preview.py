"""AlexNet's data augmentation previewed on one image: a row of augmented copies per kind.

The copies come from :class:`cnnviz.core.inputs.augment.Augmenter`, the one training uses:

- ``flip``: mirrored left-right with probability 1/2 (AlexNet: horizontal reflections).
- ``crop``: padded by an eighth of the side and cut back to the original size at a random offset. AlexNet cut
  224x224 patches out of 256x256 images; both shift the content by up to about an eighth of the side.
- ``pca_color``: AlexNet's PCA lighting (Krizhevsky et al. 2012, section 4.1), with the principal components of
  this image's own pixel colours (training uses those of the training set). On a grey image it is a brightness
  shift.
- ``all``: the three together, as one training batch would see them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import torch
from torch import Tensor

from ..i18n import Text, marker
from ..inputs.augment import Augmenter, pca_basis
from ..inputs.datasets import ImageDataset
from ..spec import InputSpec

N_ = marker(__name__)

__all__ = ["AUGMENTATIONS", "AugmentRow", "augmentation_rows"]

#: kind -> (flip, crop, pca_color), label
AUGMENTATIONS: dict[str, tuple[tuple[bool, bool, bool], Text]] = {
    "flip": ((True, False, False), N_("random flip")),
    "crop": ((False, True, False), N_("random crop (shift)")),
    "pca_color": ((False, False, True), N_("PCA lighting (faint, as in the paper)")),
    "all": ((True, True, True), N_("all three")),
}
COPIES = 6
PAD = 2  # pixels between two copies in a row


@dataclass(frozen=True)
class AugmentRow:
    """``copies`` augmented copies of the image for one kind, tiled in a row (uint8 ``H x W`` or ``H x W x 3``).

    ``batch`` holds the normalised copies ``[copies, C, H, W]`` themselves.
    """

    kind: str
    label: Text
    batch: Tensor
    image: np.ndarray


def _pixels(x: Tensor, spec: InputSpec) -> Tensor:
    """Normalised ``[B, C, H, W]`` back to uint8 pixels."""
    channels = x.shape[1]
    mean = torch.as_tensor(spec.mean, dtype=torch.float32).expand(channels).reshape(1, -1, 1, 1)
    std = torch.as_tensor(spec.std, dtype=torch.float32).expand(channels).reshape(1, -1, 1, 1)
    return (x.float() * std + mean).clamp(0, 1).mul(255).round().to(torch.uint8)


def _row(batch: Tensor, spec: InputSpec) -> np.ndarray:
    pixels = _pixels(batch, spec).numpy()
    n, c, h, w = pixels.shape
    row = np.full((c, h, n * (w + PAD) - PAD), 255, dtype=np.uint8)
    for i, image in enumerate(pixels):
        row[:, :, i * (w + PAD):i * (w + PAD) + w] = image
    return np.ascontiguousarray(row[0] if c == 1 else row[:3].transpose(1, 2, 0))


def augmentation_rows(x: Tensor, spec: InputSpec, copies: int = COPIES, seed: int = 0) -> list[AugmentRow]:
    """A row of ``copies`` augmented copies of ``x`` for each kind of :data:`AUGMENTATIONS`.

    Parameters
    ----------
    x
        One normalised image ``[1, C, H, W]`` or ``[C, H, W]`` (a capture's ``input``), normalised with ``spec``.
    spec
        Its model's input contract (mean and std undo the normalisation for showing).
    copies
        Copies per row (1 to 32).
    seed
        Seeds the random draws: the same seed gives the same rows.

    Raises
    ------
    ValueError
        For an ``x`` that is not one image, or ``copies`` out of range.
    """
    if x.dim() == 3:
        x = x[None]
    if x.dim() != 4 or x.shape[0] != 1:
        raise ValueError(f"expected one image [1, C, H, W], not a tensor of shape {tuple(x.shape)}")
    if isinstance(copies, bool) or not isinstance(copies, int) or not 1 <= copies <= 32:
        raise ValueError(f"copies must be a whole number from 1 to 32, not {copies!r}")
    x = x.detach().to("cpu", torch.float32)
    images = _pixels(x, spec)
    as_is = replace(spec, channels=int(x.shape[1]), size=(int(x.shape[2]), int(x.shape[3])), resize=None, invert=False)
    dataset = ImageDataset(images, torch.zeros(1, dtype=torch.int64), as_is)  # pixels as they are: no resizing
    pca = pca_basis(dataset, torch.Generator().manual_seed(seed))
    batch = x.expand(copies, -1, -1, -1).contiguous()
    rows = []
    for kind, ((flip, crop, pca_color), label) in AUGMENTATIONS.items():
        augment = Augmenter(spec.mean, spec.std, flip=flip, crop=crop, pca_color=pca_color,
                            generator=torch.Generator().manual_seed(seed), pca=pca)
        out = augment(batch)
        rows.append(AugmentRow(kind, label, out, _row(out, spec)))
    return rows
