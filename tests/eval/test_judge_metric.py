"""llm_rubric inside a real `lmgate eval` run: the judge is another configured provider."""

from __future__ import annotations

import json
import subprocess
import sys

from fakes.openai_server import serve_openai


def judge_answer(messages, body):
    # The judge model: fails the answer spelled out in words, passes the other, with a JSON verdict.
    good = "seven" not in " ".join(m["content"] for m in messages)
    return json.dumps({"score": 1.0 if good else 0.0, "pass": good, "reason": "digits" if good else "words"})


def test_llm_rubric_scores_through_the_judge_provider(tmp_path):
    (tmp_path / "p.j2").write_text("{{ q }}\n")
    (tmp_path / "d.jsonl").write_text('{"id": "a", "q": "7"}\n{"id": "b", "q": "seven"}\n')
    with serve_openai(answer=judge_answer) as judge:
        (tmp_path / "lmgate.yaml").write_text(f"""
version: 1
providers:
  app: {{type: echo}}
  judge: {{type: openai, base_url: "{judge.base_url}", model: judge-model, api_key: "${{JUDGE_KEY:-k}}"}}
prompts: {{p: p.j2}}
datasets: {{d: d.jsonl}}
suites:
  - {{name: s, prompt: p, dataset: d, provider: app,
     metrics: [{{llm_rubric: {{rubric: "The answer is written with digits.", provider: judge}}}}]}}
""")
        out = subprocess.run([sys.executable, "-m", "lmgate", "eval", "--no-cache"], cwd=tmp_path,
                             capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        assert judge.stats.requests == 2
    items = {r["id"]: r for r in map(json.loads, (tmp_path / ".lmgate/results/eval-items.jsonl").open())}
    assert items["a"]["scores"]["llm_rubric"] == 1.0 and items["b"]["scores"]["llm_rubric"] == 0.0
    assert items["a"]["error"] is None


def test_undefined_judge_provider_is_a_config_error(tmp_path):
    (tmp_path / "p.j2").write_text("{{ q }}\n")
    (tmp_path / "d.jsonl").write_text('{"id": "a", "q": "7"}\n')
    (tmp_path / "lmgate.yaml").write_text("""
version: 1
providers: {app: {type: echo}}
prompts: {p: p.j2}
datasets: {d: d.jsonl}
suites:
  - {name: s, prompt: p, dataset: d, provider: app, metrics: [{llm_rubric: {rubric: "good", provider: nope}}]}
""")
    out = subprocess.run([sys.executable, "-m", "lmgate", "eval"], cwd=tmp_path, capture_output=True, text=True)
    assert out.returncode == 2 and "judge provider 'nope'" in out.stderr and "Traceback" not in out.stderr
