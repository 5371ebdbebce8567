"""A minimal HTTP/1.1 client connection: one request at a time, keep-alive, CL or chunked bodies.

Why not http.client: it parses every response's headers through the `email` package, which is
~40 % of a request's CPU on a fast endpoint (profiled: 0.64 of 1.6 ms). Model APIs answer with a
status line, a few headers and a JSON body; this reads exactly that (RFC 9112 §6: Content-Length,
chunked transfer coding, or read-until-close) and nothing else.
"""

from __future__ import annotations

import socket

MAX_LINE = 65536
MAX_HEADERS = 200


class ProtocolError(OSError):
    pass


class Headers(dict):
    """Lower-cased header names; `get` is case-insensitive like http.client's."""

    def get(self, name: str, default=None):  # type: ignore[override]
        return super().get(name.lower(), default)


class Http1Connection:
    """Plain HTTP only: TLS endpoints go through requests (lmgate.eval.http.transport_for)."""

    def __init__(self, host: str, port: int | None, *, timeout: float) -> None:
        self.host, self.port = host, port or 80
        self.sock = socket.create_connection((host, self.port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.rfile = self.sock.makefile("rb")
        self.host_header = host if self.port == 80 else f"{host}:{self.port}"

    def request(self, method: str, target: str, headers: dict[str, str], body: bytes,
                after_send=None) -> tuple[int, Headers, bytes, bool]:
        lines = [f"{method} {target} HTTP/1.1", f"Host: {self.host_header}", f"Content-Length: {len(body)}",
                 *(f"{k}: {v}" for k, v in headers.items() if k.lower() not in ("host", "content-length"))]
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        if after_send is not None:
            after_send(self.sock)
        while True:
            version, status, resp_headers = self._head()
            if not 100 <= status < 200:
                break
        close = resp_headers.get("connection", "").lower() == "close" or (
            version == "HTTP/1.0" and resp_headers.get("connection", "").lower() != "keep-alive")
        if method == "HEAD" or status in (204, 304):
            return status, resp_headers, b"", close
        if "chunked" in resp_headers.get("transfer-encoding", "").lower():
            return status, resp_headers, self._chunked(), close
        length = resp_headers.get("content-length")
        if length is None:
            return status, resp_headers, self.rfile.read(), True
        data = self.rfile.read(int(length))
        if len(data) != int(length):
            raise ProtocolError("connection closed before the whole body arrived")
        return status, resp_headers, data, close

    def _head(self) -> tuple[str, int, Headers]:
        line = self.rfile.readline(MAX_LINE + 1)
        if not line:
            raise ProtocolError("the server closed the connection")
        parts = line.decode("latin-1").split(None, 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
            raise ProtocolError(f"not an HTTP response: {line[:60]!r}")
        headers = Headers()
        for _ in range(MAX_HEADERS):
            raw = self.rfile.readline(MAX_LINE + 1)
            if raw in (b"\r\n", b"\n", b""):
                return parts[0], int(parts[1]), headers
            name, _, value = raw.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        raise ProtocolError("too many response headers")

    def _chunked(self) -> bytes:
        out = []
        while True:
            size_line = self.rfile.readline(MAX_LINE + 1).split(b";", 1)[0].strip()
            try:
                size = int(size_line, 16)
            except ValueError:
                raise ProtocolError(f"bad chunk size {size_line[:20]!r}") from None
            if size == 0:
                while self.rfile.readline(MAX_LINE + 1) not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return b"".join(out)
            chunk = self.rfile.read(size + 2)
            if len(chunk) != size + 2:
                raise ProtocolError("connection closed inside a chunk")
            out.append(chunk[:size])

    def settimeout(self, timeout: float) -> None:
        self.sock.settimeout(timeout)

    def close(self) -> None:
        try:
            self.rfile.close()
        finally:
            self.sock.close()
