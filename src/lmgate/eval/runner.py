"""Runs one suite on one side: every item × sample through the provider, scored and streamed to disk.

A thread pool sized to the provider's concurrency does the calls (the provider's adaptive limit
throttles below that on 429s); each finished item is appended to `eval-items.jsonl` at once, so
a crash loses nothing the cache does not already hold. Items a provider could not answer keep
their error and the run goes on. Submission is bounded, so memory does not grow with in-flight work.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lmgate.errors import LmgateError
from lmgate.eval.cache import ResponseCache
from lmgate.eval.datasets import Item
from lmgate.eval.providers.base import Completion, ProviderCallError
from lmgate.eval.units import ItemSink, Unit


@dataclass
class Job:
    suite: str
    side: str
    provider: Any
    metrics: Sequence[Any]
    units: list[Unit]
    root: Path
    model: str | None = None
    counts: dict = field(default_factory=lambda: {"made": 0, "cached": 0, "errors": 0})
    judges: Mapping[str, Any] = field(default_factory=dict)  # providers key -> judge, for llm_rubric


def run_job(job: Job, *, cache: ResponseCache | None, sink: ItemSink, workers: int,
            progress: Any = None) -> list[dict[str, Any]]:
    cacheable = cache is not None and getattr(job.provider, "cacheable", True)
    records: list[dict[str, Any]] = []
    lock = threading.Lock()
    slots = threading.BoundedSemaphore(max(1, workers) * 4)
    failures: list[BaseException] = []

    def work(unit: Unit, hit: Completion | None = None) -> None:
        try:
            record = _evaluate(job, unit, cache if cacheable else None, hit)
            sink.write(record)
            with lock:
                records.append(record)
                job.counts["errors"] += bool(record["error"])
                job.counts["cached" if record["cached"] else "made"] += unit.messages is not None
            if progress is not None:
                progress.tick(error=bool(record["error"]))
        except BaseException as exc:  # a bug or a fatal LmgateError: surface it from the main thread
            failures.append(exc)
        finally:
            if hit is None:
                slots.release()

    # Answers already in the cache are fetched in one query per batch and scored right here:
    # a fully cached rerun then costs no thread hand-offs at all.
    hits = cache.get_many([u.key for u in job.units if u.key]) if cacheable else {}
    pending = []
    for unit in job.units:
        if unit.key in hits:
            work(unit, hits[unit.key])
        else:
            pending.append(unit)
    if failures:
        raise failures[0]
    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix=f"lmgate-{job.suite}") as pool:
        try:
            for unit in pending:
                slots.acquire()
                if failures:
                    break
                pool.submit(work, unit)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    if failures:
        raise failures[0]
    return records


def _evaluate(job: Job, unit: Unit, cache: ResponseCache | None, hit: Completion | None) -> dict[str, Any]:
    completion: Completion | None = hit
    error, cached = unit.render_error, hit is not None
    if unit.messages is not None and hit is None:
        if cache is not None and unit.key:
            completion = cache.get(unit.key)
            cached = completion is not None
        if completion is None:
            try:
                completion = job.provider.complete(unit.messages, sample=unit.sample,
                                                   **_item_kw(job.provider, unit.item))
            except ProviderCallError as exc:
                error = exc.reason
            else:
                if cache is not None and unit.key:
                    cache.put(unit.key, completion)
    scores, passed = {}, {}
    if completion is not None:
        scores, passed, metric_error = _score(job, unit, completion)
        error = error or metric_error
    return {"suite": job.suite, "id": unit.item.id, "side": job.side, "sample": unit.sample,
            "inputs": dict(unit.item.inputs), "output": completion.text if completion else None, "error": error,
            "scores": scores, "passed": passed, "latency_s": round(completion.latency_s, 6) if completion else None,
            "prompt_tokens": completion.prompt_tokens if completion else None,
            "completion_tokens": completion.completion_tokens if completion else None,
            "logprobs": [[t.token, t.logprob] for t in completion.logprobs] if completion and completion.logprobs
            else None, "cached": cached, "cluster": unit.item.inputs.get("cluster")}


def _item_kw(provider: Any, item: Item) -> dict[str, Any]:
    # the row goes only to providers that may use it (their answers are never cached)
    return {} if getattr(provider, "cacheable", True) else {"item": {"id": item.id, **item.inputs}}


def _score(job: Job, unit: Unit, completion: Completion) -> tuple[dict, dict, str | None]:
    from lmgate.eval.metrics.base import ScoringContext

    scored: dict = {}  # the results so far, for metrics that combine others (all_of)
    ctx = ScoringContext(latency_s=completion.latency_s, prompt_tokens=completion.prompt_tokens,
                         completion_tokens=completion.completion_tokens, model=job.model,
                         root=job.root, item_vars=unit.variables, scored=scored, logprobs=completion.logprobs)
    scores, passed = {}, {}
    for metric in job.metrics:
        judge = job.judges.get(metric.judge_provider) if metric.judge_provider else None
        try:
            result = metric.score(completion.text, unit.item.inputs, replace(ctx, judge=judge) if judge else ctx)
        except LmgateError as exc:
            return scores, passed, f"metric {metric.name}: {exc.message}"
        if result is None:  # the item does not carry this metric (`per_item`)
            continue
        scored[metric.name] = result
        scores[metric.name] = result.score
        if result.passed is not None:
            passed[metric.name] = bool(result.passed)
    return scores, passed, None


def elapsed(start: float) -> float:
    return round(time.perf_counter() - start, 3)
