"""Every network call lmgate makes: one pooled requests.Session with a deadline, a size cap,
redaction at the source and an explicit retry policy.

Model providers (openai, hf, and the judge through its provider), the hosted `nli` detector, the
GitHub client, canary metric sources and the webhook traffic backend all send through `HttpClient`.

**Deadline.** `timeout` bounds the whole call: connect, send, response headers and body. urllib3
only bounds each socket read, so a server trickling one byte a second would hold a 2 s timeout for
as long as it likes; here one watchdog thread shuts down the socket of any call past its deadline
(the blocked read returns at once) and the call fails with "timed out after 2 s".

**Size cap.** The body is read in chunks and abandoned, with its connection, once it passes
`max_body` bytes (at once when Content-Length already says so): a 50 MB answer is never held.

**Redirects** (safe methods only) are followed by `HttpClient`, not by requests, which read each
redirect's body whole (uncapped) and kept every header but `Authorization` on the way to another
origin: a redirect's body is never read, at most five are followed inside the one deadline, only to
http(s), and another origin receives no header of the caller's but content negotiation.

**Link-local and cloud metadata addresses** (169.254.0.0/16, fe80::/10, the metadata services'
names and addresses) are where a runner's cloud credentials are served. A provider's `base_url`
comes from the pull request and the provider sends its API key there and echoes the answer into
the PR comment, so a client made with `refuse_link_local=True` (the model providers, unless the
config sets `allow_link_local`) checks the address every new connection actually reached, after
DNS: a name that resolves there (the PR author's own DNS record, or one rebound between
validation and the call) is refused like the literal address. `link_local_reason` is the same
test on a URL as written, for `lmgate validate`, which resolves nothing (it runs offline). Behind
a proxy the connection reaches the proxy, whose own policy decides.

**Redaction at the source.** Every response header value and the body text pass through `redact`
as they arrive, before anything parses, escapes or quotes them, so a secret a server echoes (a
provider key in an answer, an error body or a header) reaches no answer, error message or cache.

**Retries never repeat an action.** What may be sent again:
1. A request that never left: the connection could not be made (refused, DNS, connect timeout).
2. A request the server says it did not act on: 429 (RFC 6585 §4), or 503 with `Retry-After`
   (RFC 9110 §15.6.4). The asked wait is honoured up to `Retry.max_wait` (the providers'
   `max_retry_wait`, default 60 s); a longer one fails the call at once, naming both figures.
3. Anything else that failed after the request was sent (a timeout, a reset, a cut body, a 5xx
   answer) may have been acted on: it is sent again only when the request is safe to repeat,
   that is GET/HEAD/OPTIONS (safe methods, RFC 9110 §9.2.1) or a request the caller marks
   `repeatable=True`. A body over the cap is never retried (it would be as large again).

Who marks what, and why:
- Chat completions (`openai`, `hf`) and hosted NLI classification are repeatable: a completion
  changes nothing on the server; a duplicate costs one more answer's tokens, at most `retries`
  times, while not retrying would turn every transient timeout into an errored item.
- GitHub: PATCH of a comment (it sets the same body again) is repeatable; POST (a second comment
  or deployment) and PUT of contents (a compare-and-swap our own first write would then fail) are not.
- The canary webhook backend's POST is not: the next tick reconciles (its Idempotency-Key makes
  that redo apply once). Metric sources do not retry at all: a failed read holds the rollout and
  the next tick reads the same window again.
"""

from __future__ import annotations

import codecs
import contextlib
import dataclasses
import heapq
import ipaddress
import itertools
import json as jsonlib
import os
import random
import re
import socket
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict
from requests.utils import get_environ_proxies, parse_header_links
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import NameResolutionError, NewConnectionError

MiB = 1 << 20
MAX_BODY = 8 * MiB            # default response cap: a chat answer is kilobytes; 8 MiB is 1,000× that
MAX_RETRY_WAIT = 60.0         # default longest Retry-After honoured
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
MAX_REDIRECTS = 5
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
# what a redirect to another origin may carry: content negotiation, never a credential
PORTABLE_HEADERS = frozenset({"accept", "accept-encoding", "accept-language", "user-agent", "x-github-api-version"})
_CHUNK = 64 * 1024
_QUICKACK = getattr(socket, "TCP_QUICKACK", None)  # Linux only


