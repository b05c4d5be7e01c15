"""Keeping freed host memory for reuse, so repeated captures do not pay for fresh pages.

A capture holds every activation of a forward pass at once. With glibc's defaults, tensors above
the dynamic mmap threshold are returned to the system when freed, and the next capture's tensors
arrive as fresh pages that the kernel must fault in and zero: on a 2-core CPU that costs more than
the copies themselves (ResNet-50: ~100 MB of activations per capture). ``keep_freed_memory()``
raises glibc's mmap and trim thresholds so freed blocks stay in the heap and are reused. It is a
process-wide setting: :func:`cnnviz.capture` makes it on its first call (so users of the Python API
get the speed without knowing about it), and the cnnviz app and CLI make it at start. It does
nothing (and returns False) where the C library is not glibc.

The heap then holds on to its high-water mark (up to 1 GiB free before it trims), so whatever keeps
dead captures alive for a while shows up as RSS that only grows: block parts of every capture were
once kept alive by a reference cycle until Python's next full garbage collection, and a long
session's RSS climbed from 1.2 to 2.3 GB (``benchmarks/bench_long_session.py``). A capture now
creates no cycles, and its tensors are freed the moment it is dropped.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
_MMAP_MAX_THRESHOLD = 32 * 2**20  # glibc's upper bound for M_MMAP_THRESHOLD on 64-bit
_TRIM = 1024 * 2**20

_done: bool | None = None


def keep_freed_memory() -> bool:
    """Ask glibc to keep freed blocks (up to 32 MB each; trimming above 1 GiB) for reuse."""
    global _done
    if _done is not None:
        return _done
    _done = False
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    ok = mallopt(M_MMAP_THRESHOLD, _MMAP_MAX_THRESHOLD) == 1 and mallopt(M_TRIM_THRESHOLD, _TRIM) == 1
    _done = bool(ok)
    return _done
