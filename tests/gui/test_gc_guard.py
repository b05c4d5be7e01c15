"""Garbage is collected from the GUI thread's event loop only, never inside a Qt call (gc_guard.py)."""

from __future__ import annotations

import gc
import threading
import weakref

import pytest
from PySide6.QtCore import QObject

from cnnviz.gui.gc_guard import GcGuard, install_gc_guard


class Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cyclic collector frees it


def churn(n: int = 50_000) -> None:
    """Allocate far past generation 0's threshold: Python alone would collect meanwhile."""
    for _ in range(n):
        Node()


@pytest.fixture
def python_collects():
    """Automatic collection on, as in a user's process before the app starts (the GUI tests' own guard
    keeps it off); put back afterwards."""
    gc.enable()
    yield
    gc.disable()


def test_without_a_guard_python_collects_in_the_middle_of_anything(python_collects):
    cycle = Node()
    gone = weakref.ref(cycle)
    del cycle
    churn()
    assert gone() is None  # what the guard prevents: a collection at an arbitrary point


def test_the_guard_collects_only_from_its_timer(qtbot, python_collects):
    owner = QObject()
    guard = GcGuard(owner, interval_ms=10)
    assert not gc.isenabled() and install_gc_guard(owner) is guard  # one per owner
    cycle = Node()
    gone = weakref.ref(cycle)
    del cycle
    churn()
    assert gone() is not None  # nothing collected outside the event loop
    qtbot.waitUntil(lambda: gone() is None, timeout=5000)
    guard.release()
    assert gc.isenabled()


def test_no_collection_runs_in_a_worker_thread(python_collects):
    owner = QObject()
    guard = GcGuard(owner, interval_ms=60_000)
    freed = []

    def work() -> None:
        cycle = Node()
        ref = weakref.ref(cycle)
        del cycle
        churn()
        freed.append(ref() is None)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert freed == [False]
    guard.release()


def test_deleting_the_owner_gives_collection_back(python_collects):
    owner = QObject()
    GcGuard(owner)
    assert not gc.isenabled()
    del owner  # the guard goes with it
    assert gc.isenabled()
