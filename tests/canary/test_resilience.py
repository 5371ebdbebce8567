"""Races, crashes and bad input: never a lost or doubled count, never a silent promotion."""

from __future__ import annotations

import json
import subprocess
import threading

import pytest
import yaml

from canary.conftest import CANDIDATE
from canary.helpers import Clock, cli, controller, log_records, weight
from lmgate.canary import operations
from lmgate.canary.approval import Approval
from lmgate.canary.backends.base import LostRace, Target
from lmgate.canary.backends.git_file import GitFile
from lmgate.cli import main
from lmgate.errors import InputError


class Crash(BaseException):
    """Stands for the process dying (a kill, a runner shutting down)."""


class Wrapped:
    """The real backend, with a hook around `read`/`write` to line up races and inject crashes."""

    def __init__(self, inner, *, before_read=None, after_read=None, before_write=None, after_write=None,
                 crash_after_write=False, crash_before_write=False):
        self.inner, self.before_read, self.after_write = inner, before_read, after_write
        self.after_read, self.before_write = after_read, before_write  # after_read runs on every read
        self.crash_after_write, self.crash_before_write = crash_after_write, crash_before_write
        self.NAME = inner.NAME

    def read(self):
        if self.before_read:
            hook, self.before_read = self.before_read, None
            hook()
        split = self.inner.read()
        if self.after_read:
            self.after_read()
        return split

    def write(self, weight, etag, target):
        if self.crash_before_write:
            raise Crash()
        if self.before_write:
            hook, self.before_write = self.before_write, None
            hook()
        etag = self.inner.write(weight, etag, target)
        if self.after_write:
            hook, self.after_write = self.after_write, None
            hook()
        if self.crash_after_write:
            raise Crash()
        return etag

    def exists(self, revision):
        return self.inner.exists(revision)


def wrap(ctrl, **kw):
    ctrl.s = type(ctrl.s)(**{**ctrl.s.__dict__, "backend": Wrapped(ctrl.s.backend, **kw)})
    return ctrl


def advances(repo) -> list[dict]:
    return [r for r in log_records(repo) if r.get("action") == "advance"]


def counted(repo) -> int:
    state = json.loads((repo / ".lmgate" / "canary" / "state.json").read_text())
    return state["metrics"]["errors"]["canary"][1]


def test_git_file_compare_and_swap_lets_exactly_one_writer_win(repo):
    backend = GitFile({"path": "deploy/routing.yaml", "github": False, "branch": None},
                      type("D", (), {"root": repo, "github": None})())
    etag = backend.read().etag
    target = Target("r", "t1", "v1", CANDIDATE, "advance")
    backend.write(25, etag, target)
    with pytest.raises(LostRace):
        backend.write(50, etag, Target("r", "t2", "v1", CANDIDATE, "advance"))
    assert backend.read().weight == 25 and backend.read().marker == "r/t1"


