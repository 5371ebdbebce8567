"""The endpoints of the fake GitHub (`fakes.github.FakeGitHub`): (status, json, headers) per request."""

from __future__ import annotations

import re
from typing import Any

from fakes.github import b64, blob_sha

R = r"/repos/(?P<repo>[^/]+/[^/]+)"
# (method, path pattern, permission needed, X-Accepted-GitHub-Permissions as GitHub sends it)
ROUTES = [
    ("GET", r"/user", None, None),
    ("GET", R + r"/issues/(?P<n>\d+)/comments", ("issues", "read"), "issues=read; pull_requests=read"),
    ("POST", R + r"/issues/(?P<n>\d+)/comments", ("issues", "write"), "issues=write; pull_requests=write"),
    ("PATCH", R + r"/issues/comments/(?P<id>\d+)", ("issues", "write"), "issues=write; pull_requests=write"),
    ("DELETE", R + r"/issues/comments/(?P<id>\d+)", ("issues", "write"), "issues=write; pull_requests=write"),
    ("GET", R + r"/pulls", ("pull_requests", "read"), "pull_requests=read"),
    ("GET", R + r"/pulls/(?P<n>\d+)", ("pull_requests", "read"), "pull_requests=read"),
    ("POST", R + r"/deployments", ("deployments", "write"), "deployments=write"),
    ("GET", R + r"/deployments", ("deployments", "read"), "deployments=read"),
    ("POST", R + r"/deployments/(?P<id>\d+)/statuses", ("deployments", "write"), "deployments=write"),
    ("GET", R + r"/deployments/(?P<id>\d+)/statuses", ("deployments", "read"), "deployments=read"),
    ("GET", R + r"/actions/runs/(?P<run>\d+)/approvals", ("actions", "read"), "actions=read"),
    ("GET", R + r"/contents/(?P<path>.+)", ("contents", "read"), "contents=read"),
    ("PUT", R + r"/contents/(?P<path>.+)", ("contents", "write"), "contents=write"),
]
PAGE = 30  # GitHub's default page size


def handle(fake: Any, method: str, path: str, query: dict[str, str], body: Any,
           auth: str) -> tuple[int, Any, dict[str, str]]:
    token = fake.tokens.get(auth.removeprefix("Bearer ").removeprefix("token ").strip())
    if token is None:
        return 401, {"message": "Bad credentials"}, {}
    for route_method, pattern, need, accepted in ROUTES:
        m = re.fullmatch(pattern, path)
        if m is None or route_method != method:
            continue
        if need and not allowed(token.permissions.get(need[0]), need[1]):
            return 403, {"message": "Resource not accessible by integration"}, {
                "X-Accepted-GitHub-Permissions": accepted}
        fault = next((f for f in fake.faults if f.method == method and re.search(f.pattern, path)), None)
        if fault is not None:
            fake.faults.remove(fault)
            if not fault.apply:
                return fault.status, {"message": fault.message}, fault.headers
        answer = dispatch(fake, token, method, route_method + " " + pattern, m.groupdict(), query, body)
        return (fault.status, {"message": fault.message}, fault.headers) if fault else answer
    return 404, {"message": "Not Found"}, {}


def allowed(have: str | None, need: str) -> bool:
    return have == "write" or (have == "read" and need == "read")


def dispatch(fake: Any, token: Any, method: str, route: str, p: dict[str, str], query: dict[str, str],
             body: Any) -> tuple[int, Any, dict[str, str]]:
    if route.endswith("/user"):
        if token.app:
            return 403, {"message": "Resource not accessible by integration"}, {}
        return 200, {"login": token.login, "id": 1, "type": "User"}, {}
    if "/issues/" in route and "/comments" in route:
        return comments(fake, token, method, p, query, body)
    if "/pulls" in route:
        if "n" in p:
            pull = fake.pulls.get(int(p["n"]))
            return (200, pull, {}) if pull else (404, {"message": "Not Found"}, {})
        return 200, [x for x in fake.pulls.values() if x["state"] == query.get("state", "open")], {}
    if route.endswith("/approvals"):
        return 200, fake.run_reviews.get(int(p["run"]), []), {}
    if "/statuses" in route:
        dep = int(p["id"])
        if not any(d["id"] == dep for d in fake.deployments):
            return 404, {"message": "Not Found"}, {}
        if method == "GET":
            return 200, list(reversed(fake.statuses.get(dep, []))), {}
        status = {"id": fake._next_id(), **body}
        fake.statuses.setdefault(dep, []).append(status)
        return 201, status, {}
    if "/deployments" in route:
        if method == "GET":
            return 200, list(reversed(fake.deployments)), {}
        deployment = {"id": fake._next_id(), "sha": "0" * 40, "creator": {"login": token.login}, **body}
        fake.deployments.append(deployment)
        return 201, deployment, {}
    return contents(fake, method, p["path"], query, body)


def comments(fake: Any, token: Any, method: str, p: dict[str, str], query: dict[str, str],
             body: Any) -> tuple[int, Any, dict[str, str]]:
    if method == "POST":
        return 201, public(fake._new_comment(int(p["n"]), token.login, body["body"])), {}
    if method == "GET":
        items = fake.issue_comments(int(p["n"]))
        size, page = min(int(query.get("per_page", PAGE)), 100), int(query.get("page", 1))
        headers = {}
        if page * size < len(items):
            nxt = f"{fake.url}/repos/{p['repo']}/issues/{p['n']}/comments?per_page={size}&page={page + 1}"
            headers["Link"] = f'<{nxt}>; rel="next"'
        return 200, [public(c) for c in items[(page - 1) * size: page * size]], headers
    comment = next((c for c in fake.comments if c["id"] == int(p["id"])), None)
    if comment is None:
        return 404, {"message": "Not Found"}, {}
    if method == "DELETE":
        fake.comments.remove(comment)
        return 204, None, {}
    comment["body"] = body["body"]
    return 200, public(comment), {}


def public(comment: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in comment.items() if k != "issue"}


def contents(fake: Any, method: str, path: str, query: dict[str, str], body: Any) -> tuple[int, Any, dict]:
    current = fake.files.get(path)
    if method == "GET":
        if current is None:
            return 404, {"message": "Not Found"}, {}
        return 200, {"type": "file", "path": path, "sha": current[1], "encoding": "base64",
                     "content": b64(current[0])}, {}
    if current is not None and body.get("sha") != current[1]:
        return 409, {"message": f"{path} does not match {body.get('sha')}"}, {}
    if current is None and body.get("sha"):
        return 422, {"message": "sha given for a file that does not exist"}, {}
    import base64

    text = base64.b64decode(body["content"]).decode()
    fake.files[path] = (text, blob_sha(text))
    return (201 if current is None else 200), {"content": {"path": path, "sha": fake.files[path][1]},
                                               "commit": {"message": body["message"]}}, {}
