"""llm-eval-sharded.yml under act: matrix shards, `lmgate merge`, the gates and one comment; the
merged result must equal an unsharded run of the same commits."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from e2e_artifacts import with_artifact_store
from e2e_support import BOT, LONG, MARKER, SHORT, WRITE_TOKEN, n_items, prompt_with, read_json, template

from harness import pr_event

pytestmark = pytest.mark.act


def unsharded_eval(repo, base: str, out) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_", "LMGATE_"))}
    proc = subprocess.run([sys.executable, "-m", "lmgate", "eval", "--baseline-ref", base, "--out", str(out),
                           "--no-cache"], cwd=repo.path, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    return read_json(out / "eval.json")


def test_sharded_verdict_equals_the_unsharded_one(act, consumer, github, tmp_path):
    repo = consumer(SHORT)
    base = repo.commit({}, "base")
    head = repo.commit(prompt_with(repo, LONG), "answer in full sentences")
    store = tmp_path / "artifacts"
    result = act.run(repo, with_artifact_store(template("llm-eval-sharded.yml")), pr_event(11, base, head),
                     secrets={"GITHUB_TOKEN": WRITE_TOKEN},
                     env={"GITHUB_API_URL": github.url, "E2E_ARTIFACTS": str(store)}, name="llm-sharded")
    jobs = result.job_results()
    assert jobs.get("merge") == "failure", (jobs, result.log()[-4000:])  # the regression fails the merged gate
    shard_dirs = sorted(p.name for p in store.glob("lmgate-shard-*"))
    assert shard_dirs == ["lmgate-shard-1", "lmgate-shard-2", "lmgate-shard-3"]
    shards = [read_json(store / d / "eval.json") for d in shard_dirs]
    assert [s["shard"] for s in shards] == [{"index": i, "count": 3} for i in (1, 2, 3)]
    assert sum(s["suites"][0]["n_items"] for s in shards) == n_items(repo)

    merged = read_json(store / "lmgate-results" / "eval.json")
    reference = unsharded_eval(repo, base, tmp_path / "unsharded")
    assert merged["verdict"] == reference["verdict"] == "fail"
    for got, want in zip(merged["suites"], reference["suites"], strict=True):
        assert (got["name"], got["n_items"], got["verdict"]) == (want["name"], want["n_items"], want["verdict"])
        assert sorted(got["flipped"], key=str) == sorted(want["flipped"], key=str)
        for m, w in zip(got["metrics"], want["metrics"], strict=True):
            assert m["gate"] == w["gate"] and m["change"] == w["change"], m["name"]
            for side in ("head", "base", "diff"):
                for key, want_value in w[side].items():  # numbers to float precision, the rest exactly
                    expected = pytest.approx(want_value, rel=1e-9, abs=1e-12) if isinstance(
                        want_value, float) else want_value
                    assert m[side][key] == expected, (m["name"], side, key)
    assert merged["git"]["head_sha"] == head and merged["git"]["base_sha"] == base
    assert read_json(store / "lmgate-results" / "hallucination.json")["verdict"] == "pass"
    [comment] = [c for c in github.issue_comments(11) if MARKER in c["body"]]
    assert comment["user"]["login"] == BOT and "🔻 regressed" in comment["body"]


def test_a_shard_with_bad_input_stops_the_run_and_says_where(act, consumer, github, tmp_path):
    """A malformed dataset line in the PR: each shard's eval exits 2, which a gate's exit 1 would not
    do, so the template's stop step fails the shards with the error, the merge never runs, and no
    comment claims a verdict."""
    repo = consumer(SHORT)
    base = repo.commit({}, "base")
    dataset = (repo.path / "evals" / "qa.jsonl").read_text()
    head = repo.commit({"evals/qa.jsonl": dataset + '{"question": "broken line"\n'}, "break the dataset")
    result = act.run(repo, with_artifact_store(template("llm-eval-sharded.yml")), pr_event(12, base, head),
                     secrets={"GITHUB_TOKEN": WRITE_TOKEN},
                     env={"GITHUB_API_URL": github.url, "E2E_ARTIFACTS": str(tmp_path / "artifacts")},
                     name="llm-sharded-bad")
    jobs, log = result.job_results(), result.log()
    assert jobs.get("shard") == "failure" and jobs.get("merge") != "success", (jobs, log[-4000:])
    # act marks the job failed for the continue-on-error step too: the stop step's own result shows it
    assert log.count("Failure - Main Stop on bad input or a crash") == 3, log[-4000:]
    # seen once with two act suites running at once: the stop step ran but this line was missing;
    # the annotations and the log's tail say what the shard printed instead
    assert "the shard's eval exited 2" in log, (result.annotations(), log[-6000:])
    assert f"evals/qa.jsonl:{n_items(repo)}" in log  # the error names the file and the (last, broken) line
    assert not [c for c in github.issue_comments(12) if MARKER in c["body"]]
