"""Several trainings at once in one thread: one step of each run in turn, so that they can be watched side by side.

:func:`side_by_side` drives one :func:`cnnviz.core.training.loop.train` generator per run, round robin, in the
calling thread, and yields ``(run index, Progress)``. A run that ends (``done``, or an ``error`` record when its
loss stops being finite, or a user-caused error raised inside it) drops out; the others go on. All runs share
one :class:`TrainControl`, so a pause holds them all and a stop ends them all (each gives its ``done`` record
with ``stopped=True``).

Each run draws its random numbers (dropout masks, for instance) from its own copy of torch's global generator,
taken when :func:`side_by_side` is called, and the caller's generator is left as it was: interleaving changes
nothing, so each run gives exactly what it gives trained alone after the same ``torch.manual_seed``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import torch
from torch import Tensor, nn

from ..analysis.gradient_stats import GradientRecord
from ..device import resolve_device
from ..errors import CnnvizError, user_message
from ..i18n import translator
from ..inputs.datasets import DatasetSplit
from .loop import GRADIENTS_EVERY, Progress, TrainControl, train
from .optimizers import TrainConfig

__all__ = ["side_by_side"]

tr = translator(__name__)

Run = tuple[nn.Module, DatasetSplit, TrainConfig]


class _RandomState:
    """One run's own copy of torch's global generators (CPU and the CUDA devices it trains on)."""

    def __init__(self, cuda: Sequence[torch.device]) -> None:
        self.cuda = list(cuda)
        self.cpu: Tensor = torch.get_rng_state()
        self.gpu: list[Tensor] = [torch.cuda.get_rng_state(d) for d in self.cuda]

    def swap(self) -> None:
        """Put this run's state in torch's generators and keep theirs (call again to swap back)."""
        cpu, gpu = torch.get_rng_state(), [torch.cuda.get_rng_state(d) for d in self.cuda]
        torch.set_rng_state(self.cpu)
        for d, state in zip(self.cuda, self.gpu):
            torch.cuda.set_rng_state(state, d)
        self.cpu, self.gpu = cpu, gpu


def _cuda_devices(runs: Sequence[Run]) -> list[torch.device]:
    devices = {resolve_device(config.device) for _, _, config in runs if config is not None}
    return sorted((d for d in devices if d.type == "cuda"), key=str)


def _error(last: Progress | None, config: TrainConfig, message: str) -> Progress:
    """The ``error`` record of a run that raised a user-caused error (say, out of GPU memory) after ``last``."""
    if last is None:
        return Progress("error", 0, 1, config.epochs, 0, message=message)
    return Progress("error", last.step, last.epoch, last.epochs, last.total_steps, elapsed=last.elapsed,
                    message=message)


def side_by_side(
    runs: Sequence[Run],
    *,
    control: TrainControl | None = None,
    gradients: Callable[[int, GradientRecord], None] | None = None,
    gradients_every: int = GRADIENTS_EVERY,
) -> Iterator[tuple[int, Progress]]:
    """Train several models at once, one step of each in turn, in the calling thread.

    Parameters
    ----------
    runs
        ``(module, split, config)`` per run, as for :func:`~cnnviz.core.training.loop.train` (a ``None``
        config is ``TrainConfig()``). Each module is trained in place; its modules' train/eval flags are
        restored at the end, as :func:`train` does.
    control
        Pause / resume / stop flags shared by every run, checked before each step.
    gradients
        Called as ``gradients(run index, record)`` right after the backward of step 1 and of every
        ``gradients_every``-th step of each run. ``None``: nothing recorded.
    gradients_every
        Steps between two gradient records of a run.

    Returns
    -------
    Iterator[tuple[int, Progress]]
        ``(run index, record)``: each run's ``step`` records interleaved (one of each run in turn while all
        go on), its ``epoch`` records, and its final ``done`` or ``error`` record, after which it drops out.
        A :class:`~cnnviz.core.errors.CnnvizError` (or running out of GPU memory) raised inside a run becomes
        that run's ``error`` record; any other exception (a bug) propagates. Closing the iterator closes
        every run.

    Raises
    ------
    CnnvizError
        At once, for bad settings or a model that does not fit its data (as :func:`train` does), or when
        ``runs`` is empty.

    Examples
    --------
    >>> for i, record in side_by_side([(plain, split, config), (residual, split, config)]):  # doctest: +SKIP
    ...     print(i, record.kind, record.step, record.loss)
    """
    runs = [(module, split, config or TrainConfig()) for module, split, config in runs]
    if not runs:
        raise CnnvizError(tr("side-by-side training needs at least one run"))
    control = control or TrainControl()
    cuda = _cuda_devices(runs)
    states = [_RandomState(cuda) for _ in runs]
    generators = []
    for i, (module, split, config) in enumerate(runs):
        report = None if gradients is None else _reporter(gradients, i)
        generators.append(train(module, split, config, control=control, gradients=report,
                                gradients_every=gradients_every))
    return _round_robin(runs, generators, states)


def _reporter(gradients: Callable[[int, GradientRecord], None], index: int) -> Callable[[GradientRecord], None]:
    def report(record: GradientRecord) -> None:
        gradients(index, record)

    return report


def _round_robin(runs: list[Run], generators: list[Iterator[Progress]], states: list[_RandomState]
                 ) -> Iterator[tuple[int, Progress]]:
    active = list(range(len(runs)))
    last: list[Progress | None] = [None] * len(runs)
    try:
        while active:
            for i in list(active):
                record = _next(generators[i], states[i], last[i], runs[i][2])
                if record is None or record.kind in ("done", "error"):
                    active.remove(i)
                    generators[i].close()
                if record is not None:
                    last[i] = record
                    yield i, record
    finally:
        for generator in generators:
            generator.close()


def _next(generator: Iterator[Progress], state: _RandomState, last: Progress | None, config: TrainConfig
          ) -> Progress | None:
    """The run's next record, drawn with its own random state; None when it has ended."""
    state.swap()
    try:
        return next(generator, None)
    except Exception as exc:
        message = user_message(exc)
        if message is None:
            raise
        return _error(last, config, message)
    finally:
        state.swap()