def _same(text: str) -> str:
    return text


class HttpError(Exception):
    """A call that got no usable answer: not connected, timed out, cut off, too large, or told to wait too long."""

    def __init__(self, reason: str, *, status: int | None = None, sent: bool = True, final: bool = False,
                 attempts: int = 1) -> None:
        super().__init__(reason)
        self.reason, self.status, self.attempts = reason, status, attempts
        self.sent = sent      # False: the request never left, so sending it again is always safe
        self.final = final    # True: trying again cannot help (the body would be as large again)

    @property
    def message(self) -> str:
        return self.reason + (f" (after {self.attempts} attempts)" if self.attempts > 1 else "")

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Response:
    status: int
    headers: Mapping[str, str]   # case-insensitive; values redacted
    text: str                    # the body, decoded and redacted
    attempts: int = 1
    elapsed_s: float = 0.0       # of the attempt that answered

    def json(self) -> Any:
        """The body parsed; a ValueError when it is not JSON, as every caller expects (a body nested
        100,000 deep made the parser raise RecursionError, which no caller caught)."""
        try:
            return jsonlib.loads(self.text)
        except RecursionError:
            raise ValueError("the JSON body nests too deeply") from None

    @property
    def links(self) -> dict[str, dict[str, str]]:
        """The Link header by rel (RFC 8288), as requests' `Response.links`."""
        return {link.get("rel") or link.get("url"): link for link in parse_header_links(self.headers.get("link", ""))}


@dataclass(frozen=True)
class Retry:
    """How often and how long to wait; which requests may be repeated is decided by `HttpClient.request`."""

    retries: int = 3
    base_delay: float = 0.25
    max_delay: float = 20.0
    max_wait: float = MAX_RETRY_WAIT
    max_wait_name: str = "max_retry_wait"   # how the error names the limit

    def refused(self, response: Response) -> bool:
        """The server says it did not act on the request and asks us to come back."""
        return response.status == 429 or (response.status == 503 and "retry-after" in response.headers)

    def asked_wait(self, response: Response) -> float | None:
        """Seconds the server asked us to wait, or None."""
        return parse_retry_after(response.headers.get("retry-after"))

    def backoff(self, attempt: int, rng: Callable[[], float]) -> float:
        """Exponential backoff with jitter (AWS Architecture Blog, "Exponential Backoff And Jitter")."""
        return min(self.max_delay, self.base_delay * 2 ** (attempt - 1)) * (0.5 + rng() / 2)


NO_RETRY = Retry(retries=0)


