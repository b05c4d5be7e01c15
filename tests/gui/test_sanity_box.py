"""The sanity-check box: on the trained course network (mnist_inception, bundled weights) the randomisation
check's curve falls and the curves come with their areas; on a model whose output ignores the only layer with
weights the verdict says the map does not change; progress advances; Cancel and a new subject stop a running
check (a gate in a test model's forward holds it mid-run); errors are one line; resnet18's cascade is grouped;
no thread is left running (the conftest checks that too)."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from PySide6.QtCore import Qt
from torch import nn

from cnnviz.core.inputs.images import load_image
from cnnviz.core.models.loader import load_model
from cnnviz.core.resources import resources_dir
from cnnviz.gui import jobs
from cnnviz.gui.panels.sanity_box import STALE, SanityBox
from cnnviz.gui.sanity_worker import SanityRequest, SanityWorker
from cnnviz.gui.workers import running_threads

GATE = threading.Event()  # Gated's forward waits for it (module-level: a model holding an Event cannot be copied)
TIMEOUT = 20000


class IgnoresTail(nn.Module):
    """The logits come from fixed (buffer) weights; ``tail``, the only module with parameters, is computed and
    thrown away: randomising it cannot change any map of the output."""

    def __init__(self) -> None:
        super().__init__()
        self.register_buffer("kernel", torch.randn(5, 1, 3, 3, generator=torch.Generator().manual_seed(0)))
        self.tail = nn.Conv2d(1, 2, 3, padding=1)
        self.tail_output = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        logits = F.relu(F.conv2d(x, self.kernel, padding=1)).mean(dim=(2, 3)) + x.mean(dim=(1, 2, 3))[:, None]
        self.tail_output = self.tail(x).detach()
        return logits


class Gated(nn.Module):
    """Four modules with weights; every forward waits for :data:`GATE`."""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, 3, padding=1)
        self.conv2 = nn.Conv2d(4, 6, 3, padding=1)
        self.conv3 = nn.Conv2d(6, 6, 3, padding=1)
        self.fc = nn.Linear(6 * 8 * 8, 5)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        GATE.wait(TIMEOUT / 1000)
        return self.fc(F.relu(self.conv3(F.relu(self.conv2(F.relu(self.conv1(x)))))).flatten(1))


def _result(module: nn.Module, name: str = "test") -> jobs.ModelResult:
    loaded = load_model("mnist_inception", "none")  # a LoadedModel to hold the test's module
    loaded.module = module
    return jobs.ModelResult(jobs.model_request(name), loaded, None)


@pytest.fixture(scope="module")
def course():
    loaded = load_model("mnist_inception")  # its bundled trained weights
    x = load_image(resources_dir() / "samples" / "digit_3.png", loaded.info)
    return jobs.ModelResult(jobs.model_request("mnist_inception"), loaded, None), x


@pytest.fixture
def box(qtbot):
    widget = SanityBox()
    qtbot.addWidget(widget)
    widget.resize(680, 300)
    widget.show()
    qtbot.waitExposed(widget)
    GATE.set()
    yield widget
    GATE.set()
    widget.shutdown()


def run(qtbot, box: SanityBox, kind: str) -> SanityWorker:
    worker = box.run_check(kind)
    assert worker is not None and box.state() == "running" and not box.random_button.isEnabled()
    qtbot.waitUntil(lambda: box.state() == "idle", timeout=TIMEOUT)
    assert not worker.isRunning()
    return worker


def snapshot(box: SanityBox, path: Path) -> np.ndarray:
    """Save the box as the user sees it; the picture is not blank."""
    assert box.minimumSizeHint().width() <= 680 and box.width() == 680  # fits below the map
    box.layout().activate()  # text set just now: lay out before the picture is taken
    box.grab().save(str(path))
    image = box.grab().toImage()
    arr = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    assert arr.std() > 10
    return arr


def test_the_trained_course_networks_map_changes(qtbot, box, course, tmp_path) -> None:
    model, x = course
    assert not box.random_button.isEnabled()  # nothing to check yet
    box.set_subject(model, x, "gradcam", "incep2", None)
    seen = []
    worker = box.run_check("randomisation")
    worker.progress.connect(lambda d, t: seen.append((d, t)))
    qtbot.waitUntil(lambda: box.state() == "idle", timeout=TIMEOUT)
    outcome = box.randomisation
    result = outcome.result
    assert result.total_steps == 17 and len(result.steps) == 17 and not result.cancelled
    assert result.changed and min(s.spearman for s in result.steps) < 0.5  # the curve falls
    assert box.random_verdict.text().startswith("<b>Randomisation</b>: the map changed: rank correlation falls")
    assert box.status.text() == "" and box.random_button.isEnabled() and not box.bar.isVisible()
    assert box.rho_curve.getData()[1].tolist() == [s.spearman for s in result.steps]
    assert seen == sorted(seen) and (not seen or seen[-1] == (17, 17))
    assert box.bar.value() == 17 and box.bar.text() == "step 17 of 17"
    assert outcome.thumbnail_steps == (0, 6, 11, 17) and outcome.thumbnails.shape == (98, 98, 3)
    assert "17 steps, one module each" in box.rho_caption.text()
    snapshot(box, tmp_path / "randomisation.png")
    assert box.rho_axis.drawn and box.rho_axis.drawn[0] == "conv1"  # the deepest step is named
    assert model.loaded.module.training is False and running_threads() == []


def test_deletion_and_insertion_curves_with_their_areas(qtbot, box, course, tmp_path) -> None:
    model, x = course
    box.set_subject(model, x, "saliency", None, 3)
    box.baseline_combo.setCurrentIndex(box.baseline_combo.findData("zeros"))
    run(qtbot, box, "curves")
    result = box.curves.result
    assert result.target == 3 and result.baseline == "zeros" and len(result.deletion) == 21
    assert result.deletion_auc < result.insertion_auc  # saliency finds the digit's evidence
    text = box.curves_verdict.text()
    assert "deletion AUC" in text and "insertion AUC" in text and "baseline: zeros" in text
    key = box.curve_caption.text()  # the plot's title names each curve in its colour, with its area
    for name, area in (("deletion", result.deletion_auc), ("insertion", result.insertion_auc)):
        assert f"{name}</b>&nbsp;AUC&nbsp;{area:.2f}" in key
    assert box.randomisation is None and "not run" in box.random_verdict.text()
    snapshot(box, tmp_path / "curves.png")


def test_a_map_of_a_model_that_ignores_the_layer_does_not_change(qtbot, box, tmp_path) -> None:
    model = _result(IgnoresTail().eval())
    x = torch.rand(1, 1, 12, 12, generator=torch.Generator().manual_seed(1))
    box.set_subject(model, x, "saliency", None, None)
    run(qtbot, box, "randomisation")
    result = box.randomisation.result
    assert [s.layers for s in result.steps] == [("tail",)] and result.steps[0].spearman == 1.0
    assert "the map barely changes" in box.random_verdict.text()
    assert "it does not explain this model" in box.random_verdict.text()
    snapshot(box, tmp_path / "unchanged.png")


def test_cancel_mid_run_ends_the_thread_and_says_cancelled(qtbot, box, tmp_path) -> None:
    model = _result(Gated().eval())
    box.set_subject(model, torch.rand(1, 1, 8, 8), "gradcam", "conv3", None)
    worker = box.run_check("randomisation")
    # in the worker thread, right after step 1: close the gate, so step 2 waits in its forward pass
    worker.progress.connect(lambda d, t: GATE.clear(), Qt.ConnectionType.DirectConnection)
    qtbot.waitUntil(lambda: box.bar.value() == 1 and box.bar.text() == "step 1 of 4", timeout=TIMEOUT)
    assert box.cancel_button.isVisible() and box.cancel_button.isEnabled()
    snapshot(box, tmp_path / "running.png")
    qtbot.mouseClick(box.cancel_button, Qt.MouseButton.LeftButton)
    assert box.state() == "cancelling" and box.status.text() == "cancelling\u2026"
    assert not box.cancel_button.isEnabled()
    GATE.set()
    qtbot.waitUntil(lambda: box.state() == "idle", timeout=TIMEOUT)
    assert not worker.isRunning() and box.status.text() == "cancelled"
    result = box.randomisation.result
    assert result.cancelled and len(result.steps) == 2 and result.total_steps == 4
    assert "cancelled after 2 of 4 steps" in box.random_verdict.text()
    snapshot(box, tmp_path / "cancelled.png")
    assert box.random_button.isEnabled() and not box.bar.isVisible()


def test_a_new_subject_cancels_the_running_check_and_marks_results_stale(qtbot, box, course, tmp_path) -> None:
    model, x = course
    box.set_subject(model, x, "gradcam", "incep2", None)
    run(qtbot, box, "curves")
    gated = _result(Gated().eval())
    GATE.clear()
    box.set_subject(gated, torch.rand(1, 1, 8, 8), "gradcam", "conv3", None)
    assert box.stale and box.status.text() == STALE and "(stale)" in box.curves_verdict.text()
    snapshot(box, tmp_path / "stale.png")
    old = box.run_check("randomisation")
    assert old is not None
    box.set_subject(gated, torch.rand(1, 1, 8, 8), "gradcam", "conv2", None)  # during the run
    assert old.is_cancelled() and box.state() == "cancelling" and not box.random_button.isEnabled()
    GATE.set()
    qtbot.waitUntil(lambda: box.state() == "idle", timeout=TIMEOUT)
    assert not old.isRunning() and box.randomisation is None  # the old subject's result is dropped
    assert box.stale  # the curves shown are still the course network's
    run(qtbot, box, "curves")
    assert not box.stale and box.curves.request.layer == "conv2" and "(stale)" not in box.curves_verdict.text()
    box.set_subject(gated, box.subject()[1], "gradcam", "conv2", None)  # the same subject: nothing changes
    assert not box.stale
    box.set_subject(gated, box.subject()[1], "layercam", "all", None)  # the fusion across layers
    assert box.status.text().startswith("the checks explain one layer's map") and not box.random_button.isEnabled()
    assert box.run_check("randomisation") is None
    box.clear()
    assert box.curves is None and box.subject() is None and not box.curves_button.isEnabled()


def test_an_error_is_one_line_and_the_box_keeps_working(qtbot, box, course) -> None:
    model, x = course
    box.set_subject(model, x, "gradcam", "nope", None)
    run(qtbot, box, "randomisation")
    assert "unknown layer" in box.status.text() and "\n" not in box.status.text()
    assert box.randomisation is None and box.random_button.isEnabled()


def test_a_big_models_cascade_is_grouped(qtbot, box, tmp_path) -> None:
    model = _result(load_model("resnet18", "none").module)
    box.set_subject(model, torch.rand(1, 3, 64, 64, generator=torch.Generator().manual_seed(2)), "gradcam",
                    "layer4", None)
    run(qtbot, box, "randomisation")
    result = box.randomisation.result
    assert result.total_steps == len(result.steps) == 12
    assert sum(len(s.layers) for s in result.steps) == 41  # 20 convolutions, 20 batch norms, fc
    assert "12 steps of 3-4 consecutive modules (41 modules)" in box.rho_caption.text()
    snapshot(box, tmp_path / "resnet18.png")


def test_shutdown_stops_a_running_check(qtbot, box, course) -> None:
    model, x = course
    box.set_subject(model, x, "gradcam", "incep2", None)
    worker = box.run_check("randomisation")
    assert box.shutdown() and not worker.isRunning() and worker.is_cancelled()
    assert running_threads() == [] and box.state() == "idle"


def test_the_worker_refuses_an_unknown_check(course) -> None:
    model, x = course
    with pytest.raises(Exception, match="unknown check 'nope'; choose one of: randomisation, curves"):
        SanityWorker(SanityRequest("nope", model, x, "gradcam", None, None))


def test_progress_is_throttled_to_about_30_a_second_and_the_last_always_comes(course) -> None:
    model, x = course
    clock = iter(i / 1000 for i in range(1, 10**6))  # one millisecond per report
    worker = SanityWorker(SanityRequest("curves", model, x, "gradcam", None, None))
    worker.clock = lambda: next(clock)
    seen = []
    worker.progress.connect(lambda d, t: seen.append((d, t)), Qt.ConnectionType.DirectConnection)
    for done in range(1, 1001):  # one second of reports
        worker.report(done, 1000)
    assert 28 <= len(seen) <= 32 and seen[-1] == (1000, 1000) and seen == sorted(seen)
