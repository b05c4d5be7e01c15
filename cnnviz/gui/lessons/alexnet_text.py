"""The AlexNet lesson's words around its numbers: the table of steps and errors, the ratio sentence and the max-pool
sizes, as rich text for the page's labels (every piece of outside text escaped)."""

from __future__ import annotations

import html
from collections.abc import Sequence

from ...core.i18n import translator
from ...core.lessons.choice_runs import PoolFacts, StepsComparison
from ...core.training.optimizers import TrainConfig
from .training_plots import colour

tr = translator(__name__)

__all__ = ["pools_html", "results_html", "setup_text"]


def _size(size: tuple[int, int]) -> str:
    return "×".join(str(n) for n in size)


def setup_text(config: TrainConfig, train_images: int | None) -> str:
    """How both nets of a pair are trained, in one sentence."""
    data = (tr("all the training digits") if train_images is None
            else tr("the first {n} training digits").format(n=train_images))
    return tr("Both nets: {epochs} epochs of SGD (momentum {momentum:g}, learning rate {lr:g}) in batches of "
              "{batch}, on {data}.").format(epochs=config.epochs, momentum=config.momentum, lr=config.lr,
                                            batch=config.batch_size, data=data)


def results_html(key: str, labels: Sequence[str], steps: StepsComparison, target: int,
                 errors: Sequence[tuple[float, float]] | None, sizes: tuple[int, int] | None) -> str:
    """The table (steps to the target, eval-mode errors and gap per run) and the sentences under it.

    ``target`` is in percent; ``errors`` is ``None`` until the runs have ended; ``sizes`` are the numbers of
    training and validation images the errors were counted on.
    """
    head = "".join(f"<th align='right'>&nbsp;{html.escape(t)}</th>" for t in (
        tr("steps to {value} %").format(value=target), tr("training error"), tr("validation error"), tr("gap")))
    rows = []
    for i, label in enumerate(labels):
        r, g, b = colour(i)
        cells = [str(steps.steps[i]) if steps.steps[i] is not None else "–"]
        if errors is not None:
            train, val = errors[i]
            cells += [f"{100 * train:.1f} %", f"{100 * val:.1f} %", f"{100 * (val - train):+.1f} %"]
        else:
            cells += ["…"] * 3
        rows.append(f"<tr><td><b style='color: rgb({r},{g},{b})'>{html.escape(label)}</b></td>"
                    + "".join(f"<td align='right'>{c}</td>" for c in cells) + "</tr>")
    text = f"<table cellspacing='2'><tr><th></th>{head}</tr>{''.join(rows)}</table>"
    text += "<p>" + html.escape(ratio_text(key, labels, steps, target)) + "</p>"
    if errors is not None and sizes is not None:
        text += "<p>" + html.escape(tr(
            "Errors counted after training, with dropout off (eval mode), on the {train} training and {val} "
            "validation digits; the gap is the validation error minus the training error.").format(
            train=sizes[0], val=sizes[1])) + "</p>"
    return text


def ratio_text(key: str, labels: Sequence[str], steps: StepsComparison, target: int) -> str:
    """How many times the second run's steps to the target the first one's were (or who has not got there)."""
    a, b = labels
    if steps.ratio is None:
        missing = [label for label, s in zip(labels, steps.steps) if s is None]
        return tr("Not below {target} % yet: {runs}.").format(target=target, runs=", ".join(missing))
    text = tr("{b} needed {ratio:.2f}× the steps {a} needed to get below {target} %.").format(
        a=a, b=b, ratio=steps.ratio, target=target)
    if key == "activation":
        text += " " + tr("The paper: tanh needed about 6× as many as ReLU to reach 25 % on CIFAR-10.")
    return text


def pools_html(labels: Sequence[str], pairs: Sequence[Sequence[PoolFacts]], model: str,
               model_pools: Sequence[PoolFacts]) -> str:
    """Each run's max-pools, then those of the model shown beside what a 2x2 pool of stride 2 would give."""
    lines = []
    if len(pairs) > 1 and all(facts == pairs[0] for facts in pairs):  # the same pools: say them once
        labels, pairs = [tr("both nets")], pairs[:1]
    for label, facts in zip(labels, pairs):
        parts = [tr("{name} {inp} → {out} ({k}×{k}, stride {s}, overlap {o})").format(
            name=f.name, inp=_size(f.input_size), out=_size(f.output_size), k=f.kernel, s=f.stride, o=f.overlap)
            for f in facts]
        lines.append(f"<b>{html.escape(label)}</b>: " + html.escape("; ".join(parts)))
    if model_pools:
        lines.append("<b>" + html.escape(tr("Max-pools of {model}:").format(model=model)) + "</b>")
        lines += [html.escape(tr("{name}: {inp} → {out} ({k}×{k}, stride {s}); a 2×2 pool, stride 2: {two}").format(
            name=f.name, inp=_size(f.input_size), out=_size(f.output_size), k=f.kernel, s=f.stride,
            two=_size(f.size_with_2x2))) for f in model_pools]
    return "<br>".join(lines)
