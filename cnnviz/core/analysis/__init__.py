"""Analysis: the per-layer summary (shapes, parameters, MACs), receptive fields and the facts the Layer dock shows."""