def ticks_at_once(ctrls: list) -> list:
    """Each controller's tick, run in its own thread at the same time; their outcomes in order."""
    outcomes = [None] * len(ctrls)

    def run(i):
        outcomes[i] = ctrls[i].tick()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(ctrls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    return outcomes


def test_two_ticks_at_once_write_once_and_agree(repo, traffic):
    operations.start(controller(repo), CANDIDATE)
    traffic.serve(6000)
    barrier = threading.Barrier(2, timeout=10)
    ctrls = [wrap(controller(repo), before_read=barrier.wait) for _ in range(2)]
    outcomes = ticks_at_once(ctrls)
    actions = sorted(o.decision["action"] for o in outcomes)
    assert actions == ["advance", "hold"], [(o.decision, o.notes) for o in outcomes]
    assert sum(o.wrote for o in outcomes) == 1
    assert len(advances(repo)) == 1
    assert yaml.safe_load((repo / "deploy" / "routing.yaml").read_text())["canary"]["weight"] == 25
    assert counted(repo) == traffic.served[CANDIDATE]  # the loser did not count the window again
    later = controller(repo).tick()  # and the next tick carries on from the winner's state
    assert later.state.weight == 25 and later.decision["action"] == "hold"


def test_a_tick_that_reconciles_the_winners_write_before_it_saves_leaves_it_the_advance(repo, traffic):
    """The interleaving behind the once-in-a-dozen failure of the two-threads test, forced: the
    winner's split write lands, a racing tick finds it (marker landed) and reconciles it, and only
    then does the winner save its final state. The winner's save then loses the state's revision;
    it must still report its advance, not start over and say "no data" for the window it counted."""
    operations.start(controller(repo), CANDIDATE)
    traffic.serve(6000)
    racer: list = []
    winner = wrap(controller(repo), after_write=lambda: racer.append(controller(repo).tick()))
    won = winner.tick()
    (lost,) = racer
    assert won.decision["action"] == "advance" and won.wrote, won.decision
    assert lost.decision["action"] == "hold" and not lost.wrote
    assert any("landed" in n for n in lost.notes)
    assert len(advances(repo)) == 1
    assert yaml.safe_load((repo / "deploy" / "routing.yaml").read_text())["canary"]["weight"] == 25
    assert counted(repo) == traffic.served[CANDIDATE]
    assert won.state.weight == 25 and won.state.pending is None
    later = controller(repo).tick()
    assert later.state.weight == 25 and later.decision["action"] == "hold"


def by_hand(repo, action, ctrl=None):
    approval = Approval(by="alice") if action == "promote" else None
    return operations.manual(ctrl or controller(repo), action, "seen on the dashboards", approval)


def settled_by_hand(repo, traffic, action, outcomes):
    """What must hold once a tick's split write and a manual promote/rollback have raced, whoever won:
    the human's decision stands, and each landed write is on record exactly once."""
    assert yaml.safe_load((repo / "deploy" / "routing.yaml").read_text())["canary"]["weight"] == \
        (100 if action == "promote" else 0)
    assert [r["action"] for r in log_records(repo) if r.get("marker")] == ["start", "advance", action]
    assert counted(repo) == traffic.served[CANDIDATE]
    said = [o.decision.get("reason", "") for o in outcomes] + [n for o in outcomes for n in o.notes]
    assert not any("outside lmgate" in x for x in said), said
    later = controller(repo).tick()
    assert later.state.state == ("promoted" if action == "promote" else "rolled_back"), later.decision
    assert later.state.pending is None and "outside lmgate" not in later.decision["reason"]
    assert len(log_records(repo)) == 3  # the later tick reported the finished rollout and wrote nothing


@pytest.mark.parametrize("action", ["rollback", "promote"])
def test_a_manual_decision_after_a_ticks_split_write_landed_puts_that_write_on_record(repo, traffic, action):
    """The tick's split write lands; before the tick saves its final state, a human rolls back (or
    promotes). The human's command finds the tick's marker on the split: the tick's advance happened
    and is put on record, then the human's decision is written on top of it."""
    operations.start(controller(repo), CANDIDATE)
    traffic.serve(6000)
    manual: list = []
    ticker = wrap(controller(repo), after_write=lambda: manual.append(by_hand(repo, action)))
    ticked = ticker.tick()
    (done,) = manual
    assert done.decision["action"] == action and done.wrote
    assert any("landed" in n for n in done.notes), done.notes
    assert ticked.decision["action"] == "advance" and ticked.wrote, (ticked.decision, ticked.notes)
    settled_by_hand(repo, traffic, action, [done, ticked])


@pytest.mark.parametrize("action", ["rollback", "promote"])
@pytest.mark.parametrize("tick_saves", ["after the human", "while the human retries"])
def test_a_manual_decision_that_loses_to_a_ticks_split_write_still_wins(repo, traffic, action, tick_saves):
    """The human's command reads the split just before a tick's split write lands, so the human's
    compare-and-swap on the split loses. It used to have cleared the tick's `pending` on the way, so
    the tick's landed write was never put on record and every later tick said the split was "changed
    outside lmgate". Now the losing command puts the state back as it found it (the tick's write
    still pending), reads again, puts the tick's write on record and writes the human's decision.
    `tick_saves`: the tick's final save comes after the human's command has finished, or between the
    human's lost write and its second try (it then finds its own write pending again and finishes it)."""
    operations.start(controller(repo), CANDIDATE)
    traffic.serve(6000)
    pending_saved, human_read, tick_wrote, human_lost, human_done, tick_done = (threading.Event() for _ in range(6))
    reads = []

    def human_reads():
        reads.append(1)
        if len(reads) == 1:  # the split is read; the tick's write lands before the human writes
            human_read.set()
            assert tick_wrote.wait(10)
        elif len(reads) == 2 and tick_saves == "while the human retries":
            human_lost.set()
            assert tick_done.wait(10)

    def tick_wrote_it():
        tick_wrote.set()
        assert (human_lost if tick_saves == "while the human retries" else human_done).wait(10)

    ticker = wrap(controller(repo), before_write=lambda: (pending_saved.set(), human_read.wait(10)),
                  after_write=tick_wrote_it)
    ticked: list = []

    def run():
        try:
            ticked.append(ticker.tick())
        finally:
            tick_done.set()

    thread = threading.Thread(target=run)
    thread.start()
    try:
        assert pending_saved.wait(10)
        done = by_hand(repo, action, wrap(controller(repo), after_read=human_reads))
    finally:
        human_done.set()
        thread.join(20)
    (ticked,) = ticked
    assert done.decision["action"] == action and done.wrote, done.decision
    assert ticked.decision["action"] == "advance" and ticked.wrote, (ticked.decision, ticked.notes)
    settled_by_hand(repo, traffic, action, [done, ticked])


@pytest.mark.parametrize("action", ["rollback", "promote"])
def test_a_manual_decision_that_wins_over_a_ticks_unlanded_write_supersedes_it(repo, traffic, action):
    """A tick saved its pending advance but its split write has not landed when the human writes:
    the human's write wins the split, the tick's write then loses it, and only the human's decision is
    on record (the tick's advance never happened, so it is neither logged nor left on the timeline)."""
    operations.start(controller(repo), CANDIDATE)
    traffic.serve(6000)
    manual: list = []
    ticker = wrap(controller(repo), before_write=lambda: manual.append(by_hand(repo, action)))
    ticked = ticker.tick()
    (done,) = manual
    assert done.decision["action"] == action and done.wrote
    assert not ticked.wrote and "already" in ticked.decision["reason"], ticked.decision
    assert yaml.safe_load((repo / "deploy" / "routing.yaml").read_text())["canary"]["weight"] == \
        (100 if action == "promote" else 0)
    assert [r["action"] for r in log_records(repo) if r.get("marker")] == ["start", action]
    assert [t["action"] for t in done.state.timeline] == ["start", action]
    assert done.state.step_index == 0 and done.state.pending is None
    assert counted(repo) == traffic.served[CANDIDATE]


def test_crash_between_split_and_state_is_reconciled(repo, traffic):
    operations.start(controller(repo), CANDIDATE)
    traffic.serve(6000)
    with pytest.raises(Crash):
        wrap(controller(repo), crash_after_write=True).tick()
    assert yaml.safe_load((repo / "deploy" / "routing.yaml").read_text())["canary"]["weight"] == 25
    assert advances(repo) == []  # the crash came before the record
    out = controller(repo).tick()
    assert any("landed" in n for n in out.notes)
    assert out.state.weight == 25 and out.state.step_index == 1 and out.state.pending is None
    assert len(advances(repo)) == 1  # recorded once, on reconcile
    assert counted(repo) == traffic.served[CANDIDATE]


def test_crash_before_the_split_write_is_decided_again(repo, traffic):
    operations.start(controller(repo), CANDIDATE)
    traffic.serve(6000)
    with pytest.raises(Crash):
        wrap(controller(repo), crash_before_write=True).tick()
    fresh = controller(repo).tick()  # inside the lease: it may still be in flight, so hands off
    assert fresh.decision["action"] == "hold" and "writing the split" in fresh.decision["reason"]
    out = controller(repo, lease_s=0).tick()
    assert any("made again" in n for n in out.notes)
    assert out.decision["action"] == "advance" and out.state.weight == 25
    assert len(advances(repo)) == 1
    assert counted(repo) == traffic.served[CANDIDATE]


@pytest.mark.parametrize("damage, reason", [
    ("missing", "does not exist"),
    ("garbage", "not a request record"),
    ("backwards", "time goes backwards"),
    ("shrunk", "shrank"),
])
def test_a_broken_metric_source_holds_with_the_reason(repo, traffic, damage, reason):
    operations.start(controller(repo), CANDIDATE)
    traffic.serve(6000)
    controller(repo).tick()  # advance to 25 %, cursor at the end of the log
    if damage == "missing":
        traffic.log.unlink()
    elif damage == "garbage":
        with open(traffic.log, "a") as fh:
            fh.write("<html>502 Bad Gateway</html>\n")
    elif damage == "backwards":
        with open(traffic.log, "a") as fh:
            fh.write(json.dumps({"ts": 1_000_000_000, "version": CANDIDATE, "error": False}) + "\n")
    else:
        traffic.log.write_text("")
    for _ in range(2):
        out = controller(repo).tick()
        assert out.decision["action"] == "hold" and reason in out.decision["reason"], out.decision
        assert out.state.state == "held" and out.state.weight == 25


def test_a_hand_edited_routing_file_holds_and_is_not_overwritten(repo, traffic):
    operations.start(controller(repo), CANDIDATE)
    routing = repo / "deploy" / "routing.yaml"
    routing.write_text(routing.read_text().replace("weight: 5", "weight: 40"))
    edited = routing.read_bytes()
    traffic.serve(20000, weight=40)
    for _ in range(2):
        out = controller(repo).tick()
        assert out.decision["action"] == "hold" and "changed outside lmgate" in out.decision["reason"]
    assert routing.read_bytes() == edited
    out = operations.manual(controller(repo), "rollback", "undo the hand edit")
    assert out.state.state == "rolled_back" and yaml.safe_load(routing.read_text())["canary"]["weight"] == 0


def test_a_candidate_that_does_not_exist_is_never_routed(repo):
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "init"], cwd=repo, check=True)
    before = (repo / "deploy" / "routing.yaml").read_bytes()
    out = operations.start(controller(repo), "0" * 40)
    assert out.decision["action"] == "hold" and "does not exist" in out.decision["reason"]
    assert out.state.state == "held" and (repo / "deploy" / "routing.yaml").read_bytes() == before
    for _ in range(2):
        out = controller(repo).tick()
        assert out.decision["reason"] == f"candidate revision {'0' * 40} does not exist" and out.state.weight == 0
    assert (repo / "deploy" / "routing.yaml").read_bytes() == before
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True).stdout.strip()
    operations.manual(controller(repo), "rollback", "wrong sha")
    assert operations.start(controller(repo), head).state.weight == 5


