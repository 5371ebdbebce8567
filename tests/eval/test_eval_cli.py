"""`lmgate eval` end to end: the quickstart, prompt edits, gates, the spend guard, shards, baselines."""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from fakes.openai_server import serve_openai
from lmgate.cli import main

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "src/lmgate/schemas/eval.schema.json").read_text())


def run(root: Path, *args: str, env: dict | None = None) -> tuple[int, dict]:
    outputs = root / "gh-output.txt"
    outputs.write_text("")
    code = main(["eval", "--config", str(root / "lmgate.yaml"), *args], env={"GITHUB_OUTPUT": str(outputs),
                                                                            **(env or {})})
    found, lines = {}, outputs.read_text().splitlines()
    for i, line in enumerate(lines):
        if "<<ghadelim_" in line:
            found[line.split("<<")[0]] = lines[i + 1]
    return code, found


def items(root: Path, out: str = ".lmgate/results") -> list[dict]:
    return [json.loads(x) for x in (root / out / "eval-items.jsonl").read_text().splitlines()]


def result(root: Path, out: str = ".lmgate/results") -> dict:
    data = json.loads((root / out / "eval.json").read_text())
    jsonschema.validate(data, SCHEMA)
    return data


def dataset_size(root: Path) -> int:
    return sum(1 for line in (root / "evals/qa.jsonl").read_text().splitlines() if line.strip())


def test_quickstart_passes_and_a_prompt_edit_changes_the_answers(quickstart):
    n = dataset_size(quickstart)
    code, outputs = run(quickstart)
    assert code == 0 and outputs["verdict"] == "pass"
    assert Path(outputs["results-dir"]) == quickstart / ".lmgate/results"
    first = {r["id"]: r["output"] for r in items(quickstart)}
    assert len(first) == n and first["q07"] == "Titan"
    suite = result(quickstart)["suites"][0]
    assert suite["name"] == "qa" and suite["n_items"] == n and suite["n_errors"] == 0

    prompt = quickstart / "prompts/qa.j2"
    prompt.write_text(prompt.read_text().replace("Answer with a short phrase.", "Answer in a full sentence."))
    code, outputs = run(quickstart)
    assert code == 1 and outputs["verdict"] == "fail"  # exact_match falls below its `min: 0.5` gate
    second = {r["id"]: r["output"] for r in items(quickstart)}
    assert second["q07"] == "Its largest moon is Titan"
    gate = result(quickstart)["suites"][0]["metrics"][0]["gate"]
    assert gate["verdict"] == "fail" and "below min 0.5" in gate["reason"]


def test_baseline_results_pair_items_and_list_flips(quickstart, tmp_path):
    assert run(quickstart)[0] == 0
    shutil.copytree(quickstart / ".lmgate/results", tmp_path / "base")
    prompt = quickstart / "prompts/qa.j2"
    prompt.write_text(prompt.read_text().replace("Answer with a short phrase.", "Answer in a full sentence."))
    code, _ = run(quickstart, "--baseline-results", str(tmp_path / "base"))
    assert code == 1
    data = result(quickstart)
    em = data["suites"][0]["metrics"][0]
    assert em["name"] == "exact_match" and em["base"]["mean"] >= 0.5 and em["head"]["mean"] == 0.0
    assert em["diff"]["test"] == "mcnemar" and em["change"] == "regression"
    flips = data["suites"][0]["flipped"]["pass_to_fail"]
    assert {f["id"] for f in flips if "exact_match" in f["metrics"]} >= {"q07", "q01"}
    assert data["baseline"]["results"] == str(tmp_path / "base")


def test_shard_writes_the_fingerprint_of_the_whole_dataset(quickstart):
    code, _ = run(quickstart, "--shard", "1/2", "--out", str(quickstart / "s1"))
    assert code in (0, 1)
    assert run(quickstart, "--shard", "2/2", "--out", str(quickstart / "s2"))[0] in (0, 1)
    one, two = result(quickstart, "s1"), result(quickstart, "s2")
    assert one["shard"] == {"index": 1, "count": 2}
    fp = one["suites"][0]["dataset_fingerprint"]
    assert fp == two["suites"][0]["dataset_fingerprint"] and fp["n_total"] == dataset_size(quickstart)
    ids1, ids2 = {r["id"] for r in items(quickstart, "s1")}, {r["id"] for r in items(quickstart, "s2")}
    assert ids1 and ids2 and not ids1 & ids2 and len(ids1 | ids2) == dataset_size(quickstart)


