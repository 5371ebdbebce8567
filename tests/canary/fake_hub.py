"""A loopback Hugging Face Hub speaking the few endpoints the hf-pointer backend uses (as read from
huggingface_hub's own client): refs, preupload, commit (NDJSON, 412 on a stale parentCommit), tag,
revision info, and resolve (HEAD + GET) for downloading the pointer at a commit."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

OID = re.compile(r"[0-9a-f]{40}")


class FakeHub:
    def __init__(self, repo: str = "acme/qa-routing") -> None:
        self.repo = repo
        root = hashlib.sha1(b"root").hexdigest()
        self.commits: dict[str, dict[str, bytes]] = {root: {}}  # oid -> files
        self.parents: dict[str, str | None] = {root: None}
        self.head, self.tags = root, {}
        self.messages: list[str] = []
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def file(self, path: str, rev: str | None = None) -> bytes | None:
        return self.commits[rev or self.head].get(path)

    def resolve(self, rev: str) -> str | None:
        rev = unquote(rev)
        if rev == "main":
            return self.head
        return rev if rev in self.commits else self.tags.get(rev)

    def route(self, method: str, path: str, body: bytes) -> tuple[int, Any, dict[str, str]]:
        api = f"/api/models/{self.repo}"
        if method == "GET" and path == f"{api}/refs":
            return 200, {"branches": [{"name": "main", "ref": "refs/heads/main", "targetCommit": self.head}],
                         "tags": [{"name": t, "ref": f"refs/tags/{t}", "targetCommit": o}
                                  for t, o in self.tags.items()],
                         "converts": []}, {}
        if method == "POST" and path.startswith(f"{api}/preupload/"):
            files = json.loads(body)["files"]
            return 200, {"files": [{"path": f["path"], "uploadMode": "regular", "shouldIgnore": False, "oid": None}
                                   for f in files]}, {}
        if method == "POST" and path.startswith(f"{api}/commit/"):
            return self.commit([json.loads(x) for x in body.splitlines() if x.strip()])
        if method == "POST" and path.startswith(f"{api}/tag/"):
            target = self.resolve(path.rsplit("/", 1)[1])
            self.tags[json.loads(body)["tag"]] = target
            return 200, {}, {}
        m = re.fullmatch(rf"{api}/revision/(.+)", path)
        if method == "GET" and m:
            oid = self.resolve(m.group(1))
            if oid is None:
                return 404, {"error": "Invalid rev id"}, {"X-Error-Code": "RevisionNotFound"}
            return 200, {"id": self.repo, "modelId": self.repo, "sha": oid, "siblings": [], "private": False}, {}
        m = re.fullmatch(rf"/{self.repo}/resolve/([^/]+)/(.+)", path)
        if m and method in ("GET", "HEAD"):
            oid = self.resolve(m.group(1))
            data = None if oid is None else self.commits[oid].get(unquote(m.group(2)))
            if data is None:
                return 404, {"error": "Entry not found"}, {"X-Error-Code": "EntryNotFound"}
            return 200, data, {"X-Repo-Commit": oid, "ETag": f'"{hashlib.sha1(data).hexdigest()}"'}
        return 404, {"error": f"no route {method} {path}"}, {}

    def commit(self, lines: list[dict]) -> tuple[int, Any, dict[str, str]]:
        header = next(x["value"] for x in lines if x["key"] == "header")
        parent = header.get("parentCommit")
        if parent is not None and parent != self.head:
            return 412, {"error": "A commit has happened since. Please refresh and try again."}, {}
        files = dict(self.commits[self.head])
        for x in lines:
            if x["key"] == "file":
                files[x["value"]["path"]] = base64.b64decode(x["value"]["content"])
        oid = hashlib.sha1(f"{self.head}{header['summary']}{len(self.commits)}".encode()).hexdigest()
        self.commits[oid], self.parents[oid], self.head = files, self.head, oid
        self.messages.append(header["summary"])
        return 200, {"commitUrl": f"{self.url}/{self.repo}/commit/{oid}", "commitOid": oid}, {}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        hub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with hub.lock:
                    status, data, headers = hub.route(self.command, urlsplit(self.path).path, body)
                raw = data if isinstance(data, bytes) else json.dumps(data).encode()
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Type", "application/octet-stream" if isinstance(data, bytes)
                                 else "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(raw)

            do_GET = do_POST = do_HEAD = _serve

        return Handler
