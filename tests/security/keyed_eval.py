"""An eval run through the CLI against the fake OpenAI server, its API key read from $LLM_API_KEY:
the set-up of the tests that check no echo of the key reaches a file lmgate writes."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from fakes.openai_server import serve_openai
from lmgate.cli import main


def run_keyed_eval(root: Path, questions: Sequence[str], answer: Callable, *, key: str, contains: str,
                   args: Sequence[str] = (), env: Mapping[str, str] | None = None) -> int:
    """`lmgate eval` on one item per question (ids c0, c1, …), each answered by `answer(messages, body)`;
    the suite's one metric is `contains: {value: contains}`. Returns the exit code."""
    (root / "p.j2").write_text("{{ q }}")
    (root / "cases.jsonl").write_text("".join(json.dumps({"id": f"c{i}", "q": q}) + "\n"
                                              for i, q in enumerate(questions)))
    with serve_openai(answer=answer) as srv:
        (root / "lmgate.yaml").write_text(f"""version: 1
providers:
  m: {{type: openai, base_url: "{srv.base_url}", model: m, api_key: "${{LLM_API_KEY}}", retries: 0}}
prompts: {{p: p.j2}}
datasets: {{cases: cases.jsonl}}
suites:
  - {{name: s, prompt: p, dataset: cases, provider: m, metrics: [{{contains: {{value: {contains}}}}}]}}
""")
        return main(["eval", "--config", str(root / "lmgate.yaml"), *args], env={"LLM_API_KEY": key, **(env or {})})
