"""timm's names as cnnviz spells them (``timm/<arch>``, ``timm/<arch>.<tag>``), and which are in scope.

Only the model families listed in :data:`CNN_MODULES` are convolutional networks that cnnviz opens;
vision transformers, MLP models and hybrids with self-attention are out of scope, as for torchvision.
This module imports nothing of cnnviz but its errors (so the zoo's "did you mean" can use it), and
timm only inside the functions that need it.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from ..errors import CnnvizError, quoted
from ..i18n import translator

tr = translator(__name__)

PREFIX = "timm/"
_NAME_RE = re.compile(r"^timm/([A-Za-z0-9_]+)(?:\.([A-Za-z0-9_]+))?$")

#: timm model modules whose networks are convolutional (checked one by one in timm 1.0.31: no
#: self-attention blocks; channel attention such as squeeze-excitation, ECA or split-attention is
#: convolutional and stays in, as in torchvision's EfficientNet). Left out: beit, byoanet, cait, coat,
#: convit, cpubone, crossvit, csatv2, davit, deit, edgenext, efficientformer(_v2), efficientvim,
#: efficientvit_*, eva, fastvit, focalnet, gcvit, hiera*, iformer, levit, lowformer, maxxvit, metaformer,
#: mlp_mixer, mobilenetv5, mobilevit, mvitv2, naflexvit, nest, nextvit, pit, pvt_v2, sequencer, shvit,
#: swiftformer, swin_*, tiny_vit, tnt, twins, visformer, vision_transformer*, vitamin, volo, xcit, ...
CNN_MODULES = (
    "byobnet", "convmixer", "convnext", "cspnet", "cspnext", "densenet", "dla", "dpn", "efficientnet",
    "fasternet", "ghostnet", "hardcorenas", "hgnet", "hrnet", "inception_next", "inception_resnet_v2",
    "inception_v3", "inception_v4", "lcnetv2", "mambaout", "mobilenetv3", "nasnet", "nfnet", "pnasnet",
    "rdnet", "regnet", "repghost", "repvit", "res2net", "resnest", "resnet", "resnetv2", "rexnet",
    "selecsls", "senet", "sknet", "starnet", "tresnet", "vgg", "vovnet", "xception", "xception_aligned",
)
#: Names inside those modules that carry attention all the same: CLIP ResNets' attention-pool head,
#: bilinear attention (BAT), MobileNetV4's hybrids with multi-query attention.
_ATTENTION_NAMES = re.compile(r"(_clip$|^bat_|^mobilenetv4_hybrid)")


# --------------------------------------------------------------------------- names

def is_timm_name(text: str) -> bool:
    """Whether ``text`` is spelled as a timm model: ``timm/<arch>`` or ``timm/<arch>.<tag>``.

    Nothing is imported; the name need not exist (see :func:`resolve_timm_name`).
    """
    return isinstance(text, str) and _NAME_RE.match(text) is not None


@lru_cache(maxsize=1)
def cnn_archs() -> tuple[str, ...]:
    """timm's CNN architecture names (no ``timm/`` prefix), sorted; imports timm."""
    import timm

    names = {n for module in CNN_MODULES for n in timm.list_models(module=module)}
    return tuple(sorted(n for n in names if not _ATTENTION_NAMES.search(n)))


def timm_cnn_names() -> list[str]:
    """The ``timm/<arch>`` names of timm's convolutional networks, sorted (imports timm)."""
    return [PREFIX + arch for arch in cnn_archs()]


def resolve_timm_name(name: str) -> tuple[str, str]:
    """``(arch, tag)`` for a timm name; ``tag`` is the default pretrained tag when none is given
    (``""`` when the architecture has no pretrained weights in timm).

    Raises
    ------
    CnnvizError
        A misspelt name, a transformer (out of scope), an unknown architecture or tag, with the
        nearest names offered.
    """
    match = _NAME_RE.match(name) if isinstance(name, str) else None
    if match is None:
        raise CnnvizError(tr("{name} is not a timm model name: write timm/<name> or timm/<name>.<tag> (e.g. "
                             "timm/resnet50.a1_in1k)").format(name=quoted(str(name))))
    arch, tag = match.group(1), match.group(2) or ""
    if arch not in cnn_archs():
        raise CnnvizError(_not_a_cnn_message(arch))
    tags = pretrained_tags(arch)
    if tag and tag not in tags:
        known = ", ".join(tags[:6])
        if len(tags) > 6:
            known = tr("{names} (+{count} more)").format(names=known, count=len(tags) - 6)
        raise CnnvizError(tr("timm/{arch} has no tag {tag}; its tags: {tags}").format(
            arch=arch, tag=quoted(tag), tags=known or tr("none (no pretrained weights)")))
    return arch, tag or (tags[0] if tags else "")


def _not_a_cnn_message(arch: str) -> str:
    import timm

    close = difflib.get_close_matches(arch, cnn_archs(), n=3, cutoff=0.6)
    hint = tr(" Nearest timm CNNs: {names}.").format(names=", ".join(PREFIX + c for c in close)) if close else ""
    if arch in timm.list_models():
        return tr("timm/{arch} is out of scope: cnnviz shows convolutional networks.").format(arch=arch) + hint
    return (tr("unknown timm model {name}.").format(name=quoted(PREFIX + arch))
            + (hint or tr(" Run 'cnnviz models' for the list.")))


def pretrained_tags(arch: str) -> list[str]:
    """The architecture's pretrained tags, timm's default first."""
    import timm

    return [n.split(".", 1)[1] for n in timm.list_pretrained(arch) if n.split(".", 1)[0] == arch]


def full_name(arch: str, tag: str) -> str:
    """timm's own name: ``arch.tag``, or ``arch`` without a tag."""
    return f"{arch}.{tag}" if tag else arch
