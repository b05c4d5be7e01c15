"""The Units dock on mnist_inception (bundled weights) over 300 of the digits at incep1: top patches per
channel matching top_units, best so far while it runs, a cache, clicking a patch, Maximise, cancel, bad input."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import torch
from PySide6.QtCore import Qt

import cnnviz.core.analysis.maximise as maximise_module
import cnnviz.core.analysis.units as units_module
import cnnviz.gui.panels.units as panel_module
import cnnviz.gui.units_worker as worker_module
from cnnviz.core.analysis.units import top_units
from cnnviz.core.inputs.units_data import open_units_dataset
from cnnviz.core.models.loader import load_model
from cnnviz.gui.panels.units import UnitsPanel
from cnnviz.gui.units_worker import FIND_CANCELLED, MAXIMISE_CANCELLED
from tests.gui.helpers import wait_settled

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
DIGIT = SAMPLES / "digit_3.png"
LIMIT, LAYER, CHANNEL = 300, "incep1", 3
SHOTS = Path(__file__).resolve().parents[2] / "build" / "units_dock"


@pytest.fixture(scope="module")
def expected():
    """top_units' own answer, computed outside the app."""
    model = load_model("mnist_inception")
    result = top_units(model, open_units_dataset("digits", model.info.input, limit=LIMIT), LAYER, top=9)
    result.top.names = result.names
    return result.top


@pytest.fixture(autouse=True)
def _one_torch_thread(monkeypatch):
    """The dock's workers use one torch thread here (the test machines' cores are shared)."""
    monkeypatch.setattr(worker_module, "worker_threads_count", lambda: 1)


@pytest.fixture
def threads(monkeypatch):
    """Which threads ran the tensor work: top_units, maximise and the patches (never the GUI thread)."""
    seen: dict[str, list[bool]] = {"top_units": [], "maximise": [], "tiles": []}

    def spy(name, fn):
        def wrapped(*args, **kwargs):
            seen[name].append(threading.current_thread() is threading.main_thread())
            return fn(*args, **kwargs)
        return wrapped

    monkeypatch.setattr(units_module, "top_units", spy("top_units", units_module.top_units))
    monkeypatch.setattr(maximise_module, "maximise", spy("maximise", maximise_module.maximise))
    monkeypatch.setattr(panel_module, "top_tiles", spy("tiles", panel_module.top_tiles))
    return seen


@pytest.fixture
def dock(qtbot, window, monkeypatch, tmp_path) -> UnitsPanel:
    """The dock tabbed with the feature maps and in front, mnist_inception showing a digit at incep1."""
    monkeypatch.setenv("CNNVIZ_CACHE_DIR", str(tmp_path / "cache"))
    panel = UnitsPanel(window.session, window)
    window.tabifyDockWidget(window.docks["feature_maps_dock"], panel)
    window.docks[panel.name] = panel
    panel.show()
    panel.raise_()
    window.session.request_model("mnist_inception", "default")
    window.session.open_paths([DIGIT])
    wait_settled(qtbot, window, str(DIGIT))
    window.session.select_layer(LAYER)
    panel.set_source("digits")
    panel.limit_spin.setValue(LIMIT)
    return panel


def wait_idle(qtbot, dock: UnitsPanel) -> None:
    def done() -> None:
        assert not dock.busy() and dock.session.is_idle() and dock.is_settled()

    qtbot.waitUntil(done, timeout=30000)


def find(qtbot, dock: UnitsPanel) -> None:
    dock.find()
    qtbot.waitUntil(lambda: dock.found is not None and not dock.busy(), timeout=30000)
    wait_tiles(qtbot, dock, dock.channel())


def wait_tiles(qtbot, dock: UnitsPanel, channel: int) -> None:
    def done() -> None:
        assert dock.session.is_idle() and dock.tiles
        want = [int(i) for i in dock.top.index[channel] if i >= 0]
        assert [t.index for t in dock.tiles] == want and len(dock.grid.buttons) == len(want)

    qtbot.waitUntil(done, timeout=30000)


