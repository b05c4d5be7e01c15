"""A Qt-free training loop: a generator of progress records that can be paused, resumed and stopped.

``train(model, split, config)`` returns an iterator of :class:`Progress` records (``step`` after
every optimiser step, ``epoch`` after each validation, then one ``done``; or an ``error`` record,
after which it stops, when the training or the validation loss stops being finite: a diverged run
is never reported as done). :class:`Trainer` runs the same loop in a worker thread with
``pause()`` / ``resume()`` / ``stop()`` checked between steps. The model is in training mode during
steps and in eval mode for validation; each module's own mode is restored at the end, whatever
happens. Only floats are kept between steps, so memory does not grow. On request (``gradients=``)
the loop also reports each layer's gradient norm after the backward of step 1 and of every
``gradients_every``-th step (:class:`~cnnviz.core.analysis.gradient_stats.GradientRecord`).

:func:`save_run` (from :mod:`cnnviz.core.training.checkpoints`) writes a checkpoint and a JSON file of the
run's settings and history beside it, atomically. Settings, optimisers and schedules are in
:mod:`cnnviz.core.training.optimizers`; augmentation (and :func:`augmented_batch`) in :mod:`cnnviz.core.inputs.augment`.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from typing import Any

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from ..analysis.gradient_stats import GradientRecord, GradientRecorder, forward_order
from ..inputs.augment import augmented_batch, augmenter_for
from ..capture.records import Capture, logits_of
from ..capture.run import capture
from ..inputs.datasets import DatasetSplit
from ..device import resolve_device
from ..errors import CnnvizError, reason
from ..i18n import translator
from .checkpoints import save_run
from .optimizers import TrainConfig, build_optimizer, build_scheduler, step_scheduler

tr = translator(__name__)

__all__ = ["GRADIENTS_EVERY", "GradientRecord", "Progress", "TrainConfig", "TrainControl", "Trainer", "augmented_batch",
           "fit_classifier", "save_run", "train", "training_loss"]

GOOGLENET_AUX_WEIGHT = 0.3  # torchvision's references: loss = main + 0.3 * (aux1 + aux2)
INCEPTION_AUX_WEIGHT = 0.4  # loss = main + 0.4 * aux
GRADIENTS_EVERY = 10  # steps between two gradient-norm records (when asked for)
_NAN = float("nan")


@dataclass(frozen=True)
class Progress:
    """One report from the training loop (plain floats: holding it keeps no tensor alive).

    ``kind`` is ``"step"`` (``loss``/``accuracy`` of that batch), ``"epoch"`` (means over the epoch
    and the validation results), ``"done"`` (the last epoch's figures; ``stopped`` when the user
    stopped it) or ``"error"`` (``message`` says what went wrong and at which step).
    """

    kind: str
    step: int
    epoch: int
    epochs: int
    total_steps: int
    loss: float = _NAN
    accuracy: float = _NAN
    val_loss: float = _NAN
    val_accuracy: float = _NAN
    lr: float = _NAN
    samples_per_second: float = _NAN
    eta_seconds: float = _NAN
    elapsed: float = 0.0
    stopped: bool = False
    message: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The record as JSON-ready values (NaN becomes ``None``)."""
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = None if isinstance(value, float) and not math.isfinite(value) else value
        return out


class TrainControl:
    """Thread-safe pause / resume / stop flags, checked by the loop between steps."""

    def __init__(self) -> None:
        self._running = threading.Event()
        self._running.set()
        self._stop = threading.Event()

    def pause(self) -> None:
        """Hold the loop before its next step (it blocks until resumed or stopped)."""
        if not self._stop.is_set():
            self._running.clear()

    def resume(self) -> None:
        """Let a paused loop go on."""
        self._running.set()

    def stop(self) -> None:
        """End the loop before its next step (also wakes a paused loop)."""
        self._stop.set()
        self._running.set()

    @property
    def paused(self) -> bool:
        """Whether a pause is in effect."""
        return not self._running.is_set()

    @property
    def stopped(self) -> bool:
        """Whether a stop was asked for."""
        return self._stop.is_set()

    def wait(self) -> bool:
        """Block while paused; return whether the loop must stop."""
        self._running.wait()
        return self._stop.is_set()


