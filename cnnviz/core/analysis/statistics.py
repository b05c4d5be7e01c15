"""Layer statistics, in one place: histograms, zeros along depth, dead/saturated channels, gradient norms.

The functions live in :mod:`.activation_stats` (what activations look like) and :mod:`.gradient_stats`
(how gradients flow back); this module gathers them for the Statistics dock and users' scripts.
"""

from __future__ import annotations

from .activation_stats import (ACTIVATIONS, ChannelActivity, Histogram, LayerActivity, LayerStats,
                               dataset_channel_activity, depth_statistics, layer_histogram)
from .gradient_stats import gradient_norms

__all__ = ["ACTIVATIONS", "ChannelActivity", "Histogram", "LayerActivity", "LayerStats",
           "dataset_channel_activity", "depth_statistics", "gradient_norms", "layer_histogram"]
