"""The training loop: learning, pause/resume/stop from another thread, NaN stop, aux heads, checkpoints, memory."""

from __future__ import annotations

import errno
import gc
import json
import math
import os
import threading
from pathlib import Path

import pytest
import torch
from torch import nn
from torchvision.models import GoogLeNetOutputs, InceptionOutputs

from cnnviz.core.models import zoo
from cnnviz.core.inputs.augment import Augmenter, pca_basis
from cnnviz.core.inputs.datasets import DatasetSplit, ImageDataset, load_dataset
from cnnviz.core.errors import CnnvizError
from cnnviz.core.models.loader import load_model
from cnnviz.core.spec import InputSpec
from cnnviz.core.training.loop import (
    Progress,
    TrainConfig,
    TrainControl,
    Trainer,
    augmented_batch,
    fit_classifier,
    save_run,
    train,
    training_loss,
)
from cnnviz.core.models.weights import read_checkpoint_metadata
from cnnviz.core.training.optimizers import build_optimizer

SMALL = InputSpec(1, (12, 12), None, (0.5,), (0.5,))


class TinyNet(nn.Module):
    def __init__(self, classes: int = 10, channels: int = 1) -> None:
        super().__init__()
        self.conv = nn.Conv2d(channels, 4, 3, padding=1)
        self.relu = nn.ReLU()
        self.pool = nn.AdaptiveAvgPool2d(3)
        self.flatten = nn.Flatten()
        self.fc = nn.Linear(36, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(self.flatten(self.pool(self.relu(self.conv(x)))))


class ExplodesAt(nn.Module):
    """TinyNet whose training-mode output becomes infinite from its ``at``-th training forward on."""

    def __init__(self, at: int) -> None:
        super().__init__()
        self.net, self.at, self.calls = TinyNet(), at, 0

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.net(x)
        if self.training:
            self.calls += 1
            if self.calls >= self.at:
                out = out * float("inf")
        return out


@pytest.fixture(autouse=True)
def _one_thread():
    """Tiny models run fastest on one thread (and do not suffer from a busy machine's other processes)."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="module")
def digits():
    return load_dataset("digits", spec=SMALL)


def _cfg(**kw) -> TrainConfig:
    base = {"epochs": 1, "batch_size": 16, "device": "cpu"}
    return TrainConfig(**{**base, **kw})


# --------------------------------------------------------------------------- learning

def test_loss_decreases_and_records_are_complete(digits) -> None:
    records = list(train(TinyNet(), digits.subset(256, 64), _cfg(epochs=3, lr=0.02)))
    steps = [r for r in records if r.kind == "step"]
    epochs = [r for r in records if r.kind == "epoch"]
    assert [r.step for r in steps] == list(range(1, 49))
    assert [r.kind for r in records[-2:]] == ["epoch", "done"] and len(epochs) == 3
    assert epochs[-1].val_loss < epochs[0].val_loss < 2.3
    assert sum(r.loss for r in steps[-8:]) < 0.8 * sum(r.loss for r in steps[:8])
    assert all(r.samples_per_second > 0 and r.eta_seconds >= 0 and r.lr == 0.02 for r in steps)
    assert steps[-1].eta_seconds == 0 and not records[-1].stopped
    assert records[-1].val_accuracy == epochs[-1].val_accuracy


def test_the_users_modes_are_restored(digits) -> None:
    model = TinyNet().eval()
    list(train(model, digits.subset(32, 8), _cfg()))
    assert not any(m.training for m in model.modules())
    model.train()
    model.relu.eval()
    list(train(model, digits.subset(32, 8), _cfg()))
    assert model.training and model.conv.training and not model.relu.training


@pytest.mark.parametrize("optimizer", ["sgd", "adam", "adamw", "rmsprop"])
def test_every_optimizer_updates_the_weights(digits, optimizer: str) -> None:
    model = TinyNet()
    before = model.fc.weight.detach().clone()
    config = _cfg(optimizer=optimizer, nesterov=optimizer == "sgd", weight_decay=1e-4)
    records = list(train(model, digits.subset(32, 8), config))
    assert records[-1].kind == "done" and not torch.equal(before, model.fc.weight)


def test_schedules_change_the_learning_rate(digits) -> None:
    small = digits.subset(32, 16)
    step = [r.lr for r in train(TinyNet(), small, _cfg(epochs=3, scheduler="step", lr=0.1)) if r.kind == "epoch"]
    assert step == pytest.approx([0.01, 0.001, 0.0001])
    cosine = [r.lr for r in train(TinyNet(), small, _cfg(epochs=2, scheduler="cosine", lr=0.1)) if r.kind == "step"]
    assert all(a > b for a, b in zip(cosine, cosine[1:])) and cosine[-1] == pytest.approx(0.0, abs=1e-12)
    flat = [r.lr for r in train(TinyNet(), small, _cfg(epochs=4, scheduler="plateau", lr=1e-12,
                                                       optimizer="sgd", momentum=0.0)) if r.kind == "epoch"]
    assert flat[:3] == pytest.approx([1e-12] * 3) and flat[3] == pytest.approx(1e-13)


@pytest.mark.parametrize(("kw", "message"), [
    ({"optimizer": "lbfgs"}, "unknown optimizer"),
    ({"scheduler": "cyclic"}, "unknown scheduler"),
    ({"lr": 0.0}, "learning rate"),
    ({"lr": float("nan")}, "learning rate"),
    ({"epochs": 0}, "epochs"),
    ({"batch_size": 0}, "batch size"),
    ({"nesterov": True, "optimizer": "adam"}, "Nesterov"),
    ({"nesterov": True, "optimizer": "sgd", "momentum": 0.0}, "Nesterov"),
    ({"device": "tpu"}, "unknown device"),
])
def test_bad_settings_are_refused_before_training(digits, kw: dict, message: str) -> None:
    with pytest.raises(CnnvizError, match=message):
        train(TinyNet(), digits.subset(16, 4), _cfg(**kw))


@pytest.mark.parametrize(("kw", "message"), [
    ({"optimizer": "sgd", "lr": 1e39}, r"learning rate must be a number in \(0, 1000\], not 1e\+39"),
    ({"optimizer": "adam", "lr": 1e38}, r"learning rate must be a number in \(0, 1000\]"),
    ({"lr": float("inf")}, r"learning rate .*not inf"),
    ({"lr": -0.1}, r"learning rate .*not -0.1"),
    ({"lr": True}, "learning rate"),
    ({"weight_decay": 1e39}, r"weight decay must be a number in \[0, 1\], not 1e\+39"),
    ({"weight_decay": float("nan")}, "weight decay .*not nan"),
    ({"weight_decay": -1.0}, "weight decay"),
    ({"momentum": float("nan")}, r"momentum must be a number in \[0, 1\), not nan"),
    ({"momentum": 1.0}, "momentum"),
    ({"momentum": -0.5}, "momentum"),
    ({"seed": 99999999999999999999999}, "seed must be a whole number from 0 to 18,446,744,073,709,551,615"),
    ({"seed": -1}, "seed"),
    ({"epochs": 10**11}, "epochs must be a whole number from 1 to 100,000"),
    ({"epochs": 2.5}, "epochs"),
    ({"batch_size": 10**10}, "batch size must be a whole number from 1 to 65,536"),
    ({"probe_every": 0}, "probe_every"),
])
def test_settings_torch_cannot_hold_are_refused_with_their_range(kw: dict, message: str) -> None:
    with pytest.raises(CnnvizError, match=message) as info:
        _cfg(**kw).validated()
    assert "\n" not in str(info.value)


def test_build_optimizer_refuses_what_the_dock_may_build() -> None:
    """The training dock builds TrainConfig itself: build_optimizer must not hand torch a value it cannot hold."""
    model = TinyNet()
    for config in (TrainConfig(optimizer="sgd", lr=1e39), TrainConfig(weight_decay=1e39),
                   TrainConfig(optimizer="adam", lr=1e38)):
        with pytest.raises(CnnvizError, match="learning rate|weight decay"):
            build_optimizer(model.parameters(), config)
    assert isinstance(build_optimizer(model.parameters(), TrainConfig(optimizer="sgd", lr=1000.0,
                                                                     weight_decay=1.0)), torch.optim.SGD)


def test_the_largest_settings_allowed_train_without_overflow(digits) -> None:
    for optimizer in ("sgd", "adam", "adamw", "rmsprop"):
        config = _cfg(optimizer=optimizer, lr=1000.0, weight_decay=1.0, seed=2**64 - 1)
        records = list(train(TinyNet(), digits.subset(32, 8), config))  # diverging is fine; raising is not
        assert records[-1].kind in ("done", "error")


def test_a_model_that_does_not_fit_the_data_is_refused(digits) -> None:
    with pytest.raises(CnnvizError, match="5 outputs but the dataset has 10 classes"):
        train(TinyNet(classes=5), digits, _cfg())
    with pytest.raises(CnnvizError, match="does not accept"):
        train(TinyNet(channels=3), digits, _cfg())


# --------------------------------------------------------------------------- divergence

def test_infinite_loss_stops_with_a_message_naming_the_step(digits) -> None:
    model = ExplodesAt(3).eval()
    records = list(train(model, digits.subset(160, 16), _cfg()))
    assert [r.kind for r in records] == ["step", "step", "error"]
    assert records[-1].step == 3 and "at step 3 (epoch 1)" in records[-1].message
    assert all(torch.isfinite(p).all() for p in model.parameters())
    assert not model.training


def test_a_huge_learning_rate_diverges_into_an_error_record(digits) -> None:
    records = list(train(TinyNet(), digits.subset(320, 16), _cfg(optimizer="sgd", lr=1000.0, momentum=0.0)))
    error = records[-1]
    assert error.kind == "error" and f"at step {error.step} " in error.message
    assert "learning rate (1000)" in error.message


class NanWhenEvaluated(nn.Module):
    """TinyNet that trains normally but whose eval-mode output (validation) is NaN from its ``at``-th on."""

    def __init__(self, at: int = 2) -> None:
        super().__init__()
        self.net, self.at, self.evaluations = TinyNet(), at, 0

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.net(x)
        if not self.training:
            self.evaluations += 1
            if self.evaluations >= self.at:  # the first one is train()'s fit check
                out = out * float("nan")
        return out


def test_a_non_finite_validation_loss_ends_the_run_with_an_error_record(digits) -> None:
    records = list(train(NanWhenEvaluated(), digits.subset(64, 16), _cfg(epochs=3)))
    error = records[-1]
    assert [r.kind for r in records] == ["step"] * 4 + ["error"]
    assert error.step == 4 and math.isnan(error.val_loss)
    assert "the validation loss became nan after step 4 (epoch 1); training stopped" in error.message
    assert not any(r.kind in ("epoch", "done") for r in records)


# --------------------------------------------------------------------------- auxiliary heads

def test_training_loss_weights_auxiliary_heads_like_torchvision() -> None:
    y = torch.tensor([0, 2])
    main, a1, a2 = (torch.randn(2, 3) for _ in range(3))
    ce = nn.functional.cross_entropy
    loss, logits = training_loss(GoogLeNetOutputs(main, a2, a1), y)
    assert logits is main and loss.item() == pytest.approx((ce(main, y) + 0.3 * (ce(a1, y) + ce(a2, y))).item())
    loss, _ = training_loss(InceptionOutputs(main, a1), y)
    assert loss.item() == pytest.approx((ce(main, y) + 0.4 * ce(a1, y)).item())
    loss, _ = training_loss(InceptionOutputs(main, None), y)
    assert loss.item() == pytest.approx(ce(main, y).item())


def test_googlenet_trains_with_its_auxiliary_heads() -> None:
    split = load_dataset("shapes", spec=InputSpec(3, (64, 64), None, (0.5,), (0.25,)), per_class=3)
    split = split.subset(8, 2)
    model = zoo.build_model("googlenet", num_classes=len(split.class_names)).eval()
    aux_before = model.aux1.fc2.weight.detach().clone()
    records = list(train(model, split, _cfg(batch_size=4)))
    assert [r.kind for r in records] == ["step", "step", "epoch", "done"]
    assert not torch.equal(aux_before, model.aux1.fc2.weight)
    assert not model.training


def test_fit_classifier_replaces_the_last_linear_layers() -> None:
    model = zoo.build_model("googlenet")
    assert fit_classifier(model, 4)
    assert (model.fc.out_features, model.aux1.fc2.out_features, model.aux2.fc2.out_features) == (4, 4, 4)
    assert model.aux1.fc1.out_features == 1024 and not fit_classifier(model, 4)
    with pytest.raises(CnnvizError, match="not a linear layer"):
        fit_classifier(zoo.build_model("squeezenet1_0"), 4)


# --------------------------------------------------------------------------- pause / resume / stop

class WatchedControl(TrainControl):
    """TrainControl that says (an event) when the loop is about to block on a pause."""

    def __init__(self) -> None:
        super().__init__()
        self.holding = threading.Event()

    def wait(self) -> bool:
        if self.paused:
            self.holding.set()  # nothing runs between this and the blocking wait below
        return super().wait()


class Records(list):
    """The records of a run in another thread, with a condition to wait on (``until``)."""

    def __init__(self) -> None:
        super().__init__()
        self.changed = threading.Condition()

    def __call__(self, record: Progress) -> None:
        with self.changed:
            self.append(record)
            self.changed.notify_all()

    def until(self, predicate, timeout: float = 60.0) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: predicate(self), timeout)


def _start(trainer: Trainer, *, after: int = 3) -> tuple[threading.Thread, Records, WatchedControl]:
    """Run ``trainer`` in a thread; return once it has made ``after`` steps."""
    records = Records()
    control = trainer.control = WatchedControl()
    thread = threading.Thread(target=trainer.run, args=(records,), daemon=True)
    thread.start()
    assert records.until(lambda r: r and r[-1].step >= after)
    return thread, records, control


def test_pause_resume_and_stop_from_another_thread(digits) -> None:
    trainer = Trainer(TinyNet(), digits.subset(512, 16), _cfg(epochs=1000, batch_size=8))
    thread, records, control = _start(trainer)
    trainer.pause()
    assert control.holding.wait(60)  # the loop is blocked before its next step: no record can come now
    held = len(records)
    assert trainer.paused and thread.is_alive() and records[-1].kind in ("step", "epoch")
    control.holding.clear()
    trainer.resume()
    assert records.until(lambda r: len(r) >= held + 5)
    trainer.stop()
    at_stop = len(records)
    thread.join(60)
    assert not thread.is_alive()
    assert len(records) <= at_stop + 2  # at most the step under way, then the final record
    last = records[-1]
    assert last.kind == "done" and last.stopped and "stopped after step" in last.message
    assert trainer.history[-1] is last


def test_stop_while_paused_ends_the_run(digits) -> None:
    trainer = Trainer(TinyNet(), digits.subset(512, 16), _cfg(epochs=1000, batch_size=8))
    thread, records, control = _start(trainer)
    trainer.pause()
    assert control.holding.wait(60)
    held = len(records)
    trainer.stop()
    thread.join(60)
    assert not thread.is_alive() and records[-1].stopped and len(records) == held + 1


# --------------------------------------------------------------------------- probe

def test_probe_gets_a_capture_every_n_steps_in_the_training_thread(digits) -> None:
    seen: list[tuple[int, str, tuple[int, ...]]] = []
    x = digits.val.get_batch(torch.tensor([5]))[0]

    def probe(cap) -> None:
        seen.append((cap.extras["step"], threading.current_thread().name, tuple(cap["conv"].shape)))
        assert torch.equal(cap["input"], x)

    trainer = Trainer(TinyNet(), digits.subset(160, 16), _cfg(probe_every=3), probe=probe, probe_input=x)
    thread = threading.Thread(target=trainer.run, name="trainer")
    thread.start()
    thread.join(30)
    assert [s for s, _, _ in seen] == [0, 3, 6, 9]
    assert {name for _, name, _ in seen} == {"trainer"}
    assert seen[0][2] == (1, 4, 12, 12)


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")
def test_training_on_cuda_with_augmentation_and_probe(digits) -> None:
    model = TinyNet().eval()
    shapes: list[str] = []
    records = list(train(model, digits.subset(64, 16), _cfg(device="cuda", flip=True, crop=True, pca_color=True,
                                                            probe_every=2),
                         probe=lambda cap: shapes.append(cap["conv"].device.type)))
    assert records[-1].kind == "done" and records[-1].val_accuracy >= 0
    assert next(model.parameters()).device.type == "cuda" and not model.training
    assert shapes and set(shapes) == {"cuda"}


# --------------------------------------------------------------------------- augmentation

def test_flip_and_crop_move_pixels_but_keep_them() -> None:
    x = torch.randn(6, 1, 16, 16)
    flipped = Augmenter((0.0,), (1.0,), flip=True)(x)
    assert all(torch.equal(a, b) or torch.equal(a, b.flip(-1)) for a, b in zip(flipped, x))
    assert not torch.equal(flipped, x)
    cropped = Augmenter((0.5,), (0.5,), crop=True)(x)  # fill = pixel 0 = -1 after normalisation
    for out, src in zip(cropped, x):
        padded = nn.functional.pad(src + 1, (2, 2, 2, 2)) - 1
        windows = [padded[:, dy:dy + 16, dx:dx + 16] for dy in range(5) for dx in range(5)]
        assert any(torch.equal(out, w) for w in windows)


def test_pca_colour_jitter_moves_colours_along_the_principal_axis() -> None:
    grey = torch.randint(0, 256, (40, 1, 8, 8), dtype=torch.uint8)
    images = grey.repeat(1, 3, 1, 1)  # all colour variation lies along (1, 1, 1)
    spec = InputSpec(3, (8, 8), None, (0.5, 0.5, 0.5), (0.2, 0.25, 0.3))
    dataset = ImageDataset(images, torch.zeros(40, dtype=torch.int64), spec)
    values, vectors = pca_basis(dataset)
    assert values[-1] > 0.05 and values[:2].abs().max() < 1e-6
    x, _ = dataset.get_batch(torch.arange(8))
    out = Augmenter(spec.mean, spec.std, pca_color=True, pca=(values, vectors))(x)
    shift = (out - x) * torch.tensor(spec.std).reshape(1, 3, 1, 1)  # back on the 0..1 pixel scale
    per_image = shift.flatten(2)
    assert torch.allclose(per_image, per_image[:, :, :1].expand_as(per_image), atol=1e-5)
    rgb = per_image[:, :, 0]
    assert torch.allclose(rgb[:, 0], rgb[:, 1], atol=1e-5) and torch.allclose(rgb[:, 1], rgb[:, 2], atol=1e-5)
    assert 0 < rgb.abs().mean() < 0.1


def test_augmented_batch_preview_is_reproducible(digits) -> None:
    plain = augmented_batch(digits, _cfg(), n=16)
    assert plain.shape == (16, 1, 12, 12)
    config = _cfg(flip=True, crop=True, pca_color=True)
    first, second = augmented_batch(digits, config), augmented_batch(digits, config)
    assert torch.equal(first, second) and not torch.equal(first, plain)


# --------------------------------------------------------------------------- checkpoints

def _history() -> list[Progress]:
    return [Progress("epoch", 4, 1, 1, 4, loss=0.5, accuracy=0.8, val_loss=0.6, val_accuracy=0.75),
            Progress("done", 4, 1, 1, 4, val_accuracy=0.75, message="finished 4 steps")]


def test_save_run_writes_a_loadable_checkpoint_and_its_json(tmp_path: Path) -> None:
    model = zoo.build_model("mnist_residual", num_classes=3)
    path = save_run(model, "mnist_residual", tmp_path / "run.safetensors", _cfg(), _history(), ["a", "b", "c"],
                    dataset="shapes")
    loaded = load_model(path)
    assert loaded.info.class_names == ("a", "b", "c")
    x = torch.randn(2, 1, 28, 28)
    assert torch.equal(loaded.module(x), model.eval()(x))
    document = json.loads((tmp_path / "run.json").read_text())
    assert document["config"]["batch_size"] == 16 and document["history"][0]["val_accuracy"] == 0.75
    assert document["history"][1]["loss"] is None  # NaN is written as null
    assert read_checkpoint_metadata(path)["cnnviz.dataset"] == "shapes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run.json", "run.safetensors"]


def test_a_refusing_disk_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = TinyNet()
    blocker = tmp_path / "file"
    blocker.write_text("a file, not a folder")
    with pytest.raises(CnnvizError, match="cannot write checkpoint") as info:
        save_run(model, "tiny", blocker / "run.safetensors", _cfg(), _history(), list("0123456789"))
    assert "\n" not in str(info.value)
    good = save_run(model, "tiny", tmp_path / "run.safetensors", _cfg(), _history(), list("0123456789"))
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def full_disk(tensors, filename, metadata=None):
        Path(filename).write_bytes(b"half a file")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("safetensors.torch.save_file", full_disk)
    with torch.no_grad():
        model.fc.weight.add_(1.0)
    with pytest.raises(CnnvizError, match="No space left"):
        save_run(model, "tiny", good, _cfg(), _history(), list("0123456789"))
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    with pytest.raises(CnnvizError, match="must end in .safetensors"):
        save_run(model, "tiny", tmp_path / "run.pt", _cfg(), _history(), list("0123456789"))


# --------------------------------------------------------------------------- memory

def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def _live_tensors() -> int:
    gc.collect()
    return sum(issubclass(type(o), torch.Tensor) for o in gc.get_objects())


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs /proc")
def test_memory_does_not_grow_over_300_steps() -> None:
    n, side = 303 * 16, 16  # each step's graph holds ~150 kB: a leak would add ~40 MB
    spec = InputSpec(1, (side, side), None, (0.5,), (0.5,))
    train_set = ImageDataset(torch.randint(0, 256, (n, 1, side, side), dtype=torch.uint8), torch.arange(n) % 10, spec)
    val_set = ImageDataset(torch.randint(0, 256, (20, 1, side, side), dtype=torch.uint8), torch.arange(20) % 10, spec)
    split = DatasetSplit(train_set, val_set, tuple("0123456789"), 1, (side, side), spec)
    rss, tensors = {}, {}
    for record in train(TinyNet(), split, _cfg(batch_size=16, probe_every=25), probe=lambda cap: None):
        if record.step in (50, 300) and record.kind == "step":
            rss[record.step], tensors[record.step] = _rss_mb(), _live_tensors()
    assert record.kind == "done" and record.step == 303
    assert rss[300] - rss[50] < 3.0, rss
    assert tensors[300] <= tensors[50], tensors
