"""Bad input to `lmgate canary` and `lmgate init` is exit 2 with what, where and the fix; never a traceback.
And promotion needs a person: no scheduled tick passes an approval step (issue 16.8).

The canary state file lives in the checkout (or is committed through the contents API), so a pull
request or a hand edit can give it any shape. Each case below was a traceback (exit 3) or, for
`--harm 1e308`, a crash deep in the simulation.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from canary.conftest import CANDIDATE, Traffic
from canary.helpers import cli, log_records, to_the_gate, weight
from canary.servers import CountsEndpoint
from lmgate.canary.backends.base import Deps
from lmgate.canary.sources import webhook
from lmgate.canary.sources.base import MetricDef, SourceProblem
from lmgate.cli import main

STATE = Path(".lmgate") / "canary" / "state.json"


def lmgate(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lmgate", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def in_process(argv: list[str]) -> tuple[int, str]:
    """`lmgate <argv>` in this process (a subprocess per hypothesis example would take minutes)."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = main(argv, env={})
        except SystemExit as exc:  # argparse's own refusals
            code = exc.code if isinstance(exc.code, int) else 2
    return code, err.getvalue()


@pytest.fixture(scope="module")
def rollout(tmp_path_factory) -> Path:
    """A quickstart whose rollout was started and ticked once: a real state file to break."""
    repo = tmp_path_factory.mktemp("canary") / "quickstart"
    shutil.copytree(Path(__file__).resolve().parents[2] / "examples" / "quickstart", repo,
                    ignore=shutil.ignore_patterns(".lmgate", "__pycache__"))
    (repo / "logs" / "requests.jsonl").write_text("")
    assert main(["canary", "start", "--candidate", CANDIDATE, "--config", str(repo / "lmgate.yaml")], env={}) == 0
    Traffic(repo).serve(500, slow=0.05)
    assert main(["canary", "tick", "--config", str(repo / "lmgate.yaml")], env={}) == 0
    return repo


@pytest.fixture
def repo(rollout, tmp_path) -> Path:
    copy = tmp_path / "repo"
    shutil.copytree(rollout, copy)
    return copy


def valid_state(rollout: Path) -> dict:
    return json.loads((rollout / STATE).read_text())


def broken(state: dict, path: tuple, value) -> dict:
    node = state
    for key in path[:-1]:
        node = node[key]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return state


