"""Shared helpers for the benchmark scripts: interleaved timing and a side-by-side table."""

from __future__ import annotations

import statistics
import time
from typing import Callable

import torch


def sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def interleaved(fns: dict[str, Callable[[], object]], repeats: int, device: torch.device,
                warmup: int = 2, stat: Callable[[list[float]], float] = statistics.median) -> dict[str, float]:
    """Median (or ``stat``) seconds of each function, run round-robin so drift hits all of them alike."""
    samples = interleaved_samples(fns, repeats, device, warmup)
    return {name: stat(s) for name, s in samples.items()}


def interleaved_samples(fns: dict[str, Callable[[], object]], repeats: int, device: torch.device,
                        warmup: int = 2) -> dict[str, list[float]]:
    """Seconds of each run of each function, run round-robin so drift hits all of them alike."""
    for _ in range(warmup):
        for fn in fns.values():
            fn()
            sync(device)
    samples: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeats):
        for name, fn in fns.items():
            sync(device)
            start = time.perf_counter()
            fn()
            sync(device)
            samples[name].append(time.perf_counter() - start)
    return samples


def print_row(model: str, device: torch.device, medians: dict[str, float], base: str) -> None:
    ref = medians[base]
    cells = "  ".join(f"{name} {t * 1e3:8.1f} ms ({t / ref:5.2f}x)" for name, t in medians.items())
    print(f"{model:14s} {device.type:5s} {cells}", flush=True)
