"""The contract every provider module implements (see the modules listed in __init__.MODULES)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol


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

    def __init__(self, reason: str, *, retryable: bool = False, status: int | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable
        self.status = status
        self.retry_after = retry_after  # seconds the server asked us to wait (a 429's Retry-After)


@dataclass(frozen=True)
class BuildContext:
    """What a provider module's `build(name, spec, ctx)` may use besides its own options."""

    root: Any                   # pathlib.Path of the consuming repository
    session: Any = None         # a requests.Session to send through (else lmgate.eval.http's pool)
    concurrency: int = 8        # the ceiling of requests in flight
    where: Any = None           # Location of the provider in lmgate.yaml, for errors
    env: Mapping[str, str] = field(default_factory=dict)

    def transport(self, base_url: str):
        """A pooled HTTP transport to `base_url` (lmgate.eval.http), over `session` when one was given."""
        from lmgate.eval.http import transport_for

        return transport_for(base_url, self.concurrency, self.session)
