"""The work the GUI's threads do, as plain functions and plain results (no Qt here).

:mod:`cnnviz.gui.workers` runs these in its threads; the session stores what they return. Keeping
them Qt-free makes each one testable and timeable on its own.
"""

from __future__ import annotations

import threading
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import numpy as np
import torch
from PIL import Image

from ..core.views import mosaic as render
from ..core.capture.records import Capture
from ..core.analysis.capture_cams import capture_pass
from ..core.analysis.layer_cams import CAM_METHODS
from ..core.capture.run import capture
from ..core.errors import CnnvizError
from ..core.i18n import marker, translator
from ..core.inputs.images import decode_image, decode_image_bytes, model_view, preprocess
from ..core.models.loader import LoadedModel, load_model
from ..core.models.scripted import input_refused
from ..core.analysis.summary import Summary, summarize
from . import code_trust
from ..core.models.weights import bundled_weights_path, is_torchscript_archive
from ..core.models.zoo import COURSE_MODELS, torchvision_names

tr = translator(__name__)
N_ = marker(__name__)

DISPLAY_SIZE = 640  # longest side of the "as given" picture handed to the GUI
#: what a TorchScript model's note ends in (``tr(TORCHSCRIPT_NOTE)``)
TORCHSCRIPT_NOTE = N_("; TorchScript: its layers cannot be hooked, so only its input and output are shown")


@dataclass(frozen=True)
class InputDescription:
    """What the user said about a model's input (None: not said; the model's own description or the guess).

    ``input_size`` is ``(C, H, W)``; ``mean``/``std`` one value or one per channel; ``class_names`` one per
    output, read from ``classes_file``.
    """

    input_size: tuple[int, int, int] | None = None
    mean: tuple[float, ...] | None = None
    std: tuple[float, ...] | None = None
    class_names: tuple[str, ...] | None = None
    classes_file: str | None = None

    def given(self) -> bool:
        """Whether anything was said."""
        return any(v is not None for v in (self.input_size, self.mean, self.std, self.class_names))


@dataclass(frozen=True)
class ModelRequest:
    """A model the user asked for (``transform_input``: forced on/off for GoogLeNet / Inception-v3, or None),
    and what the user said about its input (see :class:`InputDescription`)."""

    name: str
    weights: str = "default"
    device: str = "auto"
    trust_code: bool = False
    transform_input: bool | None = None
    input_size: tuple[int, int, int] | None = None
    mean: tuple[float, ...] | None = None
    std: tuple[float, ...] | None = None
    class_names: tuple[str, ...] | None = None
    classes_file: str | None = None

    @property
    def description(self) -> InputDescription:
        return InputDescription(self.input_size, self.mean, self.std, self.class_names, self.classes_file)


def model_request(name: str, weights: str = "default", device: str = "auto", trust_code: bool = False,
                  transform_input: bool | None = None, description: InputDescription | None = None) -> ModelRequest:
    """A :class:`ModelRequest` with the fields of ``description``."""
    d = description or InputDescription()
    return ModelRequest(name, weights, device, trust_code, transform_input,
                        d.input_size, d.mean, d.std, d.class_names, d.classes_file)


@dataclass
class ModelResult:
    """A loaded model, its per-layer summary (None if it cannot be summarised) and a note for people.

    ``lock`` is held by whichever worker thread runs or changes the module (a capture, a training
    step, a copy of its weights), so a model being trained can still be looked at. ``untrained``:
    its weights are random (its predictions mean nothing yet). ``summary_error``: why there is no
    summary, if there is none.
    """

    request: ModelRequest
    loaded: LoadedModel
    summary: Summary | None
    note: str = ""
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)
    untrained: bool = False
    summary_error: str = ""


@dataclass(frozen=True)
class ImageRequest:
    """An image to show: a file (``path``), encoded bytes (``data``) or a decoded uint8 RGB ``frame``
    (H x W x 3, a live video frame: nothing to encode or decode), with the file list it came in."""

    label: str
    path: Path | None = None
    data: bytes | None = field(default=None, repr=False)
    frame: np.ndarray | None = field(default=None, repr=False, compare=False)
    files: tuple[Path, ...] = ()
    index: int = 0


