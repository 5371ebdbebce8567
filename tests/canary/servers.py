"""Loopback HTTP servers that speak what the canary plugins talk to: a split endpoint (etag +
idempotency key), a counts endpoint, and Prometheus's documented `/api/v1/query` API."""

from __future__ import annotations

import hashlib
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


class Loopback:
    def __init__(self) -> None:
        self.requests: list[tuple[str, str, dict, Any]] = []
        self.lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _do(self) -> None:
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length)) if length else None
                with owner.lock:
                    owner.requests.append((self.command, url.path, dict(self.headers), body))
                    status, data, headers = owner.handle(self.command, url.path, query, dict(self.headers), body)
                raw = data if isinstance(data, bytes) else json.dumps(data).encode()
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            do_GET = do_POST = _do

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def handle(self, method, path, query, headers, body):  # pragma: no cover - overridden
        raise NotImplementedError

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class SplitEndpoint(Loopback):
    def __init__(self) -> None:
        self.split = {"weight": 0, "stable": "v1", "canary": None, "marker": None}
        self.applied: dict[str, dict] = {}  # idempotency key -> the write it applied
        self.fail_posts = 0  # answer this many POSTs with 503 before applying anything
        super().__init__()

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(json.dumps(self.split, sort_keys=True).encode()).hexdigest()[:12] + '"'

    def handle(self, method, path, query, headers, body):
        if method == "GET":
            return 200, self.split, {"ETag": self.etag}
        if self.fail_posts:
            self.fail_posts -= 1
            return 503, {"message": "maintenance"}, {}
        key = headers.get("Idempotency-Key")
        if key in self.applied:  # a retry of a write that already landed
            return 200, self.split, {"ETag": self.etag}
        if headers.get("If-Match") != self.etag:
            return 412, {"message": "etag mismatch"}, {}
        self.split = {"weight": body["weight"], "stable": body["stable"], "canary": body["candidate"],
                      "marker": body["marker"]}
        self.applied[key] = body
        return 200, self.split, {"ETag": self.etag}


class CountsEndpoint(Loopback):
    def __init__(self) -> None:
        self.answers: list[tuple[int, Any]] = []
        super().__init__()

    def handle(self, method, path, query, headers, body):
        status, data = self.answers.pop(0)
        return status, data, {}


class FakePrometheus(Loopback):
    """Counters as step functions of time; `increase(x[w])` at t is x(t) − x(t − w), like a real
    server without extrapolation. `down` answers 503 with Prometheus's error body."""

    QUERY = re.compile(r"sum by \((\w+)\) \(increase\((.+)\[(\d+)s\]\)\)")

    def __init__(self) -> None:
        self.series: dict[tuple[str, str], list[tuple[float, float]]] = {}
        self.down = False
        super().__init__()

    def add(self, selector: str, version: str, t: float, value: float) -> None:
        self.series.setdefault((selector, version), []).append((t, value))

    def value(self, key, t: float) -> float:
        return max([v for ts, v in self.series[key] if ts <= t], default=0.0)

    def handle(self, method, path, query, headers, body):
        if self.down:
            return 503, {"status": "error", "errorType": "unavailable", "error": "TSDB not ready"}, {}
        if path != "/api/v1/query":
            return 404, {"status": "error", "error": "not found"}, {}
        m = self.QUERY.fullmatch(query.get("query", ""))
        if not m:
            return 400, {"status": "error", "errorType": "bad_data", "error": "parse error"}, {}
        label, selector, window = m.group(1), m.group(2), int(m.group(3))
        t = float(query["time"])
        result = [{"metric": {label: version}, "value": [t, str(self.value(k, t) - self.value(k, t - window))]}
                  for k in self.series if k[0] == selector for version in [k[1]]]
        return 200, {"status": "success", "data": {"resultType": "vector", "result": result}}, {}
