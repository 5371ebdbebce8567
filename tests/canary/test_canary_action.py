"""actions/canary-release run for real under nektos/act in a throw-away consuming repository."""

from __future__ import annotations

import json
import shutil

import pytest

from harness import ConsumerRepo

pytestmark = pytest.mark.act

WORKFLOW = """
name: canary
on: workflow_dispatch
permissions: {}
jobs:
  canary:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
        with: {persist-credentials: false}
      - id: start
        uses: lmgate/lmgate/actions/canary-release@v1
        with: {command: start, candidate: v2}
      - id: dry
        uses: lmgate/lmgate/actions/canary-release@v1
        with: {command: tick, dry-run: "true"}
      - id: tick
        uses: lmgate/lmgate/actions/canary-release@v1
        with: {command: tick}
      - env:
          START: "${{ steps.start.outputs.decision }}/${{ steps.start.outputs.weight }}"
          DRY: "${{ steps.dry.outputs.decision }}"
          TICK: "${{ steps.tick.outputs.state }}/${{ steps.tick.outputs.weight }}/${{ steps.tick.outputs.decision }}"
        run: echo "RESULT start=$START dry=$DRY tick=$TICK"
      - run: cat .lmgate/results/canary.json
"""


def test_canary_action_starts_and_ticks(act, quickstart, tmp_path):
    files = {str(p.relative_to(quickstart)): p.read_text() for p in quickstart.rglob("*") if p.is_file()}
    repo = ConsumerRepo.create(tmp_path / "repo", files)
    repo.commit({}, "app with a canary config")
    result = act.run(repo, WORKFLOW, {}, event_name="workflow_dispatch", name="canary")
    log = result.log()
    assert result.returncode == 0, log[-4000:]
    line = next(x for x in log.splitlines() if "RESULT start=" in x and "$START" not in x)
    # the shipped log holds 240 requests of v2: fewer than min_requests, so the tick dwells at 5 %
    assert "start=start/5" in line and "dry=hold" in line and "tick=progressing/5/hold" in line, line
    body = json.loads(log[log.index('{\n  "schema": "lmgate/canary/v1"'):].split("\n}\n")[0] + "\n}")
    assert body["decision"]["reason"].startswith("dwelling at 5%") and body["metrics"][0]["canary"]["total"] > 0
    shutil.rmtree(repo.path)