def training_loss(output: Any, target: Tensor) -> tuple[Tensor, Tensor]:
    """Cross-entropy of a model's training-mode output, with auxiliary heads weighted as torchvision's references.

    Returns
    -------
    tuple of torch.Tensor
        ``(loss, main_logits)``. GoogLeNet's ``GoogLeNetOutputs`` gives ``main + 0.3 * (aux1 + aux2)``;
        Inception-v3's ``InceptionOutputs`` gives ``main + 0.4 * aux``; heads that are ``None`` are left out.
    """
    logits = logits_of(output)
    loss = F.cross_entropy(logits, target)
    if isinstance(output, Tensor):
        return loss, logits
    googlenet_aux = [getattr(output, k, None) for k in ("aux_logits1", "aux_logits2")]
    if any(a is not None for a in googlenet_aux):
        loss = loss + GOOGLENET_AUX_WEIGHT * sum(F.cross_entropy(a, target) for a in googlenet_aux if a is not None)
    elif getattr(output, "aux_logits", None) is not None:
        loss = loss + INCEPTION_AUX_WEIGHT * F.cross_entropy(output.aux_logits, target)
    return loss, logits


def fit_classifier(module: nn.Module, num_classes: int) -> bool:
    """Replace the final linear layer (and GoogLeNet/Inception-v3 auxiliary ones) to give ``num_classes`` outputs.

    Returns
    -------
    bool
        Whether anything was replaced (``False`` when the outputs already fit).

    Raises
    ------
    CnnvizError
        When the model's classifier is not a linear layer (SqueezeNet's is a convolution).
    """
    linears = [(path, m) for path, m in module.named_modules() if isinstance(m, nn.Linear)]
    if not linears:
        raise CnnvizError(tr("cannot fit {model} to {count} classes: its classifier is not a linear layer; train it "
                             "from scratch with --weights none").format(model=type(module).__name__, count=num_classes))
    last_path, last = linears[-1]
    if last.out_features == num_classes:
        return False
    aux = ("aux1.", "aux2.", "AuxLogits.")
    for path, old in linears:
        if path == last_path or (path.startswith(aux) and old.out_features == last.out_features):
            new = nn.Linear(old.in_features, num_classes, bias=old.bias is not None)
            new.to(old.weight.device, old.weight.dtype)
            parent, _, leaf = path.rpartition(".")
            setattr(module.get_submodule(parent) if parent else module, leaf, new)
    return True


