"""The `canary` section of lmgate.yaml, and how its `steps` read (weights and approval steps)."""

from __future__ import annotations

from lmgate.spec import REQUIRED, Opt

DURATION = r"\d+(\.\d+)?\s*(s|m|h|d)?"
_DURATION = Opt("str", help="a duration: seconds, or a number with s, m, h or d (e.g. 30m, 7d)", one_of=(
    Opt("number", minimum=0), Opt("str", pattern=DURATION, help="e.g. 30s, 10m, 2h, 7d")))

METRIC = Opt("section", help="a metric compared between canary and stable", fields={
    "name": Opt("str", REQUIRED, "the metric's name in reports", pattern=r"[A-Za-z0-9_.-]+"),
    "kind": Opt("str", "rate", "rate: a bad-event rate; latency: the rate of requests slower than slow_ms; "
                "score: a mean score in [0, 1], higher is better", choices=("rate", "latency", "score")),
    "field": Opt("str", None, "the request-log field (default: the name); prometheus: use bad/total"),
    "bad_value": Opt("any", None, "rate: the value that marks a bad event (default: any true value)"),
    "slow_ms": Opt("number", 2000, "latency: requests slower than this are bad events", minimum=0),
    "margin": Opt("number", None, "non-inferiority margin: rate ratio for rate/latency (default 1.25), "
                  "score drop for score (default 0.05)", minimum=0),
    "critical": Opt("bool", True, "roll back at once when the canary is worse (else hold for a human)"),
    "must_have_data": Opt("bool", False, "hold while this metric has no canary data at the current step"),
    "bad": Opt("str", None, "prometheus: counter selector of bad events, e.g. llm_requests_total{error=\"1\"}"),
    "total": Opt("str", None, "prometheus: counter selector of all requests"),
})

APPROVE = "approve"
STEP = Opt("any", help="a traffic weight in percent, or an approval step (`approve`, or {approve: why}) where the "
           "rollout waits for a person", one_of=(
               Opt("number", help="a traffic weight in percent", minimum=0, maximum=100),
               Opt("str", help="the word `approve`: wait here until a person approves (`lmgate canary approve`)",
                   choices=(APPROVE,)),
               Opt("section", help="an approval step, with the reason shown while the rollout waits", fields={
                   "approve": Opt("str", REQUIRED, "why a person must approve leaving the step before it")}),
           ))



def split_steps(steps: list) -> tuple[tuple[float, ...], dict[int, str]]:
    """`[5, 25, 50, approve, 100]` -> weights (5, 25, 50) and {2: why}: leaving step 2 needs a person.
    Raises ValueError saying which item is out of place."""
    weights: list[float] = []
    approvals: dict[int, str] = {}
    for i, step in enumerate(steps):
        at = f"item {i + 1} ({step!r})"
        if isinstance(step, (int, float)):
            if weights and weights[-1] >= 100:
                raise ValueError(f"{at}: 100 (the promotion) must be the last weight")
            if step <= 0 or (weights and step <= weights[-1]):
                raise ValueError(f"{at}: weights should rise strictly from above 0 to 100 (the promotion)")
            weights.append(float(step))
            continue
        if not weights:
            raise ValueError(f"{at}: an approval cannot come first (starting a rollout is already a person's "
                             "command); put it after the weight whose end it guards")
        if weights[-1] >= 100:
            raise ValueError(f"{at}: an approval after 100 guards nothing (100 is the promotion)")
        if len(weights) - 1 in approvals:
            raise ValueError(f"{at}: two approval steps in a row")
        why = step if isinstance(step, str) else step["approve"]
        approvals[len(weights) - 1] = "" if why == APPROVE else why
    weights = [w for w in weights if w < 100]
    if not weights:
        raise ValueError("steps need at least one weight below 100")
    return tuple(weights), approvals


def _steps_problem(steps: list) -> str | None:
    try:
        split_steps(steps)
    except ValueError as exc:
        return str(exc)
    return None


GUARD = Opt("section", help="an absolute limit on the canary, checked every tick", fields={
    "metric": Opt("str", REQUIRED, "the name of a rate or latency metric"),
    "max_rate": Opt("number", REQUIRED, "roll back at once when the canary's rate at this step exceeds it",
                    minimum=0, maximum=1),
    "min_requests": Opt("int", 100, "canary requests at the step before the guard applies", minimum=1),
})

CANARY = Opt("section", help="canary-release settings", fields={
    "backend": Opt("section", None, "where the traffic split lives", open=True,
                   fields={"type": Opt("str", "git-file", "git-file, litellm, hf-pointer or webhook")}),
    "source": Opt("section", None, "where live metrics come from", open=True,
                  fields={"type": Opt("str", "jsonl", "jsonl, prometheus or webhook")}),
    "steps": Opt("list", (5, 25, 50, APPROVE, 100), "traffic weights in percent, rising to 100 (the promotion); "
                 "`approve` (or {approve: why}) after a weight makes the rollout wait there for a person: a "
                 "scheduled tick never passes it (e.g. [5, 25, 50, approve, 100])", items=STEP,
                 check=_steps_problem),
    "alpha": Opt("number", 0.05, "false-alarm probability over the whole rollout", minimum=1e-6,
                 maximum=0.5),
    "metrics": Opt("list", None, "metrics compared between canary and stable (default: errors from the "
                   "`error` field)", items=METRIC),
    "guards": Opt("list", None, "absolute limits that roll back at once", items=GUARD),
    "stable": Opt("str", None, "the version serving now (default: read from the backend)"),
    "min_requests": Opt("int", 1000, "canary requests per step before moving on", minimum=0),
    "min_dwell": Opt("str", 0, "least time per step", one_of=_DURATION.one_of),
    "max_duration": Opt("str", "7d", "longest rollout before on_timeout applies", one_of=_DURATION.one_of),
    "on_timeout": Opt("str", "hold", "what max_duration does: hold for a human, or roll back",
                      choices=("hold", "rollback")),
    "deployments": Opt("bool", True, "record the rollout as a GitHub deployment with a status per tick "
                       "(when a token and repository are available)"),
    "environment": Opt("str", "canary", "the GitHub environment name of the deployment record"),
    "approval_environment": Opt("str", "production", "in GitHub Actions, an approval step passes only in a run "
                                "of a job in this environment that one of its required reviewers approved"),
    "store": Opt("str", "local", "where the state file lives: local (the checkout) or github (committed "
                 "through the contents API: what scheduled workflows need)", choices=("local", "github")),
    "branch": Opt("str", None, "store github: the branch the state is committed to (default: the default branch)"),
    "state": Opt("str", ".lmgate/canary/state.json", "the rollout state file (kept between ticks)"),
    "log": Opt("str", ".lmgate/canary/decisions.jsonl", "the decision log, one JSON line per tick"),
})

# The keys this stage adds to lmgate.yaml; `lmgate.config.STAGES` lists the stages that declare some.
SECTIONS = {"canary": CANARY}
