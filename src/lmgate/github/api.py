"""The GitHub REST client: authentication, pagination, retries, error mapping, and the endpoints lmgate needs.

Requests go through lmgate.http (a 30 s deadline for each call, a 32 MiB body cap, and its rule
of never sending again a request GitHub may have acted on). What GitHub adds to that rule: a 403
that is a rate limit (`Retry-After`, `x-ratelimit-remaining: 0`, or "rate limit" in the message)
says GitHub did not act, like a 429, and is retried after `Retry-After`, after
`x-ratelimit-reset`, or after a minute for a secondary limit without a header; a longer wait than
`max_wait` fails at once. A 5xx is retried only for GET and PATCH (setting a comment's body again
is harmless); a POST or PUT answered with 5xx is *not*: it may have been applied, so the caller
re-reads state first (see `comment.upsert_comment`). 401/403/404 become an error that names the
missing permission (`X-Accepted-GitHub-Permissions`).

Each endpoint method is one REST call (or a paginated listing): identity, issue comments, pull
requests, deployments, workflow-run approvals, contents.
Docs: docs.github.com/rest "Best practices" (rate limits), "Issue comments", "Pulls", "Deployments",
"Contents".
"""

from __future__ import annotations

import base64
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from lmgate.errors import GitHubError
from lmgate.http import HttpClient, HttpError, MiB, Response, Retry, parse_retry_after

API_VERSION = "2022-11-28"
BOT_LOGIN = "github-actions[bot]"
REPEATABLE = frozenset({"GET", "HEAD", "PATCH"})
TIMEOUT_S = 30.0
MAX_BODY = 32 * MiB  # a page of 100 comments of up to 65,536 characters each, JSON-escaped