def train(
    model: nn.Module | Any,
    split: DatasetSplit,
    config: TrainConfig | None = None,
    *,
    control: TrainControl | None = None,
    probe: Callable[[Capture], None] | None = None,
    probe_input: Tensor | None = None,
    gradients: Callable[[GradientRecord], None] | None = None,
    gradients_every: int = GRADIENTS_EVERY,
) -> Iterator[Progress]:
    """Train ``model`` on ``split``; iterate the result to run it.

    Parameters
    ----------
    model
        An ``nn.Module`` (or a :class:`~cnnviz.core.models.loader.LoadedModel`). It is moved to the
        configured device and trained in place; its modules' train/eval flags are restored at the end.
    split
        The data, shaped for this model (:func:`cnnviz.core.inputs.datasets.load_dataset`).
    config
        Settings; ``TrainConfig()`` when ``None``.
    control
        Pause/resume/stop flags checked before every step (and between validation batches).
    probe
        Called in the training thread with ``capture(model, probe_input)`` before the first step and
        every ``config.probe_every`` steps; ``capture.extras`` holds ``step`` and ``epoch``.
    probe_input
        ``[1, C, H, W]`` normalised input for the probe (default: the first validation image).
    gradients
        Called in the training thread, right after the backward of step 1 and of every
        ``gradients_every``-th step, with the per-layer norms of the ``.grad`` it left (layers in
        forward order; computed on the device, one transfer per record). ``None``: nothing recorded.
    gradients_every
        Steps between two gradient records (a whole number >= 1).

    Returns
    -------
    Iterator[Progress]
        ``step`` records, an ``epoch`` record per epoch, then ``done``; or a final ``error`` record.

    Raises
    ------
    CnnvizError
        Raised at once for bad settings, or when the model does not fit the data (its inputs or its
        number of outputs); exceptions from inside the loop propagate from the iterator.
    """
    config = (config or TrainConfig()).validated()
    module = getattr(model, "module", model)
    if not isinstance(module, nn.Module):
        raise CnnvizError(tr("train needs a torch.nn.Module, not {type}").format(type=type(module).__name__))
    device = resolve_device(config.device)
    modes = [(m, m.training) for m in module.modules()]
    module.to(device)
    _check_fit(module, split, device, modes)
    if probe is not None and probe_input is None:
        probe_input = split.val.get_batch(torch.tensor([0]))[0]
    loop = _Loop(module, split, config, device, control or TrainControl(), probe, probe_input)
    if gradients is not None:
        if isinstance(gradients_every, bool) or not isinstance(gradients_every, int) or gradients_every < 1:
            raise CnnvizError(f"gradients_every must be a whole number >= 1, not {gradients_every!r}")
        loop.gradients, loop.gradients_every = gradients, gradients_every
        loop.recorder = _recorder(module, split, device, modes)
    return _restoring(loop.run(), modes)


def _restoring(records: Iterator[Progress], modes: list[tuple[nn.Module, bool]]) -> Iterator[Progress]:
    """Yield ``records``; put every module back in its original mode when done, stopped or closed."""
    try:
        yield from records
    finally:
        for m, training in modes:
            m.training = training


def _check_fit(module: nn.Module, split: DatasetSplit, device: torch.device, modes) -> None:
    """One eval-mode forward of two validation images: inputs accepted, one output per class."""
    x = split.val.get_batch(torch.arange(min(2, len(split.val))))[0].to(device)
    module.eval()
    try:
        with torch.no_grad():
            out = logits_of(module(x))
    except torch.cuda.OutOfMemoryError:
        raise
    except RuntimeError as exc:
        message = (tr("the model does not accept {dataset} images of shape {shape}: {why}") if split.name else
                   tr("the model does not accept the images of shape {shape}: {why}"))
        raise CnnvizError(message.format(dataset=split.name, shape=tuple(x.shape[1:]), why=reason(exc, 160))) from exc
    finally:
        for m, training in modes:
            m.training = training
    if out.dim() != 2 or out.shape[1] != len(split.class_names):
        raise CnnvizError(tr("the model has {outputs} outputs but the dataset has {classes} classes; build it with as "
                             "many outputs as classes").format(outputs=out.shape[-1], classes=len(split.class_names)))


def _recorder(module: nn.Module, split: DatasetSplit, device: torch.device, modes) -> GradientRecorder:
    """A recorder of the layers in the order an eval-mode forward of two validation images calls them."""
    x = split.val.get_batch(torch.arange(min(2, len(split.val))))[0].to(device)
    module.eval()
    try:
        return GradientRecorder(forward_order(module, x))
    finally:
        for m, training in modes:
            m.training = training


