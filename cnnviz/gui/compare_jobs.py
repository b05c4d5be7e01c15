"""The Compare dock's work, as plain functions and plain results (no Qt, no widgets).

A is the session's image through the session's model as it is now; B is another image through the same
model, or the same image through other weights: a weights file loaded into a deep copy of the model
(never into the user's model) or weights remembered earlier (:func:`remember_weights`). The render worker
runs :func:`compute_compare`, holding the model's lock while the model runs; captures are kept in a
:class:`Cache` that the dock hands back with its next request, so another layer or view costs no forward
pass unless the weights changed meanwhile (a training step, a weight changed in place).
"""

from __future__ import annotations

import copy
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch
from torch import Tensor, nn

from ..core.analysis.attribution import attribute
from ..core.capture.anatomy import block_of
from ..core.capture.records import Capture
from ..core.capture.run import capture
from ..core.errors import CnnvizError, reason
from ..core.i18n import marker, translator
from ..core.models.torchvision_layout import fit_state_to_model
from ..core.models.weights import apply_state_dict, load_state_dict_file
from ..core.paths import shown_path
from ..core.views.attribution_view import attribution_overlay, normalise_map
from ..core.views.block_views import inception_view, residual_view
from ..core.views.compare_view import Difference, combined, difference, numbers_text, shared_scale, side_by_side
from . import jobs

tr = translator(__name__)
N_ = marker(__name__)

#: what the dock can compare, and how its picker names each (shown as ``tr(VIEWS[view])``)
VIEWS = {"maps": N_("feature maps"), "inception": N_("Inception branches"), "residual": N_("residual paths"),
         "attribution": N_("attribution (Grad-CAM)")}
#: what B can be (shown as ``tr(SOURCES[kind])``)
SOURCES = {"image": N_("another image"), "file": N_("other weights (a file)"), "snapshot": N_("remembered weights")}
HEAT_CMAP = "inferno"  # as the Attribution dock draws Grad-CAM


@dataclass(frozen=True, eq=False)
class Snapshot:
    """The session's model as it was when remembered: a deep copy (its own tensors), and when that was."""

    module: nn.Module = field(repr=False)
    owner: Callable[[], nn.Module | None] = field(repr=False)  # a weak reference to the model it copies
    taken: str = ""

    def belongs_to(self, module: nn.Module) -> bool:
        return self.owner() is module


@dataclass(frozen=True)
class Source:
    """What B is: ``kind`` "image" (``path`` an image file), "file" (``path`` a weights file) or "snapshot"."""

    kind: str
    path: Path | None = None
    snapshot: Snapshot | None = None

    @property
    def weights(self) -> bool:
        """B is the same image under other weights."""
        return self.kind != "image"

    def label(self) -> str:
        """B's title: ``B: digit_7.png``, ``B: weights: run1.safetensors``, ``B: weights remembered at 13:05:12``."""
        if self.kind == "snapshot":
            return tr("B: weights remembered at {time}").format(time=self.snapshot.taken) if self.snapshot else \
                tr("B: no weights remembered")
        name = self.path.name if self.path is not None else "?"
        return tr("B: weights: {name}").format(name=name) if self.kind == "file" else f"B: {name}"


@dataclass
class Cache:
    """Captures kept between requests (the dock holds it; only the render worker reads or fills it)."""

    a_key: tuple | None = None
    a_input: Tensor | None = field(default=None, repr=False)
    a_capture: Capture | None = field(default=None, repr=False)
    b_key: tuple | None = None
    b_capture: Capture | None = field(default=None, repr=False)
    b_input: Tensor | None = field(default=None, repr=False)
    b_view: np.ndarray | None = field(default=None, repr=False)
    decoded_key: tuple | None = None
    decoded: jobs.DecodedImage | None = field(default=None, repr=False)
    weights_key: tuple | None = None
    weights_module: nn.Module | None = field(default=None, repr=False)


