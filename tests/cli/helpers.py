"""Running the command line in-process from tests, and the one-error-line contract (exit 2, ``cnnviz: error:``)."""

from __future__ import annotations

from cnnviz.cli import main


def run_cli(capsys, *args) -> tuple[int, str, str]:
    """``cnnviz ARGS`` in this process: its exit code, stdout and stderr."""
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(capsys, *args) -> str:
    """Run ``cnnviz ARGS``, check that it failed as a user's error (exit 2, one ``cnnviz: error:`` line, no
    traceback), and return that line."""
    code, _, err = run_cli(capsys, *args)
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1 and lines[0].startswith("cnnviz: error: "), err
    return lines[0]