class _Loop:
    """The state of one run; ``run()`` is the generator behind :func:`train`."""

    def __init__(self, module: nn.Module, split: DatasetSplit, config: TrainConfig, device: torch.device,
                 control: TrainControl, probe, probe_input: Tensor | None) -> None:
        self.module, self.split, self.config, self.device, self.control = module, split, config, device, control
        self.probe = probe
        self.probe_input = probe_input.to(device) if probe_input is not None else None
        self.generator = torch.Generator().manual_seed(config.seed)
        self.augment = augmenter_for(split, config, self.generator)
        self.optimizer = build_optimizer(module.parameters(), config)
        n, b = len(split.train), config.batch_size
        self.steps_per_epoch = n // b if n > b else 1  # a last short batch is dropped
        self.total_steps = self.steps_per_epoch * config.epochs
        self.scheduler = build_scheduler(self.optimizer, config, self.steps_per_epoch)
        self.step = 0
        self.start = time.perf_counter()
        self.rate = _NAN
        self.last_epoch: Progress | None = None
        self.gradients: Callable[[GradientRecord], None] | None = None
        self.gradients_every = GRADIENTS_EVERY
        self.recorder: GradientRecorder | None = None

    def record(self, kind: str, epoch: int, **values: Any) -> Progress:
        elapsed = time.perf_counter() - self.start
        eta = elapsed / self.step * (self.total_steps - self.step) if self.step else _NAN
        return Progress(kind, self.step, epoch, self.config.epochs, self.total_steps,
                        lr=float(self.optimizer.param_groups[0]["lr"]), samples_per_second=self.rate,
                        eta_seconds=eta, elapsed=elapsed, **values)

    def run(self) -> Iterator[Progress]:
        self._probe(epoch=1)
        for epoch in range(1, self.config.epochs + 1):
            sums = [0.0, 0.0]
            for positions in self._batches():
                if self.control.wait():
                    yield self._finish(epoch, stopped=True)
                    return
                record = self._train_step(epoch, positions)
                yield record
                if record.kind == "error":
                    return
                sums[0] += record.loss
                sums[1] += record.accuracy
                if self.step % self.config.probe_every == 0:
                    self._probe(epoch)
            val = self._validate()
            if val is None:
                yield self._finish(epoch, stopped=True)
                return
            if not math.isfinite(val[0]):
                yield self._diverged(epoch, val[0], "val_loss")
                return
            step_scheduler(self.scheduler, self.config, per_epoch=True, val_loss=val[0])
            count = self.steps_per_epoch
            self.last_epoch = self.record("epoch", epoch, loss=sums[0] / count, accuracy=sums[1] / count,
                                          val_loss=val[0], val_accuracy=val[1])
            yield self.last_epoch
        yield self._finish(self.config.epochs, stopped=False)

    def _batches(self) -> Iterator[Tensor]:
        order = torch.randperm(len(self.split.train), generator=self.generator)
        size = min(self.config.batch_size, len(order))
        for i in range(self.steps_per_epoch):
            yield order[i * size:(i + 1) * size]

    def _train_step(self, epoch: int, positions: Tensor) -> Progress:
        tick = time.perf_counter()
        self.step += 1
        x, y = self.split.train.get_batch(positions)
        x, y = self.augment(x.to(self.device, non_blocking=True)), y.to(self.device, non_blocking=True)
        self.module.train()
        loss, logits = training_loss(self.module(x), y)
        loss_value = float(loss.detach())
        if not math.isfinite(loss_value):
            return self._diverged(epoch, loss_value, "loss")
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        if self.recorder is not None and (self.step == 1 or self.step % self.gradients_every == 0):
            self.gradients(self.recorder.record(self.step, epoch))
        self.optimizer.step()
        step_scheduler(self.scheduler, self.config, per_epoch=False)
        accuracy = float((logits.detach().argmax(1) == y).float().mean())
        rate = len(positions) / max(time.perf_counter() - tick, 1e-9)
        self.rate = rate if math.isnan(self.rate) else 0.9 * self.rate + 0.1 * rate
        return self.record("step", epoch, loss=loss_value, accuracy=accuracy)

    def _validate(self) -> tuple[float, float] | None:
        """Mean loss and accuracy on the validation set (eval mode), or None if stopped meanwhile."""
        val = self.split.val
        total_loss = torch.zeros((), device=self.device, dtype=torch.float64)
        correct = torch.zeros((), device=self.device, dtype=torch.int64)
        self.module.eval()
        with torch.no_grad():
            for start in range(0, len(val), self.config.batch_size):
                if self.control.stopped:
                    return None
                x, y = val.get_batch(torch.arange(start, min(start + self.config.batch_size, len(val))))
                x, y = x.to(self.device, non_blocking=True), y.to(self.device, non_blocking=True)
                logits = logits_of(self.module(x))
                total_loss += F.cross_entropy(logits, y, reduction="sum").double()
                correct += (logits.argmax(1) == y).sum()
        return float(total_loss) / len(val), float(correct) / len(val)

    def _diverged(self, epoch: int, value: float, what: str) -> Progress:
        """The ``error`` record for a loss (``what``: "loss" or "val_loss") that is no longer finite (the run ends
        with it, nothing saved)."""
        lr = self.optimizer.param_groups[0]["lr"]
        message = (tr("the loss became {value} at step {step} (epoch {epoch}); training stopped. The learning rate "
                      "({lr}) is probably too high") if what == "loss" else
                   tr("the validation loss became {value} after step {step} (epoch {epoch}); training stopped. The "
                      "learning rate ({lr}) is probably too high"))
        return self.record("error", epoch, **{what: value}, message=message.format(
            value=value, step=self.step, epoch=epoch, lr=f"{lr:g}"))

    def _probe(self, epoch: int) -> None:
        if self.probe is None or self.probe_input is None:
            return
        cap = capture(self.module, self.probe_input)
        cap.extras.update(step=self.step, epoch=epoch)
        self.probe(cap)

    def _finish(self, epoch: int, *, stopped: bool) -> Progress:
        last = self.last_epoch
        values = {} if last is None else {k: getattr(last, k) for k in ("loss", "accuracy", "val_loss",
                                                                        "val_accuracy")}
        message = (tr("stopped after step {step}") if stopped else tr("finished {step} steps")).format(step=self.step)
        return self.record("done", epoch, stopped=stopped, message=message, **values)


