"""Honesty checks for attribution maps: does the map depend on what the model learned, and does it point at the
evidence the model uses?

- :func:`randomisation_check`: Adebayo et al. 2018, "Sanity checks for saliency maps", cascading model
  randomisation. On a deep copy of the model (the user's is never touched) the modules that own parameters are
  re-initialised one step at a time from the output down, in reverse order of their first call in the forward
  pass; after each step the map is recomputed (same method, layer and class) and compared with the original by
  Spearman's rank correlation. One step is one parameter-owning module (a convolution, a normalisation, a
  linear layer), or, with ``max_steps``, a run of consecutive ones, so a big model can be checked in fewer steps.
  A map that stays the same while the weights it should explain are destroyed explains nothing.
- :func:`deletion_insertion`: Petsiuk et al. 2018 (RISE): delete the input's pixels from most to least salient
  and watch the class probability fall (deletion; a small area is good), or add them to a baseline image
  most-salient first and watch it rise (insertion; a large area is good).
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from ..errors import CnnvizError
from ..i18n import translator
from .attribution import LAYER_METHODS, attribute
from .attribution_common import Target, as_module, class_targets, forward_logits, mode

tr = translator(__name__)

__all__ = ["BASELINES", "CurvesResult", "RandomisationResult", "RandomisationStep", "cascade_order",
           "deletion_insertion", "randomisation_check", "reinitialise", "spearman"]

Progress = Callable[[int, int], None] | None
Cancel = Callable[[], bool] | None
BASELINES = ("blur", "zeros", "mean", "minimum")
MAX_STEPS = 4096


def spearman(a: Tensor, b: Tensor) -> float:
    """Spearman's rank correlation of two tensors' values (flattened), ties given their average rank.

    A constant tensor has no ranks to correlate: two equal constant tensors give 1.0, otherwise 0.0.
    """
    a, b = a.detach().reshape(-1).double(), b.detach().reshape(-1).double()
    if a.numel() != b.numel():
        raise CnnvizError(tr("cannot correlate maps of {a} and {b} values").format(a=a.numel(), b=b.numel()))
    ra, rb = _ranks(a), _ranks(b)
    ra, rb = ra - ra.mean(), rb - rb.mean()
    na, nb = float(ra.norm()), float(rb.norm())
    if na == 0.0 or nb == 0.0:
        return 1.0 if na == nb and torch.equal(a, b) else 0.0
    return max(-1.0, min(1.0, float((ra * rb).sum()) / (na * nb)))


def _ranks(v: Tensor) -> Tensor:
    """1-based ranks of ``v``'s values, tied values sharing their average rank."""
    values, order = torch.sort(v, stable=True)
    _, inverse, counts = torch.unique_consecutive(values, return_inverse=True, return_counts=True)
    ends = torch.cumsum(counts, 0).to(torch.float64)
    group_rank = ends - (counts.to(torch.float64) - 1) / 2  # average of start+1 .. end
    ranks = torch.empty_like(v)
    ranks[order] = group_rank[inverse]
    return ranks


def _owns_parameters(m: nn.Module) -> bool:
    return any(True for _ in m.parameters(recurse=False))


def cascade_order(model: Any, x: Tensor) -> list[str]:
    """The paths of the modules that own parameters, from the output down: the reverse order of their first
    call in one forward pass on ``x`` (eval mode, no gradients; every module's flag restored). Modules the
    forward never calls cannot change the map and are left out."""
    module = as_module(model)
    owners = {p: m for p, m in module.named_modules() if _owns_parameters(m)}
    seen: list[str] = []

    def hook_for(path: str):
        def hook(m: nn.Module, args: Any) -> None:
            if path not in seen:
                seen.append(path)
        return hook

    handles = [m.register_forward_pre_hook(hook_for(p)) for p, m in owners.items()]
    try:
        with mode(module, False), torch.no_grad():
            forward_logits(module)(x)
    finally:
        for handle in handles:
            handle.remove()
    return seen[::-1]


def reinitialise(m: nn.Module) -> None:
    """Re-initialise the parameters ``m`` owns, from torch's global random generator.

    A module with ``reset_parameters`` gets its own initialisation (random for convolutions and linear layers;
    weight 1, bias 0 and fresh running statistics for normalisation layers, as Adebayo et al. re-initialise);
    any other module's own parameters get Gaussian values with the old values' mean and standard deviation.
    """
    reset = getattr(m, "reset_parameters", None)
    with torch.no_grad():
        if callable(reset):
            reset()
            return
        for p in m.parameters(recurse=False):
            std = float(p.std()) if p.numel() > 1 else 0.0
            std = std if math.isfinite(std) and std > 0 else max(abs(float(p.mean())), 1e-2)
            p.normal_(float(p.mean()), std)


