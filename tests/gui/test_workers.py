"""Workers: newer requests supersede older ones, errors are reported, threads end when asked."""

from __future__ import annotations

import threading

import pytest

from cnnviz.gui import jobs
from cnnviz.gui.session import Session
from cnnviz.gui.training_worker import TrainingWorker
from cnnviz.gui.workers import (DownloadWorker, InferenceWorker, Mailbox, RenderWorker, WorkerThread,
                                running_threads)


@pytest.fixture
def session(qtbot):
    s = Session()
    yield s
    s.shutdown()


def test_mailbox_keeps_only_the_newest_request_of_each_kind() -> None:
    box = Mailbox()
    box.put("image", 1, "a")
    box.put("model", 2, "m")
    box.put("image", 3, "b")
    assert box.take() == {"image": (3, "b"), "model": (2, "m")}
    assert not box.pending()
    box.close()
    assert box.take() is None


def test_newer_image_supersedes_one_being_captured(qtbot, session, images, monkeypatch) -> None:
    started, release = threading.Event(), threading.Event()
    real = jobs.run_capture

    def slow_capture(model, image, explain=None):
        if image.request.path == images[0]:
            started.set()
            release.wait(10)
        return real(model, image, explain)

    monkeypatch.setattr(jobs, "run_capture", slow_capture)
    emitted = []
    session.workers.inference.captured.connect(lambda gen, result: emitted.append(result.request.label))
    session.request_model("mnist_inception", "none")
    session.open_paths([images[0]])
    assert started.wait(20)  # the first capture is running now
    session.open_paths([images[1]])
    release.set()
    qtbot.waitUntil(lambda: session.result is not None and session.is_idle(), timeout=20000)
    assert session.result.request.label == str(images[1])
    assert emitted == [str(images[1])]  # the stale result was dropped, never delivered
    assert session.workers.inference.forward_runs == 2


def test_a_burst_of_requests_runs_once_for_the_last(qtbot, session, images, monkeypatch) -> None:
    gate = threading.Event()
    real = jobs.load

    def gated_load(request, *args, **kwargs):
        gate.wait(10)
        return real(request, *args, **kwargs)

    monkeypatch.setattr(jobs, "load", gated_load)
    session.request_model("mnist_inception", "none")
    for _ in range(3):
        for image in images:
            session.open_paths([image])
    gate.set()
    qtbot.waitUntil(lambda: session.result is not None and session.is_idle(), timeout=20000)
    assert session.result.request.label == str(images[-1])
    assert session.workers.inference.forward_runs <= 2  # not one per request


def test_worker_errors_reach_the_session_and_the_worker_keeps_going(qtbot, session, images) -> None:
    with qtbot.waitSignal(session.error, timeout=20000) as blocker:
        session.request_model("mnist_inception", "/no/such/weights.safetensors")
    assert "weights.safetensors" in blocker.args[0]
    session.request_model("mnist_inception", "none")
    session.open_paths([images[0]])
    qtbot.waitUntil(lambda: session.result is not None and session.is_idle(), timeout=20000)
    assert session.model.loaded.weights == "none"


def test_course_model_without_bundled_weights_falls_back_to_random(qtbot, session, images, monkeypatch) -> None:
    monkeypatch.setattr("cnnviz.core.models.loader.bundled_weights_path", lambda name: None)
    session.request_model("mnist_inception", "default")
    qtbot.waitUntil(lambda: session.model is not None, timeout=20000)
    assert session.model.note.startswith("random weights") and "bundled weights" in session.model.note


def test_shutdown_ends_threads(qtbot, session, images) -> None:
    session.request_model("mnist_inception", "none")
    session.open_paths([images[0]])
    qtbot.waitUntil(lambda: session.result is not None and session.is_idle(), timeout=20000)
    assert running_threads()
    assert session.shutdown()
    assert running_threads() == []



def test_a_bug_in_a_worker_is_one_line_in_the_app_and_its_traceback_on_stderr(qtbot, session, images, monkeypatch,
                                                                              capfd) -> None:
    def broken_capture(model, image, explain=None):
        raise ZeroDivisionError("division by zero\nmore detail")

    monkeypatch.setattr(jobs, "run_capture", broken_capture)
    with qtbot.waitSignal(session.error, timeout=20000) as blocker:
        session.request_model("mnist_inception", "none")
        session.open_paths([images[0]])
    assert blocker.args[0] == "internal error: ZeroDivisionError: division by zero"
    err = capfd.readouterr().err
    assert "Traceback (most recent call last)" in err and "broken_capture" in err and "more detail" in err


def test_every_thread_registers_when_it_starts(qtbot) -> None:
    release = threading.Event()

    def blocking_fetch(name, progress, cancel, url):
        release.wait(10)
        return "/nowhere"

    worker = DownloadWorker("resnet18", fetch=blocking_fetch)
    worker.start()  # the plain QThread call: no separate registering step to forget
    try:
        assert worker in running_threads()
    finally:
        release.set()
        assert worker.stop(10000)
    for cls in (InferenceWorker, RenderWorker, DownloadWorker, TrainingWorker):
        assert issubclass(cls, WorkerThread)