class GitHubPermissionError(GitHubError):
    """401/403/404: the token may not do this (fork PR, missing `permissions:`), or it is not there."""

    def __init__(self, message: str, *, permission: str | None = None, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.permission = permission


class GitHubNotFound(GitHubPermissionError):
    """404: GitHub also answers 404 where a token lacks access to a private resource."""


class GitHubConflict(GitHubError):
    """409/422 on a compare-and-swap write: someone else changed it first (a lost race)."""


def permission_hint(header: str) -> str:
    """`pull_requests=write; issues=write` -> `pull-requests: write` or `issues: write`.

    In the header `;` separates alternative sets and `,` the permissions within one set
    (github.blog changelog 2023-08-10).
    """
    sets = [[p.strip().partition("=") for p in alt.split(",") if p.strip()] for alt in header.split(";")]
    return " or ".join("`" + ", ".join(f"{k.replace('_', '-')}: {v}" for k, _, v in s) + "`" for s in sets if s)


@dataclass(frozen=True)
class GitHubRetry(Retry):
    """GitHub's rate limits (primary and secondary) and its advice to back off 1, 2, 4 … s on 5xx."""

    clock: Callable[[], float] = time.time

    def refused(self, response: Response) -> bool:
        return response.status == 429 or (response.status == 403 and (
            "retry-after" in response.headers or response.headers.get("x-ratelimit-remaining") == "0"
            or "rate limit" in response.text.lower()))

    def asked_wait(self, response: Response) -> float | None:
        headers = response.headers
        asked = parse_retry_after(headers.get("retry-after"))
        if asked is not None:
            return asked
        reset = headers.get("x-ratelimit-reset", "")
        if headers.get("x-ratelimit-remaining") == "0" and reset.isdigit():
            return max(0.0, float(reset) - self.clock()) + 1
        return 60.0 if self.refused(response) else None  # GitHub: at least a minute for a secondary limit

    def backoff(self, attempt: int, rng: Callable[[], float]) -> float:
        return float(2 ** (attempt - 1))


class GitHubClient:
    """GitHub's REST API over `session` (a requests.Session or an lmgate.http.HttpClient).

    `repository` (owner/name) is what the deployment, approval and contents calls act on.
    """

    def __init__(self, session: Any, *, api_url: str, token: str | None, repository: str | None = None,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.time,
                 attempts: int = 5, max_wait: float = 120.0, timeout: float = TIMEOUT_S) -> None:
        self.api_url, self.repository, self.sleep = api_url.rstrip("/"), repository, sleep
        self.timeout = timeout
        self.http = HttpClient(session, sleep=sleep, max_body=MAX_BODY)
        self.retry = GitHubRetry(retries=attempts - 1, max_wait=max_wait, max_wait_name="the GitHub client's max_wait",
                                 clock=clock)
        self.headers = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": API_VERSION,
                        "User-Agent": "lmgate"}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"

    def _repo(self) -> str:
        if not self.repository:
            raise GitHubError("no repository given", fix="set GITHUB_REPOSITORY=owner/name")
        return self.repository

    def paginate(self, path: str, per_page: int = 100) -> Iterator[dict[str, Any]]:
        url: str | None = path
        params: dict[str, Any] | None = {"per_page": per_page}
        while url:
            response = self.request("GET", url, params=params)
            yield from response.json()
            url, params = (response.links.get("next") or {}).get("url"), None
            if url and not url.startswith(self.api_url + "/"):
                # never send the token to a host the Link header chose
                raise GitHubError(f"pagination link leaves {self.api_url}: {url}")

    def request(self, method: str, path: str, *, params: Any = None, json: Any = None) -> Response:
        url = path if path.startswith(("http://", "https://")) else self.api_url + path
        try:
            response = self.http.request(method, url, headers=self.headers, params=params, json=json,
                                         timeout=self.timeout, repeatable=method in REPEATABLE, retry=self.retry)
        except HttpError as exc:
            raise GitHubError(f"{method} {urlsplit(url).path} failed: {exc.message}", status=exc.status) from None
        if response.status >= 400:
            raise self._error(method, url, response)
        return response

    def _error(self, method: str, url: str, response: Response) -> GitHubError:
        try:
            detail = str(response.json().get("message", ""))
        except (ValueError, AttributeError):
            detail = response.text[:200]
        where, status = f"{method} {urlsplit(url).path}", response.status
        if status in (401, 403, 404):
            permission = response.headers.get("x-accepted-github-permissions")
            need = f" (the token needs: {permission})" if permission else ""
            cls = GitHubNotFound if status == 404 else GitHubPermissionError
            return cls(f"{where} answered {status} {detail}{need}", status=status, permission=permission,
                       fix=f"give the job `permissions:` {permission_hint(permission)}" if permission else
                       "check the token's permissions (fork PRs get a read-only token)")
        return GitHubError(f"{where} answered {status} {detail}", status=status)

    # -- identity and issue comments -------------------------------------------------------------
    def whoami(self) -> str:
        """The token's login; GITHUB_TOKEN may not read /user (403), and it acts as the Actions bot."""
        try:
            return str(self.request("GET", "/user").json()["login"])
        except GitHubPermissionError:
            return BOT_LOGIN

    def list_issue_comments(self, repo: str, number: int) -> Iterator[dict[str, Any]]:
        yield from self.paginate(f"/repos/{repo}/issues/{int(number)}/comments")

    def create_issue_comment(self, repo: str, number: int, body: str) -> dict[str, Any]:
        return self.request("POST", f"/repos/{repo}/issues/{int(number)}/comments", json={"body": body}).json()

    def update_issue_comment(self, repo: str, comment_id: int, body: str) -> dict[str, Any]:
        return self.request("PATCH", f"/repos/{repo}/issues/comments/{int(comment_id)}", json={"body": body}).json()

    def get_pull(self, repo: str, number: int) -> dict[str, Any]:
        return self.request("GET", f"/repos/{repo}/pulls/{int(number)}").json()

    def find_pull_by_head(self, repo: str, head_sha: str) -> int | None:
        """The open PR whose head is `head_sha`: a fork's `workflow_run` lists no pull_requests."""
        for pull in self.paginate(f"/repos/{repo}/pulls?state=open"):
            if (pull.get("head") or {}).get("sha") == head_sha:
                return int(pull["number"])
        return None

    # -- deployments (canary audit trail) --------------------------------------------------------
    def create_deployment(self, ref: str, environment: str, description: str, payload: Any = None) -> int:
        # auto_merge defaults to true and would merge the default branch into `ref`.
        body = {"ref": ref, "environment": environment, "description": description[:140],
                "auto_merge": False, "required_contexts": [], "payload": payload or {}}
        return int(self.request("POST", f"/repos/{self._repo()}/deployments", json=body).json()["id"])

    def create_deployment_status(self, deployment_id: int, state: str, description: str,
                                 log_url: str | None = None, environment_url: str | None = None) -> int:
        body: dict[str, Any] = {"state": state, "description": description[:140]}
        if log_url:
            body["log_url"] = log_url
        if environment_url:
            body["environment_url"] = environment_url
        path = f"/repos/{self._repo()}/deployments/{int(deployment_id)}/statuses"
        return int(self.request("POST", path, json=body).json()["id"])

    # -- workflow runs (canary approvals) --------------------------------------------------------
    def list_run_approvals(self, run_id: int) -> list[dict[str, Any]]:
        """The environment reviews (approved or rejected, with the reviewer) of a workflow run."""
        data = self.request("GET", f"/repos/{self._repo()}/actions/runs/{int(run_id)}/approvals").json()
        return data if isinstance(data, list) else []

    # -- contents API: a compare-and-swap file store ---------------------------------------------
    def get_contents(self, path: str, ref: str | None = None) -> tuple[str, str]:
        data = self.request("GET", f"/repos/{self._repo()}/contents/{contents_path(path)}",
                            params={"ref": ref} if ref else None).json()
        if not isinstance(data, dict) or data.get("type") != "file":
            raise GitHubError(f"{path} is not a file in {self._repo()}")
        return base64.b64decode(data.get("content") or "").decode("utf-8"), str(data["sha"])

    def put_contents(self, path: str, text: str, *, sha: str | None, message: str,
                     branch: str | None = None) -> str:
        """Write `path` only if it still has `sha` (None: only if it does not exist); the new sha."""
        body: dict[str, Any] = {"message": message, "content": base64.b64encode(text.encode()).decode()}
        if sha:
            body["sha"] = sha
        if branch:
            body["branch"] = branch
        try:
            data = self.request("PUT", f"/repos/{self._repo()}/contents/{contents_path(path)}", json=body).json()
        except GitHubError as exc:
            if exc.status in (409, 422):
                raise GitHubConflict(f"{path} changed since it was read (sha {sha}): {exc.message}",
                                     status=exc.status, fix="read it again and retry") from exc
            raise
        return str(data["content"]["sha"])


def contents_path(path: str) -> str:
    """`path` as the tail of a contents API URL: each segment percent-encoded, `.` and `..` refused.

    The URL is built by joining strings and requests collapses dot segments: a state path
    `a/../../../../user` was sent (with the token, and a PUT) to `/repos/user`, and a `?` or `#` in
    a file name became a query or a fragment."""
    parts = path.strip("/").split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise GitHubError(f"the repository path {path!r} has an empty, `.` or `..` segment",
                          fix="name the file by its plain path from the repository root")
    return "/".join(quote(part, safe="") for part in parts)
