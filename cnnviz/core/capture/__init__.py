"""Capture: the recorder that keeps every module's output, block discovery (Inception / residual anatomy),
block parts, and export to safetensors. ``run.capture`` is the entry point; ``records.Capture`` what it returns."""
