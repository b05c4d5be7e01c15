"""The image that activation maximisation optimises, and the random transforms it is seen through.

The recipe is the one of Lucid / Lucent (Olah et al., "Feature Visualization", Distill 2017), written here
for any input range and channel count:

- :class:`FourierImage` holds the image as its 2-D real FFT spectrum, each frequency scaled by ``1 / f`` (the
  spectrum of natural images), so plain gradient steps change low frequencies as readily as high ones and the
  result is not high-frequency noise;
- for 3-channel models the channels are a decorrelated colour basis, mapped to RGB by the square root of
  ImageNet's colour correlation matrix (Lucid's measured matrix, columns normalised to at most 1); a 1-channel
  model's image is its one channel as it is (Lucent assumes RGB; cnnviz does not);
- a sigmoid maps the result to pixels in ``[0, 1]``: the model's input before its own normalisation;
- :func:`robustness_transform` moves, scales and rotates those pixels at random before every step (one
  bilinear resampling), so the image must excite the unit wherever it lands, not through one pixel pattern.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import Tensor

__all__ = ["COLOR_CORRELATION_SQRT", "FourierImage", "robustness_transform", "to_uint8"]

#: square root of ImageNet's RGB colour correlation (Lucid's ``color_correlation_svd_sqrt``)
COLOR_CORRELATION_SQRT = torch.tensor([[0.26, 0.09, 0.02],
                                       [0.27, 0.00, -0.05],
                                       [0.27, -0.09, 0.03]])
_COLOR = COLOR_CORRELATION_SQRT / COLOR_CORRELATION_SQRT.norm(dim=0).max()

#: Lucent's choices at 224 px: jitter 8 then 4 around a pad of 12; scales 0.9-1.1; rotations -10..10 degrees
_SCALES = tuple(1.0 + (i - 5) / 50.0 for i in range(11))
_ANGLES = tuple(range(-10, 11)) + (0,) * 5
_JITTER_AT_224 = 6.0

#: Lucent divides the inverse FFT by this so that the sigmoid starts near its middle
_SPECTRUM_DIVISOR = 4.0


class FourierImage:
    """One image, ``channels`` x ``size``, parameterised by its scaled real FFT spectrum.

    Parameters
    ----------
    channels
        1 or 3 (3: decorrelated colour, see the module's description; any other count: plain channels).
    size
        ``(height, width)``.
    generator
        The CPU generator the initial spectrum is drawn from (normal, standard deviation ``sd``).
    device
        Where the spectrum lives (it is drawn on the CPU first, so a seed gives the same start everywhere).
    sd
        Standard deviation of the initial spectrum.
    decay
        Exponent of the ``1 / f`` scaling.

    Attributes
    ----------
    spectrum
        The parameter to optimise: float32 ``[1, channels, height, width // 2 + 1, 2]`` (real, imaginary).
    """

    def __init__(self, channels: int, size: tuple[int, int], generator: torch.Generator,
                 device: torch.device, *, sd: float = 0.01, decay: float = 1.0) -> None:
        h, w = size
        self.channels, self.size = channels, (h, w)
        fy = torch.fft.fftfreq(h)[:, None]
        fx = torch.fft.rfftfreq(w)[None, :]
        freqs = (fy * fy + fx * fx).sqrt()
        # 1 / f, capped at the lowest frequency; with an orthonormal inverse FFT this is Lucid's unitary scaling
        # (Lucid multiplies by sqrt(h * w) because its inverse FFT divides by h * w)
        scale = freqs.clamp(min=1.0 / max(h, w)).pow(-decay)
        self.scale = scale.to(device)
        start = torch.randn(1, channels, h, w // 2 + 1, 2, generator=generator) * sd
        self.spectrum = start.to(device).requires_grad_(True)

    def pixels(self) -> Tensor:
        """The image as the model sees it before normalisation: float32 ``[1, C, H, W]`` in ``(0, 1)``."""
        spectrum = torch.view_as_complex(self.spectrum) * self.scale
        image = torch.fft.irfft2(spectrum, s=self.size, norm="ortho") / _SPECTRUM_DIVISOR
        if self.channels == 3:
            image = torch.einsum("bchw,dc->bdhw", image, _COLOR.to(image.device))
        return torch.sigmoid(image)


def _choice(options: tuple, generator: torch.Generator) -> float:
    return float(options[int(torch.randint(len(options), (1,), generator=generator))])


def robustness_transform(pixels: Tensor, generator: torch.Generator, fill: Tensor) -> Tensor:
    """``pixels`` shifted, scaled and rotated at random, at the same size (one bilinear resampling).

    Parameters
    ----------
    pixels
        ``[B, C, H, W]`` in the model's pixel range.
    generator
        CPU generator of the random draws (a shift of up to ``~6/224`` of the size each way, a scale in
        0.9-1.1, an angle of -10..10 degrees, 0 more often).
    fill
        ``[C]`` value of the pixels uncovered at the borders (Lucent pads with grey; cnnviz with the
        model's mean input, which normalises to 0).

    Returns
    -------
    torch.Tensor
        The transformed batch, same shape, differentiable with respect to ``pixels``.
    """
    b, c, h, w = pixels.shape
    reach = max(1, round(max(h, w) * _JITTER_AT_224 / 224.0))
    dy, dx = (torch.randint(-reach, reach + 1, (2,), generator=generator) * 2.0 / torch.tensor([h, w])).tolist()
    scale = _choice(_SCALES, generator)
    angle = math.radians(_choice(_ANGLES, generator))
    cos, sin = math.cos(angle) / scale, math.sin(angle) / scale
    # output pixel -> input pixel is (rotation / scale) about the centre, in normalised coordinates per axis
    theta = torch.tensor([[cos, -sin * h / w, dx], [sin * w / h, cos, dy]], dtype=pixels.dtype,
                         device=pixels.device).expand(b, 2, 3)
    grid = F.affine_grid(theta, [b, c, h, w], align_corners=False)
    fill = fill.to(pixels.device, pixels.dtype).view(1, c, 1, 1)
    return F.grid_sample(pixels - fill, grid, mode="bilinear", padding_mode="zeros", align_corners=False) + fill


def to_uint8(pixels: Tensor):
    """``[1, C, H, W]`` pixels in ``[0, 1]`` as a uint8 numpy image: ``H x W`` for one channel, else ``H x W x C``
    (computed on the pixels' device, one transfer)."""
    image = pixels[0].detach().mul(255.0).round_().clamp_(0, 255).to(torch.uint8)
    image = image[0] if image.shape[0] == 1 else image.permute(1, 2, 0)
    return image.contiguous().cpu().numpy()
