"""The Qt binding installed does not lose references to None (PySide6 6.12.0 does, and on Python < 3.12 a
long session then aborts with "Fatal Python error: none_dealloc"; pyproject.toml keeps it out)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QLabel


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_calls_returning_nothing_keep_none_alive(qapp) -> None:
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("x")
    assert sys.getrefcount(None) - before > -100  # 6.12.0 loses exactly one reference per call
