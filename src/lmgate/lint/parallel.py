"""Reading, parsing and the prompt and file rules over the files in forked workers: corpus-sized runs
are CPU-bound (YAML and Jinja parsing, token counting) and CI runners have 2-4 cores.

The workers fork before any file is read, so reading and parsing run in parallel too. The sorted
files are cut into contiguous chunks of about equal cost; each worker starts on its own run of
chunks (neighbours share templates, and a worker's caches only help itself) and, when done, takes
chunks from the end of the run with the most left, so a cost model that is off (a tokenizer loaded
in one worker only) cannot leave a core idle. A worker sends back its findings and what the whole-run
rules and suppressions need (texts and prompts, pickled); the whole-run rules then see every prompt
in file order. Any failure of the pool falls back to the serial run.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import queue
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from lmgate.lint.chunking import CHUNKS_PER_JOB, costs, shards


@dataclasses.dataclass
class _Run:
    """What the forked workers inherit: the files, how to lint them, and the shared chunk counters."""

    files: list[Path]
    root: Path
    overrides: Any
    rules: Sequence[Any]
    ctx: Any
    run: Callable
    read: Callable
    chunks: list[range]
    fronts: Any  # shared int array: next chunk of each worker's own run
    backs: Any   # shared int array: end of each worker's run (others take from here)
    lock: Any


_STATE: _Run | None = None


def per_shard(rule: Any) -> bool:
    """Rules a worker runs on its own files; the rest need every prompt at once."""
    return rule.scope in ("prompt", "custom", "file") or rule.code == "SYN001"


def _claim(me: int) -> int | None:
    """The next chunk of worker `me`'s own run, else the last one of the run with the most left."""
    state: _Run = _STATE  # type: ignore[assignment]  # set before the fork, in every process
    fronts, backs = state.fronts, state.backs
    with state.lock:
        if fronts[me] < backs[me]:
            fronts[me] += 1
            return fronts[me] - 1
        victim = max(range(len(fronts)), key=lambda w: backs[w] - fronts[w])
        if backs[victim] <= fronts[victim]:
            return None
        backs[victim] -= 1
        return backs[victim]


def _lint_chunk(index: int) -> tuple:
    state: _Run = _STATE  # type: ignore[assignment]
    mine = [r for r in state.rules if per_shard(r)]
    corpus = state.read([state.files[i] for i in state.chunks[index]], state.root, state.overrides)
    local = dataclasses.replace(state.ctx, sources=corpus.sources)
    for rule in mine:  # a rule's one-off loading (token ranks) where its checks run
        warm = getattr(rule.module, "warm", None)
        try:
            if warm is not None:
                warm(corpus.prompts, rule.options, local)
        except Exception:  # only a head start: the check itself reports what is wrong
            pass
    for rule in state.rules:  # whole-run rules' per-prompt part, here where the prompts are
        prepare = getattr(rule.module, "prepare", None) if rule.scope == "run" else None
        try:
            if prepare is not None:
                corpus.prepared[rule.code] = [prepare(p, rule.options, local) for p in corpus.prompts]
        except Exception:  # the main process prepares it again and reports the crash there
            pass
    findings, crashes = state.run(mine, corpus.prompts, corpus.problems, local)
    return index, findings, crashes, corpus


def _serve(me: int, results: Any) -> None:
    """A forked worker: sends each chunk's results as soon as they are ready (the queue's feeder
    thread writes them while the next chunk is linted), then None."""
    try:
        while (index := _claim(me)) is not None:
            results.put(_lint_chunk(index))
    finally:
        results.put(None)


def lint_sharded(jobs: int, files: Sequence[Path], root: Path, overrides: Any, rules: Sequence[Any], ctx: Any,
                 run: Callable, read: Callable, sized: Sequence[int]) -> tuple[Any, list, list] | None:
    """(the merged corpus, findings, crashes) of the non-whole-run rules, or None if a worker failed.

    This process lints chunks too (its results need no pickling) and takes the workers' results in
    between its own chunks, so unpickling them is spread over the run and the stealing balances it."""
    global _STATE
    context = multiprocessing.get_context("fork")
    chunks = shards(costs(files, sized), jobs * CHUNKS_PER_JOB)
    _STATE = _Run(list(files), root, overrides, rules, ctx, run, read, chunks,
                  fronts=context.Array("i", [w * CHUNKS_PER_JOB for w in range(jobs)], lock=False),
                  backs=context.Array("i", [(w + 1) * CHUNKS_PER_JOB for w in range(jobs)], lock=False),
                  lock=context.Lock())
    results = context.Queue()
    workers = [context.Process(target=_serve, args=(me, results), daemon=True) for me in range(1, jobs)]
    done: list[tuple] = []
    finished = 0

    def receive(part: tuple | None) -> None:  # a chunk's results, or None: that worker is done
        nonlocal finished
        if part is None:
            finished += 1
        else:
            done.append(part)

    try:
        for worker in workers:
            worker.start()
        while (index := _claim(0)) is not None:
            done.append(_lint_chunk(index))
            while not results.empty():
                receive(results.get())
        while finished < len(workers):
            try:
                receive(results.get(timeout=1.0))
            except queue.Empty:
                if any(w.exitcode not in (None, 0) for w in workers):  # killed before saying it was done
                    return None
    except Exception:  # a worker that cannot start: do it serially
        return None
    finally:
        _STATE = None
        for worker in workers:
            worker.join(timeout=5)
    if len(done) != len(chunks):  # a worker stopped on an error of its own
        return None
    done.sort(key=lambda part: part[0])  # file order, whoever linted them
    corpus = done[0][3]
    for _, _, _, more in done[1:]:
        corpus.extend(more)
    return corpus, [f for part in done for f in part[1]], [c for part in done for c in part[2]]
