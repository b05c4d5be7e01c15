"""Regenerate the sample images in resources/samples (see resources/LICENSES.md for their sources).

Run from the repository root::

    python resources/make_samples.py

It needs scikit-image and scikit-learn, which ship the source data; neither is a runtime
dependency of cnnviz. The output is deterministic.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

SAMPLES = Path(__file__).resolve().parent / "samples"
PHOTOS = {"astronaut": "astronaut", "cat": "chelsea", "coffee": "coffee", "rocket": "rocket"}
PHOTO_SHORT_SIDE = 320  # shorter side in pixels (never upscaled); JPEG quality 85
DIGIT_SIZE, DIGIT_BOX = 28, 20  # MNIST layout: the digit fills a 20x20 box centred in 28x28


def make_photos(folder: Path) -> list[Path]:
    """Copy skimage.data's public-domain / CC0 photographs as small JPEGs."""
    import skimage.data

    written = []
    for out_name, loader in PHOTOS.items():
        image = Image.fromarray(getattr(skimage.data, loader)()).convert("RGB")
        scale = min(1.0, PHOTO_SHORT_SIDE / min(image.size))
        size = (round(image.width * scale), round(image.height * scale))
        if size != image.size:
            image = image.resize(size, Image.Resampling.LANCZOS)
        path = folder / f"{out_name}.jpg"
        image.save(path, "JPEG", quality=85, optimize=True)
        written.append(path)
    return written


def make_digits(folder: Path) -> list[Path]:
    """The first UCI 8x8 digit of each class, as dark ink on white 28x28 grayscale PNGs."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    written = []
    for digit in range(10):
        index = int(np.flatnonzero(digits.target == digit)[0])
        ink = digits.images[index] / 16.0  # 0..16 counts of "on" pixels -> 0..1
        small = Image.fromarray(np.rint(255.0 * (1.0 - ink)).astype(np.uint8), mode="L")
        box = small.resize((DIGIT_BOX, DIGIT_BOX), Image.Resampling.BICUBIC)
        canvas = Image.new("L", (DIGIT_SIZE, DIGIT_SIZE), 255)
        offset = (DIGIT_SIZE - DIGIT_BOX) // 2
        canvas.paste(box, (offset, offset))
        path = folder / f"digit_{digit}.png"
        canvas.save(path, "PNG", optimize=True)
        written.append(path)
    return written


def main() -> None:
    """Write every sample and print its size."""
    SAMPLES.mkdir(parents=True, exist_ok=True)
    for path in make_photos(SAMPLES) + make_digits(SAMPLES):
        print(f"{path.relative_to(SAMPLES.parent.parent)}  {path.stat().st_size / 1024:.1f} KB")


if __name__ == "__main__":
    main()
