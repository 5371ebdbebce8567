"""The decision rule of one tick, shared by the controller and the simulation.

Pure: it sees the plan, where the rollout stands, and each metric's verdict, and returns what to
do. Keeping it free of I/O is what lets `lmgate canary simulate` prove the real rule, not a copy.

An approval step (`approve` in `canary.steps`) is a gate on leaving a step: the rule may roll back
at any time, but it passes the gate only on a tick that carries a person's verified approval
(`Progress.approved`, see `approval`); without one it holds there and says how to approve.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

HOW_TO_APPROVE = ("run `lmgate canary approve` (in GitHub Actions: run the canary workflow by hand with "
                  "command approve; it counts once a reviewer of its protected environment approves the run)")


@dataclass(frozen=True)
class Plan:
    steps: tuple[float, ...]          # canary weights in percent; reaching 100 is the promotion
    min_requests: int = 1000          # canary requests per step before it may move on
    min_dwell_s: float = 0.0
    max_duration_s: float = 7 * 86400.0
    on_timeout: str = "hold"          # hold | rollback
    # step index -> why leaving that step (to the next weight, or to 100 %) needs a person ("": no reason given)
    approvals: Mapping[int, str] = field(default_factory=dict)

    @property
    def last_index(self) -> int:
        return len(self.steps) - 1

    def after(self, index: int) -> float:
        """The weight that follows step `index` (100 after the last: the promotion)."""
        return self.steps[index + 1] if index < self.last_index else 100.0


@dataclass(frozen=True)
class Progress:
    step_index: int
    step_requests: int
    step_age_s: float
    age_s: float
    approved: bool = False            # this tick carries a person's verified approval of the current step


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
    awaiting_approval: bool = False   # the step is done; only a person's approval moves it on

    def to_json(self) -> dict:
        return {"action": self.action, "reason": self.reason, "awaiting_approval": self.awaiting_approval}


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
    nxt = plan.after(progress.step_index)
    if progress.step_index == plan.last_index:
        pending = [v for v in verdicts if not v.non_inferior]
        if pending:
            return hold(stuck=False, reason="waiting for non-inferiority evidence: "
                        + "; ".join(f"{v.name} {v.detail}" for v in pending))
    gate = plan.approvals.get(progress.step_index)
    if gate is not None and not progress.approved:
        why = f" ({gate})" if gate else ""
        return Decision("hold", f"step {weight:g}% done; waiting for a person's approval to move to {nxt:g}%{why}: "
                        f"{HOW_TO_APPROVE}", weight, stuck=True, awaiting_approval=True)
    if progress.step_index < plan.last_index:
        return Decision("advance", f"step {weight:g}% done; moving to {nxt:g}%", nxt)
    return Decision("promote", "every metric is within its margin with anytime-valid evidence", 100.0)
