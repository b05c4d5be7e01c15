"""``python -m cnnviz`` is the ``cnnviz`` command."""

from cnnviz.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
