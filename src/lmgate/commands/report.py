"""`lmgate report`: render one run's stage results as Markdown (comment and step summary).

Stage files of another commit or run in the folder are left out, and the report says which. It
exits 1 when the report's verdict is fail (a gate failed), 0 otherwise, like every stage.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lmgate.github.event import Event, read_event
from lmgate.github.runtime import Annotation, Console
from lmgate.report.escape import md_inline
from lmgate.report.render import ReportContext, identity, load_results, render_report, select_run
from lmgate.results import write_text_atomic

DEFAULT_RESULTS = ".lmgate/results"
RUN_ID = re.compile(r"[0-9]{1,20}")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--results", metavar="DIR", default=DEFAULT_RESULTS,
                        help=f"folder of stage results (default {DEFAULT_RESULTS})")
    parser.add_argument("--output", metavar="FILE", help="write the comment Markdown here (default: stdout)")
    parser.add_argument("--kind", choices=("comment", "summary"), default="comment",
                        help="comment (≤ 65,536 characters) or the longer step summary")


def run(args: argparse.Namespace, env: Mapping[str, str], console: Console) -> int:
    results, skipped = select_run(load_results(Path(args.results)), env.get("GITHUB_RUN_ID"))
    warn_skipped(console, skipped)
    event = read_event(env)
    ctx = context(env, event, results, notes=tuple(skipped), folder=args.results)
    report = render_report(results, ctx, kind=args.kind)
    if args.output:
        write_text_atomic(Path(args.output), report.markdown)
    else:
        console.out.write(report.markdown)
    if args.kind == "comment":
        summary = render_report(results, ctx, kind="summary")
        console.add_summary(summary.markdown)
    console.set_output("verdict", report.verdict)
    # exit codes are the same everywhere: a report of a failed gate is a failed step, as in `comment`
    return 1 if report.verdict == "fail" else 0


def warn_skipped(console: Console, notes: list[str]) -> None:
    console.annotate([Annotation("warning", note.replace("`", ""), title="lmgate report") for note in notes])


def context(env: Mapping[str, str], event: Event, results: Mapping[str, Any],
            notes: tuple[str, ...] = (), results_where: str | None = None,
            folder: str = DEFAULT_RESULTS) -> ReportContext:
    """Links in the report point at the commit and the run the results were computed on; outside a
    run, "full results" names the folder the report was made from (`folder`, as given)."""
    found = [identity(data) for data in results.values()]
    head = next((h for h, _ in found if h), None) or event.head_sha
    run_id = next((str(r) for _, r in found if r), None)
    run_url = event.run_url
    if run_id and event.repository and RUN_ID.fullmatch(run_id):  # a number read from a file: checked first
        run_url = f"{event.server_url}/{event.repository}/actions/runs/{run_id}"
    shown = folder.rstrip("/") + "/"
    where = results_where or (f"the results artifact of [this run]({run_url})" if run_url
                              else f"`{shown}`" if folder == DEFAULT_RESULTS else md_inline(shown))
    return ReportContext(repository=event.repository, server_url=env.get("GITHUB_SERVER_URL") or "https://github.com",
                         head_sha=head, run_url=run_url, results_where=where, notes=notes,
                         run_id=run_id if run_id and RUN_ID.fullmatch(run_id) else None)
