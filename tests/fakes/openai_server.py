"""A real loopback OpenAI-compatible chat server for tests, with latency and fault injection.

Usage::

    from fakes.openai_server import Faults, serve_openai

    with serve_openai(latency=0.01, faults=Faults(rate_429=0.2, seed=1)) as server:
        base_url = server.base_url          # "http://127.0.0.1:PORT/v1", for `providers.*.base_url`
        ...
        server.stats.requests               # every request seen (faulty ones included)
        server.stats.by_status              # Counter: {200: n, 429: n, 500: n}
        server.stats.peak_in_flight, server.stats.bodies, server.stats.auth_headers, server.stats.connections

Routes: `POST /v1/chat/completions` (OpenAI; also what an `hf` provider pointed at a TGI endpoint
sends), `POST /v1/embeddings` (a bag-of-letters vector per input, so similar texts are close),
`POST /generate` and `GET /info` (TGI-style), `GET /v1/models`.
`answer(messages, body)` decides the reply: a str (the answer's text) or a `Reply` (any status,
JSON body and headers, e.g. a 400 that echoes a key); the default sums "What is A plus B?" and
otherwise echoes the last message. `chunked=True` sends bodies with `Transfer-Encoding: chunked`
instead of a Content-Length. Faults are drawn per request from a seeded RNG, so a test with the
same seed sees the same sequence of faults for the same request order. A hostile server:
`Faults(trickle="headers"|"body", trickle_s=…)` sends the response one byte every `trickle_s`
seconds, `Faults(answer_bytes=N)` answers with N bytes of text, written in 64 KiB slices
(`stats.bytes_sent` counts what the client accepted before it hung up).
"""

from __future__ import annotations

import contextlib
import json
import random
import re
import select
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Faults:
    rate_429: float = 0.0
    retry_after: str | None = "0.05"   # the Retry-After header sent with a 429 (None: no header)
    rate_500: float = 0.0
    rate_malformed: float = 0.0        # 200 with a body that is not JSON
    rate_hang: float = 0.0             # sleep `hang_s` before answering (past the client's timeout)
    hang_s: float = 2.0
    seed: int = 0
    trickle: str | None = None         # "headers" or "body": that part of every answer, a byte at a time
    trickle_s: float = 0.1
    answer_bytes: int = 0              # answer with a text this long instead


@dataclass(frozen=True)
class Reply:
    """What `answer` may return instead of a text: any status, JSON body and headers."""

    status: int
    body: dict | list | bytes          # bytes are sent as they are (e.g. JSON with \u escapes)
    headers: dict = field(default_factory=dict)


@dataclass
class Stats:
    requests: int = 0
    in_flight: int = 0
    peak_in_flight: int = 0
    by_status: Counter = field(default_factory=Counter)
    faults: Counter = field(default_factory=Counter)
    bodies: list = field(default_factory=list)
    auth_headers: list = field(default_factory=list)
    paths: Counter = field(default_factory=Counter)
    bytes_sent: int = 0
    connections: set = field(default_factory=set)   # client (host, port) pairs: one per TCP connection
    prompts: Counter = field(default_factory=Counter)  # requests per rendered prompt (the last message)


@dataclass
class Server:
    url: str
    stats: Stats

    @property
    def base_url(self) -> str:
        return self.url + "/v1"


def default_answer(messages: list, body: dict) -> str:
    text = str(messages[-1].get("content", "")) if messages else str(body.get("inputs", ""))
    m = re.search(r"What is (\d+) plus (\d+)\?", text)
    return str(int(m.group(1)) + int(m.group(2))) if m else f"echo: {text}"


def letter_vector(text: str) -> list[float]:
    """A deterministic embedding: the count of each letter a-z (and of anything else), normalised."""
    counts = [0.0] * 27
    for ch in text.lower():
        counts[ord(ch) - 97 if "a" <= ch <= "z" else 26] += 1
    norm = sum(c * c for c in counts) ** 0.5 or 1.0
    return [c / norm for c in counts]


