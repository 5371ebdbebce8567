"""The resumable, idempotent tick: read state → read counts → update statistics → decide → apply.

Applying (the write-ahead `pending`, the compare-and-swap split write, the record) is in `apply`.
A tick that finds `pending` checks the backend's marker: landed → finalise; not landed and older
than the lease → undo the decision (keeping the counts, which were real) and decide again.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from lmgate.canary.apply import Outcome, apply_decision, record_decision
from lmgate.canary.audit import DecisionLog
from lmgate.canary.backends.base import LostRace
from lmgate.canary.decide import Decision, Progress, decide
from lmgate.canary.sources.base import SourceProblem
from lmgate.canary.state import RolloutState, StateStore
from lmgate.canary.verdicts import guard_failure, judge, update
from lmgate.canary.wiring import Setup
from lmgate.errors import InputError, LmgateError


class Controller:
    def __init__(self, setup: Setup, store: StateStore, log: DecisionLog, clock: Callable[[], float],
                 deployments=None, dry_run: bool = False, lease_s: float = 300.0) -> None:
        self.s, self.store, self.log, self.clock = setup, store, log, clock
        self.deployments, self.dry_run, self.lease_s = deployments, dry_run, lease_s

    def load(self) -> RolloutState:
        st = self.store.load()
        if st is None:
            raise InputError("no rollout has been started", fix="run `lmgate canary start --candidate <sha>`")
        return st

    def tick(self) -> Outcome:
        note = ""
        for _ in range(3):  # a lost compare-and-swap re-reads everything and decides again
            try:
                return self._tick()
            except LostRace as exc:
                note = str(exc)
        st = self.load()
        return Outcome(st, {"action": "hold", "reason": f"another tick keeps winning the race ({note})"})

    def _tick(self) -> Outcome:
        st, now, notes = self.load(), self.clock(), []
        if st.finished:
            return Outcome(st, {**st.decision, "reason": f"rollout already {st.state}: {st.decision.get('reason')}"})
        rev, cand, stable = st.revision, st.rollout["candidate"], st.rollout["stable"]
        try:
            split = self.s.backend.read()
        except (LmgateError, SourceProblem) as exc:
            return self._hold(st, rev, now, f"cannot read the traffic split: {getattr(exc, 'message', exc)}")
        if self.s.backend.exists(cand) is False:
            return self._hold(st, rev, now, f"candidate revision {cand} does not exist")
        if st.pending:
            if split.marker == st.pending["marker"]:
                notes.append("the previous tick's split write landed before it could save; reconciled")
                st.marker = st.pending["marker"]
                record_decision(self, st, st.pending["record"])
            elif now - st.pending["at"] < self.lease_s:
                return Outcome(st, {"action": "hold", "reason": "another tick is writing the split right now"})
            else:
                notes.append("the previous tick stopped before its split write landed; its decision is made again")
                st.__dict__.update(copy.deepcopy(st.pending["before"]))
            st.pending = None
        elif (split.marker, split.weight) != (st.marker, st.weight) or (split.canary != cand and st.weight):
            return self._hold(st, rev, now, f"the traffic split was changed outside lmgate (canary {split.canary} at "
                              f"{split.weight:g}%, lmgate wrote {cand} at {st.weight:g}%); lmgate will not overwrite "
                              "it: restore it, or run `lmgate canary rollback` or `promote`")
        if st.last_tick_at is not None and now < st.last_tick_at:
            return self._hold(st, rev, now, "the clock went backwards since the last tick")
        try:
            window = self.s.source.read(st.cursor, self.s.metrics, now)
        except SourceProblem as exc:
            return self._hold(st, rev, now, f"metric source: {exc}")
        counts_c, counts_s = window.counts.get(cand, {}), window.counts.get(stable, {})
        for m in self.s.metrics:
            update(st.metrics.setdefault(m.name, {}), m, counts_c.get(m.name), counts_s.get(m.name))
        st.step_requests += int((counts_c.get("_requests") or [0])[0])
        st.cursor, st.last_tick_at = window.cursor, now
        judged = [judge(st.metrics[m.name], m, self.s.threshold) for m in self.s.metrics]
        failed = {g["metric"]: guard_failure(g, st.metrics) for g in self.s.guards}
        verdicts = [v if not failed.get(v.name) else type(v)(**{**v.__dict__, "guard": failed[v.name]})
                    for v, _ in judged]
        progress = Progress(st.step_index, st.step_requests, now - st.step_started_at,
                            now - st.rollout["started_at"])
        decision = decide(self.s.plan, progress, verdicts)
        if decision.action == "hold" and st.weight == 0 and decision.weight > 0:
            # nothing was routed yet (the start did not land, or the candidate appeared only now)
            decision = Decision("advance", f"routing the first step now: {decision.reason}", decision.weight)
            return apply_decision(self, st, rev, now, split, decision, [e for _, e in judged], notes, action="start")
        return apply_decision(self, st, rev, now, split, decision, [e for _, e in judged], notes)

    def _hold(self, st: RolloutState, rev: int, now: float, reason: str) -> Outcome:
        return apply_decision(self, st, rev, now, None, Decision("hold", reason, st.weight, True), [], [])
