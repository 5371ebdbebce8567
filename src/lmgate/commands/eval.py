"""`lmgate eval`: evaluate suites on the head (and the base branch) and write eval.json.

Exit 0 when every gate passes, 1 when one fails, 2 on bad input. Items are streamed to
`eval-items.jsonl` as they finish and answers are cached, so a killed run resumes for free.

The base side: `--baseline-ref`, `--baseline-results`, or by default on a pull request's run the
PR's base commit (fetched when the checkout lacks it). When there is none, or it could not be
evaluated, every output says "no baseline: absolute gates only" and why.
`--deadline` bounds the whole run: what is unfinished then is an error and the verdict fails.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lmgate.commands.common import add_config_argument, load
from lmgate.config import load_config
from lmgate.errors import GitError, InputError, LmgateError, Location
from lmgate.eval import spend
from lmgate.eval.baseline import FETCH_FIX, check_baseline_results, materialize
from lmgate.eval.cache import ResponseCache, cache_location, hmac_key
from lmgate.eval.compare import no_baseline, overall_verdict, summarize_suite
from lmgate.eval.junit import write_junit
from lmgate.eval.plan import Providers, plan_suites
from lmgate.eval.runner import MAX_ANSWER_CHARS, ItemSink, Progress, run_job
from lmgate.eval.shard import parse_shard
from lmgate.github.event import PULL_REQUEST_EVENTS, Event, pull_request_base, read_event
from lmgate.github.runtime import Annotation, Console
from lmgate.paths import check_write_slot, open_for_write, remove_file, workspace
from lmgate.report.render import ReportContext, render_report
from lmgate.report.terminal import render_eval
from lmgate.results import FILES, header, write_result


def configure(parser: argparse.ArgumentParser) -> None:
    add_config_argument(parser)
    parser.add_argument("--suite", action="append", metavar="NAME", help="evaluate only this suite (repeatable, "
                        "or comma-separated)")
    parser.add_argument("--out", metavar="DIR", help="results folder (default: results_dir of lmgate.yaml)")
    parser.add_argument("--concurrency", type=int, metavar="N", help="requests in flight per provider "
                        "(overrides the config)")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the response cache")
    parser.add_argument("--baseline-ref", metavar="REF", help="also evaluate the tree at this git ref as the base "
                        "(default on a pull request: its base commit)")
    parser.add_argument("--baseline-results", metavar="DIR", help="use a previous run's eval-items.jsonl as the base")
    parser.add_argument("--allow-baseline-mismatch", action="store_true",
                        help="compare with --baseline-results even if its config or dataset revisions differ")
    parser.add_argument("--shard", metavar="I/N", help="evaluate only shard I of N (combine with `lmgate merge`)")
    parser.add_argument("--junit", metavar="FILE", help="also write a JUnit XML report")
    parser.add_argument("--max-calls", type=int, metavar="N", help="refuse to start if more uncached calls are needed")
    parser.add_argument("--max-cost-usd", type=float, metavar="USD", help="refuse to start above this estimated cost")
    parser.add_argument("--deadline", type=float, metavar="SECONDS", help="stop after this long: calls in flight are "
                        "abandoned, unfinished items recorded as errors, and the verdict fails")
    parser.add_argument("--max-answer-chars", type=int, metavar="N", default=MAX_ANSWER_CHARS,
                        help=f"an answer longer than this is an error, neither cached nor kept whole "
                        f"(default {MAX_ANSWER_CHARS:,})")


def run(args: argparse.Namespace, env: Mapping[str, str], console: Console) -> int:
    start = time.perf_counter()
    deadline = None if args.deadline is None else time.monotonic() + args.deadline
    config = load(args, env, console)
    event = read_event(env)
    if args.concurrency is not None and args.concurrency < 1:
        raise InputError("--concurrency must be at least 1", key="concurrency")
    if args.deadline is not None and not 0 < args.deadline < 10**9:  # inf overflows the waits' timeouts
        raise InputError("--deadline must be a positive number of seconds", key="deadline",
                         fix="e.g. --deadline 1800 (leave it out for no deadline)")
    if args.max_answer_chars < 1:
        raise InputError("--max-answer-chars must be at least 1", key="max-answer-chars")
    # a suite named twice (`--suite qa --suite qa,chat`) is evaluated once: twice doubled its calls
    # and wrote it twice into eval.json and JUnit
    names = list(dict.fromkeys(n.strip() for arg in args.suite or () for n in arg.split(",") if n.strip())) or None
    shard = parse_shard(args.shard)
    out = Path(os.path.abspath(args.out)) if args.out else config.results_dir  # not resolved: a link is refused
    cache = None if args.no_cache else _open_cache(config, env, console)
    session = None  # each HTTP provider pools its own connections (lmgate.http)
    warn = _warner(console)
    pools = [Providers(config, session=session, concurrency=args.concurrency, env=env)]
    with contextlib.ExitStack() as stack:
        stack.callback(lambda: [p.close() for p in pools])
        if cache is not None:
            stack.callback(cache.close)  # every answer is committed as it arrives; this releases the file
        planned = plan_suites(config, names, side="head", providers=pools[0], shard=shard, env=env, warn=warn)
        baseline, base_planned, base_config = None, [], None
        ref, missing = base_ref(args, event)
        if ref:
            try:
                tree = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="lmgate-base-")))
                sha = materialize(config.root, ref, tree, fetch=not args.baseline_ref)
                base_path = tree / config.path.relative_to(config.root)
                if not base_path.is_file() and not args.baseline_ref:
                    raise _NoBaseConfig(config.path.relative_to(config.root).as_posix())
                base_config = load_config(base_path, env)
                pools.append(Providers(base_config, session=session, concurrency=args.concurrency, env=env))
                known = {s.name for s in base_config.suites}
                base_planned = plan_suites(base_config, [p.suite.name for p in planned if p.suite.name in known],
                                           side="base", providers=pools[1], shard=shard, env=env, warn=warn)
            except LmgateError as exc:
                if args.baseline_ref:  # asked for by name: a base that cannot be evaluated is bad input
                    raise
                base_config, base_planned = None, []
                missing, fix = _unevaluated_base(exc, ref, tree)
                console.annotate([Annotation("warning", f"{no_baseline(missing)}. Fix: {fix}",
                                             title="lmgate eval: no baseline")])
            else:
                baseline = {"ref": ref, "sha": sha}
                missing = {p.suite.name: f"suite {p.suite.name!r} does not exist at the base {ref[:12]}"
                           for p in planned if p.suite.name not in known}
        jobs = [p.job for p in planned + base_planned]
        estimates = spend.estimate(jobs, {**(base_config.providers if base_config else {}), **config.providers}, cache)
        spend.check(estimates, config.providers, max_calls=args.max_calls, max_cost_usd=args.max_cost_usd,
                    where=spend.where_of(config))
        for job in jobs:
            job.max_answer_chars = args.max_answer_chars
        # the files written after the calls are checked before them: a committed link found late wastes every call
        check_write_slot(out / FILES["eval"], root=config.root)
        if args.junit:
            check_write_slot(Path(args.junit))
        # eval-items.jsonl starts empty below; an earlier run's eval.json left beside it would vouch for
        # these answers under that run's commit, run id and verdict if this run never finishes
        remove_file(out / FILES["eval"], root=config.root)
        records = _run_all(planned + base_planned, out, cache, console, config, deadline)
    if args.baseline_results:
        stored = check_baseline_results(Path(args.baseline_results), config.config_hash,
                                        {p.suite.name: p.info.get("dataset_revision") for p in planned},
                                        allow_mismatch=args.allow_baseline_mismatch)
        for message in stored.warnings:
            warn(f"baseline results: {message}", Location(str(Path(args.baseline_results) / "eval.json")))
        for rec in stored.records:
            records.setdefault(rec["suite"], []).append(rec)
        baseline = baseline or {"ref": None, "sha": stored.sha, "results": args.baseline_results}
        missing = {}
    return _finish(args, config, planned, records, jobs, baseline, missing, shard, out, start, console, event)


class _NoBaseConfig(LmgateError):
    """The base commit has no lmgate.yaml: the pull request is the one that adds lmgate."""


def _unevaluated_base(exc: LmgateError, ref: str, tree: Path) -> tuple[str, str]:
    """(why the base side is missing, what to do): a base that lacks lmgate.yaml, one whose own files
    cannot run (named where they are in the base, not in the temporary folder), or one git cannot give."""
    if isinstance(exc, _NoBaseConfig):
        return (f"the pull request's base {ref[:12]} has no {exc.message} (this pull request adds it)",
                "nothing to fix here: pull requests opened once this one is merged are compared with their base")
    if isinstance(exc, GitError):
        return f"the pull request's base {ref[:12]} could not be evaluated: {exc.message}", exc.fix or FETCH_FIX
    where = ""
    if exc.where is not None:
        file = exc.where.file
        with contextlib.suppress(ValueError):
            file = Path(file).resolve().relative_to(tree.resolve()).as_posix()
        where = f" (in the base's {Location(file, exc.where.line, exc.where.col)})"
    return (f"the pull request's base {ref[:12]} could not be evaluated: {exc.message}{where}",
            "the base commit's own files cannot run, so this pull request is judged on its absolute gates; "
            "once a fix is merged, later pull requests are compared with their base again")


def base_ref(args: argparse.Namespace, event: Event) -> tuple[str | None, str | None]:
    """(the git ref to evaluate as the base, or None with the reason there is no base side)."""
    if args.baseline_ref or args.baseline_results:
        return args.baseline_ref, None
    ref = pull_request_base(event)
    if ref:
        return ref, None
    if event.name in PULL_REQUEST_EVENTS or event.pr_number:
        return None, "the event names no pull request base commit; pass --baseline-ref"
    if event.name == "workflow_run" and event.triggered_by in PULL_REQUEST_EVENTS:
        # GitHub leaves `pull_requests` empty when the PR comes from a fork: the PR's run has the base
        return None, ("the triggering run was a pull request's, but its workflow_run payload lists no pull "
                      "request (GitHub lists none for a fork's); evaluate the base in the pull_request "
                      "workflow, or pass --baseline-ref")
    where = f"a {event.name} event is not a pull request" if event.name else "not a pull request's run"
    return None, f"{where}, and neither --baseline-ref nor --baseline-results was given"


def _open_cache(config: Any, env: Mapping[str, str], console: Console) -> ResponseCache:
    """The response cache this run may trust: see lmgate.eval.cache (where it lives, its HMAC key)."""
    def notice(message: str) -> None:
        console.annotate([Annotation("notice", message, title="lmgate response cache")])

    checkout = (workspace(env), config.root)
    folder = cache_location(config.cache_dir, env=env, checkout=checkout, notice=notice)
    key = hmac_key(folder, env=env, checkout=checkout, notice=notice)
    return ResponseCache(folder, key=key, root=config.root if folder.is_relative_to(config.root) else None,
                         notice=notice)


def _run_all(planned: list, out: Path, cache: Any, console: Console, config: Any,
             deadline: float | None) -> dict[str, list]:
    records: dict[str, list] = {}
    tty = console.err.isatty() and not console.in_actions
    with open_for_write(out / "eval-items.jsonl", root=config.root) as fh:
        sink = ItemSink(fh, config.secrets)
        for p in planned:
            progress = Progress(len(p.job.units), f"{p.suite.name} ({p.job.side})", console.err, tty=tty)
            records.setdefault(p.suite.name, []).extend(
                run_job(p.job, cache=cache, sink=sink, workers=p.workers, progress=progress, deadline=deadline))
    if cache is not None and cache.rejected:
        console.annotate([Annotation("notice", f"{cache.rejected} cached answer(s) failed authentication and were "
                                     "ignored: the model was asked instead", title="lmgate response cache")])
    return records


def _finish(args, config, planned, records, jobs, baseline, missing, shard, out, start, console, event) -> int:
    """`missing`: why there is no base side, for the whole run (a string) or per suite (a dict)."""
    per_suite, everywhere = (missing, None) if isinstance(missing, dict) else ({}, missing)
    summaries = [summarize_suite(p.suite.name, records.get(p.suite.name, []), p.job.metrics, p.suite.gates,
                                 repeats=p.suite.repeats, info=p.info, max_error_rate=p.suite.max_error_rate,
                                 base_missing=per_suite.get(p.suite.name, everywhere)) for p in planned]
    calls = {k: sum(j.counts[k] for j in jobs) for k in ("made", "cached", "errors")}
    verdict = overall_verdict(summaries)
    body = {"suites": summaries, "calls": calls, "baseline": baseline,
            "no_baseline": no_baseline(everywhere) if everywhere else None,
            "shard": {"index": shard[0], "count": shard[1]} if shard else None,
            "timing": {"wall_s": round(time.perf_counter() - start, 3)}}
    unfinished = sum(j.unfinished for j in jobs)
    if unfinished:
        verdict = _deadline_failed(body, jobs, args.deadline, unfinished, console)
    path = write_result(out, "eval", body, verdict=verdict, config_hash=config.config_hash, secrets=config.secrets,
                        base_sha=(baseline or {}).get("sha"), event=event, root=config.root)
    data = {**header("eval", verdict, config_hash=config.config_hash, base_sha=(baseline or {}).get("sha"),
                     event=event), **body}
    if args.junit:
        write_junit(Path(args.junit), data, config.secrets)
    # names, numbers and our reasons, but a reason may quote a provider's error body: never a workflow
    # command (and, like everything the console writes, redacted)
    console.echo_untrusted(render_eval(data) + f"wrote {path}")
    if console.in_actions:
        ctx = ReportContext(repository=event.repository, head_sha=event.head_sha, run_url=event.run_url)
        console.add_summary(render_report({"eval": data}, ctx, kind="summary").markdown)
    console.set_output("verdict", verdict)
    console.set_output("results-dir", str(out))
    return 1 if verdict == "fail" else 0


def _deadline_failed(body: dict, jobs: list, seconds: float, unfinished: int, console: Console) -> str:
    """A run cut off by --deadline is never green: every suite with unfinished items fails, and so does the run."""
    reason = f"run deadline of {seconds:g} s reached: {unfinished} item(s) unfinished, recorded as errors"
    cut = {j.suite for j in jobs if j.unfinished}
    for suite in body["suites"]:
        if suite["name"] in cut:
            suite["verdict"] = "fail"
            suite["notes"] = [*suite.get("notes", []), reason]
    body["deadline"] = {"seconds": seconds, "reached": True, "unfinished": unfinished}
    console.annotate([Annotation("error", reason + "; raise --deadline or evaluate fewer items",
                                 title="lmgate eval deadline")])
    return "fail"


def _warner(console: Console):
    def warn(message: str, where: Location) -> None:
        console.annotate([Annotation("warning", message, file=where.file, line=where.line)])
    return warn
