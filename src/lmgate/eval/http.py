"""HTTP for the model providers: a lean keep-alive pool, or a pooled requests.Session.

A run makes thousands of small POSTs to one host, so the client's own CPU per request bounds the
throughput on a fast endpoint. Measured on the loopback mock with 16 threads, `requests` costs
~1.7 ms a request and `http.client` on pooled keep-alive connections ~0.6 ms, and a third of the
latter is http.client's header parsing; so the default is `HttpPool` over the minimal HTTP/1.1
connection of lmgate.eval.http1. A caller's `requests.Session` (tests, custom auth/TLS) or a
proxy from the environment, or an https:// endpoint (a hosted API, where TLS and proxies matter more
than a millisecond) selects `SessionTransport` (requests) instead.

`HttpPool` reads responses with TCP_QUICKACK: many small servers (Python's http.server, some proxies)
write headers and body in two segments without TCP_NODELAY, and Nagle's algorithm then holds the
body until our delayed ACK (~40 ms on Linux), more than the model call itself on a fast endpoint.
"""

from __future__ import annotations

import contextlib
import queue
import socket
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from lmgate.eval.http1 import Http1Connection, ProtocolError

_QUICKACK = getattr(socket, "TCP_QUICKACK", None)  # Linux only; elsewhere a no-op


class TransportTimeout(Exception):
    pass


class TransportError(Exception):
    pass


@dataclass(frozen=True)
class Response:
    status: int
    headers: Any   # case-insensitive .get()
    body: bytes


def quickack(sock: Any) -> None:
    if sock is not None and _QUICKACK is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, _QUICKACK, 1)


class HttpPool:
    """Keep-alive plain-HTTP connections to one origin, at most `size` open; safe to share between threads."""

    def __init__(self, base_url: str, size: int) -> None:
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname or "localhost", parts.port
        self.prefix = parts.path.rstrip("/")
        self._idle: queue.LifoQueue = queue.LifoQueue()
        self.size = size

    def post(self, path: str, body: bytes, headers: dict[str, str], timeout: float) -> Response:
        for attempt in (0, 1):
            conn, reused = self._take(timeout)
            try:
                status, resp_headers, data, will_close = conn.request("POST", self.prefix + path, headers, body,
                                                                      after_send=quickack)
            except TimeoutError:
                conn.close()
                raise TransportTimeout(f"timed out after {timeout:g} s") from None
            except (OSError, ValueError) as exc:
                conn.close()
                if reused and attempt == 0:
                    continue  # the server closed an idle keep-alive connection: retry once on a fresh one
                raise TransportError(str(exc) if isinstance(exc, ProtocolError) else type(exc).__name__) from None
            if will_close:
                conn.close()
            else:
                self._idle.put(conn)
            return Response(status, resp_headers, data)
        raise TransportError("connection closed")  # unreachable: the second attempt returns or raises

    def _take(self, timeout: float) -> tuple[Http1Connection, bool]:
        try:
            conn = self._idle.get_nowait()
            conn.settimeout(timeout)
            return conn, True
        except queue.Empty:
            pass
        try:
            return Http1Connection(self.host, self.port, timeout=timeout), False
        except TimeoutError:
            raise TransportTimeout(f"connect timed out after {timeout:g} s") from None
        except OSError as exc:
            raise TransportError(f"cannot connect: {exc.strerror or type(exc).__name__}") from None

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


class SessionTransport:
    """The same `post` over a requests.Session (proxies, custom adapters, a test's session)."""

    def __init__(self, base_url: str, session: Any) -> None:
        self.prefix, self.session = base_url.rstrip("/"), session

    def post(self, path: str, body: bytes, headers: dict[str, str], timeout: float) -> Response:
        import requests

        try:
            resp = self.session.post(self.prefix + path, data=body, headers=headers, timeout=timeout)
        except requests.Timeout:
            raise TransportTimeout(f"timed out after {timeout:g} s") from None
        except requests.ConnectionError as exc:
            raise TransportError(type(exc).__name__) from None
        return Response(resp.status_code, resp.headers, resp.content)

    def close(self) -> None:
        self.session.close()


def transport_for(base_url: str, size: int, session: Any = None) -> HttpPool | SessionTransport:
    if session is None:
        from urllib.request import getproxies, proxy_bypass

        parts = urlsplit(base_url)
        direct = not any(k in getproxies() for k in ("http", "https", "all")) or proxy_bypass(parts.hostname or "")
        # Plain HTTP is a local or in-cluster server (vLLM, TGI, llama.cpp), where the client's CPU per
        # request is the bottleneck. HTTPS goes to hosted APIs, where latency dominates and urllib3's TLS,
        # certificate bundle and proxy handling are worth more than a millisecond.
        if direct and parts.scheme == "http":
            return HttpPool(base_url, size)
        session = make_session(size)
    return SessionTransport(base_url, session)


def make_session(pool: int):
    """A requests.Session whose pool holds `pool` connections (requests import stays lazy)."""
    import requests
    from requests.adapters import HTTPAdapter

    session = requests.Session()
    adapter = HTTPAdapter(pool_connections=4, pool_maxsize=max(pool, 10), max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
