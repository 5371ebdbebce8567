"""Reading, parsing and the prompt and file rules over shards of the files in forked workers: the
corpus-sized runs are CPU-bound (YAML and Jinja parsing, token counting) and CI runners have 2-4 cores.

The workers fork before any file is read, so reading and parsing run in parallel too; each one reads
a contiguous run of the sorted files (neighbours share templates, and a worker's caches only help
itself) and sends back its findings and what the whole-run rules and suppressions need (texts and
prompts, pickled). The whole-run rules then see every prompt in file order. Any failure of the pool
falls back to the serial run.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

MIN_BYTES = 1_000_000  # about 300 prompts: below this, forking costs more than it saves
_STATE: tuple | None = None


def jobs_wanted(requested: int | None, size: int) -> int:
    """`requested` workers if given, else one per CPU (up to 4) for runs of `size` bytes big enough to gain."""
    if not hasattr(os, "fork"):
        return 1
    if requested:
        return max(1, requested)
    if size < MIN_BYTES:
        return 1
    return max(1, min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1, 4))


# CPU per byte, measured on the shared corpus: YAML holding many Jinja templates costs about twice
# what Markdown does; the weights only balance the shards, results never depend on them
WEIGHTS = {".yaml": 1.7, ".yml": 1.7, ".md": 0.75}
PER_FILE = 500
LEAD = 0.04


def sizes(files: Sequence[Path]) -> list[int]:
    out = []
    for path in files:
        try:
            out.append(path.stat().st_size)
        except OSError:
            out.append(0)
    return out


def costs(files: Sequence[Path], sized: Sequence[int]) -> list[float]:
    return [PER_FILE + size * WEIGHTS.get(path.suffix.lower(), 1.1) for path, size in zip(files, sized, strict=True)]


def shards(weights: Sequence[float], count: int, lead: float = 0.0) -> list[range]:
    """Contiguous index ranges of about equal weight, in order; the first gets `lead` (a fraction of an
    equal share) more."""
    total = sum(weights) + 1
    first = min(total, total * (1 + lead) / count)
    marks = [first + (total - first) * k / max(1, count - 1) for k in range(count - 1)]
    bounds, acc, cut = [0], 0.0, 0
    for i, w in enumerate(weights):
        acc += w
        while cut < len(marks) and acc >= marks[cut]:
            bounds.append(i + 1)
            cut += 1
    bounds += [len(weights)] * (count + 1 - len(bounds))
    return [range(bounds[i], bounds[i + 1]) for i in range(count)]


def per_shard(rule: Any) -> bool:
    """Rules a worker runs on its own files; the rest need every prompt at once."""
    return rule.scope in ("prompt", "custom", "file") or rule.code == "SYN001"


def _work(index: int) -> tuple:
    files, root, overrides, rules, ctx, run, read, parts = _STATE  # type: ignore[misc]
    corpus = read([files[i] for i in parts[index]], root, overrides)
    mine = [r for r in rules if per_shard(r)]
    local = dataclasses.replace(ctx, sources=corpus.sources)
    for rule in mine:  # a rule's one-off loading (token ranks) where its checks run
        warm = getattr(rule.module, "warm", None)
        try:
            if warm is not None:
                warm(corpus.prompts, rule.options, local)
        except Exception:  # only a head start: the check itself reports what is wrong
            pass
    findings, crashes = run(mine, corpus.prompts, corpus.problems, local)
    return findings, crashes, corpus


def lint_sharded(jobs: int, files: Sequence[Path], root: Path, overrides: Any, rules: Sequence[Any], ctx: Any,
                 run: Callable, read: Callable) -> tuple[Any, list, list] | None:
    """(the merged corpus, findings, crashes) of the non-whole-run rules, or None if the pool failed."""
    global _STATE
    # this process also takes the others' results in (pickled, ~0.2 s for half the corpus): a bigger share
    # keeps it busy while they are sent rather than idle
    parts = shards(costs(files, sizes(files)), jobs, LEAD)
    _STATE = (list(files), root, overrides, rules, ctx, run, read, parts)
    try:  # this process takes the first shard itself: its results need no pickling
        with multiprocessing.get_context("fork").Pool(jobs - 1) as pool:
            others = pool.map_async(_work, range(1, jobs), chunksize=1)
            done = [_work(0), *others.get()]
    except Exception:  # a pool that cannot start or a worker that died: do it serially
        return None
    finally:
        _STATE = None
    corpus = done[0][2]
    for _, _, more in done[1:]:
        corpus.sources.update(more.sources)
        corpus.kinds.update(more.kinds)
        corpus.prompts += more.prompts
        corpus.problems += more.problems
    return corpus, [f for part in done for f in part[0]], [c for part in done for c in part[1]]