@dataclass(frozen=True)
class RandomisationStep:
    """One step of the cascade: the modules re-initialised at it (on top of all earlier steps'), the rank
    correlation of the new map with the original, and whether that is below the check's threshold."""

    step: int
    layers: tuple[str, ...]
    spearman: float
    changed: bool


@dataclass(frozen=True)
class RandomisationResult:
    """What :func:`randomisation_check` found.

    ``changed`` is whether some step's map correlates with the original below ``threshold`` (a map that never
    does explains nothing of what the model learned). ``cancelled`` says the cascade stopped early, after
    ``len(steps)`` of ``total_steps`` steps. ``maps`` (not in the JSON) holds the original map and then each
    step's, on the CPU, when asked for with ``keep_maps``.
    """

    method: str
    layer: str
    target: int
    threshold: float
    total_steps: int
    steps: tuple[RandomisationStep, ...]
    changed: bool
    cancelled: bool
    maps: tuple[Tensor, ...] = ()

    def to_json_dict(self) -> dict[str, Any]:
        """Plain JSON types (the maps left out)."""
        return {"method": self.method, "layer": self.layer, "target": self.target, "threshold": self.threshold,
                "total_steps": self.total_steps, "changed": self.changed, "cancelled": self.cancelled,
                "steps": [{**asdict(s), "layers": list(s.layers)} for s in self.steps]}


def _one_input(x: Tensor, what: str) -> Tensor:
    if not isinstance(x, Tensor):
        raise CnnvizError(tr("{what} needs an input tensor, not {type}").format(what=what, type=type(x).__name__))
    if x.ndim == 3:
        x = x.unsqueeze(0)
    if x.ndim != 4 or x.shape[0] != 1:
        raise CnnvizError(tr("{what} takes one image (1, C, H, W); got a tensor of shape {shape}").format(
            what=what, shape=tuple(x.shape)))
    return x


def _groups(order: list[str], max_steps: int | None) -> list[tuple[str, ...]]:
    if max_steps is None or max_steps >= len(order):
        return [(p,) for p in order]
    if max_steps < 1:
        raise CnnvizError(tr("max_steps must be at least 1, not {max_steps}").format(max_steps=max_steps))
    bounds = [round(i * len(order) / max_steps) for i in range(max_steps + 1)]
    return [tuple(order[bounds[i]:bounds[i + 1]]) for i in range(max_steps)]


def randomisation_check(model: Any, x: Tensor, *, method: str = "gradcam", layer: str | None = None,
                        target: Target = None, progress: Progress = None, cancel: Cancel = None, seed: int = 0,
                        threshold: float = 0.5, max_steps: int | None = None,
                        keep_maps: bool = False) -> RandomisationResult:
    """Cascading model randomisation (Adebayo et al. 2018) of an attribution map.

    Parameters
    ----------
    model
        An ``nn.Module`` or :class:`~cnnviz.core.models.loader.LoadedModel`; it is deep-copied, never changed.
    x
        One image ``(1, C, H, W)`` (or ``(C, H, W)``) on the model's device.
    method, layer, target
        As for :func:`~cnnviz.core.analysis.attribution.attribute`; the class (default: the trained model's
        top class) and the layer (default: Grad-CAM's default layer) stay the same at every step.
    progress, cancel
        ``progress(done, total)`` after each step; ``cancel()`` returning True stops after the current step
        and the result says ``cancelled``.
    seed
        Seeds the re-initialisation (torch's global random state is saved and restored).
    threshold
        A step whose rank correlation is below it counts as having changed the map.
    max_steps
        At most this many steps: consecutive modules are re-initialised together. Default: one per module.
    keep_maps
        Keep the original and each step's map (on the CPU) in ``maps``.
    """
    x = _one_input(x, tr("the randomisation check"))
    try:
        work = copy.deepcopy(as_module(model))
    except Exception as exc:  # noqa: BLE001 - whatever the model's attributes refuse
        raise CnnvizError(tr("the randomisation check needs a copy of the model and it cannot be copied: "
                             "{exc}").format(
            exc=exc)) from None
    original = attribute(work, x, method=method, layer=layer, target=target)
    key = next(iter(original))
    method, cls = original.method, int(original.targets[0])
    layer_arg = key if method in LAYER_METHODS else None
    first = original[key][0].detach()
    groups = _groups(cascade_order(work, x), max_steps)
    modules = dict(work.named_modules())
    maps = [first.cpu()] if keep_maps else []
    steps: list[RandomisationStep] = []
    cancelled = False
    devices = [x.device.index or 0] if x.device.type == "cuda" else []
    with torch.random.fork_rng(devices=devices):
        torch.manual_seed(seed)
        for i, group in enumerate(groups):
            if cancel is not None and cancel():
                cancelled = True
                break
            for path in group:
                reinitialise(modules[path])
            new = attribute(work, x, method=method, layer=layer_arg, target=cls)[key][0].detach()
            rho = spearman(first, new)
            steps.append(RandomisationStep(i + 1, group, rho, rho < threshold))
            if keep_maps:
                maps.append(new.cpu())
            if progress is not None:
                progress(i + 1, len(groups))
    return RandomisationResult(method, key, cls, float(threshold), len(groups), tuple(steps),
                               any(s.changed for s in steps), cancelled, tuple(maps))


