"""The public Python API: every name of ``cnnviz.__all__`` is there, and ``dir()`` shows them (tab completion)."""

from __future__ import annotations

import cnnviz


def test_dir_lists_the_lazily_imported_api() -> None:
    assert set(cnnviz.__all__) <= set(dir(cnnviz))
    assert {"load_model", "load_image", "capture", "summarize"} <= set(cnnviz.__all__)
    for name in cnnviz.__all__:
        assert getattr(cnnviz, name) is not None
