"""What a cnnviz checkpoint's metadata claims, read and checked before anything is built from it.

A ``.safetensors`` file's metadata is text anyone can write: a class count of 10**12, a class list
nested ten thousand levels deep, a model name of a megabyte. :func:`read_checkpoint` turns it into a
:class:`CheckpointMeta` or one line saying what is wrong; :func:`tensor_shapes` reads the shapes of
the file's tensors from its header only, so a loader can compare them with what the metadata claims
before it allocates a layer of that size.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import CnnvizError
from ..i18n import translator
from ..paths import shown_path
from .weights import CLASS_NAMES_KEY, MODEL_KEY, NUM_CLASSES_KEY, TRANSFORM_INPUT_KEY, not_safetensors, read_checkpoint_metadata

tr = translator(__name__)

__all__ = ["MAX_CLASSES", "CheckpointMeta", "read_checkpoint", "tensor_shapes"]

#: More classes than any classifier has (ImageNet-21k has 21,841): a larger claim is refused unread.
MAX_CLASSES = 10_000_000
_SHOWN_CHARS = 60


@dataclass(frozen=True)
class CheckpointMeta:
    """What a cnnviz checkpoint's metadata says about the architecture it was saved from.

    Attributes
    ----------
    model
        The architecture's built-in name (``cnnviz.model``), ``None`` for a plain weights file.
    num_classes
        The classifier's width, ``None`` when the file does not say.
    class_names
        The classes' names (may be empty).
    transform_input
        GoogLeNet / Inception-v3's ``transform_input`` as saved, ``None`` when the file does not say.
    """

    model: str | None = None
    num_classes: int | None = None
    class_names: tuple[str, ...] = ()
    transform_input: bool | None = None


def read_checkpoint(path: Path) -> CheckpointMeta:
    """Parse and check the cnnviz metadata of a ``.safetensors`` file.

    Raises
    ------
    CnnvizError
        Unreadable file; a class count that is not a positive number up to :data:`MAX_CLASSES`;
        class names that are not a flat JSON list of strings or disagree with the count;
        ``transform_input`` that is not a JSON boolean.
    """
    meta = read_checkpoint_metadata(path)
    num_classes = _class_count(meta, path)
    names = _json_field(meta, CLASS_NAMES_KEY, list, path) or []
    if not all(isinstance(n, str) for n in names):
        raise CnnvizError(tr("{path}: metadata {key} must be a JSON list of strings").format(
            path=shown_path(path), key=CLASS_NAMES_KEY))
    if names and num_classes is not None and num_classes != len(names):
        raise CnnvizError(tr("{path}: metadata names {count} classes but {key} is {classes}").format(
            path=shown_path(path), count=len(names), key=NUM_CLASSES_KEY, classes=num_classes))
    if len(names) > MAX_CLASSES:
        raise CnnvizError(tr("{path}: metadata {key} names {count} classes, more than the {most} cnnviz accepts")
                          .format(path=shown_path(path), key=CLASS_NAMES_KEY, count=f"{len(names):,d}",
                                  most=f"{MAX_CLASSES:,d}"))
    return CheckpointMeta(meta.get(MODEL_KEY) or None, num_classes or (len(names) or None), tuple(names),
                          _json_field(meta, TRANSFORM_INPUT_KEY, bool, path))


def _class_count(meta: Mapping[str, str], path: Path) -> int | None:
    if NUM_CLASSES_KEY not in meta:
        return None
    text = meta[NUM_CLASSES_KEY]
    try:
        count = int(text.strip()) if len(text) <= 20 else 0
    except ValueError:
        count = 0
    if count < 1:
        raise CnnvizError(tr("{path}: metadata {key} is not a positive whole number: {text}").format(
            path=shown_path(path), key=NUM_CLASSES_KEY, text=_clipped(text)))
    if count > MAX_CLASSES:
        raise CnnvizError(tr("{path}: metadata {key} claims {count} classes, more than the {most} cnnviz accepts; "
                             "the file is damaged or not a classifier").format(
                                 path=shown_path(path), key=NUM_CLASSES_KEY, count=f"{count:,d}",
                                 most=f"{MAX_CLASSES:,d}"))
    return count


def _json_field(meta: Mapping[str, str], key: str, kind: type, path: Path):
    if key not in meta:
        return None
    try:
        value = json.loads(meta[key])
    except RecursionError:
        raise CnnvizError(tr("{path}: metadata {key} is nested too deeply to be a JSON {kind} of names").format(
            path=shown_path(path), key=key, kind=kind.__name__)) from None
    except (json.JSONDecodeError, ValueError):
        value = None
    if not isinstance(value, kind):
        raise CnnvizError(tr("{path}: metadata {key} is not a JSON {kind}: {text}").format(
            path=shown_path(path), key=key, kind=kind.__name__, text=_clipped(meta[key])))
    return value


def _clipped(text: str) -> str:
    if len(text) <= _SHOWN_CHARS:
        return repr(text)
    return tr("{text} ({count} characters)").format(text=repr(text[:_SHOWN_CHARS]), count=f"{len(text):,d}")


def clipped_name(text: str) -> str:
    """An untrusted name for a message: as it is when short and printable, else quoted and cut to 60 characters."""
    return text if len(text) <= _SHOWN_CHARS and text.isprintable() else _clipped(text)


def tensor_shapes(path: Path) -> dict[str, tuple[int, ...]]:
    """The shape of every tensor in a ``.safetensors`` file, read from its header (no tensor is loaded)."""
    from safetensors import safe_open

    try:
        with safe_open(str(path), framework="pt") as f:
            return {key: tuple(f.get_slice(key).get_shape()) for key in f.keys()}
    except Exception as exc:  # SafetensorError for anything that is not a safetensors file
        raise CnnvizError(not_safetensors(shown_path(path), exc)) from exc
