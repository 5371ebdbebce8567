"""Runs one suite on one side: every item × sample through the provider, scored and streamed to disk.

Worker threads, as many as the provider's concurrency, do the calls (the provider's adaptive limit
throttles below that on 429s). An answer is committed to the cache before its item is written to
`eval-items.jsonl` or counted, so a `kill -9` repeats only the calls that were in flight. Items a
provider could not answer keep their error and the run goes on. Submission is bounded, so memory
does not grow with in-flight work.

A run may have a deadline (`eval --deadline`): when it passes, calls in flight are abandoned (the
workers are daemon threads: a stalled provider cannot hold the process), and every unfinished
item is recorded with the error "run deadline reached". An answer longer than `max_answer_chars`
is an error too, recorded with its size, and is neither cached nor written whole.

The work is planned up front: one `Unit` per item × sample, its prompt rendered before the first
call, so the spend guard counts exactly the calls the cache cannot answer. Finished units are
appended to `eval-items.jsonl` one line each by `ItemSink`, flushed at once (no fsync: the OS
keeps written data when the process is killed). `Progress` shows the run: a redrawn bar on a
terminal, a plain line every ~10 % in CI logs.
"""

from __future__ import annotations

import json
import queue
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO

from lmgate.errors import LmgateError
from lmgate.eval.cache import ResponseCache, cache_key
from lmgate.eval.datasets import Item
from lmgate.eval.metrics.base import ScoringContext
from lmgate.eval.providers.base import Completion, ProviderCallError
from lmgate.secrets import REDACTOR, protect

MAX_ANSWER_CHARS = 1_000_000  # ~250k tokens, beyond any max_tokens a suite sets; `eval --max-answer-chars`
PREVIEW_CHARS = 2_000         # what an oversized answer keeps in eval-items.jsonl
DEADLINE_ERROR = "run deadline reached"


@dataclass(frozen=True)
class Unit:
    """One model call to make: an item, a sample index, and its rendered chat (or why it has none)."""

    item: Item
    sample: int
    variables: Mapping[str, Any]
    messages: list | None
    key: str | None
    render_error: str | None = None


def plan_units(items: Iterable[Item], render: Callable, *, repeats: int, suite_vars: Mapping[str, Any],
               identity: Mapping[str, Any] | None) -> list[Unit]:
    """Render every item once up front: the spend estimate needs the cache keys before any call."""
    units = []
    for item in items:
        variables = {**suite_vars, **item.inputs}
        try:
            messages, error = render(variables), None
        except LmgateError as exc:  # one item's template failure is that item's error
            messages, error = None, f"template error: {exc.message}"
        for sample in range(repeats):
            key = cache_key(identity, messages, sample) if identity is not None and messages else None
            units.append(Unit(item, sample, variables, messages, key, error))
    return units


class ItemSink:
    """Appends one JSON line per finished unit; flushed per line (no fsync: the OS keeps it on a kill)."""

    def __init__(self, stream: TextIO, secrets: frozenset[str] = frozenset()) -> None:
        self.stream, self._lock = stream, threading.Lock()
        protect(secrets)

    def write(self, record: Mapping[str, Any]) -> None:
        line = REDACTOR(json.dumps(record, ensure_ascii=False, default=str))
        with self._lock:
            self.stream.write(line + "\n")
            self.stream.flush()


class Progress:
    """A redrawn bar on a terminal (`tty`), a plain line every ~10 % otherwise."""

    LABEL = 40  # with the bar and the counts a line stays within 100 columns (a longer one wraps, and
    #             a terminal then repeats it at every redraw instead of redrawing it)

    def __init__(self, total: int, label: str, stream: TextIO, *, tty: bool, clock=time.monotonic) -> None:
        if len(label) > self.LABEL:  # the middle goes: the suite's start and its side, "(head)", stay
            label = label[:self.LABEL - 13] + "…" + label[-12:]
        self.total, self.label, self.stream, self.tty, self.clock = max(total, 0), label, stream, tty, clock
        self.done = self.errors = 0
        self._start = clock()
        self._next_step = 1  # next tenth to report in CI mode
        self._last_draw = 0.0
        self._lock = threading.Lock()

    def tick(self, error: bool = False) -> None:
        with self._lock:
            self.done += 1
            self.errors += bool(error)
            if self.tty:
                now = self.clock()
                if now - self._last_draw >= 0.1 or self.done == self.total:
                    self._last_draw = now
                    self._draw()
            elif self.total and self.done * 10 >= self._next_step * self.total:
                while self.done * 10 >= self._next_step * self.total:
                    self._next_step += 1
                self.stream.write(f"{self.label}: {self.done}/{self.total} ({100 * self.done // self.total}%)"
                                  f"{f', {self.errors} errors' if self.errors else ''}, {self._elapsed()}\n")
                self.stream.flush()

    def _draw(self) -> None:
        width = 30
        filled = width * self.done // self.total if self.total else width
        bar = "#" * filled + "-" * (width - filled)
        end = "\n" if self.done >= self.total else ""
        self.stream.write(f"\r{self.label} [{bar}] {self.done}/{self.total} {self._elapsed()}{end}")
        self.stream.flush()

    def _elapsed(self) -> str:
        return f"{self.clock() - self._start:.1f}s"


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
    max_answer_chars: int = MAX_ANSWER_CHARS
    unfinished: int = 0      # items the run deadline cut off


