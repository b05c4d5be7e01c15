"""Loading weights safely: bundled files, torchvision's pretrained downloads, and user files.

Only data is ever loaded here. ``.safetensors`` files are read with safetensors; ``.pt``/``.pth``/
``.bin`` files with ``torch.load(weights_only=True)`` and nothing else: a pickle that would need to
run code is refused (there is no fallback to ``weights_only=False``), and a TorchScript archive is
recognised *before* torch.load could dispatch it to ``torch.jit.load``. Checkpoints written by
cnnviz's trainer are ``.safetensors`` files whose metadata names the architecture
(:data:`MODEL_KEY`), the number of classes and their names.
"""

from __future__ import annotations

import json
import pickle
import re
import urllib.parse
import warnings
import zipfile
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Callable

import torch
from torch import Tensor, nn

from . import zoo
from .download import download_file
from ..atomic import atomic_write
from ..errors import CnnvizError, reason
from ..i18n import translator
from ..paths import file_problem, is_absent, shown_path
from ..resources import resources_dir

tr = translator(__name__)

MODEL_KEY = "cnnviz.model"
NUM_CLASSES_KEY = "cnnviz.num_classes"
CLASS_NAMES_KEY = "cnnviz.class_names"
TRANSFORM_INPUT_KEY = "cnnviz.transform_input"

# Keys under which training scripts commonly nest the real state dict.
_WRAPPER_KEYS = ("state_dict", "model_state_dict", "model", "net", "network", "weights", "params")
_GLOBAL_RE = re.compile(r"GLOBAL ([\w.]+)")
_OPERAND_RE = re.compile(r"Unsupported operand (\d+)")
# Pickle opcodes that import or build objects (GLOBAL, STACK_GLOBAL, INST, OBJ, NEWOBJ(_EX), REDUCE, BUILD, EXT1-4).
_OBJECT_OPCODES = {ord(c) for c in "c\x93io\x81\x92Rb\x82\x83\x84"}
_SHOWN = 4  # names listed per kind of mismatch before "(+N more)"
# What wrappers put before every key: DataParallel / DistributedDataParallel, torch.compile.
_WRAPPER_PREFIXES = ("module.", "_orig_mod.")


# --------------------------------------------------------------------------- pretrained (torchvision)

def pretrained_url(name: str) -> str:
    """The URL of torchvision's DEFAULT weights for the model ``name``."""
    if name in zoo.COURSE_MODELS:
        raise CnnvizError(tr("{name} is a course network: it has no torchvision pretrained weights (its default "
                             "weights are bundled with cnnviz)").format(name=name))
    if name not in zoo.torchvision_names():
        raise CnnvizError(zoo.unknown_model_message(name))
    return zoo.default_weights_enum(name).url


def _checkpoints_dir() -> Path:
    return Path(torch.hub.get_dir()) / "checkpoints"


def _url_basename(url: str) -> str:
    return urllib.parse.urlparse(url).path.rsplit("/", 1)[-1]


def pretrained_cache_path(name: str) -> Path:
    """Where torch.hub keeps torchvision's DEFAULT weights for ``name`` (the file may not exist)."""
    return _checkpoints_dir() / _url_basename(pretrained_url(name))


def pretrained_available(name: str) -> bool:
    """Whether torchvision's DEFAULT weights for ``name`` are in torch's hub cache (``False`` for other names)."""
    try:
        return pretrained_cache_path(name).is_file()
    except CnnvizError:
        return False


