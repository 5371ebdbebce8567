"""The commands around the tick: start a rollout, promote or roll back by hand, report status."""

from __future__ import annotations

import copy
import hashlib
from datetime import datetime, timezone

from lmgate.canary.approval import Approval
from lmgate.canary.backends.base import LostRace, Split, UnreadableSplit, read_split
from lmgate.canary.controller import COUNTED, SNAPSHOT, Controller, Outcome, clip
from lmgate.canary.decide import Decision
from lmgate.canary.state import RolloutState
from lmgate.errors import InputError, LmgateError, Location


def start(ctrl: Controller, candidate: str, stable: str | None = None) -> Outcome:
    """Pin the candidate, create the rollout, and send it the first step's share of traffic."""
    existing = ctrl.store.load()
    if existing is not None and not existing.finished:
        raise InputError(f"a rollout of {existing.rollout['candidate']} is already {existing.state}",
                         fix="finish it first with `lmgate canary promote` or `lmgate canary rollback`")
    if existing is not None:
        ctrl.catch_up(existing)  # the finished rollout's last hold goes on the log before a new one replaces it
    notes = settle(ctrl, existing) if existing is not None and existing.pending else []
    now = ctrl.clock()
    split = read_split(ctrl.s.backend)
    stable = stable or ctrl.s.stable or (split.canary if split.weight >= 100 else split.stable) or "stable"
    if stable == candidate:
        raise InputError(f"the candidate {candidate} is already the stable version", fix="pass another --candidate")
    rid = f"{candidate[:12]}-{hashlib.sha1(f'{candidate}{now}'.encode(), usedforsecurity=False).hexdigest()[:6]}"
    st = RolloutState(rollout={"id": rid, "candidate": candidate, "stable": stable, "started_at": now},
                      step_started_at=now, marker=split.marker, weight=split.weight if split.weight < 100 else 0)
    rev = existing.revision if existing is not None else None
    try:
        if ctrl.s.backend.exists(candidate) is False:
            d = Decision("hold", f"candidate revision {candidate} does not exist; nothing was routed to it", 0.0,
                         True)
            return ctrl.apply(st, rev, now, None, d, [], notes)
        first = ctrl.s.plan.steps[0]
        d = Decision("advance", f"rollout started: {candidate} at {first:g}% against {stable}", first)
        return ctrl.apply(st, rev, now, split, d, [], notes, action="start",
                          won=lambda mine: deployment_for(ctrl, mine))
    except LostRace as exc:
        raise _start_lost(exc, ctrl, existing, rid) from None


def deployment_for(ctrl: Controller, st: RolloutState) -> str | None:
    """The rollout's GitHub deployment, created only once this start has won the state's compare-and-swap
    (created before, a start that lost the race left a deployment of a rollout that never existed).
    The deployment is the audit trail, not the rollout: if GitHub refuses it, the start that already
    holds the state goes on without statuses, and says why on the log and in its output."""
    if ctrl.deployments is None or ctrl.dry_run:
        return None
    try:
        st.rollout["deployment_id"] = ctrl.deployments.create(st.rollout)
    except LmgateError as exc:
        note = f"deployment could not be created, so no deployment statuses: {exc}"
        ctrl.log.append({"at": st.rollout["started_at"], "marker": None, "note": note})
        return note
    return None


def _start_lost(exc: LostRace, ctrl: Controller | None = None, existing: RolloutState | None = None,
                mine: str | None = None) -> InputError:
    """Who took the state from under this start: another start (then say which), or some other command."""
    try:
        current = ctrl.store.load() if ctrl is not None else None
    except LmgateError:
        current = None
    theirs = current.rollout["id"] if current is not None else None
    if theirs is not None and theirs != mine and (existing is None or theirs != existing.rollout["id"]):
        return InputError(f"another `lmgate canary start` won the race: rollout {theirs} of "
                          f"{current.rollout['candidate']} is {current.state} at {current.weight:g}%; this start "
                          "wrote nothing (no state, no traffic split, no deployment)",
                          where=Location(ctrl.store.display),
                          fix="if that is not the candidate you meant, finish it with `lmgate canary rollback`, "
                              "then start yours again")
    return InputError(f"another command changed the rollout while this start ran ({exc})",
                      fix="run `lmgate canary status` to see who won")


def settle(ctrl: Controller, st: RolloutState) -> list[str]:
    """The finished rollout's promote or rollback is decided but its split write still pending.
    Landed: put it on record, as any tick would, before the new rollout replaces the state.
    Not landed: refuse. Only a tick may finish it (wait out the lease, then write a human's rollback
    again or decide again, which may not even finish the rollout); starting over it would drop a
    rollback that never moved the split, or a promotion that never happened, without a trace."""
    split = read_split(ctrl.s.backend)
    action = st.pending["action"]
    if not ctrl.reconcile(st, split):
        raise InputError(
            f"the rollout of {st.rollout['candidate']} is {st.state}, but its {action} (decided "
            f"{iso(st.pending['at'])}) is still pending: its traffic split write to {st.pending['weight']:g}% has "
            f"not landed (the canary still has {split.weight:g}%), so a new rollout would replace a decision that "
            "never took effect",
            where=Location(ctrl.store.display),
            fix=f"run `lmgate canary tick`: it finishes the {action} once the split write lands or, after the "
                f"lease of {ctrl.lease_s:g} s, writes or decides it again; then run `lmgate canary start` again")
    if not ctrl.dry_run:
        try:
            ctrl.store.save(st, st.revision)
        except LostRace as exc:
            raise _start_lost(exc) from None
    return [f"the previous rollout's {action} had landed on the split; it is on record before this start"]