@dataclass(frozen=True)
class CompareJob:
    """One comparison to make: ``view`` (a key of :data:`VIEWS`) of ``layer``, A's input and picture, B."""

    key: tuple
    view: str
    layer: str
    source: Source
    x: Tensor = field(repr=False)
    a_view: np.ndarray = field(repr=False)
    cmap: str | None = None  # A and B's colour map (None: magma, or coolwarm for signed values)
    cache: Cache | None = field(default=None, repr=False)


@dataclass(frozen=True)
class CompareRow:
    """One line of the dock: A, B and their difference, pictures ``H x W x 3`` uint8."""

    label: str
    a: np.ndarray
    b: np.ndarray
    diff: Difference


@dataclass
class CompareResult:
    """What the worker made: rows (one, or one per branch or path of a block), the numbers over all of them."""

    key: tuple
    view: str
    title: str  # what is compared ("incep1: 88 channels of 12x12", "Grad-CAM of incep1 for class 3")
    rows: tuple[CompareRow, ...]
    max_abs: float
    rel_l2: float
    spearman: float | None
    note: str
    cache: Cache = field(repr=False)

    def numbers(self) -> str:
        return numbers_text(self.max_abs, self.rel_l2, self.spearman)


@dataclass(frozen=True)
class CompareProblem:
    """Why there is no comparison, in one line."""

    key: tuple
    message: str


def weights_stamp(module: nn.Module) -> tuple[int, int]:
    """Which weights a module holds now: its identity and the sum of its tensors' version counters, which
    every in-place change (an optimiser step, ``load_state_dict``, ``weight.add_``) increases."""
    return id(module), sum(t._version for t in (*module.parameters(), *module.buffers()))


def _copy(module: nn.Module) -> nn.Module:
    try:
        twin = copy.deepcopy(module)
    except Exception as exc:  # a module holding something that cannot be copied (a lock, a file...)
        raise CnnvizError(tr("cannot copy {type} to hold other weights ({reason})").format(
            type=type(module).__name__, reason=reason(exc))) from None
    for p in twin.parameters():
        p.grad = None
    return twin


def remember_weights(model: jobs.ModelResult) -> Snapshot:
    """A deep copy of the session's model as it is now, taken under its lock (a training step waits)."""
    module = model.loaded.module
    with model.lock:
        twin = _copy(module)
    return Snapshot(twin, weakref.ref(module), time.strftime("%H:%M:%S"))


def try_remember(model: jobs.ModelResult) -> Snapshot | str:
    """:func:`remember_weights`, or the one line saying why the model cannot be copied."""
    try:
        return remember_weights(model)
    except CnnvizError as exc:
        return str(exc)


def load_weights_copy(model: jobs.ModelResult, path: Path) -> nn.Module:
    """The session's model with the weights of ``path`` (a state dict or checkpoint), in a deep copy.

    Raises
    ------
    CnnvizError
        One line: the file is missing, empty or not a weights file, or its tensors do not fit the model
        (naming the first missing, unexpected or mis-shaped keys, as the project's loaders do).
    """
    state = load_state_dict_file(path)
    with model.lock:
        twin = _copy(model.loaded.module)
    apply_state_dict(twin, fit_state_to_model(twin, state), shown_path(path))
    return twin


def _b_module(model: jobs.ModelResult, source: Source, cache: Cache) -> nn.Module:
    module = model.loaded.module
    if source.kind == "snapshot":
        if source.snapshot is None or not source.snapshot.belongs_to(module):
            raise CnnvizError(tr("the remembered weights belong to another model: press Remember these weights again"))
        return source.snapshot.module
    stat = source.path.stat() if source.path is not None and source.path.exists() else None
    key = (str(source.path), stat.st_mtime_ns if stat else None, stat.st_size if stat else None, id(module))
    if cache.weights_key != key or cache.weights_module is None:
        cache.weights_module, cache.weights_key = load_weights_copy(model, source.path), key
    return cache.weights_module


def _decoded(path: Path, cache: Cache) -> jobs.DecodedImage:
    """B's image, decoded once per version of its file (a change of weights captures it again, not decodes it)."""
    stat = path.stat() if path.exists() else None
    key = (str(path), stat.st_mtime_ns if stat else None)
    if cache.decoded_key != key or cache.decoded is None:
        cache.decoded, cache.decoded_key = jobs.decode(jobs.ImageRequest(str(path), path=path)), key
    return cache.decoded


