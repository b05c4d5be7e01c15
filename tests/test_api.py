"""The public Python API: every name of ``cnnviz.__all__`` is there, and ``dir()`` shows them (tab completion)."""

from __future__ import annotations

import inspect
import subprocess
import sys

import cnnviz


def test_dir_lists_the_lazily_imported_api() -> None:
    assert set(cnnviz.__all__) <= set(dir(cnnviz))
    assert {"load_model", "load_image", "capture", "summarize", "show"} <= set(cnnviz.__all__)
    for name in cnnviz.__all__:
        assert getattr(cnnviz, name) is not None


def test_show_has_the_documented_signature_and_imports_qt_only_when_used() -> None:
    params = inspect.signature(cnnviz.show).parameters
    assert list(params) == ["model", "images", "input_size", "mean", "std", "class_names", "screenshot"]
    assert all(params[k].kind is inspect.Parameter.KEYWORD_ONLY for k in list(params)[2:])
    code = ("import sys, cnnviz; assert 'PySide6' not in sys.modules; cnnviz.show; "
            "assert 'PySide6.QtWidgets' in sys.modules and cnnviz.show.__module__ == 'cnnviz.gui.show'")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
