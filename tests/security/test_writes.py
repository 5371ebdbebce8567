"""Writes stay home (issue 16.2): lmgate never writes, or reads and echoes, through a link a pull
request committed; it refuses with exit 2 and names the link. One test per finding."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lmgate import paths
from lmgate.errors import InputError

PRECIOUS = "precious content that must survive\n"


def lmgate(cwd: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_", "LMGATE_"))}
    return subprocess.run([sys.executable, "-m", "lmgate", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=180, env={**base, "XDG_CACHE_HOME": str(cwd.parent / "xdg"), **(env or {})})


def outside_file(tmp_path: Path, name: str = "outside.txt") -> Path:
    target = tmp_path / "elsewhere" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(PRECIOUS)
    return target


def link(at: Path, target: Path) -> Path:
    at.parent.mkdir(parents=True, exist_ok=True)
    at.symlink_to(target)
    return at


def refused(done: subprocess.CompletedProcess, shown: str) -> None:
    assert done.returncode == 2, done.stdout + done.stderr
    assert f"'{shown}'" in done.stderr and "symbolic link" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_a_committed_state_folder_link_is_refused(quickstart, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link(quickstart / ".lmgate", elsewhere)
    (tmp_path / "answers.jsonl").write_text('{"response": "Paris", "context": "Paris is in France."}\n')
    refused(lmgate(quickstart, "hallucination", "score", "--input", str(tmp_path / "answers.jsonl"),
                   "--output", ".lmgate/scored.jsonl"), ".lmgate")
    refused(lmgate(quickstart, "eval"), ".lmgate")  # results_dir and cache_dir of the config go through it
    assert list(elsewhere.iterdir()) == []


def test_an_output_folder_link_is_refused(quickstart, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link(quickstart / "out", elsewhere)
    refused(lmgate(quickstart, "eval", "--out", "out/results"), "out")
    assert list(elsewhere.iterdir()) == []


def test_a_committed_items_file_link_is_refused_and_its_target_not_truncated(quickstart, tmp_path):
    target = outside_file(tmp_path)
    link(quickstart / ".lmgate/results/eval-items.jsonl", target)
    refused(lmgate(quickstart, "eval"), ".lmgate/results/eval-items.jsonl")
    assert target.read_text() == PRECIOUS


def test_a_committed_cache_file_link_is_refused(tmp_path):
    from fakes.openai_server import serve_openai

    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "p.j2").write_text("What is {{ a }} plus {{ b }}?")
    (repo / "cases.jsonl").write_text(json.dumps({"id": "c1", "a": 1, "b": 2}) + "\n")
    target = outside_file(tmp_path, "outside.sqlite3")
    link(repo / ".lmgate/cache/responses.sqlite3", target)
    with serve_openai() as server:
        (repo / "lmgate.yaml").write_text(f"""version: 1
providers: {{m: {{type: openai, base_url: "{server.base_url}", model: mock}}}}
prompts: {{add: p.j2}}
datasets: {{cases: cases.jsonl}}
suites: [{{name: add, prompt: add, dataset: cases, provider: m, metrics: [is_json]}}]
""")
        refused(lmgate(repo, "eval"), ".lmgate/cache/responses.sqlite3")
    assert target.read_text() == PRECIOUS


def test_a_committed_canary_lock_link_is_refused_and_its_target_not_truncated(quickstart, tmp_path):
    target = outside_file(tmp_path)
    link(quickstart / ".lmgate/canary/.state.json.lock", target)
    refused(lmgate(quickstart, "canary", "start", "--candidate", "v2"), ".lmgate/canary/.state.json.lock")
    assert target.read_text() == PRECIOUS


def test_a_lock_link_planted_in_the_shared_temp_folder_is_refused(tmp_path):
    target = outside_file(tmp_path)
    lock = link(tmp_path / "tmp" / "lmgate-split-0123.lock", target)
    with pytest.raises(InputError, match="symbolic link"), paths.locked(lock, root=lock.parent):
        pass
    assert target.read_text() == PRECIOUS


def test_a_committed_hallucination_journal_link_is_refused(quickstart, tmp_path):
    assert lmgate(quickstart, "eval").returncode in (0, 1)
    target = outside_file(tmp_path)
    link(quickstart / ".lmgate/results/hallucination-items.jsonl", target)
    refused(lmgate(quickstart, "hallucination"), ".lmgate/results/hallucination-items.jsonl")
    assert target.read_text() == PRECIOUS


def test_a_config_linked_outside_is_refused_without_echoing_the_file(quickstart, tmp_path):
    credentials = tmp_path / "home" / ".aws" / "credentials"
    credentials.parent.mkdir(parents=True)
    credentials.write_text("[default]\naws_secret_access_key: wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY\n")
    (quickstart / "lmgate.yaml").unlink()
    link(quickstart / "lmgate.yaml", credentials)
    for args in (["validate"], ["eval"], ["lint"]):
        done = lmgate(quickstart, *args)
        shown = done.stdout + done.stderr
        refused(done, "lmgate.yaml")
        assert "aws" not in shown and "wJalrXUtnFEMI" not in shown and "default" not in shown


@pytest.mark.parametrize("kind", ["prompt", "dataset"])
def test_a_prompt_or_dataset_linked_outside_is_refused_naming_the_link(quickstart, tmp_path, kind):
    rel = {"prompt": "prompts/qa.j2", "dataset": "evals/qa.jsonl"}[kind]
    target = outside_file(tmp_path)
    (quickstart / rel).unlink()
    link(quickstart / rel, target)
    done = lmgate(quickstart, "validate")
    assert done.returncode == 2 and f"leaves the repository through the symbolic link '{rel}'" in done.stderr, \
        done.stderr
    assert "precious" not in done.stdout + done.stderr


def test_a_canary_state_linked_outside_is_refused(quickstart, tmp_path):
    target = outside_file(tmp_path, "state.json")
    link(quickstart / ".lmgate/canary/state.json", target)
    done = lmgate(quickstart, "canary", "start", "--candidate", "v2")
    assert done.returncode == 2 and "through the symbolic link '.lmgate/canary/state.json'" in done.stderr, \
        done.stderr
    assert target.read_text() == PRECIOUS


def test_files_outside_every_root_are_written_as_given(tmp_path):
    """A path the caller chose outside the repository (`--output /dev/stdout`, $RUNNER_TEMP) is not refused."""
    root = tmp_path / "repo"
    root.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link(tmp_path / "via", elsewhere)
    paths.write_text_atomic(tmp_path / "via" / "report.md", "hello\n", root=root)
    assert (elsewhere / "report.md").read_text() == "hello\n"
