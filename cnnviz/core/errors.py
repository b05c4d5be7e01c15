"""The one exception type for errors a user can cause.

Its message is a single line meant for people: the CLI prints it as ``cnnviz: error: <message>``
and exits 2; the GUI shows it in the status bar or a dialog and carries on.
"""

from __future__ import annotations


class CnnvizError(Exception):
    """A user-caused error (bad file, unknown model, unknown layer...) with a one-line message."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(str(message).split()))