def shot(dock: UnitsPanel, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    dock.grab().save(str(SHOTS / name))


def test_find_shows_the_top_patches_of_the_channel_in_order(qtbot, dock, expected, threads) -> None:
    dock.session.select_channel(CHANNEL)
    assert dock.channel() == CHANNEL and dock.channel_spin.maximum() == 87
    find(qtbot, dock)
    assert [t.index for t in dock.tiles] == expected.index[CHANNEL].tolist()
    assert [t.score for t in dock.tiles] == pytest.approx(expected.scores[CHANNEL].tolist(), rel=1e-5)
    assert [t.name for t in dock.tiles] == [expected.names[i] for i in expected.index[CHANNEL].tolist()]
    assert all(name.startswith("digits#") for name in expected.names)
    assert len(dock.grid.buttons) == 9 and dock.grid.buttons[0].text().startswith(f"{dock.tiles[0].score:.3g}\n")
    assert all(t.patch.size > 0 and t.patch.max() > t.patch.min() for t in dock.tiles)  # not blank
    assert "300 images" in dock.status.text() and "88 channels" in dock.status.text()
    shot(dock, "after_find.png")
    # another channel shows its own top images
    dock.session.select_channel(5)
    wait_tiles(qtbot, dock, 5)
    assert [t.index for t in dock.tiles] == expected.index[5].tolist()
    dock.channel_spin.setValue(7)
    assert dock.session.channel == 7
    wait_tiles(qtbot, dock, 7)
    assert [t.index for t in dock.tiles] == expected.index[7].tolist()
    assert threads["top_units"] == [False] and threads["tiles"] and not any(threads["tiles"])


def test_a_second_find_comes_from_the_cache(qtbot, dock, expected, threads) -> None:
    find(qtbot, dock)
    assert not dock.found.cached
    find(qtbot, dock)
    assert dock.found.cached and "from the cache" in dock.status.text()
    assert torch.equal(dock.found.result.top.index, expected.index)
    assert len(threads["top_units"]) == 1  # the second Find ran nothing


def test_best_so_far_arrives_before_the_end(qtbot, dock, monkeypatch) -> None:
    monkeypatch.setattr(units_module, "UPDATE_SECONDS", 0.0)
    dock.batch_size = 32
    seen: list[int] = []
    dock.find()
    dock.worker.update.connect(lambda payload: seen.append(payload[1].images_seen), Qt.DirectConnection)
    qtbot.waitUntil(lambda: dock.found is not None and not dock.busy(), timeout=30000)
    assert seen and min(seen) < LIMIT and dock.updates_shown >= 1


def test_clicking_a_patch_opens_that_image(qtbot, dock, window) -> None:
    find(qtbot, dock)
    tile = dock.tiles[2]
    dock.grid.buttons[2].click()
    wait_settled(qtbot, window, tile.name)
    assert window.session.result.request.label == tile.name == dock.found.result.names[tile.index]
    assert window.session.result.capture.get(LAYER) is not None
    assert window.session.unit == (LAYER, tile.y, tile.x)  # the Input dock outlines the patch's window


def test_cancel_stops_the_search(qtbot, dock) -> None:
    dock.batch_size = 16
    dock.find()
    dock.worker.progress.connect(dock.worker.cancel, Qt.DirectConnection)  # cancel after the first batch
    wait_idle(qtbot, dock)
    assert dock.found is None and dock.status.text() == FIND_CANCELLED
    assert dock.find_button.isEnabled() and not dock.cancel_button.isEnabled()


def test_maximise_forms_an_image_and_beats_the_best_image(qtbot, dock, threads) -> None:
    # channel 16, not 3: channel 3 peaks at the top border and its maximised centre unit stays below
    # the best digit (0.45 vs 0.52); most channels' maximised image beats the best digit 1.2-2x
    channel = 16
    dock.session.select_channel(channel)
    find(qtbot, dock)
    steps: list[int] = []
    dock.steps_spin.setValue(64)
    dock.maximise()
    dock.max_worker.step.connect(lambda payload: steps.append(payload[1]), Qt.DirectConnection)
    qtbot.waitUntil(lambda: dock.maximised is not None and not dock.busy(), timeout=60000)
    wait_idle(qtbot, dock)
    job, result, score = dock.maximised
    assert job.unit == (6, 6) and job.channel == channel
    best = dock.best_score(LAYER, channel)
    assert steps and min(steps) < 64 and dock.max_view.has_image()
    assert score > best
    assert dock.max_line.text() == f"maximised: {score:.3g} vs best image {best:.3g}"
    assert threads["maximise"] == [False]
    shot(dock, "after_maximise.png")


def test_cancel_stops_maximise(qtbot, dock) -> None:
    dock.steps_spin.setValue(5000)
    dock.maximise()
    dock.max_worker.progress.connect(dock.max_worker.cancel, Qt.DirectConnection)
    wait_idle(qtbot, dock)
    assert dock.maximised is None and dock.status.text() == MAXIMISE_CANCELLED


def test_the_model_changing_during_a_search_cancels_it(qtbot, dock) -> None:
    dock.batch_size = 8
    dock.find()
    dock.session.request_model("mnist_residual", "none")
    wait_idle(qtbot, dock)
    assert dock.found is None and dock.tiles == []
    assert dock.status.text() == "the model changed: the search was cancelled"


def test_bad_input_is_one_line(qtbot, dock, tmp_path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    dock.set_source(empty)
    dock.find()
    wait_idle(qtbot, dock)
    assert dock.found is None and dock.status.text() and "\n" not in dock.status.text()
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "a.png").write_bytes(b"not a png")
    dock.set_source(junk)
    dock.find()
    wait_idle(qtbot, dock)
    assert dock.found is None and "could be read" in dock.status.text() and "\n" not in dock.status.text()
    for bad in ("x" * 5000, str(DIGIT), str(tmp_path / "missing")):  # too long, a file, not there
        dock.set_source(bad)
        dock.find()
        wait_idle(qtbot, dock)
        assert dock.found is None and dock.status.text() and "\n" not in dock.status.text()
        assert len(dock.status.text()) < 400
    dock.set_source("")
    dock.find()
    assert "Browse" in dock.status.text() and not dock.busy()
    dock.set_source("digits")
    dock.session.select_layer("no.such.layer")
    dock.find()
    assert dock.status.text().startswith("no.such.layer has no channels") and not dock.busy()
    dock.maximise()
    assert "no channels" in dock.status.text() and not dock.busy()


def test_a_folder_patch_opens_its_file(qtbot, dock, window, tmp_path) -> None:
    from tests.gui.helpers import digit_png

    folder = tmp_path / "pictures"
    (folder / "sub").mkdir(parents=True)
    files = [digit_png(folder / f"d{i}.png", i) for i in range(2)] + [digit_png(folder / "sub" / "d2.png", 2)]
    (folder / "broken.png").write_bytes(b"\x89PNG broken")
    dock.set_source(folder)
    dock.top_spin.setValue(2)
    find(qtbot, dock)
    assert "1 unreadable file(s) skipped" in dock.status.text() and len(dock.tiles) == 2
    tile = dock.tiles[0]
    assert tile.png is None and Path(tile.name) in files
    dock.grid.buttons[0].click()
    wait_settled(qtbot, window, tile.name)
    assert window.session.current_path() == Path(tile.name)


def test_the_hint_names_the_layer_selected_before_any_find(qtbot, window, tmp_path) -> None:
    """Seen in `cnnviz digit_3.png --layer incep1 --dock units`: the hint still named the first layer."""
    from tests.gui.helpers import digit_png, wait_settled

    dock = window.docks["units_dock"]
    dock.raise_()
    window.session.request_model("mnist_inception")
    window.session.open_paths([digit_png(tmp_path / "d.png", 3)])
    wait_settled(qtbot, window)
    window.session.select_layer("incep1")
    qtbot.waitUntil(lambda: "channel of incep1" in dock.status.text(), timeout=10000)