class AdaptiveLimit:
    """Requests in flight, at most `limit`: it halves on a 429 and grows by one per window of
    successes as long as itself, never above the configured ceiling (TCP congestion control's AIMD)."""

    def __init__(self, ceiling: int) -> None:
        self.ceiling = max(1, ceiling)
        self.limit = self.ceiling
        self.in_flight = 0
        self.throttled = 0
        self._streak = 0
        self._cond = threading.Condition()

    def __enter__(self) -> AdaptiveLimit:
        with self._cond:
            while self.in_flight >= self.limit:
                self._cond.wait()
            self.in_flight += 1
        return self

    def __exit__(self, *exc: object) -> None:
        with self._cond:
            self.in_flight -= 1
            self._cond.notify()

    def on_throttle(self) -> None:
        with self._cond:
            self.throttled += 1
            self.limit = max(1, self.limit // 2)
            self._streak = 0

    def on_success(self) -> None:
        if self.limit >= self.ceiling:
            return  # the common case costs no lock
        with self._cond:
            self._streak += 1
            if self._streak >= self.limit:
                self._streak = 0
                self.limit = min(self.ceiling, self.limit + 1)
                self._cond.notify()


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header: delta-seconds or an HTTP date (RFC 9110 §10.2.3)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            return None


# -- link-local and cloud metadata addresses ---------------------------------------------------------

# Names of cloud instance metadata services that resolve to a link-local address inside the cloud
# (GCP: metadata.google.internal, metadata.goog and the bare `metadata`; AWS: instance-data).
METADATA_HOSTS = frozenset({"metadata.google.internal", "metadata.goog", "metadata", "instance-data",
                            "instance-data.ec2.internal"})
# Metadata services outside the link-local ranges: Alibaba Cloud's, and EC2's IPv6 endpoint.
METADATA_ADDRESSES = frozenset({ipaddress.ip_address("100.100.100.200"), ipaddress.ip_address("fd00:ec2::254")})
_NUMERIC_HOST = re.compile(r"[0-9a-fx.]+")


def link_local_reason(url: str) -> str | None:
    """Why `url`'s host, as written, is a link-local or cloud metadata address, or None.

    Names are not resolved (see the module docstring: the connection is checked when made). A host
    in a form the resolver reads as IPv4 (`2852039166`, `0xa9.0xfe.0xa9.0xfe`) counts as that address."""
    try:
        host = (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:
        return None  # not a URL: the provider reports that itself
    if host in METADATA_HOSTS:
        return f"{host} is a cloud metadata service"
    address = _address(host)
    if address is None:
        return None
    return address_reason(address, shown=host)


def address_reason(address: ipaddress.IPv4Address | ipaddress.IPv6Address, shown: str | None = None) -> str | None:
    """Why `address` is refused (link-local or a metadata service), or None; loopback is allowed."""
    shown = shown or str(address)
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address in METADATA_ADDRESSES:
        return f"{shown} is a cloud metadata service address"
    if address.is_link_local:
        return f"{shown} is a link-local address ({'169.254.0.0/16' if address.version == 4 else 'fe80::/10'}), " \
               "where cloud metadata services live"
    return None


def _address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if _NUMERIC_HOST.fullmatch(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))  # what getaddrinfo makes of it
        except OSError:
            return None
    return None


# -- the deadline: a watchdog that shuts down the socket of a call past its deadline ------------------

class _Call:
    __slots__ = ("deadline", "done", "expired", "refuse_link_local", "sock")

    def __init__(self, deadline: float, refuse_link_local: bool = False) -> None:
        self.deadline, self.sock, self.expired, self.done = deadline, None, False, False
        self.refuse_link_local = refuse_link_local


class _Watchdog:
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._heap: list[tuple[float, int, _Call]] = []
        self._order = itertools.count()
        self._thread: threading.Thread | None = None
        self._wake_at = float("inf")   # when the watchdog wakes next, unless notified
        self._local = threading.local()

    def begin(self, timeout: float, refuse_link_local: bool = False) -> _Call:
        call = _Call(time.monotonic() + timeout, refuse_link_local)
        with self._cond:
            while self._heap and self._heap[0][2].done:
                heapq.heappop(self._heap)
            heapq.heappush(self._heap, (call.deadline, next(self._order), call))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="lmgate-http-deadline", daemon=True)
                self._thread.start()
            elif call.deadline < self._wake_at:  # else the watchdog wakes in time anyway: no context switch
                self._cond.notify()
        self._local.call = call
        return call

    def end(self, call: _Call) -> None:
        # under the lock: once this returns the watchdog never touches the socket, which goes back
        # to the pool for another call
        with self._cond:
            call.done = True
        self._local.call = None

    def attach(self, sock: socket.socket) -> None:
        """Called by the connection (in the calling thread) with the socket the current call uses."""
        call = getattr(self._local, "call", None)
        if call is None:
            return
        if call.refuse_link_local:
            _refuse_link_local_peer(sock)
        with self._cond:
            call.sock = sock
            if call.expired:
                _shutdown(sock)

    def _run(self) -> None:
        with self._cond:
            while True:
                while self._heap and self._heap[0][2].done:
                    heapq.heappop(self._heap)
                if not self._heap:
                    self._wake_at = float("inf")
                    self._cond.wait()
                    continue
                self._wake_at = self._heap[0][0]
                wait = self._wake_at - time.monotonic()
                if wait > 0:
                    self._cond.wait(wait)
                    continue
                call = heapq.heappop(self._heap)[2]
                call.expired = True
                if call.sock is not None:
                    _shutdown(call.sock)


def _refuse_link_local_peer(sock: socket.socket) -> None:
    """Close a new connection that reached a link-local or metadata address, whatever name led there."""
    try:
        peer = ipaddress.ip_address(str(sock.getpeername()[0]).split("%")[0])
    except (OSError, ValueError, IndexError):
        return  # not an IP socket
    reason = address_reason(peer)
    if reason is not None:
        _shutdown(sock)
        sock.close()
        raise HttpError(f"refused to connect: {reason}", sent=False, final=True)