@dataclass
class DecodedImage:
    """A decoded image and a display-sized copy of it (uint8 H x W (x 3))."""

    request: ImageRequest
    image: Image.Image
    display: np.ndarray


@dataclass
class CaptureResult:
    """Everything one image through one model produced, ready for the panels."""

    request: ImageRequest
    model: ModelResult
    display: np.ndarray
    view: np.ndarray
    capture: Capture
    top: list[tuple[str, float]]
    forward_ms: float
    total_ms: float
    #: the maps the Attribution dock wished for, from the capture's own forward (None: not wished, or not possible)
    explained: "Explained | None" = None


@dataclass(frozen=True)
class ExplainWish:
    """What the Attribution dock in front will ask for next: ``method`` (a CAM method) of ``layers`` for class
    ``target`` (None: the top one). The inference worker then computes it with the capture's own forward."""

    method: str
    layers: tuple[str, ...]
    target: int | None = None


class Explained:
    """An :class:`ExplainWish` and what the capture's backward gave for it: each wished layer's output and
    gradient (a :class:`~cnnviz.core.analysis.layer_cams.LayerPass`), any CAM method's maps from there.

    The dock releases the pass once its jobs have it (:meth:`release`): the gradients do not live as long
    as the capture.
    """

    def __init__(self, wish: ExplainWish, run: Any) -> None:
        self.wish = wish
        self._run = run
        self._lock = threading.Lock()

    def get(self, target: int | None, layers: Iterable[str]) -> Any:
        """The pass, if it explains ``target`` and was wished for every one of ``layers`` (it holds those that
        ran, their outputs not changed in place later); None otherwise or once released."""
        with self._lock:
            run = self._run
            return None if run is None or target != self.wish.target or not set(layers) <= set(self.wish.layers) \
                else run

    def release(self) -> None:
        """Drop the pass (the jobs given it keep it while they run)."""
        with self._lock:
            self._run = None


@dataclass(frozen=True)
class MosaicJob:
    """Render one layer's channels as one atlas image."""

    key: str
    act: torch.Tensor = field(repr=False)
    normalize: str = "layer"
    order: str = "index"


@dataclass
class MosaicResult:
    """One layer's mosaic (uint8) and the activation's shape (without the batch dimension)."""

    key: str
    mosaic: render.Mosaic
    shape: tuple[int, ...]
    normalize: str
    order: str


@dataclass(frozen=True)
class ChannelJob:
    """Render one channel large, and overlaid on the picture the network saw."""

    key: str
    channel: int
    act: torch.Tensor = field(repr=False)
    view: np.ndarray = field(repr=False)
    cmap: str = "magma"
    scale: tuple[float, float] | None = None


@dataclass
class ChannelResult:
    """One channel as uint8 H x W, and RGB H x W x 3 over the network's input picture."""

    key: str
    channel: int
    heat: np.ndarray
    overlay: np.ndarray


@dataclass(frozen=True)
class ViewJob:
    """Work a dock asks for: ``fn(*args)`` computed in the render worker, its plain result kept per ``kind``."""

    kind: str
    fn: Callable[..., Any] = field(repr=False)
    args: tuple = field(default=(), repr=False)

    def run(self) -> Any:
        return self.fn(*self.args)


def is_timm(model: str) -> bool:
    """Whether ``model`` names one of timm's models (``timm/<name>[.<tag>]``)."""
    return model.startswith("timm/") and len(model) > len("timm/")