def test_a_failed_split_write_holds_and_the_next_tick_reconciles(repo, traffic):
    from canary.servers import SplitEndpoint

    server = SplitEndpoint()
    try:
        text = (repo / "lmgate.yaml").read_text().replace(
            "backend: {type: git-file, path: deploy/routing.yaml}", f"backend: {{type: webhook, url: '{server.url}'}}")
        (repo / "lmgate.yaml").write_text(text)
        operations.start(controller(repo), CANDIDATE)
        traffic.serve(6000, weight=5)
        server.fail_posts = 1  # the service refuses this tick's write
        out = controller(repo).tick()
        assert out.decision["action"] == "hold" and "could not write the traffic split" in out.decision["reason"]
        assert server.split["weight"] == 5 and out.state.pending is not None
        out = controller(repo, lease_s=0).tick()
        assert out.decision["action"] == "advance" and server.split["weight"] == 25, out.decision
        assert counted(repo) == traffic.served[CANDIDATE]
        posts = [h["Idempotency-Key"] for m, _, h, _ in server.requests if m == "POST"]
        assert len(posts) == 3 and len(set(posts)) == 3  # start, the refused write, the redo
    finally:
        server.close()


def test_git_file_can_commit_each_write_in_the_local_repository(repo):
    for args in (["init", "-q"], ["config", "user.name", "t"], ["config", "user.email", "t@t"], ["add", "-A"],
                 ["commit", "-qm", "init"]):
        subprocess.run(["git", *args], cwd=repo, check=True)
    backend = GitFile({"path": "deploy/routing.yaml", "github": False, "branch": None, "commit": True},
                      type("D", (), {"root": repo, "github": None})())
    backend.write(5, backend.read().etag, Target("r", "t1", "v1", CANDIDATE, "start"))
    log = subprocess.run(["git", "log", "-1", "--format=%s", "--", "deploy/routing.yaml"], cwd=repo,
                         capture_output=True, text=True, check=True).stdout.strip()
    assert log == f"canary start: {CANDIDATE} at 5% (r/t1)"
    assert subprocess.run(["git", "status", "--porcelain", "deploy"], cwd=repo, capture_output=True,
                          text=True).stdout == ""


def settled_after_a_crash(repo, traffic, outcomes) -> dict:
    """What a user needs once a crashed split write is reconciled: the split shows the state lmgate
    has on record, each landed write is on record once, no count twice, and lmgate never calls its
    own write a change "outside lmgate". Returns the state on disk."""
    state = json.loads((repo / ".lmgate" / "canary" / "state.json").read_text())
    split = yaml.safe_load((repo / "deploy" / "routing.yaml").read_text())["canary"]
    assert state["pending"] is None and split["weight"] == state["weight"], (split, state["state"])
    markers = [r["marker"] for r in log_records(repo) if r.get("marker")]
    assert len(markers) == len(set(markers)) and markers[-1] == state["marker"], markers
    assert counted(repo) == traffic.served[CANDIDATE]
    said = [o.decision.get("reason", "") for o in outcomes] + [n for o in outcomes for n in o.notes]
    assert not any("outside lmgate" in x for x in said), said
    return state