def _shutdown(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)  # a blocked recv returns at once; the pool drops the connection


_WATCHDOG = _Watchdog()


class _Watched:
    """urllib3 connection mix-in: tells the watchdog which socket the current call is using, and
    acknowledges the response's segments at once.

    Many small servers (Python's http.server, some proxies) write headers and body in two segments
    without TCP_NODELAY; Nagle's algorithm then holds the body until our delayed ACK, ~40 ms on
    Linux, longer than the whole model call on a fast endpoint. TCP_QUICKACK (Linux; reset by the
    kernel, so set before each response) sends that ACK at once.
    """

    def _new_conn(self):
        sock = super()._new_conn()  # type: ignore[misc]
        _WATCHDOG.attach(sock)
        return sock

    def request(self, *args: Any, **kwargs: Any) -> None:
        if self.sock is not None:  # type: ignore[attr-defined]  # a pooled keep-alive connection
            _WATCHDOG.attach(self.sock)  # type: ignore[attr-defined]
        super().request(*args, **kwargs)  # type: ignore[misc]

    def getresponse(self, *args: Any, **kwargs: Any) -> Any:
        if _QUICKACK is not None and self.sock is not None:  # type: ignore[attr-defined]
            with contextlib.suppress(OSError):
                self.sock.setsockopt(socket.IPPROTO_TCP, _QUICKACK, 1)  # type: ignore[attr-defined]
        return super().getresponse(*args, **kwargs)  # type: ignore[misc]


class _WatchedHTTP(_Watched, HTTPConnection):
    pass


