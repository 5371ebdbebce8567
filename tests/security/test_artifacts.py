"""One commit per run (issue 16.7): every stage records the pull request's head and the run, so
`comment --from-artifact` accepts one run's genuine results and refuses a mix, with a message.

Lint used to record `GITHUB_SHA` (the merge commit GitHub builds) while the other stages recorded
the PR's head, so the fork-safe comment refused every genuine artifact.
"""

from __future__ import annotations

import json
import shutil

from fakes.actions import HEAD, actions_env, run_cli, stage_env
from lmgate.cli import main
from lmgate.github.api import BOT_LOGIN


def test_one_runs_genuine_stage_results_are_accepted_and_a_mix_is_refused(github, quickstart, tmp_path):
    config = str(quickstart / "lmgate.yaml")
    assert main(["lint", "--config", config, "--format", "json"], env=stage_env(tmp_path, "42")) in (0, 1)
    assert main(["eval", "--config", config], env=stage_env(tmp_path, "42")) in (0, 1)
    assert main(["hallucination", "--config", config], env=stage_env(tmp_path, "42")) in (0, 1)
    results = quickstart / ".lmgate" / "results"
    for stage in ("lint", "eval", "hallucination"):
        data = json.loads((results / f"{stage}.json").read_text())
        assert (data["git"]["head_sha"], data["run_id"]) == (HEAD, "42"), stage  # lint had GITHUB_SHA
    artifact = tmp_path / "artifact"
    artifact.mkdir()
    for stage in ("lint", "eval", "hallucination"):
        shutil.copy(results / f"{stage}.json", artifact)
    github.add_token("ghs", BOT_LOGIN, app=True)
    github.add_pull(4, HEAD, fork=True)
    event = {"workflow_run": {"id": 42, "head_sha": HEAD, "pull_requests": [], "event": "pull_request"}}
    env = actions_env(github, tmp_path, event, "ghs", name="workflow_run")
    env["GITHUB_RUN_ID"] = "43"
    proc = run_cli(["comment", "--from-artifact", str(artifact)], env, tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    [comment] = github.issue_comments(4)
    assert "numbers from [run 42](https://github.com/acme/app/actions/runs/42)" in comment["body"]

    # a lint.json of another run of the same commit: refused with a message, nothing posted
    assert main(["lint", "--config", config, "--format", "json"], env=stage_env(tmp_path, "41")) in (0, 1)
    shutil.copy(results / "lint.json", artifact)
    proc = run_cli(["comment", "--from-artifact", str(artifact)], env, tmp_path)
    assert proc.returncode == 2 and "the artifact mixes results of different commits or runs" in proc.stderr
    assert "run 41" in proc.stderr and "Traceback" not in proc.stderr
    assert len(github.issue_comments(4)) == 1
