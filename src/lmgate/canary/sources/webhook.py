"""webhook: counts from an HTTP endpoint you own.

GET `url?since=<last until>&until=<now>` answers
`{"until": <ts>, "versions": {"<version>": {"_requests": n, "<metric>": {"bad": b, "total": t}}}}`
(score metrics: `{"sum": s, "sumsq": q, "n": n}`). A refused or failed request, a body that is not
that shape, or an `until` before the last one holds the rollout with the reason (no retry: the
next tick asks again). Options: `url` (required), `token` (bearer; write ${ENV_VAR}), `timeout`
(seconds for the whole request, default 10). Answers over 8 MiB are refused (lmgate.http).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from lmgate.canary.backends.base import Deps
from lmgate.canary.sources.base import MetricDef, SourceProblem, Window
from lmgate.http import HttpClient, HttpError
from lmgate.spec import REQUIRED, Opt

NAME = "webhook"
MOST = 1e12
CONF = {"url": Opt("str", REQUIRED, "the counts endpoint"),
        "token": Opt("str", None, "bearer token; write ${ENV_VAR}", secret=True),
        "timeout": Opt("number", 10, "seconds before a request is abandoned", minimum=0.1)}


def amount(value: Any) -> float:
    """A count or sum from the endpoint: finite, 0 to 10^12 (the state keeps running totals of them)."""
    x = float(value)
    if not 0 <= x <= MOST:
        raise ValueError(f"{value!r} is not a count between 0 and {MOST:.0e}")
    return x


def parse(body: dict, metrics: Sequence[MetricDef]) -> dict:
    counts: dict = {}
    for version, side in body["versions"].items():
        out = counts.setdefault(str(version), {"_requests": [int(amount(side.get("_requests", 0)))]})
        for m in metrics:
            c = side.get(m.name)
            if c is None:
                continue
            values = [amount(c["sum"]), amount(c["sumsq"]), int(amount(c["n"]))] if m.kind == "score" else \
                [int(amount(c["bad"])), int(amount(c["total"]))]
            if not possible(values):
                raise ValueError(f"impossible counts for {m.name}: {c}")
            out[m.name] = values
    return counts


def possible(values: list) -> bool:
    """[bad, total]: bad ≤ total. [sum, sum of squares, n] of scores in [0, 1]: sum ≤ n and sum of
    squares ≤ sum (x² ≤ x on [0, 1]). Sums outside that come from no scores at all, yet the mSPRT
    takes them as evidence (a mean of 500,000 "proves" the canary better), so they are refused like
    a negative count. The slack absorbs rounding in sums of scores that are all 1."""
    if len(values) == 2:
        return values[0] <= values[1]
    total, squares, n = values
    slack = 1e-9 * max(1.0, n)
    return total <= n + slack and squares <= total + slack


class WebhookSource:
    NAME = NAME

    def __init__(self, conf: Mapping, deps: Deps) -> None:
        self.url, self.timeout, self.http = conf["url"], conf["timeout"], HttpClient(deps.session)
        self.headers = {"Authorization": f"Bearer {conf['token']}"} if conf.get("token") else {}

    def read(self, cursor: Mapping | None, metrics: Sequence[MetricDef], now: float) -> Window:
        since = (cursor or {}).get("until")
        params = {"until": now, **({"since": since} if since is not None else {})}
        try:
            r = self.http.request("GET", self.url, params=params, headers=self.headers, timeout=self.timeout)
        except HttpError as exc:
            raise SourceProblem(f"the counts endpoint is unreachable ({exc.message})") from None
        if r.status != 200:
            raise SourceProblem(f"the counts endpoint answered HTTP {r.status}")
        try:
            body = r.json()
            until, counts = float(body["until"]), parse(body, metrics)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise SourceProblem(f"the counts endpoint answered something else than counts ({exc})") from None
        if not 0 <= until <= now + 86400:  # also NaN; the state keeps it as the next `since`
            raise SourceProblem(f"the counts endpoint answered until={until}, not a time up to a day from now")
        if since is not None and until < since:
            raise SourceProblem(f"the counts endpoint went back in time (until {until:.0f} < {since:.0f})")
        return Window(counts, {"until": until}, end=until)


def build(conf: Mapping, deps: Deps) -> WebhookSource:
    return WebhookSource(conf, deps)
