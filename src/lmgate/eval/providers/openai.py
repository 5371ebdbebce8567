"""`openai`: any OpenAI-compatible `POST {base_url}/chat/completions` endpoint.

vLLM, TGI, llama.cpp server, Ollama, LM Studio and hosted APIs all speak it. Options:
`base_url` (…/v1), `model`, `api_key` (sent as `Authorization: Bearer`, never cached or
written), `headers`, `params` (temperature, max_tokens, seed, logprobs, …: sent as-is),
`concurrency` (most requests in flight; a 429 halves it for a while), `timeout` (seconds for the
whole call: connect, send, headers and body; default 60), `retries` (default 3),
`max_retry_wait` (the longest `Retry-After` honoured, default 60 s: a server asking for more
fails the item at once with the cause), `max_response_bytes` (default 8 MiB: a longer answer
is cut off while it arrives and the item fails with the reason) and `allow_link_local` (default
false: a `base_url` at a link-local or cloud metadata address, 169.254.169.254 and the like, is a
config error, and a connection that reaches one is refused; loopback is always allowed). How calls are retried, and why
a chat completion is safe to send again: lmgate.http.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from lmgate.errors import ConfigError
from lmgate.eval.providers.base import HTTP, BuildContext, Completion, ProviderCallError, TokenLogprob
from lmgate.http import AdaptiveLimit, HttpError
from lmgate.spec import REQUIRED, Opt

NAME = "openai"
PARAMS = Opt("map", None, "request parameters: temperature, max_tokens, seed, logprobs, … (sent as-is)",
             values=Opt("any"))
CONF = {
    "base_url": Opt("str", REQUIRED, "the OpenAI-compatible base URL (…/v1), e.g. ${LLM_BASE_URL}"),
    "model": Opt("str", None, "the model name sent with each request"),
    "api_key": Opt("str", None, "sent as `Authorization: Bearer`; write ${ENV_VAR}, never the key itself", secret=True),
    "params": PARAMS,
    **HTTP,
}


class ChatCompletions:
    """One OpenAI-style chat completions URL (also the `hf` provider's)."""

    cacheable = True

    def __init__(self, name: str, spec: Mapping[str, Any], ctx: BuildContext, *, kind: str, url: str,
                 endpoint: str, token: str | None) -> None:
        self.name, self.kind, self.url, self.endpoint = name, kind, url, endpoint
        self.model = spec.get("model")
        self.params = dict(spec.get("params") or {})
        self.timeout = float(spec.get("timeout") or 60)
        self.headers = {"Content-Type": "application/json", **dict(spec.get("headers") or {})}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"
        self.http, self.retry = ctx.http(spec), ctx.retry(spec)
        self.limit = AdaptiveLimit(ctx.concurrency)

    def identity(self) -> Mapping[str, Any]:
        return {"type": self.kind, "endpoint": self.endpoint, "model": self.model, "params": self.params}

    def complete(self, messages: Sequence[Mapping[str, str]], *, sample: int = 0,
                 item: Mapping[str, Any] | None = None) -> Completion:
        body = json.dumps({"model": self.model, "messages": list(messages), **self.params}).encode()
        try:
            resp = self.http.request("POST", self.url, data=body, headers=self.headers, timeout=self.timeout,
                                     repeatable=True, retry=self.retry, limit=self.limit)
        except HttpError as exc:
            said = f"HTTP {exc.status}: {exc.message}" if exc.status else exc.message
            raise ProviderCallError(said, status=exc.status) from None
        if resp.status >= 400:
            raise ProviderCallError(_status_error(resp), status=resp.status)
        try:
            data = json.loads(resp.text)
            choice = data["choices"][0]
            text = choice["message"].get("content") or ""
            usage = data.get("usage") or {}
        except (ValueError, KeyError, IndexError, TypeError, AttributeError):
            raise ProviderCallError("malformed response (not an OpenAI chat completion)", status=resp.status) from None
        # again once JSON escapes are decoded: `\u0073k-…` in the body is the key itself here
        return Completion(text=self.http.redact(str(text)), prompt_tokens=usage.get("prompt_tokens"),
                          completion_tokens=usage.get("completion_tokens"), logprobs=_logprobs(choice),
                          latency_s=resp.elapsed_s)

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """Embeddings of `texts` from `POST {base_url}/embeddings` (for the `similar` metric)."""
        body = json.dumps({"model": self.model, "input": list(texts)}).encode()
        try:
            resp = self.http.request("POST", self.endpoint + "/embeddings", data=body, headers=self.headers,
                                     timeout=self.timeout, repeatable=True, retry=self.retry, limit=self.limit)
        except HttpError as exc:
            raise ProviderCallError(f"embeddings: {exc.message}", status=exc.status) from None
        if resp.status >= 400:
            raise ProviderCallError(_status_error(resp), status=resp.status)
        try:
            data = sorted(json.loads(resp.text)["data"], key=lambda d: d.get("index", 0))
            return [[float(x) for x in d["embedding"]] for d in data]
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ProviderCallError(f"malformed embeddings response: {exc}", status=resp.status) from None

    def close(self) -> None:
        self.http.close()


def _status_error(resp: Any) -> str:
    """`HTTP 401: <the body's start> (<WWW-Authenticate>)`: what the server said, already redacted."""
    parts = [f"HTTP {resp.status}"]
    said = _error_message(resp.text)
    if said is None and 400 <= resp.status < 500 and resp.status != 429:  # a client error says what was wrong
        said = resp.text[:200].strip()
    if said:
        parts.append(f": {said}")
    challenge = resp.headers.get("www-authenticate")
    if challenge and resp.status in (401, 403):  # why the token was refused (RFC 6750 §3)
        parts.append(f" ({challenge[:200]})")
    if resp.attempts > 1:
        parts.append(f" (after {resp.attempts} attempts)")
    return "".join(parts)


def _error_message(text: str) -> str | None:
    """The message of an error body in OpenAI's shape (`{"error": {"message": …}}` or `{"error": "…"}`),
    which servers send with a 5xx too ("The server is overloaded"); a 5xx HTML page says nothing useful."""
    if len(text) > 64 << 10:
        return None
    try:
        error = json.loads(text).get("error")
    except (ValueError, AttributeError):
        return None
    message = error.get("message") if isinstance(error, dict) else error
    if not isinstance(message, str):
        return None
    return " ".join(message.split())[:200] or None


def _logprobs(choice: Mapping) -> tuple[TokenLogprob, ...] | None:
    content = (choice.get("logprobs") or {}).get("content")
    if not content:
        return None
    return tuple(TokenLogprob(str(t.get("token", "")), float(t.get("logprob", 0.0))) for t in content)


def build(name: str, spec: Mapping[str, Any], ctx: BuildContext) -> ChatCompletions:
    if not spec.get("base_url"):
        raise ConfigError(f"provider {name!r} needs a base_url", where=ctx.where,
                          fix="set base_url: https://host/v1 (or ${LLM_BASE_URL})")
    ctx.check_base_url(name, spec, spec["base_url"])
    base = spec["base_url"].rstrip("/")
    return ChatCompletions(name, spec, ctx, kind=NAME, url=base + "/chat/completions", endpoint=base,
                           token=spec.get("api_key"))
