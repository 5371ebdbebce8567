"""The sticky PR comment: one comment per PR, found again by its hidden marker *and* its author.

Matching on the marker alone would let a contributor paste the marker into their own comment and
have lmgate edit theirs (or never update its own). A create answered with 5xx may still have been
applied, so before trying again we look for it; a retry never leaves two reports on a PR.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lmgate.errors import GitHubError
from lmgate.github.api import GitHubClient

MARKER = "<!-- lmgate:pr-report -->"
BODY_LIMIT = 65_536


@dataclass(frozen=True)
class Upsert:
    action: str  # created | updated | unchanged
    comment_id: int
    url: str | None

    def to_json(self) -> dict[str, Any]:
        return {"action": self.action, "comment_id": self.comment_id, "url": self.url}


def find_comment(client: GitHubClient, repo: str, number: int, author: str,
                 marker: str = MARKER) -> dict[str, Any] | None:
    """Our newest comment carrying the marker; others' comments with the marker are ignored."""
    ours = [c for c in client.list_issue_comments(repo, number)
            if (c.get("user") or {}).get("login") == author and marker in (c.get("body") or "")]
    return ours[-1] if ours else None


def upsert_comment(client: GitHubClient, repo: str, number: int, body: str, *, marker: str = MARKER,
                   author: str | None = None, attempts: int = 3) -> Upsert:
    if marker not in body:
        body = f"{marker}\n{body}"
    if len(body) > BODY_LIMIT:
        raise ValueError(f"comment body is {len(body)} characters; render_report must fit it first")
    author = author or client.whoami()
    for attempt in range(1, attempts + 1):
        existing = find_comment(client, repo, number, author, marker)
        if existing is not None:
            if existing.get("body") == body:
                return Upsert("unchanged", int(existing["id"]), existing.get("html_url"))
            data = client.update_issue_comment(repo, int(existing["id"]), body)
            return Upsert("updated", int(data["id"]), data.get("html_url"))
        try:
            data = client.create_issue_comment(repo, number, body)
            return Upsert("created", int(data["id"]), data.get("html_url"))
        except GitHubError as exc:
            # 5xx or a dropped connection: the comment may exist now; the loop looks again
            if attempt == attempts or (exc.status is not None and exc.status < 500):
                raise
            client.sleep(2 ** attempt)
    raise AssertionError("unreachable")
