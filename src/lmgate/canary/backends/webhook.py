"""webhook: the split lives behind an HTTP endpoint you own (a gateway, a feature-flag service).

GET `url` answers `{"weight": N, "stable": …, "canary": …, "marker": …}` with an `ETag` header;
lmgate POSTs `{weight, stable, candidate, action, marker}` with `If-Match: <etag>` and an
`Idempotency-Key` (the tick's marker), so a retried POST after a lost answer applies once.
The endpoint answers 412 when the etag is stale (a lost race). Options: `url` (required),
`token` (sent as a bearer token; write ${ENV_VAR}), `timeout` (seconds, default 10).
"""

from __future__ import annotations

from collections.abc import Mapping

import requests

from lmgate.canary.backends.base import Deps, LostRace, Split, Target
from lmgate.errors import InputError
from lmgate.spec import REQUIRED, Opt

NAME = "webhook"
CONF = {"url": Opt("str", REQUIRED, "the split endpoint (GET reads, POST writes)"),
        "token": Opt("str", None, "bearer token; write ${ENV_VAR}", secret=True),
        "timeout": Opt("number", 10, "seconds before a request is abandoned", minimum=0.1)}


class Webhook:
    NAME = NAME

    def __init__(self, conf: Mapping, deps: Deps) -> None:
        self.url, self.timeout, self.session = conf["url"], conf["timeout"], deps.session
        self.headers = {"Authorization": f"Bearer {conf['token']}"} if conf.get("token") else {}

    def _call(self, method: str, **kw):
        try:
            return self.session.request(method, self.url, headers={**self.headers, **kw.pop("headers", {})},
                                        timeout=self.timeout, **kw)
        except requests.RequestException as exc:
            raise InputError(f"the split endpoint is unreachable: {type(exc).__name__}",
                             fix="check canary.backend.url and that the service is up") from exc

    def read(self) -> Split:
        r = self._call("GET")
        try:
            r.raise_for_status()
            body = r.json()
            return Split(float(body["weight"]), r.headers.get("ETag", ""), body.get("marker"), body.get("stable"),
                         body.get("canary"))
        except Exception as exc:
            raise InputError(f"the split endpoint answered {r.status_code} without a valid split: {exc}",
                             fix='answer {"weight": N, …} with an ETag header') from None

    def write(self, weight: float, etag: str, target: Target) -> str:
        body = {"weight": weight, "stable": target.stable, "candidate": target.candidate, "action": target.action,
                "marker": target.marker}
        headers = {"If-Match": etag, "Idempotency-Key": target.marker}
        for attempt in range(2):  # one retry after a lost answer; the idempotency key makes it safe
            try:
                r = self._call("POST", json=body, headers=headers)
                break
            except InputError:
                if attempt:
                    raise
        if r.status_code == 412:
            raise LostRace("the split endpoint's etag moved on")
        if r.status_code >= 300:
            raise InputError(f"the split endpoint refused the write: HTTP {r.status_code}",
                             fix="check the endpoint's logs")
        return r.headers.get("ETag", "")

    def exists(self, revision: str) -> bool | None:
        return None


def build(conf: Mapping, deps: Deps) -> Webhook:
    return Webhook(conf, deps)