def manual(ctrl: Controller, action: str, reason: str | None, approval: Approval | None = None) -> Outcome:
    """A human's promote or rollback: written with the same compare-and-swap and on the same record.
    A promotion passes every approval step left, so it needs the same verified `approval`.
    A tick writing the split at the same moment does not stop it: a lost race re-reads and goes again."""
    if action == "promote" and approval is None:
        raise InputError("a promotion by hand needs a verified approval", fix="run `lmgate canary promote` "
                         "in the protected environment (see `lmgate.canary.approval`)")
    note = ""
    for _ in range(3):
        try:
            return _manual(ctrl, action, reason, approval)
        except LostRace as exc:
            note = str(exc)
    raise InputError(f"ticks kept changing the rollout while this {action} ran ({note})",
                     fix=f"run `lmgate canary {action}` again")


def _manual(ctrl: Controller, action: str, reason: str | None, approval: Approval | None) -> Outcome:
    st = ctrl.load()
    ctrl.catch_up(st)
    now = ctrl.clock()
    # not read_split: a human's rollback (or promotion) overwrites even a split that makes no sense;
    # only its etag (for the compare-and-swap) and marker (to reconcile) are used
    undo, notes = None, []
    try:
        split = ctrl.s.backend.read()
    except UnreadableSplit as exc:
        if action != "rollback":
            raise InputError(f"cannot {action}: {exc.message}", where=exc.where, fix=exc.fix) from exc
        # The emergency path: the content is no split, so there is nothing to reconcile; the rollback
        # overwrites it (compare-and-swap on its blob id) and says on record what it replaced.
        split = Split(0.0, exc.etag)
        notes.append(clip(f"{exc.where}: {exc.message}; the rollback replaced it with the all-stable split "
                          f"(what it replaced: {exc.found})"))
    if ctrl.reconcile(st, split):
        notes.append("a tick's split write had landed; it is on record before this " + action)
    elif st.pending:
        # The human supersedes a write not landed yet. Written with CAS on the split just read, this
        # decision lands only if that write never does: then it stands on the state that write was
        # decided on (keeping the counts). If this one loses, the state goes back to exactly what was
        # read here, that write still pending, and the next attempt finds it landed and records it.
        undo = copy.deepcopy({k: getattr(st, k) for k in (*SNAPSHOT, *COUNTED, "pending")})
        st.__dict__.update(copy.deepcopy(st.pending["before"]))
        st.pending = None
    if st.finished:
        if notes and not ctrl.dry_run:  # the write just put on record finished the rollout
            ctrl.store.save(st, st.revision)
        raise InputError(f"the rollout is already {st.state}", fix="start a new rollout")
    # The record's metrics are those when the decision is written: the traffic since the last tick is
    # counted first (the rollout is finished after this, so no tick would count it). What stops the
    # counting never stops the human's decision; the notes say the counts on record were used.
    problem = ctrl.count(st, now)
    if problem:
        notes.append(clip(f"{problem}; the {action} is written on the counts on record"))
    weight = 100.0 if action == "promote" else 0.0
    said = f"{action} by hand" + (f", {approval.describe()}" if approval else "")
    d = Decision(action, said + (f": {reason}" if reason else ""), weight)
    return ctrl.apply(st, st.revision, now, split, d, ctrl.metrics_on_record(st), notes, undo=undo, by_hand=True)


def status(ctrl: Controller) -> Outcome:
    """The rollout as on record. A decision whose split write is pending (`state` already says
    promoted/rolled_back, or the new step) is shown as taken but not yet in effect."""
    st = ctrl.load()
    owed = ["the last hold was saved but its line is not on the decision log yet (the process stopped "
            "between the two); the next tick or manual command puts it there"] if st.unlogged else []
    if not st.pending:
        return Outcome(st, st.decision, ctrl.metrics_on_record(st), notes=owed)
    action, to = st.pending["action"], st.pending["weight"]
    pending = (f"decided at {iso(st.pending['at'])}, but its traffic split write to {to:g}% is still pending: "
               "the next tick puts it on record once it lands, or after the lease writes or decides it again")
    decision = {**st.decision, "action": action, "reason": f"{st.decision.get('reason')} ({pending})"}
    note = (f"the {action} is decided and the state says {st.state}, but the traffic split write to {to:g}% "
            "is still pending; run `lmgate canary tick` to finish it")
    return Outcome(st, decision, ctrl.metrics_on_record(st), notes=[note, *owed])


def iso(ts: float | None) -> str | None:
    """A state's timestamp as shown to people and written to canary.json (UTC, to the second)."""
    return None if ts is None else datetime.fromtimestamp(ts, timezone.utc).isoformat(timespec="seconds")