def _captures(model: jobs.ModelResult, job: CompareJob, cache: Cache) -> tuple[nn.Module, Tensor]:
    """Fill the cache with A's and B's captures (reusing those made under the same weights); B's module and input."""
    module = model.loaded.module
    b_module = None  # files are read before taking the lock: a training step need not wait for them
    if job.source.weights:
        b_module = _b_module(model, job.source, cache)
    else:
        _decoded(job.source.path, cache)
    with model.lock:
        stamp = weights_stamp(module)
        if cache.a_capture is None or cache.a_key != stamp or cache.a_input is not job.x:
            cache.a_capture, cache.a_key, cache.a_input = capture(module, job.x), stamp, job.x
        if not job.source.weights:
            key = ("image", str(job.source.path), stamp)
            if cache.b_key != key or cache.b_capture is None:
                result = jobs.run_capture(model, _decoded(job.source.path, cache))
                cache.b_capture, cache.b_view, cache.b_key = result.capture, result.view, key
                cache.b_input = result.capture["input"]
            return module, cache.b_input
        key = ("weights", weights_stamp(b_module), id(job.x))
        if cache.b_key != key or cache.b_capture is None or cache.b_input is not job.x:
            cache.b_capture, cache.b_view, cache.b_key, cache.b_input = capture(b_module, job.x), job.a_view, key, job.x
        return b_module, job.x


def compute_compare(model: jobs.ModelResult, job: CompareJob) -> CompareResult | CompareProblem:
    """The render worker's job: A, B and their difference for the job's view, or the one-line reason there is none."""
    cache = job.cache if job.cache is not None else Cache()
    try:
        b_module, b_x = _captures(model, job, cache)
        if job.view == "attribution":
            return _attribution(model, job, cache, b_module, b_x)
        if job.view in ("inception", "residual"):
            return _block(job, cache)
        if job.view != "maps":
            raise CnnvizError(tr("unknown comparison '{view}'; choose one of: {views}").format(
                view=job.view, views=", ".join(VIEWS)))
        return _maps(job, cache)
    except CnnvizError as exc:
        return CompareProblem(job.key, str(exc))


def _tensor(cap: Capture, key: str, side: str) -> Tensor:
    t = cap.get(key)
    if not isinstance(t, Tensor):
        raise CnnvizError(tr("{side} has no output for {key}").format(side=side, key=key))
    return t


def _maps(job: CompareJob, cache: Cache) -> CompareResult:
    a, b = _tensor(cache.a_capture, job.layer, "A"), _tensor(cache.b_capture, job.layer, "B")
    if not jobs.is_spatial(a):
        raise CnnvizError(tr("{layer} has no feature maps to compare (shape {shape})").format(
            layer=job.layer, shape="x".join(map(str, a.shape[1:]))))
    pair = side_by_side(a, b, cmap=job.cmap)
    diff = difference(a, b)
    c, h, w = a.shape[1:]
    low = -pair.scale if pair.signed else 0.0
    title = tr("{layer}: {channels} channels of {height}\u00d7{width}").format(layer=job.layer, channels=c,
                                                                            height=h, width=w)
    note = tr("A and B on one colour scale, {low} \u2026 {high} ({cmap}); difference A \u2212 B on \u00b1{spread} "
              "({diff_cmap}: the centre colour is no change)").format(low=f"{low:.3g}", high=f"{pair.scale:.3g}",
                                                                      cmap=pair.cmap, spread=f"{diff.scale:.3g}",
                                                                      diff_cmap=diff.cmap)
    row = CompareRow(title, pair.a, pair.b, diff)
    return CompareResult(job.key, job.view, title, (row,), diff.max_abs, diff.rel_l2, None, note, cache)


