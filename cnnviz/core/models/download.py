"""Downloading one file safely: streamed, cancellable, hash-checked, and never left half-written.

:func:`download_file` streams a URL into a temporary file next to the destination, reports progress,
checks a cancel flag between chunks, verifies a SHA-256 prefix (torch.hub's convention: torchvision
names its files ``name-<hashprefix>.pth``) and only then renames the file into place. Every failure
is a one-line :class:`~cnnviz.core.errors.CnnvizError` naming the URL, and leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import IO, Callable

from ..errors import CnnvizError
from ..i18n import translator

tr = translator(__name__)

ProgressCallback = Callable[[int, "int | None"], None]
CancelCallback = Callable[[], bool]

CHUNK_SIZE = 128 * 1024
_USER_AGENT = "cnnviz (python urllib)"


def download_file(
    url: str,
    dest: Path | str,
    *,
    sha256_prefix: str | None,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
    timeout: float = 30,
) -> Path:
    """Download ``url`` to ``dest`` atomically.

    Parameters
    ----------
    url
        What to download (``http``, ``https`` or ``file`` URL).
    dest
        Where the finished file goes; its folder is created if needed. An existing file is replaced
        only once the new one is complete and verified.
    sha256_prefix
        The first hex digits of the file's SHA-256 (``None`` or ``""``: no check).
    progress
        Called as ``progress(bytes_done, total_or_None)`` once before the first chunk and after each one.
    cancel
        Polled between chunks; when it returns true the download stops with ``CnnvizError("download cancelled")``.
    timeout
        Seconds to wait for the server on connect and on each read.

    Returns
    -------
    pathlib.Path
        ``dest``.

    Raises
    ------
    CnnvizError
        On network or HTTP errors, a hash mismatch or cancellation; no partial file remains.
    """
    dest = Path(dest)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
    except OSError as exc:
        raise CnnvizError(tr("cannot write to {folder}: {reason}").format(folder=dest.parent,
                                                                          reason=exc.strerror or exc)) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            digest = _stream(url, out, progress, cancel, timeout)
        _check_hash(url, digest, sha256_prefix)
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return dest


def _stream(
    url: str,
    out: IO[bytes],
    progress: ProgressCallback | None,
    cancel: CancelCallback | None,
    timeout: float,
) -> str:
    """Copy the response body of ``url`` into ``out``; returns the SHA-256 hex digest."""
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    sha = hashlib.sha256()
    done = 0
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            total = _content_length(response)
            if progress is not None:
                progress(0, total)
            while True:
                if cancel is not None and cancel():
                    raise CnnvizError(tr("download cancelled"))
                chunk = response.read(CHUNK_SIZE)
                if not chunk:
                    break
                out.write(chunk)
                sha.update(chunk)
                done += len(chunk)
                if progress is not None:
                    progress(done, total)
    except urllib.error.HTTPError as exc:
        exc.close()  # the error is also the open response: release its socket
        raise CnnvizError(tr("could not download {url}: HTTP {code} {reason}").format(
            url=url, code=exc.code, reason=exc.reason)) from exc
    except urllib.error.URLError as exc:
        raise CnnvizError(tr("could not download {url}: {reason}").format(url=url, reason=exc.reason)) from exc
    except (OSError, ValueError, http.client.HTTPException) as exc:  # timeouts, resets, cut-offs, bad URLs
        raise CnnvizError(tr("could not download {url}: {reason}").format(url=url, reason=exc)) from exc
    if total is not None and done != total:
        raise CnnvizError(tr("could not download {url}: connection closed after {done} of {total} bytes").format(
            url=url, done=done, total=total))
    return sha.hexdigest()


def _content_length(response: object) -> int | None:
    """The announced size of a response body, or ``None`` when the server does not say."""
    headers = getattr(response, "headers", None)
    value = headers.get("Content-Length") if headers is not None else None
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _check_hash(url: str, digest: str, prefix: str | None) -> None:
    """Refuse a download whose SHA-256 does not start with ``prefix``."""
    if prefix and not digest.startswith(prefix.lower()):
        raise CnnvizError(
            tr("could not download {url}: the file is corrupted (SHA-256 {digest}..., expected {expected}...)").format(
                url=url, digest=digest[:len(prefix)], expected=prefix.lower())
        )


def cli_progress_bar(label: str, width: int = 30, stream: IO[str] | None = None) -> ProgressCallback:
    """A progress callback that draws a one-line text bar on stderr.

    Parameters
    ----------
    label
        Text shown before the bar (e.g. the file name).
    width
        Characters in the bar.
    stream
        Where to draw; ``sys.stderr`` (looked up at each call) when ``None``.

    Returns
    -------
    callable
        ``progress(bytes_done, total_or_None)`` suitable for :func:`download_file`. It redraws at most
        ten times a second and ends the line when the download completes.
    """
    state = {"last": 0.0, "finished": False}

    def draw(done: int, total: int | None) -> None:
        out = stream if stream is not None else sys.stderr
        complete = total is not None and done >= total
        now = time.monotonic()
        if state["finished"] or (not complete and now - state["last"] < 0.1 and done > 0):
            return
        state["last"] = now
        out.write("\r" + _bar_text(label, done, total, width))
        if complete:
            out.write("\n")
            state["finished"] = True
        out.flush()

    return draw


def _bar_text(label: str, done: int, total: int | None, width: int) -> str:
    """``label [#####.....]  12.3/45.0 MB  27%`` (or just the megabytes when the size is unknown)."""
    mb = done / 1e6
    if not total:
        return f"{label} {mb:.1f} MB"
    fraction = min(done / total, 1.0)
    filled = int(round(fraction * width))
    bar = "#" * filled + "." * (width - filled)
    return f"{label} [{bar}] {mb:.1f}/{total / 1e6:.1f} MB {fraction * 100:3.0f}%"
