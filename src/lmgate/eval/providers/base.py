"""The contract every provider module implements (see the modules listed in __init__.MODULES).

A provider module declares its options in `CONF` (`lmgate.spec.Opt`s, documented in its docstring);
`COMMON` are the options every provider takes, since the runner and the spend guard apply them
whatever the type, and `HTTP` those of a provider that sends through lmgate.http (its `CONF`
includes them). `lmgate.yaml` is checked against `type`, `COMMON` and the type's `CONF`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from lmgate.errors import ConfigError
from lmgate.http import MAX_BODY, MAX_RETRY_WAIT, HttpClient, Retry, link_local_reason
from lmgate.spec import Opt

COMMON: dict[str, Opt] = {
    "concurrency": Opt("int", 8, "most requests in flight at once", minimum=1, maximum=1024),
    "max_calls": Opt("int", None, "spend guard: refuse to start a run needing more uncached calls", minimum=0),
    "max_cost_usd": Opt("number", None, "spend guard: refuse to start a run estimated to cost more", minimum=0),
    "price": Opt("section", None, "USD per million tokens, for the spend estimate", fields={
        "prompt": Opt("number", 0, "USD per 1M prompt tokens", minimum=0),
        "completion": Opt("number", 0, "USD per 1M completion tokens", minimum=0),
    }),
}

# Read by BuildContext.http and .retry below.
HTTP: dict[str, Opt] = {
    "headers": Opt("map", None, "extra HTTP headers (values are treated as secrets)", values=Opt("str", secret=True)),
    "timeout": Opt("number", 60, "seconds for one whole request (connect, send, headers and body)", minimum=0.001),
    "retries": Opt("int", 3, "retries on 429/5xx/connection errors", minimum=0, maximum=20),
    "max_retry_wait": Opt("number", 60, "longest Retry-After honoured (seconds); a server asking for more fails "
                          "the item at once", minimum=0),
    "max_response_bytes": Opt("int", 8 * 1024 * 1024, "longest response body read (bytes, default 8 MiB); a "
                              "longer one is cut off and the item fails", minimum=1024),
    "allow_link_local": Opt("bool", False, "send to a link-local or cloud metadata address (169.254.0.0/16, "
                            "fe80::/10, metadata.google.internal, …); refused by default: the API key and the "
                            "answer would go to the runner's credential service"),
}


@dataclass(frozen=True)
class TokenLogprob:
    token: str
    logprob: float


@dataclass(frozen=True)
class Completion:
    text: str
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    logprobs: tuple[TokenLogprob, ...] | None = None
    latency_s: float = 0.0
    extra: Mapping[str, Any] = field(default_factory=dict)


class Provider(Protocol):
    """One configured endpoint. Must be safe to call from several threads at once."""

    name: str
    # False for providers whose answer may depend on more than the messages (the app's own code,
    # recorded files): they are called every run instead of being answered from the cache.
    cacheable: bool

    def complete(self, messages: Sequence[Mapping[str, str]], *, sample: int = 0,
                 item: Mapping[str, Any] | None = None) -> Completion:
        """Answer one chat; raise ProviderCallError for a failed call (recorded on the item).
        `item` (the dataset row) is only for non-cacheable providers such as `python`."""
        ...

    def identity(self) -> Mapping[str, Any]:
        """What determines the answer (type, endpoint, model, params): the cache key. Never secrets."""
        ...

    def close(self) -> None: ...


class ProviderCallError(Exception):
    """One call failed after its retries. Not an LmgateError: the runner records it on the item."""

    def __init__(self, reason: str, *, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class BuildContext:
    """What a provider module's `build(name, spec, ctx)` may use besides its own options."""

    root: Any                   # pathlib.Path of the consuming repository
    session: Any = None         # a requests.Session (or lmgate.http.HttpClient) to send through
    concurrency: int = 8        # the ceiling of requests in flight
    where: Any = None           # Location of the provider in lmgate.yaml, for errors
    env: Mapping[str, str] = field(default_factory=dict)
    # Scrubs the run's secrets from text: applied to every text that comes back from the network
    # (answers, error bodies, headers) as it arrives, before anything parses or quotes it.
    redact: Callable[[str], str] = _same

    def http(self, spec: Mapping[str, Any]) -> HttpClient:
        """An HTTP client for this provider: a pool sized to its concurrency, its body cap, the redactor."""
        return HttpClient(self.session, pool=self.concurrency, redact=self.redact,
                          max_body=int(spec.get("max_response_bytes") or MAX_BODY),
                          refuse_link_local=not spec.get("allow_link_local"))

    def check_base_url(self, name: str, spec: Mapping[str, Any], url: str) -> None:
        """Refuse a `base_url` written as a link-local or cloud metadata address, unless the provider
        sets `allow_link_local`: a pull request's config would have the provider send its API key
        there and quote the answer (the machine's credentials) in the PR comment. This runs in
        `lmgate validate`, offline, so names are not resolved here; the HTTP client checks the
        address each connection reaches (lmgate.http)."""
        reason = link_local_reason(url)
        if reason is not None and not spec.get("allow_link_local"):
            raise ConfigError(f"provider {name!r} has a base_url at {reason}: the provider would send its API key "
                              "there and quote the answer in the pull request comment", where=self.where,
                              key=f"providers.{name}.base_url",
                              fix="point base_url at the model server (loopback such as 127.0.0.1 is fine); if the "
                                  "server really is on a link-local address, set `allow_link_local: true` on the "
                                  "provider")

    def retry(self, spec: Mapping[str, Any]) -> Retry:
        """The provider's `retries` and `max_retry_wait` options."""
        wait = spec.get("max_retry_wait")
        return Retry(retries=int(spec.get("retries", 3)), max_wait=MAX_RETRY_WAIT if wait is None else float(wait))
