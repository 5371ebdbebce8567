"""prometheus: counts from the Prometheus HTTP API (`/api/v1/query`), per version label.

Each rate or latency metric names two counter selectors, `bad` and `total`; lmgate asks
`sum by (<label>) (increase(<selector>[<window>s]))` at the tick's time, the window running from the
previous tick (the first tick looks back `first_window`). Options: `url` (the server, required),
`label` (default version), `first_window` (default 300 s), `token`, `timeout`. A server that is
down or answers an error, a non-numeric sample, or a tick earlier than the last holds the rollout
(no retry: the next tick asks again). `timeout` bounds each whole request; answers over 8 MiB are
refused (lmgate.http). Score metrics are not read from Prometheus.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from lmgate.canary.backends.base import Deps
from lmgate.canary.sources.base import MetricDef, SourceProblem, Window
from lmgate.http import HttpClient, HttpError
from lmgate.spec import REQUIRED, Opt

NAME = "prometheus"
CONF = {"url": Opt("str", REQUIRED, "the Prometheus server, e.g. http://prometheus:9090"),
        "label": Opt("str", "version", "the label that tells the versions apart"),
        "first_window": Opt("number", 300, "seconds the first tick looks back", minimum=1),
        "token": Opt("str", None, "bearer token; write ${ENV_VAR}", secret=True),
        "timeout": Opt("number", 10, "seconds before a request is abandoned", minimum=0.1)}


class Prometheus:
    NAME = NAME

    def __init__(self, conf: Mapping, deps: Deps) -> None:
        self.url, self.label, self.http = conf["url"].rstrip("/"), conf["label"], HttpClient(deps.session)
        self.first, self.timeout = float(conf["first_window"]), conf["timeout"]
        self.headers = {"Authorization": f"Bearer {conf['token']}"} if conf.get("token") else {}

    def _query(self, selector: str, window: int, now: float) -> dict[str, int]:
        query = f"sum by ({self.label}) (increase({selector}[{window}s]))"
        try:
            r = self.http.request("GET", f"{self.url}/api/v1/query", params={"query": query, "time": now},
                                  headers=self.headers, timeout=self.timeout)
            body = r.json()
        except HttpError as exc:
            raise SourceProblem(f"Prometheus is unreachable ({exc.message})") from None
        except ValueError:
            raise SourceProblem(f"Prometheus answered HTTP {r.status} without JSON") from None
        if not isinstance(body, dict):  # a proxy's or an impostor's answer: a list, a string, null
            raise SourceProblem(f"Prometheus answered a JSON {type(body).__name__}, not its response object, "
                                f"for `{query}`")
        if body.get("status") != "success":
            raise SourceProblem(f"Prometheus refused `{query}`: {body.get('error', body.get('status'))}")
        out = {}
        try:
            for sample in body["data"]["result"]:
                value = float(sample["value"][1])
                if not 0 <= value <= 1e12:  # also NaN; the state keeps running totals
                    raise ValueError(f"sample {value}")
                out[str(sample["metric"].get(self.label))] = round(value)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
            raise SourceProblem(f"Prometheus answered an unexpected result for `{query}` ({exc})") from None
        return out

    def read(self, cursor: Mapping | None, metrics: Sequence[MetricDef], now: float) -> Window:
        last = (cursor or {}).get("time")
        if last is not None and now < last:
            raise SourceProblem(f"this tick ({now:.0f}) is earlier than the last one ({last:.0f})")
        window = max(1, round(now - last)) if last is not None else round(self.first)
        counts: dict = {}
        for m in metrics:
            if m.kind == "score" or not (m.bad and m.total):
                continue
            bad, total = self._query(m.bad, window, now), self._query(m.total, window, now)
            for version, n in total.items():
                side = counts.setdefault(version, {"_requests": [0]})
                side[m.name] = [min(bad.get(version, 0), n), n]
                side["_requests"][0] = max(side["_requests"][0], n)
        return Window(counts, {"time": now}, end=now)


def build(conf: Mapping, deps: Deps) -> Prometheus:
    return Prometheus(conf, deps)
