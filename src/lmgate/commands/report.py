"""`lmgate report`: render whatever stage results exist as Markdown (comment and step summary)."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lmgate.github.event import Event, read_event
from lmgate.github.runtime import Console

DEFAULT_RESULTS = ".lmgate/results"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--results", metavar="DIR", default=DEFAULT_RESULTS,
                        help=f"folder of stage results (default {DEFAULT_RESULTS})")
    parser.add_argument("--output", metavar="FILE", help="write the comment Markdown here (default: stdout)")
    parser.add_argument("--kind", choices=("comment", "summary"), default="comment",
                        help="comment (≤ 65,536 characters) or the longer step summary")


def run(args: argparse.Namespace, env: Mapping[str, str], console: Console) -> int:
    from lmgate.report.render import load_results, render_report
    from lmgate.results import write_text_atomic

    results = load_results(Path(args.results))
    event = read_event(env)
    report = render_report(results, context(env, event, results), kind=args.kind)
    if args.output:
        write_text_atomic(Path(args.output), report.markdown)
    else:
        console.out.write(report.markdown)
    if args.kind == "comment":
        summary = render_report(results, context(env, event, results), kind="summary")
        console.add_summary(summary.markdown)
    console.set_output("verdict", report.verdict)
    return 0


def context(env: Mapping[str, str], event: Event, results: Mapping[str, Any],
            notes: tuple[str, ...] = (), results_where: str | None = None) -> Any:
    """Links in the report point at the head commit the results were computed on."""
    from lmgate.report.render import ReportContext

    heads = [(data.get("git") or {}).get("head_sha") for data in results.values()]
    head = next((h for h in heads if h), None) or event.head_sha
    where = results_where or (f"the results artifact of [this run]({event.run_url})" if event.run_url
                              else "`.lmgate/results/`")
    return ReportContext(repository=event.repository, server_url=env.get("GITHUB_SERVER_URL") or "https://github.com",
                         head_sha=head, run_url=event.run_url, results_where=where, notes=notes)
