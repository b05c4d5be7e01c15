"""Every model cnnviz knows by name: the course networks and torchvision's classification CNNs.

``model_names()`` lists them (course networks first), ``model_info(name)`` says how to feed one and
what its classes are called, ``build_model(name)`` returns it with random weights. A model with its
weights (bundled, pretrained, a checkpoint) comes from :func:`cnnviz.core.models.loader.load_model`,
which builds it here and reads the weight files through :mod:`cnnviz.core.models.weights`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable

import torchvision
from torch import nn

from .course_nets import AlexNetSmall, MnistInception, MnistPlainDeep, MnistResidual, MnistResidualDeep
from ..errors import CnnvizError, quoted
from ..i18n import translator
from ..spec import MNIST_INPUT, InputSpec, ModelInfo

tr = translator(__name__)

DIGIT_NAMES = tuple(str(d) for d in range(10))

COURSE_MODELS: dict[str, tuple[Callable[[], nn.Module], ModelInfo]] = {
    "mnist_inception": (
        MnistInception,
        ModelInfo("mnist_inception", "course", MNIST_INPUT, DIGIT_NAMES,
                  "Two InceptionA blocks (1x1, 5x5, 3x3-3x3, pool branches) on 28x28 digits"),
    ),
    "mnist_residual": (
        MnistResidual,
        ModelInfo("mnist_residual", "course", MNIST_INPUT, DIGIT_NAMES,
                  "Two residual blocks relu(x + F(x)) on 28x28 digits"),
    ),
    "alexnet_small": (
        AlexNetSmall,
        ModelInfo("alexnet_small", "course", InputSpec(), tuple(f"class {i}" for i in range(10)),
                  "One-tower AlexNet: ReLU, overlapping max-pool, dropout; 3x224x224"),
    ),
    "mnist_plain_deep": (
        MnistPlainDeep,
        ModelInfo("mnist_plain_deep", "course", MNIST_INPUT, DIGIT_NAMES,
                  "19 plain 3x3 convolutions (16 channels) on 28x28 digits: vanishing gradients"),
    ),
    "mnist_residual_deep": (
        MnistResidualDeep,
        ModelInfo("mnist_residual_deep", "course", MNIST_INPUT, DIGIT_NAMES,
                  "mnist_plain_deep with skip connections (nine residual blocks): gradients reach the first layer"),
    ),
}

# Vision transformers and MLP-mixers are out of scope: cnnviz shows convolutional networks.
_NOT_CNN_PREFIXES = ("vit_", "swin_", "maxvit")


@lru_cache(maxsize=1)
def torchvision_names() -> tuple[str, ...]:
    """torchvision's classification CNNs, sorted."""
    names = torchvision.models.list_models(module=torchvision.models)
    return tuple(sorted(n for n in names if not n.startswith(_NOT_CNN_PREFIXES)))


def model_names() -> list[str]:
    """All built-in model names, course networks first, then torchvision's CNNs."""
    return list(COURSE_MODELS) + list(torchvision_names())


def default_weights_enum(name: str) -> torchvision.models.WeightsEnum:
    """torchvision's DEFAULT weights entry for a model (metadata only, nothing is downloaded)."""
    return torchvision.models.get_model_weights(name).DEFAULT


def model_info(name: str) -> ModelInfo:
    """How to feed the named model and what its classes are called."""
    if name in COURSE_MODELS:
        return COURSE_MODELS[name][1]
    if name not in torchvision_names():
        raise CnnvizError(unknown_model_message(name))
    weights = default_weights_enum(name)
    transform = weights.transforms()
    crop = transform.crop_size[0]
    resize = transform.resize_size[0]
    spec = InputSpec(3, (crop, crop), resize, tuple(transform.mean), tuple(transform.std))
    return ModelInfo(name, "torchvision", spec, tuple(weights.meta["categories"]),
                     f"torchvision {name} ({weights.meta.get('num_params', 0) / 1e6:.1f} M parameters)")


def build_model(name: str, *, pretrained_layout: bool = False, num_classes: int | None = None) -> nn.Module:
    """The named model with random weights (``num_classes`` outputs, default: the model's own).

    ``pretrained_layout`` builds a torchvision model the way its builder does when it is given
    pretrained weights (GoogLeNet and Inception-v3 then feed ``transform_input=True`` and keep the
    auxiliary heads only where the weights have them), so that those weights load into it.
    """
    if num_classes is not None and num_classes < 1:
        raise ValueError(f"num_classes must be positive, not {num_classes}")
    if name in COURSE_MODELS:
        return COURSE_MODELS[name][0](**({"num_classes": num_classes} if num_classes else {}))
    if name not in torchvision_names():
        raise CnnvizError(unknown_model_message(name))
    kwargs: dict = {"num_classes": num_classes} if num_classes else {}
    if name in ("googlenet", "inception_v3"):
        kwargs["init_weights"] = not pretrained_layout
        if pretrained_layout:
            kwargs["transform_input"] = True
            kwargs["aux_logits"] = name == "inception_v3"
    return torchvision.models.get_model(name, weights=None, **kwargs)


def unknown_model_message(name: str) -> str:
    """One line naming the closest known models, built-in and timm's (``timm/<arch>``)."""
    import difflib

    close = difflib.get_close_matches(name, model_names(), n=3, cutoff=0.5)
    close += _close_timm_names(name)
    if close:
        return tr("unknown model {name}. Did you mean {close}?").format(name=quoted(name), close=", ".join(close))
    return tr("unknown model {name}. Run 'cnnviz models' for the list.").format(name=quoted(name))


def _close_timm_names(name: str, n: int = 2) -> list[str]:
    """The timm CNNs nearest to ``name`` (compared without the ``timm/`` prefix): from the cached model
    catalog when it is fresh, else from timm itself (none when timm cannot be imported)."""
    import difflib

    from .catalog_cache import cached_rows
    from .timm_names import PREFIX, cnn_archs

    rows = cached_rows()
    try:
        archs = ([r["name"][len(PREFIX):] for r in rows if r["family"] == "timm"] if rows is not None
                 else list(cnn_archs()))
    except Exception:  # noqa: BLE001 - no usable timm: the hint offers built-ins only
        return []
    bare = name[len(PREFIX):] if name.startswith(PREFIX) else name
    return [PREFIX + a for a in difflib.get_close_matches(bare, archs, n=n, cutoff=0.6)]


def count_parameters(model: nn.Module) -> int:
    """Every parameter of the model, trainable or not."""
    return sum(p.numel() for p in model.parameters())
