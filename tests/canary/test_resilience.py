"""Races, crashes and bad input: never a lost or doubled count, never a silent promotion."""

from __future__ import annotations

import json
import subprocess
import threading

import pytest
import yaml

from canary.conftest import CANDIDATE
from canary.helpers import controller, log_records
from lmgate.canary import operations
from lmgate.canary.backends.base import LostRace, Target
from lmgate.canary.backends.git_file import GitFile


class Crash(BaseException):
    """Stands for the process dying (a kill, a runner shutting down)."""


class Wrapped:
    """The real backend, with a hook around `read`/`write` to line up races and inject crashes."""

    def __init__(self, inner, *, before_read=None, after_write=None, crash_after_write=False,
                 crash_before_write=False):
        self.inner, self.before_read, self.after_write = inner, before_read, after_write
        self.crash_after_write, self.crash_before_write = crash_after_write, crash_before_write
        self.NAME = inner.NAME

    def read(self):
        if self.before_read:
            hook, self.before_read = self.before_read, None
            hook()
        return self.inner.read()

    def write(self, weight, etag, target):
        if self.crash_before_write:
            raise Crash()
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


def test_two_ticks_at_once_write_once_and_agree(repo, traffic):
    operations.start(controller(repo), CANDIDATE)
    traffic.serve(6000)
    barrier = threading.Barrier(2, timeout=10)
    ctrls = [wrap(controller(repo), before_read=barrier.wait) for _ in range(2)]
    outcomes = [None, None]

    def run(i):
        outcomes[i] = ctrls[i].tick()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
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