class _WatchedHTTPS(_Watched, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTP


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPS


_POOLS = {"http": _HTTPPool, "https": _HTTPSPool}


class _Adapter(HTTPAdapter):
    """requests' adapter with watched connections and no retries of its own (`HttpClient` decides)."""

    def __init__(self, pool: int) -> None:
        self.size = max(pool, 10)
        super().__init__(pool_connections=4, pool_maxsize=self.size, max_retries=0)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _POOLS

    def proxy_manager_for(self, proxy: str, **kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **kwargs)
        if not proxy.lower().startswith("socks"):  # SOCKS managers bring their own pool classes
            manager.pool_classes_by_scheme = _POOLS
        return manager


def new_session(pool: int = 10) -> requests.Session:
    """A requests.Session keeping up to `pool` connections per host alive, sending through lmgate's adapter.

    It reads the environment once, here and per origin in `HttpClient` (proxies, no_proxy, the CA
    bundle), where requests would on every request (that and ~/.netrc, which lmgate does not use:
    endpoints authenticate with the configured key), the largest part of its cost per call.
    """
    session = requests.Session()
    session.trust_env = False
    session.verify = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
    _mount(session, pool)
    return session


def _mount(session: requests.Session, pool: int) -> None:
    current = session.get_adapter("http://")
    if isinstance(current, _Adapter) and current.size >= pool:
        return
    adapter = _Adapter(pool)
    session.mount("http://", adapter)
    session.mount("https://", adapter)


# -- the client --------------------------------------------------------------------------------------

class HttpClient:
    """Sends requests with a deadline, a body cap, redaction and the retry policy above; thread-safe.

    `session` is a requests.Session to send through (lmgate mounts its adapter on it) or another
    HttpClient whose session to share; by default the client makes one holding `pool` connections
    per host, and closes it in `close()`.
    """

    def __init__(self, session: Any = None, *, pool: int = 10, redact: Callable[[str], str] = _same,
                 max_body: int = MAX_BODY, retry: Retry = NO_RETRY, sleep: Callable[[float], None] = time.sleep,
                 rng: Callable[[], float] = random.random, refuse_link_local: bool = False) -> None:
        if isinstance(session, HttpClient):
            session = session.session
        self.owns_session = session is None
        self.session = new_session(pool) if session is None else session
        if not self.owns_session:
            _mount(self.session, pool)
        self.redact, self.max_body, self.retry, self.sleep, self.rng = redact, max_body, retry, sleep, rng
        self.refuse_link_local = refuse_link_local  # see the module docstring
        self._proxies: dict[tuple[str, str], dict[str, str]] = {}

    def request(self, method: str, url: str, *, timeout: float, headers: Mapping[str, str] | None = None,
                params: Any = None, json: Any = None, data: bytes | str | None = None, repeatable: bool = False,
                retry: Retry | None = None, limit: AdaptiveLimit | None = None) -> Response:
        """The final response, whatever its status, or HttpError when none could be had.

        A response the policy lets us retry is retried; after the last retry it is returned as it is
        (`attempts` tells how many were made), so the caller maps the status to its own error.
        """
        retry = retry or self.retry
        repeatable = repeatable or method.upper() in SAFE_METHODS
        attempt = 0
        while True:
            attempt += 1
            try:
                with limit if limit is not None else contextlib.nullcontext():
                    response = self._once(method, url, timeout, headers, params, json, data)
            except HttpError as exc:
                exc.attempts = attempt
                if exc.final or (exc.sent and not repeatable) or attempt > retry.retries:
                    raise
                self.sleep(retry.backoff(attempt, self.rng))
                continue
            response = dataclasses.replace(response, attempts=attempt)
            if response.status < 400:
                if limit is not None:
                    limit.on_success()
                return response
            refused = retry.refused(response)
            if refused and response.status == 429 and limit is not None:
                limit.on_throttle()
            if not (refused or (response.status >= 500 and repeatable)) or attempt > retry.retries:
                return response
            asked = retry.asked_wait(response)
            if asked is not None and asked > retry.max_wait:
                raise HttpError(f"server asked to retry after {asked:g} s, more than {retry.max_wait_name} "
                                f"{retry.max_wait:g} s", status=response.status, attempts=attempt)
            self.sleep(asked if asked else retry.backoff(attempt, self.rng))

    def _once(self, method: str, url: str, timeout: float, headers: Any, params: Any, json: Any,
              data: Any) -> Response:
        call = _WATCHDOG.begin(timeout, self.refuse_link_local)
        start = time.perf_counter()
        resp = None
        try:
            try:
                resp = self._send(requests.Request(method, url, headers=headers, params=params, json=json,
                                                   data=data), timeout)
                resp = self._follow(resp, method, headers, timeout)
                body = self._read(resp)
            except HttpError:
                raise
            except requests.ConnectTimeout:
                raise HttpError(f"connect timed out after {timeout:g} s", sent=False) from None
            except (requests.RequestException, OSError) as exc:
                if call.expired or isinstance(exc, requests.Timeout):
                    raise HttpError(f"timed out after {timeout:g} s") from None
                if isinstance(exc, requests.exceptions.SSLError):  # nothing sent, and a retry fails alike
                    raise HttpError(f"TLS failed ({type(_chain(exc)[-1]).__name__})", sent=False,
                                    final=True) from None
                raise _failure(exc) from None
        finally:
            _WATCHDOG.end(call)
            if resp is not None:
                resp.close()  # returns a fully read connection to the pool, drops any other
        headers_out = CaseInsensitiveDict({k: self.redact(v) for k, v in resp.headers.items()})
        text = self.redact(_decode(body, resp.headers.get("content-type", "")))
        return Response(resp.status_code, headers_out, text, 1, time.perf_counter() - start)

    def _follow(self, resp: requests.Response, method: str, headers: Any, timeout: float) -> requests.Response:
        """The response at the end of a safe request's redirects, followed here rather than by requests.

        requests reads each redirect's whole body into memory (no cap: a `302` with a 10 GB body was
        read to the end) and, going to another origin, strips only `Authorization` (an `X-Api-Key`
        or `api-key` header went along). Here a redirect's body is never read (its connection is
        dropped), at most MAX_REDIRECTS are followed within the one deadline, only to http(s), and
        another origin gets none of the caller's headers but the PORTABLE_HEADERS. A redirected
        POST is never followed: it would be sent again elsewhere."""
        hops = 0
        while (method.upper() in SAFE_METHODS and resp.status_code in _REDIRECTS
               and resp.headers.get("location")):
            target = urljoin(resp.url, resp.headers["location"])
            resp.close()
            scheme = urlsplit(target).scheme.lower()
            if scheme not in ("http", "https"):
                raise HttpError(f"redirected to a {scheme or 'schemeless'} URL; only http(s) is followed",
                                final=True)
            if hops == MAX_REDIRECTS:
                raise HttpError(f"more than {MAX_REDIRECTS} redirects", final=True)
            hops += 1
            if headers and _origin(target) != _origin(resp.url):
                headers = {k: v for k, v in dict(headers).items() if k.lower() in PORTABLE_HEADERS}
            resp = self._send(requests.Request(method, target, headers=headers), timeout)
        return resp

    def _send(self, request: requests.Request, timeout: float) -> requests.Response:
        """One request, no redirect followed, its body not yet read.

        Straight to the adapter, as `Session.request` would send it (the session's headers, proxies,
        CA bundle): `Session.send` looks for the next redirect even with `allow_redirects=False`,
        and to find it reads the redirect's whole body."""
        prepared = self.session.prepare_request(request)
        settings = self.session.merge_environment_settings(prepared.url, self._proxies_for(prepared.url) or {},
                                                           True, None, None)
        return self.session.get_adapter(prepared.url).send(prepared, timeout=(timeout, timeout), **settings)

    def _proxies_for(self, url: str) -> dict[str, str] | None:
        if self.session.trust_env:
            return None  # a caller's session: requests reads the environment itself
        parts = urlsplit(url)
        key = (parts.scheme, parts.netloc)
        if key not in self._proxies:
            self._proxies[key] = get_environ_proxies(f"{parts.scheme}://{parts.netloc}/")
        return self._proxies[key]

    def _read(self, resp: requests.Response) -> bytes:
        declared = resp.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body:
            raise HttpError(f"response body of {_size(int(declared))} is over the {_size(self.max_body)} limit",
                            final=True)
        out, size = [], 0
        for chunk in resp.iter_content(_CHUNK):
            size += len(chunk)
            if size > self.max_body:
                raise HttpError(f"response body over the {_size(self.max_body)} limit", final=True)
            out.append(chunk)
        return b"".join(out)

    def close(self) -> None:
        if self.owns_session:
            self.session.close()


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or ""), parts.port or {"http": 80, "https": 443}.get(scheme)


