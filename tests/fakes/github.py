"""A loopback fake of the GitHub REST API that keeps real state.

Serves issue comments (with authors, 100-per-page pagination and `Link` headers), pull requests,
deployments and their statuses, the contents API with `sha` compare-and-swap (409 on a stale
sha), and the environment reviews of workflow runs (`review_run`). Tokens map to a login and
permissions; a read-only token gets GitHub's 403 with `X-Accepted-GitHub-Permissions`, and the
built-in GITHUB_TOKEN kind gets 403 on /user. Faults
(5xx, secondary rate limits, a 5xx *after* applying the change) are queued with `fail_next`.
Every request is checked against GitHub's OpenAPI description when a validator is given; the
problems land in `invalid` and the request is answered 400.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

WRITE_ALL = {"issues": "write", "pull_requests": "write", "contents": "write", "deployments": "write",
             "actions": "read"}
READ_ONLY = {"issues": "read", "pull_requests": "read", "contents": "read", "deployments": "read",
             "actions": "read"}


@dataclass
class Token:
    login: str
    permissions: dict[str, str]
    app: bool = False  # an installation token (GITHUB_TOKEN): /user answers 403


@dataclass
class Fault:
    method: str
    pattern: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    message: str = "Server Error"
    apply: bool = False  # do the work, then lose the answer (the worst case for a retry)


def blob_sha(text: str) -> str:
    data = text.encode()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


class FakeGitHub:
    def __init__(self, validator: Callable[..., list[str]] | None = None, repo: str = "acme/app") -> None:
        self.repo, self.validator = repo, validator
        self.tokens: dict[str, Token] = {}
        self.comments: list[dict[str, Any]] = []  # every comment of every issue, in creation order
        self.pulls: dict[int, dict[str, Any]] = {}
        self.deployments: list[dict[str, Any]] = []
        self.statuses: dict[int, list[dict[str, Any]]] = {}
        self.files: dict[str, tuple[str, str]] = {}  # path -> (text, sha)
        self.run_reviews: dict[int, list[dict[str, Any]]] = {}  # run id -> environment reviews, oldest first
        self.faults: list[Fault] = []
        self.requests: list[tuple[str, str]] = []
        self.invalid: list[str] = []
        self._ids, self._lock = 1000, threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # -- set-up helpers for tests ----------------------------------------------------------------
    def add_token(self, token: str, login: str, permissions: dict[str, str] | None = None, *,
                  app: bool = False) -> str:
        self.tokens[token] = Token(login, dict(WRITE_ALL if permissions is None else permissions), app)
        return token

    def add_comment(self, number: int, login: str, body: str) -> dict[str, Any]:
        return self._new_comment(number, login, body)

    def add_pull(self, number: int, head_sha: str, *, fork: bool = False) -> None:
        head_repo = "fork/app" if fork else self.repo
        self.pulls[number] = {"number": number, "state": "open", "head": {
            "sha": head_sha, "ref": "feature", "repo": {"full_name": head_repo, "fork": fork}}}

    def review_run(self, run_id: int, environment: str, login: str, state: str = "approved",
                   comment: str = "") -> None:
        """A reviewer approves (or rejects) a workflow run's job waiting on a protected environment."""
        env = {"id": 1, "node_id": "EN_1", "name": environment, "url": f"{self.url}/repos/{self.repo}/environments/"
               f"{environment}", "html_url": f"https://github.com/{self.repo}/deployments/activity_log?"
               f"environments_filter={environment}", "created_at": "2026-01-01T00:00:00Z",
               "updated_at": "2026-01-01T00:00:00Z"}
        user = {"login": login, "id": 7, "node_id": "U_7", "avatar_url": "", "gravatar_id": None, "url": "",
                "html_url": "", "followers_url": "", "following_url": "", "gists_url": "", "starred_url": "",
                "subscriptions_url": "", "organizations_url": "", "repos_url": "", "events_url": "",
                "received_events_url": "", "type": "User", "site_admin": False}
        self.run_reviews.setdefault(int(run_id), []).append(
            {"environments": [env], "state": state, "user": user, "comment": comment})

    def fail_next(self, method: str, pattern: str, status: int, *, times: int = 1, **kw: Any) -> None:
        self.faults += [Fault(method, pattern, status, **kw) for _ in range(times)]

    def issue_comments(self, number: int) -> list[dict[str, Any]]:
        return [c for c in self.comments if c["issue"] == number]

    # -- state changes ---------------------------------------------------------------------------
    def _next_id(self) -> int:
        with self._lock:
            self._ids += 1
            return self._ids

    def _new_comment(self, number: int, login: str, body: str) -> dict[str, Any]:
        cid = self._next_id()
        comment = {"id": cid, "issue": number, "body": body, "user": {"login": login},
                   "html_url": f"https://github.com/{self.repo}/pull/{number}#issuecomment-{cid}"}
        self.comments.append(comment)
        return comment

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        from fakes.github_routes import handle

        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep pytest output clean
                pass

            def _serve(self) -> None:
                size = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(size) if size else b""
                split = urlsplit(self.path)
                fake.requests.append((self.command, self.path))
                if fake.validator is not None:
                    problems = fake.validator(self.command, self.path, dict(self.headers), raw)
                    if problems:
                        fake.invalid += problems
                        return self._send(400, {"message": "invalid request: " + "; ".join(problems)})
                query = {k: v[-1] for k, v in parse_qs(split.query).items()}
                body = json.loads(raw) if raw else None
                status, data, headers = handle(fake, self.command, split.path, query, body,
                                               self.headers.get("Authorization", ""))
                self._send(status, data, headers)

            def _send(self, status: int, data: Any, headers: dict[str, str] | None = None) -> None:
                payload = b"" if status == 204 else json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(payload)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _serve

        return Handler


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def match(pattern: str, path: str) -> re.Match | None:
    return re.fullmatch(pattern, path)