@pytest.mark.parametrize("by", ["a tick", "a human"])
def test_a_rollback_that_crashes_after_its_split_write_is_put_on_record(repo, traffic, by):
    """The rollback's split write lands, then the process dies before the state is finalised: the state
    already says rolled_back (with the write pending). The next tick used to stop at "already rolled_back"
    and never reconcile it, so the rollback that moved the split was never on record."""
    operations.start(controller(repo), CANDIDATE)
    with pytest.raises(Crash):
        if by == "a tick":
            traffic.serve(6000, harm=20.0)  # beyond the errors guard: the tick rolls back at once
            wrap(controller(repo), crash_after_write=True).tick()
        else:
            traffic.serve(6000)
            controller(repo).tick()  # advance to 25 %, with the window counted
            by_hand(repo, "rollback", wrap(controller(repo), crash_after_write=True))
    assert yaml.safe_load((repo / "deploy" / "routing.yaml").read_text())["canary"]["weight"] == 0
    outcomes = [controller(repo).tick() for _ in range(2)]
    assert any("landed" in n for n in outcomes[0].notes), outcomes[0].decision
    assert all(o.state.state == "rolled_back" and not o.wrote for o in outcomes)
    expected = ["start", "rollback"] if by == "a tick" else ["start", "advance", "rollback"]
    assert [r["action"] for r in log_records(repo) if r.get("marker")] == expected
    assert settled_after_a_crash(repo, traffic, outcomes)["state"] == "rolled_back"


def test_a_ticks_rollback_that_crashes_before_its_split_write_is_decided_again(repo, traffic):
    """The process dies after saving the pending rollback, before the split write: the split still
    sends the candidate its share while the state said rolled_back, for good. Now, as for any step,
    the next tick waits out the lease (the write may still be in flight), then undoes the decision
    (keeping the counts) and decides again, which rolls back again on the same counts."""
    operations.start(controller(repo), CANDIDATE)
    traffic.serve(6000, harm=20.0)
    with pytest.raises(Crash):
        wrap(controller(repo), crash_before_write=True).tick()
    fresh = controller(repo).tick()
    assert fresh.decision["action"] == "hold" and "writing the split" in fresh.decision["reason"]
    out = controller(repo, lease_s=0).tick()
    assert any("made again" in n for n in out.notes), out.notes
    assert out.decision["action"] == "rollback" and out.wrote and out.state.state == "rolled_back"
    later = controller(repo).tick()
    assert [r["action"] for r in log_records(repo) if r.get("marker")] == ["start", "rollback"]
    settled_after_a_crash(repo, traffic, [fresh, out, later])
    assert yaml.safe_load((repo / "deploy" / "routing.yaml").read_text())["canary"]["weight"] == 0


@pytest.mark.parametrize("action", ["promote"])
def test_a_manual_decision_that_crashes_before_its_split_write_is_undone_after_the_lease(repo, traffic, action):
    """A human's promotion that dies before its split write moved nothing and reported nothing done: once
    the lease has passed, the next tick undoes it like any unlanded write and decides again on the
    rollout as it stood; the human's decision is not on record, and running it again works. (A rollback
    by hand is written again instead: see the last test.)"""
    operations.start(controller(repo), CANDIDATE)
    traffic.serve(6000)
    with pytest.raises(Crash):
        by_hand(repo, action, wrap(controller(repo), crash_before_write=True))
    out = controller(repo, lease_s=0).tick()
    assert any("made again" in n for n in out.notes), out.notes
    assert out.decision["action"] == "advance" and out.state.weight == 25, out.decision
    assert [r["action"] for r in log_records(repo) if r.get("marker")] == ["start", "advance"]
    settled_after_a_crash(repo, traffic, [out])
    done = by_hand(repo, action)
    assert done.wrote and done.state.state == ("promoted" if action == "promote" else "rolled_back")
    settled_after_a_crash(repo, traffic, [out, done, controller(repo).tick()])


def test_a_split_that_cannot_be_read_leaves_a_pending_rollback_rolled_back(repo, traffic):
    """While a crashed rollback is still to be reconciled, a tick that cannot read the split holds
    without saving a hold over the rolled_back state: otherwise the rollback, reconciled later, would
    sit on a "held" state that the next tick moves on from, routing the candidate again."""
    operations.start(controller(repo), CANDIDATE)
    traffic.serve(6000)
    controller(repo).tick()
    with pytest.raises(Crash):
        by_hand(repo, "rollback", wrap(controller(repo), crash_after_write=True))
    routing = repo / "deploy" / "routing.yaml"
    landed = routing.read_bytes()
    routing.write_text("canary: [not, a, split\n")
    held = controller(repo).tick()
    assert held.decision["action"] == "hold" and "cannot read the traffic split" in held.decision["reason"]
    routing.write_bytes(landed)
    traffic.serve(6000, weight=0)
    outcomes = [held, *(controller(repo).tick() for _ in range(2))]
    assert all(o.state.state == "rolled_back" for o in outcomes[1:]), [o.decision for o in outcomes]
    assert [r["action"] for r in log_records(repo) if r.get("marker")] == ["start", "advance", "rollback"]
    assert settled_after_a_crash(repo, traffic, outcomes)["weight"] == 0


def crashed_rollback_by_hand(repo, traffic, *, landed: bool) -> None:
    """Start, advance to 25 %, then a human's rollback dies after saving its pending write: after the
    split write (`landed`) or before it (the split still sends the candidate 25 %)."""
    operations.start(controller(repo), CANDIDATE)
    traffic.serve(6000)
    controller(repo).tick()
    with pytest.raises(Crash):
        by_hand(repo, "rollback", wrap(controller(repo), crash_after_write=landed, crash_before_write=not landed))
    assert weight(repo) == (0 if landed else 25)


