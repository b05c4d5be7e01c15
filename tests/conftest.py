"""Shared test set-up: Qt runs offscreen in English, torch uses few threads, no test may touch the network."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["CNNVIZ_LANG"] = "en"  # tests read English whatever the machine's language; zh_CN tests ask for it

import pytest  # noqa: E402
import torch  # noqa: E402

torch.set_num_threads(2)


@pytest.fixture(autouse=True)
def _seeded() -> None:
    torch.manual_seed(0)



@pytest.fixture(autouse=True, scope="session")
def _model_list_cache(tmp_path_factory):
    """The cached model list (``cnnviz models``, the unknown-model hint) goes to a temporary folder, not the
    user's cache (subprocesses inherit it): tests leave nothing in ``~/.cache``."""
    folder = tmp_path_factory.mktemp("cnnviz-cache")
    before = os.environ.get("CNNVIZ_CACHE_DIR")
    os.environ["CNNVIZ_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("CNNVIZ_CACHE_DIR", None)
    else:
        os.environ["CNNVIZ_CACHE_DIR"] = before
