"""`hf`: Hugging Face inference: Inference Providers by Hub model id, or your own TGI / Inference Endpoint.

`model` alone is a Hub model id (`org/name`, or `org/name:provider` to pick the provider), sent to
the Hub's OpenAI-compatible router (https://router.huggingface.co/v1/chat/completions). `base_url`
is a TGI or Inference Endpoint URL; its chat route is `<base_url>/v1/chat/completions` (a URL
already ending in `/v1` or `/chat/completions` is used as it is). `token` authenticates (write
`${HF_TOKEN}`). Without `token`, requests to the Hub's own router carry `$HF_TOKEN` as huggingface_hub's
clients do; a `base_url` gets a token only when the config names it, so a pull request that points
`base_url` at another host cannot collect the runner's Hub token. `params` go in the request
(temperature, max_tokens, seed, top_p, logprobs, …). `timeout`, `retries`, `max_retry_wait`,
`max_response_bytes`, `allow_link_local` and `concurrency` as for `openai`, which sends the requests.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from lmgate.errors import ConfigError
from lmgate.eval.providers.base import HTTP, BuildContext
from lmgate.eval.providers.openai import PARAMS, ChatCompletions
from lmgate.spec import Opt

NAME = "hf"
CONF = {
    "model": Opt("str", None, "a Hub model id (org/name, or org/name:provider); or give base_url"),
    "base_url": Opt("str", None, "a TGI or Inference Endpoint URL, instead of the Hub's router"),
    "token": Opt("str", None, "Hugging Face access token; write ${HF_TOKEN}", secret=True),
    "params": PARAMS,
    **HTTP,
}
ROUTER = "https://router.huggingface.co/v1/chat/completions"


def chat_url(base_url: str) -> str:
    parts = urlsplit(base_url)
    path = parts.path.rstrip("/")
    if not path.endswith("/chat/completions"):
        path += "/chat/completions" if path.endswith("/v1") else "/v1/chat/completions"
    return urlunsplit(parts._replace(path=path))


def build(name: str, spec: Mapping[str, Any], ctx: BuildContext) -> ChatCompletions:
    base_url = spec.get("base_url")
    if not spec.get("model") and not base_url:
        raise ConfigError(f"provider {name!r} needs a model or a base_url", where=ctx.where,
                          fix="model: org/name (Hub) or base_url: https://my-endpoint (TGI)")
    if base_url:
        ctx.check_base_url(name, spec, base_url)
    token = spec.get("token") or (None if base_url else ctx.env.get("HF_TOKEN") or None)
    return ChatCompletions(name, spec, ctx, kind=NAME, url=chat_url(base_url) if base_url else ROUTER,
                           endpoint=base_url, token=token)
