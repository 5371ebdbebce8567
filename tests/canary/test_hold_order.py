"""A hold's line in the decision log and its state save: a crash between them may not leave the state
saying "held" with no line for that hold. A split write keeps its record in the state (`pending`) until
the line is on the log, and the next command appends it again (a no-op by marker); a hold does the same."""

from __future__ import annotations

import json

import pytest

from canary.conftest import CANDIDATE
from canary.helpers import controller, log_records
from canary.test_resilience import Crash, CrashingStore
from lmgate.canary import operations


class CrashingLog:
    """The real decision log, dying just after it appended its `nth` line (counted from 1)."""

    def __init__(self, inner, nth: int):
        self.inner, self.nth, self.appends = inner, nth, 0

    def append(self, record):
        appended = self.inner.append(record)
        self.appends += 1
        if self.appends == self.nth:
            raise Crash()
        return appended

    def records(self):
        return self.inner.records()


def state_of(repo) -> dict:
    return json.loads((repo / ".lmgate" / "canary" / "state.json").read_text())


def agree(repo) -> dict:
    """Every tick the state counts has exactly one line on the log (its marker names the tick), and the
    decision the state shows is the last one on the log."""
    state = state_of(repo)
    markers = [r["marker"] for r in log_records(repo) if r.get("marker")]
    ticks = [int(m.rsplit("/t", 1)[1].split("-", 1)[0]) for m in markers]
    assert sorted(ticks) == list(range(1, state["ticks"] + 1)), (markers, state["ticks"])
    last = [r for r in log_records(repo) if r.get("marker")][-1]
    assert (last["action"], last["reason"], last["state"]) == \
        (state["decision"]["action"], state["decision"]["reason"], state["state"]), (last, state["decision"])
    return state


def make_it_hold(repo, traffic, kind: str) -> None:
    operations.start(controller(repo), CANDIDATE)
    if kind == "held (metric source gone)":
        traffic.log.unlink()
    else:
        traffic.serve(40)  # far below min_requests: the step dwells


@pytest.mark.parametrize("kind", ["held (metric source gone)", "dwelling (too few requests)"])
@pytest.mark.parametrize("crash", ["after its state save", "after its log line"])
def test_a_hold_cut_off_by_a_crash_is_on_record_once_after_the_next_run(repo, traffic, kind, crash):
    make_it_hold(repo, traffic, kind)
    ctrl = controller(repo)
    if crash == "after its state save":
        ctrl.store = CrashingStore(ctrl.store, 1, "after")
    else:
        ctrl.log = CrashingLog(ctrl.log, 1)
    with pytest.raises(Crash):
        ctrl.tick()
    crashed = state_of(repo)
    hold = f"{crashed['rollout']['id']}/t2-hold"
    if crashed["ticks"] == 2 and crashed["decision"]["action"] == "hold":
        # the state has the hold: its line is on the log, or owed by the state and put there by the next run
        on_log = [r for r in log_records(repo) if r.get("marker") == hold]
        assert on_log or crashed.get("unlogged", {}).get("marker") == hold, (on_log, crashed)
    again = controller(repo).tick()
    assert again.decision["action"] == "hold", again.decision
    state = agree(repo)
    assert [r["marker"] for r in log_records(repo)].count(hold) == 1
    assert state["ticks"] == 3 and state.get("unlogged") is None


def test_a_status_after_such_a_crash_writes_nothing_and_the_next_manual_rollback_logs_the_hold_first(repo, traffic):
    make_it_hold(repo, traffic, "held (metric source gone)")
    ctrl = controller(repo)
    ctrl.store = CrashingStore(ctrl.store, 1, "after")
    with pytest.raises(Crash):
        ctrl.tick()
    lines = log_records(repo)
    operations.status(controller(repo))
    assert log_records(repo) == lines  # status reads, never writes
    operations.manual(controller(repo), "rollback", "held too long")
    state = agree(repo)
    assert state["state"] == "rolled_back"
    assert [r["action"] for r in log_records(repo) if r.get("marker")] == ["start", "hold", "rollback"]
