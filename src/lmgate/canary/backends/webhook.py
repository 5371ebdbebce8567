"""webhook: the split lives behind an HTTP endpoint you own (a gateway, a feature-flag service).

GET `url` answers `{"weight": N, "stable": …, "canary": …, "marker": …}` with an `ETag` header;
lmgate POSTs `{weight, stable, candidate, action, marker}` with `If-Match: <etag>` and an
`Idempotency-Key` (the tick's marker). The endpoint answers 412 when the etag is stale (a lost
race). A POST is sent again only when it never left (connection refused) or the endpoint refused
it (429, 503 with Retry-After): after a timeout or a 5xx it may have been applied, so the tick
holds and the next one reconciles, the Idempotency-Key making a redo of the same tick apply once
(lmgate.http). Options: `url` (required), `token` (sent as a bearer token; write ${ENV_VAR}),
`timeout` (seconds for the whole request, default 10). Answers over 8 MiB are refused.
"""

from __future__ import annotations

from collections.abc import Mapping

from lmgate.canary.backends.base import Deps, LostRace, Split, Target
from lmgate.errors import InputError
from lmgate.http import HttpClient, HttpError, Response, Retry
from lmgate.spec import REQUIRED, Opt

NAME = "webhook"
CONF = {"url": Opt("str", REQUIRED, "the split endpoint (GET reads, POST writes)"),
        "token": Opt("str", None, "bearer token; write ${ENV_VAR}", secret=True),
        "timeout": Opt("number", 10, "seconds before a request is abandoned", minimum=0.1)}


class Webhook:
    NAME = NAME

    def __init__(self, conf: Mapping, deps: Deps) -> None:
        self.url, self.timeout, self.http = conf["url"], conf["timeout"], HttpClient(deps.session, retry=Retry(1))
        self.headers = {"Authorization": f"Bearer {conf['token']}"} if conf.get("token") else {}

    def _call(self, method: str, headers: dict | None = None, json: dict | None = None) -> Response:
        try:
            return self.http.request(method, self.url, headers={**self.headers, **(headers or {})}, json=json,
                                     timeout=self.timeout)
        except HttpError as exc:
            raise InputError(f"the split endpoint is unreachable: {exc.message}",
                             fix="check canary.backend.url and that the service is up") from None

    def read(self) -> Split:
        r = self._call("GET")
        try:
            if r.status != 200:
                raise ValueError(f"HTTP {r.status}")
            body = r.json()
            return Split(float(body["weight"]), r.headers.get("ETag", ""), body.get("marker"), body.get("stable"),
                         body.get("canary"))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise InputError(f"the split endpoint answered {r.status} without a valid split: {exc}",
                             fix='answer {"weight": N, …} with an ETag header') from None

    def write(self, weight: float, etag: str, target: Target) -> str:
        body = {"weight": weight, "stable": target.stable, "candidate": target.candidate, "action": target.action,
                "marker": target.marker}
        r = self._call("POST", json=body, headers={"If-Match": etag, "Idempotency-Key": target.marker})
        if r.status == 412:
            raise LostRace("the split endpoint's etag moved on")
        if r.status >= 300:
            raise InputError(f"the split endpoint refused the write: HTTP {r.status}",
                             fix="check the endpoint's logs")
        return r.headers.get("ETag", "")

    def exists(self, revision: str) -> bool | None:
        return None


def build(conf: Mapping, deps: Deps) -> Webhook:
    return Webhook(conf, deps)
