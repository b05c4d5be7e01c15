"""Layer statistics, in one place: histograms, zeros along depth, dead/saturated channels, gradient norms.

The functions live in :mod:`.activation_stats` (what one capture's activations look like),
:mod:`.channel_activity` (channels over a dataset) and :mod:`.gradient_stats` (how gradients flow back);
this module gathers them for the Statistics dock and users' scripts.
"""

from __future__ import annotations

from .activation_stats import ACTIVATIONS, Histogram, LayerStats, depth_statistics, layer_histogram
from .channel_activity import ChannelActivity, LayerActivity, dataset_channel_activity
from .gradient_stats import gradient_norms

__all__ = ["ACTIVATIONS", "ChannelActivity", "Histogram", "LayerActivity", "LayerStats",
           "dataset_channel_activity", "depth_statistics", "gradient_norms", "layer_histogram"]