class Trainer:
    """Runs :func:`train` (typically in a worker thread) with thread-safe pause / resume / stop.

    Parameters
    ----------
    model, split, config, probe, probe_input, gradients, gradients_every
        As for :func:`train`.

    Attributes
    ----------
    history
        The ``epoch`` records so far, then the final ``done`` or ``error`` record.
    last
        The most recent record (``None`` before the first).
    """

    def __init__(self, model: nn.Module | Any, split: DatasetSplit, config: TrainConfig | None = None, *,
                 probe: Callable[[Capture], None] | None = None, probe_input: Tensor | None = None,
                 gradients: Callable[[GradientRecord], None] | None = None,
                 gradients_every: int = GRADIENTS_EVERY) -> None:
        self.model, self.split, self.config = model, split, config or TrainConfig()
        self.probe, self.probe_input = probe, probe_input
        self.gradients, self.gradients_every = gradients, gradients_every
        self.control = TrainControl()
        self.history: list[Progress] = []
        self.last: Progress | None = None

    def pause(self) -> None:
        """Hold before the next step."""
        self.control.pause()

    def resume(self) -> None:
        """Go on after a pause."""
        self.control.resume()

    def stop(self) -> None:
        """Finish before the next step (a ``done`` record with ``stopped=True`` ends the run)."""
        self.control.stop()

    @property
    def paused(self) -> bool:
        """Whether a pause is in effect."""
        return self.control.paused

    def __iter__(self) -> Iterator[Progress]:
        for record in train(self.model, self.split, self.config, control=self.control, probe=self.probe,
                            probe_input=self.probe_input, gradients=self.gradients,
                            gradients_every=self.gradients_every):
            self.last = record
            if record.kind != "step":
                self.history.append(record)
            yield record

    def run(self, on_progress: Callable[[Progress], None] | None = None) -> Progress | None:
        """Run to the end in the calling thread, passing every record to ``on_progress``; return the last."""
        for record in self:
            if on_progress is not None:
                on_progress(record)
        return self.last