def _has_unsafe_parts(path: Path) -> bool:
    """A ``.pt2`` archive with parts that loading it would run as code (pickled entries and the like)."""
    from ..core.models import exported

    try:
        return bool(exported.unsafe_parts(path))
    except (CnnvizError, OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return False  # a damaged archive: the loader says so, and nothing runs


def code_kind(model: str) -> str | None:
    """What code loading ``model`` runs: ``"Python code"``, ``"a TorchScript model"``, ``"a torch.export
    program with parts that run code"`` (pickled entries...); None when it runs none."""
    if model in COURSE_MODELS or model in torchvision_names() or is_timm(model):
        return None
    if code_trust.is_code_spec(model):
        return tr("Python code")
    path = Path(model)
    try:
        if not path.is_file():
            return None
        if path.suffix.lower() == ".pt2":
            return tr("a torch.export program with parts that run code") if _has_unsafe_parts(path) else None
        return tr("a TorchScript model") if is_torchscript_archive(path) else None
    except (OSError, ValueError):
        return None


def holds_code(model: str) -> bool:
    """Whether loading ``model`` runs code stored in it (user code, a TorchScript archive, a ``.pt2`` with
    pickled entries), so the user must agree first."""
    return code_kind(model) is not None


def needs_download(name: str, weights: str) -> bool:
    """Whether ``name``'s pretrained weights (torchvision's or timm's) must be downloaded before it loads."""
    if weights != "default":
        return False
    if name in torchvision_names():
        from ..core.models.weights import pretrained_available

        return not pretrained_available(name)
    if is_timm(name):
        from ..core.models.timm_models import timm_weights_cached

        return not timm_weights_cached(name)
    return False


def weights_fetcher(name: str) -> Callable[..., Any]:
    """The download function for ``name``'s pretrained weights: ``fetch(name, progress=, cancel=, url=)``."""
    if is_timm(name):
        from ..core.models.timm_models import download_timm_weights

        return download_timm_weights
    from ..core.models.weights import download_pretrained

    return download_pretrained


def description_kwargs(request: ModelRequest) -> dict[str, Any]:
    """The input description as ``load_model`` keywords (only what was given)."""
    given = {"input_size": request.input_size, "mean": request.mean, "std": request.std,
             "class_names": request.class_names}
    return {k: v for k, v in given.items() if v is not None}


def load(request: ModelRequest, progress=None, cancel=None) -> ModelResult:
    """Load the requested model; a course network whose bundled weights are missing or fail to load gets
    random ones, and the note says which of the two happened (and why)."""
    note = ""
    try:
        loaded = load_model(request.name, request.weights, device=request.device,
                            trust_code=request.trust_code, progress=progress, cancel=cancel,
                            transform_input=request.transform_input, **description_kwargs(request))
    except CnnvizError as exc:
        if not (request.name in COURSE_MODELS and request.weights == "default"):
            raise
        loaded = load_model(request.name, "none", device=request.device)
        missing = bundled_weights_path(request.name) is None
        note = (tr("random weights (no bundled weights yet)") if missing else
                tr("random weights: the bundled weights failed to load ({reason})").format(reason=exc))
    if not note and loaded.weights == "default" and code_trust.is_code_spec(request.name):
        note = tr("weights: as its code builds them")
    if not note:
        note = (tr("random weights") if loaded.weights == "none"
                else tr("weights: {weights}").format(weights=loaded.weights))
    spec = loaded.info.input
    summary, why = None, ""
    if isinstance(loaded.module, torch.jit.ScriptModule):  # no hooks reach inside it: nothing to summarise
        note += tr(TORCHSCRIPT_NOTE)
    else:
        try:
            summary = summarize(loaded.module, (spec.channels, *spec.size), model_name=loaded.name)
        except CnnvizError as exc:
            why = str(exc)
    return ModelResult(request, loaded, summary, note, untrained=loaded.weights == "none", summary_error=why)


def decode(request: ImageRequest) -> DecodedImage:
    """Decode the requested image and make its display copy."""
    if request.frame is not None:
        image = Image.fromarray(request.frame, "RGB")
    elif request.data is not None:
        image = decode_image_bytes(request.data, request.label)
    elif request.path is not None:
        image = decode_image(request.path)
    else:
        raise CnnvizError(tr("{name}: nothing to open").format(name=request.label))
    shown = image.copy()
    shown.thumbnail((DISPLAY_SIZE, DISPLAY_SIZE), Image.Resampling.BILINEAR)
    return DecodedImage(request, image, np.array(shown, dtype=np.uint8, order="C"))


def top_k(logits: torch.Tensor, names: tuple[str, ...], k: int = 5) -> list[tuple[str, float]]:
    """The ``k`` most probable classes as ``(name, probability)``, most probable first."""
    probs = torch.softmax(logits.detach().float().reshape(-1), dim=0)
    values, indices = probs.topk(min(k, probs.numel()))
    out = []
    for p, i in zip(values.cpu().tolist(), indices.cpu().tolist()):
        out.append((names[i] if i < len(names) else tr("class {index}").format(index=i), float(p)))
    return out


def run_capture(model: ModelResult, image: DecodedImage, explain: ExplainWish | None = None) -> CaptureResult:
    """Preprocess ``image`` for ``model`` and record every layer's output; with ``explain``, also the maps
    wished for, from the same forward (one backward more, instead of another forward and backward)."""
    start = time.perf_counter()
    loaded = model.loaded
    spec = loaded.info.input
    x = preprocess(image.image, spec).to(loaded.device)
    scripted = isinstance(loaded.module, torch.jit.ScriptModule)
    if scripted or (explain is not None and explain.method not in CAM_METHODS):
        explain = None
    explained = None
    with model.lock:
        try:
            cap = capture(loaded.module, x, graph_keys=explain.layers if explain else ())
        except RuntimeError as exc:  # a TorchScript model's own code refusing the input cnnviz gave it
            if not scripted or isinstance(exc, torch.cuda.OutOfMemoryError):
                raise
            raise input_refused(str(loaded.name), x.shape[1:], exc) from exc
        if explain is not None:
            explained = _explain(cap, explain)
    top = top_k(cap["output"], loaded.info.class_names)
    view = model_view(image.image, spec)
    total = (time.perf_counter() - start) * 1e3
    return CaptureResult(image.request, model, image.display, view, cap, top,
                         cap.forward_seconds * 1e3, total, explained)


def _explain(cap: Capture, wish: ExplainWish) -> Explained | None:
    """The wished maps from the capture's graph; None where that cannot be (the dock then asks the usual way,
    which reports the reason): a class out of range, a backward the model's in-place code refuses."""
    try:
        run = capture_pass(cap, wish.target)
    except (CnnvizError, RuntimeError) as exc:
        if isinstance(exc, torch.cuda.OutOfMemoryError):
            raise
        return None
    finally:
        cap.extras.pop("graph", None)
    return None if run is None else Explained(wish, run)


def is_spatial(act: torch.Tensor | None) -> bool:
    """Whether an activation is ``[1, C, H, W]``, something a mosaic can show."""
    return act is not None and act.dim() == 4 and act.shape[0] == 1 and act.numel() > 0


def render_mosaic(job: MosaicJob) -> MosaicResult:
    """Normalise and tile the job's activation on its device; one uint8 image comes back."""
    mosaic = render.feature_mosaic(job.act, normalize=job.normalize, order=job.order)
    return MosaicResult(job.key, mosaic, tuple(job.act.shape[1:]), job.normalize, job.order)


def rgb(view: np.ndarray) -> np.ndarray:
    """A uint8 picture as H x W x 3 (grey pictures repeated on three channels)."""
    return np.ascontiguousarray(np.repeat(view[..., None], 3, axis=2) if view.ndim == 2 else view)


def render_channel(job: ChannelJob) -> ChannelResult:
    """One channel at its own resolution, and upsampled over the network's input picture."""
    heat = render.channel_image(job.act, job.channel, signed_scale=job.scale)
    plane = job.act[0, job.channel]
    over = render.overlay(rgb(job.view), plane, cmap=job.cmap, alpha=0.55)
    return ChannelResult(job.key, job.channel, heat, over)
