"""The resumable, idempotent tick: read state → read counts → update statistics → decide → apply.

Applying is part of the tick: a weight change is written ahead as `pending` in the state (CAS on
its revision), then to the backend (CAS on its etag), then the state is finalised and the decision
put on record. If the process dies in between, the next tick finds `pending` and checks the
backend's marker: landed → finalise; not landed and older than the lease → undo the decision
(keeping the counts, which were real) and decide again. The decision made again is written to the
split (compare-and-swap) even when it keeps the weight: a writer presumed dead may only have
stalled, and if its write lands first, this one loses and puts that write back pending for the
retry to record. So a crash loses and doubles nothing.
A human's rollback is the exception: it is written again, not decided again, since the human
rolled back on what the counts do not show; the traffic the candidate served since the crash is
still counted, so the record shows the metrics when the rollback took effect. A human's promotion
that never landed is undone and decided again like a tick's (the approver saw a crash, not a
promotion, and runs it again).
This comes before "the rollout is finished": a promote or rollback (a tick's or a human's) already
says promoted/rolled_back while its write is pending, and is finished only once reconciled.
A racing tick may reconcile a write that is still finishing; the writer then finds its marker
on the books and keeps its decision instead of deciding again on a window already counted.
A write that loses its race puts the state back as it found it, so a human's promote or rollback
that supersedes a tick's unfinished write, and then loses the split to it, leaves that write
pending for whoever reconciles it next (see `operations.manual`).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from lmgate.canary.approval import Approval
from lmgate.canary.audit import DecisionLog, status_line
from lmgate.canary.backends.base import LostRace, Target, read_split
from lmgate.canary.decide import Decision, Progress, decide
from lmgate.canary.sources.base import SourceProblem
from lmgate.canary.state import RESET, RolloutState, StateStore
from lmgate.canary.verdicts import guard_failure, judge, update
from lmgate.canary.wiring import Setup
from lmgate.errors import InputError, LmgateError, Location

# What a split write changes in the state: restored when the write loses its race, or is redone.
SNAPSHOT = ("state", "step_index", "weight", "step_started_at", "step_requests", "decision", "timeline", "metrics")
# A reason may quote what a source or backend answered (a log line, a server's error text): kept this short,
# it stays far inside the state's limit for text, or one hostile answer would make the state unreadable.
REASON_LIMIT = 2000


def clip(text: str) -> str:
    return text if len(text) <= REASON_LIMIT else text[: REASON_LIMIT - 1] + "…"


def explain(exc: Exception) -> str:
    """An error as one line of a hold's reason: what, in which file, and how to fix it (a hold is not exit 2,
    so the person reading the record must still learn where to look)."""
    if not isinstance(exc, LmgateError):
        return str(exc)
    where = f"{exc.where}: " if exc.where else ""
    return f"{where}{exc.message}" + (f" (fix: {exc.fix})" if exc.fix else "")


# Where the counting stands: kept by an undo that also takes the counts back, so none is lost or counted twice.
COUNTED = ("cursor", "last_tick_at")


@dataclass
class Outcome:
    state: RolloutState
    decision: dict
    metrics: list[dict] = field(default_factory=list)
    wrote: bool = False
    notes: list[str] = field(default_factory=list)


def with_approval(d: Decision, approval: Approval, weight: float) -> Decision:
    """Say on the record who let the decision pass the approval step, or why it did not pass yet."""
    if d.action in ("advance", "promote"):
        return replace(d, reason=f"{approval.describe()}: {d.reason}")
    if d.action == "rollback":
        return d
    return replace(d, reason=f"{approval.describe()}, but the step is not done yet, so it stays at {weight:g}%: "
                   f"{d.reason}; approve again once a tick says it waits for approval")


class Controller:
    def __init__(self, setup: Setup, store: StateStore, log: DecisionLog, clock: Callable[[], float],
                 deployments=None, dry_run: bool = False, lease_s: float = 300.0) -> None:
        self.s, self.store, self.log, self.clock = setup, store, log, clock
        self.deployments, self.dry_run, self.lease_s = deployments, dry_run, lease_s

    def load(self) -> RolloutState:
        st = self.store.load()
        if st is None:
            raise InputError("no rollout has been started", fix="run `lmgate canary start --candidate <sha>`")
        problem = self._misfit(st)
        if problem:
            raise InputError(f"the canary state does not fit lmgate.yaml: {problem} (was canary.steps or "
                             "canary.metrics changed during the rollout?)", where=Location(self.store.display),
                             fix=f"restore the config the rollout started with; or {RESET}")
        return st

    def _misfit(self, st: RolloutState) -> str | None:
        """What in a well-formed state the current plan cannot use: a step or a metric of another shape."""
        for snapshot in (st.__dict__, (st.pending or {}).get("before") or {}):
            if snapshot.get("step_index", 0) >= len(self.s.plan.steps):
                return f"it stands at step {snapshot['step_index'] + 1}, canary.steps has {len(self.s.plan.steps)}"
            for m in self.s.metrics:
                record = (snapshot.get("metrics") or {}).get(m.name) or {}
                width = 3 if m.kind == "score" else 2
                sides = [record[k] for k in ("canary", "stable", "step") if k in record]
                stats = record.get("stats") or {}
                if any(len(side) != width for side in sides) or (("s" in stats) != (m.kind == "score") and stats):
                    return f"metric {m.name!r} was recorded as another kind than {m.kind}"
        return None

    def tick(self, approval: Approval | None = None) -> Outcome:
        """One tick; `approval` (verified by `approval.verify`) lets it pass the approval step it stands at."""
        note = ""
        for _ in range(3):  # a lost compare-and-swap re-reads everything and decides again
            try:
                return self._tick(approval)
            except LostRace as exc:
                note = str(exc)
        st = self.load()
        return Outcome(st, {"action": "hold", "reason": f"another tick keeps winning the race ({note})"})

    def _tick(self, approval: Approval | None) -> Outcome:
        st, now, notes = self.load(), self.clock(), []
        self.catch_up(st)
        if approval is not None:
            self._check_approvable(st)
        if st.finished and not st.pending:
            return self._finished(st, notes)
        rev, cand = st.revision, st.rollout["candidate"]
        try:
            split = read_split(self.s.backend)
        except (LmgateError, SourceProblem) as exc:
            return self._hold(st, rev, now, f"cannot read the traffic split: {explain(exc)}")
        if not st.finished and self.s.backend.exists(cand) is False:
            return self._hold(st, rev, now, f"candidate revision {cand} does not exist")
        redo = None  # the state as loaded, when an unlanded write is undone and decided again
        if st.pending:
            if self.reconcile(st, split):
                notes.append("the previous tick's split write landed before it could save; reconciled")
            elif now - st.pending["at"] < self.lease_s:
                writer = "a manual " + st.pending["action"] if st.pending.get("by_hand") else "another tick"
                return Outcome(st, {"action": "hold", "reason": f"{writer} is writing the split right now"})
            else:
                pending = st.pending
                as_loaded = copy.deepcopy({k: getattr(st, k) for k in (*SNAPSHOT, *COUNTED, "pending")})
                st.__dict__.update(copy.deepcopy(pending["before"]))
                st.pending = None
                if pending.get("by_hand") and pending["action"] == "rollback":
                    return self._write_rollback_again(st, rev, now, split, pending, as_loaded, notes)
                notes.append("the previous tick stopped before its split write landed; its decision is made again")
                redo = as_loaded
                if self.s.backend.exists(cand) is False:
                    return self._hold(st, rev, now, f"candidate revision {cand} does not exist", split, redo)
            if st.finished:  # the promote or rollback that was pending landed: on record now, nothing to decide
                if self.dry_run:
                    return self._finished(st, [*notes, "dry run: nothing was written"])
                self.store.save(st, rev)
                return self._finished(st, notes)
        elif (split.marker, split.weight) != (st.marker, st.weight) or (split.canary != cand and st.weight):
            return self._hold(st, rev, now, f"the traffic split was changed outside lmgate (canary {split.canary} at "
                              f"{split.weight:g}%, lmgate wrote {cand} at {st.weight:g}%); lmgate will not overwrite "
                              "it: restore it, or run `lmgate canary rollback` or `promote`")
        problem = self.count(st, now)
        if problem:
            return self._hold(st, rev, now, problem, split, redo)
        judged = [judge(st.metrics[m.name], m, self.s.threshold) for m in self.s.metrics]
        failed = {g["metric"]: guard_failure(g, st.metrics) for g in self.s.guards}
        verdicts = [v if not failed.get(v.name) else type(v)(**{**v.__dict__, "guard": failed[v.name]})
                    for v, _ in judged]
        progress = Progress(st.step_index, st.step_requests, now - st.step_started_at,
                            now - st.rollout["started_at"], approved=approval is not None)
        decision = decide(self.s.plan, progress, verdicts)
        if approval is not None:
            decision, notes = with_approval(decision, approval, st.weight), [*notes, approval.describe()]
        if decision.action == "hold" and st.weight == 0 and decision.weight > 0:
            # nothing was routed yet (the start did not land, or the candidate appeared only now)
            decision = Decision("advance", f"routing the first step now: {decision.reason}", decision.weight)
            return self.apply(st, rev, now, split, decision, [e for _, e in judged], notes, action="start",
                              undo=redo, claim=redo is not None)
        return self.apply(st, rev, now, split, decision, [e for _, e in judged], notes, undo=redo,
                          claim=redo is not None)

    def count(self, st: RolloutState, now: float) -> str | None:
        """Fold the traffic since the cursor into the statistics, or say why not (then nothing is counted)."""
        if st.last_tick_at is not None and now < st.last_tick_at:
            return "the clock went backwards since the last tick"
        try:
            window = self.s.source.read(st.cursor, self.s.metrics, now)
        except (SourceProblem, LmgateError, OSError) as exc:  # an I/O error too: a hold, and never a blocked rollback
            return f"metric source: {getattr(exc, 'message', exc)}"
        cand, stable = st.rollout["candidate"], st.rollout["stable"]
        counts_c, counts_s = window.counts.get(cand, {}), window.counts.get(stable, {})
        kept = copy.deepcopy({k: getattr(st, k) for k in ("metrics", "step_requests", *COUNTED)})
        for m in self.s.metrics:
            update(st.metrics.setdefault(m.name, {}), m, counts_c.get(m.name), counts_s.get(m.name))
        st.step_requests += int((counts_c.get("_requests") or [0])[0])
        st.cursor, st.last_tick_at = window.cursor, now
        # Each window is bounded by its source, but the running totals are not: saved past the state's
        # bounds, the file would be refused by every later command and the rollout lost with it.
        problem = st.unreadable()
        if problem:
            st.__dict__.update(kept)
            return (f"metric source: this window's counts would take the rollout's running totals past what the "
                    f"state file holds ({problem[:200]}); they are not counted: check the source")
        return None

    def _write_rollback_again(self, st: RolloutState, rev: int, now: float, split, pending: dict,
                              as_loaded: dict, notes: list[str]) -> Outcome:
        """A human's rollback whose split write never landed (`st` already put back to before it).
        It is written again, not decided again: the human saw what the counts do not show, and deciding
        again could route the candidate again (a tick's own rollback, decided again on the same counts,
        rolls back again). The candidate kept its share since the crash, so that traffic is counted
        first and the record's metrics are those at this write; the counts the human decided on stay
        beside them as `decided_on`. Nothing the counting finds (a broken source, a clock gone back)
        holds the rollback: a rollback only takes exposure away. If the write loses its race, the state
        goes back to `as_loaded`: the human's rollback still pending, the window not counted."""
        notes.append("a rollback by hand stopped before its split write landed; it is written again")
        record = pending["record"]
        decided = record.get("decided_on") or {
            "what": "the metrics on record when the rollback was decided by hand, before its split write failed",
            "at": record.get("at", pending["at"]), "metrics": record.get("metrics", []),
            "step_requests": as_loaded["step_requests"]}
        problem = self.count(st, now)
        notes.append(clip(f"{problem}; the rollback is written on the counts on record") if problem else
                     "the traffic served since it was decided is counted in this record's metrics")
        d = Decision("rollback", record.get("reason") or "rollback by hand", 0.0)
        return self.apply(st, rev, now, split, d, self.metrics_on_record(st), notes, undo=as_loaded, by_hand=True,
                          decided_on=decided)

    def _check_approvable(self, st: RolloutState) -> None:
        """An approval is for the approval step the rollout stands at; anything else is refused."""
        if st.finished:
            raise InputError(f"nothing to approve: the rollout is already {st.state}", fix="start a new rollout")
        if st.step_index not in self.s.plan.approvals:
            gates = [f"after {self.s.plan.steps[i]:g}%" for i in sorted(self.s.plan.approvals) if i > st.step_index]
            later = f"; the next approval step is {gates[0]}" if gates else "; no approval step is left"
            raise InputError(f"nothing to approve: the rollout at {st.weight:g}% does not stand at an approval "
                             f"step{later}", fix="approve when a tick says it waits for approval")

    def _finished(self, st: RolloutState, notes: list[str]) -> Outcome:
        return Outcome(st, {**st.decision, "reason": f"rollout already {st.state}: {st.decision.get('reason')}"},
                       notes=notes)

    def _hold(self, st: RolloutState, rev: int, now: float, reason: str, split=None,
              redo: dict | None = None) -> Outcome:
        """Hold on record. `redo`: the state as loaded, when this hold replaces an unlanded write (apply's `claim`)."""
        if st.finished:  # its promote or rollback is still pending: a hold on record would overwrite that state
            return Outcome(st, {"action": "hold", "reason": f"{reason}; the {st.state} write is reconciled later"})
        return self.apply(st, rev, now, split, Decision("hold", reason, st.weight, True), [], [], undo=redo,
                          claim=redo is not None and split is not None)

    def metrics_on_record(self, st: RolloutState) -> list[dict]:
        """Each metric judged on the counts on record, with no new traffic read."""
        return [judge(st.metrics.get(m.name) or {}, m, self.s.threshold)[1] for m in self.s.metrics]

    def reconcile(self, st: RolloutState, split) -> bool:
        """If the split shows the marker of `st.pending`, that write landed: put it on record and finish it
        (in `st` only under a dry run, which writes no log line, no status, no state)."""
        if not st.pending or split.marker != st.pending["marker"]:
            return False
        st.marker = st.pending["marker"]
        if not self.dry_run:
            self.record(st, st.pending["record"])
        st.pending = None
        return True

    def apply(self, st: RolloutState, rev: int | None, now: float, split, d: Decision, metrics: list[dict],
              notes: list[str], action: str | None = None, undo: dict | None = None,
              by_hand: bool = False, decided_on: dict | None = None, claim: bool = False,
              won: Callable[[RolloutState], str | None] | None = None) -> Outcome:
        """Move `st` on by decision `d` and write it; `action` overrides `d.action` (a start is an
        advance on record). `undo`: the SNAPSHOT fields and `pending` the state goes back to if the
        split write loses its race (default: `st` as it is, with no write pending). `by_hand`: a
        human's decision, kept in `pending` so that a rollback that never landed is written again.
        `decided_on`: when a decision is written later than it was taken, what it was taken on (on record).
        `claim`: write the split even if the weight stays, because this decision replaces a write given up
        on after its lease: that write may still land (a stalled writer, a clock behind), and only a
        compare-and-swap on the split tells. If it landed first, this write loses, the state goes back to
        `undo` (that write pending again) and the retry puts it on record; if it lands later, it loses.
        `won`: what to do outside the state and the split only once this decision has won the state's
        compare-and-swap (a start's GitHub deployment), so that a loser leaves nothing behind; the note it
        returns, if any (what it could not do), is printed with the outcome."""
        action = action or d.action
        d = replace(d, reason=clip(d.reason))
        st.ticks += 1
        before = copy.deepcopy({k: getattr(st, k) for k in SNAPSHOT})
        undo = copy.deepcopy(undo) if undo is not None else {**copy.deepcopy(before), "pending": None}
        moves = d.weight != st.weight or action in ("promote", "rollback", "start") or claim
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
                  "status": status_line(d.weight, action, metrics, st.step_requests), "notes": notes,
                  **({"decided_on": decided_on} if decided_on else {})}
        out = Outcome(st, {**st.decision, "action": action}, metrics, False, notes)
        if self.dry_run:
            out.notes = [*notes, "dry run: nothing was written"]
            return out
        if not moves:
            # As a split write keeps its record in `pending` until the line is on the log, a hold is saved
            # with its record owed (`unlogged`), then logged, then saved again without it. A process that
            # dies between the saves leaves the record owed and the next command appends it (`catch_up`),
            # which the log's dedup by marker makes a no-op if it was already there. Saving first and
            # logging after, as before, left a state saying "held" with no line for it.
            st.unlogged = record
            self.store.save(st, rev)
            self.record(st, record)
            st.unlogged = None
            try:
                self.store.save(st, st.revision)
            except LostRace:
                # a racing command loaded the owed record, put it on the log (ours was then a no-op, or
                # theirs) and moved on from this hold: it is on record, and the newer state stands
                out.state = self.store.load() or st
            return out
        st.pending = {"marker": marker, "weight": d.weight, "action": action, "at": now, "before": before,
                      "record": record, **({"by_hand": True} if by_hand else {})}
        self.store.save(st, rev)
        if won is not None and (note := won(st)):
            out.notes = [*out.notes, note]
        target = Target(st.rollout["id"], marker.rsplit("/", 1)[1], st.rollout["stable"], st.rollout["candidate"],
                        action)
        try:
            self.s.backend.write(d.weight, split.etag, target)
        except LostRace:
            st.__dict__.update(undo)
            self.store.save(st, st.revision)
            raise
        except (LmgateError, OSError) as exc:  # outcome unknown: `pending` stays, the next tick reconciles
            reason = f"could not write the traffic split ({getattr(exc, 'message', exc)}); the next tick reconciles"
            self.log.append({**record, "action": "hold", "reason": reason, "marker": None})
            return Outcome(st, {"action": "hold", "reason": reason}, metrics, False, notes)
        # On record before the state lets go of `pending`: a process that dies between the two leaves the
        # write pending, and the next tick finds it landed and records it again, which the log's dedup
        # makes a no-op. The other order lost the record (and its deployment status) for good.
        first = self.record(st, record)
        st.pending, st.marker = None, marker
        try:
            self.store.save(st, st.revision)
        except LostRace:
            # A racing tick (or a human's promote or rollback) saw this write's marker land and reconciled
            # it before this save: it cleared `pending`, put the record on the log (and posted its status),
            # and a human's decision may already stand on top of it. The write and the window it counted are
            # on the books, so this tick's decision stands; deciding again would find the window already
            # counted and report "no data" for the tick that moved the split.
            current = self.store.load()
            if current is not None and (current.pending or {}).get("marker") == marker:
                # a human's command superseded this write, lost the split to it and put it back pending
                current.pending, current.marker = None, marker
                self.store.save(current, current.revision)
            elif current is None or (current.marker != marker and first):
                raise  # no one else put this write on the books: re-read and decide again
            out.state, out.wrote = current, True
            out.notes = [*notes, "a racing command found this split write landed and put it on record"]
            return out
        out.wrote = True
        return out

    def catch_up(self, st: RolloutState) -> None:
        """Put a hold whose process died after its state save, before its log line, on the log now (and
        post its status), before anything else happens to the rollout. The state lets go of it at its next
        save; a dry run writes nothing, so it leaves it owed."""
        if st.unlogged and not self.dry_run:
            self.record(st, st.unlogged)
            st.unlogged = None

    def record(self, st: RolloutState, record: dict) -> bool:
        """Append the record once and post its deployment status; the log's dedup makes racing ticks post once.
        False: the record was already on the log (a racing command put it there)."""
        if not self.log.append(record):
            return False  # a racing tick already put this split write on record (and posted its status)
        dep = st.rollout.get("deployment_id")
        if self.deployments is not None and dep:
            try:
                self.deployments.status(dep, record["action"], record["status"])
            except LmgateError as exc:  # the decision stands; the audit trail says what failed
                self.log.append({"at": record["at"], "marker": None, "note": f"deployment status failed: {exc}"})
        return True
