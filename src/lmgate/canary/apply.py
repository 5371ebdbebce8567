"""Carry out one decision: move the rollout state on, write the split, and put it on record.

A weight change is written ahead as `pending` in the state (CAS on its revision), then to the
backend (CAS on its etag), then the state is finalised. If the process dies in between, the next
tick finds `pending` and reconciles it (see `controller`), so a crash loses and doubles nothing.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lmgate.canary.audit import status_line
from lmgate.canary.backends.base import LostRace, Target
from lmgate.canary.decide import Decision
from lmgate.canary.state import RolloutState
from lmgate.errors import LmgateError

if TYPE_CHECKING:
    from lmgate.canary.controller import Controller

SNAPSHOT = ("state", "step_index", "weight", "step_started_at", "step_requests", "decision", "timeline", "metrics")


@dataclass
class Outcome:
    state: RolloutState
    decision: dict
    metrics: list[dict] = field(default_factory=list)
    wrote: bool = False
    notes: list[str] = field(default_factory=list)


def apply_decision(ctrl: Controller, st: RolloutState, rev: int | None, now: float, split, d: Decision,
                   metrics: list[dict], notes: list[str], action: str | None = None) -> Outcome:
    """Move `st` on by decision `d` and write it; `action` overrides `d.action` (a start is an advance on record)."""
    action = action or d.action
    st.ticks += 1
    before = copy.deepcopy({k: getattr(st, k) for k in SNAPSHOT})
    moves = d.weight != st.weight or action in ("promote", "rollback", "start")
    st.decision = d.to_json()
    if action in ("advance", "start"):
        st.step_index += action == "advance"
        st.step_started_at, st.step_requests = now, 0
        for record in st.metrics.values():
            record.pop("step", None)
    st.state = {"promote": "promoted", "rollback": "rolled_back"}.get(
        action, "held" if d.stuck else "progressing")
    st.weight = d.weight
    last = st.timeline[-1] if st.timeline else {"action": None, "reason": ""}
    if moves or (last["action"], last["reason"].split(":")[0]) != (action, d.reason.split(":")[0]):
        st.timeline.append({"at": now, "weight": d.weight, "action": action, "reason": d.reason})
    marker = f"{st.rollout['id']}/t{st.ticks}-{action}"
    record = {"at": now, "marker": marker, "rollout": st.rollout["id"], "weight": d.weight, "action": action,
              "reason": d.reason, "state": st.state, "metrics": metrics,
              "status": status_line(d.weight, action, metrics, st.step_requests), "notes": notes}
    out = Outcome(st, {"action": action, "reason": d.reason}, metrics, False, notes)
    if ctrl.dry_run:
        out.notes = [*notes, "dry run: nothing was written"]
        return out
    if not moves:
        ctrl.store.save(st, rev)
        record_decision(ctrl, st, record)
        return out
    st.pending = {"marker": marker, "weight": d.weight, "action": action, "at": now, "before": before,
                  "record": record}
    ctrl.store.save(st, rev)
    target = Target(st.rollout["id"], marker.rsplit("/", 1)[1], st.rollout["stable"], st.rollout["candidate"],
                    action)
    try:
        ctrl.s.backend.write(d.weight, split.etag, target)
    except LostRace:
        st.__dict__.update(before)
        st.pending = None
        ctrl.store.save(st, st.revision)
        raise
    except (LmgateError, OSError) as exc:  # outcome unknown: `pending` stays, the next tick reconciles
        reason = f"could not write the traffic split ({getattr(exc, 'message', exc)}); the next tick reconciles"
        ctrl.log.append({**record, "action": "hold", "reason": reason, "marker": None})
        return Outcome(st, {"action": "hold", "reason": reason}, metrics, False, notes)
    st.pending, st.marker = None, marker
    ctrl.store.save(st, st.revision)
    record_decision(ctrl, st, record)
    out.wrote = True
    return out


def record_decision(ctrl: Controller, st: RolloutState, record: dict) -> None:
    """Append the record once and post its deployment status; the log's dedup makes racing ticks post once."""
    if not ctrl.log.append(record):
        return  # a racing tick already put this split write on record (and posted its status)
    dep = st.rollout.get("deployment_id")
    if ctrl.deployments is not None and dep:
        try:
            ctrl.deployments.status(dep, record["action"], record["status"])
        except LmgateError as exc:  # the decision stands; the audit trail says what failed
            ctrl.log.append({"at": record["at"], "marker": None, "note": f"deployment status failed: {exc}"})
