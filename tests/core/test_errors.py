"""One place words exceptions for people: the CLI and the GUI say the same thing for the same error."""

from __future__ import annotations

import torch

from cnnviz.cli import user_error_message
from cnnviz.core.errors import (OUT_OF_GPU_MEMORY, CnnvizError, internal_message, one_line, reason,
                                user_message)


def test_user_errors_keep_their_words_and_bugs_are_none() -> None:
    assert user_message(CnnvizError("no such file:\n  x.png")) == "no such file: x.png"
    assert user_message(torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 2 GiB")) \
        == OUT_OF_GPU_MEMORY
    assert user_message(ZeroDivisionError("division by zero")) is None
    assert user_message(RuntimeError("a bug")) is None


def test_the_command_line_uses_the_same_function() -> None:
    assert user_error_message is user_message


def test_internal_message_names_the_type_and_the_first_line() -> None:
    exc = KeyError("conv1")
    assert internal_message(exc) == "internal error: KeyError: 'conv1'"
    assert internal_message(RuntimeError("first line\nsecond line")) == "internal error: RuntimeError: first line"
    assert internal_message(ValueError()) == "internal error: ValueError"


def test_one_line_and_reason() -> None:
    assert one_line("a\n\tb  c") == "a b c"
    long = one_line("x" * 500, limit=50)
    assert len(long) == 50 and long.endswith("...")
    assert reason(OSError("broken\nheader")) == "broken header"
    assert reason(KeyError(0)) == "KeyError"  # a bare number says nothing
    assert reason(EOFError()) == "EOFError"