@dataclass(frozen=True)
class CurvesResult:
    """Deletion and insertion curves of one map: the class probability at each fraction of pixels deleted
    (inserted), and each curve's area (trapezoid over the fraction 0..1; ``None`` for a curve that a cancel
    left unfinished). Deletion: smaller is better; insertion: larger is better."""

    target: int
    baseline: str
    steps: int
    fractions: tuple[float, ...]
    deletion: tuple[float, ...]
    insertion: tuple[float, ...]
    deletion_auc: float | None
    insertion_auc: float | None
    cancelled: bool

    def to_json_dict(self) -> dict[str, Any]:
        """Plain JSON types."""
        out = asdict(self)
        return {k: list(v) if isinstance(v, tuple) else v for k, v in out.items()}


def _spatial_map(saliency_map: Tensor, x: Tensor) -> Tensor:
    """The map as ``(H, W)`` at the input's size: channels summed, upsampled bilinearly."""
    if not isinstance(saliency_map, Tensor):
        raise CnnvizError(tr("the saliency map must be a tensor, not {type}").format(
            type=type(saliency_map).__name__))
    m = saliency_map.detach().to(x.device, torch.float32)
    shape = tuple(saliency_map.shape)
    if m.ndim == 4 and m.shape[0] == 1:
        m = m[0]
    if m.ndim == 2:
        m = m.unsqueeze(0)
    if m.ndim != 3 or m.shape[0] not in (1, x.shape[1]) or min(m.shape[1:], default=0) < 1:
        raise CnnvizError(tr("the saliency map must be (h, w), (1, h, w) or (1, {channels}, h, w) for an input of "
                             "shape {input}; got {shape}").format(
            channels=x.shape[1], input=tuple(x.shape), shape=shape))
    if not bool(torch.isfinite(m).all()):
        raise CnnvizError(tr("the saliency map holds NaN or infinite values"))
    m = m.sum(0, keepdim=True).unsqueeze(0)
    return F.interpolate(m, tuple(x.shape[2:]), mode="bilinear", align_corners=False)[0, 0]


def _baseline(x: Tensor, baseline: str) -> Tensor:
    if baseline == "zeros":
        return torch.zeros_like(x)
    if baseline == "mean":
        return x.mean(dim=(2, 3), keepdim=True).expand_as(x).clone()
    if baseline == "minimum":  # each channel's darkest value: a digit's background, a photo's black
        return x.amin(dim=(2, 3), keepdim=True).expand_as(x).clone()
    sigma = max(2.0, min(x.shape[2:]) / 32)  # 7 px on 224, 2 px on 28
    radius = int(math.ceil(3 * sigma))
    t = torch.arange(-radius, radius + 1, device=x.device, dtype=x.dtype)
    k = torch.exp(-(t / sigma) ** 2 / 2)
    k = k / k.sum()
    c = x.shape[1]
    out = F.pad(x, (radius, radius, 0, 0), mode="replicate")
    out = F.conv2d(out, k.view(1, 1, 1, -1).expand(c, 1, 1, -1), groups=c)
    out = F.pad(out, (0, 0, radius, radius), mode="replicate")
    return F.conv2d(out, k.view(1, 1, -1, 1).expand(c, 1, -1, 1), groups=c)