def test_unsafe_template_stops_before_any_call(quickstart):
    (quickstart / "prompts/qa.j2").write_text("{{ ''.__class__.__mro__ }} {{ question }}")
    code, _ = run(quickstart)
    assert code == 2
    assert not (quickstart / ".lmgate/results/eval.json").exists()


def test_unknown_metric_and_suite_are_bad_input_with_the_location(quickstart, capsys):
    config = quickstart / "lmgate.yaml"
    config.write_text(config.read_text().replace("metrics: [exact_match,", "metrics: [exact_mtch,"))
    assert run(quickstart)[0] == 2
    err = capsys.readouterr().err
    line = next(i for i, t in enumerate(config.read_text().splitlines(), 1) if "exact_mtch" in t)
    assert f"lmgate.yaml:{line}" in err and "did you mean 'exact_match'" in err
    assert run(quickstart, "--suite", "nope")[0] == 2


def write_http_project(root: Path, base_url: str, extra: str = "") -> None:
    (root / "p.j2").write_text("What is {{ a }} plus {{ b }}?")
    (root / "d.jsonl").write_text("".join(json.dumps({"id": i, "a": i, "b": 1}) + "\n" for i in range(12)))
    (root / "lmgate.yaml").write_text(f"""version: 1
providers:
  m: {{type: openai, base_url: "{base_url}", model: mock, api_key: "${{LLM_API_KEY}}"{extra}}}
prompts: {{p: p.j2}}
datasets: {{d: d.jsonl}}
suites:
  - {{name: s, prompt: p, dataset: d, provider: m, repeats: 2, metrics: [{{regex: {{pattern: "^[0-9]+$"}}}}]}}
""")


def test_spend_guard_refuses_to_start_and_counts_only_uncached_calls(tmp_path, capsys):
    env = {"LLM_API_KEY": "sk-very-secret-0042"}
    with serve_openai() as srv:
        write_http_project(tmp_path, srv.base_url, ", max_calls: 20, max_cost_usd: 1, price: {prompt: 1000}")
        assert run(tmp_path, env=env)[0] == 2
        assert "would make 24 calls, above its max_calls 20" in capsys.readouterr().err
        assert srv.stats.requests == 0
        assert run(tmp_path, "--max-calls", "23", env=env)[0] == 2  # the CLI's overall limit
        write_http_project(tmp_path, srv.base_url, ", max_calls: 30")
        assert run(tmp_path, "--max-cost-usd", "0", env=env)[0] == 0  # no price: estimated at $0
        assert srv.stats.requests == 24  # 12 items × 2 samples, each sample its own call
        write_http_project(tmp_path, srv.base_url, ", max_calls: 0")
        assert run(tmp_path, env=env)[0] == 0  # everything is cached now: nothing to pay for
        assert srv.stats.requests == 24
    samples = sorted((r["id"], r["sample"]) for r in items(tmp_path))
    assert samples == sorted((str(i), s) for i in range(12) for s in (0, 1))  # ids are strings
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert b"sk-very-secret-0042" not in path.read_bytes(), path


def test_spend_guard_estimates_cost_from_the_price_table(tmp_path, capsys):
    with serve_openai() as srv:
        write_http_project(tmp_path, srv.base_url, ", params: {max_tokens: 1000}, price: {completion: 100},"
                                                   " max_cost_usd: 1")
        assert run(tmp_path, env={"LLM_API_KEY": "k"})[0] == 2
        assert srv.stats.requests == 0
    err = capsys.readouterr().err
    assert "estimated at $2.40" in err and "24000 completion tokens" in err


def test_junit_report_has_one_testcase_per_gate(quickstart):
    assert run(quickstart, "--junit", str(quickstart / "junit.xml"))[0] == 0
    root = ET.parse(quickstart / "junit.xml").getroot()
    assert [c.get("name") for c in root.iter("testcase")] == ["gate exact_match", "suite checks"]
    assert root.get("tests") == "2" and root.get("failures") == "0"


