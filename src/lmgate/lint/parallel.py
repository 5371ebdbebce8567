"""Prompt and file rules over shards of the prompts and files in forked workers: the corpus-sized
runs are CPU-bound (Jinja parsing, token counting) and CI runners have 2-4 cores.

Workers are forked, so they share the parsed prompts, loaded rule modules and anything a rule's
`warm` loaded beforehand without pickling them; only findings travel back. Any failure of the
pool falls back to the serial run.
"""

from __future__ import annotations

import dataclasses
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
    rules, prompts, problems, ctx, run, count, shards = _STATE  # type: ignore[misc]
    per_prompt = [r for r in rules if r.scope in ("prompt", "custom")]
    per_file = [r for r in rules if r.scope == "file"]
    findings, crashes = run(per_prompt, shards[index], problems if index == 0 else [], ctx)
    # file rules (SEC003's regexes are among the slowest) see every count-th file: the workers stay even
    shard = dict(list(ctx.sources.items())[index::count])
    more, more_crashes = run(per_file, [], [], dataclasses.replace(ctx, sources=shard))
    findings, crashes = findings + more, crashes + more_crashes
    if index == 0:  # whole-run rules once, over everything
        rest = [r for r in rules if r not in per_prompt and r not in per_file]
        more, more_crashes = run(rest, prompts, [], ctx)
        findings, crashes = findings + more, crashes + more_crashes
    return findings, crashes


def shards(prompts: Sequence[Any], count: int) -> list[list]:
    """Prompts split in `count` parts of about equal text, a prompt going where a message of the same
    text already went: half the messages of the corpus repeat another, and a worker's caches
    (parsed template, token count) only help itself."""
    owner: dict[str, int] = {}
    load, parts = [0] * count, [[] for _ in range(count)]
    for prompt in prompts:
        index = next((owner[m.text] for m in prompt.messages if m.text in owner), None)
        if index is None:
            index = load.index(min(load))
        for msg in prompt.messages:
            owner.setdefault(msg.text, index)
        load[index] += 200 + sum(len(m.text) for m in prompt.messages)
        parts[index].append(prompt)
    return parts


def run_sharded(jobs: int, rules: Sequence[Any], prompts: list, problems: list, ctx: Any,
                run: Callable) -> tuple[list, list] | None:
    global _STATE
    for rule in rules:  # loaded once here rather than once per worker (token ranks: ~0.3 s each)
        warm = getattr(rule.module, "warm", None)
        try:
            if warm is not None:
                warm(prompts, rule.options, ctx)
        except Exception:  # only a head start: the check itself reports what is wrong
            pass
    _STATE = (rules, prompts, problems, ctx, run, jobs, shards(prompts, jobs))
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            parts = pool.map(_work, range(jobs))
    except Exception:  # a pool that cannot start or a worker that died: do it serially
        return None
    finally:
        _STATE = None
    return [f for part in parts for f in part[0]], [c for part in parts for c in part[1]]