def deletion_insertion(model: Any, x: Tensor, saliency_map: Tensor, *, target: Target = None, steps: int = 20,
                       baseline: str = "blur", batch_size: int = 32, progress: Progress = None,
                       cancel: Cancel = None) -> CurvesResult:
    """Deletion and insertion curves of ``saliency_map`` for ``model`` on ``x`` (Petsiuk et al. 2018).

    Parameters
    ----------
    model
        An ``nn.Module`` or :class:`~cnnviz.core.models.loader.LoadedModel`; run in eval mode without
        gradients, its own train/eval flags restored, its weights untouched.
    x
        One image ``(1, C, H, W)`` (or ``(C, H, W)``) on the model's device.
    saliency_map
        ``(h, w)``, ``(1, h, w)``, ``(1, 1, h, w)`` or ``(1, C, h, w)`` (channels summed); upsampled
        bilinearly to the input's size. Pixels are taken most salient first (ties in pixel order).
    target
        The class whose probability (softmax) is recorded; default the model's top class on ``x``.
    steps
        The curve's ``steps + 1`` points at the fractions ``0, 1/steps, ..., 1`` of the pixels, from 1 to
        the number of pixels (at most 4096).
    baseline
        What a deleted pixel becomes and insertion starts from: ``"blur"`` (the image blurred), ``"zeros"``
        (zero in the model's preprocessed space: for normalised inputs the dataset's mean colour), ``"mean"``
        (the image's mean colour) or ``"minimum"`` (each channel's darkest value in the image: a digit's
        background).
    batch_size
        Images per forward pass.
    progress, cancel
        ``progress(done, total)`` after each forward pass; ``cancel()`` returning True stops early.
    """
    module = as_module(model)
    x = _one_input(x, tr("deletion and insertion")).detach()
    if baseline not in BASELINES:
        raise CnnvizError(tr("unknown baseline '{baseline}'; choose one of: {baselines}").format(
            baseline=baseline, baselines=", ".join(BASELINES)))
    pixels = x.shape[2] * x.shape[3]
    limit = min(pixels, MAX_STEPS)
    if isinstance(steps, bool) or not isinstance(steps, int) or not 1 <= steps <= limit:
        raise CnnvizError(tr("steps must be an integer from 1 to {limit} for a {h}x{w} input, not {steps!r}").format(
            limit=limit, h=x.shape[2], w=x.shape[3], steps=steps))
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise CnnvizError(tr("batch_size must be a positive integer, not {batch_size!r}").format(
            batch_size=batch_size))
    saliency = _spatial_map(saliency_map, x)
    with mode(module, False), torch.no_grad():
        run = forward_logits(module)
        cls = int(class_targets(run(x), target)[0])
        base = _baseline(x, baseline)
        order = torch.argsort(saliency.reshape(-1), descending=True, stable=True)
        rank = torch.empty_like(order)
        rank[order] = torch.arange(pixels, device=x.device)
        rank = rank.view(1, 1, *x.shape[2:])
        counts = [round(pixels * k / steps) for k in range(steps + 1)]
        chunks = [counts[i:i + batch_size] for i in range(0, len(counts), batch_size)]
        total, done = 2 * len(chunks), 0
        curves: dict[str, list[float]] = {"deletion": [], "insertion": []}
        cancelled = False
        for name, start, end in (("deletion", x, base), ("insertion", base, x)):
            for chunk in chunks:
                if cancel is not None and cancel():
                    cancelled = True
                    break
                n = torch.tensor(chunk, device=x.device).view(-1, 1, 1, 1)
                moved = rank < n  # (B, 1, H, W): the top-n pixels of each image take the end's values
                images = torch.where(moved, end, start)
                curves[name] += F.softmax(run(images).float(), dim=1)[:, cls].tolist()
                done += 1
                if progress is not None:
                    progress(done, total)
            if cancelled:
                break
    fractions = tuple(c / pixels for c in counts)

    def area(curve: list[float]) -> float | None:
        if len(curve) < len(fractions):
            return None
        value = float(torch.trapezoid(torch.tensor(curve, dtype=torch.float64),
                                      torch.tensor(fractions, dtype=torch.float64)))
        return max(0.0, min(1.0, value))

    return CurvesResult(cls, baseline, steps, fractions, tuple(curves["deletion"]), tuple(curves["insertion"]),
                        area(curves["deletion"]), area(curves["insertion"]), cancelled)