def run_job(job: Job, *, cache: ResponseCache | None, sink: ItemSink, workers: int,
            progress: Any = None, deadline: float | None = None) -> list[dict[str, Any]]:
    """Every unit of `job`, in any order. `deadline`: a `time.monotonic()` instant after which the
    unfinished units are recorded as errors and the job returns at once."""
    cacheable = cache is not None and getattr(job.provider, "cacheable", True)
    records: list[dict[str, Any]] = []
    lock = threading.Lock()
    failures: list[BaseException] = []
    finished: set[int] = set()
    cut = threading.Event()  # the deadline passed: no new call starts, no late answer is written
    all_done = threading.Condition(lock)

    def land(index: int, record: dict[str, Any], counted_call: bool) -> None:
        with lock:
            if cut.is_set() or index in finished:
                return
            sink.write(record)
            finished.add(index)
            records.append(record)
            job.counts["errors"] += bool(record["error"])
            job.counts["cached" if record["cached"] else "made"] += counted_call
            all_done.notify_all()
        if progress is not None:
            progress.tick(error=bool(record["error"]))

    def work(index: int, unit: Unit, hit: Completion | None = None) -> None:
        try:
            if cut.is_set():
                return
            record = _evaluate(job, unit, cache if cacheable else None, hit)
            land(index, record, unit.messages is not None)
        except BaseException as exc:  # a bug or a fatal LmgateError: surface it from the main thread
            with lock:
                failures.append(exc)
                all_done.notify_all()

    # Answers already in the cache are fetched in one query per batch and scored right here:
    # a fully cached rerun then costs no thread hand-offs at all.
    hits = cache.get_many([u.key for u in job.units if u.key]) if cacheable else {}
    pending = []
    for index, unit in enumerate(job.units):
        if _past(deadline):
            cut.set()
            break
        if unit.key in hits:
            work(index, unit, hits[unit.key])
        else:
            pending.append((index, unit))
        if failures:
            raise failures[0]
    if not cut.is_set() and pending:
        tasks: queue.Queue = queue.Queue(maxsize=max(1, workers) * 4)

        def worker() -> None:
            while (task := tasks.get()) is not None:
                work(*task)

        threads = [threading.Thread(target=worker, name=f"lmgate-{job.suite}-{i}", daemon=True)
                   for i in range(max(1, min(workers, len(pending))))]
        for thread in threads:
            thread.start()
        for task in pending:
            if not _put(tasks, task, deadline, failures):
                break
        for _ in threads:
            _put(tasks, None, deadline, failures)
        with lock:
            while len(finished) < len(job.units) and not failures:
                if not all_done.wait(_remaining(deadline)) and _past(deadline):
                    break
    if failures:
        raise failures[0]
    with lock:
        late = [(i, u) for i, u in enumerate(job.units) if i not in finished]
        if late and _past(deadline):
            cut.set()
    for _, unit in late if cut.is_set() else ():
        record = _record(job, unit, None, DEADLINE_ERROR, False)
        sink.write(record)
        records.append(record)
        job.counts["errors"] += 1
        job.unfinished += 1
    return records


def _past(deadline: float | None) -> bool:
    return deadline is not None and time.monotonic() >= deadline


def _remaining(deadline: float | None) -> float | None:
    return None if deadline is None else max(0.0, deadline - time.monotonic())


def _put(tasks: queue.Queue, task: Any, deadline: float | None, failures: list) -> bool:
    """Queue `task` unless the deadline passes (or a worker failed) while the queue is full."""
    while not failures:
        try:
            tasks.put(task, timeout=min(0.1, _remaining(deadline) or 0.1) if deadline is not None else 0.1)
            return True
        except queue.Full:
            if _past(deadline):
                return False
    return False


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
                if len(completion.text) > job.max_answer_chars:
                    error = (f"answer of {len(completion.text):,} characters is over the {job.max_answer_chars:,}-"
                             f"character cap (eval --max-answer-chars); only its first {PREVIEW_CHARS:,} are kept")
                    return _record(job, unit, replace(completion, text=completion.text[:PREVIEW_CHARS],
                                                      logprobs=None), error, False)
                if cache is not None and unit.key:
                    cache.put(unit.key, completion)  # committed before the item is written or counted
    scores, passed = {}, {}
    if completion is not None:
        scores, passed, metric_error = _score(job, unit, completion)
        error = error or metric_error
    return _record(job, unit, completion, error, cached, scores, passed)


def _record(job: Job, unit: Unit, completion: Completion | None, error: str | None, cached: bool,
            scores: Mapping[str, float] | None = None, passed: Mapping[str, bool] | None = None) -> dict[str, Any]:
    return {"suite": job.suite, "id": unit.item.id, "side": job.side, "sample": unit.sample,
            "inputs": dict(unit.item.inputs), "output": completion.text if completion else None, "error": error,
            "scores": dict(scores or {}), "passed": dict(passed or {}),
            "latency_s": round(completion.latency_s, 6) if completion else None,
            "prompt_tokens": completion.prompt_tokens if completion else None,
            "completion_tokens": completion.completion_tokens if completion else None,
            "logprobs": [[t.token, t.logprob] for t in completion.logprobs] if completion and completion.logprobs
            else None, "cached": cached, "cluster": unit.item.inputs.get("cluster")}


def _item_kw(provider: Any, item: Item) -> dict[str, Any]:
    # the row goes only to providers that may use it (their answers are never cached)
    return {} if getattr(provider, "cacheable", True) else {"item": {"id": item.id, **item.inputs}}


def _score(job: Job, unit: Unit, completion: Completion) -> tuple[dict, dict, str | None]:
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
