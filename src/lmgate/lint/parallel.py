"""Prompt rules over shards of the prompts in forked workers: the corpus-sized runs are CPU-bound
(Jinja parsing, token counting) and CI runners have 2-4 cores.

Workers are forked, so they share the parsed prompts and loaded rule modules without pickling
them; only findings travel back. Any failure of the pool falls back to the serial run.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any

MIN_PROMPTS = 300  # below this, forking costs more than it saves
_STATE: tuple | None = None


def jobs_wanted(requested: int | None, prompts: int) -> int:
    """`requested` workers if given, else one per CPU (up to 4) for runs big enough to gain."""
    if not hasattr(os, "fork"):
        return 1
    if requested:
        return max(1, requested)
    if prompts < MIN_PROMPTS:
        return 1
    return max(1, min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1, 4))


def _work(index: int) -> tuple[list, list]:
    rules, prompts, problems, ctx, run, count = _STATE  # type: ignore[misc]
    per_prompt = [r for r in rules if r.scope in ("prompt", "custom")]
    findings, crashes = run(per_prompt, prompts[index::count], problems if index == 0 else [], ctx)
    if index == 0:  # file and whole-run rules once, over everything
        more, more_crashes = run([r for r in rules if r not in per_prompt], prompts, [], ctx)
        findings, crashes = findings + more, crashes + more_crashes
    return findings, crashes


def run_sharded(jobs: int, rules: Sequence[Any], prompts: list, problems: list, ctx: Any,
                run: Callable) -> tuple[list, list] | None:
    global _STATE
    _STATE = (rules, prompts, problems, ctx, run, jobs)
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            parts = pool.map(_work, range(jobs))
    except Exception:  # a pool that cannot start or a worker that died: do it serially
        return None
    finally:
        _STATE = None
    return [f for part in parts for f in part[0]], [c for part in parts for c in part[1]]