@pytest.mark.parametrize("landed", [True, False])
def test_status_says_a_decided_rollback_waits_for_its_split_write(repo, traffic, capsys, landed):
    """`status` used to show rolled_back as done while the split write was still pending."""
    crashed_rollback_by_hand(repo, traffic, landed=landed)
    state = (repo / ".lmgate" / "canary" / "state.json").read_bytes()
    _, body, _ = cli(repo, "status", capsys=capsys)
    assert (repo / ".lmgate" / "canary" / "state.json").read_bytes() == state  # status reconciles nothing
    assert body["state"] == "rolled_back" and body["decision"]["action"] == "rollback"
    said = body["decision"]["reason"]
    assert "decided" in said and "traffic split write" in said and "pending" in said, said
    assert any("pending" in n for n in body["notes"]), body["notes"]
    assert body["pending_write"]["action"] == "rollback" and body["pending_write"]["weight"] == 0, body
    main(["canary", "status", "--config", str(repo / "lmgate.yaml")], env={})
    text = capsys.readouterr().out
    assert "decision: rollback" in text and "write to 0% is still pending" in text, text
    # the first line, the one a reader takes in, must not say rolled back as if it were done
    assert "not yet in effect" in text.splitlines()[0], text
    controller(repo, lease_s=0).tick()
    _, body, _ = cli(repo, "status", capsys=capsys)
    assert "pending" not in body["decision"]["reason"] and not body["notes"], body
    assert body["pending_write"] is None


@pytest.mark.parametrize("command", ["tick", "rollback", "start"])
def test_a_dry_run_over_a_landed_pending_write_writes_nothing(repo, traffic, command):
    """A dry run that finds a landed pending write used to put it on the decision log (and a tick
    saved the state): a dry run writes no state, no log line and no split."""
    crashed_rollback_by_hand(repo, traffic, landed=True)
    files = [repo / ".lmgate" / "canary" / "state.json", repo / ".lmgate" / "canary" / "decisions.jsonl",
             repo / "deploy" / "routing.yaml"]
    before = [f.read_bytes() for f in files]
    ctrl = controller(repo, dry_run=True)
    if command == "tick":
        out = ctrl.tick()
    elif command == "rollback":
        with pytest.raises(InputError, match="already rolled_back"):
            by_hand(repo, "rollback", ctrl)
    else:
        out = operations.start(ctrl, "v3")
    assert [f.read_bytes() for f in files] == before
    if command != "rollback":
        assert any("dry run" in n for n in out.notes), out.notes
    if command == "tick":
        assert out.state.state == "rolled_back"


def test_a_manual_rollback_that_crashes_before_its_split_write_is_written_again(repo, traffic):
    """A human's rollback that died before its split write used to be undone after the lease, and the
    tick then decided again on the rollout as it stood: it could advance the candidate a human had
    just rolled back. Now it is written again, as a tick's own rollback is decided again."""
    crashed_rollback_by_hand(repo, traffic, landed=False)
    fresh = controller(repo).tick()  # inside the lease: it may still be in flight, so hands off
    assert fresh.decision["action"] == "hold" and "writing the split" in fresh.decision["reason"]
    out = controller(repo, lease_s=0).tick()  # the old code held the candidate at 25 % here, state "held"
    assert any("written again" in n for n in out.notes), (out.decision, out.state.state, out.state.weight)
    assert out.wrote and out.decision["action"] == "rollback" and out.state.state == "rolled_back"
    assert out.decision["reason"] == "rollback by hand: seen on the dashboards"
    assert [r["action"] for r in log_records(repo) if r.get("marker")] == ["start", "advance", "rollback"]
    later = controller(repo).tick()
    assert later.state.state == "rolled_back" and not later.wrote
    assert settled_after_a_crash(repo, traffic, [fresh, out, later])["weight"] == 0


def test_a_start_over_a_rollback_whose_write_landed_puts_that_write_on_record_first(repo, traffic):
    """The previous rollout says rolled_back with its split write pending; the write landed. A new start
    used to replace that state, so the rollback that moved the split was never on record."""
    crashed_rollback_by_hand(repo, traffic, landed=True)
    out = operations.start(controller(repo), "v3")
    assert out.wrote and out.state.rollout["candidate"] == "v3" and weight(repo) == 5
    assert any("on record" in n for n in out.notes), out.notes
    assert [r["action"] for r in log_records(repo) if r.get("marker")] == ["start", "advance", "rollback", "start"]


def test_a_start_over_a_rollback_whose_write_has_not_landed_is_refused(repo, traffic, capsys):
    """The previous rollout's rollback is decided but its split write never landed: the candidate still
    has 25 %. A new start used to replace that state and the rollback was lost. It is refused (exit 2,
    saying what is pending and to run a tick), and the tick it names finishes the rollback."""
    crashed_rollback_by_hand(repo, traffic, landed=False)
    state = (repo / ".lmgate" / "canary" / "state.json").read_bytes()
    code, _, err = cli(repo, "start", "--candidate", "v3", capsys=capsys)
    assert code == 2 and "rollback" in err and "pending" in err and "lmgate canary tick" in err, err
    assert "Traceback" not in err and "state.json" in err
    assert (repo / ".lmgate" / "canary" / "state.json").read_bytes() == state and weight(repo) == 25
    controller(repo, lease_s=0).tick()
    assert operations.start(controller(repo), "v3").state.rollout["candidate"] == "v3" and weight(repo) == 5


def test_a_tick_inside_the_lease_of_a_human_decision_names_the_human_as_the_writer(repo, traffic):
    """It said 'another tick is writing the split', sending the operator to look for a tick."""
    crashed_rollback_by_hand(repo, traffic, landed=False)
    held = controller(repo).tick()
    assert held.decision["action"] == "hold"
    assert held.decision["reason"] == "a manual rollback is writing the split right now", held.decision