GIT_ENV = {"GIT_AUTHOR_NAME": "dev", "GIT_AUTHOR_EMAIL": "dev@example.com", "GIT_COMMITTER_NAME": "dev",
           "GIT_COMMITTER_EMAIL": "dev@example.com", "HOME": "/tmp", "PATH": "/usr/bin:/bin:/usr/local/bin"}
# half the items (odd ids) now get a whole sentence, which is never an exact match
BREAK_HALF = ('{% if id[-1] in "13579" %}Answer in one full sentence.{% else %}Answer with a short phrase.'
              '{% endif %}')


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
                          env=GIT_ENV).stdout.strip()


def pull_request(root: Path, tmp_path: Path) -> tuple[str, str]:
    """The quickstart as a repository whose PR breaks half the answers; gated by max_drop only, so
    only a comparison with the base can fail it. Returns (base, head)."""
    config = root / "lmgate.yaml"
    config.write_text(config.read_text().replace("exact_match: {min: 0.5, max_drop: 0.05}",
                                                 "exact_match: {max_drop: 0.05}"))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    base = git(root, "rev-parse", "HEAD")
    prompt = root / "prompts/qa.j2"
    prompt.write_text(prompt.read_text().replace("Answer with a short phrase.", BREAK_HALF))
    git(root, "commit", "-qam", "break half the answers")
    return base, git(root, "rev-parse", "HEAD")


def pr_env(tmp_path: Path, base: str, head: str, name: str = "pull_request") -> dict[str, str]:
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"number": 3, "pull_request": {"number": 3, "base": {"sha": base, "ref": "main"},
                                                               "head": {"sha": head, "ref": "feature"}}}))
    return {"GITHUB_EVENT_NAME": name, "GITHUB_EVENT_PATH": str(event), "GITHUB_SHA": "f" * 40,
            "GITHUB_RUN_ID": "77"}


def test_a_pull_request_is_compared_with_its_base_with_no_flag(quickstart, tmp_path, capsys):
    base, head = pull_request(quickstart, tmp_path)
    assert run(quickstart)[0] == 0  # outside a PR nothing compares, and max_drop cannot fail
    assert "no baseline: absolute gates only (not a pull request's run" in capsys.readouterr().out
    assert result(quickstart)["no_baseline"].startswith("no baseline: absolute gates only")
    code, outputs = run(quickstart, env=pr_env(tmp_path, base, head))
    assert code == 1 and outputs["verdict"] == "fail"
    data = result(quickstart)
    assert data["baseline"] == {"ref": base, "sha": base} and data["no_baseline"] is None
    assert data["git"] == {"base_sha": base, "head_sha": head} and data["run_id"] == "77"  # not GITHUB_SHA
    em = data["suites"][0]["metrics"][0]
    assert em["change"] == "regression" and em["gate"]["verdict"] == "fail" and "max_drop" in em["gate"]["reason"]
    out = capsys.readouterr().out
    assert f"compared with the base {base[:12]}" in out and "regressed" in out


def test_a_shallow_checkout_fetches_the_base_commit(quickstart, tmp_path):
    base, head = pull_request(quickstart, tmp_path)
    git(tmp_path, "clone", "-q", "--bare", str(quickstart), "origin.git")
    git(tmp_path, "clone", "-q", "--depth=1", f"file://{tmp_path / 'origin.git'}", "work")
    work = tmp_path / "work"
    with pytest.raises(subprocess.CalledProcessError):
        git(work, "cat-file", "-e", f"{base}^{{commit}}")  # what actions/checkout leaves by default
    code, _ = run(work, env=pr_env(tmp_path, base, head))
    assert code == 1
    assert result(work)["baseline"]["sha"] == base


