"""Remake the README's screenshots of issue 12 (Attribution depth strip and honesty checks, Statistics, Compare).

    QT_QPA_PLATFORM=offscreen python resources/screenshots/make_issue12.py [NAME ...]

NAME is a picture's name without ``.png`` (all of them by default). Each picture is a fresh window (1400x900,
1400x700 for the Compare dock's one row of feature maps; no saved settings) on a bundled sample, waited on
until it has painted everything it was asked for, then saved beside this script. These are states the command
line cannot reach (a second class, a check that has run, a page of the Statistics dock, a B for the Compare
dock); the plain ones are made with ``cnnviz IMAGE --dock D --screenshot PNG`` (see the README).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from cnnviz.gui.app import ensure_app  # noqa: E402
from cnnviz.gui.main_window import MainWindow  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SAMPLES = Path("resources") / "samples"  # relative to the checkout, as a user would type it
TIMEOUT_S = 300.0


def wait_for(condition, what: str, timeout_s: float = TIMEOUT_S) -> None:
    """Run the event loop until ``condition()`` holds; stop the script if it does not within ``timeout_s``."""
    loop = QEventLoop()
    poll = QTimer(interval=20)
    held: list[bool] = []  # it held once: a window that trains in the background may owe a paint again

    def check() -> None:
        if condition():
            held.append(True)
            loop.quit()

    poll.timeout.connect(check)
    poll.start()
    deadline = QTimer(singleShot=True)  # stopped below: a timer left pending would quit a later loop
    deadline.timeout.connect(loop.quit)  # (one made at the same address once this one is freed)
    deadline.start(int(timeout_s * 1000))
    if condition():
        held.append(True)
    else:
        loop.exec()
    poll.stop()
    deadline.stop()
    if not held:
        raise SystemExit(f"timed out waiting for {what}")


def settle(window: MainWindow, what: str) -> None:
    """Wait until the window waits for nothing and every visible dock has painted (twice, for late layouts)."""
    for _ in range(2):
        wait_for(lambda: window.session.result is not None and window.is_settled(), what)
        QApplication.processEvents()


def open_window(model: str, weights: str, image: str, dock: str, layer: str | None = None,
                size: tuple[int, int] = (1400, 900)) -> MainWindow:
    """A window of ``size`` on ``model`` with ``image`` open, dock ``dock`` in front, ``layer`` selected."""
    window = MainWindow(settings=None)
    window.resize(*size)
    window.show()
    session = window.session
    session.request_model(model, weights)
    session.open_paths([SAMPLES / image])
    wait_for(lambda: session.result is not None and session.result.model is session.model, f"{model} on {image}")
    panel = window.docks[dock]
    panel.show()
    panel.raise_()
    if layer is not None:
        session.select_layer(session.result.capture.resolve_key(layer))
    settle(window, f"{dock} on {model}")
    return window


def save(window: MainWindow, name: str) -> None:
    QApplication.processEvents()
    path = HERE / f"{name}.png"
    if not window.save_screenshot(path):
        raise SystemExit(f"{path}: could not write the screenshot")
    print(path)
    window.close()
    QApplication.processEvents()


def close_right_column(window: MainWindow) -> None:
    """Close the Input and Training docks (View menu), so that the three columns get the room."""
    for name in ("input_dock", "training_dock"):
        window.docks[name].close()
    settle(window, "the window without its right column")


def class_index(window: MainWindow, name: str) -> int:
    return list(window.session.model.loaded.info.class_names).index(name)


# ---------------------------------------------------------------------- the pictures

def dock_attribution_strip() -> None:
    """Grad-CAM of the 3x3 branch of incep2 for class 3 beside class 8's, every convolution in the strip."""
    window = open_window("mnist_inception", "default", "digit_3.png", "attribution_dock", "incep2.branch3x3.2")
    panel = window.docks["attribution_dock"]
    panel.set_compare(class_index(window, "8"))
    settle(window, "the second class's map")
    wait_for(lambda: panel.compared_image() is not None, "class 8's map")
    settle(window, "the strip")
    save(window, "dock_attribution_strip")


