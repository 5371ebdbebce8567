"""Talking HTTP to the GitHub REST API: authentication, pagination, retries and error mapping.

Retries what GitHub asks us to retry (5xx on idempotent calls, 429 and secondary rate limits with
`Retry-After` / `x-ratelimit-reset`) and turns 401/403/404 into an error that names the missing
permission (`X-Accepted-GitHub-Permissions`). A POST or PUT answered with 5xx is *not* retried:
it may have been applied, so the caller re-reads state first (see `comment.upsert_comment`).
Docs: docs.github.com/rest "Best practices" (rate limits).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

from lmgate.errors import GitHubError

API_VERSION = "2022-11-28"
IDEMPOTENT = frozenset({"GET", "PATCH", "DELETE", "HEAD"})


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


class GitHubTransport:
    """Sends requests for `GitHubClient`; knows GitHub's HTTP conventions, none of its endpoints."""

    def __init__(self, session: Any, *, api_url: str, token: str | None, repository: str | None = None,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.time,
                 attempts: int = 5, max_wait: float = 120.0) -> None:
        self.session, self.api_url, self.repository = session, api_url.rstrip("/"), repository
        self.sleep, self.clock, self.attempts, self.max_wait = sleep, clock, attempts, max_wait
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

    def request(self, method: str, path: str, **kw: Any) -> Any:
        import requests

        url = path if path.startswith(("http://", "https://")) else self.api_url + path
        for attempt in range(1, self.attempts + 1):
            try:
                response = self.session.request(method, url, headers=self.headers, timeout=30, **kw)
            except requests.RequestException as exc:
                if method not in IDEMPOTENT or attempt == self.attempts:
                    raise GitHubError(f"{method} {urlsplit(url).path} failed: {exc}") from exc
                self.sleep(min(2 ** attempt, self.max_wait))
                continue
            if response.status_code < 400:
                return response
            wait = self._retry_after(response, method, attempt)
            if wait is None or attempt == self.attempts:
                raise self._error(method, url, response)
            self.sleep(wait)
        raise AssertionError("unreachable")

    def _retry_after(self, response: Any, method: str, attempt: int) -> float | None:
        """Seconds to wait before retrying, or None when retrying cannot help."""
        status, headers = response.status_code, response.headers
        limited = status == 429 or (status == 403 and (
            "retry-after" in headers or headers.get("x-ratelimit-remaining") == "0"
            or "rate limit" in response.text.lower()))
        if not limited and not (status >= 500 and method in IDEMPOTENT):
            return None
        if "retry-after" in headers:
            wait = float(headers["retry-after"])
        elif headers.get("x-ratelimit-remaining") == "0" and "x-ratelimit-reset" in headers:
            wait = max(0.0, float(headers["x-ratelimit-reset"]) - self.clock()) + 1
        else:  # GitHub: at least one minute for secondary limits without a header; backoff for 5xx
            wait = 60.0 if limited else float(2 ** (attempt - 1))
        return None if wait > self.max_wait else wait

    def _error(self, method: str, url: str, response: Any) -> GitHubError:
        try:
            detail = str(response.json().get("message", ""))
        except ValueError:
            detail = response.text[:200]
        where, status = f"{method} {urlsplit(url).path}", response.status_code
        if status in (401, 403, 404):
            permission = response.headers.get("x-accepted-github-permissions")
            need = f" (the token needs: {permission})" if permission else ""
            cls = GitHubNotFound if status == 404 else GitHubPermissionError
            return cls(f"{where} answered {status} {detail}{need}", status=status, permission=permission,
                       fix=f"give the job `permissions:` {permission_hint(permission)}" if permission else
                       "check the token's permissions (fork PRs get a read-only token)")
        return GitHubError(f"{where} answered {status} {detail}", status=status)
