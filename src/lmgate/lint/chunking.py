"""How a lint run is cut for its workers: how many, and contiguous chunks of about equal cost.

Costs come from file sizes and suffixes only (read before any file is), so they are an estimate;
the workers' chunk stealing (`lint.parallel`) absorbs what it gets wrong.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

MIN_BYTES = 1_000_000  # about 300 prompts: below this, forking costs more than it saves


def jobs_wanted(requested: int | None, size: int) -> int:
    """`requested` workers if given, else one per CPU (up to 4) for runs of `size` bytes big enough to gain."""
    if not hasattr(os, "fork"):
        return 1
    if requested:
        return max(1, requested)
    if size < MIN_BYTES:
        return 1
    return max(1, min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1, 4))


# CPU per byte (µs) and per file, measured file by file on the shared corpus: YAML (parsed twice, as
# YAML and as templates) costs about twice what Markdown does; the weights only balance the shards,
# results never depend on them
WEIGHTS = {".yaml": 1.0, ".yml": 1.0, ".prompty": 0.9, ".md": 0.55}
PER_FILE = 500
CHUNKS_PER_JOB = 24


def sizes(files: Sequence[Path]) -> list[int]:
    out = []
    for path in files:
        try:
            out.append(path.stat().st_size)
        except OSError:
            out.append(0)
    return out


def costs(files: Sequence[Path], sized: Sequence[int]) -> list[float]:
    return [PER_FILE + size * WEIGHTS.get(path.suffix.lower(), 0.5) for path, size in zip(files, sized, strict=True)]


def shards(weights: Sequence[float], count: int) -> list[range]:
    """`count` contiguous index ranges of about equal weight, in order."""
    total = sum(weights) + 1
    marks = [total * k / count for k in range(1, count)]
    bounds, acc, cut = [0], 0.0, 0
    for i, w in enumerate(weights):
        acc += w
        while cut < len(marks) and acc >= marks[cut]:
            bounds.append(i + 1)
            cut += 1
    bounds += [len(weights)] * (count + 1 - len(bounds))
    return [range(bounds[i], bounds[i + 1]) for i in range(count)]
