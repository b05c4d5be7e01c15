"""``cnnviz train``: train a model on a dataset from the command line, with a progress bar per epoch.

    cnnviz train --model mnist_inception --dataset digits --epochs 10 --out mnist_inception.safetensors

The model starts from random weights (``--weights none``, the default) or from ``default`` / a file;
when the dataset has another number of classes, the classifier layer is replaced to fit. The result
is a cnnviz checkpoint (``--out``, default ``<model>-<dataset>.safetensors``) plus a JSON of the
settings and history beside it; ``cnnviz --model CKPT.safetensors`` opens it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import IO

import torch
from torch import nn

from ..core.inputs.datasets import DATASET_NAMES
from ..core.errors import CnnvizError
from ..core.training.optimizers import OPTIMIZERS, SCHEDULERS, TrainConfig
from ..core.i18n import translator
from ..core.spec import ModelInfo
from .common import (TRUST_CODE_HELP, input_arguments, input_description, print_notes, transform_input_argument,
                     transform_input_of)

tr = translator(__name__)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Add ``cnnviz train``'s options to a (sub)parser."""
    p.add_argument("--model", "-m", required=True,
                   help=tr("a built-in model name, a cnnviz checkpoint, timm/NAME or FILE.py:NAME (with --trust-code)"))
    p.add_argument("--trust-code", action="store_true", help=tr(TRUST_CODE_HELP))
    input_arguments(p)
    p.add_argument("--dataset", required=True, metavar="|".join(DATASET_NAMES) + "|DIR",
                   help=tr("a dataset name, or a folder with one sub-folder of images per class"))
    p.add_argument("--weights", "-w", default="none", help=tr("start from: none (random, default) | default | a file"))
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--optimizer", choices=OPTIMIZERS, default="adam")
    p.add_argument("--lr", type=float, default=None, help=tr("learning rate (default: 1e-3, 0.01 for sgd)"))
    p.add_argument("--momentum", type=float, default=0.9, help=tr("for sgd and rmsprop"))
    p.add_argument("--nesterov", action="store_true", help=tr("Nesterov momentum (sgd)"))
    p.add_argument("--weight-decay", type=float, default=0.0)
    p.add_argument("--scheduler", choices=SCHEDULERS, default="none")
    p.add_argument("--flip", action="store_true", help=tr("augment: random horizontal flips"))
    p.add_argument("--crop", action="store_true", help=tr("augment: random crops of padded images"))
    p.add_argument("--pca-color", action="store_true", help=tr("augment: AlexNet's PCA colour jitter"))
    p.add_argument("--val-fraction", type=float, default=0.2, help=tr("share of each class kept for validation"))
    p.add_argument("--data-root", default=None, help=tr("where mnist/fashion-mnist/cifar10 are downloaded"))
    p.add_argument("--device", "-d", default="auto", help="auto | cpu | cuda[:N] | mps")
    p.add_argument("--seed", type=int, default=0, help=tr("seeds the initial weights, the split and the batch order"))
    transform_input_argument(p)
    p.add_argument("--out", "-o", default=None, help=tr("CKPT.safetensors (default: <model>-<dataset>.safetensors)"))


def run(args: argparse.Namespace) -> int:
    """Run ``cnnviz train``; user-caused errors raise CnnvizError (the CLI prints one line, exit 2)."""
    from ..core.inputs.datasets import load_dataset
    from ..core.training.loop import save_run, train

    config = _config(args)  # first: it checks the seed too
    out = _output_path(args)
    torch.manual_seed(config.seed)
    arch, info, base = _model_info(args)
    split = load_dataset(args.dataset, spec=info.input, split_seed=args.seed, val_fraction=args.val_fraction,
                         progress=_StageBar(), root=args.data_root)
    for note in split.notes:
        print(f"cnnviz: {split.name}: {note}", file=sys.stderr)
    model = _model_for(arch, base, args.weights, len(split.class_names), len(info.class_names))
    if base is None:  # built from scratch here: a forced transform_input applies to it too
        from ..core.models.notes import force_transform_input

        note = force_transform_input(model, arch, transform_input_of(args), None, "")
        print_notes([note] if note else [])
    print(tr("training {arch} on {dataset}: {train} training and {val} validation images, {classes} classes").format(
        arch=arch, dataset=split.name, train=len(split.train), val=len(split.val), classes=len(split.class_names)),
        file=sys.stderr)
    start = time.perf_counter()
    bar = EpochBar()
    history = []
    for record in train(model, split, config):
        bar(record)
        if record.kind == "error":
            raise CnnvizError(record.message)
        if record.kind in ("epoch", "done"):
            history.append(record)
    seconds = time.perf_counter() - start
    final = history[-1]
    save_run(model, arch, out, config, history, split.class_names, dataset=_dataset_label(args.dataset))
    print(tr("validation accuracy {accuracy} (loss {loss}) after {epochs} epoch(s) in {seconds} s").format(
        accuracy=f"{final.val_accuracy:.2%}", loss=f"{final.val_loss:.4f}", epochs=config.epochs,
        seconds=f"{seconds:.1f}"))
    print(tr("wrote {path} and {json}").format(path=out, json=out.with_suffix(".json").name), file=sys.stderr)
    return 0


