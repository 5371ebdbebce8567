"""The GitHub endpoints lmgate needs: identity, issue comments, pull requests, deployments, contents.

Each method is one REST call (or a paginated listing) on top of `GitHubTransport`, which owns the
session, retries and error mapping. A POST or PUT answered with 5xx is not retried there, so the
caller re-reads state first (see `comment.upsert_comment`).
Docs: docs.github.com/rest "Issue comments", "Pulls", "Deployments", "Contents".
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

from lmgate.errors import GitHubError
from lmgate.github.transport import GitHubConflict, GitHubPermissionError, GitHubTransport

BOT_LOGIN = "github-actions[bot]"


class GitHubClient(GitHubTransport):
    """The REST operations; construct it like `GitHubTransport` (session, api_url, token, ...)."""

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
        data = self.request("GET", f"/repos/{self._repo()}/contents/{path.lstrip('/')}",
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
            data = self.request("PUT", f"/repos/{self._repo()}/contents/{path.lstrip('/')}", json=body).json()
        except GitHubError as exc:
            if exc.status in (409, 422):
                raise GitHubConflict(f"{path} changed since it was read (sha {sha}): {exc.message}",
                                     status=exc.status, fix="read it again and retry") from exc
            raise
        return str(data["content"]["sha"])
