"""`lmgate validate` checks everything `eval` checks, without a model call, and lists every problem at once.

Each config below passed `validate` before (exit 0) and then failed or, worse, ran wrongly in `eval`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from fakes.openai_server import serve_openai
from lmgate.cli import main

GOOD = """\
version: 1
providers:
  m: {type: openai, base_url: "http://127.0.0.1:1/v1", model: x, api_key: "${LLM_API_KEY}"}
prompts: {qa: qa.j2}
datasets: {qa: qa.jsonl}
suites:
  - name: qa
    prompt: qa
    dataset: qa
    provider: m
    metrics: [exact_match, {contains: {value: "{{ expected }}"}}]
    gates: {exact_match: {min: 0.5}}
hallucination: {context: "{{ context }}"}
"""
ROWS = [{"id": "1", "question": "2+2?", "context": "maths", "expected": "4"},
        {"id": "2", "question": "3+3?", "context": "maths", "expected": "6"}]
KEY = {"LLM_API_KEY": "sk-test-key-123456"}


def project(tmp_path: Path, config: str = GOOD, prompt: str = "Q: {{ question }}\n", rows=ROWS) -> Path:
    (tmp_path / "lmgate.yaml").write_text(textwrap.dedent(config))
    (tmp_path / "qa.j2").write_text(prompt)
    (tmp_path / "qa.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return tmp_path


def validate(root: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lmgate", "validate"], cwd=root, capture_output=True, text=True,
                          env={**base_env(), **(env or {})}, timeout=120)


def base_env() -> dict:
    """A bare environment, but the same lmgate as this test (a worktree puts its src on PYTHONPATH)."""
    return {"PATH": "/usr/bin:/bin", **{k: os.environ[k] for k in ("PYTHONPATH",) if k in os.environ}}


def test_a_good_config_validates(tmp_path):
    out = validate(project(tmp_path), KEY)
    assert out.returncode == 0, out.stderr
    assert "qa: prompt qa × dataset qa → provider m" in out.stdout


def test_every_false_green_is_listed_at_once_with_file_line_and_fix(tmp_path):
    # (a misspelt provider type is a problem of the config's structure, refused at load with the
    # other structural ones: the options a provider takes depend on its type)
    config = (GOOD.replace("[exact_match,", "[exact_mach,")
              .replace("{{ context }}", "{{ contxt }}"))
    root = project(tmp_path, config, prompt="Q: {{ question }}\nHint: {{ hnt }}\n")
    out = validate(root, {"LLM_API_KEY": ""})
    assert out.returncode == 2, out
    assert "Traceback" not in out.stderr
    err = out.stderr
    expected = [
        ("lmgate.yaml:3:", "LLM_API_KEY is set but empty", "export LLM_API_KEY=..."),
        ("lmgate.yaml:11:", "unknown metric 'exact_mach'", "did you mean 'exact_match'?"),
        ("lmgate.yaml:12:", "gate on metric 'exact_match', which suite 'qa' does not compute",
         "did you mean 'exact_mach'?"),
        ("lmgate.yaml:13:", "uses 'contxt', which no row of dataset 'qa'", "did you mean 'context'?"),
        ("qa.j2:2:", "prompt 'qa' uses 'hnt', which no row of dataset 'qa' has", "fields of the dataset:"),
    ]
    assert err.startswith(f"lmgate: {len(expected)} problems:")
    for where, what, fix in expected:
        line = next((i for i, text in enumerate(err.splitlines()) if text.startswith(where) and what in text), None)
        assert line is not None, (where, what, err)
        assert fix in err.splitlines()[line + 1]



@pytest.mark.parametrize(("edit", "words"), [
    (lambda c, p: (c.replace("[exact_match,", "[exact_mach,"), p), "unknown metric 'exact_mach'"),
    (lambda c, p: (c.replace("type: openai", "type: opena"), p), "providers.m.type: 'opena' is not allowed"),
    (lambda c, p: (c, "Q: {{ quesion }}\n"), "uses 'quesion', which no row"),
    (lambda c, p: (c.replace("{{ context }}", "{{ contxt }}"), p), "uses 'contxt', which no row"),
    (lambda c, p: (c.replace("{{ expected }}", "{{ expectd }}"), p), "metric 'contains' uses 'expectd'"),
    (lambda c, p: (c.replace("gates: {exact_match:", "gates: {f1:"), p), "gate on metric 'f1'"),
    (lambda c, p: (c.replace("metrics: [", "metrics: [llm_rubric: {rubric: polite}, "), p),
     "judge provider 'judge' of metric 'llm_rubric' is not defined"),
    (lambda c, p: (c.replace("base_url: \"http://127.0.0.1:1/v1\", ", ""), p), "missing required key 'base_url'"),
    (lambda c, p: (c.replace("model: x", "model: x, target: app:answer"), p),
     "providers.m.target: unknown key 'target' for type 'openai'"),
    (lambda c, p: (c.replace("hallucination: {", "hallucination: {suites: [qaa], "), p),
     "hallucination.suites names 'qaa'"),
])
def test_each_false_green_alone_exits_2(tmp_path, edit, words):
    config, prompt = edit(GOOD, "Q: {{ question }}\n")
    out = validate(project(tmp_path, config, prompt), KEY)
    assert out.returncode == 2, out
    assert words in out.stderr and "Traceback" not in out.stderr


def test_an_empty_api_key_is_refused_like_an_unset_one(tmp_path):
    root = project(tmp_path)
    for env, words in (({}, "LLM_API_KEY is not set"), ({"LLM_API_KEY": ""}, "LLM_API_KEY is set but empty")):
        out = validate(root, env)
        assert out.returncode == 2 and words in out.stderr and "lmgate.yaml:3:" in out.stderr


def test_an_optional_variable_with_a_default_is_not_a_problem(tmp_path):
    prompt = "Q: {{ question }}{% if hint is defined %} ({{ hint }}){% endif %} {{ note | default('') }}\n"
    out = validate(project(tmp_path, prompt=prompt), KEY)
    assert out.returncode == 0, out.stderr


def test_a_variable_set_by_the_suite_vars_is_not_a_problem(tmp_path):
    config = GOOD.replace("    provider: m\n", "    provider: m\n    vars: {tone: polite}\n")
    out = validate(project(tmp_path, config, prompt="Be {{ tone }}. Q: {{ question }}\n"), KEY)
    assert out.returncode == 0, out.stderr


def make_hub_cache(cache: Path, repo: str, sha: str, path: str, text: str) -> None:
    """The layout huggingface_hub writes: refs/<rev> -> sha, snapshots/<sha>/<path>."""
    folder = cache / f"datasets--{repo.replace('/', '--')}"
    (folder / "refs").mkdir(parents=True)
    (folder / "refs" / "main").write_text(sha)
    target = folder / "snapshots" / sha / path
    target.parent.mkdir(parents=True)
    target.write_text(text)


def test_a_hub_dataset_is_checked_from_the_local_cache_or_said_to_be_unchecked(tmp_path):
    config = GOOD.replace("datasets: {qa: qa.jsonl}", "datasets: {qa: 'hf://datasets/acme/qa@main/test.jsonl'}")
    (tmp_path / "repo").mkdir()
    root = project(tmp_path / "repo", config, prompt="Q: {{ quesion }}\n")
    env = {**KEY, "HF_HUB_CACHE": str(tmp_path / "hub"), "HF_ENDPOINT": "http://127.0.0.1:1"}
    out = validate(root, env)  # not in the cache: no download, a notice, and the rest checked
    assert out.returncode == 0, out.stderr
    assert "dataset 'qa' was not checked" in out.stderr and "not in the local Hub cache" in out.stderr

    make_hub_cache(tmp_path / "hub", "acme/qa", "ab" * 20, "test.jsonl", "".join(json.dumps(r) + "\n" for r in ROWS))
    out = validate(root, env)
    assert out.returncode == 2 and "uses 'quesion', which no row of dataset 'qa' has" in out.stderr


def test_eval_runs_the_same_checks_before_any_model_call(tmp_path, capsys):
    with serve_openai() as server:
        # Before, eval ignored a gate on a metric the suite does not compute and ran every call.
        config = (GOOD.replace("http://127.0.0.1:1/v1", server.base_url).replace("gates: {exact_match:", "gates: {f1:")
                  .replace("{{ context }}", "{{ contxt }}"))
        root = project(tmp_path, config)
        code = main(["eval", "--config", str(root / "lmgate.yaml"), "--no-cache"], env=KEY)
        err = capsys.readouterr().err
        assert code == 2 and "2 problems:" in err
        assert "gate on metric 'f1'" in err and "uses 'contxt'" in err
        assert server.stats.requests == 0
        assert not (root / ".lmgate/results/eval.json").exists()


def test_skipped_rows_are_counted_with_their_lines_in_eval_json_and_the_terminal(tmp_path, capsys):
    rows = [*ROWS, {"id": "3", "context": "no question"}, {"id": "4", "question": "5+5?"}]
    config = (GOOD.replace("datasets: {qa: qa.jsonl}", "datasets: {qa: {path: qa.jsonl, on_bad_row: skip}}")
              .replace("hallucination: {context: \"{{ context }}\"}\n", ""))
    with serve_openai() as server:
        root = project(tmp_path, config.replace("http://127.0.0.1:1/v1", server.base_url), rows=rows)
        (root / "qa.jsonl").write_text((root / "qa.jsonl").read_text() + "not json\n")
        code = main(["eval", "--config", str(root / "lmgate.yaml"), "--no-cache"], env=KEY)
    assert code in (0, 1)
    suite = json.loads((root / ".lmgate/results/eval.json").read_text())["suites"][0]
    assert suite["n_items"] == 3
    note = "dataset 'qa': skipped 2 bad row(s) (lines 3, 5) (on_bad_row: skip)"
    assert note in suite["notes"]
    err = capsys.readouterr().err
    assert note in err and "qa.jsonl:3" in err and "qa.jsonl:5" in err


def test_a_variable_no_row_has_is_a_config_error_even_with_skip(tmp_path):
    # Before: every row lacked the field, `skip` skipped them all, and the gate passed on 0 items.
    config = GOOD.replace("datasets: {qa: qa.jsonl}", "datasets: {qa: {path: qa.jsonl, on_bad_row: skip}}")
    with serve_openai() as server:
        root = project(tmp_path, config.replace("http://127.0.0.1:1/v1", server.base_url),
                       prompt="Q: {{ question }} {{ passage }}\n")
        code = main(["eval", "--config", str(root / "lmgate.yaml"), "--no-cache"], env=KEY)
        assert code == 2 and server.stats.requests == 0
    out = validate(root, KEY)
    assert out.returncode == 2 and "qa.j2:1:" in out.stderr and "uses 'passage', which no row" in out.stderr


def test_a_dataset_with_no_usable_items_is_a_config_error(tmp_path):
    config = GOOD.replace("datasets: {qa: qa.jsonl}", "datasets: {qa: {path: qa.jsonl, on_bad_row: skip}}")
    rows = [{"id": "1", "context": "c", "expected": "e"}, {"id": "1", "question": "q", "expected": "e"},
            {"id": "1", "question": "again", "expected": "e"}]
    out = validate(project(tmp_path, config, rows=rows), KEY)
    assert out.returncode == 0, out.stderr  # one usable row: fine
    (tmp_path / "qa.jsonl").write_text("not json\n[1]\n")
    out = validate(tmp_path, KEY)
    assert out.returncode == 2 and "dataset 'qa' has no items (2 bad row(s) skipped)" in out.stderr


def test_unused_prompt_and_dataset_files_must_exist(tmp_path):
    config = GOOD.replace("prompts: {qa: qa.j2}", "prompts: {qa: qa.j2, old: old.j2}").replace(
        "datasets: {qa: qa.jsonl}", "datasets: {qa: qa.jsonl, old: old.jsonl}")
    out = validate(project(tmp_path, config), KEY)
    assert out.returncode == 2
    assert "lmgate.yaml:4:" in out.stderr and "prompt file 'old.j2' does not exist" in out.stderr
    assert "lmgate.yaml:5:" in out.stderr and "dataset file 'old.jsonl' does not exist" in out.stderr


def git(repo: Path, *args: str) -> None:
    env = {"GIT_AUTHOR_NAME": "dev", "GIT_AUTHOR_EMAIL": "dev@example.com", "GIT_COMMITTER_NAME": "dev",
           "GIT_COMMITTER_EMAIL": "dev@example.com", "HOME": "/tmp", "PATH": "/usr/bin:/bin:/usr/local/bin"}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def test_a_pull_request_that_fixes_the_base_configs_gate_is_not_failed_by_it(tmp_path):
    # The base's config gates a metric it does not compute (eval used to ignore that); the head fixes it.
    # The base side is run with the head's gates, so its own gates must not stop the comparison.
    with serve_openai() as server:
        good = GOOD.replace("http://127.0.0.1:1/v1", server.base_url)
        root = project(tmp_path, good.replace("gates: {exact_match:", "gates: {f1:"))
        git(root, "init", "-q", "-b", "main")
        git(root, "add", "-A")
        git(root, "commit", "-qm", "base")
        (root / "lmgate.yaml").write_text(good)
        code = main(["eval", "--config", str(root / "lmgate.yaml"), "--no-cache", "--baseline-ref", "HEAD"], env=KEY)
    assert code in (0, 1)
    result = json.loads((root / ".lmgate/results/eval.json").read_text())
    assert result["baseline"]["ref"] == "HEAD" and result["suites"][0]["metrics"][0]["base"] is not None


def test_validate_counts_items_and_names_the_rows_skip_will_skip(tmp_path):
    config = GOOD.replace("datasets: {qa: qa.jsonl}", "datasets: {qa: {path: qa.jsonl, on_bad_row: skip}}")
    root = project(tmp_path, config, rows=[*ROWS, {"id": "3", "context": "no question"}])
    (root / "qa.jsonl").write_text((root / "qa.jsonl").read_text() + "\nnot json\n")
    out = validate(root, KEY)
    assert out.returncode == 0, out.stderr
    assert "(repeats 1, 2 items)" in out.stdout
    note = "dataset 'qa': skipped 2 bad row(s) (lines 3, 5) (on_bad_row: skip)"
    assert f"note: {note}" in out.stdout and note in out.stderr


def test_prompt_text_written_where_a_path_belongs_is_named_as_text(tmp_path):
    out = validate(project(tmp_path, GOOD.replace("prompts: {qa: qa.j2}",
                                                  'prompts: {qa: "Q: {{ question }}", old: "Answer briefly"}')), KEY)
    assert out.returncode == 2
    assert "prompts.qa is a path to a prompt file, but 'Q: {{ question }}' reads like the prompt's text" in out.stderr
    assert "prompts.old is a path" in out.stderr and "`qa: prompts/qa.txt`" in out.stderr


@pytest.mark.parametrize("csv_text", ["id,question,expected\n", "id,question,expected\n1,only two\n"])
def test_a_csv_with_no_usable_row_still_names_the_variable_its_header_lacks(tmp_path, csv_text):
    # fields were read from the rows only: a header-only CSV (or one whose every row is bad) said
    # "no items" and nothing else, so the missing column came up only after the rows were written
    root = project(tmp_path, GOOD.replace("datasets: {qa: qa.jsonl}", "datasets: {qa: {path: qa.csv, "
                                          "on_bad_row: skip}}"), prompt="Q: {{ question }} in {{ topic }}\n")
    (root / "qa.csv").write_text(csv_text)
    out = validate(root, KEY)
    assert out.returncode == 2, out.stdout + out.stderr
    assert "has no items" in out.stderr and "uses 'topic'" in out.stderr, out.stderr
    assert "fields of the dataset: expected, id, question" in out.stderr, out.stderr