def test_a_manual_rollback_written_again_counts_the_traffic_served_since_the_crash(repo, traffic):
    """The candidate kept its 25 % between the crash and the rewrite. The rewrite used to put the
    pre-crash counts on record as the metrics of the rollback, and never count that traffic at all:
    the audit said something other than the live evidence when the rollback took effect. Now the
    window is counted (it never holds the rollback back), the record's metrics are those at the
    write, and the counts the human decided on are kept beside them, labelled."""
    crashed_rollback_by_hand(repo, traffic, landed=False)
    at_the_decision = counted(repo)
    traffic.serve(4000)  # still routed at 25 %: the split write never landed
    assert traffic.served[CANDIDATE] > at_the_decision
    out = controller(repo, lease_s=0, clock=Clock(1_800_003_600.0)).tick()
    assert out.wrote and out.decision["action"] == "rollback" and out.state.state == "rolled_back", out.decision
    assert out.decision["reason"] == "rollback by hand: seen on the dashboards"
    (record,) = [r for r in log_records(repo) if r.get("action") == "rollback"]
    errors = {m["name"]: m for m in record["metrics"]}["errors"]
    assert errors["canary"]["total"] == traffic.served[CANDIDATE] == counted(repo), (errors, at_the_decision)
    assert [m["canary"]["total"] for m in out.metrics if m["name"] == "errors"] == [traffic.served[CANDIDATE]]
    decided = record["decided_on"]
    assert {m["name"]: m for m in decided["metrics"]}["errors"]["canary"]["total"] == at_the_decision
    assert decided["at"] < record["at"] and "before its split write" in decided["what"], decided
    assert any("counted" in n for n in out.notes), out.notes
    later = controller(repo).tick()
    assert later.state.state == "rolled_back" and not later.wrote
    assert settled_after_a_crash(repo, traffic, [out, later])["weight"] == 0


@pytest.mark.parametrize("damage", ["missing", "garbage"])
def test_a_manual_rollback_written_again_is_not_held_back_by_a_broken_metric_source(repo, traffic, damage):
    """Counting the traffic since the crash must never stand between a human's rollback and the split:
    a source that cannot be read leaves the counts on record and says so."""
    crashed_rollback_by_hand(repo, traffic, landed=False)
    if damage == "missing":
        traffic.log.unlink()
    else:
        with open(traffic.log, "a") as fh:
            fh.write("<html>502 Bad Gateway</html>\n")
    out = controller(repo, lease_s=0).tick()
    assert out.wrote and out.state.state == "rolled_back" and weight(repo) == 0, out.decision
    assert any("metric source" in n and "counts on record" in n for n in out.notes), out.notes
    assert [r["action"] for r in log_records(repo) if r.get("marker")] == ["start", "advance", "rollback"]


def test_a_manual_rollback_written_again_that_loses_the_split_race_stays_pending(repo, traffic):
    """The rewrite's compare-and-swap on the split can lose (here: an edit outside lmgate between its
    read and its write). Its undo used to put the state back to before the human's rollback with
    nothing pending, so the retry found a split "changed outside lmgate" and held the candidate at
    25 %: the human's rollback was gone. Now the undo keeps it pending and the retry writes it."""
    crashed_rollback_by_hand(repo, traffic, landed=False)
    routing = repo / "deploy" / "routing.yaml"
    traffic.serve(2000)

    def edited_outside_lmgate():
        routing.write_text(routing.read_text().replace("weight: 25", "weight: 40"))

    out = wrap(controller(repo, lease_s=0), before_write=edited_outside_lmgate).tick()
    assert out.wrote and out.state.state == "rolled_back" and weight(repo) == 0, (out.decision, out.state.state)
    assert [r["action"] for r in log_records(repo) if r.get("marker")] == ["start", "advance", "rollback"]
    assert counted(repo) == traffic.served[CANDIDATE]  # the lost try's window is counted once, by the retry


class CrashingStore:
    """The real state store, dying just before or just after its `nth` save (counted from 1)."""

    def __init__(self, inner, nth: int, when: str):
        self.inner, self.nth, self.when, self.saves = inner, nth, when, 0
        self.display = inner.display

    def load(self):
        return self.inner.load()

    def save(self, state, expected_revision):
        self.saves += 1
        if self.saves == self.nth and self.when == "before":
            raise Crash()
        out = self.inner.save(state, expected_revision)
        if self.saves == self.nth and self.when == "after":
            raise Crash()
        return out


@pytest.mark.parametrize("when", ["after", "before"])
@pytest.mark.parametrize("decision", ["advance", "rollback by a tick", "rollback by hand"])
def test_a_split_write_whose_final_state_save_is_cut_off_is_on_record_once(repo, traffic, decision, when):
    """A split write landed, then the process died just after the final state save (pending cleared)
    and before the decision-log line. Nothing was left for the next tick to reconcile, so the write
    (and in Actions its deployment status) was never on record: the decision log claimed each tick
    is there once. The line is now appended before the final save; dying just before that save
    leaves `pending`, and the next tick finds the line already there and does not double it."""
    operations.start(controller(repo), CANDIDATE)
    traffic.serve(6000, harm=20.0 if decision == "rollback by a tick" else 1.0)
    expected = ["start", "rollback"] if decision == "rollback by a tick" else ["start", "advance"]
    if decision == "rollback by hand":
        controller(repo).tick()  # advance to 25 %, the window counted
        expected.append("rollback")
    ctrl = controller(repo)
    ctrl.store = CrashingStore(ctrl.store, 2, when)  # save 1: the pending write; save 2: the final state
    with pytest.raises(Crash):
        if decision == "rollback by hand":
            by_hand(repo, "rollback", ctrl)
        else:
            ctrl.tick()
    moved = [r["action"] for r in log_records(repo) if r.get("marker") and r["action"] != "hold"]
    assert moved == expected, moved
    for _ in range(2):
        controller(repo).tick()
    moved = [r["action"] for r in log_records(repo) if r.get("marker") and r["action"] != "hold"]
    assert moved == expected, moved
    state = json.loads((repo / ".lmgate" / "canary" / "state.json").read_text())
    assert state["pending"] is None and state["weight"] == weight(repo) == (25 if decision == "advance" else 0)
    assert counted(repo) == traffic.served[CANDIDATE]


