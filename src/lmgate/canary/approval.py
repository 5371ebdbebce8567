"""Who may pass an approval step: a person, and in GitHub Actions one that GitHub vouches for.

A scheduled tick never passes an approval step (see `decide`). `lmgate canary approve` (and a
manual `promote`) may, and in GitHub Actions only when

1. the run was started by a person: the event is `workflow_dispatch` (never `schedule`, `push`
   or a pull request), and
2. GitHub's own record of the run's environment reviews
   (GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals, docs.github.com/rest/actions/
   workflow-runs#get-the-review-history-for-a-workflow-run) shows a reviewer approved the
   `canary.approval_environment` (default `production`) and nobody rejected it.

So an approval cannot come from the workflow file alone: a job that names no protected
environment, or an environment without required reviewers, has no review to show and is refused.
Every refusal is an `InputError` (exit 2) that says why and how to fix it. Outside Actions the
person at the terminal runs the command, as they run `promote` or `rollback`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from lmgate.errors import GitHubError, InputError

PROTECT = ("give the environment required reviewers (repository Settings → Environments → {env} → Required "
           "reviewers) and run `approve` in a job with `environment: {env}`, as the llm-canary-release "
           "template does")


@dataclass(frozen=True)
class Approval:
    by: str                      # the reviewer's login, or the local user
    comment: str = ""
    run: str | None = None       # the run whose review it was (None outside GitHub Actions)

    def describe(self) -> str:
        said = f' ("{self.comment}")' if self.comment else ""
        where = f" in {self.run}" if self.run else " by hand, outside GitHub Actions"
        return f"approved by {self.by}{said}{where}"


def verify(env: Mapping[str, str], github: Any, environment: str) -> Approval:
    """The person who approved this run, or an InputError saying why this is no approval."""
    if env.get("GITHUB_ACTIONS") != "true":
        return Approval(by=env.get("USER") or env.get("USERNAME") or "the person at the terminal")
    event = env.get("GITHUB_EVENT_NAME") or "an unknown event"
    fix = PROTECT.format(env=environment)
    if event != "workflow_dispatch":
        raise InputError(f"approval refused: this run was started by `{event}`, not by a person",
                         fix="run the canary workflow by hand (workflow_dispatch) with command approve; " + fix)
    run_id = env.get("GITHUB_RUN_ID") or ""
    if not run_id.isdigit():
        raise InputError("approval refused: GITHUB_RUN_ID is not a run id, so its reviews cannot be checked",
                         fix="run lmgate inside the GitHub Actions job that the reviewers approved")
    if github is None:
        raise InputError("approval refused: no GitHub token to check who approved this run",
                         fix="pass the job's token (the action's `token` input) with `actions: read`")
    try:
        reviews = github.list_run_approvals(int(run_id))
    except GitHubError as exc:
        raise InputError(f"approval refused: the reviews of run {run_id} could not be read ({exc.message})",
                         fix="give the job `permissions: {actions: read}`") from exc
    ours = [r for r in reviews if isinstance(r, dict) and environment in _environments(r)]
    run = _run_url(env, run_id)
    rejected = [r for r in ours if r.get("state") == "rejected"]
    if rejected:
        raise InputError(f"approval refused: {_login(rejected[-1])} rejected the `{environment}` environment "
                         f"in {run}", fix="start a new run once the reviewers agree")
    approved = [r for r in ours if r.get("state") == "approved"]
    if not approved:
        seen = ", ".join(sorted({n for r in reviews if isinstance(r, dict) for n in _environments(r)})) or "none"
        raise InputError(f"approval refused: no reviewer approved the `{environment}` environment in {run} "
                         f"(environments reviewed: {seen})", fix=fix)
    last = approved[-1]
    comment = last.get("comment") if isinstance(last.get("comment"), str) else ""
    return Approval(by=_login(last), comment=comment[:200], run=run)


def _environments(review: dict) -> set[str]:
    envs = review.get("environments")
    return {e["name"] for e in envs if isinstance(e, dict) and isinstance(e.get("name"), str)} \
        if isinstance(envs, list) else set()


def _login(review: dict) -> str:
    user = review.get("user")
    login = user.get("login") if isinstance(user, dict) else None
    return login if isinstance(login, str) and login else "a reviewer"


def _run_url(env: Mapping[str, str], run_id: str) -> str:
    server, repo = env.get("GITHUB_SERVER_URL"), env.get("GITHUB_REPOSITORY")
    return f"{server}/{repo}/actions/runs/{run_id}" if server and repo else f"run {run_id}"
