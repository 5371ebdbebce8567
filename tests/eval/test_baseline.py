from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lmgate.errors import GitError, ResultsError
from lmgate.eval.baseline import check_baseline_results, materialize
from lmgate.results import write_result, write_text_atomic

from .recordgen import make_records

GIT_ENV = {"GIT_AUTHOR_NAME": "dev", "GIT_AUTHOR_EMAIL": "dev@example.com", "GIT_COMMITTER_NAME": "dev",
           "GIT_COMMITTER_EMAIL": "dev@example.com", "HOME": "/tmp", "PATH": "/usr/bin:/bin:/usr/local/bin"}


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env=GIT_ENV).stdout.strip()


@pytest.fixture
def repo(tmp_path) -> Path:
    repo = tmp_path / "repo"
    (repo / "prompts").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    (repo / "prompts" / "qa.j2").write_text("Answer: {{ question }}\n")
    (repo / "lmgate.yaml").write_text("version: 1\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    (repo / "prompts" / "qa.j2").write_text("Answer briefly: {{ question }}\n")
    (repo / "new.txt").write_text("only on head\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "head")
    return repo


def test_materialize_exports_the_tree_at_the_ref(repo, tmp_path):
    dest = tmp_path / "base"
    sha = materialize(repo, "HEAD~1", dest)
    assert sha == git(repo, "rev-parse", "HEAD~1") and len(sha) == 40
    assert (dest / "prompts" / "qa.j2").read_text() == "Answer: {{ question }}\n"
    assert not (dest / "new.txt").exists() and not (dest / ".git").exists()
    assert (repo / "prompts" / "qa.j2").read_text().startswith("Answer briefly")  # the checkout is untouched
    assert git(repo, "status", "--porcelain") == ""
    assert materialize(repo, "main", tmp_path / "head") == git(repo, "rev-parse", "HEAD")


def test_a_config_in_a_sub_folder_gets_that_folder_of_the_base(repo, tmp_path):
    (repo / "app").mkdir()
    (repo / "app" / "lmgate.yaml").write_text("version: 1  # app\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "app")
    sha = materialize(repo / "app", "HEAD", tmp_path / "base")
    assert sha == git(repo, "rev-parse", "HEAD")
    assert sorted(p.name for p in (tmp_path / "base").iterdir()) == ["lmgate.yaml"]
    with pytest.raises(GitError, match="does not exist at the base ref"):
        materialize(repo / "app", "HEAD~1", tmp_path / "older")


def test_unknown_ref_says_how_to_fetch_it(repo, tmp_path):
    with pytest.raises(GitError) as err:
        materialize(repo, "origin/does-not-exist", tmp_path / "base")
    assert err.value.exit_code == 2
    assert "does not exist" in err.value.message and "fetch-depth: 0" in err.value.fix
    with pytest.raises(GitError, match="not inside a git repository"):
        materialize(tmp_path / "base", "main", tmp_path / "elsewhere")
    with pytest.raises(GitError, match="not empty"):
        materialize(repo, "main", repo)


def stored(folder: Path, *, config_hash: str = "cfg", revision: str | None = "r1", shard=None) -> Path:
    records = make_records(10, base=False)
    suite = {"name": "qa", "dataset_revision": revision, "metrics": [], "verdict": "pass"}
    write_result(folder, "eval", {"suites": [suite], "shard": shard}, verdict="pass", config_hash=config_hash,
                 head_sha="d" * 40)
    write_text_atomic(folder / "eval-items.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    return folder


def test_stored_baseline_is_used_when_it_matches(tmp_path):
    got = check_baseline_results(stored(tmp_path / "b"), "cfg", {"qa": "r1"})
    assert got.sha == "d" * 40 and got.warnings == ()
    assert len(got.records) == 10 and {r["side"] for r in got.records} == {"base"}


def test_stored_baseline_from_another_setup_is_refused_unless_allowed(tmp_path):
    folder = stored(tmp_path / "b")
    with pytest.raises(ResultsError) as err:
        check_baseline_results(folder, "other-cfg", {"qa": "r1"})
    assert err.value.exit_code == 2 and "config hash" in err.value.message
    assert "--allow-baseline-mismatch" in err.value.fix
    with pytest.raises(ResultsError, match="dataset revision 'r1'"):
        check_baseline_results(folder, "cfg", {"qa": "r2"})
    allowed = check_baseline_results(folder, "other-cfg", {"qa": "r2"}, allow_mismatch=True)
    assert len(allowed.warnings) == 2 and len(allowed.records) == 10
    with pytest.raises(ResultsError, match=r"no eval\.json"):
        check_baseline_results(tmp_path / "empty", "cfg", {})
    with pytest.raises(ResultsError, match="one shard"):
        check_baseline_results(stored(tmp_path / "s", shard={"index": 1, "count": 2}), "cfg", {})


def test_cache_economy_only_the_changed_prompt_costs_calls(tmp_path):
    """20 prompts, 1 changed: with main's cache warm, head-vs-base calls the model for 5 items only."""
    from fakes.openai_server import serve_openai

    repo = tmp_path / "consumer"
    (repo / "prompts").mkdir(parents=True)
    (repo / "qa.jsonl").write_text("".join(json.dumps({"id": f"q{i}", "a": i, "b": i + 1}) + "\n" for i in range(5)))
    for p in range(20):
        (repo / "prompts" / f"p{p}.j2").write_text(f"Prompt {p}. What is {{{{ a }}}} plus {{{{ b }}}}?\n")
    with serve_openai() as server:
        suites = "".join(f"  - {{name: s{p}, prompt: p{p}, dataset: qa, provider: m, metrics: [is_json]}}\n"
                         for p in range(20))
        (repo / "lmgate.yaml").write_text(
            f"version: 1\nproviders: {{m: {{type: openai, base_url: '{server.base_url}', model: fake}}}}\n"
            "prompts: {" + ", ".join(f"p{p}: prompts/p{p}.j2" for p in range(20)) + "}\n"
            f"datasets: {{qa: qa.jsonl}}\nsuites:\n{suites}")
        git(repo, "init", "-q", "-b", "main")
        git(repo, "add", "-A")
        git(repo, "commit", "-qm", "main")

        def lmgate(*args: str) -> dict:
            done = subprocess.run([sys.executable, "-m", "lmgate", "eval", "--out", str(tmp_path / "out"), *args],
                                  cwd=repo, capture_output=True, text=True, timeout=120,
                                  env={"PATH": GIT_ENV["PATH"], "HOME": str(tmp_path)})
            assert done.returncode in (0, 1), done.stderr
            return json.loads((tmp_path / "out" / "eval.json").read_text())

        assert lmgate()["calls"]["made"] == 100  # main's run fills the cache (actions/cache keeps it)
        (repo / "prompts" / "p7.j2").write_text("Changed! What is {{ a }} plus {{ b }}?\n")
        git(repo, "commit", "-qam", "change one prompt")
        before = server.stats.requests
        result = lmgate("--baseline-ref", "HEAD~1")
    assert server.stats.requests - before == 5
    assert result["calls"] == {"made": 5, "cached": 195, "errors": 0}
    assert result["baseline"]["sha"] == git(repo, "rev-parse", "HEAD~1")
    assert all(s["metrics"][0]["base"]["n"] == 5 for s in result["suites"])


def test_eval_refuses_a_stored_baseline_from_another_config(quickstart, tmp_path):
    def lmgate(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "lmgate", "eval", "--no-cache", *args], cwd=quickstart,
                              capture_output=True, text=True, timeout=120,
                              env={"PATH": GIT_ENV["PATH"], "HOME": str(tmp_path)})

    assert lmgate("--out", str(tmp_path / "main")).returncode in (0, 1)
    config = quickstart / "lmgate.yaml"
    config.write_text(config.read_text().replace("min: 0.5", "min: 0.4"))
    refused = lmgate("--baseline-results", str(tmp_path / "main"), "--out", str(tmp_path / "pr"))
    assert refused.returncode == 2, refused.stderr
    assert "config hash" in refused.stderr and "--allow-baseline-mismatch" in refused.stderr
    assert not (tmp_path / "pr" / "eval.json").exists()
    allowed = lmgate("--baseline-results", str(tmp_path / "main"), "--allow-baseline-mismatch",
                     "--out", str(tmp_path / "pr"))
    assert allowed.returncode in (0, 1), allowed.stderr
    suite = json.loads((tmp_path / "pr" / "eval.json").read_text())["suites"][0]
    assert suite["metrics"][0]["base"]["n"] == suite["n_items"]


def test_a_base_tree_with_a_link_out_of_the_repository_is_refused(repo, tmp_path):
    (repo / "escape").symlink_to("/etc/passwd")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "link out")
    with pytest.raises(GitError, match="cannot export the base tree") as err:
        materialize(repo, "HEAD", tmp_path / "base")
    assert err.value.exit_code == 2
    assert not (tmp_path / "base" / "escape").exists()
