"""The lesson "Shared weights and location": move the input, and see which layers move with it.

A convolution applies the same weights at every position, so when the input moves its feature maps move with
it (*equivariance*): shift a digit by ``s`` times a layer's cumulative stride and that layer's maps shift by
``s`` of their own pixels, exactly, away from the borders. Pooling keeps the strongest answer of a window, so
its output changes less for a small shift (a little *invariance*); a fully connected layer at the end has its
own weights for every position and sees the digit anywhere else as a new pattern.

Everything here is computed from the model:

- :func:`move_image` rotates (about the centre) and then shifts an input tensor by whole pixels, filling what
  comes in from outside with the value of a black pixel (:func:`black_value`); nothing wraps around.
- :func:`compare_layers` measures per layer how alike the outputs of the original and the moved input are, at
  the same positions (:attr:`LayerMove.same_place`) and after moving the original's maps by the shift divided
  by the layer's stride (:attr:`LayerMove.moved_along`), comparing only units whose receptive fields lie
  inside the image for both (no padding, nothing filled in).
- :func:`shift_study` captures both inputs and returns those measures, the two predictions and the captures.
- :func:`weight_count` sets a convolution's weights beside those of a fully connected layer doing the same job.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from ..analysis.layer_facts import layer_facts
from ..analysis.receptive_field import ReceptiveField
from ..analysis.summary import Summary
from ..capture.records import Capture
from ..capture.run import capture
from ..errors import CnnvizError
from ..i18n import marker, translator
from ..spec import InputSpec
from . import Lesson

tr = translator(__name__)
N_ = marker(__name__)

__all__ = ["LESSON", "LayerMove", "ShiftStudy", "WeightCount", "aligned", "black_value", "compare_layers", "lesson_keys",
           "move_image", "shift_study", "similarity", "valid_span", "weight_count"]

MAX_ANGLE = 180.0

LESSON = Lesson(
    name="shared-weights",
    title=N_("Shared weights and location"),
    model="mnist_inception",
    text=N_("A convolution uses the same small set of weights at every position. So a pattern is found wherever "
            "it sits, and when the digit moves, the feature maps move with it: by the shift divided by the "
            "layer's stride (its step in input pixels).\n\n"
            "The bars compare each layer's output for the moved digit with the original's: at the same places "
            "(blue), and after moving the original maps along (orange, away from the borders). Pooling makes "
            "blue fall a little less. The fully connected layer has its own weights for every position: it "
            "shares nothing, needs far more weights, and its prediction can change."),
    task=N_("Drag the horizontal shift to 4 pixels: the maps of conv1 move 4 of their pixels, those after the "
            "second pooling (stride 4) only one, and the orange bars stay at 1. Then try 3 pixels, and a rotation."),
    docks=("feature_maps_dock",),
    layer="conv1",
)


def black_value(spec: InputSpec) -> tuple[float, ...]:
    """The model-input value of a black (zero) pixel per channel, ``-mean / std``: what a shift fills in."""
    return tuple(-m / s for m, s in zip(spec.mean, spec.std))


def _whole(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not float(value).is_integer():
        raise CnnvizError(tr("the {name} must be a whole number of pixels, not {value!r}").format(
            name=name, value=value))
    return int(value)


def _checked_move(x: Tensor, dx: object, dy: object, angle: object) -> tuple[int, int, float]:
    if not isinstance(x, Tensor) or x.dim() not in (3, 4):
        raise CnnvizError(tr("an input to move must be a [C, H, W] or [N, C, H, W] tensor"))
    h, w = x.shape[-2:]
    dx, dy = _whole(tr("horizontal shift"), dx), _whole(tr("vertical shift"), dy)
    if abs(dx) >= w or abs(dy) >= h:
        raise CnnvizError(tr("a shift of ({dx}, {dy}) pixels moves the {w}x{h} input out of sight").format(
            dx=dx, dy=dy, w=w, h=h))
    if isinstance(angle, bool) or not isinstance(angle, (int, float)) or not math.isfinite(angle) \
            or abs(angle) > MAX_ANGLE:
        raise CnnvizError(tr("the rotation must be a number of degrees from -180 to 180, not {value!r}").format(
            value=angle))
    return dx, dy, float(angle)


def _fill_tensor(x: Tensor, fill: float | Sequence[float]) -> Tensor:
    values = torch.as_tensor(fill, dtype=x.dtype, device=x.device).reshape(-1, 1, 1)
    if values.numel() not in (1, x.shape[-3]):
        raise CnnvizError(tr("the fill needs one value or one per channel ({n}), not {m}").format(
            n=x.shape[-3], m=values.numel()))
    return values


def _rotate(x: Tensor, angle: float, fill: Tensor) -> Tensor:
    """Rotate about the image centre, anticlockwise as seen for a positive angle (bilinear)."""
    h, w = x.shape[-2:]
    a = math.radians(angle)
    c, s = math.cos(a), math.sin(a)
    # output pixel -> input pixel (y down): [[c, -s], [s, c]], in grid_sample's normalised coordinates
    theta = torch.tensor([[c, -s * h / w, 0.0], [s * w / h, c, 0.0]], dtype=x.dtype, device=x.device)
    batch = x if x.dim() == 4 else x.unsqueeze(0)
    grid = F.affine_grid(theta.expand(batch.shape[0], 2, 3), list(batch.shape), align_corners=False)
    out = F.grid_sample(batch - fill, grid, mode="bilinear", padding_mode="zeros", align_corners=False) + fill
    return out if x.dim() == 4 else out[0]


def move_image(x: Tensor, dx: int = 0, dy: int = 0, angle: float = 0.0, *,
               fill: float | Sequence[float] = 0.0) -> Tensor:
    """The input rotated by ``angle`` degrees about its centre, then shifted ``dx`` pixels right and ``dy`` down.

    Parameters
    ----------
    x
        ``[C, H, W]`` or ``[N, C, H, W]``.
    dx, dy
        Whole pixels; negative moves left / up. What comes in from outside is ``fill``: nothing wraps around.
    angle
        Degrees, anticlockwise on screen, bilinear; 0 leaves the pixels as they are (a pure shift is exact).
    fill
        One value, or one per channel (:func:`black_value` for a model's input).

    Returns
    -------
    torch.Tensor
        A new tensor of ``x``'s shape, dtype and device.

    Raises
    ------
    CnnvizError
        A shift that is not whole, moves everything out of the picture, or a rotation beyond +-180 degrees.

    Examples
    --------
    >>> move_image(torch.arange(4.0).reshape(1, 2, 2), dx=1)[0].tolist()
    [[0.0, 0.0], [0.0, 2.0]]
    """
    dx, dy, angle = _checked_move(x, dx, dy, angle)
    values = _fill_tensor(x, fill)
    src = _rotate(x, angle, values) if angle else x
    out = values.expand_as(src).clone()
    h, w = x.shape[-2:]
    out[..., max(dy, 0):h + min(dy, 0), max(dx, 0):w + min(dx, 0)] = \
        src[..., max(-dy, 0):h - max(dy, 0), max(-dx, 0):w - max(dx, 0)]
    return out


def similarity(a: Tensor, b: Tensor) -> float:
    """Pearson correlation of two tensors' elements: 1 = the same pattern, 0 = unrelated, -1 = opposite.

    Two constant tensors count as alike (1) when equal and unrelated (0) otherwise.
    """
    u, v = a.detach().double().flatten(), b.detach().double().flatten()
    if u.numel() == 0:
        return float("nan")
    u, v = u - u.mean(), v - v.mean()
    norm = float(u.norm() * v.norm())
    if norm == 0.0:
        return 1.0 if torch.equal(a, b) else 0.0
    return float(u @ v) / norm


def valid_span(field: ReceptiveField, axis: int, size: int, length: int) -> tuple[int, int]:
    """The elements ``[first, stop)`` along ``axis`` (0 rows, 1 columns) of a map ``length`` long whose
    receptive-field windows lie inside an input ``size`` pixels long (no padding in them)."""
    if field.stride is None or field.offset is None:
        raise ValueError("a whole-input receptive field has no windows of its own")
    stride, offset, half = field.stride[axis], field.offset[axis], (field.size[axis] - 1) / 2
    first = max(0, math.ceil((half - offset) / stride - 1e-9))
    stop = min(length, math.floor((size - 1 - half - offset) / stride + 1e-9) + 1)
    return first, max(first, stop)


@dataclass(frozen=True)
class LayerMove:
    """How one layer's output changed when the input moved.

    Attributes
    ----------
    key
        The capture key (a module path).
    stride
        ``(rows, cols)``: the layer's step in input pixels; None for a layer that sees the whole input.
    map_shift
        ``(dy, dx)`` divided by the stride: how far the maps should move, in the layer's own pixels.
    same_place
        :func:`similarity` of the moved input's output and the original's, position by position (invariance).
    moved_along
        :func:`similarity` of the moved input's maps and the original's moved by ``map_shift`` (to the nearest
        whole step, halves rounded up), over the units whose windows lie inside the image for both
        (equivariance); None for a rotation, a layer without maps, or when no unit is far enough from the borders.
    compared
        How many positions ``moved_along`` compared.
    """

    key: str
    stride: tuple[int, int] | None
    map_shift: tuple[float, float] | None
    same_place: float
    moved_along: float | None
    compared: int


def aligned(original: Tensor, moved: Tensor, field: ReceptiveField, dx: int, dy: int,
            image_hw: tuple[int, int]) -> tuple[Tensor, Tensor]:
    """The parts of two ``[N, C, h, w]`` maps that should be equal if the layer moves with its input: the moved
    input's maps at positions ``p`` and the original's at ``p - shift / stride`` (to the nearest whole step, halves
    rounded up), both away from borders."""
    cuts = []
    for axis, (d, size) in enumerate(zip((dy, dx), image_hw)):
        step = math.floor(d / field.stride[axis] + 0.5)  # the nearest whole step, halves rounded up
        first, stop = valid_span(field, axis, size, original.shape[2 + axis])
        lo, hi = max(first, first + step), min(stop, stop + step)  # moved positions p, with p - step valid too
        cuts.append((lo, max(lo, hi), step))
    (ry, hy, sy), (rx, hx, sx) = cuts
    return original[..., ry - sy:hy - sy, rx - sx:hx - sx], moved[..., ry:hy, rx:hx]


def _layer_move(key: str, a: Tensor, b: Tensor, field: ReceptiveField | None, dx: int, dy: int, angle: float,
                image_hw: tuple[int, int]) -> LayerMove:
    same = similarity(a, b)
    spatial = field is not None and field.stride is not None and field.offset is not None and a.dim() == 4
    if not spatial:
        return LayerMove(key, None, None, same, None, 0)
    stride = (int(field.stride[0]), int(field.stride[1]))
    shift = (dy / field.stride[0], dx / field.stride[1])
    if angle:
        return LayerMove(key, stride, shift, same, None, 0)
    ua, ub = aligned(a, b, field, dx, dy, image_hw)
    compared = ua.shape[-1] * ua.shape[-2]
    return LayerMove(key, stride, shift, same, similarity(ua, ub) if compared else None, compared)


def lesson_keys(model: nn.Module, cap: Capture) -> list[str]:
    """The layers the lesson's chart shows, in forward order: the input and the model's top-level modules (a
    flatten, the same numbers as the layer before it, left out)."""
    tops = {name for name, child in model.named_children() if not isinstance(child, nn.Flatten)}
    return ["input"] + [key for key in cap if key in tops]


def compare_layers(original: Capture, moved: Capture, summary: Summary | None, keys: Sequence[str],
                   dx: int, dy: int, angle: float = 0.0) -> tuple[LayerMove, ...]:
    """:class:`LayerMove` for each of ``keys`` (capture keys of module outputs, or ``input``), in that order."""
    image_hw = tuple(original["input"].shape[-2:])
    fields = {} if summary is None else {layer.name: layer.receptive_field for layer in summary.layers}
    fields["input"] = ReceptiveField((1, 1), (1, 1), (0.0, 0.0))
    return tuple(_layer_move(k, original[k], moved[k], fields.get(k), dx, dy, angle, image_hw) for k in keys)


@dataclass(frozen=True)
class ShiftStudy:
    """What moving the input did: the moved input, per-layer measures, both predictions, both captures."""

    dx: int
    dy: int
    angle: float
    moved_input: Tensor
    layers: tuple[LayerMove, ...]
    original_class: int
    original_probability: float
    moved_class: int
    moved_probability: float
    original: Capture
    moved: Capture


def shift_study(model: nn.Module, x: Tensor, dx: int, dy: int, angle: float = 0.0, *, summary: Summary | None,
                fill: float | Sequence[float] = 0.0, keys: Sequence[str] | None = None) -> ShiftStudy:
    """Capture ``model`` on ``x`` (``[1, C, H, W]``) and on it moved (:func:`move_image`), and compare them.

    The captures run in eval mode; the model's train/eval flags are left as they were. ``keys``: the layers to
    compare (default :func:`lesson_keys`). ``summary``: the model's (receptive fields), None for no maps.
    """
    moved_x = move_image(x, dx, dy, angle, fill=fill)
    original = capture(model, x, blocks=False)
    moved = capture(model, moved_x, blocks=False)
    keys = lesson_keys(model, original) if keys is None else list(keys)
    layers = compare_layers(original, moved, summary, keys, int(dx), int(dy), float(angle))
    p, q = original["output"].softmax(-1)[0], moved["output"].softmax(-1)[0]
    return ShiftStudy(int(dx), int(dy), float(angle), moved_x, layers, int(p.argmax()), float(p.max()),
                      int(q.argmax()), float(q.max()), original, moved)


@dataclass(frozen=True)
class WeightCount:
    """A convolution's weights beside those of a fully connected layer with the same input and output sizes.

    ``linear_weights`` is what ``nn.Linear(linear_in, linear_out).weight.numel()`` would be (not allocated).
    """

    key: str
    input_shape: tuple[int, ...]
    output_shape: tuple[int, ...]
    conv_weights: int
    conv_biases: int
    linear_in: int
    linear_out: int
    linear_weights: int
    linear_biases: int

    @property
    def ratio(self) -> float:
        """How many times more weights the fully connected layer has."""
        return self.linear_weights / self.conv_weights


def weight_count(model: nn.Module, summary: Summary, key: str) -> WeightCount:
    """The weight count of convolution ``key`` of ``model`` and of a fully connected layer doing the same job
    (the numbers of the Layer dock's "Weight sharing", :func:`cnnviz.core.analysis.layer_facts.layer_facts`).

    Raises
    ------
    CnnvizError
        ``key`` is not a convolution of the model, or the summary lacks its shapes.
    """
    module = dict(model.named_modules()).get(key) if key else None
    if not isinstance(module, nn.modules.conv._ConvNd):
        raise CnnvizError(tr("'{key}' is not a convolution of this model").format(key=key))
    facts = layer_facts(model, summary, key)
    if facts.conv_weights is None or facts.equivalent_fc_params is None:
        raise CnnvizError(tr("the summary does not say the input and output sizes of '{key}'").format(key=key))
    n_in, n_out = math.prod(facts.input_shape), math.prod(facts.output_shape)
    biases = 0 if module.bias is None else module.bias.numel()
    return WeightCount(key, tuple(facts.input_shape), tuple(facts.output_shape), facts.conv_weights, biases,
                       n_in, n_out, facts.equivalent_fc_params, n_out)
