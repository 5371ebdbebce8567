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

from lmgate.lint.chunking import CHUNKS_PER_JOB, costs, shards, sizes

_STATE: tuple | None = None


def per_shard(rule: Any) -> bool:
    """Rules a worker runs on its own files; the rest need every prompt at once."""
    return rule.scope in ("prompt", "custom", "file") or rule.code == "SYN001"


def _claim(me: int) -> int | None:
    """The next chunk of worker `me`'s own run, else the last one of the run with the most left."""
    _, _, _, _, _, _, _, _, fronts, backs, lock = _STATE  # type: ignore[misc]
    with lock:
        if fronts[me] < backs[me]:
            fronts[me] += 1
            return fronts[me] - 1
        victim = max(range(len(fronts)), key=lambda w: backs[w] - fronts[w])
        if backs[victim] <= fronts[victim]:
            return None
        backs[victim] -= 1
        return backs[victim]


def _lint_chunk(index: int) -> tuple:
    files, root, overrides, rules, ctx, run, read, chunks, *_ = _STATE  # type: ignore[misc]
    mine = [r for r in rules if per_shard(r)]
    corpus = read([files[i] for i in chunks[index]], root, overrides)
    local = dataclasses.replace(ctx, sources=corpus.sources)
    for rule in mine:  # a rule's one-off loading (token ranks) where its checks run
        warm = getattr(rule.module, "warm", None)
        try:
            if warm is not None:
                warm(corpus.prompts, rule.options, local)
        except Exception:  # only a head start: the check itself reports what is wrong
            pass
    for rule in rules:  # whole-run rules' per-prompt part, here where the prompts are
        prepare = getattr(rule.module, "prepare", None) if rule.scope == "run" else None
        try:
            if prepare is not None:
                corpus.prepared[rule.code] = [prepare(p, rule.options, local) for p in corpus.prompts]
        except Exception:  # the main process prepares it again and reports the crash there
            pass
    findings, crashes = run(mine, corpus.prompts, corpus.problems, local)
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
                 run: Callable, read: Callable, sized: Sequence[int] | None = None) -> tuple[Any, list, list] | None:
    """(the merged corpus, findings, crashes) of the non-whole-run rules, or None if a worker failed.

    This process lints chunks too (its results need no pickling) and takes the workers' results in
    between its own chunks, so unpickling them is spread over the run and the stealing balances it."""
    global _STATE
    context = multiprocessing.get_context("fork")
    chunks = shards(costs(files, sizes(files) if sized is None else sized), jobs * CHUNKS_PER_JOB)
    fronts = context.Array("i", [w * CHUNKS_PER_JOB for w in range(jobs)], lock=False)  # each worker's own run
    backs = context.Array("i", [(w + 1) * CHUNKS_PER_JOB for w in range(jobs)], lock=False)
    _STATE = (list(files), root, overrides, rules, ctx, run, read, chunks, fronts, backs, context.Lock())
    results = context.Queue()
    workers = [context.Process(target=_serve, args=(me, results), daemon=True) for me in range(1, jobs)]
    done: list[tuple] = []
    try:
        for worker in workers:
            worker.start()
        finished = 0
        while (index := _claim(0)) is not None:
            done.append(_lint_chunk(index))
            while not results.empty():
                part = results.get()
                finished += part is None
                done += [part] if part is not None else []
        while finished < len(workers):
            try:
                part = results.get(timeout=1.0)
            except queue.Empty:
                if any(w.exitcode not in (None, 0) for w in workers):  # killed before saying it was done
                    return None
                continue
            finished += part is None
            done += [part] if part is not None else []
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
        corpus.sources.update(more.sources)
        corpus.kinds.update(more.kinds)
        corpus.prompts += more.prompts
        corpus.problems += more.problems
        for code in list(corpus.prepared):  # kept only when every chunk has it, aligned with the prompts
            if code in more.prepared:
                corpus.prepared[code] += more.prepared[code]
            else:
                del corpus.prepared[code]
    return corpus, [f for part in done for f in part[1]], [c for part in done for c in part[2]]