def dock_attribution_sanity() -> None:
    """The same map after the randomisation check and the deletion/insertion curves (darkest baseline: the
    digit's black background)."""
    window = open_window("mnist_inception", "default", "digit_3.png", "attribution_dock", "incep2.branch3x3.2")
    panel = window.docks["attribution_dock"]
    box = panel.sanity
    panel.split.setSizes([430, 400])  # room for the plots (the user drags the same split)
    box.baseline_combo.setCurrentIndex(box.baseline_combo.findData("minimum"))
    for kind, done in (("randomisation", lambda: box.randomisation), ("curves", lambda: box.curves)):
        wait_for(lambda: box.state() == "idle", "an idle check box")
        if box.run_check(kind) is None:
            raise SystemExit(f"the {kind} check did not start")
        wait_for(lambda: box.state() == "idle" and done() is not None, f"the {kind} check")
    settle(window, "the checks drawn")
    save(window, "dock_attribution_sanity")


def dock_statistics() -> None:
    """The share of zeros along depth of mnist_residual on a digit (bundled weights)."""
    window = open_window("mnist_residual", "default", "digit_3.png", "statistics_dock", "res2.relu1")
    panel = window.docks["statistics_dock"]
    panel.tabs.setCurrentIndex(1)
    wait_for(lambda: panel.depth is not None, "the bars along depth")
    settle(window, "the depth page")
    save(window, "dock_statistics")


def dock_statistics_gradients() -> None:
    """Gradient norms of mnist_plain_deep (they vanish) against mnist_residual_deep's (random weights both)."""
    window = open_window("mnist_plain_deep", "none", "digit_3.png", "statistics_dock")
    panel = window.docks["statistics_dock"]
    panel.tabs.setCurrentWidget(panel.gradients)
    panel.gradients.set_compare("mnist_residual_deep")
    view = panel.gradients
    wait_for(lambda: view.result is not None and view.result.compare == "mnist_residual_deep"
             and (view.result.compare_norms or view.result.problem), "the gradient norms")
    settle(window, "the gradients page")
    save(window, "dock_statistics_gradients")


def dock_compare() -> None:
    """A = digit 3, B = digit 8 through mnist_inception, the feature maps of conv1 and their difference."""
    window = open_window("mnist_inception", "default", "digit_3.png", "compare_dock", "conv1",
                         size=(1400, 700))  # one row of pictures: no empty half below it
    close_right_column(window)
    panel = window.docks["compare_dock"]
    panel.set_b_image(SAMPLES / "digit_8.png")
    wait_for(lambda: panel.shown_images() is not None, "the comparison")
    settle(window, "the compare dock")
    save(window, "dock_compare")


def dock_compare_residual() -> None:
    """A = digit 3, B = digit 8 through mnist_residual, the residual view of res1."""
    window = open_window("mnist_residual", "default", "digit_3.png", "compare_dock", "res1")
    close_right_column(window)
    panel = window.docks["compare_dock"]
    panel.set_view("residual")
    panel.set_b_image(SAMPLES / "digit_8.png")
    wait_for(lambda: panel.shown_images() is not None and panel.view == "residual", "the residual comparison")
    settle(window, "the compare dock")
    save(window, "dock_compare_residual")


PICTURES = {f.__name__: f for f in (dock_attribution_strip, dock_attribution_sanity, dock_statistics,
                                    dock_statistics_gradients, dock_compare, dock_compare_residual)}


def main(names: list[str], pictures: dict = PICTURES) -> None:
    """Make the ``pictures`` named (all of them without names); make_issue13.py makes its own with this too."""
    os.chdir(ROOT)
    unknown = [n for n in names if n not in pictures]
    if unknown:
        raise SystemExit(f"unknown picture {', '.join(unknown)}; the pictures: {', '.join(pictures)}")
    ensure_app()
    for name in names or pictures:
        pictures[name]()


if __name__ == "__main__":
    main(sys.argv[1:])
