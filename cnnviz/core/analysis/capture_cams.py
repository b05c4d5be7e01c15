"""Grad-CAM, Grad-CAM++ and LayerCAM from a capture's own forward pass: the app explains a dropped image
with one forward (the capture's, kept on the graph: ``capture(..., graph_keys=...)``) and one backward,
instead of a capture and then a second forward for the explanation.

The maps are those of :func:`cnnviz.core.analysis.attribution.attribute` for the same layers and class (the
same formulas on the same activations and gradients; a test holds them equal).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import torch

from .attribution import Attribution
from ..i18n import translator
from .attribution_common import Target, class_targets
from .layer_cams import CAM_METHODS, LayerPass, cams

tr = translator(__name__)

__all__ = ["capture_pass", "explain_capture"]


def capture_pass(cap: Mapping[str, Any], target: Target = None) -> LayerPass | None:
    """The backward of a capture kept on its graph: each kept layer's output and its gradient for class
    ``target`` (None: the top one), as :func:`~cnnviz.core.analysis.layer_cams.layer_pass` gives them.

    Takes the graph out of ``cap.extras`` (freeing the pass's saved tensors once the gradients are taken);
    None when the capture kept no graph or none of its layers. A target outside the model's classes raises
    :class:`~cnnviz.core.errors.CnnvizError`, saying the range.
    """
    graph = cap.extras.pop("graph", None)
    if graph is None or not graph.outputs or graph.logits.ndim != 2:
        return None
    logits = graph.logits
    targets = class_targets(logits, target)
    score = logits.gather(1, targets[:, None]).sum()
    keys = list(graph.outputs)
    if score.requires_grad:
        grads = torch.autograd.grad(score, [graph.outputs[k] for k in keys], allow_unused=True)
    else:
        grads = (None,) * len(keys)
    return LayerPass(logits.detach(), targets, {k: graph.outputs[k].detach() for k in keys}, dict(zip(keys, grads)))


def explain_capture(cap: Mapping[str, Any], method: str = "gradcam", target: Target = None) -> Attribution | None:
    """``method``'s map of each layer the capture kept on its graph, for class ``target`` (None: the top one).

    None when there is nothing to explain (see :func:`capture_pass`) or a kept layer has no spatial
    dimensions; the caller then explains the usual way (:func:`~cnnviz.core.analysis.attribution.attribute`).
    """
    if method not in CAM_METHODS:
        raise ValueError(tr("explain_capture computes {methods}, not {method}").format(
            methods=", ".join(CAM_METHODS), method=method))
    run = capture_pass(cap, target)
    if run is None or any(a.ndim < 3 for a in run.acts.values()):
        return None
    return Attribution(cams(run, method), method, run.targets, run.logits)