def _block(job: CompareJob, cache: Cache) -> CompareResult:
    cap_a, cap_b = cache.a_capture, cache.b_capture
    block = block_of(cap_a.blocks, job.layer, job.view)
    if block is None:
        raise CnnvizError((tr("{layer} is not inside an Inception block") if job.view == "inception" else
                           tr("{layer} is not inside a residual block")).format(layer=job.layer))
    if job.view == "inception":
        view = inception_view(cap_a, block)
        parts = [(tr("{number}: {label} (channels {first}\u2013{last})").format(
                      number=b.index + 1, label=b.label, first=b.channel_range[0], last=b.channel_range[1] - 1),
                  b.part.key, b.part.grid.order) for b in view.branches]
    else:
        view = residual_view(cap_a, block)
        parts = [(p.title, p.key, p.grid.order) for p in view.parts]
    pairs = [(_tensor(cap_a, key, "A"), _tensor(cap_b, key, "B")) for _, key, _ in parts]
    scale, signed = shared_scale(t for pair in pairs for t in pair)
    spread = max((float((a.float() - b.float().to(a.device)).abs().amax()) for a, b in pairs), default=0.0)
    rows = []
    for (label, _key, order), (a, b) in zip(parts, pairs):
        pair = side_by_side(a, b, cmap=job.cmap, channels=order, scale=scale, signed=signed)
        diff = difference(a, b, scale=spread, channels=order)
        rows.append(CompareRow(f"{label} \u00b7 {diff.summary()}", pair.a, pair.b, diff))
    max_abs, rel = combined([r.diff for r in rows])
    cmap = job.cmap or ("coolwarm" if signed else "magma")
    low = -scale if signed else 0.0
    note = (tr("all branches of A and B on one colour scale, {low} \u2026 {high} ({cmap}); differences on "
               "\u00b1{spread} (coolwarm: the centre colour is no change)") if job.view == "inception" else
            tr("all paths of A and B on one colour scale, {low} \u2026 {high} ({cmap}); differences on "
               "\u00b1{spread} (coolwarm: the centre colour is no change)")).format(
        low=f"{low:.3g}", high=f"{scale:.3g}", cmap=cmap, spread=f"{spread:.3g}")
    return CompareResult(job.key, job.view, f"{block.path} ({block.type_name})", tuple(rows), max_abs, rel, None,
                         note, cache)


def _attribution(model: jobs.ModelResult, job: CompareJob, cache: Cache, b_module: nn.Module,
                 b_x: Tensor) -> CompareResult:
    """Grad-CAM at the layer of A's top class, for A and for B (the same class, so the maps answer one question)."""
    with model.lock:
        maps_a = attribute(model.loaded.module, job.x, method="gradcam", layers=job.layer)
        target = int(maps_a.targets[0])
        maps_b = attribute(b_module, b_x, method="gradcam", layers=job.layer, target=target)
    (layer, amap_a), = maps_a.items()
    (_, amap_b), = maps_b.items()
    view_a, view_b = np.asarray(job.a_view), np.asarray(cache.b_view)
    over_a = attribution_overlay(view_a, amap_a, method="gradcam", opacity=0.5, cmap=HEAT_CMAP)
    over_b = attribution_overlay(view_b, amap_b, method="gradcam", opacity=0.5, cmap=HEAT_CMAP)
    size = view_a.shape[:2]
    diff = difference(normalise_map(amap_a, "gradcam", size), normalise_map(amap_b, "gradcam", size), rank=True)
    names = model.loaded.info.class_names
    name = f" ({names[target]})" if names and target < len(names) and names[target] != str(target) else ""
    p_a = float(maps_a.logits[0].float().softmax(0)[target])
    p_b = float(maps_b.logits[0].float().softmax(0)[target])
    title = tr("Grad-CAM of {layer} for class {target}{name}, A's top class").format(layer=layer, target=target,
                                                                                   name=name)
    note = tr("p(class {target}) = {p_a} in A, {p_b} in B; each map scaled to its own maximum and drawn over its "
              "input; difference of the scaled maps on \u00b1{spread} (coolwarm)").format(
        target=target, p_a=f"{p_a:.2f}", p_b=f"{p_b:.2f}", spread=f"{diff.scale:.3g}")
    row = CompareRow(title, over_a, over_b, diff)
    return CompareResult(job.key, job.view, title, (row,), diff.max_abs, diff.rel_l2, diff.spearman, note, cache)