def _handler(latency: float, faults: Faults, answer: Callable, stats: Stats, lock: threading.Lock,
             rng: random.Random, chunked: bool):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            if faults.answer_bytes:
                return self._send_huge(faults.answer_bytes)
            if self.path.startswith("/info"):
                self._send(200, {"model_id": "fake/tgi", "max_input_tokens": 4096})
            else:
                self._send(200, {"object": "list", "data": [{"id": "fake", "object": "model"}]})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0) or 0)
            raw = self.rfile.read(length)
            if len(raw) < length:  # the client died mid-request (a kill -9 test): no request arrived
                self.close_connection = True
                return
            with lock:
                stats.requests += 1
                stats.in_flight += 1
                stats.peak_in_flight = max(stats.peak_in_flight, stats.in_flight)
                stats.paths[self.path] += 1
                stats.connections.add(self.client_address)
                stats.auth_headers.append(self.headers.get("Authorization"))
                draw = rng.random()
            try:
                self._serve(raw, draw)
            finally:
                with lock:
                    stats.in_flight -= 1

        def _client_waits(self, seconds: float) -> bool:
            """Sleep `seconds`, unless the client hangs up first (False): a request it gave up on is not
            in flight any more, so `peak_in_flight` counts only what the client waits on at once."""
            end = time.monotonic() + seconds
            while (left := end - time.monotonic()) > 0:
                readable, _, _ = select.select([self.connection], [], [], min(left, 0.02))
                if readable:  # no client sends a second request before this answer: EOF or a reset
                    try:
                        if self.connection.recv(1, socket.MSG_PEEK) == b"":
                            return False
                    except OSError:
                        return False
                    time.sleep(min(left, 0.02))
            return True

        def _serve(self, raw: bytes, draw: float) -> None:
            if self.path.startswith("/v1/embeddings"):
                request = json.loads(raw or b"{}")
                with lock:
                    stats.bodies.append(request)
                inputs = request.get("input") or []
                inputs = [inputs] if isinstance(inputs, str) else inputs
                return self._send(200, {"object": "list", "data": [
                    {"object": "embedding", "index": i, "embedding": letter_vector(t)} for i, t in enumerate(inputs)]})
            if not self.path.startswith(("/v1/chat/completions", "/generate")):
                return self._send(404, {"error": {"message": f"no route {self.path}"}})
            edges = [("429", faults.rate_429), ("500", faults.rate_500), ("malformed", faults.rate_malformed),
                     ("hang", faults.rate_hang)]
            fault, acc = None, 0.0
            for name, rate in edges:
                acc += rate
                if draw < acc:
                    fault = name
                    break
            if fault:
                with lock:
                    stats.faults[fault] += 1
            if fault == "429":
                return self._send(429, {"error": {"message": "rate limited"}},
                                  {"Retry-After": faults.retry_after} if faults.retry_after else None)
            if fault == "500":
                return self._send(500, {"error": {"message": "internal error"}})
            body = json.loads(raw or b"{}")
            with lock:
                stats.bodies.append(body)
                stats.prompts[str((body.get("messages") or [{}])[-1].get("content", body.get("inputs")))] += 1
            if not self._client_waits(faults.hang_s if fault == "hang" else latency):
                self.close_connection = True  # it gave up (its timeout): no one to answer, nothing in flight
                return
            if fault == "malformed":
                return self._send(200, b'{"choices": [ {"message": ')
            if self.path.startswith("/generate"):
                text = answer([{"role": "user", "content": body.get("inputs", "")}], body)
                return self._send(200, {"generated_text": text})
            messages = body.get("messages") or []
            if faults.answer_bytes:
                return self._send_huge(faults.answer_bytes)
            text = answer(messages, body)
            if isinstance(text, Reply):
                return self._send(text.status, text.body, text.headers)
            prompt_tokens = sum(len(str(m.get("content", "")).split()) for m in messages)
            choice = {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": text}}
            if body.get("logprobs"):
                choice["logprobs"] = {"content": [{"token": t, "logprob": -0.1 * (i + 1), "top_logprobs": []}
                                                  for i, t in enumerate(text.split())]}
            self._send(200, {"id": "cmpl-fake", "object": "chat.completion", "created": int(time.time()),
                             "model": body.get("model") or "fake", "choices": [choice],
                             "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": len(text.split()),
                                       "total_tokens": prompt_tokens + len(text.split())}})

        def _send(self, code: int, obj, headers: dict | None = None) -> None:
            data = obj if isinstance(obj, bytes) else json.dumps(obj).encode()
            try:
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                if chunked:  # Transfer-Encoding: chunked, in two chunks (some servers never send a length)
                    self.send_header("Transfer-Encoding", "chunked")
                    half = len(data) // 2
                    data = b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in (data[:half], data[half:]) if c)
                    data += b"0\r\n\r\n"
                else:
                    self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                if faults.trickle == "headers":
                    self.send_header("X-Padding", "p" * 400)  # enough bytes to outlast any test's deadline
                    self._trickle(b"".join(self._headers_buffer) + b"\r\n")
                    self._headers_buffer = []
                else:
                    self.end_headers()
                if faults.trickle:
                    self._trickle(data)
                else:
                    self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test): nothing to answer

        def _trickle(self, data: bytes) -> None:
            for i in range(len(data)):
                self.wfile.write(data[i:i + 1])
                self.wfile.flush()
                time.sleep(faults.trickle_s)

        def _send_huge(self, n: int) -> None:
            """A chat completion whose text is `n` bytes, sent in slices; counts what the client took."""
            head = b'{"choices": [{"index": 0, "message": {"role": "assistant", "content": "'
            tail = b'"}}]}'
            frame = (lambda c: b"%x\r\n%s\r\n" % (len(c), c)) if chunked else (lambda c: c)
            try:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                if chunked:  # no length announced: the client finds out only by reading
                    self.send_header("Transfer-Encoding", "chunked")
                else:
                    self.send_header("Content-Length", str(len(head) + n + len(tail)))
                self.end_headers()
                self.wfile.write(frame(head))
                piece, left = b"x" * 65536, n
                while left > 0:
                    self.wfile.write(frame(piece[:left]))
                    with lock:
                        stats.bytes_sent += min(left, len(piece))
                    left -= len(piece)
                self.wfile.write(frame(tail) + (b"0\r\n\r\n" if chunked else b""))
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


@contextlib.contextmanager
def serve_openai(latency: float = 0.0, faults: Faults | None = None,
                 answer: Callable[[list, dict], str] | None = None, chunked: bool = False) -> Iterator[Server]:
    """Serve on a free loopback port for the duration of the `with` block (`chunked`: no Content-Length)."""
    faults = faults or Faults()
    stats, lock = Stats(), threading.Lock()
    handler = _handler(latency, faults, answer or default_answer, stats, lock, random.Random(faults.seed), chunked)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{httpd.server_address[1]}", stats)
    finally:
        httpd.shutdown()
        httpd.server_close()


if __name__ == "__main__":  # a standalone server for act tests: prints its URL, serves until killed
    import sys

    port_file = sys.argv[1] if len(sys.argv) > 1 else None
    with serve_openai() as srv:
        print(srv.url, flush=True)
        if port_file:
            with open(port_file, "w") as fh:
                fh.write(srv.url)
        while True:
            time.sleep(3600)