def _failure(exc: BaseException) -> HttpError:
    """A requests/urllib3 failure as an HttpError that knows whether the request left."""
    chain = _chain(exc)
    if isinstance(exc, requests.exceptions.ProxyError):
        return HttpError("cannot connect through the proxy", sent=False)
    if any(isinstance(c, NameResolutionError) for c in chain):
        return HttpError("cannot resolve the host name", sent=False)
    if any(isinstance(c, NewConnectionError) for c in chain):
        why = next((c.strerror for c in chain if isinstance(c, OSError) and c.strerror), None)
        return HttpError(f"cannot connect: {why or 'connection failed'}", sent=False)
    return HttpError(f"connection lost ({type(chain[-1]).__name__})")


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception and its causes: requests wraps urllib3's errors, which keep theirs in `reason`."""
    seen: list[BaseException] = []
    cause: BaseException | None = exc
    while cause is not None and cause not in seen:
        seen.append(cause)
        reason = getattr(cause, "reason", None)
        cause = reason if isinstance(reason, BaseException) else (cause.__cause__ or cause.__context__)
    return seen


_CHARSET = re.compile(r"charset=\"?([A-Za-z0-9._-]+)", re.I)


def _decode(body: bytes, content_type: str) -> str:
    """The body as text in its declared charset, else UTF-8. The server names the codec: `charset=rot13`
    or `base64` (not text encodings: LookupError) or `undefined` (UnicodeError) was a traceback."""
    try:
        return body.decode(_charset(content_type), "replace")
    except (LookupError, UnicodeError):
        return body.decode("utf-8", "replace")


def _charset(content_type: str) -> str:
    m = _CHARSET.search(content_type)
    if m:
        try:
            return codecs.lookup(m.group(1)).name
        except LookupError:
            pass
    return "utf-8"  # JSON is UTF-8 (RFC 8259 §8.1), and so is every API lmgate talks to


def _size(n: int) -> str:
    return f"{n / MiB:g} MiB" if n >= MiB and n % (MiB // 4) == 0 else f"{n:,} bytes"
