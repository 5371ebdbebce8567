"""The decision rule of one tick, shared by the controller and the simulation.

Pure: it sees the plan, where the rollout stands, and each metric's verdict, and returns what to
do. Keeping it free of I/O is what lets `lmgate canary simulate` prove the real rule, not a copy.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Plan:
    steps: tuple[float, ...]          # canary weights in percent; reaching 100 is the promotion
    min_requests: int = 1000          # canary requests per step before it may move on
    min_dwell_s: float = 0.0
    max_duration_s: float = 7 * 86400.0
    on_timeout: str = "hold"          # hold | rollback

    @property
    def last_index(self) -> int:
        return len(self.steps) - 1


@dataclass(frozen=True)
class Progress:
    step_index: int
    step_requests: int
    step_age_s: float
    age_s: float


@dataclass(frozen=True)
class Verdict:
    """One metric's standing this tick."""

    name: str
    alarm: bool = False               # harm evidence crossed K/α
    non_inferior: bool = False        # the always-valid bound is inside the margin
    has_data: bool = True             # any canary observation in the current step
    critical: bool = True
    must_have_data: bool = False
    guard: str | None = None          # an absolute guard that failed, described
    detail: str = ""


@dataclass(frozen=True)
class Decision:
    action: str                       # advance | hold | promote | rollback
    reason: str
    weight: float
    stuck: bool = False               # a hold that needs a human or new data, not mere dwelling

    def to_json(self) -> dict:
        return {"action": self.action, "reason": self.reason}


def decide(plan: Plan, progress: Progress, verdicts: list[Verdict]) -> Decision:
    weight = plan.steps[progress.step_index]

    def hold(reason: str, stuck: bool = True) -> Decision:
        return Decision("hold", reason, weight, stuck)

    for v in verdicts:
        if v.guard:
            return Decision("rollback", f"guard failed: {v.guard}", 0.0)
    for v in verdicts:
        if v.alarm and v.critical:
            return Decision("rollback", f"{v.name} is worse on the canary ({v.detail})", 0.0)
    alarms = [v for v in verdicts if v.alarm]
    if alarms:
        return hold(f"{alarms[0].name} is worse on the canary but not critical ({alarms[0].detail}); "
                    "roll back or promote by hand")
    if progress.age_s >= plan.max_duration_s:
        if plan.on_timeout == "rollback":
            return Decision("rollback", "max duration reached without a decision (on_timeout: rollback)", 0.0)
        return hold("max duration reached without a decision (on_timeout: hold); decide by hand")
    missing = [v.name for v in verdicts if v.must_have_data and not v.has_data]
    if missing:
        return hold(f"no data for must-have metric {', '.join(missing)} at this step")
    if progress.step_requests < plan.min_requests or progress.step_age_s < plan.min_dwell_s:
        return hold(stuck=False, reason=f"dwelling at {weight:g}%: {progress.step_requests}/{plan.min_requests} "
                    f"requests, {progress.step_age_s:.0f}/{plan.min_dwell_s:.0f} s")
    if progress.step_index < plan.last_index:
        nxt = plan.steps[progress.step_index + 1]
        return Decision("advance", f"step {weight:g}% done; moving to {nxt:g}%", nxt)
    pending = [v for v in verdicts if not v.non_inferior]
    if pending:
        return hold(stuck=False, reason="waiting for non-inferiority evidence: "
                    + "; ".join(f"{v.name} {v.detail}" for v in pending))
    return Decision("promote", "every metric is within its margin with anytime-valid evidence", 100.0)