def test_a_base_that_cannot_be_fetched_is_said_loudly(quickstart, tmp_path, capsys):
    base, head = pull_request(quickstart, tmp_path)
    git(tmp_path, "clone", "-q", "--depth=1", f"file://{quickstart}", "work")
    work = tmp_path / "work"
    git(work, "remote", "set-url", "origin", str(tmp_path / "gone.git"))
    code, _ = run(work, env=pr_env(tmp_path, base, head, name="pull_request_target"))
    assert code == 0  # no comparison: only absolute gates, and this suite has none that fail
    data = result(work)
    assert data["baseline"] is None
    assert data["no_baseline"].startswith(f"no baseline: absolute gates only (the pull request's base {base[:12]} "
                                          "could not be evaluated")
    assert f"git fetch origin {base}" in data["no_baseline"]
    assert data["suites"][0]["no_baseline"] == data["no_baseline"]
    captured = capsys.readouterr()
    assert "no baseline: absolute gates only" in captured.out
    assert "warning" in captured.err and "fetch-depth: 0" in captured.err


def test_a_base_without_lmgate_yaml_says_the_pull_request_adds_it(quickstart, tmp_path, capsys):
    # the pull request that adds lmgate: its base exists, but has no lmgate.yaml (git fetch is no fix)
    git(quickstart, "init", "-q", "-b", "main")
    (quickstart / "README.md").write_text("an app\n")
    git(quickstart, "add", "README.md")
    git(quickstart, "commit", "-qm", "before lmgate")
    base = git(quickstart, "rev-parse", "HEAD")
    git(quickstart, "add", "-A")
    git(quickstart, "commit", "-qm", "add lmgate")
    run(quickstart, env=pr_env(tmp_path, base, git(quickstart, "rev-parse", "HEAD")))
    data = result(quickstart)
    assert data["no_baseline"] == (f"no baseline: absolute gates only (the pull request's base {base[:12]} has no "
                                   "lmgate.yaml (this pull request adds it))")
    err = capsys.readouterr().err
    assert "fetch-depth" not in err and "nothing to fix here" in err


def test_a_base_whose_own_prompt_cannot_run_is_named_in_the_base(quickstart, tmp_path, capsys):
    base, head = pull_request(quickstart, tmp_path)
    git(quickstart, "checkout", "-q", base)
    (quickstart / "prompts/qa.j2").write_text("Context: {context}\nQuestion: {{ question }}\n")
    git(quickstart, "commit", "-qam", "a broken base")
    broken = git(quickstart, "rev-parse", "HEAD")
    git(quickstart, "checkout", "-q", head)
    run(quickstart, env=pr_env(tmp_path, broken, head))
    data = result(quickstart)
    assert "'{context}' is not a placeholder jinja2 fills" in data["no_baseline"]
    assert "(in the base's prompts/qa.j2:1)" in data["no_baseline"] and "lmgate-base-" not in data["no_baseline"]
    err = capsys.readouterr().err
    assert "fetch-depth" not in err and "the base commit's own files cannot run" in err


def test_a_forks_workflow_run_says_why_it_has_no_base(tmp_path):
    # GitHub lists no pull request in a workflow_run payload when the PR comes from a fork: saying
    # "a workflow_run event is not a pull request" sent users looking for the wrong cause
    import argparse

    from lmgate.commands.eval import base_ref
    from lmgate.github.event import read_event

    args = argparse.Namespace(baseline_ref=None, baseline_results=None)
    payloads = {"fork": {"workflow_run": {"event": "pull_request", "pull_requests": [], "head_sha": "a" * 40}},
                "listed": {"workflow_run": {"event": "pull_request", "head_sha": "a" * 40, "pull_requests": [
                    {"number": 7, "base": {"sha": "b" * 40}, "head": {"sha": "a" * 40}}]}},
                "push": {"workflow_run": {"event": "push", "pull_requests": [], "head_sha": "a" * 40}}}
    said = {}
    for name, payload in payloads.items():
        (tmp_path / f"{name}.json").write_text(json.dumps(payload))
        said[name] = base_ref(args, read_event({"GITHUB_EVENT_NAME": "workflow_run",
                                                "GITHUB_EVENT_PATH": str(tmp_path / f"{name}.json")}))
    assert said["fork"][0] is None and "GitHub lists none for a fork's" in said["fork"][1]
    assert said["listed"] == ("b" * 40, None)
    assert said["push"][1].startswith("a workflow_run event is not a pull request")
