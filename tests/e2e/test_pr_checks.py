"""llm-pr-checks.yml run for real under act: a PR that improves, one that regresses and is pushed again,
and one that only the comparison with the base (found with no input) can fail."""

from __future__ import annotations

import pytest
from e2e_artifacts import with_artifact_store
from e2e_support import (
    API_KEY,
    BOT,
    BREAK_HALF,
    LONG,
    MARKER,
    SHORT,
    WRITE_TOKEN,
    n_items,
    prompt_with,
    read_json,
    step_summaries,
    template,
)

from harness import pr_event

pytestmark = pytest.mark.act


def run_checks(act, repo, github, store, event, token=WRITE_TOKEN, model=None):
    secrets, env = {"GITHUB_TOKEN": token}, {"GITHUB_API_URL": github.url, "E2E_ARTIFACTS": str(store)}
    if model is not None:
        secrets["LLM_API_KEY"], env["LLM_BASE_URL"] = API_KEY, model.base_url
    return act.run(repo, with_artifact_store(template("llm-pr-checks.yml")), event, secrets=secrets, env=env,
                   name="llm-checks")


def lmgate_comments(github, number):
    return [c for c in github.issue_comments(number) if MARKER in c["body"] and c["user"]["login"] == BOT]


def test_improving_pr_passes_every_gate_and_gets_a_comment(act, consumer, github, model_server, tmp_path):
    repo = consumer(LONG, model=True)  # the base answers in whole sentences: exact_match 0
    base = repo.commit({}, "base")
    head = repo.commit(prompt_with(repo, SHORT), "answer with a short phrase")
    store = tmp_path / "artifacts"
    result = run_checks(act, repo, github, store, pr_event(7, base, head), model=model_server)
    assert result.returncode == 0, "\n".join(map(str, [result.steps(), *result.annotations()]))
    assert set(result.job_results().values()) == {"success"}
    steps = result.steps()
    for step in ("lint", "eval", "hallucination", "comment"):
        assert steps[step] == "success", (step, steps)
    outputs = result.outputs()
    assert outputs["verdict"] == "pass"
    [comment] = lmgate_comments(github, 7)
    headline = comment["body"].splitlines()[1]
    assert "passed" in headline and "❌" not in headline, headline  # lint warnings may leave a ⚠️
    assert "🔺 improved" in comment["body"]
    assert outputs["comment-id"] == str(comment["id"])
    # the artifact holds every stage's result, computed on this head
    results = store / "lmgate-results"
    for stage in ("lint", "eval", "hallucination"):
        assert read_json(results / f"{stage}.json")["git"]["head_sha"] == head, stage
    assert read_json(results / "eval.json")["git"]["base_sha"] == base
    assert "🔺 improved" in step_summaries(result)["llm-checks"]  # the long report goes to the summary too
    # the model suite went over HTTP with the secret key (retrying the 429s), which is nowhere in the output
    stats = model_server.stats
    retried = sum(stats.faults.values())
    assert retried > 0 and stats.requests == 2 * n_items(repo) + retried, (stats.requests, stats.faults)
    assert set(stats.auth_headers) == {f"Bearer {API_KEY}"}
    assert [s["name"] for s in read_json(results / "eval.json")["suites"]] == ["qa", "qa-model"]
    assert "qa-model" in comment["body"] and API_KEY not in comment["body"]
    assert not [p for p in results.iterdir() if API_KEY in p.read_text()]
    assert API_KEY not in result.log()


def test_regressing_pr_fails_and_a_second_push_updates_the_same_comment(act, consumer, github, tmp_path):
    repo = consumer(SHORT)
    base = repo.commit({}, "base")
    head = repo.commit(prompt_with(repo, LONG), "answer in full sentences")
    store = tmp_path / "artifacts"
    result = run_checks(act, repo, github, store, pr_event(8, base, head))
    assert result.returncode != 0
    assert result.job_results() == {"llm-checks": "failure"}, result.log()[-4000:]
    assert result.steps()["eval"] == "failure" and result.steps()["comment"] == "failure"
    assert result.outputs()["verdict"] == "fail"
    [first] = lmgate_comments(github, 8)
    body = first["body"]
    assert "lmgate ❌ failed" in body and "❌ evaluation" in body and "🔻 regressed" in body
    assert "items flipped pass → fail" in body
    for item in ("q01", "q03", "q11"):  # answers that lost their exact match
        assert f"| {item} | exact\\_match |" in body, item
    assert read_json(store / "lmgate-results" / "eval.json")["verdict"] == "fail"

    head2 = repo.commit(prompt_with(repo, "Answer with one complete sentence."), "reword")
    result = run_checks(act, repo, github, store, pr_event(8, base, head2))
    assert result.job_results() == {"llm-checks": "failure"}, result.log()[-4000:]
    [second] = lmgate_comments(github, 8)
    assert second["id"] == first["id"]
    assert second["body"] != body and "regressed" in second["body"] and head2[:7] in second["body"]
    assert len(github.issue_comments(8)) == 1
    assert read_json(store / "lmgate-results" / "eval.json")["git"]["head_sha"] == head2


def test_a_pr_that_breaks_half_the_answers_fails_with_no_baseline_input_anywhere(act, consumer, github, tmp_path):
    """Only the comparison with the base can fail this PR: the gate is `max_drop` alone. Neither the
    template nor the action is told the base; the eval finds it in the pull request event."""
    workflow = template("llm-pr-checks.yml")
    assert "baseline-ref" not in workflow and "base.sha" not in workflow and "base_ref" not in workflow
    repo = consumer(SHORT)
    config = (repo.path / "lmgate.yaml").read_text()
    assert "exact_match: {min: 0.5, max_drop: 0.05}" in config
    base = repo.commit({"lmgate.yaml": config.replace("exact_match: {min: 0.5, max_drop: 0.05}",
                                                      "exact_match: {max_drop: 0.05}")}, "base")
    prompt = (repo.path / "prompts" / "qa.j2").read_text()
    head = repo.commit({"prompts/qa.j2": prompt.replace(SHORT, BREAK_HALF)}, "answer half in full sentences")
    store = tmp_path / "artifacts"
    result = run_checks(act, repo, github, store, pr_event(14, base, head))
    assert result.job_results() == {"llm-checks": "failure"}, result.log()[-4000:]
    assert result.steps()["eval"] == "failure" and result.outputs()["verdict"] == "fail"
    data = read_json(store / "lmgate-results" / "eval.json")
    assert data["baseline"]["sha"] == base and data["no_baseline"] is None
    em = data["suites"][0]["metrics"][0]
    assert em["name"] == "exact_match" and em["change"] == "regression"
    assert em["head"]["mean"] < em["base"]["mean"] - 0.2 and em["head"]["mean"] > 0.1  # about half were broken
    assert em["gate"]["verdict"] == "fail" and "max_drop 0.05" in em["gate"]["reason"]
    [comment] = lmgate_comments(github, 14)
    assert "🔻 regressed" in comment["body"] and f"Evaluation against `{base[:12]}`" in comment["body"]
