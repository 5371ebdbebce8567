"""What the GitHub Actions runner tells us: the triggering event and the run, read from the environment.

`GITHUB_EVENT_PATH` holds the webhook payload; the rest comes from the default environment
variables (docs.github.com "Variables" and "Events that trigger workflows"). Outside Actions
every field is simply empty.

Unset (or empty), `GITHUB_EVENT_PATH` means "no event". Set, it must name a readable regular
file: on a runner it always does, so a path that is missing, a folder, a FIFO or device, or
unreadable was set by hand and set wrongly, and reading on without it would silently drop the
pull request's base commit and number (a PR run compared with nothing, a comment posted nowhere).
That is bad input (exit 2, naming the variable and the path), never a quiet "not a PR". The file
is read through `lmgate.paths.read_bytes`: below the workspace no symbolic link is followed (a
path outside it, like the runner's, was chosen by whoever runs lmgate and is read as given), a
FIFO cannot hang the run and `/dev/zero` cannot be read forever, and the size is capped at
GitHub's own limit for a webhook payload.

On a pull request the commit a run is about is the PR's head, not `GITHUB_SHA` (the merge commit
GitHub builds), and every stage records that one commit and the run id, so their results can be
told apart from another run's. A `workflow_run` triggered by a pull request's run takes the PR
(number, base and head) from the triggering run.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lmgate import paths
from lmgate.errors import InputError, Location


@dataclass(frozen=True)
class Event:
    name: str | None = None
    repository: str | None = None
    pr_number: int | None = None
    base_sha: str | None = None
    head_sha: str | None = None
    base_ref: str | None = None
    is_fork: bool = False
    token_present: bool = False
    api_url: str = "https://api.github.com"
    run_url: str | None = None
    run_id: str | None = None
    server_url: str = "https://github.com"
    triggered_by: str | None = None  # a workflow_run's: the event of the run that triggered it
    payload: Mapping[str, Any] = field(default_factory=dict, repr=False)


PULL_REQUEST_EVENTS = ("pull_request", "pull_request_target")
MAX_PAYLOAD_BYTES = 25 << 20  # GitHub caps a webhook payload at 25 MB and does not deliver a larger one
_PAYLOAD_FIX = ("point GITHUB_EVENT_PATH at a webhook payload (a JSON object such as "
                '{"pull_request": {"base": {"sha": "…"}}}), or unset it outside GitHub Actions')


def read_event(env: Mapping[str, str]) -> Event:
    path = env.get("GITHUB_EVENT_PATH")
    payload = _read_payload(path, env) if path else {}
    # A hand-written payload may hold anything: a field of the wrong shape is read as absent, and a
    # commit only when it is one word that cannot be read as an option (it reaches `git fetch`).
    pr = _obj(payload.get("pull_request"))
    run = _obj(payload.get("workflow_run"))
    if not pr and run:  # the first PR of the triggering run (GitHub lists none for a fork's PR)
        pulls = run.get("pull_requests")
        pr = _obj(pulls[0]) if isinstance(pulls, list) and pulls else {}
    head, base = _obj(pr.get("head")), _obj(pr.get("base"))
    head_repo, base_repo = _obj(head.get("repo")), _obj(base.get("repo"))
    number = pr.get("number") or payload.get("number")
    server, repo, run_id = env.get("GITHUB_SERVER_URL"), env.get("GITHUB_REPOSITORY"), env.get("GITHUB_RUN_ID")
    return Event(
        name=env.get("GITHUB_EVENT_NAME"),
        repository=repo,
        pr_number=number if isinstance(number, int) and not isinstance(number, bool) else None,
        base_sha=_sha(base.get("sha")),
        head_sha=_sha(run.get("head_sha")) or _sha(head.get("sha")) or env.get("GITHUB_SHA"),
        base_ref=(base.get("ref") if isinstance(base.get("ref"), str) else None) or env.get("GITHUB_BASE_REF")
        or None,
        is_fork=bool(head_repo.get("fork")) or bool(head_repo and base_repo
                                                     and head_repo.get("full_name") != base_repo.get("full_name")),
        token_present=bool(env.get("GITHUB_TOKEN") or env.get("LMGATE_GITHUB_TOKEN")),
        api_url=(env.get("GITHUB_API_URL") or "https://api.github.com").rstrip("/"),
        run_url=f"{server}/{repo}/actions/runs/{run_id}" if server and repo and run_id else None,
        run_id=run_id or None,
        server_url=(server or "https://github.com").rstrip("/"),
        triggered_by=run["event"] if isinstance(run.get("event"), str) else None,
        payload=payload,
    )


def _read_payload(path: str, env: Mapping[str, str]) -> dict[str, Any]:
    where = Location(path)
    try:
        raw = paths.read_bytes(Path(path), root=paths.workspace(env), limit=MAX_PAYLOAD_BYTES + 1)
    except InputError as exc:  # a folder, FIFO or device, or a link inside the workspace
        raise InputError(f"GITHUB_EVENT_PATH: {exc.message}; it must be the event payload file", where=where,
                         fix=_PAYLOAD_FIX) from None
    except OSError as exc:
        raise InputError(f"GITHUB_EVENT_PATH names a file that cannot be read: {exc.strerror or exc}", where=where,
                         fix=_PAYLOAD_FIX) from None
    if raw is None:
        raise InputError("GITHUB_EVENT_PATH names a file that does not exist, so the event (a pull request's "
                         "number and base commit) is unknown", where=where, fix=_PAYLOAD_FIX)
    if len(raw) > MAX_PAYLOAD_BYTES:
        raise InputError(f"the event payload is larger than {MAX_PAYLOAD_BYTES >> 20} MB, more than GitHub ever "
                         "sends", where=where, fix=_PAYLOAD_FIX)
    try:
        payload = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        line = exc.lineno if isinstance(exc, json.JSONDecodeError) else None
        raise InputError(f"the event payload is not JSON: {exc}", where=Location(path, line),
                         fix=_PAYLOAD_FIX) from None
    if not isinstance(payload, dict):
        raise InputError(f"the event payload is a JSON {type(payload).__name__}, not an object", where=where,
                         fix=_PAYLOAD_FIX)
    return payload


def _obj(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _sha(value: Any) -> str | None:
    return value if isinstance(value, str) and re.fullmatch(r"\w[\w./-]*", value) else None


def pull_request_base(event: Event) -> str | None:
    """The base commit a pull request's run compares against, or None when the run is not a PR's."""
    if event.name in PULL_REQUEST_EVENTS or (event.name == "workflow_run" and event.pr_number):
        return event.base_sha
    return None
