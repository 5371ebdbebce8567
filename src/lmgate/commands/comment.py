"""`lmgate comment`: upsert the sticky PR comment; the step summary always gets the long report.

When the token may not comment (a fork's read-only token, missing `permissions:`) the report still
reaches the step summary, a warning names the missing permission, and the exit code stays the
gates' verdict. `--from-artifact` is the fork-safe `workflow_run` path: the results are data from
another run, validated before use, and the PR is the one the triggering run was for.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import requests

from lmgate.commands.report import DEFAULT_RESULTS, context, warn_skipped
from lmgate.errors import GitHubError, InputError, ResultsError
from lmgate.github.api import GitHubClient, permission_hint
from lmgate.github.comment import upsert_comment
from lmgate.github.event import Event, read_event
from lmgate.github.runtime import Annotation, Console
from lmgate.report.artifact import load_artifact
from lmgate.report.render import load_results, overall_verdict, render_report, select_run
from lmgate.secrets import REDACTOR


def configure(parser: argparse.ArgumentParser) -> None:
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--results", metavar="DIR", help=f"folder of stage results (default {DEFAULT_RESULTS})")
    source.add_argument("--from-artifact", metavar="DIR", help="results downloaded from the run that triggered "
                        "this workflow_run workflow (validated as untrusted data)")
    parser.add_argument("--mode", choices=("comment", "summary"), default="comment",
                        help="comment: upsert the PR comment and write the summary; summary: the summary only")
    parser.add_argument("--pr", type=int, help="PR number (default: from the event)")


def run(args: argparse.Namespace, env: Mapping[str, str], console: Console) -> int:
    event = read_event(env)
    skipped: list[str] = []
    # outside a run, "full results" names the folder the results were read from, as `report` does
    folder = args.from_artifact or args.results or DEFAULT_RESULTS
    if args.from_artifact:
        results = load_artifact(Path(args.from_artifact))  # one run's files, or refused
    else:
        results, skipped = select_run(load_results(Path(args.results or DEFAULT_RESULTS)), env.get("GITHUB_RUN_ID"))
        warn_skipped(console, skipped)
    verdict_code = 1 if any(d.get("verdict") == "fail" for d in results.values()) else 0
    token = env.get("LMGATE_GITHUB_TOKEN") or env.get("GITHUB_TOKEN")
    client = GitHubClient(requests.Session(), api_url=event.api_url, token=token, repository=event.repository)
    note, why = None, None
    if args.mode == "summary":
        why = "--mode summary writes the step summary only"
    elif not token:
        why = "no GitHub token: pass `GITHUB_TOKEN` (or `LMGATE_GITHUB_TOKEN`) to comment on the PR"
        note = f"No comment was posted ({why}). This summary is the full report."
    elif not event.repository:
        why = "no repository: `GITHUB_REPOSITORY` is not set (run in GitHub Actions, or set it)"
        note = f"No comment was posted ({why}). This summary is the full report."
    else:
        try:
            number = pull_number(client, event, results, args.pr, trusted=not args.from_artifact)
            if number is None:
                why = "not a pull request event (pass --pr NUMBER to name one)"
                note = "Not a pull request event: the report is in this summary only."
            else:
                post(client, event.repository, number, results, env, event, console, skipped, folder)
        except GitHubError as exc:
            permission = getattr(exc, "permission", None)
            note = fallback_note(exc.status, permission)
            why = f"GitHub refused it: {exc.message}"
            console.annotate([Annotation("warning", f"could not post the PR comment: {exc.message}" + (
                f" — fix: {exc.fix}" if exc.fix else ""), title="lmgate comment not posted")])
    summary = render_summary(results, env, event, (*skipped, *((note,) if note else ())), folder)
    in_summary = console.add_summary(summary)
    if why:
        # nothing was posted: say why, and put the body where the user can see it
        console.err.write(f"lmgate: posted no PR comment: {why}\n")
        if not in_summary:
            console.out.write(render_body(results, env, event, (*skipped, *((note,) if note else ())), folder))
    # "pass" needs a stage that ran: an empty results folder, or only skipped stages, passed nothing
    console.set_output("verdict", "fail" if verdict_code else "skipped" if overall_verdict(results) == "skipped"
                       else "pass")
    return verdict_code


def fallback_note(status: int | None, permission: str | None) -> str:
    if permission:
        why = f"the token lacks {permission_hint(permission)} (a fork's pull request gets a read-only token)"
    else:
        why = f"GitHub answered {status or 'with an error'}"
    return (f"⚠️ The PR comment could not be posted: {why}. This summary is the full report; for forks, "
            "post the comment from a `workflow_run` workflow with `lmgate comment --from-artifact`.")


def render_summary(results: dict[str, Any], env: Mapping[str, str], event: Event, notes: tuple[str, ...],
                   folder: str = DEFAULT_RESULTS) -> str:
    return render_report(results, context(env, event, results, notes=notes, folder=folder), kind="summary").markdown


def render_body(results: dict[str, Any], env: Mapping[str, str], event: Event, notes: tuple[str, ...],
                folder: str = DEFAULT_RESULTS) -> str:
    return render_report(results, context(env, event, results, notes=notes, folder=folder)).markdown


def post(client: Any, repo: str, number: int, results: dict[str, Any], env: Mapping[str, str],
         event: Event, console: Console, notes: list[str], folder: str = DEFAULT_RESULTS) -> None:
    body = REDACTOR(render_body(results, env, event, tuple(notes), folder))  # a sink like any file
    # a GitHub App token cannot read /user either: LMGATE_COMMENT_AUTHOR names its bot login
    done = upsert_comment(client, repo, number, body, author=env.get("LMGATE_COMMENT_AUTHOR") or None)
    console.set_output("comment-id", str(done.comment_id))
    console.set_output("comment-url", done.url or "")
    console.out.write(f"lmgate: {done.action} comment {done.comment_id} on #{number}\n")


def pull_number(client: Any, event: Event, results: dict[str, Any], given: int | None, *,
                trusted: bool) -> int | None:
    """The PR to comment on. From an artifact: the triggering run's PR, whose head must be the
    commit the results were computed on (so a stale or forged artifact cannot land elsewhere)."""
    if trusted:
        number = given or event.pr_number
        return int(number) if number else None
    run = event.payload.get("workflow_run") or {}
    head = run.get("head_sha")
    if event.name != "workflow_run" or not head:
        raise InputError("--from-artifact runs in a workflow_run workflow", fix="use the pr-comment "
                         "workflow_run template, or --results for results of this run")
    heads = {(d.get("git") or {}).get("head_sha") for d in results.values()}
    if heads != {head}:
        raise ResultsError(f"the artifact was computed on {sorted(map(str, heads))}, not on the triggering "
                           f"run's head {head}", fix="download the artifact of the triggering run")
    runs = {d.get("run_id") for d in results.values()} - {None}
    if run.get("id") is not None and runs and runs != {str(run["id"])}:
        raise ResultsError(f"the artifact comes from run {sorted(runs)}, not from the triggering run {run['id']}",
                           fix="download the artifact of the triggering run (`run-id: ${{ github.event.workflow_run.id "
                               "}}`)")
    listed = [p.get("number") for p in run.get("pull_requests") or [] if (p.get("head") or {}).get("sha") == head]
    number = listed[0] if listed else client.find_pull_by_head(event.repository, head)
    if not number:
        raise InputError(f"no open pull request has head {head}", fix="the PR was closed or pushed again")
    if (client.get_pull(event.repository, number).get("head") or {}).get("sha") != head:
        raise ResultsError(f"PR #{number} has moved past {head}; not commenting stale results")
    return int(number)