def download_pretrained(
    name: str,
    progress: Callable[[int, int | None], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    url: str | None = None,
) -> Path:
    """Download torchvision's DEFAULT weights for ``name`` into torch's hub cache.

    Parameters
    ----------
    name
        A torchvision model name.
    progress, cancel
        Passed to :func:`cnnviz.core.models.download.download_file`.
    url
        Download from here instead (tests); the file is named after this URL's last component.

    Returns
    -------
    pathlib.Path
        The cached file, verified against the SHA-256 prefix in its name (torch.hub's convention).
    """
    url = url or pretrained_url(name)
    filename = _url_basename(url)
    match = torch.hub.HASH_REGEX.search(filename)
    return download_file(url, _checkpoints_dir() / filename, sha256_prefix=match.group(1) if match else None,
                         progress=progress, cancel=cancel)


# --------------------------------------------------------------------------- bundled weights

def bundled_weights_path(name: str) -> Path | None:
    """``resources/weights/<name>.safetensors`` when cnnviz ships weights for ``name``, else ``None``."""
    path = resources_dir() / "weights" / f"{name}.safetensors"
    return path if path.is_file() else None


# --------------------------------------------------------------------------- reading files

def is_torchscript_archive(path: Path | str) -> bool:
    """Whether ``path`` is a TorchScript archive (a zip holding ``<root>/code/`` or ``<root>/constants.pkl``).

    ``torch.save`` writes zips too (``<root>/data.pkl``...), named after the file: only the entries one
    level below the root tell the two apart.
    """
    if file_problem(path) is not None:  # never open a FIFO or a device to look inside
        return False
    try:
        if not zipfile.is_zipfile(path):
            return False
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (OSError, zipfile.BadZipFile):
        return False
    below_root = {n.split("/")[1] for n in names if n.count("/") >= 1}
    return "code" in below_root or "constants.pkl" in below_root


def is_safetensors_file(path: Path | str) -> bool:
    """Whether ``path`` is named ``.safetensors`` or starts with a safetensors header."""
    path = Path(path)
    if path.suffix.lower() == ".safetensors":
        return True
    if file_problem(path) is not None:
        return False
    try:
        with path.open("rb") as f:
            head = f.read(9)
        size = path.stat().st_size
    except OSError:
        return False
    return len(head) == 9 and head[8:9] == b"{" and 8 < int.from_bytes(head[:8], "little") <= size - 8


def load_state_dict_file(path: Path | str) -> dict[str, Tensor]:
    """Read a state dict from a weights file without ever running code from it.

    Parameters
    ----------
    path
        A ``.safetensors`` file, or a ``.pt``/``.pth``/``.bin`` file written by ``torch.save``. A
        checkpoint dict that wraps the state dict (``{"state_dict": ..., "epoch": ...}``) is unwrapped.

    Returns
    -------
    dict of str to torch.Tensor
        The tensors, on the CPU.

    Raises
    ------
    CnnvizError
        Missing, empty or unreadable file; a pickle that would run code; a TorchScript archive;
        entries that are not tensors.
    """
    path = Path(path)
    problem = file_problem(path)
    if is_absent(problem):
        raise CnnvizError(tr("weights file not found: {path} (use none, default or the path of a weights file)")
                          .format(path=shown_path(path)))
    if problem is not None:
        raise CnnvizError(tr("weights path {path} {problem}").format(path=shown_path(path), problem=problem[1]))
    if path.stat().st_size == 0:
        raise CnnvizError(tr("weights file {path} is empty").format(path=shown_path(path)))
    if is_safetensors_file(path):
        return _load_safetensors(path)
    if is_torchscript_archive(path):
        raise CnnvizError(tr("{path} is a TorchScript model, not a weights file: it contains code. Pass it as "
                             "--model {path} together with --trust-code if you trust its source").format(path=path))
    return _as_state_dict(_torch_load(path), path)


def _load_safetensors(path: Path) -> dict[str, Tensor]:
    from safetensors.torch import load_file

    try:
        return load_file(str(path), device="cpu")
    except Exception as exc:  # safetensors raises its own SafetensorError, or OSError
        raise CnnvizError(not_safetensors(path, exc)) from exc


def not_safetensors(path: Path, exc: BaseException) -> str:
    """``PATH is not a valid safetensors file (REASON)``, in the user's language."""
    return tr("{path} is not a valid safetensors file ({reason})").format(path=path, reason=reason(exc))


def _torch_load(path: Path) -> Any:
    """``torch.load(weights_only=True)`` with every failure turned into one CnnvizError."""
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Detected pickle protocol", category=UserWarning)
            return torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as exc:
        if _not_a_pickle(path, str(exc)):
            raise CnnvizError(tr("{path} is not a PyTorch weights file (neither a torch.save archive nor a pickle "
                                 "of tensors)").format(path=path)) from None
        if "weights only load failed" in str(exc).lower():
            raise CnnvizError(_refused_message(path, str(exc))) from None
        raise CnnvizError(tr("{path} is not a PyTorch weights file ({reason})").format(path=path,
                                                                                      reason=reason(exc))) from None
    except Exception as exc:  # garbage bytes raise KeyError, EOFError, RuntimeError... depending on luck
        raise CnnvizError(tr("{path} is not a PyTorch weights file ({reason})").format(path=path,
                                                                                      reason=reason(exc))) from None


def _not_a_pickle(path: Path, torch_message: str) -> bool:
    """Whether torch stopped at a byte of a file that is no pickle (an image...), rather than at code.

    Pickles of protocol 2 and up start with the PROTO opcode; older ones that run code stop at an
    opcode that imports or builds an object.
    """
    match = _OPERAND_RE.search(torch_message)
    if match is None or int(match.group(1)) in _OBJECT_OPCODES:
        return False
    try:
        with path.open("rb") as f:
            return f.read(1) != b"\x80"
    except OSError:
        return False


def _refused_message(path: Path, torch_message: str) -> str:
    match = _GLOBAL_RE.search(torch_message)
    needs = tr(" (it needs {name})").format(name=match.group(1)) if match else ""
    return tr("{path} is refused: loading it would run code from the file{needs}. cnnviz loads .pt/.pth files with "
              "torch.load(weights_only=True) only. If it is a TorchScript model, pass it as --model with --trust-code; "
              "otherwise convert its state dict to .safetensors in a Python session you trust").format(
                  path=path, needs=needs)


def _as_state_dict(obj: Any, path: Path) -> dict[str, Tensor]:
    """Unwrap ``{"state_dict": ...}``-style checkpoints and check that only tensors remain."""
    for _ in range(3):
        if not isinstance(obj, Mapping) or _all_tensors(obj):
            break
        inner = next((obj[k] for k in _WRAPPER_KEYS if isinstance(obj.get(k), Mapping)), None)
        if inner is None:
            break
        obj = inner
    if isinstance(obj, Tensor):
        raise CnnvizError(tr("{path} holds a single tensor, not a state dict of named tensors").format(path=path))
    if not isinstance(obj, Mapping):
        raise CnnvizError(tr("{path} holds a {type}, not a state dict of named tensors").format(
            path=path, type=type(obj).__name__))
    if not obj:
        raise CnnvizError(tr("{path} holds no tensors").format(path=path))
    bad = [tr("{key} is a {type}").format(key=repr(k), type=type(v).__name__) for k, v in obj.items()
           if not (isinstance(k, str) and isinstance(v, Tensor))]
    if bad:
        raise CnnvizError(tr("{path} is not a plain state dict: {entries}; cnnviz needs a mapping of names to tensors")
                          .format(path=path, entries=_few(bad)))
    return obj  # type: ignore[return-value]  # keeps OrderedDict._metadata (module versions)


def _all_tensors(obj: Mapping) -> bool:
    return bool(obj) and all(isinstance(v, Tensor) for v in obj.values())


def _few(names: list[str], shown: int = _SHOWN) -> str:
    text = ", ".join(names[:shown])
    return text + (f" (+{len(names) - shown} more)" if len(names) > shown else "")


# --------------------------------------------------------------------------- applying

def apply_state_dict(model: nn.Module, state: Mapping[str, Tensor], source: str, *, assign: bool = False) -> None:
    """Load ``state`` into ``model`` strictly, without DataParallel's ``module.`` or torch.compile's ``_orig_mod.``.

    Parameters
    ----------
    model
        The module to fill. If loading fails it may be partly overwritten: load into a fresh model.
    state
        Names to tensors, e.g. from :func:`load_state_dict_file`.
    source
        What the weights are called in messages (a file path, ``"bundled weights"``...).
    assign
        Passed to ``load_state_dict`` (a model on the meta device takes the tensors themselves).

    Raises
    ------
    CnnvizError
        One message naming the missing, unexpected and mis-shaped keys (a few of each, then "(+N more)").
    """
    state = _prepared_state(model, state)
    try:
        model.load_state_dict(state, strict=True, assign=assign)
    except (RuntimeError, ValueError, KeyError) as exc:
        problems = _mismatch(model.state_dict(), state) or reason(exc)
        raise CnnvizError(tr("weights from {source} do not fit {model}: {problems}").format(
            source=source, model=type(model).__name__, problems=problems)) from None


def _prepared_state(model: nn.Module, state: Mapping[str, Tensor]) -> OrderedDict:
    """A copy of ``state`` without the prefixes wrappers add, carrying module-version metadata.

    DataParallel / DistributedDataParallel name every key ``module.<key>``, ``torch.compile``
    ``_orig_mod.<key>`` (both, nested, in either order): a prefix on every key that the model's own
    keys do not have is stripped. A state dict without version metadata (safetensors files have none)
    is taken to be written by the current versions of the model's modules.
    """
    metadata = getattr(state, "_metadata", None)
    own = model.state_dict()
    out: OrderedDict = OrderedDict(state.items())
    for _ in range(4):
        prefix = next((p for p in _WRAPPER_PREFIXES if _all_start(out, p) and not _all_start(own, p)), None)
        if prefix is None:
            break
        out = OrderedDict((k[len(prefix):], v) for k, v in out.items())
        if metadata is not None:
            metadata = OrderedDict((k[len(prefix):] if k.startswith(prefix) else "" if k == prefix[:-1] else k, v)
                                   for k, v in metadata.items())
    if metadata is None:
        metadata = getattr(own, "_metadata", None)
    out._metadata = metadata  # type: ignore[attr-defined]
    return out


def _all_start(keys: Mapping[str, Any], prefix: str) -> bool:
    return bool(keys) and all(k.startswith(prefix) for k in keys)


def _mismatch(expected: Mapping[str, Tensor], state: Mapping[str, Tensor]) -> str:
    missing = [k for k in expected if k not in state]
    unexpected = [k for k in state if k not in expected]
    shaped = [tr("{key} (expected {expected}, got {got})").format(key=k, expected=_shape(expected[k]),
                                                                    got=_shape(state[k]))
              for k in expected if k in state and tuple(expected[k].shape) != tuple(state[k].shape)]
    parts = [f"{label}: {_few(names)}" for label, names in
             ((tr("missing keys"), missing), (tr("unexpected keys"), unexpected), (tr("mis-shaped keys"), shaped))
             if names]
    return "; ".join(parts)


def _shape(t: Tensor) -> str:
    return "x".join(str(d) for d in t.shape) or "scalar"


# --------------------------------------------------------------------------- cnnviz checkpoints

def save_checkpoint(
    model: nn.Module,
    name: str,
    path: Path | str,
    class_names: list[str] | tuple[str, ...] | None = None,
    extra_metadata: Mapping[str, Any] | None = None,
) -> Path:
    """Write the model's state dict as a cnnviz checkpoint (``.safetensors``), atomically.

    Parameters
    ----------
    model
        The trained module.
    name
        Its architecture's built-in name (stored as ``cnnviz.model``).
    path
        Destination; replaced only once the new file is complete.
    class_names
        Stored as a JSON list under ``cnnviz.class_names``; their count is ``cnnviz.num_classes``
        (otherwise the number of outputs of the model's last linear layer).
    extra_metadata
        More string metadata (values are converted with ``str``); it cannot override ``cnnviz.*`` keys above.

    Returns
    -------
    pathlib.Path
        ``path``.
    """
    from safetensors.torch import save_file

    path = Path(path)
    metadata = {str(k): str(v) for k, v in (extra_metadata or {}).items()}
    metadata.update(_architecture_metadata(model, name, class_names))
    tensors = {k: v.detach().to("cpu", copy=True).contiguous() for k, v in model.state_dict().items()}
    return atomic_write(path, lambda tmp: save_file(tensors, str(tmp), metadata=metadata),
                        tr("checkpoint "))


def _architecture_metadata(model: nn.Module, name: str, class_names: Any) -> dict[str, str]:
    metadata = {MODEL_KEY: name}
    num_classes = len(class_names) if class_names else _output_count(model)
    if num_classes:
        metadata[NUM_CLASSES_KEY] = str(num_classes)
    if class_names:
        metadata[CLASS_NAMES_KEY] = json.dumps([str(c) for c in class_names])
    transform_input = getattr(model, "transform_input", None)
    if isinstance(transform_input, bool):  # GoogLeNet / Inception-v3: not part of the state dict
        metadata[TRANSFORM_INPUT_KEY] = json.dumps(transform_input)
    return metadata


def _output_count(model: nn.Module) -> int | None:
    """``model.num_classes`` if it has one, else the width of its last linear layer."""
    count = getattr(model, "num_classes", None)
    if isinstance(count, int):
        return count
    linears = [m for m in model.modules() if isinstance(m, nn.Linear)]
    return linears[-1].out_features if linears else None


def read_checkpoint_metadata(path: Path | str) -> dict[str, str]:
    """The string metadata of a ``.safetensors`` file (empty when it has none)."""
    from safetensors import safe_open

    path = Path(path)
    problem = file_problem(path)
    if problem is not None:
        raise CnnvizError(tr("checkpoint not found: {path}").format(path=shown_path(path))
                          if is_absent(problem)
                          else tr("checkpoint {path} {problem}").format(path=shown_path(path), problem=problem[1]))
    try:
        with safe_open(str(path), framework="pt") as f:
            return dict(f.metadata() or {})
    except Exception as exc:  # SafetensorError for anything that is not a safetensors file
        raise CnnvizError(not_safetensors(path, exc)) from exc
