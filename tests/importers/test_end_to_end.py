"""`lmgate import promptfoo`, then `lmgate validate` and `lmgate eval` on the written config, unchanged,
against the loopback OpenAI server (no Node, no promptfoo: the comparison with promptfoo itself is
benchmarks/promptfoo_import.py's job)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from fakes.openai_server import serve_openai

CONFIG = """\
prompts:
  - file://prompts/ask.txt
  - file://prompts/chat.json
providers:
  - openai:chat:fake-model
defaultTest:
  vars: {persona: 'a "careful" tutor'}
  assert:
    - type: not-contains
      value: undefined
tests:
  - file://cases.csv
  - vars:
      question: ['What is JSON?', 'What is YAML?']
      answer: '{"ok": true}'
    assert:
      - type: is-json
      - type: python
        value: file://grade.py:ok_flag
      - type: javascript
        value: JSON.parse(output).ok === true
  - vars: {question: Spell it, answer: kitten}
    threshold: 0.5
    assert:
      - type: levenshtein
        value: sitting
        threshold: 2
      - type: similar
        value: kitten!
        threshold: 0.9
        weight: 2
      - type: starts-with
        value: kit
"""
FILES = {
    "prompts/ask.txt": "Question: {{ question }}\nANSWER: {{ answer }}\n",
    "prompts/chat.json": '[{"role": "system", "content": "You are {{ persona }}."},\n'
                         ' {"role": "user", "content": "{{ question }}\\nANSWER: {{ answer }}"}]\n',
    "cases.csv": 'question,answer,__expected1,__expected2\n'
                 'Capital of France?,Paris is the capital,icontains:paris,"contains-any:Rome,Paris"\n'
                 'Two plus two?,It is five,equals:It is 4,not-contains:five\n',
    "grade.py": textwrap.dedent("""\
        import json


        def ok_flag(output, context):
            return {"pass": json.loads(output)["ok"] is True, "score": 1, "reason": "ok flag"}
        """),
}


def answer(messages: list, body: dict) -> str:
    """The text after ANSWER: in the last message (what the prompts ask the model to say)."""
    return str(messages[-1]["content"]).split("ANSWER: ", 1)[-1]


def lmgate(args: list[str], cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lmgate", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)


def test_imported_suite_validates_and_evaluates_unchanged(tmp_path):
    (tmp_path / "promptfooconfig.yaml").write_text(CONFIG)
    for relative, text in FILES.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text)
    with serve_openai(answer=answer) as server:
        env = {**os.environ, "OPENAI_BASE_URL": server.base_url, "OPENAI_API_KEY": "sk-test-key-1234"}
        imported = lmgate(["import", "promptfoo"], tmp_path, env)
        assert imported.returncode == 0, imported.stdout + imported.stderr
        assert "everything was imported" in imported.stdout
        validated = lmgate(["validate"], tmp_path, env)
        assert validated.returncode == 0, validated.stdout + validated.stderr
        evaluated = lmgate(["eval", "--no-cache"], tmp_path, env)
        bodies = list(server.stats.bodies)
    # the second CSV row fails as in promptfoo, and the gate fails the run as promptfoo's exit 100 would
    assert evaluated.returncode == 1, evaluated.stdout + evaluated.stderr
    records = [json.loads(line) for line in (tmp_path / ".lmgate/results/eval-items.jsonl").read_text().splitlines()]
    assert len(records) == 10  # 5 tests (one list var of two values) × 2 prompts × 1 provider
    by_item = {(r["suite"], r["id"]): r for r in records}
    for suite in ("ask.fake-model", "chat.fake-model"):
        assert by_item[(suite, "t0")]["passed"] == {"not_contains": True, "icontains": True, "contains_any": True,
                                                    "test_pass": True}
        assert by_item[(suite, "t1")]["passed"] == {"not_contains": True, "equals": False, "not_contains_2": False,
                                                    "test_pass": False}
        for item in ("t2", "t3"):
            assert by_item[(suite, item)]["passed"] == {"not_contains": True, "is_json": True, "python": True,
                                                        "javascript": True, "test_pass": True}
        # distance 3 > 2 fails, but with weights the mean (1 + 0 + 2 × 0.943 + 1) / 5 passes the 0.5 threshold
        assert by_item[(suite, "t4")]["passed"] == {"not_contains": True, "levenshtein": False, "similar": True,
                                                    "starts_with": True, "test_pass": True}
    chats = [b["messages"] for b in bodies if "messages" in b]
    assert [{"role": "user", "content": "Question: Capital of France?\nANSWER: Paris is the capital"}] in chats
    assert [{"role": "system", "content": 'You are a "careful" tutor.'},
            {"role": "user", "content": "Capital of France?\nANSWER: Paris is the capital"}] in chats
    assert all(b.get("temperature") == 0 and b.get("max_tokens") == 1024 for b in bodies if "messages" in b)
    summary = json.loads((tmp_path / ".lmgate/results/eval.json").read_text())
    gates = {s["name"]: next(m for m in s["metrics"] if m["name"] == "test_pass") for s in summary["suites"]}
    assert {name: g["head"]["mean"] for name, g in gates.items()} == {"ask.fake-model": 0.8, "chat.fake-model": 0.8}
