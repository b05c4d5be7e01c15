"""What the rest of the app needs to know to feed a model and to name its outputs."""

from __future__ import annotations

from dataclasses import dataclass, field

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


@dataclass(frozen=True)
class InputSpec:
    """How an image becomes this model's input tensor.

    Parameters
    ----------
    channels
        1 (grayscale) or 3 (RGB).
    size
        ``(height, width)`` of the tensor the model takes.
    resize
        Resize the shorter side to this many pixels before a centre crop to ``size``;
        ``None`` resizes straight to ``size`` (used for the small course networks).
    mean, std
        Per-channel normalisation applied after scaling pixels to [0, 1].
    invert
        Invert grey levels (MNIST-style networks expect a bright digit on black).
    interpolation
        ``"bilinear"``, ``"bicubic"`` or ``"nearest"``: how the image is resized (timm's configs say).
    """

    channels: int = 3
    size: tuple[int, int] = (224, 224)
    resize: int | None = 256
    mean: tuple[float, ...] = IMAGENET_MEAN
    std: tuple[float, ...] = IMAGENET_STD
    invert: bool = False
    interpolation: str = "bilinear"


@dataclass(frozen=True)
class ModelInfo:
    """A model's name, origin and input contract, plus the names of its classes."""

    name: str
    family: str  # "course", "torchvision", "timm", "user" (the user's code), "export" (.pt2) or "file"
    input: InputSpec = field(default_factory=InputSpec)
    class_names: tuple[str, ...] = ()
    description: str = ""
    #: False when the model does not say what input it takes (user code, TorchScript, .pt2): ``input`` is
    #: then a guess (:mod:`cnnviz.core.inputs.describe`), which --input-size / --mean / --std replace
    described: bool = True


#: MNIST's input: 28x28 grey, a bright digit on black (photos of dark digits are inverted), MNIST's
#: normalisation. The course networks take it, and it is the guess for grey models that do not say.
MNIST_INPUT = InputSpec(channels=1, size=(28, 28), resize=None, mean=(0.1307,), std=(0.3081,), invert=True)