CASES = {
    "a list": lambda s: [s],
    "a string": lambda s: "progressing",
    "null": lambda s: None,
    "step_index as text": lambda s: broken(s, ("step_index",), "2"),
    "step_index 2.5": lambda s: broken(s, ("step_index",), 2.5),
    "a huge step_index": lambda s: broken(s, ("step_index",), 10**30),
    "a step past the plan": lambda s: broken(s, ("step_index",), 7),
    "no rollout": lambda s: broken(s, ("rollout",), KeyError),
    "no candidate": lambda s: broken(s, ("rollout", "candidate"), KeyError),
    "rollout a list": lambda s: broken(s, ("rollout",), ["v2"]),
    "an unknown state": lambda s: broken(s, ("state",), "exploded"),
    "NaN weight": lambda s: broken(s, ("weight",), math.nan),
    "infinite start": lambda s: broken(s, ("rollout", "started_at"), math.inf),
    "a start in the year 3e300": lambda s: broken(s, ("rollout", "started_at"), 1e308),
    "a negative count": lambda s: broken(s, ("step_requests",), -5),
    "NaN in the statistics": lambda s: broken(s, ("metrics", "errors", "stats", "harm", 0), math.nan),
    "short statistics": lambda s: broken(s, ("metrics", "errors", "stats", "harm"), [0.0]),
    "a metric of another kind": lambda s: broken(s, ("metrics", "errors", "canary"), [1, 2, 3]),
    "metrics a list": lambda s: broken(s, ("metrics",), [1, 2]),
    "a cursor of text": lambda s: broken(s, ("cursor",), "offset 7"),
    "an offset of text": lambda s: broken(s, ("cursor", "offset"), "7"),
    "a timeline of numbers": lambda s: broken(s, ("timeline",), [1, 2]),
    "a pending write without its snapshot": lambda s: broken(s, ("pending",), {"marker": "x", "weight": 25}),
    "a decision of another kind": lambda s: broken(s, ("decision",), "advance"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_state_file_of_the_wrong_shape_is_exit_2_naming_it(rollout, repo, case):
    text = json.dumps(CASES[case](valid_state(rollout)))  # NaN and Infinity as Python's json writes them
    (repo / STATE).write_text(text)
    out = lmgate("canary", "tick", cwd=repo)  # as the user (or the workflow) runs it
    assert out.returncode == 2, (case, out.stderr)
    assert "Traceback" not in out.stderr and ".lmgate/canary/state.json" in out.stderr, out.stderr
    assert "delete it and `lmgate canary start` again" in out.stderr, out.stderr
    for command in ("status", "approve", "promote", "rollback"):
        code, err = in_process(["canary", command, "--config", str(repo / "lmgate.yaml")])
        assert code == 2 and "state.json" in err, (case, command, err)
    assert (repo / STATE).read_text() == text  # nothing half-written


@pytest.mark.parametrize("content", [b"\xff\xfe\x00garbage", b"", b"{", b"[" * 100_000 + b"]" * 100_000,
                                     b'{"step_index": 1e999}'])
def test_garbage_bytes_in_the_state_file_are_exit_2(repo, content):
    (repo / STATE).write_bytes(content)
    out = lmgate("canary", "tick", cwd=repo)
    assert out.returncode == 2 and "Traceback" not in out.stderr and "state.json" in out.stderr, out.stderr


def test_a_folder_where_the_state_file_should_be_is_exit_2(repo):
    (repo / STATE).unlink()
    (repo / STATE).mkdir()
    out = lmgate("canary", "status", cwd=repo)
    assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr


@pytest.mark.parametrize("args", [("simulate", "--harm", "1e308"), ("simulate", "--harm", "nan"),
                                  ("simulate", "--harm", "-1"), ("simulate", "--runs", "0"),
                                  ("simulate", "--runs", "1000000000"), ("start",), ("bogus",),
                                  ("tick", "--config", "missing.yaml")])
def test_bad_canary_arguments_are_exit_2(repo, args):
    out = lmgate("canary", *args, cwd=repo)
    assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12)


def paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from paths(v, (*prefix, i))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(data=st.data())
def test_any_damage_to_a_state_file_is_exit_0_1_or_2(rollout, tmp_path, data):
    repo = tmp_path / uuid.uuid4().hex
    shutil.copytree(rollout, repo)
    state = valid_state(rollout)
    where = data.draw(st.sampled_from(list(paths(state))))
    value = data.draw(JSON | st.just(KeyError))
    damaged = broken(state, where, value) if where else (value if value is not KeyError else {})
    raw = json.dumps(damaged).encode() if data.draw(st.booleans()) else data.draw(st.binary(max_size=200))
    (repo / STATE).write_bytes(raw)
    for command in ("tick", "status"):
        code, err = in_process(["canary", command, "--config", str(repo / "lmgate.yaml")])
        assert code in (0, 1, 2), (where, value, err)
    shutil.rmtree(repo)


WORDS = st.sampled_from(["start", "tick", "approve", "status", "promote", "rollback", "simulate", "--dry-run",
                         "--candidate", "--stable", "--reason", "--format", "json", "text", "--runs", "--harm",
                         "--seed", "--policy", "naive", "kayenta", "--config", "lmgate.yaml", "-1", "0", "3",
                         "nan", "inf", "1e308", "--", "-x"])
ARG = WORDS | st.text(max_size=12) | st.integers(-10, 40).map(str) | st.floats().map(str)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(argv=st.lists(ARG, max_size=6))
def test_any_canary_command_line_is_exit_0_1_or_2(rollout, tmp_path, argv):
    repo = tmp_path / uuid.uuid4().hex
    shutil.copytree(rollout, repo)
    config = ["--config", str(repo / "lmgate.yaml")] if "--config" not in argv else []
    code, err = in_process(["canary", *argv, *config])
    assert code in (0, 1, 2), (argv, err)
    shutil.rmtree(repo)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(dir_kind=st.sampled_from(["new", "file", "nested", "text"]), name=st.text(max_size=20),
       ref=st.text(max_size=30) | st.sampled_from(["v1", "main", "0123abc", "release/v2"]),
       flags=st.lists(st.sampled_from(["--force", "--no-workflows"]), max_size=2))
def test_any_init_command_line_is_exit_0_or_2(tmp_path, dir_kind, name, ref, flags):
    base = tmp_path / uuid.uuid4().hex
    base.mkdir()
    (base / "a-file").write_text("x\n")
    target = {"new": base / "repo", "file": base / "a-file", "nested": base / "a-file" / "below",
              "text": base / (name.replace("/", "_").replace("\0", "_") or "x")}[dir_kind]
    code, err = in_process(["init", "--dir", str(target), "--action-ref", ref, *flags])
    assert code in (0, 2), (dir_kind, name, ref, err)
    if code == 0:
        assert (target / ".gitignore").read_text().count(".lmgate/") == 1
    shutil.rmtree(base)


@pytest.mark.parametrize("body", [
    {"until": 100, "versions": {"v2": {"_requests": 1e300}}},
    {"until": 100, "versions": {"v2": {"_requests": "Infinity"}}},
    {"until": 100, "versions": {"v2": {"errors": {"bad": 1, "total": 1e300}}}},
    {"until": 100, "versions": {"v2": {"errors": {"bad": math.nan, "total": 5}}}},
    {"until": 1e300, "versions": {}},
    {"until": math.nan, "versions": {}},
])
def test_hostile_counts_hold_the_rollout_instead_of_poisoning_its_state(body):
    """Counts become running totals in the state file; one answer of 1e300 or NaN used to either
    crash the tick (int(inf)) or make every later tick refuse the state."""
    server = CountsEndpoint()
    try:
        source = webhook.build({"url": server.url + "/counts", "token": None, "timeout": 5},
                               Deps(root=Path("."), env={}, session=requests.Session()))
        server.answers.append((200, body))
        with pytest.raises(SourceProblem):
            source.read(None, [MetricDef("errors")], 200.0)
    finally:
        server.close()


@pytest.mark.parametrize("ts", ["1e308", "-5", "NaN", '"9999999-01-01"'])
def test_a_request_log_time_no_state_can_hold_is_a_hold_and_the_next_tick_still_runs(repo, ts):
    with open(repo / "logs" / "requests.jsonl", "a") as fh:
        fh.write(f'{{"ts": {ts}, "version": "v2", "error": false}}\n')
    out = lmgate("canary", "tick", "--format", "json", cwd=repo)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["decision"]["reason"].startswith("metric source: logs/requests.jsonl at byte")
    again = lmgate("canary", "status", cwd=repo)
    assert again.returncode == 0, again.stderr


# ---- 16.8: the quickstart's scheduled ticks promoted the candidate to 100 % by themselves ----

def test_scheduled_ticks_of_the_shipped_quickstart_never_promote_by_themselves(quickstart, capsys):
    """The quickstart ships `steps: [5, 25, 50, approve, 100]`: its ticks stop at 50 % and wait for a person."""
    (quickstart / "logs" / "requests.jsonl").write_text("")
    traffic = Traffic(quickstart)
    bodies = to_the_gate(quickstart, traffic, capsys, slow=0.05)  # the shipped config also compares slow requests
    last = bodies[-1]
    assert last["state"] == "held" and last["decision"]["action"] == "hold", [b["decision"] for b in bodies]
    assert last["decision"]["awaiting_approval"] is True and weight(quickstart) == 50
    assert "waiting for a person's approval to move to 100%" in last["decision"]["reason"]
    assert "lmgate canary approve" in last["decision"]["reason"]
    for _ in range(5):  # however long it waits, and however good the evidence gets
        traffic.serve(4000, slow=0.05)
        code, body, _ = cli(quickstart, "tick", capsys=capsys)
        assert code == 0 and body["state"] == "held" and body["decision"]["awaiting_approval"]
    assert weight(quickstart) == 50
    assert all(r["action"] != "promote" for r in log_records(quickstart))


@pytest.mark.parametrize("quality", [
    {"sum": 1e6, "sumsq": 1e6, "n": 2},      # a mean of 500,000 for a score in [0, 1]
    {"sum": 1.5, "sumsq": 1.6, "n": 2},      # a sum of squares above the sum: some score above 1
    {"sum": 3.0, "sumsq": 3.0, "n": 0},      # sums of no scores
])
def test_impossible_score_sums_hold_the_rollout_instead_of_proving_the_canary_good(quality):
    """Scores are in [0, 1], so sum ≤ n and sum of squares ≤ sum. The counts endpoint's
    sums were only checked for range: three such answers made a canary "non-inferior" (lower bound
    Δ ≥ +499,999) and so promotable on evidence no request ever gave."""
    server = CountsEndpoint()
    try:
        source = webhook.build({"url": server.url + "/counts", "token": None, "timeout": 5},
                               Deps(root=Path("."), env={}, session=requests.Session()))
        server.answers.append((200, {"until": 100, "versions": {"v2": {"_requests": 2, "quality": quality}}}))
        with pytest.raises(SourceProblem, match="quality"):
            source.read(None, [MetricDef("quality", kind="score")], 200.0)
    finally:
        server.close()


@pytest.mark.parametrize("latency", ["NaN", "-5", "true", '"fast"', "1e999"])
def test_a_request_log_latency_that_is_no_duration_is_a_hold_not_a_fast_request(repo, latency):
    """`latency_ms: NaN` (Python's json reads it) or a negative number compared as "not slow", so the
    record counted as a fast request: evidence for the canary that the log never gave."""
    assert "kind: latency" in (repo / "lmgate.yaml").read_text()  # the quickstart compares slow requests
    with open(repo / "logs" / "requests.jsonl", "a") as fh:
        fh.write(f'{{"ts": 1900000000, "version": "v2", "latency_ms": {latency}}}\n')
    out = lmgate("canary", "tick", "--format", "json", cwd=repo)
    assert out.returncode == 0, out.stderr
    reason = json.loads(out.stdout)["decision"]["reason"]
    assert reason.startswith("metric source: logs/requests.jsonl at byte") and "latency" in reason, reason


@pytest.mark.parametrize("info", [1e-200, 1e-320])
def test_score_statistics_of_almost_no_information_are_exit_2_not_a_division_by_zero(repo, info):
    """A score metric's `info` (the sum of per-tick 1/variance; never below 0.5 once a tick has
    counted scores in [0, 1]) edited to 1e-200 squared to zero in the always-valid bound: exit 3
    with a ZeroDivisionError traceback from `lmgate canary tick`."""
    config = repo / "lmgate.yaml"
    config.write_text(config.read_text().replace(
        "  metrics:\n", "  metrics:\n    - {name: quality, kind: score, field: eval_score, margin: 0.05}\n", 1))
    state = valid_state(repo)
    state["metrics"]["quality"] = {"canary": [1.0, 1.0, 2], "stable": [1.0, 1.0, 2], "step": [1.0, 1.0, 2],
                                   "stats": {"s": -1.0, "info": info}}
    (repo / STATE).write_text(json.dumps(state))
    out = lmgate("canary", "tick", cwd=repo)
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr and "state.json" in out.stderr and "info" in out.stderr, out.stderr


def test_a_source_error_that_quotes_a_huge_value_holds_and_leaves_a_state_the_next_tick_reads(repo):
    """Source errors quote the offending value (`could not convert string to float: '…'`). A request log
    line with a 200,000-character latency made a hold reason longer than the state's 100,000-character
    limit for text; the hold was saved anyway, and every later command refused the state file:
    the rollout was lost to one log line (the counts endpoint and Prometheus quote theirs the same way)."""
    with open(repo / "logs" / "requests.jsonl", "a") as fh:
        fh.write(json.dumps({"ts": 1900000000, "version": "v2", "latency_ms": "9" * 50 + "x" * 200_000}) + "\n")
    out = lmgate("canary", "tick", "--format", "json", cwd=repo)
    assert out.returncode == 0, out.stderr[-2000:]
    reason = json.loads(out.stdout)["decision"]["reason"]
    assert reason.startswith("metric source: logs/requests.jsonl at byte") and len(reason) < 5000, reason[:300]
    again = lmgate("canary", "tick", "--format", "json", cwd=repo)
    assert again.returncode == 0 and "Traceback" not in again.stderr, again.stderr[-2000:]
    assert json.loads(again.stdout)["decision"]["reason"].startswith("metric source:")


def test_a_start_whose_state_could_not_be_read_back_writes_nothing(repo):
    """A --candidate longer than the state's 100,000-character limit for text was saved, routed to
    5 % and written into the routing file; every command after it then refused the state file, so
    the rollout could not even be rolled back by lmgate. No state is saved that would not read back."""
    (repo / STATE).unlink()
    routing = (repo / "deploy" / "routing.yaml").read_bytes()
    out = lmgate("canary", "start", "--candidate", "v" * 100_001, cwd=repo)
    assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr[-2000:]
    assert "candidate" in out.stderr and "nothing was written" in out.stderr, out.stderr[-2000:]
    assert not (repo / STATE).exists() and (repo / "deploy" / "routing.yaml").read_bytes() == routing
