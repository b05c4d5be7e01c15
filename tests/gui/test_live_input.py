"""Live input: a generated video drives the docks, a slow model drops frames (never queues them), Pause keeps
the frame, and no camera / a bad video file / no Qt Multimedia is one line while the app keeps running."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pytest
import torch
from PySide6.QtGui import QImage

from cnnviz.core.errors import CnnvizError
from cnnviz.core.inputs.mjpeg_avi import moving_square, write_mjpeg_avi
from cnnviz.gui import app, jobs, live_input
from cnnviz.gui.panels import live_controls
from tests.gui.helpers import open_mnist, wait_settled

pytest.importorskip("PySide6.QtMultimedia", reason="Qt Multimedia cannot be loaded here (libpulse0 missing?)",
                    exc_type=ImportError)


@pytest.fixture(scope="module")
def video(tmp_path_factory) -> Path:
    return write_mjpeg_avi(tmp_path_factory.mktemp("video") / "square.avi", moving_square(30, 64), fps=30)


@pytest.fixture
def ready(qtbot, window, images):
    """The window with mnist_inception loaded and a digit shown, and the labels of every capture shown."""
    open_mnist(qtbot, window, images[0])
    labels: list[str] = []
    window.session.capture_changed.connect(lambda: labels.append(window.session.result.request.label))
    return window, labels


def _play_to_end(qtbot, live, path: Path) -> None:
    with qtbot.waitSignal(live.state_changed, timeout=20000, check_params_cb=lambda s: s == "ended"):
        assert live.open_video(path, loop=False)
    qtbot.waitUntil(lambda: live._flight is None and live.session.is_idle(), timeout=20000)


def _frame(value: int):
    image = QImage(32, 32, QImage.Format.Format_RGB32)
    image.fill(value)
    return live_input.multimedia().QVideoFrame(image)


def test_a_video_drives_the_docks(qtbot, ready, video) -> None:
    window, labels = ready
    live = live_controls.live_for(window)
    _play_to_end(qtbot, live, video)
    frames = [label for label in labels if label.startswith("square.avi frame")]
    assert len(set(frames)) >= 5  # several distinct frames captured and shown
    assert live.stats.frames_in >= 25 and live.stats.captured == len(frames)
    assert live.max_in_flight == 1
    assert window.session.result.request.frame.shape == (64, 64, 3)
    assert window.live_controls.isVisible() and "frames/s in" in window.live_controls.label.text()
    wait_settled(qtbot, window, frames[-1])
    live.stop()
    assert not window.live_controls.isVisible()


def test_a_slow_model_drops_frames_and_never_queues(qtbot, ready, video, monkeypatch) -> None:
    window, labels = ready
    real = jobs.run_capture

    def slow(*args, **kwargs):
        time.sleep(0.15)  # a model about five times slower than the video's 30 frames/s
        return real(*args, **kwargs)

    monkeypatch.setattr(jobs, "run_capture", slow)
    box, replaced = window.session.workers.inference.box, []
    put = box.put

    def counting_put(kind, gen, value):
        replaced.append(kind == "image" and box.pending("image"))  # an image still waiting is replaced
        put(kind, gen, value)

    monkeypatch.setattr(box, "put", counting_put)
    live = live_controls.live_for(window)
    _play_to_end(qtbot, live, video)
    stats = live.stats
    assert stats.frames_in >= 25 and 1 <= stats.captured <= stats.frames_in // 2
    assert stats.dropped >= stats.frames_in // 2 and not any(replaced)
    assert live.max_in_flight == 1


def test_pause_keeps_the_frame_and_resume_goes_on(qtbot, ready, video) -> None:
    window, labels = ready
    session, live = window.session, live_controls.live_for(window)
    assert live.open_video(video, loop=True)
    qtbot.waitUntil(lambda: live.stats.captured >= 3, timeout=20000)
    live.pause()
    assert window.live_controls.pause_button.text() == "Resume"
    qtbot.waitUntil(lambda: live._flight is None and session.is_idle(), timeout=20000)
    shown = session.result.request.label
    before = live.stats.sent
    live._on_frame(_frame(0xFF808080))  # a camera's frames keep coming while paused: none is sent
    qtbot.waitUntil(session.is_idle)
    assert session.result.request.label == shown and live.stats.sent == before
    live.resume()
    qtbot.waitUntil(lambda: live.stats.sent > before and session.result.request.label != shown, timeout=20000)
    live.stop()
    assert not live.is_open()


def test_opening_an_image_stops_the_live_input(qtbot, ready, video, images) -> None:
    window, _ = ready
    live = live_controls.live_for(window)
    assert live.open_video(video, loop=True)
    qtbot.waitUntil(lambda: live.stats.captured >= 2, timeout=20000)
    window.session.open_paths([images[2]])
    wait_settled(qtbot, window, str(images[2]))
    assert not live.is_open() and window.session.result.request.label == str(images[2])


def test_a_late_frame_after_stop_is_ignored(qtbot, ready, video) -> None:
    window, _ = ready
    live = live_controls.live_for(window)
    assert live.open_video(video, loop=True)
    qtbot.waitUntil(lambda: live.stats.captured >= 1, timeout=20000)
    live.stop()
    qtbot.waitUntil(lambda: live._flight is None and window.session.is_idle(), timeout=20000)
    sent = live.stats.sent
    live._on_frame(_frame(0xFF000000))  # a frame the player had queued before it stopped
    assert live.stats.sent == sent and window.session.is_idle()


def test_frames_convert_to_rgb_with_any_stride() -> None:
    rgb = np.random.default_rng(0).integers(0, 256, (7, 13, 3), dtype=np.uint8)  # 39 bytes a row: padded
    image = QImage(rgb.tobytes(), 13, 7, 39, QImage.Format.Format_RGB888).copy()
    assert np.array_equal(live_input.qimage_to_rgb(image), rgb)
    frame = live_input.frame_to_rgb(live_input.multimedia().QVideoFrame(image), max_side=8)
    assert frame.shape[2] == 3 and max(frame.shape[:2]) == 8
    assert live_input.frame_to_rgb(live_input.multimedia().QVideoFrame()) is None


def test_a_frame_is_shown_without_encoding(qtbot, ready) -> None:
    window, _ = ready
    frame = np.zeros((40, 40, 3), np.uint8)
    frame[10:30, 10:30] = 255
    window.session.open_frame(frame, "a frame")
    wait_settled(qtbot, window, "a frame")
    assert window.session.result.display.shape[:2] == (40, 40)


@pytest.mark.parametrize("content, expected", [
    (b"", "the video file is empty"),
    (b"RIFF not a video at all" * 8, "cannot play this video"),
    (None, "no such file"),
])
def test_a_bad_video_file_is_one_line(qtbot, window, tmp_path, content, expected) -> None:
    path = tmp_path / "clip.avi"
    if content is not None:
        path.write_bytes(content)
    live = live_controls.live_for(window)
    with qtbot.waitSignal(window.session.error, timeout=20000) as blocker:
        live.open_video(path)
    assert expected in blocker.args[0] and "\n" not in blocker.args[0]
    qtbot.waitUntil(lambda: not live.is_open(), timeout=20000)


def test_a_folder_is_not_a_video(qtbot, window, tmp_path) -> None:
    with qtbot.waitSignal(window.session.error, timeout=5000) as blocker:
        assert not live_controls.open_video(window, tmp_path)
    assert "is a folder" in blocker.args[0]


def test_no_camera_is_one_line_and_the_app_goes_on(qtbot, window, images, monkeypatch) -> None:
    qm = live_input.multimedia()
    monkeypatch.setattr(qm.QMediaDevices, "videoInputs", staticmethod(lambda: []))
    with qtbot.waitSignal(window.session.error, timeout=5000) as blocker:
        assert not live_controls.open_camera(window)
    assert blocker.args[0] == "no camera found"
    assert not window.live_controls.isVisible()
    open_mnist(qtbot, window, images[1])  # the app keeps running


def test_no_qt_multimedia_is_one_line(qtbot, window, tmp_path, monkeypatch) -> None:
    def missing():
        raise CnnvizError("video and camera input need Qt Multimedia, which cannot be loaded here (libpulse)")

    monkeypatch.setattr(live_input, "multimedia", missing)
    path = write_mjpeg_avi(tmp_path / "v.avi", moving_square(2, 16))
    for start in (lambda: live_controls.open_camera(window), lambda: live_controls.open_video(window, path)):
        with qtbot.waitSignal(window.session.error, timeout=5000) as blocker:
            assert not start()
        assert "need Qt Multimedia" in blocker.args[0]


def test_the_command_line_starts_a_video(qtbot, window, video) -> None:
    from cnnviz.cli import gui as cli_gui

    parser = argparse.ArgumentParser()
    cli_gui.add_arguments(parser)
    args = parser.parse_args(["--video", str(video), "--model", "mnist_inception", "--weights", "none",
                              "--screenshot", "unused.png"])
    app.start_session(window, args, [])
    qtbot.waitUntil(lambda: window.live_input.paused, timeout=30000)  # a screenshot freezes a frame to settle
    assert window.live_input.stats.captured >= app.SCREENSHOT_FRAMES
    assert window.session.image_label.startswith("square.avi frame")
    window.live_input.stop()
    assert parser.parse_args(["--camera"]).camera == "" and parser.parse_args(["--camera", "usb"]).camera == "usb"
    with pytest.raises(SystemExit):
        parser.parse_args(["--camera", "--video", "x.avi"])


def test_the_video_writer_refuses_bad_frames(tmp_path) -> None:
    with pytest.raises(CnnvizError, match="at least one frame"):
        write_mjpeg_avi(tmp_path / "a.avi", [])
    with pytest.raises(CnnvizError, match="H x W x 3"):
        write_mjpeg_avi(tmp_path / "a.avi", [np.zeros((4, 4), np.uint8)])
    with pytest.raises(CnnvizError, match="differ in size"):
        write_mjpeg_avi(tmp_path / "a.avi", [np.zeros((4, 4, 3), np.uint8), np.zeros((5, 4, 3), np.uint8)])
    assert torch.tensor(moving_square(3, 16)[2]).shape == (16, 16, 3)


def test_cnnviz_video_starts_and_screenshots_in_a_fresh_process(video, tmp_path) -> None:
    """``cnnviz --video`` as a user types it: Qt Multimedia's backend loads before any worker starts (loading it
    while a worker set up torch's threads deadlocked about one start in two)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CNNVIZ_CACHE_DIR": str(tmp_path / "cache")}
    for run in range(2):
        shot = tmp_path / f"shot{run}.png"
        done = subprocess.run([sys.executable, "-m", "cnnviz", "--video", str(video), "--model", "mnist_inception",
                               "--screenshot", str(shot)], env=env, capture_output=True, text=True, timeout=120,
                              cwd=Path(__file__).resolve().parents[2])
        assert done.returncode == 0, done.stderr[-2000:]
        assert shot.stat().st_size > 0
