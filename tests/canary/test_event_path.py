"""A canary tick with a wrong GITHUB_EVENT_PATH stops before it moves traffic (exit 2, nothing moved).

The event used to be read after the tick, for the result's header: a bad path raised only once the
routing had already changed and the decision was logged, leaving no canary.json for that move."""

from __future__ import annotations

import yaml

from canary.conftest import CANDIDATE
from canary.helpers import cli, log_records


def test_a_bad_event_path_stops_the_start_before_any_traffic_moves(repo, capsys, tmp_path):
    routing = repo / "deploy" / "routing.yaml"
    before = routing.read_text()
    env = {"GITHUB_EVENT_PATH": str(tmp_path / "missing-event.json")}
    code, _, out = cli(repo, "start", "--candidate", CANDIDATE, env=env, capsys=capsys)
    assert code == 2 and "GITHUB_EVENT_PATH" in out, out
    assert routing.read_text() == before and yaml.safe_load(before)["canary"]["version"] != CANDIDATE
    assert log_records(repo) == [] and not (repo / ".lmgate" / "results" / "canary.json").exists()