class HugeCounts:
    """A metric source answering, every tick, windows of 10^12 requests (within what its checks let
    through): errors at 40 % on both sides (under the guard), hallucinations 4× as often on the canary
    (a non-critical alarm: the rollout holds and keeps counting)."""

    NAME = "huge"

    def __init__(self):
        self.until = 0

    def read(self, cursor, metrics, now):
        from lmgate.canary.sources.base import Window

        self.until += 1
        n = 10**12
        counts = {CANDIDATE: {"errors": [n * 4 // 10, n], "hallucination": [n * 4 // 10, n], "_requests": [n]},
                  "v1": {"errors": [n * 4 // 10, n], "hallucination": [n // 10, n], "_requests": [n]}}
        return Window(counts, {"until": float(self.until)}, end=float(self.until))


def test_counts_that_would_overflow_the_state_hold_instead_of_breaking_it(repo):
    """Each window was within the source's bounds, but the running statistics grew past what a state
    file may hold (|log| ≤ 10^12) within a few ticks; the tick saved that state anyway and every
    command after it refused the file as unreadable: the rollout was lost. Now a window that would
    take the state past its bounds is not counted and the tick holds, saying why."""
    operations.start(controller(repo), CANDIDATE)
    source = HugeCounts()
    outcomes = []
    for _ in range(12):
        ctrl = controller(repo)
        ctrl.s = type(ctrl.s)(**{**ctrl.s.__dict__, "source": source})
        outcomes.append(ctrl.tick())
        controller(repo).load()  # the saved state is one the next command can read
    last = outcomes[-1]
    assert last.decision["action"] == "hold" and "metric source" in last.decision["reason"], last.decision
    assert "state" in last.decision["reason"], last.decision
    assert operations.status(controller(repo)).state.state in ("held", "progressing", "rolled_back")


@pytest.mark.parametrize("canary", ["{version: v0, weight: -5}", "{version: v0, weight: 1e999}",
                                    "{version: [v0], weight: 5}", "{version: v0, weight: .nan}"])
def test_a_routing_file_with_an_impossible_split_is_named_as_such(repo, traffic, canary, capsys):
    """A hand-edited routing file with a negative, infinite or NaN weight, or a version that is not a
    name, was taken as a split: a start copied the weight -5 or the list into the state, routed the
    candidate and left a state no command could read. It is a routing file that is not a valid split
    (exit 2, naming the file), and a running rollout holds on it like on any unreadable split."""
    routing = repo / "deploy" / "routing.yaml"
    routing.write_text(f"stable: {{version: v1}}\ncanary: {canary}\n")
    edited = routing.read_bytes()
    code, _, err = cli(repo, "start", "--candidate", CANDIDATE, capsys=capsys)
    assert code == 2 and "Traceback" not in err and "deploy/routing.yaml" in err and "not a valid split" in err, err
    assert not (repo / ".lmgate" / "canary" / "state.json").exists() and routing.read_bytes() == edited
    routing.write_text("stable: {version: v1}\ncanary: {version: null, weight: 0}\n")
    operations.start(controller(repo), CANDIDATE)
    routing.write_text(f"stable: {{version: v1}}\ncanary: {canary}\n")
    out = controller(repo).tick()
    assert out.decision["action"] == "hold" and "cannot read the traffic split" in out.decision["reason"], out.decision
    assert out.state.weight == 5
    done = by_hand(repo, "rollback")  # the way out the message offers is never blocked by the bad split
    assert done.wrote and done.state.state == "rolled_back" and weight(repo) == 0


def test_two_ticks_writing_a_manual_rollback_again_at_once_count_and_record_it_once(repo, traffic):
    """Both ticks find the human's rollback unlanded after the lease and both count the window served
    since the crash; the state's compare-and-swap lets one save, the other re-reads and stands aside."""
    crashed_rollback_by_hand(repo, traffic, landed=False)
    traffic.serve(3000)
    barrier = threading.Barrier(2, timeout=10)
    ctrls = [wrap(controller(repo, lease_s=0), before_read=barrier.wait) for _ in range(2)]
    outcomes = ticks_at_once(ctrls)
    # one tick writes it; or, under load, one writes the split and loses the state's swap to the other,
    # which finds the split landed and reconciles it: either way it is on record once
    shown = [(o.decision, o.notes) for o in outcomes]
    assert sum(o.wrote for o in outcomes) == 1 or any("reconciled" in " ".join(o.notes) for o in outcomes), shown
    assert sum(o.wrote for o in outcomes) <= 1, shown
    assert weight(repo) == 0
    assert [r["action"] for r in log_records(repo) if r.get("marker")] == ["start", "advance", "rollback"]
    assert counted(repo) == traffic.served[CANDIDATE]
    later = controller(repo).tick()
    assert settled_after_a_crash(repo, traffic, [*outcomes, later])["state"] == "rolled_back"


def test_a_manual_rollback_written_again_under_a_clock_gone_back_is_written_and_says_so(repo, traffic):
    """The clock that holds a tick (it went backwards) does not hold a human's rollback: it is written
    on the counts on record, and the record says why the window since the crash is not in them."""
    crashed_rollback_by_hand(repo, traffic, landed=False)
    out = controller(repo, lease_s=-1e9, clock=Clock(1_700_000_000.0)).tick()
    assert out.wrote and out.state.state == "rolled_back" and weight(repo) == 0, out.decision
    assert any("clock went backwards" in n and "counts on record" in n for n in out.notes), out.notes


@pytest.mark.parametrize("action", ["rollback", "promote"])
def test_a_manual_decision_is_recorded_with_the_traffic_served_since_the_last_tick(repo, traffic, action):
    """A human's rollback or promotion put the last tick's counts on record as its metrics, and the
    traffic served since that tick was never counted (the rollout is finished after it). The record
    now shows the metrics when the decision was written."""
    operations.start(controller(repo), CANDIDATE)
    traffic.serve(6000)
    controller(repo).tick()  # advance to 25 %, the window counted
    at_the_tick = counted(repo)
    traffic.serve(3000)
    done = by_hand(repo, action)
    assert done.wrote and done.decision["action"] == action
    (record,) = [r for r in log_records(repo) if r.get("action") == action]
    errors = {m["name"]: m for m in record["metrics"]}["errors"]
    assert errors["canary"]["total"] == traffic.served[CANDIDATE] == counted(repo) > at_the_tick, errors
    assert f"n={traffic.served[CANDIDATE] - at_the_tick}" in record["status"], record["status"]


@pytest.mark.parametrize("b_decides", ["advance", "hold"])
def test_a_redo_after_the_lease_that_loses_to_the_write_it_gave_up_on_leaves_that_write_pending(repo, traffic,
                                                                                               b_decides):
    """Tick A saved its pending advance and is slow to write the split; tick B (a clock ahead, or a long
    stall) finds the lease over and the write not landed, so it undoes it and decides again, but A's
    write lands first and B's compare-and-swap loses. B's undo used to be the state before A's advance
    with nothing pending: A's landed advance was then off the books, and every tick after held the
    split at 25 % as "changed outside lmgate". B now puts the state back as it read it (A's write
    pending), so its retry finds A's write landed and puts it on record. A hold decided in its place
    (here: B cannot read the request log) moved no traffic and so was never compared with the split;
    it now writes the split at the same weight, to find out the same way."""
    operations.start(controller(repo), CANDIDATE)
    traffic.serve(6000)
    b_ready, a_wrote, b_done = threading.Event(), threading.Event(), threading.Event()
    b_out: list = []

    def run_b():
        hidden = traffic.log.with_suffix(".hidden")
        try:
            if b_decides == "hold":
                traffic.log.rename(hidden)
            b = wrap(controller(repo, lease_s=0), before_write=lambda: (b_ready.set(), a_wrote.wait(10)))
            b_out.append(b.tick())
        finally:
            if hidden.exists():
                hidden.rename(traffic.log)
            b_ready.set()
            b_done.set()

    def a_before_write():
        threading.Thread(target=run_b).start()
        assert b_ready.wait(10)

    a = wrap(controller(repo), before_write=a_before_write, after_write=lambda: (a_wrote.set(), b_done.wait(10)))
    a_out = a.tick()
    (b_out,) = b_out
    said = [o.decision.get("reason", "") for o in (a_out, b_out)] + [n for o in (a_out, b_out) for n in o.notes]
    assert not any("outside lmgate" in x for x in said), said
    assert weight(repo) == 25 and len(advances(repo)) == 1, advances(repo)
    later = controller(repo).tick()
    assert later.state.weight == 25 and later.state.step_index == 1, later.decision
    assert "outside lmgate" not in later.decision["reason"], later.decision
    assert counted(repo) == traffic.served[CANDIDATE]


class FailingDisk:
    """The request log's disk failing under the source: every read raises an I/O error."""

    NAME = "jsonl"

    def read(self, cursor, metrics, now):
        raise OSError(5, "Input/output error", "logs/requests.jsonl")


def with_failing_disk(ctrl):
    ctrl.s = type(ctrl.s)(**{**ctrl.s.__dict__, "source": FailingDisk()})
    return ctrl


def test_a_metric_source_that_fails_with_an_os_error_holds_and_never_blocks_a_rollback(repo, traffic):
    """An OSError from the source (a failing disk, a log made unreadable) escaped the tick as a
    traceback (exit 3). It is a source problem like any other: a tick holds on it, and a human's
    rollback, now counting the window first, is written on the counts on record."""
    operations.start(controller(repo), CANDIDATE)
    traffic.serve(6000)
    controller(repo).tick()
    out = with_failing_disk(controller(repo)).tick()
    assert out.decision["action"] == "hold" and "Input/output error" in out.decision["reason"], out.decision
    assert out.state.weight == 25
    done = by_hand(repo, "rollback", with_failing_disk(controller(repo)))
    assert done.wrote and done.state.state == "rolled_back" and weight(repo) == 0
    assert any("counts on record" in n for n in done.notes), done.notes


def test_a_request_log_that_grew_by_more_than_a_ticks_read_is_counted_over_several_ticks(repo, traffic,
                                                                                       monkeypatch):
    """A tick read everything the log grew by since the last one in a single read: gigabytes after a
    busy quarter of an hour, a MemoryError (exit 3) on every tick, and, now that a human's rollback
    counts the window first, a rollback that could not be written. A tick reads at most
    `jsonl.MAX_READ` bytes (complete lines); the rest is counted by the next ticks, once."""
    from lmgate.canary.sources import jsonl

    monkeypatch.setattr(jsonl, "MAX_READ", 64 * 1024, raising=False)
    operations.start(controller(repo), CANDIDATE)
    traffic.serve(6000)  # about 900 KB of records
    size = traffic.log.stat().st_size
    out = controller(repo).tick()
    state = json.loads((repo / ".lmgate" / "canary" / "state.json").read_text())
    assert 0 < state["cursor"]["offset"] <= 64 * 1024 < size, (state["cursor"], size, out.decision)
    for _ in range(40):
        controller(repo).tick()
        if json.loads((repo / ".lmgate" / "canary" / "state.json").read_text())["cursor"]["offset"] == size:
            break
    assert counted(repo) == traffic.served[CANDIDATE]
    with open(traffic.log, "a") as fh:  # one line longer than a tick may read
        fh.write(json.dumps({"ts": 1.9e9, "version": "v1", "x": "y" * 70_000}) + "\n")
    held = controller(repo).tick()
    assert held.decision["action"] == "hold" and "longer than" in held.decision["reason"], held.decision