def _config(args: argparse.Namespace) -> TrainConfig:
    return TrainConfig(epochs=args.epochs, batch_size=args.batch_size, optimizer=args.optimizer, lr=args.lr,
                       momentum=args.momentum, nesterov=args.nesterov, weight_decay=args.weight_decay,
                       scheduler=args.scheduler, flip=args.flip, crop=args.crop, pca_color=args.pca_color,
                       device=args.device, seed=args.seed).validated()


def _dataset_label(dataset: str) -> str:
    key = str(dataset).strip().lower()
    return key if key in DATASET_NAMES else Path(dataset).name


def _output_path(args: argparse.Namespace) -> Path:
    """``--out`` (or the default name), with its JSON beside it, checked writable now rather than after training."""
    from ..core.training.checkpoints import check_run_paths

    out = Path(args.out) if args.out else Path(f"{Path(args.model).stem}-{_dataset_label(args.dataset)}.safetensors")
    return check_run_paths(out)


def _model_info(args: argparse.Namespace) -> tuple[str, ModelInfo, nn.Module | None]:
    """The architecture name, its input contract, and the loaded module unless starting from scratch."""
    from ..core.models import zoo
    from ..core.models.loader import load_model

    weights = str(args.weights).strip().lower()
    if args.model in zoo.COURSE_MODELS or args.model in zoo.torchvision_names():
        if weights == "none":
            return args.model, zoo.model_info(args.model), None
    loaded = load_model(args.model, args.weights, device="cpu", transform_input=transform_input_of(args),
                        trust_code=args.trust_code, **input_description(args))
    print_notes(loaded.notes)
    return loaded.info.name, loaded.info, loaded.module


def _model_for(arch: str, base: nn.Module | None, weights: str, num_classes: int, outputs: int) -> nn.Module:
    """A fresh model with ``num_classes`` outputs, or ``base`` (``outputs`` classes) with its classifier fitted
    to them."""
    from ..core.models import zoo
    from ..core.training.loop import fit_classifier

    if base is None:
        return zoo.build_model(arch, num_classes=num_classes)
    if outputs == num_classes:
        return base
    try:
        fitted = fit_classifier(base, num_classes)
    except CnnvizError:
        if arch in zoo.COURSE_MODELS or arch in zoo.torchvision_names():
            raise  # its --weights none builds it with the dataset's classes
        gives = tr("{count} class scores").format(count=outputs) if outputs else tr("no class scores")
        raise CnnvizError(tr("cannot train {arch} on {classes} classes: it gives {gives} and has no final "
                             "nn.Linear to replace; end it with one of {classes} outputs").format(
                                 arch=arch, classes=num_classes, gives=gives)) from None
    if fitted:
        print("cnnviz: " + tr("replaced the classifier of {arch} ({weights}) by a new one with {classes} outputs")
              .format(arch=arch, weights=weights, classes=num_classes), file=sys.stderr)
    return base


class _StageBar:
    """Draws a download/reading progress bar per stage of ``load_dataset``."""

    def __init__(self) -> None:
        self.stage = ""
        self.draw = None

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        from ..core.models.download import cli_progress_bar

        if stage != self.stage:
            self.stage, self.draw = stage, cli_progress_bar(stage)
        if stage.startswith("downloading"):
            self.draw(done, total)


class EpochBar:
    """A one-line progress bar per epoch on stderr, redrawn at most ten times a second."""

    def __init__(self, stream: IO[str] | None = None, width: int = 24) -> None:
        self.stream, self.width, self.last = stream, width, 0.0

    def __call__(self, record) -> None:
        out = self.stream if self.stream is not None else sys.stderr
        if record.kind == "step":
            now = time.monotonic()
            per_epoch = record.total_steps // record.epochs
            done = record.step - (record.epoch - 1) * per_epoch
            if now - self.last < 0.1 and done < per_epoch:
                return
            self.last = now
            out.write("\r" + self._line(record, done, per_epoch))
        elif record.kind == "epoch":
            per_epoch = record.total_steps // record.epochs
            out.write("\r" + self._line(record, per_epoch, per_epoch) + " | " +
                      tr("val loss {loss} acc {accuracy}").format(loss=f"{record.val_loss:.4f}",
                                                                 accuracy=f"{record.val_accuracy:6.2%}") + "\n")
        elif record.kind == "error":
            out.write("\n")
        out.flush()

    def _line(self, record, done: int, total: int) -> str:
        filled = int(round(self.width * done / max(total, 1)))
        bar = "#" * filled + "." * (self.width - filled)
        eta = "" if record.eta_seconds != record.eta_seconds else " " + tr("eta {clock}").format(
            clock=_clock(record.eta_seconds))
        rate = ("" if record.samples_per_second != record.samples_per_second
                else " " + tr("{rate} img/s").format(rate=f"{record.samples_per_second:5.0f}"))
        return tr("epoch {epoch}/{epochs} [{bar}] {done}/{total} loss {loss} acc {accuracy}").format(
            epoch=record.epoch, epochs=record.epochs, bar=bar, done=done, total=total, loss=f"{record.loss:.4f}",
            accuracy=f"{record.accuracy:6.2%}") + rate + eta


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"
