"""A tiny Motion-JPEG-in-AVI writer (no dependency but Pillow), for generated test and benchmark videos.

Every player (FFmpeg, hence Qt Multimedia's FFmpeg backend) reads such a file: a RIFF ``AVI `` with one
``vids`` stream of ``MJPG`` frames, each a JPEG of its own, and an ``idx1`` index. :func:`moving_square`
makes the frames the tests play: a bright square crossing a dark background.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path
from typing import Iterable

import numpy as np
from PIL import Image

from ..errors import CnnvizError
from ..i18n import translator

tr = translator(__name__)


def _chunk(fourcc: bytes, data: bytes) -> bytes:
    return fourcc + struct.pack("<I", len(data)) + data + (b"\0" if len(data) % 2 else b"")


def _list(kind: bytes, data: bytes) -> bytes:
    return _chunk(b"LIST", kind + data)


def write_mjpeg_avi(path: str | Path, frames: Iterable[np.ndarray], fps: float = 30.0, quality: int = 90) -> Path:
    """Write uint8 RGB frames (H x W x 3, all the same size) as a Motion-JPEG AVI file at ``fps``.

    Parameters
    ----------
    path
        The file to write (overwritten).
    frames
        The frames, in order; at least one.
    fps
        Frames per second written in the headers.
    quality
        JPEG quality (1-95).

    Returns
    -------
    Path
        ``path``.
    """
    jpegs, size = [], None
    for frame in frames:
        array = np.asarray(frame, dtype=np.uint8)
        if array.ndim != 3 or array.shape[2] != 3:
            raise CnnvizError(tr("a video frame must be H x W x 3, not {shape}").format(shape=tuple(array.shape)))
        if size is not None and array.shape[:2] != size:
            raise CnnvizError(tr("video frames differ in size: {first} and {other}").format(
                first=size, other=array.shape[:2]))
        size = array.shape[:2]
        buffer = io.BytesIO()
        Image.fromarray(array, "RGB").save(buffer, "JPEG", quality=quality)
        jpegs.append(buffer.getvalue())
    if size is None:
        raise CnnvizError(tr("a video needs at least one frame"))
    height, width = size
    n, biggest = len(jpegs), max(len(j) for j in jpegs)
    usec = int(round(1e6 / fps))
    avih = struct.pack("<10I4I", usec, biggest * int(fps + 1), 0, 0x10, n, 0, 1, biggest, width, height, 0, 0, 0, 0)
    strh = b"vidsMJPG" + struct.pack("<IHHIIIIIIII4h", 0, 0, 0, 0, 1000, int(round(fps * 1000)), 0, n,
                                     biggest, 10000, 0, 0, 0, width, height)
    strf = struct.pack("<IiiHH4sIiiII", 40, width, height, 1, 24, b"MJPG", width * height * 3, 0, 0, 0, 0)
    hdrl = _list(b"hdrl", _chunk(b"avih", avih) + _list(b"strl", _chunk(b"strh", strh) + _chunk(b"strf", strf)))
    movi_data, index, offset = [], [], 4  # offsets count from the 'movi' fourcc
    for jpeg in jpegs:
        chunk = _chunk(b"00dc", jpeg)
        index.append(b"00dc" + struct.pack("<III", 0x10, offset, len(jpeg)))
        movi_data.append(chunk)
        offset += len(chunk)
    body = b"AVI " + hdrl + _list(b"movi", b"".join(movi_data)) + _chunk(b"idx1", b"".join(index))
    path = Path(path)
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path


def moving_square(frames: int = 30, size: int = 64, side: int | None = None) -> list[np.ndarray]:
    """``frames`` RGB frames (``size`` x ``size``) of a white square moving diagonally over a dark background."""
    side = side or max(2, size // 4)
    out = []
    for i in range(frames):
        frame = np.full((size, size, 3), 16, dtype=np.uint8)
        pos = int(round(i * (size - side) / max(1, frames - 1)))
        frame[pos:pos + side, pos:pos + side] = 240
        out.append(frame)
    return out
