"""The core must import without Qt: a subprocess blocks PySide6/pyqtgraph and imports every module below it."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import cnnviz.core


def test_core_imports_without_qt() -> None:
    modules = [m.name for m in pkgutil.walk_packages(cnnviz.core.__path__, "cnnviz.core.")]
    assert len(modules) >= 30
    code = (
        "import sys\n"
        "for name in ('PySide6', 'pyqtgraph', 'superqt', 'shiboken6'):\n"
        "    sys.modules[name] = None  # any import of them now raises ImportError\n"
        f"import cnnviz\n"
        f"for m in {modules!r}:\n"
        "    __import__(m)\n"
        "assert not any(k.startswith(('PySide6', 'pyqtgraph')) and sys.modules[k] is not None for k in sys.modules)\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
